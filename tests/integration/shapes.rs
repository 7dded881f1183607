//! A value of the wrong shape (a text where a list belongs, a list where a source
//! belongs) is said in words, with an example of the expected shape, at its line
//! and column: no serde wording ("invalid type: map, expected struct Source").

use crate::harness::Site;

#[test]
fn wrong_shapes_are_said_in_words_with_an_example() {
    let site = Site::fixture("err_shapes");
    let check = site.run(&["check"]);
    check.assert_code(1);
    assert!(!check.stderr.contains("invalid type"), "{}", check.stderr);
    assert!(!check.stderr.contains("struct"), "{}", check.stderr);
    assert!(!check.stderr.contains("DESIGN.md"), "{}", check.stderr);
    insta::assert_snapshot!("wrong_shapes", check.stderr);
}
