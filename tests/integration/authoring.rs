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

    let actor = site.page("/actors/nikol-pashinyan/");
    assert_eq!(
        actor.attrs("li.statement", "id"),
        ["ceasefire-3", "ceasefire-2"]
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
