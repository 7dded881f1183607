//! Hostile strings in every user field come out escaped in HTML text, attributes
//! and XML, and never as live markup.

use std::fs;

use crate::harness::{Site, tree};

const TITLE: &str = "Title <script>alert('title')</script> & \"quoted\" 'single'";
const SUMMARY: &str = "Summary <script>alert('summary')</script> & <b>bold</b>";
const SITE_TITLE: &str = "Site <script>alert('site')</script> & \"Co\"";
const ACTOR: &str = "Evil <script>alert('actor')</script> & \"Co\"";
const TAG: &str = "<script>alert('tag')</script> & co";
const OUTLET: &str = "Outlet <script>alert('outlet')</script> & Sons";
const URL: &str = "https://example.com/?a=1&b=\"><script>alert('url')</script>";
const QUOTE: &str = "Quote <script>alert('quote')</script> & \"more\"";
const SOURCE_URL: &str = "https://example.com/s?x=1&y=\"'><script>alert('surl')</script>";

fn built() -> Site {
    let site = Site::fixture("hostile");
    site.build_ok(&[]);
    site
}

#[test]
fn html_text_and_attributes_hold_the_strings_exactly() {
    let site = built();
    let page = site.page("/briefings/hostile/");
    // Parsed back, the text is exactly what the author wrote: escaped once, not twice.
    assert_eq!(page.text("h1"), TITLE);
    assert_eq!(page.title(), format!("{TITLE} · {SITE_TITLE}"));
    assert_eq!(
        page.doc_attrs("meta[property='og:title']", "content"),
        [TITLE]
    );
    assert_eq!(
        page.doc_attrs("meta[property='og:description']", "content"),
        [SUMMARY]
    );
    assert_eq!(
        page.doc_attrs("meta[property='article:tag']", "content"),
        [TAG]
    );
    assert_eq!(page.texts("header .tags a"), [TAG]);
    assert_eq!(
        page.attrs("header .tags a", "href"),
        ["/tags/script-alert-tag-script-co/"]
    );
    assert_eq!(page.text("li.statement blockquote"), format!("“{QUOTE}”"));
    assert_eq!(
        page.text("li.statement .summary"),
        "Statement <script>alert('stsummary')</script> & 'x'"
    );
    assert_eq!(
        page.attrs("li.statement .provenance a", "href"),
        [SOURCE_URL]
    );
    assert_eq!(page.text("li.statement .speakers"), ACTOR);
    assert_eq!(page.text("ul.sources a"), OUTLET);
    assert_eq!(page.attrs("ul.sources a", "href"), [URL]);
    assert_eq!(
        page.text(".corrections li"),
        "4 Oct 2020: Note <script>alert('note')</script> & fix"
    );
    // No element was injected.
    assert_eq!(page.html.select(&crate::harness::sel("b")).count(), 0);
    // (JSON-LD holds the strings as data; its own test checks it cannot break out.)
    let scripts: Vec<String> = page
        .html
        .select(&crate::harness::sel(
            "script:not([type='application/ld+json'])",
        ))
        .map(|s| s.inner_html())
        .collect();
    assert!(
        scripts.iter().all(|s| !s.contains("alert")),
        "a script runs user text: {scripts:?}"
    );

    let index = site.page("/");
    assert_eq!(index.text("article.card h2"), TITLE);
    assert_eq!(
        index.text("article.card > p:not(.meta):not(.tags):not(.card-actors)"),
        SUMMARY
    );
    assert_eq!(site.page("/actors/evil/").text("h1"), ACTOR);
    assert_eq!(
        site.page("/tags/script-alert-tag-script-co/").text("h1"),
        format!("Tag: {TAG}")
    );
}

#[test]
fn json_ld_cannot_close_its_script_element() {
    let site = built();
    let page = site.page("/briefings/hostile/");
    let ld: Vec<String> = page
        .html
        .select(&crate::harness::sel("script[type='application/ld+json']"))
        .map(|s| s.inner_html())
        .collect();
    assert_eq!(ld.len(), 1);
    assert!(!ld[0].contains("</script"), "{}", ld[0]);
    let value: serde_json::Value = serde_json::from_str(&ld[0]).expect("JSON-LD parses");
    assert_eq!(value["headline"], TITLE);
}

#[test]
fn no_output_file_but_the_data_files_contains_live_script() {
    let site = built();
    for (path, bytes) in tree(&site.out) {
        if path.starts_with("data/") || path.starts_with("pagefind/") {
            // JSON and CSV hold the raw strings by design; the search client
            // escapes the index's text (tests/integration/search.rs).
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("<script>alert"),
            "{path} has an unescaped <script>alert:\n{text}"
        );
        assert!(!text.contains("<b>bold"), "{path} has unescaped markup");
    }
}

#[test]
fn feeds_and_sitemap_escape_xml() {
    let site = built();
    let atom = site.read("atom.xml");
    assert!(
        atom.contains("<title>Title &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39;</title>"),
        "{atom}"
    );
    assert!(
        atom.contains("<summary>Summary &lt;script&gt;alert(&#39;summary&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;</summary>"),
        "{atom}"
    );
    assert!(atom.contains("<title>Site &lt;script&gt;alert(&#39;site&#39;)&lt;/script&gt; &amp; &quot;Co&quot;</title>"), "{atom}");
    let actor_feed = site.read("actors/evil/atom.xml");
    assert!(
        actor_feed.contains("<title>Evil &lt;script&gt;"),
        "{actor_feed}"
    );
    for xml in [&atom, &actor_feed, &site.read("sitemap.xml")] {
        assert_well_formed_text(xml);
    }
    assert!(
        site.read("sitemap.xml")
            .contains("<loc>https://example.org/tags/script-alert-tag-script-co/</loc>")
    );
    assert!(fs::metadata(site.out_path("tags/script-alert-tag-script-co/index.html")).is_ok());
}

/// Every `&` in `xml` starts an entity, and no `<` opens anything but a known tag.
fn assert_well_formed_text(xml: &str) {
    for (i, _) in xml.match_indices('&') {
        let rest = &xml[i..];
        let entity = rest.split_once(';').map(|(e, _)| e).unwrap_or(rest);
        assert!(
            [
                "&amp", "&lt", "&gt", "&quot", "&apos", "&#39", "&#x27", "&#x2F"
            ]
            .contains(&entity),
            "bare `&` in XML at {i}: {}",
            &xml[i..(i + 30).min(xml.len())]
        );
    }
    assert!(!xml.contains("<script"), "{xml}");
}
