//! Issue 3, the briefing model: one fixture site (`tests/fixtures/model-*`) per
//! capability, asserted on the real output parsed as HTML, JSON and CSV.

use serde_json::Value;

use crate::harness::{Page, Site, sel, text_of};

/// The text of each matching element inside `el`.
fn texts_in(el: scraper::ElementRef<'_>, css: &str) -> Vec<String> {
    el.select(&sel(css)).map(text_of).collect()
}

/// `(id, speakers text)` of every statement `<li>` in `<main>`.
fn speakers_by_id(page: &Page) -> Vec<(String, String)> {
    page.select("li.statement")
        .into_iter()
        .map(|li| {
            let id = li.value().attr("id").unwrap_or_default().to_string();
            let speakers = texts_in(li, ".speakers").join("");
            (id, speakers)
        })
        .collect()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

// 1. Actors over time ------------------------------------------------------------

#[test]
fn role_at_date_is_shown_wherever_the_statement_is() {
    let site = Site::fixture("model-roles");
    site.build_ok(&[]);
    // The last day as Director (role `end:` is inclusive), the first as Secretary,
    // and a month-precision date, which counts from its first day.
    let expected = [
        "Mike Pompeo (Director of the CIA)",
        "Mike Pompeo (US Secretary of State)",
        "Mike Pompeo (US Secretary of State)",
    ];

    let briefing = site.page("/briefings/pompeo/");
    assert_eq!(
        speakers_by_id(&briefing),
        pairs(&[
            ("s-1", expected[0]),
            ("s-2", expected[1]),
            ("s-3", expected[2])
        ])
    );

    // The actor page lists the newest first.
    let actor = site.page("/actors/mike-pompeo/");
    assert_eq!(
        speakers_by_id(&actor),
        pairs(&[
            ("pompeo-3", expected[2]),
            ("pompeo-2", expected[1]),
            ("pompeo-1", expected[0])
        ])
    );
    // The roles list names the organisation and the span.
    assert_eq!(
        actor.texts("ul.roles li"),
        [
            "Director of the CIA (Central Intelligence Agency): from 23 Jan 2017 to 25 Apr 2018",
            "US Secretary of State: from 26 Apr 2018 to 20 Jan 2021"
        ]
    );
    assert_eq!(actor.attrs("ul.roles a", "href"), ["/actors/cia/"]);

    // JSON-LD: a role that has ended is not a `jobTitle`.
    let ld = json_ld(&actor);
    assert_eq!(ld[0]["@type"], "Person");
    assert_eq!(ld[0]["sameAs"], "https://www.wikidata.org/wiki/Q473239");
    assert!(ld[0].get("jobTitle").is_none(), "{}", ld[0]);

    let timeline = site.page("/timeline/");
    assert_eq!(
        speakers_by_id(&timeline),
        pairs(&[
            ("pompeo-1", expected[0]),
            ("pompeo-2", expected[1]),
            ("pompeo-3", expected[2])
        ])
    );
}

// 2. Who spoke with whom ---------------------------------------------------------

/// Each row of the first `table.contacts` in `<main>` as cell texts.
fn table_rows(page: &Page) -> Vec<Vec<String>> {
    page.select("table.contacts tbody tr")
        .into_iter()
        .map(|tr| texts_in(tr, "td"))
        .collect()
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

#[test]
fn contacts_come_from_with_and_joint_speakers() {
    let site = Site::fixture("model-contacts");
    site.build_ok(&[]);

    // Alpha: two statements with Bravo (a call, then talks 5–7 Oct, the last
    // contact, shown whole as "first" would show it), one joint statement with Charlie.
    let alpha = site.page("/actors/alpha/");
    assert_eq!(alpha.text("section h2#contacts"), "Spoke with");
    assert_eq!(
        table_rows(&alpha),
        [
            row(&["Boris Bravo", "1, 2 (2)", "1 Oct 2020", "5–7 Oct 2020"]),
            row(&["Carla Charlie", "1 (1)", "3 Oct 2020", "3 Oct 2020"]),
        ]
    );
    assert_eq!(
        alpha.attrs("table.contacts td:nth-child(2) a", "href"),
        [
            "/briefings/contacts/#s-1",
            "/briefings/contacts/#s-3",
            "/briefings/contacts/#s-2"
        ]
    );
    assert_eq!(
        alpha.attrs(
            "table.contacts td:nth-child(3) time, table.contacts td:nth-child(4) time",
            "datetime"
        ),
        ["2020-10-01", "2020-10-05", "2020-10-03", "2020-10-03"]
    );

    // Bravo: most frequent first, then by name. Charlie and Delta were both only
    // counterparts of one meeting: that does not make them a pair.
    let bravo = site.page("/actors/bravo/");
    assert_eq!(
        table_rows(&bravo),
        [
            row(&["Anna Alpha", "1, 2 (2)", "1 Oct 2020", "5–7 Oct 2020"]),
            row(&["Carla Charlie", "1 (1)", "28 Sep 2020", "28 Sep 2020"]),
            row(&["Dmitri Delta", "1 (1)", "28 Sep 2020", "28 Sep 2020"]),
        ]
    );
    assert!(
        site.page("/actors/echo/")
            .select("table.contacts")
            .is_empty(),
        "Echo spoke with nobody"
    );

    // The whole network: one line per pair, and the same pairs as a table.
    let page = site.page("/contacts/");
    let svg = page.select("figure svg");
    assert_eq!(svg.len(), 1, "one <svg> drawn at build time");
    let svg = svg[0];
    // It holds links, so it is a labelled group, not an image (axe nested-interactive).
    assert_eq!(svg.value().attr("role"), Some("group"));
    assert_eq!(
        texts_in(svg, "title#network-title"),
        ["Who spoke with whom: 4 actors, 4 pairs"]
    );
    assert_eq!(
        texts_in(svg, "line > title"),
        [
            "Anna Alpha – Boris Bravo: 2",
            "Anna Alpha – Carla Charlie: 1",
            "Boris Bravo – Carla Charlie: 1",
            "Boris Bravo – Dmitri Delta: 1"
        ]
    );
    assert_eq!(svg.select(&sel("g.edges line")).count(), 4);
    let nodes: Vec<&str> = svg
        .select(&sel("a.node"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        nodes,
        [
            "/actors/alpha/",
            "/actors/bravo/",
            "/actors/charlie/",
            "/actors/delta/"
        ]
    );
    assert_eq!(
        page.text("table.contacts caption"),
        "Pairs of actors, by the statements that link them"
    );
    assert_eq!(
        table_rows(&page),
        [
            row(&[
                "Anna Alpha",
                "Boris Bravo",
                "2",
                "1 Oct 2020",
                "5–7 Oct 2020"
            ]),
            row(&[
                "Anna Alpha",
                "Carla Charlie",
                "1",
                "3 Oct 2020",
                "3 Oct 2020"
            ]),
            row(&[
                "Boris Bravo",
                "Carla Charlie",
                "1",
                "28 Sep 2020",
                "28 Sep 2020"
            ]),
            row(&[
                "Boris Bravo",
                "Dmitri Delta",
                "1",
                "28 Sep 2020",
                "28 Sep 2020"
            ]),
        ]
    );

    // Deterministic: a second build draws the same bytes.
    let again = site.tmp().join("again");
    site.build_into(&again, &[]).assert_ok();
    let second = std::fs::read(again.join("contacts/index.html")).expect("second build");
    assert_eq!(second, site.read("contacts/index.html").into_bytes());
}

#[test]
fn contact_dates_keep_the_precision_of_their_statements() {
    let site = Site::fixture("model-contacts");
    site.write(
        "content/briefings/2020-09-01-august.md",
        "---\ntitle: Some day in August\ndate: 2020-09-01\nstatements:\n  - {speaker: echo, with: [delta], kind: meeting, date: 2020-08, summary: Met in August., source: {outlet: Wire}}\n---\nBody.\n",
    );
    site.build_ok(&[]);
    let echo = site.page("/actors/echo/");
    assert_eq!(
        table_rows(&echo),
        [row(&[
            "Dmitri Delta",
            "1 (1)",
            "August 2020",
            "August 2020"
        ])]
    );
}

// 3. Mentions -------------------------------------------------------------------

#[test]
fn first_mention_links_to_the_actor_outside_code_links_and_headings() {
    let site = Site::fixture("model-mentions");
    site.build_ok(&[]);
    let page = site.page("/briefings/mentions/");
    // One link per actor, on the first mention in running text; an alias counts.
    assert_eq!(
        page.texts(".body a.mention"),
        ["Vladimir Putin", "Nikol Pashinian", "Aliyev"]
    );
    assert_eq!(
        page.attrs(".body a.mention", "href"),
        [
            "/actors/vladimir-putin/",
            "/actors/nikol-pashinyan/",
            "/actors/ilham-aliyev/"
        ]
    );
    let last = page
        .select(".body p")
        .into_iter()
        .last()
        .expect("a last paragraph");
    assert!(
        text_of(last)
            .starts_with("Then Vladimir Putin called Nikol Pashinian. Later Putin called again"),
        "{}",
        text_of(last)
    );
    // Not in headings, code spans, fenced code or existing links.
    for css in [".body h2 a", ".body code a", ".body pre a", ".body a a"] {
        assert!(page.select(css).is_empty(), "a mention link inside `{css}`");
    }
    assert_eq!(page.text(".body h2"), "Putin and Aliyev in a heading");
    assert_eq!(page.text(".body p code"), "Putin");
    assert_eq!(
        page.attrs(".body a:not(.mention)", "href"),
        ["https://example.org/putin"]
    );

    // Aliyev has no statement, but the briefing that mentions him is listed.
    let aliyev = site.page("/actors/ilham-aliyev/");
    assert!(aliyev.select("li.statement").is_empty());
    assert_eq!(aliyev.texts("ul.briefing-list a"), ["Who was named where"]);
    assert_eq!(
        aliyev.attrs("ul.briefing-list a", "href"),
        ["/briefings/mentions/"]
    );
    let putin = site.page("/actors/vladimir-putin/");
    assert_eq!(
        putin.attrs("ul.briefing-list a", "href"),
        ["/briefings/mentions/"]
    );
}

/// A month heading with its days: (day heading, statement dates).
type MonthGroup = (String, Vec<(String, Vec<String>)>);

// 4. Timeline ------------------------------------------------------------------

#[test]
fn timeline_groups_by_month_then_day_with_honest_labels() {
    let site = Site::fixture("model-timeline");
    site.build_ok(&[]);
    let page = site.page("/timeline/");
    let months: Vec<MonthGroup> = page
        .select("section.month")
        .into_iter()
        .map(|m| {
            let days = m
                .select(&sel("section.day"))
                .map(|d| (texts_in(d, "h3").join(""), texts_in(d, "li.statement time")))
                .collect();
            (texts_in(m, "h2").join(""), days)
        })
        .collect();
    let day = |label: &str, times: &[&str]| {
        (
            label.to_string(),
            times.iter().map(|t| t.to_string()).collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        months,
        vec![
            (
                "2020 (month not known)".to_string(),
                vec![day("Month not known", &["2020"])]
            ),
            (
                "October 2020".to_string(),
                vec![
                    day("Day not known", &["October 2020"]),
                    // Issue 11: no certain day heading over an uncertain,
                    // approximate or interval date; each says what it is.
                    day("2 Oct 2020? (date not confirmed)", &["2 Oct 2020?"]),
                    day("Friday 2 Oct 2020", &["2 Oct 2020"]),
                    day("c. 3 Oct 2020 (approximate date)", &["c. 3 Oct 2020"]),
                ]
            ),
            (
                "November 2020".to_string(),
                vec![day("9–10 Nov 2020 (over several days)", &["9–10 Nov 2020"])]
            ),
        ]
    );
    assert_eq!(
        page.attrs("li.statement time", "class"),
        [
            "precision-year certainty-exact",
            "precision-month certainty-exact",
            "precision-day certainty-uncertain",
            "precision-day certainty-exact",
            "precision-day certainty-approximate",
            "precision-day certainty-exact"
        ]
    );

    // Filters: present, hidden without JavaScript (by a <noscript> style, so that
    // showing them causes no layout shift), with what occurs here.
    let form = page.select("form#timeline-filters");
    assert_eq!(form.len(), 1);
    assert!(
        form[0].value().attr("hidden").is_none(),
        "shown from the start"
    );
    let noscript: Vec<String> = page
        .html
        .select(&sel("head noscript"))
        .map(|n| n.inner_html())
        .collect();
    assert!(
        noscript
            .iter()
            .any(|n| n.contains("#timeline-filters { display: none; }")),
        "hidden without JS: {noscript:?}"
    );
    let options = |name: &str| {
        page.attrs(
            &format!("form#timeline-filters select[name={name}] option"),
            "value",
        )
    };
    assert_eq!(options("actor"), ["", "nikol-pashinyan", "vladimir-putin"]);
    assert_eq!(
        options("kind"),
        [
            "",
            "interview",
            "phone_call",
            "press_conference",
            "social_post",
            "statement"
        ]
    );
    assert_eq!(
        options("verification"),
        ["", "verified", "unverified", "disputed", "none"]
    );
    assert_eq!(page.doc_attrs("script[src]", "src"), ["/timeline.js"]);

    // Every statement carries what the filter reads.
    let data: Vec<(String, String, String, String)> = page
        .select("li.statement")
        .into_iter()
        .map(|li| {
            let v = li.value();
            let a = |n: &str| v.attr(n).unwrap_or("<missing>").to_string();
            (
                a("id"),
                a("data-actors").trim().to_string(),
                a("data-kind"),
                a("data-verification"),
            )
        })
        .collect();
    let t = |id: &str, actors: &str, kind: &str, ver: &str| {
        (
            id.to_string(),
            actors.to_string(),
            kind.to_string(),
            ver.to_string(),
        )
    };
    assert_eq!(
        data,
        [
            t("timeline-6", "nikol-pashinyan", "social_post", "none"),
            t("timeline-2", "nikol-pashinyan", "statement", "none"),
            t(
                "timeline-1",
                "vladimir-putin nikol-pashinyan",
                "phone_call",
                "unverified"
            ),
            t(
                "timeline-4",
                "vladimir-putin",
                "press_conference",
                "disputed"
            ),
            t("timeline-3", "nikol-pashinyan", "interview", "verified"),
            t("timeline-5", "vladimir-putin", "statement", "none"),
        ]
    );
    assert!(
        page.select("nav.years").is_empty(),
        "a short timeline is not split"
    );
    assert!(!site.exists("timeline/2020/index.html"));
}

/// Writes a briefing with `n` one-line statements by `speaker`, dated in `year`.
fn many_statements(site: &Site, slug: &str, year: i32, n: usize) {
    let mut text =
        format!("---\ntitle: Many in {year}\ndate: {year}-12-31\nslug: {slug}\nstatements:\n");
    for i in 0..n {
        let (month, day) = (i % 12 + 1, i % 28 + 1);
        text.push_str(&format!(
            "  - {{speaker: speaker, date: {year}-{month:02}-{day:02}, summary: Statement {i}., source: {{outlet: Wire}}}}\n"
        ));
    }
    text.push_str("---\nBody.\n");
    site.write(&format!("content/briefings/{slug}.md"), &text);
}

fn split_site(total: usize) -> Site {
    // Start from a fixture with its one actor, then generate the statements.
    let site = Site::fixture("model-roles");
    std::fs::remove_dir_all(site.root.join("content/briefings")).expect("clear briefings");
    std::fs::remove_dir_all(site.root.join("content/actors")).expect("clear actors");
    site.write(
        "content/actors/speaker.md",
        "---\nname: A Speaker\nkind: person\n---\nSpeaks a lot.\n",
    );
    let early = total / 2;
    many_statements(&site, "early", 2019, early);
    many_statements(&site, "late", 2020, total - early);
    site
}

#[test]
fn a_long_timeline_is_split_by_year() {
    use sitroom::route::TIMELINE_SPLIT;
    let total = TIMELINE_SPLIT + 1;
    let site = split_site(total);
    site.build_ok(&["--base-url", "https://example.org/"]);
    let (n2019, n2020) = (total / 2, total - total / 2);

    let index = site.page("/timeline/");
    assert_eq!(
        index.texts("nav.years .jump-years > li > a"),
        ["2019", "2020"]
    );
    assert_eq!(
        index.attrs("nav.years .jump-years > li > a", "href"),
        ["/timeline/2019/", "/timeline/2020/"]
    );
    assert_eq!(
        index.texts("nav.years .jump-years > li > .count"),
        [format!("({n2019})"), format!("({n2020})")]
    );
    // The front page shows the latest whole months that fit on a page.
    let times = index.attrs("li.statement time", "datetime");
    assert!(!times.is_empty() && times.len() <= TIMELINE_SPLIT);
    assert!(times.last().unwrap().starts_with("2020-12"), "{times:?}");
    assert!(!times.iter().any(|t| t.starts_with("2019-01")), "{times:?}");

    for (year, n) in [(2019, n2019), (2020, n2020)] {
        let page = site.page(&format!("/timeline/{year}/"));
        assert_eq!(page.text("h1"), format!("Timeline: {year}"));
        assert_eq!(
            page.text("nav.years strong"),
            year.to_string(),
            "the current year is not a link"
        );
        let times = page.attrs("li.statement time", "datetime");
        assert_eq!(times.len(), n);
        assert!(times.iter().all(|t| t.starts_with(&format!("{year}-"))));
        let mut sorted = times.clone();
        sorted.sort();
        assert_eq!(times, sorted, "date order within the year");
        assert_eq!(page.texts("section.month h2").len(), 12);
        assert_eq!(page.attrs("nav.months a", "href").len(), 12);
        assert_eq!(page.select("form#timeline-filters").len(), 1);
    }
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("/timeline/2019/"), "{sitemap}");
}

#[test]
fn a_timeline_at_the_threshold_is_not_split() {
    use sitroom::route::TIMELINE_SPLIT;
    let site = split_site(TIMELINE_SPLIT);
    site.build_ok(&[]);
    let index = site.page("/timeline/");
    assert!(index.select("nav.years").is_empty());
    assert_eq!(index.select("li.statement").len(), TIMELINE_SPLIT);
    assert!(!site.exists("timeline/2019/index.html"));
}

// 5. Provenance -----------------------------------------------------------------

#[test]
fn statements_show_source_and_badge_and_only_quotes_are_quoted() {
    let site = Site::fixture("model-provenance");
    let run = site.build_ok(&[]);
    assert!(
        run.stderr
            .contains("2020-10-03-calls.md:21:3: warning: a statement has no `source`"),
        "{}",
        run.stderr
    );
    let page = site.page("/briefings/calls/");
    let rows: Vec<(String, String, String)> = page
        .select("li.statement")
        .into_iter()
        .map(|li| {
            (
                texts_in(li, ".provenance").join(""),
                li.select(&sel(".provenance a"))
                    .filter_map(|a| a.value().attr("href"))
                    .collect::<Vec<_>>()
                    .join(" "),
                texts_in(li, ".badge").join(""),
            )
        })
        .collect();
    let r = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        rows,
        [
            // No `verification`: an explicit "not assessed", not nothing.
            r("No source given", "", "not assessed"),
            r(
                "Source: Kremlin readout",
                "https://kremlin.example/readout",
                "verified"
            ),
            r("Source: Armenpress", "", "disputed"),
        ]
    );
    assert_eq!(
        page.attrs("li.statement .badge", "class"),
        [
            "badge badge-none",
            "badge badge-verified",
            "badge badge-disputed"
        ]
    );

    // Only `quote` is in quotation marks; a `summary` never is.
    assert_eq!(
        page.texts("li.statement blockquote.quote"),
        ["“take steps to de-escalate the crisis”"]
    );
    assert_eq!(
        page.texts("li.statement .summary"),
        [
            "Gave an interview nobody has traced yet",
            "Said the front line held"
        ]
    );
    let later = site.page("/briefings/later/");
    assert_eq!(
        later.texts("li.statement blockquote"),
        ["“a ceasefire must be agreed”"]
    );
    assert_eq!(
        later.texts("li.statement .summary"),
        ["Paraphrase of the rest of the remarks"]
    );
    for url in [
        "/briefings/calls/",
        "/briefings/later/",
        "/timeline/",
        "/actors/nikol-pashinyan/",
        "/actors/vladimir-putin/",
    ] {
        let p = site.page(url);
        for s in p.texts("li.statement .summary") {
            assert!(
                !s.contains(['“', '”', '"']),
                "{url}: summary in quotation marks: {s}"
            );
        }
        for li in p.select("li.statement") {
            for q in texts_in(li, "blockquote") {
                assert!(q.starts_with('“') && q.ends_with('”'), "{url}: {q}");
            }
        }
    }

    // Sources and corrections of the briefing.
    assert_eq!(
        page.texts("ul.sources li"),
        ["Asbarez, 3 Oct 2020", "Desk notes"]
    );
    assert_eq!(
        page.attrs("ul.sources a", "href"),
        ["https://asbarez.example/calls"]
    );
    assert_eq!(
        page.texts("section.corrections li"),
        [
            "5 Oct 2020: The call was on Friday not Thursday.",
            "9 Oct 2020: The readout link was updated."
        ]
    );
    assert_eq!(page.attrs("p.correction-note a", "href"), ["#corrections"]);

    // Site-wide, newest first.
    let all = site.page("/corrections/");
    assert_eq!(
        all.texts("ol.correction-list li"),
        [
            "9 Oct 2020, The calls of early October: The readout link was updated.",
            "7 Oct 2020, A later briefing: Fixed a misspelt name.",
            "5 Oct 2020, The calls of early October: The call was on Friday not Thursday."
        ]
    );
    assert_eq!(
        all.attrs("ol.correction-list a", "href"),
        [
            "/briefings/calls/#corrections",
            "/briefings/later/#corrections",
            "/briefings/calls/#corrections"
        ]
    );
    assert_eq!(
        all.attrs("ol.correction-list time", "datetime"),
        ["2020-10-09", "2020-10-07", "2020-10-05"]
    );
}

// 6. Relative dates -------------------------------------------------------------

#[test]
fn relative_dates_are_warned_about_with_the_date_they_mean() {
    let site = Site::fixture("model-relative");
    let run = site.build(&[]);
    run.assert_ok();
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("relative date") || l.contains("most likely means"))
        .collect();
    // Line 12 of the file (not of the body), after "Their presidents spoke ".
    let text = std::fs::read_to_string(site.root.join("content/briefings/2020-10-03-thursday.md"))
        .expect("fixture");
    let line = text.lines().nth(11).expect("line 12");
    assert_eq!(
        line.find("on Thursday"),
        Some(23),
        "column 24 in the fixture"
    );
    assert!(
        run.stderr.contains(
            "content/briefings/2020-10-03-thursday.md:12:24: warning: relative date \"on Thursday\"\n  hint: in a briefing dated 3 Oct 2020 this most likely means Thursday 1 Oct 2020"
        ),
        "{}",
        run.stderr
    );
    insta::assert_snapshot!(warnings.join("\n"));
    // The page is still built, the text unchanged.
    let page = site.page("/briefings/thursday/");
    assert!(
        page.text(".body p:last-child")
            .contains("spoke on Thursday")
    );
}

// 7. Data out -------------------------------------------------------------------

#[test]
fn statements_json_has_every_field_and_stable_ids() {
    let site = Site::fixture("model-data");
    site.build_ok(&[]);
    let json: Value = serde_json::from_str(&site.read("data/statements.json")).expect("JSON");
    let all = json.as_array().expect("an array");
    let ids: Vec<&str> = all.iter().map(|s| s["id"].as_str().expect("id")).collect();
    // Date order (earliest day first); ids count in source order. (No two dates
    // here share a first day, so tie-breaking rules do not enter.)
    assert_eq!(
        ids,
        [
            "data-briefing-4",
            "data-briefing-2",
            "data-briefing-1",
            "data-briefing-3"
        ]
    );
    assert_eq!(
        all[2],
        serde_json::json!({
            "id": "data-briefing-1",
            "date": "2020-10-01",
            "edtf": "2020-10-01",
            "date_display": "1 Oct 2020",
            "first_day": "2020-10-01",
            "last_day": "2020-10-01",
            "precision": "day",
            "certainty": "exact",
            "kind": "joint_statement",
            "speakers": ["vladimir-putin", "emmanuel-macron"],
            "with": ["nikol-pashinyan"],
            "quote": "call for an immediate cessation, \"without delay\", of hostilities",
            "summary": "Joint call, with the US president.",
            "source": {"outlet": "Élysée", "url": "https://elysee.example/joint", "published": null},
            "verification": "verified",
            "briefing": "data-briefing",
            "briefing_url": "https://example.org/nk/briefings/data-briefing/#s-1",
            "speaker_names": ["Vladimir Putin", "Emmanuel Macron"],
            "with_names": ["Nikol Pashinyan"],
            "year": 2020,
            "disputes": [],
            "disputed_by": [],
            "factcheck": null,
            "original": null
        })
    );
    let s3 = &all[3];
    assert_eq!(s3["date"], "2020-10-05?/2020-10-07");
    assert_eq!(s3["date_display"], "5 Oct 2020? – 7 Oct 2020");
    assert_eq!(
        (s3["first_day"].as_str(), s3["last_day"].as_str()),
        (Some("2020-10-05"), Some("2020-10-07"))
    );
    assert_eq!(s3["certainty"], "uncertain");
    let s4 = &all[0];
    assert_eq!(
        (s4["precision"].as_str(), s4["certainty"].as_str()),
        (Some("year"), Some("approximate"))
    );
    assert_eq!(
        (s4["first_day"].as_str(), s4["last_day"].as_str()),
        (Some("2020-01-01"), Some("2020-12-31"))
    );
    // No source: an empty object, not null (issue 11).
    assert_eq!(s4["source"], serde_json::json!({}));
    assert_eq!(s4["verification"], "not_assessed");
    assert_eq!(
        s4["quote"], "<b>bold</b> & more",
        "data keeps the text as written"
    );

    // Stable: rebuilding gives the same ids.
    let again = site.tmp().join("again");
    site.build_into(&again, &[]).assert_ok();
    let second = std::fs::read_to_string(again.join("data/statements.json")).expect("second build");
    assert_eq!(second, site.read("data/statements.json"));
}

#[test]
fn statements_csv_has_acled_like_columns() {
    let site = Site::fixture("model-data");
    site.build_ok(&[]);
    let text = site.read("data/statements.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "id",
            "event_date",
            "time_precision",
            "date",
            "edtf",
            "actor1",
            "actor2",
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
            "disputes",
            "factcheck",
            "original_lang",
            "original_text"
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_string).collect())
        .collect();
    assert_eq!(rows.len(), 4);
    assert!(rows.iter().all(|r| r.len() == header.len()));
    let col =
        |r: &Vec<String>, name: &str| r[header.iter().position(|h| h == name).expect(name)].clone();
    // The joint statement: both speakers in actor1, commas and quotes survive.
    let joint = &rows[2];
    assert_eq!(
        joint,
        &row(&[
            "data-briefing-1",
            "2020-10-01",
            "1",
            "2020-10-01",
            "2020-10-01",
            "vladimir-putin;emmanuel-macron",
            "nikol-pashinyan",
            "Vladimir Putin;Emmanuel Macron",
            "Nikol Pashinyan",
            "2020",
            "joint_statement",
            "call for an immediate cessation, \"without delay\", of hostilities",
            "Joint call, with the US president.",
            "Élysée",
            "https://elysee.example/joint",
            "",
            "",
            "verified",
            "https://example.org/nk/briefings/data-briefing/#s-1",
            "",
            "",
            "",
            ""
        ])
    );
    // Quoting in the raw text: the field is wrapped and inner quotes doubled.
    assert!(
        text.contains(r#","call for an immediate cessation, ""without delay"", of hostilities","#),
        "{text}"
    );
    // time_precision as ACLED means it: 1 a day, 2 within a week (a 3-day span), 3
    // a month or wider; event_date is the earliest day.
    let precisions: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| {
            (
                col(r, "date"),
                col(r, "event_date"),
                col(r, "time_precision"),
            )
        })
        .collect();
    let p = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        precisions,
        [
            p("2020~", "2020-01-01", "3"),
            p("2020-09", "2020-09-01", "3"),
            p("2020-10-01", "2020-10-01", "1"),
            p("2020-10-05?/2020-10-07", "2020-10-05", "2"),
        ]
    );
    // Missing values are empty fields, not "null"; a verification not assessed
    // says so.
    assert_eq!(
        (
            col(&rows[1], "source"),
            col(&rows[1], "quote"),
            col(&rows[1], "verification"),
            col(&rows[1], "actor2")
        ),
        (
            String::new(),
            String::new(),
            "not_assessed".to_string(),
            String::new()
        )
    );
}

#[test]
fn timeline_json_is_timelinejs_with_date_parts_per_precision() {
    let site = Site::fixture("model-data");
    site.build_ok(&[]);
    let doc: Value = serde_json::from_str(&site.read("data/timeline.json")).expect("JSON");
    assert_eq!(doc["title"]["text"]["headline"], "Data Fixture");
    assert_eq!(doc["title"]["text"]["text"], "Statements as data.");
    let events = doc["events"].as_array().expect("events");
    let field = |i: usize, k: &str| events[i][k].clone();
    assert_eq!(
        events
            .iter()
            .map(|e| e["unique_id"].as_str().unwrap_or(""))
            .collect::<Vec<_>>(),
        [
            "data-briefing-4",
            "data-briefing-2",
            "data-briefing-1",
            "data-briefing-3"
        ]
    );
    // Year, month and day only as far as they are known.
    assert_eq!(field(0, "start_date"), serde_json::json!({"year": "2020"}));
    assert_eq!(
        field(2, "start_date"),
        serde_json::json!({"year": "2020", "month": "10", "day": "1"})
    );
    assert_eq!(
        field(1, "start_date"),
        serde_json::json!({"year": "2020", "month": "9"})
    );
    // Intervals have an end date; points do not.
    assert_eq!(
        field(3, "start_date"),
        serde_json::json!({"year": "2020", "month": "10", "day": "5"})
    );
    assert_eq!(
        field(3, "end_date"),
        serde_json::json!({"year": "2020", "month": "10", "day": "7"})
    );
    for (i, e) in events.iter().enumerate().take(3) {
        assert!(e.get("end_date").is_none(), "event {i} has no end");
    }
    assert_eq!(field(3, "display_date"), "5 Oct 2020? – 7 Oct 2020");
    assert_eq!(field(0, "display_date"), "c. 2020");
    assert_eq!(field(2, "group"), "Joint statement");
    assert_eq!(
        field(2, "text")["headline"],
        "Vladimir Putin, Emmanuel Macron → Nikol Pashinyan, Joint statement"
    );
    assert_eq!(
        field(2, "text")["text"],
        "<p>Vladimir Putin, Emmanuel Macron → Nikol Pashinyan, Joint statement</p>\
         <p>“call for an immediate cessation, &quot;without delay&quot;, of hostilities” Joint call, with the US president.</p>\
         <p><a href=\"https://example.org/nk/briefings/data-briefing/#s-1\">In the briefing: Data briefing</a></p>"
    );
    // A summary alone is not put in quotation marks; HTML in text is escaped.
    let text = |i: usize| field(i, "text")["text"].as_str().unwrap().to_string();
    assert!(
        text(1).contains("<p>An interview some day in September.</p>"),
        "{}",
        text(1)
    );
    assert!(
        text(0).contains("<p>“&lt;b&gt;bold&lt;/b&gt; &amp; more”</p>"),
        "{}",
        text(0)
    );
    assert_eq!(
        field(2, "briefing_url"),
        "https://example.org/nk/briefings/data-briefing/#s-1"
    );
}

// 8. Structured data ------------------------------------------------------------

/// Every JSON-LD block of a page, parsed.
fn json_ld(page: &Page) -> Vec<Value> {
    page.html
        .select(&sel(r#"script[type="application/ld+json"]"#))
        .map(|s| {
            let text: String = s.text().collect();
            serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}\n{text}"))
        })
        .collect()
}

fn meta(page: &Page, attr: &str, name: &str) -> Vec<String> {
    page.doc_attrs(&format!(r#"meta[{attr}="{name}"]"#), "content")
}

#[test]
fn json_ld_parses_and_a_hostile_title_cannot_break_out() {
    let site = Site::fixture("model-jsonld");
    site.build_ok(&[]);
    let title = r#"Talks </script><script>alert("x")</script> & more"#;

    let page = site.page("/briefings/hostile/");
    // Only the one script element exists: the title did not open another.
    assert_eq!(
        page.html.select(&sel("script")).count(),
        1,
        "{}",
        page.source
    );
    assert!(!page.source.contains("<script>alert"));
    assert_eq!(page.text("h1"), title);
    let ld = json_ld(&page);
    assert_eq!(ld.len(), 1);
    let article = &ld[0];
    assert_eq!(article["@context"], "https://schema.org");
    assert_eq!(article["@type"], "NewsArticle");
    assert_eq!(article["headline"], title);
    assert_eq!(article["description"], "A summary with </script> in it");
    assert_eq!(article["datePublished"], "2020-10-03");
    assert_eq!(article["dateModified"], "2020-10-05");
    assert_eq!(article["url"], "https://example.org/briefings/hostile/");
    assert_eq!(
        article["author"],
        serde_json::json!({"@type": "Organization", "name": "Desk"})
    );
    assert_eq!(
        article["correction"],
        serde_json::json!([{"@type": "CorrectionComment", "text": "Corrected the date of the call.", "datePublished": "2020-10-05"}])
    );
    // Only the quote is a Quotation; the summary-only statement is not.
    let parts = article["hasPart"].as_array().expect("hasPart");
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0]["@type"], "Quotation");
    assert_eq!(parts[0]["text"], "no </script> here");
    assert_eq!(parts[0]["temporalCoverage"], "2020-10-02");
    assert_eq!(
        parts[0]["url"],
        "https://example.org/briefings/hostile/#s-1"
    );
    assert_eq!(parts[0]["spokenByCharacter"][0]["name"], "Vladimir Putin");
    assert_eq!(
        parts[0]["spokenByCharacter"][0]["sameAs"],
        "https://www.wikidata.org/wiki/Q7747"
    );
    assert_eq!(parts[0]["isBasedOn"]["url"], "https://kremlin.example/r");
    let mentions: Vec<&str> = article["mentions"]
        .as_array()
        .expect("mentions")
        .iter()
        .filter_map(|m| m["@type"].as_str())
        .collect();
    assert_eq!(mentions, ["Country", "Person"]);

    // OpenGraph and Twitter card.
    assert_eq!(meta(&page, "property", "og:title"), [title]);
    assert_eq!(meta(&page, "property", "og:type"), ["article"]);
    assert_eq!(
        meta(&page, "property", "og:url"),
        ["https://example.org/briefings/hostile/"]
    );
    assert_eq!(
        meta(&page, "property", "og:description"),
        ["A summary with </script> in it"]
    );
    assert_eq!(
        meta(&page, "property", "article:published_time"),
        ["2020-10-03"]
    );
    assert_eq!(meta(&page, "name", "twitter:card"), ["summary"]);
    assert_eq!(meta(&page, "name", "twitter:title"), [title]);

    let actor = site.page("/actors/vladimir-putin/");
    let ld = json_ld(&actor);
    assert_eq!(ld.len(), 1);
    assert_eq!(ld[0]["@context"], "https://schema.org");
    assert_eq!(ld[0]["@type"], "Person");
    assert_eq!(ld[0]["name"], "Vladimir Putin");
    assert_eq!(ld[0]["sameAs"], "https://www.wikidata.org/wiki/Q7747");
    assert_eq!(ld[0]["url"], "https://example.org/actors/vladimir-putin/");
    // The role without an end, though listed before the one that ended.
    assert_eq!(ld[0]["jobTitle"], "President of Russia");
    assert_eq!(ld[0]["alternateName"], serde_json::json!(["Putin"]));
    assert_eq!(meta(&actor, "property", "og:type"), ["profile"]);
    assert_eq!(meta(&actor, "name", "twitter:card"), ["summary"]);

    let state = json_ld(&site.page("/actors/azerbaijan/"));
    assert_eq!(state[0]["@type"], "Country");
    assert_eq!(state[0]["sameAs"], "https://www.wikidata.org/wiki/Q227");
}
