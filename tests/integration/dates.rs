//! Dates on pages: honest precision in the text, the full date in attributes, and
//! the sort rule (earliest day first; ties keep source order).

use crate::harness::Site;

#[test]
fn timeline_shows_each_precision_honestly_in_date_order() {
    let site = Site::fixture("dates");
    site.build_ok(&[]);
    let page = site.page("/timeline/");
    // The year-only date first, the interval by its first day, month precision before
    // the days of that month, and same-day ties in source order (file b, then file a
    // in the order written).
    assert_eq!(
        page.attrs("li.statement", "id"),
        [
            "a-7", "a-6", "a-2", "a-8", "b-1", "a-1", "a-3", "a-4", "a-5"
        ]
    );
    assert_eq!(
        page.texts("li.statement time"),
        [
            "2020",
            "27 Sep – 3 Oct 2020",
            "October 2020",
            "c. October 2020",
            "2 Oct 2020",
            "2 Oct 2020",
            "c. 2 Oct 2020",
            "2 Oct 2020?",
            "2–3 Oct 2020",
        ]
    );
    // The machine-readable date has the date's own precision (an interval: its start);
    // the written form is kept in the title.
    assert_eq!(
        page.attrs("li.statement time", "title")[1],
        "2020-09-27/2020-10-03"
    );
    assert_eq!(
        page.attrs("li.statement time", "datetime")[..3],
        ["2020", "2020-09-27", "2020-10"]
    );
    assert_eq!(
        page.attrs("li.statement time", "class")[..4],
        [
            "precision-year certainty-exact",
            "precision-day certainty-exact",
            "precision-month certainty-exact",
            "precision-month certainty-approximate",
        ]
    );
    // Group headings never claim more than is known.
    assert_eq!(
        page.texts("section.month > h2"),
        ["2020 (month not known)", "September 2020", "October 2020"]
    );
    assert_eq!(
        page.texts("section.day > h3"),
        [
            "Month not known",
            // Issue 11: an interval, an approximate or an uncertain date is not
            // headed by a certain day.
            "27 Sep – 3 Oct 2020 (over several days)",
            "Day not known",
            "c. October 2020 (approximate date)",
            "Friday 2 Oct 2020",
            "c. 2 Oct 2020 (approximate date)",
            "2 Oct 2020? (date not confirmed)",
            "2–3 Oct 2020 (over several days)"
        ]
    );
}

#[test]
fn briefing_and_actor_page_sort_by_date() {
    let site = Site::fixture("dates");
    site.build_ok(&[]);
    // Issue 15: a briefing's statements are in date order too (ties keep file order).
    let briefing = site.page("/briefings/a/");
    assert_eq!(
        briefing.texts("li.statement time"),
        [
            "2020",
            "27 Sep – 3 Oct 2020",
            "October 2020",
            "c. October 2020",
            "2 Oct 2020",
            "c. 2 Oct 2020",
            "2 Oct 2020?",
            "2–3 Oct 2020",
        ]
    );
    // The actor page: the newest first (the reverse of date order).
    let actor = site.page("/actors/vladimir-putin/");
    assert_eq!(
        actor.attrs("li.statement", "id"),
        [
            "a-5", "a-4", "a-3", "a-1", "b-1", "a-8", "a-2", "a-6", "a-7"
        ]
    );
    let json: serde_json::Value =
        serde_json::from_str(&site.read("data/statements.json")).expect("JSON");
    let ids: Vec<&str> = json
        .as_array()
        .expect("array")
        .iter()
        .map(|s| s["id"].as_str().expect("id"))
        .collect();
    assert_eq!(
        ids,
        [
            "a-7", "a-6", "a-2", "a-8", "b-1", "a-1", "a-3", "a-4", "a-5"
        ]
    );
}

/// "October 2020" ties with "1 Oct 2020" on its earliest day; it must still come
/// first, or the timeline shows "1 Oct", "Day not known", "1 Oct" as three groups.
#[test]
fn month_precision_sorts_before_the_first_day_of_that_month() {
    let site = Site::fixture("dates_month_tie");
    site.build_ok(&[]);
    let page = site.page("/timeline/");
    assert_eq!(
        page.attrs("li.statement", "id"),
        ["tie-2", "tie-1", "tie-3"]
    );
    assert_eq!(
        page.texts("section.day > h3"),
        ["Day not known", "Thursday 1 Oct 2020"]
    );
}
