//! `sitroom check`: load, resolve and render everything in memory, report every
//! problem (including broken internal links and anchors), write nothing. With
//! `--links`, also ask the web about every source's links (`external`); that run
//! writes its cache, nothing else.

pub(crate) mod external;
pub(crate) mod link_cache;
pub(crate) mod links;

pub use external::Options as LinkOptions;

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use serde::Serialize;

use crate::cli::Format;
use crate::cmd::plural;
use crate::diagnostic::{self, Code, Diagnostic, Severity};
use crate::{load, render, source, theme};

pub fn run(
    root: &Path,
    format: Format,
    cache: crate::cache::Store,
    links: Option<LinkOptions>,
) -> anyhow::Result<ExitCode> {
    let mut diags = collect(root, cache)?;
    let stats = match &links {
        Some(opts) => {
            let listing = source::list(root)?;
            let (found, stats) = external::check(root, &listing, opts);
            diags.extend(found);
            diagnostic::sort(&mut diags);
            Some(stats)
        }
        None => None,
    };
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let notes = diags
        .iter()
        .filter(|d| d.severity == Severity::Note)
        .count();
    let mut out = std::io::stdout().lock();
    match format {
        Format::Human => {
            let mut sources: HashMap<PathBuf, Option<String>> = HashMap::new();
            let mut err = std::io::stderr().lock();
            for d in &diags {
                let text = sources
                    .entry(d.path.clone())
                    .or_insert_with(|| source::read_for_snippet(root, &d.path));
                writeln!(err, "{}\n", d.render_snippet(text.as_deref()))?;
            }
            let warnings = diags.len() - errors - notes;
            let notes = match notes {
                0 => String::new(),
                n => format!(", {}", plural(n, "note")),
            };
            let untranslated = (diags.iter())
                .filter(|d| d.code == crate::diagnostic::Code::MissingTranslation)
                .count();
            let untranslated = if untranslated > 0 {
                format!(
                    " ({} not translated into every language)",
                    plural(untranslated, "page")
                )
            } else {
                String::new()
            };
            writeln!(
                err,
                "checked: {}, {}{notes}{untranslated}",
                plural(errors, "error"),
                plural(warnings, "warning")
            )?;
            if let Some(s) = &stats {
                writeln!(err, "{}", link_summary(s))?;
            }
        }
        Format::Json => {
            for d in &diags {
                writeln!(out, "{}", serde_json::to_string(&JsonDiagnostic::from(d))?)?;
            }
        }
    }
    let dead = stats.as_ref().map_or(0, |s| s.dead);
    Ok(if errors > 0 || dead > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The last line of `check --links`: what the links check found.
fn link_summary(s: &external::Stats) -> String {
    let line = format!(
        "links: {} ({} from the cache), {} dead, {} moved, {} without an archived copy",
        plural(s.checked, "URL"),
        s.cached,
        s.dead,
        s.moved,
        plural(s.no_archive, "source")
    );
    if s.checked > 1 && s.unreachable == s.checked {
        return line
            + "\nno link answered at all: is this machine offline, or behind a proxy (HTTPS_PROXY)?";
    }
    line
}

/// Every diagnostic for the site at `root`: loading and resolving, then, if that
/// succeeded, rendering and checking the links between the rendered pages.
pub fn collect(root: &Path, cache: crate::cache::Store) -> anyhow::Result<Vec<Diagnostic>> {
    // The last build's output, for the pages the build cache shows unchanged:
    // their links are read from there instead of rendering them again.
    let published = crate::output::Published::last(&cache);
    let loaded = load::load(
        root,
        &load::Options {
            drafts: true,
            base_url: None,
            cache: cache.clone(),
            ..load::Options::default()
        },
    )?;
    let mut diags = loaded.diagnostics;
    diags.extend(source::unreadable_statics(&loaded.listing));
    diagnostic::sort(&mut diags);
    let site = match loaded.site {
        Some(site) if !diags.iter().any(Diagnostic::is_error) => site,
        _ => return Ok(diags),
    };
    let overrides = match source::read_templates(&loaded.listing) {
        Ok(templates) => templates,
        Err(problems) => {
            diags.extend(problems);
            return Ok(diags);
        }
    };
    let statics: Vec<&str> = loaded
        .listing
        .static_files
        .iter()
        .map(|(n, _)| n.as_str())
        .collect();
    let locale = theme::locale(&loaded.listing, &site.config.language).0;
    let rendered = theme::compile_with(&overrides, Arc::clone(&locale)).and_then(|tera| {
        let strings = theme::site_strings(&loaded.listing);
        let theme = theme::Theme {
            tera: Arc::new(tera),
            locale,
            fingerprint: theme::fingerprint(&overrides, &strings, &site.config.language),
            strings,
        };
        let renderer = render::Renderer::new(site, theme, &statics).with_cache(cache);
        diags.extend(renderer.shadowed_by_static(&statics));
        // Only each page's links and ids are kept, as `build` does: holding every
        // rendered file would take a gigabyte at 10,000 briefings.
        let inner: &dyn render::Sink = match &published {
            Some(published) => published,
            None => &links::Discard,
        };
        let summaries = links::Summaries::new(inner, renderer.site());
        renderer.render_for_check(&summaries, published.is_some())?;
        let site_links = summaries.into_links();
        Ok((renderer, site_links))
    });
    match rendered {
        Ok((renderer, site_links)) => {
            diags.extend(links::check(root, &renderer, &site_links, &statics));
        }
        Err(e) => diags.push(
            Diagnostic::error(Path::new("templates"), Code::Render, format!("{e:#}")).hint(
                "fix the template named above; built-in templates can be overridden in templates/",
            ),
        ),
    }
    // A briefing's body that could not be read back from disk left its page
    // unchecked.
    crate::spill::failure()?;
    diagnostic::sort(&mut diags);
    Ok(diags)
}

/// The JSON shape of a diagnostic: one object per line.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: String,
    line: usize,
    column: usize,
    severity: Severity,
    code: &'static str,
    message: &'a str,
    hint: Option<&'a str>,
}

impl<'a> From<&'a Diagnostic> for JsonDiagnostic<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        JsonDiagnostic {
            path: d.path.display().to_string().replace('\\', "/"),
            line: d.line,
            column: d.col,
            severity: d.severity,
            code: d.code.as_str(),
            message: &d.message,
            hint: d.hint.as_deref(),
        }
    }
}
