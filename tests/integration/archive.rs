//! Navigation in time (issue 9): the archive by year and month, the split timeline
//! with its latest months and jump bars, actor year pages with said and addressed
//! counts kept apart, tag pagination, honest day headings, and page budgets on a
//! generated corpus.

use crate::harness::Site;

#[test]
fn the_archive_lists_years_and_months_with_counts() {
    let site = Site::fixture("archive");
    site.build_ok(&[]);
    let index = site.page("/archive/");
    assert_eq!(index.texts("main h1"), ["Archive"]);
    assert_eq!(
        index.texts(".jump-years > li > a"),
        ["2021", "2020", "2019"]
    );
    assert_eq!(
        index.texts(".jump-years > li > .count"),
        ["2 briefings", "1 briefing", "2 briefings"]
    );
    assert_eq!(
        index.attrs(".jump-months a", "href"),
        [
            "/archive/2021/#m-2021-03",
            "/archive/2021/#m-2021-01",
            "/archive/2020/#m-2020-10",
            "/archive/2019/#m-2019-05"
        ]
    );
    let y2019 = site.page("/archive/2019/");
    assert_eq!(y2019.text("main h1"), "Archive: 2019");
    assert_eq!(y2019.text(".jump-years strong"), "2019");
    assert_eq!(y2019.text("#m-2019-05 h2"), "May 2019 2 briefings");
    assert_eq!(
        y2019.attrs("#m-2019-05 .briefing-list a", "href"),
        ["/briefings/second/", "/briefings/first/"],
        "newest first"
    );
    assert!(
        site.read("sitemap.xml")
            .contains("https://example.org/archive/2019/")
    );
}

#[test]
fn home_tag_pages_and_the_navigation_link_to_the_archive() {
    let site = Site::fixture("archive");
    site.build_ok(&[]);
    for url in ["/", "/page/2/", "/tags/talks/", "/tags/talks/page/2/"] {
        let page = site.page(url);
        assert_eq!(
            page.attrs(".archive-link a", "href"),
            ["/archive/"],
            "{url}"
        );
        assert!(
            page.doc_attrs("header nav a", "href")
                .contains(&"/archive/".to_string()),
            "{url}"
        );
    }
}

#[test]
fn tag_pages_paginate_like_the_home_page() {
    let site = Site::fixture("archive");
    site.build_ok(&[]);
    let first = site.page("/tags/talks/");
    assert_eq!(first.text("main h1"), "Tag: Talks");
    assert_eq!(first.text(".lead"), "4 briefings");
    assert_eq!(
        first.texts(".card h2"),
        ["Talks in January", "Calls of October"]
    );
    assert_eq!(first.attrs("a[rel=next]", "href"), ["/tags/talks/page/2/"]);
    let second = site.page("/tags/talks/page/2/");
    assert_eq!(second.text("main h1"), "Tag: Talks, page 2");
    assert_eq!(second.texts(".card h2"), ["Second talks", "First talks"]);
    assert_eq!(second.attrs("a[rel=prev]", "href"), ["/tags/talks/"]);
    assert!(second.title().starts_with("Tag: Talks, page 2"));
    assert!(!site.exists("tags/talks/page/3/index.html"));
}

#[test]
fn day_headings_are_no_surer_than_their_statements() {
    let site = Site::fixture("archive");
    site.build_ok(&[]);
    let page = site.page("/timeline/");
    let october: Vec<String> = page.texts("#m-2020-10 .day h3");
    assert_eq!(
        october,
        [
            "Thursday 1 Oct 2020",
            "1 Oct 2020? (date not confirmed)",
            "c. 1 Oct 2020 (approximate date)"
        ]
    );
    // Both exact statements sit under the one exact heading, whatever the order.
    assert_eq!(
        page.select("#m-2020-10 .day")[0]
            .select(&crate::harness::sel("li.statement"))
            .count(),
        2
    );
    assert_eq!(
        page.texts("#m-2021-03 .day h3"),
        ["2–3 Mar 2021 (over several days)"]
    );
    // An unsplit timeline jumps to its months on the page.
    assert_eq!(
        page.attrs("nav.months a", "href"),
        [
            "/timeline/#m-2019-05",
            "/timeline/#m-2020-10",
            "/timeline/#m-2021-03"
        ]
    );
}

#[test]
fn an_actor_page_counts_said_and_addressed_apart_by_year() {
    let site = Site::fixture("archive");
    site.build_ok(&[]);
    let amy = site.page("/actors/amy-envoy/");
    assert_eq!(
        amy.text("h2#statements .count"),
        "4 said, 1 addressed to them"
    );
    assert_eq!(amy.texts("nav.years a"), ["2021", "2020", "2019"]);
    assert_eq!(
        amy.attrs("nav.years a", "href")[0],
        "/actors/amy-envoy/#y-2021"
    );
    assert_eq!(
        amy.texts("nav.years .count"),
        [
            "1 said, 0 addressed to them",
            "2 said, 1 addressed to them",
            "1 said, 0 addressed to them"
        ]
    );
    assert_eq!(
        amy.texts(".actor-year h3 .count").len(),
        3,
        "one section per year, newest first"
    );
    let times = amy.attrs(".actor-year li.statement time", "datetime");
    let mut newest_first = times.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(times, newest_first);
    assert!(
        !site.exists("actors/amy-envoy/2020/index.html"),
        "few statements: no year pages"
    );
}

/// A generated desk: `years` of (year, briefings), three statements each, all by
/// `busy` (to `quiet`), so the timeline splits, the busy actor gets year pages of
/// several pages, and a big year of the archive gets month pages.
fn generated(years: &[(i32, usize)]) -> Site {
    let site = Site::fixture("archive");
    std::fs::remove_dir_all(site.root.join("content/briefings")).expect("clear");
    std::fs::remove_dir_all(site.root.join("content/actors")).expect("clear");
    site.write(
        "content/actors/busy.md",
        "---\nname: Busy\nkind: person\n---\nTalks.\n",
    );
    site.write(
        "content/actors/quiet.md",
        "---\nname: Quiet\nkind: person\n---\nListens.\n",
    );
    for &(year, n) in years {
        for i in 0..n {
            let (month, day) = (i % 12 + 1, i % 28 + 1);
            let mut text = format!(
                "---\ntitle: Briefing {year} {i}\ndate: {year}-{month:02}-{day:02}\ntags: [Desk]\nstatements:\n"
            );
            for k in 0..3 {
                let with = if k == 2 { ", with: [quiet]" } else { "" };
                text.push_str(&format!(
                    "  - {{speaker: busy{with}, date: {year}-{month:02}-{day:02}, summary: Said {i} {k}., source: {{outlet: Wire}}}}\n"
                ));
            }
            text.push_str("---\nBody.\n");
            site.write(&format!("content/briefings/b{year}-{i:04}.md"), &text);
        }
    }
    site
}

/// Counts the elements of a page (start tags), as `bench/page_budget.py` does.
fn elements(source: &str) -> usize {
    scraper::Html::parse_document(source)
        .tree
        .nodes()
        .filter(|n| n.value().is_element())
        .count()
}

#[test]
fn a_generated_desk_splits_into_pages_within_the_budget() {
    use sitroom::route::{ACTOR_SPLIT, ARCHIVE_SPLIT, TIMELINE_SPLIT};
    let big = ARCHIVE_SPLIT + 1;
    let site = generated(&[(2020, big), (2021, 30)]);
    site.build_ok(&[]);

    // Every page within the budget.
    for entry in walkdir::WalkDir::new(&site.out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let n = elements(&text);
            assert!(
                text.len() <= 250 * 1024,
                "{}: {} bytes",
                entry.path().display(),
                text.len()
            );
            assert!(n <= 3000, "{}: {n} elements", entry.path().display());
        }
    }

    // The timeline opens on the latest months, with a jump bar of years and months.
    let front = site.page("/timeline/");
    let shown = front.select("li.statement").len();
    assert!(shown > 0 && shown <= TIMELINE_SPLIT, "{shown}");
    let latest = front.attrs("li.statement time", "datetime");
    assert!(latest.iter().all(|d| d.starts_with("2021-")), "{latest:?}");
    assert_eq!(
        front.texts("nav.years .jump-years > li > a"),
        ["2020", "2021"]
    );
    let months = front.attrs("nav.years .jump-months a", "href");
    assert_eq!(months.len(), 24);
    assert!(
        months[0].starts_with("/timeline/2020/#m-2020-01"),
        "{months:?}"
    );
    // A month of 2020 starts on a later page of the year.
    assert!(months[11].contains("/timeline/2020/page/"), "{months:?}");

    // A year's pages run forward in time, each with the year's month links.
    let statements_2020 = big * 3;
    let pages = statements_2020.div_ceil(TIMELINE_SPLIT);
    let last = site.page(&format!("/timeline/2020/page/{pages}/"));
    assert_eq!(
        last.attrs("a[rel=prev]", "href"),
        [format!("/timeline/2020/page/{}/", pages - 1)]
    );
    assert_eq!(last.text("a[rel=prev]"), "← Earlier");
    assert_eq!(last.attrs("nav.months a", "href").len(), 12);
    assert!(!site.exists(&format!("timeline/2020/page/{}/index.html", pages + 1)));

    // The busy actor: the latest statements on their page, the rest on year pages.
    let busy = site.page("/actors/busy/");
    assert_eq!(busy.select("li.statement").len(), 20);
    assert_eq!(
        busy.attrs("nav.years a", "href"),
        ["/actors/busy/2021/", "/actors/busy/2020/"]
    );
    assert_eq!(
        busy.texts("nav.years .count"),
        [
            "90 said, 0 addressed to them".to_string(),
            format!("{statements_2020} said, 0 addressed to them")
        ]
    );
    let year = site.page("/actors/busy/2020/");
    assert_eq!(year.text("main h1"), "Busy: statements of 2020");
    assert_eq!(year.text("nav.years strong"), "2020");
    assert_eq!(year.select("li.statement").len(), ACTOR_SPLIT);
    let quiet = site.page("/actors/quiet/");
    assert_eq!(
        quiet.text("h2#statements .count"),
        format!("0 said, {} addressed to them", (big + 30))
    );
    assert!(site.exists(&format!(
        "actors/busy/2020/page/{}/index.html",
        statements_2020.div_ceil(ACTOR_SPLIT)
    )));

    // The big year of the archive lists its months, each on its own page.
    let y2020 = site.page("/archive/2020/");
    assert!(y2020.select(".briefing-list").is_empty());
    let month_links = y2020.attrs(".jump-years strong ~ ul a", "href");
    assert_eq!(
        month_links.first().map(String::as_str),
        Some("/archive/2020/12/")
    );
    let march = site.page("/archive/2020/03/");
    assert_eq!(march.text("main h1"), "Archive: March 2020");
    assert_eq!(
        march.select(".briefing-list li").len(),
        big / 12 + usize::from(big % 12 > 2)
    );
    assert!(site.exists("archive/2021/index.html") && !site.exists("archive/2021/03/index.html"));
}
