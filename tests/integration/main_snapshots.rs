//! The `<main>` element of each kind of page of the sample site (the repository root is
//! itself a site), pinned as a snapshot: a refactor of routes, contexts or strings that
//! changes what a reader sees shows up here as a diff.

use std::process::Command;

use crate::harness::Page;

/// One page of each kind the sample site has (it is too small for `/page/2/` or a
/// timeline split by year; fixtures cover those).
pub const PAGES: [(&str, &str); 13] = [
    ("home", "index.html"),
    ("briefing", "briefings/pashinyan-calls/index.html"),
    ("actors", "actors/index.html"),
    ("actor", "actors/nikol-pashinyan/index.html"),
    ("timeline", "timeline/index.html"),
    ("contacts", "contacts/index.html"),
    ("corrections", "corrections/index.html"),
    ("tags", "tags/index.html"),
    ("tag", "tags/ceasefire/index.html"),
    ("archive", "archive/index.html"),
    ("page", "about/index.html"),
    ("search", "search/index.html"),
    ("not_found", "404.html"),
];

#[test]
fn the_main_element_of_each_page_kind_of_the_sample_site() {
    let tmp = tempfile::Builder::new()
        .prefix("sitroom-main-")
        .tempdir()
        .expect("temp dir");
    let out = tmp.path().join("public");
    let build = Command::new(env!("CARGO_BIN_EXE_sitroom"))
        .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--output"])
        .arg(&out)
        .env_remove("SITROOM_TIMINGS")
        .output()
        .expect("run sitroom");
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    for (kind, rel) in PAGES {
        let source = std::fs::read_to_string(out.join(rel))
            .unwrap_or_else(|e| panic!("cannot read `{rel}`: {e}"));
        let page = Page::parse(&source);
        insta::assert_snapshot!(format!("main_{kind}"), page.main().html());
    }
}
