//! Hostile sizes and shapes (issue 7): each case pins what `check` says, and that
//! `build` fails where `check` does. Symbolic links and odd folder shapes are made
//! at test time inside the test's own temp folder.

use std::os::unix::fs::symlink;

use crate::harness::Site;

/// `check` output, which must fail with exit 1; `build` must fail too.
#[track_caller]
fn check_fails(site: &Site) -> String {
    let run = site.run(&["check"]);
    run.assert_code(1);
    let build = site.build(&[]);
    build.assert_code(1);
    assert!(!site.out.exists(), "a failed build wrote the output");
    run.stderr
}

#[test]
fn empty_required_values_are_errors_at_their_line() {
    let site = Site::fixture("hostile_empty_values");
    insta::assert_snapshot!("hostile_empty_values", check_fails(&site));
}

#[test]
fn slugs_and_tags_over_100_bytes_are_errors_in_check_not_os_errors_in_build() {
    let site = Site::fixture("hostile_long_names");
    let stderr = check_fails(&site);
    assert!(!site.run(&["build"]).stderr.contains("os error"));
    insta::assert_snapshot!("hostile_long_names", stderr);
}

#[test]
fn yaml_alias_bombs_and_deep_nesting_are_refused_at_the_spot() {
    let site = Site::fixture("hostile_yaml");
    let started = std::time::Instant::now();
    let stderr = check_fails(&site);
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    insta::assert_snapshot!("hostile_yaml", stderr);
}

/// 100,000 nested `[` took the YAML parser 26 s before the depth check.
#[test]
fn a_hundred_thousand_nested_brackets_fail_fast() {
    let site = Site::fixture("hostile_yaml");
    let deep = format!(
        "---\ntitle: Deep\ndate: 2020-10-04\ntags: {}{}\n---\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    site.write("content/briefings/2020-10-04-deep.md", &deep);
    let started = std::time::Instant::now();
    let run = site.run(&["check", "--format", "json"]);
    run.assert_code(1);
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    assert!(
        run.stdout.contains("\"code\":\"yaml-too-deep\""),
        "{}",
        run.stdout
    );
}

#[test]
fn relative_dates_are_listed_twenty_per_file_then_counted() {
    let site = Site::fixture("hostile_relative");
    let run = site.run(&["check"]);
    run.assert_ok();
    assert_eq!(run.stderr.matches("warning[relative-date]").count(), 21);
    insta::assert_snapshot!("hostile_relative", run.stderr);
}

#[test]
fn a_briefing_that_fails_to_parse_causes_no_unused_actor_warnings() {
    let site = Site::fixture("hostile_failed_parse");
    let stderr = check_fails(&site);
    assert!(!stderr.contains("never referred to"), "{stderr}");
    insta::assert_snapshot!("hostile_failed_parse", stderr);
}

#[test]
fn a_file_that_is_not_utf8_gets_a_line_and_column() {
    let site = Site::fixture("hostile_non_utf8");
    insta::assert_snapshot!("hostile_non_utf8", check_fails(&site));
}

#[test]
fn site_folders_that_are_files_and_a_site_yaml_folder_are_errors() {
    let site = Site::fixture("hostile_base");
    std::fs::remove_file(site.root.join("site.yaml")).expect("rm");
    std::fs::create_dir_all(site.root.join("site.yaml/inner")).expect("mkdir");
    site.write("templates", "not a folder");
    site.write("static", "not a folder");
    site.write("content/actors", "not a folder");
    insta::assert_snapshot!("hostile_shapes", check_fails(&site));

    let site = Site::fixture("hostile_base");
    std::fs::remove_dir_all(site.root.join("content")).expect("rm");
    site.write("content", "not a folder");
    let stderr = check_fails(&site);
    assert!(
        stderr.contains("`content` is a file, but it must be a folder"),
        "{stderr}"
    );
}

#[test]
fn symlinks_inside_the_site_are_followed() {
    let site = Site::fixture("hostile_failed_parse");
    site.write(
        "content/briefings/2020-10-03-broken.md",
        "---\ntitle: Fixed\ndate: 2020-10-03\nactors: [vladimir-putin, nikol-pashinyan]\n---\nBody.\n",
    );
    // A briefing kept elsewhere in the site, linked in by file and by folder.
    site.write(
        "archive/2020-10-05-linked.md",
        "---\ntitle: Linked\ndate: 2020-10-05\n---\nBody.\n",
    );
    site.write(
        "archive/more/2020-10-06-deeper.md",
        "---\ntitle: Deeper\ndate: 2020-10-06\n---\nBody.\n",
    );
    site.write("assets/logo.txt", "logo");
    let briefings = site.root.join("content/briefings");
    symlink(
        "../../archive/2020-10-05-linked.md",
        briefings.join("linked.md"),
    )
    .expect("link");
    symlink("../../archive/more", briefings.join("more")).expect("link");
    std::fs::create_dir_all(site.root.join("static")).expect("mkdir");
    symlink("../assets/logo.txt", site.root.join("static/logo.txt")).expect("link");
    site.build_ok(&[]);
    assert!(site.exists("briefings/linked/index.html"));
    assert!(site.exists("briefings/deeper/index.html"));
    assert_eq!(site.read("logo.txt"), "logo");
}

#[test]
fn symlinks_out_of_the_site_broken_or_looping_are_refused_and_named() {
    let site = Site::fixture("hostile_base");
    // Another folder beside the site, standing in for /etc.
    let outside = site.tmp().join("outside");
    std::fs::create_dir_all(&outside).expect("mkdir");
    std::fs::write(outside.join("shadow"), "secret").expect("write");
    std::fs::write(
        outside.join("x.md"),
        "---\ntitle: X\ndate: 2020-10-05\n---\n",
    )
    .expect("write");
    symlink("../outside", site.root.join("static")).expect("link");
    let briefings = site.root.join("content/briefings");
    symlink("../../../outside/x.md", briefings.join("x.md")).expect("link");
    symlink(".", briefings.join("loop")).expect("link");
    symlink("missing.md", briefings.join("gone.md")).expect("link");
    let stderr = check_fails(&site);
    assert!(!site.tmp().join("public/shadow").exists());
    insta::assert_snapshot!("hostile_symlinks", stderr);
}

/// `check` fails where `build` would fail copying a static file.
#[test]
fn check_and_build_agree_on_an_unreadable_static_file() {
    use std::os::unix::fs::PermissionsExt as _;
    let site = Site::fixture("hostile_base");
    site.write("static/private.txt", "x");
    let file = site.root.join("static/private.txt");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&file).is_ok() {
        // Running as root: permissions do not stop reading, so nothing to compare.
        return;
    }
    let stderr = check_fails(&site);
    assert!(stderr.contains("static/private.txt"), "{stderr}");
}

/// A FIFO in content would block a reader forever.
#[test]
fn a_fifo_is_refused_not_read() {
    let site = Site::fixture("hostile_base");
    let fifo = site.root.join("content/briefings/pipe.md");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(status.success());
    let stderr = check_fails(&site);
    assert!(
        stderr.contains("`content/briefings/pipe.md` is neither a file nor a folder"),
        "{stderr}"
    );
}

/// A template that is not UTF-8 is one diagnostic, not `error: …: error: …`.
#[test]
fn no_doubled_error_prefix_for_a_bad_template() {
    let site = Site::fixture("hostile_base");
    std::fs::create_dir_all(site.root.join("templates")).expect("mkdir");
    std::fs::write(site.root.join("templates/base.html"), b"\xff\xfe").expect("write");
    let build = site.build(&[]);
    build.assert_code(1);
    assert!(
        !build.stderr.contains("error: templates"),
        "{}",
        build.stderr
    );
    assert_eq!(
        build.stderr.matches("not UTF-8").count(),
        1,
        "{}",
        build.stderr
    );
    insta::assert_snapshot!("hostile_bad_template_build", build.stderr);
}

/// Broken internal links fail `build` as they fail `check` (as in Zola), at the
/// same places, and the old output stays.
#[test]
fn check_and_build_agree_on_broken_internal_links() {
    let site = Site::fixture("check-links");
    let check = site.run(&["check", "--format", "json"]);
    check.assert_code(1);
    let build = site.build(&[]);
    build.assert_code(1);
    assert!(!site.out.exists());
    let places = |lines: Vec<String>| -> Vec<String> { lines };
    let from_check = places(
        check
            .stdout
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json"))
            .map(|v| {
                format!(
                    "{}:{}:{}",
                    v["path"].as_str().unwrap_or(""),
                    v["line"],
                    v["column"]
                )
            })
            .collect(),
    );
    let from_build: Vec<String> = build
        .stderr
        .lines()
        .filter(|l| l.contains(": error: link to"))
        .map(|l| l.split(": error:").next().unwrap_or("").to_string())
        .collect();
    assert_eq!(from_check, from_build);
    assert_eq!(from_build.len(), 4);
}

/// A file full of broken links lists the first 20 and counts the rest (locating
/// each one in a big file was quadratic: 50,000 links in 2 MB took minutes).
#[test]
fn broken_links_are_listed_twenty_per_file_then_counted() {
    let site = Site::fixture("hostile_base");
    let body: String = (0..30).map(|i| format!("See [x](/nope{i}/).\n")).collect();
    site.write(
        "content/briefings/2020-10-03-talks.md",
        &format!("---\ntitle: Talks\ndate: 2020-10-03\n---\n{body}"),
    );
    let run = site.run(&["check", "--format", "json"]);
    run.assert_code(1);
    let messages: Vec<String> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json"))
        .map(|v| v["message"].as_str().unwrap_or_default().to_string())
        .filter(|m| !m.starts_with("before publishing"))
        .collect();
    assert_eq!(messages.len(), 21, "{messages:?}");
    assert!(
        messages.contains(&"… and 10 more broken links from this file".to_string()),
        "{messages:?}"
    );
    site.build(&[]).assert_code(1);
}
