//! `build` never loses a user's files: it replaces only an output it wrote (or an
//! empty folder) unless `--force`, never the site, the home folder or `/`; builds into
//! one output take turns; a build killed at any instant leaves a whole site, and the
//! next build cleans up after it.

use std::fs::{self, File};
use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{Run, Site, tree};

const MARKER: &str = ".sitroom-output";

/// `sitroom <args>` in the site folder with extra environment variables; stderr is
/// cleaned like the harness does ([TMP]) and, further, pids and random temp names
/// are replaced by `[PID]` and `[RND]`.
fn run_env(site: &Site, args: &[&str], env: &[(&str, &str)]) -> Run {
    let output = command(site, args, env).output().expect("run sitroom");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: clean(site, &output.stdout),
        stderr: clean(site, &output.stderr),
    }
}

fn command(site: &Site, args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sitroom"));
    cmd.args(args)
        .current_dir(&site.root)
        .env_remove("SITROOM_TIMINGS")
        .env_remove("SITROOM_FAULT")
        .envs(env.iter().copied());
    cmd
}

fn clean(site: &Site, bytes: &[u8]) -> String {
    let tmp = site.tmp().display().to_string();
    let text = String::from_utf8_lossy(bytes)
        .replace(&format!("/private{tmp}"), "[TMP]")
        .replace(&tmp, "[TMP]");
    redact(&text)
}

/// Replaces the digits after `.old-` with `[PID]`, and the six random characters
/// after `.sitroom-` with `[RND]`.
fn redact(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    loop {
        let next = [".old-", ".sitroom-"]
            .iter()
            .filter_map(|m| rest.find(m).map(|i| (i, *m)))
            .min();
        let Some((i, m)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..i + m.len()]);
        rest = &rest[i + m.len()..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if m != ".sitroom-" && digits > 0 {
            out.push_str("[PID]");
            rest = &rest[digits..];
        } else if m == ".sitroom-" && !rest.starts_with("lock") {
            let word = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
            if word == 6 {
                out.push_str("[RND]");
                rest = &rest[6..];
            }
        }
    }
}

fn build_env(site: &Site, out: &Path, extra: &[&str], env: &[(&str, &str)]) -> Run {
    let (root, out) = (site.root.display().to_string(), out.display().to_string());
    let mut args = vec!["build", "--root", &root, "--output", &out];
    args.extend_from_slice(extra);
    run_env(site, &args, env)
}

/// The names in the temp folder beside the site and output, sorted.
fn beside(site: &Site) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(site.tmp())
        .expect("tmp")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The title on the output's only briefing page: which build's site is in place.
fn title(site: &Site) -> String {
    site.page("/briefings/calls/").text("h1")
}

fn retitle(site: &Site, title: &str) {
    site.write(
        "content/briefings/2020-10-03-calls.md",
        &format!(
            "---\ntitle: {title}\ndate: 2020-10-03\nstatements:\n  - speaker: vladimir-putin\n    date: 2020-10-02\n    summary: Spoke.\n    source: {{outlet: TASS}}\n---\nBody.\n"
        ),
    );
}

#[test]
fn a_folder_sitroom_did_not_write_is_refused_and_kept() {
    let site = Site::fixture("output_safety");
    let docs = site.tmp().join("docs");
    fs::create_dir(&docs).unwrap();
    fs::write(docs.join("report.docx"), "the only copy").unwrap();
    let run = site.build_into(&docs, &[]);
    run.assert_code(2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    insta::assert_snapshot!(run.stderr, @r"
    error: refusing to replace `[TMP]/docs`: sitroom did not write it, and building there would delete what it holds (`report.docx`)
      hint: choose a new or empty folder for --output, or pass --force to delete everything in `[TMP]/docs` and build there
      hint: sitroom marks the folders it writes with a `.sitroom-output` file; an output of an older sitroom has none: delete it once yourself
    ");
    assert_eq!(
        fs::read_to_string(docs.join("report.docx")).unwrap(),
        "the only copy"
    );
    assert_eq!(tree(&docs).len(), 1, "something was written into it");
    assert_eq!(beside(&site), ["docs", "site"], "no lock or staging left");
}

#[test]
fn force_replaces_a_folder_sitroom_did_not_write() {
    let site = Site::fixture("output_safety");
    let docs = site.tmp().join("docs");
    fs::create_dir(&docs).unwrap();
    for i in 0..5 {
        fs::write(docs.join(format!("{i}.docx")), "x").unwrap();
    }
    let refused = site.build_into(&docs, &[]);
    refused.assert_code(2);
    assert!(
        refused
            .stderr
            .contains("(`0.docx`, `1.docx`, `2.docx` and 2 more)"),
        "{}",
        refused.stderr
    );
    site.build_into(&docs, &["--force"]).assert_ok();
    assert!(!docs.join("0.docx").exists());
    assert!(docs.join(MARKER).is_file());
    assert!(docs.join("briefings/calls/index.html").is_file());
    assert_eq!(beside(&site), ["docs", "site"]);
}

#[test]
fn the_home_folder_is_refused_even_with_force() {
    let site = Site::fixture("output_safety");
    // A home folder of its own, holding nothing of the site.
    let home = site.tmp().join("home");
    fs::create_dir(&home).unwrap();
    fs::write(home.join("thesis.docx"), "years of work").unwrap();
    let home_s = home.display().to_string();
    let env = [("HOME", home_s.as_str())];
    let run = build_env(&site, &home, &[], &env);
    run.assert_code(2);
    insta::assert_snapshot!(run.stderr, @r"
    error: refusing to write the site into `[TMP]/home`: that is your home folder
      hint: choose an output folder of its own, e.g. --output [TMP]/site/public; --force does not change this
    ");
    let forced = build_env(&site, &home, &["--force"], &env);
    forced.assert_code(2);
    assert_eq!(forced.stderr, run.stderr);
    // A folder holding the home folder is refused just the same.
    let above = home.join("..");
    for extra in [&[][..], &["--force"]] {
        let run = build_env(&site, &above, extra, &env);
        run.assert_code(2);
        assert!(
            run.stderr
                .starts_with("error: refusing to write the site into `[TMP]/home/..`: it holds your home folder\n"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(
        fs::read_to_string(home.join("thesis.docx")).unwrap(),
        "years of work"
    );
    assert_eq!(tree(&home).len(), 1);
    assert_eq!(beside(&site), ["home", "site"]);
}

#[test]
fn the_root_of_the_file_system_is_refused_even_with_force() {
    let site = Site::fixture("output_safety");
    let run = site.build_into(Path::new("/"), &["--force"]);
    run.assert_code(2);
    insta::assert_snapshot!(run.stderr, @r"
    error: refusing to write the site into `/`: that is the root of the file system
      hint: choose an output folder of its own, e.g. --output [TMP]/site/public; --force does not change this
    ");
}

#[test]
fn the_site_is_refused_even_with_force() {
    let site = Site::fixture("output_safety");
    for rel in ["", "/static", "/site.yaml", "/content/briefings"] {
        let out = format!("{}{rel}", site.root.display());
        let out = Path::new(&out);
        let run = site.build_into(out, &["--force"]);
        run.assert_code(2);
        let expected = format!(
            "error: refusing to write the site into `[TMP]/site{rel}`: that would replace the site's own files\n"
        );
        assert!(run.stderr.starts_with(&expected), "{}", run.stderr);
    }
    assert!(site.root.join("static/note.txt").is_file());
    assert!(site.root.join("site.yaml").is_file());
}

/// `--output .` run from an empty folder (so the folder-content rule would let it
/// through): replacing the folder a shell stands in is refused, even with --force.
#[test]
fn the_current_folder_is_refused_even_with_force() {
    let site = Site::fixture("output_safety");
    let here = site.tmp().join("here");
    fs::create_dir(&here).unwrap();
    let root = site.root.display().to_string();
    let output = Command::new(env!("CARGO_BIN_EXE_sitroom"))
        .args(["build", "--root", &root, "--output", ".", "--force"])
        .current_dir(&here)
        .env_remove("SITROOM_FAULT")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    insta::assert_snapshot!(clean(&site, &output.stderr), @r"
    error: refusing to write the site into `.`: that is the current folder
      hint: choose an output folder of its own, e.g. --output [TMP]/site/public; --force does not change this
    ");
    assert!(here.is_dir());
    assert_eq!(beside(&site), ["here", "site"]);
}

#[test]
fn an_empty_folder_is_accepted() {
    let site = Site::fixture("output_safety");
    fs::create_dir(&site.out).unwrap();
    site.build_ok(&[]);
    assert_eq!(title(&site), "Calls");
    assert_eq!(
        fs::read_to_string(site.out_path(MARKER)).unwrap(),
        "This folder was written by sitroom (`sitroom build`).\nEvery build replaces the whole folder: do not keep your own files here.\nsitroom replaces a folder only if it holds this file or is empty.\n"
    );
}

#[test]
fn an_output_sitroom_wrote_is_replaced_whole() {
    let site = Site::fixture("output_safety");
    site.build_ok(&[]);
    fs::write(site.out_path("stray.html"), "old").unwrap();
    retitle(&site, "Calls again");
    let run = site.build_ok(&[]);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert_eq!(title(&site), "Calls again");
    assert!(!site.exists("stray.html"));
    assert!(site.exists(MARKER));
    assert_eq!(
        beside(&site),
        ["public", "site"],
        "no lock, staging or old copy left"
    );
}

#[test]
fn leftovers_of_killed_builds_of_this_output_are_cleaned() {
    let site = Site::fixture("output_safety");
    site.build_ok(&[]);
    let tmp = site.tmp();
    // What killed builds leave carries the marker (staging folders from the start,
    // old outputs from their own build).
    for dir in [
        ".public.sitroom-Ab12Cd",
        ".public.sitroom-old-777",
        "public.old-4242",
    ] {
        fs::create_dir_all(tmp.join(dir).join("briefings")).unwrap();
        fs::write(tmp.join(dir).join(MARKER), "sitroom").unwrap();
    }
    for dir in [
        // Not this output's: another output's, or not a pid.
        ".docs.sitroom-Zz99Yy",
        "public.old-mine",
        // The user's own folders that look like leftovers but carry no marker.
        "public.old-2024",
        ".public.sitroom-notes",
    ] {
        fs::create_dir_all(tmp.join(dir)).unwrap();
    }
    fs::write(tmp.join("public.old-4242/briefings/x.html"), "x").unwrap();
    fs::write(tmp.join("public.old-2024/keep.txt"), "archive").unwrap();
    // A lock file left by a killed build does not block.
    fs::write(tmp.join(".public.sitroom-lock"), "999999\n").unwrap();
    let run = site.build_ok(&[]);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert_eq!(
        beside(&site),
        [
            ".docs.sitroom-Zz99Yy",
            ".public.sitroom-notes",
            "public",
            "public.old-2024",
            "public.old-mine",
            "site"
        ]
    );
    assert_eq!(
        fs::read_to_string(tmp.join("public.old-2024/keep.txt")).unwrap(),
        "archive"
    );
}

/// Regression: an output written with `..` whose first part did not exist yet
/// (`x/../..`) escaped every check, even those `--force` cannot override, and
/// replaced the folder holding the current one.
#[test]
fn dot_dot_outputs_are_resolved_before_they_are_checked() {
    let site = Site::fixture("output_safety");
    let tmp = site.tmp();
    fs::create_dir_all(tmp.join("victim/cwd")).unwrap();
    fs::write(tmp.join("victim/precious.txt"), "precious").unwrap();
    let run = run_in(
        &site,
        &tmp.join("victim/cwd"),
        &["--output", "x/../..", "--force"],
    );
    assert_eq!(run.0, 2, "{}", run.1);
    assert!(run.1.contains("it holds the current folder"), "{}", run.1);
    assert_eq!(
        fs::read_to_string(tmp.join("victim/precious.txt")).unwrap(),
        "precious"
    );
    let site_out = format!("{}/nothing/..", site.root.display());
    let run = run_in(&site, tmp, &["--output", &site_out, "--force"]);
    assert_eq!(run.0, 2, "{}", run.1);
    assert!(site.root.join("content").is_dir());
}

/// A lock file that is a symlink is refused: writing the pid through it would
/// overwrite the file it points at.
#[test]
fn a_symlink_at_the_lock_file_is_refused_not_followed() {
    let site = Site::fixture("output_safety");
    let tmp = site.tmp();
    fs::write(tmp.join("victim.txt"), "important").unwrap();
    std::os::unix::fs::symlink(tmp.join("victim.txt"), tmp.join(".public.sitroom-lock")).unwrap();
    let run = run_in(
        &site,
        &site.root,
        &["--output", &site.out.display().to_string()],
    );
    assert_ne!(run.0, 0, "{}", run.1);
    assert!(run.1.contains("is not a plain file"), "{}", run.1);
    assert_eq!(
        fs::read_to_string(tmp.join("victim.txt")).unwrap(),
        "important"
    );
}

/// Runs `sitroom build --root <site>` from `cwd` with `args`: (exit code, stderr).
fn run_in(site: &Site, cwd: &std::path::Path, args: &[&str]) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sitroom"))
        .current_dir(cwd)
        .arg("build")
        .arg("--root")
        .arg(&site.root)
        .args(args)
        .env_remove("SITROOM_FAULT")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A build killed between its two renames (the fallback where the folders cannot
/// be exchanged in one step) leaves no output, and the old site as `public.old-<pid>`.
/// (Builds without the cache stage the whole site and swap it in; with the cache,
/// `incremental_output.rs` shows the update in place.)
/// The next build puts it back, whether that build then fails or succeeds.
#[test]
fn a_build_killed_between_the_two_renames_loses_nothing() {
    let site = Site::fixture("output_safety");
    site.build_ok(&[]);
    let old = tree(&site.out);
    retitle(&site, "Newer");
    let fault = [("SITROOM_FAULT", "no-exchange,kill-between-renames")];
    let killed = build_env(&site, &site.out, &["--no-cache"], &fault);
    assert_ne!(killed.code, 0, "the hook did not fire: {killed:?}");
    // The state of the window: no output; the old site whole beside it.
    let names = beside(&site);
    assert_eq!(names.len(), 4, "{names:?}");
    assert!(!site.out.exists());
    let aside = names.iter().find(|n| n.starts_with("public.old-")).unwrap();
    assert!(
        tree(&site.tmp().join(aside)) == old,
        "the old site is not whole"
    );

    // A build that stops on a content error still puts the old site back.
    site.write(
        "content/briefings/2020-10-04-bad.md",
        "---\ntitle: Bad\n---\n",
    );
    let failed = build_env(&site, &site.out, &[], &[]);
    failed.assert_code(1);
    assert!(
        failed.stderr.contains(
            "note: put back `[TMP]/public` from `[TMP]/public.old-[PID]`, where a build that was stopped had moved it\n"
        ),
        "{}",
        failed.stderr
    );
    assert!(
        tree(&site.out) == old,
        "the old site was not put back whole"
    );
    assert_eq!(beside(&site), ["public", "site"]);

    // And a good build then puts the new site in place.
    fs::remove_file(site.root.join("content/briefings/2020-10-04-bad.md")).unwrap();
    site.build_ok(&[]);
    assert_eq!(title(&site), "Newer");
    assert_eq!(beside(&site), ["public", "site"]);
}

#[test]
fn a_build_killed_between_the_two_renames_is_repaired_by_a_successful_build() {
    let site = Site::fixture("output_safety");
    site.build_ok(&[]);
    retitle(&site, "Newer");
    let fault = [("SITROOM_FAULT", "no-exchange,kill-between-renames")];
    assert_ne!(build_env(&site, &site.out, &["--no-cache"], &fault).code, 0);
    assert!(!site.out.exists());
    let run = build_env(&site, &site.out, &[], &[]);
    run.assert_ok();
    insta::assert_snapshot!(run.stderr, @"note: put back `[TMP]/public` from `[TMP]/public.old-[PID]`, where a build that was stopped had moved it");
    assert_eq!(title(&site), "Newer");
    assert_eq!(beside(&site), ["public", "site"]);
}

/// The fallback's two renames, run to the end, also leave nothing behind.
#[test]
fn the_two_rename_fallback_replaces_the_output() {
    let site = Site::fixture("output_safety");
    site.build_ok(&[]);
    retitle(&site, "Newer");
    build_env(&site, &site.out, &[], &[("SITROOM_FAULT", "no-exchange")]).assert_ok();
    assert_eq!(title(&site), "Newer");
    assert_eq!(beside(&site), ["public", "site"]);
}

/// On Linux the new site is exchanged with the old in one step: a reader polling
/// the output during rebuilds never finds it missing.
#[cfg(target_os = "linux")]
#[test]
fn the_output_never_goes_missing_during_a_rebuild() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    let site = Site::fixture("output_safety");
    site.build_ok(&[]);
    let done = Arc::new(AtomicBool::new(false));
    let marker = site.out_path(MARKER);
    let watcher = {
        let done = Arc::clone(&done);
        std::thread::spawn(move || {
            let (mut misses, mut looks) = (0, 0u64);
            while !done.load(Ordering::Relaxed) {
                looks += 1;
                if fs::metadata(&marker).is_err() {
                    misses += 1;
                }
            }
            (misses, looks)
        })
    };
    for i in 0..3 {
        retitle(&site, &format!("Round {i}"));
        site.build_ok(&[]);
    }
    done.store(true, Ordering::Relaxed);
    let (misses, looks) = watcher.join().unwrap();
    assert!(looks > 100, "the watcher hardly ran: {looks}");
    assert_eq!(
        misses, 0,
        "the output was missing {misses} times out of {looks}"
    );
    assert_eq!(title(&site), "Round 2");
}

fn spawn_build(site: &Site) -> Child {
    let (root, out) = (
        site.root.display().to_string(),
        site.out.display().to_string(),
    );
    command(site, &["build", "--root", &root, "--output", &out], &[])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn sitroom")
}

#[test]
fn two_builds_into_one_output_at_once_both_succeed() {
    let site = Site::fixture("output_safety");
    let single = site.tmp().join("single");
    site.build_into(&single, &[]).assert_ok();
    let expected = tree(&single);
    for round in 0..3 {
        let (a, b) = (spawn_build(&site), spawn_build(&site));
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert!(
            tree(&site.out) == expected,
            "round {round}: the output differs from a single build"
        );
        assert_eq!(beside(&site), ["public", "single", "site"]);
    }
}

#[test]
fn a_build_waits_for_the_build_holding_the_output_and_names_it() {
    let site = Site::fixture("output_safety");
    let lock_path = site.tmp().join(".public.sitroom-lock");
    let lock = File::create(&lock_path).unwrap();
    lock.lock().unwrap();
    fs::write(&lock_path, "4321\n").unwrap();

    let mut child = spawn_build(&site);
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let _ = tx.send(line.unwrap());
        }
    });
    let line = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the build said nothing while waiting");
    let line = clean(&site, line.as_bytes());
    insta::assert_snapshot!(line, @"waiting for build 4321 to finish writing [TMP]/public…");
    // It really waits: nothing is written while the lock is held.
    let until = Instant::now() + Duration::from_millis(300);
    while Instant::now() < until {
        assert!(!site.out.exists(), "the build wrote without the lock");
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(lock);
    let status = child.wait().unwrap();
    assert!(status.success());
    assert_eq!(title(&site), "Calls");
    assert!(rx.try_recv().is_err(), "more on stderr");
}

/// The old copy cannot be deleted after the swap (injected failure: tests may run as
/// root, whom permissions do not stop): a warning, exit 0, the new site live, and the
/// next build deletes the leftover.
#[test]
fn an_old_copy_that_cannot_be_deleted_is_a_warning() {
    let site = Site::fixture("output_safety");
    site.build_ok(&[]);
    retitle(&site, "Newer");
    let run = build_env(
        &site,
        &site.out,
        &["--no-cache"],
        &[("SITROOM_FAULT", "keep-old")],
    );
    run.assert_ok();
    assert!(run.stdout.ends_with(", 1 warning\n"), "{}", run.stdout);
    insta::assert_snapshot!(run.stderr, @r"
    warning: the new site is in `[TMP]/public`, but the previous one could not be deleted from `[TMP]/.public.sitroom-[RND]`: injected failure (SITROOM_FAULT=keep-old)
      hint: delete `[TMP]/.public.sitroom-[RND]` yourself; the next build into `[TMP]/public` also tries to
    ");
    assert_eq!(title(&site), "Newer");
    assert_eq!(beside(&site).len(), 3, "{:?}", beside(&site));
    site.build_ok(&[]);
    assert_eq!(beside(&site), ["public", "site"]);
}

/// The same with a real failure, where the tests are not run as a user whom
/// permissions do not stop (then the test has nothing to show and returns).
#[cfg(unix)]
#[test]
fn an_old_copy_that_cannot_be_deleted_for_want_of_permission_is_a_warning() {
    use std::os::unix::fs::PermissionsExt as _;

    let site = Site::fixture("output_safety");
    site.build_ok(&[]);
    let locked = site.out_path("locked");
    fs::create_dir(&locked).unwrap();
    fs::write(locked.join("f"), "x").unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
    let privileged = fs::write(locked.join("probe"), "x").is_ok();
    if privileged {
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipped: permissions do not stop this user from deleting");
        return;
    }
    let run = site.build_ok(&[]);
    assert!(
        run.stderr.starts_with(
            "warning: the new site is in `[TMP]/public`, but the previous one could not be deleted from `[TMP]/.public.sitroom-[RND]`: "
        ),
        "{}",
        run.stderr
    );
    assert!(site.exists(MARKER) && !site.out_path("locked").exists());
    for name in beside(&site) {
        let p = site.tmp().join(name).join("locked");
        if p.exists() {
            fs::set_permissions(&p, fs::Permissions::from_mode(0o755)).unwrap();
        }
    }
}

/// A briefing's body that cannot be read back from the temporary file holding it
/// stops `build` before anything is written, and `check` too.
#[test]
fn a_body_that_cannot_be_read_back_stops_the_build() {
    let site = Site::fixture("output_safety");
    site.build_ok(&[]);
    let before = tree(&site.out);
    retitle(&site, "Calls renewed");
    let fault = [("SITROOM_FAULT", "spill-read")];
    let root = site.root.display().to_string();
    let runs = [
        build_env(&site, &site.out, &[], &fault),
        run_env(&site, &["check", "--root", &root], &fault),
    ];
    for failed in runs {
        failed.assert_code(1);
        assert!(
            failed.stderr.contains(
                "cannot read back a briefing's body from the temporary file that held it: a test made this read fail"
            ),
            "{}",
            failed.stderr
        );
    }
    assert!(tree(&site.out) == before, "the output changed");
}
