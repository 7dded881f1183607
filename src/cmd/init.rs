//! `sitroom init DIR`: write a working site: configuration, an example briefing and
//! its two actors, the default templates and static files to edit, a GitHub Actions
//! workflow that publishes it with GitHub Pages, and a `.gitignore` for the output.

use std::fs;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::{scaffold, theme};

pub fn run(dir: &Path) -> anyhow::Result<ExitCode> {
    if dir.exists() {
        let mut entries =
            fs::read_dir(dir).with_context(|| format!("cannot read `{}`", dir.display()))?;
        if entries.next().is_some() {
            eprintln!(
                "error: `{}` is not empty\n  hint: choose a new folder name; init never writes over existing files",
                dir.display()
            );
            return Ok(ExitCode::from(2));
        }
    }
    let title = scaffold::default_site_title(dir);
    let mut files: Vec<(String, Vec<u8>)> =
        vec![("site.yaml".into(), scaffold::site_yaml(&title).into_bytes())];
    files.extend(
        scaffold::EXAMPLE
            .iter()
            .map(|(p, t)| ((*p).to_string(), t.as_bytes().to_vec())),
    );
    files.extend(
        theme::TEMPLATES
            .iter()
            .map(|(n, t)| (format!("templates/{n}"), t.as_bytes().to_vec())),
    );
    files.extend(
        theme::STATIC
            .iter()
            .map(|(n, b)| (format!("static/{n}"), b.to_vec())),
    );
    files.push((
        scaffold::GITHUB_PAGES_WORKFLOW_PATH.into(),
        scaffold::github_pages_workflow().into_bytes(),
    ));
    files.push((".gitignore".into(), scaffold::GITIGNORE.as_bytes().to_vec()));
    fs::create_dir_all(dir.join("content/pages"))
        .with_context(|| format!("cannot create `{}`", dir.display()))?;
    for (rel, bytes) in &files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create `{}`", parent.display()))?;
        }
        fs::write(&path, bytes).with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    println!(
        "created a new site in {} ({} files):",
        dir.display(),
        files.len()
    );
    println!("  site.yaml");
    for (rel, _) in scaffold::EXAMPLE {
        println!("  {rel}");
    }
    println!(
        "  templates/ ({} files: the default theme, yours to edit)",
        theme::TEMPLATES.len()
    );
    println!("  static/ ({} files)", theme::STATIC.len());
    println!(
        "  {}: publishes the site with GitHub Pages on every push to main",
        scaffold::GITHUB_PAGES_WORKFLOW_PATH
    );
    println!(
        "  .gitignore: keeps the output folder public/ and the link cache .sitroom/ out of git"
    );
    println!("next: sitroom serve --root {}", dir.display());
    Ok(ExitCode::SUCCESS)
}
