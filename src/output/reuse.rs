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
            if let Some(rel) = slash_path(entry.path().strip_prefix(out).unwrap_or(out)) {
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
    let mut file = match File::create_new(target) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            clear(target)?;
            File::create_new(target)?
        }
        other => other?,
    };
    file.write_all(bytes)
}

/// Whether `file` holds exactly `bytes`, read in blocks so a big data file is never
/// held twice.
fn same_as_bytes(file: &mut File, bytes: &[u8]) -> io::Result<bool> {
    same_as_reader(file, &mut io::Cursor::new(bytes))
}

/// Whether the two readers yield the same bytes.
fn same_as_reader(a: &mut impl io::Read, b: &mut impl io::Read) -> io::Result<bool> {
    const BLOCK: usize = 64 * 1024;
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
