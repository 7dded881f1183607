//! Reads and resolves a whole site folder: the edge where files come in. Parsing
//! runs in parallel; every problem in every file is collected.

use std::path::Path;

use crate::diagnostic::{self, Code, Diagnostic, did_you_mean};
use crate::front_matter::Config;
use crate::model::Site;
use crate::route::BaseUrl;
use crate::source::{self, Listing};
use crate::{highlight, parse, resolve, scaffold};

mod cache;
mod fingerprint;
mod languages;
mod multilingual;
mod translations;

pub use cache::Cache;

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub drafts: bool,
    /// Overrides `base_url` from site.yaml.
    pub base_url: Option<String>,
    /// Overrides `public_url` from site.yaml (used with `base_url: relative`).
    pub public_url: Option<String>,
    /// Where parsed documents and other reusable work are kept between builds
    /// (none by default: `serve` keeps its own in memory, tests start cold).
    pub cache: crate::cache::Store,
}

/// A loaded site: the model if nothing was fatal, and every diagnostic.
pub struct Loaded {
    pub site: Option<Site>,
    /// Shared with `serve`'s cache, which reuses it while no file comes or goes.
    pub listing: std::sync::Arc<Listing>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads the site at `root` from scratch.
pub fn load(root: &Path, options: &Options) -> anyhow::Result<Loaded> {
    let mut cache = Cache::one_shot();
    let loaded = load_cached(root, options, &mut cache)?;
    if std::env::var_os("SITROOM_TIMINGS").is_some() {
        let steps: Vec<String> = (cache.stages.iter())
            .map(|(name, took)| format!("{name} {} ms", took.as_millis()))
            .collect();
        eprintln!("timing:   load steps: {}", steps.join(", "));
        if options.cache.is_enabled() {
            eprintln!(
                "timing: parse cache: {} files parsed, {} from the cache",
                cache.parsed, cache.from_disk
            );
        }
    }
    Ok(loaded)
}

/// Loads the site at `root`, parsing only the files that `cache` does not hold.
/// `serve` keeps one cache across rebuilds and invalidates the files that changed.
pub fn load_cached(root: &Path, options: &Options, cache: &mut Cache) -> anyhow::Result<Loaded> {
    cache.stages.clear();
    let mut clock = std::time::Instant::now();
    let listing = cache.listing(root)?;
    cache.stage("list", &mut clock);
    let mut diags = listing.problems.clone();

    let (config, base, config_text) = load_config(root, &listing, options, &mut diags);
    // A template that cannot be read is a diagnostic like any other (and `build`
    // then stops before compiling templates, as `check` does).
    let templates = source::read_templates(&listing).unwrap_or_else(|problems| {
        diags.extend(problems);
        std::collections::BTreeMap::new()
    });
    let codes: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
    diags.extend(crate::theme::locale_problems(
        &listing,
        if codes.is_empty() {
            std::slice::from_ref(&config.language)
        } else {
            &codes
        },
        &templates,
    ));
    let files = Files::split(&listing, &codes, &mut diags);
    cache.stage("config", &mut clock);

    let settings = cache::Settings::of(&config);
    let mut actor_docs = Vec::with_capacity(files.actors.len());
    for (doc, ds) in cache.actors(&files.actors, &settings, &options.cache) {
        actor_docs.extend(doc);
        diags.extend(ds);
    }
    actor_docs.sort_by(|a, b| a.id.cmp(&b.id));
    let duplicate_actors = duplicate_actors(&mut actor_docs, &mut diags);
    cache.stage("actors", &mut clock);

    let (briefing_docs, mut briefing_diags) =
        cache.briefings(&files.briefings, &actor_docs, &settings, &options.cache);
    diags.append(&mut briefing_diags);
    cache.stage("briefings", &mut clock);

    let mut page_docs = Vec::new();
    for (doc, ds) in cache.pages(&files.pages, &settings, &options.cache) {
        page_docs.extend(doc);
        diags.extend(ds);
    }

    // A file that could not be parsed may name actors: "never referred to" would
    // then be a false alarm on top of the real error, so it waits until all parse.
    // A file with front-matter errors is read with its failed fields left out,
    // which may be the ones naming actors: that counts as not parsed here.
    let all_parsed = briefing_docs.len() == files.briefings.len()
        && actor_docs.len() + duplicate_actors == files.actors.len()
        && !diags
            .iter()
            .any(|d| d.is_error() && d.code.is_front_matter());
    let resolve_options = resolve::Options {
        drafts: options.drafts,
        unused_actors: all_parsed,
    };
    let mut docs = multilingual::Docs {
        actors: actor_docs,
        briefings: briefing_docs,
        pages: page_docs,
    };
    cache.stage("pages", &mut clock);
    // Only the build cache uses it.
    let (fingerprint, prints) = if options.cache.is_enabled() {
        fingerprint::of(&config_text, options, &mut docs, &files)
    } else {
        Default::default()
    };
    cache.stage("fingerprint", &mut clock);
    let (mut site, mut more) =
        multilingual::resolve_all(config, base, docs, &files, resolve_options);
    site.fingerprint = fingerprint;
    for other in &mut site.translations {
        other.fingerprint = fingerprint;
    }
    site.briefing_prints = briefing_prints(&site, &prints);
    diags.append(&mut more);
    diagnostic::sort(&mut diags);
    cache.stage("resolve", &mut clock);
    Ok(Loaded {
        site: Some(site),
        listing,
        diagnostics: diags,
    })
}

/// Each of `site`'s briefings' hash, from `prints` (by path); none if one is
/// missing, or with languages: a page in one language links its counterparts
/// in the others, which the briefings' own hashes do not tell.
fn briefing_prints(site: &crate::model::Site, prints: &fingerprint::Prints) -> Vec<u128> {
    if !site.translations.is_empty() || prints.is_empty() {
        return Vec::new();
    }
    (site.briefings.iter())
        .map(|b| prints.get(&b.path).copied())
        .collect::<Option<_>>()
        .unwrap_or_default()
}

/// The content files: originals, and translations when the site has languages.
pub(crate) struct Files {
    actors: Vec<source::Entry>,
    briefings: Vec<source::Entry>,
    pages: Vec<source::Entry>,
    translations: [Vec<translations::Sibling>; 3],
}

impl Files {
    fn split(listing: &Listing, codes: &[String], diags: &mut Vec<Diagnostic>) -> Files {
        if codes.len() < 2 {
            return Files {
                actors: listing.actors.clone(),
                briefings: listing.briefings.clone(),
                pages: listing.pages.clone(),
                translations: Default::default(),
            };
        }
        let (actors, a) = translations::split(&listing.actors, codes, diags);
        let (briefings, b) = translations::split(&listing.briefings, codes, diags);
        let (pages, p) = translations::split(&listing.pages, codes, diags);
        Files {
            actors,
            briefings,
            pages,
            translations: [a, b, p],
        }
    }
}

/// Two actor files with one id: an error each, and only the first is kept.
/// Returns how many were dropped.
fn duplicate_actors(
    actor_docs: &mut Vec<crate::parse::ActorDoc>,
    diags: &mut Vec<Diagnostic>,
) -> usize {
    for pair in actor_docs.windows(2) {
        if pair[0].id == pair[1].id {
            diags.push(
                Diagnostic::error(
                    &pair[1].path,
                    Code::DuplicateActor,
                    format!(
                        "actor id `{}` is already defined by {}",
                        pair[1].id,
                        pair[0].path.display()
                    ),
                )
                .hint("actor ids are file stems: rename one of the files"),
            );
        }
    }
    let before_dedup = actor_docs.len();
    actor_docs.dedup_by(|b, a| a.id == b.id);
    before_dedup - actor_docs.len()
}

fn load_config(
    root: &Path,
    listing: &Listing,
    options: &Options,
    diags: &mut Vec<Diagnostic>,
) -> (Config, BaseUrl, String) {
    let mut config = Config::default();
    let mut text = String::new();
    if let Some(entry) = &listing.config {
        match source::read(entry) {
            Ok(t) => {
                let (parsed, problems) = parse::config(&entry.path, &t);
                text = t;
                config = parsed.unwrap_or(config);
                diags.extend(problems);
            }
            Err(d) => diags.push(d),
        }
    }
    let path = Path::new("site.yaml");
    let raw_base = options
        .base_url
        .clone()
        .unwrap_or_else(|| config.base_url.clone());
    let mut base = match BaseUrl::parse(&raw_base) {
        Ok(b) => b,
        Err(msg) => {
            let d = if options.base_url.is_some() {
                Diagnostic::error(Path::new("--base-url"), Code::BadBaseUrl, msg)
            } else {
                Diagnostic::error(path, Code::BadBaseUrl, msg).at(position_of(&text, "base_url"))
            };
            diags.push(d.hint(
                "write an absolute URL such as https://example.org/nk/, a path such as /nk/, or `relative`",
            ));
            BaseUrl::parse("/").expect("`/` is a base URL")
        }
    };
    diags.extend(languages::check(&mut config, &text, listing));
    diags.extend(empty_title(&text, &config.title));
    if listing.config.is_some() {
        diags.extend(default_title(root, &text, &config.title));
    }
    public_url(&mut base, &config, options, &text, diags);
    if config.paginate == 0 {
        diags.push(
            Diagnostic::error(path, Code::BadPaginate, "`paginate` must be at least 1")
                .at(position_of(&text, "paginate"))
                .hint("set `paginate: 20`, or a number of briefings per index page"),
        );
        config.paginate = 20;
    }
    if highlight::css(&config.highlight_theme).is_none() {
        let names = highlight::theme_names();
        let hint = match did_you_mean(&config.highlight_theme, names.iter().copied()) {
            Some(n) => format!("did you mean `{n}`? Themes: {}", names.join(", ")),
            None => format!("themes: {}", names.join(", ")),
        };
        diags.push(
            Diagnostic::error(
                path,
                Code::UnknownTheme,
                format!("unknown highlight theme `{}`", config.highlight_theme),
            )
            .at(position_of(&text, "highlight_theme"))
            .hint(hint),
        );
    }
    (config, base, text)
}

/// Takes the public URL (`--public-url`, else site.yaml's `public_url`) into a
/// relative `base` as its absolute base. It means nothing without `base_url:
/// relative`: given on the command line it is then an error; in site.yaml it is
/// an error unless `--base-url` replaced the relative base (as `serve` does).
fn public_url(
    base: &mut BaseUrl,
    config: &Config,
    options: &Options,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let from_flag = options.public_url.is_some();
    let Some(raw) = options.public_url.as_ref().or(config.public_url.as_ref()) else {
        return;
    };
    let (file, at) = if from_flag {
        (
            Path::new("--public-url"),
            diagnostic::Pos { line: 1, col: 1 },
        )
    } else {
        (Path::new("site.yaml"), position_of(text, "public_url"))
    };
    let error = |msg: String, hint: &str| {
        let d = Diagnostic::error(file, Code::BadPublicUrl, msg).hint(hint);
        if from_flag { d } else { d.at(at) }
    };
    if !base.relative {
        if from_flag || options.base_url.is_none() {
            diags.push(error(
                "a public URL is only used with `base_url: relative`".into(),
                "set `base_url: relative` (or `--base-url relative`), or put the absolute URL in base_url",
            ));
        }
        return;
    }
    match BaseUrl::parse(raw) {
        Ok(BaseUrl {
            absolute: Some(abs),
            ..
        }) => base.absolute = Some(abs),
        _ => diags.push(error(
            format!("`{}` is not an absolute URL", raw.trim()),
            "write where the site is published, such as https://example.org/nk/",
        )),
    }
}

/// `title: ""`, `title:` or `title: ~` in site.yaml: every page's `<title>` and the
/// feed need a name.
fn empty_title(text: &str, title: &str) -> Option<Diagnostic> {
    let raw = text
        .lines()
        .find_map(|l| l.strip_prefix("title:"))
        .map_or("", |v| v.split(" #").next().unwrap_or("").trim());
    let null = matches!(raw, "~" | "null" | "Null" | "NULL") && title == raw;
    (title.trim().is_empty() || null).then(|| {
        Diagnostic::error(Path::new("site.yaml"), Code::EmptyValue, "`title` is empty")
            .at(position_of(text, "title"))
            .hint("write the site's name after `title:`; it is shown on every page and in the feed")
    })
}

/// The title `init` wrote (the site folder's name) left in site.yaml: every page and
/// the feed would carry it. A checklist warning, not an error.
fn default_title(root: &Path, text: &str, title: &str) -> Option<Diagnostic> {
    let title = title.trim();
    let mut defaults = vec![scaffold::default_site_title(root)];
    if let Ok(abs) = root.canonicalize() {
        defaults.push(scaffold::default_site_title(&abs));
    }
    (title == scaffold::DEFAULT_SITE_TITLE || defaults.iter().any(|d| d == title)).then(|| {
        Diagnostic::warning(
            Path::new("site.yaml"),
            Code::DefaultTitle,
            format!("before publishing: the site title is still `{title}`, the folder name `sitroom init` put there"),
        )
        .at(position_of(text, "title"))
        .hint("write the site's name after `title:`; it is shown on every page and in the feed")
    })
}

/// The position of the value of top-level `key` in a YAML file.
fn position_of(text: &str, key: &str) -> diagnostic::Pos {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
            let value_at = offset + key.len() + 1 + (rest.len() - rest.trim_start().len());
            return diagnostic::Pos::of_offset(text, value_at);
        }
        offset += line.len();
    }
    diagnostic::Pos { line: 1, col: 1 }
}
