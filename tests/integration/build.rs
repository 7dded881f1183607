//! `sitroom build` as a whole: pagination, drafts, template overrides, warnings,
//! the output swap on failure, and byte-identical rebuilds.

use std::fs;

use crate::harness::{Site, tree};

#[test]
fn paginates_newest_first_with_prev_and_next_links() {
    let site = Site::fixture("pagination");
    let run = site.build_ok(&["--base-url", "https://example.org/"]);
    assert!(
        run.stdout.starts_with("built "),
        "one-line summary: {}",
        run.stdout
    );
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);

    let pages = [
        ("/", ["Briefing 5", "Briefing 4"].as_slice()),
        ("/page/2/", &["Briefing 3", "Briefing 2"]),
        ("/page/3/", &["Briefing 1"]),
    ];
    for (url, titles) in pages {
        assert_eq!(site.page(url).texts("article.card h2"), titles, "{url}");
    }
    let rel = |url: &str, which: &str| {
        site.page(url)
            .attrs(&format!("nav.pagination a[rel={which}]"), "href")
    };
    assert_eq!(rel("/", "prev"), Vec::<String>::new());
    assert_eq!(rel("/", "next"), ["/page/2/"]);
    assert_eq!(rel("/page/2/", "prev"), ["/"]);
    assert_eq!(rel("/page/2/", "next"), ["/page/3/"]);
    assert_eq!(rel("/page/3/", "prev"), ["/page/2/"]);
    assert_eq!(rel("/page/3/", "next"), Vec::<String>::new());
    assert_eq!(
        site.page("/page/2/").text("nav.pagination span"),
        "Page 2 of 3"
    );
    assert_eq!(site.page("/page/3/").text("h1"), "Briefings, page 3");
    assert!(!site.exists("page/1/index.html"), "page 1 is the home page");
    assert!(!site.exists("page/4/index.html"));
    let sitemap = site.read("sitemap.xml");
    // (Only the path is checked: without an absolute base_url the sitemap's <loc>s are
    // relative, which sitemaps.org does not allow; see the report on issue 2.)
    assert!(
        sitemap.contains("/page/2/</loc>") && sitemap.contains("/page/3/</loc>"),
        "{sitemap}"
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Site::fixture("drafts");
    site.build_ok(&["--base-url", "https://example.org/"]);
    assert_eq!(site.page("/").texts("article.card h2"), ["Public briefing"]);
    assert!(!site.exists("briefings/unfinished/index.html"));
    assert!(!site.exists("tags/secret/index.html"));
    assert!(!site.exists("secret/index.html"), "draft pages too");
    assert!(!site.read("atom.xml").contains("Unfinished"));
    assert!(!site.read("sitemap.xml").contains("unfinished"));
    assert!(
        !site
            .read("data/statements.json")
            .contains("Draft statement")
    );
    assert!(site.page("/timeline/").texts("li.statement .summary") == ["Public statement."]);
    assert!(
        site.page("/actors/nikol-pashinyan/")
            .select("li.statement")
            .is_empty()
    );

    site.build_ok(&["--drafts"]);
    assert_eq!(
        site.page("/").texts("article.card h2"),
        ["Unfinished briefing", "Public briefing"]
    );
    assert_eq!(site.page("/").texts("article.card .meta strong"), ["draft"]);
    assert_eq!(
        site.page("/briefings/unfinished/")
            .text("header .meta strong"),
        "draft"
    );
    assert_eq!(
        site.page("/tags/secret/").texts("article.card h2"),
        ["Unfinished briefing"]
    );
    assert_eq!(site.page("/secret/").text("h1"), "Secret page");
    assert_eq!(
        site.page("/timeline/").texts("li.statement .summary"),
        ["Public statement.", "Draft statement."]
    );
}

#[test]
fn a_site_template_overrides_the_default_of_the_same_name() {
    let site = Site::fixture("template_override");
    site.build_ok(&[]);
    let page = site.page("/briefings/x/");
    assert_eq!(
        page.text("p.custom"),
        "Custom briefing: Overridden (1 statements)"
    );
    assert!(
        page.select("article.briefing").is_empty(),
        "the default briefing template was used"
    );
    // The override still extends the default base, and partials can be overridden too.
    assert_eq!(page.doc_attrs("a.brand", "href"), ["/"]);
    let index = site.page("/");
    assert_eq!(index.texts("div.custom-card a"), ["Overridden"]);
    assert!(index.select("article.card").is_empty());
    // Pages not overridden use the defaults.
    assert_eq!(site.page("/timeline/").text("h1"), "Timeline");
    assert!(
        !site.exists("briefing.html"),
        "templates are not copied to the output"
    );
}

#[test]
fn warnings_are_printed_but_do_not_fail_the_build() {
    let site = Site::fixture("warn_no_source");
    let run = site.build_ok(&["--base-url", "https://example.org/"]);
    insta::assert_snapshot!(run.stderr, @r"
    content/briefings/2020-10-03-unsourced.md:7:3: warning: a statement has no `source`
      hint: add `source: {outlet: …, url: …}`, or the `id` of one of the briefing's `sources:`, so readers can check it
    ");
    assert!(
        run.stdout.trim_end().ends_with(", 1 warning"),
        "{}",
        run.stdout
    );
    assert_eq!(
        site.page("/briefings/unsourced/")
            .text("li.statement .provenance"),
        "No source given"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = Site::fixture("keep_output");
    site.build_ok(&[]);
    let before = tree(&site.out);
    assert!(
        before
            .iter()
            .any(|(p, _)| p == "briefings/calls/index.html")
    );

    site.write(
        "content/briefings/2020-10-03-calls.md",
        "---\ntitle: Calls\ndate: 2020-10-03\nstatements:\n  - speaker: vladimir-putin\n    with: [vladimir-puttin]\n    date: 2020-10-02\n    summary: x\n    source: {outlet: TASS}\n---\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    insta::assert_snapshot!(run.stderr, @r"
    content/briefings/2020-10-03-calls.md:6:12: error: unknown actor `vladimir-puttin`
      hint: did you mean `vladimir-putin`? Known actors live in content/actors/.
    error: build failed with 1 error; `[TMP]/public` was left as it was
    ");
    assert!(tree(&site.out) == before, "the old output changed");
    // No staging folders are left behind next to the output.
    let leftovers: Vec<String> = fs::read_dir(site.tmp())
        .expect("tmp")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "site" && n != "public")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_successful_rebuild_replaces_the_output_whole() {
    let site = Site::fixture("keep_output");
    site.build_ok(&[]);
    fs::write(site.out_path("stale.html"), "old").expect("write");
    site.write(
        "content/briefings/2020-10-05-more.md",
        "---\ntitle: More\ndate: 2020-10-05\nactors: [vladimir-putin]\n---\nMore.\n",
    );
    site.build_ok(&[]);
    assert!(
        !site.exists("stale.html"),
        "files from an older build linger"
    );
    assert_eq!(site.page("/").texts("article.card h2"), ["More", "Calls"]);
}

#[test]
fn the_same_input_gives_byte_identical_output() {
    let site = Site::fixture("determinism");
    let second = site.tmp().join("second");
    site.build_ok(&[]);
    site.build_into(&second, &[]).assert_ok();
    let (a, b) = (tree(&site.out), tree(&second));
    assert!(a.len() > 20, "{}", a.len());
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b));
    for ((path, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{path} differs between two builds of the same site");
    }
}
