//! Where the site lives (`base_url`) and the root mark: internal links are written
//! with [`ROOT_MARK`] where the site root goes, and each page resolves the mark for
//! its own place ([`resolve_root`], [`resolve_links`]), so shared values and parsed
//! Markdown bodies do not depend on `base_url`. Pure.

use std::borrow::Cow;

/// Where the site lives: every internal link starts with `path`, or, with
/// `base_url: relative`, is written relative to the page that holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// The URL path, starting and ending with `/`: `/` or `/nk/` (`/` in relative
    /// mode, where it only serves to resolve links, as `check` does).
    pub path: String,
    /// The absolute base (`https://example.org/nk/`), if configured; in relative
    /// mode, the `public_url`, if any.
    pub absolute: Option<String>,
    /// `base_url: relative`: every internal link is relative to its page and names
    /// the file (`../briefings/x/index.html`), so the output works from any host,
    /// any sub-path and `file://`.
    pub relative: bool,
    /// The folder of the language the pages are in: empty for the default
    /// language, `hy/` for another. [`crate::route::Route`] puts it before the
    /// routes that exist per language.
    pub lang: String,
}

/// In relative mode, "the site root as seen from the page being rendered": values
/// shared by pages at different depths (cards, statements) carry it, and each
/// rendered page replaces it with its own prefix (`../../`) — see [`resolve_root`].
/// A control character: no content, front matter or site.yaml value can hold one.
pub const ROOT_MARK: char = '\u{1a}';

impl Default for BaseUrl {
    /// The site at the root of its host: `/`.
    fn default() -> Self {
        BaseUrl {
            path: "/".into(),
            absolute: None,
            relative: false,
            lang: String::new(),
        }
    }
}

impl BaseUrl {
    /// Parses `base_url`: `/`, `/sub/path/`, an absolute `http(s)://host/path/`, or
    /// `relative`.
    pub fn parse(raw: &str) -> Result<BaseUrl, String> {
        let raw = raw.trim();
        let with_slash = |s: &str| {
            if s.ends_with('/') {
                s.to_string()
            } else {
                format!("{s}/")
            }
        };
        let at = |path: String, absolute: Option<String>| BaseUrl {
            path,
            absolute,
            relative: false,
            lang: String::new(),
        };
        if raw.is_empty() {
            return Ok(at("/".into(), None));
        }
        if raw == "relative" {
            return Ok(BaseUrl {
                relative: true,
                ..at("/".into(), None)
            });
        }
        if raw.starts_with('/') {
            if raw.starts_with("//") {
                return Err(format!("`{raw}` is not a valid base_url"));
            }
            return Ok(at(with_slash(raw), None));
        }
        for scheme in ["https://", "http://"] {
            if let Some(rest) = raw.strip_prefix(scheme) {
                let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
                if host.is_empty() || host.contains(|c: char| c.is_whitespace()) {
                    return Err(format!("`{raw}` has no host"));
                }
                let path = if path.is_empty() {
                    "/".to_string()
                } else {
                    with_slash(path)
                };
                return Ok(at(path.clone(), Some(format!("{scheme}{host}{path}"))));
            }
        }
        Err(format!("`{raw}` is not a valid base_url"))
    }

    /// The same base for the pages of language `code` (`None`: the default).
    pub fn for_language(&self, code: Option<&str>) -> BaseUrl {
        BaseUrl {
            lang: code.map_or_else(String::new, |c| format!("{c}/")),
            ..self.clone()
        }
    }

    /// A site-internal link to `rel` (no leading slash), e.g. `actors/x/`. In
    /// relative mode it starts with [`ROOT_MARK`], which the page replaces.
    pub fn url(&self, rel: &str) -> String {
        if self.relative {
            format!("{ROOT_MARK}{rel}")
        } else {
            format!("{}{}", self.path, rel)
        }
    }

    /// The absolute link to `rel` where the base is absolute (in relative mode:
    /// where a `public_url` is given); `None` otherwise. Atom, the sitemap protocol,
    /// OpenGraph and canonical links need absolute URLs, so with `base_url: /` or
    /// `/sub/` there is none to give: those elements and files are left out.
    pub fn permalink(&self, rel: &str) -> Option<String> {
        self.absolute.as_ref().map(|abs| format!("{abs}{rel}"))
    }

    /// Whether formats that need absolute URLs (Atom feeds, the sitemap) can be
    /// written: only with an absolute base (or a `public_url` in relative mode).
    pub fn has_permalinks(&self) -> bool {
        self.absolute.is_some()
    }

    /// What replaces [`ROOT_MARK`] in the file at output path `page`
    /// (`briefings/x/index.html` → `../../`).
    pub fn root_for(&self, page: &str) -> String {
        let depth = page.matches('/').count();
        match &self.absolute {
            // A 404 page is shown at any address: only absolute links work there.
            Some(abs) if page == "404.html" => abs.clone(),
            _ => "../".repeat(depth),
        }
    }
}

/// `rel` naming the file: a folder gets `index.html` (before any `?query` or
/// `#fragment`), since `file://` shows a folder as a listing, not its index.
pub fn name_file(rel: &str) -> String {
    let end = rel.find(['?', '#']).unwrap_or(rel.len());
    let (path, rest) = rel.split_at(end);
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html{rest}")
    } else {
        rel.to_string()
    }
}

/// Replaces each [`ROOT_MARK`] in rendered `text` with `root` (from
/// [`BaseUrl::root_for`]), and makes the link that follows name its file. The link
/// runs to the first quote, space, `<`, `>`, `)`, `?` or `#`. One pass, and a copy
/// only when the text holds a mark.
pub fn resolve_root(text: String, root: &str) -> String {
    if !text.contains(ROOT_MARK) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut rest = text.as_str();
    while let Some(i) = rest.find(ROOT_MARK) {
        out.push_str(&rest[..i]);
        rest = &rest[i + ROOT_MARK.len_utf8()..];
        let end = rest
            .find(|c: char| {
                matches!(c, '"' | '\'' | '<' | '>' | ')' | '?' | '#' | ROOT_MARK)
                    || c.is_whitespace()
            })
            .unwrap_or(rest.len());
        let path = &rest[..end];
        out.push_str(root);
        out.push_str(path);
        if path.is_empty() || path.ends_with('/') {
            out.push_str("index.html");
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Resolves the logical links of a Markdown body (see [`crate::markdown::render`])
/// for the page at output path `page`: each [`ROOT_MARK`] becomes the base path, or
/// in relative mode the page's way to the root, with a folder link naming its
/// `index.html` (before any `?query` or `#fragment`). A link runs to the closing
/// quote of its attribute; its text is escaped for an `href`, where a `#` right
/// after `&` belongs to the escape of `'` (`&#x27;`). One pass, and a copy only
/// when the body holds a mark.
pub fn resolve_links<'a>(html: &'a str, base: &BaseUrl, page: &str) -> Cow<'a, str> {
    if !html.contains(ROOT_MARK) {
        return Cow::Borrowed(html);
    }
    let root = if base.relative {
        base.root_for(page)
    } else {
        base.path.clone()
    };
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some(i) = rest.find(ROOT_MARK) {
        out.push_str(&rest[..i]);
        out.push_str(&root);
        rest = &rest[i + ROOT_MARK.len_utf8()..];
        // In another language than the default, links to pages every language
        // has (actors, the timeline…) lead to that language's.
        if !base.lang.is_empty()
            && crate::route::IN_EVERY_LANGUAGE
                .iter()
                .any(|f| rest.strip_prefix(f).is_some_and(|r| r.starts_with('/')))
        {
            out.push_str(&base.lang);
        }
        if base.relative {
            let end = rest.find(['"', ROOT_MARK]).unwrap_or(rest.len());
            let link = &rest[..end];
            let path_end = link
                .char_indices()
                .find(|&(j, c)| c == '?' || (c == '#' && !link[..j].ends_with('&')))
                .map_or(link.len(), |(j, _)| j);
            let path = &link[..path_end];
            out.push_str(path);
            if path.is_empty() || path.ends_with('/') {
                out.push_str("index.html");
            }
            out.push_str(&link[path_end..]);
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}
