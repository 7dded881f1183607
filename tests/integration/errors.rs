//! Every kind of content error, with the exact text users see (insta snapshots of
//! stderr, the temp folder written as `[TMP]`), exit status 1 and no output written.

use crate::harness::Site;

/// Builds fixture `name`, which must fail; returns stderr.
#[track_caller]
fn fails(name: &str, extra: &[&str]) -> String {
    let site = Site::fixture(name);
    let run = site.build(extra);
    run.assert_code(1);
    assert!(run.stdout.is_empty(), "stdout: {}", run.stdout);
    assert!(
        !site.out.exists(),
        "a failed first build wrote {}",
        site.out.display()
    );
    run.stderr
}

macro_rules! error_case {
    ($name:ident, $fixture:literal) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(stringify!($name), fails($fixture, &[]));
        }
    };
}

error_case!(unknown_field_suggests_the_nearest, "err_unknown_field");
error_case!(missing_required_field, "err_missing_field");
error_case!(bad_statement_date, "err_bad_date");
// Each EDTF mistake at its own line and column, all at once.
error_case!(edtf_mistakes, "err_edtf");
error_case!(
    bad_publication_date_points_at_the_value,
    "err_bad_publication_date"
);
error_case!(
    unknown_actor_points_at_the_id_and_suggests_the_nearest,
    "err_unknown_actor"
);
error_case!(speaker_and_speakers_both, "err_speaker_and_speakers");
error_case!(no_speaker, "err_no_speaker");
error_case!(neither_quote_nor_summary, "err_empty_statement");
// A bad language code, empty text, an unknown and a missing key in `original:`.
error_case!(bad_original, "err_original");
error_case!(duplicate_slug, "err_duplicate_slug");
error_case!(bad_slug, "err_bad_slug");
error_case!(missing_or_unterminated_front_matter, "err_no_front_matter");
error_case!(unknown_kind_value, "err_unknown_kind");
error_case!(unknown_site_yaml_key, "err_site_unknown_key");
error_case!(unknown_highlight_theme, "err_unknown_theme");

#[test]
fn bad_base_url_in_site_yaml() {
    insta::assert_snapshot!("bad_base_url_in_site_yaml", fails("err_bad_base_url", &[]));
}

#[test]
fn bad_base_url_flag() {
    insta::assert_snapshot!(
        "bad_base_url_flag",
        fails("keep_output", &["--base-url", "example.org"])
    );
}

/// Every problem in every file is reported, sorted by file and position, then one
/// summary line; warnings are counted but do not change the exit status.
#[test]
fn several_problems_in_several_files_are_reported_together() {
    insta::assert_snapshot!("several_problems", fails("err_many", &[]));
}

/// A free page's `slug:` names a folder in the output; `../` must not escape it.
#[test]
fn page_slug_cannot_escape_the_output_folder() {
    let site = Site::fixture("free_page");
    site.write(
        "content/pages/escape.md",
        "---\ntitle: Escape\nslug: ../../escaped\n---\nx\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    insta::assert_snapshot!("page_slug_escape", run.stderr);
    assert!(
        !site.tmp().join("escaped").exists()
            && !site
                .tmp()
                .parent()
                .expect("parent")
                .join("escaped")
                .exists()
    );
}

#[test]
fn usage_errors_exit_with_2() {
    let site = Site::fixture("keep_output");
    let run = site.run(&["build", "--no-such-flag"]);
    run.assert_code(2);
    assert!(run.stderr.contains("--no-such-flag"), "{}", run.stderr);
}

/// Every problem inside one front matter is reported in one run, each at its own
/// line and column: nine bad `verification:` values are nine errors, and a
/// misspelled speaker is reported beside a bad date in the same statement.
#[test]
fn every_problem_in_one_front_matter_is_reported_at_once() {
    let run = Site::fixture("err_all_at_once").run(&["check", "--format", "json"]);
    run.assert_code(1);
    let found: Vec<String> = run
        .stdout
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("json");
            format!(
                "{}:{} {} {}",
                v["line"], v["column"], v["code"], v["message"]
            )
            .replace('"', "")
        })
        .collect();
    insta::assert_snapshot!(found.join("\n"), @r#"
        13:19 unknown-value unknown value `confirmd` in `statements[0].verification`
        18:19 unknown-value unknown value `verifed` in `statements[1].verification`
        23:19 unknown-value unknown value `sure` in `statements[2].verification`
        28:19 unknown-value unknown value `yes` in `statements[3].verification`
        33:19 unknown-value unknown value `true-ish` in `statements[4].verification`
        38:19 unknown-value unknown value `checked` in `statements[5].verification`
        43:19 unknown-value unknown value `ok` in `statements[6].verification`
        48:19 unknown-value unknown value `confirmed!` in `statements[7].verification`
        53:19 unknown-value unknown value `unverifed` in `statements[8].verification`
        54:14 unknown-actor unknown actor `vladimir-puttin`
        55:11 bad-date invalid date in `statements[9].date`: `2020-11-31` is not a day in the calendar: November 2020 has 30 days
    "#);
}

/// A key at the wrong indentation is said to be, with the column it belongs at,
/// not as a missing field or a value run together with the next key.
#[test]
fn keys_at_the_wrong_indentation_name_the_column() {
    let run = Site::fixture("err_indentation").run(&["check"]);
    run.assert_code(1);
    insta::assert_snapshot!("wrong_indentation", run.stderr);
}
