//! Search on a built site: the header box and the search page in a real browser
//! (under a sub-path, following a result to its statement's anchor; a filter
//! narrowing the results), `search: false`, relative mode and a deterministic index.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::browser::{Browser, StaticServer, available};
use crate::harness::{Page, Site};

/// Builds the sample site (the repository root) into `out` with `extra` flags.
fn build_sample(out: &Path, extra: &[&str]) {
    let run = Command::new(env!("CARGO_BIN_EXE_sitroom"))
        .args([
            "build",
            "--no-cache",
            "--root",
            env!("CARGO_MANIFEST_DIR"),
            "--output",
        ])
        .arg(out)
        .args(extra)
        .env_remove("SITROOM_TIMINGS")
        .output()
        .expect("run sitroom");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// Polls `script` (a function body) until it returns something truthy.
#[track_caller]
fn wait_for(b: &Browser, script: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let v = b.execute(script, json!([]));
        if !(v.is_null() || v == false || v == "" || v == 0) {
            return v;
        }
        let status = b.execute(
            "return document.getElementById('search-status')?.textContent;",
            json!([]),
        );
        assert!(
            Instant::now() < deadline,
            "timed out waiting for `{script}` (status: {status})"
        );
        thread::sleep(Duration::from_millis(50));
    }
}

/// `(type, href)` of each result shown.
fn results(b: &Browser) -> Vec<(String, String)> {
    let v = b.execute(
        "return [...document.querySelectorAll('#search-results li')].map(li => \
         [li.querySelector('.meta span').textContent, li.querySelector('a').getAttribute('href')]);",
        json!([]),
    );
    serde_json::from_value(v).unwrap()
}

#[test]
fn the_header_box_finds_a_statement_and_its_result_opens_the_anchor() {
    if !available() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    build_sample(&tmp.path().join("nk"), &["--base-url", "/nk/"]);
    let server = StaticServer::start(tmp.path());
    let b = Browser::start();
    b.goto(&server.url("/nk/"));
    let header = b.find("header form[role=search] input[name=q]");
    b.send_keys(&header, "de-escalate\u{E007}");
    wait_for(
        &b,
        "return document.querySelectorAll('#search-results li').length;",
    );
    assert!(
        b.current_url().contains("/nk/search/?q=de-escalate"),
        "{}",
        b.current_url()
    );
    let focused = b.execute("return document.activeElement.id;", json!([]));
    assert_eq!(focused, "search-q", "the query box has the focus");
    let found = results(&b);
    let statement = found
        .iter()
        .position(|(kind, _)| kind == "Statement")
        .unwrap_or_else(|| panic!("no statement among {found:?}"));
    assert_eq!(
        found[statement].1,
        "/nk/briefings/pashinyan-calls/#s-putin-pashinyan-call-2020-10-02"
    );
    let status = b.text(&b.find("#search-status"));
    assert_eq!(
        status,
        format!("{} results", found.len()).replace("1 results", "1 result")
    );
    let excerpt = b.execute(
        "return document.querySelectorAll('#search-results li')[arguments[0]].querySelector('.search-excerpt').innerHTML;",
        json!([statement]),
    );
    assert!(
        excerpt.as_str().unwrap().contains("<mark>escalate</mark>"),
        "{excerpt}"
    );
    let links = b.find_all("#search-results li h2 a");
    b.click(&links[statement]);
    wait_for(
        &b,
        "return location.hash === '#s-putin-pashinyan-call-2020-10-02';",
    );
    assert!(
        b.current_url()
            .ends_with("/nk/briefings/pashinyan-calls/#s-putin-pashinyan-call-2020-10-02")
    );
    assert!(
        b.text(&b.find("#s-putin-pashinyan-call-2020-10-02"))
            .contains("de-escalate")
    );
}

#[test]
fn a_filter_narrows_the_results_and_stays_in_the_address() {
    if !available() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_sample(&out, &[]);
    let server = StaticServer::start(&out);
    let b = Browser::start();
    b.goto(&server.url("/search/?q=Putin"));
    wait_for(
        &b,
        "return document.querySelectorAll('#search-results li').length;",
    );
    let all = results(&b);
    let kinds: std::collections::BTreeSet<&str> = all.iter().map(|(k, _)| k.as_str()).collect();
    assert!(kinds.contains("Statement") && kinds.len() > 1, "{all:?}");
    b.select_option("select[name=type]", "Statement");
    wait_for(
        &b,
        "return [...document.querySelectorAll('#search-results li .meta span:first-child')]\
         .every(s => s.textContent === 'Statement') && location.search.includes('type=Statement');",
    );
    let narrowed = results(&b);
    assert!(!narrowed.is_empty() && narrowed.len() < all.len());
    assert_eq!(
        narrowed.len(),
        all.iter().filter(|(k, _)| k == "Statement").count()
    );
    // The address holds the search: opening it again shows the same.
    let url = b.current_url();
    assert!(url.ends_with("/search/?q=Putin&type=Statement"), "{url}");
    b.goto(&url);
    wait_for(
        &b,
        "return document.querySelectorAll('#search-results li').length;",
    );
    assert_eq!(results(&b), narrowed);
    let chosen = b.property(&b.find("select[name=type]"), "value");
    assert_eq!(chosen, "Statement");

    // Nothing found: a message and a reset.
    let q = b.find("#search-q");
    b.send_keys(&q, " zzzyqx");
    wait_for(&b, "return !document.getElementById('search-none').hidden;");
    assert!(results(&b).is_empty());
    b.click(&b.find("#search-reset"));
    wait_for(
        &b,
        "return document.getElementById('search-none').hidden && location.search === '';",
    );
    assert_eq!(b.property(&b.find("#search-q"), "value"), "");
}

fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let bytes = std::fs::read(&p).unwrap();
                out.push((p.strip_prefix(dir).unwrap().to_path_buf(), bytes));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_index_is_the_same_bytes_in_every_build() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build_sample(&a, &[]);
    build_sample(&b, &[]);
    let (a, b) = (tree(&a.join("pagefind")), tree(&b.join("pagefind")));
    assert!(a.len() > 20, "{} files", a.len());
    assert!(a == b, "the index differs between two builds");
}

#[test]
fn search_false_leaves_no_page_no_index_and_no_header_box() {
    let site = Site::fixture("search_off");
    site.build_ok(&[]);
    assert!(!site.exists("search/index.html"));
    assert!(!site.out_path("pagefind").exists());
    assert!(!site.exists("search.js"));
    let home = site.read("index.html");
    assert!(
        Page::parse(&home)
            .doc_attrs("form[role=search]", "action")
            .is_empty()
    );
    // Neither the box nor the no-script link nor the style that hides the box.
    assert!(!home.contains("site-search"), "{home}");
    assert!(!site.read("sitemap.xml").contains("search"));

    // The same site with search on has all three.
    site.write(
        "site.yaml",
        "title: No Search\nbase_url: https://example.org/nk/\n",
    );
    site.build_ok(&[]);
    assert!(site.exists("search/index.html"));
    assert!(site.exists("pagefind/pagefind.js") && site.exists("search.js"));
    let home = site.page("/");
    assert_eq!(
        home.doc_attrs("header form[role=search]", "action"),
        ["/nk/search/"]
    );
    assert_eq!(
        home.doc_attrs("header form[role=search] input", "name"),
        ["q"]
    );
}

#[test]
fn in_relative_mode_the_search_page_finds_its_script_and_the_header_names_the_file() {
    let site = Site::fixture("search_off");
    site.write("site.yaml", "title: Relative\nbase_url: relative\n");
    site.build_ok(&[]);
    let search = Page::parse(&site.read("search/index.html"));
    assert_eq!(
        search.doc_attrs("#search", "data-script"),
        ["../pagefind/pagefind.js"]
    );
    assert_eq!(search.doc_attrs("#search", "data-relative"), ["true"]);
    assert_eq!(
        search.doc_attrs("script[src$='search.js']", "src"),
        ["../search.js"]
    );
    let briefing = site.page("/briefings/calls/");
    assert_eq!(
        briefing.doc_attrs("header form[role=search]", "action"),
        ["../../search/index.html"]
    );
}

#[test]
fn opened_from_a_file_the_search_page_says_it_needs_a_server() {
    if !available() {
        return;
    }
    let site = Site::fixture("search_off");
    site.write("site.yaml", "title: Relative\nbase_url: relative\n");
    site.build_ok(&[]);
    let b = Browser::start();
    let page = site.out_path("search/index.html");
    b.goto(&format!("file://{}?q=putin", page.display()));
    let status = wait_for(
        &b,
        "return document.getElementById('search-status').textContent;",
    );
    assert!(
        status.as_str().unwrap().contains("served by a web server"),
        "{status}"
    );
}
