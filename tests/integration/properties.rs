//! Property tests: the parsers never panic on hostile text, dates round-trip through
//! their written form, slugs are always safe path segments, and every string put
//! through the HTML, XML, JSON and CSV writers reads back as itself.
//!
//! Case counts are kept modest so `cargo test` stays fast. Proptest saves the seed
//! of a failing case in `tests/proptest-regressions/properties.txt` and replays it
//! first on every later run; commit that file with the fix. For a deeper run:
//! `PROPTEST_CASES=20000 cargo test --test integration properties`.

use std::collections::HashMap;
use std::path::Path;

use proptest::prelude::*;
use proptest::sample::select;
use scraper::{Html, Selector};

use sitroom::date::{Certainty, Date, Day, Point, Precision, Side, Time};
use sitroom::front_matter::{self, ActorMeta, BriefingMeta, PageMeta};
use sitroom::markdown::{self, Mentions};
use sitroom::parse::{self, ActorTable};
use sitroom::slug::{is_valid_id, slugify};

// ---------------------------------------------------------------- generators

/// Characters that break naive code: controls, markup, YAML and Markdown syntax,
/// byte-order and direction marks, non-characters, multi-byte letters.
const NASTY: &[char] = &[
    '\0',
    '\u{1}',
    '\u{8}',
    '\t',
    '\n',
    '\u{b}',
    '\u{c}',
    '\r',
    '\u{1b}',
    '\u{7f}',
    '\u{85}',
    '\u{a0}',
    '\u{200b}',
    '\u{2028}',
    '\u{202e}',
    '\u{feff}',
    '\u{fffd}',
    '\u{fffe}',
    '\u{ffff}',
    '\u{1f600}',
    '\u{10ffff}',
    'é',
    'ğ',
    'П',
    '中',
    '’',
    '<',
    '>',
    '&',
    '"',
    '\'',
    '`',
    '*',
    '_',
    '[',
    ']',
    '(',
    ')',
    '{',
    '}',
    '#',
    '-',
    '|',
    '~',
    '!',
    '\\',
    '/',
    ':',
    '@',
    '=',
    '+',
    ' ',
    '.',
    '?',
    '%',
    ',',
    ';',
    '^',
    '$',
];

fn nasty_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => select(NASTY),
        3 => proptest::char::range('a', 'z'),
        1 => proptest::char::range('0', '9'),
        2 => any::<char>(),
    ]
}

fn nasty_string(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(nasty_char(), 0..max).prop_map(|v| v.into_iter().collect())
}

/// Markdown made of constructs that nest, interleave and stay open, plus noise.
fn markdown_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        select(vec![
            "# ",
            "## Sources",
            "> ",
            "- ",
            "1. ",
            "* ",
            "```rust\n",
            "```\n",
            "~~~\n",
            "    ",
            "| a | b |\n|---|---|\n| 1 | 2 |\n",
            "[^1]",
            "[^1]: note\n",
            "[x](/y)",
            "[x](",
            "![i](/img.png)",
            "<a href=\"x\">",
            "</a>",
            "<a>",
            "<div>",
            "</div>",
            "<!-- ",
            " -->",
            "{#id}",
            "{#s-1}",
            "**",
            "__",
            "~~",
            "`",
            "\n",
            "\n\n",
            "on Thursday",
            "yesterday",
            "last week",
            "Putin",
            "O'Brien",
            "Vladimir Putin",
            ": ",
            "&amp;",
            "&#0;",
            "&#x1b;",
            "[link]: /ref\n",
            "[link]",
            "> [!NOTE]\n",
            "- [ ] ",
            "term\n: def\n",
            "\"q\"",
            "---\n",
            "***\n",
            "\\",
            "<script>",
            "javascript:x",
        ])
        .prop_map(str::to_string),
        nasty_string(12),
    ];
    proptest::collection::vec(piece, 0..48).prop_map(|v| v.concat())
}

/// Deep nesting of one construct, within reason.
fn nested_markdown() -> impl Strategy<Value = String> {
    (
        select(vec![
            "> ", "- ", "* ", "1. ", "[", "*", "_", "**", "(", "<div>", "    ",
        ]),
        0usize..3000,
        nasty_string(8),
    )
        .prop_map(|(open, depth, tail)| format!("{}{tail}\n", open.repeat(depth)))
}

/// A YAML value: plain, quoted or structured, often hostile.
fn yaml_value() -> impl Strategy<Value = String> {
    prop_oneof![
        nasty_string(16),
        nasty_string(16)
            .prop_map(|s| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))),
        nasty_string(16).prop_map(|s| format!("'{}'", s.replace('\'', "''"))),
        select(vec![
            "",
            "~",
            "null",
            "[]",
            "{}",
            "[a, b]",
            "2020-10-02",
            "2020-10",
            "2020",
            "2020-10-02?",
            "2020-10-01/2020-10-03",
            "2021-02-29",
            "0000-01-01",
            "9999-12-31",
            "-1",
            "1e400",
            "&a x",
            "*a",
            "!!binary aGk=",
            "|\n  block",
            ">\n  folded",
            "[[[[",
            "{a: [b, {c: d}]}",
            "vladimir-putin",
            "../../x",
            "a/b",
            ".hidden",
            "quote",
            "en",
        ])
        .prop_map(str::to_string),
    ]
}

/// A front-matter block with known and unknown fields, then a Markdown body.
fn content_file() -> impl Strategy<Value = String> {
    let key = select(vec![
        "title",
        "date",
        "updated",
        "summary",
        "slug",
        "draft",
        "tags",
        "actors",
        "sources",
        "statements",
        "corrections",
        "name",
        "kind",
        "aliases",
        "names",
        "country",
        "roles",
        "wikidata",
        "titel",
        "",
    ]);
    let item_key = select(vec![
        "speaker",
        "speakers",
        "with",
        "kind",
        "date",
        "quote",
        "summary",
        "source",
        "verification",
        "outlet",
        "url",
        "published",
        "title",
        "start",
        "end",
        "org",
        "note",
    ]);
    let field = prop_oneof![
        3 => (key.clone(), yaml_value()).prop_map(|(k, v)| format!("{k}: {v}\n")),
        2 => (key, proptest::collection::vec((item_key, yaml_value()), 0..4)).prop_map(|(k, items)| {
            let mut s = format!("{k}:\n");
            for (i, (ik, v)) in items.into_iter().enumerate() {
                let lead = if i == 0 { "  - " } else { "    " };
                s.push_str(&format!("{lead}{ik}: {v}\n"));
            }
            s
        }),
        1 => nasty_string(24).prop_map(|s| s + "\n"),
    ];
    (
        select(vec!["---\n", "\u{feff}---\n", "---\r\n", "--- \n", ""]),
        proptest::collection::vec(field, 0..10),
        select(vec!["---\n", "...\n", "---", "", "--\n"]),
        markdown_text(),
    )
        .prop_map(|(open, fields, close, body)| format!("{open}{}{close}{body}", fields.concat()))
}

/// Either a plausible content file or arbitrary text.
fn any_file() -> impl Strategy<Value = String> {
    prop_oneof![3 => content_file(), 1 => nasty_string(200), 1 => any::<String>()]
}

fn point() -> impl Strategy<Value = Point> {
    (
        0i16..=9999,
        1i8..=12,
        1i8..=31,
        select(vec![Precision::Year, Precision::Month, Precision::Day]),
        select(vec![
            Certainty::Exact,
            Certainty::Uncertain,
            Certainty::Approximate,
            Certainty::UncertainApproximate,
        ]),
    )
        .prop_map(|(year, month, day, precision, certainty)| {
            let days = jiff::civil::date(year, month, 1).days_in_month();
            let (month, day) = match precision {
                Precision::Year => (1, 1),
                Precision::Month => (month, 1),
                Precision::Day => (month, day.min(days)),
            };
            Point {
                year,
                month,
                day,
                precision,
                certainty,
                time: None,
            }
        })
}

/// An exact day with a time: any clock, seconds or not, any offset EDTF allows.
fn timed() -> impl Strategy<Value = Point> {
    (
        point(),
        0i8..=23,
        0i8..=59,
        proptest::option::of(0i8..=59),
        -(12 * 60)..=(14 * 60i16),
    )
        .prop_map(|(p, hour, minute, second, offset)| {
            let days = jiff::civil::date(p.year, p.month, 1).days_in_month();
            Point {
                day: p.day.min(days),
                precision: Precision::Day,
                certainty: Certainty::Exact,
                time: Some(Time {
                    hour,
                    minute,
                    second,
                    offset,
                }),
                ..p
            }
        })
}

fn side() -> impl Strategy<Value = Side> {
    select(vec![Side::Open, Side::Unknown])
}

fn date() -> impl Strategy<Value = Date> {
    prop_oneof![
        point().prop_map(Date::Point),
        timed().prop_map(Date::Point),
        (point(), point()).prop_map(|(a, b)| {
            if b.last_day() < a.first_day() {
                Date::Closed(b, a)
            } else {
                Date::Closed(a, b)
            }
        }),
        (point(), side()).prop_map(|(a, s)| Date::From(a, s)),
        (side(), point()).prop_map(|(s, b)| Date::Until(s, b)),
    ]
}

// ---------------------------------------------------------------- helpers

/// Whether `s` can be a folder or file name on every system we build on.
fn assert_safe_segment(s: &str, what: &str) {
    assert!(!s.is_empty(), "{what}: empty slug");
    assert!(s.len() <= 255, "{what}: slug of {} bytes", s.len());
    assert!(
        !s.contains(['/', '\\', '\0']) && !s.contains("..") && !s.starts_with('.'),
        "{what}: unsafe slug `{s}`"
    );
    assert!(
        s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "{what}: slug `{s}` is not lowercase ASCII, digits and `-`"
    );
}

fn mentions() -> Mentions {
    Mentions::new([
        (
            "actors/vladimir-putin/".to_string(),
            vec!["Vladimir Putin", "Putin"],
        ),
        ("actors/obrien/".to_string(), vec!["O'Brien", "中国"]),
    ])
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).expect("selector")
}

/// Text the HTML parser keeps as written: it turns CR and CRLF into LF and drops or
/// replaces NUL, whatever the escaping (authors' text is normalised before this).
fn html_text() -> impl Strategy<Value = String> {
    prop_oneof![nasty_string(64), any::<String>()].prop_map(|s| s.replace(['\r', '\0'], ""))
}

/// Characters XML 1.0 allows in a document (`Char`), less CR, which parsers turn
/// into LF. Other C0 controls cannot be written in XML 1.0 at all, escaped or not:
/// front matter rejects them and Markdown text drops them before they get here.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

fn xml_text() -> impl Strategy<Value = String> {
    prop_oneof![nasty_string(64), any::<String>()]
        .prop_map(|s| s.chars().filter(|&c| is_xml_char(c)).collect())
}

fn render_tera(name: &str, template: &str, s: &str) -> String {
    let mut tera = tera::Tera::default();
    tera.add_raw_template(name, template).expect("template");
    let mut ctx = tera::Context::new();
    ctx.insert("s", s);
    tera.render(name, &ctx).expect("render")
}

// ---------------------------------------------------------------- properties

/// `n` cases, unless `PROPTEST_CASES` asks for more (or fewer) for a deeper run.
fn cases(n: u32) -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = n;
    }
    config
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn dates_never_panic(s in prop_oneof![
        nasty_string(40),
        "[0-9?~%/.TZ:+ -]{0,32}",
        "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?[?~%]?(/[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?[?~%]?)?",
        "(\\.\\.|[0-9]{4}(-[0-9]{2})?[?~%]?)?/(\\.\\.|[0-9]{4}(-[0-9]{2})?[?~%]?)?",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}(:[0-9]{2})?)?[?~%]?",
    ]) {
        if let Ok(d) = Date::parse(&s) {
            let _ = (d.display(), d.sort_key(), d.precision(), d.certainty());
            prop_assert!(d.first_day() <= d.last_day());
            // Whatever parses is written back in the grammar's form, which parses again.
            prop_assert_eq!(Date::parse(&d.iso()), Ok(d));
        }
        if let Ok(day) = Day::parse(&s) {
            let _ = day.display();
            prop_assert_eq!(Day::parse(&day.iso()), Ok(day));
        }
    }

    #[test]
    fn dates_round_trip_through_their_written_form(d in date()) {
        // `iso` is what data files, `title` and `<time datetime>` carry.
        let written = d.iso();
        prop_assert_eq!(Date::parse(&written), Ok(d), "written as `{}`", written);
        prop_assert!(!d.display().is_empty());
        // HTML's `datetime` and schema.org get plain ISO 8601: no EDTF marks.
        let machine = d.html_datetime();
        prop_assert!(!machine.contains(['?', '~', '%', '/']) && !machine.contains(".."), "{}", machine);
        prop_assert!(d.first_day() <= d.last_day());
        // A statement's `<time datetime>` is its first day, an exact day.
        let first = d.first_day().to_string();
        prop_assert_eq!(Day::parse(&first).map(|x| x.0), Ok(d.first_day()));
    }

    #[test]
    fn dates_read_back_from_front_matter_as_authors_write_them(d in date()) {
        // Unquoted, as in `date: 2020-10-02?`: YAML may read `2020` or `0999` as a number.
        #[derive(serde::Deserialize)]
        struct Dated {
            date: Date,
        }
        let text = format!("---\ndate: {}\n---\n", d.iso());
        let split = front_matter::split(&text).expect("split");
        let (back, problems) = front_matter::parse::<Dated>(Path::new("x.md"), &text, &split);
        let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
        prop_assert_eq!(problems, Vec::<String>::new(), "written as `{}`", d.iso());
        prop_assert_eq!(back.map(|x| x.date), Some(d), "written as `{}`", d.iso());
    }

    #[test]
    fn timed_dates_of_one_day_sort_by_their_utc_instant(a in timed(), b in timed()) {
        // The same written day for both, so only the clocks and offsets differ.
        let b = Point { year: a.year, month: a.month, day: a.day, ..b };
        let instant = |p: &Point| {
            let t = p.time.expect("timed");
            let dt = p.first_day().at(t.hour, t.minute, t.second.unwrap_or(0), 0);
            jiff::tz::Offset::from_seconds(i32::from(t.offset) * 60)
                .and_then(|o| o.to_timestamp(dt))
                .ok()
        };
        prop_assume!(instant(&a).is_some() && instant(&b).is_some());
        let (da, db) = (Date::Point(a), Date::Point(b));
        prop_assert_eq!(
            da.sort_key().cmp(&db.sort_key()),
            instant(&a).cmp(&instant(&b)),
            "{} vs {}", da.iso(), db.iso()
        );
        // And an untimed date of that day comes before both.
        let untimed = Date::Point(Point { time: None, ..a });
        prop_assert!(untimed.sort_key() < da.sort_key());
    }

    #[test]
    fn days_round_trip(y in 0i16..=9999, m in 1i8..=12, dd in 1i8..=31) {
        let day = jiff::civil::date(y, m, dd.min(jiff::civil::date(y, m, 1).days_in_month()));
        let written = Day(day).iso();
        prop_assert_eq!(Day::parse(&written), Ok(Day(day)));
        prop_assert_eq!(Date::parse(&written), Ok(Date::day(day)));
    }

    #[test]
    fn front_matter_split_never_panics_and_cuts_at_its_offsets(text in any_file()) {
        if let Ok(split) = front_matter::split(&text) {
            prop_assert_eq!(&text[split.yaml_offset..][..split.yaml.len()], split.yaml);
            prop_assert_eq!(&text[split.body_offset..], split.body);
            let path = Path::new("content/briefings/x.md");
            for d in [
                front_matter::parse::<BriefingMeta>(path, &text, &split).1,
                front_matter::parse::<ActorMeta>(path, &text, &split).1,
                front_matter::parse::<PageMeta>(path, &text, &split).1,
            ]
            .into_iter()
            .flatten()
            {
                let _ = (d.to_string(), d.render_snippet(Some(&text)));
            }
        }
    }

    #[test]
    fn content_files_never_panic(
        text in any_file(),
        unsafe_html in any::<bool>(),
    ) {
        let base = markdown::Dialect { unsafe_html };
        let show = |d: &sitroom::diagnostic::Diagnostic| {
            let _ = (d.to_string(), d.render_snippet(Some(&text)));
        };
        let ids: HashMap<&str, usize> = [("vladimir-putin", 0), ("obrien", 1)].into_iter().collect();
        let table = ActorTable { ids };
        let m = mentions();
        let (doc, diags) = parse::briefing(
            Path::new("content/briefings/2020-10-02-talks.md"), &text, &table, &m, base,
        );
        diags.iter().for_each(show);
        let errors = diags.iter().any(|d| d.severity == sitroom::diagnostic::Severity::Error);
        if let (Some(doc), false) = (doc, errors) {
            assert_safe_segment(&doc.slug, "briefing slug");
            for tag in &doc.tags {
                assert_safe_segment(&slugify(tag), "tag slug");
            }
        }
        let (_, ds) = parse::actor(Path::new("content/actors/vladimir-putin.md"), &text, base);
        ds.iter().for_each(show);
        let (page, ds) = parse::page(Path::new("content/pages/about.md"), &text, base);
        ds.iter().for_each(show);
        if let Some(page) = page {
            assert_safe_segment(&page.slug, "page slug");
        }
    }

    #[test]
    fn slugs_are_safe_path_segments(text in prop_oneof![
        nasty_string(80),
        any::<String>(),
        "[a-z0-9-]{0,400}",
        "[a-zA-Z0-9 ._/-]{0,400}",
        proptest::collection::vec(select(vec!["中", "Пашинян", "..", "/", ".", "-", "Erdoğan", "\u{1f600}"]), 0..200)
            .prop_map(|v| v.concat()),
    ]) {
        let slug = slugify(&text);
        if !slug.is_empty() {
            assert_safe_segment(&slug, "slugify");
            prop_assert!(is_valid_id(&slug), "slugify gave `{}`, which is_valid_id refuses", slug);
        }
        if is_valid_id(&text) {
            assert_safe_segment(&text, "is_valid_id");
        }
    }

    #[test]
    fn accepted_slugs_and_file_names_are_safe(
        slug in prop_oneof![nasty_string(40), "[a-z0-9-]{200,400}", "[a-z0-9.-]{0,40}", "[a-z0-9/.-]{0,20}"],
        stem in prop_oneof![
            "[a-zA-Z0-9 ._-]{0,240}",
            proptest::collection::vec(select(vec!["中", "Пашинян", "..", ".", "-", "a", "\u{1f600}"]), 0..60)
                .prop_map(|v| v.concat()),
        ],
        explicit in any::<bool>(),
    ) {
        // A file name is at most 255 bytes; slugs derived from it may grow (中 → zhong).
        prop_assume!(!stem.is_empty() && stem.len() <= 250);
        let slug_line = if explicit {
            format!("slug: \"{}\"\n", slug.replace('\\', "\\\\").replace('"', "\\\""))
        } else {
            String::new()
        };
        let text = format!("---\ntitle: T\ndate: 2020-10-02\n{slug_line}---\nBody\n");
        if let (Some(page), _) = parse::page(Path::new(&format!("content/pages/{stem}.md")), &text, markdown::Dialect::new()) {
            assert_safe_segment(&page.slug, "page slug");
        }
        let table = ActorTable { ids: HashMap::new() };
        let (doc, diags) = parse::briefing(
            Path::new(&format!("content/briefings/{stem}.md")), &text, &table, &Mentions::new([]), markdown::Dialect::new(),
        );
        let errors = diags.iter().any(|d| d.severity == sitroom::diagnostic::Severity::Error);
        if let (Some(doc), false) = (doc, errors) {
            assert_safe_segment(&doc.slug, "briefing slug");
        }
    }

    #[test]
    fn html_escaping_reads_back(s in html_text()) {
        // The writers code uses (SVG, mentions, code blocks) ...
        let mut text = String::new();
        pulldown_cmark_escape::escape_html_body_text(&mut text, &s).expect("String write");
        let mut attr = String::new();
        pulldown_cmark_escape::escape_html(&mut attr, &s).expect("String write");
        let doc = format!(
            "<!DOCTYPE html><html><head><title>t</title></head><body><p id=\"t\" title=\"{attr}\">{text}</p><p id=\"u\">{attr}</p></body></html>"
        );
        // ... and Tera's autoescaping in templates.
        let templated = render_tera(
            "t.html",
            "<!DOCTYPE html><html><head><title>t</title></head><body><p id=\"t\" title=\"{{ s }}\">{{ s }}</p><p id=\"u\">{{ s }}</p></body></html>",
            &s,
        );
        for html in [doc, templated] {
            let page = Html::parse_document(&html);
            let p = page.select(&sel("#t")).next().expect("the <p> survives");
            prop_assert_eq!(p.text().collect::<String>(), s.clone());
            prop_assert_eq!(p.value().attr("title"), Some(s.as_str()));
            let u = page.select(&sel("#u")).next().expect("the second <p> survives");
            prop_assert_eq!(u.text().collect::<String>(), s.clone());
        }
    }

    #[test]
    fn xml_escaping_reads_back(s in xml_text()) {
        // Tera escapes `.xml` templates (atom.xml, sitemap.xml) like HTML.
        let xml = render_tera(
            "t.xml",
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed a=\"{{ s }}\"><title>{{ s }}</title></feed>",
            &s,
        );
        let doc = roxmltree::Document::parse(&xml)
            .map_err(|e| TestCaseError::fail(format!("ill-formed XML: {e}\n{xml}")))?;
        let root = doc.root_element();
        let title = root.first_element_child().expect("<title>");
        prop_assert_eq!(title.text().unwrap_or(""), s.as_str());
        // XML turns tabs and newlines in attribute values into spaces.
        let flat = s.replace(['\t', '\n'], " ");
        prop_assert_eq!(root.attribute("a"), Some(flat.as_str()));
    }

    #[test]
    fn json_reads_back(s in prop_oneof![nasty_string(64), any::<String>()]) {
        let json = serde_json::to_string(&s).expect("serialize");
        prop_assert_eq!(serde_json::from_str::<String>(&json).expect("parse"), s.clone());
        // JSON-LD inside `<script>`: no string can close the element or change its text.
        let value = serde_json::json!({ "@type": "Quotation", "text": s });
        let html = format!(
            "<!DOCTYPE html><html><head><title>t</title><script type=\"application/ld+json\">{}</script></head><body><p id=\"after\">x</p></body></html>",
            sitroom::structured::script_json(&value)
        );
        let page = Html::parse_document(&html);
        let script: String = page.select(&sel("script")).next().expect("script").text().collect();
        let back: serde_json::Value = serde_json::from_str(&script)
            .map_err(|e| TestCaseError::fail(format!("{e}: {script}")))?;
        prop_assert_eq!(back, value);
        prop_assert_eq!(page.select(&sel("script")).count(), 1);
        prop_assert!(page.select(&sel("#after")).next().is_some());
    }

    #[test]
    fn csv_reads_back(fields in proptest::collection::vec(prop_oneof![nasty_string(32), any::<String>()], 1..5)) {
        // As `data::statements_csv` writes it: a header row, then the records. (The
        // header matters: a reader takes a leading U+FEFF in the first field for a
        // byte-order mark.)
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(fields.iter().map(|_| "h")).expect("write");
        w.write_record(&fields).expect("write");
        w.write_record(&fields).expect("write");
        let bytes = w.into_inner().expect("flush");
        let mut r = csv::Reader::from_reader(bytes.as_slice());
        let rows: Vec<Vec<String>> = r
            .records()
            .map(|rec| rec.expect("a record").iter().map(str::to_string).collect())
            .collect();
        prop_assert_eq!(rows, vec![fields.clone(), fields]);
    }
}

proptest! {
    #![proptest_config(cases(128))]

    #[test]
    fn markdown_never_panics(
        source in prop_oneof![4 => markdown_text(), 1 => nested_markdown(), 1 => any::<String>()],
        with_mentions in any::<bool>(),
        unsafe_html in any::<bool>(),
    ) {
        let base = markdown::Dialect { unsafe_html };
        let m = mentions();
        let r = markdown::render(&source, with_mentions.then_some(&m), base);
        for hit in &r.relative_dates {
            prop_assert!(source.get(hit.offset..).is_some(), "offset {} not in the source", hit.offset);
        }
        let mut ids = r.heading_ids.clone();
        ids.sort();
        ids.dedup();
        prop_assert_eq!(ids.len(), r.heading_ids.len(), "heading ids repeat: {:?}", r.heading_ids);
        prop_assert!(r.mentioned.iter().all(|&a| a < 2));
    }
}
