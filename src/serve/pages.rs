//! The served site: each page is rendered the first time it is requested and kept
//! until the next build. A rebuild after an edit therefore costs a load and a
//! plan of the pages, not a render of the whole site: the page the browser reloads
//! is rendered on its own, in milliseconds, however big the site.
//!
//! An edit of briefing bodies alone does not even cost a load: the bodies are put
//! in place in the served model ([`Pages::replace_bodies`]) and the pages rendered
//! so far are forgotten.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, RwLock};

use rayon::prelude::*;

use crate::model::Config;
use crate::packed::Packed;
use crate::render::Renderer;

#[derive(Default)]
pub struct Pages {
    /// Written only by [`Pages::replace_bodies`]; a request holds it for reading
    /// from looking a page up until the page is kept in `done`.
    renderer: Option<RwLock<Renderer>>,
    done: Mutex<HashMap<String, Vec<u8>>>,
}

impl Pages {
    pub fn new(renderer: Renderer) -> Pages {
        Pages {
            renderer: Some(RwLock::new(renderer)),
            done: Mutex::default(),
        }
    }

    /// Renders the first page of each kind now, so a template that fails at render
    /// time fails the rebuild (terminal and overlay) instead of waiting for someone
    /// to open such a page. The pages stay cached.
    pub fn probe(&self) -> anyhow::Result<()> {
        let Some(paths) = self.with_renderer(Renderer::probe_paths) else {
            return Ok(());
        };
        // In parallel: the reload waits for this. The first failure in path order
        // is the one reported, as when they were rendered one by one.
        let failures: Vec<Option<String>> = (paths.par_iter())
            .map(|path| match self.get(path) {
                Some(Err(e)) => Some(e),
                _ => None,
            })
            .collect();
        match failures.into_iter().flatten().next() {
            Some(e) => anyhow::bail!("{e}"),
            None => Ok(()),
        }
    }

    /// No build has succeeded yet.
    pub fn is_empty(&self) -> bool {
        self.renderer.is_none()
    }

    pub fn contains_key(&self, path: &str) -> bool {
        self.with_renderer(|r| r.has_path(path)).unwrap_or(false)
    }

    /// The site's settings, if a build has succeeded and the site has one
    /// language (the only kind [`Pages::replace_bodies`] serves).
    pub fn one_language_config(&self) -> Option<Config> {
        self.with_renderer(|r| r.others().is_empty().then(|| r.site().config.clone()))
            .flatten()
    }

    /// Puts `bodies` in the place of the bodies of the briefings at `paths` and
    /// forgets every page rendered so far. Changes nothing and returns false if
    /// one of them is not in the site.
    pub fn replace_bodies(&self, paths: &[&Path], bodies: Vec<Packed>) -> bool {
        let Some(lock) = &self.renderer else {
            return false;
        };
        let Ok(mut renderer) = lock.write() else {
            return false;
        };
        let mut old = Vec::with_capacity(paths.len());
        for (&path, body) in paths.iter().zip(bodies) {
            match renderer.replace_body(path, body) {
                Some(o) => old.push(o),
                None => {
                    for (&path, o) in paths.iter().zip(old) {
                        renderer.replace_body(path, o);
                    }
                    return false;
                }
            }
        }
        // Under the write lock: no request is between rendering and keeping a page.
        if let Ok(mut done) = self.done.lock() {
            done.clear();
        }
        true
    }

    /// `f` of the renderer, if a build has succeeded.
    fn with_renderer<T>(&self, f: impl FnOnce(&Renderer) -> T) -> Option<T> {
        let renderer = self.renderer.as_ref()?.read().ok()?;
        Some(f(&renderer))
    }

    /// The file at output `path`, rendered now if it was not yet; `Err` carries a
    /// template error to show in the browser.
    pub fn get(&self, path: &str) -> Option<Result<Vec<u8>, String>> {
        if let Some(bytes) = self.done.lock().ok()?.get(path) {
            return Some(Ok(bytes.clone()));
        }
        let renderer = self.renderer.as_ref()?.read().ok()?;
        match renderer.render_path(path)? {
            Ok(bytes) => {
                if let Ok(mut done) = self.done.lock() {
                    done.insert(path.to_string(), bytes.clone());
                }
                Some(Ok(bytes))
            }
            Err(e) => Some(Err(format!("{e:#}"))),
        }
    }
}
