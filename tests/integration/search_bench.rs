//! Size and cost of the search index on the bench corpus (`gen_corpus.py`), for
//! the record, not for CI. Run:
//!
//! ```text
//! SITROOM_SEARCH_CORPUS=/dev/shm/c10k/briefing SITROOM_SEARCH_OUT=$(mktemp -d) \
//!   CARGO_PROFILE_DEV_OPT_LEVEL=2 cargo test --test integration search_bench -- --ignored --nocapture
//! node tests/integration/search_measure.mjs "$SITROOM_SEARCH_OUT"
//! ```
//!
//! The records are what the lead's wiring should feed: a briefing (summary and
//! body as text), each statement (speaker names as title, quote as text, anchored
//! URL) and each actor (name, bio).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Deserialize;
use sitroom::search::{Record, build};

#[derive(Deserialize)]
struct Briefing {
    title: String,
    date: String,
    summary: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    statements: Vec<Statement>,
}

#[derive(Deserialize)]
struct Statement {
    speaker: Option<String>,
    #[serde(default)]
    speakers: Vec<String>,
    #[serde(default)]
    with: Vec<String>,
    kind: String,
    date: String,
    quote: String,
    verification: Option<String>,
}

#[derive(Deserialize)]
struct Actor {
    name: String,
}

fn split(path: &Path) -> (String, String) {
    let text = std::fs::read_to_string(path).unwrap();
    let rest = text.strip_prefix("---\n").unwrap();
    let (yaml, body) = rest.split_once("\n---\n").unwrap();
    (yaml.to_string(), plain(body))
}

/// Markdown to plain text, roughly as the renderer's text would be.
fn plain(markdown: &str) -> String {
    let mut out = String::new();
    for event in pulldown_cmark::Parser::new(markdown) {
        match event {
            pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) => out.push_str(&t),
            pulldown_cmark::Event::SoftBreak
            | pulldown_cmark::Event::HardBreak
            | pulldown_cmark::Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    all.sort();
    all
}

fn filters(pairs: &[(&str, Vec<String>)]) -> BTreeMap<String, Vec<String>> {
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

fn actor_records(corpus: &Path, names: &mut BTreeMap<String, String>) -> Vec<Record> {
    let mut records = Vec::new();
    for path in files(&corpus.join("content/actors")) {
        let id = path.file_stem().unwrap().to_string_lossy().to_string();
        let (yaml, bio) = split(&path);
        let actor: Actor = serde_yaml::from_str(&yaml).unwrap();
        names.insert(id.clone(), actor.name.clone());
        records.push(Record {
            url: format!("actors/{id}/"),
            kind: "actor".into(),
            title: actor.name.clone(),
            text: bio,
            filters: filters(&[("type", vec!["actor".into()]), ("actor", vec![actor.name])]),
            language: "en".into(),
            ..Record::default()
        });
    }
    records
}

fn briefing_records(path: &Path, names: &BTreeMap<String, String>) -> Vec<Record> {
    let slug = path.file_stem().unwrap().to_string_lossy().to_string();
    let (yaml, body) = split(path);
    let b: Briefing = serde_yaml::from_str(&yaml).unwrap();
    let year = vec![b.date[..4].to_string()];
    let name = |id: &String| names.get(id).cloned().unwrap_or_else(|| id.clone());
    let mut actors: Vec<String> = b
        .statements
        .iter()
        .flat_map(|s| s.speaker.iter().chain(&s.speakers).chain(&s.with))
        .map(name)
        .collect();
    actors.sort();
    actors.dedup();
    let mut records = vec![Record {
        url: format!("briefings/{slug}/"),
        kind: "briefing".into(),
        title: b.title.clone(),
        text: format!("{} {body}", b.summary),
        date: Some(b.date.clone()),
        meta: BTreeMap::from([("date".into(), b.date.clone())]),
        filters: filters(&[
            ("type", vec!["briefing".into()]),
            ("actor", actors),
            ("year", year.clone()),
            ("tag", b.tags.clone()),
        ]),
        language: "en".into(),
    }];
    for (i, s) in b.statements.iter().enumerate() {
        let speakers: Vec<String> = s.speaker.iter().chain(&s.speakers).map(name).collect();
        let mut involved: Vec<String> = speakers
            .iter()
            .cloned()
            .chain(s.with.iter().map(name))
            .collect();
        involved.sort();
        involved.dedup();
        let day: String = s
            .date
            .chars()
            .take(10)
            .filter(|c| c.is_ascii_digit() || *c == '-')
            .collect();
        records.push(Record {
            url: format!("briefings/{slug}/#s-{}", i + 1),
            kind: "statement".into(),
            title: speakers.join(", "),
            text: s.quote.clone(),
            date: Some(day),
            meta: BTreeMap::from([
                ("briefing".into(), b.title.clone()),
                ("date".into(), s.date.clone()),
            ]),
            filters: filters(&[
                ("type", vec!["statement".into()]),
                ("actor", involved),
                ("kind", vec![s.kind.clone()]),
                ("verification", s.verification.iter().cloned().collect()),
                ("year", year.clone()),
                ("tag", b.tags.clone()),
            ]),
            language: "en".into(),
        });
    }
    records
}

fn status(field: &str) -> String {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with(field))
        .unwrap_or_default()
        .to_string()
}

/// User + system CPU time of this process so far (clock ticks of 1/100 s).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, r)| r)
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

#[test]
#[ignore = "a measurement on the bench corpus: set SITROOM_SEARCH_CORPUS"]
fn search_bench() {
    let corpus =
        PathBuf::from(std::env::var("SITROOM_SEARCH_CORPUS").expect("SITROOM_SEARCH_CORPUS"));
    let mut names = BTreeMap::new();
    let mut records = actor_records(&corpus, &mut names);
    for path in files(&corpus.join("content/briefings")) {
        records.extend(briefing_records(&path, &names));
    }
    let text: usize = records.iter().map(|r| r.text.len()).sum();
    println!(
        "records: {} ({} MB of text)",
        records.len(),
        text / 1_000_000
    );
    // Reset the peak-memory mark so VmHWM measures the build alone (on top of the records).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    println!("before: {} / {}", status("VmRSS"), status("VmHWM"));
    let cpu_before = cpu_seconds();
    let started = Instant::now();
    let out = build(&records);
    println!(
        "build: {:.2} s wall, {:.2} s CPU",
        started.elapsed().as_secs_f64(),
        cpu_seconds() - cpu_before
    );
    println!("after: {} / {}", status("VmRSS"), status("VmHWM"));
    let mut by_kind: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (path, bytes) in &out {
        let kind = [
            "/index/",
            "/fragments/",
            "/fragment/",
            "/filter/",
            "meta.json",
        ]
        .into_iter()
        .find(|k| path.contains(k))
        .unwrap_or("other");
        let e = by_kind.entry(kind).or_default();
        e.0 += 1;
        e.1 += bytes.len();
    }
    for (kind, (n, bytes)) in &by_kind {
        println!("{kind:12} {n:7} files {:10} bytes", bytes);
    }
    if let Ok(dir) = std::env::var("SITROOM_SEARCH_OUT") {
        for (path, bytes) in &out {
            let file = Path::new(&dir).join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, bytes).unwrap();
        }
    }
}
