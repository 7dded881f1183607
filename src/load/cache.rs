//! Parsed documents kept between loads: in memory by `serve`, which re-parses
//! only the files that changed, and on disk in the build cache (`parse-v1-*` in
//! `.sitroom/cache/`), so that a `build` re-parses only the files whose bytes or
//! dependencies changed since the last one.
//!
//! An entry on disk is found by its key, a hash of everything its result is made
//! from: the file's path and text, the site settings parsing reads (see
//! [`Settings`]) and, for briefings, the actors they name and mention (see
//! [`fingerprint`]). Code changes are covered by the cache file's binary id.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::cache::{Hasher, Store};
use crate::diagnostic::Diagnostic;
use crate::markdown::{Dialect, Mentions};
use crate::model::Config;
use crate::packed::Packed;
use crate::parse::{self, ActorDoc, ActorTable, BriefingDoc, PageDoc};
use crate::route::Route;
use crate::source::{self, Entry, Listing};
use crate::spill::Spill;

type ActorResult = (Option<ActorDoc>, Vec<Diagnostic>);
type BriefingResult = (Option<BriefingDoc>, Vec<Diagnostic>);
type PageResult = (Option<PageDoc>, Vec<Diagnostic>);

/// A parse result with its key (`None` for a file that could not be read: the
/// error is not kept on disk).
type Slot<R> = (Option<u128>, R);

/// Bumped when what a parse result holds, or what its key hashes, changes
/// meaning without a change of type (the binary id covers the rest).
const VERSION: u64 = 1;

/// The build cache's files of one kind of document: `name`, or `name-00` to
/// `name-<shards - 1>` with the entries spread by path. Shards keep a save (and a
/// load) from holding the whole encoded set at once, and an edit rewrites one.
#[derive(Clone, Copy)]
struct Files {
    name: &'static str,
    shards: usize,
}

const ACTORS: Files = Files {
    name: "parse-v1-actors",
    shards: 1,
};
/// Briefings are most of a site: at 10,000 their results take some 75 MB.
const BRIEFINGS: Files = Files {
    name: "parse-v1-briefings",
    shards: 16,
};
const PAGES: Files = Files {
    name: "parse-v1-pages",
    shards: 1,
};

impl Files {
    fn file(self, shard: usize) -> String {
        if self.shards == 1 {
            self.name.to_string()
        } else {
            format!("{}-{shard:02}", self.name)
        }
    }

    fn shard(self, path: &Path) -> usize {
        if self.shards == 1 {
            return 0;
        }
        let h = Hasher::new()
            .bytes(path.as_os_str().as_encoded_bytes())
            .finish();
        (h % self.shards as u128) as usize
    }
}

/// Parse results by file path (relative to the site root, as in `Entry::path`).
///
/// Invariant: an entry is valid as long as its file is unchanged; the caller
/// (`serve`'s watcher) calls [`Cache::invalidate`] for every file it sees change.
/// Briefings also depend on the set of actors (ids become indexes, names become
/// mention links), so they are all dropped when that changes.
#[derive(Default)]
pub struct Cache {
    actors: HashMap<PathBuf, Slot<ActorResult>>,
    briefings: HashMap<PathBuf, Slot<BriefingResult>>,
    pages: HashMap<PathBuf, Slot<PageResult>>,
    /// Fingerprint of the actors and settings the cached briefings were parsed with.
    briefing_deps: u128,
    /// How many files the last load parsed (the rest came from a cache).
    pub parsed: usize,
    /// How many of those not in memory the last load found in the build cache.
    pub from_disk: usize,
    /// Hand documents out instead of keeping copies: a one-off `build` of a big
    /// site would otherwise copy every body it just parsed.
    one_shot: bool,
    /// How long each step of the last load took, for `SITROOM_TIMINGS`.
    pub stages: Vec<(&'static str, std::time::Duration)>,
    /// The site folder's listing, reused while only files it lists change (a
    /// listing names files; it does not depend on what they hold).
    listing: Option<Arc<Listing>>,
}

/// What every parse depends on besides its own file: site.yaml's settings.
pub(super) struct Settings {
    pub dialect: Dialect,
    /// A hash of the settings, for keys.
    salt: u128,
}

impl Settings {
    /// The Markdown dialect (`unsafe_html`) is all that parsing reads today. The
    /// languages are hashed too, so that a parse that comes to depend on them
    /// (translations are parsed apart, in `multilingual`) cannot reuse a stale one.
    pub fn of(config: &Config) -> Settings {
        let mut h = Hasher::new();
        h.u64(VERSION).u64(u64::from(config.unsafe_html));
        h.text(&config.language).u64(config.languages.len() as u64);
        for l in &config.languages {
            h.text(&l.code);
        }
        Settings {
            dialect: Dialect {
                unsafe_html: config.unsafe_html,
            },
            salt: h.finish(),
        }
    }
}

impl Cache {
    /// A cache for a single load: documents are moved out, not copied.
    pub fn one_shot() -> Cache {
        Cache {
            one_shot: true,
            ..Cache::default()
        }
    }

    /// Records that step `name` of a load ended now (it started at `clock`).
    pub(super) fn stage(&mut self, name: &'static str, clock: &mut std::time::Instant) {
        let now = std::time::Instant::now();
        self.stages.push((name, now - *clock));
        *clock = now;
    }

    /// Forgets the parse result of `path` (relative to the site root), and the
    /// listing unless `path` is a file it lists that is still a plain file
    /// (`modified`: an edit, not a file created, removed, renamed or replaced).
    pub fn invalidate(&mut self, path: &Path, modified: bool) {
        self.actors.remove(path);
        self.briefings.remove(path);
        self.pages.remove(path);
        if !modified || !self.listing.as_deref().is_some_and(|l| lists(l, path)) {
            self.listing = None;
        }
    }

    /// The listing of the last load, if nothing since may have changed it.
    pub(super) fn listing(&mut self, root: &Path) -> anyhow::Result<Arc<Listing>> {
        if let Some(listing) = &self.listing {
            return Ok(Arc::clone(listing));
        }
        let listing = Arc::new(source::list(root)?);
        if !self.one_shot {
            self.listing = Some(Arc::clone(&listing));
        }
        Ok(listing)
    }

    /// Forgets everything, e.g. when the watcher may have missed events.
    pub fn clear(&mut self) {
        *self = Cache::default();
    }

    pub(super) fn actors(
        &mut self,
        entries: &[Entry],
        settings: &Settings,
        store: &Store,
    ) -> Vec<ActorResult> {
        self.parsed = 0;
        self.from_disk = 0;
        let dialect = settings.dialect;
        let counts = fill(
            &mut self.actors,
            entries,
            Kept::new(store, ACTORS, settings.salt),
            |path, text| parse::actor(path, text, dialect),
        );
        self.count(counts);
        hand_out(&mut self.actors, entries, self.one_shot)
    }

    pub(super) fn briefings(
        &mut self,
        entries: &[Entry],
        actors: &[ActorDoc],
        settings: &Settings,
        store: &Store,
    ) -> (Vec<BriefingDoc>, Vec<Diagnostic>) {
        let deps = fingerprint(actors, settings.salt);
        if deps != self.briefing_deps {
            self.briefings.clear();
            self.briefing_deps = deps;
        }
        let dialect = settings.dialect;
        let (table, mentions) = lookup(actors);
        // A one-off build moves bodies to disk as they are made (`serve` keeps
        // them: it swaps bodies and hands out copies).
        let spill = self.one_shot.then(Spill::create).flatten().map(Arc::new);
        let spill_body = |doc: Option<&mut BriefingDoc>| {
            if let (Some(file), Some(doc)) = (&spill, doc) {
                doc.body_html.spill(file);
            }
        };
        let counts = fill(
            &mut self.briefings,
            entries,
            Kept::new(store, BRIEFINGS, deps),
            |path, text| {
                let mut parsed = parse::briefing(path, text, &table, &mentions, dialect);
                spill_body(parsed.0.as_mut());
                parsed
            },
        );
        self.count(counts);
        let mut docs = Vec::with_capacity(entries.len());
        let mut diags = Vec::new();
        if self.one_shot {
            let mut results = hand_out(&mut self.briefings, entries, true);
            // Those read from the build cache, in batches.
            if let Some(file) = &spill {
                let mut bodies: Vec<&mut Packed> = (results.iter_mut())
                    .filter_map(|(doc, _)| doc.as_mut().map(|d| &mut d.body_html))
                    .collect();
                Packed::spill_all(&mut bodies, file);
            }
            for (doc, mut ds) in results {
                diags.append(&mut ds);
                docs.extend(doc);
            }
            return (docs, diags);
        }
        let cached: Vec<&BriefingResult> =
            entries.iter().map(|e| &self.briefings[&e.path].1).collect();
        // Copying the bodies of thousands of briefings is worth spreading over cores.
        let copies: Vec<Option<BriefingDoc>> =
            cached.par_iter().map(|(doc, _)| doc.clone()).collect();
        for ((_, ds), doc) in cached.iter().zip(copies) {
            diags.extend(ds.iter().cloned());
            docs.extend(doc);
        }
        (docs, diags)
    }

    pub(super) fn pages(
        &mut self,
        entries: &[Entry],
        settings: &Settings,
        store: &Store,
    ) -> Vec<PageResult> {
        let dialect = settings.dialect;
        let counts = fill(
            &mut self.pages,
            entries,
            Kept::new(store, PAGES, settings.salt),
            |path, text| parse::page(path, text, dialect),
        );
        self.count(counts);
        hand_out(&mut self.pages, entries, self.one_shot)
    }

    /// `serve`'s fast path for edits of briefing bodies: parses the briefings at
    /// `paths` again and, if each differs from the result held only in its body
    /// (every other field and every diagnostic the same), keeps the new results
    /// and returns the new bodies, in order. Otherwise returns `None` and holds
    /// what it held: the caller then invalidates the files and loads the site.
    ///
    /// Each path must be a briefing of the held listing; the actors and settings
    /// must be those the held briefings were parsed with (`config`: the site's).
    pub fn reparse_bodies(&mut self, paths: &[&Path], config: &Config) -> Option<Vec<Packed>> {
        let listing = self.listing.as_deref()?;
        if self.one_shot || config.languages.len() >= 2 {
            return None;
        }
        let settings = Settings::of(config);
        let mut actors: Vec<ActorDoc> = (self.actors.values())
            .filter_map(|(_, (doc, _))| doc.clone())
            .collect();
        actors.sort_by(|a, b| a.id.cmp(&b.id));
        actors.dedup_by(|b, a| a.id == b.id);
        if fingerprint(&actors, settings.salt) != self.briefing_deps {
            return None;
        }
        let (table, mentions) = lookup(&actors);
        let mut fresh = Vec::with_capacity(paths.len());
        for &path in paths {
            let entry = listing.briefings.iter().find(|e| e.path == path)?;
            let (_, old) = self.briefings.get(path)?;
            let text = source::read(entry).ok()?;
            let new = parse::briefing(path, &text, &table, &mentions, settings.dialect);
            let body = new.0.as_ref()?.body_html.clone();
            if but_body(old)? != but_body(&new)? {
                return None;
            }
            fresh.push((key(self.briefing_deps, path, &text), new, body));
        }
        let mut bodies = Vec::with_capacity(fresh.len());
        for (&path, (key, new, body)) in paths.iter().zip(fresh) {
            self.briefings.insert(path.to_path_buf(), (Some(key), new));
            bodies.push(body);
        }
        self.parsed = paths.len();
        self.from_disk = 0;
        Some(bodies)
    }

    fn count(&mut self, (parsed, from_disk): (usize, usize)) {
        self.parsed += parsed;
        self.from_disk += from_disk;
    }
}

/// One kind's files in the build cache, and what its keys hash besides a file.
struct Kept<'s> {
    store: &'s Store,
    files: Files,
    salt: u128,
}

impl<'s> Kept<'s> {
    fn new(store: &'s Store, files: Files, salt: u128) -> Self {
        Kept { store, files, salt }
    }

    /// With `SITROOM_TIMINGS` set, how long reading or saving took.
    fn timing(&self, what: &str, started: std::time::Instant, count: usize) {
        if self.store.is_enabled() && std::env::var_os("SITROOM_TIMINGS").is_some() {
            eprintln!(
                "timing:   cache {what} {} ({count}) {} ms",
                self.files.name,
                started.elapsed().as_millis()
            );
        }
    }

    /// The key of the file at `path` with `text`.
    fn key(&self, path: &Path, text: &str) -> u128 {
        key(self.salt, path, text)
    }

    /// The results on disk by key, with the shard each was in (none if there
    /// are none or they do not read), and how many each shard held.
    /// Shards are read and decoded in parallel (at 10,000 briefings, 16 shards
    /// of some 5 MB each: 260 ms on one thread).
    fn load<R: DeserializeOwned + Send>(&self) -> (HashMap<u128, (usize, R)>, Vec<usize>) {
        let mut all = HashMap::new();
        if !self.store.is_enabled() {
            return (all, vec![0; self.files.shards]);
        }
        let shards: Vec<Vec<(u128, R)>> = (0..self.files.shards)
            .into_par_iter()
            .map(|shard| {
                (self.store)
                    .load(&self.files.file(shard))
                    .unwrap_or_default()
            })
            .collect();
        let counts = shards.iter().map(Vec::len).collect();
        all.reserve(shards.iter().map(Vec::len).sum());
        for (shard, stored) in shards.into_iter().enumerate() {
            all.extend(stored.into_iter().map(|(key, r)| (key, (shard, r))));
        }
        (all, counts)
    }

    /// Saves the results of `entries` in the shards marked `changed` (an error
    /// only costs the next build time).
    fn save<R: Serialize>(
        &self,
        map: &HashMap<PathBuf, Slot<R>>,
        entries: &[Entry],
        changed: &[bool],
    ) {
        if !self.store.is_enabled() {
            return;
        }
        let mut shards: Vec<Vec<(u128, &R)>> = changed.iter().map(|_| Vec::new()).collect();
        // A path that is not UTF-8 cannot be written (postcard keeps text).
        for e in entries.iter().filter(|e| e.path.to_str().is_some()) {
            if let Some((Some(key), r)) = map.get(&e.path) {
                shards[self.files.shard(&e.path)].push((*key, r));
            }
        }
        for (shard, kept) in shards.iter().enumerate() {
            if !changed[shard] {
                continue;
            }
            let name = self.files.file(shard);
            if let Err(e) = self.store.save(&name, kept)
                && std::env::var_os("SITROOM_TIMINGS").is_some()
            {
                eprintln!("cache: could not save {name}: {e:#}");
            }
        }
    }
}

/// The key of a parse result: what it was parsed with (`salt`), the file's path
/// and its text.
fn key(salt: u128, path: &Path, text: &str) -> u128 {
    Hasher::new()
        .u128(salt)
        .bytes(path.as_os_str().as_encoded_bytes())
        .text(text)
        .finish()
}

/// What became of a file not held in memory.
enum Found<R> {
    /// On disk under this key.
    Kept(u128),
    Parsed(Option<u128>, R),
}

/// Puts a result for every entry into `map`: those it holds stay, the others come
/// from the build cache if their key is there, else from `parse`. Saves the
/// cache when what it holds is not exactly this. Returns how many files were
/// parsed and how many came from disk.
fn fill<T, P>(
    map: &mut HashMap<PathBuf, Slot<parse::Parsed<T>>>,
    entries: &[Entry],
    kept: Kept<'_>,
    parse: P,
) -> (usize, usize)
where
    T: Send + Sync + Serialize + DeserializeOwned,
    P: Fn(&Path, &str) -> parse::Parsed<T> + Sync,
{
    let missing: Vec<&Entry> = entries
        .iter()
        .filter(|e| !map.contains_key(&e.path))
        .collect();
    if missing.is_empty() {
        retain_listed(map, entries);
        return (0, 0);
    }
    let started = std::time::Instant::now();
    let (mut disk, on_disk) = kept.load::<parse::Parsed<T>>();
    kept.timing("read", started, on_disk.iter().sum());
    let found: Vec<(PathBuf, Found<_>)> = missing
        .par_iter()
        .map(|e| {
            let found = match source::read(e) {
                Ok(text) => {
                    let key = kept.key(&e.path, &text);
                    if disk.contains_key(&key) {
                        Found::Kept(key)
                    } else {
                        Found::Parsed(Some(key), parse(&e.path, &text))
                    }
                }
                Err(d) => Found::Parsed(None, (None, vec![d])),
            };
            (e.path.clone(), found)
        })
        .collect();
    // Per shard: whether it gains a result, and how many were taken from it.
    let mut gains = vec![false; on_disk.len()];
    let mut reused = vec![0; on_disk.len()];
    let (mut parsed_count, mut reused_count) = (0, 0);
    for (path, found) in found {
        let shard = kept.files.shard(&path);
        let slot = match found {
            Found::Kept(key) => match disk.remove(&key) {
                Some((from, r)) => {
                    reused[from] += 1;
                    gains[shard] |= from != shard;
                    reused_count += 1;
                    (Some(key), r)
                }
                // Only a second file with the same path and text: not listed twice.
                None => continue,
            },
            Found::Parsed(key, r) => {
                gains[shard] |= key.is_some();
                parsed_count += 1;
                (key, r)
            }
        };
        map.insert(path, slot);
    }
    drop(disk);
    retain_listed(map, entries);
    // A shard is written again when it gains a result or loses one.
    let changed: Vec<bool> = (0..on_disk.len())
        .map(|i| gains[i] || reused[i] != on_disk[i])
        .collect();
    if changed.contains(&true) {
        let started = std::time::Instant::now();
        kept.save(map, entries, &changed);
        kept.timing("saved", started, changed.iter().filter(|c| **c).count());
    }
    (parsed_count, reused_count)
}

/// The results of `entries`, in order: moved out (`one_shot`) or copied.
fn hand_out<R: Clone>(
    map: &mut HashMap<PathBuf, Slot<R>>,
    entries: &[Entry],
    one_shot: bool,
) -> Vec<R> {
    if one_shot {
        return entries
            .iter()
            .filter_map(|e| map.remove(&e.path).map(|(_, r)| r))
            .collect();
    }
    entries
        .iter()
        .filter_map(|e| map.get(&e.path).map(|(_, r)| r.clone()))
        .collect()
}

/// A parse result without its body, encoded: equal for two results that differ
/// in the body alone. `None` for a file that did not parse.
fn but_body(result: &BriefingResult) -> Option<Vec<u8>> {
    let mut doc = result.0.clone()?;
    doc.with_body_aside(|doc| postcard::to_allocvec(&(doc, &result.1)).ok())
}

/// Whether `listing` has a file at `path` (relative to the site root).
fn lists(listing: &Listing, path: &Path) -> bool {
    let entries = (listing.config.iter())
        .chain(&listing.briefings)
        .chain(&listing.actors)
        .chain(&listing.pages);
    let named = (listing.templates.iter())
        .chain(&listing.static_files)
        .chain(&listing.locales)
        .map(|(_, e)| e);
    entries.chain(named).any(|e| e.path == path)
}

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

/// Drops results for files that are gone, once the map holds more than the listing.
fn retain_listed<T>(map: &mut HashMap<PathBuf, T>, entries: &[Entry]) {
    if map.len() > entries.len() {
        let listed: std::collections::HashSet<&Path> =
            entries.iter().map(|e| e.path.as_path()).collect();
        map.retain(|p, _| listed.contains(p.as_path()));
    }
}

/// What a parsed briefing depends on besides its own file and the settings
/// (`salt`): each actor's id, in order (ids become indexes), and the names that
/// become mention links (name, aliases, and the phrases left unlinked).
fn fingerprint(actors: &[ActorDoc], salt: u128) -> u128 {
    let mut h = Hasher::new();
    h.u128(salt).u64(actors.len() as u64);
    let list = |h: &mut Hasher, items: &[String]| {
        h.u64(items.len() as u64);
        for item in items {
            h.text(item);
        }
    };
    for a in actors {
        h.text(&a.id).text(&a.meta.name);
        list(&mut h, &a.meta.aliases);
        list(&mut h, &a.meta.no_link);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTOR: &str = "---\nname: Nikol Pashinyan\nkind: person\naliases: [Pashinyan]\nno_link: [Pashinyan Street]\nroles:\n  - {title: Prime Minister, start: 2018-05, org: armenia}\n---\nPrime Minister of Armenia.\n";

    /// Much of what a briefing can hold: statements by id and in full, a joint
    /// speaker, dates with precision and intervals, a fact-check, an original, a
    /// correction, a mention, a code block, and warnings (relative date, no source).
    const BRIEFING: &str = "---\ntitle: Talks\ndate: 2021-03-02\nupdated: 2021-03-04\ntags: [talks, Geneva]\nactors: [nikol-pashinyan]\nsources:\n  - {id: wire, outlet: Wire, url: \"https://wire.example/1\", published: 2021-03-01, accessed: 2021-03-02}\nstatements:\n  - speaker: [nikol-pashinyan]\n    id: talks-1\n    date: 2021-03-01T14:30+03:00\n    quote: We will talk.\n    source: wire\n    factcheck: {rating: false, note: Not so., url: \"https://checks.example/1\"}\n    original: {lang: hy, text: Կխոսենք։}\n  - speakers: [nikol-pashinyan]\n    date: 2020-10-01?/2020-10-03\n    summary: Said something yesterday.\n    disputes: [talks-1]\n  - speaker: nikol-pashinyan\n    date: ../2023\n    summary: Spoke.\n    source: {outlet: Gazette, archive: \"https://archive.example/2\"}\n    verification: verified\ncorrections:\n  - {date: 2021-03-03, note: Fixed., statement: s-1}\n---\n## Heading\n\nPashinyan spoke on Thursday near Pashinyan Street.\n\n```rust\nfn main() {}\n```\n";

    const PAGE: &str = "---\ntitle: About\n---\nAbout *us*.\n";

    fn actor_docs() -> Vec<ActorDoc> {
        let path = Path::new("content/actors/nikol-pashinyan.md");
        vec![parse::actor(path, ACTOR, Dialect::new()).0.unwrap()]
    }

    fn round_trip<T: Serialize + DeserializeOwned>(value: &T) -> T {
        postcard::from_bytes(&postcard::to_stdvec(value).unwrap()).unwrap()
    }

    #[test]
    fn parse_results_come_back_from_the_cache_format_unchanged() {
        let actors = actor_docs();
        let (table, mentions) = lookup(&actors);
        let path = Path::new("content/briefings/2021-03-02-talks.md");
        let briefing = parse::briefing(path, BRIEFING, &table, &mentions, Dialect::new());
        assert!(briefing.0.is_some(), "{:?}", briefing.1);
        assert!(
            briefing.1.iter().any(|d| !d.is_error()),
            "the fixture has warnings: {:?}",
            briefing.1
        );
        assert_eq!(
            format!("{:?}", round_trip(&briefing)),
            format!("{briefing:?}")
        );
        let actor = parse::actor(
            Path::new("content/actors/nikol-pashinyan.md"),
            ACTOR,
            Dialect::new(),
        );
        assert_eq!(format!("{:?}", round_trip(&actor)), format!("{actor:?}"));
        let page = parse::page(Path::new("content/pages/about.md"), PAGE, Dialect::new());
        assert_eq!(format!("{:?}", round_trip(&page)), format!("{page:?}"));
        // A file that does not parse: only diagnostics.
        let broken = parse::page(
            Path::new("content/pages/x.md"),
            "no front matter",
            Dialect::new(),
        );
        assert!(broken.0.is_none());
        assert_eq!(format!("{:?}", round_trip(&broken)), format!("{broken:?}"));
    }

    #[test]
    fn the_human_readable_forms_are_unchanged() {
        let source = crate::model::Source {
            id: Some("wire".into()),
            outlet: "Wire".into(),
            url: None,
            published: Some(crate::date::Day::parse("2021-03-01").unwrap()),
            archive: None,
            accessed: None,
        };
        assert_eq!(
            serde_json::to_string(&source).unwrap(),
            r#"{"outlet":"Wire","url":null,"published":"2021-03-01"}"#
        );
        let date = crate::date::Date::parse("2020-10-01?/2020-10-03").unwrap();
        assert_eq!(
            serde_json::to_string(&date).unwrap(),
            r#""2020-10-01?/2020-10-03""#
        );
    }

    fn config(yaml: &str) -> Config {
        parse::config(Path::new("site.yaml"), yaml).0.unwrap()
    }

    #[test]
    fn a_key_changes_with_the_path_the_text_and_the_settings() {
        let base = config("title: T\n");
        let salt = Settings::of(&base).salt;
        let a = key(salt, Path::new("content/pages/a.md"), PAGE);
        assert_eq!(
            a,
            key(
                Settings::of(&config("title: T\n")).salt,
                Path::new("content/pages/a.md"),
                PAGE
            )
        );
        assert_ne!(a, key(salt, Path::new("content/pages/b.md"), PAGE));
        assert_ne!(
            a,
            key(
                salt,
                Path::new("content/pages/a.md"),
                &PAGE.replace("us", "them")
            )
        );
        // Settings parsing reads, and the languages.
        for other in [
            "title: T\nunsafe_html: false\n",
            "title: T\nlanguage: ru\n",
            "title: T\nlanguages: [{code: en}, {code: ru}]\n",
        ] {
            assert_ne!(Settings::of(&config(other)).salt, salt, "{other}");
        }
        // Settings that parsing does not read leave the key alone.
        assert_eq!(
            Settings::of(&config("title: Other\npaginate: 5\n")).salt,
            salt
        );
        // Stable across runs and platforms (XXH3, not std's seeded hasher).
        assert_eq!(
            key(0, Path::new("a.md"), "x"),
            Hasher::new().u128(0).text("a.md").text("x").finish()
        );
    }

    #[test]
    fn briefings_depend_on_the_actors_names_and_ids() {
        let salt = Settings::of(&config("title: T\n")).salt;
        let actors = actor_docs();
        let base = fingerprint(&actors, salt);
        assert_eq!(base, fingerprint(&actor_docs(), salt));
        assert_ne!(base, fingerprint(&actors, salt ^ 1));
        assert_ne!(base, fingerprint(&[], salt));
        let changed = |f: &dyn Fn(&mut ActorDoc)| {
            let mut actors = actor_docs();
            f(&mut actors[0]);
            fingerprint(&actors, salt)
        };
        assert_ne!(base, changed(&|a| a.id = "pashinyan".into()));
        assert_ne!(base, changed(&|a| a.meta.name = "N. Pashinyan".into()));
        assert_ne!(base, changed(&|a| a.meta.aliases.push("Nikol".into())));
        assert_ne!(base, changed(&|a| a.meta.no_link.clear()));
        // What briefings do not read: the bio, the roles.
        assert_eq!(base, changed(&|a| a.bio_html = "<p>Other.</p>".into()));
        assert_eq!(base, changed(&|a| a.meta.roles.clear()));
    }

    /// A site folder with pages, and a cache beside them.
    struct Pages {
        dir: tempfile::TempDir,
        entries: Vec<Entry>,
    }

    impl Pages {
        fn new(texts: &[(&str, &str)]) -> Pages {
            let dir = tempfile::tempdir().unwrap();
            let mut entries = Vec::new();
            for (name, text) in texts {
                let path = PathBuf::from(format!("content/pages/{name}"));
                let abs = dir.path().join(&path);
                std::fs::create_dir_all(abs.parent().unwrap()).unwrap();
                std::fs::write(&abs, text).unwrap();
                entries.push(Entry { path, abs });
            }
            Pages { dir, entries }
        }

        /// One build: how many files were parsed and how many came from disk.
        fn load(&self, settings: &Settings) -> (usize, usize, Vec<PageResult>) {
            let mut cache = Cache::one_shot();
            let results = cache.pages(&self.entries, settings, &Store::at(self.dir.path()));
            (cache.parsed, cache.from_disk, results)
        }
    }

    #[test]
    fn only_changed_files_are_parsed_again() {
        let site = Pages::new(&[("a.md", PAGE), ("b.md", "---\ntitle: B\n---\nB.\n")]);
        let settings = Settings::of(&config("title: T\n"));
        let (parsed, _, cold) = site.load(&settings);
        assert_eq!(parsed, 2);
        let (parsed, kept, warm) = site.load(&settings);
        assert_eq!((parsed, kept), (0, 2));
        assert_eq!(format!("{warm:?}"), format!("{cold:?}"));
        // An edit: that file only.
        std::fs::write(&site.entries[1].abs, "---\ntitle: B2\n---\nB.\n").unwrap();
        let (parsed, kept, edited) = site.load(&settings);
        assert_eq!((parsed, kept), (1, 1));
        assert!(format!("{edited:?}").contains("B2"));
        // Other settings: everything.
        let raw = Settings::of(&config("title: T\nunsafe_html: false\n"));
        assert_eq!(site.load(&raw).0, 2);
        // A damaged cache file reads as empty.
        let file = site
            .dir
            .path()
            .join(crate::cache::DIR)
            .join(format!("{}.bin", PAGES.name));
        let bytes = std::fs::read(&file).unwrap();
        std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
        let (parsed, kept, again) = site.load(&raw);
        assert_eq!((parsed, kept), (2, 0));
        assert_eq!(site.load(&raw).0, 0);
        // Without a store nothing is kept.
        let mut cache = Cache::one_shot();
        let none = cache.pages(&site.entries, &raw, &Store::none());
        assert_eq!(cache.parsed, 2);
        assert_eq!(format!("{none:?}"), format!("{again:?}"));
    }

    #[test]
    fn the_cache_keeps_only_the_files_of_the_last_load() {
        let mut site = Pages::new(&[("a.md", PAGE), ("b.md", PAGE)]);
        let settings = Settings::of(&config("title: T\n"));
        site.load(&settings);
        site.entries.pop();
        assert_eq!(site.load(&settings).0, 0);
        let kept: Vec<(u128, PageResult)> = Store::at(site.dir.path()).load(PAGES.name).unwrap();
        assert_eq!(kept.len(), 1);
    }

    #[test]
    fn an_edit_rewrites_one_shard() {
        let names: Vec<String> = (0..40).map(|i| format!("p{i}.md")).collect();
        let texts: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), PAGE)).collect();
        let site = Pages::new(&texts);
        let store = Store::at(site.dir.path());
        let salt = Settings::of(&config("title: T\n")).salt;
        let load = || {
            let mut map = HashMap::new();
            let parse = |p: &Path, t: &str| parse::page(p, t, Dialect::new());
            fill(
                &mut map,
                &site.entries,
                Kept::new(&store, BRIEFINGS, salt),
                parse,
            )
        };
        let shards = || -> Vec<(String, Vec<u8>)> {
            let mut files: Vec<_> = std::fs::read_dir(site.dir.path().join(crate::cache::DIR))
                .unwrap()
                .map(|e| {
                    let path = e.unwrap().path();
                    let name = path.file_name().unwrap().to_string_lossy().into_owned();
                    (name, std::fs::read(&path).unwrap())
                })
                .collect();
            files.sort();
            files
        };
        assert_eq!(load(), (40, 0));
        let before = shards();
        assert!(before.len() > 8, "{} shards", before.len());
        assert!(
            before
                .iter()
                .all(|(n, _)| n.starts_with("parse-v1-briefings-"))
        );
        assert_eq!(load(), (0, 40));
        assert_eq!(shards(), before, "nothing changed, nothing written");
        std::fs::write(&site.entries[7].abs, "---\ntitle: Seven\n---\n").unwrap();
        assert_eq!(load(), (1, 39));
        let after = shards();
        let rewritten = before.iter().zip(&after).filter(|(a, b)| a != b).count();
        assert_eq!(rewritten, 1);
        assert_eq!(load(), (0, 40));
    }
}

#[cfg(test)]
mod body_tests {
    use super::*;

    const ACTOR: &str = "---\nname: Nikol Pashinyan\nkind: person\n---\nPrime Minister.\n";
    const BRIEFING: &str = "---\ntitle: Talks\ndate: 2021-03-02\nsummary: Talks.\nactors: [nikol-pashinyan]\n---\nThey talked. MARKER\n";
    const PATH: &str = "content/briefings/2021-03-02-talks.md";

    /// A site folder loaded once into a cache, and its settings.
    fn loaded(briefing: &str) -> (tempfile::TempDir, Cache, Config) {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let abs = dir.path().join(rel);
            std::fs::create_dir_all(abs.parent().unwrap()).unwrap();
            std::fs::write(abs, text).unwrap();
        };
        write("site.yaml", "title: T\nbase_url: /\n");
        write("content/actors/nikol-pashinyan.md", ACTOR);
        write(PATH, briefing);
        let mut cache = Cache::default();
        let loaded =
            super::super::load_cached(dir.path(), &super::super::Options::default(), &mut cache)
                .unwrap();
        let config = loaded.site.unwrap().config;
        (dir, cache, config)
    }

    fn reparse(edit: (&str, &str)) -> Option<String> {
        reparse_in(BRIEFING, edit)
    }

    fn reparse_in(briefing: &str, edit: (&str, &str)) -> Option<String> {
        let (dir, mut cache, config) = loaded(briefing);
        std::fs::write(dir.path().join(PATH), briefing.replace(edit.0, edit.1)).unwrap();
        let bodies = cache.reparse_bodies(&[Path::new(PATH)], &config)?;
        Some(bodies[0].unpack().to_string())
    }

    #[test]
    fn a_body_edit_alone_gives_the_new_body() {
        let body = reparse(("MARKER", "*EDITED*")).expect("a body edit");
        assert!(body.contains("<em>EDITED</em>"), "{body}");
    }

    #[test]
    fn edits_beyond_the_body_need_a_load() {
        // The title; a mention of an actor (a link, and the actor's page lists it).
        assert_eq!(reparse(("title: Talks", "title: Other")), None);
        assert_eq!(reparse(("MARKER", "Nikol Pashinyan")), None);
        assert_eq!(reparse(("MARKER\n", "MARKER\n\n## Heading\n")), None);
        // Without `summary:`, the first paragraph is the summary the lists show.
        let no_summary = BRIEFING.replace("summary: Talks.\n", "");
        assert_eq!(reparse_in(&no_summary, ("MARKER", "*EDITED*")), None);
        // A later paragraph is not.
        let later = reparse_in(&no_summary, ("MARKER\n", "MARKER\n\n*More*.\n"));
        assert!(later.is_some_and(|b| b.contains("<em>More</em>")));
    }
}
