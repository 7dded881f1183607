//! The files of one language's index: every chunk of records (in parallel,
//! with the chunk cache's help), then the merged words, shards, filter files,
//! fragment tables and `meta.json` in the language's folder.
//!
//! Keys first: each chunk's fast key ([`Records::fast_key`]) finds the last
//! build's key of its records without making them; a chunk without a fast key
//! (or whose fast key is new) is keyed by what its records are made from
//! ([`Records::key`]). When every chunk's key is one the last build saved, in
//! the same order, the language's other files are those the last build wrote
//! ([`chunk_cache::Whole`]): they are kept from the previous output with the
//! fragments, and no chunk is decoded, merged or encoded ([`reuse`]). Otherwise
//! (or where the previous output lacks a file) each chunk is taken from the
//! cache or made, and the files are made from them.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::sync::Mutex;

use rayon::prelude::*;

use super::chunk_cache::{self, Chunks, Whole};
use super::{
    Built, Meta, Record, Records, Shared, TABLE, encode, filters, folder_hash, fragment,
    fragment_path, index, lock, to_json, tokenize,
};

/// A chunk's keys before its records are made.
#[derive(Debug, Clone, Copy, Default)]
struct Keys {
    /// The chunk's fast key ([`Chunks::fast_key`]), if the source gives one.
    fast: Option<u128>,
    /// The key of its records ([`Chunks::key`]): the last build's for the fast
    /// key (`by_fast`), else hashed now; only if the last build left chunks.
    key: Option<u128>,
    by_fast: bool,
}

/// What the chunks of a language leave behind as each is done.
#[derive(Default)]
struct Gathered {
    builder: index::Builder,
    /// Each record's fragment name.
    names: Vec<u64>,
    sets: filters::FilterSets,
    dated: usize,
    /// Each chunk's key, where the cache is on.
    keys: Vec<Option<u128>>,
    /// Each chunk's words' key ([`index::Chunk::words_key`]).
    words: Vec<u128>,
    /// Fragment files written.
    written: usize,
    /// Chunks found in the cache.
    hits: usize,
    /// Fragments kept from the previous output.
    kept: usize,
    /// Time spent making records and hashing them for the cache (all threads).
    making: std::time::Duration,
    keying: std::time::Duration,
}

/// What a chunk of one language's records needs besides its records.
struct ChunkJob<'a, E> {
    language: &'a str,
    shared: &'a Shared<'a, E>,
    gathered: &'a Mutex<Gathered>,
    cache: &'a Chunks<'a>,
}

/// The chunks of `records`: (number, records). Without marks
/// ([`Records::mark`]), every [`index::CHUNK`] records; with them, cut where
/// the marks say ([`crate::chunks::cut`]), between a quarter of and twice
/// [`index::CHUNK`] records, so a record added or removed changes only the
/// chunks about it and the others keep their keys.
pub(super) fn ranges(records: &dyn Records) -> Vec<(usize, Range<usize>)> {
    crate::chunks::cut(records.count(), index::CHUNK, |i| records.mark(i))
        .into_iter()
        .enumerate()
        .collect()
}

/// The fewest records a chunk cut by marks holds (but the last).
#[cfg(test)]
pub(super) const MIN_CHUNK: usize = crate::chunks::least(index::CHUNK);
/// The most records a chunk cut by marks holds.
#[cfg(test)]
pub(super) const MAX_CHUNK: usize = 2 * index::CHUNK;

/// The files of one language: fragments as each chunk of records is made, then
/// the rest in the language's folder. Returns the folder's name and the number of
/// files written.
pub(super) fn build<E: Send>(
    language: &str,
    records: &dyn Records,
    shared: &Shared<E>,
) -> Result<(String, Built), E> {
    let timings = std::env::var_os("SITROOM_TIMINGS").is_some();
    let started = std::time::Instant::now();
    let mut cache = Chunks::load(shared.cache, language);
    let loaded = started.elapsed();
    let chunks = ranges(records);
    let keys: Vec<Keys> = (chunks.par_iter())
        .map(|(_, range)| early_keys(records, range.clone(), &cache, shared))
        .collect();
    let keyed = started.elapsed() - loaded;
    if timings {
        eprintln!(
            "timing:   search {language}: cache read in {} ms, {} chunks keyed in {} ms ({} by \
             their fast key)",
            loaded.as_millis(),
            keys.len(),
            keyed.as_millis(),
            keys.iter().filter(|k| k.by_fast).count(),
        );
    }
    let reused = reuse::whole(language, records, shared, &mut cache, (&chunks, &keys))?;
    let (kept_own, reused_files) = match reused {
        reuse::Reused::Done(dir, built) => {
            cache.save();
            return Ok((dir, built));
        }
        reuse::Reused::Partly { kept, files } => (kept, files),
    };
    let gathered = gather(language, records, shared, &cache, &chunks, &keys)?;
    let (dir, mut built) = write_files(language, records, shared, &cache, gathered, &kept_own)?;
    cache.save();
    built.files += reused_files;
    Ok((dir, built))
}

/// The keys of records `range` that can be had before they are made (see
/// [`Keys`]).
fn early_keys<E>(
    records: &dyn Records,
    range: Range<usize>,
    cache: &Chunks,
    shared: &Shared<E>,
) -> Keys {
    if !cache.is_enabled() {
        return Keys::default();
    }
    let settings = shared.settings;
    let fast = Chunks::fast_key(records, range.clone(), settings);
    if !cache.had_old() {
        return Keys {
            fast,
            ..Keys::default()
        };
    }
    if let Some(key) = fast.and_then(|f| cache.key_of_fast(f)) {
        return Keys {
            fast,
            key: Some(key),
            by_fast: true,
        };
    }
    Keys {
        fast,
        key: Some(Chunks::key(records, range, None, settings)),
        by_fast: false,
    }
}

/// Makes every chunk of a language's records (in parallel), with the cache's
/// help.
fn gather<E: Send>(
    language: &str,
    records: &dyn Records,
    shared: &Shared<E>,
    cache: &Chunks,
    chunks: &[(usize, Range<usize>)],
    keys: &[Keys],
) -> Result<Gathered, E> {
    let n = records.count();
    let gathered = Mutex::new(Gathered {
        // The last build's words first, numbered as its kept chunks have them.
        builder: cache.builder(),
        names: vec![0; n],
        keys: vec![None; chunks.len()],
        words: vec![0; chunks.len()],
        ..Gathered::default()
    });
    let job = ChunkJob {
        language,
        shared,
        gathered: &gathered,
        cache,
    };
    // Chunks in parallel, each on its own: only as many chunks' records are alive
    // as there are threads.
    (chunks.par_iter().zip(keys))
        .with_max_len(1)
        .try_for_each(|((slot, range), keys)| {
            chunk_of(records, (*slot, range.clone()), *keys, &job)
        })?;
    let gathered = gathered
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if std::env::var_os("SITROOM_TIMINGS").is_some() {
        eprintln!(
            "timing:   search {language}: {} of {} chunks from the cache, {} fragments \
             kept; all threads: {} ms making records, {} ms keying them",
            gathered.hits,
            chunks.len(),
            gathered.kept,
            gathered.making.as_millis(),
            gathered.keying.as_millis(),
        );
    }
    Ok(gathered)
}

impl<E> ChunkJob<'_, E> {
    /// Writes the fragment `bytes` named `name` unless it was written already;
    /// returns whether it was written.
    fn fragment(&self, name: u64, bytes: Vec<u8>) -> Result<bool, E> {
        let first = lock(self.shared.written).insert(name);
        if first {
            (self.shared.put)(fragment_path(name), bytes)?;
        }
        Ok(first)
    }

    /// Numbers a chunk's words for the whole index. Words are copied out of the
    /// records only when new to the vocabulary; the records are numbered and
    /// packed without holding the lock.
    fn number(&self, chunk: index::Chunk) -> index::Numbered {
        let (vocab, records) = chunk.into_parts();
        let global = lock(self.gathered).builder.number(vocab);
        index::Numbered::new(records, &global)
    }

    /// Adds a chunk's numbered records, fragment names, filter sets (numbered
    /// from the chunk's first record), dated count and key to what the language
    /// gathers.
    fn gather(
        &self,
        (slot, start): (usize, usize),
        (numbered, rest): (index::Numbered, chunk_cache::Rest),
        key: Option<u128>,
        new: usize,
    ) {
        let mut g = lock(self.gathered);
        g.builder.put(slot, numbered);
        let names = &mut g.names[start..start + rest.fragments.len()];
        for (to, (name, _)) in names.iter_mut().zip(&rest.fragments) {
            *to = *name;
        }
        filters::append(&mut g.sets, rest.sets, start);
        g.dated += rest.dated;
        g.written += new;
        g.keys[slot] = key;
        g.words[slot] = rest.words;
    }

    /// With `SITROOM_VERIFY_CACHE`: an error unless records `range` have `key`,
    /// which their fast key gave.
    fn verify(&self, records: &dyn Records, range: Range<usize>, key: u128) -> Result<(), E> {
        let Some(stale) = self.shared.stale else {
            return Ok(());
        };
        let made: Vec<Record> = range.clone().map(|i| records.record(i)).collect();
        let settings = self.shared.settings;
        if Chunks::key(records, range.clone(), Some(&made), settings) == key {
            return Ok(());
        }
        Err(stale(format!(
            "the search cache's fast key kept outdated records {}..{} of language `{}`",
            range.start, range.end, self.language
        )))
    }
}

/// Adds chunk number `slot` (records `range`) to what the language gathers:
/// from the cache if it holds the chunk, else made from its records (whose text
/// is dropped on return).
fn chunk_of<E>(
    records: &dyn Records,
    (slot, range): (usize, Range<usize>),
    keys: Keys,
    job: &ChunkJob<E>,
) -> Result<(), E> {
    let settings = job.shared.settings;
    let hit = (keys.key).and_then(|key| job.cache.take(slot, key, keys.fast, range.len()));
    if let Some(hit) = hit {
        if keys.by_fast {
            job.verify(records, range.clone(), keys.key.unwrap_or(0))?;
        }
        return chunk_from_cache(records, (slot, range), hit, keys.key, job);
    }
    let started = std::time::Instant::now();
    let made: Vec<Record> = range.clone().map(|i| records.record(i)).collect();
    let making = started.elapsed();
    // A key found by the fast key is the last build's: hashed again when the
    // chunk it names could not be read.
    let key = keys.key.filter(|_| !keys.by_fast).or_else(|| {
        (job.cache.is_enabled()).then(|| Chunks::key(records, range.clone(), Some(&made), settings))
    });
    {
        let mut g = lock(job.gathered);
        g.making += making;
        g.keying += started.elapsed() - making;
    }
    let docs: Vec<index::Doc> = made
        .iter()
        .map(|r| index::Doc {
            title: &r.title,
            text: &r.text,
        })
        .collect();
    let chunk = index::tokenize(&docs);
    let mut rest = chunk_cache::Rest {
        fragments: Vec::with_capacity(made.len()),
        sets: filters::collect(made.iter().map(|r| &r.filters)),
        dated: made.iter().filter(|r| r.date.is_some()).count(),
        words: chunk.words_key(),
    };
    let mut new = 0;
    for (r, words) in made.iter().zip(chunk.lengths()) {
        let bytes = fragment(r, words, settings.content_bytes);
        let name = encode::fnv1a(encode::FNV_START, &bytes);
        rest.fragments.push((name, crate::cache::hash(&bytes)));
        new += usize::from(job.fragment(name, bytes)?);
    }
    let numbered = job.number(chunk);
    if let Some(key) = key {
        job.cache.keep(slot, (key, keys.fast), &numbered, &rest);
    }
    job.gather((slot, range.start), (numbered, rest), key, new);
    Ok(())
}

/// Adds a chunk the cache held: its fragments are kept from the previous
/// output where it has them (a record is made only for one it has not).
fn chunk_from_cache<E>(
    records: &dyn Records,
    (slot, range): (usize, Range<usize>),
    (chunk, mut rest): (index::Numbered, chunk_cache::Rest),
    key: Option<u128>,
    job: &ChunkJob<E>,
) -> Result<(), E> {
    let mut new = 0;
    let mut kept = 0;
    for ((i, fragment), words) in range.clone().zip(&mut rest.fragments).zip(chunk.lengths()) {
        let (name, hash) = *fragment;
        if !lock(job.shared.written).insert(name) {
            continue;
        }
        new += 1;
        if (job.shared.keep)(&fragment_path(name), hash)? {
            kept += 1;
            continue;
        }
        let bytes = super::fragment(&records.record(i), words, job.shared.settings.content_bytes);
        let made = encode::fnv1a(encode::FNV_START, &bytes);
        if made == name {
            (job.shared.put)(fragment_path(name), bytes)?;
        } else {
            // Never with a right key; if so, the fragment made now wins.
            fragment.0 = made;
            new -= 1;
            new += usize::from(job.fragment(made, bytes)?);
        }
    }
    {
        let mut g = lock(job.gathered);
        g.hits += 1;
        g.kept += kept;
    }
    job.gather((slot, range.start), (chunk, rest), key, new);
    Ok(())
}

/// Merges what the chunks gathered and writes the language's folder (but the
/// files in `kept`, kept from the previous output already); keeps the folder's
/// files in the cache.
fn write_files<E: Send>(
    language: &str,
    records: &dyn Records,
    shared: &Shared<E>,
    cache: &Chunks,
    gathered: Gathered,
    kept: &HashMap<String, u128>,
) -> Result<(String, Built), E> {
    let settings = shared.settings;
    let n = records.count();
    let chunks = gathered.keys.len();
    let Gathered {
        builder,
        names,
        mut sets,
        dated,
        written: mut files,
        hits,
        keys,
        words,
        ..
    } = gathered;
    filters::sort(&mut sets);
    let words = Chunks::words_key(language, &words, n, settings);
    let shards = shards_of(language, shared, cache, builder, words)?;

    let mut own: Vec<(String, Vec<u8>)> = Vec::new();
    let mut filter_files = BTreeMap::new();
    for (i, (name, by_value)) in sets.iter().enumerate() {
        let path = format!("filter/{i}.pff");
        own.push((path.clone(), filters::encode(by_value)));
        filter_files.insert(name.as_str(), path);
    }
    for (k, table) in names.chunks(TABLE).enumerate() {
        let hex: Vec<String> = table.iter().map(|h| format!("{h:016x}")).collect();
        own.push((format!("fragments/{k}.json"), to_json(&hex)));
    }
    let shard_keys: Vec<String> = shards.iter().map(|s| s.key.clone()).collect();
    let meta = Meta {
        version: 1,
        language,
        records: n,
        dated,
        shards: shard_keys.clone(),
        filters: filter_files,
        counts: filters::counts(&sets),
        table: TABLE,
    };
    own.push(("meta.json".into(), to_json(&meta)));
    drop(meta);
    for (i, shard) in shards.into_iter().enumerate() {
        own.push((format!("index/{i}.pfi"), shard.bytes));
    }
    let dir = format!(
        "{language}_{:012x}",
        folder_hash(&own, settings) & 0xffff_ffff_ffff
    );
    files += own.len();
    keep_whole(
        (language, n),
        shared,
        cache,
        keys,
        (&dir, &own),
        (words, shard_keys),
    )?;
    for (path, bytes) in own {
        // A file kept already has these bytes: its language's files were the
        // same as the last build's up to it.
        if !kept.contains_key(&path) {
            (shared.put)(format!("pagefind/{dir}/{path}"), bytes)?;
        }
    }
    Ok((
        dir,
        Built {
            files,
            chunks,
            hits,
        },
    ))
}

/// The index's shards, in key order: the last build's, read back from the
/// previous output, when the records' words have the key (`words`) they were
/// made from; else merged from what the chunks gathered (`builder`) and
/// encoded. With `SITROOM_VERIFY_CACHE` both, and an error where they differ.
fn shards_of<E: Send>(
    language: &str,
    shared: &Shared<E>,
    cache: &Chunks,
    builder: index::Builder,
    words: u128,
) -> Result<Vec<index::Shard>, E> {
    let timings = std::env::var_os("SITROOM_TIMINGS").is_some();
    let started = std::time::Instant::now();
    // A builder that numbered a word the last build did not have was given
    // new words, whatever the keys say.
    let kept = (!builder.grew())
        .then(|| kept_shards(shared, cache, words))
        .flatten();
    if let Some(kept) = &kept
        && timings
    {
        eprintln!(
            "timing:   search {language}: no word changed: {} shards read from the last \
             output in {} ms",
            kept.len(),
            started.elapsed().as_millis(),
        );
    }
    let kept = match (kept, shared.stale) {
        // The forms the cache keeps stay as they are: the same records have them.
        (Some(kept), None) => return Ok(kept),
        (kept, _) => kept,
    };
    let used = builder.used();
    cache.keep_forms(builder.forms(), &used);
    let terms = builder.finish(&tokenize::Stemmer::for_language(language), &used);
    let merged = started.elapsed();
    let mut shards = index::shards(&terms, shared.settings.shard_bytes);
    if timings {
        eprintln!(
            "timing:   search {language}: {} forms merged and stemmed in {} ms, {} shards \
             encoded in {} ms",
            terms.forms.len(),
            merged.as_millis(),
            shards.len(),
            (started.elapsed() - merged).as_millis(),
        );
    }
    drop(terms);
    shards.sort_by(|a, b| a.key.cmp(&b.key));
    if let (Some(kept), Some(stale)) = (kept, shared.stale)
        && kept != shards
    {
        return Err(stale(format!(
            "the search cache kept outdated shards of language `{language}`"
        )));
    }
    Ok(shards)
}

/// The last build's shards (in key order) if their words' key is `words` and
/// the previous output has each with the bytes the cache names.
fn kept_shards<E>(shared: &Shared<E>, cache: &Chunks, words: u128) -> Option<Vec<index::Shard>> {
    let chunk_cache::OldShards { keys, files } = cache.old_shards(words)?;
    let bytes: Vec<Vec<u8>> = (files.par_iter())
        .map(|(path, hash)| (shared.previous)(&format!("pagefind/{path}"), *hash))
        .collect::<Option<_>>()?;
    Some(
        (keys.iter().zip(bytes))
            .map(|(key, bytes)| index::Shard {
                key: key.clone(),
                bytes,
            })
            .collect(),
    )
}

/// Keeps the language's folder `dir` of files `own` in the cache (where every
/// chunk has a key), after checking it against the last build's, with the key
/// of the words its shards were made from and their prefixes.
fn keep_whole<E>(
    (language, n): (&str, usize),
    shared: &Shared<E>,
    cache: &Chunks,
    keys: Vec<Option<u128>>,
    (dir, own): (&str, &[(String, Vec<u8>)]),
    (words, shards): (u128, Vec<String>),
) -> Result<(), E> {
    let keys: Option<Vec<u128>> = keys.into_iter().collect();
    let whole = keys.filter(|_| cache.is_enabled()).map(|keys| Whole {
        key: Chunks::whole_key(&keys, n, shared.settings),
        dir: dir.to_string(),
        files: (own.iter())
            .map(|(path, bytes)| (path.clone(), crate::cache::hash(bytes)))
            .collect(),
        words,
        shards,
    });
    if let Some(whole) = whole {
        reuse::verify_whole(language, shared, cache, &whole)?;
        cache.keep_whole(whole);
    }
    Ok(())
}

mod reuse {
    //! A language whose every chunk is the last build's: its files kept from the
    //! previous output by the hashes the cache holds.

    use super::*;

    /// What [`whole`] did.
    pub(super) enum Reused {
        /// Every file kept: the folder's name and the counts.
        Done(String, Built),
        /// Not every file: the folder's files kept (path in the folder → hash)
        /// and how many fragment files were kept; the rest is to be made.
        Partly {
            kept: HashMap<String, u128>,
            files: usize,
        },
    }

    /// Keeps the language's files from the previous output if every chunk's key
    /// (`keys`) is one the last build saved in the same order, and the previous
    /// output has them all.
    pub(super) fn whole<E: Send>(
        language: &str,
        records: &dyn Records,
        shared: &Shared<E>,
        cache: &mut Chunks,
        (chunks, keys): (&[(usize, Range<usize>)], &[Keys]),
    ) -> Result<Reused, E> {
        let none = || Reused::Partly {
            kept: HashMap::new(),
            files: 0,
        };
        let n = records.count();
        let Some(all) = keys.iter().map(|k| k.key).collect::<Option<Vec<u128>>>() else {
            return Ok(none());
        };
        let Some(whole) = cache
            .old_whole(Chunks::whole_key(&all, n, shared.settings))
            .cloned()
        else {
            return Ok(none());
        };
        let fragments: Option<Vec<Vec<(u64, u128)>>> = (chunks.iter().zip(&all))
            .map(|((_, range), &key)| cache.old_fragments(key, range.len()))
            .collect();
        let Some(fragments) = fragments else {
            return Ok(none());
        };
        let started = std::time::Instant::now();
        // Fragments first: one the previous output lacks is made with its chunk
        // (none is taken from here on).
        let counts: Vec<(usize, bool)> = (fragments.par_iter())
            .map(|list| keep_fragments(list, shared))
            .collect::<Result<_, E>>()?;
        let files: usize = counts.iter().map(|c| c.0).sum();
        if counts.iter().any(|c| c.1) {
            return Ok(Reused::Partly {
                kept: HashMap::new(),
                files,
            });
        }
        let mut kept = HashMap::new();
        for (path, hash) in &whole.files {
            if (shared.keep)(&format!("pagefind/{}/{path}", whole.dir), *hash)? {
                kept.insert(path.clone(), *hash);
            }
        }
        if kept.len() < whole.files.len() {
            return Ok(Reused::Partly { kept, files });
        }
        if std::env::var_os("SITROOM_TIMINGS").is_some() {
            eprintln!(
                "timing:   search {language}: every chunk from the cache: {files} fragments and \
                 {} other files kept in {} ms",
                kept.len(),
                started.elapsed().as_millis()
            );
        }
        let pairs: Vec<(u128, Option<u128>)> = (all.iter().zip(keys))
            .map(|(&k, keys)| (k, keys.fast))
            .collect();
        cache.carry_all(&pairs);
        check(language, records, shared, &whole, &fragments)?;
        Ok(Reused::Done(
            whole.dir.clone(),
            Built {
                files: files + whole.files.len(),
                chunks: chunks.len(),
                hits: chunks.len(),
            },
        ))
    }

    /// Keeps a chunk's fragments (but those written already, by another
    /// chunk or language); returns how many it kept, and whether one was
    /// missing (left to be made).
    fn keep_fragments<E>(list: &[(u64, u128)], shared: &Shared<E>) -> Result<(usize, bool), E> {
        let mut kept = 0;
        for &(name, hash) in list {
            if !lock(shared.written).insert(name) {
                continue;
            }
            if (shared.keep)(&fragment_path(name), hash)? {
                kept += 1;
            } else {
                lock(shared.written).remove(&name);
                return Ok((kept, true));
            }
        }
        Ok((kept, false))
    }

    /// With `SITROOM_VERIFY_CACHE`: the language made again without the cache
    /// (into nothing); an error unless it gives the files kept.
    fn check<E: Send>(
        language: &str,
        records: &dyn Records,
        shared: &Shared<E>,
        whole: &Whole,
        fragments: &[Vec<(u64, u128)>],
    ) -> Result<(), E> {
        let Some(stale) = shared.stale else {
            return Ok(());
        };
        let mut expected: HashMap<String, u128> = (fragments.iter().flatten())
            .map(|&(name, hash)| (fragment_path(name), hash))
            .collect();
        for (path, hash) in &whole.files {
            expected.insert(format!("pagefind/{}/{path}", whole.dir), *hash);
        }
        let differ = Mutex::new(Vec::new());
        let made = Mutex::new(HashSet::new());
        let compare = |path: String, bytes: Vec<u8>| -> Result<(), E> {
            if expected.get(&path) != Some(&crate::cache::hash(&bytes)) {
                lock(&differ).push(path.clone());
            }
            lock(&made).insert(path);
            Ok(())
        };
        let written = Mutex::new(HashSet::new());
        let none = crate::cache::Store::none();
        let again = Shared {
            settings: shared.settings,
            put: &compare,
            keep: &super::super::keep_nothing,
            previous: &super::super::previous_nothing,
            stale: None,
            written: &written,
            cache: &none,
        };
        build(language, records, &again)?;
        let mut differ = differ
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let made = made
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        differ.extend(expected.into_keys().filter(|p| !made.contains(p)));
        differ.sort();
        match differ.first() {
            None => Ok(()),
            Some(path) => Err(stale(format!(
                "the search cache kept an outdated `/{path}` of language `{language}`"
            ))),
        }
    }

    /// With `SITROOM_VERIFY_CACHE`: an error if the last build's files of the
    /// language had the key of `whole` but other bytes.
    pub(super) fn verify_whole<E>(
        language: &str,
        shared: &Shared<E>,
        cache: &Chunks,
        whole: &Whole,
    ) -> Result<(), E> {
        let (Some(stale), Some(old)) = (shared.stale, cache.old_whole(whole.key)) else {
            return Ok(());
        };
        if old == whole {
            return Ok(());
        }
        Err(stale(format!(
            "the search cache would have kept outdated files of language `{language}`"
        )))
    }
}
