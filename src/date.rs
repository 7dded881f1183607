//! Dates with honest precision: `2020`, `2020-10`, `2020-10-02`, each optionally
//! uncertain (`?`) or approximate (`~`), and intervals `A/B` of two such dates.

use std::fmt;

use jiff::civil;
use serde::{Deserialize, Deserializer, Serialize, de};

use crate::i18n::{DateWords, Locale};

/// How much of a calendar date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// How sure the author is of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Certainty {
    Exact,
    /// `?`: this date, but not confirmed.
    Uncertain,
    /// `~`: around this date.
    Approximate,
}

/// One date at year, month or day precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    pub year: i16,
    pub month: i8,
    pub day: i8,
    pub precision: Precision,
    pub certainty: Certainty,
}

/// A statement date: a point or an interval of two points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub start: Point,
    pub end: Option<Point>,
}

/// Month names, January first, for messages to authors (readers get the locale's).
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

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

    fn parse(s: &str) -> Result<Point, String> {
        let (body, certainty) = match s.as_bytes().last() {
            Some(b'?') => (&s[..s.len() - 1], Certainty::Uncertain),
            Some(b'~') => (&s[..s.len() - 1], Certainty::Approximate),
            _ => (s, Certainty::Exact),
        };
        let parts: Vec<&str> = body.split('-').collect();
        let widths_ok = match parts.as_slice() {
            [y] => y.len() == 4,
            [y, m] => y.len() == 4 && m.len() == 2,
            [y, m, d] => y.len() == 4 && m.len() == 2 && d.len() == 2,
            _ => false,
        };
        if !widths_ok || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
            return Err(format!(
                "`{s}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by `?` or `~`"
            ));
        }
        let year: i16 = parts[0].parse().map_err(|_| format!("bad year in `{s}`"))?;
        let month: i8 = parts.get(1).map_or(Ok(1), |m| m.parse()).unwrap_or(0);
        let day: i8 = parts.get(2).map_or(Ok(1), |d| d.parse()).unwrap_or(0);
        if !(1..=12).contains(&month) {
            return Err(format!("`{s}` has month {month}; months run from 01 to 12"));
        }
        if civil::Date::new(year, month, day).is_err() {
            return Err(format!(
                "`{s}` is not a day in the calendar: {} {year} has {} days",
                MONTHS[month as usize - 1],
                civil::date(year, month, 1).days_in_month()
            ));
        }
        let precision = match parts.len() {
            1 => Precision::Year,
            2 => Precision::Month,
            _ => Precision::Day,
        };
        Ok(Point {
            year,
            month,
            day,
            precision,
            certainty,
        })
    }

    fn iso(&self) -> String {
        let base = match self.precision {
            Precision::Year => format!("{:04}", self.year),
            Precision::Month => format!("{:04}-{:02}", self.year, self.month),
            Precision::Day => format!("{:04}-{:02}-{:02}", self.year, self.month, self.day),
        };
        match self.certainty {
            Certainty::Exact => base,
            Certainty::Uncertain => base + "?",
            Certainty::Approximate => base + "~",
        }
    }

    /// The point at its own precision, without an EDTF qualifier: `2020`, `2020-10`,
    /// `2020-10-02` (valid values of HTML's `<time datetime>`).
    fn html_datetime(&self) -> String {
        match self.precision {
            Precision::Year => format!("{:04}", self.year),
            Precision::Month => format!("{:04}-{:02}", self.year, self.month),
            Precision::Day => format!("{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }

    /// "2 Oct 2020", "October 2020", "2020", with `c. ` or `?` for certainty (in
    /// English; the words and their order come from `locale`).
    fn display_in(&self, locale: &Locale) -> String {
        let words = locale.dates();
        decorate(words, self.undecorated(words), self.certainty)
    }

    fn undecorated(&self, words: &DateWords) -> String {
        match self.precision {
            Precision::Year => words.year(self.year),
            Precision::Month => words.month(self.year, self.month),
            Precision::Day => words.day(self.year, self.month, self.day),
        }
    }
}

fn decorate(words: &DateWords, base: String, certainty: Certainty) -> String {
    match certainty {
        Certainty::Exact => base,
        Certainty::Uncertain => words.uncertain(&base),
        Certainty::Approximate => words.approximate(&base),
    }
}

impl Date {
    pub fn parse(s: &str) -> Result<Date, String> {
        let s = s.trim();
        match s.split_once('/') {
            None => Ok(Date {
                start: Point::parse(s)?,
                end: None,
            }),
            Some((a, b)) => {
                let (start, end) = (Point::parse(a)?, Point::parse(b)?);
                if end.last_day() < start.first_day() {
                    return Err(format!("the interval `{s}` ends before it starts"));
                }
                Ok(Date {
                    start,
                    end: Some(end),
                })
            }
        }
    }

    /// A single exact day.
    pub fn day(d: civil::Date) -> Date {
        Date {
            start: Point {
                year: d.year(),
                month: d.month(),
                day: d.day(),
                precision: Precision::Day,
                certainty: Certainty::Exact,
            },
            end: None,
        }
    }

    /// The sort key: the earliest day the date can mean.
    pub fn first_day(&self) -> civil::Date {
        self.start.first_day()
    }

    pub fn last_day(&self) -> civil::Date {
        self.end.unwrap_or(self.start).last_day()
    }

    /// The full sort key: the earliest day, then coarser precision first, so that
    /// "October 2020" comes before "1 Oct 2020" and the timeline's "day not known"
    /// group is not split by statements of the first day of the month.
    pub fn sort_key(&self) -> (civil::Date, Precision) {
        (self.first_day(), self.start.precision)
    }

    /// The coarsest precision of the date's parts.
    pub fn precision(&self) -> Precision {
        self.end.map_or(self.start.precision, |e| {
            e.precision.min(self.start.precision)
        })
    }

    pub fn certainty(&self) -> Certainty {
        match (self.start.certainty, self.end.map(|e| e.certainty)) {
            (Certainty::Exact, Some(c)) => c,
            (c, _) => c,
        }
    }

    /// Whether the date is a span between two dates (`2021-03-02/2021-03-03`).
    pub fn is_interval(&self) -> bool {
        self.end.is_some()
    }

    /// The date exactly as the grammar writes it.
    pub fn iso(&self) -> String {
        match &self.end {
            None => self.start.iso(),
            Some(end) => format!("{}/{}", self.start.iso(), end.iso()),
        }
    }

    /// The value for HTML's `<time datetime>`: the start at the precision it has
    /// (`2020`, `2020-10`, `2020-10-02`), never with `?` or `~`, which HTML does not
    /// allow. HTML has no intervals, so an interval gives its start.
    pub fn html_datetime(&self) -> String {
        self.start.html_datetime()
    }

    /// The date for readers in English: precise only as far as it is known.
    pub fn display(&self) -> String {
        self.display_in(Locale::english())
    }

    /// The date for readers in `locale`'s words: precise only as far as it is known.
    pub fn display_in(&self, locale: &Locale) -> String {
        let Some(end) = self.end else {
            return self.start.display_in(locale);
        };
        let words = locale.dates();
        let (a, b) = (self.start, end);
        let same_certainty = a.certainty == b.certainty;
        if same_certainty && a.precision == Precision::Day && b.precision == Precision::Day {
            let range = if a.year != b.year {
                words.range(&a.undecorated(words), &b.undecorated(words))
            } else if a.month != b.month {
                words.range_same_year((a.day, a.month), (b.day, b.month), a.year)
            } else {
                words.range_same_month(a.day, b.day, a.month, a.year)
            };
            return decorate(words, range, a.certainty);
        }
        words.range(&a.display_in(locale), &b.display_in(locale))
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
        deserializer.deserialize_any(Visitor)
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
}

impl Day {
    /// Parses a publication date: one exact day, `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Result<Day, String> {
        let date = Date::parse(s)?;
        if date.end.is_some()
            || date.start.precision != Precision::Day
            || date.start.certainty != Certainty::Exact
        {
            return Err(format!(
                "`{}` must be a single exact day written YYYY-MM-DD",
                date.iso()
            ));
        }
        Ok(Day(date.first_day()))
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
        deserializer.deserialize_any(Visitor)
    }
}

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn display(s: &str) -> String {
        Date::parse(s).unwrap().display()
    }

    #[test]
    fn html_datetime_keeps_precision_without_qualifiers() {
        let dt = |s: &str| Date::parse(s).unwrap().html_datetime();
        assert_eq!(dt("2020"), "2020");
        assert_eq!(dt("2020?"), "2020");
        assert_eq!(dt("2020-10"), "2020-10");
        assert_eq!(dt("2020-10~"), "2020-10");
        assert_eq!(dt("2020-10-02"), "2020-10-02");
        assert_eq!(dt("2020-10-02?"), "2020-10-02");
        assert_eq!(dt("2020-10/2020-11-15"), "2020-10");
        assert_eq!(dt("2021-03-02/2021-03-03"), "2021-03-02");
    }

    #[test]
    fn shows_precision_honestly() {
        assert_eq!(display("2020"), "2020");
        assert_eq!(display("2020-10"), "October 2020");
        assert_eq!(display("2020-10-02"), "2 Oct 2020");
        assert_eq!(display("2020-10-02?"), "2 Oct 2020?");
        assert_eq!(display("2020-10-02~"), "c. 2 Oct 2020");
        assert_eq!(display("2020-10~"), "c. October 2020");
        assert_eq!(display("2020-10-01/2020-10-03"), "1–3 Oct 2020");
        assert_eq!(display("2020-09-27/2020-10-03"), "27 Sep – 3 Oct 2020");
        assert_eq!(display("2020-10/2020-11"), "October 2020 – November 2020");
    }

    #[test]
    fn sorts_by_earliest_day() {
        let d = |s| Date::parse(s).unwrap().first_day();
        assert!(d("2020-10") < d("2020-10-02"));
        assert!(d("2020") < d("2020-01-02"));
        assert_eq!(d("2020-10-01?"), d("2020-10-01"));
        assert_eq!(
            Date::parse("2020-02").unwrap().last_day(),
            civil::date(2020, 2, 29)
        );
        let k = |s| Date::parse(s).unwrap().sort_key();
        assert!(k("2020") < k("2020-01") && k("2020-01") < k("2020-01-01"));
        assert!(k("2020-10") < k("2020-10-01") && k("2020-10-01") < k("2020-10-02"));
        assert_eq!(k("2020-10-01?"), k("2020-10-01/2020-10-03"));
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        assert!(Date::parse("2020-13").unwrap_err().contains("month 13"));
        assert!(Date::parse("2021-02-29").unwrap_err().contains("28 days"));
        assert!(Date::parse("20-10-02").is_err());
        assert!(Date::parse("2020-1-2").is_err());
        assert!(
            Date::parse("2020-10-03/2020-10-01")
                .unwrap_err()
                .contains("ends before")
        );
        assert!(Date::parse("yesterday").is_err());
    }

    #[test]
    fn round_trips_the_written_form() {
        for s in ["2020", "2020-10?", "2020-10-02~", "2020-10-01/2020-10-03?"] {
            assert_eq!(Date::parse(s).unwrap().iso(), s);
        }
    }
}
