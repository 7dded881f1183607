//! Feeds, metadata and data files for real clients (issue 11): absolute URLs or
//! none, Atom checked against RFC 4287 on every feed, OpenGraph and icons,
//! JSON-LD types and dates, TimelineJS slides, the CSV and JSON data files.

use serde_json::Value;

use crate::harness::{Page, Site, built_sample, sel, text_of};
use crate::reader::atom_problems;

const ATOM: &str = "http://www.w3.org/2005/Atom";
const ABSOLUTE: &[&str] = &["--base-url", "https://example.org/nk/"];

/// Every `atom.xml` under `out`, by path.
fn feeds_under(out: &std::path::Path) -> Vec<(String, String)> {
    let mut feeds = Vec::new();
    let mut dirs = vec![out.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.file_name().is_some_and(|n| n == "atom.xml") {
                let rel = path.strip_prefix(out).unwrap().display().to_string();
                feeds.push((rel, std::fs::read_to_string(&path).expect("feed")));
            }
        }
    }
    feeds.sort();
    feeds
}

fn assert_valid_feeds(out: &std::path::Path, at_least: usize) {
    let feeds = feeds_under(out);
    assert!(feeds.len() >= at_least, "{} feeds", feeds.len());
    for (rel, xml) in &feeds {
        assert_eq!(atom_problems(xml), Vec::<String>::new(), "{rel}:\n{xml}");
    }
}

/// `(title, id, updated, categories, content)` of each entry.
fn entries(xml: &str) -> Vec<(String, String, String, Vec<String>, String)> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let text = |e: roxmltree::Node<'_, '_>, name: &str| {
        e.children()
            .find(|c| c.has_tag_name((ATOM, name)))
            .and_then(|c| c.text())
            .unwrap_or_default()
            .to_string()
    };
    doc.root_element()
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .map(|e| {
            let terms = (e.children())
                .filter(|c| c.has_tag_name((ATOM, "category")))
                .filter_map(|c| c.attribute("term").map(str::to_string))
                .collect();
            (
                text(e, "title"),
                text(e, "id"),
                text(e, "updated"),
                terms,
                text(e, "content"),
            )
        })
        .collect()
}

#[test]
fn every_feed_of_the_fixture_and_the_sample_site_follows_rfc_4287() {
    let site = Site::fixture("feeds_meta");
    site.build_ok(&[]);
    // The site's feed and one per actor.
    assert_valid_feeds(&site.out, 4);
    // The sample site has an absolute base_url: every feed of it is valid.
    let (_tmp, out) = built_sample("sitroom-feeds-sample-");
    assert_valid_feeds(&out, 2);
}

#[test]
fn a_briefing_entry_carries_its_body_statements_tags_and_dates() {
    let site = Site::fixture("feeds_meta");
    site.build_ok(&[]);
    let xml = site.read("atom.xml");
    let all = entries(&xml);
    let (title, id, updated, terms, content) = &all[1];
    assert_eq!(title, "Talks <b>&</b> \"truces\" — Ереван");
    assert_eq!(id, "https://example.org/nk/briefings/talks/");
    assert_eq!(updated, "2020-10-09T00:00:00Z");
    assert_eq!(terms, &["Karabakh", "Talks & truces"]);
    // The content is HTML (escaped in the XML): the body, then the statements,
    // with links relative to the feed's xml:base.
    let html = scraper::Html::parse_fragment(content);
    let body = html.select(&sel("p")).next().expect("body paragraph");
    assert_eq!(
        body.select(&sel("a")).next().unwrap().attr("href"),
        Some("/nk/timeline/")
    );
    let quotes: Vec<String> = html
        .select(&sel("li.statement blockquote"))
        .map(|q| q.text().collect::<String>().trim().to_string())
        .collect();
    assert_eq!(quotes, ["“Stop <now> & \"talk\"”", "“Ceasefire now.”"]);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(
        doc.root_element()
            .attribute(("http://www.w3.org/XML/1998/namespace", "base")),
        Some("https://example.org/nk/")
    );
    let published: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((ATOM, "published")))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(published, ["2020-10-07T00:00:00Z", "2020-10-05T00:00:00Z"]);
    // The feed's author: site.yaml's `author`, escaped.
    assert!(xml.contains("<author><name>Ана &amp; &lt;Desk&gt;</name></author>"));
}

#[test]
fn an_actor_feed_carries_the_actor_s_statements_newest_first() {
    let site = Site::fixture("feeds_meta");
    site.build_ok(&[]);
    let all = entries(&site.read("actors/nikol-pashinyan/atom.xml"));
    let titles: Vec<(&str, &str)> = all.iter().map(|e| (e.0.as_str(), e.1.as_str())).collect();
    // Said (the interview) and addressed (the call), newest first; each entry is
    // the statement's permalink.
    assert_eq!(
        titles,
        [
            (
                "Nikol Pashinyan – Interview, 6 Oct 2020",
                "https://example.org/nk/briefings/later/#s-1"
            ),
            (
                "Владимир Путин – Phone call, 2 Oct 2020?",
                "https://example.org/nk/briefings/talks/#s-1"
            ),
        ]
    );
    let card = scraper::Html::parse_fragment(&all[1].4);
    let source = card
        .select(&sel(".provenance a"))
        .next()
        .expect("source link");
    assert_eq!(source.attr("href"), Some("https://kremlin.example/r"));
}

#[test]
fn without_an_absolute_url_nothing_relative_is_written_where_absolute_is_required() {
    let site = Site::fixture("feeds_meta");
    let run = site.build_ok(&["--base-url", "/nk/"]);
    assert!(
        run.stderr.contains(
            "--base-url: warning: `base_url: /nk/` gives no absolute URL: the Atom feeds and sitemap.xml are not written, and pages have no canonical link, og:url or og:image\n  hint: write `base_url: https://…/`"
        ),
        "{}",
        run.stderr
    );
    assert!(feeds_under(&site.out).is_empty());
    assert!(!site.exists("sitemap.xml"));
    assert_eq!(site.read("robots.txt"), "User-agent: *\nAllow: /\n");
    for url in [
        "/nk/",
        "/nk/briefings/talks/",
        "/nk/actors/russia/",
        "/nk/timeline/",
    ] {
        let page = site.page(url.strip_prefix("/nk").unwrap());
        for css in [
            "link[rel=canonical]",
            "meta[property=\"og:url\"]",
            "meta[property=\"og:image\"]",
            "link[type=\"application/atom+xml\"]",
        ] {
            assert_eq!(page.html.select(&sel(css)).count(), 0, "{url} has {css}");
        }
    }
    // Data files fall back to root-relative links.
    let tl: Value = serde_json::from_str(&site.read("data/timeline.json")).unwrap();
    assert_eq!(tl["events"][0]["briefing_url"], "/nk/briefings/talks/#s-1");
    // The warning names site.yaml's line when the value comes from there.
    site.write("site.yaml", "title: T\nbase_url: /\n");
    let run = site.build_ok(&[]);
    assert!(
        run.stderr
            .contains("site.yaml:2:11: warning: `base_url: /` gives no absolute URL"),
        "{}",
        run.stderr
    );
    // An absolute base: no warning.
    let run = site.build_ok(ABSOLUTE);
    assert!(!run.stderr.contains("no absolute URL"), "{}", run.stderr);
}

#[test]
fn pages_link_the_icons_and_an_absolute_og_image_the_site_can_replace() {
    let site = Site::fixture("feeds_meta");
    site.build_ok(&[]);
    for url in [
        "/",
        "/briefings/talks/",
        "/actors/",
        "/actors/russia/",
        "/tags/",
    ] {
        let page = site.page(url);
        assert_eq!(
            page.doc_attrs("link[rel=icon]", "href"),
            ["/nk/favicon.ico", "/nk/favicon.svg"],
            "{url}"
        );
        assert_eq!(
            page.doc_attrs("meta[property=\"og:image\"]", "content"),
            ["https://example.org/nk/og-image.png"],
            "{url}"
        );
    }
    // The site's own og-image.png replaces the theme's.
    assert_eq!(
        site.read("og-image.png"),
        "not a real png: the site's own image\n"
    );
    // favicon.ico is an ICO of PNG images.
    let ico = std::fs::read(site.out_path("favicon.ico")).unwrap();
    assert_eq!(&ico[..4], &[0, 0, 1, 0]);
    assert_eq!(u16::from_le_bytes([ico[4], ico[5]]), 3);
    // Without a site image, the theme's is a 1200x630 PNG.
    std::fs::remove_file(site.root.join("static/og-image.png")).unwrap();
    site.build_ok(&[]);
    let png = std::fs::read(site.out_path("og-image.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let size = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    assert_eq!((size(16), size(20)), (1200, 630));
}

#[test]
fn actor_pages_are_described_by_their_bio_or_their_count() {
    let site = Site::fixture("feeds_meta");
    site.build_ok(&[]);
    let meta = |url: &str, css: &str| site.page(url).doc_attrs(css, "content");
    let bio = "Prime minister of Armenia since 2018, “elected” & again.";
    assert_eq!(
        meta("/actors/nikol-pashinyan/", "meta[name=description]"),
        [bio]
    );
    assert_eq!(
        meta(
            "/actors/nikol-pashinyan/",
            "meta[property=\"og:description\"]"
        ),
        [bio]
    );
    assert_eq!(
        meta("/actors/russia/", "meta[property=\"og:description\"]"),
        ["Russia: 1 statement"]
    );
    assert_eq!(
        meta("/actors/russia/", "meta[property=\"og:type\"]"),
        ["website"]
    );
    assert_eq!(
        meta("/actors/vladimir-putin/", "meta[property=\"og:type\"]"),
        ["profile"]
    );
}

fn json_ld(site: &Site, url: &str) -> Value {
    let page: Page = site.page(url);
    let script = (page
        .html
        .select(&sel("script[type=\"application/ld+json\"]")))
    .next()
    .expect("a JSON-LD block");
    serde_json::from_str(&text_of(script)).expect("JSON-LD")
}

#[test]
fn json_ld_publishers_are_organizations_and_dates_plain_iso() {
    let site = Site::fixture("feeds_meta");
    site.build_ok(&[]);
    let ld = json_ld(&site, "/briefings/talks/");
    let org = serde_json::json!({"@type": "Organization", "name": "Kremlin"});
    assert_eq!(ld["citation"][0]["publisher"], org);
    assert_eq!(ld["hasPart"][0]["isBasedOn"]["publisher"], org);
    // `2020-10-02?` in the file; schema.org gets the plain date, and an interval
    // as an ISO 8601 interval.
    assert_eq!(ld["hasPart"][0]["temporalCoverage"], "2020-10-02");
    assert_eq!(
        ld["hasPart"][1]["temporalCoverage"],
        "2020-10-03/2020-10-04"
    );
    // The page keeps the EDTF form for readers.
    let page = site.page("/briefings/talks/");
    assert!(
        page.attrs("time", "title")
            .contains(&"2020-10-02?".to_string())
    );
    // A briefing without sources or tags has no empty `citation` or `keywords`.
    let later = json_ld(&site, "/briefings/later/");
    assert!(later.get("citation").is_none(), "{later}");
    assert!(later.get("keywords").is_none(), "{later}");
    assert_eq!(
        ld["keywords"],
        serde_json::json!(["Karabakh", "Talks & truces"])
    );
}

#[test]
fn timeline_slides_name_who_spoke_to_whom_and_link_back() {
    let site = Site::fixture("feeds_meta");
    site.build_ok(&[]);
    let tl: Value = serde_json::from_str(&site.read("data/timeline.json")).unwrap();
    let call = &tl["events"][0]["text"];
    assert_eq!(
        call["headline"],
        "Владимир Путин → Nikol Pashinyan, Phone call"
    );
    let html = scraper::Html::parse_fragment(call["text"].as_str().unwrap());
    let link = html
        .select(&sel("a"))
        .next()
        .expect("a link to the briefing");
    assert_eq!(
        link.attr("href"),
        Some("https://example.org/nk/briefings/talks/#s-1")
    );
    assert_eq!(
        link.text().collect::<String>(),
        "In the briefing: Talks <b>&</b> \"truces\" — Ереван"
    );
    // No counterpart: the speaker and the kind.
    assert_eq!(tl["events"][1]["text"]["headline"], "Russia, Statement");
}

#[test]
fn data_files_name_actors_and_say_what_was_not_assessed() {
    let site = Site::fixture("feeds_meta");
    site.build_ok(&[]);
    // statements.csv: names beside the ids, the year, `not_assessed`.
    let text = site.read("data/statements.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let col = |r: usize, name: &str| {
        rows[r][header.iter().position(|h| h == name).expect(name)].to_string()
    };
    assert_eq!(
        (
            col(0, "actor1"),
            col(0, "speaker_names"),
            col(0, "with_names"),
            col(0, "year")
        ),
        (
            "vladimir-putin".into(),
            "Владимир Путин".into(),
            "Nikol Pashinyan".into(),
            "2020".into()
        )
    );
    assert_eq!(col(0, "verification"), "verified");
    assert_eq!(col(1, "verification"), "not_assessed");
    // statements.json agrees, and an absent source is an empty object.
    let json: Value = serde_json::from_str(&site.read("data/statements.json")).unwrap();
    assert_eq!(json[1]["verification"], "not_assessed");
    assert_eq!(json[1]["source"], serde_json::json!({}));
    assert_eq!(
        json[0]["speaker_names"],
        serde_json::json!(["Владимир Путин"])
    );
    assert_eq!(json[0]["year"], 2020);

    // actors.csv and actors.json: one row per actor, roles, counts said/addressed.
    let text = site.read("data/actors.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "id",
            "name",
            "kind",
            "country",
            "roles",
            "said",
            "addressed",
            "url"
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert_eq!(
        rows[0],
        [
            "nikol-pashinyan",
            "Nikol Pashinyan",
            "person",
            "Armenia",
            "Prime Minister of Armenia (2018-05-08–);Member of Parliament (2017?–2018-05-08)",
            "1",
            "1",
            "https://example.org/nk/actors/nikol-pashinyan/"
        ]
    );
    let actors: Value = serde_json::from_str(&site.read("data/actors.json")).unwrap();
    assert_eq!(actors.as_array().unwrap().len(), rows.len());
    assert_eq!(
        actors[0]["roles"][1],
        serde_json::json!({"title": "Member of Parliament", "start": "2017?", "end": "2018-05-08", "org": null})
    );
    assert_eq!(
        (actors[1]["kind"].as_str(), actors[1]["said"].as_u64()),
        (Some("state"), Some(1))
    );
    assert_eq!(actors[1]["country"], Value::Null);
}
