//! Rebuilds for `serve`: keeps parsed documents and compiled templates between
//! builds and turns each build into a [`Snapshot`] that requests read. A snapshot
//! does not change, except for one kind of edit: when only briefing bodies
//! changed, their new bodies go in place in the served pages (see
//! [`Pages::replace_bodies`]), which then answer as a full build would.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::diagnostic::Diagnostic;
use crate::render::Renderer;
use crate::route::BaseUrl;
use crate::serve::pages::Pages;
use crate::{load, parse, source, theme};

/// What the server shows: the last good output plus the current build's problems.
#[derive(Default)]
pub struct Snapshot {
    /// Counts builds; the reload script compares it to decide whether to reload.
    pub generation: u64,
    /// The URL path the site lives under, `/` or `/sub/path/`.
    pub base_path: String,
    /// The pages of the last build that had no errors, rendered on request.
    pub files: Arc<Pages>,
    /// The site's static files by output path (read from disk when requested).
    pub statics: Arc<HashMap<String, PathBuf>>,
    /// Errors of the current build (empty when it succeeded), already formatted.
    pub problems: Vec<String>,
}

/// How one build went, for the terminal.
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    /// A failure that is not about one file (a template that does not compile).
    pub failure: Option<String>,
    pub load_time: Duration,
    pub render_time: Duration,
    pub parsed: usize,
    /// How long each step took (load's, then the renderer's), for `SITROOM_TIMINGS`.
    pub stages: Vec<(&'static str, Duration)>,
}

/// Builds the site again and again, reusing what did not change.
pub struct Builder {
    root: PathBuf,
    drafts: bool,
    /// `http://bind:port`, to which the configured sub-path is appended.
    origin: String,
    cache: load::Cache,
    tera: Option<crate::theme::Theme>,
    generation: u64,
    last_good: Arc<Pages>,
    /// The last build succeeded and its pages passed [`Pages::probe`] with the
    /// templates compiled now.
    probed: bool,
    /// The good pages before `last_good`, kept until `last_good` passes the probe
    /// that [`Builder::probe_late`] runs after publishing.
    unprobed: Option<Arc<Pages>>,
    /// The files changed since the last build, and whether each is still a plain
    /// file; the cache forgets them when the build starts (see [`Builder::build`]).
    pending: Vec<(PathBuf, bool)>,
    /// The last build's diagnostics and static files, for a build that only puts
    /// new briefing bodies in place.
    last_diagnostics: Vec<Diagnostic>,
    last_statics: Arc<HashMap<String, PathBuf>>,
}

impl Builder {
    pub fn new(root: &Path, drafts: bool, origin: String) -> Self {
        Builder {
            root: root.to_path_buf(),
            drafts,
            origin,
            cache: load::Cache::default(),
            tera: None,
            generation: 0,
            last_good: Arc::default(),
            probed: false,
            unprobed: None,
            pending: Vec::new(),
            last_diagnostics: Vec::new(),
            last_statics: Arc::default(),
        }
    }

    /// Forgets whatever was derived from `rel` (a path relative to the root);
    /// `modified`: it is still a plain file (see [`load::Cache::invalidate`]).
    pub fn invalidate(&mut self, rel: &Path, modified: bool) {
        // The strings (and site.yaml's `language`) are compiled into the templates' `t()`.
        if rel.starts_with("templates") || rel.starts_with("i18n") || rel == Path::new("site.yaml")
        {
            self.tera = None;
        }
        self.pending.push((rel.to_path_buf(), modified));
    }

    pub fn invalidate_all(&mut self) {
        self.cache.clear();
        self.tera = None;
        self.probed = false;
    }

    /// Builds the site and returns what to serve and how it went.
    pub fn build(&mut self) -> (Snapshot, Outcome) {
        let pending = std::mem::take(&mut self.pending);
        if let Some(done) = self.replace_bodies(&pending) {
            return done;
        }
        for (rel, modified) in &pending {
            self.cache.invalidate(rel, *modified);
        }
        let base_path = self.base_path();
        let options = load::Options {
            drafts: self.drafts,
            base_url: Some(format!("{}{base_path}", self.origin)),
            ..load::Options::default()
        };
        let started = Instant::now();
        let mut outcome = Outcome {
            diagnostics: Vec::new(),
            failure: None,
            load_time: Duration::ZERO,
            render_time: Duration::ZERO,
            parsed: 0,
            stages: Vec::new(),
        };
        let mut statics = HashMap::new();
        match self.try_build(&options, &mut outcome, &mut statics, started) {
            Ok(Some((files, probed))) => {
                let previous = std::mem::replace(&mut self.last_good, Arc::new(files));
                self.unprobed = (!probed).then_some(previous);
                self.probed = true;
            }
            Ok(None) => self.probed = false,
            Err(e) => {
                outcome.failure = Some(format!("{e:#}"));
                self.probed = false;
            }
        }
        self.last_diagnostics.clone_from(&outcome.diagnostics);
        self.last_statics = Arc::new(statics);
        let snapshot = self.snapshot(base_path, Arc::clone(&self.last_statics), &outcome);
        (snapshot, outcome)
    }

    /// The build after edits of briefing bodies alone (`pending`: the files
    /// changed, each a briefing of the last good build, which was probed): the
    /// new bodies go in place in the served pages, which are otherwise the same
    /// as a full build would make; so are the diagnostics. `None` when that does
    /// not apply; nothing is changed then.
    fn replace_bodies(&mut self, pending: &[(PathBuf, bool)]) -> Option<(Snapshot, Outcome)> {
        let started = Instant::now();
        if pending.is_empty() || !self.probed || self.tera.is_none() {
            return None;
        }
        if pending.iter().any(|(_, modified)| !modified) {
            return None;
        }
        let config = self.last_good.one_language_config()?;
        let paths: Vec<&Path> = pending.iter().map(|(p, _)| p.as_path()).collect();
        let bodies = self.cache.reparse_bodies(&paths, &config)?;
        if !self.last_good.replace_bodies(&paths, bodies) {
            // The files are parsed again by the load that follows.
            return None;
        }
        let elapsed = started.elapsed();
        let outcome = Outcome {
            diagnostics: self.last_diagnostics.clone(),
            failure: None,
            load_time: elapsed,
            render_time: Duration::ZERO,
            parsed: paths.len(),
            stages: vec![("bodies in place", elapsed)],
        };
        let base_path = self.base_path();
        let statics = Arc::clone(&self.last_statics);
        Some((self.snapshot(base_path, statics, &outcome), outcome))
    }

    /// Probes the pages of a build published without it (see [`Builder::build`]).
    /// If they fail, returns a snapshot to publish instead: the pages before them
    /// and the failure, which is also put in `outcome`.
    pub fn probe_late(&mut self, published: &Snapshot, outcome: &mut Outcome) -> Option<Snapshot> {
        let previous = self.unprobed.take()?;
        let started = Instant::now();
        let result = self.last_good.probe();
        outcome
            .stages
            .push(("probe after publishing", started.elapsed()));
        let e = result.err()?;
        outcome.failure = Some(format!("{e:#}"));
        self.probed = false;
        self.last_good = previous;
        let base_path = published.base_path.clone();
        Some(self.snapshot(base_path, Arc::clone(&published.statics), outcome))
    }

    fn snapshot(
        &mut self,
        base_path: String,
        statics: Arc<HashMap<String, PathBuf>>,
        outcome: &Outcome,
    ) -> Snapshot {
        let mut problems: Vec<String> = outcome
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(ToString::to_string)
            .collect();
        problems.extend(outcome.failure.clone());
        self.generation += 1;
        Snapshot {
            generation: self.generation,
            base_path,
            files: Arc::clone(&self.last_good),
            statics,
            problems,
        }
    }

    fn try_build(
        &mut self,
        options: &load::Options,
        outcome: &mut Outcome,
        statics: &mut HashMap<String, PathBuf>,
        started: Instant,
    ) -> anyhow::Result<Option<(Pages, bool)>> {
        let loaded = load::load_cached(&self.root, options, &mut self.cache)?;
        outcome.parsed = self.cache.parsed;
        outcome.load_time = started.elapsed();
        outcome.stages.clone_from(&self.cache.stages);
        let has_errors = loaded.has_errors();
        let load::Loaded {
            site,
            listing,
            diagnostics,
        } = loaded;
        outcome.diagnostics = diagnostics;
        statics.extend(
            listing
                .static_files
                .iter()
                .map(|(n, e)| (n.clone(), e.abs.clone())),
        );
        let site = match site {
            Some(site) if !has_errors => site,
            _ => return Ok(None),
        };
        let theme_started = Instant::now();
        // Pages that rendered with these templates are likely to again: when
        // only content changed, the probe runs after publishing.
        let probe_now = self.tera.is_none() || !self.probed;
        let theme = match &self.tera {
            Some(t) => t.clone(),
            None => {
                let theme = theme::load(&listing, &site.config.language)?;
                self.tera = Some(theme.clone());
                theme
            }
        };
        outcome.stages.push(("theme", theme_started.elapsed()));
        let render_started = Instant::now();
        let names: Vec<&str> = listing
            .static_files
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        let pages = Pages::new(Renderer::new(site, theme, &names));
        outcome.stages.push(("renderer", render_started.elapsed()));
        if probe_now {
            let probe_started = Instant::now();
            pages.probe()?;
            outcome.stages.push(("probe", probe_started.elapsed()));
        }
        outcome.render_time = render_started.elapsed();
        Ok(Some((pages, probe_now)))
    }

    /// The sub-path of the configured `base_url`; `/` if there is none or site.yaml
    /// does not parse (the build then reports why).
    fn base_path(&self) -> String {
        let text = source::read_config_text(&self.root).unwrap_or_default();
        parse::config(Path::new("site.yaml"), &text)
            .0
            .and_then(|c| BaseUrl::parse(&c.base_url).ok())
            .map_or_else(|| "/".to_string(), |b| b.path)
    }
}
