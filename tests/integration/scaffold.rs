//! `sitroom init` and `sitroom new`: the files they write build and check cleanly,
//! and neither ever writes over an existing file.

use std::fs;

use crate::harness::{Page, Site};

#[test]
fn init_writes_a_site_that_builds_at_once() {
    let site = Site::fixture("scaffold-empty");
    site.run(&["init", "fresh"]).assert_ok();
    let fresh = site.root.join("fresh");
    for rel in [
        "site.yaml",
        "templates/base.html",
        "templates/partials/statement.html",
        "static/style.css",
    ] {
        assert!(fresh.join(rel).is_file(), "init did not write {rel}");
    }
    let check = site.run(&["check", "--root", "fresh"]);
    check.assert_ok();
    assert!(
        check.stderr.contains("0 errors, 0 warnings"),
        "{}",
        check.stderr
    );
    site.run(&["build", "--root", "fresh"]).assert_ok();
    let index = Page::parse(&fs::read_to_string(fresh.join("public/index.html")).unwrap());
    assert_eq!(
        index.texts(".card h2"),
        ["Putin and Pashinyan speak by phone"]
    );
    let actor = Page::parse(
        &fs::read_to_string(fresh.join("public/actors/nikol-pashinyan/index.html")).unwrap(),
    );
    assert_eq!(
        actor.texts("li.statement .speakers a"),
        ["Vladimir Putin", "Nikol Pashinyan"]
    );
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let site = Site::fixture("scaffold-empty");
    let run = site.run(&["init", "."]);
    run.assert_code(2);
    assert_eq!(
        run.stderr,
        "error: `.` is not empty\n  hint: choose a new folder name; init never writes over existing files\n"
    );
    assert_eq!(
        fs::read_to_string(site.root.join("site.yaml")).unwrap(),
        "title: Scaffold test\n"
    );
}

#[test]
fn new_briefing_gets_a_readable_ascii_slug_and_passes_check() {
    let site = Site::fixture("scaffold-empty");
    let run = site.run(&[
        "new",
        "briefing",
        "Ерлан: переговоры «возобновились»",
        "--date",
        "2020-10-05",
    ]);
    run.assert_ok();
    assert_eq!(
        run.stdout,
        "created content/briefings/2020-10-05-erlan-peregovory-vozobnovilis.md\n"
    );
    let text = fs::read_to_string(
        site.root
            .join("content/briefings/2020-10-05-erlan-peregovory-vozobnovilis.md"),
    )
    .unwrap();
    assert!(
        text.starts_with("---\ntitle: \"Ерлан: переговоры «возобновились»\"\ndate: 2020-10-05"),
        "{text}"
    );
    let check = site.run(&["check"]);
    check.assert_ok();
    assert!(check.stderr.contains("0 errors"), "{}", check.stderr);
    // Drafts are built with --drafts, under the slug from the file name.
    site.build_ok(&["--drafts"]);
    assert!(site.exists("briefings/erlan-peregovory-vozobnovilis/index.html"));
}

#[test]
fn new_actor_passes_check_and_never_overwrites() {
    let site = Site::fixture("scaffold-empty");
    site.run(&["new", "actor", "Recep Tayyip Erdoğan", "--kind", "person"])
        .assert_ok();
    let path = site.root.join("content/actors/recep-tayyip-erdogan.md");
    fs::write(
        &path,
        fs::read_to_string(&path)
            .unwrap()
            .replace("A short", "Edited. A short"),
    )
    .unwrap();
    let again = site.run(&["new", "actor", "Recep Tayyip Erdoğan"]);
    again.assert_code(1);
    assert_eq!(
        again.stderr,
        "error: `content/actors/recep-tayyip-erdogan.md` already exists\n  hint: edit it, or choose another title or name\n"
    );
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("Edited. A short")
    );
    let check = site.run(&["check"]);
    check.assert_ok();
    assert!(
        check.stderr.contains("0 errors, 1 warning"),
        "{}",
        check.stderr
    );
}

#[test]
fn new_rejects_bad_kinds_and_dates_with_a_hint() {
    let site = Site::fixture("scaffold-empty");
    let kind = site.run(&["new", "actor", "X", "--kind", "persn"]);
    kind.assert_code(2);
    assert_eq!(
        kind.stderr,
        "error: unknown actor kind `persn`\n  hint: did you mean `person`? Kinds: person, state, organization, armed_group\n"
    );
    let date = site.run(&["new", "briefing", "X", "--date", "2020-13-01"]);
    date.assert_code(2);
    assert_eq!(
        date.stderr,
        "error: `2020-13-01` is not a date\n  hint: write --date YYYY-MM-DD\n"
    );
    assert!(!site.root.join("content").exists());
}
