//! The only writer: rendered files and static copies go into a fresh staging folder
//! beside the output, which is swapped in only when everything is written, so a
//! failed build never leaves a half-written site.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context as _;
use rayon::prelude::*;
use tempfile::TempDir;

use crate::render::{Output, Sink};
use crate::source::Entry;

/// Refuses an output folder whose replacement would destroy the site itself: the
/// site folder, a folder containing it, or its content, templates or static files.
pub fn check_target(root: &Path, out_dir: &Path) -> anyhow::Result<()> {
    let absolute = |p: &Path| -> PathBuf {
        if let Ok(c) = p.canonicalize() {
            return c;
        }
        // Not there yet: resolve the parent, keep the name.
        match (p.parent(), p.file_name()) {
            (Some(parent), Some(name)) => {
                let parent = if parent.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    parent
                };
                parent
                    .canonicalize()
                    .map_or_else(|_| p.to_path_buf(), |c| c.join(name))
            }
            _ => p.to_path_buf(),
        }
    };
    let (root, out) = (absolute(root), absolute(out_dir));
    let protected = ["content", "templates", "static", "site.yaml"].map(|d| root.join(d));
    if root.starts_with(&out) || protected.iter().any(|p| out.starts_with(p)) {
        anyhow::bail!(
            "refusing to write the site into `{}`: that would replace the site's own files\n  hint: choose an output folder of its own, e.g. --output {}",
            out_dir.display(),
            root.join("public").display()
        );
    }
    if out.exists() && !out.is_dir() {
        anyhow::bail!(
            "`{}` is a file, not a folder\n  hint: choose another --output",
            out_dir.display()
        );
    }
    Ok(())
}

/// A staging folder that becomes the output folder on `commit`, and disappears if
/// dropped before that.
pub struct Staging {
    dir: TempDir,
    out_dir: PathBuf,
    made: Mutex<HashSet<PathBuf>>,
}

impl Staging {
    pub fn new(out_dir: &Path) -> anyhow::Result<Staging> {
        let parent = match out_dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create `{}`", parent.display()))?;
        let name = out_dir
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.sitroom-"))
            .tempdir_in(&parent)
            .with_context(|| {
                format!("cannot create a temporary folder in `{}`", parent.display())
            })?;
        Ok(Staging {
            dir,
            out_dir: out_dir.to_path_buf(),
            made: Mutex::new(HashSet::new()),
        })
    }

    /// Creates the folder for `rel` once, however many files it holds.
    fn ensure_parent(&self, rel: &str) -> anyhow::Result<PathBuf> {
        let target = self.dir.path().join(rel);
        if let Some(parent) = Path::new(rel)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
        {
            // Create the folder while holding the lock: a thread that finds the folder
            // already recorded must be able to write into it at once. (Creating it after
            // releasing the lock let two pages of one folder, such as an actor's
            // index.html and atom.xml, race, and the loser failed with ENOENT.)
            let mut made = self
                .made
                .lock()
                .map_err(|_| anyhow::anyhow!("a writer thread panicked"))?;
            if !made.contains(parent) {
                fs::create_dir_all(self.dir.path().join(parent))
                    .with_context(|| format!("cannot create `{}`", parent.display()))?;
                made.insert(parent.to_path_buf());
            }
        }
        Ok(target)
    }

    /// Copies the site's static files as they are.
    pub fn copy_statics(&self, statics: &[(String, Entry)]) -> anyhow::Result<usize> {
        statics.par_iter().try_for_each(|(rel, entry)| {
            let target = self.ensure_parent(rel)?;
            fs::copy(&entry.abs, target)
                .map(|_| ())
                .with_context(|| format!("cannot copy `{}`", entry.path.display()))
        })?;
        Ok(statics.len())
    }

    /// Swaps the staging folder in as the output folder.
    pub fn commit(self) -> anyhow::Result<()> {
        swap(self.dir.keep(), &self.out_dir)
    }
}

impl Sink for Staging {
    fn put(&self, path: String, bytes: Vec<u8>) -> anyhow::Result<()> {
        let target = self.ensure_parent(&path)?;
        fs::write(&target, bytes).with_context(|| format!("cannot write `{path}`"))
    }
}

/// Writes an in-memory site and the static files into `out_dir` (staged, then
/// swapped in). Returns the number of files written.
pub fn write(out_dir: &Path, files: &Output, statics: &[(String, Entry)]) -> anyhow::Result<usize> {
    let staging = Staging::new(out_dir)?;
    files
        .par_iter()
        .try_for_each(|(rel, bytes)| staging.put(rel.clone(), bytes.clone()))?;
    let copied = staging.copy_statics(statics)?;
    staging.commit()?;
    Ok(files.len() + copied)
}

/// Replaces `out_dir` with `new_dir`: the old folder is moved aside, the new one
/// renamed into place, then the old one removed.
fn swap(new_dir: PathBuf, out_dir: &Path) -> anyhow::Result<()> {
    let old = out_dir.exists().then(|| {
        let mut aside = out_dir.as_os_str().to_owned();
        aside.push(format!(".old-{}", std::process::id()));
        PathBuf::from(aside)
    });
    if let Some(old) = &old {
        fs::rename(out_dir, old)
            .with_context(|| format!("cannot move the old `{}` aside", out_dir.display()))?;
    }
    if let Err(e) = fs::rename(&new_dir, out_dir) {
        if let Some(old) = &old {
            let _ = fs::rename(old, out_dir);
        }
        let _ = fs::remove_dir_all(&new_dir);
        return Err(e)
            .with_context(|| format!("cannot move the new site into `{}`", out_dir.display()));
    }
    if let Some(old) = old {
        fs::remove_dir_all(&old).with_context(|| format!("cannot remove `{}`", old.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: two files of one new folder written at once (an actor's
    /// `index.html` and `atom.xml`) failed with "No such file or directory" when the
    /// second writer saw the folder recorded before the first had created it.
    #[test]
    fn refuses_outputs_that_would_replace_the_site() {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("content/briefings")).unwrap();
        for bad in ["", "content", "content/briefings", "templates"] {
            assert!(
                check_target(site.path(), &site.path().join(bad)).is_err(),
                "{bad}"
            );
        }
        assert!(check_target(site.path(), site.path().parent().unwrap()).is_err());
        assert!(check_target(site.path(), &site.path().join("public")).is_ok());
        assert!(check_target(site.path(), &site.path().join("contents")).is_ok());
    }

    #[test]
    fn parallel_writes_into_one_new_folder_all_succeed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let staging = Staging::new(&out).unwrap();
        let files: Vec<String> = (0..400)
            .flat_map(|i| [format!("a/{i}/index.html"), format!("a/{i}/atom.xml")])
            .collect();
        files
            .par_iter()
            .try_for_each(|f| staging.put(f.clone(), b"x".to_vec()))
            .unwrap();
        staging.commit().unwrap();
        assert!(files.iter().all(|f| out.join(f).is_file()));
    }
}
