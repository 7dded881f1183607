//! Statements as data for other tools: `/data/statements.json`, `statements.csv`
//! and `timeline.json`.

use std::borrow::Cow;

use serde::Serialize;

use crate::date::{Certainty, Day, Precision};
use crate::front_matter::Source;
use crate::model::Site;
use crate::route::{Route, statement_anchor};

#[derive(Serialize)]
struct StatementRecord<'a> {
    id: &'a str,
    date: String,
    /// The date in EDTF's normal form (the same text as `date`, named for tools).
    edtf: String,
    date_display: String,
    /// `null` when the start is open or unknown (`../2023`, `/2023`).
    first_day: Option<String>,
    /// `null` when the end is open or unknown (`2022-02-24/..`, `2021-05/`).
    last_day: Option<String>,
    precision: Precision,
    certainty: Certainty,
    kind: &'a str,
    speakers: Vec<&'a str>,
    with: Vec<&'a str>,
    quote: Option<&'a str>,
    summary: Option<&'a str>,
    source: Option<&'a Source>,
    verification: Option<&'a str>,
    briefing: &'a str,
    /// Left out in relative mode without a public URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    briefing_url: Option<String>,
    #[serde(flatten)]
    claims: Claims<'a>,
}

/// A statement's disputes (ids, both ways) and fact-check, as data.
#[derive(Serialize)]
struct Claims<'a> {
    disputes: Vec<&'a str>,
    disputed_by: Vec<&'a str>,
    factcheck: Option<&'a crate::model::FactCheck>,
}

impl<'a> Claims<'a> {
    fn of(site: &'a Site, s: &'a crate::model::Statement) -> Self {
        let ids = |list: &[usize]| {
            list.iter()
                .map(|&t| site.statements[t].id.as_str())
                .collect()
        };
        Claims {
            disputes: ids(&s.disputes),
            disputed_by: ids(&s.disputed_by),
            factcheck: s.factcheck.as_ref(),
        }
    }

    /// The CSV columns `disputes` (ids joined with `;`) and `factcheck` (the rating).
    const CSV_HEADER: [&'static str; 2] = ["disputes", "factcheck"];

    fn csv(&self) -> [String; 2] {
        [
            self.disputes.join(";"),
            self.factcheck.map_or("", |f| f.rating.id()).to_string(),
        ]
    }
}

/// Every statement in date order, each field spelled out, as pretty JSON.
pub fn statements_json(site: &Site) -> Vec<u8> {
    let records: Vec<StatementRecord<'_>> = site
        .statements
        .iter()
        .map(|s| {
            let b = &site.briefings[s.briefing];
            StatementRecord {
                id: &s.id,
                date: s.date.iso(),
                edtf: s.date.iso(),
                date_display: s.date.display_in(&site.locale),
                first_day: s.date.earliest().map(|d| d.to_string()),
                last_day: s.date.latest().map(|d| d.to_string()),
                precision: s.date.precision(),
                certainty: s.date.certainty(),
                kind: s.kind.id(),
                speakers: s
                    .speakers
                    .iter()
                    .map(|&a| site.actors[a].id.as_str())
                    .collect(),
                with: s.with.iter().map(|&a| site.actors[a].id.as_str()).collect(),
                quote: s.quote.as_deref(),
                summary: s.summary.as_deref(),
                source: s.source.as_ref(),
                verification: s.verification.map(|v| v.id()),
                briefing: &b.slug,
                briefing_url: Route::Briefing(b.slug.clone())
                    .permalink_to(&site.base, &statement_anchor(s)),
                claims: Claims::of(site, s),
            }
        })
        .collect();
    let mut out = serde_json::to_vec_pretty(&records).expect("statements serialize");
    out.push(b'\n');
    out
}

/// ACLED-like CSV: one row per statement; joint speakers are joined with `;` in `actor1`.
pub fn statements_csv(site: &Site) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "id",
        "event_date",
        "time_precision",
        "date",
        "edtf",
        "actor1",
        "actor2",
        "kind",
        "quote",
        "summary",
        "source",
        "source_url",
        "source_archive",
        "source_accessed",
        "verification",
        "briefing_url",
    ];
    w.write_record(header.iter().chain(&Claims::CSV_HEADER))
        .expect("in-memory CSV");
    for s in &site.statements {
        let b = &site.briefings[s.briefing];
        // ACLED's codes (1 day, 2 within a week, 3 wider): see `Date::acled_precision`.
        let precision = s.date.acled_precision().to_string();
        let actor2: Vec<&str> = s.with.iter().map(|&a| site.actors[a].id.as_str()).collect();
        let actor1: Vec<&str> = s
            .speakers
            .iter()
            .map(|&a| site.actors[a].id.as_str())
            .collect();
        let source = s.source.as_ref();
        w.write_record(
            [
                s.id.as_str(),
                &s.date.first_day().to_string(),
                &precision,
                &s.date.iso(),
                &s.date.iso(),
                &actor1.join(";"),
                &actor2.join(";"),
                s.kind.id(),
                &cell(s.quote.as_deref().unwrap_or("")),
                &cell(s.summary.as_deref().unwrap_or("")),
                &cell(source.map_or("", |x| x.outlet.as_str())),
                &cell(source.and_then(|x| x.url.as_deref()).unwrap_or("")),
                &cell(source.and_then(|x| x.archive.as_deref()).unwrap_or("")),
                &source
                    .and_then(|x| x.accessed.as_ref())
                    .map_or_else(String::new, Day::iso),
                s.verification.map_or("", |v| v.id()),
                &Route::Briefing(b.slug.clone())
                    .permalink_to(&site.base, &statement_anchor(s))
                    .unwrap_or_default(),
            ]
            .into_iter()
            .map(str::to_owned)
            .chain(Claims::of(site, s).csv()),
        )
        .expect("in-memory CSV");
    }
    w.into_inner().expect("in-memory CSV")
}

/// A cell of user text, safe to open in a spreadsheet (OWASP, "CSV Injection"):
/// text starting with `=`, `+`, `-`, `@`, tab or carriage return would be run as a
/// formula, so it gets a `'` in front, which spreadsheets read as "this is text".
/// Generated cells (ids, dates, URLs of our pages) never start with those.
pub(crate) fn cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[derive(Serialize)]
struct TjsDate {
    year: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<String>,
}

impl TjsDate {
    fn of(p: &crate::date::Point) -> TjsDate {
        TjsDate {
            year: p.year.to_string(),
            month: (p.precision >= Precision::Month).then(|| p.month.to_string()),
            day: (p.precision == Precision::Day).then(|| p.day.to_string()),
        }
    }
}

#[derive(Serialize)]
struct TjsText {
    headline: String,
    text: String,
}

#[derive(Serialize)]
struct TjsEvent<'a> {
    unique_id: &'a str,
    start_date: TjsDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<TjsDate>,
    display_date: String,
    group: String,
    text: TjsText,
    #[serde(skip_serializing_if = "Option::is_none")]
    briefing_url: Option<String>,
}

#[derive(Serialize)]
struct TjsTitle {
    text: TjsText,
}

#[derive(Serialize)]
struct TjsDoc<'a> {
    title: TjsTitle,
    events: Vec<TjsEvent<'a>>,
}

/// Knight Lab TimelineJS JSON: date parts present only as far as they are known.
pub fn timeline_json(site: &Site) -> Vec<u8> {
    let events = site
        .statements
        .iter()
        .map(|s| {
            let b = &site.briefings[s.briefing];
            let speakers: Vec<&str> = s
                .speakers
                .iter()
                .map(|&a| site.actors[a].name.as_str())
                .collect();
            let text = match (&s.quote, &s.summary) {
                (Some(q), Some(sum)) => format!("“{}” {}", html(q), html(sum)),
                (Some(q), None) => format!("“{}”", html(q)),
                (None, Some(sum)) => html(sum),
                (None, None) => String::new(),
            };
            TjsEvent {
                unique_id: &s.id,
                start_date: TjsDate::of(s.date.anchor()),
                end_date: s.date.start().and(s.date.end()).map(TjsDate::of),
                display_date: s.date.display_in(&site.locale),
                group: site.locale.statement_kind(s.kind.id()).into_owned(),
                text: TjsText {
                    headline: html(&speakers.join(", ")),
                    text,
                },
                briefing_url: Route::Briefing(b.slug.clone())
                    .permalink_to(&site.base, &statement_anchor(s)),
            }
        })
        .collect();
    let doc = TjsDoc {
        title: TjsTitle {
            text: TjsText {
                headline: html(&site.config.title),
                text: html(site.config.description.as_deref().unwrap_or("")),
            },
        },
        events,
    };
    let mut out = serde_json::to_vec_pretty(&doc).expect("timeline serializes");
    out.push(b'\n');
    out
}

/// TimelineJS renders `text` fields as HTML: escape what authors wrote.
fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).expect("String write");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_read_as_text() {
        for formula in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\r=x"] {
            assert_eq!(cell(formula), format!("'{formula}"));
        }
        for text in ["a=b", "", "’=x", "1-2", " =x", "'quoted'"] {
            assert_eq!(cell(text), text);
        }
    }
}
