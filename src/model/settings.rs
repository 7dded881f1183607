//! What the site is configured with (`site.yaml`) and what a statement or briefing
//! cites (a source): kept by the model as written, so their YAML shapes are the model
//! types themselves (`front_matter` deserializes into them, DESIGN.md section 1).

use serde::Deserialize;

use crate::date::Day;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default = "default_base_url")]
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default = "default_paginate")]
    pub paginate: usize,
    #[serde(default = "default_theme")]
    pub highlight_theme: String,
    /// Raw HTML in Markdown passes through (as in Zola). `false` shows it as text,
    /// for sites that publish contributors' files.
    #[serde(default = "default_unsafe_html")]
    pub unsafe_html: bool,
    /// With `base_url: relative`: the absolute URL the site is published at, for
    /// what must be absolute (feeds, sitemap, canonical links, JSON-LD).
    #[serde(default)]
    pub public_url: Option<String>,
    /// Build the search page and its index (`/search/`, `/pagefind/`).
    #[serde(default = "default_search")]
    pub search: bool,
    /// The languages the site is written in (DESIGN.md "Languages"): the first is
    /// the default, at `/`; each other one lives at `/<code>/`. Empty: one language,
    /// `language`.
    #[serde(default)]
    pub languages: Vec<Language>,
}

/// One entry of `languages:` in site.yaml.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// A BCP 47 primary language tag: `en`, `hy`, `ar`.
    pub code: String,
    /// The language's own name for the switcher; the built-in strings'
    /// `language-name` when left out.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub dir: Dir,
}

/// The direction a language is written in.
#[derive(Debug, Clone, Copy, Default, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Dir {
    #[default]
    Ltr,
    Rtl,
}

impl Dir {
    pub fn as_str(self) -> &'static str {
        match self {
            Dir::Ltr => "ltr",
            Dir::Rtl => "rtl",
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "sitroom".into(),
            base_url: default_base_url(),
            language: default_language(),
            description: None,
            author: None,
            paginate: default_paginate(),
            highlight_theme: default_theme(),
            unsafe_html: default_unsafe_html(),
            public_url: None,
            search: default_search(),
            languages: Vec::new(),
        }
    }
}

fn default_base_url() -> String {
    "/".into()
}
fn default_language() -> String {
    "en".into()
}
fn default_paginate() -> usize {
    20
}
fn default_theme() -> String {
    "InspiredGitHub".into()
}
fn default_unsafe_html() -> bool {
    true
}
fn default_search() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// A short name statements use to refer to this source (`source: asbarez`).
    /// Only meaningful in a briefing's `sources:`; not part of the output.
    #[serde(default)]
    pub id: Option<String>,
    pub outlet: String,
    pub url: Option<String>,
    pub published: Option<Day>,
    /// A copy of `url` kept by an archive (the Wayback Machine, archive.today), for
    /// when the live page moves or dies. Checked like `url`; exported as `archive`.
    #[serde(default)]
    pub archive: Option<String>,
    /// The day the desk read the source (`accessed` in the data files).
    #[serde(default)]
    pub accessed: Option<Day>,
}

/// In a human-readable format (the data files) a source without its `id` and
/// without the optional fields it lacks; in a compact one (the build cache) every
/// field, as the derived `Deserialize` reads them back.
impl serde::Serialize for Source {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            Public::from(self).serialize(s)
        } else {
            Whole::from(self).serialize(s)
        }
    }
}

#[derive(serde::Serialize)]
#[serde(rename = "Source")]
struct Public<'a> {
    outlet: &'a str,
    url: Option<&'a str>,
    published: Option<Day>,
    #[serde(skip_serializing_if = "Option::is_none")]
    archive: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    accessed: Option<Day>,
}

impl<'a> From<&'a Source> for Public<'a> {
    fn from(s: &'a Source) -> Self {
        Public {
            outlet: &s.outlet,
            url: s.url.as_deref(),
            published: s.published,
            archive: s.archive.as_deref(),
            accessed: s.accessed,
        }
    }
}

/// Field for field as `Source` declares them.
#[derive(serde::Serialize)]
#[serde(rename = "Source")]
struct Whole<'a> {
    id: Option<&'a str>,
    outlet: &'a str,
    url: Option<&'a str>,
    published: Option<Day>,
    archive: Option<&'a str>,
    accessed: Option<Day>,
}

impl<'a> From<&'a Source> for Whole<'a> {
    fn from(s: &'a Source) -> Self {
        Whole {
            id: s.id.as_deref(),
            outlet: &s.outlet,
            url: s.url.as_deref(),
            published: s.published,
            archive: s.archive.as_deref(),
            accessed: s.accessed,
        }
    }
}
