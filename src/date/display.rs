//! Dates in readers' words: every pattern comes from the locale's [`DateWords`],
//! so "c. 2 Oct 2020?", "since 24 Feb 2022" or "2 Oct 2020, 14:30 UTC+3" are
//! English only because `i18n/en.ftl` says so.

use super::{Certainty, Date, Point, Precision, Side, Time};
use crate::i18n::DateWords;

pub(super) fn date(d: &Date, words: &DateWords) -> String {
    match d {
        Date::Point(p) => point(p, words),
        Date::Closed(a, b) => closed(a, b, words),
        Date::From(a, Side::Open) => words.since(&point(a, words)),
        Date::From(a, Side::Unknown) => words.end_unknown(&point(a, words)),
        Date::Until(Side::Open, b) => words.until(&point(b, words)),
        Date::Until(Side::Unknown, b) => words.start_unknown(&point(b, words)),
    }
}

/// "2 Oct 2020", "October 2020", "2020", with the certainty marks, and the time.
fn point(p: &Point, words: &DateWords) -> String {
    let base = undecorated(p, words);
    let base = match &p.time {
        Some(t) => words.time(&base, &t.clock(), &offset(t)),
        None => base,
    };
    decorate(words, base, p.certainty)
}

fn undecorated(p: &Point, words: &DateWords) -> String {
    match p.precision {
        Precision::Year => words.year(p.year),
        Precision::Month => words.month(p.year, p.month),
        Precision::Day => words.day(p.year, p.month, p.day),
    }
}

/// The offset as readers see it after "UTC": empty for UTC itself, `+3`, `−5`,
/// `+5:30` (a real minus sign, as typesetting wants).
fn offset(t: &Time) -> String {
    if t.offset == 0 {
        return String::new();
    }
    let sign = if t.offset < 0 { '\u{2212}' } else { '+' };
    let abs = t.offset.unsigned_abs();
    match abs % 60 {
        0 => format!("{sign}{}", abs / 60),
        m => format!("{sign}{}:{m:02}", abs / 60),
    }
}

fn decorate(words: &DateWords, base: String, certainty: Certainty) -> String {
    match certainty {
        Certainty::Exact => base,
        Certainty::Uncertain => words.uncertain(&base),
        Certainty::Approximate => words.approximate(&base),
        Certainty::UncertainApproximate => words.uncertain_approximate(&base),
    }
}

/// Two known ends: shortened ("1–3 Oct 2020") when both are days of the same
/// certainty, else the two dates in full.
fn closed(a: &Point, b: &Point, words: &DateWords) -> String {
    if a.certainty == b.certainty && a.precision == Precision::Day && b.precision == Precision::Day
    {
        let range = if a.year != b.year {
            words.range(&undecorated(a, words), &undecorated(b, words))
        } else if a.month != b.month {
            words.range_same_year((a.day, a.month), (b.day, b.month), a.year)
        } else {
            words.range_same_month(a.day, b.day, a.month, a.year)
        };
        return decorate(words, range, a.certainty);
    }
    words.range(&point(a, words), &point(b, words))
}
