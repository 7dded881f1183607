//! `sitroom check`: every diagnostic kind pinned in both formats, exit codes, and
//! the link checker.

use crate::harness::Site;

/// One fixture per diagnostic kind (most are shared with the build tests).
const CASES: &[&str] = &[
    "err_bad_base_url",
    "err_bad_date",
    "err_bad_publication_date",
    "err_bad_slug",
    "err_duplicate_slug",
    "err_empty_statement",
    "err_missing_field",
    "err_no_front_matter",
    "err_no_speaker",
    "err_site_unknown_key",
    "err_speaker_and_speakers",
    "err_unknown_actor",
    "err_unknown_field",
    "err_unknown_kind",
    "err_unknown_theme",
    "err_many",
    "warn_no_source",
    "model-relative",
    "check-links",
];

#[test]
fn human_output_shows_the_line_with_a_caret() {
    for case in CASES {
        let run = Site::fixture(case).run(&["check"]);
        let errors = !run.stderr.contains("checked: 0 errors");
        run.assert_code(if errors { 1 } else { 0 });
        assert_eq!(run.stdout, "", "{case}: human output goes to stderr");
        insta::assert_snapshot!(format!("human_{case}"), run.stderr);
    }
}

#[test]
fn json_output_is_one_object_per_line() {
    for case in CASES {
        let run = Site::fixture(case).run(&["check", "--format", "json"]);
        let mut errors = 0;
        for line in run.stdout.lines() {
            let v: serde_json::Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{case}: {e}: {line}"));
            let mut keys: Vec<&str> = v
                .as_object()
                .expect("an object")
                .keys()
                .map(String::as_str)
                .collect();
            keys.sort_unstable();
            assert_eq!(
                keys,
                [
                    "code", "column", "hint", "line", "message", "path", "severity"
                ],
                "{case}"
            );
            errors += usize::from(v["severity"] == "error");
        }
        run.assert_code(if errors > 0 { 1 } else { 0 });
        insta::assert_snapshot!(format!("json_{case}"), run.stdout);
    }
}

#[test]
fn broken_links_and_anchors_point_into_the_source() {
    let run = Site::fixture("check-links").run(&["check", "--format", "json"]);
    run.assert_code(1);
    let codes: Vec<String> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json"))
        .map(|v| {
            format!(
                "{}:{} {}",
                v["line"],
                v["column"],
                v["code"].as_str().unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            "15:26 broken-link",
            "15:66 broken-link",
            "16:21 broken-anchor",
            "16:44 broken-anchor"
        ]
    );
}

#[test]
fn a_clean_site_passes() {
    let run = Site::fixture("serve-basic").run(&["check"]);
    run.assert_ok();
    assert_eq!(run.stderr, "checked: 0 errors, 0 warnings\n");
}
