//! Groups statements (already in date order) by month, then by day, with labels that
//! never claim more precision than the dates have.

use crate::date::{Certainty, Date, Precision};
use crate::i18n::Locale;

#[derive(Debug, PartialEq, Eq)]
pub struct MonthGroup<T> {
    /// `2020-10`, or `2020` for dates known only to the year.
    pub key: String,
    pub label: String,
    pub days: Vec<DayGroup<T>>,
}

#[derive(Debug, PartialEq, Eq)]
pub struct DayGroup<T> {
    /// `2020-10-01`, or the month key for dates known only to the month.
    pub key: String,
    pub label: String,
    /// The earliest day the group's dates can mean.
    pub first: jiff::civil::Date,
    pub items: Vec<T>,
}

/// The key and heading of the day group of `date`. Only a single exact day gets
/// a weekday (a time does not make a day less exact: timed statements stand under
/// their day, in time order); an uncertain, approximate or interval date is its own
/// group, headed by the date as written for readers and a word saying how it is
/// inexact. An interval with an open or unknown side says so in its own words
/// ("since 24 Feb 2022"), so its heading is just the date.
fn day_heading(date: &Date, month_key: &str, locale: &Locale) -> (String, String) {
    let words = locale.dates();
    let first = date.first_day();
    let id = match (date, date.certainty()) {
        (Date::From(..) | Date::Until(..), _) => Some("timeline-day-open"),
        (Date::Closed(..), _) => Some("timeline-day-interval"),
        (_, Certainty::Uncertain) => Some("timeline-day-uncertain"),
        (_, Certainty::Approximate) => Some("timeline-day-approximate"),
        (_, Certainty::UncertainApproximate) => Some("timeline-day-uncertain-approximate"),
        (Date::Point(_), Certainty::Exact) => None,
    };
    if let Some(id) = id {
        let label = locale.with_args(id, &[("date", &date.display_in(locale))]);
        return (date.iso(), label);
    }
    match date.anchor().precision {
        Precision::Day => (
            first.to_string(),
            words.timeline_day(first.weekday(), &Date::day(first).display_in(locale)),
        ),
        Precision::Month => (month_key.to_string(), words.day_not_known().to_string()),
        Precision::Year => (month_key.to_string(), words.month_unknown().to_string()),
    }
}

/// The month a statement is filed under on the timeline: its year, and its month
/// unless only the year is known. An interval is filed under its start (its end
/// when the start is open or unknown): "since 24 Feb 2022" stands in February 2022.
pub fn month_of(date: &Date) -> (i16, Option<i8>) {
    let first = date.first_day();
    match date.anchor().precision {
        Precision::Year => (first.year(), None),
        _ => (first.year(), Some(first.month())),
    }
}

/// The anchor key of a timeline month: `2020-10`, or `2020` for dates known only
/// to the year (the same key [`group_in`] gives).
pub fn month_key((year, month): (i16, Option<i8>)) -> String {
    match month {
        Some(m) => format!("{year:04}-{m:02}"),
        None => format!("{year:04}"),
    }
}

/// Groups `items` (sorted by `date_of(item).first_day()`) into months and days,
/// labelled in English.
#[cfg(test)]
pub fn group<T: Copy>(items: &[T], date_of: impl Fn(T) -> Date) -> Vec<MonthGroup<T>> {
    group_in(items, date_of, Locale::english())
}

/// Groups `items` (sorted by `date_of(item).first_day()`) into months and days,
/// labelled in `locale`'s words.
pub fn group_in<T: Copy>(
    items: &[T],
    date_of: impl Fn(T) -> Date,
    locale: &Locale,
) -> Vec<MonthGroup<T>> {
    let words = locale.dates();
    let mut months: Vec<MonthGroup<T>> = Vec::new();
    for &item in items {
        let date = date_of(item);
        let first = date.first_day();
        let precision = date.anchor().precision;
        let (month_key, month_label) = match precision {
            Precision::Year => (
                format!("{:04}", first.year()),
                words.timeline_month_not_known(first.year()),
            ),
            _ => (
                format!("{:04}-{:02}", first.year(), first.month()),
                words.timeline_month(first.year(), first.month()),
            ),
        };
        let (day_key, day_label) = day_heading(&date, &month_key, locale);
        if months.last().is_none_or(|m| m.key != month_key) {
            months.push(MonthGroup {
                key: month_key,
                label: month_label,
                days: Vec::new(),
            });
        }
        let month = months.last_mut().expect("pushed above");
        // Exact and inexact dates of one first day alternate in source order: each
        // goes to its own heading, however they interleave.
        let same = month
            .days
            .iter()
            .rev()
            .take_while(|d| d.first == first)
            .position(|d| d.key == day_key);
        if let Some(back) = same {
            let at = month.days.len() - 1 - back;
            month.days[at].items.push(item);
            continue;
        }
        if month.days.last().is_none_or(|d| d.key != day_key) {
            month.days.push(DayGroup {
                key: day_key,
                label: day_label,
                first,
                items: Vec::new(),
            });
        }
        month
            .days
            .last_mut()
            .expect("pushed above")
            .items
            .push(item);
    }
    months
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_by_month_then_day_honestly() {
        let dates: Vec<Date> = [
            "2020",
            "2020-10",
            "2020-10-01?",
            "2020-10-01",
            "2020-10-02",
            "2020-11-01~",
        ]
        .iter()
        .map(|s| Date::parse(s).unwrap())
        .collect();
        let ix: Vec<usize> = (0..dates.len()).collect();
        let months = group(&ix, |i| dates[i]);
        let summary: Vec<(String, Vec<(String, usize)>)> = months
            .iter()
            .map(|m| {
                (
                    m.label.clone(),
                    m.days
                        .iter()
                        .map(|d| (d.label.clone(), d.items.len()))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "2020 (month not known)".to_string(),
                    vec![("Month not known".to_string(), 1)]
                ),
                (
                    "October 2020".to_string(),
                    vec![
                        ("Day not known".to_string(), 1),
                        ("1 Oct 2020? (date not confirmed)".to_string(), 1),
                        ("Thursday 1 Oct 2020".to_string(), 1),
                        ("Friday 2 Oct 2020".to_string(), 1)
                    ]
                ),
                (
                    "November 2020".to_string(),
                    vec![("c. 1 Nov 2020 (approximate date)".to_string(), 1)]
                ),
            ]
        );
    }

    /// Issue 11: "Thursday 1 Oct 2020" over "1 Oct 2020?", "Tuesday 2 Mar 2021"
    /// over "2–3 Mar". An inexact date gets its own heading, and exact dates of the
    /// day stay together however the inexact ones interleave.
    #[test]
    fn inexact_dates_get_their_own_honest_heading() {
        let dates: Vec<Date> = [
            "2020-10-01",
            "2020-10-01?",
            "2020-10-01",
            "2020-10-01/2020-10-02",
            "2020-10-01?",
            "2021-03-02/2021-03-03",
            "2021-03-02",
        ]
        .iter()
        .map(|s| Date::parse(s).unwrap())
        .collect();
        let ix: Vec<usize> = (0..dates.len()).collect();
        let days: Vec<(String, Vec<usize>)> = group(&ix, |i| dates[i])
            .into_iter()
            .flat_map(|m| m.days)
            .map(|d| (d.label, d.items))
            .collect();
        assert_eq!(
            days,
            [
                ("Thursday 1 Oct 2020".to_string(), vec![0, 2]),
                ("1 Oct 2020? (date not confirmed)".to_string(), vec![1, 4]),
                ("1–2 Oct 2020 (over several days)".to_string(), vec![3]),
                ("2–3 Mar 2021 (over several days)".to_string(), vec![5]),
                ("Tuesday 2 Mar 2021".to_string(), vec![6]),
            ]
        );
    }

    /// Timed statements stand under their certain day, wherever the sort put them
    /// among inexact dates of that day; `%` and open intervals get honest headings.
    #[test]
    fn times_join_their_day_and_open_ends_head_their_own_group() {
        let dates: Vec<Date> = [
            "2020-10-02",
            "2020-10-02%",
            "2020-10-02T09:00Z",
            "2020-10-02T14:30+03:00",
            "2022-02-24/..",
            "/2023",
        ]
        .iter()
        .map(|s| Date::parse(s).unwrap())
        .collect();
        let ix: Vec<usize> = (0..dates.len()).collect();
        type Days = Vec<(String, Vec<usize>)>;
        let months: Vec<(String, Days)> = group(&ix, |i| dates[i])
            .into_iter()
            .map(|m| {
                let days = m.days.into_iter().map(|d| (d.label, d.items)).collect();
                (m.key, days)
            })
            .collect();
        let day = |label: &str, items: &[usize]| (label.to_string(), items.to_vec());
        assert_eq!(
            months,
            [
                (
                    "2020-10".to_string(),
                    vec![
                        day("Friday 2 Oct 2020", &[0, 2, 3]),
                        day("c. 2 Oct 2020? (approximate date, not confirmed)", &[1]),
                    ]
                ),
                ("2022-02".to_string(), vec![day("since 24 Feb 2022", &[4])]),
                (
                    "2023".to_string(),
                    vec![day("until 2023 (start unknown)", &[5])]
                ),
            ]
        );
    }

    #[test]
    fn labels_come_from_the_locale() {
        let (locale, problems) = Locale::new(
            "en",
            Some(crate::i18n::SiteStrings {
                path: std::path::Path::new("i18n/en.ftl"),
                text: "timeline-day-not-known = Some day\ntimeline-month-not-known = { $year }, month unknown\nweekday-5 = Fri\nmonth-10 = Oct.\n",
            }),
        );
        assert!(problems.is_empty(), "{problems:?}");
        let dates: Vec<Date> = ["2020", "2020-10", "2020-10-02"]
            .iter()
            .map(|s| Date::parse(s).unwrap())
            .collect();
        let ix: Vec<usize> = (0..dates.len()).collect();
        let months = group_in(&ix, |i| dates[i], &locale);
        let labels: Vec<(&str, Vec<&str>)> = months
            .iter()
            .map(|m| {
                (
                    m.label.as_str(),
                    m.days.iter().map(|d| d.label.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            labels,
            [
                ("2020, month unknown", vec!["Month not known"]),
                ("Oct. 2020", vec!["Some day", "Fri 2 Oct 2020"]),
            ]
        );
    }
}
