//! The served site: each page is rendered the first time it is requested and kept
//! until the next build. A rebuild after an edit therefore costs a load and a
//! plan of the pages, not a render of the whole site: the page the browser reloads
//! is rendered on its own, in milliseconds, however big the site.

use std::collections::HashMap;
use std::sync::Mutex;

use rayon::prelude::*;

use crate::render::Renderer;

#[derive(Default)]
pub struct Pages {
    renderer: Option<Renderer>,
    done: Mutex<HashMap<String, Vec<u8>>>,
}

impl Pages {
    pub fn new(renderer: Renderer) -> Pages {
        Pages {
            renderer: Some(renderer),
            done: Mutex::default(),
        }
    }

    /// Renders the first page of each kind now, so a template that fails at render
    /// time fails the rebuild (terminal and overlay) instead of waiting for someone
    /// to open such a page. The pages stay cached.
    pub fn probe(&self) -> anyhow::Result<()> {
        let Some(renderer) = &self.renderer else {
            return Ok(());
        };
        // In parallel: the reload waits for this. The first failure in path order
        // is the one reported, as when they were rendered one by one.
        let failures: Vec<Option<String>> = (renderer.probe_paths().par_iter())
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
        self.renderer.as_ref().is_some_and(|r| r.has_path(path))
    }

    /// The file at output `path`, rendered now if it was not yet; `Err` carries a
    /// template error to show in the browser.
    pub fn get(&self, path: &str) -> Option<Result<Vec<u8>, String>> {
        if let Some(bytes) = self.done.lock().ok()?.get(path) {
            return Some(Ok(bytes.clone()));
        }
        match self.renderer.as_ref()?.render_path(path)? {
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
