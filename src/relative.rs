//! Finds relative-date phrases ("on Thursday", "yesterday", "last week") in prose and
//! works out the absolute date they most likely mean, counted back from a given day.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use jiff::civil::{self, Weekday};

use crate::date::Date;

/// What a phrase refers to, relative to the day of writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    /// The most recent such weekday on or before the day of writing.
    Weekday(Weekday),
    Yesterday,
    LastWeek,
    LastMonth,
}

/// One phrase found at byte `offset` of the scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub offset: usize,
    pub phrase: String,
    pub meaning: Meaning,
}

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("Monday", Weekday::Monday),
    ("Tuesday", Weekday::Tuesday),
    ("Wednesday", Weekday::Wednesday),
    ("Thursday", Weekday::Thursday),
    ("Friday", Weekday::Friday),
    ("Saturday", Weekday::Saturday),
    ("Sunday", Weekday::Sunday),
];

const PHRASES: [(&str, Meaning); 6] = [
    ("yesterday", Meaning::Yesterday),
    ("Yesterday", Meaning::Yesterday),
    ("last week", Meaning::LastWeek),
    ("Last week", Meaning::LastWeek),
    ("last month", Meaning::LastMonth),
    ("Last month", Meaning::LastMonth),
];

/// One automaton for every weekday and phrase: scanning runs over all prose of
/// every briefing, so it must be a single pass.
fn matcher() -> &'static AhoCorasick {
    static MATCHER: OnceLock<AhoCorasick> = OnceLock::new();
    MATCHER.get_or_init(|| {
        let words = WEEKDAYS
            .iter()
            .map(|(w, _)| *w)
            .chain(PHRASES.iter().map(|(p, _)| *p));
        AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(words)
            .expect("literal patterns always build")
    })
}

/// Every relative-date phrase in `text`.
pub fn scan(text: &str) -> Vec<Hit> {
    let mut hits = Vec::new();
    // Every phrase contains "day" (weekdays, yesterday) or "ast " (last week/month):
    // most prose has neither, and a substring test is far cheaper than the automaton.
    if !text.contains("day") && !text.contains("ast ") {
        return hits;
    }
    for m in matcher().find_iter(text) {
        let (offset, len) = (m.start(), m.end() - m.start());
        if !is_word_at(text, offset, len) {
            continue;
        }
        let index = m.pattern().as_usize();
        if let Some((name, weekday)) = WEEKDAYS.get(index) {
            // Include a preceding "on", "late", "last" or "early" so the warning quotes the phrase.
            let before = &text[..offset];
            let lead = [
                "on ", "late ", "last ", "early ", "On ", "Late ", "Last ", "Early ",
            ]
            .iter()
            .find(|w| before.ends_with(*w))
            .map_or(0, |w| w.len());
            let end = offset + name.len();
            let end = if text[end..].starts_with("'s") || text[end..].starts_with("’s") {
                end + text[end..]
                    .chars()
                    .take(2)
                    .map(char::len_utf8)
                    .sum::<usize>()
            } else {
                end
            };
            hits.push(Hit {
                offset: offset - lead,
                phrase: text[offset - lead..end].to_string(),
                meaning: Meaning::Weekday(*weekday),
            });
        } else {
            let (phrase, meaning) = PHRASES[index - WEEKDAYS.len()];
            hits.push(Hit {
                offset,
                phrase: phrase.to_string(),
                meaning,
            });
        }
    }
    hits
}

fn is_word_at(text: &str, offset: usize, len: usize) -> bool {
    let before = text[..offset].chars().next_back();
    let after = text[offset + len..].chars().next();
    before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
}

/// The absolute date `meaning` most likely stands for when written on `day`, in words.
pub fn explain(meaning: Meaning, day: civil::Date) -> String {
    match meaning {
        Meaning::Weekday(w) => {
            let back =
                (day.weekday().to_monday_zero_offset() - w.to_monday_zero_offset()).rem_euclid(7);
            let d = day.checked_sub(jiff::Span::new().days(back)).unwrap_or(day);
            format!("{} {}", weekday_name(w), Date::day(d).display())
        }
        Meaning::Yesterday => {
            let d = day.yesterday().unwrap_or(day);
            format!("{} {}", weekday_name(d.weekday()), Date::day(d).display())
        }
        Meaning::LastWeek => {
            let monday = day
                .checked_sub(jiff::Span::new().days(day.weekday().to_monday_zero_offset() + 7))
                .unwrap_or(day);
            format!("the week of {}", Date::day(monday).display())
        }
        Meaning::LastMonth => {
            let first = day.first_of_month().yesterday().unwrap_or(day);
            Date::parse(&format!("{:04}-{:02}", first.year(), first.month()))
                .map_or_else(|_| String::new(), |d| d.display())
        }
    }
}

fn weekday_name(w: Weekday) -> &'static str {
    WEEKDAYS
        .iter()
        .find(|(_, d)| *d == w)
        .map_or("", |(n, _)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_phrases_with_their_lead_word() {
        let hits =
            scan("Talks began on Sunday; late Thursday's statement; yesterday he said; Sundays.");
        let phrases: Vec<&str> = hits.iter().map(|h| h.phrase.as_str()).collect();
        assert_eq!(phrases, ["on Sunday", "late Thursday's", "yesterday"]);
    }

    #[test]
    fn counts_back_from_the_briefing_date() {
        let day = civil::date(2020, 10, 3); // a Saturday
        assert_eq!(
            explain(Meaning::Weekday(Weekday::Thursday), day),
            "Thursday 1 Oct 2020"
        );
        assert_eq!(
            explain(Meaning::Weekday(Weekday::Sunday), day),
            "Sunday 27 Sep 2020"
        );
        assert_eq!(
            explain(Meaning::Weekday(Weekday::Saturday), day),
            "Saturday 3 Oct 2020"
        );
        assert_eq!(explain(Meaning::Yesterday, day), "Friday 2 Oct 2020");
        assert_eq!(explain(Meaning::LastWeek, day), "the week of 21 Sep 2020");
        assert_eq!(explain(Meaning::LastMonth, day), "September 2020");
    }
}
