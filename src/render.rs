//! Site + templates -> every output file as bytes, rendered in parallel. No I/O.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;
use tera::Tera;

use crate::contacts::{self, Contact};
use crate::model::Site;
use crate::route::RouteTable;
use crate::views::Views;

#[cfg(test)]
mod context_doc;
mod data_pieces;
mod page_cache;
mod pages;
pub(crate) mod search_records;
mod shown;
mod statement_store;
mod titles;

use pages::render_entry;

/// Bumped when what a fast key covers changes (see `page_cache`).
const FAST_VERSION: u64 = 1;

/// Output path (relative, `/`-separated, e.g. `actors/x/index.html`) -> contents.
pub type Output = BTreeMap<String, Vec<u8>>;

/// Where rendered files go: a map in memory (serve, tests) or a staging folder
/// (build), so a big site never has to sit in memory whole.
pub trait Sink: Sync {
    fn put(&self, path: String, bytes: Vec<u8>) -> anyhow::Result<()>;

    /// Writes the file at `path` through `write`. A sink that can (the staging
    /// folder) sends the bytes straight to the file, so a big data file is never
    /// held whole; by default they are gathered and [`Sink::put`].
    fn put_with(
        &self,
        path: String,
        write: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> anyhow::Result<()> {
        let mut bytes = Vec::new();
        write(&mut bytes)?;
        self.put(path, bytes)
    }

    /// The bytes of `path` in the previous output, if they hash (with
    /// [`crate::cache::hash`]) to `hash`: what the build cache says the page is,
    /// checked against the file itself. `None` where there is no previous output.
    fn previous(&self, path: &str, hash: u128) -> Option<Vec<u8>> {
        let _ = (path, hash);
        None
    }

    /// Like [`Sink::put`], for bytes [`Sink::previous`] just gave for `path`: a
    /// sink that can keeps the previous file without comparing it again.
    fn put_previous(&self, path: String, bytes: Vec<u8>) -> anyhow::Result<()> {
        self.put(path, bytes)
    }

    /// Keeps the previous output's file `path` as it is if its bytes hash to
    /// `hash`; false where there is none, or it changed.
    fn keep_previous(&self, path: &str, hash: u128) -> anyhow::Result<bool> {
        let _ = (path, hash);
        Ok(false)
    }

    /// The `len` bytes at `at` of the previous output's file `path`, if the sink
    /// has a previous output and the file is one a build wrote: a data file's
    /// writer copies the chunks it knows unchanged from there.
    fn previous_range(&self, path: &str, at: u64, len: usize) -> Option<Vec<u8>> {
        let _ = (path, at, len);
        None
    }
}

/// Collects rendered files in memory.
#[derive(Default)]
pub struct Collect(pub Mutex<Output>);

impl Sink for Collect {
    fn put(&self, path: String, bytes: Vec<u8>) -> anyhow::Result<()> {
        self.0
            .lock()
            .map_err(|_| anyhow::anyhow!("a render thread panicked"))?
            .insert(path, bytes);
        Ok(())
    }
}

/// A writer that hashes what it passes on.
struct Tee<'a> {
    out: &'a mut dyn std::io::Write,
    hash: crate::cache::Hasher,
}

impl std::io::Write for Tee<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        std::io::Write::write_all(&mut self.hash, &buf[..n])?;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Renders every page of `site` into memory.
pub fn render(
    site: Site,
    theme: crate::theme::Theme,
    static_names: &[&str],
) -> anyhow::Result<Output> {
    Renderer::new(site, theme, static_names).render_to_memory()
}

/// Renders the pages of one site: all of them in parallel (`build`), or one at a
/// time by output path (`serve`, which renders a page when it is requested, so a
/// rebuild after an edit costs a load, not a render of the whole site).
pub struct Renderer {
    site: Site,
    tera: Arc<Tera>,
    views: Views,
    contacts: OnceLock<Vec<Contact>>,
    month_runs: OnceLock<Vec<pages::MonthRun>>,
    /// Each actor's statements by year, made on first use: an actor with many
    /// year pages would otherwise group them again for each.
    actor_years: Vec<OnceLock<pages::ActorYears>>,
    /// Per statement: the hash its stand-in in a page's cache key names.
    statement_keys: Vec<OnceLock<u128>>,
    /// Per briefing: the hash its card's stand-in in a page's cache key names.
    card_keys: Vec<OnceLock<u128>>,
    /// Statements' HTML kept by the last builds, when this build keys its
    /// pages (see `statement_store`).
    statement_store: OnceLock<statement_store::StatementStore>,
    routes: RouteTable,
    /// The search index in memory, made on the first request for one of its files
    /// (`serve`, tests); `build` streams it out instead (see [`Renderer::render_all`]).
    search_index: OnceLock<Output>,
    /// The renderers of the site's other languages (their pages under `/<code>/`).
    others: Vec<Renderer>,
    /// Which pages exist in each language, for the switcher and `hreflang` links.
    alternates: Arc<Alternates>,
    /// Where work that a later build can reuse is kept (`build`, `check`).
    cache: crate::cache::Store,
    /// What a page's bytes depend on beyond its template variables: the theme's
    /// fingerprint and the URL settings (the build cache's page entries).
    environment: u128,
    /// The environment and the site's fingerprint, with which a page's fast key
    /// is made (see `page_cache`); `None` where the site has no fingerprint.
    fast_environment: Option<u128>,
    /// The same with the fingerprint that leaves out what pages show of other
    /// briefings, for the fast keys of pages that name the briefings they show
    /// (see `shown`).
    fast_shallow: Option<u128>,
    /// The same with the fingerprint that leaves the briefings out, for the
    /// fast keys of briefing pages (see `shown::briefing_key`).
    fast_narrow: Option<u128>,
    /// Per briefing, hashes of what other pages show of it (made on first
    /// use), and per actor, a hash of all that their pages can show: the fast
    /// keys' stand-ins.
    shown_hashes: OnceLock<Option<shown::Hashes>>,
    actor_shown: Vec<OnceLock<Option<u128>>>,
    /// Pages the fast keys would keep are rendered anyway and compared
    /// (`SITROOM_VERIFY_CACHE`, set by the tests).
    verify_cache: bool,
}

/// The site's languages and the routes each has: every page links its
/// counterparts in the other languages.
#[derive(Debug, Default)]
pub(crate) struct Alternates {
    langs: Vec<Alternate>,
}

#[derive(Debug)]
struct Alternate {
    info: crate::model::LanguageInfo,
    base: crate::route::BaseUrl,
    routes: std::collections::HashSet<crate::route::Route>,
}

impl Alternates {
    fn of<'a>(renderers: impl Iterator<Item = &'a Renderer>) -> Alternates {
        let langs = renderers
            .filter_map(|r| {
                Some(Alternate {
                    info: r.site.language.current()?.clone(),
                    base: r.site.base.clone(),
                    routes: (r.routes.entries().iter())
                        .filter(|e| e.route.template().is_some())
                        .map(|e| e.route.clone())
                        .collect(),
                })
            })
            .collect();
        Alternates { langs }
    }

    /// Each language with where `route` is in it (`None`: it has no such page).
    pub(crate) fn of_route<'a>(
        &'a self,
        route: &'a crate::route::Route,
    ) -> impl Iterator<
        Item = (
            &'a crate::model::LanguageInfo,
            &'a crate::route::BaseUrl,
            bool,
        ),
    > + 'a {
        self.langs
            .iter()
            .map(move |a| (&a.info, &a.base, a.routes.contains(route)))
    }
}

impl Renderer {
    /// Plans the pages of `site`. `static_names` are the site's own static files,
    /// which take precedence over the theme's embedded ones.
    /// Pages are worded by `locale` (the site's strings over the built-in ones).
    pub fn new(site: Site, theme: crate::theme::Theme, static_names: &[&str]) -> Renderer {
        Renderer::with_sitemap_limit(site, theme, static_names, crate::route::SITEMAP_URLS)
    }

    /// [`Renderer::new`], the sitemap split past `limit` URLs (tests lower it).
    fn with_sitemap_limit(
        mut site: Site,
        theme: crate::theme::Theme,
        static_names: &[&str],
        limit: usize,
    ) -> Renderer {
        let translations = std::mem::take(&mut site.translations);
        let mut others: Vec<Renderer> = translations
            .into_iter()
            .map(|s| {
                let code = s
                    .language
                    .current()
                    .map(|l| l.code.clone())
                    .unwrap_or_default();
                Renderer::one_language(s, theme.for_language(&code), static_names)
            })
            .collect();
        let mut renderer = Renderer::one_language(site, theme, static_names);
        let urls = (std::iter::once(&renderer).chain(&others))
            .map(Renderer::sitemap_urls)
            .sum();
        (renderer.routes).split_sitemap(urls, limit);
        if !others.is_empty() {
            let alternates = Arc::new(Alternates::of(std::iter::once(&renderer).chain(&others)));
            for r in &mut others {
                r.alternates = Arc::clone(&alternates);
            }
            renderer.alternates = alternates;
        }
        renderer.others = others;
        renderer
    }

    /// How many URLs of this language the sitemap lists.
    fn sitemap_urls(&self) -> usize {
        (self.routes.entries().iter())
            .filter(|e| e.route.in_sitemap())
            .count()
    }

    fn one_language(mut site: Site, theme: crate::theme::Theme, static_names: &[&str]) -> Renderer {
        site.locale = theme.locale;
        let environment = crate::cache::Hasher::new()
            .u128(theme.fingerprint)
            .text(&format!("{:?}", site.base))
            .finish();
        let fast = |fingerprint: u128| {
            (fingerprint != 0).then(|| {
                let mut h = crate::cache::Hasher::new();
                h.u64(FAST_VERSION).u128(environment).u128(fingerprint);
                for name in static_names {
                    h.text(name);
                }
                h.finish()
            })
        };
        let fast_environment = fast(site.fingerprint.full);
        // Told apart from the full one by what it is made from: never equal.
        let fast_shallow = fast(site.fingerprint.shallow);
        let fast_narrow = fast(site.fingerprint.narrow);
        crate::resolve::add_default_pages(&mut site);
        let tera = theme.tera;
        let clock = std::time::Instant::now();
        let routes = RouteTable::new(&site, static_names);
        let planned = clock.elapsed();
        let views = Views::new(&site);
        if std::env::var_os("SITROOM_TIMINGS").is_some() {
            let (r, v) = (planned.as_micros(), (clock.elapsed() - planned).as_micros());
            eprintln!("timing:   renderer: routes {r} us, views {v} us");
        }
        let actor_years = (0..site.actors.len()).map(|_| OnceLock::new()).collect();
        let site_statements = site.statements.len();
        let site_briefings = site.briefings.len();
        let site_actors = site.actors.len();
        Renderer {
            site,
            tera,
            views,
            contacts: OnceLock::new(),
            month_runs: OnceLock::new(),
            actor_years,
            statement_keys: (0..site_statements).map(|_| OnceLock::new()).collect(),
            card_keys: (0..site_briefings).map(|_| OnceLock::new()).collect(),
            statement_store: OnceLock::new(),
            shown_hashes: OnceLock::new(),
            actor_shown: (0..site_actors).map(|_| OnceLock::new()).collect(),
            routes,
            search_index: OnceLock::new(),
            others: Vec::new(),
            alternates: Arc::default(),
            cache: crate::cache::Store::none(),
            environment,
            fast_environment,
            fast_shallow,
            fast_narrow,
            verify_cache: false,
        }
    }

    /// Puts `body` in the place of the body of the briefing at `path` (`serve`,
    /// after an edit of a body alone) and drops the search index made from it.
    /// Returns the old body; `None` if the site has no such briefing.
    pub fn replace_body(
        &mut self,
        path: &std::path::Path,
        body: crate::packed::Packed,
    ) -> Option<crate::packed::Packed> {
        let b = self.site.briefings.iter_mut().find(|b| b.path == path)?;
        self.search_index = OnceLock::new();
        Some(std::mem::replace(&mut b.body_html, body))
    }

    /// Keeps reusable work in `cache` and looks for it there (every language).
    pub fn with_cache(mut self, cache: crate::cache::Store) -> Renderer {
        let verify = std::env::var_os("SITROOM_VERIFY_CACHE").is_some_and(|v| v != "0");
        for r in &mut self.others {
            r.cache = cache.clone();
            r.verify_cache = verify;
        }
        self.cache = cache;
        self.verify_cache = verify;
        self
    }

    /// With `SITROOM_VERIFY_CACHE`: an error unless `bytes`, just made for
    /// `entry`, hash to `expected`, what the fast key would have kept.
    fn verified(
        &self,
        entry: &crate::route::Entry,
        expected: u128,
        bytes: &[u8],
    ) -> anyhow::Result<()> {
        self.verified_hash(entry, expected, crate::cache::hash(bytes))
    }

    fn verified_hash(
        &self,
        entry: &crate::route::Entry,
        expected: u128,
        made: u128,
    ) -> anyhow::Result<()> {
        if made != expected {
            anyhow::bail!(
                "the build cache would have kept an outdated `/{}`: a sitroom bug \
                 (build with --no-cache to work around it, and please report it)",
                entry.path
            );
        }
        Ok(())
    }

    /// This renderer and those of the other languages.
    pub(crate) fn all(&self) -> impl Iterator<Item = &Renderer> {
        std::iter::once(self).chain(&self.others)
    }

    /// The renderers of the site's other languages.
    pub fn others(&self) -> &[Renderer] {
        &self.others
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    /// Every output file of the site.
    pub fn routes(&self) -> &RouteTable {
        &self.routes
    }

    /// How many of the site's files are HTML pages.
    pub fn page_count(&self) -> usize {
        self.all()
            .flat_map(|r| r.routes.entries())
            .filter(|e| e.route.template().is_some_and(|t| t.ends_with(".html")))
            .count()
    }

    /// Whether `path` (e.g. `actors/x/index.html`) is one of the site's files.
    pub fn has_path(&self, path: &str) -> bool {
        self.all().any(|r| {
            r.routes.get(path).is_some()
                || r.search_file(path)
                    .is_some_and(|index| index.contains_key(path))
        })
    }

    /// The search index in memory, if the site has search and `path` is under its
    /// folder (`pagefind/…`): built now if it was not yet.
    fn search_file(&self, path: &str) -> Option<&Output> {
        let in_index = path
            .strip_prefix(crate::route::SEARCH_INDEX)
            .is_some_and(|rest| rest.starts_with('/'));
        let has_index = self
            .routes
            .get(&crate::route::Route::SearchIndex.path())
            .is_some();
        (in_index && has_index).then(|| {
            self.search_index.get_or_init(|| {
                let none = crate::cache::Store::none();
                crate::search::in_memory(|put| {
                    let nothing = (
                        &crate::search::keep_nothing as _,
                        &crate::search::previous_nothing as _,
                    );
                    self.search_index_into(&none, put, nothing, None)
                })
            })
        })
    }

    /// Writes every file of the search index to `sink` as it is made; returns how
    /// many. Unchanged chunks of records come from the build cache.
    fn write_search_index(&self, sink: &dyn Sink) -> anyhow::Result<usize> {
        let stale = |what: String| {
            anyhow::anyhow!(
                "{what}: a sitroom bug (build with --no-cache to work around it, and please report it)"
            )
        };
        self.search_index_into(
            &self.cache,
            &|path: String, bytes: Vec<u8>| sink.put(path, bytes),
            (
                // Streamed through the hash and linked: never held, opened once.
                &|path: &str, hash: u128| sink.keep_previous(path, hash),
                &|path: &str, hash: u128| sink.previous(path, hash),
            ),
            self.verify_cache.then_some(&stale),
        )
    }

    /// The search index of every language, each file handed to `put`.
    fn search_index_into<E: Send>(
        &self,
        cache: &crate::cache::Store,
        put: &(dyn Fn(String, Vec<u8>) -> Result<(), E> + Sync),
        (keep, previous): (&crate::search::Keep<'_, E>, &crate::search::Previous<'_>),
        stale: Option<&(dyn Fn(String) -> E + Sync)>,
    ) -> Result<usize, E> {
        let sources: Vec<search_records::SiteRecords> = self
            .all()
            .map(|r| {
                let records = search_records::SiteRecords::new(&r.site);
                match shown::narrow(r) {
                    true => records.with_narrow(r.fast_narrow),
                    false => records.with_fast(r.fast_shallow),
                }
            })
            .collect();
        let languages: Vec<(&str, &dyn crate::search::Records)> = sources
            .iter()
            .map(|s| (s.language(), s as &dyn crate::search::Records))
            .collect();
        let settings = crate::search::Settings::default();
        crate::search::build_languages(&languages, &settings, cache, (put, keep, previous), stale)
    }

    /// Warnings for the site's static files that replace a generated file (they are
    /// copied last, so they win): `static/atom.xml` hides the feed, say.
    pub fn shadowed_by_static(&self, static_names: &[&str]) -> Vec<crate::diagnostic::Diagnostic> {
        static_names
            .iter()
            .filter(|name| self.has_path(name))
            .map(|name| {
                crate::diagnostic::Diagnostic::warning(
                    &std::path::Path::new("static").join(name),
                    crate::diagnostic::Code::StaticShadowsPage,
                    format!("this file replaces the generated `/{name}`"),
                )
                .hint("rename or remove it; to change how a page looks, override its template in templates/")
            })
            .collect()
    }

    /// The first page of each kind (index, briefing, actor, timeline, …): rendering
    /// these shows whether every page template works, without rendering them all.
    pub fn probe_paths(&self) -> Vec<String> {
        let mut paths = Vec::new();
        for r in self.all() {
            let mut seen = std::collections::HashSet::new();
            paths.extend(
                (r.routes.entries().iter())
                    .filter(|e| e.route.template().is_some())
                    .filter(|e| seen.insert(std::mem::discriminant(&e.route)))
                    .map(|e| e.path.clone()),
            );
        }
        paths
    }

    /// Renders the file at output `path`, if the site has one.
    pub fn render_path(&self, path: &str) -> Option<anyhow::Result<Vec<u8>>> {
        for r in self.all() {
            if let Some(entry) = r.routes.get(path) {
                return Some(render_entry(r, entry));
            }
            if let Some(index) = r.search_file(path)
                && let Some(bytes) = index.get(path)
            {
                return Some(Ok(bytes.clone()));
            }
        }
        None
    }

    /// Renders every file in parallel, handing each to `sink` as soon as it is
    /// ready. Returns the number of files.
    pub fn render_all(&self, sink: &dyn Sink) -> anyhow::Result<usize> {
        self.render_each_language(sink, Purpose::Build)
    }

    /// What `check` needs: every page, but neither the search index nor the
    /// statement data files (`statements.json`…), which hold no links and no
    /// template to try, and would be a third and a tenth of the time at 10,000
    /// briefings. Each data file is still named to `sink`, written empty, so
    /// links to it are known to lead somewhere.
    /// With `reuse`, pages the build cache knows are taken through
    /// [`Sink::previous`] (from the last build's output) instead of rendered.
    pub fn render_for_check(&self, sink: &dyn Sink, reuse: bool) -> anyhow::Result<usize> {
        self.render_each_language(sink, Purpose::Check { reuse })
    }

    fn render_each_language(&self, sink: &dyn Sink, purpose: Purpose) -> anyhow::Result<usize> {
        let mut n = self.render_language(sink, purpose)?;
        for r in &self.others {
            n += r.render_language(sink, purpose)?;
        }
        Ok(n)
    }

    /// Renders every file of this renderer's language; for `check`, without the
    /// search index and with the data files left empty (see
    /// [`Renderer::render_for_check`]).
    fn render_language(&self, sink: &dyn Sink, purpose: Purpose) -> anyhow::Result<usize> {
        let build = purpose == Purpose::Build;
        let reuse_pages = build || purpose == Purpose::Check { reuse: true };
        let timings = std::env::var_os("SITROOM_TIMINGS").is_some();
        let spent: Mutex<BTreeMap<String, (usize, u128)>> = Mutex::default();
        let index_files = std::sync::atomic::AtomicUsize::new(0);
        let (index, pages): (Vec<&crate::route::Entry>, Vec<&crate::route::Entry>) = self
            .routes
            .entries()
            .iter()
            .partition(|e| e.route == crate::route::Route::SearchIndex);
        // The search index before the pages: the pages leave the views' shared
        // cards and statement HTML behind (about 230 MiB at 10,000 briefings), and
        // the index's records and postings, freed when it is done, are better not
        // added on top. It is parallel inside. One job, many files: they stream out
        // as they are made.
        if build && !index.is_empty() {
            let started = std::time::Instant::now();
            let n = self.write_search_index(sink)?;
            index_files.store(n, std::sync::atomic::Ordering::Relaxed);
            crate::release_freed();
            if timings {
                eprintln!(
                    "timing:   search index {n:>6} files {:>6} ms {}",
                    started.elapsed().as_millis(),
                    crate::memory_in_use()
                );
            }
        }
        // Pages that paste in statements' HTML (the timeline's and actors' pages)
        // go last, a year at a time, newest first, and each year's statements are
        // forgotten once its pages are done: the shared statement HTML never
        // holds every statement at once (see `statement_year`). The other pages
        // go first.
        let (rest, years) = by_year(&self.site, pages);
        let page_cache = reuse_pages.then(|| self.page_cache()).flatten();
        let pieces = (page_cache.is_some() && build)
            .then(|| self.data_pieces())
            .flatten();
        if build && page_cache.as_ref().is_some_and(|c| !c.is_first()) {
            self.open_statement_store();
        }
        let reuse = page_cache.as_ref().map(|c| (c, sink));
        let render_one = |entry: &&crate::route::Entry| -> anyhow::Result<()> {
            let started = std::time::Instant::now();
            if let Some(write) = pages::streamed(&entry.route) {
                if build {
                    let cache = page_cache.as_ref().map(|c| (c, pieces.as_ref()));
                    self.write_streamed(entry, write, sink, cache)?;
                } else {
                    sink.put_with(entry.path.clone(), &|_| Ok(()))?;
                }
            } else {
                match pages::render_reusing(self, entry, reuse)? {
                    pages::Made::Rendered(bytes) => sink.put(entry.path.clone(), bytes)?,
                    pages::Made::Previous(bytes) => sink.put_previous(entry.path.clone(), bytes)?,
                    pages::Made::Kept => {}
                }
            }
            if timings {
                let mut spent = spent
                    .lock()
                    .map_err(|_| anyhow::anyhow!("a render thread panicked"))?;
                let kind = spent.entry(entry.route.kind().to_string()).or_default();
                kind.0 += 1;
                kind.1 += started.elapsed().as_micros();
            }
            Ok(())
        };
        rest.par_iter().try_for_each(render_one)?;
        let mut first_years = first_years(&self.site);
        for (std::cmp::Reverse(year), entries) in years {
            entries.par_iter().try_for_each(render_one)?;
            // A statement spanning years is on each year's pages: kept until its
            // first (the last one rendered).
            if let Some(done) = first_years.remove(&year) {
                self.views.forget_statements(&done);
            }
        }
        if timings {
            for (kind, (n, us)) in spent.into_inner().unwrap_or_default() {
                eprintln!("timing:   {kind:<20} {n:>6} jobs {:>6} ms", us / 1000);
            }
        }
        // `check` renders no data file and no search index: what it would save
        // would leave out theirs.
        self.save_caches(page_cache.filter(|_| build), pieces, timings);
        // The index job's entry stands for its files.
        let index_files = index_files.into_inner();
        Ok(self.routes.entries().len() + index_files.saturating_sub(1))
    }

    /// Opens the build cache's store of statements' HTML for this build (once:
    /// a second run of the same renderer keeps the first's).
    fn open_statement_store(&self) {
        let language = self.site.language.current().map(|l| l.code.as_str());
        let (env, verify) = (self.environment, self.verify_cache);
        if let Some(store) =
            statement_store::StatementStore::open(&self.cache, language, env, verify)
        {
            let _ = self.statement_store.set(store);
        }
    }

    /// The build cache's chunks of this language's data files, if there is a cache.
    fn data_pieces(&self) -> Option<data_pieces::Book<'_>> {
        let language = self.site.language.current().map(|l| l.code.as_str());
        data_pieces::Book::open(&self.cache, language)
    }

    /// Saves what a build learnt of its pages and data files (an error costs
    /// the next build time only).
    fn save_caches(
        &self,
        pages: Option<page_cache::PageCache>,
        pieces: Option<data_pieces::Book<'_>>,
        timings: bool,
    ) {
        if let Some(Err(e)) = pieces.map(data_pieces::Book::save)
            && timings
        {
            eprintln!("timing:   (the data files' chunks were not saved: {e})");
        }
        let statements = self.site.statements.len();
        if let Some(Err(e)) = (self.statement_store.get()).map(|s| s.save(statements))
            && timings
        {
            eprintln!("timing:   (the statements' HTML was not saved: {e})");
        }
        match pages.map(|cache| cache.save(&self.cache)) {
            Some(Ok(page_cache::Tally { pages, kept, fast })) if timings => {
                eprintln!(
                    "timing:   pages: {kept} of {pages} kept from the previous output, {fast} by their fast key"
                );
            }
            Some(Err(e)) if timings => eprintln!("timing:   (the page cache was not saved: {e})"),
            _ => {}
        }
    }

    /// Writes the data file of `entry` with `write`, or keeps the previous
    /// output's if its fast key is the one recorded and its bytes still hash to
    /// what was recorded (the file is streamed through the hash, never held).
    /// Where the file must be written, its chunks that the last build wrote
    /// unchanged are copied from the last output (see `data_pieces`).
    fn write_streamed(
        &self,
        entry: &crate::route::Entry,
        write: pages::Writer,
        sink: &dyn Sink,
        cache: Option<(&page_cache::PageCache, Option<&data_pieces::Book>)>,
    ) -> anyhow::Result<()> {
        let Some((cache, book)) = cache else {
            return sink.put_with(entry.path.clone(), &|out| {
                write(
                    &self.site,
                    &mut crate::data::Out::new(out, &crate::data::Fresh),
                )
            });
        };
        let fast = pages::fast_key(self, entry).unwrap_or(0);
        let known = cache.known_fast(&entry.path, fast);
        if let Some(known) = known
            && !self.verify_cache
            && sink.keep_previous(&entry.path, known.output)?
        {
            cache.keep_fast(entry.path.clone(), known);
            return Ok(());
        }
        let output = std::cell::Cell::new(0);
        let pieces = book.map(|b| b.file(self, &entry.path, sink));
        let reuse: &dyn crate::data::Pieces = match &pieces {
            Some(pieces) => pieces,
            None => &crate::data::Fresh,
        };
        sink.put_with(entry.path.clone(), &|out| {
            let mut tee = Tee {
                out,
                hash: crate::cache::Hasher::new(),
            };
            write(&self.site, &mut crate::data::Out::new(&mut tee, reuse))?;
            output.set(tee.hash.finish());
            Ok(())
        })?;
        if let (Some(book), Some(pieces)) = (book, pieces) {
            book.done(&entry.path, pieces);
        }
        if let Some(known) = known {
            self.verified_hash(entry, known.output, output.get())?;
        }
        let key = 0;
        let output = output.get();
        cache.record(entry.path.clone(), page_cache::Known { key, fast, output });
        Ok(())
    }

    /// The build cache's page entries of this language, if there is a cache.
    fn page_cache(&self) -> Option<page_cache::PageCache> {
        let language = self.site.language.current().map(|l| l.code.as_str());
        let name = format!("pages-{}", language.unwrap_or("site"));
        page_cache::PageCache::open(&self.cache, name, self.environment)
    }

    /// Renders every file into memory.
    pub fn render_to_memory(&self) -> anyhow::Result<Output> {
        let sink = Collect::default();
        self.render_all(&sink)?;
        sink.0
            .into_inner()
            .map_err(|_| anyhow::anyhow!("a render thread panicked"))
    }

    fn contacts(&self) -> &[Contact] {
        self.contacts.get_or_init(|| contacts::pairs(&self.site))
    }

    /// The timeline's months, computed once for all its pages.
    fn month_runs(&self) -> &[pages::MonthRun] {
        self.month_runs
            .get_or_init(|| pages::month_runs(&self.site))
    }
}

/// The pages that paste in statements' HTML, by the year they render with
/// (newest first; see [`statement_year`]), and the rest.
#[allow(clippy::type_complexity)]
fn by_year<'e>(
    site: &Site,
    pages: Vec<&'e crate::route::Entry>,
) -> (
    Vec<&'e crate::route::Entry>,
    BTreeMap<std::cmp::Reverse<i16>, Vec<&'e crate::route::Entry>>,
) {
    let mut rest = Vec::new();
    let mut years: BTreeMap<std::cmp::Reverse<i16>, Vec<&crate::route::Entry>> = BTreeMap::new();
    for e in pages {
        match statement_year(site, e) {
            Some(y) => years.entry(std::cmp::Reverse(y)).or_default().push(e),
            None => rest.push(e),
        }
    }
    (rest, years)
}

/// The statements by the first year they are listed under.
fn first_years(site: &Site) -> BTreeMap<i16, Vec<usize>> {
    let mut first_years: BTreeMap<i16, Vec<usize>> = BTreeMap::new();
    for (ix, s) in site.statements.iter().enumerate() {
        first_years
            .entry(*s.date.years().start())
            .or_default()
            .push(ix);
    }
    first_years
}

/// What every file is rendered for: `build` writes them all; `check` needs only
/// what can hold a link or exercise a template.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Purpose {
    Build,
    /// With `reuse`, pages are taken from the last build's output where the
    /// build cache allows.
    Check {
        reuse: bool,
    },
}

/// The year a page that pastes in statements' HTML is rendered with: the year of
/// the statements it lists, for the pages that list them by year; for an actor's
/// page and the timeline's first page, which show the newest, the newest year
/// among them. Rendered with that year's pages, they find those statements'
/// HTML made, or leave it for them, and none of it is held longer than its
/// year's pages need it (at 100,000 briefings, actor pages rendered before the
/// years held 80,000 statements' HTML, 105 MB, until the years' end).
fn statement_year(site: &Site, entry: &crate::route::Entry) -> Option<i16> {
    use crate::route::Route;
    let newest = |s: &crate::model::Statement| *s.date.years().end();
    match &entry.route {
        Route::TimelineYear(y, _) | Route::ActorYear(_, y, _) => Some(*y),
        Route::Actor(_) => (site.actors.get(entry.item)?.statements.iter())
            .map(|&s| newest(&site.statements[s]))
            .max(),
        Route::Timeline => site.statements.iter().map(newest).max(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// `serve` renders by path, `build` renders all: both must give the same files.
    #[test]
    fn rendering_by_path_matches_rendering_everything() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let loaded = crate::load::load(root, &crate::load::Options::default()).unwrap();
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        let renderer = Renderer::new(loaded.site.unwrap(), crate::theme::english(), &[]);
        let all = renderer.render_to_memory().unwrap();
        assert!(all.contains_key("briefings/pashinyan-calls/index.html"));
        for (path, bytes) in &all {
            assert!(renderer.has_path(path), "{path}");
            assert_eq!(
                &renderer.render_path(path).unwrap().unwrap(),
                bytes,
                "{path}"
            );
        }
        assert!(renderer.render_path("no/such/index.html").is_none());
    }

    /// The same with languages: `serve` finds the pages of every language.
    #[test]
    fn rendering_by_path_finds_every_language() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/multilingual");
        let loaded = crate::load::load(&root, &crate::load::Options::default()).unwrap();
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        let renderer = Renderer::new(loaded.site.unwrap(), crate::theme::english(), &[]);
        let all = renderer.render_to_memory().unwrap();
        for path in [
            "hy/briefings/calls/index.html",
            "ar/actors/index.html",
            "pagefind/pagefind-entry.json",
        ] {
            assert!(all.contains_key(path), "{path}");
        }
        assert!(!all.contains_key("hy/briefings/talks/index.html"));
        for (path, bytes) in &all {
            assert_eq!(
                &renderer.render_path(path).unwrap().unwrap(),
                bytes,
                "{path}"
            );
        }
    }

    /// A sitemap past the protocol's limit of URLs (here lowered to 7) becomes an
    /// index of parts that list, between them, the URLs of the whole one, in order,
    /// each with its alternates; the index names each part with its latest day.
    #[test]
    fn a_sitemap_past_the_limit_is_split_into_parts_under_an_index() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/multilingual");
        let load = || {
            let loaded = crate::load::load(&root, &crate::load::Options::default()).unwrap();
            loaded.site.unwrap()
        };
        let renderer = Renderer::new(load(), crate::theme::english(), &[]);
        let xml = |r: &Renderer, path: &str| {
            String::from_utf8(r.render_path(path).expect(path).unwrap()).unwrap()
        };
        let whole = xml(&renderer, "sitemap.xml");
        let urls = |text: &str| -> Vec<(String, Option<String>, usize)> {
            let doc = roxmltree::Document::parse(text).unwrap();
            let child = |n: roxmltree::Node, name: &str| {
                n.children()
                    .find(|c| c.has_tag_name(name))
                    .and_then(|c| c.text())
                    .map(str::to_string)
            };
            (doc.root_element().children())
                .filter(|n| n.is_element())
                .map(|u| {
                    let alternates = u.children().filter(|c| c.has_tag_name("link")).count();
                    (child(u, "loc").unwrap(), child(u, "lastmod"), alternates)
                })
                .collect()
        };
        let all = urls(&whole);
        assert!(all.len() > 14 && all.iter().any(|u| u.2 > 0), "{whole}");
        assert_eq!(renderer.routes.sitemap_parts(), 0);

        assert_eq!(
            renderer.all().map(Renderer::sitemap_urls).sum::<usize>(),
            all.len()
        );
        let renderer = Renderer::with_sitemap_limit(load(), crate::theme::english(), &[], 7);
        let parts = all.len().div_ceil(7);
        assert_eq!(renderer.routes.sitemap_parts(), parts);
        let index = xml(&renderer, "sitemap.xml");
        let doc = roxmltree::Document::parse(&index).unwrap();
        assert_eq!(doc.root_element().tag_name().name(), "sitemapindex");
        let listed = urls(&index);
        let mut joined = Vec::new();
        for (n, (loc, lastmod, _)) in listed.iter().enumerate() {
            assert_eq!(
                loc,
                &format!("https://example.org/desk/sitemap-{}.xml", n + 1)
            );
            let part = urls(&xml(&renderer, &format!("sitemap-{}.xml", n + 1)));
            assert!(part.len() <= 7 && !part.is_empty());
            assert_eq!(lastmod, &part.iter().filter_map(|u| u.1.clone()).max());
            joined.extend(part);
        }
        assert_eq!(listed.len(), parts);
        assert_eq!(joined, all);
        assert!(xml(&renderer, "robots.txt").contains("https://example.org/desk/sitemap.xml"));
        assert!(
            renderer
                .render_path(&format!("sitemap-{}.xml", parts + 1))
                .is_none()
        );
    }
}
