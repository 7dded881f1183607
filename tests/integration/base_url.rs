//! A site served from a sub-path: every internal link starts with it, and feeds
//! carry absolute URLs.

use crate::harness::{Page, Site, tree};

/// Every `href` and `src` in every HTML page of the output.
fn all_links(site: &Site) -> Vec<(String, String)> {
    let mut links = Vec::new();
    for (path, bytes) in tree(&site.out) {
        if !path.ends_with(".html") {
            continue;
        }
        let page = Page::parse(&String::from_utf8(bytes).expect("UTF-8"));
        for attr in ["href", "src"] {
            for link in page.doc_attrs(&format!("[{attr}]"), attr) {
                links.push((path.clone(), link));
            }
        }
    }
    links
}

fn assert_under_sub_path(site: &Site) {
    let links = all_links(site);
    assert!(
        links.len() > 100,
        "too few links to mean anything: {}",
        links.len()
    );
    let external = ["https://tass.com/"];
    for (path, link) in &links {
        let ok = link.starts_with("/nk/")
            || link.starts_with("https://example.org/nk/")
            || link.starts_with('#')
            || external.iter().any(|e| link.starts_with(e));
        assert!(ok, "{path}: `{link}` ignores the base URL's sub-path");
    }
    // The links a reader follows are there, under the sub-path.
    let index = site.page("/");
    let nav = index.doc_attrs("nav[aria-label=Main] a", "href");
    assert_eq!(
        nav,
        [
            "/nk/",
            "/nk/timeline/",
            "/nk/archive/",
            "/nk/actors/",
            "/nk/contacts/",
            "/nk/tags/",
            "/nk/about/",
            // The theme's default methodology page, the legend's home.
            "/nk/methodology/"
        ]
    );
    assert_eq!(
        index.attrs("article.card h2 a", "href"),
        ["/nk/briefings/second/", "/nk/briefings/calls/"]
    );
    assert!(
        index
            .doc_attrs("link[rel=stylesheet]", "href")
            .contains(&"/nk/style.css".to_string())
    );
    assert_eq!(
        index.doc_attrs("link[rel=canonical]", "href"),
        ["https://example.org/nk/"]
    );
    // Actor names in the body link to the actor pages.
    let briefing = site.page("/briefings/calls/");
    assert!(
        briefing
            .attrs(".body a", "href")
            .contains(&"/nk/actors/vladimir-putin/".to_string())
    );
    assert!(site.exists("hello.txt"), "static files are copied");
}

fn assert_absolute_feeds(site: &Site) {
    let atom = site.read("atom.xml");
    assert!(atom.contains(r#"<link rel="self" type="application/atom+xml" href="https://example.org/nk/atom.xml"/>"#), "{atom}");
    assert!(
        atom.contains(r#"<link rel="alternate" type="text/html" href="https://example.org/nk/"/>"#),
        "{atom}"
    );
    assert!(
        atom.contains("<id>https://example.org/nk/briefings/calls/</id>"),
        "{atom}"
    );
    let sitemap = site.read("sitemap.xml");
    let locs = crate::harness::sitemap_locs(&sitemap);
    assert!(locs.len() >= 8, "{sitemap}");
    assert!(
        locs.iter()
            .all(|l| l.starts_with("https://example.org/nk/")),
        "{locs:?}"
    );
    assert!(locs.contains(&"https://example.org/nk/about/"), "{locs:?}");
    assert!(
        site.read("robots.txt")
            .contains("Sitemap: https://example.org/nk/sitemap.xml")
    );
    let json = site.read("data/statements.json");
    assert!(
        json.contains("\"briefing_url\": \"https://example.org/nk/briefings/calls/#s-1\""),
        "{json}"
    );
}

#[test]
fn base_url_flag_with_a_sub_path() {
    let site = Site::fixture("base_url");
    site.build_ok(&["--base-url", "https://example.org/nk/"]);
    assert_under_sub_path(&site);
    assert_absolute_feeds(&site);
}

/// Written without the trailing slash in site.yaml: the same URLs.
#[test]
fn base_url_in_site_yaml_with_a_sub_path() {
    let site = Site::fixture("base_url_site_yaml");
    site.build_ok(&[]);
    assert_under_sub_path(&site);
    assert_absolute_feeds(&site);
    assert_eq!(site.page("/").doc_attrs("a.brand", "href"), ["/nk/"]);
}
