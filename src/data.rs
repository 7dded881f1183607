//! Statements and actors as data for other tools: `/data/statements.json`,
//! `statements.csv`, `actors.json`, `actors.csv` and `timeline.json`.

use std::borrow::Cow;
use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;

use crate::date::{Certainty, Day, Precision};
use crate::front_matter::Source;
use crate::model::{Site, Statement};
use crate::route::{Route, statement_anchor};

/// The value written for a statement with no `verification:` (JSON and CSV alike),
/// so "not assessed" cannot be mistaken for a missing cell.
const NOT_ASSESSED: &str = "not_assessed";

/// Where statement `s` is shown: its absolute permalink where there is one, else
/// the root-relative URL; `None` in relative mode without a public URL (a data
/// file has no page to be relative to).
fn statement_link(site: &Site, s: &Statement) -> Option<String> {
    let route = Route::Briefing(site.briefings[s.briefing].slug.clone());
    let anchor = statement_anchor(s);
    route
        .permalink_to(&site.base, &anchor)
        .or_else(|| (!site.base.relative).then(|| route.url_to(&site.base, &anchor)))
}

/// The names of actors `ids`, in order.
fn names<'a>(site: &'a Site, ids: &[usize]) -> Vec<&'a str> {
    ids.iter().map(|&a| site.actors[a].name.as_str()).collect()
}

/// A statement's source, or `{}` where it has none (clients then read empty fields
/// rather than fail on `null`).
struct SourceOrEmpty<'a>(Option<&'a Source>);

impl Serialize for SourceOrEmpty<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self.0 {
            Some(source) => source.serialize(ser),
            None => ser.serialize_map(Some(0))?.end(),
        }
    }
}

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
    source: SourceOrEmpty<'a>,
    /// `not_assessed` when the statement has none.
    verification: &'a str,
    briefing: &'a str,
    /// Absolute where the site has an absolute URL, else root-relative; left out in
    /// relative mode without a public URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    briefing_url: Option<String>,
    // Names and year, for readers of the data (issue 11).
    speaker_names: Vec<&'a str>,
    with_names: Vec<&'a str>,
    year: i16,
    #[serde(flatten)]
    claims: Claims<'a>,
    /// The words in the language they were said in, `{lang, text}`; `null` when
    /// not given (as `factcheck`, the other optional part of a statement).
    original: Option<&'a crate::model::Original>,
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
            factcheck: s.factcheck.as_deref(),
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

/// Runs of a data file's items that the last build wrote: a writer takes the
/// bytes of a run from there when they are known unchanged, and tells where it
/// wrote each run. Runs are the chunks of [`in_batches`], numbered by item.
pub trait Pieces: Sync {
    /// The bytes of items `items` as the last build wrote them, if the build
    /// cache knows them unchanged and the last output still holds them.
    fn old(&self, items: Range<usize>) -> Option<Vec<u8>>;

    /// Notes that items `items` were written as `bytes`, `at` bytes into the
    /// file. An error stops the build (a check of the cache failed).
    fn wrote(&self, items: Range<usize>, at: u64, bytes: &[u8]) -> io::Result<()>;

    /// Item `item`'s mark, made from what the item is and not where it is: the
    /// chunks end where the marks say ([`crate::chunks::cut`]), so an item
    /// added, removed or moved changes the chunks about it and not every chunk
    /// after it. `None` (the default): chunks of a fixed size.
    fn mark(&self, item: usize) -> Option<u64> {
        let _ = item;
        None
    }
}

/// Nothing to reuse: every run is made.
pub struct Fresh;

impl Pieces for Fresh {
    fn old(&self, _: Range<usize>) -> Option<Vec<u8>> {
        None
    }

    fn wrote(&self, _: Range<usize>, _: u64, _: &[u8]) -> io::Result<()> {
        Ok(())
    }
}

/// Where a data file is written: the file, how far into it, and the runs of the
/// last build's it may reuse.
pub struct Out<'a> {
    out: &'a mut dyn Write,
    at: u64,
    pieces: &'a dyn Pieces,
}

impl<'a> Out<'a> {
    pub fn new(out: &'a mut dyn Write, pieces: &'a dyn Pieces) -> Out<'a> {
        Out { out, at: 0, pieces }
    }
}

impl Write for Out<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        self.at += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Writes `count` items to `out` in order, the bytes of items `range` being
/// `make(range)`: made in parallel, a batch at a time, so a big site's data
/// files are written without holding them, or their records, in memory, and
/// without one thread doing it all. A chunk the last build wrote unchanged is
/// copied from its output instead (see [`Pieces`]).
fn in_batches(
    out: &mut Out<'_>,
    count: usize,
    make: impl Fn(Range<usize>) -> io::Result<Vec<u8>> + Sync,
) -> io::Result<()> {
    use rayon::prelude::*;
    // A few MB per batch; a thread's share of one in each chunk.
    const BATCH: usize = 4096;
    const CHUNK: usize = 256;
    let pieces = out.pieces;
    let chunks = crate::chunks::cut(count, CHUNK, |i| pieces.mark(i));
    for batch in batches(&chunks, BATCH) {
        let parts: Vec<io::Result<Vec<u8>>> = (batch.par_iter())
            .map(|items| match pieces.old(items.clone()) {
                Some(bytes) => Ok(bytes),
                None => make(items.clone()),
            })
            .collect();
        for (items, part) in batch.iter().zip(parts) {
            let (at, part) = (out.at, part?);
            out.write_all(&part)?;
            pieces.wrote(items.clone(), at, &part)?;
        }
    }
    Ok(())
}

/// `chunks` in runs of at least `least` items (the last may hold fewer).
fn batches(chunks: &[Range<usize>], least: usize) -> impl Iterator<Item = &[Range<usize>]> {
    let mut rest = chunks;
    std::iter::from_fn(move || {
        let first = rest.first()?.start;
        let n = (rest.iter())
            .position(|c| c.end - first >= least)
            .map_or(rest.len(), |i| i + 1);
        let (batch, after) = rest.split_at(n);
        rest = after;
        Some(batch)
    })
}

/// Pretty JSON (as `serde_json` writes it) of an array of `count` elements,
/// element `i` being `element(i)`, nested `depth` arrays or objects deep in the
/// document, made [`in_batches`].
fn write_array<T: Serialize>(
    out: &mut Out<'_>,
    count: usize,
    depth: usize,
    element: impl Fn(usize) -> T + Sync,
) -> io::Result<()> {
    if count == 0 {
        return out.write_all(b"[]");
    }
    let indent = "  ".repeat(depth + 1);
    out.write_all(b"[")?;
    in_batches(out, count, |range| {
        let mut buf = Vec::new();
        for i in range {
            buf.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
            buf.extend_from_slice(indent.as_bytes());
            element(i).serialize(&mut serde_json::Serializer::with_formatter(
                &mut buf,
                nested_formatter(depth + 1)?,
            ))?;
        }
        Ok(buf)
    })?;
    out.write_all(b"\n")?;
    out.write_all("  ".repeat(depth).as_bytes())?;
    out.write_all(b"]")
}

/// A pretty formatter that writes a value `depth` levels deep (its inner lines
/// indented to match), as if it had written the arrays or objects around it.
fn nested_formatter(depth: usize) -> io::Result<serde_json::ser::PrettyFormatter<'static>> {
    use serde_json::ser::Formatter;
    let mut f = serde_json::ser::PrettyFormatter::new();
    for _ in 0..depth {
        f.begin_array(&mut io::sink())?;
    }
    Ok(f)
}

/// Every statement in date order, each field spelled out, as pretty JSON.
pub fn statements_json(site: &Site, out: &mut Out<'_>) -> io::Result<()> {
    write_array(out, site.statements.len(), 0, |ix| {
        let s = &site.statements[ix];
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
            source: SourceOrEmpty(s.source.as_ref()),
            verification: s.verification.map_or(NOT_ASSESSED, |v| v.id()),
            briefing: &b.slug,
            briefing_url: statement_link(site, s),
            speaker_names: names(site, &s.speakers),
            with_names: names(site, &s.with),
            year: s.date.first_day().year(),
            claims: Claims::of(site, s),
            original: s.original.as_deref(),
        }
    })?;
    out.write_all(b"\n")
}

/// ACLED-like CSV: one row per statement; joint speakers are joined with `;` in `actor1`.
pub fn statements_csv(site: &Site, out: &mut Out<'_>) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(&mut *out);
    let header = [
        "id",
        "event_date",
        "time_precision",
        "date",
        "edtf",
        "actor1",
        "actor2",
        // Names and year, for readers of the data (issue 11).
        "speaker_names",
        "with_names",
        "year",
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
    // New columns go at the end, so other tools' column positions stay.
    let original_header = ["original_lang", "original_text"];
    w.write_record(
        header
            .iter()
            .chain(&Claims::CSV_HEADER)
            .chain(&original_header),
    )?;
    w.flush()?;
    drop(w);
    in_batches(out, site.statements.len(), |range| {
        let mut w = csv::Writer::from_writer(Vec::new());
        for s in &site.statements[range] {
            statement_row(site, s, &mut w)?;
        }
        w.into_inner().map_err(|e| e.into_error())
    })
}

/// Statement `s` as a row of `statements.csv`.
fn statement_row(site: &Site, s: &Statement, w: &mut csv::Writer<Vec<u8>>) -> io::Result<()> {
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
            &cell(&names(site, &s.speakers).join(";")),
            &cell(&names(site, &s.with).join(";")),
            &s.date.first_day().year().to_string(),
            s.kind.id(),
            &cell(s.quote.as_deref().unwrap_or("")),
            &cell(s.summary.as_deref().unwrap_or("")),
            &cell(source.map_or("", |x| x.outlet.as_str())),
            &cell(source.and_then(|x| x.url.as_deref()).unwrap_or("")),
            &cell(source.and_then(|x| x.archive.as_deref()).unwrap_or("")),
            &source
                .and_then(|x| x.accessed.as_ref())
                .map_or_else(String::new, Day::iso),
            s.verification.map_or(NOT_ASSESSED, |v| v.id()),
            &statement_link(site, s).unwrap_or_default(),
        ]
        .into_iter()
        .map(str::to_owned)
        .chain(Claims::of(site, s).csv())
        .chain(original_cells(s)),
    )?;
    Ok(())
}

/// The CSV columns `original_lang` and `original_text` (empty without `original:`).
fn original_cells(s: &Statement) -> [String; 2] {
    match &s.original {
        Some(o) => [o.lang.clone(), cell(&o.text).into_owned()],
        None => [String::new(), String::new()],
    }
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

/// One actor in `actors.json`.
#[derive(Serialize)]
struct ActorRecord<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'a str,
    country: Option<&'a str>,
    roles: Vec<RoleRecord<'a>>,
    /// Statements the actor made (alone or jointly).
    said: usize,
    /// Statements addressed to the actor (as a counterpart).
    addressed: usize,
    /// The actor's page: absolute where the site has an absolute URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct RoleRecord<'a> {
    title: &'a str,
    /// EDTF, as written (`2018-05-08`, `2018?`); `null` when not given.
    start: Option<String>,
    end: Option<String>,
    /// The id of the organisation the role is held in, if it is an actor.
    org: Option<&'a str>,
}

/// How many of actor `ix`'s statements they made, and how many were addressed to them.
fn said_addressed(site: &Site, ix: usize) -> (usize, usize) {
    let all = &site.actors[ix].statements;
    let said = (all.iter())
        .filter(|&&s| site.statements[s].speakers.contains(&ix))
        .count();
    (said, all.len() - said)
}

fn actor_records(site: &Site) -> impl Iterator<Item = ActorRecord<'_>> {
    site.actors.iter().enumerate().map(|(ix, a)| {
        let (said, addressed) = said_addressed(site, ix);
        let route = Route::Actor(a.id.clone());
        ActorRecord {
            id: &a.id,
            name: &a.name,
            kind: a.kind.id(),
            country: a.country.as_deref(),
            roles: (a.roles.iter())
                .map(|r| RoleRecord {
                    title: &r.title,
                    start: r.start.map(|d| d.iso()),
                    end: r.end.map(|d| d.iso()),
                    org: r.org.map(|o| site.actors[o].id.as_str()),
                })
                .collect(),
            said,
            addressed,
            url: (route.permalink(&site.base))
                .or_else(|| (!site.base.relative).then(|| route.url(&site.base))),
        }
    })
}

/// Every actor, in id order, as pretty JSON.
pub fn actors_json(site: &Site) -> Vec<u8> {
    let records: Vec<ActorRecord<'_>> = actor_records(site).collect();
    let mut out = serde_json::to_vec_pretty(&records).expect("actors serialize");
    out.push(b'\n');
    out
}

/// Every actor, one row each; roles as `title (start–end)` joined with `;`.
pub fn actors_csv(site: &Site) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "id",
        "name",
        "kind",
        "country",
        "roles",
        "said",
        "addressed",
        "url",
    ];
    w.write_record(header).expect("in-memory CSV");
    for a in actor_records(site) {
        let roles: Vec<String> = (a.roles.iter())
            .map(|r| match (&r.start, &r.end) {
                (None, None) => r.title.to_string(),
                (start, end) => format!(
                    "{} ({}–{})",
                    r.title,
                    start.as_deref().unwrap_or(""),
                    end.as_deref().unwrap_or("")
                ),
            })
            .collect();
        w.write_record([
            a.id,
            &cell(a.name),
            a.kind,
            &cell(a.country.unwrap_or("")),
            &cell(&roles.join(";")),
            &a.said.to_string(),
            &a.addressed.to_string(),
            a.url.as_deref().unwrap_or(""),
        ])
        .expect("in-memory CSV");
    }
    w.into_inner().expect("in-memory CSV")
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

/// Knight Lab TimelineJS JSON: date parts present only as far as they are known.
pub fn timeline_json(site: &Site, out: &mut Out<'_>) -> io::Result<()> {
    let title = TjsTitle {
        text: TjsText {
            headline: html(&site.config.title),
            text: html(site.config.description.as_deref().unwrap_or("")),
        },
    };
    // As `serde_json` writes `{"title": …, "events": […]}` pretty.
    out.write_all(b"{\n  \"title\": ")?;
    title.serialize(&mut serde_json::Serializer::with_formatter(
        &mut *out,
        nested_formatter(1)?,
    ))?;
    out.write_all(b",\n  \"events\": ")?;
    write_array(out, site.statements.len(), 1, |ix| {
        let s = &site.statements[ix];
        TjsEvent {
            unique_id: &s.id,
            start_date: TjsDate::of(s.date.anchor()),
            end_date: s.date.start().and(s.date.end()).map(TjsDate::of),
            display_date: s.date.display_in(&site.locale),
            group: site.locale.statement_kind(s.kind.id()).into_owned(),
            text: TjsText {
                headline: html(&slide_who(site, s)),
                text: slide_text(site, s),
            },
            briefing_url: statement_link(site, s),
        }
    })?;
    out.write_all(b"\n}\n")
}

/// Who spoke to whom and how: "Vladimir Putin → Nikol Pashinyan, Phone call".
fn slide_who(site: &Site, s: &Statement) -> String {
    let locale = &site.locale;
    let kind = locale.statement_kind(s.kind.id());
    let speakers = names(site, &s.speakers).join(", ");
    if s.with.is_empty() {
        locale.with_args(
            "data-slide-who-alone",
            &[("speakers", &speakers), ("kind", &kind)],
        )
    } else {
        let with = names(site, &s.with).join(", ");
        locale.with_args(
            "data-slide-who",
            &[("speakers", &speakers), ("with", &with), ("kind", &kind)],
        )
    }
}

/// A slide's HTML: who spoke to whom, the quote and summary, and a link to the
/// statement on its briefing's page.
fn slide_text(site: &Site, s: &Statement) -> String {
    let mut text = format!("<p>{}</p>", html(&slide_who(site, s)));
    let said = match (&s.quote, &s.summary) {
        (Some(q), Some(sum)) => format!("“{}” {}", html(q), html(sum)),
        (Some(q), None) => format!("“{}”", html(q)),
        (None, Some(sum)) => html(sum),
        (None, None) => String::new(),
    };
    if !said.is_empty() {
        text.push_str(&format!("<p>{said}</p>"));
    }
    if let Some(url) = statement_link(site, s) {
        let title = &site.briefings[s.briefing].title;
        let label = site
            .locale
            .with_args("data-slide-briefing", &[("title", title)]);
        text.push_str(&format!(
            r#"<p><a href="{}">{}</a></p>"#,
            html(&url),
            html(&label)
        ));
    }
    text
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

    #[derive(Serialize)]
    struct Item {
        n: usize,
        text: String,
        list: Vec<usize>,
        empty: Vec<usize>,
        nested: Option<Box<Item>>,
    }

    fn item(n: usize) -> Item {
        Item {
            n,
            text: format!("line\n{n} \"quoted\""),
            list: (0..n % 3).collect(),
            empty: Vec::new(),
            nested: n.is_multiple_of(2).then(|| Box::new(item(n + 1))),
        }
    }

    #[test]
    fn arrays_written_in_batches_are_what_serde_json_writes_whole() {
        // Across chunk and batch edges, at the top and one level down.
        for count in [0, 1, 2, 257, 4097] {
            let mut got = Vec::new();
            write_array(&mut Out::new(&mut got, &Fresh), count, 0, item).unwrap();
            let whole: Vec<Item> = (0..count).map(item).collect();
            assert_eq!(got, serde_json::to_vec_pretty(&whole).unwrap(), "{count}");

            #[derive(Serialize)]
            struct Doc {
                title: Item,
                events: Vec<Item>,
            }
            let mut got = b"{\n  \"title\": ".to_vec();
            let f = nested_formatter(1).unwrap();
            (item(7).serialize(&mut serde_json::Serializer::with_formatter(&mut got, f))).unwrap();
            got.extend_from_slice(b",\n  \"events\": ");
            write_array(&mut Out::new(&mut got, &Fresh), count, 1, item).unwrap();
            got.extend_from_slice(b"\n}");
            let doc = Doc {
                title: item(7),
                events: (0..count).map(item).collect(),
            };
            assert_eq!(
                String::from_utf8(got).unwrap(),
                serde_json::to_string_pretty(&doc).unwrap(),
                "{count}"
            );
        }
    }

    /// A chunk as written: its items, where, and its bytes.
    type Written = (Range<usize>, u64, Vec<u8>);

    /// Pieces that remember what was written, and give back the chunks named
    /// in `reuse` from it.
    #[derive(Default)]
    struct Remembers {
        wrote: std::sync::Mutex<Vec<Written>>,
        before: Vec<Written>,
        reuse: Vec<usize>,
    }

    impl Pieces for Remembers {
        fn old(&self, items: Range<usize>) -> Option<Vec<u8>> {
            (self.reuse.contains(&items.start))
                .then(|| {
                    self.before
                        .iter()
                        .find(|p| p.0 == items)
                        .map(|p| p.2.clone())
                })
                .flatten()
        }

        fn wrote(&self, items: Range<usize>, at: u64, bytes: &[u8]) -> io::Result<()> {
            self.wrote.lock().unwrap().push((items, at, bytes.to_vec()));
            Ok(())
        }
    }

    #[test]
    fn chunks_kept_from_the_last_build_are_copied_where_they_were() {
        let count = 5000;
        let first = Remembers::default();
        let mut whole = Vec::new();
        write_array(&mut Out::new(&mut whole, &first), count, 1, item).unwrap();
        let before = first.wrote.into_inner().unwrap();
        // Each run sits where it was said to be written.
        for (items, at, bytes) in &before {
            let at = *at as usize;
            assert_eq!(&whole[at..at + bytes.len()], bytes.as_slice(), "{items:?}");
        }
        assert_eq!(before.len(), 5000usize.div_ceil(256));
        // A second write takes chunks 0, 512 and the last from the first one's
        // bytes (and `make` never sees them); the rest is made again.
        let second = Remembers {
            before,
            reuse: vec![0, 512, 4864],
            ..Remembers::default()
        };
        let made = std::sync::Mutex::new(Vec::new());
        let mut again = Vec::new();
        write_array(&mut Out::new(&mut again, &second), count, 1, |i| {
            made.lock().unwrap().push(i);
            item(i)
        })
        .unwrap();
        assert_eq!(again, whole);
        let made = made.into_inner().unwrap();
        assert_eq!(made.len(), count - 256 - 256 - (count - 4864));
        assert!(!made.contains(&0) && !made.contains(&600) && !made.contains(&4999));
    }

    /// What a chunk holds: whether it is first, and the values of its items.
    type Held = (bool, Vec<usize>);

    /// Pieces keyed by what a chunk holds, marked by item value, as the build
    /// cache's are.
    struct ByContent<'a> {
        values: &'a [usize],
        before: std::collections::HashMap<Held, Vec<u8>>,
        wrote: std::sync::Mutex<Vec<(Held, Vec<u8>)>>,
    }

    impl ByContent<'_> {
        fn key(&self, items: Range<usize>) -> Held {
            (items.start == 0, self.values[items].to_vec())
        }
    }

    impl Pieces for ByContent<'_> {
        fn old(&self, items: Range<usize>) -> Option<Vec<u8>> {
            self.before.get(&self.key(items)).cloned()
        }

        fn wrote(&self, items: Range<usize>, _: u64, bytes: &[u8]) -> io::Result<()> {
            let key = self.key(items);
            self.wrote.lock().unwrap().push((key, bytes.to_vec()));
            Ok(())
        }

        fn mark(&self, item: usize) -> Option<u64> {
            let v = *self.values.get(item)? as u64;
            Some(v.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 7)
        }
    }

    #[test]
    fn with_marks_an_item_added_makes_only_the_chunk_it_falls_in() {
        let before: Vec<usize> = (0..6000).collect();
        let first = ByContent {
            values: &before,
            before: Default::default(),
            wrote: Default::default(),
        };
        let mut whole = Vec::new();
        write_array(&mut Out::new(&mut whole, &first), before.len(), 1, |i| {
            item(before[i])
        })
        .unwrap();
        let kept = first.wrote.into_inner().unwrap();
        assert!(kept.len() > 12, "{} chunks", kept.len());
        let mut after = before.clone();
        after.insert(3001, 7_000_000);
        let second = ByContent {
            values: &after,
            before: kept.into_iter().collect(),
            wrote: Default::default(),
        };
        let made = std::sync::Mutex::new(Vec::new());
        let mut again = Vec::new();
        write_array(&mut Out::new(&mut again, &second), after.len(), 1, |i| {
            made.lock().unwrap().push(after[i]);
            item(after[i])
        })
        .unwrap();
        let mut fresh = Vec::new();
        write_array(&mut Out::new(&mut fresh, &Fresh), after.len(), 1, |i| {
            item(after[i])
        })
        .unwrap();
        assert!(again == fresh, "the copied chunks give other bytes");
        let made = made.into_inner().unwrap();
        assert!(made.contains(&7_000_000));
        assert!(made.len() <= 2 * 512, "{} items made again", made.len());
    }

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
