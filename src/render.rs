//! Site + templates -> every output file as bytes, rendered in parallel. No I/O.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use anyhow::Context as _;
use rayon::prelude::*;
use tera::{Context, Tera, Value};

use crate::contacts::{self, Contact};
use crate::model::Site;
use crate::timeline;
use crate::views::{self, Views, map};
use crate::{data, highlight, structured, theme};

/// Output path (relative, `/`-separated, e.g. `actors/x/index.html`) -> contents.
pub type Output = BTreeMap<String, Vec<u8>>;

/// A timeline longer than this is split into one page per year.
pub const TIMELINE_SPLIT: usize = 500;

#[derive(Debug, Clone)]
enum Job {
    Index(usize),
    Briefing(usize),
    Actors,
    Actor(usize),
    ActorFeed(usize),
    Timeline(Option<i16>),
    Contacts,
    Corrections,
    Tags,
    Tag(String),
    Page(usize),
    Feed,
    Sitemap,
    Robots,
    /// A data file: `data/statements.json`, `.csv` or `data/timeline.json`.
    Data(&'static str),
    NotFound,
    /// `highlight.css`, from the highlight theme.
    Highlight,
    /// One of the theme's embedded static files (an index into `theme::STATIC`).
    ThemeStatic(usize),
}

/// Where rendered files go: a map in memory (serve, tests) or a staging folder
/// (build), so a big site never has to sit in memory whole.
pub trait Sink: Sync {
    fn put(&self, path: String, bytes: Vec<u8>) -> anyhow::Result<()>;
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

/// Renders every page of `site` into memory.
pub fn render(site: Site, tera: Arc<Tera>, static_names: &[&str]) -> anyhow::Result<Output> {
    Renderer::new(site, tera, static_names).render_to_memory()
}

/// Renders the pages of one site: all of them in parallel (`build`), or one at a
/// time by output path (`serve`, which renders a page when it is requested, so a
/// rebuild after an edit costs a load, not a render of the whole site).
pub struct Renderer {
    site: Site,
    tera: Arc<Tera>,
    views: Views,
    contacts: OnceLock<Vec<Contact>>,
    jobs: Vec<Job>,
    /// Output path -> index in `jobs`.
    by_path: HashMap<String, usize>,
}

impl Renderer {
    /// Plans the pages of `site`. `static_names` are the site's own static files,
    /// which take precedence over the theme's embedded ones.
    pub fn new(site: Site, tera: Arc<Tera>, static_names: &[&str]) -> Renderer {
        let jobs = jobs(&site, static_names);
        let by_path = jobs
            .iter()
            .enumerate()
            .map(|(i, j)| (job_path(&site, j), i))
            .collect();
        let views = Views::new(&site);
        Renderer {
            site,
            tera,
            views,
            contacts: OnceLock::new(),
            jobs,
            by_path,
        }
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    /// Whether `path` (e.g. `actors/x/index.html`) is one of the site's files.
    pub fn has_path(&self, path: &str) -> bool {
        self.by_path.contains_key(path)
    }

    /// Renders the file at output `path`, if the site has one.
    pub fn render_path(&self, path: &str) -> Option<anyhow::Result<Vec<u8>>> {
        let job = &self.jobs[*self.by_path.get(path)?];
        Some(render_job(self, job).map(|(_, bytes)| bytes))
    }

    /// Renders every file in parallel, handing each to `sink` as soon as it is
    /// ready. Returns the number of files.
    pub fn render_all(&self, sink: &dyn Sink) -> anyhow::Result<usize> {
        let timings = std::env::var_os("SITROOM_TIMINGS").is_some();
        let spent: Mutex<BTreeMap<String, (usize, u128)>> = Mutex::default();
        self.jobs.par_iter().try_for_each(|job| {
            let started = std::time::Instant::now();
            let (path, bytes) = render_job(self, job)?;
            if timings {
                let kind = match job {
                    Job::Data(d) => (*d).to_string(),
                    _ => format!("{job:?}")
                        .split('(')
                        .next()
                        .unwrap_or("")
                        .to_lowercase(),
                };
                let mut spent = spent
                    .lock()
                    .map_err(|_| anyhow::anyhow!("a render thread panicked"))?;
                let entry = spent.entry(kind).or_default();
                entry.0 += 1;
                entry.1 += started.elapsed().as_micros();
            }
            sink.put(path, bytes)
        })?;
        if timings {
            for (kind, (n, us)) in spent.into_inner().unwrap_or_default() {
                eprintln!("timing:   {kind:<20} {n:>6} jobs {:>6} ms", us / 1000);
            }
        }
        Ok(self.jobs.len())
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
}

fn index_pages(site: &Site) -> usize {
    site.briefings.len().div_ceil(site.config.paginate).max(1)
}

fn years(site: &Site) -> Vec<i16> {
    let mut years: Vec<i16> = site
        .statements
        .iter()
        .map(|s| s.date.first_day().year())
        .collect();
    years.dedup();
    years
}

fn jobs(site: &Site, static_names: &[&str]) -> Vec<Job> {
    let mut jobs: Vec<Job> = (1..=index_pages(site)).map(Job::Index).collect();
    jobs.extend((0..site.briefings.len()).map(Job::Briefing));
    jobs.push(Job::Actors);
    jobs.extend((0..site.actors.len()).map(Job::Actor));
    jobs.extend((0..site.actors.len()).map(Job::ActorFeed));
    jobs.push(Job::Timeline(None));
    if site.statements.len() > TIMELINE_SPLIT {
        jobs.extend(years(site).into_iter().map(|y| Job::Timeline(Some(y))));
    }
    jobs.extend([Job::Contacts, Job::Corrections, Job::Tags]);
    jobs.extend(site.tags.keys().cloned().map(Job::Tag));
    jobs.extend((0..site.pages.len()).map(Job::Page));
    jobs.extend([Job::Feed, Job::Sitemap, Job::Robots, Job::NotFound]);
    // The data files are big: start them early so they overlap with the pages.
    for (i, name) in [
        "data/statements.json",
        "data/timeline.json",
        "data/statements.csv",
    ]
    .into_iter()
    .enumerate()
    {
        jobs.insert(i, Job::Data(name));
    }
    jobs.push(Job::Highlight);
    jobs.extend(
        theme::STATIC
            .iter()
            .enumerate()
            .filter(|(_, (name, _))| !static_names.contains(name))
            .map(|(i, _)| Job::ThemeStatic(i)),
    );
    jobs
}

/// The output path of `job`: the folder's `index.html` for pages.
fn job_path(site: &Site, job: &Job) -> String {
    let rel = match job {
        Job::Index(1) => String::new(),
        Job::Index(n) => format!("page/{n}/"),
        Job::Briefing(ix) => format!("briefings/{}/", site.briefings[*ix].slug),
        Job::Actors => "actors/".into(),
        Job::Actor(ix) => format!("actors/{}/", site.actors[*ix].id),
        Job::ActorFeed(ix) => format!("actors/{}/atom.xml", site.actors[*ix].id),
        Job::Timeline(None) => "timeline/".into(),
        Job::Timeline(Some(y)) => format!("timeline/{y}/"),
        Job::Contacts => "contacts/".into(),
        Job::Corrections => "corrections/".into(),
        Job::Tags => "tags/".into(),
        Job::Tag(slug) => format!("tags/{slug}/"),
        Job::Page(ix) => format!("{}/", site.pages[*ix].slug),
        Job::Feed => "atom.xml".into(),
        Job::Sitemap => "sitemap.xml".into(),
        Job::Robots => "robots.txt".into(),
        Job::Data(name) => (*name).into(),
        Job::NotFound => "404.html".into(),
        Job::Highlight => "highlight.css".into(),
        Job::ThemeStatic(i) => theme::STATIC[*i].0.into(),
    };
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel
    }
}

fn render_job(r: &Renderer, job: &Job) -> anyhow::Result<(String, Vec<u8>)> {
    let (site, views, tera) = (&r.site, &r.views, &*r.tera);
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
    let base = &site.base;
    let mut ctx = Context::new();
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
                            map([
                                ("actor", views.actor_refs[i].clone()),
                                ("statement_count", Value::from(a.statements.len())),
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
            ctx.insert_value("sitemap_url", Value::from(base.permalink("sitemap.xml")));
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
    ctx.insert_value("page_permalink", Value::from(base.permalink(&page_rel)));
    let html = tera
        .render(template, &ctx)
        .with_context(|| format!("cannot render `/{rel}` with template `{template}`"))?;
    let path = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel
    };
    Ok((path, html.into_bytes()))
}

fn timeline_context(
    ctx: &mut Context,
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
    ctx: &mut Context,
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
        Value::from(site.base.permalink(&format!("{rel}atom.xml"))),
    );
    ctx.insert_value("alternate_url", Value::from(site.base.permalink(rel)));
    ctx.insert_value("feed_updated", Value::from(updated));
    ctx.insert_value("entries", Value::from(entries));
}

fn sitemap_urls(site: &Site) -> Vec<Value> {
    let b = &site.base;
    let entry = |rel: String, lastmod: Option<String>| {
        map([
            ("loc", Value::from(b.permalink(&rel))),
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
        let tera = Arc::new(theme::compile(&BTreeMap::new()).unwrap());
        let renderer = Renderer::new(loaded.site.unwrap(), tera, &[]);
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
}
