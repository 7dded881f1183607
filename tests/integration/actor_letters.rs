//! Past 300 actors (`route::ACTORS_SPLIT`) `/actors/` is an index: a letter bar
//! with counts, the kinds with counts and the most cited; each initial letter has
//! its pages under `/actors-by-letter/<letter>/`, in every language, by the names
//! as that language shows them.

use crate::harness::{Page, Site, sitemap_locs};

/// `route::ACTORS_SPLIT`: the fixture gets this many generated actors more.
const ACTORS_SPLIT: usize = 300;

/// The `actor_letters` fixture (ten actors with telling names, two languages)
/// and `ACTORS_SPLIT + 1` more, "Actor 001"…, all under A, so A takes two pages;
/// built with `extra` arguments.
pub fn big_site_with(extra: &[&str]) -> Site {
    let site = Site::fixture("actor_letters");
    for i in 1..=ACTORS_SPLIT + 1 {
        site.write(
            &format!("content/actors/actor-{i:03}.md"),
            &format!("---\nname: Actor {i:03}\nkind: person\n---\n"),
        );
    }
    site.build_ok(extra);
    site
}

fn big_site() -> Site {
    big_site_with(&[])
}

/// The letter bar of a page: each entry's text, and its link (if any).
fn bar(page: &Page) -> Vec<(String, Option<String>)> {
    page.select("nav.actor-letters li")
        .into_iter()
        .map(|li| {
            let link = li
                .select(&crate::harness::sel("a"))
                .next()
                .and_then(|a| a.value().attr("href").map(str::to_string));
            (crate::harness::text_of(li), link)
        })
        .collect()
}

#[test]
fn a_small_site_keeps_its_one_page_of_actors() {
    let site = Site::fixture("actor_letters");
    site.build_ok(&[]);
    let page = site.page("/actors/");
    assert!(page.select("nav.actor-letters").is_empty());
    assert_eq!(page.select(".actor-group li").len(), 10);
    assert!(!site.out_path("actors-by-letter").exists());
}

#[test]
fn past_the_split_the_actors_page_is_an_index_by_letter() {
    let site = big_site();
    let page = site.page("/actors/");
    assert_eq!(
        page.text("main > p"),
        format!(
            "{} actors, listed by the first letter of their names.",
            ACTORS_SPLIT + 11
        )
    );
    let bar = bar(&page);
    let linked: Vec<(&str, &str)> = (bar.iter())
        .filter_map(|(t, l)| Some((t.as_str(), l.as_deref()?)))
        .collect();
    assert_eq!(
        linked,
        [
            ("7 1", "/desk/actors-by-letter/0-9/"),
            ("A 301", "/desk/actors-by-letter/a/"),
            ("E É 3", "/desk/actors-by-letter/e/"),
            ("H 1", "/desk/actors-by-letter/h/"),
            ("U 1", "/desk/actors-by-letter/u/"),
            ("V 1", "/desk/actors-by-letter/v/"),
            ("Z 2", "/desk/actors-by-letter/z/"),
            ("ع 1", "/desk/actors-by-letter/u639/"),
        ]
    );
    // A to Z stay in the bar; letters no name has are not links.
    let unlinked: String = (bar.iter())
        .filter(|(_, l)| l.is_none())
        .map(|(t, _)| t.as_str())
        .collect();
    assert_eq!(unlinked, "BCDFGIJKLMNOPQRSTWXY");
    assert_eq!(
        page.texts(".actor-kinds li"),
        [
            "People 305",
            "States 2",
            "Organizations 1",
            "Armed groups 3"
        ]
    );
    assert_eq!(
        page.texts("#actors-most-cited + ol li"),
        [
            "Vladimir Putin 2 statements",
            "Estonia 1 statement",
            "United Nations 1 statement"
        ]
    );
    assert!(page.select("a[href^='/desk/actors/actor-']").is_empty());
}

#[test]
fn a_letter_page_lists_its_actors_by_kind() {
    let site = big_site();
    let e = site.page("/actors-by-letter/e/");
    assert_eq!(e.title(), "Actors: E É · Letters Desk");
    assert_eq!(e.text("h1"), "Actors: E É");
    assert_eq!(e.attrs("main > p a", "href"), ["/desk/actors/"]);
    assert_eq!(e.texts("h2"), ["People", "States"]);
    assert_eq!(
        e.texts(".actor-group li a"),
        ["Édouard Example", "Egypt", "Estonia"]
    );
    assert_eq!(e.text("nav.actor-letters [aria-current=page]"), "E É");
    // A holds 301 generated actors: 300 on its page, 1 on page 2.
    let a1 = site.page("/actors-by-letter/a/");
    assert_eq!(a1.select(".actor-group li").len(), ACTORS_SPLIT);
    assert_eq!(
        a1.attrs("nav.pagination a[rel=next]", "href"),
        ["/desk/actors-by-letter/a/page/2/"]
    );
    let a2 = site.page("/actors-by-letter/a/page/2/");
    assert_eq!(a2.texts(".actor-group li a"), ["Actor 301"]);
    assert_eq!(a2.title(), "Actors: A, page 2 · Letters Desk");
    assert_eq!(
        a2.attrs("nav.pagination a[rel=prev]", "href"),
        ["/desk/actors-by-letter/a/"]
    );
    let z = site.page("/actors-by-letter/z/");
    assert_eq!(
        z.texts(".actor-group li a"),
        ["Zaur Example", "Zhanna Nemtsova"]
    );
    let other = site.page("/actors-by-letter/u639/");
    assert_eq!(other.texts(".actor-group li a"), ["عصائب أهل الحق"]);
    // Every letter page is in the sitemap.
    let sitemap = site.read("sitemap.xml");
    let locs = sitemap_locs(&sitemap);
    for url in [
        "actors-by-letter/e/",
        "actors-by-letter/a/page/2/",
        "ru/actors-by-letter/zh/",
    ] {
        assert!(
            locs.contains(&format!("https://example.org/desk/{url}").as_str()),
            "{url}"
        );
    }
}

#[test]
fn translated_letter_pages_follow_the_translated_names() {
    let site = big_site();
    let ru = site.page("/ru/actors/");
    let linked: Vec<String> = (bar(&ru).into_iter())
        .filter(|(_, l)| l.is_some())
        .map(|(t, _)| t)
        .collect();
    assert_eq!(
        linked,
        [
            "7 1",
            "A 301",
            "É Е Э 3",
            "H 1",
            "В 1",
            "Ж 1",
            "З 1",
            "О 1",
            "ع 1"
        ]
        .map(String::from)
    );
    let zh = site.page("/ru/actors-by-letter/zh/");
    assert_eq!(zh.text("h1"), "Участники: Ж");
    assert_eq!(zh.texts(".actor-group li a"), ["Жанна Немцова"]);
    assert_eq!(zh.attrs("main > p a", "href"), ["/desk/ru/actors/"]);
    // The switcher and hreflang: English has no `zh` letter, so its link is the home.
    let hreflang = zh.doc_attrs("link[rel=alternate][hreflang]", "href");
    assert_eq!(
        hreflang,
        ["https://example.org/desk/ru/actors-by-letter/zh/"]
    );
    let v = site.page("/ru/actors-by-letter/v/");
    assert_eq!(
        v.doc_attrs("link[rel=alternate][hreflang]", "hreflang"),
        ["en", "ru", "x-default"]
    );
}
