//! Hostile input that would inject into the published site: script URLs in front
//! matter and Markdown, raw HTML on contributed sites, control characters that break
//! XML, and spreadsheet formulas in the CSV export.

use std::fs;

use crate::harness::{Page, Site, sel, tree};

/// A URL a browser would run or open as a document rather than follow as a link.
/// Written independently of `url_check`, the way browsers read a scheme.
fn is_script_url(url: &str) -> bool {
    let seen: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "data:", "vbscript:"]
        .iter()
        .any(|s| seen.starts_with(s))
}

/// Every `href` and `src` in the whole document.
fn urls(page: &Page) -> Vec<String> {
    let mut all = page.doc_attrs("[href]", "href");
    all.extend(page.doc_attrs("[src]", "src"));
    all
}

/// Parses every XML file of the output with a real XML parser.
#[track_caller]
fn assert_xml_well_formed(site: &Site) -> usize {
    let mut parsed = 0;
    for (rel, bytes) in tree(&site.out) {
        if rel.ends_with(".xml") {
            let text = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{rel}: {e}"));
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
            parsed += 1;
        }
    }
    parsed
}

/// No output file holds a character the front matter refuses.
#[track_caller]
fn assert_no_control_characters(site: &Site) {
    for (rel, bytes) in tree(&site.out) {
        // The search index's shards and filter sets are binary (varints, bitmaps).
        if rel.ends_with(".pfi") || rel.ends_with(".pff") {
            continue;
        }
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        let bad = text.char_indices().find(|&(_, c)| {
            (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || ('\u{7f}'..='\u{9f}').contains(&c)
        });
        assert_eq!(bad, None, "{rel} holds a control character");
    }
}

#[test]
fn unsafe_url_schemes_in_front_matter_are_errors_at_the_value() {
    let site = Site::fixture("hostile_url_schemes");
    let run = site.run(&["check"]);
    run.assert_code(1);
    insta::assert_snapshot!("url_schemes_check", run.stderr);
    let json = site.run(&["check", "--format", "json"]);
    insta::assert_snapshot!("url_schemes_check_json", json.stdout);
    // `build` refuses the same site and writes nothing.
    site.build(&[]).assert_code(1);
    assert!(!site.out.exists());
}

#[test]
fn allowed_front_matter_urls_stay_links() {
    let site = Site::fixture("hostile_url_schemes");
    site.write(
        "content/briefings/2020-10-03-links.md",
        "---\ntitle: Fine\ndate: 2020-10-03\nsources:\n  - {outlet: Web, url: \"HTTPS://example.org/a\"}\n  - {outlet: Mail, url: \"mailto:desk@example.org\"}\n  - {outlet: Page, url: \"/actors/speaker/\"}\n---\nBody.\n",
    );
    fs::remove_file(site.root.join("content/actors/script-wikidata.md")).expect("rm");
    fs::remove_file(site.root.join("content/actors/url-wikidata.md")).expect("rm");
    site.build_ok(&[]);
    let page = site.page("/briefings/links/");
    assert_eq!(
        page.attrs("ul.sources a", "href"),
        [
            "HTTPS://example.org/a",
            "mailto:desk@example.org",
            "/actors/speaker/"
        ]
    );
    let actor = site.page("/actors/speaker/");
    assert_eq!(
        actor.attrs(".meta a", "href"),
        ["https://www.wikidata.org/wiki/Q7747"]
    );
}

#[test]
fn control_characters_in_front_matter_are_errors_at_the_character() {
    let site = Site::fixture("hostile_control_chars");
    let run = site.run(&["check"]);
    run.assert_code(1);
    // The terminal sees symbols (␛) or �, never the raw characters.
    assert!(
        !run.stderr
            .contains(['\u{1b}', '\0', '\u{b}', '\u{c}', '\u{7f}', '\u{85}']),
        "{:?}",
        run.stderr
    );
    insta::assert_snapshot!("control_chars_check", run.stderr);
    let json = site.run(&["check", "--format", "json"]);
    insta::assert_snapshot!("control_chars_check_json", json.stdout);
    site.build(&[]).assert_code(1);
    assert!(!site.out.exists());
}

#[test]
fn control_characters_in_bodies_are_left_out_and_every_xml_file_parses() {
    let site = Site::fixture("control_chars_body");
    let run = site.run(&["check"]);
    run.assert_ok();
    insta::assert_snapshot!("control_chars_body_check", run.stderr);
    site.build_ok(&[]);
    assert_no_control_characters(&site);
    // atom.xml, the actor's feed and sitemap.xml at least.
    assert!(assert_xml_well_formed(&site) >= 3);
    assert!(site.exists("actors/speaker/atom.xml"));

    let page = site.page("/briefings/body/");
    assert_eq!(
        page.texts(".body p"),
        [
            "First paragraph[31m with hidden characters.",
            "Fighting began on Thursday."
        ]
    );
    let feed = site.read("atom.xml");
    assert!(
        feed.contains("<summary>First paragraph[31m with hidden characters.</summary>"),
        "{feed}"
    );
    // CRLF line endings are no control characters: the file builds as written.
    let crlf = site.page("/briefings/crlf/");
    assert_eq!(crlf.texts(".body p"), ["A body written on Windows."]);
    assert_eq!(
        crlf.doc_attrs("meta[property='og:description']", "content"),
        ["Two lines\nof summary.\n"]
    );
    assert_eq!(
        site.page("/actors/speaker/").texts(".body p"),
        ["A biography with an [1mescape."]
    );
    assert_eq!(
        site.page("/about/").texts(".body p"),
        ["Formfeed and delete."]
    );
}

#[test]
fn unsafe_markdown_links_keep_only_their_text() {
    let site = Site::fixture("hostile_markdown_links");
    let run = site.run(&["check"]);
    run.assert_ok();
    insta::assert_snapshot!("markdown_links_check", run.stderr);
    site.build_ok(&[]);
    assert_xml_well_formed(&site);
    let page = site.page("/briefings/links/");
    let bad: Vec<String> = urls(&page)
        .into_iter()
        .filter(|u| is_script_url(u))
        .collect();
    assert_eq!(bad, Vec::<String>::new());
    assert_eq!(
        page.attrs(".body a", "href"),
        [
            "https://example.org/",
            "mailto:desk@example.org",
            "/timeline/",
            "#main"
        ]
    );
    assert_eq!(page.attrs(".body img", "src"), ["/nested.png", "/map.png"]);
    assert_eq!(page.attrs(".body img", "alt"), ["nested", "map"]);
    // Refused links and images leave their text (an image its description).
    assert_eq!(
        page.texts(".body p")[1..4],
        [
            "Unsafe: click me, shout, tab, vb and data.",
            "Autolink javascript:alert(6), a reference and .",
            "Images: pixel and ."
        ]
    );
    // Raw HTML passes by default, as in Zola.
    assert_eq!(
        page.texts(".body span.raw"),
        ["Raw HTML passes by default."]
    );
}

#[test]
fn unsafe_html_false_shows_raw_html_as_text() {
    let site = Site::fixture("unsafe_html_off");
    site.build_ok(&[]);
    assert_xml_well_formed(&site);
    let page = site.page("/briefings/html/");
    let body = page.select(".body")[0];
    let elements: Vec<&str> = body.select(&sel("*")).map(|e| e.value().name()).collect();
    assert_eq!(elements, ["p", "p", "a", "h2", "p"]);
    let handlers: Vec<String> = page
        .html
        .select(&sel("*"))
        .flat_map(|e| e.value().attrs().map(|(name, _)| name.to_string()))
        .filter(|name| name.starts_with("on"))
        .collect();
    assert_eq!(handlers, Vec::<String>::new());
    assert_eq!(
        page.texts(".body p"),
        [
            "<script>alert(1)</script>",
            "Inline <b onclick=\"alert(2)\">bold</b> and <img src=x onerror=alert(3)> and fine.",
            "<div class=\"raw\"> block <a href=\"javascript:alert(5)\">link</a> </div>"
        ]
    );
    assert_eq!(page.attrs(".body h2", "id"), ["heading"]);
    assert_eq!(page.attrs(".body h2", "class"), ["note"]);
    assert_eq!(
        site.page("/actors/speaker/").texts(".body p"),
        ["Bio <script>alert(“bio”)</script> end."]
    );
    let about = site.page("/about/");
    assert!(about.select("iframe").is_empty());
    assert_eq!(
        about.texts(".body p"),
        ["<iframe src=\"https://evil.example/\"></iframe>"]
    );

    // The same site with the switch left out keeps today's behaviour.
    site.write(
        "site.yaml",
        "title: Contributed site\nbase_url: https://example.org/\n",
    );
    site.build_ok(&[]);
    let page = site.page("/briefings/html/");
    assert_eq!(page.select(".body script").len(), 1);
    assert_eq!(page.texts(".body b"), ["bold"]);
    assert_eq!(page.select(".body div.raw").len(), 1);
}

#[test]
fn csv_cells_that_start_a_formula_are_read_as_text() {
    let site = Site::fixture("csv_formulas");
    site.build_ok(&[]);
    let mut reader = csv::Reader::from_path(site.out_path("data/statements.csv")).expect("csv");
    let headers = reader.headers().expect("headers").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let rows: Vec<[String; 4]> = reader
        .records()
        .map(|r| {
            let r = r.expect("a row");
            ["quote", "summary", "source", "source_url"].map(|c| r[col(c)].to_string())
        })
        .collect();
    assert_eq!(
        rows,
        [
            [
                "'=HYPERLINK(\"https://evil.example/\",\"click\")",
                "'+1 more",
                "'=cmd|' /C calc'!A0",
                "https://news.example/a"
            ],
            [
                "'-2 killed",
                "'@SUM(A1:A9)",
                "'-Outlet",
                "https://news.example/b"
            ],
            ["'\tTabbed", "Plain text, a = b, 1-2", "TASS", ""],
        ]
        .map(|r| r.map(String::from))
    );
    // Ids and dates are never touched; the JSON export keeps the text as written.
    let json: serde_json::Value =
        serde_json::from_str(&site.read("data/statements.json")).expect("json");
    assert_eq!(json[1]["quote"], "-2 killed");
    assert_eq!(json[0]["source"]["outlet"], "=cmd|' /C calc'!A0");
}
