//! The statement data files (`statements.json`, `statements.csv`,
//! `timeline.json`) are written in chunks of statements (see `data`). The
//! build cache keeps, per file, where each chunk sat in the last output, how
//! long it was and a hash of its bytes, under a key made from what the chunk
//! shows: a second build that must write the file again (after an edit to a
//! quote or a title, whose page keys name it) copies every chunk whose key it
//! knows from the last output, checked against the hash, and makes only the
//! others.
//!
//! A chunk's key is the shallow fast key (everything but what `shown` sets
//! aside) with, per statement of the chunk, the hash of its own words and of
//! its briefing's title and summary: all a data file shows of a statement. The
//! tests build with `SITROOM_VERIFY_CACHE`, which makes every chunk and fails
//! where a known key gives other bytes.

use std::collections::{BTreeMap, HashMap};
use std::io;
use std::ops::Range;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use super::{Renderer, Sink, shown};
use crate::cache::{Hasher, Store};
use crate::data::Pieces;

/// Bumped when what a key hashes changes meaning.
const VERSION: u64 = 1;

/// One chunk of a data file as a build wrote it.
#[derive(Clone, Copy, Serialize, Deserialize)]
pub(super) struct Piece {
    key: u128,
    at: u64,
    len: u64,
    hash: u128,
}

/// The chunks of every data file the last build wrote (by path), and those
/// this build's files will have.
pub(super) struct Book<'s> {
    store: &'s Store,
    name: String,
    old: BTreeMap<String, Vec<Piece>>,
    next: Mutex<BTreeMap<String, Vec<Piece>>>,
}

impl<'s> Book<'s> {
    /// The book of the language named `language` in `store`; `None` without a
    /// build cache. A file kept whole keeps its chunks.
    pub fn open(store: &'s Store, language: Option<&str>) -> Option<Book<'s>> {
        if !store.is_enabled() {
            return None;
        }
        let name = format!("data-pieces-{}", language.unwrap_or("site"));
        let old: BTreeMap<String, Vec<Piece>> = store.load(&name).unwrap_or_default();
        Some(Book {
            store,
            next: Mutex::new(old.clone()),
            old,
            name,
        })
    }

    /// What the writer of the file at `path` may reuse: the last build's chunks
    /// of it, read from the last output through `sink`.
    pub fn file<'a>(
        &'a self,
        r: &'a Renderer,
        path: &'a str,
        sink: &'a dyn Sink,
    ) -> FilePieces<'a> {
        let old = (self.old.get(path).into_iter().flatten())
            .map(|p| (p.key, *p))
            .collect();
        FilePieces {
            r,
            path,
            old,
            previous: (!r.verify_cache).then_some(sink),
            made: Mutex::new(Vec::new()),
            copied: AtomicUsize::new(0),
        }
    }

    /// Notes the chunks the file at `path` was written with.
    pub fn done(&self, path: &str, pieces: FilePieces<'_>) {
        if std::env::var_os("SITROOM_TIMINGS").is_some() {
            let made = pieces.made.lock().map_or(0, |m| m.len());
            let copied = pieces.copied.load(Ordering::Relaxed);
            eprintln!("timing:   {path}: {copied} of {made} chunks copied from the last output");
        }
        let mut made = pieces
            .made
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        made.sort_by_key(|p| p.at);
        self.next
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(path.to_string(), made);
    }

    /// Saves the chunks of this build's files (an error costs the next build
    /// time only).
    pub fn save(self) -> anyhow::Result<()> {
        let next = self
            .next
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if next.is_empty() && self.old.is_empty() {
            return Ok(());
        }
        self.store.save(&self.name, &next)
    }
}

/// The chunks one data file may take from the last output, and those it wrote.
pub(super) struct FilePieces<'a> {
    r: &'a Renderer,
    path: &'a str,
    old: HashMap<u128, Piece>,
    /// What reads the last output; none when verifying (every chunk is made).
    previous: Option<&'a dyn Sink>,
    made: Mutex<Vec<Piece>>,
    /// How many chunks came from `previous`.
    copied: AtomicUsize,
}

impl FilePieces<'_> {
    /// The key of statements `items` in this file; `None` where the site has no
    /// fingerprint or a hash could not be made.
    fn key(&self, items: Range<usize>) -> Option<u128> {
        let shallow = self.r.fast_shallow?;
        let mut h = Hasher::new();
        h.u64(VERSION).u128(shallow).text(self.path);
        h.u64(self.r.site.statements.len() as u64);
        h.u128(shown::statements_hash(self.r, items)?);
        Some(h.finish())
    }
}

impl Pieces for FilePieces<'_> {
    fn old(&self, items: Range<usize>) -> Option<Vec<u8>> {
        let previous = self.previous?;
        let piece = self.old.get(&self.key(items)?)?;
        let bytes =
            previous.previous_range(self.path, piece.at, usize::try_from(piece.len).ok()?)?;
        if crate::cache::hash(&bytes) != piece.hash {
            return None;
        }
        self.copied.fetch_add(1, Ordering::Relaxed);
        Some(bytes)
    }

    fn wrote(&self, items: Range<usize>, at: u64, bytes: &[u8]) -> io::Result<()> {
        let Some(key) = self.key(items.clone()) else {
            return Ok(());
        };
        let hash = crate::cache::hash(bytes);
        if self.r.verify_cache
            && let Some(old) = self.old.get(&key)
            && old.hash != hash
        {
            return Err(io::Error::other(format!(
                "the build cache kept outdated statements {}..{} of `{}` (SITROOM_VERIFY_CACHE)",
                items.start, items.end, self.path
            )));
        }
        let piece = Piece {
            key,
            at,
            len: bytes.len() as u64,
            hash,
        };
        self.made
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(piece);
        Ok(())
    }
}
