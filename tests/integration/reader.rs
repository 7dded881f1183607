//! The reader's side (issue 11): honest certainty in errors and `<time>` elements,
//! the actors index, feeds and page metadata.

use crate::harness::Site;

#[test]
fn a_verified_statement_without_a_source_is_an_error() {
    let site = Site::fixture("err_verified_no_source");
    let run = site.build(&[]);
    run.assert_code(1);
    insta::assert_snapshot!(run.stderr, @r"
    content/briefings/2020-10-03-unsourced.md:6:3: error: a statement marked `verified` has no `source`
      hint: add `source: {outlet: …, url: …}` so readers can check it, or remove `verification: verified`
    content/briefings/2020-10-03-unsourced.md:10:3: warning: a statement has no `source`
      hint: add `source: {outlet: …, url: …}` so readers can check it
    error: build failed with 1 error and 1 warning; `[TMP]/public` was left as it was
    ");
    assert!(!site.out.exists(), "a failed build writes nothing");
}
