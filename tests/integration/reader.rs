//! The reader's side (issue 11): honest certainty in errors and `<time>` elements,
//! the actors index, feeds and page metadata.

use crate::harness::{Site, sel, text_of};

#[test]
fn a_verified_statement_without_a_source_is_an_error() {
    let site = Site::fixture("err_verified_no_source");
    let run = site.build(&[]);
    run.assert_code(1);
    insta::assert_snapshot!(run.stderr, @r"
    content/briefings/2020-10-03-unsourced.md:6:3: error: a statement marked `verified` has no `source`
      hint: add `source: {outlet: …, url: …}`, or the `id` of one of the briefing's `sources:`, so readers can check it, or remove `verification: verified`
    content/briefings/2020-10-03-unsourced.md:10:3: warning: a statement has no `source`
      hint: add `source: {outlet: …, url: …}`, or the `id` of one of the briefing's `sources:`, so readers can check it
    error: build failed with 1 error and 1 warning; `[TMP]/public` was left as it was
    ");
    assert!(!site.out.exists(), "a failed build writes nothing");
}

#[test]
fn time_elements_keep_the_precision_the_date_has() {
    let site = Site::fixture("reader_dates");
    site.build_ok(&[]);
    let page = site.page("/briefings/dates/");
    let cards = page.select("li.statement");
    let got: Vec<(String, String, String)> = cards
        .iter()
        .map(|li| {
            let t = li.select(&sel("time")).next().expect("a <time>");
            let summary = text_of(li.select(&sel("p.summary")).next().expect("a summary"));
            let attr = |a| t.value().attr(a).unwrap_or_default().to_string();
            (summary, attr("datetime"), attr("title"))
        })
        .collect();
    let want = [
        ("day", "2020-10-02", "2020-10-02"),
        ("month", "2020-10", "2020-10"),
        ("year", "2020", "2020"),
        ("uncertain year", "2020", "2020?"),
        ("approximate day", "2020-10-02", "2020-10-02~"),
        // HTML cannot write an interval: its start, at the start's precision;
        // the whole EDTF date stays in `title`.
        ("interval", "2021-03-02", "2021-03-02/2021-03-03"),
        ("month interval", "2020-10", "2020-10/2020-11"),
    ];
    let mut got_sorted = got.clone();
    got_sorted.sort();
    let mut want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    want.sort();
    assert_eq!(got_sorted, want);
    // No EDTF qualifier in any `datetime` on any page of the site.
    for url in ["/briefings/dates/", "/timeline/", "/actors/vladimir-putin/"] {
        let p = site.page(url);
        for dt in p.doc_attrs("time", "datetime") {
            assert!(
                !dt.contains(['?', '~', '/']) && !dt.is_empty(),
                "{url}: datetime=\"{dt}\""
            );
        }
    }
}

#[test]
fn the_actors_index_counts_said_and_addressed_apart() {
    let site = Site::fixture("reader_actors");
    site.build_ok(&[]);
    let page = site.page("/actors/");
    let rows: Vec<(String, String)> = page
        .select("ul.actor-list li")
        .into_iter()
        .map(|li| {
            let name = text_of(li.select(&sel("a")).next().expect("a link"));
            let count = text_of(li.select(&sel(".count")).next().expect("a count"));
            (name, count)
        })
        .collect();
    let want = [
        // Speaks in 3 (once jointly), addressed in none.
        ("Ilham Aliyev", "3 statements, 1 briefing"),
        // Speaks in 2, addressed in 3: not "5 statements".
        (
            "Nikol Pashinyan",
            "2 statements, addressed in 3, 1 briefing",
        ),
        ("Vladimir Putin", "2 statements, addressed in 1, 1 briefing"),
        // Never speaks.
        ("OSCE Minsk Group", "addressed in 1 statement, 1 briefing"),
    ];
    assert_eq!(rows, want.map(|(a, b)| (a.to_string(), b.to_string())),);
}

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// RFC 4287's required elements, checked on a parsed feed; returns the problems.
/// (Also run on every feed by `feeds.rs`.)
pub(crate) fn atom_problems(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let feed = doc.root_element();
    let mut problems = Vec::new();
    if !feed.has_tag_name((ATOM, "feed")) {
        problems.push("the root is not atom:feed".to_string());
    }
    let children = |n: roxmltree::Node<'_, '_>, name: &str| -> Vec<String> {
        n.children()
            .filter(|c| c.has_tag_name((ATOM, name)))
            .map(|c| c.text().unwrap_or_default().trim().to_string())
            .collect()
    };
    let rfc3339 = |s: &str| {
        let b = s.as_bytes();
        b.len() >= 20
            && b[4] == b'-'
            && b[7] == b'-'
            && b[10] == b'T'
            && (s.ends_with('Z') || s[19..].starts_with(['+', '-']))
    };
    let absolute_iri = |s: &str| {
        s.split_once(':').is_some_and(|(scheme, rest)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !rest.is_empty()
        })
    };
    let one = |problems: &mut Vec<String>, n: roxmltree::Node<'_, '_>, what: &str, name: &str| {
        let v = children(n, name);
        if v.len() != 1 || v[0].is_empty() {
            problems.push(format!("{what} has {} non-empty <{name}>", v.len()));
            None
        } else {
            Some(v[0].clone())
        }
    };
    let feed_id = one(&mut problems, feed, "feed", "id");
    one(&mut problems, feed, "feed", "title");
    let feed_updated = one(&mut problems, feed, "feed", "updated");
    let author_names = |n: roxmltree::Node<'_, '_>| -> Vec<String> {
        n.children()
            .filter(|c| c.has_tag_name((ATOM, "author")))
            .flat_map(|a| children(a, "name"))
            .filter(|name| !name.is_empty())
            .collect()
    };
    let feed_has_author = !author_names(feed).is_empty();
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .collect();
    let mut ids = vec![feed_id];
    let mut dates = vec![feed_updated];
    for (i, e) in entries.iter().enumerate() {
        let what = format!("entry {i}");
        ids.push(one(&mut problems, *e, &what, "id"));
        one(&mut problems, *e, &what, "title");
        dates.push(one(&mut problems, *e, &what, "updated"));
        let alternate = e.children().any(|c| {
            c.has_tag_name((ATOM, "link"))
                && c.attribute("rel").unwrap_or("alternate") == "alternate"
                && c.attribute("href").is_some_and(absolute_iri)
        });
        if !alternate {
            problems.push(format!("{what} has no absolute link rel=alternate"));
        }
        if !feed_has_author && author_names(*e).is_empty() {
            problems.push(format!("{what} has no author, nor has the feed"));
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for id in ids.into_iter().flatten() {
        if !absolute_iri(&id) {
            problems.push(format!("id `{id}` is not an absolute IRI"));
        }
        if !seen.insert(id.clone()) {
            problems.push(format!("id `{id}` is used twice"));
        }
    }
    problems.extend(content_and_iri_problems(feed, absolute_iri));
    for d in dates.into_iter().flatten() {
        if !rfc3339(&d) {
            problems.push(format!("`{d}` is not an RFC 3339 date-time"));
        }
    }
    problems
}

/// RFC 4287 4.1.3 (`content`'s `type`: text, html, xhtml or a MIME type; `src`
/// content is empty) and 4.2.7 (a relative `href` needs an `xml:base` to resolve
/// against, else it is resolved against wherever the feed was fetched from).
fn content_and_iri_problems(
    feed: roxmltree::Node<'_, '_>,
    absolute_iri: impl Fn(&str) -> bool,
) -> Vec<String> {
    const XML: &str = "http://www.w3.org/XML/1998/namespace";
    let mut problems = Vec::new();
    for n in feed.descendants().filter(|n| n.is_element()) {
        let based = n
            .ancestors()
            .filter_map(|a| a.attribute((XML, "base")))
            .any(&absolute_iri);
        if n.has_tag_name((ATOM, "content")) {
            let t = n.attribute("type").unwrap_or("text");
            if !(matches!(t, "text" | "html" | "xhtml") || t.contains('/')) {
                problems.push(format!("content type `{t}` is not allowed"));
            }
            if n.attribute("src").is_some() && n.has_children() {
                problems.push("content with src is not empty".to_string());
            }
        }
        if n.has_tag_name((ATOM, "link")) {
            match n.attribute("href") {
                Some(h) if !absolute_iri(h) && !based => {
                    problems.push(format!("link `{h}` is relative and there is no xml:base"));
                }
                None => problems.push("a link has no href".to_string()),
                _ => {}
            }
        }
    }
    problems
}

#[test]
fn atom_feeds_have_what_rfc_4287_requires() {
    let site = Site::fixture("reader_feeds");
    site.build_ok(&[]);
    for feed in ["atom.xml", "actors/vladimir-putin/atom.xml"] {
        let xml = site.read(feed);
        assert_eq!(atom_problems(&xml), Vec::<String>::new(), "{feed}:\n{xml}");
    }
    let xml = site.read("atom.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let feed = doc.root_element();
    // No `author` in site.yaml: the site's title stands in.
    let author: Vec<&str> = feed
        .descendants()
        .filter(|n| n.has_tag_name((ATOM, "author")))
        .flat_map(|a| a.children().filter(|c| c.has_tag_name((ATOM, "name"))))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(author, ["Desk & Co"]);
    let entries: Vec<(String, Vec<String>, String)> = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .map(|e| {
            let text = |name| {
                e.children()
                    .find(|c| c.has_tag_name((ATOM, name)))
                    .and_then(|c| c.text())
                    .unwrap_or_default()
                    .to_string()
            };
            let terms = e
                .children()
                .filter(|c| c.has_tag_name((ATOM, "category")))
                .filter_map(|c| c.attribute("term"))
                .map(str::to_string)
                .collect();
            (text("title"), terms, text("updated"))
        })
        .collect();
    assert_eq!(
        entries,
        [
            ("Second".into(), vec![], "2020-10-07T00:00:00Z".into()),
            (
                "First".into(),
                vec!["Karabakh".to_string(), "Talks & truces".to_string()],
                "2020-10-09T00:00:00Z".into()
            ),
        ]
    );
}

#[test]
fn the_atom_checker_finds_what_is_missing() {
    let bad = r#"<feed xmlns="http://www.w3.org/2005/Atom"><id>/atom.xml</id><title>T</title>
        <updated>2020-10-01</updated><link rel="self" href="/atom.xml"/>
        <entry><id>x</id><title>E</title><content type="htm">x</content></entry>
        <entry><id>x</id><title>F</title></entry></feed>"#;
    assert_eq!(
        atom_problems(bad),
        [
            "entry 0 has 0 non-empty <updated>",
            "entry 0 has no absolute link rel=alternate",
            "entry 0 has no author, nor has the feed",
            "entry 1 has 0 non-empty <updated>",
            "entry 1 has no absolute link rel=alternate",
            "entry 1 has no author, nor has the feed",
            "id `/atom.xml` is not an absolute IRI",
            "id `x` is not an absolute IRI",
            "id `x` is not an absolute IRI",
            "id `x` is used twice",
            "link `/atom.xml` is relative and there is no xml:base",
            "content type `htm` is not allowed",
            "`2020-10-01` is not an RFC 3339 date-time",
        ]
    );
}

#[test]
fn a_briefings_summary_is_its_meta_description() {
    // No site description: the summary still becomes the description.
    let site = Site::fixture("reader_feeds");
    site.build_ok(&[]);
    let meta = |url: &str| {
        site.page(url)
            .doc_attrs("meta[name=description]", "content")
    };
    assert_eq!(meta("/briefings/first/"), ["The first briefing."]);
    // Other pages of a site without a description get a general one (Lighthouse's
    // SEO audit and search engines want one on every page).
    assert_eq!(
        meta("/"),
        [
            "Desk & Co: briefings, the actors in them and a dated timeline of what each said, with sources."
        ]
    );
    // A briefing without `summary:` is described by its first paragraph, not by
    // the site's description.
    let site = Site::fixture("reader_actors");
    site.build_ok(&[]);
    let meta = |url: &str| {
        site.page(url)
            .doc_attrs("meta[name=description]", "content")
    };
    assert_eq!(meta("/briefings/calls/"), ["Body."]);
    assert_eq!(meta("/"), ["Who said what."]);
}

#[test]
fn every_page_links_an_svg_favicon_under_the_base_path() {
    let site = Site::fixture("reader_feeds");
    site.build_ok(&[]);
    // The ICO first (for clients without SVG icons), then the SVG.
    for url in ["/", "/briefings/first/", "/actors/", "/timeline/"] {
        assert_eq!(
            site.page(url).doc_attrs("link[rel=icon]", "href"),
            ["/nk/favicon.ico", "/nk/favicon.svg"],
            "{url}"
        );
    }
    let svg = site.read("favicon.svg");
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    assert!(
        doc.root_element()
            .has_tag_name(("http://www.w3.org/2000/svg", "svg"))
    );
}

#[test]
fn og_type_is_article_profile_for_people_and_website_elsewhere() {
    let site = Site::fixture("reader_actors");
    site.build_ok(&[]);
    let og_type = |url: &str| {
        site.page(url)
            .doc_attrs("meta[property=\"og:type\"]", "content")
    };
    for (url, want) in [
        ("/", "website"),
        ("/timeline/", "website"),
        ("/actors/", "website"),
        ("/tags/", "website"),
        ("/contacts/", "website"),
        ("/briefings/calls/", "article"),
        ("/actors/nikol-pashinyan/", "profile"),
        ("/actors/osce-minsk-group/", "website"),
    ] {
        assert_eq!(og_type(url), [want], "{url}");
    }
}

#[test]
fn badges_and_vague_dates_link_to_the_theme_s_default_legend() {
    let site = Site::fixture("reader_briefing");
    site.build_ok(&[]);
    let page = site.page("/briefings/calls/");
    // Every statement has a badge, "not assessed" when nobody assessed it, and
    // each badge links to the legend, as does the uncertain date (not the exact one).
    assert_eq!(
        page.texts("li.statement .badge"),
        ["verified", "not assessed"]
    );
    assert_eq!(
        page.attrs("li.statement a.badge", "href"),
        ["/methodology/#verification", "/methodology/#verification"]
    );
    assert_eq!(
        page.attrs("li.statement a.date-legend", "href"),
        ["/methodology/#dates"]
    );
    // The theme's methodology page carries both sections and is in the navigation.
    let legend = site.page("/methodology/");
    assert_eq!(legend.attrs("h2", "id"), ["verification", "dates"]);
    assert_eq!(
        legend.texts("#verification ~ dl dt"),
        ["verified", "unverified", "disputed", "not assessed"]
    );
    assert!(
        legend
            .doc_attrs("nav[aria-label=Main] a", "href")
            .contains(&"/methodology/".to_string())
    );
}

#[test]
fn a_site_s_own_methodology_page_without_the_legend_ids_is_warned_and_not_linked() {
    let site = Site::fixture("reader_briefing");
    site.write(
        "content/pages/methodology.md",
        "---\ntitle: How we work\n---\nWe check things.\n",
    );
    let run = site.build_ok(&[]);
    assert!(
        run.stderr.contains("content/pages/methodology.md: warning: the methodology page has no section with id `verification`"),
        "{}",
        run.stderr
    );
    let page = site.page("/briefings/calls/");
    assert!(
        page.select("a.badge").is_empty(),
        "no link to a missing section"
    );
    assert_eq!(page.texts("span.badge"), ["verified", "not assessed"]);
    assert_eq!(site.page("/methodology/").text("h1"), "How we work");
}

#[test]
fn the_briefing_lists_its_statements_on_top_and_corrections_name_theirs() {
    let site = Site::fixture("reader_briefing");
    site.build_ok(&[]);
    let page = site.page("/briefings/calls/");
    assert_eq!(
        page.texts("nav.statement-index li a"),
        [
            "2 Oct 2020 · Vladimir Putin to Nikol Pashinyan · Phone call",
            "3 Oct 2020? · Nikol Pashinyan · Statement"
        ]
    );
    assert_eq!(
        page.attrs("nav.statement-index li a", "href"),
        ["#s-1", "#s-2"]
    );
    // A visible permalink on each card.
    assert_eq!(
        page.attrs("li.statement a.permalink", "href"),
        ["/briefings/calls/#s-1", "/briefings/calls/#s-2"]
    );
    assert_eq!(
        page.texts("li.statement .speakers"),
        [
            "Vladimir Putin (President of Russia) to Nikol Pashinyan (Prime Minister of Armenia)",
            "Nikol Pashinyan (Prime Minister of Armenia)"
        ]
    );
    assert_eq!(
        page.attrs("section.corrections li a", "href"),
        ["/briefings/calls/#s-2"]
    );
    // Task-list checkboxes are named by their item's text.
    assert_eq!(
        page.texts(".body li label.task"),
        ["Readouts compared", "Second source found"]
    );
    // Home page cards name the briefing's main actors.
    assert_eq!(
        site.page("/").texts("article.card .card-actors a"),
        // Most statements first.
        ["Nikol Pashinyan", "Vladimir Putin"]
    );
}

#[test]
fn a_correction_naming_a_missing_statement_is_an_error() {
    let site = Site::fixture("reader_briefing");
    let path = "content/briefings/2020-10-05-calls.md";
    let text = std::fs::read_to_string(site.root.join(path)).expect("fixture");
    site.write(path, &text.replace("statement: s-2", "statement: s-3"));
    let run = site.build(&[]);
    run.assert_code(1);
    insta::assert_snapshot!(run.stderr, @r"
    content/briefings/2020-10-05-calls.md:8:58: error: the correction names statement `s-3`, which this briefing does not have
      hint: name one of the briefing's statements, `s-1` to `s-2`, in the order of `statements:`
    error: build failed with 1 error; `[TMP]/public` was left as it was
    ");
    site.write(path, &text.replace("statement: s-2", "statement: s2"));
    let run = site.build(&[]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("hint: did you mean `s-2`?"),
        "{}",
        run.stderr
    );
}
