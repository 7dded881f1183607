//! Installing like a Rust tool: `sitroom --version`, shell completions and man pages.
//! Completions and pages are generated from the clap definitions, so these tests walk
//! the same definitions and fail when a command or flag is missing from the output.

use std::fs;

use clap::CommandFactory as _;
use sitroom::cli::Cli;

use crate::harness::{Site, tree};

/// Every command as its path of names (`[]` is `sitroom` itself, `["new", "briefing"]`
/// is `sitroom new briefing`) with the long flags it accepts, its parents' global
/// flags included.
fn commands() -> Vec<(Vec<String>, Vec<String>)> {
    fn walk(
        cmd: &clap::Command,
        path: Vec<String>,
        inherited: Vec<String>,
        out: &mut Vec<(Vec<String>, Vec<String>)>,
    ) {
        let mut flags = inherited.clone();
        let mut globals = inherited;
        for arg in cmd.get_arguments() {
            if let Some(long) = arg.get_long() {
                flags.push(format!("--{long}"));
                if arg.is_global_set() {
                    globals.push(format!("--{long}"));
                }
            }
        }
        out.push((path.clone(), flags));
        for sub in cmd.get_subcommands() {
            let mut sub_path = path.clone();
            sub_path.push(sub.get_name().to_string());
            walk(sub, sub_path, globals.clone(), out);
        }
    }
    let mut out = Vec::new();
    walk(&Cli::command(), Vec::new(), Vec::new(), &mut out);
    out
}

/// The words of a script or page: runs of letters, digits, `_` and `-`.
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// roff writes `-` as `\-`; read it back as the user sees it.
fn unroff(roff: &str) -> String {
    roff.replace("\\-", "-")
}

#[test]
fn the_walk_sees_every_command() {
    // Guards the tests below against a walk that finds nothing to check.
    let all = commands();
    let names: Vec<String> = all.iter().map(|(path, _)| path.join(" ")).collect();
    assert_eq!(
        names,
        [
            "",
            "build",
            "check",
            "serve",
            "init",
            "new",
            "new briefing",
            "new actor",
            "completions",
            "man"
        ]
    );
    let flags = |name: &str| {
        all.iter()
            .find(|(path, _)| path.join(" ") == name)
            .map(|(_, flags)| flags.clone())
            .expect("the command exists")
    };
    assert!(flags("build").contains(&"--force".to_string()));
    assert!(flags("serve").contains(&"--allow-host".to_string()));
    assert!(flags("new briefing").contains(&"--root".to_string()));
}

#[test]
fn version_prints_the_cargo_package_version() {
    let site = Site::fixture("scaffold-empty");
    for flag in ["--version", "-V"] {
        let run = site.run(&[flag]);
        run.assert_ok();
        assert_eq!(
            run.stdout,
            format!("sitroom {}\n", env!("CARGO_PKG_VERSION"))
        );
    }
}

#[test]
fn bash_completion_offers_every_command_and_flag() {
    let site = Site::fixture("scaffold-empty");
    let run = site.run(&["completions", "bash"]);
    run.assert_ok();
    let script = &run.stdout;
    assert!(
        script.contains("-F _sitroom"),
        "the script registers no completion for `sitroom`:\n{script}"
    );
    let words = words(script);
    for (path, flags) in commands() {
        for word in path.iter().chain(&flags) {
            assert!(
                words.contains(&word.as_str()),
                "`{word}` (of `sitroom {}`) is missing from the bash completion",
                path.join(" ")
            );
        }
    }
    // Named outright, in case the walk above ever goes blind.
    for flag in ["--force", "--allow-host", "--base-url", "--drafts", "--dir"] {
        assert!(words.contains(&flag), "{flag} is missing");
    }
}

#[test]
fn every_shell_gets_a_script_naming_the_flags() {
    let site = Site::fixture("scaffold-empty");
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = site.run(&["completions", shell]);
        run.assert_ok();
        assert!(run.stderr.is_empty(), "{shell}: {}", run.stderr);
        // fish spells flags without their dashes (`-l force`).
        for word in ["sitroom", "build", "force", "allow-host"] {
            assert!(run.stdout.contains(word), "{shell}: `{word}` is missing");
        }
    }
    let bad = site.run(&["completions", "tcsh"]);
    bad.assert_code(2);
    assert!(
        bad.stderr
            .contains("[possible values: bash, elvish, fish, powershell, zsh]"),
        "{}",
        bad.stderr
    );
    assert!(bad.stdout.is_empty());
}

#[test]
fn man_pages_cover_every_command_and_flag() {
    let site = Site::fixture("scaffold-empty");
    let overview = site.run(&["man"]);
    overview.assert_ok();
    let roff = unroff(&overview.stdout);
    assert!(
        roff.contains(&format!(
            ".TH sitroom 1  \"sitroom {}\"",
            env!("CARGO_PKG_VERSION")
        )),
        "{roff}"
    );
    // The overview names the page of every command, as cargo's and git's do.
    for (path, _) in commands().iter().filter(|(path, _)| path.len() == 1) {
        let reference = format!("sitroom-{}(1)", path[0]);
        assert!(roff.contains(&reference), "the overview lacks {reference}");
    }
    for (path, flags) in commands().into_iter().filter(|(path, _)| !path.is_empty()) {
        let mut args = vec!["man"];
        args.extend(path.iter().map(String::as_str));
        let run = site.run(&args);
        run.assert_ok();
        let page = unroff(&run.stdout);
        let name = format!("sitroom-{}", path.join("-"));
        assert!(page.contains(&format!(".TH {name} 1")), "{page}");
        assert!(
            page.contains(&format!(".SH NAME\n{name} - ")),
            "{name}: no NAME section\n{page}"
        );
        assert!(
            page.contains(&format!("\\fBsitroom {}\\fR", path.join(" "))),
            "{name}: the synopsis does not spell the command\n{page}"
        );
        for flag in &flags {
            assert!(
                page.contains(&format!("\\fB{flag}\\fR")),
                "{name}: `{flag}` is not documented\n{page}"
            );
        }
    }
    let build = unroff(&site.run(&["man", "build"]).stdout);
    assert!(build.contains("\\fB--force\\fR"), "{build}");
    let serve = unroff(&site.run(&["man", "serve"]).stdout);
    assert!(serve.contains("\\fB--allow-host\\fR"), "{serve}");
    // The install examples of `--help` appear unfilled, with dashes that copy out
    // as typed (`\-`, not a hyphen).
    let man = site.run(&["man", "man"]).stdout;
    assert!(
        man.contains(".SH EXAMPLES\n.nf\n")
            && man.contains("\n  sitroom man \\-\\-dir ~/.local/share/man/man1\n"),
        "{man}"
    );
    assert!(!man.contains(".SH EXTRA"), "{man}");
}

#[test]
fn man_page_of_an_unknown_command_is_a_usage_error() {
    let site = Site::fixture("scaffold-empty");
    let run = site.run(&["man", "buidl"]);
    run.assert_code(2);
    assert!(run.stdout.is_empty());
    assert_eq!(
        run.stderr,
        "error: `sitroom` has no command `buidl`\n  hint: commands with a page: build, check, serve, init, new, completions, man\n"
    );
    let run = site.run(&["man", "new", "briefng"]);
    run.assert_code(2);
    assert_eq!(
        run.stderr,
        "error: `sitroom new` has no command `briefng`\n  hint: commands with a page: briefing, actor\n"
    );
    // Printing one page and writing all of them are two different requests.
    site.run(&["man", "build", "--dir", "man1"]).assert_code(2);
    assert!(!site.root.join("man1").exists());
}

#[test]
fn man_dir_writes_one_page_per_command_and_nothing_else() {
    let site = Site::fixture("scaffold-empty");
    let before = tree(site.tmp());
    // As a user installs them: a man1 folder that does not exist yet.
    let dir = site.tmp().join("home/.local/share/man/man1");
    let run = site.run(&["man", "--dir", dir.to_str().expect("UTF-8 temp path")]);
    run.assert_ok();
    assert!(run.stderr.is_empty(), "{}", run.stderr);

    let after = tree(site.tmp());
    let new: Vec<&str> = after
        .iter()
        .filter(|file| !before.contains(file))
        .map(|(rel, _)| rel.as_str())
        .collect();
    let mut expected: Vec<String> = commands()
        .iter()
        .map(|(path, _)| {
            let page = ["sitroom"]
                .into_iter()
                .chain(path.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join("-");
            format!("home/.local/share/man/man1/{page}.1")
        })
        .collect();
    expected.sort();
    assert_eq!(new, expected);
    assert_eq!(after.len(), before.len() + expected.len(), "a file changed");

    // Each file is the page `sitroom man <command>` prints.
    for (path, _) in commands() {
        let mut args = vec!["man"];
        args.extend(path.iter().map(String::as_str));
        let printed = site.run(&args).stdout;
        let file = ["sitroom"]
            .into_iter()
            .chain(path.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join("-");
        let written = fs::read_to_string(dir.join(format!("{file}.1"))).expect("page written");
        assert!(!written.is_empty());
        assert_eq!(written, printed, "{file}.1 differs from `sitroom man`");
    }
    assert_eq!(
        run.stdout.lines().next(),
        Some("wrote [TMP]/home/.local/share/man/man1/sitroom.1")
    );
    assert_eq!(
        run.stdout.lines().last(),
        Some(
            "read them with `man sitroom` once `[TMP]/home/.local/share/man` is in man's search path"
        )
    );
}
