//! An exclusive lock on one output folder, so two builds into it take turns. The
//! lock is a file beside the output (`.<name>.sitroom-lock`): it cannot live inside a
//! folder that gets swapped out. It holds the pid of the build that owns it.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use anyhow::Context as _;

/// Held while a build cleans, stages and swaps one output folder; released on drop.
pub struct Lock {
    path: PathBuf,
    /// `None` when the file system cannot lock files: the build goes on unlocked.
    file: Option<File>,
}

impl Lock {
    /// Takes the lock at `path`, waiting (and saying so on stderr) while another build
    /// holds it. `out` is the output folder as the user named it, for the message.
    pub fn acquire(path: PathBuf, out: &Path) -> anyhow::Result<Lock> {
        let mut announced = false;
        loop {
            // Never follow a link planted at the lock's name: the pid written below
            // would overwrite whatever it points at.
            if fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
                anyhow::bail!(
                    "`{}` is not a plain file: it is where sitroom keeps the lock of `{}`\n  hint: remove it, then build again",
                    path.display(),
                    out.display()
                );
            }
            let file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .with_context(|| format!("cannot open the lock file `{}`", path.display()))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    if !announced {
                        announced = true;
                        let holder = fs::read_to_string(&path)
                            .ok()
                            .and_then(|s| s.trim().parse::<u32>().ok())
                            .map_or_else(|| "another build".to_string(), |p| format!("build {p}"));
                        eprintln!("waiting for {holder} to finish writing {}…", out.display());
                    }
                    file.lock()
                        .with_context(|| format!("cannot lock `{}`", path.display()))?;
                }
                Err(TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                    eprintln!(
                        "warning: this file system cannot lock `{}`; two builds into `{}` at once may clash",
                        path.display(),
                        out.display()
                    );
                    return Ok(Lock { path, file: None });
                }
                Err(TryLockError::Error(e)) => {
                    return Err(e).with_context(|| format!("cannot lock `{}`", path.display()));
                }
            }
            // The previous holder removes the file as it lets go; a lock on a removed
            // file guards nothing, so start again with the file now at `path`.
            if is_current(&file, &path) {
                let mut writer = &file;
                // The pid is only a courtesy for the message of a waiting build.
                let _ = file
                    .set_len(0)
                    .and_then(|()| writeln!(writer, "{}", std::process::id()));
                return Ok(Lock {
                    path,
                    file: Some(file),
                });
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Remove the file while still holding the lock (the file is closed, which
        // releases it, only after this), so no litter stays beside the output. A
        // waiting build notices the removal in `is_current` and locks afresh. Windows
        // cannot remove an open file; there the file stays, which is harmless.
        if self.file.is_some() && cfg!(unix) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Whether `file` is still the file at `path` (not one removed since it was opened).
#[cfg(unix)]
fn is_current(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_current(_: &File, _: &Path) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_file_names_its_holder_and_goes_away_on_release() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join(".public.sitroom-lock");
        let lock = Lock::acquire(path.clone(), &tmp.path().join("public")).unwrap();
        assert_eq!(
            fs::read_to_string(&path).unwrap().trim(),
            std::process::id().to_string()
        );
        // A second handle cannot take it while it is held.
        let other = File::open(&path).unwrap();
        assert!(matches!(other.try_lock(), Err(TryLockError::WouldBlock)));
        drop(other);
        drop(lock);
        assert_eq!(path.exists(), !cfg!(unix));
    }

    #[test]
    fn a_stale_lock_file_left_by_a_killed_build_does_not_block() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join(".public.sitroom-lock");
        fs::write(&path, "999999\n").unwrap();
        let _lock = Lock::acquire(path.clone(), &tmp.path().join("public")).unwrap();
        assert_eq!(
            fs::read_to_string(&path).unwrap().trim(),
            std::process::id().to_string()
        );
    }
}
