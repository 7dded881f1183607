//! schema.org `ClaimReview` for statements with a `factcheck:`, one node each, as
//! one JSON-LD array per briefing page (none when no statement is fact-checked).
//!
//! The rating goes on schema.org's usual 1–5 scale (1 = false, 5 = true): false 1,
//! misleading and mostly false 2, mixed 3, mostly true 4, true 5. `unproven` has
//! no place on that scale: it carries only its words (`alternateName`).

use serde::Serialize;

use crate::date::Precision;
use crate::model::{ActorKind, Site, Statement};
use crate::route::{Route, statement_anchor};

#[derive(Serialize)]
struct ClaimReview<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    /// The statement's permalink; left out when the site has no absolute URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(rename = "claimReviewed")]
    claim_reviewed: &'a str,
    #[serde(rename = "datePublished")]
    date_published: String,
    author: Named<'a>,
    #[serde(rename = "itemReviewed")]
    item_reviewed: Claim<'a>,
    #[serde(rename = "reviewRating")]
    review_rating: Rating,
    #[serde(rename = "reviewBody", skip_serializing_if = "Option::is_none")]
    review_body: Option<&'a str>,
    /// The full fact-check the desk relied on, if linked.
    #[serde(rename = "isBasedOn", skip_serializing_if = "Option::is_none")]
    based_on: Option<&'a str>,
}

/// A `Person` or `Organization` with its name and page.
#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct Claim<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    author: Vec<Named<'a>>,
    /// The day it was said, only when the statement's date is a day.
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    /// Where it was reported, when the source has a URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    appearance: Option<Appearance<'a>>,
}

#[derive(Serialize)]
struct Appearance<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: &'a str,
    publisher: Named<'a>,
}

#[derive(Serialize)]
struct Rating {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "alternateName")]
    alternate_name: String,
    #[serde(rename = "ratingValue", skip_serializing_if = "Option::is_none")]
    rating_value: Option<u8>,
    #[serde(rename = "bestRating", skip_serializing_if = "Option::is_none")]
    best_rating: Option<u8>,
    #[serde(rename = "worstRating", skip_serializing_if = "Option::is_none")]
    worst_rating: Option<u8>,
}

/// The JSON-LD (for a `<script type="application/ld+json">`) of briefing `ix`'s
/// fact-checked statements: an array of `ClaimReview`, or `None` if there are none.
pub fn briefing(site: &Site, ix: usize) -> Option<String> {
    let b = &site.briefings[ix];
    let reviews: Vec<ClaimReview<'_>> = (b.statements.iter())
        .filter_map(|&s| review(site, &site.statements[s]))
        .collect();
    (!reviews.is_empty()).then(|| super::script_json(&reviews))
}

fn review<'a>(site: &'a Site, s: &'a Statement) -> Option<ClaimReview<'a>> {
    let check = s.factcheck.as_ref()?;
    let b = &site.briefings[s.briefing];
    let score = check.rating.score();
    Some(ClaimReview {
        context: "https://schema.org",
        kind: "ClaimReview",
        url: Route::Briefing(b.slug.clone()).permalink_to(&site.base, &statement_anchor(s)),
        claim_reviewed: s.quote.as_deref().or(s.summary.as_deref()).unwrap_or(""),
        date_published: b.date.iso(),
        author: Named {
            kind: "Organization",
            name: &site.config.title,
            url: Route::Home(1).permalink(&site.base),
        },
        item_reviewed: Claim {
            kind: "Claim",
            author: (s.speakers.iter()).map(|&a| speaker(site, a)).collect(),
            date_published: (s.date.precision() == Precision::Day)
                .then(|| s.date.first_day().to_string()),
            appearance: s.source.as_ref().and_then(|src| {
                Some(Appearance {
                    kind: "CreativeWork",
                    url: src.url.as_deref().filter(|u| u.starts_with("http"))?,
                    publisher: Named {
                        kind: "Organization",
                        name: &src.outlet,
                        url: None,
                    },
                })
            }),
        },
        review_rating: Rating {
            kind: "Rating",
            alternate_name: site
                .locale
                .text(&format!("factcheck-rating-{}", check.rating.id()))
                .into_owned(),
            rating_value: score,
            best_rating: score.map(|_| 5),
            worst_rating: score.map(|_| 1),
        },
        review_body: check.note.as_deref(),
        based_on: check.url.as_deref(),
    })
}

/// A speaker as the claim's author: a person is a `Person`; a state, organisation
/// or armed group speaks as an `Organization`.
fn speaker(site: &Site, a: usize) -> Named<'_> {
    let actor = &site.actors[a];
    Named {
        kind: match actor.kind {
            ActorKind::Person => "Person",
            ActorKind::State | ActorKind::Organization | ActorKind::ArmedGroup => "Organization",
        },
        name: &actor.name,
        url: Route::Actor(actor.id.clone()).permalink(&site.base),
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Rating;

    #[test]
    fn every_rating_has_words_in_the_built_in_locale() {
        let locale = crate::i18n::Locale::english();
        for r in Rating::ALL {
            let id = format!("factcheck-rating-{}", r.id());
            assert!(locale.has(&id), "en.ftl lacks {id}");
        }
    }

    #[test]
    fn ratings_map_onto_one_to_five() {
        let scores: Vec<Option<u8>> = Rating::ALL.iter().map(|r| r.score()).collect();
        assert_eq!(
            scores,
            [Some(1), Some(2), Some(2), Some(3), Some(4), Some(5), None]
        );
    }
}
