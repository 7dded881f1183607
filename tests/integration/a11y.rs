//! Accessibility: axe-core (npm `axe-core`, run inside the Debian Chromium the browser
//! tests use) finds no WCAG 2.2 A/AA or best-practice violation on any page kind of
//! the sample site, in light and in dark mode, and on a handful of page kinds in
//! other languages: the sample's Armenian pages and the multilingual fixture's
//! right-to-left Arabic pages.
//!
//! axe is found through `SITROOM_AXE_JS`, else where `.ci/run` installs it (under
//! `target/ci-tools/`). Without it the test prints a note and passes, unless
//! `SITROOM_REQUIRE_TOOLS=1`.

use std::path::{Path, PathBuf};

use serde_json::json;

use crate::browser::{self, Browser, StaticServer};
use crate::harness::skip_without_tool;
use crate::main_snapshots::PAGES;

/// The rule sets checked: WCAG 2.0–2.2 levels A and AA, and axe's best practices.
const TAGS: [&str; 7] = [
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22a",
    "wcag22aa",
    "best-practice",
];

/// Violations being fixed in files under rework (rule, page): to be emptied.
const KNOWN: [(&str, &str); 0] = [];

fn axe_js() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("SITROOM_AXE_JS") {
        let js = PathBuf::from(path);
        return js.is_file().then_some(js);
    }
    let tools = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ci-tools");
    let mut found: Vec<PathBuf> = std::fs::read_dir(tools)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("node_modules/axe-core/axe.min.js"))
        .filter(|js| js.is_file())
        .collect();
    found.sort();
    found.pop()
}

/// Every violation on the loaded page, one line each: `rule (impact): target — summary`.
fn violations(b: &Browser, axe: &str) -> Vec<String> {
    b.execute(axe, json!([]));
    let result = b.execute_async(
        "const done = arguments[arguments.length - 1];
         axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
            .then(r => done(r.violations), e => done([{id: 'axe-error', impact: String(e), nodes: []}]));",
        json!([TAGS]),
    );
    let mut lines = Vec::new();
    for v in result.as_array().cloned().unwrap_or_default() {
        let nodes = v["nodes"].as_array().cloned().unwrap_or_default();
        let targets: Vec<String> = nodes
            .iter()
            .take(3)
            .map(|n| n["target"].to_string())
            .collect();
        lines.push(format!(
            "{} ({}): {} node(s) {} — {}",
            v["id"].as_str().unwrap_or("?"),
            v["impact"].as_str().unwrap_or("?"),
            nodes.len(),
            targets.join(" "),
            nodes
                .first()
                .and_then(|n| n["failureSummary"].as_str())
                .unwrap_or("")
                .replace('\n', " ")
        ));
    }
    lines
}

#[test]
fn no_axe_violations_on_any_page_kind_light_or_dark() {
    if !browser::available() {
        return;
    }
    let Some(axe) = axe_js() else {
        skip_without_tool("accessibility test: axe-core not installed (see .ci/run)");
        return;
    };
    let axe = std::fs::read_to_string(axe).expect("read axe.min.js");
    let tmp = tempfile::Builder::new()
        .prefix("sitroom-axe-")
        .tempdir()
        .expect("temp dir");
    let sample = build(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &tmp.path().join("sample"),
    );
    let features = build(
        &crate::harness::fixtures_dir().join("a11y_features"),
        &tmp.path().join("features"),
    );
    // Served at `/`, so its `base_url` (under `/desk/`) is overridden.
    let multilingual = crate::harness::Site::fixture("multilingual");
    multilingual.build_ok(&["--base-url", "/"]);
    let mut pages: Vec<(&Path, String)> = PAGES
        .iter()
        .map(|(_, rel)| {
            (
                sample.as_path(),
                format!("/{}", rel.trim_end_matches("index.html")),
            )
        })
        .collect();
    for url in [
        "/briefings/features/",
        "/timeline/",
        "/actors/bravo-minister/",
        "/actors/",
    ] {
        pages.push((features.as_path(), url.to_string()));
    }
    // Past 300 actors: the actors index and letter pages.
    let letters = crate::actor_letters::big_site_with(&["--base-url", "/"]);
    for url in [
        "/actors/",
        "/actors-by-letter/e/",
        "/actors-by-letter/a/page/2/",
    ] {
        pages.push((letters.out.as_path(), url.to_string()));
    }
    for (out, lang, briefing) in [
        (sample.as_path(), "hy", "pashinyan-calls"),
        (multilingual.out.as_path(), "ar", "calls"),
    ] {
        for kind in [
            String::new(),
            format!("briefings/{briefing}/"),
            "timeline/".to_string(),
            "actors/nikol-pashinyan/".to_string(),
            "contacts/".to_string(),
        ] {
            pages.push((out, format!("/{lang}/{kind}")));
        }
    }
    let b = Browser::start();
    let mut found = Vec::new();
    for (out, url) in &pages {
        let server = StaticServer::start(out);
        for scheme in ["light", "dark"] {
            b.cdp(
                "Emulation.setEmulatedMedia",
                json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]}),
            );
            b.goto(&server.url(url));
            // A page, not the test server's plain-text 404.
            let lang = b.execute("return document.documentElement.lang;", json!([]));
            let want = ["hy", "ar"]
                .into_iter()
                .find(|l| url.starts_with(&format!("/{l}/")))
                .unwrap_or("en");
            assert_eq!(lang, want, "{url}");
            let site = out.parent().and_then(Path::file_name).unwrap_or_default();
            for v in violations(&b, &axe) {
                if KNOWN
                    .iter()
                    .any(|(rule, at)| v.starts_with(rule) && url == at)
                {
                    continue;
                }
                found.push(format!("{} {url} ({scheme}): {v}", site.to_string_lossy()));
            }
        }
    }
    assert!(found.is_empty(), "axe violations:\n{}", found.join("\n"));
}

/// Builds the site at `root` into `<dir>/public` and returns that folder.
fn build(root: &Path, dir: &Path) -> PathBuf {
    crate::harness::build_site_into(root, &dir.join("public"))
}

/// Tap targets are at least 24 CSS pixels high on a phone (WCAG 2.2 target size):
/// tag pills, header and footer links, and the timeline's filter selects.
#[test]
fn tap_targets_are_at_least_24_px_on_a_phone() {
    if !browser::available() {
        return;
    }
    let tmp = tempfile::Builder::new()
        .prefix("sitroom-tap-")
        .tempdir()
        .expect("temp dir");
    let out = build(Path::new(env!("CARGO_MANIFEST_DIR")), tmp.path());
    let server = StaticServer::start(&out);
    let b = Browser::start();
    b.set_window(390, 844);
    let mut small = Vec::new();
    for (url, css) in [
        ("/briefings/pashinyan-calls/", ".tag"),
        ("/briefings/pashinyan-calls/", ".site-header nav a"),
        ("/briefings/pashinyan-calls/", ".site-footer a"),
        ("/timeline/", ".filters select"),
    ] {
        b.goto(&server.url(url));
        let heights = b.execute(
            "return Array.from(document.querySelectorAll(arguments[0]))
                .map(e => e.getBoundingClientRect().height);",
            json!([css]),
        );
        let heights: Vec<f64> = heights
            .as_array()
            .expect("an array")
            .iter()
            .filter_map(serde_json::Value::as_f64)
            .collect();
        assert!(!heights.is_empty(), "no `{css}` on {url}");
        if let Some(h) = heights.iter().find(|h| **h < 24.0) {
            small.push(format!("{url} {css}: {h} px"));
        }
    }
    assert!(
        small.is_empty(),
        "tap targets under 24 px:\n{}",
        small.join("\n")
    );
}
