//! Tests of the whole index: layout, order, fragments and determinism.

use std::collections::BTreeMap;

use super::*;

fn record(url: &str, kind: &str, title: &str, text: &str, date: Option<&str>) -> Record {
    Record {
        url: url.into(),
        kind: kind.into(),
        title: title.into(),
        text: text.into(),
        date: date.map(str::to_string),
        language: "en".into(),
        ..Record::default()
    }
}

/// The folder of `language`'s files, from the entry file.
fn folder(out: &BTreeMap<String, Vec<u8>>, language: &str) -> String {
    let entry: serde_json::Value =
        serde_json::from_slice(&out["pagefind/pagefind-entry.json"]).unwrap();
    let dir = entry["languages"][language]["dir"].as_str().unwrap();
    format!("pagefind/{dir}/")
}

/// Record `n`'s fragment in `language`, found as the client finds it: its name in
/// the table of its block of records.
fn fragment_of(out: &BTreeMap<String, Vec<u8>>, language: &str, n: usize) -> serde_json::Value {
    let dir = folder(out, language);
    let meta: serde_json::Value = serde_json::from_slice(&out[&format!("{dir}meta.json")]).unwrap();
    let size = meta["table"].as_u64().unwrap() as usize;
    let table: Vec<String> =
        serde_json::from_slice(&out[&format!("{dir}fragments/{}.json", n / size)]).unwrap();
    let name = &table[n % size];
    serde_json::from_slice(&out[&format!("pagefind/fragment/{name}.json")]).unwrap()
}

fn sample() -> Vec<Record> {
    let mut actor = record("actors/a/", "actor", "Actor A", "A minister.", None);
    actor.filters.insert("type".into(), vec!["actor".into()]);
    let mut old = record(
        "briefings/old/",
        "briefing",
        "Old talks",
        "Negotiations stalled.",
        Some("2019-05-01"),
    );
    old.filters.insert("year".into(), vec!["2019".into()]);
    let mut new = record(
        "briefings/new/",
        "briefing",
        "New talks",
        "Negotiators met <script>.",
        Some("2021-01-02"),
    );
    new.filters.insert("year".into(), vec!["2021".into()]);
    new.meta.insert("date".into(), "2 January 2021".into());
    vec![actor, old, new]
}

#[test]
fn the_layout_has_an_entry_a_client_and_one_folder_per_language() {
    let mut records = sample();
    records.push(Record {
        language: "ru".into(),
        ..record("ru/x/", "briefing", "Переговоры", "Текст", None)
    });
    let out = build(&records);
    assert_eq!(out["pagefind/pagefind.js"], CLIENT_JS.as_bytes());
    let entry: serde_json::Value =
        serde_json::from_slice(&out["pagefind/pagefind-entry.json"]).unwrap();
    assert_eq!(entry["default"], "en", "the language with the most records");
    let dir = entry["languages"]["en"]["dir"].as_str().unwrap();
    assert!(dir.starts_with("en_") && dir.len() == 3 + 12, "{dir}");
    assert_eq!(entry["languages"]["ru"]["records"], 1);
    let meta: serde_json::Value =
        serde_json::from_slice(&out[&format!("pagefind/{dir}/meta.json")]).unwrap();
    assert_eq!(meta["records"], 3);
    assert_eq!(meta["dated"], 2);
    assert_eq!(meta["counts"]["year"]["2019"], 1);
    assert_eq!(meta["filters"]["type"], "filter/0.pff");
    let shards = meta["shards"].as_array().unwrap().len();
    let prefix = format!("pagefind/{dir}/");
    let mut names: Vec<&str> = out
        .keys()
        .filter_map(|k| k.strip_prefix(&prefix))
        .filter(|k| !k.starts_with("index/"))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "filter/0.pff",
            "filter/1.pff",
            "fragments/0.json",
            "meta.json"
        ]
    );
    let fragments: Vec<&String> = (out.keys())
        .filter(|k| k.starts_with("pagefind/fragment/"))
        .collect();
    assert_eq!(fragments.len(), 4, "one per record, both languages");
    assert!(
        fragments
            .iter()
            .all(|k| k.len() == "pagefind/fragment/".len() + 16 + ".json".len()),
        "{fragments:?}"
    );
    assert_eq!(
        out.keys()
            .filter(|k| k.starts_with(&format!("{prefix}index/")))
            .count(),
        shards
    );
}

#[test]
fn records_are_numbered_newest_first_and_fragments_keep_their_data() {
    let out = build(&sample());
    let fragment = |n: usize| fragment_of(&out, "en", n);
    assert_eq!(fragment(0)["url"], "briefings/new/");
    assert_eq!(fragment(1)["url"], "briefings/old/");
    assert_eq!(fragment(2)["url"], "actors/a/", "undated last");
    let new = fragment(0);
    assert_eq!(
        new["content"], "Negotiators met <script>.",
        "plain text; the client escapes it"
    );
    assert_eq!(new["meta"]["title"], "New talks");
    assert_eq!(new["meta"]["date"], "2 January 2021");
    assert_eq!(new["filters"]["year"][0], "2021");
    assert_eq!(new["word_count"], 5);
    assert_eq!(new["date"], "2021-01-02");
}

#[test]
fn the_same_records_in_any_order_give_the_same_bytes() {
    let a = build(&sample());
    let mut reversed = sample();
    reversed.reverse();
    assert_eq!(a, build(&reversed));
    let mut changed = sample();
    changed[1].text.push_str(" More.");
    let b = build(&changed);
    assert_ne!(folder(&a, "en"), folder(&b, "en"), "a new folder name");
    // The records that did not change keep their fragments, name and bytes: a sync
    // uploads the edited record's fragment and the small index files only.
    let fragments = |out: &BTreeMap<String, Vec<u8>>| -> BTreeMap<String, Vec<u8>> {
        (out.iter())
            .filter(|(k, _)| k.starts_with("pagefind/fragment/"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    };
    let (before, after) = (fragments(&a), fragments(&b));
    let kept = before
        .iter()
        .filter(|(k, v)| after.get(*k) == Some(v))
        .count();
    assert_eq!((before.len(), after.len(), kept), (3, 3, 2));
}

#[test]
fn long_texts_are_cut_at_a_word_in_the_fragment() {
    assert_eq!(cut("alpha beta gamma", 12), "alpha beta");
    assert_eq!(cut("short", 12), "short");
    assert_eq!(cut("ééééé", 5), "éé", "never inside a character");
    let mut r = record("x/", "briefing", "T", &"word ".repeat(10_000), None);
    r.language = String::new();
    let out = build_with(
        &[r],
        &Settings {
            content_bytes: 100,
            ..Settings::default()
        },
    );
    assert!(folder(&out, "und").starts_with("pagefind/und_"));
    let v = fragment_of(&out, "und", 0);
    assert!(v["content"].as_str().unwrap().len() <= 100);
    assert_eq!(v["word_count"], 10_001);
}

#[test]
fn no_records_still_give_a_working_bundle() {
    let out = build(&[]);
    assert_eq!(out.len(), 2);
    let entry: serde_json::Value =
        serde_json::from_slice(&out["pagefind/pagefind-entry.json"]).unwrap();
    assert_eq!(entry["languages"], serde_json::json!({}));
    let _ = BTreeMap::<u8, u8>::new();
}

/// Words in another script than the index's language (a statement's `original:`
/// in Russian or Arabic on an English site) are indexed as written, and each is
/// its own stem there, so a query with the exact word finds the record.
#[test]
fn words_of_another_language_keep_their_form_in_an_index() {
    let docs = [index::Doc {
        title: "Maria Zakharova",
        text: "We call for a ceasefire. Призываем стороны прекратить огонь. ندعو إلى ضبط النفس",
    }];
    let terms = index::collect(&docs, &tokenize::Stemmer::for_language("en"));
    for word in ["призываем", "прекратить", "огонь", "ندعو", "النفس"]
    {
        let form = terms.forms.iter().position(|f| f == word);
        let form = form.unwrap_or_else(|| panic!("`{word}` is not in {:?}", terms.forms));
        let stem = &terms.stems[terms.form_stem[form] as usize];
        assert_eq!(stem, word, "the English stemmer left `{word}` as written");
        assert_eq!(
            terms.postings[terms.form_stem[form] as usize].unpack().ids,
            [0],
            "{word}"
        );
    }
}
