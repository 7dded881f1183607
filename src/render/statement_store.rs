//! Statements' HTML for list pages (`partials/statement.html`, rendered once
//! per statement and pasted by the timeline, actors' pages and feeds), kept in
//! the build cache from one build to the next.
//!
//! A list page the page cache cannot keep is rendered again, and with it every
//! statement it shows. After a briefing is added every timeline page is (each
//! counts the statements of every year), which renders every statement of the
//! site: most of such a build's time. Each statement's HTML is kept here,
//! LZ4-compressed, under the hash its stand-in in a page's key names (every
//! variable the partial sees: the statement, its briefing's card, the site's
//! settings) with the environment (the theme, strings included, and the URL
//! settings): the same key is the same HTML.
//!
//! The HTML sits in a data file, one statement after another, found through
//! an index (key → where, how long, and a hash of the bytes, checked on every
//! read): a build reads the index and then only the statements it needs, and
//! appends the ones it rendered. The data file is written anew, with only the
//! statements still indexed, when less than half of it is. Only builds that key
//! their pages use the store (a first build with the cache makes no keys).
//! With `SITROOM_VERIFY_CACHE` (the tests) a statement found here is rendered
//! anyway and the build fails if its HTML differs.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use serde::{Deserialize, Serialize};

use crate::cache::{Blobs, Hasher, Store};

/// Bumped when what a key covers changes.
const VERSION: u64 = 1;

/// Where one statement's compressed HTML is in the data file.
#[derive(Clone, Copy, Serialize, Deserialize)]
struct Entry {
    at: u64,
    len: u32,
    hash: u128,
}

/// The index as saved: the version, the data file's length when it was
/// saved, and the entries by key.
type Saved = (u64, u64, Vec<(u128, Entry)>);

/// The index and the data file it points into.
#[derive(Default)]
struct Old {
    entries: HashMap<u128, Entry>,
    /// The data file's length the index was saved with.
    len: u64,
    file: Option<Blobs>,
}

/// The statement HTML of the last builds, and what this one rendered.
pub(super) struct StatementStore {
    store: Store,
    name: String,
    environment: u128,
    /// Read on first use: a build that renders no statement never reads it.
    old: OnceLock<Old>,
    /// Rendered by this build (not found in `old`), compressed.
    made: Mutex<Vec<(u128, Vec<u8>)>>,
    /// The keys this build found in `old`.
    used: Mutex<Vec<u128>>,
    verify: bool,
}

impl StatementStore {
    /// The store of the language named `language` in `store`; `None` without a
    /// build cache.
    pub(super) fn open(
        store: &Store,
        language: Option<&str>,
        environment: u128,
        verify: bool,
    ) -> Option<StatementStore> {
        store.is_enabled().then(|| StatementStore {
            store: store.clone(),
            name: format!("statements-html-{}", language.unwrap_or("site")),
            environment,
            old: OnceLock::new(),
            made: Mutex::new(Vec::new()),
            used: Mutex::new(Vec::new()),
            verify,
        })
    }

    /// The HTML of the statement whose stand-in names `stand_in`: the last
    /// builds', or `render()`'s (kept for the next).
    pub(super) fn html(
        &self,
        stand_in: u128,
        render: &dyn Fn() -> Result<String, String>,
    ) -> Result<String, String> {
        let key = Hasher::new()
            .u64(VERSION)
            .u128(self.environment)
            .u128(stand_in)
            .finish();
        if let Some(html) = self.read(key) {
            if self.verify && render()? != html {
                return Err(
                    "the build cache kept outdated HTML of a statement (SITROOM_VERIFY_CACHE)"
                        .to_string(),
                );
            }
            lock(&self.used).push(key);
            return Ok(html);
        }
        let html = render()?;
        let packed = lz4_flex::compress_prepend_size(html.as_bytes());
        lock(&self.made).push((key, packed));
        Ok(html)
    }

    /// The HTML kept under `key`, if the data file still holds its bytes.
    fn read(&self, key: u128) -> Option<String> {
        let packed = read_packed(self.old.get_or_init(|| self.load()), key)?;
        let bytes = lz4_flex::decompress_size_prepended(&packed).ok()?;
        String::from_utf8(bytes).ok()
    }

    fn load(&self) -> Old {
        let Some((VERSION, len, entries)) = self.store.load::<Saved>(&self.name) else {
            return Old::default();
        };
        // A data file of another length than the index knew: another build
        // wrote it since (the hashes would tell; nothing is read then).
        let Some(file) = self.store.blobs(&self.name, len) else {
            return Old::default();
        };
        Old {
            entries: entries.into_iter().collect(),
            len,
            file: Some(file),
        }
    }

    /// Saves what this build rendered, appended to the data file, and the
    /// index. The data file is written anew when more than half of it would
    /// be statements no longer indexed: the index keeps every old entry while
    /// they are no more than the site's `statements`, else only those this
    /// build found. Nothing is written when nothing was rendered. An error
    /// costs the next build time only.
    pub(super) fn save(&self, statements: usize) -> anyhow::Result<()> {
        let made = std::mem::take(&mut *lock(&self.made));
        if made.is_empty() {
            return Ok(());
        }
        let old = self.old.get_or_init(|| self.load());
        let used = std::mem::take(&mut *lock(&self.used));
        if std::env::var_os("SITROOM_TIMINGS").is_some() {
            let (found, made) = (used.len(), made.len());
            eprintln!("timing:   statements' HTML: {found} from the cache, {made} rendered");
        }
        let keep_all = old.entries.len().saturating_sub(used.len()) <= statements;
        let indexed: u64 = old.entries.values().map(|e| u64::from(e.len)).sum();
        let mut entries: HashMap<u128, Entry> = HashMap::new();
        let len = if keep_all && old.len <= 2 * indexed && old.file.is_some() {
            entries.extend(old.entries.iter().map(|(k, e)| (*k, *e)));
            let items: Vec<&[u8]> = made.iter().map(|m| m.1.as_slice()).collect();
            let (places, len) = self.store.append_blobs(&self.name, old.len, &items)?;
            for ((key, packed), at) in made.iter().zip(places) {
                entries.insert(*key, entry(at, packed));
            }
            len
        } else {
            let mut kept: Vec<u128> = if keep_all {
                old.entries.keys().copied().collect()
            } else {
                used
            };
            kept.sort_unstable();
            kept.dedup();
            let kept: Vec<(u128, Vec<u8>)> = (kept.into_iter())
                .filter_map(|key| Some((key, read_packed(old, key)?)))
                .collect();
            let all: Vec<&(u128, Vec<u8>)> = kept.iter().chain(&made).collect();
            let (places, len) =
                (self.store).write_blobs(&self.name, all.iter().map(|m| m.1.as_slice()))?;
            for ((key, packed), at) in all.into_iter().zip(places) {
                entries.insert(*key, entry(at, packed));
            }
            len
        };
        let mut saved: Vec<(u128, Entry)> = entries.into_iter().collect();
        saved.sort_unstable_by_key(|e| e.0);
        self.store.save(&self.name, &(VERSION, len, saved))
    }
}

/// The compressed bytes of `key` in `old`, if they read back whole.
fn read_packed(old: &Old, key: u128) -> Option<Vec<u8>> {
    let entry = old.entries.get(&key)?;
    let packed = old.file.as_ref()?.read(entry.at, entry.len as usize)?;
    (crate::cache::hash(&packed) == entry.hash).then_some(packed)
}

fn entry(at: u64, packed: &[u8]) -> Entry {
    Entry {
        at,
        len: u32::try_from(packed.len()).unwrap_or(u32::MAX),
        hash: crate::cache::hash(packed),
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// A render that gives `html` and counts its calls.
    fn renders<'a>(
        html: &'static str,
        count: &'a Cell<usize>,
    ) -> impl Fn() -> Result<String, String> + 'a {
        move || {
            count.set(count.get() + 1);
            Ok(html.to_string())
        }
    }

    #[test]
    fn a_statement_rendered_by_one_build_is_read_back_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let count = Cell::new(0);
        let first = StatementStore::open(&store, None, 1, false).unwrap();
        let a = first.html(7, &renders("<li>a</li>", &count));
        assert_eq!(a, Ok("<li>a</li>".into()));
        assert_eq!(count.get(), 1);
        first.save(10).unwrap();

        let second = StatementStore::open(&store, None, 1, false).unwrap();
        let again = second.html(7, &renders("<li>other</li>", &count));
        assert_eq!(again, Ok("<li>a</li>".into()));
        assert_eq!(count.get(), 1, "not rendered again");
        // Another stand-in, or another environment (theme, strings): rendered.
        let b = second.html(8, &renders("<li>b</li>", &count));
        assert_eq!(b, Ok("<li>b</li>".into()));
        let other_theme = StatementStore::open(&store, None, 2, false).unwrap();
        let c = other_theme.html(7, &renders("<li>c</li>", &count));
        assert_eq!(c, Ok("<li>c</li>".into()));
        assert_eq!(count.get(), 3);
    }

    #[test]
    fn verifying_renders_what_was_found_and_fails_on_a_difference() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let count = Cell::new(0);
        let first = StatementStore::open(&store, None, 1, false).unwrap();
        first.html(7, &renders("<li>a</li>", &count)).unwrap();
        first.save(10).unwrap();
        let verifying = StatementStore::open(&store, None, 1, true).unwrap();
        let same = verifying.html(7, &renders("<li>a</li>", &count));
        assert_eq!(same, Ok("<li>a</li>".into()));
        assert!(verifying.html(7, &renders("<li>b</li>", &count)).is_err());
        assert_eq!(count.get(), 3);
    }

    #[test]
    fn a_damaged_data_file_is_rendered_around() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let count = Cell::new(0);
        let first = StatementStore::open(&store, None, 1, false).unwrap();
        first.html(7, &renders("<li>a</li>", &count)).unwrap();
        first.html(8, &renders("<li>b</li>", &count)).unwrap();
        first.save(10).unwrap();
        // Same length, other bytes: the hashes tell.
        let data = dir.path().join(".sitroom/cache/statements-html-site.dat");
        let bytes = std::fs::read(&data).unwrap();
        std::fs::write(&data, vec![b'x'; bytes.len()]).unwrap();
        let second = StatementStore::open(&store, None, 1, false).unwrap();
        let a = second.html(7, &renders("<li>a</li>", &count));
        assert_eq!(a, Ok("<li>a</li>".into()));
        assert_eq!(count.get(), 3, "rendered again");
        second.save(10).unwrap();
        // Another length: the index is not trusted at all.
        std::fs::write(&data, b"short").unwrap();
        let third = StatementStore::open(&store, None, 1, false).unwrap();
        third.html(8, &renders("<li>b</li>", &count)).unwrap();
        assert_eq!(count.get(), 4);
    }

    #[test]
    fn statements_not_shown_for_long_are_dropped_once_they_outnumber_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let count = Cell::new(0);
        // Far more statements than a shard's share of a one-statement site.
        let first = StatementStore::open(&store, None, 1, false).unwrap();
        for key in 0..4000 {
            first.html(key, &renders("<li>a</li>", &count)).unwrap();
        }
        first.save(4000).unwrap();
        let second = StatementStore::open(&store, None, 1, false).unwrap();
        for key in 4000..5000 {
            second.html(key, &renders("<li>a</li>", &count)).unwrap();
        }
        second.save(1).unwrap();
        let third = StatementStore::open(&store, None, 1, false).unwrap();
        let before = count.get();
        third.html(4500, &renders("<li>a</li>", &count)).unwrap();
        assert_eq!(count.get(), before, "kept: rendered last time");
        let dropped = (0..4000)
            .filter(|&key| {
                let n = count.get();
                third.html(key, &renders("<li>a</li>", &count)).unwrap();
                count.get() > n
            })
            .count();
        assert!(dropped > 3900, "{dropped} of the old ones dropped");
    }
}
