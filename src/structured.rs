//! JSON-LD for search engines and archives: `NewsArticle` for briefings (with
//! corrections and quotations), `Person`/`Organization` for actors.

use serde_json::{Value, json};

use crate::front_matter::ActorKind;
use crate::model::{Actor, Site};

/// JSON for a `<script type="application/ld+json">` block: `<`, `>` and `&` are
/// escaped so no string can close the script element.
pub fn script_json(value: &Value) -> String {
    let text = serde_json::to_string(value).expect("JSON values serialize");
    text.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

fn actor_ld(site: &Site, a: &Actor) -> Value {
    let kind = match a.kind {
        ActorKind::Person => "Person",
        ActorKind::State => "Country",
        ActorKind::Organization | ActorKind::ArmedGroup => "Organization",
    };
    let mut v = json!({
        "@type": kind,
        "name": a.name,
        "url": site.base.permalink(&format!("actors/{}/", a.id)),
    });
    if let Some(q) = &a.wikidata {
        v["sameAs"] = json!(format!("https://www.wikidata.org/wiki/{q}"));
    }
    if !a.aliases.is_empty() || !a.names.is_empty() {
        let alt: Vec<&str> = a.aliases.iter().map(String::as_str).chain(a.names.values().map(String::as_str)).collect();
        v["alternateName"] = json!(alt);
    }
    v
}

/// `Person`, `Country` or `Organization` for an actor page.
pub fn actor(site: &Site, ix: usize) -> String {
    let a = &site.actors[ix];
    let mut v = actor_ld(site, a);
    v["@context"] = json!("https://schema.org");
    if let Some(role) = a.roles.last() {
        v["jobTitle"] = json!(role.title);
    }
    script_json(&v)
}

/// `NewsArticle` for a briefing, with its statements as `Quotation`s.
pub fn briefing(site: &Site, ix: usize) -> String {
    let b = &site.briefings[ix];
    let url = site.base.permalink(&format!("briefings/{}/", b.slug));
    let quotations: Vec<Value> = b
        .statements
        .iter()
        .map(|&s| &site.statements[s])
        .filter(|s| s.quote.is_some())
        .map(|s| {
            let speakers: Vec<Value> = s.speakers.iter().map(|&a| actor_ld(site, &site.actors[a])).collect();
            let mut q = json!({
                "@type": "Quotation",
                "text": s.quote,
                "spokenByCharacter": speakers,
                "temporalCoverage": s.date.iso(),
                "url": format!("{url}#s-{}", s.number),
            });
            if let Some(src) = &s.source {
                q["isBasedOn"] = json!({"@type": "CreativeWork", "publisher": src.outlet, "url": src.url});
            }
            q
        })
        .collect();
    let mentions: Vec<Value> = b.actors.iter().map(|&a| actor_ld(site, &site.actors[a])).collect();
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": b.title,
        "description": b.summary,
        "datePublished": b.date.iso(),
        "dateModified": b.updated.unwrap_or(b.date).iso(),
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": site.config.language,
        "keywords": b.tags,
        "mentions": mentions,
        "citation": b.sources.iter().map(|s| json!({"@type": "CreativeWork", "publisher": s.outlet, "url": s.url})).collect::<Vec<_>>(),
    });
    if !quotations.is_empty() {
        v["hasPart"] = json!(quotations);
    }
    if let Some(author) = &site.config.author {
        v["author"] = json!({"@type": "Organization", "name": author});
    }
    if !b.corrections.is_empty() {
        v["correction"] = json!(b
            .corrections
            .iter()
            .map(|c| json!({"@type": "CorrectionComment", "text": c.note, "datePublished": c.date.iso()}))
            .collect::<Vec<_>>());
    }
    script_json(&v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script() {
        let s = script_json(&json!({"t": "</script><b>&"}));
        assert!(!s.contains("</script>"));
        assert_eq!(serde_json::from_str::<Value>(&s).unwrap()["t"], "</script><b>&");
    }
}
