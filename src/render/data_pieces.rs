//! The statement data files (`statements.json`, `statements.csv`,
//! `timeline.json`) are written in chunks of statements (see `data`). The
//! build cache keeps, per file, where each chunk sat in the last output, how
//! long it was and a hash of its bytes, under a key made from what the chunk
//! shows: a second build that must write the file again (after an edit to a
//! quote or a title, whose page keys name it) copies every chunk whose key it
//! knows from the last output, checked against the hash, and makes only the
//! others.
//!
//! A chunk's key is made from all that its bytes are made from: the
//! environment (theme, strings, URL settings), the actors' ids and names,
//! whether it is the file's first, and per statement of the chunk every field
//! of it, with its briefing's slug and title and the ids of the statements it
//! disputes or is disputed by. Nothing else about the site goes in, not even
//! where the chunk is: chunks end after statements whose id's hash says so
//! (`Pieces::mark`), so a statement added, removed or moved by a date edit
//! changes the chunks about it and the others keep their keys and bytes,
//! copied from wherever they now sit in the last output. The tests build with `SITROOM_VERIFY_CACHE`, which makes every chunk
//! and fails where a known key gives other bytes.

use std::collections::{BTreeMap, HashMap};
use std::io;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use serde::{Deserialize, Serialize};

use super::{Renderer, Sink};
use crate::cache::{Hasher, Store};
use crate::data::Pieces;
use crate::model::Site;

/// Bumped when what a key hashes changes meaning.
const VERSION: u64 = 3;

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
    /// The site-wide part of every key, and each statement's, made on first
    /// use (`None` if one could not be made: nothing is then reused).
    hashes: OnceLock<Option<(u128, Vec<u128>)>>,
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
            hashes: OnceLock::new(),
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
            book: self,
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
    book: &'a Book<'a>,
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
    /// The key of statements `items` in this file; `None` where a hash could
    /// not be made.
    fn key(&self, items: Range<usize>) -> Option<u128> {
        let (site, statements) = self.book.hashes.get_or_init(|| hashes(self.r)).as_ref()?;
        let mut h = Hasher::new();
        h.u64(VERSION).u128(*site).text(self.path);
        // Where a chunk is does not change its bytes, but for the first
        // (which opens the array without a comma).
        h.u64(u64::from(items.start == 0));
        for s in items {
            h.u128(*statements.get(s)?);
        }
        Some(h.finish())
    }
}

impl Pieces for FilePieces<'_> {
    /// A hash of the statement's id (what it is, wherever it is in the file).
    fn mark(&self, item: usize) -> Option<u64> {
        let id = &self.r.site.statements.get(item)?.id;
        // The hash's low half: `cut` needs a number, not all 128 bits.
        Some(Hasher::new().text(id).finish() as u64)
    }

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

/// The site-wide part of a chunk's key (the environment, the actors' ids and
/// names) and each statement's hash.
fn hashes(r: &Renderer) -> Option<(u128, Vec<u128>)> {
    use rayon::prelude::*;
    let site = &r.site;
    let mut h = Hasher::new();
    h.u128(r.environment).u64(site.actors.len() as u64);
    for a in &site.actors {
        h.text(&a.id).text(&a.name);
    }
    let statements = (0..site.statements.len())
        .into_par_iter()
        .map(|s| statement_hash(site, s))
        .collect::<Option<Vec<u128>>>()?;
    Some((h.finish(), statements))
}

/// A hash of all a data file can show of statement `ix`: every field (actors by
/// index, which the site-wide part names), its briefing's slug and title, and
/// the ids of the statements it disputes and is disputed by.
fn statement_hash(site: &Site, ix: usize) -> Option<u128> {
    #[derive(serde::Serialize)]
    struct Shown<'a> {
        id: &'a str,
        named: bool,
        number: usize,
        slug: &'a str,
        title: &'a str,
        speakers: &'a [usize],
        with: &'a [usize],
        kind: crate::model::StatementKind,
        date: String,
        quote: &'a Option<String>,
        summary: &'a Option<String>,
        source: &'a Option<crate::model::Source>,
        verification: &'a Option<crate::model::Verification>,
        disputes: Vec<&'a str>,
        disputed_by: Vec<&'a str>,
        factcheck: &'a Option<Box<crate::model::FactCheck>>,
        original: &'a Option<Box<crate::model::Original>>,
    }
    let s = site.statements.get(ix)?;
    let b = site.briefings.get(s.briefing)?;
    let ids = |list: &[usize]| super::shown::each_statement(site, list, |t| t.id.as_str());
    let shown = Shown {
        id: &s.id,
        named: s.named,
        number: s.number,
        slug: &b.slug,
        title: &b.title,
        speakers: &s.speakers,
        with: &s.with,
        kind: s.kind,
        // Every part of the date, whichever of them a file shows.
        date: format!("{:?}", s.date),
        quote: &s.quote,
        summary: &s.summary,
        source: &s.source,
        verification: &s.verification,
        disputes: ids(&s.disputes)?,
        disputed_by: ids(&s.disputed_by)?,
        factcheck: &s.factcheck,
        original: &s.original,
    };
    crate::cache::hash_serialized(&shown)
}
