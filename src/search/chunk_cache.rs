//! The tokenised words of each chunk of records, kept in the build cache
//! (`search-<language>`) so that the next build skips tokenising every chunk
//! whose records did not change.
//!
//! An entry is found by a hash of everything the chunk's work is made from: each
//! record's every field, the settings, the index format and [`VERSION`]. Its value
//! is postcard bytes, decoded only on a hit; a value that does not decode is a
//! miss. The file holds the current build's chunks only.
//!
//! Only the words are kept: a chunk's fragments, filter sets and dated count are
//! made again from its records (which the key needs made anyway). They are cheap
//! to make, and the fragments, most of the index's bytes, would make the file
//! (128 MB at 10,000 briefings, against 20 MB) and a build's memory (the file
//! loaded, the file to save, each encoded) several times larger.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::index::{Chunk, Counted};
use super::{FORMAT, Record, Settings};
use crate::cache::{Hasher, Store};

/// Bumped when what a chunk keeps changes shape or meaning.
const VERSION: &str = "search-chunk-1";

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

/// A chunk's tokenised words as they are saved…
#[derive(Serialize)]
struct Keep<'a> {
    vocab: &'a [Cow<'a, str>],
    records: &'a [Counted],
}

/// … and read back.
#[derive(Deserialize)]
struct Kept {
    vocab: Vec<String>,
    records: Vec<Counted>,
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
            old: Mutex::new(old.into_iter().collect()),
            new: Mutex::default(),
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.store.is_enabled()
    }

    /// The key of a chunk of `records`.
    pub fn key(records: &[Record], settings: &Settings) -> u128 {
        let mut h = Hasher::new();
        h.text(VERSION).text(FORMAT);
        h.u64(settings.shard_bytes as u64)
            .u64(settings.content_bytes as u64);
        h.u64(records.len() as u64);
        let mut buffer = Vec::new();
        for r in records {
            hash_record(&mut h, &mut buffer, r);
        }
        h.finish()
    }

    /// The tokenised chunk of `n` records with `key`, kept as chunk number
    /// `slot` of this build, if the last build saved it and it reads back whole.
    pub fn take(&self, slot: usize, key: u128, n: usize) -> Option<Chunk<'static>> {
        let blob = lock(&self.old).remove(&key)?;
        let kept: Kept = postcard::from_bytes(&blob.0).ok()?;
        if kept.records.len() != n {
            return None;
        }
        let vocab = kept.vocab.into_iter().map(Cow::Owned).collect();
        let chunk = Chunk::from_parts(vocab, kept.records)?;
        lock(&self.new).push((slot, key, blob));
        Some(chunk)
    }

    /// Keeps tokenised `chunk` as chunk number `slot` with `key`.
    pub fn keep(&self, slot: usize, key: u128, chunk: &Chunk) {
        if !self.is_enabled() {
            return;
        }
        let keep = Keep {
            vocab: chunk.vocab(),
            records: chunk.records(),
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

/// Every field of a record, each delimited: gathered in `buffer` and hashed at
/// once (one call of the hash per record, not two per field).
fn hash_record(h: &mut Hasher, buffer: &mut Vec<u8>, r: &Record) {
    fn field(buffer: &mut Vec<u8>, bytes: &[u8]) {
        buffer.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        buffer.extend_from_slice(bytes);
    }
    fn count(buffer: &mut Vec<u8>, n: usize) {
        buffer.extend_from_slice(&(n as u64).to_le_bytes());
    }
    buffer.clear();
    for text in [&r.url, &r.kind, &r.title, &r.text, &r.language] {
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
        let key = |r: &Record| Chunks::key(std::slice::from_ref(r), &s);
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
        assert_ne!(Chunks::key(std::slice::from_ref(&base), &other), key(&base));
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
            let b = super::super::build_records(records, &Settings::default(), store, put)?;
            built = Some(b);
            Ok(b.files)
        });
        (files, built.unwrap())
    }

    fn cold(records: &[Record]) -> BTreeMap<String, Vec<u8>> {
        build(records, &Store::none()).0
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
