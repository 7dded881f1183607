//! The theme's strings: a site's `i18n/<language>.ftl` replaces built-in messages by
//! id, the rest stay English, and a broken file is a diagnostic with its position.

use crate::harness::{Site, sel, text_of};

#[test]
fn a_site_file_overrides_strings_and_keeps_the_rest() {
    let site = Site::fixture("i18n_override");
    site.build_ok(&[]);
    let home = site.page("/");
    // Overridden: the nav label and the plural count on the briefing cards.
    let nav: Vec<String> = home
        .html
        .select(&sel("nav[aria-label=Main] a"))
        .map(text_of)
        .collect();
    assert_eq!(nav[..4], ["Briefings", "Chronology", "Archive", "Actors"]);
    assert_eq!(
        home.texts("article.card p.meta"),
        [
            "5 Okt 2020 · 8 statements on record",
            "1 Okt 2020 · one statement"
        ]
    );
    // Kept from the built-in English.
    assert_eq!(home.text("main h1"), "Latest briefings");
    let briefing = site.page("/briefings/a/");
    assert_eq!(briefing.text("h2#statements"), "What was said");
    assert_eq!(briefing.text("h2#actors"), "Actors");
    // Words formatted in Rust come from the site's file too: dates, kinds, titles.
    assert_eq!(
        briefing.texts("li.statement time"),
        [
            "2020",
            "27 Sep – 3 Okt 2020",
            "Oktober 2020",
            "about Oktober 2020",
            "2 Okt 2020",
            "about 2 Okt 2020",
            "2 Okt 2020?",
            "2–3 Okt 2020",
        ]
    );
    assert!(
        briefing
            .texts("li.statement .kind")
            .iter()
            .all(|k| k == "Declaration")
    );
    assert_eq!(site.page("/actors/").title(), "Who is who · sitroom");
    // A markup message keeps its markup, and its arguments are still URLs.
    let missing = site.page("/404.html");
    assert_eq!(missing.attrs("main p a", "href"), ["/"]);
    assert_eq!(missing.text("main p"), "Try the front page & start again.");
}

#[test]
fn a_broken_strings_file_is_reported_with_its_position() {
    let site = Site::fixture("i18n_override");
    site.write(
        "i18n/en.ftl",
        "nav-timeline = Chronology\nnav-actors Actors\ntag-heading = Tag { $name }\nnav-tagz = Labels\n",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    let err = &run.stderr;
    for expected in [
        "error[locale-syntax]: this line of the strings file does not parse: expected a token starting with \"=\"\n --> i18n/en.ftl:2:12",
        "error[locale-variable]: message `tag-heading` uses `{ $name }`, which it is never given\n --> i18n/en.ftl:3:1",
        "= help: it is given `{ $tag }`",
        "warning[unknown-message]: message `nav-tagz` is not used by any template\n --> i18n/en.ftl:4:1",
        "= help: did you mean `nav-tags`?",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in\n{err}");
    }
}

#[test]
fn strings_for_another_language_are_reported_as_unused() {
    let site = Site::fixture("i18n_override");
    site.write("i18n/ru.ftl", "nav-timeline = Хронология\n");
    let run = site.run(&["check"]);
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "warning[unused-locale]: `i18n/ru.ftl` is never read: the site's language is `en`\n--> i18n/ru.ftl"
        ),
        "{}",
        run.stderr
    );
}
