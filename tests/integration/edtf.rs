//! EDTF level-1 dates in a built site: times order a day's statements, open and
//! unknown interval ends are worded apart, and the data files and JSON-LD carry
//! the forms each consumer understands.

use serde_json::Value;

use crate::harness::Site;

/// Statement ids in the order of the fixture file, for readable assertions.
const UNTIL_2019: &str = "edtf-8";
const UNTIMED: &str = "edtf-3";
const AT_0900Z: &str = "edtf-2";
const AT_1430_MSK: &str = "edtf-1";
const AROUND: &str = "edtf-7";
const END_UNKNOWN: &str = "edtf-5";
const SINCE: &str = "edtf-4";
const START_UNKNOWN: &str = "edtf-6";

#[test]
fn timeline_orders_a_day_by_time_and_words_open_ends() {
    let site = Site::fixture("edtf");
    site.build_ok(&[]);
    let page = site.page("/timeline/");
    // 14:30 in Moscow (11:30 UTC) after 09:00 UTC, though written first; the untimed
    // day before both; the open and unknown intervals filed under the day they name.
    assert_eq!(
        page.attrs("li.statement", "id"),
        [
            UNTIL_2019,
            UNTIMED,
            AT_0900Z,
            AT_1430_MSK,
            AROUND,
            END_UNKNOWN,
            SINCE,
            START_UNKNOWN
        ]
    );
    assert_eq!(
        page.texts("li.statement time"),
        [
            "until 2019",
            "2 Oct 2020",
            "2 Oct 2020, 09:00 UTC",
            "2 Oct 2020, 14:30 UTC+3",
            "c. 2 Oct 2020?",
            "from May 2021 (end unknown)",
            "since 24 Feb 2022",
            "until 2023 (start unknown)",
        ]
    );
    assert_eq!(
        page.attrs("li.statement time", "datetime"),
        [
            "2019",
            "2020-10-02",
            "2020-10-02T09:00Z",
            "2020-10-02T14:30+03:00",
            "2020-10-02",
            "2021-05",
            "2022-02-24",
            "2023",
        ]
    );
    assert_eq!(
        page.attrs("li.statement time", "title"),
        [
            "../2019",
            "2020-10-02",
            "2020-10-02T09:00Z",
            "2020-10-02T14:30+03:00",
            "2020-10-02%",
            "2021-05/",
            "2022-02-24/..",
            "/2023",
        ]
    );
    assert_eq!(
        page.attrs("li.statement time", "class")[4],
        "precision-day certainty-uncertain_approximate"
    );
    // The timed statements stand under the certain day; the `%` date is not.
    assert_eq!(
        page.texts("section.day > h3"),
        [
            "until 2019",
            "Friday 2 Oct 2020",
            "c. 2 Oct 2020? (approximate date, not confirmed)",
            "from May 2021 (end unknown)",
            "since 24 Feb 2022",
            "until 2023 (start unknown)",
        ]
    );
    assert_eq!(
        page.texts("section.month > h2"),
        [
            "2019 (month not known)",
            "October 2020",
            "May 2021",
            "February 2022",
            "2023 (month not known)"
        ]
    );
}

#[test]
fn contacts_and_legend_understand_open_ends() {
    let site = Site::fixture("edtf");
    site.build_ok(&[]);
    // The last contact is the ongoing one, shown as written.
    let contacts = site.page("/contacts/");
    assert_eq!(
        contacts.texts("table tbody td time"),
        ["2 Oct 2020", "since 24 Feb 2022"]
    );
    let legend = site.page("/methodology/");
    let terms = legend.texts("section.legend dt");
    for term in [
        "c. 2 Oct 2020?",
        "since 24 Feb 2022",
        "from May 2021 (end unknown)",
        "2 Oct 2020, 14:30 UTC+3",
    ] {
        assert!(terms.iter().any(|t| t == term), "{term} in {terms:?}");
    }
}

#[test]
fn data_files_carry_edtf_and_honest_bounds() {
    let site = Site::fixture("edtf");
    site.build_ok(&[]);
    let json: Value = serde_json::from_str(&site.read("data/statements.json")).expect("JSON");
    let by_id = |id: &str| -> Value {
        json.as_array()
            .expect("array")
            .iter()
            .find(|s| s["id"] == id)
            .cloned()
            .expect("statement")
    };
    let bounds = |id: &str| {
        let s = by_id(id);
        (
            s["edtf"].clone(),
            s["first_day"].clone(),
            s["last_day"].clone(),
        )
    };
    assert_eq!(
        bounds(SINCE),
        ("2022-02-24/..".into(), "2022-02-24".into(), Value::Null)
    );
    assert_eq!(
        bounds(START_UNKNOWN),
        ("/2023".into(), Value::Null, "2023-12-31".into())
    );
    assert_eq!(
        bounds(AT_1430_MSK),
        (
            "2020-10-02T14:30+03:00".into(),
            "2020-10-02".into(),
            "2020-10-02".into()
        )
    );
    assert_eq!(by_id(AROUND)["certainty"], "uncertain_approximate");

    // The CSV: ACLED's time_precision, and the EDTF form next to it.
    let csv = site.read("data/statements.csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().expect("header").clone();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let rows: Vec<(String, String, String, String)> = reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            (
                r[col("id")].to_string(),
                r[col("event_date")].to_string(),
                r[col("time_precision")].to_string(),
                r[col("edtf")].to_string(),
            )
        })
        .collect();
    let row = |id: &str| rows.iter().find(|r| r.0 == id).cloned().expect(id);
    let s = |x: &str| x.to_string();
    assert_eq!(
        row(UNTIMED),
        (s(UNTIMED), s("2020-10-02"), s("1"), s("2020-10-02"))
    );
    assert_eq!(row(AT_1430_MSK).2, "1");
    assert_eq!(row(AROUND).2, "2");
    assert_eq!(
        row(SINCE),
        (s(SINCE), s("2022-02-24"), s("3"), s("2022-02-24/.."))
    );
    assert_eq!(row(START_UNKNOWN).1, "2023-01-01");
}

#[test]
fn json_ld_gets_plain_iso_dates() {
    let site = Site::fixture("edtf");
    site.build_ok(&[]);
    let page = site.page("/briefings/edtf/");
    let blocks: Vec<Value> = page
        .html
        .select(&crate::harness::sel(
            r#"script[type="application/ld+json"]"#,
        ))
        .map(|s| serde_json::from_str(&s.text().collect::<String>()).expect("JSON-LD"))
        .collect();
    let text = serde_json::to_string(&blocks).expect("JSON");
    assert!(
        text.contains(r#""temporalCoverage":"2020-10-02T14:30+03:00""#),
        "{text}"
    );
    for mark in ["..", "%", "~"] {
        assert!(!text.contains(&format!("2020-10-02{mark}")), "{text}");
    }
}
