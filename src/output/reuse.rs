//! Keeping unchanged files: a file whose new bytes equal those of the same file in
//! the previous output is hard-linked from there into the staging folder instead of
//! written again, so it keeps its bytes, inode and modification time, and `rsync -a`
//! or a bucket sync uploads only what changed.
//!
//! "Equal" is always decided by the bytes themselves (the old file is read and
//! compared), never by a record of an earlier build that could be stale or edited:
//! nothing about the previous output can change what the new one holds. Only a
//! previous output sitroom wrote (it carries the marker) is reused, and of it only
//! plain files reached without following a symbolic link, that nothing outside the
//! output links to (a link count of one), and whose permissions are those the new
//! file would get (a new file's for a page, the source's for a static file).

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context as _;

/// The plain files of the previous output, by their path inside it (`/`-separated).
pub(super) struct Previous {
    root: PathBuf,
    files: HashMap<String, Old>,
    /// The permissions a new file gets: a page is kept only if its old file has them.
    fresh: u32,
    /// Cleared after the first link that fails for a reason other than a name
    /// already taken (another file system, one without links): from then on, an
    /// identical file is copied and given its old modification time instead.
    links_work: AtomicBool,
}

/// What the previous output's listing says about one of its files.
#[derive(Clone, Copy)]
struct Old {
    len: u64,
    mode: u32,
}

impl Previous {
    /// Lists the plain files of `out` if it is an output sitroom wrote; an empty
    /// listing otherwise (missing, not marked, unreadable). `fresh` is a file just
    /// written into the staging folder: its permissions are the ones a new file gets.
    pub(super) fn scan(out: &Path, fresh: &Path) -> Previous {
        let mut previous = Previous {
            root: out.to_path_buf(),
            files: HashMap::new(),
            fresh: 0,
            links_work: AtomicBool::new(true),
        };
        let marked = fs::symlink_metadata(out.join(super::MARKER)).is_ok_and(|m| m.is_file());
        let Ok(fresh) = fs::metadata(fresh).map(|m| mode(&m)) else {
            return previous;
        };
        previous.fresh = fresh;
        if !marked {
            return previous;
        }
        // Symbolic links are listed as such, never followed, so no file outside the
        // output is ever taken for one of its own.
        for entry in walkdir::WalkDir::new(out).follow_links(false).min_depth(1) {
            let Ok(entry) = entry else { continue };
            let Ok(meta) = entry.metadata() else { continue };
            if !meta.is_file() || links(&meta) != 1 {
                continue;
            }
            let rel = entry.path().strip_prefix(out).ok().and_then(slash_path);
            if let Some(rel) = rel {
                previous.files.insert(
                    rel,
                    Old {
                        len: meta.len(),
                        mode: mode(&meta),
                    },
                );
            }
        }
        previous
    }

    /// How many files the previous output offers for reuse.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.files.len()
    }

    /// The bytes of the previous output's `rel` if they hash to `hash`.
    pub(super) fn bytes_if(&self, rel: &str, hash: u128) -> Option<Vec<u8>> {
        self.files.get(rel)?;
        let bytes = fs::read(self.root.join(rel)).ok()?;
        (crate::cache::hash(&bytes) == hash).then_some(bytes)
    }

    /// Puts the previous output's `rel` in place as the staged file `target` if its
    /// bytes hash to `hash` (read through the hash, never held whole).
    pub(super) fn keep_hashed(&self, rel: &str, target: &Path, hash: u128) -> bool {
        self.files
            .get(rel)
            .is_some_and(|old| old.mode == self.fresh)
            && self.keep(rel, target, |file| {
                let mut hasher = crate::cache::Hasher::new();
                io::copy(file, &mut hasher)?;
                Ok(hasher.finish() == hash)
            })
    }

    /// [`Previous::put`] for bytes just read from the previous output's `rel`
    /// (and checked against the build cache's hash): kept without comparing.
    pub(super) fn put_checked(&self, rel: &str, target: &Path, bytes: &[u8]) -> anyhow::Result<()> {
        if let Some(old) = self.files.get(rel)
            && old.len == bytes.len() as u64
            && old.mode == self.fresh
            && self.keep(rel, target, |_| Ok(true))
        {
            return Ok(());
        }
        self.put(rel, target, bytes)
    }

    /// Writes `bytes` as the staged file `target` (the output's `rel`), linking the
    /// previous output's file instead if it holds exactly these bytes.
    pub(super) fn put(&self, rel: &str, target: &Path, bytes: &[u8]) -> anyhow::Result<()> {
        if let Some(old) = self.files.get(rel)
            && old.len == bytes.len() as u64
            && old.mode == self.fresh
            && self.keep(rel, target, |f| same_as_bytes(f, bytes))
        {
            return Ok(());
        }
        write_fresh(target, bytes).with_context(|| format!("cannot write `{rel}`"))
    }

    /// Writes the staged file `target` (the output's `rel`) through `write`, then
    /// puts the previous output's file in its place if that holds the same bytes.
    pub(super) fn put_with(
        &self,
        rel: &str,
        target: &Path,
        write: &dyn Fn(&mut dyn io::Write) -> io::Result<()>,
    ) -> anyhow::Result<()> {
        let written = (|| -> io::Result<u64> {
            let mut out = io::BufWriter::with_capacity(BLOCK, create_fresh(target)?);
            write(&mut out)?;
            out.into_inner()
                .map_err(io::IntoInnerError::into_error)?
                .metadata()
                .map(|m| m.len())
        })();
        let len = written.with_context(|| format!("cannot write `{rel}`"))?;
        if let Some(old) = self.files.get(rel)
            && old.len == len
            && old.mode == self.fresh
        {
            // Linked over the staged file if equal; left as written if not.
            self.keep(rel, target, |f| {
                File::open(target).and_then(|mut new| same_as_reader(f, &mut new))
            });
        }
        Ok(())
    }

    /// Copies the file `source` (a static file of the site) as the staged file
    /// `target`, linking the previous output's file instead if it is identical:
    /// same bytes and same permissions.
    pub(super) fn copy(&self, rel: &str, target: &Path, source: &Path) -> anyhow::Result<()> {
        let meta = fs::metadata(source)?;
        if let Some(old) = self.files.get(rel)
            && old.len == meta.len()
            && old.mode == mode(&meta)
            && self.keep(rel, target, |f| {
                File::open(source).and_then(|mut s| same_as_reader(f, &mut s))
            })
        {
            return Ok(());
        }
        clear(target)?;
        fs::copy(source, target)?;
        Ok(())
    }

    /// Keeps the previous output's `rel` as `target` if `same` finds its bytes equal
    /// to the new ones: by a hard link, or failing that by a copy that is given the
    /// old modification time. False if the file differs or cannot be read or kept.
    fn keep(&self, rel: &str, target: &Path, same: impl Fn(&mut File) -> io::Result<bool>) -> bool {
        let old = self.root.join(rel);
        let Ok(mut file) = File::open(&old) else {
            return false;
        };
        if !same(&mut file).unwrap_or(false) {
            return false;
        }
        if self.links_work.load(Ordering::Relaxed) {
            match link(&old, target) {
                Ok(()) => return true,
                // Gone since it was opened: the open file can still be copied.
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(_) => self.links_work.store(false, Ordering::Relaxed),
            }
        }
        copy_keeping_time(&mut file, target).is_ok()
    }
}

/// Hard-links `old` as `target`, replacing a file already staged under that name.
fn link(old: &Path, target: &Path) -> io::Result<()> {
    match fs::hard_link(old, target) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            fs::remove_file(target)?;
            fs::hard_link(old, target)
        }
        other => other,
    }
}

/// Copies the open file `old` (read from its start) as `target`, with its
/// modification time.
fn copy_keeping_time(old: &mut File, target: &Path) -> io::Result<()> {
    use std::io::Seek as _;
    let modified = old.metadata()?.modified()?;
    old.rewind()?;
    clear(target)?;
    let mut new = File::create_new(target)?;
    io::copy(old, &mut new)?;
    new.set_modified(modified)
}

/// Removes a file already staged at `target`, if any. Every write into the staging
/// folder makes a new file: opening one that may be a hard link to the previous
/// output would change the previous output's file as well.
fn clear(target: &Path) -> io::Result<()> {
    match fs::remove_file(target) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Writes `bytes` as a new file `target` (see [`clear`]).
fn write_fresh(target: &Path, bytes: &[u8]) -> io::Result<()> {
    create_fresh(target)?.write_all(bytes)
}

/// Creates `target` as a new file, removing one staged there before (see [`clear`]).
fn create_fresh(target: &Path) -> io::Result<File> {
    match File::create_new(target) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            clear(target)?;
            File::create_new(target)
        }
        other => other,
    }
}

/// The size of the blocks files are compared in.
const BLOCK: usize = 64 * 1024;

/// Whether `reader` yields exactly `bytes`, read in blocks so a big data file is
/// never held twice (and a small file in one read, plus one that finds its end).
fn same_as_bytes(reader: &mut impl io::Read, bytes: &[u8]) -> io::Result<bool> {
    let mut buf = vec![0; BLOCK.min(bytes.len() + 1)];
    let mut rest = bytes;
    loop {
        let n = fill(reader, &mut buf)?;
        if n > rest.len() || buf[..n] != rest[..n] {
            return Ok(false);
        }
        rest = &rest[n..];
        if n < buf.len() {
            return Ok(rest.is_empty());
        }
    }
}

/// Whether the two readers yield the same bytes.
fn same_as_reader(a: &mut impl io::Read, b: &mut impl io::Read) -> io::Result<bool> {
    let (mut x, mut y) = (vec![0; BLOCK], vec![0; BLOCK]);
    loop {
        let n = fill(a, &mut x)?;
        let m = fill(b, &mut y)?;
        if x[..n] != y[..m] {
            return Ok(false);
        }
        if n < BLOCK {
            return Ok(true);
        }
    }
}

/// Reads until `buf` is full or the reader ends; returns how much was read.
fn fill(r: &mut impl io::Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// `rel` as the `/`-separated path the renderer uses; `None` if not UTF-8.
fn slash_path(rel: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    parts.map(|p| p.join("/"))
}

#[cfg(unix)]
fn mode(meta: &fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    meta.permissions().mode() & 0o7777
}

#[cfg(not(unix))]
fn mode(meta: &fs::Metadata) -> u32 {
    u32::from(meta.permissions().readonly())
}

#[cfg(unix)]
fn links(meta: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn links(_: &fs::Metadata) -> u64 {
    1
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    /// A marked previous output holding `files`, and an empty staging folder with
    /// its fresh marker.
    fn previous(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let (out, staging) = (tmp.path().join("out"), tmp.path().join("staging"));
        fs::create_dir_all(&staging).unwrap();
        fs::create_dir_all(&out).unwrap();
        fs::write(staging.join(super::super::MARKER), "m").unwrap();
        fs::write(out.join(super::super::MARKER), "m").unwrap();
        for (rel, text) in files {
            let p = out.join(rel);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, text).unwrap();
        }
        (tmp, out, staging)
    }

    fn scan(out: &Path, staging: &Path) -> Previous {
        Previous::scan(out, &staging.join(super::super::MARKER))
    }

    #[cfg(unix)]
    fn ino(p: &Path) -> u64 {
        std::os::unix::fs::MetadataExt::ino(&fs::metadata(p).unwrap())
    }

    #[test]
    fn compares_across_block_boundaries() {
        for len in [0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK] {
            let a: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let shorter = &a[..len.saturating_sub(1)];
            let mut longer = a.clone();
            longer.push(0);
            let mut flipped = a.clone();
            if let Some(last) = flipped.last_mut() {
                *last ^= 1;
            }
            assert!(same_as_reader(&mut &a[..], &mut &a[..]).unwrap(), "{len}");
            assert!(same_as_bytes(&mut &a[..], &a).unwrap(), "{len}");
            for other in [shorter, &longer, &flipped].into_iter().filter(|o| *o != a) {
                assert!(
                    !same_as_reader(&mut &a[..], &mut &other[..]).unwrap(),
                    "{len}"
                );
                assert!(
                    !same_as_reader(&mut &other[..], &mut &a[..]).unwrap(),
                    "{len}"
                );
                assert!(!same_as_bytes(&mut &other[..], &a).unwrap(), "{len}");
                assert!(!same_as_bytes(&mut &a[..], other).unwrap(), "{len}");
            }
        }
    }

    #[cfg(unix)]
    #[test]
    fn identical_bytes_are_linked_and_others_written_fresh() {
        let (_tmp, out, staging) = previous(&[("a/same.html", "same"), ("b.html", "old!")]);
        let previous = scan(&out, &staging);
        assert_eq!(previous.len(), 3, "two files and the marker");
        fs::create_dir(staging.join("a")).unwrap();
        let same = staging.join("a/same.html");
        previous.put("a/same.html", &same, b"same").unwrap();
        assert_eq!(ino(&same), ino(&out.join("a/same.html")));
        let other = staging.join("b.html");
        previous.put("b.html", &other, b"new!").unwrap();
        assert_ne!(ino(&other), ino(&out.join("b.html")));
        assert_eq!(fs::read(&other).unwrap(), b"new!");
        assert_eq!(fs::read(out.join("b.html")).unwrap(), b"old!");
        let new = staging.join("c.html");
        previous.put("c.html", &new, b"c").unwrap();
        assert_eq!(fs::read(&new).unwrap(), b"c");
    }

    /// A second write to a staged name that is a link to the previous output
    /// replaces the link; the previous output's file keeps its bytes.
    #[cfg(unix)]
    #[test]
    fn writing_over_a_kept_file_never_writes_through_the_link() {
        let (_tmp, out, staging) = previous(&[("x.html", "kept")]);
        let previous = scan(&out, &staging);
        let staged = staging.join("x.html");
        previous.put("x.html", &staged, b"kept").unwrap();
        assert_eq!(ino(&staged), ino(&out.join("x.html")));
        previous.put("x.html", &staged, b"other").unwrap();
        let source = staging.parent().unwrap().join("source.txt");
        fs::write(&source, "static").unwrap();
        previous.copy("x.html", &staged, &source).unwrap();
        assert_eq!(fs::read(&staged).unwrap(), b"static");
        assert_eq!(fs::read(out.join("x.html")).unwrap(), b"kept");
    }

    #[test]
    fn only_a_marked_output_is_reused() {
        let (_tmp, out, staging) = previous(&[("x.html", "kept")]);
        fs::remove_file(out.join(super::super::MARKER)).unwrap();
        assert_eq!(scan(&out, &staging).len(), 0);
        assert_eq!(scan(&out.join("missing"), &staging).len(), 0);
    }

    /// Links are listed as such and never followed; a file that something outside
    /// the output links to is not taken over either.
    #[cfg(unix)]
    #[test]
    fn symlinks_and_shared_files_are_not_offered() {
        let (tmp, out, staging) = previous(&[("plain.html", "x"), ("shared.html", "x")]);
        let elsewhere = tmp.path().join("elsewhere");
        fs::create_dir_all(elsewhere.join("dir")).unwrap();
        fs::write(elsewhere.join("dir/page.html"), "x").unwrap();
        fs::write(elsewhere.join("file.html"), "x").unwrap();
        std::os::unix::fs::symlink(elsewhere.join("dir"), out.join("dir")).unwrap();
        std::os::unix::fs::symlink(elsewhere.join("file.html"), out.join("file.html")).unwrap();
        fs::hard_link(out.join("shared.html"), elsewhere.join("shared.html")).unwrap();
        let previous = scan(&out, &staging);
        let mut offered: Vec<&str> = previous.files.keys().map(String::as_str).collect();
        offered.sort_unstable();
        assert_eq!(offered, [super::super::MARKER, "plain.html"]);
    }

    #[cfg(unix)]
    #[test]
    fn an_identical_copy_keeps_the_old_time_when_links_fail() {
        let (_tmp, out, staging) = previous(&[("x.html", "kept")]);
        let old_time = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        File::options()
            .write(true)
            .open(out.join("x.html"))
            .unwrap()
            .set_modified(old_time)
            .unwrap();
        let previous = scan(&out, &staging);
        previous.links_work.store(false, Ordering::Relaxed);
        let staged = staging.join("x.html");
        previous.put("x.html", &staged, b"kept").unwrap();
        assert_ne!(ino(&staged), ino(&out.join("x.html")));
        assert_eq!(fs::read(&staged).unwrap(), b"kept");
        assert_eq!(fs::metadata(&staged).unwrap().modified().unwrap(), old_time);
    }
}
