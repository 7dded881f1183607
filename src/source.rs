//! The only reader of the site folder: finds content, template and static files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use walkdir::WalkDir;

use crate::diagnostic::{Code, Diagnostic};

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
    /// The theme's strings, named relative to `i18n/`: `en.ftl`.
    pub locales: Vec<(String, Entry)>,
    /// What could not be listed: a folder that is a file, a link out of the site,
    /// a link loop, something that is neither file nor folder. Never skipped silently.
    pub problems: Vec<Diagnostic>,
}

/// The folders of a site, and what each holds.
const FOLDERS: [&str; 7] = [
    "content",
    "content/briefings",
    "content/actors",
    "content/pages",
    "templates",
    "static",
    "i18n",
];

/// Lists the site folder at `root`, sorted by path so everything downstream is
/// deterministic. Symbolic links are followed while they stay inside the site
/// folder; one that leads out of it is refused (a `static -> /etc` would publish
/// the machine's files).
pub fn list(root: &Path) -> anyhow::Result<Listing> {
    if !root.is_dir() {
        anyhow::bail!("site folder `{}` does not exist", root.display());
    }
    let canonical = root
        .canonicalize()
        .with_context(|| format!("cannot read `{}`", root.display()))?;
    let walker = Walker {
        root,
        canonical: &canonical,
        problems: std::cell::RefCell::new(Vec::new()),
    };
    for sub in FOLDERS {
        walker.check_folder(sub);
    }
    let config = walker.config();
    let mut listing = Listing {
        config,
        briefings: walker.markdown_files("content/briefings"),
        actors: walker.markdown_files("content/actors"),
        pages: walker.markdown_files("content/pages"),
        templates: walker.named_files("templates"),
        static_files: walker.named_files("static"),
        locales: walker.named_files("i18n"),
        problems: Vec::new(),
    };
    listing.problems = walker.problems.into_inner();
    listing.problems.dedup();
    Ok(listing)
}

struct Walker<'a> {
    root: &'a Path,
    canonical: &'a Path,
    problems: std::cell::RefCell<Vec<Diagnostic>>,
}

impl Walker<'_> {
    fn rel(&self, path: &Path) -> PathBuf {
        path.strip_prefix(self.root).unwrap_or(path).to_path_buf()
    }

    fn problem(&self, d: Diagnostic) {
        self.problems.borrow_mut().push(d);
    }

    /// A site folder that exists but is not a folder is an error, not "empty".
    fn check_folder(&self, sub: &str) {
        let path = self.root.join(sub);
        if let Ok(meta) = std::fs::metadata(&path)
            && !meta.is_dir()
        {
            self.problem(
                Diagnostic::error(
                    Path::new(sub),
                    Code::NotAFolder,
                    format!("`{sub}` is a file, but it must be a folder"),
                )
                .hint(format!(
                    "rename or remove the file `{sub}` and make a folder of that name"
                )),
            );
        }
    }

    fn config(&self) -> Option<Entry> {
        let abs = self.root.join("site.yaml");
        let meta = std::fs::metadata(&abs).ok();
        if meta.as_ref().is_some_and(|m| !m.is_file()) {
            self.problem(
                Diagnostic::error(
                    Path::new("site.yaml"),
                    Code::NotAFile,
                    "`site.yaml` is a folder, but it must be a file",
                )
                .hint("remove the folder and write the site's settings into a file `site.yaml`"),
            );
            return None;
        }
        if std::fs::symlink_metadata(&abs).is_ok() && meta.is_none() {
            self.problem(self.broken_link(&abs));
            return None;
        }
        (meta.is_some() && self.inside(&abs)).then(|| Entry {
            path: "site.yaml".into(),
            abs,
        })
    }

    /// Whether `path` (which may be or pass through a link) resolves inside the
    /// site folder; reports it if not.
    fn inside(&self, path: &Path) -> bool {
        match path.canonicalize() {
            Ok(target) if target.starts_with(self.canonical) => true,
            Ok(target) => {
                let link = self.rel(path);
                let written = std::fs::read_link(path).unwrap_or(target);
                self.problem(
                    Diagnostic::error(
                        &link,
                        Code::LinkOutside,
                        format!(
                            "`{}` is a symbolic link to `{}`, outside the site folder",
                            link.display(),
                            written.display()
                        ),
                    )
                    .hint("sitroom follows links only within the site folder: copy the files in, or point the link inside the site"),
                );
                false
            }
            Err(_) => {
                self.problem(self.broken_link(path));
                false
            }
        }
    }

    fn broken_link(&self, path: &Path) -> Diagnostic {
        let link = self.rel(path);
        match std::fs::read_link(path) {
            Ok(target) => Diagnostic::error(
                &link,
                Code::BrokenSymlink,
                format!(
                    "`{}` is a symbolic link to `{}`, which does not exist",
                    link.display(),
                    target.display()
                ),
            )
            .hint("fix or remove the link"),
            Err(e) => Diagnostic::error(&link, Code::Unreadable, format!("cannot read it: {e}")),
        }
    }

    fn walk(&self, sub: &str) -> Vec<Entry> {
        let dir = self.root.join(sub);
        if !dir.is_dir() {
            if std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_symlink()) && !dir.exists() {
                self.problem(self.broken_link(&dir));
            }
            return Vec::new();
        }
        if !self.inside(&dir) {
            return Vec::new();
        }
        let mut entries = Vec::new();
        let walk = WalkDir::new(&dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            // Links are checked before they are followed, so a link out of the
            // site is never walked into.
            .filter_entry(|e| !e.path_is_symlink() || self.inside(e.path()));
        for item in walk {
            let item = match item {
                Ok(item) => item,
                Err(e) => {
                    self.problem(self.walk_error(&e));
                    continue;
                }
            };
            let name = item.file_name().to_string_lossy();
            if item.depth() > 0 && (name.starts_with('.') || name.ends_with('~')) {
                continue; // editor swap and backup files
            }
            if item.file_type().is_dir() {
                continue;
            }
            let rel = self.rel(item.path());
            if !item.file_type().is_file() {
                self.problem(
                    Diagnostic::error(
                        &rel,
                        Code::NotAFile,
                        format!("`{}` is neither a file nor a folder", rel.display()),
                    )
                    .hint("remove it: only files and folders can be published"),
                );
                continue;
            }
            entries.push(Entry {
                path: rel,
                abs: item.path().to_path_buf(),
            });
        }
        entries
    }

    fn walk_error(&self, e: &walkdir::Error) -> Diagnostic {
        let path = e.path().unwrap_or(self.root);
        let rel = self.rel(path);
        if let Some(ancestor) = e.loop_ancestor() {
            return Diagnostic::error(
                &rel,
                Code::LinkLoop,
                format!(
                    "`{}` is a symbolic link back to `{}`, a folder that contains it",
                    rel.display(),
                    self.rel(ancestor).display()
                ),
            )
            .hint("remove the link: it would list the same files forever");
        }
        if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink()) && !path.exists() {
            return self.broken_link(path);
        }
        let why = e
            .io_error()
            .map_or_else(|| e.to_string(), std::string::ToString::to_string);
        Diagnostic::error(&rel, Code::Unreadable, format!("cannot read it: {why}"))
            .hint("check the permissions of the file or folder")
    }

    fn markdown_files(&self, sub: &str) -> Vec<Entry> {
        self.walk(sub)
            .into_iter()
            .filter(|e| e.path.extension().is_some_and(|x| x == "md"))
            .collect()
    }

    fn named_files(&self, sub: &str) -> Vec<(String, Entry)> {
        let base = self.root.join(sub);
        self.walk(sub)
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
            .collect()
    }
}

/// Reads a text file; a file that is not UTF-8 is a content problem, not a crash.
pub fn read(entry: &Entry) -> Result<String, Diagnostic> {
    match std::fs::read(&entry.abs) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|e| not_utf8(&entry.path, e.as_bytes(), &e)),
        Err(e) => Err(Diagnostic::error(
            &entry.path,
            Code::Unreadable,
            format!("cannot read the file: {e}"),
        )),
    }
}

/// Points at the first byte that is not UTF-8 by line and column, as every other
/// message does (the text before it is valid, so it can be counted).
fn not_utf8(path: &Path, bytes: &[u8], e: &std::string::FromUtf8Error) -> Diagnostic {
    let at = e.utf8_error().valid_up_to();
    let before = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
    Diagnostic::error(
        path,
        Code::NotUtf8,
        format!(
            "the file is not UTF-8: byte 0x{:02X} is not a character",
            bytes[at]
        ),
    )
    .at(crate::diagnostic::Pos::of_offset(before, at))
    .hint("save the file as UTF-8 (in most editors: Save with Encoding, UTF-8)")
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

/// Reads the site's strings for `language` (`i18n/<language>.ftl`), if it has them.
pub fn read_locale(
    listing: &Listing,
    language: &str,
) -> Result<Option<(PathBuf, String)>, Diagnostic> {
    let name = format!("{language}.ftl");
    match listing.locales.iter().find(|(n, _)| *n == name) {
        Some((_, entry)) => read(entry).map(|text| Some((entry.path.clone(), text))),
        None => Ok(None),
    }
}

/// The text of a small file sitroom keeps for itself (`check --links`' cache):
/// `None` when there is none yet.
pub fn read_optional(path: &Path) -> std::io::Result<Option<String>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// The text of `site.yaml` at `root`, if it can be read (`serve` needs the base URL
/// before it loads the site; a missing or unreadable file is reported by the load).
pub fn read_config_text(root: &Path) -> Option<String> {
    std::fs::read_to_string(root.join("site.yaml")).ok()
}

/// The text of the file at `rel` under `root`, to show a diagnostic's line: only a
/// regular file (a FIFO would block the read forever), read lossily, so a file that
/// is not UTF-8 still shows its line.
pub fn read_for_snippet(root: &Path, rel: &Path) -> Option<String> {
    let path = root.join(rel);
    if !std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    std::fs::read(&path)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// Static files that cannot be opened: `build` could not copy them, so `check` must
/// fail where `build` would.
pub fn unreadable_statics(listing: &Listing) -> Vec<Diagnostic> {
    listing
        .static_files
        .iter()
        .filter_map(|(_, e)| {
            std::fs::File::open(&e.abs).err().map(|err| {
                Diagnostic::error(
                    &e.path,
                    Code::Unreadable,
                    format!("cannot read the file: {err}"),
                )
                .hint("check the file's permissions; `build` copies every file in static/")
            })
        })
        .collect()
}
