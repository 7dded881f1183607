//! The `<main>` element of each kind of page of the sample site (the repository root is
//! itself a site), pinned as a snapshot: a refactor of routes, contexts or strings that
//! changes what a reader sees shows up here as a diff.

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
    let (_tmp, out) = crate::harness::built_sample("sitroom-main-");
    for (kind, rel) in PAGES {
        let source = std::fs::read_to_string(out.join(rel))
            .unwrap_or_else(|e| panic!("cannot read `{rel}`: {e}"));
        let page = Page::parse(&source);
        insta::assert_snapshot!(format!("main_{kind}"), page.main().html());
    }
}
