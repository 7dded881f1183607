//! The search client in a real browser: an index built by `sitroom::search` for a
//! few records, served under a sub-path, queried through Pagefind's API by the
//! page in `tests/fixtures/search_client/`.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use sitroom::search::{Record, build};

use crate::browser::{Browser, StaticServer, available};
use crate::harness::fixtures_dir;

fn record(
    url: &str,
    kind: &str,
    title: &str,
    text: &str,
    date: Option<&str>,
    filters: &[(&str, &str)],
) -> Record {
    let mut by_name: BTreeMap<String, Vec<String>> = BTreeMap::new();
    by_name.entry("type".into()).or_default().push(kind.into());
    for (name, value) in filters {
        by_name
            .entry(name.to_string())
            .or_default()
            .push(value.to_string());
    }
    Record {
        url: url.into(),
        kind: kind.into(),
        title: title.into(),
        text: text.into(),
        date: date.map(str::to_string),
        meta: BTreeMap::new(),
        filters: by_name,
        language: "en".into(),
    }
}

fn records() -> Vec<Record> {
    vec![
        record(
            "briefings/b1/",
            "briefing",
            "Ceasefire talks resume",
            "Delegations were negotiating a humanitarian corridor. The ceasefire <script>alert(1)</script> & \"quotes\" held.",
            Some("2020-10-03"),
            &[("actor", "Alpha"), ("actor", "Bravo"), ("year", "2020")],
        ),
        record(
            "briefings/b1/#s-1",
            "statement",
            "Alpha",
            "We negotiated a ceasefire along the corridor.",
            Some("2020-10-02"),
            &[("actor", "Alpha"), ("year", "2020")],
        ),
        record(
            "/briefings/b2/#s-1",
            "statement",
            "Bravo",
            "No ceasefire without guarantees.",
            Some("2021-03-04"),
            &[("actor", "Bravo"), ("year", "2021")],
        ),
        record(
            "briefings/b2/",
            "briefing",
            "Talks stall",
            "Negotiations stalled over prisoners.",
            Some("2021-03-05"),
            &[("actor", "Bravo"), ("year", "2021")],
        ),
        record(
            "actors/alpha/",
            "actor",
            "Alpha",
            "Alpha leads a delegation.",
            None,
            &[("actor", "Alpha")],
        ),
    ]
}

/// Writes the index and the test page under `<root>/nk/` (a sub-path site).
fn write_site(root: &Path) {
    let site = root.join("nk");
    for (path, bytes) in build(&records()) {
        let file = site.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, bytes).unwrap();
    }
    let page = site.join("search-test");
    std::fs::create_dir_all(&page).unwrap();
    std::fs::copy(
        fixtures_dir().join("search_client/index.html"),
        page.join("index.html"),
    )
    .unwrap();
}

/// What the test page printed; both tests share one browser run.
fn run_page() -> Option<&'static Value> {
    static OUT: OnceLock<Option<Value>> = OnceLock::new();
    OUT.get_or_init(open_page).as_ref()
}

/// Opens the test page and returns what its script printed.
fn open_page() -> Option<Value> {
    if !available() {
        return None;
    }
    let tmp = tempfile::tempdir().unwrap();
    write_site(tmp.path());
    let server = StaticServer::start(tmp.path());
    let browser = Browser::start();
    browser.goto(&server.url("/nk/search-test/"));
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let done = browser.execute(
            "return document.getElementById('out').dataset.done || '';",
            json!([]),
        );
        if done == "1" {
            break;
        }
        assert!(Instant::now() < deadline, "the test page did not finish");
        thread::sleep(Duration::from_millis(50));
    }
    let text = browser.execute(
        "return document.getElementById('out').textContent;",
        json!([]),
    );
    let out: Value = serde_json::from_str(text.as_str().unwrap()).unwrap();
    assert_eq!(out.get("error"), None, "the page threw: {}", out["error"]);
    Some(out)
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect()
}

#[test]
fn search_client_answers_pagefind_api_calls_in_a_browser() {
    let Some(out) = run_page() else { return };
    // Stemming: every form of "negotiate" is found, and the typed form need not occur.
    let stemmed: Vec<&str> = out["stemmed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["url"].as_str().unwrap())
        .collect();
    let mut sorted = stemmed.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            "/nk/briefings/b1/",
            "/nk/briefings/b1/#s-1",
            "/nk/briefings/b2/"
        ]
    );
    let b1 = out["stemmed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["url"] == "/nk/briefings/b1/")
        .unwrap();
    assert_eq!(
        b1["excerpt"],
        "Delegations were <mark>negotiating</mark> a humanitarian corridor. The ceasefire &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; held."
    );
    assert_eq!(b1["title"], "Ceasefire talks resume");
    assert_eq!(b1["locations"], json!([2]));

    // User text is escaped in excerpts; matches are marked.
    let escaped = &out["escaped"].as_array().unwrap();
    let b1 = escaped
        .iter()
        .find(|r| r["url"] == "/nk/briefings/b1/")
        .unwrap();
    let excerpt = b1["excerpt"].as_str().unwrap();
    assert!(
        excerpt.contains("<mark>ceasefire</mark> &lt;script&gt;alert(1)&lt;/script&gt;"),
        "{excerpt}"
    );
    assert!(!excerpt.contains("<script"), "{excerpt}");
    assert_eq!(escaped.len(), 3);
    assert_eq!(
        escaped[0]["url"], "/nk/briefings/b1/",
        "a title hit ranks first"
    );

    // Words are ANDed; the last word is a prefix unless a space closes it; an unseen
    // form finds its stem; an unknown word empties the result.
    assert_eq!(strings(&out["both"]).len(), 2);
    let mut both = strings(&out["both"]);
    both.sort();
    assert_eq!(both, ["/nk/briefings/b1/", "/nk/briefings/b1/#s-1"]);
    let mut prefix = strings(&out["prefix"]);
    prefix.sort();
    assert_eq!(prefix, both);
    assert_eq!(out["closedWord"], json!([]));
    let mut unseen = strings(&out["unseenForm"]);
    unseen.sort();
    assert_eq!(unseen, both);
    assert_eq!(out["nothing"]["results"], json!([]));
    assert_eq!(out["nothing"]["unfilteredResultCount"], 0);
}

#[test]
fn search_client_filters_and_sorts_in_a_browser() {
    let Some(out) = run_page() else { return };
    assert_eq!(
        out["filtersBefore"],
        json!({"actor": {"Alpha": 3, "Bravo": 3}, "type": {"actor": 1, "briefing": 2, "statement": 2}, "year": {"2020": 2, "2021": 2}})
    );
    // No term: everything the filter lets through, newest first, undated last.
    assert_eq!(
        out["byActor"]["urls"],
        json!([
            "/nk/briefings/b1/",
            "/nk/briefings/b1/#s-1",
            "/nk/actors/alpha/"
        ])
    );
    assert_eq!(out["byActor"]["total"], 5);
    // Counts come for the filter names a search has loaded (here only `actor`).
    assert_eq!(
        out["byActor"]["filters"],
        json!({"actor": {"Alpha": 3, "Bravo": 1}})
    );

    let tf = &out["termAndFilter"];
    let mut urls = strings(&tf["urls"]);
    urls.sort();
    assert_eq!(urls, ["/nk/briefings/b1/#s-1", "/nk/briefings/b2/#s-1"]);
    assert_eq!(
        tf["filters"]["type"],
        json!({"actor": 0, "briefing": 0, "statement": 2})
    );
    assert_eq!(tf["filters"]["actor"], json!({"Alpha": 1, "Bravo": 1}));
    assert_eq!(
        tf["totalFilters"]["type"],
        json!({"actor": 0, "briefing": 1, "statement": 2})
    );

    assert_eq!(
        out["anyOf"],
        json!([
            "/nk/briefings/b1/#s-1",
            "/nk/briefings/b1/",
            "/nk/briefings/b2/#s-1",
            "/nk/briefings/b2/",
            "/nk/actors/alpha/"
        ])
    );
    assert_eq!(
        out["none"],
        json!([
            "/nk/briefings/b2/",
            "/nk/briefings/b1/",
            "/nk/actors/alpha/"
        ])
    );
    assert_eq!(
        out["newest"],
        json!([
            "/nk/briefings/b2/",
            "/nk/briefings/b2/#s-1",
            "/nk/briefings/b1/",
            "/nk/briefings/b1/#s-1",
            "/nk/actors/alpha/"
        ])
    );
    assert_eq!(
        out["oldest"],
        json!([
            "/nk/briefings/b1/#s-1",
            "/nk/briefings/b1/",
            "/nk/briefings/b2/#s-1"
        ])
    );
    assert_eq!(
        out["debounced"],
        json!([null, 3]),
        "a superseded debounced search returns null"
    );
}
