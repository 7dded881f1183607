//! `sitroom check`: load, resolve and render everything in memory, report every
//! problem (including broken internal links and anchors), write nothing.

pub(crate) mod links;

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

pub fn run(root: &Path, format: Format) -> anyhow::Result<ExitCode> {
    let diags = collect(root)?;
    let errors = diags.iter().filter(|d| d.is_error()).count();
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
            let warnings = diags.len() - errors;
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
                "checked: {}, {}{untranslated}",
                plural(errors, "error"),
                plural(warnings, "warning")
            )?;
        }
        Format::Json => {
            for d in &diags {
                writeln!(out, "{}", serde_json::to_string(&JsonDiagnostic::from(d))?)?;
            }
        }
    }
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Every diagnostic for the site at `root`: loading and resolving, then, if that
/// succeeded, rendering and checking the links between the rendered pages.
pub fn collect(root: &Path) -> anyhow::Result<Vec<Diagnostic>> {
    let loaded = load::load(
        root,
        &load::Options {
            drafts: true,
            base_url: None,
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
        let theme = theme::Theme {
            tera: Arc::new(tera),
            locale,
            strings: theme::site_strings(&loaded.listing),
        };
        let renderer = render::Renderer::new(site, theme, &statics);
        diags.extend(renderer.shadowed_by_static(&statics));
        let files = renderer.render_to_memory()?;
        Ok((renderer, files))
    });
    match rendered {
        Ok((renderer, files)) => {
            diags.extend(links::check(root, &renderer, &files, &statics));
        }
        Err(e) => diags.push(
            Diagnostic::error(Path::new("templates"), Code::Render, format!("{e:#}")).hint(
                "fix the template named above; built-in templates can be overridden in templates/",
            ),
        ),
    }
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
