//! Every written form: parse, display, sort key, machine forms and round trips.

use jiff::civil;

use super::*;

fn parse(s: &str) -> Date {
    Date::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn display(s: &str) -> String {
    parse(s).display()
}

fn err(s: &str) -> String {
    Date::parse(s).expect_err(s)
}

#[test]
fn html_datetime_keeps_precision_without_qualifiers() {
    let dt = |s: &str| parse(s).html_datetime();
    assert_eq!(dt("2020"), "2020");
    assert_eq!(dt("2020?"), "2020");
    assert_eq!(dt("2020-10"), "2020-10");
    assert_eq!(dt("2020-10~"), "2020-10");
    assert_eq!(dt("2020-10%"), "2020-10");
    assert_eq!(dt("2020-10-02"), "2020-10-02");
    assert_eq!(dt("2020-10-02?"), "2020-10-02");
    assert_eq!(dt("2020-10/2020-11-15"), "2020-10");
    assert_eq!(dt("2021-03-02/2021-03-03"), "2021-03-02");
    // Open and unknown ends: the start, or the end when there is no start.
    assert_eq!(dt("2022-02-24/.."), "2022-02-24");
    assert_eq!(dt("2021-05?/"), "2021-05");
    assert_eq!(dt("../2023"), "2023");
    assert_eq!(dt("/2023-03~"), "2023-03");
    // Times keep their offset: a valid global date and time string.
    assert_eq!(dt("2020-10-02T14:30+03:00"), "2020-10-02T14:30+03:00");
    assert_eq!(dt("2020-10-02T14:30:05Z"), "2020-10-02T14:30:05Z");
    assert_eq!(dt("2020-10-02T09:00-05:30"), "2020-10-02T09:00-05:30");
}

#[test]
fn shows_precision_honestly() {
    assert_eq!(display("2020"), "2020");
    assert_eq!(display("2020-10"), "October 2020");
    assert_eq!(display("2020-10-02"), "2 Oct 2020");
    assert_eq!(display("2020-10-02?"), "2 Oct 2020?");
    assert_eq!(display("2020-10-02~"), "c. 2 Oct 2020");
    assert_eq!(display("2020-10-02%"), "c. 2 Oct 2020?");
    assert_eq!(display("2020-10~"), "c. October 2020");
    assert_eq!(display("2020%"), "c. 2020?");
    assert_eq!(display("2020-10-01/2020-10-03"), "1–3 Oct 2020");
    assert_eq!(display("2020-10-01%/2020-10-03%"), "c. 1–3 Oct 2020?");
    assert_eq!(display("2020-09-27/2020-10-03"), "27 Sep – 3 Oct 2020");
    assert_eq!(display("2020-10/2020-11"), "October 2020 – November 2020");
}

#[test]
fn open_and_unknown_ends_are_worded_apart() {
    assert_eq!(display("2022-02-24/.."), "since 24 Feb 2022");
    assert_eq!(display("2022-02~/.."), "since c. February 2022");
    assert_eq!(display("../2023"), "until 2023");
    assert_eq!(display("/2023"), "until 2023 (start unknown)");
    assert_eq!(display("2021-05/"), "from May 2021 (end unknown)");
    assert_eq!(display("2021-05-03?/"), "from 3 May 2021? (end unknown)");
}

#[test]
fn times_show_the_offset_from_utc() {
    assert_eq!(display("2020-10-02T14:30+03:00"), "2 Oct 2020, 14:30 UTC+3");
    assert_eq!(display("2020-10-02T14:30Z"), "2 Oct 2020, 14:30 UTC");
    assert_eq!(display("2020-10-02T14:30+00:00"), "2 Oct 2020, 14:30 UTC");
    assert_eq!(
        display("2020-10-02T14:30:05-05:00"),
        "2 Oct 2020, 14:30:05 UTC−5"
    );
    assert_eq!(
        display("2020-10-02T08:00+05:30"),
        "2 Oct 2020, 08:00 UTC+5:30"
    );
    assert_eq!(display("2020-10-02T08:00+04"), "2 Oct 2020, 08:00 UTC+4");
}

#[test]
fn sorts_by_earliest_day() {
    let d = |s| parse(s).first_day();
    assert!(d("2020-10") < d("2020-10-02"));
    assert!(d("2020") < d("2020-01-02"));
    assert_eq!(d("2020-10-01?"), d("2020-10-01"));
    assert_eq!(parse("2020-02").last_day(), civil::date(2020, 2, 29));
    let k = |s| parse(s).sort_key();
    assert!(k("2020") < k("2020-01") && k("2020-01") < k("2020-01-01"));
    assert!(k("2020-10") < k("2020-10-01") && k("2020-10-01") < k("2020-10-02"));
    assert_eq!(k("2020-10-01?"), k("2020-10-01/2020-10-03"));
    assert_eq!(k("2020-10-01%"), k("2020-10-01"));
}

#[test]
fn open_intervals_sort_and_span_by_what_they_name() {
    let since = parse("2022-02-24/..");
    assert_eq!(since.first_day(), civil::date(2022, 2, 24));
    // No build date: the last day named is the start's.
    assert_eq!(since.last_day(), civil::date(2022, 2, 24));
    assert_eq!(
        (since.earliest(), since.latest()),
        (Some(civil::date(2022, 2, 24)), None)
    );
    assert_eq!(since.sort_key(), parse("2022-02-24").sort_key());
    let unknown_end = parse("2021-05/");
    assert_eq!(unknown_end.last_day(), civil::date(2021, 5, 31));
    assert_eq!(unknown_end.latest(), None);
    // No start: filed under the end, the only day written.
    for s in ["../2023", "/2023"] {
        let d = parse(s);
        assert_eq!(d.first_day(), civil::date(2023, 1, 1));
        assert_eq!(d.last_day(), civil::date(2023, 12, 31));
        assert_eq!(
            (d.earliest(), d.latest()),
            (None, Some(civil::date(2023, 12, 31)))
        );
        assert_eq!(d.sort_key(), parse("2023").sort_key());
    }
}

#[test]
fn times_order_a_day_by_the_utc_instant_after_untimed_dates() {
    let k = |s| parse(s).sort_key();
    // 14:30 in Moscow is 11:30 UTC, before 12:00 UTC.
    assert!(k("2020-10-02T14:30+03:00") < k("2020-10-02T12:00Z"));
    assert!(k("2020-10-02T12:00Z") < k("2020-10-02T12:00:01Z"));
    assert_eq!(k("2020-10-02T14:30+03:00"), k("2020-10-02T11:30Z"));
    // An untimed day (certain or not) comes before the timed statements of that day…
    assert!(k("2020-10-02") < k("2020-10-02T00:00+14:00"));
    assert!(k("2020-10-02?") < k("2020-10-02T00:00Z"));
    // …and the day written decides the day, whatever the offset.
    assert!(k("2020-10-01T23:00Z") < k("2020-10-02T01:00+03:00"));
    assert!(k("2020-10-02T23:59-12:00") < k("2020-10-03"));
}

#[test]
fn certainty_and_precision_merge_both_ends() {
    assert_eq!(
        parse("2020-10-02%").certainty(),
        Certainty::UncertainApproximate
    );
    assert_eq!(
        parse("2020-10?/2020-11~").certainty(),
        Certainty::UncertainApproximate
    );
    assert_eq!(
        parse("2020-10-01/2020-11~").certainty(),
        Certainty::Approximate
    );
    assert_eq!(parse("/2023?").certainty(), Certainty::Uncertain);
    assert_eq!(parse("2020-10-01/2021").precision(), Precision::Year);
    assert_eq!(parse("2022-02-24/..").precision(), Precision::Day);
    assert!(parse("2022-02-24/..").is_interval() && !parse("2022-02-24").is_interval());
}

#[test]
fn acled_precision_codes() {
    let a = |s| parse(s).acled_precision();
    assert_eq!(a("2020-10-02"), 1);
    assert_eq!(a("2020-10-02T14:30Z"), 1);
    assert_eq!(a("2020-10-02?"), 1);
    assert_eq!(a("2020-10-02~"), 2);
    assert_eq!(a("2020-10-02%"), 2);
    assert_eq!(a("2020-10-01/2020-10-07"), 2);
    assert_eq!(a("2020-10-01/2020-10-08"), 3);
    assert_eq!(a("2020-10"), 3);
    assert_eq!(a("2020"), 3);
    assert_eq!(a("2022-02-24/.."), 3);
    assert_eq!(a("/2022-02-24"), 3);
}

#[test]
fn rejects_what_is_not_a_date() {
    assert!(err("2020-13").contains("month 13"));
    assert!(err("2021-02-29").contains("28 days"));
    assert!(Date::parse("20-10-02").is_err());
    assert!(Date::parse("2020-1-2").is_err());
    assert!(err("2020-10-03/2020-10-01").contains("ends before"));
    assert!(Date::parse("yesterday").is_err());
    assert!(Date::parse("2020?%").is_err());
    assert!(Date::parse("").is_err());
}

#[test]
fn explains_each_new_mistake() {
    let cases = [
        "2020-10-02T14:30",
        "2020-10-02T14:30+3",
        "2020-10-02T14:30+15:00",
        "2020-10-02T14:30+03:60",
        "2020-10-02T25:00Z",
        "2020-10-02T1430Z",
        "2020-10T14:30Z",
        "2020-10-02T14:30Z?",
        "2022-02-24..",
        "2022-02-24/...",
        "../..",
        "/",
        "2020/2021/2022",
        "2020-10-02T10:00Z/2020-10-03",
        "2023/2022",
    ];
    let out: Vec<String> = cases.iter().map(|s| err(s)).collect();
    insta::assert_snapshot!(out.join("\n"), @r"
    `2020-10-02T14:30` has a time without an offset from UTC: add `Z` for UTC or the local offset, such as `+03:00`
    `2020-10-02T14:30+3` has the offset `+3`: write `Z` for UTC or `+hh:mm` / `-hh:mm`, from -12:00 to +14:00, as in `+03:00`
    `2020-10-02T14:30+15:00` has the offset `+15:00`: write `Z` for UTC or `+hh:mm` / `-hh:mm`, from -12:00 to +14:00, as in `+03:00`
    `2020-10-02T14:30+03:60` has the offset `+03:60`: write `Z` for UTC or `+hh:mm` / `-hh:mm`, from -12:00 to +14:00, as in `+03:00`
    `2020-10-02T25:00Z` has the time `25:00`: hours run from 00 to 23, minutes and seconds from 00 to 59
    `2020-10-02T1430Z` has the time `1430`: write hh:mm or hh:mm:ss after the `T`, as in `2020-10-02T14:30+03:00`
    `2020-10T14:30Z` has a time but not a full day: a time needs YYYY-MM-DD before the `T`
    `2020-10-02T14:30Z?`: a date with a time cannot be uncertain or approximate; drop the time or the `?`
    `2022-02-24..`: `..` marks an open end of an interval and stands alone on one side of `/`, as in `2022-02-24/..` or `../2023`
    `2022-02-24/...`: `..` stands alone on its side of `/`, as in `2022-02-24/..` or `../2023`
    the interval `../..` has no known end: give a date on at least one side of `/`
    the interval `/` has no known end: give a date on at least one side of `/`
    `2020/2021/2022` has more than one `/`: an interval is two dates, `START/END`
    the interval `2020-10-02T10:00Z/2020-10-03` has a time: times go only on a single day, such as `2020-10-02T14:30+03:00`
    the interval `2023/2022` ends before it starts: `2022` is earlier than `2023`; swap the two dates
    ");
}

#[test]
fn round_trips_the_written_form() {
    for s in [
        "2020",
        "2020-10?",
        "2020-10-02~",
        "2020-10-02%",
        "2020-10-01/2020-10-03?",
        "2022-02-24/..",
        "../2023",
        "/2023",
        "2021-05/",
        "2020-10-02T14:30+03:00",
        "2020-10-02T14:30:05Z",
        "2020-10-02T14:30-05:30",
    ] {
        assert_eq!(parse(s).iso(), s);
    }
    // The normal form: `+00:00` is `Z`, an offset of whole hours gets its minutes.
    assert_eq!(parse("2020-10-02T14:30+00:00").iso(), "2020-10-02T14:30Z");
    assert_eq!(parse("2020-10-02T14:30+03").iso(), "2020-10-02T14:30+03:00");
    assert_eq!(parse(" 2020 ").iso(), "2020");
}

#[test]
fn publication_days_stay_exact() {
    assert!(Day::parse("2020-10-02").is_ok());
    for s in [
        "2020-10-02T14:30Z",
        "2020-10-02%",
        "2020-10-02/..",
        "/2020-10-02",
    ] {
        assert!(
            Day::parse(s).unwrap_err().contains("single exact day"),
            "{s}"
        );
    }
}

#[test]
fn new_forms_take_the_locale_words() {
    let (locale, problems) = crate::i18n::Locale::new(
        "en",
        Some(crate::i18n::SiteStrings {
            path: std::path::Path::new("i18n/en.ftl"),
            text: "date-since = ongoing from { $start }\ndate-time = { $time } ({ $offset }), { $date }\ndate-uncertain-approximate = { $date } (~?)\ndate-start-unknown = ? – { $end }\n",
        }),
    );
    assert!(problems.is_empty(), "{problems:?}");
    let d = |s: &str| parse(s).display_in(&locale);
    assert_eq!(d("2022-02-24/.."), "ongoing from 24 Feb 2022");
    assert_eq!(d("2020-10-02T14:30+03:00"), "14:30 (+3), 2 Oct 2020");
    assert_eq!(d("2020-10%"), "October 2020 (~?)");
    assert_eq!(d("/2023"), "? – 2023");
}

#[test]
fn years_span_what_the_date_names() {
    let y = |s: &str| parse(s).years().collect::<Vec<_>>();
    assert_eq!(y("2020-10-02"), [2020]);
    assert_eq!(y("2020-12-30/2021-01-02"), [2020, 2021]);
    assert_eq!(y("2019/2021~"), [2019, 2020, 2021]);
    assert_eq!(y("2022-02-24/.."), [2022]);
    assert_eq!(y("/2023"), [2023]);
}
