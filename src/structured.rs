//! JSON-LD for search engines and archives: `NewsArticle` for briefings (with
//! corrections and quotations), `Person`/`Country`/`Organization` for actors.
//! Typed structs, serialized once per page.

use serde::Serialize;

use crate::date::Date;
use crate::front_matter::Source;
use crate::model::ActorKind;
use crate::model::{Actor, Site};
use crate::route::{Route, statement_anchor};

pub mod claim_review;

/// JSON for a `<script type="application/ld+json">` block: `<`, `>` and `&` are
/// escaped so no string can close the script element.
pub fn script_json<T: Serialize>(value: &T) -> String {
    let text = serde_json::to_string(value).expect("JSON-LD serializes");
    if !text.contains(['<', '>', '&']) {
        return text;
    }
    text.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[derive(Serialize)]
struct Thing<'a> {
    #[serde(rename = "@context", skip_serializing_if = "Option::is_none")]
    context: Option<&'static str>,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    /// Left out in relative mode without a public URL (JSON-LD wants absolute URLs).
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(rename = "sameAs", skip_serializing_if = "Option::is_none")]
    same_as: Option<String>,
    #[serde(rename = "alternateName", skip_serializing_if = "Vec::is_empty")]
    alternate_name: Vec<&'a str>,
    #[serde(rename = "jobTitle", skip_serializing_if = "Option::is_none")]
    job_title: Option<&'a str>,
}

fn thing<'a>(site: &Site, a: &'a Actor) -> Thing<'a> {
    let kind = match a.kind {
        ActorKind::Person => "Person",
        ActorKind::State => "Country",
        ActorKind::Organization | ActorKind::ArmedGroup => "Organization",
    };
    Thing {
        context: None,
        kind,
        name: &a.name,
        url: Route::Actor(a.id.clone()).permalink(&site.base),
        same_as: a
            .wikidata
            .as_ref()
            .map(|q| format!("https://www.wikidata.org/wiki/{q}")),
        alternate_name: Vec::new(),
        job_title: None,
    }
}

/// `Person`, `Country` or `Organization` for an actor page.
pub fn actor(site: &Site, ix: usize) -> String {
    let a = &site.actors[ix];
    let mut t = thing(site, a);
    t.context = Some("https://schema.org");
    t.alternate_name = a
        .aliases
        .iter()
        .map(String::as_str)
        .chain(a.names.values().map(String::as_str))
        .collect();
    // The role held now: one without an end (the latest-starting if several). A
    // role that has ended is history, not a job title; the build date must not
    // matter, so "now" is "no end given".
    t.job_title = a
        .roles
        .iter()
        .filter(|r| r.end.is_none())
        .max_by_key(|r| r.start.map(|s| s.first_day()))
        .map(|r| r.title.as_str());
    script_json(&t)
}

#[derive(Serialize)]
struct Work<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    /// The outlet, as schema.org wants a publisher: an `Organization` with a name.
    publisher: Author<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

fn work(s: &Source) -> Work<'_> {
    Work {
        kind: "CreativeWork",
        publisher: Author {
            kind: "Organization",
            name: &s.outlet,
        },
        url: s.url.as_deref(),
    }
}

/// A date as plain ISO 8601 for schema.org (whose parsers reject EDTF's `?` and
/// `~`): the date at the precision it has (`2021-04-09`, `2021-04`, `2021`), an
/// interval as ISO 8601's `start/end`, which `temporalCoverage` allows. The page
/// and the data files keep the EDTF form.
fn iso_8601(d: &Date) -> String {
    match d {
        Date::Point(p) => p.html_datetime(),
        Date::Closed(a, b) => format!("{}/{}", a.html_datetime(), b.html_datetime()),
        // schema.org writes an open end of temporalCoverage as `..`.
        Date::From(a, _) => format!("{}/..", a.html_datetime()),
        Date::Until(_, b) => format!("../{}", b.html_datetime()),
    }
}

#[derive(Serialize)]
struct Quotation<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    text: &'a str,
    #[serde(rename = "spokenByCharacter")]
    spoken_by: Vec<Thing<'a>>,
    #[serde(rename = "temporalCoverage")]
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(rename = "isBasedOn", skip_serializing_if = "Option::is_none")]
    based_on: Option<Work<'a>>,
}

#[derive(Serialize)]
struct CorrectionComment<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    text: &'a str,
    #[serde(rename = "datePublished")]
    date: String,
}

#[derive(Serialize)]
struct Author<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    description: &'a str,
    #[serde(rename = "datePublished")]
    published: String,
    #[serde(rename = "dateModified")]
    modified: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(rename = "mainEntityOfPage", skip_serializing_if = "Option::is_none")]
    main_entity: Option<&'a str>,
    #[serde(rename = "inLanguage")]
    language: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    keywords: &'a [String],
    mentions: Vec<Thing<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    citation: Vec<Work<'a>>,
    #[serde(rename = "hasPart", skip_serializing_if = "Vec::is_empty")]
    quotations: Vec<Quotation<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Author<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    correction: Vec<CorrectionComment<'a>>,
}

/// `NewsArticle` for a briefing, with its quoted statements as `Quotation`s.
pub fn briefing(site: &Site, ix: usize) -> String {
    let b = &site.briefings[ix];
    let url = Route::Briefing(b.slug.clone()).permalink(&site.base);
    let quotations = b
        .statements
        .iter()
        .map(|&s| &site.statements[s])
        .filter_map(|s| {
            Some(Quotation {
                kind: "Quotation",
                text: s.quote.as_deref()?,
                spoken_by: s
                    .speakers
                    .iter()
                    .map(|&a| thing(site, &site.actors[a]))
                    .collect(),
                date: iso_8601(&s.date),
                url: url.as_ref().map(|u| format!("{u}#{}", statement_anchor(s))),
                based_on: s.source.as_ref().map(work),
            })
        })
        .collect();
    let article = NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        headline: &b.title,
        description: &b.summary,
        published: b.date.iso(),
        modified: b.updated.unwrap_or(b.date).iso(),
        url: url.as_deref(),
        main_entity: url.as_deref(),
        language: site.language_code(),
        keywords: &b.tags,
        mentions: b
            .actors
            .iter()
            .map(|&a| thing(site, &site.actors[a]))
            .collect(),
        citation: b.sources.iter().map(work).collect(),
        quotations,
        author: site.config.author.as_deref().map(|name| Author {
            kind: "Organization",
            name,
        }),
        correction: b
            .corrections
            .iter()
            .map(|c| CorrectionComment {
                kind: "CorrectionComment",
                text: &c.note,
                date: c.date.iso(),
            })
            .collect(),
    };
    script_json(&article)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_org_dates_are_plain_iso_8601() {
        let iso = |s: &str| iso_8601(&Date::parse(s).unwrap());
        assert_eq!(iso("2021-04-09?"), "2021-04-09");
        assert_eq!(iso("2020-10~"), "2020-10");
        assert_eq!(iso("2020"), "2020");
        assert_eq!(iso("2021-03-02?/2021-03-03"), "2021-03-02/2021-03-03");
    }

    #[test]
    fn script_json_cannot_close_the_script() {
        let s = script_json(&serde_json::json!({"t": "</script><b>&"}));
        assert!(!s.contains("</script>"));
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&s).unwrap()["t"],
            "</script><b>&"
        );
    }
}
