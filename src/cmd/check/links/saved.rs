//! The link check's summaries in the build cache: a build saves its [`SiteLinks`],
//! each page's with the hash of the bytes it was made from, and the next build
//! copies the summary of a page it keeps from the previous output instead of
//! reading the page back and scanning it.
//!
//! A summary is a function of the page's path, its bytes and the site's base URL
//! (which links point into the site), and only those: an entry is used for a page
//! only when its path and its bytes' hash are the ones saved, and the whole file
//! only when it was made for the same base URL (and [`VERSION`]). The next build's
//! href and id numbers go on from the saved ones, so a kept page's numbers are
//! copied as they are; its paths are only this build's files (a link to a page
//! that is gone still fails). Strings no page uses any more are dropped on saving
//! when they are a large share, so the file stays near the size of one build's.
//!
//! Pure but for the [`Store`] it is loaded from and saved to.

use std::ops::Range;

use super::{Interner, NONE, Page, SiteLinks, hash, span};
use crate::cache::{Hasher, Store};
use crate::model::Site;

/// The name of the cache file.
const NAME: &str = "links";

/// Bumped when what a summary holds, or how it is made, changes (2: ids as
/// hashes).
const VERSION: u64 = 2;

/// The last build's summaries, looked up by path and bytes' hash.
pub(super) struct Previous {
    paths: Interner,
    pages: Vec<Page>,
    pub(super) page_hrefs: Vec<u32>,
    pub(super) page_ids: Vec<u64>,
}

impl Previous {
    /// The saved summary of the page at `path` if it was made from bytes that hash
    /// to `output`.
    pub(super) fn page(&self, path: &str, output: u128) -> Option<&Page> {
        let page = &self.pages[self.paths.find(path)?];
        (page.output == output && output != 0).then_some(page)
    }
}

/// What the summaries depend on beyond each page's path and bytes: the base URL
/// says which links point into the site.
fn base_key(site: &Site) -> u128 {
    let mut h = Hasher::new();
    h.text(&site.base.path);
    match &site.base.absolute {
        Some(abs) => h.u64(1).text(abs),
        None => h.u64(0),
    };
    h.finish()
}

/// The summaries the last build saved in `store` for this site's base URL, with
/// their href strings (to be this build's, numbered as they were); `None` if
/// there are none, or they do not hold together.
pub(super) fn load(store: &Store, site: &Site) -> Option<(Previous, Interner)> {
    let started = std::time::Instant::now();
    let (version, base, mut links) = store.load::<(u64, u128, SiteLinks)>(NAME)?;
    if version != VERSION || base != base_key(site) || !holds_together(&mut links) {
        return None;
    }
    if std::env::var_os("SITROOM_TIMINGS").is_some() {
        eprintln!(
            "timing:   links: {} summaries loaded {:>6} ms",
            links.pages.len(),
            started.elapsed().as_millis()
        );
    }
    let SiteLinks {
        paths,
        hrefs,
        pages,
        page_hrefs,
        page_ids,
        ..
    } = links;
    let previous = Previous {
        paths,
        pages,
        page_hrefs,
        page_ids,
    };
    Some((previous, hrefs))
}

/// Whether every number in `links` names a string and every range is in bounds
/// (a file this binary wrote and whose checksum fits always does; nothing loaded
/// may make a build panic), making the interners' tables on the way.
fn holds_together(links: &mut SiteLinks) -> bool {
    let in_bounds = |r: &Range<u32>, len: usize| r.start <= r.end && (r.end as usize) <= len;
    links.paths.rehash()
        && links.hrefs.rehash()
        && links.pages.len() == links.paths.len()
        && links.pages.iter().all(|p| {
            in_bounds(&p.hrefs, links.page_hrefs.len()) && in_bounds(&p.ids, links.page_ids.len())
        })
        && links
            .page_hrefs
            .iter()
            .all(|&h| (h as usize) < links.hrefs.len())
}

/// Saves `links` for the next build, without the strings no page uses if they
/// are a large share. Errors only cost time: reported with `SITROOM_TIMINGS`.
pub(super) fn save(links: &SiteLinks, store: &Store, site: &Site) {
    // A summary is a function of a page's path and bytes (and the base URL): the
    // saved file still holds every page's when no page was scanned, even if some
    // are gone since.
    if !store.is_enabled() || links.all_saved {
        return;
    }
    let started = std::time::Instant::now();
    let compacted = compacted(links);
    let links = compacted.as_ref().unwrap_or(links);
    let (paths, pages) = pages_only(links);
    let saved_pages = pages.len();
    let saved = Saved {
        paths: &paths,
        hrefs: &links.hrefs,
        pages: &pages,
        page_hrefs: &links.page_hrefs,
        page_ids: &links.page_ids,
    };
    let saved = store.save(NAME, &(VERSION, base_key(site), saved));
    if std::env::var_os("SITROOM_TIMINGS").is_some() {
        match saved {
            Ok(()) => eprintln!(
                "timing:   links: {} summaries saved {:>6} ms{}",
                saved_pages,
                started.elapsed().as_millis(),
                if compacted.is_some() {
                    " (compacted)"
                } else {
                    ""
                }
            ),
            Err(e) => eprintln!("timing:   (the link summaries were not saved: {e})"),
        }
    }
}

/// [`SiteLinks`] as it is saved, borrowed: the same fields in the same order, so it
/// loads as one.
#[derive(serde::Serialize)]
struct Saved<'a> {
    paths: &'a Interner,
    hrefs: &'a Interner,
    pages: &'a [Page],
    page_hrefs: &'a [u32],
    page_ids: &'a [u64],
}

/// The paths and summaries of the HTML pages of `links`: only a page's summary
/// can be kept (any other file is its path alone, which the next build names
/// itself), and at 10,000 briefings four files in five are search index
/// fragments.
fn pages_only(links: &SiteLinks) -> (Interner, Vec<Page>) {
    let mut paths = Interner::default();
    let mut pages = Vec::new();
    for (n, page) in links.pages.iter().enumerate() {
        let path = links.paths.get(n);
        if path.ends_with(".html") && page.output != 0 {
            paths.intern(hash(path), path);
            pages.push(page.clone());
        }
    }
    (paths, pages)
}

/// `links` with only the hrefs its pages use, renumbered in the same order; `None`
/// if those left over are few (at most half of the strings and of their text).
fn compacted(links: &SiteLinks) -> Option<SiteLinks> {
    let used_hrefs = used(
        &links.hrefs,
        &links.page_hrefs,
        links.pages.iter().map(|p| &p.hrefs),
    );
    if !mostly_garbage(&links.hrefs, &used_hrefs) {
        return None;
    }
    let (hrefs, href_numbers) = keep_only(&links.hrefs, &used_hrefs);
    let mut out = SiteLinks {
        paths: links.paths.clone(),
        hrefs,
        ..SiteLinks::default()
    };
    for page in &links.pages {
        let renumber = |all: &[u32], r: &Range<u32>, numbers: &[u32], to: &mut Vec<u32>| {
            let start = super::position(to.len());
            to.extend(all[span(r)].iter().map(|&n| numbers[n as usize]));
            start..super::position(to.len())
        };
        let hrefs = renumber(
            &links.page_hrefs,
            &page.hrefs,
            &href_numbers,
            &mut out.page_hrefs,
        );
        let start = super::position(out.page_ids.len());
        (out.page_ids).extend_from_slice(&links.page_ids[span(&page.ids)]);
        let ids = start..super::position(out.page_ids.len());
        out.pages.push(Page {
            hrefs,
            ids,
            output: page.output,
        });
    }
    Some(out)
}

/// Which strings of `strings` the pages' `ranges` of `numbers` use.
fn used<'a>(
    strings: &Interner,
    numbers: &[u32],
    ranges: impl Iterator<Item = &'a Range<u32>>,
) -> Vec<bool> {
    let mut used = vec![false; strings.len()];
    for r in ranges {
        for &n in &numbers[span(r)] {
            used[n as usize] = true;
        }
    }
    used
}

/// Whether the unused strings are more than half of them or of their text.
fn mostly_garbage(strings: &Interner, used: &[bool]) -> bool {
    let unused = (0..strings.len()).filter(|&n| !used[n]);
    let (count, bytes) = unused.fold((0, 0), |(c, b), n| (c + 1, b + strings.get(n).len()));
    count * 2 > strings.len() || bytes * 2 > strings.text.len()
}

/// The strings of `strings` that are `used`, in the same order, and each old
/// number's new one ([`NONE`] for those dropped).
fn keep_only(strings: &Interner, used: &[bool]) -> (Interner, Vec<u32>) {
    let mut kept = Interner::default();
    let numbers = (0..strings.len())
        .map(|n| {
            let s = strings.get(n);
            if used[n] {
                kept.intern(hash(s), s)
            } else {
                NONE
            }
        })
        .collect();
    (kept, numbers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmd::check::links::{Discard, Summaries};
    use crate::render::{Collect, Sink};

    /// Pages that link to each other, and a data file.
    const PAGES: &[(&str, &str)] = &[
        (
            "index.html",
            r#"<a href="/b/#top">b</a> <a href="/gone/">x</a> <h1 id="home">h</h1>"#,
        ),
        (
            "b/index.html",
            r##"<h2 id="top">t</h2> <h2 id="end">e</h2> <a href="/">home</a>"##,
        ),
        ("feed.xml", "<feed/>"),
    ];

    /// What the check can see of `links`: each file with its hrefs and ids.
    fn shown(links: &SiteLinks) -> Vec<(String, Vec<String>, Vec<u64>)> {
        let mut files: Vec<_> = (0..links.pages.len())
            .map(|n| {
                let hrefs = links.hrefs_of(n).map(|h| links.hrefs.get(h).to_string());
                let mut ids = links.page_ids[span(&links.pages[n].ids)].to_vec();
                ids.sort_unstable();
                (links.paths.get(n).to_string(), hrefs.collect(), ids)
            })
            .collect();
        files.sort();
        files
    }

    /// A build's summaries of `pages`, with the cache in `store`.
    fn build(store: &Store, site: &Site, pages: &[(&str, &str)]) -> SiteLinks {
        let summaries = Summaries::new(&Discard, site).with_cache(store);
        for (path, text) in pages {
            summaries
                .put(path.to_string(), text.as_bytes().to_vec())
                .unwrap();
        }
        summaries.into_links()
    }

    /// A sink whose previous output is `files`.
    struct Before(Vec<(&'static str, &'static str)>, Collect);

    impl Sink for Before {
        fn put(&self, path: String, bytes: Vec<u8>) -> anyhow::Result<()> {
            self.1.put(path, bytes)
        }

        fn keep_previous(&self, path: &str, hash: u128) -> anyhow::Result<bool> {
            Ok(
                (self.0.iter())
                    .any(|(p, t)| *p == path && crate::cache::hash(t.as_bytes()) == hash),
            )
        }
    }

    #[test]
    fn saved_summaries_read_back_and_kept_pages_are_copied() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let site = crate::resolve::fixture::site(&[]);
        let first = build(&store, &site, PAGES);
        first.save(&store, &site);
        let (previous, hrefs) = load(&store, &site).expect("saved");
        // Only the HTML pages are saved: the feed is a path alone.
        assert_eq!((hrefs.len(), previous.pages.len()), (3, 2));
        let mut ids = previous.page_ids.clone();
        ids.sort_unstable();
        let mut expected: Vec<u64> = ["home", "top", "end"].map(hash).to_vec();
        expected.sort_unstable();
        assert_eq!(ids, expected);

        // The next build keeps `b/` unread, renders the home page anew (no link
        // to `/gone/` now) and has no feed: only this build's files are there.
        let before = Before(PAGES.to_vec(), Collect::default());
        let summaries = Summaries::new(&before, &site).with_cache(&store);
        let b = crate::cache::hash(PAGES[1].1.as_bytes());
        assert!(!summaries.keep_previous("b/index.html", b ^ 1).unwrap());
        assert!(!summaries.keep_previous("index.html", b).unwrap());
        assert!(summaries.keep_previous("b/index.html", b).unwrap());
        let home = r#"<a href="/b/#end">b</a>"#;
        summaries.put("index.html".into(), home.into()).unwrap();
        let second = summaries.into_links();
        let expected = build(&Store::none(), &site, &[PAGES[1], ("index.html", home)]);
        assert_eq!(shown(&second), shown(&expected));
        assert!(second.paths.find("feed.xml").is_none());
        assert!(second.paths.find("gone/index.html").is_none());
    }

    /// A build that scanned no page leaves the saved file as it was (it holds
    /// every kept page's summary); one that scanned a page saves its own.
    #[test]
    fn a_build_that_kept_every_page_saves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let site = crate::resolve::fixture::site(&[]);
        build(&store, &site, PAGES).save(&store, &site);
        let b = crate::cache::hash(PAGES[1].1.as_bytes());
        let kept_only = |scan: Option<(&str, &str)>| {
            let before = Before(PAGES.to_vec(), Collect::default());
            let summaries = Summaries::new(&before, &site).with_cache(&store);
            assert!(summaries.keep_previous("b/index.html", b).unwrap());
            if let Some((path, text)) = scan {
                summaries.put(path.into(), text.into()).unwrap();
            }
            summaries.into_links().save(&store, &site);
            load(&store, &site).expect("saved").0.pages.len()
        };
        // The home page is gone from this build, not from the saved file.
        assert_eq!(kept_only(None), 2);
        assert_eq!(kept_only(Some(("c/index.html", "<p id=c>c</p>"))), 2);
        assert_eq!(kept_only(None), 2);
        let site_pages = load(&store, &site).expect("saved").0;
        assert!(site_pages.paths.find("c/index.html").is_some());
        assert!(site_pages.paths.find("index.html").is_none());
    }

    #[test]
    fn another_base_url_or_version_or_damaged_numbers_load_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let site = crate::resolve::fixture::site(&[]);
        build(&store, &site, PAGES).save(&store, &site);
        assert!(load(&store, &site).is_some());
        let mut elsewhere = crate::resolve::fixture::site(&[]);
        elsewhere.base.path = "/nk/".into();
        assert!(load(&store, &elsewhere).is_none());

        let mut links = build(&store, &site, PAGES);
        links.page_hrefs[0] = 99;
        store
            .save(NAME, &(VERSION, base_key(&site), &links))
            .unwrap();
        assert!(load(&store, &site).is_none(), "a number past the strings");
        let links = build(&store, &site, PAGES);
        store
            .save(NAME, &(VERSION + 1, base_key(&site), &links))
            .unwrap();
        assert!(load(&store, &site).is_none(), "another version");
    }

    #[test]
    fn strings_no_page_uses_are_dropped_when_they_are_most() {
        let site = crate::resolve::fixture::site(&[]);
        let mut links = build(&Store::none(), &site, PAGES);
        assert!(compacted(&links).is_none(), "every string is used");
        // The home page rewritten without its links and id: most strings unused.
        links.pages[0].hrefs = 0..0;
        links.pages[0].ids = 0..0;
        let small = compacted(&links).expect("compacted");
        assert_eq!(shown(&small), shown(&links));
        assert_eq!((small.hrefs.len(), small.page_ids.len()), (1, 2));
        assert!(small.hrefs.find("/gone/").is_none());
    }
}
