//! The author's side (issue 15): statements in date order, joint statements under
//! `speaker:`, sources named by id, flow-style traps, and what `new` says.

use crate::harness::Site;

/// A 9 November statement written after two 10 November ones comes first on the
/// briefing's page, on the actor's page, in JSON-LD and in the data files; the two
/// 10 November ones keep their file order. Anchors stay file positions (`s-3` is
/// the third statement in the file), so inserting a statement by date changes no
/// other statement's permalink.
#[test]
fn statements_appear_in_date_order_and_keep_file_numbered_anchors() {
    let site = Site::fixture("statement_order");
    site.build_ok(&[]);

    let page = site.page("/briefings/ceasefire/");
    assert_eq!(page.attrs("li.statement", "id"), ["s-3", "s-1", "s-2"]);
    assert_eq!(
        page.texts("li.statement .summary"),
        [
            "Written last, on 9 November.",
            "First written, on 10 November.",
            "Second written, on 10 November."
        ]
    );

    // The actor page lists the newest first.
    let actor = site.page("/actors/nikol-pashinyan/");
    assert_eq!(
        actor.attrs("li.statement", "id"),
        ["ceasefire-2", "ceasefire-3"]
    );

    let json: serde_json::Value = serde_json::from_str(&site.read("data/statements.json")).unwrap();
    let ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ceasefire-3", "ceasefire-1", "ceasefire-2"]);
}

/// `speaker: [a, b]` is a joint statement, shown and exported like `speakers:`;
/// `speaker: [a]` is a single speaker.
#[test]
fn a_list_under_speaker_is_a_joint_statement() {
    let site = Site::fixture("joint_speaker");
    site.build_ok(&[]);
    let page = site.page("/briefings/joint/");
    assert_eq!(
        page.texts("li.statement .speakers a"),
        ["Vladimir Putin", "Nikol Pashinyan", "Nikol Pashinyan"]
    );
    let json: serde_json::Value = serde_json::from_str(&site.read("data/statements.json")).unwrap();
    let speakers: Vec<&serde_json::Value> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["speakers"])
        .collect();
    assert_eq!(
        speakers,
        [
            &serde_json::json!(["vladimir-putin", "nikol-pashinyan"]),
            &serde_json::json!(["nikol-pashinyan"])
        ]
    );
}

/// A misspelled id in a `speaker:` list is found with "did you mean"; `speaker`
/// and `speakers` together stay an error; a mapping says what shape is expected.
#[test]
fn speaker_lists_are_checked() {
    let run = Site::fixture("err_speaker_shape").run(&["check"]);
    run.assert_code(1);
    insta::assert_snapshot!("speaker_lists_are_checked", run.stderr);
}

/// `source: asbarez` stands for the briefing's source with `id: asbarez`: the page
/// and the data files show it in full, as if written out.
#[test]
fn a_statement_may_name_a_source_by_id() {
    let site = Site::fixture("source_ids");
    site.build_ok(&[]);
    let page = site.page("/briefings/ids/");
    assert_eq!(
        page.attrs("li.statement .provenance a", "href"),
        ["https://asbarez.com/a", "https://kremlin.ru/b"]
    );
    assert_eq!(
        page.texts("li.statement .provenance a"),
        ["Asbarez", "Kremlin"]
    );
    let json: serde_json::Value = serde_json::from_str(&site.read("data/statements.json")).unwrap();
    assert_eq!(
        json[0]["source"],
        serde_json::json!({"outlet": "Asbarez", "url": "https://asbarez.com/a", "published": "2020-11-10"})
    );
    assert_eq!(
        json[1]["source"],
        serde_json::json!({"outlet": "Kremlin", "url": "https://kremlin.ru/b", "published": null})
    );
}

/// Unknown ids (with "did you mean"), repeated and malformed ids, and unknown keys
/// in a written-out source, all in one run.
#[test]
fn source_ids_are_checked() {
    let run = Site::fixture("err_source_ids").run(&["check"]);
    run.assert_code(1);
    insta::assert_snapshot!("source_ids_are_checked", run.stderr);
}

/// An unquoted comma in a one-line `{…}` splits the value; the message says so and
/// shows the fix instead of listing field names.
#[test]
fn a_comma_in_a_flow_style_value_is_explained() {
    let run = Site::fixture("err_flow_comma").run(&["check"]);
    run.assert_code(1);
    insta::assert_snapshot!("a_comma_in_a_flow_style_value_is_explained", run.stderr);
}

/// Mentions (issue 15): a name broken across two lines of a paragraph links as
/// one, and a phrase under the actor's `no_link:` stays text while the alias in
/// it still links elsewhere.
#[test]
fn mentions_cross_line_breaks_and_no_link_phrases_stay_text() {
    let site = Site::fixture("serve-basic");
    site.write(
        "content/actors/armenia.md",
        "---\nname: Republic of Armenia\nkind: state\naliases: [Yerevan]\nno_link: [\"Yerevan time\"]\n---\n",
    );
    site.write(
        "content/briefings/2020-10-04-night.md",
        "---\ntitle: Night\ndate: 2020-10-04\n---\nAt 01:00 Yerevan time Nikol\nPashinyan spoke. Later, in Yerevan, more talks.\n",
    );
    site.write(
        "content/actors/nikol-pashinyan.md",
        "---\nname: Nikol Pashinyan\nkind: person\n---\n",
    );
    site.build_ok(&[]);
    let page = site.page("/briefings/night/");
    assert_eq!(
        page.texts("a.mention"),
        ["Nikol Pashinyan", "Yerevan"],
        "{}",
        page.texts("p").join("|")
    );
    assert_eq!(
        page.attrs("a.mention", "href"),
        ["/nk/actors/nikol-pashinyan/", "/nk/actors/armenia/"]
    );
}
