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
