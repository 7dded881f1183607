//! The inverted index of one language: every word form maps to its stem's
//! postings (record numbers with a 4-bit weight), and the forms are cut into
//! shards by prefix so a query downloads only the shards of its words.

use std::borrow::Cow;
use std::collections::HashMap;

use ahash::RandomState;

use rayon::prelude::*;

use super::encode::{get_varint, put_id_set, put_nibbles, put_str, put_varint};
use super::tokenize::{Stemmer, each_word};

/// Words of the title count this many times (a title hit ranks first).
const TITLE_BOOST: u32 = 3;
/// BM25's term-frequency saturation and length normalisation.
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Records tokenised per parallel task.
/// (Each chunk keeps its own vocabulary until the merge: larger chunks repeat
/// fewer words.)
pub const CHUNK: usize = 512;

/// What the indexer reads of one record.
pub struct Doc<'a> {
    pub title: &'a str,
    pub text: &'a str,
}

/// The postings of one stem: increasing record numbers and their weights (1..=15).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Postings {
    pub ids: Vec<u32>,
    pub weights: Vec<u8>,
}

/// The postings of one stem as they are gathered, compact: record-number gaps
/// as varints and the weights two to a byte, about 1.7 bytes a posting where
/// [`Postings`] takes 5 (at 100,000 briefings there are 44 million postings).
/// Unpacked one stem at a time when its shard is encoded.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PackedPostings {
    gaps: Vec<u8>,
    weights: Vec<u8>,
    last: u32,
    len: u32,
}

impl PackedPostings {
    /// Adds record `id` (greater than any before) with `weight` (1..=15).
    fn push(&mut self, id: u32, weight: u8) {
        put_varint(&mut self.gaps, u64::from(id - self.last));
        if self.len.is_multiple_of(2) {
            self.weights.push(weight);
        } else if let Some(byte) = self.weights.last_mut() {
            *byte |= weight << 4;
        }
        self.last = id;
        self.len += 1;
    }

    pub fn unpack(&self) -> Postings {
        let n = self.len as usize;
        let (mut ids, mut pos, mut id) = (Vec::with_capacity(n), 0, 0u32);
        while let Some(gap) = get_varint(&self.gaps, &mut pos) {
            id += gap as u32;
            ids.push(id);
        }
        let weights = (0..n)
            .map(|i| (self.weights[i / 2] >> (4 * (i % 2))) & 0x0f)
            .collect();
        Postings { ids, weights }
    }
}

/// Forms (sorted), the stem of each, stems (sorted) and their postings.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Terms {
    pub forms: Vec<String>,
    pub form_stem: Vec<u32>,
    pub stems: Vec<String>,
    pub postings: Vec<PackedPostings>,
}

/// One chunk of records tokenised: its own vocabulary and, per record, (local
/// form id, weighted count) pairs and the record's length in words.
pub struct Chunk<'a> {
    /// Borrowed from the records' text where a word needs no normalising.
    vocab: Vec<Cow<'a, str>>,
    records: Vec<Counted>,
}

impl<'a> Chunk<'a> {
    /// The length in words (title and text) of each record of the chunk.
    pub fn lengths(&self) -> impl Iterator<Item = u32> + '_ {
        self.records.iter().map(|r| r.1)
    }

    /// A key of the chunk's words: its vocabulary in the order its records
    /// first have each word, and each record's (word, count) pairs and length.
    /// Chunks with one key add the same to an index whatever their other
    /// fields, so a language whose every chunk's words keep their key keeps
    /// its shards.
    pub fn words_key(&self) -> u128 {
        let mut h = crate::cache::Hasher::new();
        h.u64(self.vocab.len() as u64);
        for word in &self.vocab {
            h.text(word);
        }
        h.u64(self.records.len() as u64);
        let mut bytes = Vec::new();
        for (pairs, length) in &self.records {
            bytes.clear();
            for &(form, count) in pairs {
                bytes.extend_from_slice(&form.to_le_bytes());
                bytes.extend_from_slice(&count.to_le_bytes());
            }
            h.u64(u64::from(*length)).bytes(&bytes);
        }
        h.finish()
    }

    /// Its words (local number → word) and its records.
    pub fn into_parts(self) -> (Vec<Cow<'a, str>>, Vec<Counted>) {
        (self.vocab, self.records)
    }
}

/// Tokenises `docs` (one task's share of the records).
pub fn tokenize<'a>(docs: &[Doc<'a>]) -> Chunk<'a> {
    let mut ids: HashMap<Cow<'a, str>, u32, RandomState> = HashMap::default();
    let mut vocab: Vec<Cow<'a, str>> = Vec::new();
    let mut records = Vec::with_capacity(docs.len());
    // The current record's weighted count of each form, and the forms it has.
    let mut counts: Vec<u32> = Vec::new();
    let mut seen: Vec<u32> = Vec::new();
    for doc in docs {
        let mut length = 0u32;
        for (text, boost) in [(doc.title, TITLE_BOOST), (doc.text, 1)] {
            each_word(text, &mut |word| {
                length += 1;
                let id = match ids.get(word.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = vocab.len() as u32;
                        let kept = word.keep();
                        ids.insert(kept.clone(), id);
                        vocab.push(kept);
                        counts.push(0);
                        id
                    }
                };
                let count = &mut counts[id as usize];
                if *count == 0 {
                    seen.push(id);
                }
                *count += boost;
            });
        }
        seen.sort_unstable();
        let pairs: Vec<(u32, u32)> = seen
            .iter()
            .map(|&id| (id, std::mem::take(&mut counts[id as usize])))
            .collect();
        seen.clear();
        records.push((pairs, length));
    }
    Chunk { vocab, records }
}

/// Tokenises and stems every record (in parallel) and builds the postings.
#[cfg(test)]
pub fn collect(docs: &[Doc], stemmer: &Stemmer) -> Terms {
    Builder::default().collect_with(docs, stemmer)
}

/// One record's (form number, weighted count) pairs and its length in words.
pub type Counted = (Vec<(u32, u32)>, u32);

/// Gathers the tokenised chunks of a language, in any order, so their records'
/// text can be dropped as soon as each chunk is tokenised: only one vocabulary
/// (every distinct word once) and each record's word counts are kept. Form numbers
/// follow arrival, but `finish` sorts the forms, so the order chunks arrive in
/// never shows in what it returns.
#[derive(Default)]
pub struct Builder {
    ids: HashMap<Box<str>, u32, RandomState>,
    /// Forms by first appearance (after those it was seeded with).
    forms: Vec<Box<str>>,
    /// How many forms it was seeded with: only those may be in no record.
    seeded: usize,
    /// Per chunk: its records' (form number, weighted count) pairs and lengths.
    chunks: Vec<PackedCounts>,
}

/// The counts of a chunk's records, compact: per record, its pairs sorted by
/// form number as varints (the gap to the previous form, then the count), about
/// 2.5 bytes a pair where `(u32, u32)` takes 8. At 100,000 briefings the pairs
/// number 44 million, held from the first chunk to the merge.
#[derive(Default)]
struct PackedCounts {
    bytes: Vec<u8>,
    /// Per record: where its pairs end in `bytes`, and its length in words.
    records: Vec<(u32, u32)>,
}

impl PackedCounts {
    fn push(&mut self, pairs: &mut [(u32, u32)], length: u32) {
        pairs.sort_unstable_by_key(|p| p.0);
        let mut prev = 0;
        for &(form, n) in pairs.iter() {
            put_varint(&mut self.bytes, u64::from(form - prev));
            put_varint(&mut self.bytes, u64::from(n));
            prev = form;
        }
        self.records.push((self.bytes.len() as u32, length));
    }

    /// Each record's pairs (decoded on the way) and length, in order.
    fn each(&self) -> impl Iterator<Item = (Vec<(u32, u32)>, u32)> + '_ {
        self.each_packed().map(|(bytes, length)| {
            let mut pairs = Vec::new();
            decode_pairs(bytes, |form, n| pairs.push((form, n)));
            (pairs, length)
        })
    }

    /// Each record's packed pairs and length, in order.
    fn each_packed(&self) -> impl Iterator<Item = (&[u8], u32)> + '_ {
        let mut start = 0usize;
        self.records.iter().map(move |&(end, length)| {
            let bytes = self.bytes.get(start..end as usize).unwrap_or_default();
            start = end as usize;
            (bytes, length)
        })
    }
}

/// Hands each (form, count) pair packed in `bytes` to `pair`, in order.
fn decode_pairs(bytes: &[u8], mut pair: impl FnMut(u32, u32)) {
    let (mut pos, mut form) = (0, 0u32);
    while pos < bytes.len() {
        let gap = get_varint(bytes, &mut pos).unwrap_or(0) as u32;
        let n = get_varint(bytes, &mut pos).unwrap_or(0) as u32;
        form = form.wrapping_add(gap);
        pair(form, n);
    }
}

/// A chunk's records with their words numbered for the whole index, ready for
/// [`Builder::put`]: made from [`Builder::number`]'s numbers outside the builder,
/// so threads that share one hold it only to number words and to store this.
/// The build cache keeps it as it is ([`Numbered::parts`]): the next build's
/// builder starts from this one's words ([`Builder::seeded`]), so the numbers
/// hold.
pub struct Numbered(PackedCounts);

impl Numbered {
    /// Its packed pairs and, per record, where its pairs end and its length.
    pub fn parts(&self) -> (&[u8], &[(u32, u32)]) {
        (&self.0.bytes, &self.0.records)
    }

    /// The records [`Numbered::parts`] gave, if they read back whole: ends in
    /// order and in the bytes, every pair well formed, form numbers increasing
    /// within a record and below `forms`.
    pub fn from_parts(bytes: Vec<u8>, records: Vec<(u32, u32)>, forms: usize) -> Option<Numbered> {
        let mut start = 0usize;
        for &(end, _) in &records {
            let end = end as usize;
            if end < start || end > bytes.len() {
                return None;
            }
            let (mut pos, mut form, mut first) = (start, 0u64, true);
            while pos < end {
                let gap = get_varint(&bytes[..end], &mut pos)?;
                get_varint(&bytes[..end], &mut pos)?;
                if !first && gap == 0 {
                    return None;
                }
                form = form.checked_add(gap)?;
                if form >= forms as u64 {
                    return None;
                }
                first = false;
            }
            start = end;
        }
        (start == bytes.len()).then_some(Numbered(PackedCounts { bytes, records }))
    }

    /// The length in words of each record.
    pub fn lengths(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.records.iter().map(|r| r.1)
    }

    /// These records with form `f` numbered `map[f]`, where `map` keeps the
    /// forms' order; `None` if it drops (`u32::MAX`) a form they have.
    pub fn renumbered(&self, map: &[u32]) -> Option<Numbered> {
        let mut packed = PackedCounts::default();
        for (mut pairs, length) in self.0.each() {
            for pair in &mut pairs {
                pair.0 = *map.get(pair.0 as usize).filter(|&&to| to != u32::MAX)?;
            }
            packed.push(&mut pairs, length);
        }
        Some(Numbered(packed))
    }

    /// The records of a chunk whose local word `i` is word `global[i]` of the index.
    pub fn new(records: Vec<Counted>, global: &[u32]) -> Numbered {
        let mut packed = PackedCounts::default();
        for (mut counts, length) in records {
            for c in &mut counts {
                c.0 = global[c.0 as usize];
            }
            packed.push(&mut counts, length);
        }
        packed.bytes.shrink_to_fit();
        Numbered(packed)
    }
}

impl Builder {
    /// A builder whose forms are numbered `forms` first, in that order (the
    /// last build's, so the chunks it kept keep their numbers); `forms` are
    /// distinct. A form no record has is left out by [`Builder::finish`].
    pub fn seeded(forms: Vec<String>) -> Builder {
        let mut builder = Builder::default();
        builder.ids.reserve(forms.len());
        for form in forms {
            let form: Box<str> = form.into();
            let id = builder.forms.len() as u32;
            builder.ids.entry(form.clone()).or_insert(id);
            builder.forms.push(form);
        }
        builder.seeded = builder.forms.len();
        builder
    }

    /// Every form numbered so far, in number order.
    pub fn forms(&self) -> Vec<String> {
        self.forms.iter().map(|f| f.to_string()).collect()
    }

    /// Whether it numbered a word it was not seeded with.
    pub fn grew(&self) -> bool {
        self.forms.len() > self.seeded
    }

    /// Which forms some record has (all but seeded ones always do).
    pub fn used(&self) -> Vec<bool> {
        let n = self.forms.len();
        if self.seeded == 0 {
            return vec![true; n];
        }
        let marks = |mut used: Vec<bool>, chunk: &PackedCounts| {
            for (pairs, _) in chunk.each() {
                for (form, _) in pairs {
                    used[form as usize] = true;
                }
            }
            used
        };
        let mut used = (self.chunks.par_iter())
            .fold(|| vec![false; n], marks)
            .reduce(
                || vec![false; n],
                |mut a, b| {
                    a.iter_mut().zip(b).for_each(|(x, y)| *x |= y);
                    a
                },
            );
        used[self.seeded..].iter_mut().for_each(|u| *u = true);
        used
    }

    /// Adds chunk number `slot` (its records follow those of the chunks before it).
    #[cfg(test)]
    pub fn add(&mut self, slot: usize, chunk: Chunk<'_>) {
        let (vocab, records) = chunk.into_parts();
        let global = self.number(vocab);
        self.put(slot, Numbered::new(records, &global));
    }

    /// Tokenises and stems `docs` with this builder, and builds the postings.
    #[cfg(test)]
    pub fn collect_with(mut self, docs: &[Doc], stemmer: &Stemmer) -> Terms {
        let chunks: Vec<Chunk> = docs.par_chunks(CHUNK).map(tokenize).collect();
        for (i, chunk) in chunks.into_iter().enumerate() {
            self.add(i, chunk);
        }
        let used = self.used();
        self.finish(stemmer, &used)
    }

    /// The index's numbers of words `vocab`, new words numbered as they come.
    pub fn number(&mut self, vocab: Vec<Cow<'_, str>>) -> Vec<u32> {
        vocab
            .into_iter()
            .map(|word| match self.ids.get(&*word) {
                Some(&id) => id,
                None => {
                    let id = self.forms.len() as u32;
                    let word: Box<str> = word.into();
                    self.ids.insert(word.clone(), id);
                    self.forms.push(word);
                    id
                }
            })
            .collect()
    }

    /// Stores chunk number `slot`'s records.
    pub fn put(&mut self, slot: usize, records: Numbered) {
        if self.chunks.len() <= slot {
            self.chunks.resize_with(slot + 1, PackedCounts::default);
        }
        self.chunks[slot] = records.0;
    }

    /// Sorts the vocabulary, stems it and builds the postings. `used`: which
    /// forms some record has ([`Builder::used`]); only those are in the index.
    pub fn finish(self, stemmer: &Stemmer, used: &[bool]) -> Terms {
        let Builder {
            ids,
            forms: unsorted,
            chunks,
            ..
        } = self;
        drop(ids);
        // Sorted order of the forms, and each form's place in it.
        let mut order: Vec<u32> = (0..unsorted.len() as u32)
            .filter(|&i| used.get(i as usize).copied().unwrap_or(true))
            .collect();
        order.par_sort_unstable_by(|&a, &b| unsorted[a as usize].cmp(&unsorted[b as usize]));
        let forms: Vec<String> = order
            .iter()
            .map(|&i| unsorted[i as usize].to_string())
            .collect();
        let numbered = unsorted.len();
        drop(unsorted);
        let form_stems: Vec<String> = forms.par_iter().map(|f| stemmer.stem(f)).collect();
        let mut stems = form_stems.clone();
        stems.par_sort_unstable();
        stems.dedup();
        let stem_id: HashMap<&str, u32> = stems
            .iter()
            .enumerate()
            .map(|(i, s)| (s.as_str(), i as u32))
            .collect();
        let form_stem: Vec<u32> = form_stems.iter().map(|s| stem_id[s.as_str()]).collect();
        drop(stem_id);
        // Each first-seen form number's stem (none of an unused form is read).
        let mut stem_of = vec![0u32; numbered];
        for (sorted, &first_seen) in order.iter().enumerate() {
            stem_of[first_seen as usize] = form_stem[sorted];
        }
        let lengths = chunks
            .iter()
            .flat_map(|c| c.records.iter().map(|r| f64::from(r.1)));
        let count = chunks.iter().map(|c| c.records.len()).sum::<usize>();
        let average = lengths.sum::<f64>() / count.max(1) as f64;
        let postings = postings_of(chunks, &stem_of, stems.len(), average);
        Terms {
            forms,
            form_stem,
            stems,
            postings,
        }
    }
}

/// The postings of every stem, from the records in order. Records are decoded
/// from the packed counts and weighed a batch of chunks at a time (in parallel),
/// so only a batch of them is ever held unpacked; each batch's postings are then
/// added by ranges of stems in parallel (a record's weights are sorted by stem,
/// so each range finds its part of them by a binary search).
fn postings_of(
    chunks: Vec<PackedCounts>,
    stem_of: &[u32],
    stems: usize,
    average: f64,
) -> Vec<PackedPostings> {
    let threads = rayon::current_num_threads().max(1);
    let mut postings: Vec<PackedPostings> = (0..stems).map(|_| PackedPostings::default()).collect();
    // Stem ranges: a few per thread, so a range of common stems does not hold
    // the others up.
    let parts = 4 * threads;
    let bounds: Vec<u32> = (0..=parts).map(|k| (stems * k / parts) as u32).collect();
    let mut next = 0u32;
    for batch in chunks.chunks(2 * threads) {
        let weighed: Vec<Vec<Vec<(u32, u8)>>> = batch
            .par_iter()
            .map(|chunk| {
                // One buffer for the chunk's records, each decoded straight
                // into it with its forms' stems.
                let mut keys = Vec::new();
                (chunk.each_packed())
                    .map(|(bytes, length)| {
                        keys.clear();
                        decode_pairs(bytes, |form, n| {
                            let stem = stem_of.get(form as usize).copied().unwrap_or(0);
                            keys.push(stem_key(stem, n));
                        });
                        weights_of(&mut keys, length, average)
                    })
                    .collect()
            })
            .collect();
        let records: Vec<&[(u32, u8)]> = weighed.iter().flatten().map(Vec::as_slice).collect();
        let mut ranges: Vec<(u32, &mut [PackedPostings])> = Vec::with_capacity(parts);
        let mut rest = postings.as_mut_slice();
        for k in 0..parts {
            let (range, after) = rest.split_at_mut((bounds[k + 1] - bounds[k]) as usize);
            ranges.push((bounds[k], range));
            rest = after;
        }
        ranges.into_par_iter().for_each(|(first, range)| {
            let end = first + range.len() as u32;
            for (id, entries) in (next..).zip(&records) {
                let from = entries.partition_point(|e| e.0 < first);
                for &(stem, weight) in entries[from..].iter().take_while(|e| e.0 < end) {
                    range[(stem - first) as usize].push(id, weight);
                }
            }
        });
        next += records.len() as u32;
    }
    postings
}

/// Merges the counts of the forms of one stem and turns each into a BM25
/// term-frequency weight, quantised to 1..=15.
#[cfg(test)]
fn stem_weights(
    counts: impl Iterator<Item = (u32, u32)>,
    length: u32,
    average: f64,
) -> Vec<(u32, u8)> {
    let mut keys: Vec<u64> = counts.map(|(stem, n)| stem_key(stem, n)).collect();
    weights_of(&mut keys, length, average)
}

/// A (stem, count) pair as one number that sorts by stem.
fn stem_key(stem: u32, n: u32) -> u64 {
    (u64::from(stem) << 32) | u64::from(n)
}

/// [`stem_weights`] of pairs made by [`stem_key`] (sorted here, in place).
fn weights_of(keys: &mut [u64], length: u32, average: f64) -> Vec<(u32, u8)> {
    keys.sort_unstable();
    let norm = K1 * (1.0 - B + B * f64::from(length) / average.max(1.0));
    let weight = |tf: u32| {
        let tf = f64::from(tf);
        let w = tf * (K1 + 1.0) / (tf + norm);
        let scaled = w / (K1 + 1.0) * 15.0;
        // `ceil` without the library call (this target has no instruction
        // for it): the same for any number from 0 to 15.
        let whole = scaled as u8;
        (whole + u8::from(f64::from(whole) < scaled)).clamp(1, 15)
    };
    let mut out = Vec::with_capacity(keys.len());
    for group in keys.chunk_by(|a, b| a >> 32 == b >> 32) {
        let tf = (group.iter()).fold(0u32, |sum, &k| sum.saturating_add(k as u32));
        out.push(((group[0] >> 32) as u32, weight(tf)));
    }
    out
}

/// One shard: the prefix all its forms start with, and its bytes.
#[derive(Debug, PartialEq, Eq)]
pub struct Shard {
    pub key: String,
    pub bytes: Vec<u8>,
}

/// Cuts the forms into shards of about `target` bytes by ever longer prefixes and
/// encodes each (in parallel). A stem whose forms fall into two shards is in both.
pub fn shards(terms: &Terms, target: usize) -> Vec<Shard> {
    let encoded: Vec<Vec<u8>> = terms
        .postings
        .par_iter()
        .zip(&terms.stems)
        .map(|(p, stem)| encode_stem(stem, &p.unpack()))
        .collect();
    let all: Vec<u32> = (0..terms.forms.len() as u32).collect();
    let mut groups = Vec::new();
    split(terms, &encoded, target, String::new(), &all, &mut groups);
    groups
        .into_par_iter()
        .map(|(key, forms)| Shard {
            bytes: encode_shard(terms, &encoded, &forms),
            key,
        })
        .collect()
}

fn encode_stem(stem: &str, p: &Postings) -> Vec<u8> {
    let mut out = Vec::new();
    put_str(&mut out, stem);
    put_varint(&mut out, p.ids.len() as u64);
    put_id_set(&mut out, &p.ids);
    put_nibbles(&mut out, &p.weights);
    out
}

/// The estimated size of a shard holding `forms`: the forms and their stems.
fn shard_size(terms: &Terms, encoded: &[Vec<u8>], forms: &[u32]) -> usize {
    let mut stems: Vec<u32> = forms.iter().map(|&f| terms.form_stem[f as usize]).collect();
    stems.sort_unstable();
    stems.dedup();
    let words: usize = forms
        .iter()
        .map(|&f| terms.forms[f as usize].len() + 3)
        .sum();
    words
        + stems
            .iter()
            .map(|&s| encoded[s as usize].len())
            .sum::<usize>()
}

/// Groups `forms` (sorted, all starting with `key`) into shards: one if small
/// enough or one stem only, else the forms equal to `key` plus one group per
/// next character.
fn split(
    terms: &Terms,
    encoded: &[Vec<u8>],
    target: usize,
    key: String,
    forms: &[u32],
    out: &mut Vec<(String, Vec<u32>)>,
) {
    let first_stem = forms.first().map(|&f| terms.form_stem[f as usize]);
    let one_stem = forms
        .iter()
        .all(|&f| Some(terms.form_stem[f as usize]) == first_stem);
    if forms.is_empty() || one_stem || shard_size(terms, encoded, forms) <= target {
        if !forms.is_empty() {
            out.push((key, forms.to_vec()));
        }
        return;
    }
    let rest = |f: &u32| &terms.forms[*f as usize][key.len()..];
    let (exact, longer): (Vec<u32>, Vec<u32>) = forms.iter().partition(|f| rest(f).is_empty());
    if !exact.is_empty() {
        out.push((key.clone(), exact));
    }
    let next_char = |f: &u32| rest(f).chars().next().unwrap_or_default();
    for group in longer.chunk_by(|a, b| next_char(a) == next_char(b)) {
        let child = format!("{key}{}", next_char(&group[0]));
        split(terms, encoded, target, child, group, out);
    }
}

/// Stems (with postings) first, then the forms front-coded, each with its stem's
/// number in this shard.
fn encode_shard(terms: &Terms, encoded: &[Vec<u8>], forms: &[u32]) -> Vec<u8> {
    let mut stems: Vec<u32> = forms.iter().map(|&f| terms.form_stem[f as usize]).collect();
    stems.sort_unstable();
    stems.dedup();
    let mut out = Vec::new();
    put_varint(&mut out, stems.len() as u64);
    for &s in &stems {
        out.extend_from_slice(&encoded[s as usize]);
    }
    put_varint(&mut out, forms.len() as u64);
    let mut prev: &[u8] = b"";
    for &f in forms {
        let form = terms.forms[f as usize].as_bytes();
        let shared = prev.iter().zip(form).take_while(|(a, b)| a == b).count();
        put_varint(&mut out, shared as u64);
        put_varint(&mut out, (form.len() - shared) as u64);
        out.extend_from_slice(&form[shared..]);
        let local = stems
            .binary_search(&terms.form_stem[f as usize])
            .unwrap_or(0);
        put_varint(&mut out, local as u64);
        prev = form;
    }
    out
}

/// A decoded shard: `(form, stem, postings)` for each form. For tests and the
/// size report.
#[cfg(test)]
pub fn decode_shard(bytes: &[u8]) -> Option<Vec<(String, String, Postings)>> {
    use super::encode::{get_id_set, get_nibbles, get_varint};
    let pos = &mut 0;
    let mut stems = Vec::new();
    for _ in 0..get_varint(bytes, pos)? {
        let len = get_varint(bytes, pos)? as usize;
        let stem = std::str::from_utf8(bytes.get(*pos..*pos + len)?)
            .ok()?
            .to_string();
        *pos += len;
        let df = get_varint(bytes, pos)? as usize;
        let ids = get_id_set(bytes, pos)?;
        let weights = get_nibbles(bytes, pos, df)?;
        stems.push((stem, Postings { ids, weights }));
    }
    let mut out = Vec::new();
    let mut prev: Vec<u8> = Vec::new();
    for _ in 0..get_varint(bytes, pos)? {
        let shared = get_varint(bytes, pos)? as usize;
        let len = get_varint(bytes, pos)? as usize;
        prev.truncate(shared);
        prev.extend_from_slice(bytes.get(*pos..*pos + len)?);
        *pos += len;
        let (stem, p) = stems.get(get_varint(bytes, pos)? as usize)?;
        let form = String::from_utf8(prev.clone()).ok()?;
        out.push((
            form,
            stem.clone(),
            Postings {
                ids: p.ids.clone(),
                weights: p.weights.clone(),
            },
        ));
    }
    (*pos == bytes.len()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(texts: &[(&'static str, &'static str)]) -> Vec<Doc<'static>> {
        texts
            .iter()
            .map(|&(title, text)| Doc { title, text })
            .collect()
    }

    #[test]
    fn forms_of_one_stem_share_postings() {
        let d = docs(&[
            ("Talks", "Negotiations resumed."),
            ("", "They are negotiating; negotiators negotiated."),
            ("Weather", "Rain."),
        ]);
        let t = collect(&d, &Stemmer::for_language("en"));
        assert_eq!(
            t.forms,
            [
                "are",
                "negotiated",
                "negotiating",
                "negotiations",
                "negotiators",
                "rain",
                "resumed",
                "talks",
                "they",
                "weather"
            ]
        );
        let stem_of =
            |form: &str| t.form_stem[t.forms.iter().position(|f| f == form).unwrap()] as usize;
        assert_eq!(t.stems[stem_of("negotiating")], "negoti");
        assert_eq!(stem_of("negotiations"), stem_of("negotiated"));
        assert_eq!(stem_of("negotiators"), stem_of("negotiated"));
        assert_eq!(t.postings[stem_of("negotiated")].unpack().ids, [0, 1]);
        // A word of the title weighs more than one of the text.
        let weather = t.postings[stem_of("weather")].unpack();
        assert_eq!(weather.ids, [2]);
        assert!(weather.weights[0] > t.postings[stem_of("rain")].unpack().weights[0]);
    }

    /// Forms a builder was seeded with that no record has are not in the
    /// index: it is the one an empty builder makes.
    #[test]
    fn a_seeded_builder_gives_the_index_an_empty_one_gives() {
        let texts = docs(&[
            ("Talks resumed", "The ministers talked"),
            ("Ceasefire", "talks held"),
        ]);
        let stemmer = Stemmer::for_language("en");
        let seeds = ["zebra", "talks", "absent", "ceasefire"]
            .map(String::from)
            .to_vec();
        let seeded = Builder::seeded(seeds).collect_with(&texts, &stemmer);
        assert_eq!(seeded, collect(&texts, &stemmer));
        assert!(!seeded.forms.iter().any(|f| f == "zebra" || f == "absent"));
    }

    /// Numbered records read back only whole and within the vocabulary; a
    /// renumbering that keeps the order keeps them.
    #[test]
    fn numbered_records_read_back_only_when_they_fit() {
        let numbered = Numbered::new(
            vec![(vec![(2, 1), (0, 3)], 4), (vec![(1, 1)], 1)],
            &[0, 1, 2],
        );
        let (bytes, ends) = numbered.parts();
        let (bytes, ends) = (bytes.to_vec(), ends.to_vec());
        let back = Numbered::from_parts(bytes.clone(), ends.clone(), 3).expect("fits");
        assert_eq!(back.lengths().collect::<Vec<_>>(), [4, 1]);
        assert!(
            Numbered::from_parts(bytes.clone(), ends.clone(), 2).is_none(),
            "form 2 of 2"
        );
        let mut late = ends.clone();
        late[1].0 += 1;
        assert!(
            Numbered::from_parts(bytes.clone(), late, 3).is_none(),
            "past the end"
        );
        let swapped = vec![ends[1], ends[0]];
        assert!(
            Numbered::from_parts(bytes.clone(), swapped, 3).is_none(),
            "out of order"
        );
        // A repeated form: a gap of 0 after the first.
        assert!(Numbered::from_parts(vec![1, 1, 0, 1], vec![(4, 2)], 3).is_none());
        let renumbered = back.renumbered(&[0, u32::MAX, 1]);
        assert!(renumbered.is_none(), "form 1 dropped but used");
        let kept = Numbered::new(vec![(vec![(2, 5), (0, 1)], 2)], &[0, 1, 2]);
        let kept = kept.renumbered(&[0, u32::MAX, 1]).expect("all kept");
        assert_eq!(
            kept.0.each().collect::<Vec<_>>(),
            [(vec![(0, 1), (1, 5)], 2)]
        );
    }

    #[test]
    fn packed_postings_give_back_what_was_pushed() {
        let mut p = PackedPostings::default();
        let pushed = [(0, 15), (1, 1), (300, 7), (70_000, 2), (70_001, 15)];
        for &(id, w) in &pushed {
            p.push(id, w);
        }
        let back = p.unpack();
        assert_eq!(back.ids, pushed.map(|x| x.0));
        assert_eq!(back.weights, pushed.map(|x| x.1));
    }

    #[test]
    fn weights_grow_with_the_count_and_stay_in_range() {
        let one = stem_weights([(0, 1)].into_iter(), 100, 100.0);
        let five = stem_weights([(0, 2), (0, 3)].into_iter(), 100, 100.0);
        assert_eq!(five.len(), 1, "forms of one stem merge");
        assert!(five[0].1 > one[0].1);
        let huge = stem_weights([(0, 10_000)].into_iter(), 1, 1.0);
        assert_eq!(huge[0].1, 15);
        let tiny = stem_weights([(0, 1)].into_iter(), 100_000, 1.0);
        assert_eq!(tiny[0].1, 1);
    }

    /// The quantised weight is the BM25 formula's, rounded up: checked against
    /// it written plainly, over counts, lengths and averages a site has.
    #[test]
    fn weights_are_the_formula_rounded_up() {
        for tf in [1u32, 2, 3, 4, 5, 7, 9, 12, 20, 50, 400] {
            for length in [1u32, 3, 10, 40, 100, 250, 1_000, 20_000] {
                for average in [0.5, 1.0, 17.3, 40.0, 72.6, 100.0, 450.0] {
                    let norm = K1 * (1.0 - B + B * f64::from(length) / f64::max(average, 1.0));
                    let t = f64::from(tf);
                    let w = t * (K1 + 1.0) / (t + norm);
                    let expected = ((w / (K1 + 1.0) * 15.0).ceil() as u8).clamp(1, 15);
                    let got = stem_weights([(3, tf)].into_iter(), length, average);
                    assert_eq!(
                        got,
                        [(3, expected)],
                        "tf {tf}, length {length}, average {average}"
                    );
                }
            }
        }
        // Pairs of several stems come out by stem, each stem's counts added.
        let got = stem_weights([(9, 1), (2, 1), (9, 2), (5, 4)].into_iter(), 10, 10.0);
        let stems: Vec<u32> = got.iter().map(|p| p.0).collect();
        assert_eq!(stems, [2, 5, 9]);
        assert_eq!(got[2], stem_weights([(9, 3)].into_iter(), 10, 10.0)[0]);
    }

    #[test]
    fn shards_split_by_prefix_and_decode_to_what_went_in() {
        let texts: Vec<String> = (0..200)
            .map(|i| format!("cease ceasefire{i} cedar coal {}", i % 7))
            .collect();
        let d: Vec<Doc> = texts.iter().map(|t| Doc { title: "", text: t }).collect();
        let t = collect(&d, &Stemmer::for_language("en"));
        let shards = shards(&t, 600);
        let keys: Vec<&str> = shards.iter().map(|s| s.key.as_str()).collect();
        assert!(
            keys.contains(&"co") && keys.contains(&"ced") && keys.contains(&"cease"),
            "{keys:?}"
        );
        let mut seen = Vec::new();
        for s in &shards {
            let decoded = decode_shard(&s.bytes).expect("decodes");
            for (form, stem, p) in decoded {
                assert!(form.starts_with(&s.key), "{form} in shard {}", s.key);
                let f = t.forms.iter().position(|x| *x == form).unwrap();
                assert_eq!(t.stems[t.form_stem[f] as usize], stem);
                assert_eq!(p, t.postings[t.form_stem[f] as usize].unpack());
                seen.push(form);
            }
        }
        seen.sort();
        assert_eq!(seen, t.forms, "every form is in exactly one shard");
    }

    #[test]
    fn a_small_vocabulary_is_one_shard() {
        let d = docs(&[("A", "b c")]);
        let t = collect(&d, &Stemmer::for_language("en"));
        let s = shards(&t, 4096);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].key, "");
    }
}
