//! A second build into the same output keeps every file whose bytes did not change
//! (same inode, same modification time), so `rsync -a` or a bucket sync uploads only
//! what changed; and whatever the previous output holds, the new one is byte for
//! byte what a cold build into a fresh folder writes.

#![cfg(unix)]

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::MetadataExt as _;
use std::path::Path;
use std::time::SystemTime;

use crate::harness::Site;

/// One output file: its inode, its modification time and its bytes.
#[derive(Debug, PartialEq)]
struct Kept {
    ino: u64,
    modified: SystemTime,
    bytes: Vec<u8>,
}

/// Every file of `out` by its path inside it (symbolic links included, as such).
fn files(out: &Path) -> BTreeMap<String, Kept> {
    fn walk(base: &Path, dir: &Path, found: &mut BTreeMap<String, Kept>) {
        for entry in fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            let meta = fs::symlink_metadata(&path).expect("metadata");
            if meta.is_dir() {
                walk(base, &path, found);
                continue;
            }
            let rel = path.strip_prefix(base).expect("under base");
            let bytes = if meta.is_file() {
                fs::read(&path).expect("read")
            } else {
                Vec::new()
            };
            let kept = Kept {
                ino: meta.ino(),
                modified: meta.modified().expect("mtime"),
                bytes,
            };
            found.insert(rel.to_string_lossy().into_owned(), kept);
        }
    }
    let mut found = BTreeMap::new();
    walk(out, out, &mut found);
    found
}

/// The paths whose file is not the same file (inode or modification time) in both.
fn rewritten(before: &BTreeMap<String, Kept>, after: &BTreeMap<String, Kept>) -> Vec<String> {
    after
        .iter()
        .filter(|(rel, now)| {
            before
                .get(*rel)
                .is_none_or(|was| was.ino != now.ino || was.modified != now.modified)
        })
        .map(|(rel, _)| rel.clone())
        .collect()
}

/// Builds the site as it is now into a fresh folder and asserts the output holds the
/// same files with the same bytes.
#[track_caller]
fn assert_same_as_cold_build(site: &Site) {
    let cold = site.tmp().join("cold");
    site.build_into(&cold, &["--no-cache"]).assert_ok();
    crate::harness::assert_same_files(&site.out, &cold);
    fs::remove_dir_all(cold).unwrap();
}

const SUMMIT: &str = "content/briefings/2020-11-04-summit.md";

fn summit(title: &str, summary: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: 2020-11-04\ntags: [summits]\nstatements:\n  - speaker: joe-biden\n    date: 2020-11-03\n    summary: {summary}\n    source: {{outlet: Reuters}}\n---\nBody.\n"
    )
}

#[test]
fn a_second_build_without_changes_keeps_every_file() {
    let site = Site::fixture("incremental_output");
    site.build_ok(&[]);
    let before = files(&site.out);
    site.build_ok(&[]);
    let after = files(&site.out);
    assert_eq!(
        before.len(),
        36,
        "with data/actors.json, actors.csv, favicon.ico and og-image.png"
    );
    assert_eq!(rewritten(&before, &after), Vec::<String>::new());
    assert!(before == after, "bytes, inodes and times are all kept");
    // Nothing else of the previous output stays linked to them.
    assert!(
        after
            .keys()
            .all(|rel| { fs::metadata(site.out_path(rel)).unwrap().nlink() == 1 })
    );
}

#[test]
fn editing_one_briefing_rewrites_only_the_files_that_show_it() {
    let site = Site::fixture("incremental_output");
    site.build_ok(&[]);
    let before = files(&site.out);
    // Its title shows in lists and feeds, its statement in the data files.
    site.write(SUMMIT, &summit("Summit talks", "Answered at length."));
    site.build_ok(&[]);
    let after = files(&site.out);
    assert_eq!(
        rewritten(&before, &after),
        [
            "actors/joe-biden/atom.xml",
            "actors/joe-biden/index.html",
            "archive/2020/index.html",
            "atom.xml",
            "briefings/summit/index.html",
            "data/statements.csv",
            "data/statements.json",
            "data/timeline.json",
            "index.html",
            "tags/summits/index.html",
            "timeline/index.html",
        ]
    );
    for (rel, now) in &after {
        let was = &before[rel];
        assert_eq!(was.bytes != now.bytes, was.ino != now.ino, "{rel}");
    }
    assert_same_as_cold_build(&site);
}

/// A first build makes no page keys (there are none yet to match). An edit
/// after it that the fast keys do not cover (a tag, which shows on other pages
/// than its briefing's) renders every page again, and still rewrites only the
/// files whose bytes changed.
#[test]
fn after_a_first_build_an_edit_off_the_fast_path_rewrites_only_changed_files() {
    let site = Site::fixture("incremental_output");
    site.build_ok(&[]);
    let before = files(&site.out);
    let text = fs::read_to_string(site.root.join(SUMMIT)).unwrap();
    site.write(
        SUMMIT,
        &text.replace("tags: [summits]", "tags: [summits, talks]"),
    );
    site.build_ok(&[]);
    let after = files(&site.out);
    assert!(after.contains_key("tags/talks/index.html"));
    for (rel, now) in &after {
        if let Some(was) = before.get(rel) {
            assert_eq!(was.bytes != now.bytes, was.ino != now.ino, "{rel}");
            assert_eq!(
                was.bytes != now.bytes,
                was.modified != now.modified,
                "{rel}"
            );
        }
    }
    let rewritten = rewritten(&before, &after);
    assert!(
        rewritten.len() * 2 < after.len(),
        "{} of {} rewritten: {rewritten:?}",
        rewritten.len(),
        after.len()
    );
    assert_same_as_cold_build(&site);
}

#[test]
fn a_removed_briefing_leaves_no_page_behind() {
    let site = Site::fixture("incremental_output");
    site.build_ok(&[]);
    fs::remove_file(site.root.join("content/briefings/2020-12-05-letter.md")).unwrap();
    site.build_ok(&[]);
    assert!(!site.exists("briefings/letter/index.html"));
    assert!(!site.exists("briefings/letter"));
    assert_same_as_cold_build(&site);
}

#[test]
fn a_failed_build_leaves_the_previous_output_and_its_times() {
    let site = Site::fixture("incremental_output");
    site.build_ok(&[]);
    let before = files(&site.out);
    site.write(SUMMIT, "---\ntitle: [unclosed\n---\nBody.\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(before == files(&site.out));
}

/// An output file edited by hand to other bytes of the same length, with its old
/// modification time put back: only the bytes decide, so it is rewritten.
#[test]
fn an_output_file_edited_by_hand_is_rewritten_even_with_its_old_time() {
    let site = Site::fixture("incremental_output");
    site.build_ok(&[]);
    let page = site.out_path("briefings/calls/index.html");
    let (old, modified) = (
        fs::read(&page).unwrap(),
        fs::metadata(&page).unwrap().modified(),
    );
    let tampered = String::from_utf8(old.clone())
        .unwrap()
        .replace("Calls", "Ca11s");
    assert_eq!(tampered.len(), old.len());
    fs::write(&page, &tampered).unwrap();
    fs::File::options()
        .write(true)
        .open(&page)
        .unwrap()
        .set_modified(modified.unwrap())
        .unwrap();
    site.build_ok(&[]);
    assert_eq!(fs::read(&page).unwrap(), old);
    assert_same_as_cold_build(&site);
}

/// Symbolic links in the previous output are never followed out of it: a file or a
/// folder replaced by a link to an identical copy elsewhere comes back as a file or
/// folder of the output's own, and the copy elsewhere is left as it was.
#[test]
fn symlinks_in_the_previous_output_are_not_reused() {
    let site = Site::fixture("incremental_output");
    site.build_ok(&[]);
    let elsewhere = site.tmp().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::rename(site.out_path("actors"), elsewhere.join("actors")).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("actors"), site.out_path("actors")).unwrap();
    fs::rename(site.out_path("note.txt"), elsewhere.join("note.txt")).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("note.txt"), site.out_path("note.txt")).unwrap();
    let outside = files(&elsewhere);
    site.build_ok(&[]);
    let after = files(&site.out);
    for rel in ["actors/joe-biden/index.html", "note.txt"] {
        assert!(
            fs::symlink_metadata(site.out_path(rel)).unwrap().is_file(),
            "{rel}"
        );
        let inside = &outside[rel];
        assert_ne!(
            after[rel].ino, inside.ino,
            "{rel} is not the file elsewhere"
        );
    }
    assert!(
        !fs::symlink_metadata(site.out_path("actors"))
            .unwrap()
            .is_symlink()
    );
    assert!(outside == files(&elsewhere));
    assert_same_as_cold_build(&site);
}

/// `--force` into a folder sitroom did not write: none of its files is taken over,
/// even one holding exactly the bytes of the new file.
#[test]
fn a_forced_build_takes_over_no_file_of_a_folder_sitroom_did_not_write() {
    let site = Site::fixture("incremental_output");
    let theirs = site.tmp().join("theirs");
    site.build_into(&theirs, &[]).assert_ok();
    fs::remove_file(theirs.join(".sitroom-output")).unwrap();
    let before = files(&theirs);
    site.build_into(&theirs, &["--force"]).assert_ok();
    let after = files(&theirs);
    assert!(before.iter().all(|(rel, was)| after[rel].ino != was.ino));
}

/// A static file that replaces a page the previous build wrote: the staged page is
/// a link to the previous output's file, and replacing it must not write through the
/// link into the previous output (kept here by an injected failure to delete it).
/// Without the build cache, the whole site is staged and swapped in: that is the
/// build this test is about.
#[test]
fn a_static_file_over_a_kept_page_leaves_the_previous_output_alone() {
    let site = Site::fixture("incremental_output");
    site.build_ok(&[]);
    let page = fs::read(site.out_path("tags/index.html")).unwrap();
    site.write("static/tags/index.html", "mine");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_sitroom"))
        .args(["build", "--no-cache", "--output"])
        .arg(&site.out)
        .current_dir(&site.root)
        .env("SITROOM_FAULT", "keep-old")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(site.read("tags/index.html"), "mine");
    let old: Vec<_> = fs::read_dir(site.tmp())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".public.sitroom-")
        })
        .collect();
    assert_eq!(old.len(), 1, "{old:?}");
    assert_eq!(fs::read(old[0].join("tags/index.html")).unwrap(), page);
}

/// A static file whose permissions changed is copied again, with the new ones.
#[test]
fn a_static_file_with_new_permissions_is_copied_again() {
    use std::os::unix::fs::PermissionsExt as _;
    let site = Site::fixture("incremental_output");
    site.build_ok(&[]);
    let note = site.root.join("static/note.txt");
    fs::set_permissions(&note, fs::Permissions::from_mode(0o600)).unwrap();
    site.build_ok(&[]);
    let meta = fs::metadata(site.out_path("note.txt")).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
}

/// With the build cache, a second build updates the output in place: only changed
/// files are written, beside the output, then renamed over their old versions. A
/// build killed half-way through those renames leaves part of the new site; the
/// next build completes it, and nothing of the half-updated output is trusted
/// beyond what its files' stamps vouch for.
#[test]
fn a_build_killed_while_updating_in_place_is_completed_by_the_next() {
    let site = Site::fixture("incremental_output");
    site.build_ok(&[]);
    let before = files(&site.out);
    site.write(SUMMIT, &summit("Summit talks", "Answered at length."));
    fs::remove_file(site.root.join("content/briefings/2020-12-05-letter.md")).unwrap();
    let killed = std::process::Command::new(env!("CARGO_BIN_EXE_sitroom"))
        .args(["build", "--output"])
        .arg(&site.out)
        .current_dir(&site.root)
        .env("SITROOM_FAULT", "kill-mid-update")
        .output()
        .unwrap();
    assert!(!killed.status.success(), "the hook did not fire");
    let half = files(&site.out);
    assert!(half != before, "nothing was updated before the kill");
    site.build_ok(&[]);
    assert_same_as_cold_build(&site);
    let after = files(&site.out);
    // What the killed build had already put in place, and what never changed, is kept.
    let all = rewritten(&before, &after);
    let rest = rewritten(&half, &after);
    assert!(
        !rest.is_empty() && rest.len() < all.len(),
        "{rest:?} of {all:?}"
    );
    assert!(
        rest.iter().all(|rel| all.contains(rel)),
        "{rest:?} of {all:?}"
    );
    assert!(!site.exists("briefings/letter"));
}

/// Whatever was added to the output by hand (files, folders, empty folders) is
/// gone after an update in place, as after a build into a fresh folder; the
/// site's own files are kept as they were.
#[test]
fn an_update_in_place_leaves_nothing_but_the_site() {
    let site = Site::fixture("incremental_output");
    site.build_ok(&[]);
    let before = files(&site.out);
    fs::write(site.out_path("extra.txt"), "mine").unwrap();
    fs::create_dir_all(site.out_path("briefings/calls/notes/deep")).unwrap();
    fs::write(site.out_path("briefings/calls/notes/deep/n.txt"), "x").unwrap();
    fs::create_dir_all(site.out_path("empty")).unwrap();
    site.build_ok(&[]);
    assert!(!site.exists("extra.txt"));
    assert!(!site.exists("briefings/calls/notes"));
    assert!(!site.exists("empty"));
    assert_eq!(rewritten(&before, &files(&site.out)), Vec::<String>::new());
    assert_same_as_cold_build(&site);
}

/// A static folder replaced by a static file of the same name, and back: the old
/// folder is in the way of the new file and goes first.
#[test]
fn an_update_in_place_replaces_a_folder_by_a_file_and_back() {
    let site = Site::fixture("incremental_output");
    site.write("static/docs/a.txt", "in a folder");
    site.build_ok(&[]);
    fs::remove_dir_all(site.root.join("static/docs")).unwrap();
    site.write("static/docs", "a file now");
    site.build_ok(&[]);
    assert_eq!(site.read("docs"), "a file now");
    assert_same_as_cold_build(&site);
    fs::remove_file(site.root.join("static/docs")).unwrap();
    site.write("static/docs/a.txt", "a folder again");
    site.build_ok(&[]);
    assert_eq!(site.read("docs/a.txt"), "a folder again");
    assert_same_as_cold_build(&site);
}
