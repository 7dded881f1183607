//! `sitroom check`: load and resolve everything, report every problem, write nothing.

use std::path::Path;
use std::process::ExitCode;

use crate::cli::Format;
use crate::cmd::{plural, report};
use crate::load;

pub fn run(root: &Path, format: Format) -> anyhow::Result<ExitCode> {
    let loaded = load::load(root, &load::Options { drafts: true, base_url: None })?;
    let diags = &loaded.diagnostics;
    let errors = diags.iter().filter(|d| d.is_error()).count();
    match format {
        Format::Human => {
            report(diags);
            let warnings = diags.len() - errors;
            eprintln!("checked: {}, {}", plural(errors, "error"), plural(warnings, "warning"));
        }
        Format::Json => {
            for d in diags {
                println!("{}", serde_json::to_string(d)?);
            }
        }
    }
    Ok(if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
