//! One page's template context and rendering: one typed context per kind of page,
//! each built by its own function.

use std::borrow::Cow;
use std::collections::BTreeMap;

use anyhow::Context as _;
use serde::Serialize;
use tera::{Context, Value};

use super::page_cache::{Known, PageCache};
use super::shown::{self, Shown};
use super::titles;
use super::{Renderer, Sink};
use crate::contacts::{self, Contact};
use crate::model::{self, Site};
use crate::route::{self, DataFile, Entry, Route, statement_anchor};
use crate::timeline;
use crate::views::{ActorView, BriefingView, DateView, DayView, Html, Views, value};
use crate::{data, highlight, structured, theme};

/// Renders the file of `entry`.
pub(super) fn render_entry(r: &Renderer, entry: &Entry) -> anyhow::Result<Vec<u8>> {
    if let Some(bytes) = fixed_file(r, entry) {
        return Ok(bytes);
    }
    let (template, vars) = page_context(r, entry)?;
    render_template(r, entry, template, vars)
}

/// The files made without a template.
fn fixed_file(r: &Renderer, entry: &Entry) -> Option<Vec<u8>> {
    if entry.route == Route::Data(DataFile::ContactsCsv) {
        return Some(contacts::csv(&r.site, r.contacts()));
    }
    raw_file(&r.site, &entry.route)
}

/// What [`render_reusing`] made of a file.
pub(super) enum Made {
    /// Bytes rendered now.
    Rendered(Vec<u8>),
    /// The previous output's bytes, read back through the sink (for it to
    /// [`Sink::put_previous`]).
    Previous(Vec<u8>),
    /// The previous output's file, kept by the sink as it is
    /// ([`Sink::keep_previous`]): nothing more to do.
    Kept,
}

/// Renders the file of `entry`, or, for a page whose template variables are those
/// `pages` recorded for it last time, keeps the previous output's file (through
/// `sink`) if its bytes are still the ones recorded: the sink keeps it unread if
/// it can ([`Made::Kept`]), else its bytes are read back ([`Made::Previous`]). A
/// page whose fast key is the one recorded is kept so without building its
/// variables (see [`PageCache`]); with `SITROOM_VERIFY_CACHE` it is rendered as
/// well and compared.
pub(super) fn render_reusing(
    r: &Renderer,
    entry: &Entry,
    reuse: Option<(&PageCache, &dyn Sink)>,
) -> anyhow::Result<Made> {
    let Some((pages, sink)) = reuse else {
        return render_entry(r, entry).map(Made::Rendered);
    };
    if let Some(bytes) = fixed_file(r, entry) {
        return Ok(Made::Rendered(bytes));
    }
    let fast = fast_key(r, entry).unwrap_or(0);
    let Some(known) = pages.known_fast(&entry.path, fast) else {
        return render_keyed(r, entry, pages, sink, fast);
    };
    let made = if sink.keep_previous(&entry.path, known.output)? {
        Made::Kept
    } else if let Some(bytes) = sink.previous(&entry.path, known.output) {
        Made::Previous(bytes)
    } else {
        return render_keyed(r, entry, pages, sink, fast);
    };
    if r.verify_cache {
        // Kept by the fast key: the page as it would be rendered must be the same.
        r.verified(entry, known.output, &render_entry(r, entry)?)?;
    }
    pages.keep_fast(entry.path.clone(), known);
    Ok(made)
}

/// [`render_reusing`] by the page's template variables: their key is made first
/// (with statement stand-ins), and the page rendered only if it is not the one
/// recorded.
fn render_keyed(
    r: &Renderer,
    entry: &Entry,
    pages: &PageCache,
    sink: &dyn Sink,
    fast: u128,
) -> anyhow::Result<Made> {
    if pages.is_first() {
        // No page has a key to match (a first build, or a cache of another
        // version): rendered without making one, and recorded by its fast key
        // and bytes. A later build that misses the fast key makes its key
        // then, finds none to match, renders it and keeps the file where its
        // bytes are the same.
        let bytes = render_entry(r, entry)?;
        let output = crate::cache::hash(&bytes);
        pages.record(
            entry.path.clone(),
            Known {
                key: 0,
                fast,
                output,
            },
        );
        return Ok(Made::Rendered(bytes));
    }
    // The key of a list of statements is made with their stand-ins; their HTML
    // is rendered only if the page is.
    let stand_ins = takes_stand_ins(&entry.route);
    let how = if stand_ins {
        Statements::StandIns
    } else {
        Statements::Html
    };
    let (template, vars) = page_context_as(r, entry, how)?;
    let key = pages.key(&entry.path, template, vars.0.iter());
    if let Some(output) = pages.output(&entry.path, key) {
        let kept = if sink.keep_previous(&entry.path, output)? {
            Some(Made::Kept)
        } else {
            sink.previous(&entry.path, output).map(Made::Previous)
        };
        if let Some(made) = kept {
            if r.verify_cache && stand_ins {
                // Statements' stand-ins may be made without the other
                // briefings (`shown::statement_key`): checked as fast keys are.
                r.verified(entry, output, &render_entry(r, entry)?)?;
            }
            // Already hashed when it was checked: recorded as it is.
            pages.keep(entry.path.clone(), Known { key, fast, output });
            return Ok(made);
        }
    }
    let bytes = if stand_ins {
        let (template, vars) = page_context(r, entry)?;
        render_template(r, entry, template, vars)?
    } else {
        render_template(r, entry, template, vars)?
    };
    let output = crate::cache::hash(&bytes);
    pages.record(entry.path.clone(), Known { key, fast, output });
    Ok(Made::Rendered(bytes))
}

/// The fast key of `entry`'s file (see [`PageCache`]): `None` for a file that
/// shows briefing bodies other than its own (the site feed, the search index),
/// and without a site fingerprint. A page that names the briefings it shows
/// (see `shown`) is keyed by the shallow fingerprint and what it shows of them;
/// on a site with one language, briefing, actor and list pages by the narrow
/// one and those briefings' own hashes (`shown::briefing_key`,
/// `shown::actor_hash`, `shown::list_key`).
pub(super) fn fast_key(r: &Renderer, entry: &Entry) -> Option<u128> {
    if let Route::Briefing(_) = entry.route
        && let Some(key) = shown::briefing_key(r, entry)
    {
        return Some(key);
    }
    let shown = shown::shown(r, entry);
    if let Some(key) = shown::list_key(r, entry, &shown) {
        return Some(key);
    }
    let env = match shown {
        Shown::Any => r.fast_environment?,
        // Keyed by what they show of each briefing, own hashes too.
        Shown::Actor(_) if shown::narrow(r) => r.fast_narrow?,
        _ => r.fast_shallow?,
    };
    let mut h = crate::cache::Hasher::new();
    h.u128(env).text(&entry.path);
    match &entry.route {
        Route::Feed | Route::SearchIndex => return None,
        Route::Briefing(_) => {
            h.u128(r.site.briefings.get(entry.item)?.body_html.content_hash());
        }
        _ => {}
    }
    shown::hash_into(r, &shown, &mut h)?;
    Some(h.finish())
}

fn render_template(
    r: &Renderer,
    entry: &Entry,
    template: &'static str,
    vars: Vars,
) -> anyhow::Result<Vec<u8>> {
    let html = r
        .tera
        .render(template, &vars.into_context())
        .with_context(|| {
            format!(
                "cannot render `/{}` with template `{template}`",
                entry.route.rel()
            )
        })?;
    // Relative mode: links carry a mark for the root; this page's way there
    // replaces it (one pass over the page).
    let base = &r.site.base;
    let html = if base.relative {
        crate::route::resolve_root(html, &base.root_for(&entry.path))
    } else {
        html
    };
    Ok(html.into_bytes())
}

/// How to write a file that may be too big to make in memory first (the data
/// files of every statement): written straight to its destination by `build`.
pub(super) type Writer = fn(&Site, &mut data::Out<'_>) -> std::io::Result<()>;

/// The writer of `route`'s file, if it is one of the streamed data files.
pub(super) fn streamed(route: &Route) -> Option<Writer> {
    match route {
        Route::Data(DataFile::StatementsJson) => Some(data::statements_json),
        Route::Data(DataFile::TimelineJson) => Some(data::timeline_json),
        Route::Data(DataFile::StatementsCsv) => Some(data::statements_csv),
        _ => None,
    }
}

/// The files made without a template but the contacts CSV.
fn raw_file(site: &Site, route: &Route) -> Option<Vec<u8>> {
    match route {
        Route::Data(_) if streamed(route).is_some() => {
            let mut bytes = Vec::new();
            streamed(route)?(site, &mut data::Out::new(&mut bytes, &data::Fresh)).ok()?;
            Some(bytes)
        }
        Route::Data(DataFile::ActorsJson) => Some(data::actors_json(site)),
        Route::Data(DataFile::ActorsCsv) => Some(data::actors_csv(site)),
        Route::Highlight => Some(
            highlight::css(&site.config.highlight_theme)
                .unwrap_or_default()
                .into_bytes(),
        ),
        Route::ThemeStatic(name) => theme::STATIC
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, bytes)| bytes.to_vec()),
        Route::SearchIndex => Some(crate::search::CLIENT_JS.as_bytes().to_vec()),
        _ => None,
    }
}

/// A page's template variables by name. (`tera::Context` cannot list its keys, and
/// the test that checks docs/templates.md against the real contexts needs them.)
#[derive(Default)]
pub(super) struct Vars(pub(super) BTreeMap<String, Value>);

impl Vars {
    /// Adds the fields of a typed context.
    fn add(&mut self, view: &impl Serialize) {
        if let Some(map) = value(view).into_map() {
            self.0
                .extend(map.into_iter().map(|(k, v)| (k.to_string(), v)));
        }
    }

    fn into_context(self) -> Context {
        let mut ctx = Context::new();
        for (key, value) in self.0 {
            ctx.insert_value(key, value);
        }
        ctx
    }
}

/// What every page template gets.
#[derive(Serialize)]
struct Common {
    site: Value,
    page_title: String,
    page_url: String,
    page_permalink: Option<String>,
    /// The language switcher: every language of the site with the page in it, or
    /// its home where it has no such page; empty with one language.
    languages: Vec<LanguageLink>,
    /// The page in each language that has it, and `x-default` (the default
    /// language's), for `<link rel="alternate" hreflang>`; empty with one language.
    alternates: Vec<AlternateLink>,
}

#[derive(Serialize)]
struct LanguageLink {
    code: String,
    name: String,
    dir: &'static str,
    url: String,
    /// The page's own language.
    current: bool,
    /// The language has this page (not only its home).
    same_page: bool,
}

#[derive(Serialize)]
struct AlternateLink {
    hreflang: String,
    href: String,
}

/// The switcher's links for `route` in the language of `r`.
fn language_links(r: &Renderer, route: &Route) -> Vec<LanguageLink> {
    let current = r.site.language.ix;
    r.alternates
        .of_route(route)
        .enumerate()
        .map(|(i, (info, base, has))| LanguageLink {
            code: info.code.clone(),
            name: info.name.clone(),
            dir: info.dir.as_str(),
            url: if has {
                route.url(base)
            } else {
                Route::Home(1).url(base)
            },
            current: i == current,
            same_page: has,
        })
        .collect()
}

/// The `hreflang` alternates of `route`: absolute where the site has permalinks.
fn alternate_links(r: &Renderer, route: &Route) -> Vec<AlternateLink> {
    let mut out: Vec<AlternateLink> = r
        .alternates
        .of_route(route)
        .filter(|(_, _, has)| *has)
        .map(|(info, base, _)| AlternateLink {
            hreflang: info.code.clone(),
            href: route.permalink(base).unwrap_or_else(|| route.url(base)),
        })
        .collect();
    if let Some(default) = out.first().filter(|_| {
        r.alternates
            .of_route(route)
            .next()
            .is_some_and(|(_, _, has)| has)
    }) {
        out.push(AlternateLink {
            hreflang: "x-default".into(),
            href: default.href.clone(),
        });
    }
    out
}

/// The template and variables of a page rendered with a template.
pub(super) fn page_context(r: &Renderer, entry: &Entry) -> anyhow::Result<(&'static str, Vars)> {
    page_context_as(r, entry, Statements::Html)
}

/// How list pages get the statements they paste in (`{html}` each), and pages
/// their briefing cards and a briefing page its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Statements {
    /// Rendered with `partials/statement.html`, for the page.
    Html,
    /// A stand-in naming a hash of the variables that partial would be rendered
    /// with: the same HTML for the same stand-in, since the partial is part of the
    /// theme the page's cache key already covers. For the key alone, so a page the
    /// build cache finds unchanged costs no statement rendering. Cards and a
    /// briefing's body stand in by their hash the same way (see [`card_value`]).
    StandIns,
}

/// Whether the statements or briefing cards of `route`'s page are pasted into its
/// variables as they are (so a stand-in for each changes the key exactly when the
/// page would change).
fn takes_stand_ins(route: &Route) -> bool {
    matches!(
        route,
        Route::Briefing(_)
            | Route::Actor(_)
            | Route::ActorYear(..)
            | Route::Timeline
            | Route::TimelineYear(..)
            | Route::Home(_)
            | Route::Tag(..)
            | Route::Archive
            | Route::ArchiveYear(_)
            | Route::ArchiveMonth(..)
    )
}

/// [`page_context`] with statements pasted in as `statements` says.
fn page_context_as(
    r: &Renderer,
    entry: &Entry,
    statements: Statements,
) -> anyhow::Result<(&'static str, Vars)> {
    let (site, route, ix) = (&r.site, &entry.route, entry.item);
    let Some(template) = route.template() else {
        anyhow::bail!("`/{}` is not rendered with a template", route.rel());
    };
    let mut vars = Vars::default();
    vars.add(&Common {
        site: r.views.site.clone(),
        page_title: titles::page(site, &r.routes, route, ix),
        page_url: route.url(&site.base),
        page_permalink: route.permalink(&site.base),
        languages: language_links(r, route),
        alternates: alternate_links(r, route),
    });
    match route {
        Route::Home(n) => vars.add(&home(r, *n, statements)),
        Route::Briefing(_) => vars.add(&briefing(r, route, ix, statements)),
        Route::Actors => vars.add(&actors(r)),
        Route::ActorLetter(segment, n) => vars.add(&actor_letter(r, segment, *n)?),
        Route::Actor(_) => vars.add(&actor(r, route, ix, statements)?),
        Route::ActorFeed(_) => vars.add(&actor_feed(r, ix)?),
        Route::Timeline | Route::TimelineYear(..) => vars.add(&timeline(r, route, statements)?),
        Route::ActorYear(_, y, n) => vars.add(&actor_year(r, ix, (*y, *n), statements)?),
        Route::Archive | Route::ArchiveYear(_) | Route::ArchiveMonth(..) => {
            vars.add(&archive(r, route, statements));
        }
        Route::Contacts => vars.add(&contacts(r)),
        Route::Corrections(n) => vars.add(&corrections(r, *n)),
        Route::Tags => vars.add(&tags(r)),
        Route::Tag(slug, n) => vars.add(&tag(r, slug, *n, statements)),
        Route::Page(_) => vars.add(&page(r, route, ix)),
        Route::Feed => vars.add(&site_feed(r)?),
        Route::Sitemap => vars.add(&sitemap(r, None)),
        Route::SitemapPart(n) => vars.add(&sitemap(r, Some(*n))),
        Route::SitemapIndex => vars.add(&sitemap_index(r)),
        Route::Robots => vars.add(&Robots {
            // No sitemap without absolute URLs (relative mode, no public URL).
            sitemap_url: Route::Sitemap.permalink(&site.base),
        }),
        Route::Search => vars.add(&search(r)),
        Route::NotFound
        | Route::Data(_)
        | Route::Highlight
        | Route::ThemeStatic(_)
        | Route::SearchIndex => {}
    }
    Ok((template, vars))
}

/// `index.html`: one page of the briefing list.
#[derive(Serialize)]
struct Home {
    briefings: Vec<Value>,
    paginator: Paginator,
    /// The archive: briefings by year and month.
    archive_url: String,
}

#[derive(Serialize)]
struct Paginator {
    number: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
    first: String,
    last: String,
    /// The pages run forward in time (the timeline): "Earlier"/"Later" links
    /// rather than "Newer"/"Older".
    oldest_first: bool,
}

/// Page `n` of `total`, whose page `k` is at `url(k)`.
fn paginator(n: usize, total: usize, url: impl Fn(usize) -> String) -> Paginator {
    Paginator {
        number: n,
        total,
        prev: (n > 1).then(|| url(n - 1)),
        next: (n < total).then(|| url(n + 1)),
        first: url(1),
        last: url(total),
        oldest_first: false,
    }
}

/// The items of page `n` (from 1) of `len` items, `per` to a page.
pub(super) fn page_slice(n: usize, per: usize, len: usize) -> std::ops::Range<usize> {
    let start = ((n.max(1) - 1) * per).min(len);
    start..(start + per).min(len)
}

fn home(r: &Renderer, n: usize, how: Statements) -> Home {
    let (site, base) = (&r.site, &r.site.base);
    let total = r.routes.home_pages();
    Home {
        briefings: page_slice(n, site.config.paginate, site.briefings.len())
            .map(|b| card_value(r, b, how))
            .collect(),
        paginator: paginator(n, total, |k| Route::Home(k).url(base)),
        archive_url: Route::Archive.url(base),
    }
}

/// `briefing.html`.
#[derive(Serialize)]
struct BriefingPage<'a> {
    briefing: BriefingView<'a>,
    jsonld: Html<String>,
    /// `ClaimReview` JSON-LD of the fact-checked statements, if any.
    claim_reviews: Option<Html<String>>,
}

fn briefing<'r>(r: &'r Renderer, route: &Route, ix: usize, how: Statements) -> BriefingPage<'r> {
    let site = &r.site;
    let body = match how {
        Statements::Html => {
            let html = site.briefings[ix].body_html.unpack();
            Cow::Owned(
                route::resolve_links(&html, &site.base, &route.path_in(&site.base)).into_owned(),
            )
        }
        // For the key, the body stands for itself by its hash: its links are
        // resolved by the page's path and the URL settings, which the key covers.
        Statements::StandIns => Cow::Owned(format!(
            "body {:032x}",
            site.briefings[ix].body_html.content_hash()
        )),
    };
    BriefingPage {
        briefing: BriefingView::of(site, &r.views, ix, body, card_value(r, ix, how)),
        jsonld: Html(structured::briefing(site, ix)),
        claim_reviews: structured::claim_review::briefing(site, ix).map(Html),
    }
}

/// `actors.html`: the actors grouped by kind; past [`route::ACTORS_SPLIT`] actors
/// an index instead: the letter bar, the kinds with counts and the most cited.
#[derive(Serialize)]
struct Actors {
    /// Every actor, by kind; empty when the page is an index.
    groups: Vec<ActorGroup>,
    /// The page is an index; the actors are on the letter pages.
    split: bool,
    actor_count: usize,
    /// The letter bar; empty unless `split`.
    letters: Vec<LetterLink>,
    /// Each kind with its count; empty unless `split`.
    kinds: Vec<KindCount>,
    /// The actors in the most statements (at most [`MOST_CITED`]); empty unless `split`.
    most_cited: Vec<ActorCounts>,
}

/// How many of the most cited actors the actors index lists.
const MOST_CITED: usize = 20;

#[derive(Serialize)]
struct ActorGroup {
    kind: &'static str,
    label: String,
    actors: Vec<ActorCounts>,
}

#[derive(Serialize)]
struct ActorCounts {
    actor: Value,
    statement_count: usize,
    said_count: usize,
    addressed_count: usize,
    briefing_count: usize,
}

/// One entry of the actors' letter bar.
#[derive(Serialize)]
struct LetterLink {
    /// The letter(s) as the names have them: `A`, `Е Э`.
    label: String,
    /// The letter's first page; none for a letter no name starts with.
    url: Option<String>,
    count: usize,
    /// The page shown is this letter's.
    current: bool,
}

#[derive(Serialize)]
struct KindCount {
    kind: &'static str,
    label: String,
    count: usize,
}

fn actor_counts(r: &Renderer, i: usize) -> ActorCounts {
    let (site, a) = (&r.site, &r.site.actors[i]);
    let said = (a.statements.iter())
        .filter(|&&s| site.statements[s].speakers.contains(&i))
        .count();
    ActorCounts {
        actor: r.views.actor_refs[i].clone(),
        statement_count: a.statements.len(),
        said_count: said,
        addressed_count: a.statements.len() - said,
        briefing_count: a.briefings.len(),
    }
}

/// The actors `ixs` (in the order given, sorted by kind) grouped by kind.
fn kind_groups(r: &Renderer, ixs: &[usize]) -> Vec<ActorGroup> {
    let site = &r.site;
    let mut groups: Vec<ActorGroup> = Vec::new();
    for &i in ixs {
        let kind = site.actors[i].kind;
        if groups.last().is_none_or(|g| g.kind != kind.id()) {
            groups.push(ActorGroup {
                kind: kind.id(),
                label: site.locale.actor_kind_plural(kind.id()).into_owned(),
                actors: Vec::new(),
            });
        }
        if let Some(g) = groups.last_mut() {
            g.actors.push(actor_counts(r, i));
        }
    }
    groups
}

/// `ixs` sorted by kind (person, state…), site order within a kind.
fn by_kind(site: &Site, ixs: &[usize]) -> Vec<usize> {
    let mut out = ixs.to_vec();
    out.sort_by_key(|&i| (site.actors[i].kind, i));
    out
}

/// The letter bar, with `current` (a segment) marked.
fn letter_links(r: &Renderer, current: Option<&str>) -> Vec<LetterLink> {
    let base = &r.site.base;
    (r.routes.actor_letters().iter())
        .map(|l| LetterLink {
            label: l.letters.join(" "),
            url: (!l.actors.is_empty()).then(|| Route::ActorLetter(l.segment.clone(), 1).url(base)),
            count: l.actors.len(),
            current: current == Some(l.segment.as_str()),
        })
        .collect()
}

fn actors(r: &Renderer) -> Actors {
    let site = &r.site;
    let all: Vec<usize> = (0..site.actors.len()).collect();
    let split = !r.routes.actor_letters().is_empty();
    if !split {
        return Actors {
            groups: kind_groups(r, &by_kind(site, &all)),
            split,
            actor_count: all.len(),
            letters: Vec::new(),
            kinds: Vec::new(),
            most_cited: Vec::new(),
        };
    }
    let mut kinds: Vec<KindCount> = Vec::new();
    for i in by_kind(site, &all) {
        let kind = site.actors[i].kind.id();
        match kinds.last_mut() {
            Some(k) if k.kind == kind => k.count += 1,
            _ => kinds.push(KindCount {
                kind,
                label: site.locale.actor_kind_plural(kind).into_owned(),
                count: 1,
            }),
        }
    }
    let mut cited = all.clone();
    cited.sort_by_key(|&i| (std::cmp::Reverse(site.actors[i].statements.len()), i));
    Actors {
        groups: Vec::new(),
        split,
        actor_count: all.len(),
        letters: letter_links(r, None),
        kinds,
        most_cited: (cited.into_iter())
            .take(MOST_CITED)
            .filter(|&i| !site.actors[i].statements.is_empty())
            .map(|i| actor_counts(r, i))
            .collect(),
    }
}

/// `actors_letter.html`: one page of the actors whose names start with a letter,
/// grouped by kind.
#[derive(Serialize)]
struct ActorLetterPage {
    /// The letter(s) as the names have them: `A`, `Е Э`.
    letter: String,
    /// How many actors the letter has (on all its pages).
    count: usize,
    letters: Vec<LetterLink>,
    groups: Vec<ActorGroup>,
    paginator: Paginator,
    /// The actors index.
    actors_url: String,
}

fn actor_letter(r: &Renderer, segment: &str, n: usize) -> anyhow::Result<ActorLetterPage> {
    let Some(l) = r.routes.actor_letter(segment) else {
        anyhow::bail!("no actors' letter `{segment}`");
    };
    let sorted = by_kind(&r.site, &l.actors);
    let shown = &sorted[page_slice(n, route::ACTORS_SPLIT, sorted.len())];
    let total = route::page_count(sorted.len(), route::ACTORS_SPLIT);
    let base = &r.site.base;
    Ok(ActorLetterPage {
        letter: l.letters.join(" "),
        count: l.actors.len(),
        letters: letter_links(r, Some(segment)),
        groups: kind_groups(r, shown),
        paginator: paginator(n, total, |k| {
            Route::ActorLetter(segment.to_string(), k).url(base)
        }),
        actors_url: Route::Actors.url(base),
    })
}

/// `actor.html`: profile, roles, statements newest first grouped by year (all of
/// them, or the latest when they are on year pages), contacts, briefings.
#[derive(Serialize)]
struct ActorPage<'a> {
    actor: ActorView<'a>,
    jsonld: Html<String>,
    /// The most frequent contacts (at most [`ACTOR_CONTACTS`]).
    contacts: Vec<ActorContact>,
    contact_count: usize,
    /// Every year with statements, newest first: the jump bar.
    years: Vec<ActorYearLink>,
    /// The statements shown, newest first, by year.
    statement_groups: Vec<StatementYear>,
    /// The statements are on year pages; the page shows the latest.
    split: bool,
    counts: SaidCounts,
    /// The page's description (`<meta name="description">`, `og:description`): the
    /// bio's first paragraph, else "Name: N statements".
    description: String,
}

/// Actor `ix`'s description: the bio's first paragraph, else a count.
fn actor_description(site: &Site, ix: usize) -> String {
    let a = &site.actors[ix];
    if !a.first_paragraph.is_empty() {
        return a.first_paragraph.clone();
    }
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("name", a.name.as_str());
    args.set(
        "count",
        i64::try_from(a.statements.len()).unwrap_or(i64::MAX),
    );
    (site.locale.format("actor-og-description", Some(&args))).unwrap_or_else(|_| a.name.clone())
}

/// How many statements an actor made (`said`) and how many were addressed to them.
#[derive(Serialize, Default, Clone, Copy)]
struct SaidCounts {
    said: usize,
    addressed: usize,
    total: usize,
}

#[derive(Serialize)]
struct ActorYearLink {
    year: i16,
    url: String,
    counts: SaidCounts,
    current: bool,
}

#[derive(Serialize)]
struct StatementYear {
    year: i16,
    counts: SaidCounts,
    /// Each statement as `{html}`.
    statements: Vec<Value>,
}

/// One actor this actor spoke with, and the latest statements where they did.
#[derive(Serialize)]
struct ActorContact {
    actor: Value,
    count: usize,
    first: DateView,
    last: DateView,
    statements: Vec<StatementLink>,
}

#[derive(Serialize)]
struct StatementLink {
    url: String,
    date: DateView,
}

/// Contacts on an actor page, most frequent first; all of them are on `/contacts/`
/// and in `data/contacts.csv`.
const ACTOR_CONTACTS: usize = 30;
/// Links to the latest statements of each contact.
const CONTACT_LINKS: usize = 5;
/// Statements an actor page shows when the rest are on year pages.
const ACTOR_RECENT: usize = 20;

/// An actor's statements by year, newest first: `(year, [(statement, said)])`.
pub(super) type ActorYears = Vec<(i16, Vec<(usize, bool)>)>;

/// Actor `ix`'s statements by year, newest first, as every page about the actor
/// lists them (computed once per actor, not once per year page).
fn actor_by_year(r: &Renderer, ix: usize) -> &[(i16, Vec<(usize, bool)>)] {
    match r.actor_years.get(ix) {
        Some(cell) => cell.get_or_init(|| actor_statements_by_year(&r.site, ix)),
        None => &[],
    }
}

/// Actor `ix`'s statements, newest first, by year: `(year, [(statement, said)])`.
fn actor_statements_by_year(site: &Site, ix: usize) -> ActorYears {
    let mut years: Vec<(i16, Vec<(usize, bool)>)> = Vec::new();
    for &s in site.actors[ix].statements.iter().rev() {
        let st = &site.statements[s];
        let item = (s, st.speakers.contains(&ix));
        let y = st.date.first_day().year();
        match years.last_mut() {
            Some((year, items)) if *year == y => items.push(item),
            _ => years.push((y, vec![item])),
        }
    }
    years
}

fn said_counts(items: &[(usize, bool)]) -> SaidCounts {
    let said = items.iter().filter(|i| i.1).count();
    SaidCounts {
        said,
        addressed: items.len() - said,
        total: items.len(),
    }
}

/// The year jump bar of actor `ix`: to year pages when split, else to the year's
/// section of the actor page.
fn actor_year_links(
    r: &Renderer,
    ix: usize,
    by_year: &[(i16, Vec<(usize, bool)>)],
    current: Option<i16>,
) -> Vec<ActorYearLink> {
    let (site, id) = (&r.site, &r.site.actors[ix].id);
    let split = !r.routes.actor_years(ix).is_empty();
    let link = |(y, items): &(i16, Vec<(usize, bool)>)| ActorYearLink {
        year: *y,
        url: if split {
            Route::ActorYear(id.clone(), *y, 1).url(&site.base)
        } else {
            Route::Actor(id.clone()).url_to(&site.base, &format!("y-{y}"))
        },
        counts: said_counts(items),
        current: Some(*y) == current,
    };
    by_year.iter().map(link).collect()
}

/// Statement `s` as list pages paste it: its HTML, or its stand-in (see
/// [`Statements`]).
fn statement_value(r: &Renderer, s: usize, how: Statements) -> anyhow::Result<Value> {
    match how {
        Statements::Html => statement_html(r, s),
        Statements::StandIns => Ok(value(&StatementStandIn {
            html: format!("statement {:032x}", statement_key(r, s)),
        })),
    }
}

/// The hash statement `s`'s stand-in names: of the variables
/// `partials/statement.html` is rendered with, its briefing's card by its hash;
/// on a site with one language, the statement's hashes without the other
/// briefings (`shown::statement_key`, a few hashes instead of its variables
/// made and walked). Made once a build.
fn statement_key(r: &Renderer, s: usize) -> u128 {
    *r.statement_keys[s].get_or_init(|| {
        if let Some(key) = shown::statement_key(r, s) {
            return key;
        }
        let card = card_value(r, r.site.statements[s].briefing, Statements::StandIns);
        super::page_cache::value_key(&value(&r.views.statement_vars_with(&r.site, s, card)))
    })
}

/// Statement `s`'s HTML for list pages (`{html}`): through the build cache's
/// statement store when the build keeps one (see `statement_store`), else
/// rendered.
fn statement_html(r: &Renderer, s: usize) -> anyhow::Result<Value> {
    match r.statement_store.get() {
        Some(store) => {
            let key = statement_key(r, s);
            (r.views).statement_html_or(&r.site, &r.tera, s, |render| store.html(key, render))
        }
        None => r.views.statement_html(&r.site, &r.tera, s),
    }
}

/// Briefing `b`'s card as list pages paste it: the card, or for a cache key a
/// stand-in naming a hash of it, made once a build (a card is the same on every
/// page that lists its briefing, and in each of its statements).
fn card_value(r: &Renderer, b: usize, how: Statements) -> Value {
    match how {
        Statements::Html => r.views.card(&r.site, b),
        Statements::StandIns => {
            let hash = r.card_keys[b]
                .get_or_init(|| super::page_cache::value_key(&r.views.card(&r.site, b)));
            value(&CardStandIn {
                card: format!("card {hash:032x}"),
            })
        }
    }
}

/// What stands for a briefing's card in a cache key.
#[derive(Serialize)]
struct CardStandIn {
    card: String,
}

/// What stands for a statement's `{html}` in a cache key.
#[derive(Serialize)]
struct StatementStandIn {
    html: String,
}

fn statement_year(
    r: &Renderer,
    (year, counts): (i16, SaidCounts),
    items: &[(usize, bool)],
    how: Statements,
) -> anyhow::Result<StatementYear> {
    let statements = (items.iter())
        .map(|&(s, _)| statement_value(r, s, how))
        .collect::<anyhow::Result<Vec<Value>>>()?;
    Ok(StatementYear {
        year,
        counts,
        statements,
    })
}

fn actor<'r>(
    r: &'r Renderer,
    route: &Route,
    ix: usize,
    statements: Statements,
) -> anyhow::Result<ActorPage<'r>> {
    let site = &r.site;
    let bio = route::resolve_links(
        &site.actors[ix].bio_html,
        &site.base,
        &route.path_in(&site.base),
    );
    let by_year = actor_by_year(r, ix);
    let split = !r.routes.actor_years(ix).is_empty();
    let mut left = if split { ACTOR_RECENT } else { usize::MAX };
    let mut groups = Vec::new();
    for (y, items) in by_year {
        if left == 0 {
            break;
        }
        let shown = &items[..items.len().min(left)];
        left -= shown.len();
        groups.push(statement_year(
            r,
            (*y, said_counts(items)),
            shown,
            statements,
        )?);
    }
    let all: Vec<(usize, bool)> = by_year.iter().flat_map(|y| y.1.clone()).collect();
    let mine = contacts::of_actor(site, r.contacts(), ix);
    Ok(ActorPage {
        actor: ActorView::of(site, &r.views, ix, bio),
        jsonld: Html(structured::actor(site, ix)),
        contact_count: mine.len(),
        contacts: (mine.into_iter().take(ACTOR_CONTACTS))
            .map(|(other, c)| actor_contact(site, &r.views, other, c))
            .collect(),
        years: actor_year_links(r, ix, by_year, None),
        statement_groups: groups,
        split,
        counts: said_counts(&all),
        description: actor_description(site, ix),
    })
}

/// `actor_year.html`: one page of an actor's statements of one year, newest first.
#[derive(Serialize)]
struct ActorYearPage {
    /// The actor as statements refer to them (`id`, `name`, `kind`, `url`).
    actor: Value,
    year: i16,
    years: Vec<ActorYearLink>,
    statement_group: StatementYear,
    paginator: Option<Paginator>,
}

fn actor_year(
    r: &Renderer,
    ix: usize,
    (year, n): (i16, usize),
    statements: Statements,
) -> anyhow::Result<ActorYearPage> {
    let (site, id) = (&r.site, &r.site.actors[ix].id);
    let by_year = actor_by_year(r, ix);
    let items = by_year
        .iter()
        .find(|(y, _)| *y == year)
        .map_or(&[][..], |(_, items)| items.as_slice());
    let pages = route::page_count(items.len(), route::ACTOR_SPLIT);
    let shown = &items[page_slice(n, route::ACTOR_SPLIT, items.len())];
    let url = |k: usize| Route::ActorYear(id.clone(), year, k).url(&site.base);
    Ok(ActorYearPage {
        actor: r.views.actor_refs[ix].clone(),
        year,
        years: actor_year_links(r, ix, by_year, Some(year)),
        statement_group: statement_year(r, (year, said_counts(items)), shown, statements)?,
        paginator: (pages > 1).then(|| paginator(n, pages, url)),
    })
}

fn actor_contact(site: &Site, views: &Views, other: usize, c: &Contact) -> ActorContact {
    let link = |&s: &usize| {
        let st = &site.statements[s];
        let b = &site.briefings[st.briefing];
        StatementLink {
            url: Route::Briefing(b.slug.clone())
                .url_to(site.briefing_base(&b.slug), &statement_anchor(st)),
            date: DateView::of(&st.date, &site.locale),
        }
    };
    ActorContact {
        actor: views.actor_refs[other].clone(),
        count: c.statements.len(),
        first: DateView::of(&c.first, &site.locale),
        last: DateView::of(&c.last, &site.locale),
        statements: c.statements[c.statements.len().saturating_sub(CONTACT_LINKS)..]
            .iter()
            .map(link)
            .collect(),
    }
}

/// `atom.xml`: the site's feed or an actor's. Written only where the site has an
/// absolute URL (RFC 4287 wants absolute ids); links inside entry content are
/// relative to `xml_base`, the site's root.
#[derive(Serialize)]
struct Feed {
    feed_title: String,
    feed_url: Option<String>,
    alternate_url: Option<String>,
    /// The site's absolute root, the feed's `xml:base`.
    xml_base: Option<String>,
    feed_updated: String,
    entries: Vec<FeedEntry>,
}

/// One entry: a briefing (the site's feed) or a statement (an actor's feed).
#[derive(Serialize)]
struct FeedEntry {
    title: String,
    /// The absolute URL of the briefing or statement: the entry's id and link.
    url: Option<String>,
    /// RFC 3339.
    published: String,
    updated: String,
    categories: Vec<String>,
    summary: Option<String>,
    /// HTML (the template escapes it into `<content type="html">`).
    content: String,
}

/// The newest briefings of the site's feed.
const FEED_ENTRIES: usize = 20;
/// The newest statements of an actor's feed.
const ACTOR_FEED_ENTRIES: usize = 50;

/// A publication day as an RFC 3339 date-time (midnight UTC).
fn rfc3339(day: crate::date::Day) -> String {
    format!("{}T00:00:00Z", day.iso())
}

/// HTML written for the site root (`xml:base`): in relative mode the root mark
/// becomes nothing, so links are relative to the root.
fn from_root(r: &Renderer, html: String) -> String {
    if r.site.base.relative {
        route::resolve_root(html, "")
    } else {
        html
    }
}

fn feed_of(
    r: &Renderer,
    title: String,
    feed: &Route,
    page: &Route,
    entries: Vec<FeedEntry>,
) -> Feed {
    let base = &r.site.base;
    Feed {
        feed_title: title,
        feed_url: feed.permalink(base),
        alternate_url: page.permalink(base),
        xml_base: Route::Home(1).permalink(base),
        feed_updated: (entries.iter().map(|e| e.updated.clone()).max())
            .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string()),
        entries,
    }
}

/// Briefing `b` as an entry: its body, then its statements.
fn briefing_entry(r: &Renderer, b: usize) -> anyhow::Result<FeedEntry> {
    let site = &r.site;
    let br = &site.briefings[b];
    let html = br.body_html.unpack();
    let mut content = route::resolve_links(&html, &site.base, "atom.xml").into_owned();
    if !br.statements.is_empty() {
        content.push_str("<ul class=\"statements\">");
        for &s in &br.statements {
            let html = statement_html(r, s)?;
            content.push_str(statement_card(&html));
        }
        content.push_str("</ul>");
    }
    Ok(FeedEntry {
        title: br.title.clone(),
        url: Route::Briefing(br.slug.clone()).permalink(&site.base),
        published: rfc3339(br.date),
        updated: rfc3339(br.updated.unwrap_or(br.date)),
        categories: br.tags.clone(),
        summary: (!br.summary.is_empty()).then(|| br.summary.clone()),
        content: from_root(r, content),
    })
}

/// Statement `s` as an entry of an actor's feed: "Speaker – Kind, date", with
/// the statement card (quote, summary, source) as content.
fn statement_entry(r: &Renderer, s: usize) -> anyhow::Result<FeedEntry> {
    let site = &r.site;
    let st = &site.statements[s];
    let b = &site.briefings[st.briefing];
    let speakers: Vec<&str> = (st.speakers.iter())
        .map(|&a| site.actors[a].name.as_str())
        .collect();
    let title = site.locale.with_args(
        "feed-statement-title",
        &[
            ("speakers", &speakers.join(", ")),
            ("kind", &site.locale.statement_kind(st.kind.id())),
            ("date", &st.date.display_in(&site.locale)),
        ],
    );
    let html = statement_html(r, s)?;
    let card = statement_card(&html);
    Ok(FeedEntry {
        title,
        url: Route::Briefing(b.slug.clone()).permalink_to(&site.base, &statement_anchor(st)),
        published: rfc3339(b.date),
        updated: rfc3339(b.updated.unwrap_or(b.date)),
        categories: Vec::new(),
        summary: st.summary.clone(),
        content: from_root(r, format!("<ul class=\"statements\">{card}</ul>")),
    })
}

/// The HTML of a statement rendered once for list pages (`{html}`).
fn statement_card(v: &Value) -> &str {
    v.get_from_path("html")
        .and_then(Value::as_str)
        .unwrap_or_default()
}

fn site_feed(r: &Renderer) -> anyhow::Result<Feed> {
    let n = r.site.briefings.len().min(FEED_ENTRIES);
    let entries = (0..n)
        .map(|b| briefing_entry(r, b))
        .collect::<anyhow::Result<_>>()?;
    let title = r.site.config.title.clone();
    Ok(feed_of(r, title, &Route::Feed, &Route::Home(1), entries))
}

/// An actor's feed: their statements (said or addressed to them), newest first.
fn actor_feed(r: &Renderer, ix: usize) -> anyhow::Result<Feed> {
    let a = &r.site.actors[ix];
    let entries = (a.statements.iter().rev().take(ACTOR_FEED_ENTRIES))
        .map(|&s| statement_entry(r, s))
        .collect::<anyhow::Result<_>>()?;
    let title = titles::actor_feed(&r.site, a);
    Ok(feed_of(
        r,
        title,
        &Route::ActorFeed(a.id.clone()),
        &Route::Actor(a.id.clone()),
        entries,
    ))
}

/// `timeline.html`: the whole timeline; or, when it is split, its front page (the
/// latest months) or one page of one year, with a jump bar of years and months.
#[derive(Serialize)]
struct Timeline {
    months: Vec<Month>,
    /// The years of a split timeline; on the front page each with its months.
    years: Vec<YearLink>,
    year: Option<i16>,
    /// The front page of a split timeline: the latest statements only.
    latest: bool,
    /// Month jump links: of the year shown, or of the whole (unsplit) timeline.
    month_links: Vec<MonthLink>,
    paginator: Option<Paginator>,
    statement_count: usize,
    filters: Filters,
}

#[derive(Serialize)]
struct Month {
    key: String,
    label: String,
    days: Vec<TimelineDay>,
}

#[derive(Serialize)]
struct TimelineDay {
    key: String,
    label: String,
    statements: Vec<Value>,
}

#[derive(Serialize)]
struct YearLink {
    year: i16,
    url: String,
    count: usize,
    current: bool,
    months: Vec<MonthLink>,
}

/// A link to a month of the timeline or the archive.
#[derive(Serialize)]
struct MonthLink {
    key: String,
    label: String,
    url: String,
    count: usize,
}

/// A run of the timeline's statements (date order) filed under one month.
pub(super) struct MonthRun {
    month: (i16, Option<i8>),
    start: usize,
    count: usize,
}

/// The months of the whole timeline, oldest first.
pub(super) fn month_runs(site: &Site) -> Vec<MonthRun> {
    let mut runs: Vec<MonthRun> = Vec::new();
    for (i, s) in site.statements.iter().enumerate() {
        let month = timeline::month_of(&s.date);
        match runs.last_mut() {
            Some(run) if run.month == month => run.count += 1,
            _ => runs.push(MonthRun {
                month,
                start: i,
                count: 1,
            }),
        }
    }
    runs
}

/// Where statement `ix` (of year `year`, which starts at statement `year_start`)
/// is shown: the page of its year holding it.
fn timeline_page_of(year: i16, year_start: usize, ix: usize) -> Route {
    Route::TimelineYear(year, (ix - year_start) / route::TIMELINE_SPLIT + 1)
}

/// The month links of `runs` (one year's, or all of an unsplit timeline).
fn month_links(r: &Renderer, runs: &[MonthRun], year_start: Option<usize>) -> Vec<MonthLink> {
    let (site, words) = (&r.site, r.site.locale.dates());
    runs.iter()
        .map(|run| {
            let key = timeline::month_key(run.month);
            let id = format!("m-{key}");
            let route = match year_start {
                Some(start) => timeline_page_of(run.month.0, start, run.start),
                None => Route::Timeline,
            };
            MonthLink {
                label: run.month.1.map_or_else(
                    || words.month_unknown().to_string(),
                    |m| words.month_short(m).to_string(),
                ),
                url: route.url_to(&site.base, &id),
                key,
                count: run.count,
            }
        })
        .collect()
}

/// Each year of the timeline with where its statements start and how many
/// there are: `(year, start, count)`.
fn timeline_starts(r: &Renderer) -> Vec<(i16, usize, usize)> {
    let mut starts = Vec::new();
    let mut start = 0;
    for &(y, n) in r.routes.timeline_years() {
        starts.push((y, start, n));
        start += n;
    }
    starts
}

/// Adds to `h` what a timeline page of `year` (none: the front page) shows of
/// where the statements fall: each year's count, and the months of its year
/// (of every year, on the front page) with theirs.
pub(super) fn timeline_shape_into(r: &Renderer, year: Option<i16>, h: &mut crate::cache::Hasher) {
    let years = r.routes.timeline_years();
    h.u64(years.len() as u64);
    for &(y, n) in years {
        h.u64(y as u64).u64(n as u64);
    }
    let runs = (r.month_runs().iter()).filter(|run| year.is_none_or(|y| run.month.0 == y));
    for run in runs {
        let month = run.month.1.map_or(0, |m| m as u64 + 1);
        h.u64(run.month.0 as u64).u64(month);
        h.u64(run.start as u64).u64(run.count as u64);
    }
    h.u64(u64::MAX);
}

/// The year (none: the front page) and page number of a timeline page.
pub(super) fn timeline_page(route: &Route) -> (Option<i16>, usize) {
    match route {
        Route::TimelineYear(y, n) => (Some(*y), *n),
        _ => (None, 1),
    }
}

/// The statements the timeline page at `route` shows.
pub(super) fn timeline_chosen(r: &Renderer, route: &Route) -> Vec<usize> {
    let (year, page) = timeline_page(route);
    let starts = timeline_starts(r);
    match year.and_then(|y| starts.iter().find(|s| s.0 == y)) {
        Some(&(_, start, n)) => {
            let from = start + (page - 1) * route::TIMELINE_SPLIT;
            let to = (from + route::TIMELINE_SPLIT).min(start + n);
            (from..to).collect()
        }
        None if r.routes.timeline_is_split() => latest(r.month_runs()),
        None => (0..r.site.statements.len()).collect(),
    }
}

fn timeline(r: &Renderer, route: &Route, statements: Statements) -> anyhow::Result<Timeline> {
    let (site, runs) = (&r.site, r.month_runs());
    let split = r.routes.timeline_is_split();
    let (year, page) = timeline_page(route);
    let starts = timeline_starts(r);
    let year_runs = |y: i16| -> Vec<MonthRun> {
        (runs.iter().filter(|run| run.month.0 == y))
            .map(|run| MonthRun { ..*run })
            .collect()
    };
    let years = starts
        .iter()
        .map(|&(y, start, n)| YearLink {
            year: y,
            url: Route::TimelineYear(y, 1).url(&site.base),
            count: n,
            current: Some(y) == year,
            months: if year.is_none() {
                month_links(r, &year_runs(y), Some(start))
            } else {
                Vec::new()
            },
        })
        .collect();
    let chosen = timeline_chosen(r, route);
    let (month_nav, paginator) = match year.and_then(|y| starts.iter().find(|s| s.0 == y)) {
        Some(&(y, start, n)) => {
            let pages = route::page_count(n, route::TIMELINE_SPLIT);
            let url = |k: usize| Route::TimelineYear(y, k).url(&site.base);
            (
                month_links(r, &year_runs(y), Some(start)),
                (pages > 1).then(|| Paginator {
                    oldest_first: true,
                    ..paginator(page, pages, url)
                }),
            )
        }
        None if split => (Vec::new(), None),
        None => (month_links(r, runs, None), None),
    };
    Ok(Timeline {
        months: timeline_months(r, &chosen, statements)?,
        years,
        year,
        latest: split && year.is_none(),
        month_links: month_nav,
        paginator,
        statement_count: chosen.len(),
        filters: filters(site, &r.views, &chosen),
    })
}

/// The statements of the front page of a split timeline: the latest whole months
/// that fit on a page, or the latest page of statements if the last month alone
/// does not fit.
fn latest(runs: &[MonthRun]) -> Vec<usize> {
    let mut taken = 0;
    let mut from = None;
    for run in runs.iter().rev() {
        if taken + run.count > route::TIMELINE_SPLIT {
            break;
        }
        taken += run.count;
        from = Some(run.start);
    }
    let end = runs.last().map_or(0, |run| run.start + run.count);
    let from = from.unwrap_or(end.saturating_sub(route::TIMELINE_SPLIT));
    (from..end).collect()
}

/// `chosen` statements grouped by month and day, each as its HTML.
fn timeline_months(r: &Renderer, chosen: &[usize], how: Statements) -> anyhow::Result<Vec<Month>> {
    let site = &r.site;
    let mut months = Vec::new();
    for m in timeline::group_in(chosen, |i| site.statements[i].date, &site.locale) {
        let mut days = Vec::with_capacity(m.days.len());
        for d in m.days {
            let statements = (d.items.iter())
                .map(|&i| statement_value(r, i, how))
                .collect::<anyhow::Result<Vec<Value>>>()?;
            days.push(TimelineDay {
                key: d.key,
                label: d.label,
                statements,
            });
        }
        months.push(Month {
            key: m.key,
            label: m.label,
            days,
        });
    }
    Ok(months)
}

/// The filter choices: only what occurs on the page.
#[derive(Serialize)]
struct Filters {
    actors: Vec<Value>,
    kinds: Vec<KindChoice>,
}

#[derive(Serialize)]
struct KindChoice {
    id: &'static str,
    label: String,
}

fn filters(site: &Site, views: &Views, chosen: &[usize]) -> Filters {
    let mut actor_ids: Vec<usize> = chosen
        .iter()
        .flat_map(|&i| {
            let s = &site.statements[i];
            s.speakers.iter().chain(&s.with).copied()
        })
        .collect();
    actor_ids.sort_unstable();
    actor_ids.dedup();
    let kinds: BTreeMap<&str, String> = chosen
        .iter()
        .map(|&i| {
            (
                site.statements[i].kind.id(),
                site.locale
                    .statement_kind(site.statements[i].kind.id())
                    .into_owned(),
            )
        })
        .collect();
    Filters {
        actors: actor_ids
            .iter()
            .map(|&a| views.actor_refs[a].clone())
            .collect(),
        kinds: kinds
            .into_iter()
            .map(|(id, label)| KindChoice { id, label })
            .collect(),
    }
}

/// `contacts.html`: who spoke with whom — the strongest pairs, drawn and listed.
#[derive(Serialize)]
struct Contacts {
    /// The pairs with the most statements (at most [`CONTACTS_TOP`]), most first.
    contacts: Vec<Pair>,
    /// How many pairs there are in all (`data/contacts.csv` lists them).
    pair_count: usize,
    csv_url: String,
    svg: Html<String>,
}

#[derive(Serialize)]
struct Pair {
    a: Value,
    b: Value,
    count: usize,
    first: DateView,
    last: DateView,
}

/// Pairs drawn and listed on `/contacts/`: with 200 actors a site can have 20,000
/// pairs (3.6 MB of table); a reader looks for the strongest links, and the full
/// list is a data file.
const CONTACTS_TOP: usize = 120;

fn contacts(r: &Renderer) -> Contacts {
    let (site, refs) = (&r.site, &r.views.actor_refs);
    let top = contacts::strongest(r.contacts(), CONTACTS_TOP);
    Contacts {
        contacts: top
            .iter()
            .map(|c| Pair {
                a: refs[c.a].clone(),
                b: refs[c.b].clone(),
                count: c.statements.len(),
                first: DateView::of(&c.first, &site.locale),
                last: DateView::of(&c.last, &site.locale),
            })
            .collect(),
        pair_count: r.contacts().len(),
        csv_url: Route::Data(DataFile::ContactsCsv).url(&site.base),
        svg: Html(contacts::svg(&r.site, &top)),
    }
}

/// `corrections.html`: every correction, newest first.
#[derive(Serialize)]
struct Corrections<'a> {
    corrections: Vec<CorrectionRow<'a>>,
    /// Over [`route::CORRECTIONS_PAGE`] corrections, the pages (newest first).
    paginator: Paginator,
}

#[derive(Serialize)]
struct CorrectionRow<'a> {
    date: DayView,
    note: &'a str,
    briefing: Value,
}

fn corrections(r: &Renderer, n: usize) -> Corrections<'_> {
    let site = &r.site;
    let mut all: Vec<(usize, usize)> = site
        .briefings
        .iter()
        .enumerate()
        .flat_map(|(b, x)| (0..x.corrections.len()).map(move |c| (b, c)))
        .collect();
    let date = |(b, c): (usize, usize)| site.briefings[b].corrections[c].date;
    // Newest first; ties by briefing order (already newest first) and position.
    all.sort_by(|&x, &y| date(y).cmp(&date(x)).then(x.cmp(&y)));
    let row = |(b, c): (usize, usize)| {
        let corr = &site.briefings[b].corrections[c];
        CorrectionRow {
            date: DayView::of(&corr.date, &site.locale),
            note: &corr.note,
            briefing: r.views.card(site, b),
        }
    };
    let per = route::CORRECTIONS_PAGE;
    let total = route::page_count(all.len(), per);
    Corrections {
        corrections: all[page_slice(n, per, all.len())]
            .iter()
            .map(|&x| row(x))
            .collect(),
        paginator: paginator(n, total, |k| Route::Corrections(k).url(&site.base)),
    }
}

/// `tags.html`.
#[derive(Serialize)]
struct Tags<'a> {
    tags: Vec<TagRow<'a>>,
}

#[derive(Serialize)]
struct TagRow<'a> {
    name: &'a str,
    url: String,
    count: usize,
}

fn tags(r: &Renderer) -> Tags<'_> {
    Tags {
        tags: r
            .site
            .tags
            .iter()
            .map(|(slug, t)| TagRow {
                name: &t.name,
                url: Route::Tag(slug.clone(), 1).url(&r.site.base),
                count: t.briefings.len(),
            })
            .collect(),
    }
}

/// `search.html`.
#[derive(Serialize)]
struct SearchPage {
    /// The search client (Pagefind's API), `…/pagefind/pagefind.js`.
    search_script: String,
}

fn search(r: &Renderer) -> SearchPage {
    SearchPage {
        search_script: Route::SearchIndex.url(&r.site.base),
    }
}

/// `tag.html`: one page of a tag's briefings, paginated like the home page.
#[derive(Serialize)]
struct TagPage<'a> {
    tag: TagView<'a>,
    briefings: Vec<Value>,
    paginator: Paginator,
    archive_url: String,
}

#[derive(Serialize)]
struct TagView<'a> {
    name: &'a str,
    url: String,
    count: usize,
}

fn tag<'r>(r: &'r Renderer, slug: &str, n: usize, how: Statements) -> TagPage<'r> {
    let (t, base) = (&r.site.tags[slug], &r.site.base);
    let per = r.site.config.paginate;
    let total = route::page_count(t.briefings.len(), per);
    let url = |k: usize| Route::Tag(slug.to_string(), k).url(base);
    TagPage {
        tag: TagView {
            name: &t.name,
            url: url(1),
            count: t.briefings.len(),
        },
        briefings: page_slice(n, per, t.briefings.len())
            .map(|i| card_value(r, t.briefings[i], how))
            .collect(),
        paginator: paginator(n, total, url),
        archive_url: Route::Archive.url(base),
    }
}

/// `page.html`: a free page.
#[derive(Serialize)]
struct FreePage<'a> {
    page: PageView<'a>,
}

#[derive(Serialize)]
struct PageView<'a> {
    title: &'a str,
    summary: Option<&'a str>,
    url: String,
    body: Html<Cow<'a, str>>,
    builtin: bool,
}

fn page<'r>(r: &'r Renderer, route: &Route, ix: usize) -> FreePage<'r> {
    let p = &r.site.pages[ix];
    FreePage {
        page: PageView {
            title: &p.title,
            summary: p.summary.as_deref(),
            url: route.url(&r.site.base),
            body: Html(route::resolve_links(
                &p.body_html,
                &r.site.base,
                &route.path_in(&r.site.base),
            )),
            builtin: p.builtin,
        },
    }
}

/// `sitemap.xml`.
#[derive(Serialize)]
struct Sitemap {
    urls: Vec<SitemapUrl>,
    /// The site has several languages: its URLs list their alternates.
    multilingual: bool,
}

#[derive(Serialize)]
struct SitemapUrl {
    loc: Option<String>,
    lastmod: Option<String>,
    /// The page in every language that has it (`xhtml:link` alternates).
    alternates: Vec<AlternateLink>,
}

/// Every page of the route table of every language but the 404 page; the home
/// page and briefings with the day they last changed. With `part`, only that
/// part's share of them, in the same order.
fn sitemap(r: &Renderer, part: Option<usize>) -> Sitemap {
    let (skip, take) = part.map_or((0, usize::MAX), |n| {
        let per = r.routes.sitemap_part_urls();
        (n.saturating_sub(1) * per, per)
    });
    let urls = sitemap_entries(r)
        .skip(skip)
        .take(take)
        .map(|(lr, e)| SitemapUrl {
            loc: e.route.permalink(&lr.site.base),
            lastmod: lastmod(lr, e),
            alternates: alternate_links(lr, &e.route),
        })
        .collect();
    Sitemap {
        urls,
        multilingual: r.site.language.is_multilingual(),
    }
}

/// The pages the sitemap lists, in its order, each with its language's renderer.
fn sitemap_entries(r: &Renderer) -> impl Iterator<Item = (&Renderer, &Entry)> {
    r.all().flat_map(|lr| {
        (lr.routes.entries().iter())
            .filter(|e| e.route.in_sitemap())
            .map(move |e| (lr, e))
    })
}

/// The day the page of `e` last changed, for the home page and briefings.
fn lastmod(lr: &Renderer, e: &Entry) -> Option<String> {
    let changed = |b: &model::Briefing| b.updated.unwrap_or(b.date).iso();
    match e.route {
        Route::Home(1) => lr.site.briefings.first().map(changed),
        Route::Briefing(_) => Some(changed(&lr.site.briefings[e.item])),
        _ => None,
    }
}

/// `sitemap.xml` as the index of a sitemap in parts (`sitemap_index.xml`).
#[derive(Serialize)]
struct SitemapIndex {
    sitemaps: Vec<SitemapPart>,
}

#[derive(Serialize)]
struct SitemapPart {
    loc: Option<String>,
    /// The latest `lastmod` of the part's URLs.
    lastmod: Option<String>,
}

fn sitemap_index(r: &Renderer) -> SitemapIndex {
    let per = r.routes.sitemap_part_urls().max(1);
    let mut latest: Vec<Option<String>> = vec![None; r.routes.sitemap_parts()];
    for (i, (lr, e)) in sitemap_entries(r).enumerate() {
        // ISO days: the greatest text is the latest day.
        if let (Some(day), Some(part)) = (lastmod(lr, e), latest.get_mut(i / per)) {
            *part = part.take().max(Some(day));
        }
    }
    let base = &r.site.base;
    SitemapIndex {
        sitemaps: (latest.into_iter().enumerate())
            .map(|(i, lastmod)| SitemapPart {
                loc: Route::SitemapPart(i + 1).permalink(base),
                lastmod,
            })
            .collect(),
    }
}

/// `robots.txt`.
#[derive(Serialize)]
struct Robots {
    sitemap_url: Option<String>,
}

/// `archive.html`: briefings by year and month. `/archive/` lists the years and
/// their months with counts; a year's page lists its briefings by month (or, for a
/// year with more than [`route::ARCHIVE_SPLIT`], its months, each on its own page).
#[derive(Serialize)]
struct Archive {
    /// Every year, newest first, with its months: the jump bar.
    years: Vec<YearLink>,
    year: Option<i16>,
    /// The month of a month page: "October 2020".
    month: Option<String>,
    /// The briefings shown, by month, newest first (cards).
    months: Vec<ArchiveMonth>,
    /// The year is split: its months are on their own pages.
    split: bool,
    briefing_count: usize,
}

#[derive(Serialize)]
struct ArchiveMonth {
    key: String,
    label: String,
    count: usize,
    briefings: Vec<Value>,
}

/// Where a month of the archive is shown: its own page, or its year's.
fn archive_month_url(base: &route::BaseUrl, y: &route::ArchiveYear, m: i8) -> String {
    if y.split {
        Route::ArchiveMonth(y.year, m).url(base)
    } else {
        Route::ArchiveYear(y.year).url_to(base, &format!("m-{:04}-{m:02}", y.year))
    }
}

fn archive(r: &Renderer, route: &Route, how: Statements) -> Archive {
    let (base, words) = (&r.site.base, r.site.locale.dates());
    let (year, month) = match *route {
        Route::ArchiveYear(y) => (Some(y), None),
        Route::ArchiveMonth(y, m) => (Some(y), Some(m)),
        _ => (None, None),
    };
    let mut years = Vec::new();
    let mut shown = Vec::new();
    let mut split = false;
    let mut start = 0;
    for y in r.routes.archive() {
        let mut months = Vec::new();
        for &(m, n) in &y.months {
            let key = format!("{:04}-{m:02}", y.year);
            let here = Some(y.year) == year && (!y.split || month == Some(m));
            if here {
                shown.push(ArchiveMonth {
                    key: key.clone(),
                    label: words.month(y.year, m),
                    count: n,
                    briefings: (start..start + n).map(|b| card_value(r, b, how)).collect(),
                });
            }
            months.push(MonthLink {
                key,
                label: words.month_short(m).to_string(),
                url: archive_month_url(base, y, m),
                count: n,
            });
            start += n;
        }
        split |= Some(y.year) == year && y.split && month.is_none();
        years.push(YearLink {
            year: y.year,
            url: Route::ArchiveYear(y.year).url(base),
            count: y.count(),
            current: Some(y.year) == year,
            months,
        });
    }
    Archive {
        briefing_count: shown.iter().map(|m| m.count).sum(),
        years,
        year,
        month: month.zip(year).map(|(m, y)| words.month(y, m)),
        months: shown,
        split,
    }
}
