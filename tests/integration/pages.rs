//! Each page kind of DESIGN.md section 3, built from its own small fixture site.

use crate::harness::{Site, sel, text_of};

#[test]
fn index_lists_briefings_newest_first_with_summaries() {
    let site = Site::fixture("index_page");
    site.build_ok(&[]);
    let index = site.page("/");
    assert_eq!(index.title(), "Index Fixture");
    assert_eq!(index.text("h1"), "Latest briefings");
    assert_eq!(index.text("p.lead"), "A site with two briefings.");
    assert_eq!(
        index.texts("article.card h2"),
        ["The newer briefing", "The older briefing"]
    );
    assert_eq!(
        index.attrs("article.card h2 a", "href"),
        ["/briefings/newer/", "/briefings/older/"]
    );
    assert_eq!(
        index.attrs("article.card time", "datetime"),
        ["2020-10-05", "2020-10-01"]
    );
    assert_eq!(
        index.texts("article.card time"),
        ["5 Oct 2020", "1 Oct 2020"]
    );
    // Without `summary:` the first paragraph stands in (with smart punctuation).
    assert_eq!(
        index.texts("article.card > p:not(.meta):not(.tags):not(.card-actors)"),
        [
            "The newer body’s first paragraph becomes the summary.",
            "Older summary."
        ]
    );
    assert_eq!(
        index.attrs("article.card .tags a", "href"),
        ["/tags/ceasefire/"]
    );
    assert!(
        index.select("nav.pagination").is_empty(),
        "one page needs no pagination"
    );
    assert!(!site.exists("page/2/index.html"));
}

#[test]
fn briefing_page_shows_body_statements_sources_and_corrections() {
    let site = Site::fixture("briefing_page");
    site.build_ok(&[]);
    let page = site.page("/briefings/pashinyan-calls/");
    assert_eq!(page.title(), "Pashinyan speaks with Putin · sitroom");
    assert_eq!(page.text("h1"), "Pashinyan speaks with Putin");
    assert_eq!(
        page.attrs("header .meta time", "datetime"),
        ["2020-10-03", "2020-10-05"]
    );
    assert_eq!(page.text("header .meta"), "3 Oct 2020 · updated 5 Oct 2020");
    assert_eq!(
        page.texts("header .tags a"),
        ["diplomacy", "Ceasefire Talks"]
    );
    assert_eq!(
        page.attrs("header .tags a", "href"),
        ["/tags/diplomacy/", "/tags/ceasefire-talks/"]
    );

    // The Markdown body, with heading ids and highlighted code.
    assert_eq!(page.attrs(".body h2", "id"), ["background"]);
    assert_eq!(page.text(".body em"), "calls");
    assert_eq!(page.attrs(".body pre code", "class"), ["language-rust"]);
    assert!(
        !page.select(".body pre code span.hl-rust").is_empty(),
        "code is highlighted with classes"
    );

    // Statements in date order (the 1 October one is written second), with anchors, kinds, roles, quotes and sources.
    assert_eq!(page.attrs("li.statement", "id"), ["s-2", "s-1"]);
    assert_eq!(
        page.texts("li.statement .kind"),
        ["Press conference", "Phone call"]
    );
    assert_eq!(
        page.texts("li.statement .speakers"),
        [
            "Nikol Pashinyan",
            // Who spoke to whom, in the words of the kind: a call is "to".
            "Vladimir Putin (President of Russia) to Nikol Pashinyan"
        ]
    );
    assert_eq!(
        page.text("li.statement blockquote"),
        "“take steps to de-escalate the crisis”"
    );
    assert_eq!(
        page.texts("li.statement .summary"),
        [
            "Described the situation at the front.",
            "Urged an end to the fighting."
        ]
    );
    assert_eq!(
        page.texts("li.statement .badge"),
        ["not assessed", "unverified"]
    );
    assert_eq!(
        page.attrs("li.statement .provenance a", "href"),
        ["https://kremlin.example/readout"]
    );
    assert_eq!(
        page.texts("li.statement .provenance"),
        ["Source: Armenpress", "Source: Kremlin readout"]
    );

    assert_eq!(
        page.texts("ul.sources li"),
        ["Asbarez, 3 Oct 2020", "Unlinked Wire"]
    );
    assert_eq!(
        page.attrs("ul.sources a", "href"),
        ["https://asbarez.com/calls"]
    );
    assert_eq!(
        page.texts(".corrections li"),
        ["5 Oct 2020: The call was on Friday not Thursday."]
    );
    // Speakers and counterparts are added to the briefing's actors.
    assert_eq!(
        page.attrs(".inline-list a", "href"),
        ["/actors/nikol-pashinyan/", "/actors/vladimir-putin/"]
    );

    // The highlight stylesheet is generated for the classes used above.
    let css = site.read("highlight.css");
    assert!(
        css.contains(".hl-"),
        "highlight.css has classed rules:\n{css}"
    );
}

#[test]
fn actors_index_groups_actors_by_kind() {
    let site = Site::fixture("actors_index");
    site.build_ok(&[]);
    let page = site.page("/actors/");
    assert_eq!(page.text("h1"), "Actors");
    assert_eq!(
        page.texts("section.actor-group h2"),
        ["People", "States", "Organizations", "Armed groups"]
    );
    let groups: Vec<Vec<String>> = page
        .select("section.actor-group")
        .into_iter()
        .map(|g| g.select(&sel("li a")).map(text_of).collect())
        .collect();
    assert_eq!(
        groups,
        [
            vec!["Vladimir Putin"],
            vec!["Armenia", "Azerbaijan"],
            vec!["OSCE Minsk Group"],
            vec!["Artsakh Defence Army"]
        ]
    );
    assert_eq!(
        page.texts("section.actor-group .count")[0],
        "2 statements, 1 briefing"
    );
    assert!(
        page.attrs("li a", "href")
            .contains(&"/actors/osce-minsk-group/".to_string())
    );
    for id in [
        "vladimir-putin",
        "armenia",
        "azerbaijan",
        "osce-minsk-group",
        "artsakh-defence-army",
    ] {
        assert!(
            site.exists(&format!("actors/{id}/index.html")),
            "page for {id}"
        );
    }
}

#[test]
fn actor_page_lists_statements_in_date_order_in_every_role_and_briefings() {
    let site = Site::fixture("actor_page");
    site.build_ok(&["--base-url", "https://example.org/"]);
    let page = site.page("/actors/emmanuel-macron/");
    assert_eq!(page.text("h1"), "Emmanuel Macron");
    assert_eq!(page.text("header .meta"), "person · FRA");
    assert_eq!(page.text(".aliases"), "Also written: Macron");
    assert_eq!(
        page.text("ul.roles li"),
        "President of France: from 14 May 2017"
    );
    assert_eq!(page.text(".body p"), "Biography of Emmanuel Macron.");

    // Speaker (September), co-speaker (1 Oct), counterpart (2 Oct): by date, not
    // by file, the newest first.
    assert_eq!(
        page.attrs("li.statement", "id"),
        ["calls-1", "joint-1", "calls-2"]
    );
    assert_eq!(
        page.texts("li.statement time"),
        ["2 Oct 2020", "1 Oct 2020", "September 2020"]
    );
    assert_eq!(
        page.texts("li.statement .speakers"),
        [
            "Nikol Pashinyan to Emmanuel Macron (President of France)",
            "Vladimir Putin (President of Russia) and Emmanuel Macron (President of France)",
            "Emmanuel Macron (President of France)",
        ]
    );
    assert_eq!(
        page.attrs("li.statement .provenance a", "href"),
        [
            "/briefings/calls/#s-1",
            "/briefings/joint/#s-1",
            "/briefings/calls/#s-2"
        ]
    );
    // Briefings that involve or mention them (by alias in the text), newest first.
    assert_eq!(
        page.texts(".briefing-list a"),
        [
            "Mention briefing",
            "Joint statement briefing",
            "Calls briefing"
        ]
    );
    // Who they spoke with.
    assert_eq!(
        page.texts("table.contacts tbody td:first-child"),
        ["Nikol Pashinyan", "Vladimir Putin"]
    );
    // The per-actor feed.
    let feed = site.read("actors/emmanuel-macron/atom.xml");
    assert!(
        feed.contains("<title>Emmanuel Macron – sitroom</title>"),
        "{feed}"
    );
    assert_eq!(feed.matches("<entry>").count(), 3, "{feed}");
}

#[test]
fn timeline_groups_every_statement_by_month_in_date_order() {
    let site = Site::fixture("timeline");
    site.build_ok(&[]);
    let page = site.page("/timeline/");
    assert_eq!(page.text("h1"), "Timeline");
    assert_eq!(
        page.texts("section.month > h2"),
        ["September 2020", "October 2020", "November 2020"]
    );
    assert_eq!(
        page.attrs("section.month", "id"),
        ["m-2020-09", "m-2020-10", "m-2020-11"]
    );
    assert_eq!(
        page.texts("section.day > h3"),
        [
            "Monday 28 Sep 2020",
            "Friday 2 Oct 2020",
            "Monday 5 Oct 2020",
            "Sunday 1 Nov 2020"
        ]
    );
    let october = page.select("section#m-2020-10 li.statement");
    assert_eq!(october.len(), 2);
    assert_eq!(
        page.attrs("li.statement", "id"),
        ["b-2", "a-2", "a-1", "b-1"]
    );
    // Each entry: speaker, date, quote or summary, source link and its briefing.
    assert_eq!(
        page.texts("li.statement .speakers")[2],
        "Vladimir Putin (President of Russia) addressing Nikol Pashinyan"
    );
    assert_eq!(
        page.texts("li.statement blockquote"),
        ["“an October quote”"]
    );
    assert_eq!(
        page.texts("li.statement .provenance")[3],
        "Source: Armenpress · from November briefing"
    );
    assert_eq!(
        page.attrs("li.statement .provenance a", "href"),
        [
            "/briefings/b/#s-2",
            "/briefings/a/#s-2",
            "/briefings/a/#s-1",
            "https://armenpress.am/nov",
            "/briefings/b/#s-1"
        ]
    );
    // Filterable: the form lists the actors and kinds on the page; the script is linked.
    assert_eq!(
        page.attrs("select[name=actor] option", "value"),
        ["", "nikol-pashinyan", "vladimir-putin"]
    );
    assert!(
        page.doc_attrs("script[src]", "src")
            .contains(&"/timeline.js".to_string())
    );
    assert!(site.exists("timeline.js"));
}

#[test]
fn tag_page_lists_the_briefings_with_that_tag() {
    let site = Site::fixture("tag_page");
    site.build_ok(&[]);
    // "Ceasefire" and "ceasefire" are the same tag.
    let page = site.page("/tags/ceasefire/");
    assert_eq!(page.text("h1"), "Tag: ceasefire");
    assert_eq!(
        page.texts("article.card h2"),
        ["The third briefing", "The first briefing"]
    );
    let page = site.page("/tags/diplomacy/");
    assert_eq!(
        page.texts("article.card h2"),
        ["The second briefing", "The first briefing"]
    );
    let tags = site.page("/tags/");
    assert_eq!(
        tags.attrs("ul.tag-list a", "href"),
        ["/tags/ceasefire/", "/tags/diplomacy/"]
    );
    assert_eq!(tags.texts("ul.tag-list .count"), ["2", "2"]);
}

#[test]
fn free_pages_get_their_own_url_and_a_nav_link() {
    let site = Site::fixture("free_page");
    site.build_ok(&[]);
    let about = site.page("/about/");
    assert_eq!(about.text("h1"), "About this site");
    assert_eq!(about.text(".body strong"), "record");
    // `slug:` wins over the file name.
    let method = site.page("/methodology/");
    assert_eq!(method.text("h1"), "How we work");
    assert!(!site.exists("method/index.html"));
    let index = site.page("/");
    let nav = index.doc_attrs("nav[aria-label=Main] a", "href");
    assert!(
        nav.contains(&"/about/".to_string()) && nav.contains(&"/methodology/".to_string()),
        "{nav:?}"
    );
}

#[test]
fn feeds_sitemap_robots_and_404() {
    let site = Site::fixture("feeds");
    site.build_ok(&[]);

    let atom = site.read("atom.xml");
    assert!(atom.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
    assert!(atom.contains("<title>Feed Fixture</title>"), "{atom}");
    assert!(
        atom.contains(
            r#"<link rel="self" type="application/atom+xml" href="https://example.org/atom.xml"/>"#
        ),
        "{atom}"
    );
    assert!(
        atom.contains("<author><name>The Desk</name></author>"),
        "{atom}"
    );
    assert!(
        atom.contains("<updated>2020-10-06T00:00:00Z</updated>"),
        "the newest update: {atom}"
    );
    let ids: Vec<&str> = atom
        .split("<entry>")
        .skip(1)
        .map(|e| between(e, "<id>", "</id>"))
        .collect();
    assert_eq!(
        ids,
        [
            "https://example.org/briefings/second/",
            "https://example.org/briefings/first/"
        ]
    );
    assert!(
        atom.contains("<summary>Second summary.</summary>"),
        "{atom}"
    );

    let sitemap = site.read("sitemap.xml");
    let locs = crate::harness::sitemap_locs(&sitemap);
    for want in [
        "https://example.org/",
        "https://example.org/briefings/second/",
        "https://example.org/briefings/first/",
        "https://example.org/actors/",
        "https://example.org/actors/vladimir-putin/",
        "https://example.org/timeline/",
        "https://example.org/tags/diplomacy/",
    ] {
        assert!(locs.contains(&want), "sitemap lacks {want}: {locs:?}");
    }
    assert!(
        sitemap.contains(
            "<loc>https://example.org/briefings/second/</loc><lastmod>2020-10-06</lastmod>"
        ),
        "{sitemap}"
    );

    let robots = site.read("robots.txt");
    assert!(robots.contains("User-agent: *"), "{robots}");
    assert!(
        robots
            .lines()
            .any(|l| l == "Sitemap: https://example.org/sitemap.xml"),
        "{robots}"
    );

    let not_found = site.page("/404.html");
    assert_eq!(not_found.text("h1"), "Page not found");
    assert_eq!(
        not_found.attrs("a", "href"),
        ["/", "/timeline/", "/actors/"]
    );

    // `highlight_theme` picks the stylesheet.
    assert!(site.read("highlight.css").contains("Base16 Ocean Dark"));
    // The default theme's stylesheet is there, and pages link it.
    assert!(site.exists("style.css"));
    assert!(
        site.page("/")
            .doc_attrs("link[rel=stylesheet]", "href")
            .contains(&"/highlight.css".to_string())
    );
}

#[test]
fn statements_json_has_every_statement_in_date_order() {
    let site = Site::fixture("statements_json");
    site.build_ok(&[]);
    let json: serde_json::Value =
        serde_json::from_str(&site.read("data/statements.json")).expect("valid JSON");
    let all = json.as_array().expect("an array");
    assert_eq!(all.len(), 2);
    // Month precision sorts first: its earliest day is 1 October.
    assert_eq!(all[0]["id"], "calls-2");
    assert_eq!(all[0]["date"], "2020-10");
    assert_eq!(all[0]["date_display"], "October 2020");
    assert_eq!(all[0]["first_day"], "2020-10-01");
    assert_eq!(all[0]["last_day"], "2020-10-31");
    assert_eq!(all[0]["precision"], "month");
    assert_eq!(
        all[0]["speakers"],
        serde_json::json!(["nikol-pashinyan", "vladimir-putin"])
    );
    assert_eq!(all[0]["quote"], serde_json::Value::Null);
    assert_eq!(all[1]["id"], "calls-1");
    assert_eq!(all[1]["date_display"], "2 Oct 2020?");
    assert_eq!(all[1]["certainty"], "uncertain");
    assert_eq!(all[1]["kind"], "phone_call");
    assert_eq!(all[1]["with"], serde_json::json!(["nikol-pashinyan"]));
    assert_eq!(all[1]["quote"], "de-escalate");
    assert_eq!(all[1]["source"]["url"], "https://tass.com/1");
    assert_eq!(all[1]["verification"], "unverified");
    assert_eq!(all[1]["briefing_url"], "/briefings/calls/#s-1");
    assert!(
        site.read("data/statements.csv")
            .starts_with("id,event_date,")
    );
}

/// The text between the first `open` and the next `close` in `s`.
pub fn between<'a>(s: &'a str, open: &str, close: &str) -> &'a str {
    let start = s
        .find(open)
        .map(|i| i + open.len())
        .unwrap_or_else(|| panic!("no `{open}` in {s}"));
    let end = s[start..]
        .find(close)
        .unwrap_or_else(|| panic!("no `{close}` after `{open}`"))
        + start;
    &s[start..end]
}
