//! Full-text search without a server: a chunked index under `pagefind/` and a small
//! client (`pagefind/pagefind.js`) with Pagefind's JavaScript API.
//!
//! Pure: records in, a map of output path → bytes out; the same records give the
//! same bytes. Per language, the browser downloads `meta.json` (shard keys, filter
//! counts), the one index shard of each word it searches for (forms → stem →
//! postings), a fragment per result it shows, and filter files only when a search
//! filters. Stemming happens here, not in the browser: each surface form of a word
//! points at its stem's postings, so the client looks words up as they are typed.

mod chunk_cache;
mod encode;
mod filters;
mod index;
mod language;
mod tokenize;

use std::collections::{BTreeMap, HashSet};
use std::sync::Mutex;

use serde::Serialize;

/// The client, written to `pagefind/pagefind.js`.
pub const CLIENT_JS: &str = include_str!("pagefind.js");

/// One searchable thing: a briefing, an actor page or one statement.
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// The page's URL relative to the site root (`briefings/x/`, `briefings/x/#s-3`);
    /// a leading `/` is allowed. The client puts the site's own path in front.
    pub url: String,
    /// `briefing`, `actor` or `statement` (returned in the fragment as `kind`).
    pub kind: String,
    /// Searched with extra weight; also `meta.title` unless `meta` sets one.
    pub title: String,
    /// Plain text (no HTML), searched and used for excerpts.
    pub text: String,
    /// `YYYY-MM-DD` (or a shorter ISO prefix) for sorting by date.
    pub date: Option<String>,
    /// Shown with a result: title, date label, speaker…
    pub meta: BTreeMap<String, String>,
    /// Filter name → values (actor, kind, verification, year, tag, type).
    pub filters: BTreeMap<String, Vec<String>>,
    /// Language code (`en`, `ru`, `hy`, `ar`…); one index per language.
    pub language: String,
}

/// Sizes that shape the index.
#[derive(Debug, Clone)]
pub struct Settings {
    /// A shard is split by a longer prefix while it is larger than this.
    pub shard_bytes: usize,
    /// A fragment keeps at most this much of the text for excerpts.
    pub content_bytes: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            shard_bytes: 12 * 1024,
            content_bytes: 12 * 1024,
        }
    }
}

/// The records of one language in index order (newest first, undated last; see
/// [`sort_records`]), made one at a time on request, so that a big site's records
/// (their text most of all) are never all in memory at once.
pub trait Records: Sync {
    /// How many records there are.
    fn count(&self) -> usize;
    /// Record `i` (`0..count()`).
    fn record(&self, i: usize) -> Record;

    /// Hashes into `h` everything record `i` is made from, so that records
    /// with the same hash are the same (the build cache's key); `made` is the
    /// record if it is made already. The same whether `made` is given or not.
    /// By default, every field of the record ([`hash_record`]); a source can
    /// hash less than the record, such as what its text is made from.
    fn key(&self, i: usize, made: Option<&Record>, h: &mut crate::cache::Hasher) {
        match made {
            Some(r) => hash_record(h, r, &r.text),
            None => {
                let r = self.record(i);
                hash_record(h, &r, &r.text);
            }
        }
    }

    /// A key of records `range` made without making or reading them, where the
    /// source can give one: two builds whose sources give the same fast key for
    /// a range have the same records there (and so the same [`Records::key`]).
    /// `None` (the default): no fast key.
    fn fast_key(&self, range: std::ops::Range<usize>) -> Option<u128> {
        let _ = range;
        None
    }

    /// A number for record `i` made from what tells it from the others (its
    /// kind and URL), not from its place, where the source can give one
    /// without making the record. With marks, the chunks of records end where
    /// the marks say (see `language::ranges`), so a record added or removed
    /// changes the chunk it falls in and not every chunk after it. `None` (the
    /// default): chunks of [`index::CHUNK`] records.
    fn mark(&self, i: usize) -> Option<u64> {
        let _ = i;
        None
    }
}

pub use chunk_cache::hash_record;

/// Records already in memory, sorted.
struct Sorted<'a>(Vec<&'a Record>);

impl Records for Sorted<'_> {
    fn count(&self) -> usize {
        self.0.len()
    }

    fn record(&self, i: usize) -> Record {
        self.0[i].clone()
    }
}

/// Builds the search index of `records` with the default settings: output path
/// (relative to the output root, `pagefind/…`) → bytes.
pub fn build(records: &[Record]) -> BTreeMap<String, Vec<u8>> {
    build_with(records, &Settings::default())
}

/// [`build`] with explicit settings.
pub fn build_with(records: &[Record], settings: &Settings) -> BTreeMap<String, Vec<u8>> {
    in_memory(|put| build_into(records, settings, put))
}

/// The files `write` hands to its `put`, in a map.
pub fn in_memory(
    write: impl FnOnce(
        &(dyn Fn(String, Vec<u8>) -> Result<(), std::convert::Infallible> + Sync),
    ) -> Result<usize, std::convert::Infallible>,
) -> BTreeMap<String, Vec<u8>> {
    let out = std::sync::Mutex::new(BTreeMap::new());
    let put = |path: String, bytes: Vec<u8>| -> Result<(), std::convert::Infallible> {
        out.lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(path, bytes);
        Ok(())
    };
    let Ok(_) = write(&put);
    out.into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Builds the index of `records` (any order, any languages) and hands each file
/// to `put`; see [`build_languages`].
pub fn build_into<E: Send>(
    records: &[Record],
    settings: &Settings,
    put: &(dyn Fn(String, Vec<u8>) -> Result<(), E> + Sync),
) -> Result<usize, E> {
    let out = Out {
        put,
        keep: &keep_nothing,
        previous: &previous_nothing,
        stale: None,
    };
    build_records(records, settings, &crate::cache::Store::none(), &out).map(|b| b.files)
}

/// A `keep` for [`build_languages`] without a previous output: keeps nothing.
pub fn keep_nothing<E>(_: &str, _: u128) -> Result<bool, E> {
    Ok(false)
}

/// A `previous` for [`build_languages`] without a previous output: reads nothing.
pub fn previous_nothing(_: &str, _: u128) -> Option<Vec<u8>> {
    None
}

/// [`build_into`] with a cache, counting what it held.
fn build_records<E: Send>(
    records: &[Record],
    settings: &Settings,
    cache: &crate::cache::Store,
    out: &Out<E>,
) -> Result<Built, E> {
    let mut by_language: BTreeMap<String, Vec<&Record>> = BTreeMap::new();
    for r in records {
        by_language
            .entry(language_dir(&r.language))
            .or_default()
            .push(r);
    }
    let sorted: Vec<(String, Sorted)> = by_language
        .into_iter()
        .map(|(language, mut group)| {
            sort_records(&mut group);
            (language, Sorted(group))
        })
        .collect();
    let languages: Vec<(&str, &dyn Records)> = sorted
        .iter()
        .map(|(l, r)| (l.as_str(), r as &dyn Records))
        .collect();
    build_counting(&languages, settings, cache, out)
}

/// Builds the index of each language's records and hands each file to `put` as
/// soon as it is made (from several threads), so a big index never sits in
/// memory whole. Stops at the first error `put` returns. Returns the number of
/// files.
///
/// Fragments (a record's data, what a result shows) are named by a hash of their
/// bytes, in `pagefind/fragment/`; the rest of a language's files are in a folder
/// named by a hash of those files. A rebuild after an edit therefore gives the
/// unchanged records' fragments the same names and bytes (most of the index), and
/// a browser never mixes files of two builds.
///
/// `keep(path, hash)` keeps the previous output's file at `path` if its bytes
/// hash to `hash` ([`crate::cache::hash`]) and says whether it did: a chunk of
/// records the cache holds keeps its fragments so, without making its records,
/// and a language whose every chunk the cache holds keeps its other files too.
/// `previous(path, hash)` gives the bytes of that file on the same terms: a
/// language whose records' words are all the last build's (a date or a filter
/// edited, say) takes its shards from the last build's folder so, unmerged.
///
/// With `stale` (`SITROOM_VERIFY_CACHE`), what the cache gave by a fast key
/// ([`Records::fast_key`]) or for a whole language is made again and compared:
/// a difference is the error `stale` makes from a description of it.
pub fn build_languages<E: Send>(
    languages: &[(&str, &dyn Records)],
    settings: &Settings,
    cache: &crate::cache::Store,
    (put, keep, previous): (&Put<'_, E>, &Keep<'_, E>, &Previous<'_>),
    stale: Option<&(dyn Fn(String) -> E + Sync)>,
) -> Result<usize, E> {
    let out = Out {
        put,
        keep,
        previous,
        stale,
    };
    build_counting(languages, settings, cache, &out).map(|b| b.files)
}

/// Hands a file (output path, bytes) to where it goes.
pub type Put<'a, E> = dyn Fn(String, Vec<u8>) -> Result<(), E> + Sync + 'a;
/// Keeps a file of the previous output if its bytes have a hash (see
/// [`build_languages`]).
pub type Keep<'a, E> = dyn Fn(&str, u128) -> Result<bool, E> + Sync + 'a;
/// The bytes of a file of the previous output if they have a hash (see
/// [`build_languages`]).
pub type Previous<'a> = dyn Fn(&str, u128) -> Option<Vec<u8>> + Sync + 'a;

/// Where the files go: written (`put`), or kept from the previous output
/// (`keep`, see [`build_languages`]); `stale` checks what the cache gave.
struct Out<'a, E> {
    put: &'a (dyn Fn(String, Vec<u8>) -> Result<(), E> + Sync),
    keep: &'a (dyn Fn(&str, u128) -> Result<bool, E> + Sync),
    previous: &'a Previous<'a>,
    stale: Option<&'a (dyn Fn(String) -> E + Sync)>,
}

/// What [`build_counting`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Built {
    files: usize,
    /// Chunks of records in all, and those whose work the cache held.
    chunks: usize,
    hits: usize,
}

/// [`build_languages`], counting the chunks the cache held.
fn build_counting<E: Send>(
    languages: &[(&str, &dyn Records)],
    settings: &Settings,
    cache: &crate::cache::Store,
    out: &Out<E>,
) -> Result<Built, E> {
    let put = out.put;
    let mut entry = Entry {
        version: 1,
        default: String::new(),
        languages: BTreeMap::new(),
    };
    let mut largest = 0;
    let mut built = Built {
        files: 2,
        chunks: 0,
        hits: 0,
    };
    let written = Mutex::new(HashSet::new());
    let shared = Shared {
        settings,
        put,
        keep: out.keep,
        previous: out.previous,
        stale: out.stale,
        written: &written,
        cache,
    };
    for &(code, records) in languages {
        let language = language_dir(code);
        let (dir, b) = language::build(&language, records, &shared)?;
        built.files += b.files;
        built.chunks += b.chunks;
        built.hits += b.hits;
        if records.count() > largest || entry.default.is_empty() {
            largest = records.count().max(largest);
            entry.default = language.clone();
        }
        entry.languages.insert(
            language,
            EntryLanguage {
                dir,
                records: records.count(),
            },
        );
    }
    put("pagefind/pagefind-entry.json".into(), to_json(&entry))?;
    put("pagefind/pagefind.js".into(), CLIENT_JS.as_bytes().to_vec())?;
    Ok(built)
}

/// What every language's build uses.
struct Shared<'a, E> {
    settings: &'a Settings,
    put: &'a (dyn Fn(String, Vec<u8>) -> Result<(), E> + Sync),
    keep: &'a (dyn Fn(&str, u128) -> Result<bool, E> + Sync),
    previous: &'a Previous<'a>,
    stale: Option<&'a (dyn Fn(String) -> E + Sync)>,
    /// The fragments written so far (every language's).
    written: &'a Mutex<HashSet<u64>>,
    cache: &'a crate::cache::Store,
}

/// Bumped when the files' layout changes, so new files get new folder names.
const FORMAT: &str = "sitroom-search-2";

/// Records per fragment table (`fragments/<k>.json`: the fragment names of
/// records `k*TABLE..`).
const TABLE: usize = 512;

#[derive(Serialize)]
struct Entry {
    version: u32,
    default: String,
    languages: BTreeMap<String, EntryLanguage>,
}

#[derive(Serialize)]
struct EntryLanguage {
    dir: String,
    records: usize,
}

/// A language code made safe as a folder name (`und` when empty).
fn language_dir(code: &str) -> String {
    let clean: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if clean.is_empty() {
        "und".into()
    } else {
        clean
    }
}

/// Newest first (undated last), then by kind and URL: record numbers then sort by
/// date, and the date filter values are runs.
fn sort_records(records: &mut [&Record]) {
    records.sort_by(|a, b| order(a, b));
}

/// The index order of two records (see [`sort_records`]).
pub fn order(a: &Record, b: &Record) -> std::cmp::Ordering {
    fn key(r: &Record) -> (bool, Option<&str>) {
        (r.date.is_some(), r.date.as_deref())
    }
    key(b).cmp(&key(a)).then_with(|| {
        (&a.kind, &a.url, &a.title, &a.text).cmp(&(&b.kind, &b.url, &b.title, &b.text))
    })
}

#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    language: &'a str,
    records: usize,
    /// Records `0..dated` have a date (newest first); the rest have none.
    dated: usize,
    /// Shard keys, sorted; shard `i` is `index/<i>.pfi`.
    shards: Vec<String>,
    /// Filter name → its file.
    filters: BTreeMap<&'a str, String>,
    counts: BTreeMap<&'a str, BTreeMap<&'a str, usize>>,
    /// Records per fragment table: record `i`'s fragment name is entry
    /// `i % table` of `fragments/<i / table>.json`.
    table: usize,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn fragment_path(name: u64) -> String {
    format!("pagefind/fragment/{name:016x}.json")
}

/// A hash of a language folder's files (and of the format and the client, which
/// reads the layout): its name changes whenever one of them does.
fn folder_hash(files: &[(String, Vec<u8>)], settings: &Settings) -> u64 {
    fn field(h: u64, bytes: &[u8]) -> u64 {
        encode::fnv1a(encode::fnv1a(h, &(bytes.len() as u64).to_le_bytes()), bytes)
    }
    let mut h = field(encode::FNV_START, FORMAT.as_bytes());
    h = field(h, CLIENT_JS.as_bytes());
    h = field(
        h,
        format!("{}/{}", settings.shard_bytes, settings.content_bytes).as_bytes(),
    );
    files.iter().fold(h, |h, (path, bytes)| {
        field(field(h, path.as_bytes()), bytes)
    })
}

#[derive(Serialize)]
struct Fragment<'a> {
    url: &'a str,
    kind: &'a str,
    date: Option<&'a str>,
    content: &'a str,
    word_count: u32,
    meta: BTreeMap<&'a str, &'a str>,
    filters: &'a BTreeMap<String, Vec<String>>,
}

/// What a result shows: the record's data and the start of its text (cut at a
/// word boundary at most `cap` bytes in).
fn fragment(r: &Record, word_count: u32, cap: usize) -> Vec<u8> {
    let mut meta: BTreeMap<&str, &str> = r
        .meta
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    meta.entry("title").or_insert(&r.title);
    let fragment = Fragment {
        url: &r.url,
        kind: &r.kind,
        date: r.date.as_deref(),
        content: cut(&r.text, cap),
        word_count,
        meta,
        filters: &r.filters,
    };
    to_json(&fragment)
}

/// `text` up to `cap` bytes, ending at a char boundary and before a partial word.
fn cut(text: &str, cap: usize) -> &str {
    if text.len() <= cap {
        return text;
    }
    let mut end = cap;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    head.rfind(char::is_whitespace).map_or(head, |i| &head[..i])
}

fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("plain data serialises")
}

#[cfg(test)]
mod tests;
