//! Broken internal links and anchors: every `href` in the rendered HTML that points
//! into the site must name a rendered or static file, and its `#anchor` an `id`
//! on that page.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use aho_corasick::{AhoCorasick, Input};
use rayon::prelude::*;

use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::model::Site;
use std::sync::Mutex;

use crate::render::{Output, Renderer, Sink};
use crate::route::{self, Route, RouteTable};
use crate::source;

pub fn check(
    root: &Path,
    renderer: &Renderer,
    files: &Output,
    statics: &[&str],
) -> Vec<Diagnostic> {
    let site = renderer.site();
    let base = site.base.path.as_str();
    let sources = source_files(renderer.routes(), site);
    // Pages are scanned in parallel: a 10k site has about a million links. What comes
    // back is only the links that need a second look, in page order.
    let ids = page_ids(files);
    let pages: Vec<(&String, Vec<Link>)> = files
        .par_iter()
        .filter(|(k, _)| k.ends_with(".html"))
        .map(|(rel, bytes)| (rel, broken_links(rel, bytes, site, files, statics, &ids)))
        .filter(|(_, links)| !links.is_empty())
        .collect();
    let mut texts: HashMap<PathBuf, String> = HashMap::new();
    let mut seen = BTreeSet::new();
    let mut diags = Vec::new();
    let mut per_file: BTreeMap<PathBuf, usize> = BTreeMap::new();
    for (rel, links) in &pages {
        for link in links {
            let Link { href, .. } = link;
            let problem = problem(link, &ids);
            let Some((code, message, hint)) = problem else {
                continue;
            };
            // Finding where a link is written scans its source file: past the first
            // few per file, only count them (a huge file of broken links was quadratic).
            let file_key = sources
                .get(rel.as_str())
                .cloned()
                .unwrap_or_else(|| PathBuf::from(format!("public/{rel}")));
            let shown = per_file.entry(file_key).or_insert(0usize);
            *shown += 1;
            if *shown > MAX_PER_FILE {
                continue;
            }
            // Markdown links written from the site root (`/about/`) get the base path.
            let written = href
                .strip_prefix(base)
                .map_or_else(|| href.clone(), |rest| format!("/{rest}"));
            let (src, pos) = locate(root, sources.get(rel.as_str()), href, &mut texts);
            let (src, pos) = if pos.line == 0 {
                locate(root, sources.get(rel.as_str()), &written, &mut texts)
            } else {
                (src, pos)
            };
            let src = src.unwrap_or_else(|| PathBuf::from(format!("public/{rel}")));
            if seen.insert((src.clone(), pos.line, pos.col, message.clone())) {
                diags.push(Diagnostic::error(&src, code, message).at(pos).hint(hint));
            }
        }
    }
    diags.extend(overflow(per_file));
    diags
}

/// What is wrong with `link`: its code, message and hint; `None` if nothing is.
fn problem(link: &Link, ids: &PageIds<'_>) -> Option<(Code, String, String)> {
    let Link {
        href,
        path,
        file,
        fragment,
        exists,
    } = link;
    if !exists {
        return Some((
            Code::BrokenLink,
            format!("link to `{href}`: no page `{path}` in the site"),
            "check the spelling; pages live at their slug, e.g. /briefings/<slug>/".to_string(),
        ));
    }
    let page_ids = &ids[file.as_str()];
    if page_ids.contains(fragment.as_str()) {
        return None;
    }
    let mut known: Vec<&str> = page_ids.iter().map(|id| id.as_ref()).collect();
    known.sort_unstable();
    let hint = match crate::diagnostic::did_you_mean(fragment, known.iter().copied()) {
        Some(n) => format!("did you mean `#{n}`? Heading ids are slugs of the heading text"),
        None => "heading ids are slugs of the heading text; statements are `#s-N`".to_string(),
    };
    Some((
        Code::BrokenAnchor,
        format!("link to `{href}`: `{path}` has no element with id `{fragment}`"),
        hint,
    ))
}

/// One error per source file with more broken links than are listed.
fn overflow(per_file: BTreeMap<PathBuf, usize>) -> Vec<Diagnostic> {
    per_file
        .into_iter()
        .filter(|&(_, n)| n > MAX_PER_FILE)
        .map(|(path, n)| {
            Diagnostic::error(
                &path,
                Code::BrokenLink,
                format!(
                    "… and {} more broken links from this file",
                    n - MAX_PER_FILE
                ),
            )
            .hint(format!(
                "the first {MAX_PER_FILE} are listed; fix them, then run `sitroom check` again"
            ))
        })
        .collect()
}

/// The ids of each rendered page, by output path.
type PageIds<'a> = HashMap<&'a str, HashSet<Cow<'a, str>, ahash::RandomState>>;

/// Broken links listed per source file before the rest are only counted.
const MAX_PER_FILE: usize = 20;

/// An internal link that points at nothing: no such file, or no such anchor.
struct Link {
    href: String,
    /// The site path it points to, without the fragment.
    path: String,
    /// The output file of that path.
    file: String,
    fragment: String,
    exists: bool,
}

/// The ids of every rendered page, read in parallel, borrowed from the pages.
fn page_ids(files: &Output) -> PageIds<'_> {
    files
        .par_iter()
        .filter(|(k, _)| k.ends_with(".html"))
        .map(|(k, bytes)| {
            let ids = std::str::from_utf8(bytes)
                .map(|h| {
                    raw_attribute_values(h, "id")
                        .into_iter()
                        .map(|(_, v)| unescape_cow(v))
                        .collect()
                })
                .unwrap_or_default();
            (k.as_str(), ids)
        })
        .collect()
}

/// The links of one page that point at nothing.
fn broken_links(
    rel: &str,
    bytes: &[u8],
    site: &Site,
    files: &Output,
    statics: &[&str],
    ids: &PageIds<'_>,
) -> Vec<Link> {
    let base = site.base.path.as_str();
    let Ok(html) = std::str::from_utf8(bytes) else {
        return Vec::new();
    };
    // The page's folder: relative links (`base_url: relative`) resolve from it,
    // also in `404.html`.
    let page_url = format!("{base}{}", &rel[..rel.rfind('/').map_or(0, |i| i + 1)]);
    let mut out = Vec::new();
    for (_, raw) in raw_attribute_values(html, "href") {
        let href = unescape_cow(raw);
        let Some(target) = internal_target(&href, &page_url, site) else {
            continue;
        };
        let (path, fragment) = target
            .split_once('#')
            .map_or((target.as_str(), ""), |(p, f)| (p, f));
        let Some(file) = path.strip_prefix(base) else {
            continue;
        };
        let file = route::output_path(file);
        let exists = files.contains_key(&file) || statics.contains(&file.as_str());
        // Anchors are checked in rendered pages; a static HTML file is the
        // author's own and is not parsed.
        let anchor_missing = !fragment.is_empty()
            && ids
                .get(file.as_str())
                .is_some_and(|page| !page.contains(fragment));
        if exists && !anchor_missing {
            continue;
        }
        out.push(Link {
            path: path.to_string(),
            fragment: fragment.to_string(),
            href: href.into_owned(),
            file,
            exists,
        });
    }
    out
}

/// What the link check needs of a page: its `href`s and `id`s, as attributes in
/// document order. `build` keeps these instead of whole pages, so it can check links
/// as `check` does without holding the site in memory.
fn skeleton(html: &[u8]) -> Vec<u8> {
    let Ok(html) = std::str::from_utf8(html) else {
        return Vec::new();
    };
    let mut out = String::new();
    for name in ["href", "id"] {
        for (q, v) in raw_attribute_values(html, name) {
            let q = if q == '"' { "\"" } else { "'" };
            for part in [" ", name, "=", q, v, q] {
                out.push_str(part);
            }
        }
    }
    out.into_bytes()
}

/// A sink that keeps nothing: `check` needs only the skeletons, not the files.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _path: String, _bytes: Vec<u8>) -> anyhow::Result<()> {
        Ok(())
    }
}

/// A sink that passes every file on and keeps the skeleton of each HTML page.
pub struct Skeletons<'a> {
    inner: &'a dyn Sink,
    pages: Mutex<Output>,
}

impl<'a> Skeletons<'a> {
    pub fn new(inner: &'a dyn Sink) -> Self {
        Skeletons {
            inner,
            pages: Mutex::new(Output::new()),
        }
    }

    /// Every file written, HTML pages as skeletons, for [`check`].
    pub fn into_output(self) -> Output {
        self.pages.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Skeletons<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) -> anyhow::Result<()> {
        let kept = if path.ends_with(".html") {
            skeleton(&bytes)
        } else {
            Vec::new()
        };
        self.pages
            .lock()
            .map_err(|_| anyhow::anyhow!("a writer thread panicked"))?
            .insert(path.clone(), kept);
        self.inner.put(path, bytes)
    }
}

/// The source file of each page rendered from one (briefings, pages, actors), by
/// output path, from the site's routes.
fn source_files(routes: &RouteTable, site: &Site) -> HashMap<String, PathBuf> {
    routes
        .entries()
        .iter()
        .filter_map(|e| {
            let src = match e.route {
                Route::Briefing(_) => &site.briefings[e.item].path,
                Route::Actor(_) => &site.actors[e.item].path,
                Route::Page(_) => &site.pages[e.item].path,
                _ => return None,
            };
            Some((e.route.path(), src.clone()))
        })
        .collect()
}

/// Where `href` is written in the page's source file, if it is.
fn locate(
    root: &Path,
    src: Option<&PathBuf>,
    href: &str,
    texts: &mut HashMap<PathBuf, String>,
) -> (Option<PathBuf>, Pos) {
    let Some(src) = src else {
        return (None, Pos::default());
    };
    let text = texts.entry(src.clone()).or_insert_with(|| {
        let entry = source::Entry {
            path: src.clone(),
            abs: root.join(src),
        };
        source::read(&entry).unwrap_or_default()
    });
    match text
        .find(&format!("({href}"))
        .map(|i| i + 1)
        .or_else(|| text.find(href))
    {
        Some(offset) => (Some(src.clone()), Pos::of_offset(text, offset)),
        None => (Some(src.clone()), Pos::default()),
    }
}

/// The site path an `href` points to, if it points into the site.
fn internal_target(href: &str, page_url: &str, site: &Site) -> Option<String> {
    if href.is_empty() || href.starts_with("//") {
        return None;
    }
    if let Some(abs) = &site.base.absolute
        && let Some(rest) = href.strip_prefix(abs.as_str())
    {
        return Some(format!("{}{rest}", site.base.path));
    }
    let scheme = href.find(':').is_some_and(|i| {
        href[..i]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    if scheme {
        return None;
    }
    let href = href.split('?').next().unwrap_or(href);
    if let Some(fragment) = href.strip_prefix('#') {
        return Some(format!("{page_url}#{fragment}"));
    }
    if href.starts_with('/') {
        return Some(href.to_string());
    }
    Some(join(page_url, href))
}

/// Resolves a relative `href` against the folder URL of a page.
fn join(page_url: &str, href: &str) -> String {
    let (path, fragment) = href
        .split_once('#')
        .map_or((href, None), |(p, f)| (p, Some(f)));
    let mut parts: Vec<&str> = page_url
        .trim_end_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if (path.ends_with('/') || path.is_empty() || path.ends_with("..")) && out != "/" {
        out.push('/');
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// Every value of attribute `name` in `html` (double- or single-quoted), with
/// `&amp;` and friends decoded.
#[cfg(test)]
fn attribute_values(html: &str, name: &str) -> Vec<String> {
    raw_attribute_values(html, name)
        .into_iter()
        .map(|(_, v)| unescape(v))
        .collect()
}

/// Each `name="…"` value as written, with its quote character. (`name` is `href`
/// or `id`: one prebuilt searcher each, since this scans every page of a build.)
fn raw_attribute_values<'h>(html: &'h str, name: &str) -> Vec<(char, &'h str)> {
    static FINDERS: std::sync::OnceLock<[AhoCorasick; 2]> = std::sync::OnceLock::new();
    let finders = FINDERS.get_or_init(|| {
        ["href=", "id="].map(|n| AhoCorasick::new([n]).expect("a literal pattern"))
    });
    let finder = if name == "href" {
        &finders[0]
    } else {
        &finders[1]
    };
    let needle_len = name.len() + 1;
    let mut out = Vec::new();
    let bytes = html.as_bytes();
    let mut from = 0;
    while let Some(m) = finder.find(Input::new(html).span(from..html.len())) {
        let at = m.start();
        from = at + needle_len;
        let before = at.checked_sub(1).map(|j| bytes[j]);
        if !matches!(before, Some(b' ' | b'\n' | b'\t' | b'\r')) {
            continue;
        }
        let Some(&quote) = bytes.get(from) else { break };
        if quote != b'"' && quote != b'\'' {
            continue;
        }
        let start = from + 1;
        let Some(len) = bytes[start..].iter().position(|&b| b == quote) else {
            break;
        };
        out.push((quote as char, &html[start..start + len]));
        from = start + len;
    }
    out
}

/// `s` with `&amp;` and friends decoded, borrowed when there are none.
fn unescape_cow(s: &str) -> Cow<'_, str> {
    if s.contains('&') {
        Cow::Owned(unescape(s))
    } else {
        Cow::Borrowed(s)
    }
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_resolve_against_the_page_folder() {
        assert_eq!(join("/nk/about/", "../timeline/"), "/nk/timeline/");
        assert_eq!(join("/nk/about/", "x.png"), "/nk/about/x.png");
        assert_eq!(join("/about/", "../../.."), "/");
        assert_eq!(join("/a/", "../b/#c"), "/b/#c");
    }

    #[test]
    fn finds_attribute_values() {
        let html = r#"<a href="/a/?x=1&amp;y=2">x</a><h2 id='top'>t</h2><a data-href="no">"#;
        assert_eq!(attribute_values(html, "href"), ["/a/?x=1&y=2"]);
        assert_eq!(attribute_values(html, "id"), ["top"]);
    }
}
