//! Multilingual sites (`languages:`): pages per language under `/<code>/`,
//! `<html lang dir>`, the switcher, `hreflang` alternates, actor names per
//! language, feeds and the sitemap, and the errors of translations.

use crate::harness::{Site, sel, sitemap_locs};

fn built() -> Site {
    let site = Site::fixture("multilingual");
    site.build_ok(&[]);
    site
}

#[test]
fn every_language_gets_its_pages_with_lang_and_dir() {
    let site = built();
    for (url, lang, dir) in [
        ("/", "en", "ltr"),
        ("/ru/", "ru", "ltr"),
        ("/hy/timeline/", "hy", "ltr"),
        ("/ar/actors/", "ar", "rtl"),
        ("/ar/briefings/calls/", "ar", "rtl"),
    ] {
        let page = site.page(url);
        assert_eq!(page.doc_attrs("html", "lang"), [lang], "{url}");
        assert_eq!(page.doc_attrs("html", "dir"), [dir], "{url}");
    }
    // A briefing page exists in a language only where it is translated.
    assert!(site.exists("briefings/talks/index.html"));
    assert!(!site.exists("hy/briefings/talks/index.html"));
    assert!(site.exists("hy/briefings/calls/index.html"));
    // Free pages too; the theme's methodology page is in every language.
    assert!(site.exists("ar/about/index.html"));
    assert!(!site.exists("hy/about/index.html"));
    assert!(site.exists("hy/methodology/index.html"));
    // Shared files are written once, at the root.
    assert!(site.exists("style.css") && !site.exists("hy/style.css"));
    // Data files exist per language: the same statements, names in the language.
    let data = |path: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(site.out.join(path)).unwrap()).unwrap()
    };
    let (en, hy) = (data("data/actors.json"), data("hy/data/actors.json"));
    let name = |d: &serde_json::Value, id: &str| {
        d.as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap()["name"]
            .clone()
    };
    assert_eq!(name(&en, "nikol-pashinyan"), "Nikol Pashinyan");
    assert_eq!(name(&hy, "nikol-pashinyan"), "Նիկոլ Փաշինյան");
    let statements = |d: serde_json::Value| -> Vec<String> {
        d.as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].to_string())
            .collect()
    };
    assert_eq!(
        statements(data("data/statements.json")),
        statements(data("hy/data/statements.json"))
    );
    let footer = site
        .page("/hy/")
        .doc_attrs("footer a[href$='statements.json']", "href");
    assert_eq!(footer, ["/desk/hy/data/statements.json"]);
    // Translated text is the translation's; what it leaves out is the original's.
    let hy = site.page("/hy/briefings/calls/");
    assert_eq!(hy.text("main h1"), "Փաշինյանը խոսում է Պուտինի հետ");
    assert_eq!(hy.select("li.statement").len(), 2);
    assert!(hy.source.contains("Զանգերը տեղի ունեցան"), "body");
}

#[test]
fn the_switcher_leads_to_the_same_page_or_the_language_home() {
    let site = built();
    let switch = |url: &str| -> Vec<(String, String, String, bool)> {
        let page = site.page(url);
        page.html
            .select(&sel("nav.language-switcher a"))
            .map(|a| {
                let v = a.value();
                assert_eq!(v.attr("hreflang"), v.attr("lang"));
                (
                    v.attr("lang").unwrap().to_string(),
                    v.attr("href").unwrap().to_string(),
                    a.text().collect::<String>(),
                    v.attr("aria-current") == Some("page"),
                )
            })
            .collect()
    };
    let s = |code: &str, href: &str, name: &str, current: bool| {
        (
            code.to_string(),
            href.to_string(),
            name.to_string(),
            current,
        )
    };
    assert_eq!(
        switch("/hy/briefings/calls/"),
        [
            s("en", "/desk/briefings/calls/", "English", false),
            s("ru", "/desk/ru/briefings/calls/", "Русский", false),
            s("hy", "/desk/hy/briefings/calls/", "Հայերեն", true),
            s("ar", "/desk/ar/briefings/calls/", "العربية", false),
        ]
    );
    // Untranslated: the other languages' home pages.
    assert_eq!(
        switch("/briefings/talks/"),
        [
            s("en", "/desk/briefings/talks/", "English", true),
            s("ru", "/desk/ru/", "Русский", false),
            s("hy", "/desk/hy/", "Հայերեն", false),
            s("ar", "/desk/ar/", "العربية", false),
        ]
    );
}

#[test]
fn pages_link_their_translations_with_hreflang() {
    let site = built();
    let alternates = |url: &str| -> Vec<(String, String)> {
        let page = site.page(url);
        page.html
            .select(&sel("link[rel=alternate][hreflang]"))
            .map(|l| {
                let v = l.value();
                (
                    v.attr("hreflang").unwrap().into(),
                    v.attr("href").unwrap().into(),
                )
            })
            .collect()
    };
    let pair = |l: &str, h: &str| (l.to_string(), h.to_string());
    assert_eq!(
        alternates("/ar/about/"),
        [
            pair("en", "https://example.org/desk/about/"),
            pair("ar", "https://example.org/desk/ar/about/"),
            pair("x-default", "https://example.org/desk/about/"),
        ]
    );
    assert_eq!(
        alternates("/briefings/talks/"),
        [
            pair("en", "https://example.org/desk/briefings/talks/"),
            pair("x-default", "https://example.org/desk/briefings/talks/"),
        ]
    );
}

#[test]
fn lists_show_untranslated_briefings_in_their_language_linked_to_the_original() {
    let site = built();
    let home = site.page("/hy/");
    let titles: Vec<(Option<String>, String)> = home
        .html
        .select(&sel("article.card h2"))
        .map(|h| {
            let a = h.select(&sel("a")).next().unwrap();
            (
                h.value().attr("lang").map(str::to_string),
                a.value().attr("href").unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        titles,
        [
            (Some("en".to_string()), "/desk/briefings/talks/".to_string()),
            (None, "/desk/hy/briefings/calls/".to_string()),
        ]
    );
}

#[test]
fn actor_names_follow_the_page_language() {
    let site = built();
    let names = |url: &str| site.page(url).text("main h1");
    assert_eq!(names("/actors/nikol-pashinyan/"), "Nikol Pashinyan");
    assert_eq!(names("/hy/actors/nikol-pashinyan/"), "Նիկոլ Փաշինյան");
    assert_eq!(names("/ar/actors/nikol-pashinyan/"), "نيكول باشينيان");
    // A translation file's own name; `names:` elsewhere; the default name last.
    assert_eq!(names("/ru/actors/vladimir-putin/"), "Владимир Путин");
    assert_eq!(names("/hy/actors/vladimir-putin/"), "Վլադիմիր Պուտին");
    assert_eq!(names("/ar/actors/vladimir-putin/"), "Vladimir Putin");
    assert!(
        site.page("/ru/actors/vladimir-putin/")
            .source
            .contains("Президент России.")
    );
}

#[test]
fn each_language_has_its_feed_and_the_sitemap_lists_them_all() {
    let site = built();
    let feed = site.read("hy/atom.xml");
    let doc = roxmltree::Document::parse(&feed).expect("the feed is XML");
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .filter_map(|e| e.children().find(|c| c.has_tag_name("title")))
        .filter_map(|t| t.text())
        .collect();
    assert!(
        titles.contains(&"Փաշինյանը խոսում է Պուտինի հետ"),
        "{titles:?}"
    );
    // One search index, with a part per language.
    let entry: serde_json::Value =
        serde_json::from_str(&site.read("pagefind/pagefind-entry.json")).unwrap();
    let parts: Vec<&String> = entry["languages"].as_object().unwrap().keys().collect();
    assert_eq!(parts, ["ar", "en", "hy", "ru"]);
    let sitemap = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).expect("the sitemap is XML");
    let locs = sitemap_locs(&sitemap);
    assert!(locs.contains(&"https://example.org/desk/hy/briefings/calls/"));
    assert!(locs.contains(&"https://example.org/desk/ar/about/"));
    assert!(!locs.contains(&"https://example.org/desk/hy/briefings/talks/"));
    let xhtml = "http://www.w3.org/1999/xhtml";
    let url = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("url")
                && n.children()
                    .any(|c| c.text() == Some("https://example.org/desk/ru/briefings/calls/"))
        })
        .expect("the Russian briefing");
    let links: Vec<(&str, &str)> = url
        .children()
        .filter(|c| c.has_tag_name((xhtml, "link")))
        .map(|l| {
            (
                l.attribute("hreflang").unwrap(),
                l.attribute("href").unwrap(),
            )
        })
        .collect();
    assert_eq!(
        links,
        [
            ("en", "https://example.org/desk/briefings/calls/"),
            ("ru", "https://example.org/desk/ru/briefings/calls/"),
            ("hy", "https://example.org/desk/hy/briefings/calls/"),
            ("ar", "https://example.org/desk/ar/briefings/calls/"),
            ("x-default", "https://example.org/desk/briefings/calls/"),
        ]
    );
}

#[test]
fn check_warns_once_per_page_missing_in_a_language() {
    let site = Site::fixture("multilingual");
    let run = site.run(&["check"]);
    let missing: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning") && l.contains("not translated"))
        .collect();
    assert_eq!(
        missing,
        [
            "warning[missing-translation]: not translated into ru, hy, ar",
            "warning[missing-translation]: not translated into ru, hy",
        ],
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .trim_end()
            .ends_with("warnings (2 pages not translated into every language)"),
        "{}",
        run.stderr
    );
}

/// The errors `check` reports (warnings depend on the built-in translations).
fn fails(site: &Site) -> String {
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.stderr
        .split("\n\n")
        .filter(|block| block.starts_with("error"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[test]
fn translation_errors_name_the_file_and_the_fix() {
    let site = Site::fixture("multilingual");
    site.write(
        "content/briefings/2020-10-03-calls.fr.md",
        "---\ntitle: Appels\n---\n",
    );
    site.write(
        "content/briefings/2020-10-09-gone.hy.md",
        "---\ntitle: Չկա\n---\n",
    );
    site.write("content/pages/about.en.md", "---\ntitle: About\n---\n");
    insta::assert_snapshot!("translation_errors", fails(&site));
}

#[test]
fn language_codes_and_the_default_language_are_checked() {
    let site = Site::fixture("multilingual");
    site.write(
        "site.yaml",
        "title: Desk\nlanguage: ru\nlanguages:\n  - {code: en}\n  - {code: hy-AM}\n  - {code: ar, dir: rtl}\n  - {code: ar}\n  - {code: xx}\n",
    );
    insta::assert_snapshot!("language_code_errors", fails(&site));
}

/// Opens the Armenian timeline, switches to Arabic with the switcher, and checks
/// that the page is right to left with the timeline's rail on the right.
#[test]
fn switching_to_arabic_lays_the_timeline_out_right_to_left() {
    use crate::browser::{Browser, screenshot_dir};
    let Some((_site, server, browser)) = served(|_| {}) else {
        return;
    };
    browser.goto(&server.url("/hy/timeline/"));
    let html = browser.find("html");
    assert_eq!(browser.attr(&html, "lang").as_deref(), Some("hy"));
    assert_eq!(browser.attr(&html, "dir").as_deref(), Some("ltr"));
    let arabic = browser.find("nav.language-switcher a[hreflang=ar]");
    browser.click(&arabic);
    assert!(
        browser.current_url().ends_with("/ar/timeline/"),
        "{}",
        browser.current_url()
    );
    let html = browser.find("html");
    assert_eq!(browser.attr(&html, "lang").as_deref(), Some("ar"));
    assert_eq!(browser.attr(&html, "dir").as_deref(), Some("rtl"));
    // The rail (the list's start border) is on the right, and the statements sit
    // to its left.
    let sides = browser.execute(
        "const l = document.querySelector('.day .statement-list');
         const s = getComputedStyle(l);
         const r = l.getBoundingClientRect();
         const li = l.querySelector('li').getBoundingClientRect();
         return [s.borderRightWidth, s.borderLeftWidth, r.right - li.right, li.left - r.left];",
        serde_json::json!([]),
    );
    assert_eq!(sides[0], "3px", "{sides}");
    assert_eq!(sides[1], "0px", "{sides}");
    let (right_gap, left_gap) = (sides[2].as_f64().unwrap(), sides[3].as_f64().unwrap());
    assert!(right_gap > left_gap, "{sides}");
    let current = browser.find("nav.language-switcher a[aria-current=page]");
    assert_eq!(browser.attr(&current, "lang").as_deref(), Some("ar"));
    Browser::save_png(
        &screenshot_dir().join("timeline-ar.png"),
        &browser.screenshot(),
    );
    // The contacts drawing keeps its geometry in a right-to-left page: a label
    // anchored at `start` lies right of its node, one at `end` left of it.
    browser.goto(&server.url("/ar/contacts/"));
    let labels = browser.execute(
        "return [...document.querySelectorAll('svg.network a.node')].map(n => {
           const c = n.querySelector('circle').getBoundingClientRect();
           const t = n.querySelector('text');
           const r = t.getBoundingClientRect();
           const a = t.getAttribute('text-anchor');
           const ok = a === 'middle' || (a === 'start' && r.left >= c.right - 1)
             || (a === 'end' && r.right <= c.left + 1);
           return [a, ok];
         });",
        serde_json::json!([]),
    );
    let labels: Vec<(String, bool)> = serde_json::from_value(labels).unwrap();
    assert!(
        labels.iter().any(|(a, _)| a != "middle"),
        "side labels: {labels:?}"
    );
    assert!(
        labels.iter().all(|(_, ok)| *ok),
        "labels over their nodes: {labels:?}"
    );
    Browser::save_png(
        &screenshot_dir().join("contacts-ar.png"),
        &browser.screenshot(),
    );
}

/// The Armenian search page searches the Armenian index: an Armenian word finds
/// the Armenian briefing, at its Armenian address.
#[test]
fn search_in_armenian_finds_the_armenian_text() {
    let Some((_site, server, browser)) = served(|_| {}) else {
        return;
    };
    let hrefs = |query: &str| -> Vec<String> {
        browser.goto(&server.url(&format!("/hy/search/?q={query}")));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let status = browser.execute(
                "const s = document.getElementById('search-status'); return s ? s.textContent : '';",
                serde_json::json!([]),
            );
            let links = browser.execute(
                "return [...document.querySelectorAll('#search-results li h2 a')].map(a => a.getAttribute('href'));",
                serde_json::json!([]),
            );
            let links: Vec<String> = serde_json::from_value(links).unwrap_or_default();
            // The count is shown before the results' data arrive: with results,
            // wait for them; without, for the "nothing found" box.
            let nothing = browser.execute(
                "const n = document.getElementById('search-none'); return !!n && !n.hidden;",
                serde_json::json!([]),
            );
            let finished = status
                .as_str()
                .is_some_and(|s| !s.is_empty() && !s.contains('…'));
            if !links.is_empty() || (finished && nothing.as_bool() == Some(true)) {
                return links;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "no search status: {status}"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    };
    let found = hrefs("%D5%A6%D5%A1%D5%B6%D5%A3%D5%A5%D6%80%D5%A8"); // զանգերը
    assert!(
        found.contains(&"/hy/briefings/calls/".to_string()),
        "{found:?}"
    );
    assert!(found.iter().all(|h| h.starts_with("/hy/")), "{found:?}");
}

/// Where the first and the last visible letters of the element `css` are drawn:
/// `[text, left of the first letter, left of the last letter]`.
const FIRST_AND_LAST_LETTERS: &str = "
    const el = document.querySelector(arguments[0]);
    if (!el) return null;
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walk.nextNode()) if (walk.currentNode.data.trim()) nodes.push(walk.currentNode);
    const first = nodes[0], last = nodes[nodes.length - 1];
    const r = document.createRange();
    const i = first.data.search(/\\S/);
    r.setStart(first, i); r.setEnd(first, i + 1);
    const a = r.getBoundingClientRect().left;
    const end = last.data.trimEnd().length;
    r.setStart(last, end - 1); r.setEnd(last, end);
    return [el.textContent.trim(), a, r.getBoundingClientRect().left];";

/// Text left in English on an Arabic page reads left to right with its full stop
/// at its end (on the right), not thrown to the left by the page's direction: a
/// card's summary (`dir="auto"`) and a statement's summary (`unicode-bidi:
/// plaintext`). Fails without those two fixes.
#[test]
fn english_text_on_an_arabic_page_keeps_its_full_stop_at_its_end() {
    use crate::browser::{Browser, screenshot_dir};
    let Some((_site, server, browser)) = served(|_| {}) else {
        return;
    };
    for (url, css, text) in [
        (
            "/ar/",
            "article.card p[lang=en]",
            "Foreign ministers to meet.",
        ),
        (
            "/ar/timeline/",
            "li.statement p.summary",
            "Described the situation at the front.",
        ),
    ] {
        browser.goto(&server.url(url));
        let dir = browser.execute("return document.dir;", serde_json::json!([]));
        assert_eq!(dir, "rtl", "{url}");
        let got = browser.execute(FIRST_AND_LAST_LETTERS, serde_json::json!([css]));
        assert_eq!(got[0], text, "{url} {css}");
        let (first, stop) = (got[1].as_f64().unwrap(), got[2].as_f64().unwrap());
        assert!(
            stop > first,
            "{url} {css}: the full stop is drawn left of the first letter: {got}"
        );
    }
    Browser::save_png(
        &screenshot_dir().join("timeline-ar-english-statements.png"),
        &browser.screenshot(),
    );
}

/// Pagination arrows point the way they lead: "Newer" sits at the start of the
/// line (left in English, right in Arabic) with its arrow on its outer side.
#[test]
fn pagination_arrows_point_outward_in_both_directions() {
    let Some((_site, server, browser)) = served(|site| {
        let yaml = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
        site.write("site.yaml", &format!("{yaml}paginate: 1\n"));
    }) else {
        return;
    };
    for (url, arrow, rtl) in [("/page/2/", '←', false), ("/ar/page/2/", '→', true)] {
        browser.goto(&server.url(url));
        let got = browser.execute(
            "const a = document.querySelector('.pagination a[rel=prev]');
             const nav = a.parentElement.getBoundingClientRect();
             const box = a.getBoundingClientRect();
             const text = a.firstChild;
             const at = text.data.indexOf(arguments[0]);
             if (at < 0) return [text.data];
             const r = document.createRange();
             r.setStart(text, at); r.setEnd(text, at + 1);
             const arrow = r.getBoundingClientRect();
             return [text.data, box.left - nav.left, nav.right - box.right,
                     arrow.left - box.left, box.right - arrow.right];",
            serde_json::json!([arrow.to_string()]),
        );
        let n = |i: usize| got[i].as_f64().unwrap_or_else(|| panic!("{url}: {got}"));
        let (left_gap, right_gap) = (n(1), n(2));
        let (arrow_from_left, arrow_from_right) = (n(3), n(4));
        if rtl {
            assert!(right_gap < 1.0 && left_gap > right_gap, "{url}: {got}");
            assert!(
                arrow_from_right < 1.0,
                "{url}: arrow not on the right: {got}"
            );
        } else {
            assert!(left_gap < 1.0 && right_gap > left_gap, "{url}: {got}");
            assert!(arrow_from_left < 1.0, "{url}: arrow not on the left: {got}");
        }
    }
}

/// Years and counts in lists are written in the language's digits, and the
/// timeline filter's count is in the page's language (not English from the script).
#[test]
fn numbers_and_the_filter_count_follow_the_language() {
    let site = built();
    let actor = site.page("/ar/actors/nikol-pashinyan/");
    assert_eq!(actor.texts("nav.years a"), ["٢٠٢٠"]);
    assert_eq!(
        actor.texts("section.actor-year h3")[0].split(' ').next(),
        Some("٢٠٢٠")
    );
    assert_eq!(
        site.page("/actors/nikol-pashinyan/").texts("nav.years a"),
        ["2020"]
    );
    for (url, template) in [
        ("/ar/timeline/", "{shown} من أصل ٤ تصريحات"),
        ("/ru/timeline/", "{shown} из 4 заявлений"),
        ("/timeline/", "{shown} of 4 statements"),
    ] {
        let page = site.page(url);
        assert_eq!(
            page.attrs("output[name=shown]", "data-template"),
            [template],
            "{url}"
        );
    }
    let Some((_site, server, browser)) = served(|_| {}) else {
        return;
    };
    for (url, shown) in [
        ("/ar/timeline/?actor=vladimir-putin", "٣ من أصل ٤ تصريحات"),
        (
            "/hy/timeline/?actor=vladimir-putin",
            "3՝ 4 հայտարարությունից",
        ),
    ] {
        browser.goto(&server.url(url));
        let text = browser.execute(
            "return document.querySelector('output[name=shown]').value;",
            serde_json::json!([]),
        );
        assert_eq!(text, shown, "{url}");
    }
}

/// The multilingual fixture, changed by `edit`, built for the root of a local
/// server, with a browser: `None` where Chromium is not installed.
fn served(
    edit: impl FnOnce(&Site),
) -> Option<(Site, crate::browser::StaticServer, crate::browser::Browser)> {
    if !crate::browser::available() {
        return None;
    }
    let site = Site::fixture("multilingual");
    edit(&site);
    site.build_ok(&["--base-url", "/"]);
    let server = crate::browser::StaticServer::start(&site.out);
    Some((site, server, crate::browser::Browser::start()))
}
