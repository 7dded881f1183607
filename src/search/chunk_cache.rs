//! The tokenised words of each chunk of records, kept in the build cache
//! (`search-<language>`) so that the next build skips tokenising every chunk
//! whose records did not change.
//!
//! An entry is found by a hash of everything the chunk's work is made from: each
//! record's every field, the settings, the index format and [`VERSION`]. Its value
//! is postcard bytes, decoded only on a hit; a value that does not decode is a
//! miss. The file holds the current build's chunks only.
//!
//! A chunk keeps its records' word counts, its filter sets, its dated count and
//! each record's fragment name and hash, so a hit makes none of its records.
//! The counts are numbered as the saving build numbered the language's words,
//! and the file keeps those words by number: the next build's index builder
//! starts from them ([`Chunks::builder`]), so a kept chunk joins it as it is,
//! its words not looked up nor its records sorted again (at 10,000 briefings, a
//! build after a title edit took 2.25 CPU-seconds instead of 2.45, median of 6
//! alternating runs, and the file 12.2 MB instead of 15.7). Words no record
//! has any more are left out of the index, and out of the file once they are a
//! quarter of it (the kept chunks renumbered then). On a hit, a fragment is
//! kept from the previous output when its file there has that hash (checked
//! against the file's bytes by the sink), and made again only when not. The
//! fragments' bytes, most of the index's, are not kept: they would make the file
//! (128 MB at 10,000 briefings, against 20 MB) and a build's memory several times
//! larger.
//!
//! The key is cheaper than the records: [`super::Records::key`] hashes what a
//! record is made from (a briefing's packed body, not its plain text).

use std::collections::HashMap;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::filters::FilterSets;
use super::index::{Builder, Numbered};
use super::{FORMAT, Record, Records, Settings};
use crate::cache::{Hasher, Store};

/// Bumped when what a chunk keeps changes shape or meaning.
const VERSION: &str = "search-chunk-5";

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
/// the chunk's first record), how many records have a date, and a key of its
/// words ([`super::index::Chunk::words_key`]).
#[derive(Serialize, Deserialize, Default)]
pub struct Rest {
    pub fragments: Vec<(u64, u128)>,
    pub sets: FilterSets,
    pub dated: usize,
    pub words: u128,
}

/// Bytes that serde writes as one block, borrowed.
struct BlobRef<'a>(&'a [u8]);

impl Serialize for BlobRef<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

/// A chunk's records with their words numbered as the saving build numbered
/// them ([`Numbered::parts`]; the file's `forms` name the numbers), filter sets
/// and dated count as they are saved…
#[derive(Serialize)]
struct Keep<'a> {
    counts: BlobRef<'a>,
    ends: &'a [(u32, u32)],
    sets: &'a FilterSets,
    dated: usize,
}

/// … and read back.
#[derive(Deserialize)]
struct Kept {
    counts: Blob,
    ends: Vec<(u32, u32)>,
    sets: FilterSets,
    dated: usize,
}

/// One saved chunk: its keys, its records' fragments (read without decoding
/// the rest) and the rest as postcard bytes (decoded only on a hit).
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq)]
struct Saved {
    /// The source's fast key ([`Chunks::fast_key`]), 0 if it had none.
    fast: u128,
    /// The key of the chunk's records ([`Chunks::key`]).
    key: u128,
    fragments: Vec<(u64, u128)>,
    /// The key of its records' words ([`super::index::Chunk::words_key`]).
    words: u128,
    blob: Blob,
}

/// A language's files besides its fragments, as the last build made them from
/// records whose chunks' keys hash to `key` ([`Chunks::whole_key`]): its folder
/// and each file's path in it with the hash of its bytes; and the index's
/// shards (`index/<i>.pfi`, in the files) as made from records whose words
/// have the key `words` ([`Chunks::words_key`]), with each shard's prefix.
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
pub struct Whole {
    pub key: u128,
    pub dir: String,
    pub files: Vec<(String, u128)>,
    pub words: u128,
    pub shards: Vec<String>,
}

/// The last build's shards: their prefixes, and each one's path in the last
/// build's folder with the hash of its bytes.
pub struct OldShards<'a> {
    pub keys: &'a [String],
    pub files: Vec<(String, u128)>,
}

/// The saved chunks of one language, in chunk order, its other files, and the
/// words the chunks' numbers name (by number; each once).
#[derive(Serialize, Deserialize, Default, PartialEq, Eq)]
struct File {
    chunks: Vec<Saved>,
    whole: Option<Whole>,
    forms: Vec<String>,
}

/// A language's chunk cache during a build: what the last build left, and what
/// this one keeps.
pub struct Chunks<'s> {
    store: &'s Store,
    name: String,
    old: Mutex<HashMap<u128, Saved>>,
    /// Fast key → key, of the last build's chunks that had a fast key.
    by_fast: HashMap<u128, u128>,
    /// Whether the last build left any chunk (if not, no key is looked up).
    had_old: bool,
    old_whole: Option<Whole>,
    new: Mutex<Vec<(usize, Saved)>>,
    whole: Mutex<Option<Whole>>,
    /// The words the saved chunks' numbers name: the last build's until
    /// [`Chunks::keep_forms`] gives this one's.
    forms: Mutex<Vec<String>>,
    /// Whether this build keeps exactly what the last one saved (so the file
    /// need not be written again): set by [`Chunks::carry_all`].
    unchanged: bool,
}

impl<'s> Chunks<'s> {
    /// The chunks the last build of `language` left in `store` (none when the
    /// store is off or its file is missing or bad).
    pub fn load(store: &'s Store, language: &str) -> Chunks<'s> {
        let name = format!("search-{language}");
        let file = if store.is_enabled() {
            store.load::<File>(&name).unwrap_or_default()
        } else {
            Default::default()
        };
        // Numbers naming two words would mix them up: nothing is taken then.
        let distinct = {
            let mut seen = std::collections::HashSet::with_capacity(file.forms.len());
            file.forms.iter().all(|f| seen.insert(f.as_str()))
        };
        let file: File = if distinct { file } else { Default::default() };
        let by_fast = (file.chunks.iter())
            .filter(|c| c.fast != 0)
            .map(|c| (c.fast, c.key))
            .collect();
        Chunks {
            store,
            name,
            had_old: !file.chunks.is_empty(),
            by_fast,
            old: Mutex::new(file.chunks.into_iter().map(|c| (c.key, c)).collect()),
            old_whole: file.whole,
            new: Mutex::default(),
            whole: Mutex::default(),
            forms: Mutex::new(file.forms),
            unchanged: false,
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

    /// The fast key of records `range` ([`Records::fast_key`]) with what the
    /// chunk's work is made from besides its records; `None` if the source
    /// gives none.
    pub fn fast_key(
        records: &dyn Records,
        range: std::ops::Range<usize>,
        settings: &Settings,
    ) -> Option<u128> {
        let fast = records.fast_key(range.clone())?;
        let mut h = Hasher::new();
        h.text(VERSION).text(FORMAT).text("fast");
        h.u64(settings.shard_bytes as u64)
            .u64(settings.content_bytes as u64);
        h.u64(range.len() as u64).u128(fast);
        // 0 stands for "none" in the file.
        Some(h.finish().max(1))
    }

    /// The key of a language's files besides its fragments: the keys of all
    /// its chunks in order (which cover every field of every record), the
    /// record count, the settings, the format and the client.
    pub fn whole_key(keys: &[u128], n: usize, settings: &Settings) -> u128 {
        let mut h = Hasher::new();
        h.text(VERSION).text(FORMAT).text(super::CLIENT_JS);
        keys_into(&mut h, keys, n, settings)
    }

    /// The key of the words of a language's records: the key of each chunk's
    /// words in order ([`super::index::Chunk::words_key`]), the record count,
    /// the settings, the format and the language (whose stemmer the index
    /// uses). The index's shards are made from these alone.
    pub fn words_key(language: &str, words: &[u128], n: usize, settings: &Settings) -> u128 {
        let mut h = Hasher::new();
        h.text(VERSION).text(FORMAT).text("words").text(language);
        keys_into(&mut h, words, n, settings)
    }

    /// The last build's shards of the language, if their words' key is `words`.
    pub fn old_shards(&self, words: u128) -> Option<OldShards<'_>> {
        let whole = self.old_whole.as_ref().filter(|w| w.words == words)?;
        let hashes: HashMap<&str, u128> = (whole.files.iter())
            .map(|(path, hash)| (path.as_str(), *hash))
            .collect();
        let files: Vec<(String, u128)> = (0..whole.shards.len())
            .map(|i| {
                let path = format!("index/{i}.pfi");
                let hash = hashes.get(path.as_str())?;
                Some((format!("{}/{path}", whole.dir), *hash))
            })
            .collect::<Option<_>>()?;
        Some(OldShards {
            keys: &whole.shards,
            files,
        })
    }

    /// The key of the last build's chunk whose fast key was `fast`.
    pub fn key_of_fast(&self, fast: u128) -> Option<u128> {
        self.by_fast.get(&fast).copied()
    }

    /// The last build's files of the language, if their key is `key`.
    pub fn old_whole(&self, key: u128) -> Option<&Whole> {
        self.old_whole.as_ref().filter(|w| w.key == key)
    }

    /// The fragments of the last build's chunk with `key` (of `n` records).
    pub fn old_fragments(&self, key: u128, n: usize) -> Option<Vec<(u64, u128)>> {
        let old = lock(&self.old);
        let saved = old.get(&key)?;
        (saved.fragments.len() == n).then(|| saved.fragments.clone())
    }

    /// Keeps every chunk of the last build as it was, in its place, and the
    /// language's files, when a build takes them all (`keys`: this build's
    /// chunks' keys and fast keys in order, each key one the last build saved).
    pub fn carry_all(&mut self, keys: &[(u128, Option<u128>)]) {
        let mut old = std::mem::take(&mut *lock(&self.old));
        let mut new = lock(&self.new);
        let mut same = true;
        for (slot, &(key, fast)) in keys.iter().enumerate() {
            if let Some(mut saved) = old.remove(&key) {
                let fast = fast.unwrap_or(0);
                same &= saved.fast == fast;
                saved.fast = fast;
                new.push((slot, saved));
            }
        }
        let whole = self.old_whole.clone();
        self.unchanged = same && new.len() == keys.len() && old.is_empty() && whole.is_some();
        drop(new);
        *lock(&self.whole) = whole;
    }

    /// A builder of the index whose words are numbered as the last build's
    /// were, so the chunks [`Chunks::take`] gives fit it.
    pub fn builder(&self) -> Builder {
        Builder::seeded(lock(&self.forms).clone())
    }

    /// The numbered records of the chunk of `n` records with `key` and the rest
    /// it left, kept as chunk number `slot` of this build (with fast key
    /// `fast`), if the last build saved it and it reads back whole.
    pub fn take(
        &self,
        slot: usize,
        key: u128,
        fast: Option<u128>,
        n: usize,
    ) -> Option<(Numbered, Rest)> {
        let mut saved = lock(&self.old).remove(&key)?;
        let kept: Kept = postcard::from_bytes(&saved.blob.0).ok()?;
        if kept.ends.len() != n || saved.fragments.len() != n {
            return None;
        }
        let in_chunk = (kept.sets.values())
            .flat_map(|by_value| by_value.values())
            .all(|ids| ids.iter().all(|&id| (id as usize) < n));
        if !in_chunk || kept.dated > n {
            return None;
        }
        let forms = lock(&self.forms).len();
        let chunk = Numbered::from_parts(kept.counts.0, kept.ends, forms)?;
        let rest = Rest {
            fragments: saved.fragments.clone(),
            sets: kept.sets,
            dated: kept.dated,
            words: saved.words,
        };
        saved.fast = fast.unwrap_or(0);
        lock(&self.new).push((slot, saved));
        Some((chunk, rest))
    }

    /// Keeps numbered `chunk` and the `rest` its records left as chunk number
    /// `slot` with `key` (and fast key `fast`).
    pub fn keep(
        &self,
        slot: usize,
        (key, fast): (u128, Option<u128>),
        chunk: &Numbered,
        rest: &Rest,
    ) {
        if !self.is_enabled() {
            return;
        }
        let (counts, ends) = chunk.parts();
        let keep = Keep {
            counts: BlobRef(counts),
            ends,
            sets: &rest.sets,
            dated: rest.dated,
        };
        if let Ok(bytes) = postcard::to_stdvec(&keep) {
            let saved = Saved {
                fast: fast.unwrap_or(0),
                key,
                fragments: rest.fragments.clone(),
                words: rest.words,
                blob: Blob(bytes),
            };
            lock(&self.new).push((slot, saved));
        }
    }

    /// Keeps `forms`, the words this build's chunks are numbered with; `used`:
    /// which of them some record has. When the unused ones (words of records
    /// edited since they were first numbered) are a quarter of them or more,
    /// they are dropped and the kept chunks renumbered, so the file does not
    /// grow with every edit.
    pub fn keep_forms(&self, forms: Vec<String>, used: &[bool]) {
        if !self.is_enabled() {
            return;
        }
        let unused = used.iter().filter(|u| !**u).count();
        if unused == 0 || unused * 4 < forms.len() {
            *lock(&self.forms) = forms;
            return;
        }
        let mut map = vec![u32::MAX; forms.len()];
        let mut kept = Vec::with_capacity(forms.len() - unused);
        for ((form, &used), to) in forms.into_iter().zip(used).zip(&mut map) {
            if used {
                *to = kept.len() as u32;
                kept.push(form);
            }
        }
        let mut new = lock(&self.new);
        // A chunk that does not read back is dropped: only time is lost.
        new.retain_mut(|(_, saved)| match renumbered(&saved.blob.0, &map) {
            Some(blob) => {
                saved.blob = Blob(blob);
                true
            }
            None => false,
        });
        *lock(&self.forms) = kept;
    }

    /// Keeps the language's files besides its fragments.
    pub fn keep_whole(&self, whole: Whole) {
        *lock(&self.whole) = Some(whole);
    }

    /// Saves this build's chunks (only those), replacing the last build's. A
    /// failure only costs the next build time, so it is not an error.
    pub fn save(self) {
        if !self.is_enabled() || self.unchanged {
            return;
        }
        drop(self.old);
        let mut new = self
            .new
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        new.sort_by_key(|c| c.0);
        let file = File {
            chunks: new.into_iter().map(|(_, saved)| saved).collect(),
            whole: self
                .whole
                .into_inner()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
            forms: self
                .forms
                .into_inner()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        };
        if let Err(e) = self.store.save(&self.name, &file)
            && std::env::var_os("SITROOM_TIMINGS").is_some()
        {
            eprintln!("timing:   search cache not saved: {e}");
        }
    }
}

/// `h` finished with the settings, the record count `n` and the chunks' `keys`.
fn keys_into(h: &mut Hasher, keys: &[u128], n: usize, settings: &Settings) -> u128 {
    h.u64(settings.shard_bytes as u64)
        .u64(settings.content_bytes as u64);
    h.u64(n as u64).u64(keys.len() as u64);
    for &key in keys {
        h.u128(key);
    }
    h.finish()
}

/// A saved chunk's postcard bytes with its form numbers mapped through `map`
/// (which keeps their order, so each record's stay sorted); `None` if they do
/// not read back or name a form `map` drops.
fn renumbered(blob: &[u8], map: &[u32]) -> Option<Vec<u8>> {
    let kept: Kept = postcard::from_bytes(blob).ok()?;
    let numbered = Numbered::from_parts(kept.counts.0, kept.ends, map.len())?;
    let numbered = numbered.renumbered(map)?;
    let (counts, ends) = numbered.parts();
    postcard::to_stdvec(&Keep {
        counts: BlobRef(counts),
        ends,
        sets: &kept.sets,
        dated: kept.dated,
    })
    .ok()
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

    /// Words gone from every record are dropped from the saved vocabulary
    /// once they are a quarter of it (the kept chunks renumbered), and every
    /// build still equals a cold one.
    #[test]
    fn words_no_record_has_are_dropped_and_the_chunks_renumbered() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let mut records = many();
        build(&records, &store);
        let saved_forms = || store.load::<File>("search-en").expect("saved").forms.len();
        let first = saved_forms();
        let mut most = first;
        for round in 0..8 {
            // 800 new words a round, last round's no record has any more.
            for (i, r) in records.iter_mut().take(400).enumerate() {
                r.text = format!("round{round}word{i} and other{round}x{i}");
            }
            let (warm, built) = build(&records, &store);
            assert!(built.hits > 0, "round {round}: chunks were taken");
            assert_eq!(warm, cold(&records), "round {round}");
            most = most.max(saved_forms());
        }
        assert!(
            most < first + 3 * 800,
            "{first} forms first, {most} at most"
        );
    }

    /// The files and the counts of a build of `records` with `store`.
    fn build(records: &[Record], store: &Store) -> (BTreeMap<String, Vec<u8>>, Built) {
        let mut built = None;
        let files = super::super::in_memory(|put| {
            let out = super::super::Out {
                put,
                keep: &super::super::keep_nothing,
                previous: &super::super::previous_nothing,
                stale: None,
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

    /// Records that count how many of them are made (their keys are not),
    /// with `fast` for a fast key of every range (whatever the records), and
    /// marks (a hash of the URL) if `marked`.
    struct Counting<'a> {
        inner: super::super::Sorted<'a>,
        made: std::sync::atomic::AtomicUsize,
        fast: Option<u128>,
        marked: bool,
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

        fn fast_key(&self, range: std::ops::Range<usize>) -> Option<u128> {
            self.fast.map(|f| f ^ range.start as u128)
        }

        fn mark(&self, i: usize) -> Option<u64> {
            let url = &self.inner.0.get(i)?.url;
            self.marked.then(|| Hasher::new().text(url).finish() as u64)
        }
    }

    /// How [`build_checked`] builds.
    #[derive(Clone, Copy, Default)]
    struct How {
        /// The records' fast key (see [`Counting`]).
        fast: Option<u128>,
        /// Whether what the cache gives is made again and compared.
        verify: bool,
        /// Whether the records give marks (see [`Counting`]).
        marked: bool,
    }

    /// A build of English `records` with `store` whose files may be kept
    /// from `previous` (when their bytes there have the hash asked for): every
    /// file of the index (kept or written), and how many records were made;
    /// the error the build gave if it found the cache stale.
    fn build_checked(
        records: &[Record],
        store: &Store,
        previous: &BTreeMap<String, Vec<u8>>,
        how: How,
    ) -> Result<(BTreeMap<String, Vec<u8>>, usize), String> {
        build_reading(records, store, previous, how).map(|(files, made, _)| (files, made))
    }

    /// Every file of an index, how many records were made, and the paths read
    /// from the previous output.
    type Read = (BTreeMap<String, Vec<u8>>, usize, Vec<String>);

    /// [`build_checked`], also giving the paths whose bytes were read from
    /// `previous` (rather than kept in place).
    fn build_reading(
        records: &[Record],
        store: &Store,
        previous: &BTreeMap<String, Vec<u8>>,
        how: How,
    ) -> Result<Read, String> {
        let mut sorted: Vec<&Record> = records.iter().collect();
        super::super::sort_records(&mut sorted);
        let source = Counting {
            inner: super::super::Sorted(sorted),
            made: 0.into(),
            fast: how.fast,
            marked: how.marked,
        };
        let files = Mutex::new(BTreeMap::new());
        let keep = |path: &str, hash: u128| {
            let old = previous.get(path).filter(|b| crate::cache::hash(b) == hash);
            if let Some(bytes) = old {
                let twice = lock(&files).insert(path.to_string(), bytes.clone());
                assert!(twice.is_none(), "{path} kept twice");
            }
            Ok(old.is_some())
        };
        let put = |path: String, bytes: Vec<u8>| {
            let twice = lock(&files).insert(path.clone(), bytes);
            assert!(twice.is_none(), "{path} kept or written twice");
            Ok(())
        };
        let read = Mutex::new(Vec::new());
        let read_previous = |path: &str, hash: u128| {
            let old = previous
                .get(path)
                .filter(|b| crate::cache::hash(b) == hash)?;
            lock(&read).push(path.to_string());
            Some(old.clone())
        };
        let stale = |what: String| what;
        let out = super::super::Out {
            put: &put,
            keep: &keep,
            previous: &read_previous,
            stale: how
                .verify
                .then_some(&stale as &(dyn Fn(String) -> String + Sync)),
        };
        let languages: [(&str, &dyn Records); 1] = [("en", &source)];
        super::super::build_counting(&languages, &Settings::default(), store, &out)?;
        let mut read = read.into_inner().unwrap();
        read.sort();
        Ok((files.into_inner().unwrap(), source.made.into_inner(), read))
    }

    fn build_keeping(
        records: &[Record],
        store: &Store,
        previous: &BTreeMap<String, Vec<u8>>,
    ) -> (BTreeMap<String, Vec<u8>>, usize) {
        build_checked(records, store, previous, How::default()).unwrap()
    }

    /// A language whose every chunk is unchanged keeps all its files without
    /// decoding a chunk; where the previous output lacks one of its files, the
    /// files are made from the cached chunks, still without making a record.
    #[test]
    fn an_unchanged_language_keeps_every_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let records: Vec<Record> = many().into_iter().filter(|r| r.language == "en").collect();
        let (first, _) = build_keeping(&records, &store, &BTreeMap::new());
        let saved = std::fs::read(dir.path().join(".sitroom/cache/search-en.bin")).unwrap();
        let (second, made) = build_keeping(&records, &store, &first);
        assert_eq!(made, 0);
        assert!(second == first);
        let again = std::fs::read(dir.path().join(".sitroom/cache/search-en.bin")).unwrap();
        assert!(again == saved, "nothing new to save");
        let file = store.load::<File>("search-en").unwrap();
        assert_eq!(file.chunks.len(), 3);
        let whole = file.whole.unwrap();
        for lost in ["meta.json", "index/0.pfi", "fragments/2.json"] {
            assert!(whole.files.iter().any(|(p, _)| p == lost), "{lost}");
            let mut previous = first.clone();
            previous.remove(&format!("pagefind/{}/{lost}", whole.dir));
            let (third, made) = build_keeping(&records, &store, &previous);
            assert_eq!(made, 0, "{lost}");
            assert!(third == first, "{lost}");
        }
        // Checked against a build without the cache.
        let how = How {
            verify: true,
            ..How::default()
        };
        let (checked, _) = build_checked(&records, &store, &first, how).unwrap();
        assert!(checked == first);
    }

    /// A fast key finds a chunk without hashing its records; with the check
    /// on, one that lies (the same key for other records) is an error, not
    /// an outdated index.
    #[test]
    fn a_fast_key_is_trusted_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let mut records: Vec<Record> = many().into_iter().filter(|r| r.language == "en").collect();
        let fast = How {
            fast: Some(7),
            ..How::default()
        };
        let none = BTreeMap::new();
        let (first, _) = build_checked(&records, &store, &none, fast).unwrap();
        assert!(first == cold(&records));
        let file = store.load::<File>("search-en").unwrap();
        assert!(file.chunks.iter().all(|c| c.fast != 0), "fast keys saved");
        let (second, made) = build_checked(&records, &store, &none, fast).unwrap();
        assert_eq!(made, 1100, "no previous output: every fragment made");
        assert!(second == first);
        // An edit the fast key does not show.
        records[700].text.push_str(" A new word: ceasefire.");
        let checked = How {
            verify: true,
            ..fast
        };
        let error = build_checked(&records, &store, &first, checked).unwrap_err();
        assert!(error.contains("outdated"), "{error}");
        let error = build_checked(&records, &store, &none, checked).unwrap_err();
        assert!(error.contains("fast key"), "{error}");
        // A new fast key: the records' keys find the unchanged chunks.
        let honest = How {
            fast: Some(8),
            verify: true,
            ..How::default()
        };
        let (after, made) = build_checked(&records, &store, &first, honest).unwrap();
        assert!(after == cold(&records));
        assert!(made >= 1100 - 2 * 512, "{made}");
    }

    /// A language's files saved under the right key but with other hashes
    /// are not kept (the previous output's bytes do not match them), and the
    /// check finds them outdated.
    #[test]
    fn a_whole_language_entry_that_lies_is_found_out() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let records: Vec<Record> = many().into_iter().filter(|r| r.language == "en").collect();
        let (first, _) = build_keeping(&records, &store, &BTreeMap::new());
        let mut file = store.load::<File>("search-en").unwrap();
        let whole = file.whole.as_mut().unwrap();
        whole.files[0].1 ^= 1;
        store.save("search-en", &file).unwrap();
        let how = How {
            verify: true,
            ..How::default()
        };
        let error = build_checked(&records, &store, &first, how).unwrap_err();
        assert!(error.contains("outdated files"), "{error}");
        let (out, made) = build_keeping(&records, &store, &first);
        assert_eq!(made, 0);
        assert!(out == first);
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

    /// An edit that changes no word (a filter, a field shown with a result)
    /// reads the last build's shards back instead of merging the index again;
    /// an edit to a word merges it. Every build equals a cold one, and the
    /// check finds shards whose prefixes the cache gives wrong.
    #[test]
    fn an_edit_that_changes_no_word_keeps_the_shards() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let mut records: Vec<Record> = many().into_iter().filter(|r| r.language == "en").collect();
        let none = BTreeMap::new();
        let (first, _, read) = build_reading(&records, &store, &none, How::default()).unwrap();
        assert!(read.is_empty(), "no previous output to read: {read:?}");
        let shards = store.load::<File>("search-en").unwrap().whole.unwrap();
        assert!(shards.shards.len() > 1, "{:?}", shards.shards);
        // A filter and a shown field.
        records[300]
            .filters
            .insert("year".into(), vec!["1999".into()]);
        records[301]
            .meta
            .insert("n".into(), "three hundred and one".into());
        let (second, _, read) = build_reading(&records, &store, &first, How::default()).unwrap();
        assert!(second == cold(&records));
        let expected: Vec<String> = (0..shards.shards.len())
            .map(|i| format!("pagefind/{}/index/{i}.pfi", shards.dir))
            .collect();
        let mut expected_sorted = expected.clone();
        expected_sorted.sort();
        assert_eq!(read, expected_sorted, "every shard read back, nothing else");
        let new_dir = store.load::<File>("search-en").unwrap().whole.unwrap().dir;
        assert_ne!(new_dir, shards.dir, "the folder has another name");
        // The same with the check on.
        let verify = How {
            verify: true,
            ..How::default()
        };
        records[302]
            .filters
            .insert("year".into(), vec!["1998".into()]);
        let (third, _) = build_checked(&records, &store, &second, verify).unwrap();
        assert!(third == cold(&records));
        // A word: merged again.
        records[303].text.push_str(" A new word: ceasefire.");
        let (fourth, _, read) = build_reading(&records, &store, &third, How::default()).unwrap();
        assert!(read.is_empty(), "{read:?}");
        assert!(fourth == cold(&records));
        // Shards the cache names under wrong prefixes: found out by the check.
        let mut file = store.load::<File>("search-en").unwrap();
        file.whole.as_mut().unwrap().shards.swap(0, 1);
        store.save("search-en", &file).unwrap();
        records[304]
            .filters
            .insert("year".into(), vec!["1997".into()]);
        let error = build_checked(&records, &store, &fourth, verify).unwrap_err();
        assert!(error.contains("outdated shards"), "{error}");
    }

    /// 5,000 dated English records, the words varying with the number.
    fn plenty() -> Vec<Record> {
        (0..5000)
            .map(|i| Record {
                url: format!("m/{i}/"),
                kind: "briefing".into(),
                title: format!("Round {i}"),
                text: format!("Envoys w{} met; talks t{} went on.", i % 97, i % 31),
                date: Some(format!(
                    "20{:02}-{:02}-{:02}",
                    10 + i % 10,
                    i % 12 + 1,
                    i % 28 + 1
                )),
                language: "en".into(),
                ..Record::default()
            })
            .collect()
    }

    /// With marks, chunks end where the records' marks say, so a record added
    /// in the middle, or one taken away, makes only the chunks about it again
    /// rather than every chunk after it; every build equals a cold one (made
    /// with chunks of 512).
    #[test]
    fn with_marks_a_record_added_or_removed_makes_only_the_chunks_about_it() {
        use super::super::language::{MAX_CHUNK, MIN_CHUNK, ranges};
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let mut records = plenty();
        let marked = How {
            marked: true,
            ..How::default()
        };
        let sorted = |records: &[Record]| {
            let mut refs: Vec<&Record> = records.iter().collect();
            super::super::sort_records(&mut refs);
            refs.into_iter().cloned().collect::<Vec<Record>>()
        };
        let check_ranges = |records: &[Record]| {
            let records = sorted(records);
            let source = Counting {
                inner: super::super::Sorted(records.iter().collect()),
                made: 0.into(),
                fast: None,
                marked: true,
            };
            let chunks = ranges(&source);
            assert!(chunks.len() >= 6, "{} chunks", chunks.len());
            let (last, full) = chunks.split_last().unwrap();
            for (_, range) in full {
                assert!((MIN_CHUNK..=MAX_CHUNK).contains(&range.len()), "{range:?}");
            }
            assert_eq!(last.1.end, records.len());
        };
        check_ranges(&records);
        let none = BTreeMap::new();
        let (first, made, _) = build_reading(&records, &store, &none, marked).unwrap();
        assert_eq!(made, 5000);
        assert!(first == cold(&records));
        // One record more, dated in the middle.
        records.push(Record {
            url: "m/new/".into(),
            kind: "briefing".into(),
            title: "A new round".into(),
            text: "Envoys met again.".into(),
            date: Some("2015-06-15".into()),
            language: "en".into(),
            ..Record::default()
        });
        check_ranges(&records);
        let (second, made, _) = build_reading(&records, &store, &first, marked).unwrap();
        assert!(second == cold(&records));
        assert!(made <= 2 * MAX_CHUNK, "{made} records made");
        // Without marks, every chunk after a change is made again.
        let (third, _, _) = build_reading(&records, &store, &second, How::default()).unwrap();
        assert!(third == second);
        // The newest record removed: the first chunk loses one, and every
        // chunk of 512 after it shifts.
        let newest = (records.iter().enumerate())
            .max_by_key(|(_, r)| r.date.clone())
            .map(|(i, _)| i)
            .unwrap();
        records.remove(newest);
        let (_, made_fixed, _) = build_reading(&records, &store, &third, How::default()).unwrap();
        assert!(made_fixed > 4000, "{made_fixed} records made without marks");
        // One record fewer, with marks again (after a build that saved them).
        let (fourth, _, _) = build_reading(&records, &store, &third, marked).unwrap();
        records.remove(2000);
        let (fifth, made, _) = build_reading(&records, &store, &fourth, marked).unwrap();
        assert!(fifth == cold(&records));
        assert!(made <= 2 * MAX_CHUNK, "{made} records made");
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
        for (i, Saved { blob, .. }) in file.chunks.iter_mut().enumerate() {
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
