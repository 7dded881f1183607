//! Broken internal links and anchors: every `href` in the rendered HTML that points
//! into the site must name a rendered or static file, and its `#anchor` an `id`
//! on that page.
//!
//! Pages are not kept: as each file streams out, [`Summaries`] keeps what the check
//! needs of it in compact form ([`SiteLinks`]): its path, and for an HTML page the
//! numbers of its `href`s and `id`s, each distinct text stored once for the site.
//!
//! With the build cache, the summaries are saved for the next build, each page's
//! with the hash of its bytes (see `links/saved.rs`): a page the build keeps from
//! the previous output unchanged is then not read back to be scanned again.

mod saved;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use aho_corasick::{AhoCorasick, Input};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::model::Site;
use crate::render::{Renderer, Sink};
use crate::route::{self, Route, RouteTable};
use crate::source;

pub fn check(
    root: &Path,
    renderer: &Renderer,
    links: &SiteLinks,
    statics: &[&str],
) -> Vec<Diagnostic> {
    let site = renderer.site();
    let sources = source_files(renderer.routes(), site);
    let pages = broken_pages(site, links, statics);
    // A page's ids are kept as hashes: their text, for a "did you mean", is read
    // again from the page, rendered anew (only for a broken anchor).
    let ids_in = |file: &str| match renderer.render_path(file) {
        Some(Ok(bytes)) => ids_in_html(&String::from_utf8_lossy(&bytes)),
        _ => Vec::new(),
    };
    report(root, site, &sources, links, &pages, &ids_in)
}

/// The HTML pages with links that point at nothing, in path order, each with those
/// links in document order.
fn broken_pages<'a>(
    site: &Site,
    links: &'a SiteLinks,
    statics: &[&str],
) -> Vec<(&'a str, Vec<Link>)> {
    // A 10k site has about a million links but far fewer distinct ones: each href
    // that means the same on every page is looked up once. Only relative links, bare
    // `#anchors` and broken links are looked at again on each page that has them.
    let base = site.base.path.as_str();
    let fine: Vec<bool> = (0..links.hrefs.len())
        .into_par_iter()
        .map(|h| {
            let href = links.hrefs.get(h);
            match site_target(href, site) {
                None => true,
                Some(Target::Site(target)) => {
                    link_to(href, &target, base, links, statics).is_none()
                }
                Some(Target::Fragment(_) | Target::Relative(_)) => false,
            }
        })
        .collect();
    let mut order: Vec<usize> = (0..links.pages.len())
        .filter(|&n| links.paths.get(n).ends_with(".html"))
        .collect();
    order.sort_unstable_by_key(|&n| links.paths.get(n));
    order
        .par_iter()
        .map(|&n| {
            (
                links.paths.get(n),
                broken_links(n, links, &fine, site, statics),
            )
        })
        .filter(|(_, broken)| !broken.is_empty())
        .collect()
}

/// The diagnostics for the broken links of `pages`, pointing into the source file
/// each page was rendered from where the link is found there.
fn report(
    root: &Path,
    site: &Site,
    sources: &HashMap<String, PathBuf>,
    links: &SiteLinks,
    pages: &[(&str, Vec<Link>)],
    ids_in: &dyn Fn(&str) -> Vec<String>,
) -> Vec<Diagnostic> {
    let base = site.base.path.as_str();
    let mut texts: HashMap<PathBuf, String> = HashMap::new();
    let mut seen = BTreeSet::new();
    let mut diags = Vec::new();
    let mut per_file: BTreeMap<PathBuf, usize> = BTreeMap::new();
    for &(rel, ref broken) in pages {
        for link in broken {
            let Link { href, .. } = link;
            let problem = problem(link, links, ids_in);
            let Some((code, message, hint)) = problem else {
                continue;
            };
            // Finding where a link is written scans its source file: past the first
            // few per file, only count them (a huge file of broken links was quadratic).
            let file_key = sources
                .get(rel)
                .cloned()
                .unwrap_or_else(|| PathBuf::from(format!("public/{rel}")));
            let shown = per_file.entry(file_key).or_insert(0usize);
            *shown += 1;
            if *shown > MAX_PER_FILE {
                continue;
            }
            // Markdown links written from the site root (`/about/`) get the base path.
            let written = href
                .strip_prefix(base)
                .map_or_else(|| href.clone(), |rest| format!("/{rest}"));
            let (src, pos) = locate(root, sources.get(rel), href, &mut texts);
            let (src, pos) = if pos.line == 0 {
                locate(root, sources.get(rel), &written, &mut texts)
            } else {
                (src, pos)
            };
            let src = src.unwrap_or_else(|| PathBuf::from(format!("public/{rel}")));
            if seen.insert((src.clone(), pos.line, pos.col, message.clone())) {
                diags.push(Diagnostic::error(&src, code, message).at(pos).hint(hint));
            }
        }
    }
    diags.extend(overflow(per_file));
    diags
}

/// What is wrong with `link`: its code, message and hint; `None` if nothing is.
/// `ids_in(file)` gives the ids of the page at output path `file`.
fn problem(
    link: &Link,
    links: &SiteLinks,
    ids_in: &dyn Fn(&str) -> Vec<String>,
) -> Option<(Code, String, String)> {
    let Link {
        href,
        path,
        file,
        fragment,
        exists,
    } = link;
    if !exists {
        return Some((
            Code::BrokenLink,
            format!("link to `{href}`: no page `{path}` in the site"),
            "check the spelling; pages live at their slug, e.g. /briefings/<slug>/".to_string(),
        ));
    }
    let page = links.paths.find(file)?;
    if links.has_id(page, fragment) {
        return None;
    }
    let mut known = ids_in(file);
    known.sort_unstable();
    known.dedup();
    let hint = match crate::diagnostic::did_you_mean(fragment, known.iter().map(String::as_str)) {
        Some(n) => format!("did you mean `#{n}`? Heading ids are slugs of the heading text"),
        None => "heading ids are slugs of the heading text; statements are `#s-N`".to_string(),
    };
    Some((
        Code::BrokenAnchor,
        format!("link to `{href}`: `{path}` has no element with id `{fragment}`"),
        hint,
    ))
}

/// One error per source file with more broken links than are listed.
fn overflow(per_file: BTreeMap<PathBuf, usize>) -> Vec<Diagnostic> {
    per_file
        .into_iter()
        .filter(|&(_, n)| n > MAX_PER_FILE)
        .map(|(path, n)| {
            Diagnostic::error(
                &path,
                Code::BrokenLink,
                format!(
                    "… and {} more broken links from this file",
                    n - MAX_PER_FILE
                ),
            )
            .hint(format!(
                "the first {MAX_PER_FILE} are listed; fix them, then run `sitroom check` again"
            ))
        })
        .collect()
}

/// Broken links listed per source file before the rest are only counted.
const MAX_PER_FILE: usize = 20;

/// An internal link that points at nothing: no such file, or no such anchor.
struct Link {
    href: String,
    /// The site path it points to, without the fragment.
    path: String,
    /// The output file of that path.
    file: String,
    fragment: String,
    exists: bool,
}

/// The links of page `n` that point at nothing. `fine[h]` says href `h` is fine
/// on every page.
fn broken_links(
    n: usize,
    links: &SiteLinks,
    fine: &[bool],
    site: &Site,
    statics: &[&str],
) -> Vec<Link> {
    let base = site.base.path.as_str();
    let rel = links.paths.get(n);
    // The page's folder: relative links (`base_url: relative`) resolve from it,
    // also in `404.html`.
    let page_url = format!("{base}{}", &rel[..rel.rfind('/').map_or(0, |i| i + 1)]);
    links
        .hrefs_of(n)
        .filter(|&h| !fine[h])
        .filter_map(|h| {
            let href = links.hrefs.get(h);
            let target = internal_target(href, &page_url, site)?;
            link_to(href, &target, base, links, statics)
        })
        .collect()
}

/// The link `href` to `target` (a site path, maybe with a `#fragment`) if it points
/// at nothing; `None` if it is fine or points outside the site's base path.
fn link_to(
    href: &str,
    target: &str,
    base: &str,
    links: &SiteLinks,
    statics: &[&str],
) -> Option<Link> {
    let (path, fragment) = target.split_once('#').unwrap_or((target, ""));
    let file = route::output_path(path.strip_prefix(base)?);
    let page = links.paths.find(&file);
    let exists = page.is_some() || statics.contains(&file.as_str());
    // Anchors are checked in rendered pages; a static HTML file is the
    // author's own and is not parsed.
    let anchor_missing = !fragment.is_empty()
        && file.ends_with(".html")
        && page.is_some_and(|p| !links.has_id(p, fragment));
    if exists && !anchor_missing {
        return None;
    }
    Some(Link {
        href: href.to_string(),
        path: path.to_string(),
        file,
        fragment: fragment.to_string(),
        exists,
    })
}

/// A sink that keeps nothing: `check` needs only the pages' links, not the files.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _path: String, _bytes: Vec<u8>) -> anyhow::Result<()> {
        Ok(())
    }
}

/// A sink that passes every file on and keeps what the link check needs of it.
pub struct Summaries<'a> {
    inner: &'a dyn Sink,
    /// The site being rendered: links that point out of it are not kept.
    site: &'a Site,
    links: Mutex<SiteLinks>,
    /// The last build's summaries (see [`Summaries::with_cache`]).
    previous: Option<saved::Previous>,
    /// Whether each page's bytes are hashed, for the next build's cache.
    hashing: bool,
    /// Pages kept from the previous output unread, for `SITROOM_TIMINGS`.
    kept: std::sync::atomic::AtomicUsize,
    /// Pages scanned (their summaries not the last build's), hashing.
    scanned: std::sync::atomic::AtomicUsize,
}

impl<'a> Summaries<'a> {
    pub fn new(inner: &'a dyn Sink, site: &'a Site) -> Self {
        Summaries {
            inner,
            site,
            links: Mutex::new(SiteLinks::default()),
            previous: None,
            hashing: false,
            kept: std::sync::atomic::AtomicUsize::new(0),
            scanned: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// Takes the summaries the last build saved in `store` (if they are there and
    /// were made for this site's base URL), so that a page kept from the previous
    /// output ([`Sink::keep_previous`]) need not be read again; and hashes each
    /// page, so that [`SiteLinks::save`] can save this build's for the next.
    #[must_use]
    pub fn with_cache(mut self, store: &crate::cache::Store) -> Self {
        if !store.is_enabled() {
            return self;
        }
        self.hashing = true;
        if let Some((previous, hrefs)) = saved::load(store, self.site) {
            // This build's numbers of hrefs go on from the last build's, so a
            // kept page's numbers are copied as they are (its ids are hashes).
            let links = self.links.get_mut().unwrap_or_else(|e| e.into_inner());
            links.hrefs = hrefs;
            self.previous = Some(previous);
        }
        self
    }

    fn lock(&self) -> anyhow::Result<std::sync::MutexGuard<'_, SiteLinks>> {
        self.links
            .lock()
            .map_err(|_| anyhow::anyhow!("a writer thread panicked"))
    }

    /// Keeps what the link check needs of the file at `path`.
    fn summarize(&self, path: &str, bytes: &[u8]) -> anyhow::Result<()> {
        if search_internal(path) {
            return Ok(());
        }
        let mut summary = Summary::of(path, bytes, self.site);
        if self.hashing && path.ends_with(".html") {
            summary.output = crate::cache::hash(bytes);
            (self.scanned).fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        self.lock()?.add(&summary);
        Ok(())
    }

    /// The links and ids of every file written, for [`check`].
    pub fn into_links(self) -> SiteLinks {
        if self.hashing && std::env::var_os("SITROOM_TIMINGS").is_some() {
            eprintln!(
                "timing:   links: {} pages kept unread",
                self.kept.into_inner()
            );
        }
        let mut links = self.links.into_inner().unwrap_or_else(|e| e.into_inner());
        links.all_saved = self.previous.is_some() && self.scanned.into_inner() == 0;
        links
    }
}

impl Sink for Summaries<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) -> anyhow::Result<()> {
        // Scanning and hashing happen here, on the rendering thread; the lock is
        // taken once per file, to number what was found.
        self.summarize(&path, &bytes)?;
        self.inner.put(path, bytes)
    }

    /// A streamed file is never a page: only its path is kept, and its bytes go
    /// straight to the inner sink.
    fn put_with(
        &self,
        path: String,
        write: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> anyhow::Result<()> {
        debug_assert!(!path.ends_with(".html"));
        if !search_internal(&path) {
            let summary = Summary::of(&path, &[], self.site);
            self.lock()?.add(&summary);
        }
        self.inner.put_with(path, write)
    }

    fn previous(&self, path: &str, hash: u128) -> Option<Vec<u8>> {
        self.inner.previous(path, hash)
    }

    fn previous_range(&self, path: &str, at: u64, len: usize) -> Option<Vec<u8>> {
        self.inner.previous_range(path, at, len)
    }

    fn put_previous(&self, path: String, bytes: Vec<u8>) -> anyhow::Result<()> {
        self.summarize(&path, &bytes)?;
        self.inner.put_previous(path, bytes)
    }

    /// For a file that is not a page, like [`Summaries::put_with`]: only its path
    /// is kept. A page is kept only if the last build's summary of exactly these
    /// bytes (`path` and `hash`) is at hand, and it is then copied: false without
    /// asking the inner sink otherwise, and the page is read with
    /// [`Sink::previous`] and scanned.
    fn keep_previous(&self, path: &str, hash: u128) -> anyhow::Result<bool> {
        if !path.ends_with(".html") {
            let kept = self.inner.keep_previous(path, hash)?;
            if kept {
                self.summarize(path, &[])?;
            }
            return Ok(kept);
        }
        let Some(previous) = &self.previous else {
            return Ok(false);
        };
        let Some(page) = previous.page(path, hash) else {
            return Ok(false);
        };
        if !self.inner.keep_previous(path, hash)? {
            return Ok(false);
        }
        self.lock()?.add_kept(path, previous, page);
        (self.kept).fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(true)
    }
}

/// Whether `path` is one of the search index's own files, which only its client
/// script fetches (`pagefind/fragment/…`, `pagefind/<language>_<hash>/…`): no page
/// links to them, and a site of 100,000 briefings has 600,000 of them (their paths
/// kept for the check took 55 MB). The client script and the files beside it are
/// kept, since a page may link to them.
fn search_internal(path: &str) -> bool {
    (path.strip_prefix(route::SEARCH_INDEX))
        .and_then(|rest| rest.strip_prefix('/'))
        .is_some_and(|rest| rest.contains('/'))
}

/// One file's path, `href`s into the site (in document order) and `id`s, decoded
/// and hashed, borrowed from the file where nothing needed decoding.
struct Summary<'h> {
    path: Hashed<'h>,
    hrefs: Vec<Hashed<'h>>,
    /// The hashes ([`hash`]) of its ids, decoded.
    ids: Vec<u64>,
    /// The hash of the page's bytes, for the next build's cache (0: not hashed).
    output: u128,
}

/// A string with its [`hash`].
struct Hashed<'a>(u64, Cow<'a, str>);

impl<'a> Hashed<'a> {
    fn new(s: Cow<'a, str>) -> Self {
        Hashed(hash(&s), s)
    }
}

impl<'h> Summary<'h> {
    /// What the check needs of the file at `path`: for an HTML page its attributes
    /// (none if it is not UTF-8), for any other file only that it exists.
    fn of(path: &'h str, bytes: &'h [u8], site: &Site) -> Self {
        let html = std::str::from_utf8(bytes)
            .ok()
            .filter(|_| path.ends_with(".html"));
        let values = |name| {
            html.map(|h| raw_attribute_values(h, name))
                .unwrap_or_default()
                .into_iter()
                .map(|(_, v)| unescape_cow(v))
        };
        Summary {
            path: Hashed::new(Cow::Borrowed(path)),
            // Links out of the site (sources, mostly) are not checked here.
            hrefs: values("href")
                .filter(|href| site_target(href, site).is_some())
                .map(Hashed::new)
                .collect(),
            ids: values("id").map(|id| hash(&id)).collect(),
            output: 0,
        }
    }
}

/// What the link check needs of every file written, in compact form. Files are
/// numbered by path; an HTML page keeps the numbers of its `href`s in document order,
/// each distinct text kept once for the site (menus, actor and tag links repeat on
/// thousands of pages), and the hashes of its `id`s, sorted: an anchor is looked up
/// by its hash, and the text of a page's ids is needed only to suggest one for a
/// broken anchor (at 100,000 briefings, 890,000 distinct ids took 86 MB as text).
#[derive(Default, Serialize, Deserialize)]
pub struct SiteLinks {
    /// The output path of every file written; file `n` is path `n`.
    paths: Interner,
    /// Every distinct `href` value, decoded.
    hrefs: Interner,
    /// Per file: its hrefs in `page_hrefs` and its ids' hashes in `page_ids`.
    pages: Vec<Page>,
    page_hrefs: Vec<u32>,
    page_ids: Vec<u64>,
    /// Whether every page's summary is one the build cache holds already (each
    /// page kept from the previous output by it): nothing to save then.
    #[serde(skip)]
    all_saved: bool,
}

/// Where a file's numbers are in [`SiteLinks`], and the hash of its bytes.
#[derive(Default, Clone, Serialize, Deserialize)]
struct Page {
    hrefs: Range<u32>,
    ids: Range<u32>,
    /// The hash of the page's bytes ([`crate::cache::hash`]) its summary was made
    /// from, for the build cache; 0 where there is none (not a page, no cache).
    output: u128,
}

/// `n` as a position in [`SiteLinks::page_hrefs`] or [`SiteLinks::page_ids`].
fn position(n: usize) -> u32 {
    // Four billion links would need far more memory than a build has.
    u32::try_from(n).expect("fewer than 4 billion links")
}

/// The positions `r` covers.
fn span(r: &Range<u32>) -> Range<usize> {
    r.start as usize..r.end as usize
}

impl SiteLinks {
    /// Numbers and keeps one file's summary; a path written twice keeps the last.
    fn add(&mut self, summary: &Summary<'_>) {
        let Hashed(h, path) = &summary.path;
        let n = self.paths.intern(*h, path) as usize;
        let start = position(self.page_hrefs.len());
        for Hashed(h, href) in &summary.hrefs {
            let i = self.hrefs.intern(*h, href);
            self.page_hrefs.push(i);
        }
        let hrefs = start..position(self.page_hrefs.len());
        let mut ids = summary.ids.clone();
        ids.sort_unstable();
        ids.dedup();
        let start = position(self.page_ids.len());
        self.page_ids.extend(ids);
        let page = Page {
            hrefs,
            ids: start..position(self.page_ids.len()),
            output: summary.output,
        };
        self.set_page(n, page);
    }

    /// Keeps the page at `path` as the last build summarized it (`page` of
    /// `previous`), whose href and id numbers are this build's too.
    fn add_kept(&mut self, path: &str, previous: &saved::Previous, page: &Page) {
        let n = self.paths.intern(hash(path), path) as usize;
        let start = position(self.page_hrefs.len());
        (self.page_hrefs).extend_from_slice(&previous.page_hrefs[span(&page.hrefs)]);
        let hrefs = start..position(self.page_hrefs.len());
        let start = position(self.page_ids.len());
        (self.page_ids).extend_from_slice(&previous.page_ids[span(&page.ids)]);
        let page = Page {
            hrefs,
            ids: start..position(self.page_ids.len()),
            output: page.output,
        };
        self.set_page(n, page);
    }

    /// Sets the summary of file `n`, a path just numbered.
    fn set_page(&mut self, n: usize, page: Page) {
        match self.pages.get_mut(n) {
            Some(old) => *old = page,
            None => self.pages.push(page),
        }
    }

    /// Saves these summaries in `store` for the next build (see `links/saved.rs`).
    /// A cache that cannot be written only costs time: never an error.
    pub fn save(&self, store: &crate::cache::Store, site: &Site) {
        saved::save(self, store, site);
    }

    /// The href numbers of file `n`, in document order.
    fn hrefs_of(&self, n: usize) -> impl Iterator<Item = usize> + '_ {
        self.page_hrefs[span(&self.pages[n].hrefs)]
            .iter()
            .map(|&h| h as usize)
    }

    /// Whether file `n` has an element with id `id`.
    fn has_id(&self, n: usize, id: &str) -> bool {
        self.page_ids[span(&self.pages[n].ids)]
            .binary_search(&hash(id))
            .is_ok()
    }
}

/// Distinct strings stored end to end in one buffer, numbered from 0 in the order
/// first seen. Found by a hash the caller computes ([`hash`]), so a page can hash
/// its strings before taking the lock.
#[derive(Default, Clone, Serialize, Deserialize)]
struct Interner {
    text: String,
    /// Where string `n` ends in `text`; it starts where string `n - 1` ends.
    ends: Vec<usize>,
    /// String numbers by hash, [`NONE`] where empty, at most half full (linear
    /// probing): 4 bytes a slot, where a `HashMap<u64, u32>` takes 17. Not saved:
    /// made again on loading ([`Interner::rehash`]).
    #[serde(skip)]
    slots: Vec<u32>,
}

/// An empty slot of [`Interner::slots`].
const NONE: u32 = u32::MAX;

impl Interner {
    fn len(&self) -> usize {
        self.ends.len()
    }

    /// String number `n`.
    fn get(&self, n: usize) -> &str {
        let start = n.checked_sub(1).map_or(0, |p| self.ends[p]);
        &self.text[start..self.ends[n]]
    }

    /// The number of `s`, if it is stored.
    fn find(&self, s: &str) -> Option<usize> {
        self.probe(hash(s), s).ok()
    }

    /// The number of `s` (whose [`hash`] is `hash`) if it is stored, else the empty
    /// slot where it goes.
    fn probe(&self, hash: u64, s: &str) -> Result<usize, usize> {
        if self.slots.is_empty() {
            return Err(0); // `intern` grows the table before it fills a slot
        }
        let mask = self.slots.len() - 1;
        // The table is never full, so the loop ends at `s` or at an empty slot.
        let mut i = hash as usize & mask;
        loop {
            match self.slots[i] {
                NONE => return Err(i),
                n if self.get(n as usize) == s => return Ok(n as usize),
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// The number of `s` (whose [`hash`] is `hash`), stored if it is new.
    fn intern(&mut self, hash: u64, s: &str) -> u32 {
        if (self.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        match self.probe(hash, s) {
            Ok(n) => n as u32,
            Err(slot) => {
                // Four billion distinct links would need far more memory than a build has.
                let n = u32::try_from(self.len()).expect("fewer than 4 billion distinct strings");
                self.text.push_str(s);
                self.ends.push(self.text.len());
                self.slots[slot] = n;
                n
            }
        }
    }

    /// After loading: checks that the strings are whole and distinct and makes the
    /// table anew; false if they are not.
    fn rehash(&mut self) -> bool {
        let mut start = 0;
        for &end in &self.ends {
            if end < start || !self.text.is_char_boundary(end) {
                return false;
            }
            start = end;
        }
        if start != self.text.len() {
            return false;
        }
        self.slots = vec![NONE; (self.len() * 2).next_power_of_two().max(16)];
        for n in 0..self.len() {
            let Err(slot) = self.probe(hash(self.get(n)), self.get(n)) else {
                return false; // a string twice
            };
            self.slots[slot] = n as u32;
        }
        true
    }

    /// Doubles the table, placing every string anew.
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(16);
        self.slots = vec![NONE; size];
        for n in 0..self.len() {
            let Err(slot) = self.probe(hash(self.get(n)), self.get(n)) else {
                continue;
            };
            self.slots[slot] = n as u32;
        }
    }
}

/// The hash [`Interner`] finds strings by (fixed, so runs are alike).
fn hash(s: &str) -> u64 {
    static STATE: ahash::RandomState = ahash::RandomState::with_seeds(1, 2, 3, 4);
    STATE.hash_one(s)
}

/// The source file of each page rendered from one (briefings, pages, actors), by
/// output path, from the site's routes.
fn source_files(routes: &RouteTable, site: &Site) -> HashMap<String, PathBuf> {
    routes
        .entries()
        .iter()
        .filter_map(|e| {
            let src = match e.route {
                Route::Briefing(_) => &site.briefings[e.item].path,
                Route::Actor(_) => &site.actors[e.item].path,
                Route::Page(_) => &site.pages[e.item].path,
                _ => return None,
            };
            Some((e.route.path(), src.clone()))
        })
        .collect()
}

/// Where `href` is written in the page's source file, if it is.
fn locate(
    root: &Path,
    src: Option<&PathBuf>,
    href: &str,
    texts: &mut HashMap<PathBuf, String>,
) -> (Option<PathBuf>, Pos) {
    let Some(src) = src else {
        return (None, Pos::default());
    };
    let text = texts.entry(src.clone()).or_insert_with(|| {
        let entry = source::Entry {
            path: src.clone(),
            abs: root.join(src),
        };
        source::read(&entry).unwrap_or_default()
    });
    match text
        .find(&format!("({href}"))
        .map(|i| i + 1)
        .or_else(|| text.find(href))
    {
        Some(offset) => (Some(src.clone()), Pos::of_offset(text, offset)),
        None => (Some(src.clone()), Pos::default()),
    }
}

/// The site path an `href` points to, if it points into the site.
fn internal_target(href: &str, page_url: &str, site: &Site) -> Option<String> {
    Some(match site_target(href, site)? {
        Target::Site(path) => path.into_owned(),
        Target::Fragment(fragment) => format!("{page_url}#{fragment}"),
        Target::Relative(href) => join(page_url, href),
    })
}

/// Where an `href` into the site points, as far as that is the same on every page.
enum Target<'a> {
    /// A site path (maybe with a `#fragment`).
    Site(Cow<'a, str>),
    /// A `#fragment` of the page itself.
    Fragment(&'a str),
    /// A path relative to the page's folder.
    Relative(&'a str),
}

/// Where `href` points, if into the site.
fn site_target<'a>(href: &'a str, site: &Site) -> Option<Target<'a>> {
    if href.is_empty() || href.starts_with("//") {
        return None;
    }
    if let Some(abs) = &site.base.absolute
        && let Some(rest) = href.strip_prefix(abs.as_str())
    {
        return Some(Target::Site(Cow::Owned(format!(
            "{}{rest}",
            site.base.path
        ))));
    }
    let scheme = href.find(':').is_some_and(|i| {
        href[..i]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    if scheme {
        return None;
    }
    let href = href.split('?').next().unwrap_or(href);
    if let Some(fragment) = href.strip_prefix('#') {
        return Some(Target::Fragment(fragment));
    }
    if href.starts_with('/') {
        return Some(Target::Site(Cow::Borrowed(href)));
    }
    Some(Target::Relative(href))
}

/// Resolves a relative `href` against the folder URL of a page.
fn join(page_url: &str, href: &str) -> String {
    let (path, fragment) = href
        .split_once('#')
        .map_or((href, None), |(p, f)| (p, Some(f)));
    let mut parts: Vec<&str> = page_url
        .trim_end_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if (path.ends_with('/') || path.is_empty() || path.ends_with("..")) && out != "/" {
        out.push('/');
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// Every value of attribute `name` in `html` (double- or single-quoted), with
/// `&amp;` and friends decoded.
/// The `id`s of a page, decoded, in document order.
fn ids_in_html(html: &str) -> Vec<String> {
    (raw_attribute_values(html, "id").into_iter())
        .map(|(_, v)| unescape(v))
        .collect()
}

#[cfg(test)]
fn attribute_values(html: &str, name: &str) -> Vec<String> {
    raw_attribute_values(html, name)
        .into_iter()
        .map(|(_, v)| unescape(v))
        .collect()
}

/// Each `name="…"` value as written, with its quote character. (`name` is `href`
/// or `id`: one prebuilt searcher each, since this scans every page of a build.)
fn raw_attribute_values<'h>(html: &'h str, name: &str) -> Vec<(char, &'h str)> {
    static FINDERS: std::sync::OnceLock<[AhoCorasick; 2]> = std::sync::OnceLock::new();
    let finders = FINDERS.get_or_init(|| {
        ["href=", "id="].map(|n| AhoCorasick::new([n]).expect("a literal pattern"))
    });
    let finder = if name == "href" {
        &finders[0]
    } else {
        &finders[1]
    };
    let needle_len = name.len() + 1;
    let mut out = Vec::new();
    let bytes = html.as_bytes();
    let mut from = 0;
    while let Some(m) = finder.find(Input::new(html).span(from..html.len())) {
        let at = m.start();
        from = at + needle_len;
        let before = at.checked_sub(1).map(|j| bytes[j]);
        if !matches!(before, Some(b' ' | b'\n' | b'\t' | b'\r')) {
            continue;
        }
        let Some(&quote) = bytes.get(from) else { break };
        if quote != b'"' && quote != b'\'' {
            continue;
        }
        let start = from + 1;
        let Some(len) = bytes[start..].iter().position(|&b| b == quote) else {
            break;
        };
        out.push((quote as char, &html[start..start + len]));
        from = start + len;
    }
    out
}

/// `s` with `&amp;` and friends decoded, borrowed when there are none.
fn unescape_cow(s: &str) -> Cow<'_, str> {
    if s.contains('&') {
        Cow::Owned(unescape(s))
    } else {
        Cow::Borrowed(s)
    }
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_index_s_inner_files_are_not_kept_for_the_check() {
        for inner in [
            "pagefind/fragment/000145106f998a88.json",
            "pagefind/en_20c9165419f6/index/0.pfi",
            "pagefind/hy_0123456789ab/fragments/0.json",
        ] {
            assert!(search_internal(inner), "{inner}");
        }
        for kept in [
            "pagefind/pagefind.js",
            "pagefind/pagefind-entry.json",
            "pagefinder/a/b.html",
            "search/index.html",
            "briefings/pagefind/x/index.html",
        ] {
            assert!(!search_internal(kept), "{kept}");
        }
    }

    #[test]
    fn relative_links_resolve_against_the_page_folder() {
        assert_eq!(join("/nk/about/", "../timeline/"), "/nk/timeline/");
        assert_eq!(join("/nk/about/", "x.png"), "/nk/about/x.png");
        assert_eq!(join("/about/", "../../.."), "/");
        assert_eq!(join("/a/", "../b/#c"), "/b/#c");
    }

    /// The links of `pages` (`(path, html)`), kept as `build` keeps them.
    fn summarize(site: &Site, pages: &[(&str, &str)]) -> SiteLinks {
        let summaries = Summaries::new(&Discard, site);
        for (path, html) in pages {
            summaries
                .put(path.to_string(), html.as_bytes().to_vec())
                .expect("Discard takes anything");
        }
        summaries.into_links()
    }

    #[test]
    fn an_href_repeated_on_pages_is_stored_once() {
        let nav = r#"<a href="/">Home</a> <a href="/b/">B</a> <a href="https://x.example/">"#;
        let site = crate::resolve::fixture::site(&[]);
        let links = summarize(
            &site,
            &[
                ("index.html", &format!(r#"{nav} <h2 id="top">x</h2>"#)),
                ("b/index.html", &format!(r#"{nav} <a href="/#top">up</a>"#)),
                ("feed.xml", r#"<link href="/nowhere/"/>"#),
            ],
        );
        assert_eq!(
            links.hrefs.len(),
            3,
            "`/`, `/b/` and `/#top` once each, no link out"
        );
        assert_eq!(links.page_hrefs.len(), 5);
        let b = links.paths.find("b/index.html").expect("kept");
        let hrefs: Vec<&str> = links.hrefs_of(b).map(|h| links.hrefs.get(h)).collect();
        assert_eq!(hrefs, ["/", "/b/", "/#top"], "in document order");
        let home = links.paths.find("index.html").expect("kept");
        assert!(links.has_id(home, "top") && !links.has_id(b, "top"));
        let feed = links.paths.find("feed.xml").expect("kept, only as a path");
        assert_eq!(links.hrefs_of(feed).count(), 0);
    }

    #[test]
    fn the_interner_tells_apart_strings_with_one_hash() {
        let mut strings = Interner::default();
        assert_eq!(strings.intern(7, "a"), 0);
        assert_eq!(strings.intern(7, "b"), 1);
        assert_eq!(strings.intern(7, "a"), 0);
        assert_eq!(strings.probe(7, "b"), Ok(1));
        assert!(strings.probe(7, "c").is_err());
        assert_eq!(
            (strings.get(0), strings.get(1), strings.len()),
            ("a", "b", 2)
        );
        // The table grows as strings come, and still finds each by its number.
        for i in 0..1000 {
            let s = format!("/briefings/b{i}/");
            assert_eq!(strings.intern(hash(&s), &s) as usize, i + 2);
        }
        assert_eq!(strings.find("/briefings/b500/"), Some(502));
        assert_eq!(strings.get(502), "/briefings/b500/");
        assert!(strings.slots.len() >= 2 * strings.len());
    }

    #[test]
    fn finds_a_missing_page_and_a_broken_anchor() {
        let site = crate::resolve::fixture::site(&[]);
        let pages = [
            (
                "index.html",
                r#"<a href="/b/#top">ok</a> <a href="/b/#tpo">typo</a> <a href="/gone/">x</a>
                <a href="/feed.xml#x">feed</a> <a href="/s.css">css</a> <a href="b/">b</a>"#,
            ),
            (
                "b/index.html",
                r##"<h2 id="top">t</h2> <a href="#top">ok</a> <a href="#bottom">no</a>
                <a href="../gone/">x</a>"##,
            ),
            ("feed.xml", "<feed/>"),
        ];
        let links = summarize(&site, &pages);
        let broken = broken_pages(&site, &links, &["s.css"]);
        let ids_in = |file: &str| {
            let html = pages
                .iter()
                .find(|(p, _)| *p == file)
                .map_or("", |(_, h)| h);
            ids_in_html(html)
        };
        let diags = report(
            Path::new("no-such-root"),
            &site,
            &HashMap::new(),
            &links,
            &broken,
            &ids_in,
        );
        let shown: Vec<String> = diags
            .iter()
            .map(|d| format!("{} {}: {}", d.path.display(), d.code.as_str(), d.message))
            .collect();
        assert_eq!(
            shown,
            [
                "public/b/index.html broken-anchor: link to `#bottom`: `/b/` has no element with id `bottom`",
                "public/b/index.html broken-link: link to `../gone/`: no page `/gone/` in the site",
                "public/index.html broken-anchor: link to `/b/#tpo`: `/b/` has no element with id `tpo`",
                "public/index.html broken-link: link to `/gone/`: no page `/gone/` in the site",
            ]
        );
        assert_eq!(
            diags[2].hint.as_deref(),
            Some("did you mean `#top`? Heading ids are slugs of the heading text")
        );
    }

    #[test]
    fn finds_attribute_values() {
        let html = r#"<a href="/a/?x=1&amp;y=2">x</a><h2 id='top'>t</h2><a data-href="no">"#;
        assert_eq!(attribute_values(html, "href"), ["/a/?x=1&y=2"]);
        assert_eq!(attribute_values(html, "id"), ["top"]);
    }
}
