//! The default theme, compiled into the binary, and template loading with a site's
//! own templates overriding the defaults by name.

use std::collections::BTreeMap;

use anyhow::Context as _;
use tera::Tera;

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
    "actor.html",
    "timeline.html",
    "contacts.html",
    "corrections.html",
    "tags.html",
    "tag.html",
    "page.html",
    "404.html",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
    "partials/statement.html",
    "partials/card.html",
);

/// Default static files, by output path.
pub const STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../static/style.css")),
    ("timeline.js", include_bytes!("../static/timeline.js")),
    ("favicon.svg", include_bytes!("../static/favicon.svg")),
];

/// Compiles the default templates with `overrides` (name -> source) replacing or
/// adding to them. Errors name the template, line and column.
pub fn compile(overrides: &BTreeMap<String, String>) -> anyhow::Result<Tera> {
    let mut all: BTreeMap<&str, &str> = TEMPLATES.iter().copied().collect();
    for (name, source) in overrides {
        all.insert(name, source);
    }
    let mut tera = Tera::default();
    tera.add_raw_templates(all)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(tera)
}

/// Compiles the default templates with the site's own (read from `listing`).
pub fn load(listing: &crate::source::Listing) -> anyhow::Result<Tera> {
    let overrides = crate::source::read_templates(listing).map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        anyhow::anyhow!("{}", lines.join("\n"))
    })?;
    compile(&overrides).context("cannot load the templates")
}
