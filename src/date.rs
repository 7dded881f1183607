//! Dates with honest precision, in EDTF (ISO 8601-2) level 0 and the level-1 forms a
//! briefing needs: `2020`, `2020-10`, `2020-10-02`, each optionally uncertain (`?`),
//! approximate (`~`) or both (`%`); a day with a time and offset
//! (`2020-10-02T14:30+03:00`); closed intervals `A/B`, open ends (`2022-02-24/..`,
//! `../2023`) and unknown ends (`/2023`, `2021-05/`). `docs/dates.md` is the guide.
//!
//! `parse` reads the written form, `display` words a date for readers in the locale's
//! words; this file holds the types, the sort rule and the machine forms.

mod display;
mod parse;
#[cfg(test)]
mod tests;

use std::fmt;

use jiff::civil;
use serde::{Deserialize, Deserializer, Serialize, de};

use crate::i18n::Locale;

/// How much of a calendar date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// How sure the author is of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Certainty {
    Exact,
    /// `?`: this date, but not confirmed.
    Uncertain,
    /// `~`: around this date.
    Approximate,
    /// `%`: around this date, and not confirmed.
    UncertainApproximate,
}

impl Certainty {
    fn of(uncertain: bool, approximate: bool) -> Certainty {
        match (uncertain, approximate) {
            (false, false) => Certainty::Exact,
            (true, false) => Certainty::Uncertain,
            (false, true) => Certainty::Approximate,
            (true, true) => Certainty::UncertainApproximate,
        }
    }

    fn is_uncertain(self) -> bool {
        matches!(self, Certainty::Uncertain | Certainty::UncertainApproximate)
    }

    fn is_approximate(self) -> bool {
        matches!(
            self,
            Certainty::Approximate | Certainty::UncertainApproximate
        )
    }

    /// The EDTF qualifier: ``, `?`, `~` or `%`.
    fn mark(self) -> &'static str {
        match self {
            Certainty::Exact => "",
            Certainty::Uncertain => "?",
            Certainty::Approximate => "~",
            Certainty::UncertainApproximate => "%",
        }
    }
}

/// A time of day with its offset from UTC, on a day date (never uncertain or
/// approximate: EDTF has no qualifiers on times).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Time {
    pub hour: i8,
    pub minute: i8,
    /// Only when written.
    pub second: Option<i8>,
    /// Minutes east of UTC: `+03:00` is 180, `Z` is 0.
    pub offset: i16,
}

impl Time {
    /// `14:30`, or `14:30:05` when the seconds were written.
    fn clock(&self) -> String {
        match self.second {
            Some(s) => format!("{:02}:{:02}:{s:02}", self.hour, self.minute),
            None => format!("{:02}:{:02}", self.hour, self.minute),
        }
    }

    /// `Z`, or `+03:00` / `-05:30`.
    fn offset_iso(&self) -> String {
        if self.offset == 0 {
            return "Z".to_string();
        }
        let sign = if self.offset < 0 { '-' } else { '+' };
        let abs = self.offset.unsigned_abs();
        format!("{sign}{:02}:{:02}", abs / 60, abs % 60)
    }

    /// `T14:30+03:00`: the time as EDTF and HTML write it after a day.
    fn iso(&self) -> String {
        format!("T{}{}", self.clock(), self.offset_iso())
    }

    /// Seconds from the start of the written day to this moment, in UTC: within one
    /// written day, the order of these is the order of the instants.
    fn utc_seconds(&self) -> i32 {
        i32::from(self.hour) * 3600
            + i32::from(self.minute) * 60
            + i32::from(self.second.unwrap_or(0))
            - i32::from(self.offset) * 60
    }
}

/// One date at year, month or day precision, a day perhaps with a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Point {
    pub year: i16,
    pub month: i8,
    pub day: i8,
    pub precision: Precision,
    pub certainty: Certainty,
    /// Only on an exact day that is not part of an interval.
    pub time: Option<Time>,
}

/// The side of an interval that has no date: `..` or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Side {
    /// `..`: the interval goes on (an end) or reaches back indefinitely (a start).
    Open,
    /// Empty: the interval has this end, but nobody knows when.
    Unknown,
}

/// A statement date: a point, or an interval with at least one known end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Date {
    /// `2020-10-02`
    Point(Point),
    /// `2020-10-01/2020-10-03`
    Closed(Point, Point),
    /// `2022-02-24/..` (ongoing) or `2021-05/` (end unknown).
    From(Point, Side),
    /// `../2023` (open start) or `/2023` (start unknown).
    Until(Side, Point),
}

impl Point {
    /// The earliest day this point can mean.
    pub fn first_day(&self) -> civil::Date {
        let month = if self.precision == Precision::Year {
            1
        } else {
            self.month
        };
        let day = if self.precision == Precision::Day {
            self.day
        } else {
            1
        };
        civil::date(self.year, month, day)
    }

    /// The latest day this point can mean.
    pub fn last_day(&self) -> civil::Date {
        match self.precision {
            Precision::Day => civil::date(self.year, self.month, self.day),
            Precision::Month => civil::date(self.year, self.month, 1).last_of_month(),
            Precision::Year => civil::date(self.year, 12, 31),
        }
    }

    /// The point in EDTF's normal form: `2020-10-02?`, `2020-10-02T14:30Z`.
    fn iso(&self) -> String {
        let mut out = self.html_datetime();
        out.push_str(self.certainty.mark());
        out
    }

    /// The point at its own precision, with its time if it has one, without an EDTF
    /// qualifier: `2020`, `2020-10`, `2020-10-02`, `2020-10-02T14:30+03:00` (valid
    /// values of HTML's `<time datetime>` and plain ISO 8601).
    pub fn html_datetime(&self) -> String {
        let mut out = match self.precision {
            Precision::Year => format!("{:04}", self.year),
            Precision::Month => format!("{:04}-{:02}", self.year, self.month),
            Precision::Day => format!("{:04}-{:02}-{:02}", self.year, self.month, self.day),
        };
        if let Some(t) = &self.time {
            out.push_str(&t.iso());
        }
        out
    }
}

impl Date {
    /// Reads a date as authors write it (see the module docs); the error is a
    /// sentence naming what is wrong.
    pub fn parse(s: &str) -> Result<Date, String> {
        parse::date(s)
    }

    /// A single exact day.
    pub fn day(d: civil::Date) -> Date {
        Date::Point(Point {
            year: d.year(),
            month: d.month(),
            day: d.day(),
            precision: Precision::Day,
            certainty: Certainty::Exact,
            time: None,
        })
    }

    /// The known start, if any.
    pub fn start(&self) -> Option<&Point> {
        match self {
            Date::Point(p) | Date::Closed(p, _) | Date::From(p, _) => Some(p),
            Date::Until(..) => None,
        }
    }

    /// The known end of an interval, if any.
    pub fn end(&self) -> Option<&Point> {
        match self {
            Date::Closed(_, p) | Date::Until(_, p) => Some(p),
            Date::Point(_) | Date::From(..) => None,
        }
    }

    /// The point the date is filed and sorted under: its start, or for `../2023`
    /// and `/2023` its end, the only day it names.
    pub fn anchor(&self) -> &Point {
        match self {
            Date::Point(p) | Date::Closed(p, _) | Date::From(p, _) | Date::Until(_, p) => p,
        }
    }

    /// The first day the date names: the anchor's first day. For an open or unknown
    /// start (`../2023`, `/2023`) that is the end's first day, since nothing earlier
    /// is written.
    pub fn first_day(&self) -> civil::Date {
        self.anchor().first_day()
    }

    /// The last day the date names: the known end's last day, or for an open or
    /// unknown end (`2022-02-24/..`, `2021-05/`) the start's last day. Never the
    /// build date: output must not depend on when it was built.
    pub fn last_day(&self) -> civil::Date {
        self.end().unwrap_or(self.anchor()).last_day()
    }

    /// The calendar years from the first to the last day the date names, for the
    /// search's year filter: a closed interval across New Year is found under both
    /// years; an open or unknown side adds none (no build date, no guessing).
    pub fn years(&self) -> std::ops::RangeInclusive<i16> {
        self.first_day().year()..=self.last_day().year()
    }

    /// The earliest day the date can mean, `None` when its start is open or unknown.
    pub fn earliest(&self) -> Option<civil::Date> {
        self.start().map(Point::first_day)
    }

    /// The latest day the date can mean: `None` when its end is open or unknown.
    pub fn latest(&self) -> Option<civil::Date> {
        match self {
            Date::Point(p) | Date::Closed(_, p) | Date::Until(_, p) => Some(p.last_day()),
            Date::From(..) => None,
        }
    }

    /// The full sort key: the anchor's first day, then coarser precision first (so
    /// "October 2020" comes before "1 Oct 2020" and the timeline's "day not known"
    /// group is not split), then untimed before timed, and timed dates of one written
    /// day by their UTC instant. Ties keep source order (the sort is stable).
    pub fn sort_key(&self) -> (civil::Date, Precision, Option<i32>) {
        let a = self.anchor();
        (
            a.first_day(),
            a.precision,
            a.time.as_ref().map(Time::utc_seconds),
        )
    }

    /// The coarsest precision of the date's known parts.
    pub fn precision(&self) -> Precision {
        self.known()
            .map(|p| p.precision)
            .min()
            .unwrap_or(Precision::Day)
    }

    /// Uncertain if any known part is, approximate if any known part is.
    pub fn certainty(&self) -> Certainty {
        let (u, a) = self.known().fold((false, false), |(u, a), p| {
            (
                u || p.certainty.is_uncertain(),
                a || p.certainty.is_approximate(),
            )
        });
        Certainty::of(u, a)
    }

    fn known(&self) -> impl Iterator<Item = &Point> {
        self.start().into_iter().chain(self.end())
    }

    /// Whether the date is a span rather than one point (closed, open or unknown end).
    pub fn is_interval(&self) -> bool {
        !matches!(self, Date::Point(_))
    }

    /// The time of day, if the date has one.
    pub fn time(&self) -> Option<&Time> {
        match self {
            Date::Point(p) => p.time.as_ref(),
            _ => None,
        }
    }

    /// The date in EDTF's normal form, exactly as the grammar writes it: `2020-10?`,
    /// `2020-10-02T14:30+03:00`, `2022-02-24/..`, `/2023`. Parsing it gives the
    /// same date back.
    pub fn iso(&self) -> String {
        let side = |s: &Side| match s {
            Side::Open => "..",
            Side::Unknown => "",
        };
        match self {
            Date::Point(p) => p.iso(),
            Date::Closed(a, b) => format!("{}/{}", a.iso(), b.iso()),
            Date::From(a, s) => format!("{}/{}", a.iso(), side(s)),
            Date::Until(s, b) => format!("{}/{}", side(s), b.iso()),
        }
    }

    /// The value for HTML's `<time datetime>`, and the plain ISO 8601 value for
    /// schema.org: the anchor at the precision it has (`2020`, `2020-10`,
    /// `2020-10-02`, `2020-10-02T14:30+03:00`), never with `?`, `~`, `%` or `..`,
    /// which neither allows. Neither has intervals either, so an interval gives its
    /// start, or its end when the start is open or unknown.
    pub fn html_datetime(&self) -> String {
        self.anchor().html_datetime()
    }

    /// ACLED's `time_precision`: 1 an exact or uncertain day; 2 an approximate day
    /// or a span of at most 7 days; 3 everything wider (ACLED has no code for a
    /// year or an open span; the `edtf` column carries the truth).
    pub fn acled_precision(&self) -> u8 {
        match self {
            Date::Point(p) if p.precision == Precision::Day => {
                if p.certainty.is_approximate() {
                    2
                } else {
                    1
                }
            }
            Date::Closed(a, b)
                if a.precision == Precision::Day && b.precision == Precision::Day =>
            {
                let days = (b.last_day() - a.first_day()).get_days();
                if days < 7 { 2 } else { 3 }
            }
            _ => 3,
        }
    }

    /// The date for readers in English: precise only as far as it is known.
    pub fn display(&self) -> String {
        self.display_in(Locale::english())
    }

    /// The date for readers in `locale`'s words: precise only as far as it is known.
    pub fn display_in(&self, locale: &Locale) -> String {
        display::date(self, locale.dates())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date such as 2020-10-02, 2020-10, 2020, 2020-10-02? or 2020-10-01/2020-10-03")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Date, E> {
                Date::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Date, E> {
                Date::parse(&v.to_string()).map_err(E::custom)
            }
        }
        if !deserializer.is_human_readable() {
            return Repr::deserialize(deserializer).map(Date::from);
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// Written as EDTF (`2020-10-02?`) in a human-readable format such as JSON; in a
/// compact one (the build cache) as its parts, read back without parsing.
impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.serialize_str(&self.iso())
        } else {
            Repr::from(*self).serialize(serializer)
        }
    }
}

/// [`Date`]'s compact form (the type itself reads YAML by hand).
#[derive(Serialize, Deserialize)]
enum Repr {
    Point(Point),
    Closed(Point, Point),
    From(Point, Side),
    Until(Side, Point),
}

impl From<Date> for Repr {
    fn from(d: Date) -> Repr {
        match d {
            Date::Point(p) => Repr::Point(p),
            Date::Closed(a, b) => Repr::Closed(a, b),
            Date::From(a, s) => Repr::From(a, s),
            Date::Until(s, b) => Repr::Until(s, b),
        }
    }
}

impl From<Repr> for Date {
    fn from(r: Repr) -> Date {
        match r {
            Repr::Point(p) => Date::Point(p),
            Repr::Closed(a, b) => Date::Closed(a, b),
            Repr::From(a, s) => Date::From(a, s),
            Repr::Until(s, b) => Date::Until(s, b),
        }
    }
}

/// A publication date: always a single exact day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day(pub civil::Date);

impl Day {
    pub fn iso(&self) -> String {
        self.0.to_string()
    }

    /// The day for readers in English.
    pub fn display(&self) -> String {
        Date::day(self.0).display()
    }

    /// The day for readers in `locale`'s words.
    pub fn display_in(&self, locale: &Locale) -> String {
        Date::day(self.0).display_in(locale)
    }

    /// Parses a publication date: one exact day, `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Result<Day, String> {
        let date = Date::parse(s)?;
        match date {
            Date::Point(p)
                if p.precision == Precision::Day
                    && p.certainty == Certainty::Exact
                    && p.time.is_none() =>
            {
                Ok(Day(p.first_day()))
            }
            _ => Err(format!(
                "`{}` must be a single exact day written YYYY-MM-DD",
                date.iso()
            )),
        }
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // The check runs inside the visitor: an error raised there carries the
        // value's position and field path; one raised after `deserialize` returned
        // pointed at the start of the front matter instead.
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Day;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a day written YYYY-MM-DD, such as 2020-10-03")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Day, E> {
                Day::parse(v).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Day, E> {
                Day::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Day, E> {
                Day::parse(&v.to_string()).map_err(E::custom)
            }
        }
        if !deserializer.is_human_readable() {
            let (y, m, d) = <(i16, i8, i8)>::deserialize(deserializer)?;
            return civil::Date::new(y, m, d)
                .map(Day)
                .map_err(de::Error::custom);
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// `YYYY-MM-DD` in a human-readable format (the data files); year, month and day
/// in a compact one (the build cache).
impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.serialize_str(&self.iso())
        } else {
            (self.0.year(), self.0.month(), self.0.day()).serialize(serializer)
        }
    }
}
