//! What templates see. Each briefing, actor and statement is turned into a template
//! value once; pages share those values (cheap reference-counted clones) instead of
//! re-serializing the site for every page.

use std::collections::BTreeMap;

use std::sync::OnceLock;

use tera::Value;

use crate::date::{Date, Day};
use crate::front_matter::Source;
use crate::model::{Actor, Briefing, Site, Statement};
use crate::slug::slugify;

/// Builds a template map from `(key, value)` pairs.
pub fn map<const N: usize>(pairs: [(&'static str, Value); N]) -> Value {
    Value::from(BTreeMap::from(pairs))
}

fn string(s: &str) -> Value {
    Value::from(s)
}

fn opt(s: Option<&str>) -> Value {
    s.map_or_else(Value::none, Value::from)
}

fn list<T>(items: impl IntoIterator<Item = T>, f: impl Fn(T) -> Value) -> Value {
    Value::from(items.into_iter().map(f).collect::<Vec<Value>>())
}

/// Shared values for one render of one site. Cards and statements are built on
/// first use and then shared by every page that shows them: a full build touches
/// them all (in parallel, from the page jobs), while `serve` rendering one page on
/// request builds only what that page needs.
pub struct Views {
    pub site: Value,
    /// Per actor: `{id, name, kind, url}`.
    pub actor_refs: Vec<Value>,
    /// Per statement: its data plus `html`, the statement rendered once with
    /// `partials/statement.html`, for actor pages and the timeline, which show a
    /// statement many times between them. (A briefing's own page renders its
    /// statements in place, since each appears there once.)
    rendered: Vec<OnceLock<Result<Value, String>>>,
    /// Per briefing: `{title, url, date, summary, tags, …}` without the body.
    cards: Vec<OnceLock<Value>>,
}

impl Views {
    pub fn new(site: &Site) -> Views {
        Views {
            site: site_value(site),
            actor_refs: site.actors.iter().map(|a| actor_ref(site, a)).collect(),
            rendered: (0..site.statements.len())
                .map(|_| OnceLock::new())
                .collect(),
            cards: (0..site.briefings.len()).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The card of briefing `ix`.
    pub fn card(&self, site: &Site, ix: usize) -> Value {
        self.cards[ix]
            .get_or_init(|| card(site, &site.briefings[ix]))
            .clone()
    }

    /// The data of statement `ix`. Not cached: it is needed once for its briefing's
    /// page and once to render its HTML, which keeps (and shares) its parts.
    pub fn statement(&self, site: &Site, ix: usize) -> Value {
        let s = &site.statements[ix];
        statement(site, s, &self.actor_refs, self.card(site, s.briefing))
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
        let done = self.rendered[ix].get_or_init(|| {
            let mut ctx = tera::Context::new();
            for (key, value) in self.statement_vars(site, ix) {
                ctx.insert_value(key, value);
            }
            let html = tera
                .render("partials/statement.html", &ctx)
                .map_err(|e| format!("cannot render `partials/statement.html`: {e:#}"))?;
            Ok(map([("html", Value::safe_string(&html))]))
        });
        done.clone().map_err(|e| anyhow::anyhow!(e))
    }

    /// The variables `partials/statement.html` is rendered with for list pages.
    pub(crate) fn statement_vars(&self, site: &Site, ix: usize) -> [(&'static str, Value); 3] {
        [
            ("site", self.site.clone()),
            ("s", self.statement(site, ix)),
            ("show_briefing", Value::from(true)),
        ]
    }
}

fn site_value(site: &Site) -> Value {
    let c = &site.config;
    map([
        ("title", string(&c.title)),
        ("description", opt(c.description.as_deref())),
        ("author", opt(c.author.as_deref())),
        ("language", string(&c.language)),
        // In relative mode a mark that each page replaces with its way to the root.
        ("base_path", string(&site.base.url(""))),
        ("base_url", opt(site.base.permalink("").as_deref())),
        ("relative", Value::from(site.base.relative)),
        ("has_feeds", Value::from(site.base.has_permalinks())),
        ("has_pages", Value::from(!site.pages.is_empty())),
        (
            "pages",
            list(&site.pages, |p| {
                map([
                    ("title", string(&p.title)),
                    ("url", string(&site.base.url(&format!("{}/", p.slug)))),
                ])
            }),
        ),
        (
            "generator",
            string(concat!("sitroom ", env!("CARGO_PKG_VERSION"))),
        ),
    ])
}

pub fn date_value(d: &Date) -> Value {
    map([
        ("iso", string(&d.iso())),
        ("display", string(&d.display())),
        ("first_day", string(&d.first_day().to_string())),
        ("datetime", string(&d.html_datetime())),
        (
            "precision",
            Value::from(format!("{:?}", d.precision()).to_lowercase()),
        ),
        (
            "certainty",
            Value::from(format!("{:?}", d.certainty()).to_lowercase()),
        ),
    ])
}

pub fn day_value(d: &Day) -> Value {
    map([("iso", string(&d.iso())), ("display", string(&d.display()))])
}

fn actor_ref(site: &Site, a: &Actor) -> Value {
    map([
        ("id", string(&a.id)),
        ("name", string(&a.name)),
        ("kind", string(a.kind.id())),
        ("url", string(&site.base.url(&format!("actors/{}/", a.id)))),
    ])
}

fn source_value(s: &Source) -> Value {
    map([
        ("outlet", string(&s.outlet)),
        ("url", opt(s.url.as_deref())),
        (
            "published",
            s.published.as_ref().map_or_else(Value::none, day_value),
        ),
    ])
}

pub fn tag_url(site: &Site, name: &str) -> String {
    site.base.url(&format!("tags/{}/", slugify(name)))
}

fn card(site: &Site, b: &Briefing) -> Value {
    map([
        ("title", string(&b.title)),
        ("slug", string(&b.slug)),
        (
            "url",
            string(&site.base.url(&format!("briefings/{}/", b.slug))),
        ),
        (
            "permalink",
            opt(site
                .base
                .permalink(&format!("briefings/{}/", b.slug))
                .as_deref()),
        ),
        ("date", day_value(&b.date)),
        (
            "updated",
            b.updated.as_ref().map_or_else(Value::none, day_value),
        ),
        ("summary", string(&b.summary)),
        ("draft", Value::from(b.draft)),
        (
            "tags",
            list(&b.tags, |t| {
                map([("name", string(t)), ("url", string(&tag_url(site, t)))])
            }),
        ),
        ("statement_count", Value::from(b.statements.len())),
        ("correction_count", Value::from(b.corrections.len())),
    ])
}

/// A participant with the role they held on the statement's date.
fn participant(site: &Site, actor_refs: &[Value], ix: usize, s: &Statement) -> Value {
    let a = &site.actors[ix];
    let role = a.role_on(s.date.first_day()).map(|r| {
        let org = r.org.map(|o| site.actors[o].name.as_str());
        map([("title", string(&r.title)), ("org", opt(org))])
    });
    map([
        ("actor", actor_refs[ix].clone()),
        ("id", string(&a.id)),
        ("name", string(&a.name)),
        ("url", string(&site.base.url(&format!("actors/{}/", a.id)))),
        ("role", role.unwrap_or_else(Value::none)),
    ])
}

fn statement(site: &Site, s: &Statement, actor_refs: &[Value], card: Value) -> Value {
    let b = &site.briefings[s.briefing];
    map([
        ("id", string(&s.id)),
        ("number", Value::from(s.number)),
        ("anchor", Value::from(format!("s-{}", s.number))),
        ("kind", string(s.kind.id())),
        ("kind_label", string(s.kind.label())),
        ("date", date_value(&s.date)),
        (
            "speakers",
            list(&s.speakers, |&a| participant(site, actor_refs, a, s)),
        ),
        (
            "with",
            list(&s.with, |&a| participant(site, actor_refs, a, s)),
        ),
        (
            "speaker_ids",
            list(&s.speakers, |&a| string(&site.actors[a].id)),
        ),
        ("with_ids", list(&s.with, |&a| string(&site.actors[a].id))),
        ("quote", opt(s.quote.as_deref())),
        ("summary", opt(s.summary.as_deref())),
        (
            "source",
            s.source.as_ref().map_or_else(Value::none, source_value),
        ),
        ("verification", opt(s.verification.map(|v| v.id()))),
        ("briefing", card),
        (
            "url",
            Value::from(
                site.base
                    .url(&format!("briefings/{}/#s-{}", b.slug, s.number)),
            ),
        ),
    ])
}

/// The full briefing, for its own page.
pub fn briefing(site: &Site, views: &Views, ix: usize) -> Value {
    let b = &site.briefings[ix];
    map([
        ("card", views.card(site, ix)),
        ("title", string(&b.title)),
        (
            "url",
            string(&site.base.url(&format!("briefings/{}/", b.slug))),
        ),
        (
            "permalink",
            opt(site
                .base
                .permalink(&format!("briefings/{}/", b.slug))
                .as_deref()),
        ),
        ("date", day_value(&b.date)),
        (
            "updated",
            b.updated.as_ref().map_or_else(Value::none, day_value),
        ),
        ("summary", string(&b.summary)),
        ("draft", Value::from(b.draft)),
        (
            "tags",
            list(&b.tags, |t| {
                map([("name", string(t)), ("url", string(&tag_url(site, t)))])
            }),
        ),
        ("actors", list(&b.actors, |&a| views.actor_refs[a].clone())),
        ("sources", list(&b.sources, source_value)),
        (
            "statements",
            list(&b.statements, |&s| views.statement(site, s)),
        ),
        (
            "corrections",
            list(&b.corrections, |c| {
                map([("date", day_value(&c.date)), ("note", string(&c.note))])
            }),
        ),
        ("body", Value::safe_string(&b.body_html)),
    ])
}

/// The full actor, for their own page.
pub fn actor(site: &Site, views: &Views, tera: &tera::Tera, ix: usize) -> anyhow::Result<Value> {
    let a = &site.actors[ix];
    let statements = a
        .statements
        .iter()
        .map(|&s| views.statement_html(site, tera, s))
        .collect::<anyhow::Result<Vec<Value>>>()?;
    Ok(map([
        ("id", string(&a.id)),
        ("name", string(&a.name)),
        ("kind", string(a.kind.id())),
        ("url", string(&site.base.url(&format!("actors/{}/", a.id)))),
        (
            "permalink",
            opt(site.base.permalink(&format!("actors/{}/", a.id)).as_deref()),
        ),
        ("aliases", list(&a.aliases, |s| string(s))),
        (
            "names",
            list(&a.names, |(lang, name)| {
                map([("lang", string(lang)), ("name", string(name))])
            }),
        ),
        ("country", opt(a.country.as_deref())),
        ("wikidata", opt(a.wikidata.as_deref())),
        (
            "roles",
            list(&a.roles, |r| {
                map([
                    ("title", string(&r.title)),
                    (
                        "start",
                        r.start.as_ref().map_or_else(Value::none, date_value),
                    ),
                    ("end", r.end.as_ref().map_or_else(Value::none, date_value)),
                    (
                        "org",
                        r.org
                            .map_or_else(Value::none, |o| views.actor_refs[o].clone()),
                    ),
                ])
            }),
        ),
        ("bio", Value::safe_string(&a.bio_html)),
        ("statements", Value::from(statements)),
        ("briefings", list(&a.briefings, |&b| views.card(site, b))),
    ]))
}
