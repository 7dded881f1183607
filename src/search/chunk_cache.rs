//! The tokenised words of each chunk of records, kept in the build cache
//! (`search-<language>`) so that the next build skips tokenising every chunk
//! whose records did not change.
//!
//! An entry is found by a hash of everything the chunk's work is made from: each
//! record's every field, the settings, the index format and [`VERSION`]. Its value
//! is postcard bytes, decoded only on a hit; a value that does not decode is a
//! miss. The file holds the current build's chunks only.
//!
//! A chunk keeps its words, its filter sets, its dated count and each record's
//! fragment name and hash, so a hit makes none of its records: a fragment is
//! kept from the previous output when its file there has that hash (checked
//! against the file's bytes by the sink), and made again only when not. The
//! fragments' bytes, most of the index's, are not kept: they would make the file
//! (128 MB at 10,000 briefings, against 20 MB) and a build's memory several times
//! larger.
//!
//! The key is cheaper than the records: [`super::Records::key`] hashes what a
//! record is made from (a briefing's packed body, not its plain text).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::filters::FilterSets;
use super::index::{Chunk, Counted};
use super::{FORMAT, Record, Records, Settings};
use crate::cache::{Hasher, Store};

/// Bumped when what a chunk keeps changes shape or meaning.
const VERSION: &str = "search-chunk-2";

/// Bytes that serde writes and reads as one block (not byte by byte).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blob(pub Vec<u8>);

impl Serialize for Blob {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Blob, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Blob;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Blob, E> {
                Ok(Blob(v.to_vec()))
            }
            fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Blob, E> {
                Ok(Blob(v))
            }
        }
        d.deserialize_byte_buf(Visitor)
    }
}

/// What a chunk's records leave besides their words: each record's fragment
/// (name, [`crate::cache::hash`] of its bytes), the filter sets (numbered from
/// the chunk's first record) and how many records have a date.
#[derive(Serialize, Deserialize, Default)]
pub struct Rest {
    pub fragments: Vec<(u64, u128)>,
    pub sets: FilterSets,
    pub dated: usize,
}

/// A chunk's tokenised words and the rest as they are saved…
#[derive(Serialize)]
struct Keep<'a> {
    vocab: &'a [Cow<'a, str>],
    records: &'a [Counted],
    rest: &'a Rest,
}

/// … and read back.
#[derive(Deserialize)]
struct Kept {
    vocab: Vec<String>,
    records: Vec<Counted>,
    rest: Rest,
}

/// The saved chunks of one language, in chunk order: (key, postcard bytes).
#[derive(Serialize, Deserialize, Default)]
struct File {
    chunks: Vec<(u128, Blob)>,
}

/// A language's chunk cache during a build: what the last build left, and what
/// this one keeps.
pub struct Chunks<'s> {
    store: &'s Store,
    name: String,
    old: Mutex<HashMap<u128, Blob>>,
    /// Whether the last build left any chunk (if not, no key is looked up).
    had_old: bool,
    new: Mutex<Vec<(usize, u128, Blob)>>,
}

impl<'s> Chunks<'s> {
    /// The chunks the last build of `language` left in `store` (none when the
    /// store is off or its file is missing or bad).
    pub fn load(store: &'s Store, language: &str) -> Chunks<'s> {
        let name = format!("search-{language}");
        let old = if store.is_enabled() {
            store.load::<File>(&name).unwrap_or_default().chunks
        } else {
            Vec::new()
        };
        Chunks {
            store,
            name,
            had_old: !old.is_empty(),
            old: Mutex::new(old.into_iter().collect()),
            new: Mutex::default(),
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.store.is_enabled()
    }

    /// Whether the last build left chunks to look keys up in.
    pub fn had_old(&self) -> bool {
        self.had_old
    }

    /// The key of records `range` of `records` (see [`Records::key`]; `made`
    /// are those records if they are made already).
    pub fn key(
        records: &dyn Records,
        range: std::ops::Range<usize>,
        made: Option<&[Record]>,
        settings: &Settings,
    ) -> u128 {
        let mut h = Hasher::new();
        h.text(VERSION).text(FORMAT);
        h.u64(settings.shard_bytes as u64)
            .u64(settings.content_bytes as u64);
        h.u64(range.len() as u64);
        for (j, i) in range.enumerate() {
            records.key(i, made.map(|m| &m[j]), &mut h);
        }
        h.finish()
    }

    /// The tokenised chunk of `n` records with `key` and the rest it left, kept
    /// as chunk number `slot` of this build, if the last build saved it and it
    /// reads back whole.
    pub fn take(&self, slot: usize, key: u128, n: usize) -> Option<(Chunk<'static>, Rest)> {
        let blob = lock(&self.old).remove(&key)?;
        let kept: Kept = postcard::from_bytes(&blob.0).ok()?;
        if kept.records.len() != n || kept.rest.fragments.len() != n {
            return None;
        }
        let in_chunk = (kept.rest.sets.values())
            .flat_map(|by_value| by_value.values())
            .all(|ids| ids.iter().all(|&id| (id as usize) < n));
        if !in_chunk || kept.rest.dated > n {
            return None;
        }
        let vocab = kept.vocab.into_iter().map(Cow::Owned).collect();
        let chunk = Chunk::from_parts(vocab, kept.records)?;
        lock(&self.new).push((slot, key, blob));
        Some((chunk, kept.rest))
    }

    /// Keeps tokenised `chunk` and the `rest` its records left as chunk number
    /// `slot` with `key`.
    pub fn keep(&self, slot: usize, key: u128, chunk: &Chunk, rest: &Rest) {
        if !self.is_enabled() {
            return;
        }
        let keep = Keep {
            vocab: chunk.vocab(),
            records: chunk.records(),
            rest,
        };
        if let Ok(bytes) = postcard::to_stdvec(&keep) {
            lock(&self.new).push((slot, key, Blob(bytes)));
        }
    }

    /// Saves this build's chunks (only those), replacing the last build's. A
    /// failure only costs the next build time, so it is not an error.
    pub fn save(self) {
        if !self.is_enabled() {
            return;
        }
        drop(self.old);
        let mut new = self
            .new
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        new.sort_by_key(|c| c.0);
        let file = File {
            chunks: new.into_iter().map(|(_, key, blob)| (key, blob)).collect(),
        };
        if let Err(e) = self.store.save(&self.name, &file)
            && std::env::var_os("SITROOM_TIMINGS").is_some()
        {
            eprintln!("timing:   search cache not saved: {e}");
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Every field of a record, each delimited, with `text` for its text: gathered
/// in a buffer and hashed at once (one call of the hash per record, not two per
/// field).
pub fn hash_record(h: &mut Hasher, r: &Record, text: &str) {
    fn field(buffer: &mut Vec<u8>, bytes: &[u8]) {
        buffer.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        buffer.extend_from_slice(bytes);
    }
    fn count(buffer: &mut Vec<u8>, n: usize) {
        buffer.extend_from_slice(&(n as u64).to_le_bytes());
    }
    let buffer = &mut Vec::with_capacity(256 + text.len());
    for text in [r.url.as_str(), &r.kind, &r.title, text, &r.language] {
        field(buffer, text.as_bytes());
    }
    count(buffer, usize::from(r.date.is_some()));
    field(buffer, r.date.as_deref().unwrap_or("").as_bytes());
    count(buffer, r.meta.len());
    for (k, v) in &r.meta {
        field(buffer, k.as_bytes());
        field(buffer, v.as_bytes());
    }
    count(buffer, r.filters.len());
    for (name, values) in &r.filters {
        field(buffer, name.as_bytes());
        count(buffer, values.len());
        for v in values {
            field(buffer, v.as_bytes());
        }
    }
    h.u128(crate::cache::hash(buffer));
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::super::Built;
    use super::*;

    #[test]
    fn every_field_of_a_record_changes_the_key() {
        let base = Record {
            url: "a/".into(),
            kind: "briefing".into(),
            title: "T".into(),
            text: "x".into(),
            date: Some("2020".into()),
            meta: [("k".to_string(), "v".to_string())].into(),
            filters: [("f".to_string(), vec!["1".to_string()])].into(),
            language: "en".into(),
        };
        let s = Settings::default();
        let key_with = |r: &Record, s: &Settings| {
            let one = super::super::Sorted(vec![r]);
            let made = Chunks::key(&one, 0..1, Some(std::slice::from_ref(r)), s);
            assert_eq!(made, Chunks::key(&one, 0..1, None, s), "made or not");
            made
        };
        let key = |r: &Record| key_with(r, &s);
        let edits: [fn(&mut Record); 9] = [
            |r| r.url.push('x'),
            |r| r.kind.push('x'),
            |r| r.title.push('x'),
            |r| r.text.push('x'),
            |r| r.date = None,
            |r| r.meta.insert("k".into(), "w".into()).map_or((), drop),
            |r| r.filters.get_mut("f").unwrap().push("2".into()),
            |r| r.language.push('x'),
            |r| std::mem::swap(&mut r.title, &mut r.text),
        ];
        for edit in edits {
            let mut changed = base.clone();
            edit(&mut changed);
            assert_ne!(key(&changed), key(&base), "{changed:?}");
        }
        let other = Settings {
            content_bytes: 10,
            ..Settings::default()
        };
        assert_ne!(key_with(&base, &other), key(&base));
        assert_eq!(key(&base.clone()), key(&base));
    }

    #[test]
    fn a_blob_round_trips() {
        let blob = Blob(vec![0, 1, 255, 7]);
        let bytes = postcard::to_stdvec(&blob).unwrap();
        assert_eq!(bytes, [4, 0, 1, 255, 7]);
        assert_eq!(postcard::from_bytes::<Blob>(&bytes).unwrap(), blob);
    }

    /// Records enough for three chunks in English and one in Russian, each with
    /// text, filters and (most) a date.
    fn many() -> Vec<Record> {
        let mut out: Vec<Record> = (0..1100)
            .map(|i| Record {
                url: format!("b/{i}/"),
                kind: "briefing".into(),
                title: format!("Talks {i}"),
                text: format!("Negotiators met on day {i}; Baku’s side {} agreed.", i % 13),
                date: (i % 10 != 0).then(|| format!("2020-{:02}-{:02}", i % 12 + 1, i % 28 + 1)),
                meta: [("n".to_string(), i.to_string())].into(),
                filters: [("year".to_string(), vec![format!("{}", 2000 + i % 7)])].into(),
                language: "en".into(),
            })
            .collect();
        out.extend((0..20).map(|i| Record {
            url: format!("ru/{i}/"),
            kind: "briefing".into(),
            title: format!("Переговоры {i}"),
            text: "Стороны встретились.".into(),
            language: "ru".into(),
            ..Record::default()
        }));
        out
    }

    /// The files and the counts of a build of `records` with `store`.
    fn build(records: &[Record], store: &Store) -> (BTreeMap<String, Vec<u8>>, Built) {
        let mut built = None;
        let files = super::super::in_memory(|put| {
            let out = super::super::Out {
                put,
                keep: &super::super::keep_nothing,
            };
            let b = super::super::build_records(records, &Settings::default(), store, &out)?;
            built = Some(b);
            Ok(b.files)
        });
        (files, built.unwrap())
    }

    fn cold(records: &[Record]) -> BTreeMap<String, Vec<u8>> {
        build(records, &Store::none()).0
    }

    /// Records that count how many of them are made (their keys are not).
    struct Counting<'a> {
        inner: super::super::Sorted<'a>,
        made: std::sync::atomic::AtomicUsize,
    }

    impl Records for Counting<'_> {
        fn count(&self) -> usize {
            self.inner.count()
        }

        fn record(&self, i: usize) -> Record {
            self.made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            self.inner.record(i)
        }

        fn key(&self, i: usize, _: Option<&Record>, h: &mut Hasher) {
            let r = self.inner.0[i];
            hash_record(h, r, &r.text);
        }
    }

    /// A build of English `records` with `store` whose fragments may be kept
    /// from `previous` (when their bytes there have the hash asked for): every
    /// file of the index (kept or written), and how many records were made.
    fn build_keeping(
        records: &[Record],
        store: &Store,
        previous: &BTreeMap<String, Vec<u8>>,
    ) -> (BTreeMap<String, Vec<u8>>, usize) {
        let mut sorted: Vec<&Record> = records.iter().collect();
        super::super::sort_records(&mut sorted);
        let source = Counting {
            inner: super::super::Sorted(sorted),
            made: 0.into(),
        };
        let kept = Mutex::new(Vec::new());
        let keep = |path: &str, hash: u128| {
            let old = previous.get(path).filter(|b| crate::cache::hash(b) == hash);
            if let Some(bytes) = old {
                lock(&kept).push((path.to_string(), bytes.clone()));
            }
            Ok(old.is_some())
        };
        let mut files = super::super::in_memory(|put| {
            let out = super::super::Out { put, keep: &keep };
            let languages: [(&str, &dyn Records); 1] = [("en", &source)];
            super::super::build_counting(&languages, &Settings::default(), store, &out)
                .map(|b| b.files)
        });
        for (path, bytes) in kept.into_inner().unwrap() {
            assert!(files.insert(path, bytes).is_none(), "kept and written");
        }
        (files, source.made.into_inner())
    }

    #[test]
    fn a_chunk_from_the_cache_keeps_its_fragments_without_making_records() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let mut records: Vec<Record> = many().into_iter().filter(|r| r.language == "en").collect();
        let none = BTreeMap::new();
        let (first, made) = build_keeping(&records, &store, &none);
        assert_eq!(made, 1100);
        assert!(first == cold(&records));
        let (second, made) = build_keeping(&records, &store, &first);
        assert_eq!(made, 0, "every fragment kept");
        assert!(second == first);
        // A fragment missing or changed in the previous output is made again.
        let mut damaged = first.clone();
        let fragments: Vec<String> = (damaged.keys())
            .filter(|p| p.starts_with("pagefind/fragment/"))
            .take(2)
            .cloned()
            .collect();
        damaged.remove(&fragments[0]);
        damaged.get_mut(&fragments[1]).unwrap().push(b' ');
        let (third, made) = build_keeping(&records, &store, &damaged);
        assert_eq!(made, 2);
        assert!(third == first);
        // An edit makes the records of its chunk only (record 700 has no date:
        // it is in the last chunk, of the 76 undated records).
        records[700].text.push_str(" A new word: ceasefire.");
        let (fourth, made) = build_keeping(&records, &store, &first);
        assert_eq!(made, 1100 - 2 * 512);
        assert!(fourth == cold(&records));
        // No previous output: every fragment of the held chunks is made.
        let (fifth, made) = build_keeping(&records, &store, &none);
        assert_eq!(made, 1100);
        assert!(fifth == fourth);
    }

    #[test]
    fn a_warm_build_gives_the_files_of_a_cold_one() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let records = many();
        let expected = cold(&records);
        let (first, b) = build(&records, &store);
        assert_eq!((b.chunks, b.hits), (4, 0));
        assert!(first == expected, "a build that fills the cache");
        let (second, b) = build(&records, &store);
        assert_eq!((b.chunks, b.hits), (4, 4), "every chunk from the cache");
        assert!(second == expected, "a build from the cache");
    }

    #[test]
    fn a_changed_record_misses_only_its_chunk() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let mut records = many();
        build(&records, &store);
        // Record 700 has no date: the edit leaves it in its chunk.
        records[700].text.push_str(" A new word: ceasefire.");
        let (after, b) = build(&records, &store);
        assert_eq!((b.chunks, b.hits), (4, 3));
        assert!(after == cold(&records));
        let (again, b) = build(&records, &store);
        assert_eq!(b.hits, 4, "the edited chunk was saved");
        assert!(again == after);
        // Only this build's chunks are kept.
        let saved = store.load::<File>("search-en").unwrap();
        assert_eq!(saved.chunks.len(), 3);
        assert_eq!(store.load::<File>("search-ru").unwrap().chunks.len(), 1);
    }

    #[test]
    fn a_bad_cache_reads_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let records = many();
        let expected = cold(&records);
        build(&records, &store);
        // Whole files of the wrong shape.
        store.save("search-en", &"not chunks".to_string()).unwrap();
        store.save("search-ru", &vec![(1u128, 2u8)]).unwrap();
        let (out, b) = build(&records, &store);
        assert_eq!(b.hits, 0);
        assert!(out == expected);
        // Chunks cut short or changed under their right keys.
        let mut file = store.load::<File>("search-en").unwrap();
        for (i, (_, blob)) in file.chunks.iter_mut().enumerate() {
            if i % 2 == 0 {
                blob.0.truncate(blob.0.len() / 2);
            } else {
                blob.0[0] ^= 0x55;
            }
        }
        store.save("search-en", &file).unwrap();
        let (out, b) = build(&records, &store);
        assert_eq!(b.hits, 1, "only the Russian chunk");
        assert!(out == expected);
        let (out, b) = build(&records, &store);
        assert_eq!(b.hits, 4, "the bad chunks were replaced");
        assert!(out == expected);
    }
}
