//! What the last build left in an output folder: for each file it wrote, a stamp of
//! the file as it was when the build ended (device, inode, size, permissions,
//! modification and change times) and the hash of its bytes. A file whose stamp is
//! still the recorded one has not been touched since, so its bytes are still the
//! recorded ones and need not be read to be compared: the same reasoning as Git's
//! index and `rsync`'s quick check, made stricter by the change time, which no
//! program can set back (editing a file and restoring its modification time still
//! changes it, as does replacing the file).
//!
//! A file changed within the clock tick in which its stamp was taken would keep its
//! stamp; such a file ("racy", as Git says) is saved without a hash, so the next
//! build reads it.
//!
//! The manifest lives in the build cache, one per output folder (by absolute path),
//! and is saved when a build has placed every file. It states facts that stay true
//! whatever happens to the folder: "a file with this stamp holds bytes with this
//! hash". A file replaced, edited or moved has another stamp, so an output left
//! half-updated by a killed build is still described truly by the old manifest.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::cache::Store;

/// Bumped when what a stamp covers changes.
const VERSION: u64 = 1;

/// How close to the save a file's change time makes it racy: well over any file
/// system's timestamp granularity.
const RACY: Duration = Duration::from_millis(50);

/// The recorded state of the files of one output folder.
pub(super) struct Manifest {
    /// Path inside the output (`/`-separated), stamp and hash, sorted by path as
    /// saved.
    files: Vec<(String, u64, u128)>,
    /// Where each path is in `files`, by a hash of the path (no second copy of
    /// the paths; a binary search over 76,000 of them, which share long
    /// prefixes, was a twentieth of a second build's time).
    at: HashMap<u64, u32, ahash::RandomState>,
    /// What hashes the paths for `at`.
    paths: ahash::RandomState,
}

/// A file of the new output, as the build placed it.
pub(super) struct Placed {
    pub(super) rel: String,
    /// Its stamp, if known since the previous output was listed (a kept file).
    pub(super) stamp: Option<u64>,
    /// The hash of its bytes; 0 if unknown (a static file copied as it is).
    pub(super) hash: u128,
}

impl Manifest {
    /// The manifest saved for the output folder `out` (absolute), if any.
    pub(super) fn load(cache: &Store, out: &Path) -> Option<Manifest> {
        let (version, dir, entries): (u64, PathBuf, Vec<(String, u64, u128)>) =
            cache.load(&name(out))?;
        let sorted = entries.is_sorted_by(|a, b| a.0 < b.0);
        (version == VERSION && dir == out && sorted).then(|| Manifest::of(entries))
    }

    /// The manifest of `files` (sorted by path).
    fn of(files: Vec<(String, u64, u128)>) -> Manifest {
        let paths = ahash::RandomState::with_seeds(1, 2, 3, 4);
        let mut at = HashMap::with_capacity_and_hasher(files.len(), ahash::RandomState::new());
        for (i, (path, ..)) in files.iter().enumerate() {
            at.entry(paths.hash_one(path.as_str())).or_insert(i as u32);
        }
        Manifest { files, at, paths }
    }

    /// How many files it names.
    pub(super) fn len(&self) -> usize {
        self.files.len()
    }

    /// The hash recorded for `rel` if the file still has the stamp `stamp`.
    pub(super) fn vouched(&self, rel: &str, stamp: u64) -> Option<u128> {
        let at = match self.at.get(&self.paths.hash_one(rel)) {
            Some(&i) if self.files[i as usize].0 == rel => i as usize,
            // Two paths with one hash: the second is searched for.
            Some(_) => (self.files)
                .binary_search_by(|e| e.0.as_str().cmp(rel))
                .ok()?,
            None => return None,
        };
        let (_, s, hash) = self.files[at];
        (s == stamp && hash != 0).then_some(hash)
    }

    /// Stamps the files `placed` (paths inside the output folder `out`) as they are
    /// now and saves them as `out`'s manifest. A file that cannot be read, or was
    /// changed too recently to be told apart from a later change, is saved without
    /// a hash. Saving errors are dropped: without a manifest, the next build reads.
    pub(super) fn save(cache: &Store, out: &Path, placed: Vec<Placed>) {
        use rayon::prelude::*;
        if !cache.is_enabled() {
            return;
        }
        let now = SystemTime::now();
        let mut entries: Vec<(String, u64, u128)> = placed
            .into_par_iter()
            .filter_map(
                |Placed {
                     rel,
                     stamp: known,
                     hash,
                 }| {
                    if let Some(known) = known {
                        return Some((rel, known, hash));
                    }
                    let meta = fs::symlink_metadata(out.join(&rel)).ok()?;
                    let stamp = stamp(&meta)?;
                    Some((rel, stamp, if racy(&meta, now) { 0 } else { hash }))
                },
            )
            .collect();
        entries.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let _ = cache.save(&name(out), &(VERSION, out, entries));
    }
}

/// Whether the file was changed so close to `now` that a later change could leave
/// its stamp as it is.
pub(super) fn racy(meta: &fs::Metadata, now: SystemTime) -> bool {
    changed(meta).is_none_or(|c| c + RACY >= now)
}

/// The cache entry of the output folder `out`.
fn name(out: &Path) -> String {
    let h = crate::cache::hash(out.as_os_str().as_encoded_bytes());
    format!("output-{:016x}", h as u64)
}

/// A hash of what says a file was not touched: `None` where the system gives no
/// change time (a file there is always read).
#[cfg(unix)]
pub(super) fn stamp(meta: &fs::Metadata) -> Option<u64> {
    use std::os::unix::fs::MetadataExt as _;
    let mut h = crate::cache::Hasher::new();
    h.u64(meta.dev())
        .u64(meta.ino())
        .u64(meta.size())
        .u64(u64::from(meta.mode()))
        .u64(meta.nlink())
        .u64(meta.mtime() as u64)
        .u64(meta.mtime_nsec() as u64)
        .u64(meta.ctime() as u64)
        .u64(meta.ctime_nsec() as u64);
    Some(h.finish() as u64)
}

#[cfg(not(unix))]
pub(super) fn stamp(_: &fs::Metadata) -> Option<u64> {
    None
}

/// When the file's status last changed.
#[cfg(unix)]
fn changed(meta: &fs::Metadata) -> Option<SystemTime> {
    use std::os::unix::fs::MetadataExt as _;
    let secs = u64::try_from(meta.ctime()).ok()?;
    let nanos = u32::try_from(meta.ctime_nsec()).ok()?;
    SystemTime::UNIX_EPOCH.checked_add(Duration::new(secs, nanos))
}

#[cfg(not(unix))]
fn changed(_: &fs::Metadata) -> Option<SystemTime> {
    None
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// A manifest saved for an output holding `a.html` (hash 7), written `wait`
    /// before the save; the file's path, the cache and the output folder.
    fn saved(wait: Duration) -> (tempfile::TempDir, Store, PathBuf, Manifest) {
        let tmp = tempfile::tempdir().unwrap();
        let cache = Store::at(tmp.path());
        let out = tmp.path().join("out");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("a.html"), "old").unwrap();
        std::thread::sleep(wait);
        let placed = vec![Placed {
            rel: "a.html".into(),
            stamp: None,
            hash: 7,
        }];
        Manifest::save(&cache, &out, placed);
        let m = Manifest::load(&cache, &out).expect("saved");
        (tmp, cache, out, m)
    }

    #[test]
    fn a_file_is_vouched_for_until_it_is_touched() {
        // Old enough not to be racy.
        let (tmp, cache, out, m) = saved(RACY * 2);
        let file = out.join("a.html");
        let now = || stamp(&fs::symlink_metadata(&file).unwrap()).unwrap();
        assert_eq!(m.vouched("a.html", now()), Some(7));
        assert_eq!(m.vouched("b.html", now()), None);
        // Same size, modification time put back: the change time still moved.
        let modified = fs::metadata(&file).unwrap().modified().unwrap();
        fs::write(&file, "new").unwrap();
        fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        assert_eq!(m.vouched("a.html", now()), None);
        // Another folder's manifest is not this one's.
        assert!(Manifest::load(&cache, &tmp.path().join("other")).is_none());
    }

    #[test]
    fn paths_are_found_by_their_hash_and_past_a_shared_one() {
        let files: Vec<(String, u64, u128)> = ["a.html", "b/index.html", "c.json"]
            .iter()
            .enumerate()
            .map(|(i, p)| (p.to_string(), 10 + i as u64, 100 + i as u128))
            .collect();
        let mut m = Manifest::of(files);
        assert_eq!(m.vouched("b/index.html", 11), Some(101));
        assert_eq!(m.vouched("b/index.html", 12), None, "another stamp");
        assert_eq!(m.vouched("d.html", 10), None, "not listed");
        // `c.json` as if it shared `a.html`'s hash: found all the same.
        let (a, c) = (m.paths.hash_one("a.html"), m.paths.hash_one("c.json"));
        m.at.remove(&c);
        m.at.insert(c, m.at[&a]);
        assert_eq!(m.vouched("c.json", 12), Some(102));
        assert_eq!(m.vouched("a.html", 10), Some(100));
    }

    #[test]
    fn a_file_changed_just_before_the_save_is_not_vouched_for() {
        let (_tmp, _cache, out, m) = saved(Duration::ZERO);
        let s = stamp(&fs::symlink_metadata(out.join("a.html")).unwrap()).unwrap();
        assert_eq!(m.vouched("a.html", s), None);
    }
}
