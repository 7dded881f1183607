//! Keeping unchanged files: a file whose new bytes equal those of the same file in
//! the previous output is kept rather than written again, so it keeps its bytes,
//! inode and modification time, and `rsync -a` or a bucket sync uploads only what
//! changed.
//!
//! How it is kept depends on the build. When the previous output is described by a
//! [`Manifest`] (the usual case with the build cache), the output is updated in
//! place: only new and changed files are written into the staging folder, and
//! `commit` moves them into the output; a kept file is not touched at all. Without
//! one (`--no-cache`, a first build, another output folder), the whole site is
//! staged: a kept file is hard-linked from the previous output into the staging
//! folder, which is then swapped in.
//!
//! "Equal" is decided by the bytes: the old file is read and compared, or its hash
//! is taken from the manifest when the file's stamp shows it untouched since the
//! manifest was saved (see `manifest.rs`). Only a previous output sitroom wrote
//! (it carries the marker) is reused, and of it only plain files reached without
//! following a symbolic link, that nothing outside the output links to (a link
//! count of one), and whose permissions are those the new file would get (a new
//! file's for a page, the source's for a static file).

use std::collections::{HashMap, HashSet};
use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context as _;

use super::manifest::{self, Manifest};

/// The files of the previous output, by their path inside it (`/`-separated).
pub(super) struct Previous {
    root: PathBuf,
    files: HashMap<String, Old, ahash::RandomState>,
    /// Everything else it holds but folders (symbolic links, files linked from
    /// elsewhere, names that are not UTF-8): never reused, deleted by an update in
    /// place. Paths inside the output.
    others: Vec<PathBuf>,
    /// Its folders, which an update in place removes once they are empty.
    dirs: HashSet<String>,
    /// The permissions a new file gets: a page is kept only if its old file has them.
    fresh: u32,
    /// Cleared after the first link that fails for a reason other than a name
    /// already taken (another file system, one without links): from then on, an
    /// identical file is copied and given its old modification time instead.
    links_work: AtomicBool,
    /// Kept files stay where they are: the output is updated in place.
    in_place: bool,
    /// How many files the manifest it was listed with names.
    manifest_files: usize,
    /// `SITROOM_VERIFY_CACHE`: a file the manifest vouches for is read anyway, and
    /// a difference fails the build.
    verify: bool,
}

/// What the previous output's listing says about one of its files.
#[derive(Clone, Copy)]
struct Old {
    len: u64,
    mode: u32,
    /// The hash of its bytes, if the manifest vouches for it.
    vouched: Option<u128>,
    /// Its stamp, unless it was changed just before it was listed.
    stamp: Option<u64>,
}

/// What [`list`] finds: plain files (by their entry's type) still to be looked at,
/// everything else but folders, and folders.
#[derive(Default)]
struct Listing {
    files: Vec<String>,
    others: Vec<PathBuf>,
    dirs: Vec<String>,
}

/// Lists the folder `dir` of the output `out` and the folders in it. Symbolic
/// links are listed as such, never followed, so no file outside the output is ever
/// taken for one of its own; an entry is known by its type, without reading its
/// status (that is done for files only, in parallel, by the caller).
fn list(out: &Path, dir: &Path, found: &mut Listing) {
    let Ok(entries) = fs::read_dir(out.join(dir)) else {
        return;
    };
    for entry in entries.flatten() {
        let path = dir.join(entry.file_name());
        match (slash_path(&path), entry.file_type().ok()) {
            (Some(rel), Some(kind)) if kind.is_dir() => {
                list(out, &path, found);
                found.dirs.push(rel);
            }
            (Some(rel), Some(kind)) if kind.is_file() => found.files.push(rel),
            _ => found.others.push(path),
        }
    }
}

/// [`list`] of the whole output, its top folders (briefings, search fragments…)
/// in parallel.
fn list_top(out: &Path) -> Listing {
    use rayon::prelude::*;
    let mut top = Listing::default();
    let Ok(entries) = fs::read_dir(out) else {
        return top;
    };
    let mut folders = Vec::new();
    for entry in entries.flatten() {
        let path = PathBuf::from(entry.file_name());
        match (slash_path(&path), entry.file_type().ok()) {
            (Some(rel), Some(kind)) if kind.is_dir() => folders.push((rel, path)),
            (Some(rel), Some(kind)) if kind.is_file() => top.files.push(rel),
            _ => top.others.push(path),
        }
    }
    let lists: Vec<Listing> = folders
        .into_par_iter()
        .map(|(rel, path)| {
            let mut found = Listing::default();
            list(out, &path, &mut found);
            found.dirs.push(rel);
            found
        })
        .collect();
    for found in lists {
        top.files.extend(found.files);
        top.others.extend(found.others);
        top.dirs.extend(found.dirs);
    }
    top
}

/// What the listing says of the plain file `rel`; `None` if it cannot be reused
/// (another name links to it, or it cannot be read).
fn listed(
    out: &Path,
    rel: &str,
    manifest: Option<&Manifest>,
    now: std::time::SystemTime,
) -> Option<Old> {
    let meta = fs::symlink_metadata(out.join(rel)).ok()?;
    if !meta.is_file() || links(&meta) != 1 {
        return None;
    }
    let stamp = manifest::stamp(&meta).filter(|_| !manifest::racy(&meta, now));
    let vouched = manifest
        .zip(stamp)
        .and_then(|(m, stamp)| m.vouched(rel, stamp));
    Some(Old {
        len: meta.len(),
        mode: mode(&meta),
        vouched,
        stamp,
    })
}

/// Where a file of the new output was put.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Placed {
    /// The previous output's file was kept.
    Kept,
    /// New bytes were written into the staging folder.
    Staged,
}

/// Every file of a new site: how it was placed, and the hash of its bytes where
/// known (0: a static file).
/// (A fast hash: each build looks up every output path in these several times.)
pub(super) type Files = HashMap<String, (Placed, u128), ahash::RandomState>;

/// The staging folder, the folders made in it so far and, updating in place, the
/// files staged in it.
pub(super) struct Folder {
    pub(super) dir: PathBuf,
    made: Mutex<HashSet<PathBuf>>,
    /// Updating in place: a hash of the path of each file staged so far, so a kept
    /// file's name is unlinked only where a file was staged under it (a second
    /// build after one edit keeps some 75,000 files of 10,000 briefings, most in
    /// folders it staged a file in). `None`: the folder holds the whole site.
    staged: Option<Mutex<HashSet<u64, ahash::RandomState>>>,
}

impl Folder {
    /// The staging folder `dir`; `in_place` when it holds only new and changed
    /// files (see the module's comment).
    pub(super) fn new(dir: PathBuf, in_place: bool) -> Folder {
        Folder {
            dir,
            made: Mutex::new(HashSet::new()),
            staged: in_place.then(|| Mutex::new(HashSet::with_hasher(staged_hasher()))),
        }
    }

    /// The staged file for `rel`, its folder created once however many files it
    /// holds.
    pub(super) fn prepare(&self, rel: &str) -> anyhow::Result<PathBuf> {
        let target = self.dir.join(rel);
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
                fs::create_dir_all(self.dir.join(parent))
                    .with_context(|| format!("cannot create `{}`", parent.display()))?;
                made.insert(parent.to_path_buf());
            }
        }
        if let Some(staged) = &self.staged {
            let hash = staged_hasher().hash_one(rel);
            lock_io(staged)?.insert(hash);
        }
        Ok(target)
    }

    /// Removes the file staged for `rel`, if any, without creating its folder.
    fn unstage(&self, rel: &str) -> io::Result<()> {
        if let Some(staged) = &self.staged {
            // A path whose hash another's shares is unlinked for nothing: harmless.
            let hash = staged_hasher().hash_one(rel);
            if !lock_io(staged)?.contains(&hash) {
                return Ok(());
            }
            return clear(&self.dir.join(rel));
        }
        if let Some(parent) = Path::new(rel)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            && !lock_io(&self.made)?.contains(parent)
        {
            return Ok(());
        }
        clear(&self.dir.join(rel))
    }
}

/// The hasher of staged paths: fixed seeds, as every thread must agree.
fn staged_hasher() -> ahash::RandomState {
    ahash::RandomState::with_seeds(7, 11, 13, 17)
}

/// Locks `m`, as an I/O error if a writer thread panicked holding it.
fn lock_io<T>(m: &Mutex<T>) -> io::Result<std::sync::MutexGuard<'_, T>> {
    m.lock()
        .map_err(|_| io::Error::other("a writer thread panicked"))
}

impl Previous {
    /// Lists the files of `out` if it is an output sitroom wrote; an empty listing
    /// otherwise (missing, not marked, unreadable). `fresh` is a file just written
    /// into the staging folder: its permissions are the ones a new file gets. With
    /// `manifest`, the output is updated in place.
    pub(super) fn scan(out: &Path, fresh: &Path, manifest: Option<&Manifest>) -> Previous {
        let mut previous = Previous {
            root: out.to_path_buf(),
            files: HashMap::default(),
            others: Vec::new(),
            dirs: HashSet::new(),
            fresh: 0,
            links_work: AtomicBool::new(true),
            in_place: false,
            manifest_files: manifest.map_or(0, Manifest::len),
            verify: std::env::var_os("SITROOM_VERIFY_CACHE").is_some(),
        };
        let marked = fs::symlink_metadata(out.join(super::MARKER)).is_ok_and(|m| m.is_file());
        let Ok(fresh) = fs::metadata(fresh).map(|m| mode(&m)) else {
            return previous;
        };
        previous.fresh = fresh;
        if !marked {
            return previous;
        }
        previous.in_place = manifest.is_some();
        let mut listing = list_top(out);
        let now = std::time::SystemTime::now();
        let olds: Vec<Option<Old>> = {
            use rayon::prelude::*;
            (listing.files.par_iter())
                .map(|rel| listed(out, rel, manifest, now))
                .collect()
        };
        previous.files.reserve(olds.len());
        for (rel, old) in listing.files.into_iter().zip(olds) {
            match old {
                Some(old) => {
                    previous.files.insert(rel, old);
                }
                None => listing.others.push(PathBuf::from(rel)),
            }
        }
        previous.others = listing.others;
        previous.dirs = listing.dirs.into_iter().collect();
        previous
    }

    /// The stamp `rel` had when it was listed, if it was not changed too recently
    /// to be told apart from a later change (see `manifest.rs`).
    pub(super) fn stamp_of(&self, rel: &str) -> Option<u64> {
        self.files.get(rel)?.stamp
    }

    /// Whether kept files stay where they are (see the module's docs).
    pub(super) fn in_place(&self) -> bool {
        self.in_place
    }

    /// Whether the new site's files, `placed`, are exactly the files the manifest
    /// named, each kept in place with the stamp and hash it gave: the manifest
    /// saved for them would be the one there is.
    pub(super) fn manifest_holds(&self, placed: &Files) -> bool {
        self.in_place
            && self.others.is_empty()
            && placed.len() == self.manifest_files
            && placed.len() == self.files.len()
            && placed.iter().all(|(rel, (how, hash))| {
                *how == Placed::Kept
                    && (self.files.get(rel.as_str()))
                        .is_some_and(|old| old.stamp.is_some() && old.vouched == Some(*hash))
            })
    }

    /// What an update in place must delete because the new site, whose files are
    /// `placed`, does not hold it: files and links (in path order), and folders
    /// where the new site has a file.
    pub(super) fn unused<'a>(&'a self, placed: &Files) -> (Vec<&'a Path>, Vec<&'a str>) {
        let mut stale: Vec<&Path> = (self.files.keys())
            .filter(|rel| !placed.contains_key(*rel))
            .map(Path::new)
            .chain(
                (self.others.iter())
                    .filter(|p| p.to_str().is_none_or(|r| !placed.contains_key(r)))
                    .map(PathBuf::as_path),
            )
            .collect();
        stale.sort_unstable();
        let mut in_the_way: Vec<&str> = (self.dirs.iter())
            .filter(|rel| placed.contains_key(*rel))
            .map(String::as_str)
            .collect();
        in_the_way.sort_unstable();
        (stale, in_the_way)
    }

    /// The previous output's folders.
    pub(super) fn folders(&self) -> impl Iterator<Item = &str> {
        self.dirs.iter().map(String::as_str)
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

    /// The `len` bytes at `at` of the previous output's `rel`, if a build wrote
    /// it (it has the permissions of a new file) and it is that long.
    pub(super) fn read_range(&self, rel: &str, at: u64, len: usize) -> Option<Vec<u8>> {
        self.files.get(rel).filter(|old| old.mode == self.fresh)?;
        let file = File::open(self.root.join(rel)).ok()?;
        let mut bytes = vec![0; len];
        crate::spill::read_at(&file, &mut bytes, at).ok()?;
        Some(bytes)
    }

    /// The hash the manifest vouches for `rel` has, if its permissions are those
    /// of a new page. With `SITROOM_VERIFY_CACHE`, checked against the file.
    fn vouched(&self, rel: &str) -> anyhow::Result<Option<u128>> {
        let Some(old) = self.files.get(rel).filter(|old| old.mode == self.fresh) else {
            return Ok(None);
        };
        let Some(hash) = old.vouched else {
            return Ok(None);
        };
        if self.verify {
            let bytes = fs::read(self.root.join(rel))
                .with_context(|| format!("cannot read `{rel}` of the previous output"))?;
            anyhow::ensure!(
                crate::cache::hash(&bytes) == hash,
                "the output manifest vouched for `{rel}`, but its bytes changed since (SITROOM_VERIFY_CACHE)"
            );
        }
        Ok(Some(hash))
    }

    /// Keeps the previous output's `rel` if its bytes hash to `hash` (read through
    /// the hash, never held whole, unless the manifest vouches for them).
    pub(super) fn keep_hashed(&self, rel: &str, to: &Folder, hash: u128) -> anyhow::Result<bool> {
        if let Some(vouched) = self.vouched(rel)? {
            return Ok(vouched == hash && self.keep_vouched(rel, to));
        }
        let fits = self
            .files
            .get(rel)
            .is_some_and(|old| old.mode == self.fresh);
        Ok(fits
            && self.keep(rel, to, |file| {
                let mut hasher = crate::cache::Hasher::new();
                io::copy(file, &mut hasher)?;
                Ok(hasher.finish() == hash)
            }))
    }

    /// [`Previous::put`] for bytes just read from the previous output's `rel`
    /// (and checked against the build cache's hash): kept without comparing.
    pub(super) fn put_checked(
        &self,
        rel: &str,
        to: &Folder,
        bytes: &[u8],
    ) -> anyhow::Result<Placed> {
        if let Some(old) = self.files.get(rel)
            && old.len == bytes.len() as u64
            && old.mode == self.fresh
            && self.keep(rel, to, |_| Ok(true))
        {
            return Ok(Placed::Kept);
        }
        self.put(rel, to, bytes, None)
    }

    /// Writes `bytes` (which hash to `hash`, if the caller knows) as the output's
    /// `rel`, keeping the previous output's file instead if it holds exactly these
    /// bytes.
    pub(super) fn put(
        &self,
        rel: &str,
        to: &Folder,
        bytes: &[u8],
        hash: Option<u128>,
    ) -> anyhow::Result<Placed> {
        if let Some(vouched) = self.vouched(rel)? {
            let hash = hash.unwrap_or_else(|| crate::cache::hash(bytes));
            if vouched == hash && self.keep_vouched(rel, to) {
                return Ok(Placed::Kept);
            }
        } else if let Some(old) = self.files.get(rel)
            && old.len == bytes.len() as u64
            && old.mode == self.fresh
            && self.keep(rel, to, |f| same_as_bytes(f, bytes))
        {
            return Ok(Placed::Kept);
        }
        let target = to.prepare(rel)?;
        write_fresh(&target, bytes).with_context(|| format!("cannot write `{rel}`"))?;
        Ok(Placed::Staged)
    }

    /// Writes the output's `rel` through `write` into the staging folder, then
    /// keeps the previous output's file instead if it holds the same bytes.
    /// Returns the hash of the bytes as well.
    pub(super) fn put_with(
        &self,
        rel: &str,
        to: &Folder,
        write: &dyn Fn(&mut dyn io::Write) -> io::Result<()>,
    ) -> anyhow::Result<(Placed, u128)> {
        let target = to.prepare(rel)?;
        let written = (|| -> io::Result<(u64, u128)> {
            let file = io::BufWriter::with_capacity(BLOCK, create_fresh(&target)?);
            let mut out = Hashing {
                out: file,
                hash: crate::cache::Hasher::new(),
            };
            write(&mut out)?;
            let hash = out.hash.finish();
            let len = out
                .out
                .into_inner()
                .map_err(io::IntoInnerError::into_error)?
                .metadata()?
                .len();
            Ok((len, hash))
        })();
        let (len, hash) = written.with_context(|| format!("cannot write `{rel}`"))?;
        let kept = if let Some(vouched) = self.vouched(rel)? {
            vouched == hash && self.keep_vouched(rel, to)
        } else {
            // Kept (the staged file removed or linked over) if equal; left as
            // written if not.
            self.files
                .get(rel)
                .is_some_and(|old| old.len == len && old.mode == self.fresh)
                && self.keep(rel, to, |f| {
                    File::open(&target).and_then(|mut new| same_as_reader(f, &mut new))
                })
        };
        Ok((if kept { Placed::Kept } else { Placed::Staged }, hash))
    }

    /// Copies the file `source` (a static file of the site) as the output's `rel`,
    /// keeping the previous output's file instead if it is identical: same bytes
    /// and same permissions.
    pub(super) fn copy(&self, rel: &str, to: &Folder, source: &Path) -> anyhow::Result<Placed> {
        let meta = fs::metadata(source)?;
        if let Some(old) = self.files.get(rel)
            && old.len == meta.len()
            && old.mode == mode(&meta)
            && self.keep(rel, to, |f| {
                File::open(source).and_then(|mut s| same_as_reader(f, &mut s))
            })
        {
            return Ok(Placed::Kept);
        }
        let target = to.prepare(rel)?;
        clear(&target)?;
        fs::copy(source, &target)?;
        Ok(Placed::Staged)
    }

    /// [`Previous::keep`] for a file the manifest vouches for: updating in place,
    /// it is not even opened (its stamp, taken by the scan, stands for its bytes).
    fn keep_vouched(&self, rel: &str, to: &Folder) -> bool {
        if self.in_place {
            return to.unstage(rel).is_ok();
        }
        self.keep(rel, to, |_| Ok(true))
    }

    /// Keeps the previous output's `rel` if `same` finds its bytes equal to the new
    /// ones. In place, nothing is done but removing a file staged under that name;
    /// otherwise the file is hard-linked into the staging folder, or failing that
    /// copied and given its old modification time. False if the file differs or
    /// cannot be read or kept.
    fn keep(&self, rel: &str, to: &Folder, same: impl Fn(&mut File) -> io::Result<bool>) -> bool {
        let old = self.root.join(rel);
        let Ok(mut file) = File::open(&old) else {
            return false;
        };
        if !same(&mut file).unwrap_or(false) {
            return false;
        }
        if self.in_place {
            return to.unstage(rel).is_ok();
        }
        let Ok(target) = to.prepare(rel) else {
            return false;
        };
        if self.links_work.load(Ordering::Relaxed) {
            match link(&old, &target) {
                Ok(()) => return true,
                // Gone since it was opened: the open file can still be copied.
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(_) => self.links_work.store(false, Ordering::Relaxed),
            }
        }
        copy_keeping_time(&mut file, &target).is_ok()
    }
}

/// A writer that hashes what passes through it.
struct Hashing<W> {
    out: W,
    hash: crate::cache::Hasher,
}

impl<W: io::Write> io::Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        io::Write::write_all(&mut self.hash, &buf[..n])?;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
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
        Previous::scan(out, &staging.join(super::super::MARKER), None)
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
        let same = staging.join("a/same.html");
        previous
            .put(
                "a/same.html",
                &Folder::new(staging.clone(), false),
                b"same",
                None,
            )
            .unwrap();
        assert_eq!(ino(&same), ino(&out.join("a/same.html")));
        let other = staging.join("b.html");
        previous
            .put(
                "b.html",
                &Folder::new(staging.clone(), false),
                b"new!",
                None,
            )
            .unwrap();
        assert_ne!(ino(&other), ino(&out.join("b.html")));
        assert_eq!(fs::read(&other).unwrap(), b"new!");
        assert_eq!(fs::read(out.join("b.html")).unwrap(), b"old!");
        let new = staging.join("c.html");
        previous
            .put("c.html", &Folder::new(staging.clone(), false), b"c", None)
            .unwrap();
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
        previous
            .put(
                "x.html",
                &Folder::new(staging.clone(), false),
                b"kept",
                None,
            )
            .unwrap();
        assert_eq!(ino(&staged), ino(&out.join("x.html")));
        previous
            .put(
                "x.html",
                &Folder::new(staging.clone(), false),
                b"other",
                None,
            )
            .unwrap();
        let source = staging.parent().unwrap().join("source.txt");
        fs::write(&source, "static").unwrap();
        previous
            .copy("x.html", &Folder::new(staging.clone(), false), &source)
            .unwrap();
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
        previous
            .put(
                "x.html",
                &Folder::new(staging.clone(), false),
                b"kept",
                None,
            )
            .unwrap();
        assert_ne!(ino(&staged), ino(&out.join("x.html")));
        assert_eq!(fs::read(&staged).unwrap(), b"kept");
        assert_eq!(fs::metadata(&staged).unwrap().modified().unwrap(), old_time);
    }

    /// Updating in place, a kept file's name is unlinked in the staging folder
    /// only where a file was staged under it: a file put there any other way stays.
    #[test]
    fn in_place_only_a_staged_file_is_unstaged() {
        let tmp = tempfile::tempdir().unwrap();
        let folder = Folder::new(tmp.path().to_path_buf(), true);
        let staged = folder.prepare("a/staged.html").unwrap();
        fs::write(&staged, "new").unwrap();
        let other = tmp.path().join("a/other.html");
        fs::write(&other, "not staged").unwrap();
        folder.unstage("a/other.html").unwrap();
        folder.unstage("a/staged.html").unwrap();
        assert!(!staged.exists());
        assert_eq!(fs::read(&other).unwrap(), b"not staged");
        // Not in place, any file in a folder files were staged in is unlinked.
        let whole = Folder::new(tmp.path().to_path_buf(), false);
        whole.prepare("a/third.html").unwrap();
        whole.unstage("a/other.html").unwrap();
        assert!(!other.exists());
    }

    /// The manifest is saved again unless the new site's files are exactly the
    /// ones it names, each kept with the hash it gives.
    #[test]
    fn the_manifest_holds_only_for_the_same_files_kept() {
        let (tmp, out, staging) = previous(&[("a.html", "a"), ("b/c.html", "c")]);
        let cache = crate::cache::Store::at(&tmp.path().join("cache"));
        let hashes = [
            (super::super::MARKER, crate::cache::hash(b"m")),
            ("a.html", crate::cache::hash(b"a")),
            ("b/c.html", crate::cache::hash(b"c")),
        ];
        let placed = |which: &[(&str, u128)]| -> Vec<manifest::Placed> {
            (which.iter())
                .map(|(rel, hash)| manifest::Placed {
                    rel: rel.to_string(),
                    stamp: None,
                    hash: *hash,
                })
                .collect()
        };
        std::thread::sleep(std::time::Duration::from_millis(120));
        Manifest::save(&cache, &out, placed(&hashes));
        let manifest = Manifest::load(&cache, &out).expect("saved");
        let previous = Previous::scan(&out, &staging.join(super::super::MARKER), Some(&manifest));
        let files = |which: &[(&str, Placed, u128)]| -> Files {
            (which.iter())
                .map(|(rel, how, hash)| (rel.to_string(), (*how, *hash)))
                .collect()
        };
        let kept: Vec<(&str, Placed, u128)> =
            hashes.iter().map(|(r, h)| (*r, Placed::Kept, *h)).collect();
        assert!(previous.manifest_holds(&files(&kept)));
        let mut staged = kept.clone();
        staged[1].1 = Placed::Staged;
        assert!(!previous.manifest_holds(&files(&staged)));
        let mut other = kept.clone();
        other[2].2 ^= 1;
        assert!(!previous.manifest_holds(&files(&other)));
        assert!(!previous.manifest_holds(&files(&kept[..2])));
        let mut more = kept.clone();
        more.push(("d.html", Placed::Staged, 1));
        assert!(!previous.manifest_holds(&files(&more)));
        // Without a manifest the whole site is staged: it never holds.
        let whole = Previous::scan(&out, &staging.join(super::super::MARKER), None);
        assert!(!whole.manifest_holds(&files(&kept)));
    }
}
