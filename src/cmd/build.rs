//! `sitroom build`: render the site and swap it into the output folder.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use crate::cmd::{plural, report};
use crate::{build_to_disk, load, output};

pub fn run(
    root: &Path,
    out: Option<PathBuf>,
    force: bool,
    options: &load::Options,
) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let out = out.unwrap_or_else(|| root.join("public"));
    let built = match build_to_disk(root, options, &out, force) {
        Ok(built) => built,
        // An output folder that may not be replaced is a usage error.
        Err(e) if e.is::<output::Refused>() => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
        Err(e) => return Err(e),
    };
    let (errors, mut warnings) = report(&built.diagnostics);
    for notice in &built.notices {
        eprintln!("{notice}");
        warnings += usize::from(notice.starts_with("warning:"));
    }
    let Some(written) = built.written else {
        eprintln!(
            "error: build failed with {}{}; `{}` was left as it was",
            plural(errors, "error"),
            if warnings > 0 {
                format!(" and {}", plural(warnings, "warning"))
            } else {
                String::new()
            },
            out.display()
        );
        return Ok(ExitCode::from(1));
    };
    println!(
        "built {} ({}) into {} in {} ms{}",
        plural(built.pages, "page"),
        plural(written, "file"),
        out.display(),
        started.elapsed().as_millis(),
        if warnings > 0 {
            format!(", {}", plural(warnings, "warning"))
        } else {
            String::new()
        }
    );
    built.exit_without_freeing();
    Ok(ExitCode::SUCCESS)
}
