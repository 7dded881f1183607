//! Parsed documents kept between builds, so that `serve` re-parses only the files
//! that changed. A plain `load` uses an empty cache and parses everything.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::markdown::{Dialect, Mentions};
use crate::parse::{self, ActorDoc, ActorTable, BriefingDoc, PageDoc};
use crate::route::Route;
use crate::source::{self, Entry};

type ActorResult = (Option<ActorDoc>, Vec<Diagnostic>);
type BriefingResult = (Option<BriefingDoc>, Vec<Diagnostic>);
type PageResult = (Option<PageDoc>, Vec<Diagnostic>);

/// Parse results by file path (relative to the site root, as in `Entry::path`).
///
/// Invariant: an entry is valid as long as its file is unchanged; the caller
/// (`serve`'s watcher) calls [`Cache::invalidate`] for every file it sees change.
/// Briefings also depend on the set of actors (ids become indexes, names become
/// mention links), so they are all dropped when that changes.
#[derive(Default)]
pub struct Cache {
    actors: HashMap<PathBuf, ActorResult>,
    briefings: HashMap<PathBuf, BriefingResult>,
    pages: HashMap<PathBuf, PageResult>,
    /// Fingerprint of the actors and dialect the cached briefings were parsed with.
    briefing_deps: u64,
    /// How many files the last load parsed (the rest came from the cache).
    pub parsed: usize,
    /// Hand documents out instead of keeping copies: a one-off `build` of a big
    /// site would otherwise copy every body it just parsed.
    one_shot: bool,
}

impl Cache {
    /// A cache for a single load: documents are moved out, not copied.
    pub fn one_shot() -> Cache {
        Cache {
            one_shot: true,
            ..Cache::default()
        }
    }

    /// Forgets the parse result of `path` (relative to the site root).
    pub fn invalidate(&mut self, path: &Path) {
        self.actors.remove(path);
        self.briefings.remove(path);
        self.pages.remove(path);
    }

    /// Forgets everything, e.g. when the watcher may have missed events.
    pub fn clear(&mut self) {
        *self = Cache::default();
    }

    pub(super) fn actors(&mut self, entries: &[Entry], unsafe_html: bool) -> Vec<ActorResult> {
        self.parsed = 0;
        let missing: Vec<&Entry> = entries
            .iter()
            .filter(|e| !self.actors.contains_key(&e.path))
            .collect();
        self.parsed += missing.len();
        let fresh: Vec<_> = missing
            .par_iter()
            .map(|e| {
                let r = match source::read(e) {
                    Ok(text) => parse::actor(&e.path, &text, dialect(unsafe_html)),
                    Err(d) => (None, vec![d]),
                };
                (e.path.clone(), r)
            })
            .collect();
        self.actors.extend(fresh);
        retain_listed(&mut self.actors, entries);
        if self.one_shot {
            return entries
                .iter()
                .filter_map(|e| self.actors.remove(&e.path))
                .collect();
        }
        entries
            .iter()
            .map(|e| self.actors[&e.path].clone())
            .collect()
    }

    pub(super) fn briefings(
        &mut self,
        entries: &[Entry],
        actors: &[ActorDoc],
        unsafe_html: bool,
    ) -> (Vec<BriefingDoc>, Vec<Diagnostic>) {
        let deps = fingerprint(actors, unsafe_html);
        if deps != self.briefing_deps {
            self.briefings.clear();
            self.briefing_deps = deps;
        }
        let missing: Vec<&Entry> = entries
            .iter()
            .filter(|e| !self.briefings.contains_key(&e.path))
            .collect();
        self.parsed += missing.len();
        if !missing.is_empty() {
            let (table, mentions) = lookup(actors);
            let fresh: Vec<_> = missing
                .par_iter()
                .map(|e| {
                    let r = match source::read(e) {
                        Ok(text) => {
                            parse::briefing(&e.path, &text, &table, &mentions, dialect(unsafe_html))
                        }
                        Err(d) => (None, vec![d]),
                    };
                    (e.path.clone(), r)
                })
                .collect();
            self.briefings.extend(fresh);
        }
        retain_listed(&mut self.briefings, entries);
        let mut docs = Vec::with_capacity(entries.len());
        let mut diags = Vec::new();
        if self.one_shot {
            for (doc, mut ds) in entries
                .iter()
                .filter_map(|e| self.briefings.remove(&e.path))
            {
                diags.append(&mut ds);
                docs.extend(doc);
            }
            return (docs, diags);
        }
        let cached: Vec<&BriefingResult> =
            entries.iter().map(|e| &self.briefings[&e.path]).collect();
        // Copying the bodies of thousands of briefings is worth spreading over cores.
        let copies: Vec<Option<BriefingDoc>> =
            cached.par_iter().map(|(doc, _)| doc.clone()).collect();
        for ((_, ds), doc) in cached.iter().zip(copies) {
            diags.extend(ds.iter().cloned());
            docs.extend(doc);
        }
        (docs, diags)
    }

    pub(super) fn pages(&mut self, entries: &[Entry], unsafe_html: bool) -> Vec<PageResult> {
        let missing: Vec<&Entry> = entries
            .iter()
            .filter(|e| !self.pages.contains_key(&e.path))
            .collect();
        self.parsed += missing.len();
        let fresh: Vec<_> = missing
            .par_iter()
            .map(|e| {
                let r = match source::read(e) {
                    Ok(text) => parse::page(&e.path, &text, dialect(unsafe_html)),
                    Err(d) => (None, vec![d]),
                };
                (e.path.clone(), r)
            })
            .collect();
        self.pages.extend(fresh);
        retain_listed(&mut self.pages, entries);
        if self.one_shot {
            return entries
                .iter()
                .filter_map(|e| self.pages.remove(&e.path))
                .collect();
        }
        entries
            .iter()
            .map(|e| self.pages[&e.path].clone())
            .collect()
    }
}

/// Drops results for files that are gone, once the map holds more than the listing.
/// The actor ids and the names briefing bodies mention, for parsing briefings.
pub(super) fn lookup(actors: &[ActorDoc]) -> (ActorTable<'_>, Mentions) {
    let table = ActorTable {
        ids: actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect(),
    };
    let mentions = Mentions::with_exceptions(actors.iter().map(|a| {
        let names = std::iter::once(a.meta.name.as_str())
            .chain(a.meta.aliases.iter().map(String::as_str))
            .collect();
        let exceptions = a.meta.no_link.iter().map(String::as_str).collect();
        (
            Route::Actor(a.id.clone()).rel().into_owned(),
            names,
            exceptions,
        )
    }));
    (table, mentions)
}

fn retain_listed<T>(map: &mut HashMap<PathBuf, T>, entries: &[Entry]) {
    if map.len() > entries.len() {
        let listed: std::collections::HashSet<&Path> =
            entries.iter().map(|e| e.path.as_path()).collect();
        map.retain(|p, _| listed.contains(p.as_path()));
    }
}

/// The Markdown dialect. (Links into the site are logical, so the parsed HTML
/// does not depend on the base URL: see `markdown::render`.)
fn dialect(unsafe_html: bool) -> Dialect {
    Dialect { unsafe_html }
}

/// What a parsed briefing depends on besides its own file.
fn fingerprint(actors: &[ActorDoc], unsafe_html: bool) -> u64 {
    let mut h = DefaultHasher::new();
    unsafe_html.hash(&mut h);
    for a in actors {
        a.id.hash(&mut h);
        a.meta.name.hash(&mut h);
        a.meta.aliases.hash(&mut h);
    }
    h.finish()
}
