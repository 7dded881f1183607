//! A statement's words in the language they were said in (`original: {lang,
//! text}`): shown beside the quote with its `lang` and `dir` and a label in the
//! page's language, exported in the data files; and the `lang` of statement text
//! shown on a page of another language.

use serde_json::{Value, json};

use crate::harness::{Page, Site, sel, text_of};

fn built(fixture: &str) -> Site {
    let site = Site::fixture(fixture);
    site.build_ok(&[]);
    site
}

/// `(label, lang, dir, text)` of the original in each statement card, in page order
/// (`None` for a card without one).
fn originals(page: &Page) -> Vec<Option<(String, String, String, String)>> {
    page.select("li.statement")
        .into_iter()
        .map(|card| {
            let q = card.select(&sel(".original > q")).next()?;
            let labels: Vec<String> = card
                .select(&sel(".original .original-label"))
                .map(text_of)
                .collect();
            assert_eq!(labels.len(), 1, "one label per original");
            let attr = |name| q.value().attr(name).unwrap_or("").to_string();
            Some((labels[0].clone(), attr("lang"), attr("dir"), text_of(q)))
        })
        .collect()
}

fn some(
    label: &str,
    lang: &str,
    dir: &str,
    text: &str,
) -> Option<(String, String, String, String)> {
    Some((label.into(), lang.into(), dir.into(), text.into()))
}

#[test]
fn the_original_is_shown_beside_the_quote_with_its_language_and_direction() {
    let site = built("original_quote");
    let expected = [
        some(
            "In Russian:",
            "ru",
            "ltr",
            "Призываем стороны прекратить огонь.",
        ),
        some("In Arabic:", "ar", "rtl", "ندعو إلى ضبط النفس"),
        // A language the strings do not name is named by its code; text escaped.
        some(
            "In the original (pt):",
            "pt",
            "ltr",
            "As <conversas> são possíveis.",
        ),
        None,
    ];
    let page = site.page("/briefings/calls/");
    assert_eq!(originals(&page), expected);
    assert!(page.source.contains("As &lt;conversas&gt; são possíveis."));
    // The quote in the page's language comes first; without a quote, the summary
    // follows the original.
    let first = &page.select("li.statement")[0];
    let order: Vec<&str> = first
        .children()
        .filter_map(scraper::ElementRef::wrap)
        .map(|e| e.value().attr("class").unwrap_or(""))
        .collect();
    assert_eq!(
        order,
        [
            "statement-head",
            "speakers",
            "quote",
            "original",
            "provenance"
        ]
    );
    // List pages paste the same statement HTML.
    assert_eq!(originals(&site.page("/timeline/")), expected);
    assert_eq!(
        originals(&site.page("/actors/arab-league/"))[0],
        expected[1]
    );
    // One language: statement text gets no `lang` of its own.
    assert!(
        page.attrs(".summary[lang], .quote [lang]", "lang")
            .is_empty()
    );
}

#[test]
fn the_data_files_carry_the_original() {
    let site = built("original_quote");
    let json: Value = serde_json::from_str(&site.read("data/statements.json")).unwrap();
    let all: Vec<&Value> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["original"])
        .collect();
    assert_eq!(
        all,
        [
            &json!({"lang": "ru", "text": "Призываем стороны прекратить огонь."}),
            &json!({"lang": "ar", "text": "ندعو إلى ضبط النفس"}),
            &json!({"lang": "pt", "text": "As <conversas> são possíveis."}),
            &Value::Null,
        ]
    );
    let csv = site.read("data/statements.csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    // Appended at the end: the columns before keep their positions.
    assert_eq!(header[..3], ["id", "event_date", "time_precision"]);
    assert_eq!(
        header[header.len() - 4..],
        ["disputes", "factcheck", "original_lang", "original_text"]
    );
    let cells: Vec<(String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let n = r.len();
            (r[n - 2].to_string(), r[n - 1].to_string())
        })
        .collect();
    assert_eq!(
        cells,
        [
            ("ru".into(), "Призываем стороны прекратить огонь.".into()),
            ("ar".into(), "ندعو إلى ضبط النفس".into()),
            ("pt".into(), "As <conversas> são possíveis.".into()),
            (String::new(), String::new()),
        ]
    );
}

/// `(lang, dir)` of the summary or quote text of each statement card on `url`.
fn text_langs(site: &Site, url: &str) -> Vec<(String, String, String)> {
    let page = site.page(url);
    page.select(".summary, .quote > p")
        .into_iter()
        .map(|e| {
            let attr = |name| e.value().attr(name).unwrap_or("").to_string();
            (text_of(e), attr("lang"), attr("dir"))
        })
        .collect()
}

fn marked(text: &str, lang: &str, dir: &str) -> (String, String, String) {
    (text.into(), lang.into(), dir.into())
}

#[test]
fn statement_text_in_another_language_than_the_page_is_marked() {
    let site = built("original_multilingual");
    // Armenian timeline: the translated briefing's own statement is Armenian; the
    // untranslated briefing's and the one whose translation keeps the original's
    // statements are English.
    assert_eq!(
        text_langs(&site, "/hy/timeline/"),
        [
            marked("«Կոչ ենք անում կողմերին դադարեցնել կրակը։»", "", ""),
            marked("Announced talks in Moscow.", "en", "ltr"),
            marked("Confirmed the visit.", "en", "ltr"),
        ]
    );
    // On a right-to-left page English text is also marked left to right.
    assert_eq!(
        text_langs(&site, "/ar/timeline/"),
        [
            marked("«We call on the parties to cease fire.»", "en", "ltr"),
            marked("Announced talks in Moscow.", "en", "ltr"),
            marked("Confirmed the visit.", "en", "ltr"),
        ]
    );
    assert_eq!(
        text_langs(&site, "/hy/briefings/visit/"),
        [marked("Confirmed the visit.", "en", "ltr")]
    );
    // The default language's pages mark nothing.
    assert_eq!(
        text_langs(&site, "/timeline/"),
        [
            marked("“We call on the parties to cease fire.”", "", ""),
            marked("Announced talks in Moscow.", "", ""),
            marked("Confirmed the visit.", "", ""),
        ]
    );
    // The original's label is in the page's language.
    let label = |url: &str| originals(&site.page(url))[0].clone();
    let ru = "Призываем стороны прекратить огонь.";
    assert_eq!(label("/timeline/"), some("In Russian:", "ru", "ltr", ru));
    assert_eq!(label("/hy/timeline/"), some("Ռուսերեն՝", "ru", "ltr", ru));
    assert_eq!(label("/ar/timeline/"), some("بالروسية:", "ru", "ltr", ru));
}
