//! What templates see: one typed, `Serialize` view per object (a briefing's card, a
//! statement, an actor…). Each briefing, actor and statement is turned into a
//! template value once; pages share those values (cheap reference-counted clones)
//! instead of re-serializing the site for every page.

use std::borrow::Cow;
use std::sync::Mutex;

use serde::{Serialize, Serializer};
use tera::Value;

use crate::date::{Date, Day};
use crate::front_matter::Source;
use crate::i18n::Locale;
use crate::model::{Actor, Briefing, Correction, Role, Site, Statement};
use crate::route::{Route, statement_anchor};
use crate::slug::slugify;

/// A string of markup that templates print as is (Tera's "safe" string): Markdown
/// bodies, pre-rendered statements, JSON-LD, the contacts SVG.
pub struct Html<S>(pub S);

impl<S: AsRef<str>> Serialize for Html<S> {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        Value::safe_string(self.0.as_ref()).serialize(serializer)
    }
}

/// A typed view as a template value. (The views are strings, numbers, lists and
/// structs with string keys, which always serialize: this cannot fail.)
pub fn value<T: Serialize>(view: &T) -> Value {
    Value::from_serializable(view)
}

/// Shared values for one render of one site. Cards and statements are built on
/// first use and then shared by every page that shows them: a full build touches
/// them all (in parallel, from the page jobs), while `serve` rendering one page on
/// request builds only what that page needs.
pub struct Views {
    /// [`SiteView`], which every page gets as `site`.
    pub site: Value,
    /// Per actor: [`ActorRef`].
    pub actor_refs: Vec<Value>,
    /// Per statement: `{html}`, the statement rendered once with
    /// `partials/statement.html`, for actor pages and the timeline, which show a
    /// statement many times between them. (A briefing's own page renders its
    /// statements in place, since each appears there once.) Emptied again by
    /// [`Views::forget_statements`] once the pages that show them are done.
    rendered: Vec<Mutex<Option<Result<Value, String>>>>,
}

impl Views {
    pub fn new(site: &Site) -> Views {
        Views {
            site: value(&SiteView::of(site)),
            actor_refs: site
                .actors
                .iter()
                .map(|a| value(&ActorRef::of(site, a)))
                .collect(),
            rendered: (0..site.statements.len())
                .map(|_| Mutex::new(None))
                .collect(),
        }
    }

    /// The card of briefing `ix`. Made anew each time it is asked for (about ten
    /// times a briefing in a build): kept, every briefing's card would stay in
    /// memory to the end, about 2.5 KiB each as a template value (250 MiB at
    /// 100,000 briefings), for 2 % of the build's time.
    pub fn card(&self, site: &Site, ix: usize) -> Value {
        value(&Card::of(site, &site.briefings[ix], &self.actor_refs))
    }

    /// The data of statement `ix` (its briefing's page makes it with
    /// [`Views::statement_with`], giving each statement the card it made once).
    #[cfg(test)]
    pub fn statement(&self, site: &Site, ix: usize) -> Value {
        self.statement_with(site, ix, self.card(site, site.statements[ix].briefing))
    }

    /// The data of statement `ix`, with `card` as its briefing's card. Not
    /// cached: it is needed once for its briefing's page and once to render its
    /// HTML, which keeps (and shares) its parts.
    pub fn statement_with(&self, site: &Site, ix: usize, card: Value) -> Value {
        value(&StatementView::of(
            site,
            &site.statements[ix],
            &self.actor_refs,
            card,
        ))
    }

    /// Statement `ix` for list pages (actor pages, the timeline) as `{html}`: the
    /// statement rendered once with `partials/statement.html`, which sees its full
    /// data; list templates paste it. Statement markup therefore lives in that one
    /// partial. (Keeping every statement's data in memory beside its HTML would
    /// nearly double a big site's peak memory: 505 vs 294 MiB at 10,000 briefings.)
    pub fn statement_html(
        &self,
        site: &Site,
        tera: &tera::Tera,
        ix: usize,
    ) -> anyhow::Result<Value> {
        self.statement_html_or(site, tera, ix, |render| render())
    }

    /// [`Views::statement_html`], the HTML got through `made`, which is given
    /// the way to render it (and may find it elsewhere: the build cache).
    pub fn statement_html_or(
        &self,
        site: &Site,
        tera: &tera::Tera,
        ix: usize,
        made: impl FnOnce(&dyn Fn() -> Result<String, String>) -> Result<String, String>,
    ) -> anyhow::Result<Value> {
        let mut slot = self.rendered[ix]
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let done = slot.get_or_insert_with(|| {
            let render = || {
                let ctx = tera::Context::from_serialize(&self.statement_vars(site, ix))
                    .map_err(|e| format!("{e:#}"))?;
                tera.render("partials/statement.html", &ctx)
                    .map_err(|e| format!("cannot render `partials/statement.html`: {e:#}"))
            };
            let html = made(&render)?;
            Ok(value(&StatementHtml { html: Html(html) }))
        });
        done.clone().map_err(|e| anyhow::anyhow!(e))
    }

    /// Drops the rendered HTML of statements `ixs`: the pages that show them are
    /// done (a page that still asks for one renders it again, to the same bytes).
    pub fn forget_statements(&self, ixs: &[usize]) {
        for &ix in ixs {
            *self.rendered[ix]
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
        }
    }

    /// The variables `partials/statement.html` is rendered with for list pages.
    pub(crate) fn statement_vars(&self, site: &Site, ix: usize) -> StatementVars {
        self.statement_vars_with(site, ix, self.card(site, site.statements[ix].briefing))
    }

    /// [`Views::statement_vars`] with `card` as the statement's briefing's card (a
    /// stand-in for it, for a cache key).
    pub(crate) fn statement_vars_with(&self, site: &Site, ix: usize, card: Value) -> StatementVars {
        StatementVars {
            site: self.site.clone(),
            s: self.statement_with(site, ix, card),
            show_briefing: true,
        }
    }
}

/// The context of `partials/statement.html` rendered on its own.
#[derive(Serialize)]
pub(crate) struct StatementVars {
    site: Value,
    s: Value,
    show_briefing: bool,
}

#[derive(Serialize)]
struct StatementHtml {
    html: Html<String>,
}

/// `site`: the site-wide settings every page gets.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: Option<&'a str>,
    author: Option<&'a str>,
    language: &'a str,
    /// `ltr` or `rtl`: the direction of the page's language (sites with
    /// `languages:`; `None` otherwise).
    dir: Option<&'static str>,
    /// The home of the page's language (`/`, `/hy/`). In relative mode a mark that
    /// each page replaces with its way to the root.
    base_path: String,
    /// The site root, where the files every language shares live (stylesheets,
    /// scripts, data files): the same as `base_path` but in other languages.
    root_path: String,
    base_url: Option<String>,
    relative: bool,
    has_feeds: bool,
    /// The absolute URL of `og-image.png` (the theme's, or the site's own), where
    /// the site has an absolute URL.
    og_image: Option<String>,
    has_pages: bool,
    /// `search:` in site.yaml: the search page and the header's search box.
    search: bool,
    pages: Vec<PageLink<'a>>,
    legend: Legend,
    generator: &'static str,
}

/// Where verification badges and uncertain dates link to: the sections of the
/// methodology page's legend, if it has them.
#[derive(Serialize)]
struct Legend {
    verification: Option<String>,
    dates: Option<String>,
}

impl Legend {
    fn of(site: &Site) -> Legend {
        let page = site
            .pages
            .iter()
            .find(|p| p.slug == crate::model::METHODOLOGY);
        let link = |id: &str| {
            page.filter(|p| p.has_id(id))
                .map(|p| Route::Page(p.slug.clone()).url_to(&site.base, id))
        };
        Legend {
            verification: link("verification"),
            dates: link("dates"),
        }
    }
}

#[derive(Serialize)]
struct PageLink<'a> {
    title: &'a str,
    url: String,
}

impl<'a> SiteView<'a> {
    fn of(site: &'a Site) -> SiteView<'a> {
        let c = &site.config;
        let base = &site.base;
        SiteView {
            title: &c.title,
            description: c.description.as_deref(),
            author: c.author.as_deref(),
            language: site.language_code(),
            dir: site.language.current().map(|l| l.dir.as_str()),
            base_path: Route::Home(1).url(base),
            root_path: base.url(""),
            base_url: Route::Home(1).permalink(base),
            relative: base.relative,
            has_feeds: base.has_permalinks(),
            og_image: base.permalink("og-image.png"),
            has_pages: !site.pages.is_empty(),
            search: c.search,
            pages: site
                .pages
                .iter()
                .map(|p| PageLink {
                    title: &p.title,
                    url: Route::Page(p.slug.clone()).url(base),
                })
                .collect(),
            legend: Legend::of(site),
            generator: concat!("sitroom ", env!("CARGO_PKG_VERSION")),
        }
    }
}

/// A date of a statement or role (any precision).
#[derive(Serialize)]
pub struct DateView {
    iso: String,
    display: String,
    first_day: String,
    datetime: String,
    precision: crate::date::Precision,
    certainty: crate::date::Certainty,
    /// Uncertain, approximate or an interval: the date links to the legend.
    vague: bool,
}

impl DateView {
    pub fn of(d: &Date, locale: &Locale) -> DateView {
        DateView {
            iso: d.iso(),
            display: d.display_in(locale),
            first_day: d.first_day().to_string(),
            datetime: d.html_datetime(),
            precision: d.precision(),
            certainty: d.certainty(),
            vague: d.certainty() != crate::date::Certainty::Exact || d.is_interval(),
        }
    }
}

/// A publication day (briefings, corrections, sources).
#[derive(Serialize)]
pub struct DayView {
    iso: String,
    display: String,
}

impl DayView {
    pub fn of(d: &Day, locale: &Locale) -> DayView {
        DayView {
            iso: d.iso(),
            display: d.display_in(locale),
        }
    }
}

/// An actor as other objects refer to it.
#[derive(Serialize)]
struct ActorRef<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    url: String,
}

impl<'a> ActorRef<'a> {
    fn of(site: &Site, a: &'a Actor) -> ActorRef<'a> {
        ActorRef {
            id: &a.id,
            name: &a.name,
            kind: a.kind.id(),
            url: Route::Actor(a.id.clone()).url(&site.base),
        }
    }
}

#[derive(Serialize)]
struct SourceView<'a> {
    outlet: &'a str,
    url: Option<&'a str>,
    published: Option<DayView>,
    archive: Option<&'a str>,
    accessed: Option<DayView>,
}

impl<'a> SourceView<'a> {
    fn of(s: &'a Source, locale: &Locale) -> SourceView<'a> {
        SourceView {
            outlet: &s.outlet,
            url: s.url.as_deref(),
            published: s.published.as_ref().map(|d| DayView::of(d, locale)),
            archive: s.archive.as_deref(),
            accessed: s.accessed.as_ref().map(|d| DayView::of(d, locale)),
        }
    }
}

#[derive(Serialize)]
struct TagLink<'a> {
    name: &'a str,
    url: String,
}

fn tag_links<'a>(site: &Site, tags: &'a [String]) -> Vec<TagLink<'a>> {
    tags.iter()
        .map(|t| TagLink {
            name: t,
            url: Route::Tag(slugify(t), 1).url(&site.base),
        })
        .collect()
}

/// A briefing without its body: list pages, feeds, and every statement's `briefing`.
#[derive(Serialize)]
struct Card<'a> {
    title: &'a str,
    slug: &'a str,
    url: String,
    permalink: Option<String>,
    /// The language the briefing is written in when it has no text in the page's
    /// language (it links to the original); `None` otherwise.
    lang: Option<String>,
    date: DayView,
    updated: Option<DayView>,
    summary: &'a str,
    draft: bool,
    tags: Vec<TagLink<'a>>,
    statement_count: usize,
    correction_count: usize,
    /// Its main actors (at most [`CARD_ACTORS`]), as `{id, name, kind, url}`.
    actors: Vec<Value>,
}

/// How many actors a card names.
const CARD_ACTORS: usize = 4;

/// A briefing's main actors: those in most of its statements (speakers and
/// counterparts), ties in order of first appearance; without statements, the
/// actors its front matter names.
fn main_actors(site: &Site, b: &Briefing) -> Vec<usize> {
    let mut seen: Vec<(usize, usize)> = Vec::new();
    for &s in &b.statements {
        let s = &site.statements[s];
        for &a in s.speakers.iter().chain(&s.with) {
            match seen.iter_mut().find(|(x, _)| *x == a) {
                Some((_, n)) => *n += 1,
                None => seen.push((a, 1)),
            }
        }
    }
    if seen.is_empty() {
        return b.actors.iter().copied().take(CARD_ACTORS).collect();
    }
    // A stable sort keeps first appearance among equal counts.
    seen.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    seen.into_iter().take(CARD_ACTORS).map(|(a, _)| a).collect()
}

impl<'a> Card<'a> {
    fn of(site: &Site, b: &'a Briefing, actor_refs: &[Value]) -> Card<'a> {
        let route = Route::Briefing(b.slug.clone());
        // An untranslated briefing links to its original.
        let base = site.briefing_base(&b.slug);
        Card {
            title: &b.title,
            slug: &b.slug,
            url: route.url(base),
            permalink: route.permalink(base),
            lang: site.briefing_lang(&b.slug).map(str::to_string),
            date: DayView::of(&b.date, &site.locale),
            updated: b.updated.as_ref().map(|d| DayView::of(d, &site.locale)),
            summary: &b.summary,
            draft: b.draft,
            tags: tag_links(site, &b.tags),
            statement_count: b.statements.len(),
            correction_count: b.corrections.len(),
            actors: (main_actors(site, b).into_iter())
                .map(|a| actor_refs[a].clone())
                .collect(),
        }
    }
}

/// The role a participant held on the statement's date; `org` is the organisation's
/// name (an actor's `roles[].org` is the organisation's actor object).
#[derive(Serialize)]
struct RoleHeld<'a> {
    title: &'a str,
    org: Option<&'a str>,
}

/// A speaker or counterpart of a statement.
#[derive(Serialize)]
struct Participant<'a> {
    actor: Value,
    id: &'a str,
    name: &'a str,
    url: String,
    role: Option<RoleHeld<'a>>,
}

impl<'a> Participant<'a> {
    fn of(site: &'a Site, actor_refs: &[Value], ix: usize, s: &Statement) -> Participant<'a> {
        let a = &site.actors[ix];
        let role = a.role_on(s.date.first_day()).map(|r| RoleHeld {
            title: &r.title,
            org: r.org.map(|o| site.actors[o].name.as_str()),
        });
        Participant {
            actor: actor_refs[ix].clone(),
            id: &a.id,
            name: &a.name,
            url: Route::Actor(a.id.clone()).url(&site.base),
            role,
        }
    }
}

#[derive(Serialize)]
struct StatementView<'a> {
    id: &'a str,
    number: usize,
    anchor: String,
    kind: &'static str,
    kind_label: String,
    date: DateView,
    speakers: Vec<Participant<'a>>,
    with: Vec<Participant<'a>>,
    speaker_ids: Vec<&'a str>,
    with_ids: Vec<&'a str>,
    quote: Option<&'a str>,
    summary: Option<&'a str>,
    source: Option<SourceView<'a>>,
    verification: Option<&'static str>,
    /// The card of its briefing.
    briefing: Value,
    url: String,
    /// `s-N` on a statement with an `id:`: a second anchor, so old links still land.
    numbered_anchor: Option<String>,
    /// The statements this one contradicts, and those that contradict it.
    disputes: Vec<DisputeLink>,
    disputed_by: Vec<DisputeLink>,
    factcheck: Option<FactCheckView<'a>>,
    /// The language of `quote` and `summary` when it is not the page's (a
    /// statement of the default language on another language's page); `None`
    /// otherwise.
    lang: Option<&'a str>,
    /// The direction of `lang` (`ltr` or `rtl`), when `lang` is set.
    dir: Option<&'static str>,
    /// The words in the language they were said in.
    original: Option<OriginalView<'a>>,
}

/// A statement's `original:`, with the direction its language is written in.
#[derive(Serialize)]
struct OriginalView<'a> {
    lang: &'a str,
    dir: &'static str,
    text: &'a str,
}

/// The other side of a dispute: who said it, when, and its permalink.
#[derive(Serialize)]
struct DisputeLink {
    id: String,
    speakers: String,
    date: String,
    url: String,
}

impl DisputeLink {
    fn of(site: &Site, ix: usize) -> DisputeLink {
        let s = &site.statements[ix];
        let names: Vec<&str> = (s.speakers.iter())
            .map(|&a| site.actors[a].name.as_str())
            .collect();
        let speakers = match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => {
                format!(
                    "{} {} {last}",
                    rest.join(", "),
                    site.locale.text("statement-and")
                )
            }
            _ => names.join(""),
        };
        DisputeLink {
            id: s.id.clone(),
            speakers,
            date: s.date.display_in(&site.locale),
            url: Route::Briefing(site.briefings[s.briefing].slug.clone())
                .url_to(&site.base, &statement_anchor(s)),
        }
    }
}

/// A statement's fact-check; the rating's words are the locale's
/// (`factcheck-rating-<id>`).
#[derive(Serialize)]
struct FactCheckView<'a> {
    rating: &'static str,
    note: Option<&'a str>,
    url: Option<&'a str>,
}

impl<'a> StatementView<'a> {
    fn of(site: &'a Site, s: &'a Statement, actor_refs: &[Value], card: Value) -> Self {
        let b = &site.briefings[s.briefing];
        let anchor = statement_anchor(s);
        let people = |list: &[usize]| -> Vec<Participant<'a>> {
            list.iter()
                .map(|&a| Participant::of(site, actor_refs, a, s))
                .collect()
        };
        let ids = |list: &[usize]| -> Vec<&'a str> {
            list.iter().map(|&a| site.actors[a].id.as_str()).collect()
        };
        let lang = site.statement_lang(&b.slug);
        StatementView {
            id: &s.id,
            number: s.number,
            url: Route::Briefing(b.slug.clone()).url_to(site.briefing_base(&b.slug), &anchor),
            anchor,
            kind: s.kind.id(),
            kind_label: site.locale.statement_kind(s.kind.id()).into_owned(),
            date: DateView::of(&s.date, &site.locale),
            speakers: people(&s.speakers),
            with: people(&s.with),
            speaker_ids: ids(&s.speakers),
            with_ids: ids(&s.with),
            quote: s.quote.as_deref(),
            summary: s.summary.as_deref(),
            source: s.source.as_ref().map(|x| SourceView::of(x, &site.locale)),
            verification: s.verification.map(|v| v.id()),
            briefing: card,
            numbered_anchor: s.named.then(|| crate::route::numbered_anchor(s.number)),
            disputes: (s.disputes.iter())
                .map(|&t| DisputeLink::of(site, t))
                .collect(),
            disputed_by: (s.disputed_by.iter())
                .map(|&t| DisputeLink::of(site, t))
                .collect(),
            factcheck: s.factcheck.as_ref().map(|f| FactCheckView {
                rating: f.rating.id(),
                note: f.note.as_deref(),
                url: f.url.as_deref(),
            }),
            lang,
            dir: lang.map(|l| site.language.dir_of(l).as_str()),
            original: s.original.as_ref().map(|o| OriginalView {
                lang: &o.lang,
                dir: site.language.dir_of(&o.lang).as_str(),
                text: &o.text,
            }),
        }
    }
}

#[derive(Serialize)]
struct CorrectionView<'a> {
    date: DayView,
    note: &'a str,
    /// The statement it changed, if it names one.
    statement: Option<StatementLink>,
}

/// A link to a statement on its briefing's page.
#[derive(Serialize)]
struct StatementLink {
    number: usize,
    anchor: String,
    url: String,
}

/// The full briefing, for its own page.
#[derive(Serialize)]
pub struct BriefingView<'a> {
    card: Value,
    title: &'a str,
    url: String,
    permalink: Option<String>,
    date: DayView,
    updated: Option<DayView>,
    summary: &'a str,
    draft: bool,
    tags: Vec<TagLink<'a>>,
    actors: Vec<Value>,
    sources: Vec<SourceView<'a>>,
    statements: Vec<Value>,
    corrections: Vec<CorrectionView<'a>>,
    body: Html<Cow<'a, str>>,
}

impl<'a> BriefingView<'a> {
    /// Briefing `ix`; `body` is its HTML with links resolved for its page, `card`
    /// its card (made once for the page and each of its statements).
    pub fn of(
        site: &'a Site,
        views: &Views,
        ix: usize,
        body: Cow<'a, str>,
        card: Value,
    ) -> BriefingView<'a> {
        let b = &site.briefings[ix];
        let route = Route::Briefing(b.slug.clone());
        let correction = |c: &'a Correction| CorrectionView {
            date: DayView::of(&c.date, &site.locale),
            note: &c.note,
            statement: c.statement.and_then(|n| {
                let s = (b.statements.iter())
                    .map(|&ix| &site.statements[ix])
                    .find(|s| s.number == n)?;
                let anchor = statement_anchor(s);
                Some(StatementLink {
                    number: n,
                    url: route.url_to(&site.base, &anchor),
                    anchor,
                })
            }),
        };
        BriefingView {
            statements: (b.statements.iter())
                .map(|&s| views.statement_with(site, s, card.clone()))
                .collect(),
            card,
            title: &b.title,
            url: route.url(&site.base),
            permalink: route.permalink(&site.base),
            date: DayView::of(&b.date, &site.locale),
            updated: b.updated.as_ref().map(|d| DayView::of(d, &site.locale)),
            summary: &b.summary,
            draft: b.draft,
            tags: tag_links(site, &b.tags),
            actors: b
                .actors
                .iter()
                .map(|&a| views.actor_refs[a].clone())
                .collect(),
            sources: b
                .sources
                .iter()
                .map(|x| SourceView::of(x, &site.locale))
                .collect(),
            corrections: b.corrections.iter().map(correction).collect(),
            body: Html(body),
        }
    }
}

#[derive(Serialize)]
struct NameView<'a> {
    lang: &'a str,
    name: &'a str,
}

/// A role in an actor's list of roles; `org` is the organisation's actor object.
#[derive(Serialize)]
struct RoleView<'a> {
    title: &'a str,
    start: Option<DateView>,
    end: Option<DateView>,
    org: Option<Value>,
}

impl<'a> RoleView<'a> {
    fn of(views: &Views, r: &'a Role, locale: &Locale) -> RoleView<'a> {
        RoleView {
            title: &r.title,
            start: r.start.as_ref().map(|d| DateView::of(d, locale)),
            end: r.end.as_ref().map(|d| DateView::of(d, locale)),
            org: r.org.map(|o| views.actor_refs[o].clone()),
        }
    }
}

/// The full actor, for their own page.
#[derive(Serialize)]
pub struct ActorView<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    url: String,
    permalink: Option<String>,
    aliases: &'a [String],
    names: Vec<NameView<'a>>,
    country: Option<&'a str>,
    wikidata: Option<&'a str>,
    roles: Vec<RoleView<'a>>,
    bio: Html<Cow<'a, str>>,
    /// The latest briefings that involve or mention them (at most [`ACTOR_BRIEFINGS`]).
    briefings: Vec<Value>,
    briefing_count: usize,
}

/// Briefings listed on an actor page, newest first.
pub const ACTOR_BRIEFINGS: usize = 20;

impl<'a> ActorView<'a> {
    /// Actor `ix`; `bio` is their bio's HTML with links resolved for their page.
    pub fn of(site: &'a Site, views: &Views, ix: usize, bio: Cow<'a, str>) -> ActorView<'a> {
        let a = &site.actors[ix];
        let route = Route::Actor(a.id.clone());
        ActorView {
            id: &a.id,
            name: &a.name,
            kind: a.kind.id(),
            url: route.url(&site.base),
            permalink: route.permalink(&site.base),
            aliases: &a.aliases,
            names: a
                .names
                .iter()
                .map(|(lang, name)| NameView { lang, name })
                .collect(),
            country: a.country.as_deref(),
            wikidata: a.wikidata.as_deref(),
            roles: a
                .roles
                .iter()
                .map(|r| RoleView::of(views, r, &site.locale))
                .collect(),
            bio: Html(bio),
            briefings: (a.briefings.iter().take(ACTOR_BRIEFINGS))
                .map(|&b| views.card(site, b))
                .collect(),
            briefing_count: a.briefings.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    use serde_json::{Value as Json, json};

    use super::*;
    use crate::front_matter::Config;
    use crate::model::{ActorKind, StatementKind};
    use crate::model::{Role, Tag};
    use crate::route::BaseUrl;

    /// One briefing with one statement by one actor, at `base_url`.
    fn site(base_url: &str) -> Site {
        let day = |s| Day::parse(s).unwrap();
        let actor = |id: &str, name: &str, roles| Actor {
            id: id.into(),
            path: PathBuf::from(format!("content/actors/{id}.md")),
            name: name.into(),
            kind: ActorKind::Person,
            aliases: vec![],
            names: BTreeMap::new(),
            country: None,
            roles,
            wikidata: None,
            bio_html: String::new(),
            first_paragraph: String::new(),
            statements: vec![0],
            briefings: vec![0],
        };
        let envoy = Role {
            title: "Envoy".into(),
            start: Some(Date::parse("2024-01-01").unwrap()),
            end: None,
            org: Some(1),
        };
        Site {
            locale: std::sync::Arc::clone(crate::i18n::Locale::shared_english()),
            language: crate::model::SiteLanguage::default(),
            translations: Vec::new(),
            fingerprint: crate::model::Fingerprint::default(),
            briefing_prints: Vec::new(),
            config: Config::default(),
            base: BaseUrl::parse(base_url).unwrap(),
            briefings: vec![Briefing {
                path: PathBuf::from("content/briefings/talks.md"),
                slug: "talks".into(),
                title: "Talks <resume>".into(),
                date: day("2024-03-02"),
                updated: None,
                summary: "They talked.".into(),
                draft: false,
                tags: vec!["Cease Fire".into()],
                actors: vec![0, 1],
                mentioned: vec![],
                sources: vec![],
                statements: vec![0],
                corrections: vec![],
                body_html: crate::packed::Packed::default(),
            }],
            actors: vec![actor("amy", "Amy", vec![envoy]), actor("un", "UN", vec![])],
            pages: vec![],
            statements: vec![Statement {
                id: "talks-1".into(),
                named: false,
                number: 1,
                briefing: 0,
                speakers: vec![0],
                with: vec![1],
                kind: StatementKind::PhoneCall,
                date: Date::parse("2024-03-01").unwrap(),
                quote: Some("We <agree>.".into()),
                summary: None,
                source: None,
                verification: None,
                disputes: vec![],
                disputed_by: vec![],
                factcheck: None,
                original: Some(Box::new(crate::model::Original {
                    lang: "ru".into(),
                    text: "Мы <согласны>.".into(),
                })),
            }],
            tags: BTreeMap::from([(
                "cease-fire".to_string(),
                Tag {
                    name: "Cease Fire".into(),
                    briefings: vec![0],
                },
            )]),
        }
    }

    fn json(v: &Value) -> Json {
        serde_json::to_value(v).unwrap()
    }

    #[test]
    fn a_card_links_its_briefing_and_tags_under_the_base_url() {
        let site = site("https://example.org/nk/");
        let views = Views::new(&site);
        assert_eq!(
            json(&views.card(&site, 0)),
            json!({
                "title": "Talks <resume>",
                "slug": "talks",
                "url": "/nk/briefings/talks/",
                "permalink": "https://example.org/nk/briefings/talks/",
                "lang": null,
                "date": {"iso": "2024-03-02", "display": Day::parse("2024-03-02").unwrap().display()},
                "updated": null,
                "summary": "They talked.",
                "draft": false,
                "tags": [{"name": "Cease Fire", "url": "/nk/tags/cease-fire/"}],
                "statement_count": 1,
                "correction_count": 0,
                "actors": [
                    {"id": "amy", "name": "Amy", "kind": "person", "url": "/nk/actors/amy/"},
                    {"id": "un", "name": "UN", "kind": "person", "url": "/nk/actors/un/"},
                ],
            })
        );
    }

    #[test]
    fn a_statement_carries_its_people_roles_and_briefing() {
        let site = site("/");
        let views = Views::new(&site);
        let s = json(&views.statement(&site, 0));
        assert_eq!(s["anchor"], "s-1");
        assert_eq!(s["url"], "/briefings/talks/#s-1");
        assert_eq!(s["kind"], "phone_call");
        assert_eq!(s["speaker_ids"], json!(["amy"]));
        assert_eq!(s["with_ids"], json!(["un"]));
        let amy = &s["speakers"][0];
        assert_eq!(amy["url"], "/actors/amy/");
        assert_eq!(
            amy["actor"],
            json!({"id": "amy", "name": "Amy", "kind": "person", "url": "/actors/amy/"})
        );
        // On a statement the role's organisation is its name.
        assert_eq!(amy["role"], json!({"title": "Envoy", "org": "UN"}));
        assert_eq!(s["with"][0]["role"], Json::Null);
        assert_eq!(s["briefing"], json(&views.card(&site, 0)));
        assert_eq!(s["date"]["precision"], "day");
        // The words as said, with their language's direction; the statement's own
        // text is in the page's language (one language: no `lang`).
        assert_eq!(
            s["original"],
            json!({"lang": "ru", "dir": "ltr", "text": "Мы <согласны>."})
        );
        assert_eq!((&s["lang"], &s["dir"]), (&Json::Null, &Json::Null));
    }

    #[test]
    fn a_statement_is_rendered_once_with_its_partial_and_escaped() {
        let site = site("relative");
        let views = Views::new(&site);
        let tera = crate::theme::compile(&BTreeMap::new()).unwrap();
        let first = views.statement_html(&site, &tera, 0).unwrap();
        let html = first.as_map().unwrap().values().next().unwrap().clone();
        assert!(html.is_safe());
        let text = html.as_str().unwrap();
        assert!(text.contains("We &lt;agree&gt;."), "{text}");
        assert!(
            text.contains(r#"<q lang="ru" dir="ltr">Мы &lt;согласны&gt;.</q>"#),
            "{text}"
        );
        // Relative mode: links carry the root mark until the page resolves them.
        assert!(text.contains("href=\"\u{1a}actors/amy/\""), "{text}");
        let again = views.statement_html(&site, &tera, 0).unwrap();
        assert_eq!(json(&first), json(&again));
    }
}
