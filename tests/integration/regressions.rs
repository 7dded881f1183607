//! Regression tests for bugs found by review: each test names the bug it pins.

use std::fs;

use crate::harness::Site;

const ACTOR: &str = "---\nname: Anna Alpha\nkind: person\naliases: [Alpha]\n---\nBio.\n";
const ACTOR_B: &str = "---\nname: Boris Bravo\nkind: person\n---\nBio.\n";

fn site_with(briefing: &str) -> Site {
    let site = Site::fixture("scaffold-empty");
    site.write("content/actors/anna-alpha.md", ACTOR);
    site.write("content/actors/boris-bravo.md", ACTOR_B);
    site.write("content/briefings/2020-10-03-b.md", briefing);
    site
}

fn briefing(front: &str, body: &str) -> String {
    format!("---\ntitle: B\ndate: 2020-10-03\n{front}---\n{body}\n")
}

/// Bug: `check` panicked ("no entry found for key") on a `#anchor` link into a
/// static HTML file.
#[test]
fn check_accepts_anchor_links_into_static_html() {
    let site = site_with(&briefing(
        "actors: [anna-alpha, boris-bravo]\n",
        "See [x](/x.html#a).",
    ));
    site.write("static/x.html", "<p id=\"a\">x</p>");
    let run = site.run(&["check"]);
    run.assert_ok();
    assert!(run.stderr.contains("checked: 0 errors"), "{}", run.stderr);
}

/// Bug: `build --output <site root>` replaced the site's own files with the output.
#[test]
fn build_refuses_to_write_over_the_site_itself() {
    let site = site_with(&briefing("actors: [anna-alpha, boris-bravo]\n", "Text."));
    let root = site.root.display().to_string();
    for out in [
        root.clone(),
        format!("{root}/content"),
        format!("{root}/content/briefings"),
    ] {
        let run = site.run(&["build", "--root", &root, "--output", &out]);
        run.assert_code(2);
        assert!(
            run.stderr.contains("refusing to write the site into"),
            "{}",
            run.stderr
        );
    }
    assert!(site.root.join("site.yaml").is_file());
    assert!(
        site.root
            .join("content/briefings/2020-10-03-b.md")
            .is_file()
    );
}

/// Bug: a tag without letters or digits became `/tags//` and overwrote the tags index.
#[test]
fn a_tag_without_letters_is_an_error() {
    let site = site_with(&briefing(
        "tags: [\"!!!\", ok]\nactors: [anna-alpha, boris-bravo]\n",
        "Text.",
    ));
    let run = site.build(&[]);
    run.assert_code(1);
    assert!(
        run.stderr.contains(
            "content/briefings/2020-10-03-b.md:4:9: error: the tag `!!!` has no letters or digits"
        ),
        "{}",
        run.stderr
    );
}

/// Bug: a static file with a generated page's name silently replaced the page.
#[test]
fn a_static_file_that_replaces_a_page_is_warned_about() {
    let site = site_with(&briefing("actors: [anna-alpha, boris-bravo]\n", "Text."));
    site.write("static/atom.xml", "<feed/>");
    // Feeds need an absolute URL.
    let run = site.build(&["--base-url", "https://example.org/"]);
    run.assert_ok();
    assert!(
        run.stderr
            .contains("static/atom.xml: warning: this file replaces the generated `/atom.xml`"),
        "{}",
        run.stderr
    );
}

/// Bug: a speaker repeated out of order (`[a, b, a]`) was listed twice.
#[test]
fn repeated_speakers_are_listed_once() {
    let front = "statements:\n  - speakers: [anna-alpha, boris-bravo, anna-alpha]\n    date: 2020-10-02\n    kind: joint_statement\n    summary: Together.\n    source: {outlet: O}\n";
    let site = site_with(&briefing(front, "Text."));
    site.build_ok(&[]);
    let page = site.page("/briefings/b/");
    assert_eq!(
        page.texts("li.statement .speakers > a"),
        ["Anna Alpha", "Boris Bravo"]
    );
}

/// Bug: a role ending before it starts was accepted.
#[test]
fn a_role_that_ends_before_it_starts_is_an_error() {
    let site = site_with(&briefing("actors: [anna-alpha, boris-bravo]\n", "Text."));
    site.write(
        "content/actors/boris-bravo.md",
        "---\nname: Boris Bravo\nkind: person\nroles:\n  - {title: Envoy, start: 2021, end: 2019}\n---\nBio.\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("content/actors/boris-bravo.md:5:3: error: the role `Envoy` ends (2019) before it starts (2021)"),
        "{}",
        run.stderr
    );
}

/// Bug: the column on the first line of a file with a byte-order mark was one too far.
#[test]
fn a_byte_order_mark_is_not_a_column() {
    let site = Site::fixture("scaffold-empty");
    fs::write(site.root.join("site.yaml"), "\u{feff}titel: x\n").unwrap();
    let run = site.build(&[]);
    run.assert_code(1);
    assert!(
        run.stderr
            .starts_with("site.yaml:1:1: error: unknown field `titel`"),
        "{}",
        run.stderr
    );
}
