//! sitroom: a static-site generator for conflict briefings.
//!
//! The pipeline, one module per stage: `source` (read) → `front_matter` (YAML) →
//! `markdown` (HTML) → `parse` (one file) → `resolve` (cross-file, `model::Site`) →
//! `views` + `render` (pages as bytes) → `output` (write and swap).

pub mod cli;
pub mod cmd;
pub mod contacts;
pub mod data;
pub mod date;
pub mod diagnostic;
pub mod front_matter;
pub mod highlight;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod parse;
pub mod relative;
pub mod render;
pub mod resolve;
pub mod slug;
pub mod source;
pub mod structured;
pub mod theme;
pub mod timeline;
pub mod views;

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context as _;

use crate::diagnostic::Diagnostic;
use crate::render::Output;
use crate::source::Entry;

/// The result of building a site in memory.
pub struct SiteBuild {
    /// Every rendered file, if there were no errors.
    pub output: Option<Output>,
    /// The site's own static files, to be copied as they are.
    pub statics: Vec<(String, Entry)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads, resolves and renders the site at `root` without writing anything.
pub fn build_site(root: &Path, options: &load::Options) -> anyhow::Result<SiteBuild> {
    let loaded = load::load(root, options)?;
    let has_errors = loaded.has_errors();
    let load::Loaded { site, listing, diagnostics } = loaded;
    let statics = listing.static_files;
    let site = match site {
        Some(site) if !has_errors => site,
        _ => return Ok(SiteBuild { output: None, statics, diagnostics }),
    };
    let mut overrides = BTreeMap::new();
    for (name, entry) in &listing.templates {
        let text = source::read(entry).map_err(|d| anyhow::anyhow!("{d}"))?;
        overrides.insert(name.clone(), text);
    }
    let tera = theme::compile(&overrides).context("cannot load the templates")?;
    let static_names: Vec<&str> = statics.iter().map(|(n, _)| n.as_str()).collect();
    let output = render::render(&site, &tera, &static_names)?;
    Ok(SiteBuild { output: Some(output), statics, diagnostics })
}
