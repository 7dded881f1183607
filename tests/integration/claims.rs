//! Statement ids, disputes and fact-checks: anchors and permalinks, "Disputes …" /
//! "Disputed by …" links both ways, badges on list pages, the data files, schema.org
//! `ClaimReview` checked against a table of the vocabulary, and the errors.

use serde_json::Value;

use crate::harness::{Page, Site, sel};

fn built() -> Site {
    let site = Site::fixture("claims");
    site.build_ok(&[]);
    site
}

/// `(href, text)` of the dispute links in the statement card with HTML id `id`.
fn dispute_links(page: &Page, id: &str) -> Vec<(String, String)> {
    page.select(&format!("li.statement[id=\"{id}\"] ul.disputes a"))
        .into_iter()
        .map(|a| {
            (
                a.value().attr("href").unwrap().to_string(),
                crate::harness::text_of(a),
            )
        })
        .collect()
}

#[test]
fn ids_give_anchors_and_old_numbered_anchors_still_land() {
    let site = built();
    let page = site.page("/briefings/first/");
    // Date order; named statements are `s-<id>`, the unnamed one keeps `s-2`.
    assert_eq!(
        page.attrs("li.statement", "id"),
        ["s-closure-notice", "s-bridge-claim", "s-2"]
    );
    // Each named card holds its number as an empty second target.
    assert_eq!(page.attrs("li.statement > span[id]", "id"), ["s-3", "s-1"]);
    assert_eq!(
        page.attrs("li.statement a.permalink", "href"),
        [
            "/desk/briefings/first/#s-closure-notice",
            "/desk/briefings/first/#s-bridge-claim",
            "/desk/briefings/first/#s-2"
        ]
    );
    // The statement list at the top and the correction follow the ids.
    assert_eq!(
        page.attrs(".statement-index a[href^='#s-']", "href"),
        ["#s-closure-notice", "#s-bridge-claim", "#s-2"]
    );
    assert_eq!(
        page.attrs(".corrections a", "href"),
        ["/desk/briefings/first/#s-closure-notice"]
    );
    // A heading whose id would look like a statement anchor moves out of the way.
    assert_eq!(page.attrs(".body h2", "id"), ["h-s-band-radar"]);
}

#[test]
fn disputes_link_both_ways_with_speaker_and_date() {
    let site = built();
    let first = site.page("/briefings/first/");
    let second = site.page("/briefings/second/");
    assert_eq!(
        dispute_links(&second, "s-ministry-denial"),
        [
            (
                "/desk/briefings/first/#s-closure-notice".to_string(),
                "Disputes River Ministry, 28 Feb 2021".to_string()
            ),
            (
                "/desk/briefings/first/#s-2".to_string(),
                "Disputes River Ministry, 1 Mar 2021".to_string()
            ),
        ]
    );
    for id in ["s-closure-notice", "s-2"] {
        assert_eq!(
            dispute_links(&first, id),
            [(
                "/desk/briefings/second/#s-ministry-denial".to_string(),
                "Disputed by River Ministry, 4 Mar 2021".to_string()
            )]
        );
    }
    assert!(dispute_links(&first, "s-bridge-claim").is_empty());
}

#[test]
fn timeline_and_actor_pages_mark_disputes_in_words() {
    let site = built();
    for url in ["/timeline/", "/actors/river-ministry/"] {
        let page = site.page(url);
        let label = |id: &str| {
            page.texts(&format!("li.statement[id=\"{id}\"] .badge-disputes, li.statement[id=\"{id}\"] .badge-disputed-by"))
        };
        assert_eq!(
            label("ministry-denial"),
            ["contradicts another statement"],
            "{url}"
        );
        assert_eq!(
            label("closure-notice"),
            ["contradicted by another statement"],
            "{url}"
        );
        assert_eq!(
            label("first-2"),
            ["contradicted by another statement"],
            "{url}"
        );
        // Old numbered anchors appear only on the briefing's own page.
        assert!(page.select("li.statement > span[id]").is_empty(), "{url}");
        assert_eq!(
            page.attrs("li.statement[id=\"ministry-denial\"] ul.disputes a", "href"),
            [
                "/desk/briefings/first/#s-closure-notice",
                "/desk/briefings/first/#s-2"
            ]
        );
    }
}

#[test]
fn fact_checks_show_rating_note_and_link() {
    let site = built();
    let page = site.page("/briefings/first/");
    assert_eq!(
        page.texts("li.statement .factcheck"),
        [
            "Fact-check: False Satellite images show the bridge closed on 28 February. Read the fact-check",
            "Fact-check: Unproven"
        ]
    );
    assert_eq!(
        page.attrs("li.statement .factcheck a", "href"),
        ["https://checks.example/bridge"]
    );
}

/// A statement's id, disputes, disputed-by ids and rating, from statements.json.
type Row<'a> = (&'a str, Vec<&'a str>, Vec<&'a str>, Option<&'a str>);

#[test]
fn data_files_carry_ids_disputes_and_fact_checks() {
    let site = built();
    let json: Value = serde_json::from_str(&site.read("data/statements.json")).unwrap();
    let rows: Vec<Row<'_>> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let ids = |k: &str| -> Vec<&str> {
                r[k].as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap())
                    .collect()
            };
            (
                r["id"].as_str().unwrap(),
                ids("disputes"),
                ids("disputed_by"),
                r["factcheck"]["rating"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("closure-notice", vec![], vec!["ministry-denial"], None),
            ("bridge-claim", vec![], vec![], Some("false")),
            ("first-2", vec![], vec!["ministry-denial"], Some("unproven")),
            (
                "ministry-denial",
                vec!["closure-notice", "first-2"],
                vec![],
                None
            ),
        ]
    );
    assert_eq!(
        json[1]["briefing_url"],
        "https://example.org/desk/briefings/first/#s-bridge-claim"
    );
    assert_eq!(
        json[1]["factcheck"]["note"],
        "Satellite images show the bridge closed on 28 February."
    );
    let csv = site.read("data/statements.csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (id, disputes, rating) = (col("id"), col("disputes"), col("factcheck"));
    let got: Vec<(String, String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[id].to_string(),
                r[disputes].to_string(),
                r[rating].to_string(),
            )
        })
        .collect();
    let own = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        got,
        [
            own("closure-notice", "", ""),
            own("bridge-claim", "", "false"),
            own("first-2", "", "unproven"),
            own("ministry-denial", "closure-notice;first-2", ""),
        ]
    );
}

/// The JSON-LD blocks of a page, parsed.
fn json_ld(page: &Page) -> Vec<Value> {
    page.html
        .select(&sel("script[type='application/ld+json']"))
        .map(|s| serde_json::from_str(&s.inner_html()).expect("JSON-LD parses"))
        .collect()
}

#[test]
fn claim_reviews_use_the_vocabulary_correctly() {
    let site = built();
    let page = site.page("/briefings/first/");
    assert!(
        !page.source.contains("never closed </script>"),
        "a quote closed the script element"
    );
    let blocks = json_ld(&page);
    let reviews: Vec<&Value> = blocks
        .iter()
        .filter_map(Value::as_array)
        .flatten()
        .filter(|n| n["@type"] == "ClaimReview")
        .collect();
    assert_eq!(reviews.len(), 2);
    for r in &reviews {
        let problems = schema::check(r, "ClaimReview");
        assert!(problems.is_empty(), "{problems:#?}\n{r:#}");
        let missing = schema::google_claim_review_missing(r);
        assert!(missing.is_empty(), "missing {missing:?} in {r:#}");
    }
    let r = reviews[0];
    assert_eq!(
        r["claimReviewed"],
        "The bridge was never closed </script><b>."
    );
    assert_eq!(
        r["url"],
        "https://example.org/desk/briefings/first/#s-bridge-claim"
    );
    assert_eq!(r["datePublished"], "2021-03-02");
    assert_eq!(r["author"]["@type"], "Organization");
    assert_eq!(r["author"]["name"], "Claims Desk");
    assert_eq!(r["author"]["url"], "https://example.org/desk/");
    let claim = &r["itemReviewed"];
    assert_eq!(claim["author"][0]["@type"], "Person");
    assert_eq!(claim["author"][0]["name"], "Ana Lind");
    assert_eq!(
        claim["author"][0]["url"],
        "https://example.org/desk/actors/ana-lind/"
    );
    assert_eq!(claim["datePublished"], "2021-03-01");
    assert_eq!(claim["appearance"]["url"], "https://wire.example/1");
    let rating = &r["reviewRating"];
    assert_eq!(rating["alternateName"], "False");
    assert_eq!(
        (
            &rating["ratingValue"],
            &rating["worstRating"],
            &rating["bestRating"]
        ),
        (&Value::from(1), &Value::from(1), &Value::from(5))
    );
    // An organisation speaks as an Organization; unproven has words but no score.
    let r = reviews[1];
    assert_eq!(r["itemReviewed"]["author"][0]["@type"], "Organization");
    assert_eq!(r["reviewRating"]["alternateName"], "Unproven");
    assert!(r["reviewRating"].get("ratingValue").is_none());
    // A briefing without fact-checks gets no ClaimReview block.
    let second = json_ld(&site.page("/briefings/second/"));
    assert_eq!(second.len(), 1);
    assert_eq!(second[0]["@type"], "NewsArticle");
}

/// A small checker of schema.org usage: which properties each type we emit may
/// have, and what their values may be. Written from the schema.org definitions
/// (https://schema.org/ClaimReview, /Claim, /Rating, /Organization, /Person,
/// /CreativeWork), limited to what sitroom uses.
mod schema {
    use serde_json::Value;

    /// What a property's value may be.
    #[derive(Clone, Copy, Debug)]
    enum Expect {
        Text,
        /// An absolute http(s) URL.
        Url,
        /// An ISO 8601 calendar date, `YYYY-MM-DD`.
        Date,
        Number,
        /// A node of one of these types (or a list of them).
        Node(&'static [&'static str]),
    }
    use Expect::*;

    const AGENT: &[&str] = &["Person", "Organization"];

    /// Type -> its properties we use, and their expected values. Properties a type
    /// inherits (Thing's name and url, CreativeWork's author and datePublished…)
    /// are listed where they are allowed.
    fn properties(kind: &str) -> Option<&'static [(&'static str, Expect)]> {
        Some(match kind {
            // ClaimReview < Review < CreativeWork < Thing.
            "ClaimReview" => &[
                ("claimReviewed", Text),
                ("itemReviewed", Node(&["Claim"])),
                ("reviewRating", Node(&["Rating"])),
                ("reviewBody", Text),
                ("author", Node(AGENT)),
                ("datePublished", Date),
                ("url", Url),
                ("isBasedOn", Url),
            ],
            // Claim < CreativeWork < Thing.
            "Claim" => &[
                ("author", Node(AGENT)),
                ("datePublished", Date),
                ("appearance", Node(&["CreativeWork"])),
            ],
            "CreativeWork" => &[("url", Url), ("publisher", Node(AGENT))],
            // Rating < Intangible < Thing; ratingValue etc. take Number or Text.
            "Rating" => &[
                ("alternateName", Text),
                ("ratingValue", Number),
                ("bestRating", Number),
                ("worstRating", Number),
            ],
            "Person" | "Organization" => &[("name", Text), ("url", Url)],
            _ => return None,
        })
    }

    /// Every problem in `node`, which should be of type `kind`.
    pub fn check(node: &Value, kind: &str) -> Vec<String> {
        let mut problems = Vec::new();
        walk(node, &[kind], "$", &mut problems);
        problems
    }

    fn walk(node: &Value, allowed: &[&str], at: &str, out: &mut Vec<String>) {
        let Some(map) = node.as_object() else {
            out.push(format!("{at}: expected a node, got {node}"));
            return;
        };
        let kind = map.get("@type").and_then(Value::as_str).unwrap_or("");
        if !allowed.contains(&kind) {
            out.push(format!("{at}: type `{kind}`, expected one of {allowed:?}"));
            return;
        }
        let props = properties(kind).expect("every allowed type is in the table");
        for (key, value) in map {
            if key == "@type" || (key == "@context" && value == "https://schema.org") {
                continue;
            }
            let Some(&(_, expect)) = props.iter().find(|(p, _)| p == key) else {
                out.push(format!("{at}: `{kind}` has no property `{key}`"));
                continue;
            };
            let values: Vec<&Value> = match value.as_array() {
                Some(list) => list.iter().collect(),
                None => vec![value],
            };
            for v in values {
                value_ok(v, expect, &format!("{at}.{key}"), out);
            }
        }
    }

    fn value_ok(v: &Value, expect: Expect, at: &str, out: &mut Vec<String>) {
        let ok = match expect {
            Text => v.as_str().is_some_and(|s| !s.trim().is_empty()),
            Url => v
                .as_str()
                .is_some_and(|s| s.starts_with("https://") || s.starts_with("http://")),
            Date => v.as_str().is_some_and(|s| {
                s.len() == 10
                    && s.bytes().enumerate().all(|(i, b)| {
                        if i == 4 || i == 7 {
                            b == b'-'
                        } else {
                            b.is_ascii_digit()
                        }
                    })
            }),
            Number => v.is_number(),
            Node(kinds) => {
                walk(v, kinds, at, out);
                true
            }
        };
        if !ok {
            out.push(format!("{at}: {v} is not a {expect:?}"));
        }
    }

    /// The fields Google's fact-check rich result needs: claimReviewed,
    /// reviewRating.alternateName, url, and the review's author with a name.
    pub fn google_claim_review_missing(r: &Value) -> Vec<&'static str> {
        let present = |v: &Value| v.as_str().is_some_and(|s| !s.is_empty());
        [
            ("claimReviewed", present(&r["claimReviewed"])),
            (
                "reviewRating.alternateName",
                present(&r["reviewRating"]["alternateName"]),
            ),
            ("url", present(&r["url"])),
            ("author.name", present(&r["author"]["name"])),
        ]
        .into_iter()
        .filter(|(_, ok)| !ok)
        .map(|(name, _)| name)
        .collect()
    }

    #[test]
    fn the_checker_catches_misuse() {
        let bad = serde_json::json!({
            "@type": "ClaimReview",
            "claimReviewed": "x",
            "reviewRating": {"@type": "Rating", "alternateName": "False", "ratingValue": "one"},
            "itemReviewed": {"@type": "Claim", "author": {"@type": "Country", "name": "A"}, "datePublished": "2020-10"},
            "rating": 1
        });
        let problems = check(&bad, "ClaimReview");
        assert_eq!(problems.len(), 4, "{problems:#?}");
        assert_eq!(google_claim_review_missing(&bad), ["url", "author.name"]);
    }
}

/// Builds `err_claims`, which must fail, and returns stderr.
fn errors() -> String {
    let site = Site::fixture("err_claims");
    let run = site.build(&[]);
    run.assert_code(1);
    run.stderr
}

#[test]
fn bad_unknown_duplicate_and_self_referring_ids_are_errors_at_their_lines() {
    insta::assert_snapshot!("claims_errors", errors());
}
