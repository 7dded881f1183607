//! The reader's side (issue 11): honest certainty in errors and `<time>` elements,
//! the actors index, feeds and page metadata.

use crate::harness::{Site, sel, text_of};

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

#[test]
fn time_elements_keep_the_precision_the_date_has() {
    let site = Site::fixture("reader_dates");
    site.build_ok(&[]);
    let page = site.page("/briefings/dates/");
    let cards = page.select("li.statement");
    let got: Vec<(String, String, String)> = cards
        .iter()
        .map(|li| {
            let t = li.select(&sel("time")).next().expect("a <time>");
            let summary = text_of(li.select(&sel("p.summary")).next().expect("a summary"));
            let attr = |a| t.value().attr(a).unwrap_or_default().to_string();
            (summary, attr("datetime"), attr("title"))
        })
        .collect();
    let want = [
        ("day", "2020-10-02", "2020-10-02"),
        ("month", "2020-10", "2020-10"),
        ("year", "2020", "2020"),
        ("uncertain year", "2020", "2020?"),
        ("approximate day", "2020-10-02", "2020-10-02~"),
        // HTML cannot write an interval: its start, at the start's precision;
        // the whole EDTF date stays in `title`.
        ("interval", "2021-03-02", "2021-03-02/2021-03-03"),
        ("month interval", "2020-10", "2020-10/2020-11"),
    ];
    let mut got_sorted = got.clone();
    got_sorted.sort();
    let mut want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    want.sort();
    assert_eq!(got_sorted, want);
    // No EDTF qualifier in any `datetime` on any page of the site.
    for url in ["/briefings/dates/", "/timeline/", "/actors/vladimir-putin/"] {
        let p = site.page(url);
        for dt in p.doc_attrs("time", "datetime") {
            assert!(
                !dt.contains(['?', '~', '/']) && !dt.is_empty(),
                "{url}: datetime=\"{dt}\""
            );
        }
    }
}

#[test]
fn the_actors_index_counts_said_and_addressed_apart() {
    let site = Site::fixture("reader_actors");
    site.build_ok(&[]);
    let page = site.page("/actors/");
    let rows: Vec<(String, String)> = page
        .select("ul.actor-list li")
        .into_iter()
        .map(|li| {
            let name = text_of(li.select(&sel("a")).next().expect("a link"));
            let count = text_of(li.select(&sel(".count")).next().expect("a count"));
            (name, count)
        })
        .collect();
    let want = [
        // Speaks in 3 (once jointly), addressed in none.
        ("Ilham Aliyev", "3 statements, 1 briefing"),
        // Speaks in 2, addressed in 3: not "5 statements".
        (
            "Nikol Pashinyan",
            "2 statements, addressed in 3, 1 briefing",
        ),
        ("Vladimir Putin", "2 statements, addressed in 1, 1 briefing"),
        // Never speaks.
        ("OSCE Minsk Group", "addressed in 1 statement, 1 briefing"),
    ];
    assert_eq!(rows, want.map(|(a, b)| (a.to_string(), b.to_string())),);
}
