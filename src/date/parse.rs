//! The written form of a date → [`Date`], with a sentence for each way it can be
//! wrong (the front-matter layer adds the file position and the hint listing the
//! accepted forms).

use jiff::civil;

use super::{Certainty, Date, Point, Precision, Side, Time};

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

const FORMS: &str = "write YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by `?`, `~` or `%`";

pub(super) fn date(s: &str) -> Result<Date, String> {
    let s = s.trim();
    let Some((a, b)) = s.split_once('/') else {
        if s.contains("..") {
            return Err(format!(
                "`{s}`: `..` marks an open end of an interval and stands alone on one side of `/`, as in `2022-02-24/..` or `../2023`"
            ));
        }
        return point(s).map(Date::Point);
    };
    if b.contains('/') {
        return Err(format!(
            "`{s}` has more than one `/`: an interval is two dates, `START/END`"
        ));
    }
    let (start, end) = (side(s, a)?, side(s, b)?);
    let date = match (start, end) {
        (Ok(a), Ok(b)) => {
            if b.last_day() < a.first_day() {
                return Err(format!(
                    "the interval `{s}` ends before it starts: `{}` is earlier than `{}`; swap the two dates",
                    b.iso(),
                    a.iso()
                ));
            }
            Date::Closed(a, b)
        }
        (Ok(a), Err(side)) => Date::From(a, side),
        (Err(side), Ok(b)) => Date::Until(side, b),
        (Err(_), Err(_)) => {
            return Err(format!(
                "the interval `{s}` has no known end: give a date on at least one side of `/`"
            ));
        }
    };
    if date
        .start()
        .into_iter()
        .chain(date.end())
        .any(|p| p.time.is_some())
    {
        return Err(format!(
            "the interval `{s}` has a time: times go only on a single day, such as `2020-10-02T14:30+03:00`"
        ));
    }
    Ok(date)
}

/// One side of an interval: a point, or `..` (open) or nothing (unknown).
fn side(whole: &str, s: &str) -> Result<Result<Point, Side>, String> {
    match s {
        ".." => Ok(Err(Side::Open)),
        "" => Ok(Err(Side::Unknown)),
        _ if s.contains("..") => Err(format!(
            "`{whole}`: `..` stands alone on its side of `/`, as in `2022-02-24/..` or `../2023`"
        )),
        _ => point(s).map(Ok),
    }
}

fn point(s: &str) -> Result<Point, String> {
    let (body, certainty) = match s.as_bytes().last() {
        Some(b'?') => (&s[..s.len() - 1], Certainty::Uncertain),
        Some(b'~') => (&s[..s.len() - 1], Certainty::Approximate),
        Some(b'%') => (&s[..s.len() - 1], Certainty::UncertainApproximate),
        _ => (s, Certainty::Exact),
    };
    let (day_part, time_part) = match body.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (body, None),
    };
    let mut p = calendar(s, day_part, certainty)?;
    if let Some(t) = time_part {
        if p.precision != Precision::Day {
            return Err(format!(
                "`{s}` has a time but not a full day: a time needs YYYY-MM-DD before the `T`"
            ));
        }
        if certainty != Certainty::Exact {
            return Err(format!(
                "`{s}`: a date with a time cannot be uncertain or approximate; drop the time or the `{}`",
                certainty.mark()
            ));
        }
        p.time = Some(time(s, t)?);
    }
    Ok(p)
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checked against the calendar.
fn calendar(s: &str, body: &str, certainty: Certainty) -> Result<Point, String> {
    let parts: Vec<&str> = body.split('-').collect();
    let widths_ok = match parts.as_slice() {
        [y] => y.len() == 4,
        [y, m] => y.len() == 4 && m.len() == 2,
        [y, m, d] => y.len() == 4 && m.len() == 2 && d.len() == 2,
        _ => false,
    };
    if !widths_ok || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
        return Err(format!("`{s}` is not a date: {FORMS}"));
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
        time: None,
    })
}

/// `hh:mm` or `hh:mm:ss`, then `Z` or an offset `±hh:mm` (or `±hh`).
fn time(s: &str, t: &str) -> Result<Time, String> {
    let (clock, offset) = if let Some(c) = t.strip_suffix('Z') {
        (c, Some(0))
    } else if let Some(i) = t.find(['+', '-']) {
        (&t[..i], Some(offset(s, &t[i..])?))
    } else {
        (t, None)
    };
    let fields: Vec<&str> = clock.split(':').collect();
    let two = |f: &&str| f.len() == 2 && f.bytes().all(|b| b.is_ascii_digit());
    if !(2..=3).contains(&fields.len()) || !fields.iter().all(two) {
        return Err(format!(
            "`{s}` has the time `{clock}`: write hh:mm or hh:mm:ss after the `T`, as in `2020-10-02T14:30+03:00`"
        ));
    }
    let n = |i: usize| fields.get(i).and_then(|f| f.parse::<i8>().ok());
    let (hour, minute, second) = (n(0).unwrap_or(99), n(1).unwrap_or(99), n(2));
    if hour > 23 || minute > 59 || second.is_some_and(|x| x > 59) {
        return Err(format!(
            "`{s}` has the time `{clock}`: hours run from 00 to 23, minutes and seconds from 00 to 59"
        ));
    }
    let Some(offset) = offset else {
        return Err(format!(
            "`{s}` has a time without an offset from UTC: add `Z` for UTC or the local offset, such as `+03:00`"
        ));
    };
    Ok(Time {
        hour,
        minute,
        second,
        offset,
    })
}

/// `+03:00`, `-05:30` or `+03` → minutes east of UTC.
fn offset(s: &str, o: &str) -> Result<i16, String> {
    let bad = || {
        format!(
            "`{s}` has the offset `{o}`: write `Z` for UTC or `+hh:mm` / `-hh:mm`, from -12:00 to +14:00, as in `+03:00`"
        )
    };
    let negative = o.starts_with('-');
    let digits = &o[1..];
    let (h, m) = match digits.split_once(':') {
        Some((h, m)) => (h, m),
        None => (digits, "00"),
    };
    let ok = |f: &str| f.len() == 2 && f.bytes().all(|b| b.is_ascii_digit());
    if !ok(h) || !ok(m) {
        return Err(bad());
    }
    let (h, m): (i16, i16) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    let minutes = h * 60 + m;
    let in_range = if negative {
        minutes <= 12 * 60
    } else {
        minutes <= 14 * 60
    };
    if m > 59 || !in_range {
        return Err(bad());
    }
    Ok(if negative { -minutes } else { minutes })
}
