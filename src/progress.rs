//! A progress line while `build` renders a big site: only when stderr is a terminal
//! and the site has enough pages to take a while; silent otherwise (CI logs, pipes,
//! tests).

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

use crate::render::Sink;

/// Below this many pages a build takes about a second: no line.
const MIN_PAGES: usize = 2_000;

/// The bar for a build of `pages` HTML pages: hidden unless it is worth showing.
pub fn bar(pages: usize) -> ProgressBar {
    if pages < MIN_PAGES || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let style = ProgressStyle::with_template("rendering {pos}/{len} pages {wide_bar} {eta}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    ProgressBar::new(pages as u64).with_style(style)
}

/// A [`Sink`] that passes every file on and moves `bar` once per HTML page.
pub struct Counting<'a> {
    inner: &'a dyn Sink,
    bar: &'a ProgressBar,
}

impl<'a> Counting<'a> {
    pub fn new(inner: &'a dyn Sink, bar: &'a ProgressBar) -> Self {
        Counting { inner, bar }
    }

    /// Hands a file on with `put`, counting it if it is a page.
    fn counted(
        &self,
        path: String,
        bytes: Vec<u8>,
        put: impl FnOnce(String, Vec<u8>) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let page = path.ends_with(".html");
        put(path, bytes)?;
        if page {
            self.bar.inc(1);
        }
        Ok(())
    }
}

impl Sink for Counting<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) -> anyhow::Result<()> {
        self.counted(path, bytes, |path, bytes| self.inner.put(path, bytes))
    }

    fn put_with(
        &self,
        path: String,
        write: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> anyhow::Result<()> {
        self.inner.put_with(path, write)
    }

    fn previous(&self, path: &str, hash: u128) -> Option<Vec<u8>> {
        self.inner.previous(path, hash)
    }

    fn put_previous(&self, path: String, bytes: Vec<u8>) -> anyhow::Result<()> {
        self.counted(path, bytes, |path, bytes| {
            self.inner.put_previous(path, bytes)
        })
    }

    /// A page kept unread counts as one done.
    fn keep_previous(&self, path: &str, hash: u128) -> anyhow::Result<bool> {
        let kept = self.inner.keep_previous(path, hash)?;
        if kept && path.ends_with(".html") {
            self.bar.inc(1);
        }
        Ok(kept)
    }

    fn previous_range(&self, path: &str, at: u64, len: usize) -> Option<Vec<u8>> {
        self.inner.previous_range(path, at, len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Collect;

    #[test]
    fn counts_pages_and_passes_every_file_on() {
        let collect = Collect::default();
        let bar = ProgressBar::hidden();
        let counting = Counting::new(&collect, &bar);
        for path in [
            "index.html",
            "style.css",
            "actors/a/index.html",
            "data/x.json",
        ] {
            counting.put(path.to_string(), b"x".to_vec()).unwrap();
        }
        assert_eq!(bar.position(), 2);
        assert_eq!(collect.0.lock().unwrap().len(), 4);
    }

    /// A sink whose previous output holds every file.
    struct KeepsAll;

    impl Sink for KeepsAll {
        fn put(&self, _: String, _: Vec<u8>) -> anyhow::Result<()> {
            Ok(())
        }

        fn keep_previous(&self, _: &str, _: u128) -> anyhow::Result<bool> {
            Ok(true)
        }
    }

    #[test]
    fn pages_kept_from_the_previous_output_count_too() {
        let bar = ProgressBar::hidden();
        let counting = Counting::new(&KeepsAll, &bar);
        for path in [
            "index.html",
            "pagefind/fragment/x.pf_fragment",
            "a/index.html",
        ] {
            assert!(counting.keep_previous(path, 1).unwrap());
        }
        assert_eq!(bar.position(), 2);
        let collect = Collect::default();
        let nothing = Counting::new(&collect, &bar);
        assert!(!nothing.keep_previous("b/index.html", 1).unwrap());
        assert_eq!(bar.position(), 2);
    }

    #[test]
    fn small_sites_and_non_terminals_get_no_line() {
        assert!(bar(10).is_hidden());
        // Tests do not run on a terminal's stderr (cargo captures it).
        assert!(bar(1_000_000).is_hidden() || std::io::stderr().is_terminal());
    }
}
