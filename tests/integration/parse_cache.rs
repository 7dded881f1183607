//! The parse cache: a `build` keeps every file's parse result in
//! `.sitroom/cache/` and the next one re-parses only the files whose text (or, for
//! briefings, actors) changed. Whatever the cache holds, the output and the
//! messages are those of a build without it.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::harness::{Site, sel, tree};

const BRIDGE: &str = "content/briefings/2021-03-02-bridge.md";
const ANA: &str = "content/actors/ana-lind.md";

/// What one build did: its messages, and how many files it parsed and how many it
/// took from the cache (from `SITROOM_TIMINGS`).
struct Built {
    stderr: String,
    parsed: usize,
    cached: usize,
}

/// `sitroom build` of the site into `out`, with the cache unless `--no-cache`.
#[track_caller]
fn build(site: &Site, out: &Path, extra: &[&str]) -> Built {
    let output = Command::new(env!("CARGO_BIN_EXE_sitroom"))
        .args(["build", "--root"])
        .arg(&site.root)
        .arg("--output")
        .arg(out)
        .args(extra)
        .env("SITROOM_TIMINGS", "1")
        .output()
        .expect("run sitroom");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "build failed:\n{stderr}");
    let counts = stderr
        .lines()
        .find_map(|l| l.strip_prefix("timing: parse cache: "))
        .map(|l| {
            let n: Vec<usize> = l.split(' ').filter_map(|w| w.parse().ok()).collect();
            (n[0], n[1])
        });
    let (parsed, cached) = counts.unwrap_or((usize::MAX, usize::MAX));
    // The messages alone: no timings, no temp folder.
    let stderr = stderr
        .lines()
        .filter(|l| !l.starts_with("timing:") && !l.starts_with("built "))
        .collect::<Vec<_>>()
        .join("\n");
    Built {
        stderr,
        parsed,
        cached,
    }
}

/// Builds with the cache into `warm`, then without it into `cold`, and asserts
/// the two hold the same files with the same bytes and gave the same messages.
#[track_caller]
fn assert_same_as_without_cache(site: &Site, name: &str) -> Built {
    let warm = site.tmp().join(format!("{name}-warm"));
    let cold = site.tmp().join(format!("{name}-cold"));
    let with = build(site, &warm, &[]);
    let without = build(site, &cold, &["--no-cache"]);
    assert_eq!(with.stderr, without.stderr, "messages differ ({name})");
    let (a, b) = (tree(&warm), tree(&cold));
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b), "{name}");
    for ((file, x), (_, y)) in a.iter().zip(&b) {
        assert!(
            x == y,
            "`{file}` differs from a build without the cache ({name})"
        );
    }
    with
}

fn cache_dir(site: &Site) -> std::path::PathBuf {
    site.root.join(".sitroom/cache")
}

/// The cache files holding briefings (in shards, by key).
fn briefing_files(site: &Site) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = fs::read_dir(cache_dir(site))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("parse-v1-briefings"))
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no briefings in the cache");
    files
}

#[test]
fn a_second_build_parses_nothing_and_writes_the_same_bytes() {
    let site = Site::fixture("parse_cache");
    let first = assert_same_as_without_cache(&site, "first");
    assert_eq!((first.parsed, first.cached), (5, 0));
    briefing_files(&site);
    let second = assert_same_as_without_cache(&site, "second");
    assert_eq!((second.parsed, second.cached), (0, 5));
    // The warnings came from the cache, as they were.
    assert!(
        second
            .stderr
            .contains("2021-03-02-bridge.md:13:3: warning: a statement has no `source`"),
        "{}",
        second.stderr
    );
    assert!(
        second.stderr.contains("relative date \"on Thursday\""),
        "{}",
        second.stderr
    );
    assert_eq!(second.stderr, first.stderr);
}

#[test]
fn an_edited_briefing_alone_is_parsed_again() {
    let site = Site::fixture("parse_cache");
    build(&site, &site.tmp().join("first"), &[]);
    let text = fs::read_to_string(site.root.join(BRIDGE)).unwrap();
    site.write(
        BRIDGE,
        &text.replace(
            "The spokeswoman repeated it.",
            "Ana Lind repeated it on Friday.",
        ),
    );
    let edited = assert_same_as_without_cache(&site, "edited");
    assert_eq!((edited.parsed, edited.cached), (1, 4));
    assert!(
        edited.stderr.contains("relative date \"on Friday\""),
        "{}",
        edited.stderr
    );
    let page =
        fs::read_to_string(site.tmp().join("edited-warm/briefings/bridge/index.html")).unwrap();
    assert!(page.contains("repeated it on Friday"));
}

#[test]
fn a_changed_actor_name_parses_every_briefing_again() {
    let site = Site::fixture("parse_cache");
    build(&site, &site.tmp().join("first"), &[]);
    let linked = |dir: &str| {
        let html =
            fs::read_to_string(site.tmp().join(dir).join("briefings/denial/index.html")).unwrap();
        let page = scraper::Html::parse_document(&html);
        page.select(&sel("main a[href*='/actors/ana-lind/']"))
            .map(|a| a.text().collect::<String>())
            .collect::<Vec<_>>()
    };
    assert_eq!(linked("first"), Vec::<String>::new());
    // An alias the denial's body uses: its mention becomes a link.
    let text = fs::read_to_string(site.root.join(ANA)).unwrap();
    site.write(
        ANA,
        &text.replace("kind: person\n", "kind: person\naliases: [spokeswoman]\n"),
    );
    let renamed = assert_same_as_without_cache(&site, "alias");
    // The actor and both briefings; the page and the other actor are kept.
    assert_eq!((renamed.parsed, renamed.cached), (3, 2));
    assert_eq!(linked("alias-warm"), vec!["spokeswoman".to_string()]);
}

#[test]
fn a_damaged_or_deleted_cache_changes_nothing() {
    let site = Site::fixture("parse_cache");
    build(&site, &site.tmp().join("first"), &[]);
    // Cut short.
    for file in briefing_files(&site) {
        let bytes = fs::read(&file).unwrap();
        fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    }
    let cut = assert_same_as_without_cache(&site, "cut");
    assert_eq!((cut.parsed, cut.cached), (2, 3));
    // One byte changed.
    for file in briefing_files(&site) {
        let mut flipped = fs::read(&file).unwrap();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x55;
        fs::write(&file, &flipped).unwrap();
    }
    let damaged = assert_same_as_without_cache(&site, "flipped");
    assert_eq!((damaged.parsed, damaged.cached), (2, 3));
    // Garbage in every file, then no folder at all.
    for entry in fs::read_dir(cache_dir(&site)).unwrap() {
        fs::write(entry.unwrap().path(), "not a cache").unwrap();
    }
    let garbage = assert_same_as_without_cache(&site, "garbage");
    assert_eq!((garbage.parsed, garbage.cached), (5, 0));
    fs::remove_dir_all(cache_dir(&site)).unwrap();
    let gone = assert_same_as_without_cache(&site, "gone");
    assert_eq!((gone.parsed, gone.cached), (5, 0));
}

#[test]
fn no_cache_writes_no_cache() {
    let site = Site::fixture("parse_cache");
    build(&site, &site.tmp().join("out"), &["--no-cache"]);
    assert!(!site.root.join(".sitroom").exists());
}
