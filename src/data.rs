//! Statements as data for other tools: `/data/statements.json`.

use serde::Serialize;

use crate::date::{Certainty, Precision};
use crate::front_matter::Source;
use crate::model::Site;

#[derive(Serialize)]
struct StatementRecord<'a> {
    id: &'a str,
    date: String,
    date_display: String,
    first_day: String,
    last_day: String,
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
    briefing_url: String,
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
                date_display: s.date.display(),
                first_day: s.date.first_day().to_string(),
                last_day: s.date.last_day().to_string(),
                precision: s.date.precision(),
                certainty: s.date.certainty(),
                kind: s.kind.id(),
                speakers: s.speakers.iter().map(|&a| site.actors[a].id.as_str()).collect(),
                with: s.with.iter().map(|&a| site.actors[a].id.as_str()).collect(),
                quote: s.quote.as_deref(),
                summary: s.summary.as_deref(),
                source: s.source.as_ref(),
                verification: s.verification.map(|v| v.id()),
                briefing: &b.slug,
                briefing_url: site.base.permalink(&format!("briefings/{}/#s-{}", b.slug, s.number)),
            }
        })
        .collect();
    let mut out = serde_json::to_vec_pretty(&records).expect("statements serialize");
    out.push(b'\n');
    out
}
