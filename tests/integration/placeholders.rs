//! The pre-publication checklist: warnings (in `check` and `build`) for what
//! `init` and `new briefing` write as placeholders, and for briefings with no
//! statements or no sources. Drafts are exempt.

use std::fs;

use crate::harness::Site;

/// `init` then `check`: the two things a new site must change before it is
/// published, and nothing else.
#[test]
fn init_then_check_lists_the_example_and_the_default_title() {
    let site = Site::fixture("scaffold-empty");
    site.run(&["init", "fresh"]).assert_ok();
    let check = site.run(&["check", "--root", "fresh"]);
    check.assert_ok();
    insta::assert_snapshot!("init_then_check", check.stderr);
}

/// A `new briefing` published unchanged: its summary and text are the template's,
/// and it has neither statements nor sources.
#[test]
fn an_unchanged_new_briefing_is_listed_point_by_point() {
    let site = Site::fixture("scaffold-empty");
    site.run(&["new", "briefing", "Talks in Moscow", "--date", "2020-10-05"])
        .assert_ok();
    let rel = site
        .root
        .join("content/briefings/2020-10-05-talks-in-moscow.md");
    let text = fs::read_to_string(&rel).unwrap();
    fs::write(&rel, text.replace("draft: true", "draft: false")).unwrap();
    let check = site.run(&["check"]);
    check.assert_ok();
    insta::assert_snapshot!("unchanged_new_briefing", check.stderr);
    // `build` prints the same list.
    let build = site.build(&[]);
    build.assert_ok();
    for line in [
        "2020-10-05-talks-in-moscow.md:5:10: warning: before publishing: `summary` is still the template's placeholder",
        "2020-10-05-talks-in-moscow.md:10:1: warning: before publishing: the briefing cites no sources",
        "2020-10-05-talks-in-moscow.md:15:1: warning: before publishing: the briefing has no statements",
    ] {
        assert!(build.stderr.contains(line), "{line}\n{}", build.stderr);
    }
}

/// No statements and no sources warn; a draft full of template text does not; a
/// source given only on a statement counts.
#[test]
fn no_statements_no_sources_and_drafts_exempt() {
    let site = Site::fixture("warn_placeholders");
    let check = site.run(&["check"]);
    check.assert_ok();
    insta::assert_snapshot!("no_statements_no_sources", check.stderr);
}
