//! `base_url: relative`: every internal link is relative to its page and names the
//! file, so the output works from any host, any sub-path and `file://`. Absolute
//! URLs (feeds, sitemap, canonical, JSON-LD, data files) are left out, or taken
//! from `--public-url`.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use serde_json::{Value, json};

use crate::browser::{self, Browser};
use crate::harness::{Page, Site, sel, text_of};

/// Every HTML file under `out`, as paths relative to it (`briefings/x/index.html`).
fn html_files(out: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut stack = vec![out.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read_dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                let rel = path.strip_prefix(out).expect("under out");
                files.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files.sort();
    files
}

/// Whether `url` leaves the site: it has a scheme (`https:`, `mailto:`) or a host.
fn is_external(url: &str) -> bool {
    url.starts_with("//")
        || url.find(':').is_some_and(|i| {
            url[..i]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
                && url[..i]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
        })
}

/// `href` (no scheme, no leading `/`) joined to the folder of page `page`, as a
/// path under the output folder; `None` if it climbs above the root.
fn resolve(page: &str, href: &str) -> Option<PathBuf> {
    let path = href.split(['?', '#']).next().unwrap_or("");
    if path.is_empty() {
        // `#id` or `?q`: the page itself.
        return Some(PathBuf::from(page));
    }
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop(); // the page's own file name
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let joined: PathBuf = parts.iter().collect();
    // No `..` left, nothing absolute.
    joined
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then_some(joined)
}

/// The core property: in every HTML page, every `href` and `src` that points into
/// the site is relative (no leading `/`, no scheme), and joined to the page's own
/// path names a *file* that exists in the output (not a folder, which `file://`
/// shows as a listing), and its `#fragment` an element on that page.
#[test]
fn every_internal_link_is_relative_and_names_an_existing_file() {
    let site = Site::fixture("relative_links");
    site.build_ok(&[]);
    let pages = html_files(&site.out);
    // With the methodology and search pages, the archive (`archive/`, `archive/2020/`)
    // and a tag's second page.
    assert_eq!(pages.len(), 20, "{pages:?}");
    assert!(
        pages.contains(&"page/2/index.html".to_string()),
        "two index pages"
    );
    let any = sel("[href], [src]");
    let mut checked = 0;
    let mut targets = BTreeSet::new();
    for page in &pages {
        let doc = site.page(&format!("/{page}"));
        for el in doc.html.select(&any) {
            for attr in ["href", "src"] {
                let Some(url) = el.value().attr(attr) else {
                    continue;
                };
                if is_external(url) {
                    continue;
                }
                assert!(
                    !url.starts_with('/'),
                    "{page}: {attr}=\"{url}\" is root-absolute"
                );
                let file = resolve(page, url)
                    .unwrap_or_else(|| panic!("{page}: {attr}=\"{url}\" leaves the site"));
                let on_disk = site.out.join(&file);
                assert!(
                    on_disk.is_file(),
                    "{page}: {attr}=\"{url}\" -> {} is not a file in the output",
                    file.display()
                );
                if let Some((_, fragment)) = url.split_once('#') {
                    let target = Page::parse(&std::fs::read_to_string(&on_disk).unwrap());
                    let by_id = sel(&format!("[id=\"{fragment}\"]"));
                    assert!(
                        target.html.select(&by_id).next().is_some(),
                        "{page}: {url}: no element with id `{fragment}`"
                    );
                }
                targets.insert(file.to_string_lossy().replace('\\', "/"));
                checked += 1;
            }
        }
    }
    assert!(checked > 250, "only {checked} links checked");
    // Every kind of page and file is reached by some link.
    for want in [
        "index.html",
        "page/2/index.html",
        "briefings/first/index.html",
        "briefings/second/index.html",
        "actors/index.html",
        "actors/alpha/index.html",
        "actors/bravo-land/index.html",
        "about/index.html",
        "methodology/index.html",
        "tags/index.html",
        "tags/ceasefire/index.html",
        "tags/diplomacy/index.html",
        "timeline/index.html",
        "contacts/index.html",
        "corrections/index.html",
        "style.css",
        "highlight.css",
        "timeline.js",
        "img/logo.svg",
        "files/note.txt",
        "data/statements.json",
    ] {
        assert!(targets.contains(want), "nothing links to {want}");
    }
}

/// The links as written, page by page: depth, the file name, fragments, pagination,
/// Markdown links and images, mentions and shared statement HTML at three depths.
#[test]
fn links_are_written_from_each_page() {
    let site = Site::fixture("relative_links");
    site.build_ok(&[]);
    let hrefs = |url: &str, css: &str| -> Vec<String> {
        let page = site.page(url);
        page.html
            .select(&sel(css))
            .filter_map(|e| e.value().attr("href").or(e.value().attr("src")))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(
        hrefs("/index.html", "nav.pagination a"),
        ["page/2/index.html"]
    );
    assert_eq!(
        hrefs("/page/2/index.html", "nav.pagination a"),
        ["../../index.html"]
    );
    assert_eq!(
        hrefs("/page/2/index.html", "header.site-header a"),
        [
            "../../index.html",
            "../../index.html",
            "../../timeline/index.html",
            "../../archive/index.html",
            "../../actors/index.html",
            "../../contacts/index.html",
            "../../tags/index.html",
            "../../about/index.html",
            "../../methodology/index.html",
        ]
    );
    assert_eq!(
        hrefs("/page/2/index.html", "link[rel=stylesheet]"),
        ["../../style.css", "../../highlight.css"]
    );
    // A briefing's Markdown body: root-relative links, an image, a mention.
    assert_eq!(
        hrefs("/briefings/first/index.html", "div.body a, div.body img"),
        [
            "../../actors/alpha/index.html",
            "../../actors/bravo-land/index.html",
            "../../img/logo.svg",
            "../../about/index.html",
            "../../briefings/second/index.html#s-1",
            "../../files/note.txt",
            "../../index.html",
            "#a-heading",
        ]
    );
    // A free page is one level deep.
    assert_eq!(
        hrefs("/about/index.html", "div.body a, div.body img"),
        ["../img/logo.svg", "../index.html", "../actors/index.html"]
    );
    // The same statement, rendered once, on pages at depths 1 and 2.
    assert_eq!(
        hrefs("/timeline/index.html", "li#first-1 a"),
        [
            "../methodology/index.html#verification",
            "../briefings/first/index.html#s-1",
            "../actors/alpha/index.html",
            "../actors/bravo-land/index.html",
            "../briefings/first/index.html#s-1",
        ]
    );
    assert_eq!(
        hrefs("/actors/alpha/index.html", "li#first-1 a"),
        [
            "../../methodology/index.html#verification",
            "../../briefings/first/index.html#s-1",
            "../../actors/alpha/index.html",
            "../../actors/bravo-land/index.html",
            "../../briefings/first/index.html#s-1",
        ]
    );
    // The contacts network (SVG built in code) and the 404 page at the root.
    assert_eq!(
        hrefs("/contacts/index.html", "svg a"),
        [
            "../actors/alpha/index.html",
            "../actors/bravo-land/index.html"
        ]
    );
    assert_eq!(
        hrefs("/404.html", "main a"),
        ["index.html", "timeline/index.html", "actors/index.html"]
    );
}

/// Without a public URL nothing absolute is invented: no canonical link, no
/// og:url, no feeds or sitemap (they need absolute URLs), no `Sitemap:` line, and
/// JSON-LD and the data files leave their URL fields out.
#[test]
fn without_a_public_url_absolute_urls_are_left_out() {
    let site = Site::fixture("relative_links");
    site.build_ok(&[]);
    for gone in ["atom.xml", "sitemap.xml", "actors/alpha/atom.xml"] {
        assert!(!site.exists(gone), "{gone} was written");
    }
    assert_eq!(site.read("robots.txt"), "User-agent: *\nAllow: /\n");
    let page = site.page("/briefings/first/index.html");
    for absent in [
        "link[rel=canonical]",
        "meta[property=\"og:url\"]",
        "link[type=\"application/atom+xml\"]",
    ] {
        assert!(page.html.select(&sel(absent)).next().is_none(), "{absent}");
    }
    let footer = text_of(page.html.select(&sel("footer")).next().unwrap());
    assert!(!footer.contains("Atom"), "{footer}");
    let ld: Value = serde_json::from_str(&text_of(
        page.html
            .select(&sel("script[type=\"application/ld+json\"]"))
            .next()
            .unwrap(),
    ))
    .unwrap();
    assert_eq!(ld["@type"], "NewsArticle");
    assert!(ld.get("url").is_none() && ld.get("mainEntityOfPage").is_none());
    assert!(ld["mentions"][0].get("url").is_none(), "{ld}");
    let actor = site.page("/actors/alpha/index.html");
    let ld: Value = serde_json::from_str(&text_of(
        actor
            .html
            .select(&sel("script[type=\"application/ld+json\"]"))
            .next()
            .unwrap(),
    ))
    .unwrap();
    assert_eq!(ld["name"], "Anna Alpha");
    assert!(ld.get("url").is_none(), "{ld}");
    let data: Value = serde_json::from_str(&site.read("data/statements.json")).unwrap();
    assert_eq!(data[0]["briefing"], "first");
    assert!(data[0].get("briefing_url").is_none(), "{}", data[0]);
    let tl: Value = serde_json::from_str(&site.read("data/timeline.json")).unwrap();
    assert!(tl["events"][0].get("briefing_url").is_none());
    let csv = site.read("data/statements.csv");
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .ends_with(",Wire,,,,not_assessed,,,,,"),
        "{csv}"
    );
    // No root mark survives in any file.
    for page in html_files(&site.out) {
        assert!(!site.read(&page).contains('\u{1a}'), "{page}");
    }
}

/// `--public-url` supplies the absolute URLs; the pages' own links stay relative.
#[test]
fn a_public_url_gives_feeds_sitemap_and_canonical_links() {
    let site = Site::fixture("relative_links");
    site.build_ok(&["--public-url", "https://example.org/nk"]);
    let feed = site.read("atom.xml");
    let feed = roxmltree::Document::parse(&feed).unwrap();
    let ids: Vec<&str> = feed
        .descendants()
        .filter(|n| n.has_tag_name("id"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(
        ids,
        [
            "https://example.org/nk/atom.xml",
            "https://example.org/nk/briefings/second/",
            "https://example.org/nk/briefings/first/",
        ]
    );
    assert!(site.exists("actors/alpha/atom.xml"));
    let sitemap = site.read("sitemap.xml");
    let sitemap = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> = sitemap
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(locs[0], "https://example.org/nk/");
    assert!(
        locs.iter()
            .all(|l| l.starts_with("https://example.org/nk/"))
    );
    assert!(
        site.read("robots.txt")
            .ends_with("Sitemap: https://example.org/nk/sitemap.xml\n")
    );
    let page = site.page("/briefings/first/index.html");
    let attr = |css: &str, name: &str| {
        page.html
            .select(&sel(css))
            .next()
            .and_then(|e| e.value().attr(name))
            .map(str::to_string)
    };
    assert_eq!(
        attr("link[rel=canonical]", "href").as_deref(),
        Some("https://example.org/nk/briefings/first/")
    );
    assert_eq!(
        attr("meta[property=\"og:url\"]", "content").as_deref(),
        Some("https://example.org/nk/briefings/first/")
    );
    // The feed is linked relatively, like every other file.
    assert_eq!(
        attr("link[type=\"application/atom+xml\"]", "href").as_deref(),
        Some("../../atom.xml")
    );
    assert_eq!(attr("a.brand", "href").as_deref(), Some("../../index.html"));
    let data: Value = serde_json::from_str(&site.read("data/statements.json")).unwrap();
    assert_eq!(
        data[0]["briefing_url"],
        "https://example.org/nk/briefings/first/#s-1"
    );
    // A host shows 404.html at any address: there only absolute links work.
    let missing = site.page("/404.html");
    let links: Vec<&str> = missing
        .html
        .select(&sel("main a"))
        .filter_map(|e| e.value().attr("href"))
        .collect();
    assert_eq!(
        links,
        [
            "https://example.org/nk/index.html",
            "https://example.org/nk/timeline/index.html",
            "https://example.org/nk/actors/index.html",
        ]
    );
}

/// `--base-url relative` turns any site relative, and `--base-url /nk/` turns
/// this one back; `check` finds no broken link in a relative site.
#[test]
fn the_flag_switches_modes_and_check_follows_relative_links() {
    let site = Site::fixture("free_page");
    site.build_ok(&["--base-url", "relative"]);
    let page = site.page("/about/index.html");
    let brand = page.html.select(&sel("a.brand")).next().unwrap();
    assert_eq!(brand.value().attr("href"), Some("../index.html"));

    let site = Site::fixture("relative_links");
    site.build_ok(&["--base-url", "/nk/"]);
    let page = site.page("/about/index.html");
    let brand = page.html.select(&sel("a.brand")).next().unwrap();
    assert_eq!(brand.value().attr("href"), Some("/nk/"));
    // A path is no absolute URL: no feed (and a warning).
    assert!(!site.exists("atom.xml"));

    let run = site.run(&["check"]);
    run.assert_ok();
    assert!(
        run.stderr.contains("checked: 0 errors, 0 warnings"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_public_url_needs_relative_mode() {
    let site = Site::fixture("free_page");
    let run = site.build(&["--public-url", "https://example.org/"]);
    run.assert_code(1);
    insta::assert_snapshot!(run.stderr);
    let site = Site::fixture("relative_links");
    let run = site.build(&["--public-url", "example.org"]);
    run.assert_code(1);
    insta::assert_snapshot!(run.stderr);
}

/// Opened from `file://` in Chromium: the home page, a briefing and an actor page
/// reached by clicking real links, with the stylesheet applied, and the timeline
/// filters working.
#[test]
fn browsing_from_file_urls_follows_real_links() {
    if !browser::available() {
        return;
    }
    let site = Site::fixture("relative_links");
    site.build_ok(&[]);
    let out = site.out.canonicalize().expect("output folder");
    let browser = Browser::start();
    let home = format!("file://{}/index.html", out.display());
    browser.goto(&home);
    let heading = |b: &Browser| b.text(&b.find("main h1"));
    let title = |b: &Browser| b.execute("return document.title;", json!([]));
    assert_eq!(title(&browser), "Relative Desk");
    assert_eq!(heading(&browser), "Latest briefings");
    // The stylesheet loaded: style.css sets the body's font.
    let styled = browser.execute(
        "return Array.from(document.styleSheets).filter(s => s.href && s.href.endsWith('/style.css')).length;",
        json!([]),
    );
    assert_eq!(styled, 1);

    // Older briefings, then back to the newest, by the pagination links.
    browser.click(&browser.find("nav.pagination a[rel=next]"));
    assert!(
        browser.current_url().ends_with("/page/2/index.html"),
        "{}",
        browser.current_url()
    );
    assert_eq!(heading(&browser), "Briefings, page 2");
    browser.click(&browser.find("article.card h2 a"));
    assert_eq!(
        browser.current_url(),
        format!("file://{}/briefings/first/index.html", out.display())
    );
    assert_eq!(title(&browser), "First briefing · Relative Desk");
    assert_eq!(heading(&browser), "First briefing");
    let logo = browser.find("div.body img");
    let loaded = browser.execute(
        "return arguments[0].complete && arguments[0].naturalWidth;",
        json!([{"element-6066-11e4-a52e-4f735466cecf": logo.0}]),
    );
    assert_eq!(loaded, 40, "the Markdown image loads");

    // The speaker's link in the statement leads to the actor page.
    browser.click(&browser.find("li#s-1 p.speakers a[href*=alpha]"));
    assert_eq!(
        browser.current_url(),
        format!("file://{}/actors/alpha/index.html", out.display())
    );
    assert_eq!(title(&browser), "Anna Alpha · Relative Desk");
    assert_eq!(heading(&browser), "Anna Alpha");

    // From the actor's page to the timeline, whose filters run from file:// too.
    browser.click(&browser.find("header.site-header nav a[href$=\"timeline/index.html\"]"));
    assert_eq!(heading(&browser), "Timeline");
    let form = browser.find("form#timeline-filters");
    assert!(!browser.is_hidden(&form), "timeline.js ran");
    browser.execute(
        "window.__errors = []; window.addEventListener('error', e => window.__errors.push(e.message));",
        json!([]),
    );
    browser.select_option("form#timeline-filters select[name=actor]", "bravo-land");
    let hidden: Vec<bool> = browser
        .find_all("li.statement")
        .iter()
        .map(|li| browser.is_hidden(li))
        .collect();
    assert_eq!(hidden, [false, false], "Bravo Land is in both statements");
    browser.select_option("form#timeline-filters select[name=actor]", "alpha");
    let hidden: Vec<bool> = browser
        .find_all("li.statement")
        .iter()
        .map(|li| browser.is_hidden(li))
        .collect();
    assert_eq!(hidden, [false, true]);
    let shown = browser.execute(
        "return document.querySelector('#timeline-filters output').value;",
        json!([]),
    );
    assert_eq!(shown, "1 of 2 statements");
    assert_eq!(
        browser.execute("return window.__errors;", json!([])),
        json!([]),
        "no script error (history.replaceState under file://)"
    );
    assert!(
        browser
            .current_url()
            .ends_with("/timeline/index.html?actor=alpha"),
        "{}",
        browser.current_url()
    );
}

/// `public_url:` in site.yaml does what `--public-url` does, and the flag wins;
/// without `base_url: relative` it is an error that points at the line.
#[test]
fn public_url_in_site_yaml() {
    let site = Site::fixture("relative_links");
    let yaml = site_yaml(&site);
    site.write(
        "site.yaml",
        &format!("{yaml}public_url: https://desk.example/\n"),
    );
    site.build_ok(&[]);
    assert!(
        site.read("atom.xml")
            .contains("<id>https://desk.example/atom.xml</id>")
    );
    site.build_ok(&["--public-url", "https://mirror.example/x/"]);
    assert!(
        site.read("atom.xml")
            .contains("<id>https://mirror.example/x/atom.xml</id>")
    );
    let page = site.page("/briefings/first/index.html");
    let brand = page.html.select(&sel("a.brand")).next().unwrap();
    assert_eq!(brand.value().attr("href"), Some("../../index.html"));
    // `--base-url` replacing the relative base makes the public URL moot (as in
    // `serve`), not an error.
    site.build_ok(&["--base-url", "https://other.example/"]);
    assert!(
        site.read("atom.xml")
            .contains("<id>https://other.example/atom.xml</id>")
    );

    site.write(
        "site.yaml",
        &format!(
            "{}public_url: https://desk.example/\n",
            yaml.replace("base_url: relative\n", "")
        ),
    );
    let run = site.build(&[]);
    run.assert_code(1);
    insta::assert_snapshot!(run.stderr);
}

fn site_yaml(site: &Site) -> String {
    std::fs::read_to_string(site.root.join("site.yaml")).expect("site.yaml")
}
