//! The default theme, compiled into the binary, and template loading with a site's
//! own templates overriding the defaults by name.

use std::collections::BTreeMap;
use std::sync::Arc;

use anyhow::Context as _;
use tera::Tera;

use crate::diagnostic::{Code, Diagnostic};
use crate::i18n::{self, Locale, SiteStrings};
use crate::source::{self, Listing};

macro_rules! embed {
    ($dir:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../", $dir, "/", $name)))),*]
    };
}

/// Default templates, by name. A missing file is a compile error.
pub const TEMPLATES: &[(&str, &str)] = embed!("templates":
    "base.html",
    "index.html",
    "briefing.html",
    "actors.html",
    "actors_letter.html",
    "actor.html",
    "actor_year.html",
    "archive.html",
    "timeline.html",
    "contacts.html",
    "corrections.html",
    "tags.html",
    "tag.html",
    "page.html",
    "search.html",
    "404.html",
    "atom.xml",
    "sitemap.xml",
    "sitemap_index.xml",
    "robots.txt",
    "partials/statement.html",
    "partials/card.html",
    "partials/legend.html",
    "partials/pagination.html",
    "partials/actor_years.html",
    "partials/actor_list.html",
    "partials/actor_letters.html",
);

/// Default static files, by output path.
pub const STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../static/style.css")),
    ("timeline.js", include_bytes!("../static/timeline.js")),
    ("favicon.svg", include_bytes!("../static/favicon.svg")),
    ("search.js", include_bytes!("../static/search.js")),
    // Made by tools/make_images.py: the icon for clients that ask for
    // /favicon.ico, and the OpenGraph image (a site's own og-image.png replaces it).
    ("favicon.ico", include_bytes!("../static/favicon.ico")),
    ("og-image.png", include_bytes!("../static/og-image.png")),
];

/// Static files only a site with search gets.
pub const SEARCH_ONLY: [&str; 1] = ["search.js"];

/// The templates, compiled, and the strings their `t()` reads.
#[derive(Clone)]
pub struct Theme {
    pub tera: Arc<Tera>,
    /// Also what Rust formats dates and page titles with.
    pub locale: Arc<Locale>,
    /// The site's own strings files (`i18n/<code>.ftl`) by language code, for the
    /// themes of its other languages (see [`Theme::for_language`]).
    pub strings: Arc<BTreeMap<String, (std::path::PathBuf, String)>>,
    /// A hash of everything the compiled templates and strings are made from
    /// beyond the binary itself: the site's own templates and strings files and
    /// the language. Two themes with the same fingerprint render a context alike
    /// (the build cache's page entries depend on it).
    pub fingerprint: u128,
}

impl Theme {
    /// The same templates with the strings of `language` (the site's file over the
    /// built-in one over English).
    pub fn for_language(&self, language: &str) -> Theme {
        let site = self
            .strings
            .get(language)
            .map(|(path, text)| SiteStrings { path, text });
        let locale = Arc::new(Locale::new(language, site).0);
        let mut tera = (*self.tera).clone();
        i18n::register(&mut tera, Arc::clone(&locale));
        Theme {
            tera: Arc::new(tera),
            locale,
            strings: Arc::clone(&self.strings),
            fingerprint: crate::cache::Hasher::new()
                .u128(self.fingerprint)
                .text(language)
                .finish(),
        }
    }
}

/// Compiles the default templates with `overrides` (name -> source) replacing or
/// adding to them, with the built-in English strings. Errors name the template,
/// line and column.
#[cfg(test)]
pub fn compile(overrides: &BTreeMap<String, String>) -> anyhow::Result<Tera> {
    compile_with(overrides, Arc::clone(Locale::shared_english()))
}

/// The default theme with the built-in English strings (tests).
#[cfg(test)]
pub fn english() -> Theme {
    Theme {
        tera: Arc::new(compile(&BTreeMap::new()).expect("the default templates compile")),
        locale: Arc::clone(Locale::shared_english()),
        strings: Arc::default(),
        fingerprint: 0,
    }
}

/// Compiles the default templates with `overrides`, their `t()` reading `locale`.
pub fn compile_with(
    overrides: &BTreeMap<String, String>,
    locale: Arc<Locale>,
) -> anyhow::Result<Tera> {
    let mut all: BTreeMap<&str, &str> = TEMPLATES.iter().copied().collect();
    for (name, source) in overrides {
        all.insert(name, source);
    }
    let mut tera = Tera::default();
    i18n::register(&mut tera, locale);
    tera.add_raw_templates(all)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(tera)
}

/// The theme's strings for `language`: built-in English under the site's
/// `i18n/<language>.ftl`, and the problems in that file.
pub fn locale(listing: &Listing, language: &str) -> (Arc<Locale>, Vec<Diagnostic>) {
    match source::read_locale(listing, language) {
        Ok(Some((path, text))) => {
            let (locale, problems) = Locale::new(
                language,
                Some(SiteStrings {
                    path: &path,
                    text: &text,
                }),
            );
            (Arc::new(locale), problems)
        }
        Ok(None) => {
            let (locale, problems) = Locale::new(language, None);
            (Arc::new(locale), problems)
        }
        Err(d) => (Arc::new(Locale::new(language, None).0), vec![d]),
    }
}

/// Every problem with the site's strings: the file of each of `languages`
/// (syntax, unknown variables, messages no template uses, given the site's own
/// `templates`, messages only English has) and files in `i18n/` never read.
pub fn locale_problems(
    listing: &Listing,
    languages: &[String],
    templates: &BTreeMap<String, String>,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for language in languages {
        problems.extend(locale(listing, language).1);
        if let Ok(Some((path, text))) = source::read_locale(listing, language) {
            let sources: Vec<&str> = templates.values().map(String::as_str).collect();
            problems.extend(i18n::unused_messages(
                SiteStrings {
                    path: &path,
                    text: &text,
                },
                &sources,
            ));
        }
    }
    let wanted: Vec<String> = languages.iter().map(|l| format!("{l}.ftl")).collect();
    let (said, hint) = match languages {
        [one] => (
            format!("the site's language is `{one}`"),
            format!("the theme's strings for this site live in i18n/{one}.ftl; `language:` in site.yaml sets the language"),
        ),
        _ => (
            format!("the site's languages are {}", languages.join(", ")),
            "the theme's strings of each language live in i18n/<code>.ftl; `languages:` in site.yaml lists the codes".to_string(),
        ),
    };
    problems.extend(
        listing
            .locales
            .iter()
            .filter(|(n, _)| !wanted.contains(n))
            // A copy of a built-in file changes nothing, read or not (the repository,
            // which is also the sample site, holds the built-in files).
            .filter(|(n, e)| {
                let builtin = n.strip_suffix(".ftl").and_then(i18n::builtin);
                builtin.is_none() || source::read(e).ok().as_deref() != builtin
            })
            .map(|(_, e)| {
                Diagnostic::warning(
                    &e.path,
                    Code::UnusedLocale,
                    format!("`{}` is never read: {said}", e.path.display()),
                )
                .hint(hint.clone())
            }),
    );
    problems
}

/// The site's strings files by language code (unreadable ones were reported by
/// `load`).
pub fn site_strings(listing: &Listing) -> Arc<BTreeMap<String, (std::path::PathBuf, String)>> {
    let strings = listing
        .locales
        .iter()
        .filter_map(|(name, entry)| {
            let code = name.strip_suffix(".ftl")?;
            let text = source::read(entry).ok()?;
            Some((code.to_string(), (entry.path.clone(), text)))
        })
        .collect();
    Arc::new(strings)
}

/// Compiles the default templates with the site's own (read from `listing`) and the
/// strings for `language`. Problems in the strings were reported by `load`; the
/// locale is built from what parsed.
pub fn load(listing: &Listing, language: &str) -> anyhow::Result<Theme> {
    let overrides = source::read_templates(listing).map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        anyhow::anyhow!("{}", lines.join("\n"))
    })?;
    let locale = locale(listing, language).0;
    let tera =
        compile_with(&overrides, Arc::clone(&locale)).context("cannot load the templates")?;
    let strings = site_strings(listing);
    Ok(Theme {
        tera: Arc::new(tera),
        locale,
        fingerprint: fingerprint(&overrides, &strings, language),
        strings,
    })
}

/// See [`Theme::fingerprint`].
pub fn fingerprint(
    overrides: &BTreeMap<String, String>,
    strings: &BTreeMap<String, (std::path::PathBuf, String)>,
    language: &str,
) -> u128 {
    let mut h = crate::cache::Hasher::new();
    h.text(language).u64(overrides.len() as u64);
    for (name, source) in overrides {
        h.text(name).text(source);
    }
    h.u64(strings.len() as u64);
    for (code, (_, text)) in strings {
        h.text(code).text(text);
    }
    h.finish()
}
