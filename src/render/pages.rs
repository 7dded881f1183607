//! One page's template context and rendering: one typed context per kind of page,
//! each built by its own function.

use std::borrow::Cow;
use std::collections::BTreeMap;

use anyhow::Context as _;
use serde::Serialize;
use tera::{Context, Value};

use super::Renderer;
use super::titles;
use crate::contacts::{self, Contact};
use crate::model::{self, Site};
use crate::route::{self, DataFile, Entry, Route, statement_anchor};
use crate::timeline;
use crate::views::{ActorView, BriefingView, DateView, DayView, Html, Views, value};
use crate::{data, highlight, structured, theme};

/// Renders the file of `entry`.
pub(super) fn render_entry(r: &Renderer, entry: &Entry) -> anyhow::Result<Vec<u8>> {
    if let Some(bytes) = raw_file(&r.site, &entry.route) {
        return Ok(bytes);
    }
    let (template, vars) = page_context(r, entry)?;
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
        crate::route::resolve_root(html, &base.root_for(&entry.route.path()))
    } else {
        html
    };
    Ok(html.into_bytes())
}

/// The files made without a template.
fn raw_file(site: &Site, route: &Route) -> Option<Vec<u8>> {
    match route {
        Route::Data(DataFile::StatementsJson) => Some(data::statements_json(site)),
        Route::Data(DataFile::TimelineJson) => Some(data::timeline_json(site)),
        Route::Data(DataFile::StatementsCsv) => Some(data::statements_csv(site)),
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
}

/// The template and variables of a page rendered with a template.
pub(super) fn page_context(r: &Renderer, entry: &Entry) -> anyhow::Result<(&'static str, Vars)> {
    let (site, route, ix) = (&r.site, &entry.route, entry.item);
    let Some(template) = route.template() else {
        anyhow::bail!("`/{}` is not rendered with a template", route.rel());
    };
    let mut vars = Vars::default();
    vars.add(&Common {
        site: r.views.site.clone(),
        page_title: titles::page(site, route, ix),
        page_url: route.url(&site.base),
        page_permalink: route.permalink(&site.base),
    });
    match route {
        Route::Home(n) => vars.add(&home(r, *n)),
        Route::Briefing(_) => vars.add(&briefing(r, route, ix)),
        Route::Actors => vars.add(&actors(r)),
        Route::Actor(_) => vars.add(&actor(r, route, ix)?),
        Route::ActorFeed(_) => vars.add(&actor_feed(r, ix)),
        Route::Timeline(year) => vars.add(&timeline(r, *year)?),
        Route::Contacts => vars.add(&contacts(r)),
        Route::Corrections => vars.add(&corrections(r)),
        Route::Tags => vars.add(&tags(r)),
        Route::Tag(slug) => vars.add(&tag(r, slug)),
        Route::Page(_) => vars.add(&page(r, route, ix)),
        Route::Feed => vars.add(&site_feed(r)),
        Route::Sitemap => vars.add(&sitemap(r)),
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
}

#[derive(Serialize)]
struct Paginator {
    number: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
    first: String,
    last: String,
}

fn home(r: &Renderer, n: usize) -> Home {
    let (site, base) = (&r.site, &r.site.base);
    let per = site.config.paginate;
    let total = r.routes.home_pages();
    let start = (n - 1) * per;
    let url = |k: usize| Route::Home(k).url(base);
    Home {
        briefings: (start..(start + per).min(site.briefings.len()))
            .map(|b| r.views.card(site, b))
            .collect(),
        paginator: Paginator {
            number: n,
            total,
            prev: (n > 1).then(|| url(n - 1)),
            next: (n < total).then(|| url(n + 1)),
            first: url(1),
            last: url(total),
        },
    }
}

/// `briefing.html`.
#[derive(Serialize)]
struct BriefingPage<'a> {
    briefing: BriefingView<'a>,
    jsonld: Html<String>,
}

fn briefing<'r>(r: &'r Renderer, route: &Route, ix: usize) -> BriefingPage<'r> {
    let site = &r.site;
    let body = route::resolve_links(&site.briefings[ix].body_html, &site.base, &route.path());
    BriefingPage {
        briefing: BriefingView::of(site, &r.views, ix, body),
        jsonld: Html(structured::briefing(site, ix)),
    }
}

/// `actors.html`: the actors grouped by kind.
#[derive(Serialize)]
struct Actors {
    groups: Vec<ActorGroup>,
}

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

fn actors(r: &Renderer) -> Actors {
    let site = &r.site;
    let mut kinds: Vec<_> = site.actors.iter().map(|a| a.kind).collect();
    kinds.sort();
    kinds.dedup();
    let counts = |(i, a): (usize, &model::Actor)| {
        let said = a
            .statements
            .iter()
            .filter(|&&s| site.statements[s].speakers.contains(&i))
            .count();
        ActorCounts {
            actor: r.views.actor_refs[i].clone(),
            statement_count: a.statements.len(),
            said_count: said,
            addressed_count: a.statements.len() - said,
            briefing_count: a.briefings.len(),
        }
    };
    let groups = kinds
        .into_iter()
        .map(|k| ActorGroup {
            kind: k.id(),
            label: site.locale.actor_kind_plural(k.id()).into_owned(),
            actors: site
                .actors
                .iter()
                .enumerate()
                .filter(|(_, a)| a.kind == k)
                .map(counts)
                .collect(),
        })
        .collect();
    Actors { groups }
}

/// `actor.html`.
#[derive(Serialize)]
struct ActorPage<'a> {
    actor: ActorView<'a>,
    jsonld: Html<String>,
    contacts: Vec<ActorContact>,
}

/// One actor this actor spoke with, and the statements where they did.
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

fn actor<'r>(r: &'r Renderer, route: &Route, ix: usize) -> anyhow::Result<ActorPage<'r>> {
    let site = &r.site;
    let bio = route::resolve_links(&site.actors[ix].bio_html, &site.base, &route.path());
    Ok(ActorPage {
        actor: ActorView::of(site, &r.views, &r.tera, ix, bio)?,
        jsonld: Html(structured::actor(site, ix)),
        contacts: contacts::of_actor(site, r.contacts(), ix)
            .into_iter()
            .map(|(other, c)| actor_contact(site, &r.views, other, c))
            .collect(),
    })
}

fn actor_contact(site: &Site, views: &Views, other: usize, c: &Contact) -> ActorContact {
    let link = |&s: &usize| {
        let st = &site.statements[s];
        let b = &site.briefings[st.briefing];
        StatementLink {
            url: Route::Briefing(b.slug.clone()).url_to(&site.base, &statement_anchor(st.number)),
            date: DateView::of(&st.date, &site.locale),
        }
    };
    ActorContact {
        actor: views.actor_refs[other].clone(),
        count: c.statements.len(),
        first: DateView::of(&c.first, &site.locale),
        last: DateView::of(&c.last, &site.locale),
        statements: c.statements.iter().map(link).collect(),
    }
}

/// `atom.xml`: the site's feed or an actor's.
#[derive(Serialize)]
struct Feed {
    feed_title: String,
    feed_url: Option<String>,
    alternate_url: Option<String>,
    feed_updated: String,
    entries: Vec<Value>,
}

/// The newest briefings of a feed.
const FEED_ENTRIES: usize = 20;

fn feed(r: &Renderer, briefings: &[usize], title: String, feed: &Route, page: &Route) -> Feed {
    let site = &r.site;
    let newest = &briefings[..briefings.len().min(FEED_ENTRIES)];
    Feed {
        feed_title: title,
        feed_url: feed.permalink(&site.base),
        alternate_url: page.permalink(&site.base),
        feed_updated: newest
            .iter()
            .map(|&b| site.briefings[b].updated.unwrap_or(site.briefings[b].date))
            .max()
            .map_or_else(|| "1970-01-01".to_string(), |d| d.iso()),
        entries: newest.iter().map(|&b| r.views.card(site, b)).collect(),
    }
}

fn site_feed(r: &Renderer) -> Feed {
    let all: Vec<usize> = (0..r.site.briefings.len()).collect();
    let title = r.site.config.title.clone();
    feed(r, &all, title, &Route::Feed, &Route::Home(1))
}

fn actor_feed(r: &Renderer, ix: usize) -> Feed {
    let a = &r.site.actors[ix];
    let title = titles::actor_feed(&r.site, a);
    feed(
        r,
        &a.briefings,
        title,
        &Route::ActorFeed(a.id.clone()),
        &Route::Actor(a.id.clone()),
    )
}

/// `timeline.html`: the whole timeline, one year of it, or (when it is split) only
/// the list of years.
#[derive(Serialize)]
struct Timeline {
    months: Vec<Month>,
    years: Vec<YearLink>,
    year: Option<i16>,
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

fn timeline(r: &Renderer, year: Option<i16>) -> anyhow::Result<Timeline> {
    let site = &r.site;
    let all = 0..site.statements.len();
    let year_of = |i: usize| site.statements[i].date.first_day().year();
    let chosen: Vec<usize> = match year {
        Some(y) => all.filter(|&i| year_of(i) == y).collect(),
        None if r.routes.timeline_is_split() => Vec::new(),
        None => all.collect(),
    };
    let mut months = Vec::new();
    for m in timeline::group_in(&chosen, |i| site.statements[i].date, &site.locale) {
        let mut days = Vec::with_capacity(m.days.len());
        for d in m.days {
            let statements = d
                .items
                .iter()
                .map(|&i| r.views.statement_html(site, &r.tera, i))
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
    let years = r
        .routes
        .timeline_years()
        .iter()
        .map(|&y| YearLink {
            year: y,
            url: Route::Timeline(Some(y)).url(&site.base),
            count: (0..site.statements.len())
                .filter(|&i| year_of(i) == y)
                .count(),
            current: Some(y) == year,
        })
        .collect();
    Ok(Timeline {
        months,
        years,
        year,
        statement_count: chosen.len(),
        filters: filters(site, &r.views, &chosen),
    })
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

/// `contacts.html`: who spoke with whom.
#[derive(Serialize)]
struct Contacts {
    contacts: Vec<Pair>,
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

fn contacts(r: &Renderer) -> Contacts {
    let (site, refs) = (&r.site, &r.views.actor_refs);
    Contacts {
        contacts: r
            .contacts()
            .iter()
            .map(|c| Pair {
                a: refs[c.a].clone(),
                b: refs[c.b].clone(),
                count: c.statements.len(),
                first: DateView::of(&c.first, &site.locale),
                last: DateView::of(&c.last, &site.locale),
            })
            .collect(),
        svg: Html(contacts::svg(&r.site, r.contacts())),
    }
}

/// `corrections.html`: every correction, newest first.
#[derive(Serialize)]
struct Corrections<'a> {
    corrections: Vec<CorrectionRow<'a>>,
}

#[derive(Serialize)]
struct CorrectionRow<'a> {
    date: DayView,
    note: &'a str,
    briefing: Value,
}

fn corrections(r: &Renderer) -> Corrections<'_> {
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
    Corrections {
        corrections: all.into_iter().map(row).collect(),
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
                url: Route::Tag(slug.clone()).url(&r.site.base),
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

/// `tag.html`.
#[derive(Serialize)]
struct TagPage<'a> {
    tag: TagView<'a>,
    briefings: Vec<Value>,
}

#[derive(Serialize)]
struct TagView<'a> {
    name: &'a str,
    url: String,
}

fn tag<'r>(r: &'r Renderer, slug: &str) -> TagPage<'r> {
    let t = &r.site.tags[slug];
    TagPage {
        tag: TagView {
            name: &t.name,
            url: Route::Tag(slug.to_string()).url(&r.site.base),
        },
        briefings: t
            .briefings
            .iter()
            .map(|&b| r.views.card(&r.site, b))
            .collect(),
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
                &route.path(),
            )),
            builtin: p.builtin,
        },
    }
}

/// `sitemap.xml`.
#[derive(Serialize)]
struct Sitemap {
    urls: Vec<SitemapUrl>,
}

#[derive(Serialize)]
struct SitemapUrl {
    loc: Option<String>,
    lastmod: Option<String>,
}

/// Every page of the route table but the 404 page; the home page and briefings
/// with the day they last changed.
fn sitemap(r: &Renderer) -> Sitemap {
    let site = &r.site;
    let changed = |b: &model::Briefing| b.updated.unwrap_or(b.date).iso();
    let urls = r
        .routes
        .entries()
        .iter()
        .filter(|e| e.route.in_sitemap())
        .map(|e| SitemapUrl {
            loc: e.route.permalink(&site.base),
            lastmod: match e.route {
                Route::Home(1) => site.briefings.first().map(changed),
                Route::Briefing(_) => Some(changed(&site.briefings[e.item])),
                _ => None,
            },
        })
        .collect();
    Sitemap { urls }
}

/// `robots.txt`.
#[derive(Serialize)]
struct Robots {
    sitemap_url: Option<String>,
}
