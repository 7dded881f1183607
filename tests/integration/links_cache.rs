//! The link check's summaries in the build cache: a page kept from the previous
//! output is not read back, its links and ids come from the cache; the check must
//! still fail exactly as a cold build's does when what such a page links to has
//! changed, and a damaged or missing cache changes nothing.

use std::fs;
use std::process::Command;

use crate::harness::Site;

const X: &str = "content/briefings/2020-10-01-x.md";
const Y: &str = "content/briefings/2020-10-02-y.md";

/// What a build did: exit code, its messages without timing lines, and how many
/// pages it kept unread with the link summaries of the cache.
struct Built {
    code: i32,
    messages: String,
    kept_unread: usize,
}

/// `sitroom build` into the site's output with `SITROOM_TIMINGS` (to see how many
/// pages were kept unread) and `SITROOM_VERIFY_CACHE` set to `verify`.
fn build(site: &Site, verify: &str, extra: &[&str]) -> Built {
    let (root, out) = (
        site.root.display().to_string(),
        site.out.display().to_string(),
    );
    let output = Command::new(env!("CARGO_BIN_EXE_sitroom"))
        .args(["build", "--root", &root, "--output", &out])
        .args(extra)
        .current_dir(&site.root)
        .env("SITROOM_TIMINGS", "1")
        .env("SITROOM_VERIFY_CACHE", verify)
        .output()
        .expect("run sitroom");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let kept_unread = stderr
        .lines()
        .find_map(|l| {
            let n = l.strip_prefix("timing:   links: ")?;
            n.strip_suffix(" pages kept unread")?.parse().ok()
        })
        .unwrap_or(0);
    let messages = stderr
        .lines()
        .filter(|l| !l.starts_with("timing:"))
        .map(|l| format!("{l}\n"))
        .collect();
    Built {
        code: output.status.code().unwrap_or(-1),
        messages,
        kept_unread,
    }
}

/// Builds warm (with the verification of fast keeps and without), then cold, and
/// asserts all fail with the same messages, which name `expected`; returns how
/// many pages the warm builds kept unread.
#[track_caller]
fn assert_fails_as_cold(site: &Site, expected: &str) -> usize {
    let verified = build(site, "1", &[]);
    let warm = build(site, "0", &[]);
    let cold = build(site, "0", &["--no-cache"]);
    assert_eq!(cold.code, 1, "{}", cold.messages);
    assert!(cold.messages.contains(expected), "{}", cold.messages);
    for b in [&verified, &warm] {
        assert_eq!(b.code, cold.code, "{}", b.messages);
        assert_eq!(b.messages, cold.messages);
    }
    assert_eq!(cold.kept_unread, 0);
    verified.kept_unread.min(warm.kept_unread)
}

#[test]
fn a_kept_page_linking_to_a_lost_anchor_fails_as_in_a_cold_build() {
    let site = Site::fixture("links_cache");
    site.build_ok(&[]);
    // A first build records no page's key (there is none to match yet); an edit
    // off the fast path (a tag on x) makes them, so that the heading edit below
    // finds the page of a by its key.
    let text = fs::read_to_string(site.root.join(X)).unwrap();
    site.write(
        X,
        &text.replacen("date: 2020-10-01\n", "date: 2020-10-01\ntags: [keyed]\n", 1),
    );
    site.build_ok(&[]);
    let again = build(&site, "0", &[]);
    assert_eq!(again.code, 0, "{}", again.messages);
    assert!(
        again.kept_unread > 0,
        "an unchanged rebuild keeps pages unread"
    );
    // Only x's body changes: the page of a, which links to its heading, is kept
    // as it was, unread.
    let text = fs::read_to_string(site.root.join(X)).unwrap();
    site.write(X, &text.replace("## The heading", "## Another heading"));
    let kept = assert_fails_as_cold(
        &site,
        "content/briefings/2020-10-03-a.md:7:19: error: link to `/briefings/x/#the-heading`: \
         `/briefings/x/` has no element with id `the-heading`",
    );
    assert!(kept > 0, "the page of a was kept unread");
    // Fixed again: the warm build is the cold build.
    site.write(X, &text);
    let fixed = build(&site, "1", &[]);
    assert_eq!(fixed.code, 0, "{}", fixed.messages);
    let cold = site.tmp().join("cold");
    site.build_into(&cold, &["--no-cache"]).assert_ok();
    crate::harness::assert_same_files(&site.out, &cold);
}

#[test]
fn a_link_to_a_removed_page_fails_after_a_warm_build() {
    let site = Site::fixture("links_cache");
    site.build_ok(&[]);
    fs::remove_file(site.root.join(Y)).unwrap();
    assert_fails_as_cold(
        &site,
        "link to `/briefings/y/`: no page `/briefings/y/` in the site",
    );
}

#[test]
fn a_damaged_foreign_or_deleted_links_cache_gives_the_same_messages() {
    let site = Site::fixture("links_cache");
    site.build_ok(&[]);
    let cache = site.root.join(".sitroom/cache/links.bin");
    let good = fs::read(&cache).expect("the build saved its link summaries");
    let text = fs::read_to_string(site.root.join(X)).unwrap();
    site.write(X, &text.replace("## The heading", "## Another heading"));
    let expected = "has no element with id `the-heading`";
    let mut flipped = good.clone();
    *flipped.last_mut().unwrap() ^= 0x55;
    fs::write(&cache, flipped).unwrap();
    assert_eq!(
        assert_fails_as_cold(&site, expected),
        0,
        "nothing kept unread"
    );
    fs::write(&cache, &good[..good.len() / 2]).unwrap();
    assert_fails_as_cold(&site, expected);
    // Another site's summaries (same base URL): only pages with the same path and
    // bytes could use them.
    let other = Site::fixture("build_cache");
    other.build_ok(&[]);
    fs::copy(other.root.join(".sitroom/cache/links.bin"), &cache).unwrap();
    assert_fails_as_cold(&site, expected);
    fs::remove_dir_all(site.root.join(".sitroom")).unwrap();
    assert_fails_as_cold(&site, expected);
}
