//! The only reader of the site folder: finds content, template and static files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use walkdir::WalkDir;

use crate::diagnostic::Diagnostic;

/// A file to load: `path` is relative to the site root (used in messages).
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: PathBuf,
    pub abs: PathBuf,
}

/// What a site folder holds.
#[derive(Debug, Default)]
pub struct Listing {
    pub config: Option<Entry>,
    pub briefings: Vec<Entry>,
    pub actors: Vec<Entry>,
    pub pages: Vec<Entry>,
    /// Template files, named relative to `templates/` with `/` separators.
    pub templates: Vec<(String, Entry)>,
    /// Static files, named relative to `static/` with `/` separators.
    pub static_files: Vec<(String, Entry)>,
}

/// Lists the site folder at `root`, sorted by path so everything downstream is
/// deterministic.
pub fn list(root: &Path) -> anyhow::Result<Listing> {
    if !root.is_dir() {
        anyhow::bail!("site folder `{}` does not exist", root.display());
    }
    let config = root.join("site.yaml");
    let config = config.is_file().then(|| Entry {
        path: "site.yaml".into(),
        abs: config,
    });
    Ok(Listing {
        config,
        briefings: markdown_files(root, "content/briefings")?,
        actors: markdown_files(root, "content/actors")?,
        pages: markdown_files(root, "content/pages")?,
        templates: named_files(root, "templates")?,
        static_files: named_files(root, "static")?,
    })
}

fn walk(root: &Path, sub: &str) -> anyhow::Result<Vec<Entry>> {
    let dir = root.join(sub);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut entries = Vec::new();
    for item in WalkDir::new(&dir).sort_by_file_name() {
        let item = item.with_context(|| format!("cannot read `{}`", dir.display()))?;
        if !item.file_type().is_file() {
            continue;
        }
        let name = item.file_name().to_string_lossy();
        if name.starts_with('.') || name.ends_with('~') {
            continue; // editor swap and backup files
        }
        let rel = item
            .path()
            .strip_prefix(root)
            .unwrap_or(item.path())
            .to_path_buf();
        entries.push(Entry {
            path: rel,
            abs: item.path().to_path_buf(),
        });
    }
    Ok(entries)
}

fn markdown_files(root: &Path, sub: &str) -> anyhow::Result<Vec<Entry>> {
    Ok(walk(root, sub)?
        .into_iter()
        .filter(|e| e.path.extension().is_some_and(|x| x == "md"))
        .collect())
}

fn named_files(root: &Path, sub: &str) -> anyhow::Result<Vec<(String, Entry)>> {
    let base = root.join(sub);
    Ok(walk(root, sub)?
        .into_iter()
        .map(|e| {
            let name = e
                .abs
                .strip_prefix(&base)
                .unwrap_or(&e.abs)
                .to_string_lossy()
                .replace('\\', "/");
            (name, e)
        })
        .collect())
}

/// Reads a text file; a file that is not UTF-8 is a content problem, not a crash.
pub fn read(entry: &Entry) -> Result<String, Diagnostic> {
    match std::fs::read(&entry.abs) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|e| {
            Diagnostic::error(
                &entry.path,
                "not-utf8",
                format!(
                    "the file is not UTF-8 (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            )
            .hint("save the file as UTF-8")
        }),
        Err(e) => Err(Diagnostic::error(
            &entry.path,
            "unreadable",
            format!("cannot read the file: {e}"),
        )),
    }
}

/// Reads the site's own templates, by name. Every unreadable file is reported.
pub fn read_templates(listing: &Listing) -> Result<BTreeMap<String, String>, Vec<Diagnostic>> {
    let mut templates = BTreeMap::new();
    let mut problems = Vec::new();
    for (name, entry) in &listing.templates {
        match read(entry) {
            Ok(text) => {
                templates.insert(name.clone(), text);
            }
            Err(d) => problems.push(d),
        }
    }
    if problems.is_empty() {
        Ok(templates)
    } else {
        Err(problems)
    }
}

/// Reads a binary file (static files, for `serve` and tests).
pub fn read_bytes(entry: &Entry) -> anyhow::Result<Vec<u8>> {
    std::fs::read(&entry.abs).with_context(|| format!("cannot read `{}`", entry.path.display()))
}
