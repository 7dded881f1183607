//! Full-text search without a server: a chunked index under `pagefind/` and a small
//! client (`pagefind/pagefind.js`) with Pagefind's JavaScript API.
//!
//! Pure: records in, a map of output path → bytes out; the same records give the
//! same bytes. Per language, the browser downloads `meta.json` (shard keys, filter
//! counts), the one index shard of each word it searches for (forms → stem →
//! postings), a fragment per result it shows, and filter files only when a search
//! filters. Stemming happens here, not in the browser: each surface form of a word
//! points at its stem's postings, so the client looks words up as they are typed.

mod encode;
mod filters;
mod index;
mod tokenize;

use std::collections::BTreeMap;

use rayon::prelude::*;
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

/// Builds the search index of `records` with the default settings: output path
/// (relative to the output root, `pagefind/…`) → bytes.
pub fn build(records: &[Record]) -> BTreeMap<String, Vec<u8>> {
    build_with(records, &Settings::default())
}

/// [`build`] with explicit settings.
pub fn build_with(records: &[Record], settings: &Settings) -> BTreeMap<String, Vec<u8>> {
    let out = std::sync::Mutex::new(BTreeMap::new());
    let put = |path: String, bytes: Vec<u8>| -> Result<(), std::convert::Infallible> {
        out.lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(path, bytes);
        Ok(())
    };
    let Ok(_) = build_into(records, settings, &put);
    out.into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Builds the index and hands each file to `put` as soon as it is made (from
/// several threads), so a big index never sits in memory whole. Stops at the
/// first error `put` returns. Returns the number of files.
///
/// Every folder name is known before its first file: it is a hash of the records
/// (and of the format), not of the files, so the same records give the same names.
pub fn build_into<E: Send>(
    records: &[Record],
    settings: &Settings,
    put: &(dyn Fn(String, Vec<u8>) -> Result<(), E> + Sync),
) -> Result<usize, E> {
    let mut by_language: BTreeMap<String, Vec<&Record>> = BTreeMap::new();
    for r in records {
        by_language
            .entry(language_dir(&r.language))
            .or_default()
            .push(r);
    }
    let mut entry = Entry {
        version: 1,
        default: String::new(),
        languages: BTreeMap::new(),
    };
    let mut largest = 0;
    let mut files = 0;
    for (language, mut group) in by_language {
        sort_records(&mut group);
        let hash = records_hash(&group, settings);
        let dir = format!("{language}_{:012x}", hash & 0xffff_ffff_ffff);
        let prefix = format!("pagefind/{dir}/");
        let put_here = |path: String, bytes: Vec<u8>| put(format!("{prefix}{path}"), bytes);
        files += build_language(&language, &group, settings, &put_here)?;
        if group.len() > largest {
            largest = group.len();
            entry.default = language.clone();
        }
        entry.languages.insert(
            language,
            EntryLanguage {
                dir,
                records: group.len(),
            },
        );
    }
    put("pagefind/pagefind-entry.json".into(), to_json(&entry))?;
    put("pagefind/pagefind.js".into(), CLIENT_JS.as_bytes().to_vec())?;
    Ok(files + 2)
}

/// Bumped when the files' layout changes, so new files get new folder names.
const FORMAT: &str = "sitroom-search-1";

/// A hash of sorted `records` and `settings` (and the client, which reads the
/// layout): what the files of a language are made from. Hashed in parallel chunks.
fn records_hash(records: &[&Record], settings: &Settings) -> u64 {
    fn field(h: u64, s: &str) -> u64 {
        encode::fnv1a(
            encode::fnv1a(h, &(s.len() as u64).to_le_bytes()),
            s.as_bytes(),
        )
    }
    let chunks: Vec<u64> = records
        .par_chunks(256)
        .map(|chunk| {
            chunk.iter().fold(encode::FNV_START, |mut h, r| {
                for s in [&r.url, &r.kind, &r.title, &r.text, &r.language] {
                    h = field(h, s);
                }
                h = field(h, r.date.as_deref().unwrap_or("\u{0}none"));
                for (k, v) in &r.meta {
                    h = field(field(h, k), v);
                }
                for (k, vs) in &r.filters {
                    h = field(h, k);
                    h = vs.iter().fold(field(h, "["), |h, v| field(h, v));
                }
                h
            })
        })
        .collect();
    let mut h = field(encode::FNV_START, FORMAT);
    h = field(h, CLIENT_JS);
    h = field(
        h,
        &format!("{}/{}", settings.shard_bytes, settings.content_bytes),
    );
    chunks
        .iter()
        .fold(h, |h, c| encode::fnv1a(h, &c.to_le_bytes()))
}

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
    fn key(r: &Record) -> (bool, Option<&str>) {
        (r.date.is_some(), r.date.as_deref())
    }
    records.sort_by(|a, b| {
        key(b).cmp(&key(a)).then_with(|| {
            (&a.kind, &a.url, &a.title, &a.text).cmp(&(&b.kind, &b.url, &b.title, &b.text))
        })
    });
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
}

/// The files of one language, relative to its folder, handed to `put`; returns
/// their number.
fn build_language<E: Send>(
    language: &str,
    records: &[&Record],
    settings: &Settings,
    put: &(dyn Fn(String, Vec<u8>) -> Result<(), E> + Sync),
) -> Result<usize, E> {
    let docs: Vec<index::Doc> = records
        .iter()
        .map(|r| index::Doc {
            title: &r.title,
            text: &r.text,
        })
        .collect();
    let terms = index::collect(&docs, &tokenize::Stemmer::for_language(language));
    drop(docs);
    let mut shards = index::shards(&terms, settings.shard_bytes);
    shards.sort_by(|a, b| a.key.cmp(&b.key));
    // The postings are in the shards (dropped here); only the lengths are needed
    // from here on.
    let lengths = {
        let t = terms;
        t.lengths
    };
    let sets = filters::collect(records.iter().map(|r| &r.filters));

    let mut filter_files = BTreeMap::new();
    for (i, (name, by_value)) in sets.iter().enumerate() {
        let path = format!("filter/{i}.pff");
        put(path.clone(), filters::encode(by_value))?;
        filter_files.insert(name.as_str(), path);
    }
    let meta = Meta {
        version: 1,
        language,
        records: records.len(),
        dated: records.iter().filter(|r| r.date.is_some()).count(),
        shards: shards.iter().map(|s| s.key.clone()).collect(),
        filters: filter_files,
        counts: filters::counts(&sets),
    };
    put("meta.json".into(), to_json(&meta))?;
    let files = 1 + sets.len() + shards.len() + records.len();
    drop(meta);
    drop(sets);
    for (i, shard) in shards.into_iter().enumerate() {
        put(format!("index/{i}.pfi"), shard.bytes)?;
    }
    records
        .par_iter()
        .zip(&lengths)
        .enumerate()
        .try_for_each(|(i, (r, &words))| {
            put(
                format!("fragment/{i}.json"),
                fragment(r, words, settings.content_bytes),
            )
        })?;
    Ok(files)
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
