//! Site + templates -> every output file as bytes, rendered in parallel. No I/O.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;
use tera::Tera;

use crate::contacts::{self, Contact};
use crate::model::Site;
use crate::theme;
use crate::views::Views;

#[cfg(test)]
mod context_doc;
mod pages;

use pages::render_job;

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

    /// How many of the site's files are HTML pages.
    pub fn page_count(&self) -> usize {
        self.by_path.keys().filter(|p| p.ends_with(".html")).count()
    }

    /// Whether `path` (e.g. `actors/x/index.html`) is one of the site's files.
    pub fn has_path(&self, path: &str) -> bool {
        self.by_path.contains_key(path)
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
        let mut seen = std::collections::HashSet::new();
        self.jobs
            .iter()
            .filter(|j| !matches!(j, Job::Data(_) | Job::Highlight | Job::ThemeStatic(_)))
            .filter(|j| seen.insert(std::mem::discriminant(*j)))
            .map(|j| job_path(&self.site, j))
            .collect()
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
    // Feeds and the sitemap need absolute URLs: none in relative mode without a
    // public URL.
    let absolute = site.base.has_permalinks();
    if absolute {
        jobs.extend((0..site.actors.len()).map(Job::ActorFeed));
    }
    jobs.push(Job::Timeline(None));
    if site.statements.len() > TIMELINE_SPLIT {
        jobs.extend(years(site).into_iter().map(|y| Job::Timeline(Some(y))));
    }
    jobs.extend([Job::Contacts, Job::Corrections, Job::Tags]);
    jobs.extend(site.tags.keys().cloned().map(Job::Tag));
    jobs.extend((0..site.pages.len()).map(Job::Page));
    if absolute {
        jobs.extend([Job::Feed, Job::Sitemap]);
    }
    jobs.extend([Job::Robots, Job::NotFound]);
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
