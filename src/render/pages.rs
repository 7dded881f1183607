//! One page's template context and rendering: what each kind of page shows.

use std::collections::BTreeMap;

use anyhow::Context as _;
use tera::{Context, Tera, Value};

use super::{Job, Renderer, TIMELINE_SPLIT, index_pages, job_path, years};
use crate::contacts::{self, Contact};
use crate::model::{self, Site};
use crate::timeline;
use crate::views::{self, Views, map};
use crate::{data, highlight, structured, theme};

pub(super) fn render_job(r: &Renderer, job: &Job) -> anyhow::Result<(String, Vec<u8>)> {
    let (site, tera) = (&r.site, &*r.tera);
    let raw = match job {
        Job::Data("data/statements.json") => Some(data::statements_json(site)),
        Job::Data("data/timeline.json") => Some(data::timeline_json(site)),
        Job::Data(_) => Some(data::statements_csv(site)),
        Job::Highlight => Some(
            highlight::css(&site.config.highlight_theme)
                .unwrap_or_default()
                .into_bytes(),
        ),
        Job::ThemeStatic(i) => Some(theme::STATIC[*i].1.to_vec()),
        _ => None,
    };
    if let Some(bytes) = raw {
        return Ok((job_path(site, job), bytes));
    }
    let (template, rel, vars) = page_context(r, job)?;
    let html = tera
        .render(template, &vars.into_context())
        .with_context(|| format!("cannot render `/{rel}` with template `{template}`"))?;
    let path = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel
    };
    // Relative mode: links carry a mark for the root; this page's way there
    // replaces it (one pass over the page).
    let base = &site.base;
    let html = if base.relative {
        model::resolve_root(html, &base.root_for(&path))
    } else {
        html
    };
    Ok((path, html.into_bytes()))
}

/// A page's template variables by name. (`tera::Context` cannot list its keys, and
/// the test that checks docs/templates.md against the real contexts needs them.)
#[derive(Default)]
pub(super) struct Vars(pub(super) BTreeMap<&'static str, Value>);

impl Vars {
    fn insert_value(&mut self, key: &'static str, value: Value) {
        self.0.insert(key, value);
    }

    fn into_context(self) -> Context {
        let mut ctx = Context::new();
        for (key, value) in self.0 {
            ctx.insert_value(key, value);
        }
        ctx
    }
}

/// The template, output path (relative, `/`-ended for pages) and variables of a job
/// that renders a template.
pub(super) fn page_context(
    r: &Renderer,
    job: &Job,
) -> anyhow::Result<(&'static str, String, Vars)> {
    let (site, views, tera) = (&r.site, &r.views, &*r.tera);
    let base = &site.base;
    let mut ctx = Vars::default();
    ctx.insert_value("site", views.site.clone());
    let (template, rel, title): (&str, String, String) = match job {
        Job::Index(n) => {
            let per = site.config.paginate;
            let total = index_pages(site);
            let start = (n - 1) * per;
            let cards: Vec<Value> = (start..(start + per).min(site.briefings.len()))
                .map(|b| views.card(site, b))
                .collect();
            ctx.insert_value("briefings", Value::from(cards));
            let page_rel = |k: usize| {
                if k == 1 {
                    String::new()
                } else {
                    format!("page/{k}/")
                }
            };
            ctx.insert_value(
                "paginator",
                map([
                    ("number", Value::from(*n)),
                    ("total", Value::from(total)),
                    (
                        "prev",
                        if *n > 1 {
                            Value::from(base.url(&page_rel(n - 1)))
                        } else {
                            Value::none()
                        },
                    ),
                    (
                        "next",
                        if *n < total {
                            Value::from(base.url(&page_rel(n + 1)))
                        } else {
                            Value::none()
                        },
                    ),
                    ("first", Value::from(base.url(""))),
                    ("last", Value::from(base.url(&page_rel(total)))),
                ]),
            );
            let title = if *n == 1 {
                site.config.title.clone()
            } else {
                format!("Page {n} – {}", site.config.title)
            };
            ("index.html", page_rel(*n), title)
        }
        Job::Briefing(ix) => {
            let b = &site.briefings[*ix];
            ctx.insert_value("briefing", views::briefing(site, views, *ix));
            ctx.insert_value(
                "jsonld",
                Value::safe_string(&structured::briefing(site, *ix)),
            );
            (
                "briefing.html",
                format!("briefings/{}/", b.slug),
                b.title.clone(),
            )
        }
        Job::Actors => {
            let mut kinds: Vec<_> = site.actors.iter().map(|a| a.kind).collect();
            kinds.sort();
            kinds.dedup();
            let groups: Vec<Value> = kinds
                .iter()
                .map(|&k| {
                    let actors: Vec<Value> = site
                        .actors
                        .iter()
                        .enumerate()
                        .filter(|(_, a)| a.kind == k)
                        .map(|(i, a)| {
                            let said = a
                                .statements
                                .iter()
                                .filter(|&&s| site.statements[s].speakers.contains(&i))
                                .count();
                            map([
                                ("actor", views.actor_refs[i].clone()),
                                ("statement_count", Value::from(a.statements.len())),
                                ("said_count", Value::from(said)),
                                ("addressed_count", Value::from(a.statements.len() - said)),
                                ("briefing_count", Value::from(a.briefings.len())),
                            ])
                        })
                        .collect();
                    map([
                        ("kind", Value::from(k.id())),
                        ("label", Value::from(k.plural_label())),
                        ("actors", Value::from(actors)),
                    ])
                })
                .collect();
            ctx.insert_value("groups", Value::from(groups));
            ("actors.html", "actors/".into(), "Actors".into())
        }
        Job::Actor(ix) => {
            let a = &site.actors[*ix];
            ctx.insert_value("actor", views::actor(site, views, tera, *ix)?);
            ctx.insert_value("jsonld", Value::safe_string(&structured::actor(site, *ix)));
            let mine: Vec<Value> = contacts::of_actor(site, r.contacts(), *ix)
                .into_iter()
                .map(|(other, c)| contact_value(site, views, other, c))
                .collect();
            ctx.insert_value("contacts", Value::from(mine));
            ("actor.html", format!("actors/{}/", a.id), a.name.clone())
        }
        Job::ActorFeed(ix) => {
            let a = &site.actors[*ix];
            let rel = format!("actors/{}/", a.id);
            feed_context(
                &mut ctx,
                site,
                views,
                &a.briefings,
                &format!("{} – {}", a.name, site.config.title),
                &rel,
            );
            ("atom.xml", format!("{rel}atom.xml"), a.name.clone())
        }
        Job::Timeline(year) => timeline_context(&mut ctx, site, views, tera, *year)?,
        Job::Contacts => {
            let rows: Vec<Value> = r
                .contacts()
                .iter()
                .map(|c| {
                    map([
                        ("a", views.actor_refs[c.a].clone()),
                        ("b", views.actor_refs[c.b].clone()),
                        ("count", Value::from(c.statements.len())),
                        ("first", views::date_value(&c.first)),
                        ("last", views::date_value(&c.last)),
                    ])
                })
                .collect();
            ctx.insert_value("contacts", Value::from(rows));
            ctx.insert_value(
                "svg",
                Value::safe_string(&contacts::svg(site, r.contacts())),
            );
            (
                "contacts.html",
                "contacts/".into(),
                "Who spoke with whom".into(),
            )
        }
        Job::Corrections => {
            let mut all: Vec<(usize, usize)> = site
                .briefings
                .iter()
                .enumerate()
                .flat_map(|(b, x)| (0..x.corrections.len()).map(move |c| (b, c)))
                .collect();
            // Newest first; ties by briefing order (already newest first) and position.
            all.sort_by(|&(b1, c1), &(b2, c2)| {
                site.briefings[b2].corrections[c2]
                    .date
                    .cmp(&site.briefings[b1].corrections[c1].date)
                    .then((b1, c1).cmp(&(b2, c2)))
            });
            let rows: Vec<Value> = all
                .into_iter()
                .map(|(b, c)| {
                    let corr = &site.briefings[b].corrections[c];
                    map([
                        ("date", views::day_value(&corr.date)),
                        ("note", Value::from(corr.note.as_str())),
                        ("briefing", views.card(site, b)),
                    ])
                })
                .collect();
            ctx.insert_value("corrections", Value::from(rows));
            (
                "corrections.html",
                "corrections/".into(),
                "Corrections".into(),
            )
        }
        Job::Tags => {
            let tags: Vec<Value> = site
                .tags
                .iter()
                .map(|(slug, t)| {
                    map([
                        ("name", Value::from(t.name.as_str())),
                        ("url", Value::from(base.url(&format!("tags/{slug}/")))),
                        ("count", Value::from(t.briefings.len())),
                    ])
                })
                .collect();
            ctx.insert_value("tags", Value::from(tags));
            ("tags.html", "tags/".into(), "Tags".into())
        }
        Job::Tag(slug) => {
            let t = &site.tags[slug];
            ctx.insert_value(
                "tag",
                map([
                    ("name", Value::from(t.name.as_str())),
                    ("url", Value::from(base.url(&format!("tags/{slug}/")))),
                ]),
            );
            ctx.insert_value(
                "briefings",
                Value::from(
                    t.briefings
                        .iter()
                        .map(|&b| views.card(site, b))
                        .collect::<Vec<_>>(),
                ),
            );
            (
                "tag.html",
                format!("tags/{slug}/"),
                format!("Tag: {}", t.name),
            )
        }
        Job::Page(ix) => {
            let p = &site.pages[*ix];
            ctx.insert_value(
                "page",
                map([
                    ("title", Value::from(p.title.as_str())),
                    (
                        "summary",
                        p.summary.as_deref().map_or_else(Value::none, Value::from),
                    ),
                    ("url", Value::from(base.url(&format!("{}/", p.slug)))),
                    ("body", Value::safe_string(&p.body_html)),
                ]),
            );
            ("page.html", format!("{}/", p.slug), p.title.clone())
        }
        Job::Feed => {
            let all: Vec<usize> = (0..site.briefings.len()).collect();
            feed_context(&mut ctx, site, views, &all, &site.config.title, "");
            ("atom.xml", "atom.xml".into(), site.config.title.clone())
        }
        Job::Sitemap => {
            ctx.insert_value("urls", Value::from(sitemap_urls(site)));
            ("sitemap.xml", "sitemap.xml".into(), String::new())
        }
        Job::Robots => {
            // No sitemap without absolute URLs (relative mode, no public URL).
            ctx.insert_value("sitemap_url", opt(base.permalink("sitemap.xml")));
            ("robots.txt", "robots.txt".into(), String::new())
        }
        Job::NotFound => ("404.html", "404.html".into(), "Page not found".into()),
        Job::Data(_) | Job::Highlight | Job::ThemeStatic(_) => {
            unreachable!("files that are not templates are handled above")
        }
    };
    ctx.insert_value("page_title", Value::from(title));
    let page_rel = rel.trim_end_matches("index.html").to_string();
    ctx.insert_value("page_url", Value::from(base.url(&page_rel)));
    ctx.insert_value("page_permalink", opt(base.permalink(&page_rel)));
    Ok((template, rel, ctx))
}

fn timeline_context(
    ctx: &mut Vars,
    site: &Site,
    views: &Views,
    tera: &Tera,
    year: Option<i16>,
) -> anyhow::Result<(&'static str, String, String)> {
    let split = site.statements.len() > TIMELINE_SPLIT;
    let all: Vec<usize> = (0..site.statements.len()).collect();
    let chosen: Vec<usize> = match year {
        Some(y) => all
            .into_iter()
            .filter(|&i| site.statements[i].date.first_day().year() == y)
            .collect(),
        None if split => Vec::new(),
        None => all,
    };
    let mut months: Vec<Value> = Vec::new();
    for m in timeline::group(&chosen, |i| site.statements[i].date) {
        let mut days: Vec<Value> = Vec::with_capacity(m.days.len());
        for d in m.days {
            let items = d
                .items
                .iter()
                .map(|&i| views.statement_html(site, tera, i))
                .collect::<anyhow::Result<Vec<Value>>>()?;
            days.push(map([
                ("key", Value::from(d.key)),
                ("label", Value::from(d.label)),
                ("statements", Value::from(items)),
            ]));
        }
        months.push(map([
            ("key", Value::from(m.key)),
            ("label", Value::from(m.label)),
            ("days", Value::from(days)),
        ]));
    }
    ctx.insert_value("months", Value::from(months));
    let year_links: Vec<Value> = if split {
        years(site)
            .into_iter()
            .map(|y| {
                let count = site
                    .statements
                    .iter()
                    .filter(|s| s.date.first_day().year() == y)
                    .count();
                map([
                    ("year", Value::from(y)),
                    ("url", Value::from(site.base.url(&format!("timeline/{y}/")))),
                    ("count", Value::from(count)),
                    ("current", Value::from(Some(y) == year)),
                ])
            })
            .collect()
    } else {
        Vec::new()
    };
    ctx.insert_value("years", Value::from(year_links));
    ctx.insert_value("year", year.map_or_else(Value::none, Value::from));
    ctx.insert_value("statement_count", Value::from(chosen.len()));
    // Filter choices: only what occurs on this page.
    let mut actor_ids: Vec<usize> = chosen
        .iter()
        .flat_map(|&i| {
            site.statements[i]
                .speakers
                .iter()
                .chain(&site.statements[i].with)
                .copied()
        })
        .collect();
    actor_ids.sort_unstable();
    actor_ids.dedup();
    let mut kinds: Vec<&str> = chosen
        .iter()
        .map(|&i| site.statements[i].kind.id())
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    let labels: BTreeMap<&str, &str> = chosen
        .iter()
        .map(|&i| {
            (
                site.statements[i].kind.id(),
                site.statements[i].kind.label(),
            )
        })
        .collect();
    ctx.insert_value(
        "filters",
        map([
            (
                "actors",
                Value::from(
                    actor_ids
                        .iter()
                        .map(|&a| views.actor_refs[a].clone())
                        .collect::<Vec<_>>(),
                ),
            ),
            (
                "kinds",
                Value::from(
                    kinds
                        .iter()
                        .map(|k| map([("id", Value::from(*k)), ("label", Value::from(labels[k]))]))
                        .collect::<Vec<_>>(),
                ),
            ),
        ]),
    );
    Ok(match year {
        Some(y) => (
            "timeline.html",
            format!("timeline/{y}/"),
            format!("Timeline {y}"),
        ),
        None => ("timeline.html", "timeline/".into(), "Timeline".into()),
    })
}

fn contact_value(site: &Site, views: &Views, other: usize, c: &Contact) -> Value {
    let links: Vec<Value> = c
        .statements
        .iter()
        .map(|&s| {
            let st = &site.statements[s];
            let b = &site.briefings[st.briefing];
            map([
                (
                    "url",
                    Value::from(
                        site.base
                            .url(&format!("briefings/{}/#s-{}", b.slug, st.number)),
                    ),
                ),
                ("date", views::date_value(&st.date)),
            ])
        })
        .collect();
    map([
        ("actor", views.actor_refs[other].clone()),
        ("count", Value::from(c.statements.len())),
        ("first", views::date_value(&c.first)),
        ("last", views::date_value(&c.last)),
        ("statements", Value::from(links)),
    ])
}

fn feed_context(
    ctx: &mut Vars,
    site: &Site,
    views: &Views,
    briefings: &[usize],
    title: &str,
    rel: &str,
) {
    let entries: Vec<Value> = briefings
        .iter()
        .take(20)
        .map(|&b| views.card(site, b))
        .collect();
    let updated = briefings
        .iter()
        .take(20)
        .map(|&b| site.briefings[b].updated.unwrap_or(site.briefings[b].date))
        .max()
        .map_or_else(|| "1970-01-01".to_string(), |d| d.iso());
    ctx.insert_value("feed_title", Value::from(title));
    ctx.insert_value(
        "feed_url",
        opt(site.base.permalink(&format!("{rel}atom.xml"))),
    );
    ctx.insert_value("alternate_url", opt(site.base.permalink(rel)));
    ctx.insert_value("feed_updated", Value::from(updated));
    ctx.insert_value("entries", Value::from(entries));
}

fn opt(s: Option<String>) -> Value {
    s.map_or_else(Value::none, Value::from)
}

fn sitemap_urls(site: &Site) -> Vec<Value> {
    let b = &site.base;
    let entry = |rel: String, lastmod: Option<String>| {
        map([
            ("loc", opt(b.permalink(&rel))),
            ("lastmod", lastmod.map_or_else(Value::none, Value::from)),
        ])
    };
    let newest = site
        .briefings
        .first()
        .map(|x| x.updated.unwrap_or(x.date).iso());
    let mut urls = vec![entry(String::new(), newest)];
    urls.extend((2..=index_pages(site)).map(|k| entry(format!("page/{k}/"), None)));
    urls.extend(site.briefings.iter().map(|x| {
        entry(
            format!("briefings/{}/", x.slug),
            Some(x.updated.unwrap_or(x.date).iso()),
        )
    }));
    urls.push(entry("actors/".into(), None));
    urls.extend(
        site.actors
            .iter()
            .map(|a| entry(format!("actors/{}/", a.id), None)),
    );
    urls.push(entry("timeline/".into(), None));
    if site.statements.len() > TIMELINE_SPLIT {
        urls.extend(
            years(site)
                .into_iter()
                .map(|y| entry(format!("timeline/{y}/"), None)),
        );
    }
    urls.push(entry("contacts/".into(), None));
    urls.push(entry("corrections/".into(), None));
    urls.push(entry("tags/".into(), None));
    urls.extend(site.tags.keys().map(|t| entry(format!("tags/{t}/"), None)));
    urls.extend(
        site.pages
            .iter()
            .map(|p| entry(format!("{}/", p.slug), None)),
    );
    urls
}
