//! The search index's chunk cache: builds that fill it, read it, read it after an
//! edit, read a damaged one or find it deleted give the same `pagefind/` files,
//! byte for byte, as a `--no-cache` build.

use std::fs;
use std::path::{Path, PathBuf};

use crate::harness::{Site, tree};

/// Where the site keeps its cache.
fn cache_dir(site: &Site) -> PathBuf {
    site.tmp().join("site/.sitroom/cache")
}

/// Every file of the search index built into `out`.
fn index(out: &Path) -> Vec<(String, Vec<u8>)> {
    let files = tree(&out.join("pagefind"));
    assert!(
        files.iter().any(|(p, _)| p.starts_with("fragment/")),
        "an index with fragments"
    );
    files
}

/// Builds with the cache, and without it into another folder, and checks that
/// the two indexes are the same.
#[track_caller]
fn build_matches_no_cache(site: &Site, what: &str) {
    site.build_ok(&[]);
    let plain = site.tmp().join("no-cache");
    site.build_into(&plain, &["--no-cache"]).assert_ok();
    let (cached, expected) = (index(&site.out_path("")), index(&plain));
    let paths = |files: &[(String, Vec<u8>)]| -> Vec<String> {
        files.iter().map(|(p, _)| p.clone()).collect()
    };
    assert_eq!(paths(&cached), paths(&expected), "{what}: the same files");
    for ((path, a), (_, b)) in cached.iter().zip(&expected) {
        assert!(a == b, "{what}: pagefind/{path} differs");
    }
}

#[test]
fn cached_builds_give_the_index_of_an_uncached_one() {
    let site = Site::fixture("search_cache");
    build_matches_no_cache(&site, "a build that fills the cache");
    for language in ["en", "ru"] {
        assert!(
            cache_dir(&site)
                .join(format!("search-{language}.bin"))
                .is_file(),
            "the {language} index's chunks are kept"
        );
    }
    let kept = fs::read(cache_dir(&site).join("search-en.bin")).unwrap();
    build_matches_no_cache(&site, "a build from the cache");

    let path = "content/briefings/2020-10-05-talks.md";
    let text = fs::read_to_string(site.tmp().join("site").join(path)).unwrap();
    site.write(
        path,
        &text.replace("ten hours", "eleven hours of armistice drafting"),
    );
    build_matches_no_cache(&site, "a build after an edit");
    let after = fs::read(cache_dir(&site).join("search-en.bin")).unwrap();
    assert_ne!(kept, after, "the edited chunk replaced the old one");
    let search = site.read("pagefind/pagefind-entry.json");
    assert!(search.contains("\"ru\""), "{search}");
}

#[test]
fn a_damaged_or_deleted_cache_changes_nothing() {
    let site = Site::fixture("search_cache");
    site.build_ok(&[]);
    let file = cache_dir(&site).join("search-en.bin");
    let mut bytes = fs::read(&file).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    fs::write(&file, &bytes).unwrap();
    build_matches_no_cache(&site, "a build with a damaged cache file");
    fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    build_matches_no_cache(&site, "a build with a cut cache file");
    fs::write(&file, b"garbage").unwrap();
    build_matches_no_cache(&site, "a build with garbage for a cache file");
    fs::remove_dir_all(site.tmp().join("site/.sitroom")).unwrap();
    build_matches_no_cache(&site, "a build with the cache deleted");
    assert!(file.is_file(), "the cache is made again");
}

/// The index's fragment files of the output `out`: path → bytes.
fn fragments(out: &Path) -> Vec<(String, Vec<u8>)> {
    index(out)
        .into_iter()
        .filter(|(p, _)| p.starts_with("fragment/"))
        .collect()
}

/// A warm build keeps the fragments of the chunks the cache holds from the
/// previous output, but only those whose bytes there are still right: one that
/// was removed or edited by hand is made again, and the output stays that of a
/// `--no-cache` build.
#[test]
fn fragments_kept_from_the_previous_output_are_checked() {
    let site = Site::fixture("search_cache");
    site.build_ok(&[]);
    let out = site.out_path("");
    let before = fragments(&out);
    assert!(before.len() >= 2, "{} fragments", before.len());
    let dir = out.join("pagefind");
    fs::remove_file(dir.join(&before[0].0)).unwrap();
    let mut edited = before[1].1.clone();
    edited.splice(0..0, b" ".iter().copied());
    fs::write(dir.join(&before[1].0), &edited).unwrap();
    let last = before.len() - 1;
    fs::write(dir.join(&before[last].0), b"{}").unwrap();
    build_matches_no_cache(&site, "a build over a damaged previous output");
    assert_eq!(fragments(&out), before, "every fragment as it was");

    // Into an empty folder (no previous output), from a warm cache.
    let fresh = site.tmp().join("fresh");
    site.build_into(&fresh, &[]).assert_ok();
    assert_eq!(fragments(&fresh), before);

    // After an edit, the other chunks' fragments are still kept.
    let path = "content/briefings/2020-10-05-talks.md";
    let text = fs::read_to_string(site.tmp().join("site").join(path)).unwrap();
    site.write(path, &text.replace("ten hours", "nine hours"));
    build_matches_no_cache(&site, "a build after an edit");
    assert_ne!(fragments(&out), before, "the edited briefing's fragment");
}

/// Warm builds after edits of front matter (a title, the tags, a statement)
/// and of a translation's body give the index of a `--no-cache` build, and so
/// does a warm build with nothing changed (every file kept, no chunk merged).
#[test]
fn front_matter_edits_give_the_index_of_an_uncached_build() {
    let site = Site::fixture("search_cache");
    build_matches_no_cache(&site, "a build that fills the cache");
    build_matches_no_cache(&site, "a build with nothing changed");
    let path = "content/briefings/2020-10-05-talks.md";
    let edits: [(&str, &str, &str); 4] = [
        (
            "Talks resume in Moscow",
            "Talks resume in Geneva",
            "a title",
        ),
        (
            "tags: [ceasefire]",
            "tags: [ceasefire, mediation]",
            "the tags",
        ),
        (
            "Said the talks were hard.",
            "Said the talks were long.",
            "a statement",
        ),
        (
            "kind: press_conference",
            "kind: interview",
            "a statement's kind",
        ),
    ];
    for (from, to, what) in edits {
        let text = fs::read_to_string(site.tmp().join("site").join(path)).unwrap();
        assert!(text.contains(from), "{what}");
        site.write(path, &text.replace(from, to));
        build_matches_no_cache(&site, &format!("a build after an edit of {what}"));
        assert!(
            site.read("pagefind/pagefind-entry.json").contains("\"ru\""),
            "{what}"
        );
    }
    let ru = "content/briefings/2020-10-03-calls.ru.md";
    let text = fs::read_to_string(site.tmp().join("site").join(ru)).unwrap();
    site.write(ru, &format!("{text}\nПереговоры продолжились.\n"));
    build_matches_no_cache(&site, "a build after an edit of a translation's body");
    build_matches_no_cache(&site, "a build with nothing changed again");
}
