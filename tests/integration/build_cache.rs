//! The build cache (`.sitroom/cache/` under the site) can only save time: a build
//! that uses it writes, byte for byte, what a cold build (`--no-cache`) writes,
//! whatever the cache holds (nothing, last build's entries, entries of another
//! theme or URL setting, damaged files).

use std::fs;
use std::path::Path;

use crate::harness::Site;

const SUMMIT: &str = "content/briefings/2020-11-04-summit.md";

/// Builds the site with its cache, then cold into a fresh folder, and asserts the
/// two outputs hold the same files with the same bytes.
#[track_caller]
fn assert_cached_build_is_cold_build(site: &Site, extra: &[&str]) {
    site.build_ok(extra);
    let cold = site.tmp().join("cold");
    let mut args = vec!["--no-cache"];
    args.extend_from_slice(extra);
    site.build_into(&cold, &args).assert_ok();
    crate::harness::assert_same_files(&site.out, &cold);
    fs::remove_dir_all(cold).unwrap();
}

fn cache_files(site: &Site) -> Vec<std::path::PathBuf> {
    let dir = site.root.join(".sitroom/cache");
    let mut files: Vec<_> = fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn a_build_keeps_a_cache_and_the_next_one_writes_the_same_files() {
    let site = Site::fixture("build_cache");
    site.build_ok(&[]);
    let names: Vec<String> = cache_files(&site)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(names.contains(&"pages-site.bin".to_string()), "{names:?}");
    assert_cached_build_is_cold_build(&site, &[]);
}

#[test]
fn no_cache_neither_reads_nor_writes_it() {
    let site = Site::fixture("build_cache");
    site.build_ok(&["--no-cache"]);
    assert!(!site.root.join(".sitroom").exists());
}

#[test]
fn after_edits_the_cached_build_is_the_cold_build() {
    let site = Site::fixture("build_cache");
    site.build_ok(&[]);
    // A title shows on many pages; a statement's summary on actor pages and feeds.
    let text = fs::read_to_string(site.root.join(SUMMIT)).unwrap();
    site.write(SUMMIT, &text.replace("title:", "title: Renamed"));
    assert_cached_build_is_cold_build(&site, &[]);
    let actor = "content/actors/joe-biden.md";
    let text = fs::read_to_string(site.root.join(actor)).unwrap();
    site.write(actor, &text.replace("Joe Biden", "Joseph R. Biden"));
    assert_cached_build_is_cold_build(&site, &[]);
    fs::remove_file(site.root.join(SUMMIT)).unwrap();
    assert_cached_build_is_cold_build(&site, &[]);
}

/// A body edit (past the first paragraph) changes the site's fingerprint not at all: the fast keys keep
/// every page but the briefing's own and those showing bodies (the feed, the
/// search index), which the tests' `SITROOM_VERIFY_CACHE` renders and compares.
#[test]
fn after_body_and_front_matter_edits_the_fast_path_keeps_only_what_is_unchanged() {
    let site = Site::fixture("build_cache");
    site.build_ok(&[]);
    let text = fs::read_to_string(site.root.join(SUMMIT)).unwrap();
    // Not the first paragraph: that is the summary where none is given.
    let added = "Body.\n\nA second paragraph.";
    site.write(SUMMIT, &text.replace("Body.", added));
    assert_cached_build_is_cold_build(&site, &[]);
    assert!(
        site.read("briefings/summit/index.html")
            .contains("A second paragraph.")
    );
    assert!(site.read("atom.xml").contains("A second paragraph."));
    // Then the front matter: a statement's summary shows on actor pages, the
    // timeline and the data files.
    let text = fs::read_to_string(site.root.join(SUMMIT)).unwrap();
    site.write(SUMMIT, &text.replace("Answered.", "Answered at length."));
    assert_cached_build_is_cold_build(&site, &[]);
    assert!(
        site.read("data/statements.json")
            .contains("Answered at length.")
    );
    // And back: pages and data files kept by the fast path once more.
    site.write(SUMMIT, &text);
    assert_cached_build_is_cold_build(&site, &[]);
    site.write(
        "site.yaml",
        "title: Build cache renamed\nbase_url: https://example.org/\n",
    );
    assert_cached_build_is_cold_build(&site, &[]);
    assert!(site.read("data/statements.json").contains("Answered."));
}

#[test]
fn a_changed_theme_string_or_template_is_not_served_from_the_cache() {
    let site = Site::fixture("build_cache");
    site.build_ok(&[]);
    site.write("i18n/en.ftl", "nav-timeline = Chronology\n");
    assert_cached_build_is_cold_build(&site, &[]);
    assert!(site.read("index.html").contains("Chronology"));
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Lost</h1>{% endblock content %}",
    );
    assert_cached_build_is_cold_build(&site, &[]);
    assert!(site.read("404.html").contains("<h1>Lost</h1>"));
}

#[test]
fn another_base_url_is_not_served_from_the_cache() {
    let site = Site::fixture("build_cache");
    site.build_ok(&[]);
    assert_cached_build_is_cold_build(&site, &["--base-url", "relative"]);
    assert_cached_build_is_cold_build(&site, &["--base-url", "/sub/"]);
    assert_cached_build_is_cold_build(&site, &[]);
}

/// Every kind of damage: bytes changed, cut short, emptied, swapped for another
/// cache file, the folder deleted.
#[test]
fn a_damaged_or_missing_cache_changes_nothing() {
    let site = Site::fixture("build_cache");
    site.build_ok(&[]);
    let damages: [fn(&Path); 4] = [
        |p| {
            let mut bytes = fs::read(p).unwrap();
            let last = bytes.len() - 1;
            bytes[last] ^= 0x55;
            fs::write(p, bytes).unwrap();
        },
        |p| {
            let bytes = fs::read(p).unwrap();
            fs::write(p, &bytes[..bytes.len() / 2]).unwrap();
        },
        |p| fs::write(p, b"").unwrap(),
        |p| fs::write(p, b"sitroomC and then nonsense").unwrap(),
    ];
    for damage in damages {
        for file in cache_files(&site) {
            damage(&file);
        }
        let text = fs::read_to_string(site.root.join(SUMMIT)).unwrap();
        site.write(SUMMIT, &format!("{text}\nOne more line.\n"));
        assert_cached_build_is_cold_build(&site, &[]);
    }
    // One site's cache put in another site's place.
    let other = Site::fixture("incremental_output");
    other.build_ok(&[]);
    fs::remove_dir_all(site.root.join(".sitroom/cache")).unwrap();
    crate::harness::copy_dir(
        &other.root.join(".sitroom/cache"),
        &site.root.join(".sitroom/cache"),
    );
    assert_cached_build_is_cold_build(&site, &[]);
    fs::remove_dir_all(site.root.join(".sitroom")).unwrap();
    assert_cached_build_is_cold_build(&site, &[]);
}

/// `check` takes the pages the build cache shows unchanged from the last build's
/// output, but only files that still hold what that build wrote.
#[test]
fn check_reads_unchanged_pages_from_the_last_build_only_as_written() {
    let site = Site::fixture("build_cache");
    site.build_ok(&[]);
    site.run(&["check"]).assert_ok();
    // Edited by hand since: rendered again, so its link is not seen.
    fs::write(
        site.out_path("briefings/summit/index.html"),
        "<a href=\"/nowhere/\">x</a>",
    )
    .unwrap();
    let run = site.run(&["check"]);
    run.assert_ok();
    assert!(!run.stderr.contains("nowhere"), "{}", run.stderr);
    // A body edit (the page no longer the one recorded): its new link is checked.
    let text = fs::read_to_string(site.root.join(SUMMIT)).unwrap();
    let added = "Body.\n\nSee [the plan](/nowhere/).";
    site.write(SUMMIT, &text.replace("Body.", added));
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(run.stderr.contains("/nowhere/"), "{}", run.stderr);
}

/// With languages, translations count in the fingerprint whole (with their
/// originals); an untranslated briefing's body edit still takes the fast path.
/// Each keep is checked (`SITROOM_VERIFY_CACHE`).
#[test]
fn with_languages_the_fast_path_keeps_only_what_is_unchanged() {
    let site = Site::fixture("multilingual");
    site.build_ok(&[]);
    let talks = "content/briefings/2020-10-05-talks.md";
    let text = fs::read_to_string(site.root.join(talks)).unwrap();
    let edited = "Only in English so far.\n\nA second paragraph.";
    site.write(talks, &text.replace("Only in English so far.", edited));
    assert_cached_build_is_cold_build(&site, &[]);
    assert!(
        site.read("briefings/talks/index.html")
            .contains("A second paragraph.")
    );
    let calls_ru = "content/briefings/2020-10-03-calls.ru.md";
    let text = fs::read_to_string(site.root.join(calls_ru)).unwrap();
    site.write(calls_ru, &format!("{text}\nЕщё абзац.\n"));
    assert_cached_build_is_cold_build(&site, &[]);
    let title = text.lines().find(|l| l.starts_with("title:")).unwrap();
    site.write(calls_ru, &text.replace(title, "title: Новый заголовок"));
    assert_cached_build_is_cold_build(&site, &[]);
    let calls = "content/briefings/2020-10-03-calls.md";
    let text = fs::read_to_string(site.root.join(calls)).unwrap();
    site.write(calls, &format!("{text}\nOne more paragraph.\n"));
    assert_cached_build_is_cold_build(&site, &[]);
    // A statement's date: in a briefing without translations (the fast path),
    // then in one with them, to another month.
    replace_in(
        &site,
        talks,
        "date: 2020-10-05\n    summary: Announced",
        "date: 2020-10-04\n    summary: Announced",
    );
    assert_cached_build_is_cold_build(&site, &[]);
    replace_in(&site, calls, "    date: 2020-10-02", "    date: 2020-09-30");
    assert_cached_build_is_cold_build(&site, &[]);
}

/// A generated desk big enough for every kind of list page to split: home and
/// tag pages, timeline years of several pages, an actor's year pages; `per`
/// statements in each briefing.
fn desk(site: &Site, per: usize) {
    fs::remove_dir_all(site.root.join("content")).unwrap();
    for (id, name) in [("busy", "Busy"), ("quiet", "Quiet"), ("other", "Other")] {
        site.write(
            &format!("content/actors/{id}.md"),
            &format!("---\nname: {name}\nkind: person\n---\nBio.\n"),
        );
    }
    for year in [2019, 2020] {
        for i in 0..60 {
            let (month, day) = (i % 12 + 1, i % 28 + 1);
            let tag = ["Talks", "Visits"][i % 2];
            let mut text = format!(
                "---\ntitle: Briefing {year} {i}\ndate: {year}-{month:02}-{day:02}\ntags: [{tag}, Desk]\nactors: [other]\nstatements:\n"
            );
            for k in 0..per {
                let with = if k == 2 { ", with: [quiet]" } else { "" };
                text.push_str(&format!(
                    "  - {{speaker: busy{with}, date: {year}-{month:02}-{day:02}, summary: Said {i} {k}., source: {{outlet: Wire}}}}\n"
                ));
            }
            text.push_str("---\nBody.\n");
            site.write(&format!("content/briefings/b{year}-{i:04}.md"), &text);
        }
    }
}

/// Writes a claim by Quiet (2020-03-02, id `the-claim`) and a denial by Other
/// (2020-03-04) disputing it; returns their content paths.
fn claim_and_denial(site: &Site) -> (&'static str, &'static str) {
    let (claim, denial) = ("content/briefings/claim.md", "content/briefings/denial.md");
    site.write(
        claim,
        "---\ntitle: Claim\ndate: 2020-03-03\nstatements:\n  - {speaker: quiet, id: the-claim, date: 2020-03-02, summary: Claimed., source: {outlet: Wire}}\n---\nBody.\n",
    );
    site.write(
        denial,
        "---\ntitle: Denial\ndate: 2020-03-04\nstatements:\n  - {speaker: other, disputes: [the-claim], date: 2020-03-04, summary: Denied., source: {outlet: Wire}}\n---\nBody.\n",
    );
    (claim, denial)
}

/// Replaces the first `from` in the file at `path` with `to`.
fn replace_in(site: &Site, path: &str, from: &str, to: &str) {
    let text = fs::read_to_string(site.root.join(path)).unwrap();
    assert!(text.contains(from), "{path} has no {from:?}");
    site.write(path, &text.replacen(from, to, 1));
}

/// Gives the briefing at `path` the title `new`.
fn retitle(site: &Site, path: &str, new: &str) {
    let text = fs::read_to_string(site.root.join(path)).unwrap();
    let old = text.lines().find(|l| l.starts_with("title:")).unwrap();
    site.write(path, &text.replace(old, &format!("title: {new}")));
}

/// A title shows on its briefing's page and on the list pages, feeds and data
/// files that list the briefing or its statements (a summary, a quote too); the
/// fast keys of those that name the briefings they show must change with it,
/// and only theirs need to (the tests' `SITROOM_VERIFY_CACHE` renders every page
/// a fast key keeps, so a page that shows a briefing it did not name fails the
/// build).
#[test]
fn after_a_title_edit_every_page_showing_it_is_the_cold_build() {
    let site = Site::fixture("build_cache");
    desk(&site, 3);
    site.build_ok(&[]);
    assert!(site.exists("actors/busy/2020/page/2/index.html"));
    assert!(site.exists("timeline/2020/page/2/index.html"));
    assert!(site.exists("tags/talks/page/2/index.html"));
    // The latest briefing (first on the home page and the timeline's front
    // page), then one in the middle of a year.
    for (file, new) in [
        ("b2020-0059", "Latest renamed"),
        ("b2019-0030", "Middle renamed"),
    ] {
        retitle(&site, &format!("content/briefings/{file}.md"), new);
        assert_cached_build_is_cold_build(&site, &[]);
        assert!(site.read("data/timeline.json").contains(new));
    }
    assert!(site.read("index.html").contains("Latest renamed"));
    assert!(
        site.read("actors/busy/index.html")
            .contains("Latest renamed")
    );
    // What else other pages show of a briefing: a statement's summary, a
    // briefing's summary, a statement's source.
    replace_in(
        &site,
        "content/briefings/b2019-0030.md",
        "Said 30 1.",
        "Said 30 1 again.",
    );
    assert_cached_build_is_cold_build(&site, &[]);
    assert!(
        site.read("data/statements.json")
            .contains("Said 30 1 again.")
    );
    let path = "content/briefings/b2020-0058.md";
    replace_in(
        &site,
        path,
        "tags:",
        "summary: A summary of its own.\ntags:",
    );
    replace_in(&site, path, "outlet: Wire}}\n---", "outlet: Agency}}\n---");
    assert_cached_build_is_cold_build(&site, &[]);
    assert!(site.read("index.html").contains("A summary of its own."));
    assert!(site.read("data/statements.csv").contains("Agency"));
    // A title over two lines moves what follows it: no fast key is kept by it.
    let path = "content/briefings/b2020-0010.md";
    let text = fs::read_to_string(site.root.join(path)).unwrap();
    let old = text.lines().find(|l| l.starts_with("title:")).unwrap();
    site.write(path, &text.replace(old, "title: >-\n  Folded\n  title"));
    assert_cached_build_is_cold_build(&site, &[]);
    assert!(site.read("data/timeline.json").contains("Folded title"));
}

/// The search index keeps a block of 512 records when their fast key is the same;
/// a statement's record shows its briefing's title, so a block that opens with the
/// statements of a briefing listed in the block before must change with its title.
#[test]
fn after_a_title_edit_the_search_index_is_the_cold_build() {
    let site = Site::fixture("build_cache");
    site.write(
        "site.yaml",
        "title: Build cache\nbase_url: https://example.org/\npaginate: 1\n",
    );
    // Five records a briefing (itself, then its four statements), newest first:
    // the 103rd briefing is record 510 and its statements 511 to 514, so the
    // second block opens with three of them.
    desk(&site, 4);
    site.build_ok(&[]);
    let href = site.page("/page/103/").attrs("main h2 a", "href").remove(0);
    let slug = href.trim_end_matches('/').rsplit('/').next().unwrap();
    retitle(
        &site,
        &format!("content/briefings/{slug}.md"),
        "Across the edge",
    );
    assert_cached_build_is_cold_build(&site, &[]);
}

/// `sitroom build` of the site with its cache and `SITROOM_TIMINGS`, with or
/// without `SITROOM_VERIFY_CACHE`; returns what it printed on stderr.
#[track_caller]
fn build_timed(site: &Site, verify: bool) -> String {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_sitroom"));
    command
        .args(["build", "--root"])
        .arg(&site.root)
        .arg("--output")
        .arg(&site.out)
        .env("SITROOM_TIMINGS", "1");
    if verify {
        command.env("SITROOM_VERIFY_CACHE", "1");
    } else {
        command.env_remove("SITROOM_VERIFY_CACHE");
    }
    let output = command.output().expect("run sitroom");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "build failed:\n{stderr}");
    stderr
}

/// `sitroom build` of the site with its cache, as a user runs it (no
/// `SITROOM_VERIFY_CACHE`, which makes every chunk of a data file); returns, per
/// statement data file, how many chunks it copied from the last output and how
/// many it has, from the `SITROOM_TIMINGS` lines that say so.
#[track_caller]
fn build_copying(site: &Site) -> Vec<(String, usize, usize)> {
    let stderr = build_timed(site, false);
    let mut files: Vec<(String, usize, usize)> = (stderr.lines())
        .filter_map(|l| {
            l.trim_start_matches("timing:")
                .trim()
                .strip_suffix(" chunks copied from the last output")
        })
        .map(|l| {
            // "data/x.json: C of M"
            let (file, counts) = l.split_once(": ").expect(l);
            let (copied, made) = counts.split_once(" of ").expect(l);
            (
                file.to_string(),
                copied.parse().expect(l),
                made.parse().expect(l),
            )
        })
        .collect();
    files.sort();
    let names: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(names, DATA_FILES, "{stderr}");
    files
}

/// The statement data files, written in chunks.
const DATA_FILES: [&str; 3] = [
    "data/statements.csv",
    "data/statements.json",
    "data/timeline.json",
];

/// Asserts that each data file made `remade` of its chunks again and copied the
/// others, of at least two.
#[track_caller]
fn assert_remade(files: &[(String, usize, usize)], remade: usize) {
    for (file, copied, made) in files {
        assert!(*made >= 2, "{file}: {made} chunks");
        assert_eq!(made - copied, remade, "{file}: {copied} of {made} copied");
    }
}

/// The statement data files are written in chunks of about 256 statements,
/// which end after statements whose id says so. After an edit to one
/// statement's words, a build copies the other chunks from the last output, but
/// only where their bytes there are still the ones it wrote; a statement moved
/// by its date, or one added, changes the chunks about it.
#[test]
fn after_a_statement_edit_the_data_files_copy_the_chunks_without_it() {
    let site = Site::fixture("build_cache");
    // 720 statements: chunks of 64 to 512.
    desk(&site, 6);
    site.build_ok(&[]);
    let path = "content/briefings/b2019-0030.md";
    replace_in(&site, path, "Said 30 1.", "Said 30 1 again.");
    assert_remade(&build_copying(&site), 1);
    assert!(site.read("data/timeline.json").contains("Said 30 1 again."));
    let cold = site.tmp().join("cold");
    site.build_into(&cold, &["--no-cache"]).assert_ok();
    crate::harness::assert_same_files(&site.out, &cold);
    fs::remove_dir_all(&cold).unwrap();

    // Someone changes the published files (same length): nothing of them is
    // copied, and the output is again what a cold build writes.
    for file in DATA_FILES {
        let text = site.read(file).replace("Said", "Sald");
        fs::write(site.out_path(file), text).unwrap();
    }
    replace_in(&site, path, "Said 30 1 again.", "Said 30 1 once more.");
    for (file, copied, _) in build_copying(&site) {
        assert_eq!(copied, 0, "{file}");
    }
    site.build_into(&cold, &["--no-cache"]).assert_ok();
    crate::harness::assert_same_files(&site.out, &cold);
    fs::remove_dir_all(&cold).unwrap();

    // A briefing added mid-2019 puts its statements among the others: the chunk
    // they fall in is made again (two, if one of them ends a chunk), the
    // others are copied from where they now sit.
    site.write(
        "content/briefings/added.md",
        "---\ntitle: Added\ndate: 2019-06-15\nstatements:\n  - {speaker: busy, date: 2019-06-15, summary: Added 1., source: {outlet: Wire}}\n  - {speaker: quiet, date: 2019-06-15, summary: Added 2., source: {outlet: Wire}}\n---\nBody.\n",
    );
    for (file, copied, made) in build_copying(&site) {
        assert!(
            made >= 4 && made - copied <= 2,
            "{file}: {copied} of {made} copied"
        );
    }
    site.build_into(&cold, &["--no-cache"]).assert_ok();
    crate::harness::assert_same_files(&site.out, &cold);
    fs::remove_dir_all(&cold).unwrap();

    // A briefing's own date moves it among the briefings, not its statements:
    // every chunk is copied. A statement's date changes one chunk; its last
    // statement keeps its place, so only the date tells.
    let text = fs::read_to_string(site.root.join(path)).unwrap();
    let day = text.lines().find(|l| l.starts_with("date:")).unwrap();
    site.write(path, &text.replacen(day, "date: 2019-01-01", 1));
    assert_remade(&build_copying(&site), 0);
    let last = "with: [quiet], date: 2019-07-03,";
    replace_in(&site, path, last, "with: [quiet], date: 2019-07-05,");
    assert_remade(&build_copying(&site), 1);
    site.build_into(&cold, &["--no-cache"]).assert_ok();
    crate::harness::assert_same_files(&site.out, &cold);
}

/// `sitroom build` of the site with its cache (and `SITROOM_VERIFY_CACHE`, so
/// every page a fast key keeps is rendered and compared); returns how many
/// pages there were and how many were kept by their fast key, from the
/// `SITROOM_TIMINGS` line that says so.
#[track_caller]
fn build_kept_fast(site: &Site) -> (usize, usize) {
    kept_fast(&build_timed(site, true))
}

/// From a build's `SITROOM_TIMINGS` lines: how many pages it kept from the
/// previous output, and how many of those by their fast key.
#[track_caller]
fn kept_fast(stderr: &str) -> (usize, usize) {
    let line = (stderr.lines())
        .find_map(|l| l.strip_prefix("timing:   pages: "))
        .unwrap_or_else(|| panic!("no pages line in:\n{stderr}"));
    // "N of M kept from the previous output, F by their fast key"
    let line = line.replace(',', "");
    let words: Vec<&str> = line.split_whitespace().collect();
    let number = |i: usize| -> usize { words[i].parse().expect(&line) };
    (number(2), number(8))
}

/// A statement's date shows on its briefing's page, on its speakers' and
/// counterparts' pages and beside the statements that dispute it; it also
/// places the statement in the timeline and among the years that have pages
/// (the sitemap lists them). After a date edit the fast keys keep the pages
/// that show none of that, and only those: `SITROOM_VERIFY_CACHE` renders each
/// page they keep and fails on a difference, and the output is a cold build's.
#[test]
fn after_a_statement_date_edit_every_page_placing_it_is_the_cold_build() {
    let site = Site::fixture("build_cache");
    desk(&site, 3);
    let (claim, _) = claim_and_denial(&site);
    site.build_ok(&[]);
    let denial = "briefings/denial/index.html";
    assert!(
        site.read(denial).contains("Quiet, 2 Mar 2020"),
        "{}",
        site.read(denial)
    );

    // The disputed statement a day earlier: the page of the one disputing it
    // shows the new date; the desk's 120 briefing pages, its tag, home and
    // archive pages are kept by their fast keys.
    replace_in(&site, claim, "date: 2020-03-02", "date: 2020-03-01");
    let (pages, fast) = build_kept_fast(&site);
    assert!(
        fast >= 130 && fast < pages,
        "{fast} of {pages} kept by fast key"
    );
    assert!(site.read(denial).contains("Quiet, 1 Mar 2020"));
    assert_cached_build_is_cold_build(&site, &[]);

    // A desk statement moves to a year no statement had: its speakers get a
    // year page, the timeline a year, the sitemap both; then it moves back
    // and they are gone.
    let path = "content/briefings/b2019-0030.md";
    let last = "with: [quiet], date: 2019-07-03,";
    replace_in(&site, path, last, "with: [quiet], date: 2021-07-03,");
    let (pages, fast) = build_kept_fast(&site);
    assert!(
        fast >= 130 && fast < pages,
        "{fast} of {pages} kept by fast key"
    );
    for page in ["actors/quiet/2021/index.html", "timeline/2021/index.html"] {
        assert!(site.exists(page), "{page}");
        assert!(
            site.read("sitemap.xml")
                .contains(&page.replace("index.html", ""))
        );
    }
    assert_cached_build_is_cold_build(&site, &[]);
    replace_in(&site, path, "with: [quiet], date: 2021-07-03,", last);
    build_kept_fast(&site);
    assert!(!site.exists("actors/quiet/2021/index.html"));
    assert!(!site.read("sitemap.xml").contains("2021/"));
    assert_cached_build_is_cold_build(&site, &[]);
}

/// A statement's verification shows as a badge wherever the statement does,
/// and as a filter of the search index; it neither moves the statement nor
/// changes a searchable word. After an edit to it, the fast keys keep the pages
/// that do not show the statement (`SITROOM_VERIFY_CACHE` renders each and fails
/// on a difference), the search index's shards are read back from the last
/// output rather than merged again (and, with the check, compared with merged
/// ones), and the output is a cold build's.
#[test]
fn after_a_verification_edit_only_pages_showing_the_statement_change() {
    let site = Site::fixture("build_cache");
    desk(&site, 3);
    site.build_ok(&[]);
    let path = "content/briefings/b2019-0030.md";
    let page = "briefings/b2019-0030/index.html";
    assert!(!site.read(page).contains(r#"data-verification="disputed""#));
    replace_in(
        &site,
        path,
        "summary: Said 30 1.,",
        "summary: Said 30 1., verification: disputed,",
    );
    let stderr = build_timed(&site, true);
    let (pages, fast) = kept_fast(&stderr);
    assert!(
        fast >= 130 && fast < pages,
        "{fast} of {pages} kept by fast key"
    );
    assert!(
        stderr.contains("no word changed"),
        "the shards were merged again:\n{stderr}"
    );
    assert!(site.read(page).contains(r#"data-verification="disputed""#));
    assert!(
        site.read("actors/busy/2019/index.html")
            .contains(r#"data-verification="disputed""#)
    );
    assert_cached_build_is_cold_build(&site, &[]);
}

/// A timeline page names the statements it shows, not only their briefings: a
/// statement moving past a page of another briefing's statements (within one
/// month, so no count changes) shifts which of them the page shows.
#[test]
fn a_timeline_page_is_keyed_by_the_statements_it_shows() {
    let site = Site::fixture("build_cache");
    fs::remove_dir_all(site.root.join("content")).unwrap();
    site.write(
        "content/actors/busy.md",
        "---\nname: Busy\nkind: person\n---\nBio.\n",
    );
    let mut many = String::from("---\ntitle: Many\ndate: 2020-06-15\nstatements:\n");
    for k in 0..250 {
        many.push_str(&format!(
            "  - {{speaker: busy, date: 2020-06-15, summary: Said {k}., source: {{outlet: Wire}}}}\n"
        ));
    }
    site.write("content/briefings/many.md", &format!("{many}---\nBody.\n"));
    let mover = "content/briefings/mover.md";
    site.write(
        mover,
        "---\ntitle: Mover\ndate: 2020-06-01\nstatements:\n  - {speaker: busy, date: 2020-06-01, summary: Moved., source: {outlet: Wire}}\n---\nBody.\n",
    );
    site.build_ok(&[]);
    let page = "timeline/2020/page/2/index.html";
    assert!(site.read(page).contains("Said 99."));
    replace_in(
        &site,
        mover,
        "date: 2020-06-01, summary",
        "date: 2020-06-30, summary",
    );
    assert_cached_build_is_cold_build(&site, &[]);
    assert!(!site.read(page).contains("Said 99."));
    assert!(site.read(page).contains("Said 100."));
}

/// A briefing's page shows its own briefing and, of the others, only the
/// statements that dispute its statements or that they dispute. A briefing
/// added, redated or deleted elsewhere keeps every other briefing page by its
/// fast key, but for the pages those disputes link: `SITROOM_VERIFY_CACHE`
/// renders each page a fast key keeps and fails on a difference, and the
/// output is a cold build's.
#[test]
fn a_briefing_added_redated_or_deleted_keeps_the_other_briefing_pages() {
    let site = Site::fixture("build_cache");
    desk(&site, 3);
    let (_, denial) = claim_and_denial(&site);
    site.build_ok(&[]);
    let claim_page = "briefings/claim/index.html";
    assert!(site.read(claim_page).contains("briefings/denial/#s-1"));

    // Added: the 122 briefing pages there were are kept by their fast keys,
    // and the pages of the actors it does not name (Quiet's and Other's).
    site.write(
        "content/briefings/added.md",
        "---\ntitle: Added\ndate: 2020-12-30\ntags: [Desk]\nstatements:\n  - {speaker: busy, date: 2020-12-30, summary: Added., source: {outlet: Wire}}\n---\nBody.\n",
    );
    let (pages, fast) = build_kept_fast(&site);
    assert!(
        fast >= 126 && fast < pages,
        "{fast} of {pages} kept by fast key"
    );
    assert_cached_build_is_cold_build(&site, &[]);

    // The denial redated and renamed: the claim's page links it anew.
    let text = fs::read_to_string(site.root.join(denial)).unwrap();
    fs::remove_file(site.root.join(denial)).unwrap();
    site.write(
        "content/briefings/rebuttal.md",
        &text.replace("date: 2020-03-04\n", "date: 2020-04-01\n"),
    );
    let (pages, fast) = build_kept_fast(&site);
    assert!(fast >= 121 && fast < pages, "{fast} of {pages}");
    assert!(site.read(claim_page).contains("briefings/rebuttal/#s-1"));
    assert_cached_build_is_cold_build(&site, &[]);

    // Deleted: the claim is disputed no more.
    fs::remove_file(site.root.join("content/briefings/rebuttal.md")).unwrap();
    let (pages, fast) = build_kept_fast(&site);
    assert!(fast >= 121 && fast < pages, "{fast} of {pages}");
    assert!(!site.read(claim_page).contains("rebuttal"));
    assert_cached_build_is_cold_build(&site, &[]);
}

/// The statements' HTML that list pages paste is kept from build to build: a
/// briefing added makes every timeline page again (each counts every year's
/// statements), which then takes the other statements' HTML from the cache
/// instead of rendering each. A damaged store is rendered around.
#[test]
fn list_pages_made_again_paste_statements_from_the_cache() {
    let site = Site::fixture("build_cache");
    desk(&site, 3);
    site.build_ok(&[]);
    let add = |n: usize| {
        site.write(
            &format!("content/briefings/added-{n}.md"),
            &format!("---\ntitle: Added {n}\ndate: 2020-12-2{n}\nstatements:\n  - {{speaker: busy, date: 2020-12-2{n}, summary: Added {n}., source: {{outlet: Wire}}}}\n---\nBody.\n"),
        );
    };
    let counts = |stderr: &str| -> (usize, usize) {
        let line = (stderr.lines())
            .find_map(|l| l.strip_prefix("timing:   statements' HTML: "))
            .unwrap_or_else(|| panic!("no statements line in:\n{stderr}"));
        let words: Vec<&str> = line.split_whitespace().collect();
        (words[0].parse().unwrap(), words[4].parse().unwrap())
    };
    // The first build with page keys renders every timeline statement.
    add(0);
    let (found, made) = counts(&build_timed(&site, false));
    assert_eq!(found, 0);
    assert!(made >= 360, "{made} rendered");
    add(1);
    let (found, made) = counts(&build_timed(&site, false));
    assert!(found >= 360 && made <= 2, "{found} found, {made} rendered");
    assert_cached_build_is_cold_build(&site, &[]);
    // Same length, other bytes: found nowhere, rendered, the same output.
    let data = site.root.join(".sitroom/cache/statements-html-site.dat");
    let len = fs::read(&data).unwrap().len();
    fs::write(&data, vec![b' '; len]).unwrap();
    add(2);
    let (found, made) = counts(&build_timed(&site, false));
    assert!(found == 0 && made >= 360, "{found} found, {made} rendered");
    assert_cached_build_is_cold_build(&site, &[]);
}

/// From a build's `SITROOM_TIMINGS` lines: how many chunks of the search index
/// it keyed, and how many of those by their fast key.
#[track_caller]
fn search_chunks_fast(stderr: &str) -> (usize, usize) {
    let line = (stderr.lines())
        .find(|l| l.contains(" chunks keyed in "))
        .unwrap_or_else(|| panic!("no search line in:\n{stderr}"));
    // "search en: cache read in R ms, N chunks keyed in K ms (F by their fast key)"
    let words: Vec<&str> = line.split_whitespace().collect();
    let at = words.iter().position(|w| *w == "chunks").expect(line);
    let number = |w: &str| -> usize { w.trim_start_matches('(').parse().expect(line) };
    (number(words[at - 1]), number(words[at + 5]))
}

/// A tag added to one briefing shows on that briefing's cards and statements
/// and on its tag's pages, nowhere else: the list pages that do not show the
/// briefing (the home page's other pages, the other tags', the other year's
/// archive, the timeline's pages without its statements) and the search
/// index's blocks without its records are kept by their fast keys, which name
/// the briefings they show by their own hashes. `SITROOM_VERIFY_CACHE` renders
/// every page and block a fast key keeps and fails on a difference.
#[test]
fn a_tag_added_keeps_the_list_pages_that_do_not_show_the_briefing() {
    let site = Site::fixture("build_cache");
    desk(&site, 3);
    site.build_ok(&[]);
    replace_in(
        &site,
        "content/briefings/b2019-0007.md",
        "tags: [Visits, Desk]",
        "tags: [Visits, Desk, Retagged]",
    );
    let stderr = build_timed(&site, true);
    let (pages, fast) = kept_fast(&stderr);
    let (chunks, chunks_fast) = search_chunks_fast(&stderr);
    // 140 of 172 here; 119 when list pages took every briefing's hash.
    assert!(
        fast >= 136 && fast < pages,
        "{fast} of {pages} kept by fast key"
    );
    // Two blocks of records, one without the briefing.
    assert_eq!((chunks, chunks_fast), (2, 1));
    assert!(
        site.read("tags/retagged/index.html")
            .contains("Briefing 2019 7")
    );
    assert_cached_build_is_cold_build(&site, &[]);
}

/// A tag's pages and the search index's tag filter show it under the name
/// first written: respelling it in one briefing changes what the search
/// records of another briefing with that tag hold, though that briefing's own
/// hash is the same.
#[test]
fn a_tag_respelled_in_one_briefing_shows_so_in_the_others_search_records() {
    let site = Site::fixture("build_cache");
    desk(&site, 3);
    site.build_ok(&[]);
    // The newest briefing tagged Talks (2020-11-23).
    replace_in(
        &site,
        "content/briefings/b2020-0022.md",
        "tags: [Talks, Desk]",
        "tags: [TALKS, Desk]",
    );
    let stderr = build_timed(&site, true);
    assert!(
        site.read("tags/talks/index.html").contains("TALKS"),
        "{stderr}"
    );
    assert_cached_build_is_cold_build(&site, &[]);
}

/// A statement on the timeline links the statements disputing it, which may
/// stand on another of its pages: the page's fast key names them too, so
/// renaming the disputing briefing (its link moves) makes the page holding the
/// claim again, a year away.
#[test]
fn a_timeline_page_follows_a_disputing_briefing_renamed_far_away() {
    let site = Site::fixture("build_cache");
    desk(&site, 3);
    site.write(
        "content/briefings/claim.md",
        "---\ntitle: Claim\ndate: 2019-01-02\nstatements:\n  - {speaker: quiet, id: the-claim, date: 2019-01-02, summary: Claimed., source: {outlet: Wire}}\n---\nBody.\n",
    );
    let denial = "---\ntitle: Denial\ndate: 2020-12-30\nstatements:\n  - {speaker: other, disputes: [the-claim], date: 2020-12-30, summary: Denied., source: {outlet: Wire}}\n---\nBody.\n";
    site.write("content/briefings/denial.md", denial);
    site.build_ok(&[]);
    let claim_page = "timeline/2019/index.html";
    assert!(site.read(claim_page).contains("briefings/denial/#s-1"));
    fs::remove_file(site.root.join("content/briefings/denial.md")).unwrap();
    site.write("content/briefings/rebuttal.md", denial);
    build_timed(&site, true);
    assert!(site.read(claim_page).contains("briefings/rebuttal/#s-1"));
    assert_cached_build_is_cold_build(&site, &[]);
}
