//! The resolved site: briefings, actors, statements and pages, cross-referenced by
//! index. Built once by `resolve`, read-only afterwards.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil;

use crate::date::{Date, Day};
use crate::front_matter::{Config, Source};

mod kinds;

pub use kinds::{ActorKind, StatementKind, Verification};

pub type ActorIx = usize;
pub type BriefingIx = usize;
pub type StatementIx = usize;

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub base: BaseUrl,
    /// Newest first; ties by slug.
    pub briefings: Vec<Briefing>,
    /// Sorted by id.
    pub actors: Vec<Actor>,
    /// Sorted by slug.
    pub pages: Vec<Page>,
    /// In date order (earliest day first); ties keep source order.
    pub statements: Vec<Statement>,
    /// Tag slug -> the tag, in slug order.
    pub tags: BTreeMap<String, Tag>,
}

#[derive(Debug)]
pub struct Tag {
    /// The name as first written.
    pub name: String,
    /// Briefings carrying it, newest first.
    pub briefings: Vec<BriefingIx>,
}

#[derive(Debug)]
pub struct Briefing {
    pub path: PathBuf,
    pub slug: String,
    pub title: String,
    pub date: Day,
    pub updated: Option<Day>,
    pub summary: String,
    pub draft: bool,
    pub tags: Vec<String>,
    /// Everyone involved: listed actors, speakers and counterparts, sorted by index.
    pub actors: Vec<ActorIx>,
    /// Actors named in the body text.
    pub mentioned: Vec<ActorIx>,
    pub sources: Vec<Source>,
    /// This briefing's statements in date order; ties keep source order.
    pub statements: Vec<StatementIx>,
    pub corrections: Vec<Correction>,
    pub body_html: Arc<str>,
    pub heading_ids: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Correction {
    pub date: Day,
    pub note: String,
}

#[derive(Debug)]
pub struct Statement {
    /// Stable id: `<briefing slug>-<n>`, n counting from 1 in source order.
    pub id: String,
    /// 1-based position in its briefing, for the `#s-N` anchor.
    pub number: usize,
    pub briefing: BriefingIx,
    pub speakers: Vec<ActorIx>,
    pub with: Vec<ActorIx>,
    pub kind: StatementKind,
    pub date: Date,
    pub quote: Option<String>,
    pub summary: Option<String>,
    pub source: Option<Source>,
    pub verification: Option<Verification>,
}

#[derive(Debug)]
pub struct Actor {
    pub id: String,
    pub path: PathBuf,
    pub name: String,
    pub kind: ActorKind,
    pub aliases: Vec<String>,
    pub names: BTreeMap<String, String>,
    pub country: Option<String>,
    pub roles: Vec<Role>,
    pub wikidata: Option<String>,
    pub bio_html: String,
    /// Statements where this actor speaks or is a counterpart, in date order.
    pub statements: Vec<StatementIx>,
    /// Briefings that involve or mention this actor, newest first.
    pub briefings: Vec<BriefingIx>,
}

#[derive(Debug, Clone)]
pub struct Role {
    pub title: String,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub org: Option<ActorIx>,
}

impl Actor {
    /// The role held on `day`: the latest-starting role whose span covers it.
    pub fn role_on(&self, day: civil::Date) -> Option<&Role> {
        self.roles
            .iter()
            .filter(|r| r.start.is_none_or(|s| s.first_day() <= day))
            .filter(|r| r.end.is_none_or(|e| e.last_day() >= day))
            .max_by_key(|r| r.start.map(|s| s.first_day()))
    }
}

#[derive(Debug)]
pub struct Page {
    pub path: PathBuf,
    pub slug: String,
    pub title: String,
    pub summary: Option<String>,
    pub body_html: Arc<str>,
}

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
}

/// In relative mode, "the site root as seen from the page being rendered": values
/// shared by pages at different depths (cards, statements) carry it, and each
/// rendered page replaces it with its own prefix (`../../`) — see [`resolve_root`].
/// A control character: no content, front matter or site.yaml value can hold one.
pub const ROOT_MARK: char = '\u{1a}';

/// `../` per folder level: 2 for `briefings/x/index.html`, 0 for `index.html`.
const UPS: &str = "../../../../../../../../";

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

    /// A site-internal link to `rel` (no leading slash), e.g. `actors/x/`. In
    /// relative mode it starts with [`ROOT_MARK`], which the page replaces.
    pub fn url(&self, rel: &str) -> String {
        if self.relative {
            format!("{ROOT_MARK}{rel}")
        } else {
            format!("{}{}", self.path, rel)
        }
    }

    /// What stands for the site root in a page `depth` folders deep, for HTML made
    /// once per page outside the templates (Markdown bodies): the base path, or in
    /// relative mode `../` per level (e.g. `../../`).
    pub fn root_at(&self, depth: usize) -> &str {
        if self.relative {
            &UPS[..3 * depth.min(UPS.len() / 3)]
        } else {
            &self.path
        }
    }

    /// A link to `rel` from a page `depth` folders deep (see [`BaseUrl::root_at`]).
    pub fn url_at(&self, depth: usize, rel: &str) -> String {
        if self.relative {
            format!("{}{}", self.root_at(depth), name_file(rel))
        } else {
            self.url(rel)
        }
    }

    /// An absolute link where the base is absolute (in relative mode: where a
    /// `public_url` is given), else the same as `url`; `None` in relative mode
    /// without a public URL, where there is no absolute URL to give.
    pub fn permalink(&self, rel: &str) -> Option<String> {
        match &self.absolute {
            Some(abs) => Some(format!("{abs}{rel}")),
            None if self.relative => None,
            None => Some(self.url(rel)),
        }
    }

    /// Whether formats that need absolute URLs (Atom feeds, the sitemap) can be
    /// written: always, except in relative mode without a public URL.
    pub fn has_permalinks(&self) -> bool {
        !self.relative || self.absolute.is_some()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_keep_their_sub_path() {
        let b = BaseUrl::parse("https://example.org/nk").unwrap();
        assert_eq!(b.path, "/nk/");
        assert_eq!(b.url("actors/"), "/nk/actors/");
        assert_eq!(
            b.permalink("atom.xml").unwrap(),
            "https://example.org/nk/atom.xml"
        );
        assert_eq!(BaseUrl::parse("/").unwrap().url("x/"), "/x/");
        assert_eq!(BaseUrl::parse("https://h.org").unwrap().path, "/");
        assert!(BaseUrl::parse("example.org").is_err());
    }

    #[test]
    fn relative_links_name_the_file_from_the_page() {
        let b = BaseUrl::parse("relative").unwrap();
        assert!(b.relative && !b.has_permalinks());
        assert_eq!(b.permalink("x/"), None);
        assert_eq!(b.url_at(2, "actors/x/"), "../../actors/x/index.html");
        assert_eq!(b.root_for("briefings/x/index.html"), "../../");
        assert_eq!(b.root_for("index.html"), "");
        let page = format!(
            r#"<a href="{}">h</a><a href="{}">b</a><link href="{}"><a href="{}">t</a>"#,
            b.url(""),
            b.url("briefings/x/#s-1"),
            b.url("style.css"),
            b.url("tags/?a=1"),
        );
        assert_eq!(
            resolve_root(page, "../"),
            r#"<a href="../index.html">h</a><a href="../briefings/x/index.html#s-1">b</a><link href="../style.css"><a href="../tags/index.html?a=1">t</a>"#
        );
        // Templates that add to the root: `{{ site.base_path }}timeline/`.
        assert_eq!(
            resolve_root(format!("{}timeline/ {}", b.url(""), b.url("")), ""),
            "timeline/index.html index.html"
        );
        assert_eq!(resolve_root("no mark".into(), "../"), "no mark");
        assert_eq!(name_file("a/b.css"), "a/b.css");
        assert_eq!(name_file("#x"), "index.html#x");
    }

    #[test]
    fn role_on_a_date_is_the_one_in_force() {
        let d = |s| Some(Date::parse(s).unwrap());
        let role = |t: &str, s, e| Role {
            title: t.into(),
            start: d(s),
            end: e,
            org: None,
        };
        let actor = Actor {
            id: "a".into(),
            path: PathBuf::new(),
            name: "A".into(),
            kind: ActorKind::Person,
            aliases: vec![],
            names: BTreeMap::new(),
            country: None,
            roles: vec![
                role("Director", "2015-01-01", d("2018-04-25")),
                role("Secretary", "2018-04-26", d("2021-01-20")),
            ],
            wikidata: None,
            bio_html: String::new(),
            statements: vec![],
            briefings: vec![],
        };
        assert_eq!(
            actor.role_on(civil::date(2020, 10, 1)).unwrap().title,
            "Secretary"
        );
        assert_eq!(
            actor.role_on(civil::date(2016, 1, 1)).unwrap().title,
            "Director"
        );
        assert!(actor.role_on(civil::date(2022, 1, 1)).is_none());
    }
}
