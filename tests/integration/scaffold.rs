//! `sitroom init` and `sitroom new`: the files they write build and check cleanly,
//! and neither ever writes over an existing file. `init`'s GitHub Pages workflow
//! runs real sitroom commands, and its `.gitignore` covers what builds leave.

use std::collections::HashMap;
use std::fs;
use std::process::Command;

use clap::Parser as _;
use serde_yaml::Value;
use sitroom::cli::{Cli, Command as Sub};

use crate::harness::{Page, Site, tree};

#[test]
fn init_writes_a_site_that_builds_at_once() {
    let site = Site::fixture("scaffold-empty");
    site.run(&["init", "fresh"]).assert_ok();
    let fresh = site.root.join("fresh");
    for rel in [
        "site.yaml",
        "templates/base.html",
        "templates/partials/statement.html",
        "static/style.css",
    ] {
        assert!(fresh.join(rel).is_file(), "init did not write {rel}");
    }
    let check = site.run(&["check", "--root", "fresh"]);
    check.assert_ok();
    // The example briefing and the default title are on the pre-publication
    // checklist (placeholders.rs pins the wording).
    assert!(
        check.stderr.contains("0 errors, 2 warnings"),
        "{}",
        check.stderr
    );
    site.run(&["build", "--root", "fresh"]).assert_ok();
    let index = Page::parse(&fs::read_to_string(fresh.join("public/index.html")).unwrap());
    assert_eq!(
        index.texts(".card h2"),
        ["Putin and Pashinyan speak by phone"]
    );
    let actor = Page::parse(
        &fs::read_to_string(fresh.join("public/actors/nikol-pashinyan/index.html")).unwrap(),
    );
    assert_eq!(
        actor.texts("li.statement .speakers a"),
        ["Vladimir Putin", "Nikol Pashinyan"]
    );
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let site = Site::fixture("scaffold-empty");
    let run = site.run(&["init", "."]);
    run.assert_code(2);
    assert_eq!(
        run.stderr,
        "error: `.` is not empty\n  hint: choose a new folder name; init never writes over existing files\n"
    );
    assert_eq!(
        fs::read_to_string(site.root.join("site.yaml")).unwrap(),
        "title: Scaffold test\n"
    );
}

#[test]
fn new_briefing_gets_a_readable_ascii_slug_and_passes_check() {
    let site = Site::fixture("scaffold-empty");
    let run = site.run(&[
        "new",
        "briefing",
        "Ерлан: переговоры «возобновились»",
        "--date",
        "2020-10-05",
    ]);
    run.assert_ok();
    assert_eq!(
        run.stdout,
        "created content/briefings/2020-10-05-erlan-peregovory-vozobnovilis.md\n\
         It is a draft (`draft: true`): `sitroom serve` shows it with a draft banner, and \
         `build` leaves it out; to publish it, remove the line `draft: true`.\n"
    );
    let text = fs::read_to_string(
        site.root
            .join("content/briefings/2020-10-05-erlan-peregovory-vozobnovilis.md"),
    )
    .unwrap();
    assert!(
        text.starts_with("---\ntitle: \"Ерлан: переговоры «возобновились»\"\ndate: 2020-10-05"),
        "{text}"
    );
    let check = site.run(&["check"]);
    check.assert_ok();
    assert!(check.stderr.contains("0 errors"), "{}", check.stderr);
    // Drafts are built with --drafts, under the slug from the file name.
    site.build_ok(&["--drafts"]);
    assert!(site.exists("briefings/erlan-peregovory-vozobnovilis/index.html"));
}

#[test]
fn new_actor_passes_check_and_never_overwrites() {
    let site = Site::fixture("scaffold-empty");
    site.run(&["new", "actor", "Recep Tayyip Erdoğan", "--kind", "person"])
        .assert_ok();
    let path = site.root.join("content/actors/recep-tayyip-erdogan.md");
    fs::write(
        &path,
        fs::read_to_string(&path)
            .unwrap()
            .replace("A short", "Edited. A short"),
    )
    .unwrap();
    let again = site.run(&["new", "actor", "Recep Tayyip Erdoğan"]);
    again.assert_code(1);
    assert_eq!(
        again.stderr,
        "error: `content/actors/recep-tayyip-erdogan.md` already exists\n  hint: edit it, or choose another title or name\n"
    );
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("Edited. A short")
    );
    let check = site.run(&["check"]);
    check.assert_ok();
    assert!(
        check.stderr.contains("0 errors, 1 warning"),
        "{}",
        check.stderr
    );
}

#[test]
fn new_rejects_bad_kinds_and_dates_with_a_hint() {
    let site = Site::fixture("scaffold-empty");
    let kind = site.run(&["new", "actor", "X", "--kind", "persn"]);
    kind.assert_code(2);
    assert_eq!(
        kind.stderr,
        "error: unknown actor kind `persn`\n  hint: did you mean `person`? Kinds: person, state, organization, armed_group\n"
    );
    let date = site.run(&["new", "briefing", "X", "--date", "2020-13-01"]);
    date.assert_code(2);
    assert_eq!(
        date.stderr,
        "error: `2020-13-01` is not a date\n  hint: write --date YYYY-MM-DD\n"
    );
    assert!(!site.root.join("content").exists());
}

#[test]
fn init_lists_what_it_wrote() {
    let site = Site::fixture("scaffold-empty");
    let run = site.run(&["init", "fresh"]);
    run.assert_ok();
    let files = tree(&site.root.join("fresh"));
    assert_eq!(
        run.stdout,
        format!(
            "created a new site in fresh ({} files):
  site.yaml
  content/briefings/2020-10-03-example-call.md
  content/actors/vladimir-putin.md
  content/actors/nikol-pashinyan.md
  templates/ ({} files: the default theme, yours to edit)
  static/ ({} files)
  .github/workflows/pages.yml: publishes the site with GitHub Pages on every push to main
  .gitignore: keeps the output folder public/ and the link cache .sitroom/ out of git
next: sitroom serve --root fresh
",
            files.len(),
            files
                .iter()
                .filter(|(rel, _)| rel.starts_with("templates/"))
                .count(),
            files
                .iter()
                .filter(|(rel, _)| rel.starts_with("static/"))
                .count(),
        )
    );
    // Each file named is there, and nothing else is outside templates/ and static/.
    let others: Vec<&str> = files
        .iter()
        .map(|(rel, _)| rel.as_str())
        .filter(|rel| !rel.starts_with("templates/") && !rel.starts_with("static/"))
        .collect();
    assert_eq!(
        others,
        [
            ".github/workflows/pages.yml",
            ".gitignore",
            "content/actors/nikol-pashinyan.md",
            "content/actors/vladimir-putin.md",
            "content/briefings/2020-10-03-example-call.md",
            "site.yaml",
        ]
    );
    assert!(site.root.join("fresh/content/pages").is_dir());
}

/// The string at `key` of a YAML mapping, or a panic naming the key.
#[track_caller]
fn yaml_str<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is not a string in {v:?}"))
}

/// Splits a shell command line into words as sh would for the simple lines a
/// workflow runs: whitespace separates, "double" and 'single' quotes group, and
/// `$NAME` is replaced from `env` (a variable the test does not know is an error).
fn shell_words(line: &str, env: &HashMap<String, String>) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars().peekable();
    let mut quote = None;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, c) if c.is_whitespace() => words.extend(word.take()),
            (None, '\'' | '"') => {
                quote = Some(c);
                word.get_or_insert_with(String::new);
            }
            (Some(q), c) if c == q => quote = None,
            (None | Some('"'), '$') => {
                let mut name = String::new();
                while let Some(&n) = chars
                    .peek()
                    .filter(|n| n.is_ascii_alphanumeric() || **n == '_')
                {
                    name.push(n);
                    chars.next();
                }
                let value = env
                    .get(&name)
                    .unwrap_or_else(|| panic!("`${name}` in `{line}` is not set by the step"));
                word.get_or_insert_with(String::new).push_str(value);
            }
            (None, '\\' | ';' | '&' | '|' | '<' | '>' | '`' | '(' | ')') => {
                panic!("`{line}` needs a real shell: teach this test to split it")
            }
            (_, c) => word.get_or_insert_with(String::new).push(c),
        }
    }
    assert!(quote.is_none(), "unclosed quote in `{line}`");
    words.extend(word);
    words
}

/// Where GitHub Pages says the site lives, as `configure-pages` reports it.
const PAGES_URL: &str = "https://owner.github.io/repo";

#[test]
fn init_writes_a_github_pages_workflow_that_runs_real_sitroom_commands() {
    let site = Site::fixture("scaffold-empty");
    site.run(&["init", "fresh"]).assert_ok();
    let text = fs::read_to_string(site.root.join("fresh/.github/workflows/pages.yml")).unwrap();
    let workflow: Value = serde_yaml::from_str(&text).expect("the workflow is valid YAML");

    assert_eq!(
        workflow["on"]["push"]["branches"],
        serde_yaml::from_str::<Value>("[main]").unwrap()
    );
    assert!(workflow["on"]["workflow_dispatch"].is_null());
    let permissions = &workflow["permissions"];
    assert_eq!(yaml_str(permissions, "contents"), "read");
    assert_eq!(yaml_str(permissions, "pages"), "write");
    assert_eq!(yaml_str(permissions, "id-token"), "write");
    assert_eq!(yaml_str(&workflow["concurrency"], "group"), "pages");
    assert_eq!(
        workflow["concurrency"]["cancel-in-progress"],
        Value::Bool(false)
    );

    let jobs = workflow["jobs"].as_mapping().expect("jobs");
    let names: Vec<&str> = jobs.keys().filter_map(Value::as_str).collect();
    assert_eq!(names, ["build", "deploy"]);
    let (build, deploy) = (&workflow["jobs"]["build"], &workflow["jobs"]["deploy"]);
    assert_eq!(yaml_str(deploy, "needs"), "build");
    assert_eq!(yaml_str(&deploy["environment"], "name"), "github-pages");
    assert_eq!(
        yaml_str(&deploy["environment"], "url"),
        "${{ steps.deployment.outputs.page_url }}"
    );
    let steps = |job: &Value| -> Vec<Value> { job["steps"].as_sequence().expect("steps").clone() };
    let uses = |job: &Value| -> Vec<String> {
        steps(job)
            .iter()
            .filter_map(|s| s["uses"].as_str().map(str::to_string))
            .collect()
    };
    assert_eq!(
        uses(build),
        [
            "actions/checkout@v4",
            "actions/configure-pages@v5",
            "actions/upload-pages-artifact@v3"
        ]
    );
    assert_eq!(uses(deploy), ["actions/deploy-pages@v4"]);
    let configure = steps(build)
        .into_iter()
        .find(|s| s["uses"].as_str() == Some("actions/configure-pages@v5"))
        .unwrap();
    assert_eq!(yaml_str(&configure, "id"), "pages");
    let upload = steps(build)
        .into_iter()
        .find(|s| s["uses"].as_str() == Some("actions/upload-pages-artifact@v3"))
        .unwrap();
    let deploy_step = &steps(deploy)[0];
    assert_eq!(yaml_str(deploy_step, "id"), "deployment");

    // Every command the build job runs: cargo installs sitroom from the repository
    // in Cargo.toml, and each sitroom line parses with the real command line.
    let mut commands = Vec::new();
    for step in steps(build) {
        let Some(run) = step["run"].as_str() else {
            continue;
        };
        assert!(
            !run.contains("${{"),
            "expressions go through `env:`, never into the shell text: {run}"
        );
        let mut env = HashMap::new();
        if let Some(vars) = step["env"].as_mapping() {
            for (name, value) in vars {
                let (name, value) = (name.as_str().unwrap(), value.as_str().unwrap());
                assert_eq!(
                    value, "${{ steps.pages.outputs.base_url }}",
                    "the test knows only the Pages address"
                );
                env.insert(name.to_string(), PAGES_URL.to_string());
            }
        }
        for line in run.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let words = shell_words(line, &env);
            match words[0].as_str() {
                "cargo" => assert_eq!(
                    line,
                    format!(
                        "cargo install --locked --git {}",
                        env!("CARGO_PKG_REPOSITORY")
                    )
                ),
                "sitroom" => match Cli::try_parse_from(&words) {
                    Ok(cli) => commands.push(cli.command),
                    Err(e) => panic!("`{line}` is not a sitroom command:\n{e}"),
                },
                other => panic!("the workflow runs `{other}`, which this test does not know"),
            }
        }
    }
    assert_eq!(commands.len(), 2, "{commands:?}");
    assert!(
        matches!(&commands[0], Sub::Check { root, .. } if root.as_os_str() == "."),
        "{commands:?}"
    );
    match &commands[1] {
        Sub::Build {
            root,
            output: None,
            base_url: Some(base_url),
            drafts: false,
            force: false,
            no_cache: false,
            public_url: None,
        } => {
            assert_eq!(root.as_os_str(), ".");
            assert_eq!(base_url, PAGES_URL);
        }
        other => panic!("the second command is not a plain build: {other:?}"),
    }
    // The build writes to public/ under the root, which is what gets published.
    assert_eq!(yaml_str(&upload["with"], "path"), "public");
}

/// Whether `.gitignore` (anchored patterns, a trailing `*` at most) ignores the
/// entry `name` at the top of the site folder.
fn ignored(gitignore: &str, name: &str, is_dir: bool) -> bool {
    gitignore
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .any(|pattern| {
            let pattern = pattern.strip_prefix('/').expect("anchored pattern");
            let (pattern, dir_only) = match pattern.strip_suffix('/') {
                Some(p) => (p, true),
                None => (pattern, false),
            };
            assert!(!pattern[..pattern.len().saturating_sub(1)].contains(['*', '?', '[', '/']));
            let matches = match pattern.strip_suffix('*') {
                Some(prefix) => name.starts_with(prefix),
                None => name == pattern,
            };
            matches && (is_dir || !dir_only)
        })
}

/// The entries at the top of `dir`, with whether each is a folder.
fn entries(dir: &std::path::Path) -> Vec<(String, bool)> {
    let mut all: Vec<(String, bool)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                e.file_type().unwrap().is_dir(),
            )
        })
        .collect();
    all.sort();
    all
}

#[test]
fn init_gitignore_covers_the_output_and_what_builds_leave_beside_it() {
    let site = Site::fixture("scaffold-empty");
    site.run(&["init", "fresh"]).assert_ok();
    let fresh = site.root.join("fresh");
    let gitignore = fs::read_to_string(fresh.join(".gitignore")).unwrap();
    let own = entries(&fresh);
    for (name, is_dir) in &own {
        assert!(
            !ignored(&gitignore, name, *is_dir),
            "init's own `{name}` is ignored"
        );
    }
    site.run(&["build", "--root", "fresh"]).assert_ok();
    // A build killed between its two renames leaves everything there can be: the
    // lock, its staging folder and the previous output moved aside. (Only a build
    // without the cache swaps; with it, the second build would update in place.)
    let killed = Command::new(env!("CARGO_BIN_EXE_sitroom"))
        .args(["build", "--no-cache", "--root", "fresh"])
        .current_dir(&site.root)
        .env_remove("SITROOM_TIMINGS")
        .env("SITROOM_FAULT", "no-exchange,kill-between-renames")
        .output()
        .unwrap();
    assert!(!killed.status.success(), "the fault hook did not fire");
    let left: Vec<(String, bool)> = entries(&fresh)
        .into_iter()
        .filter(|e| !own.contains(e))
        .collect();
    let names: Vec<&str> = left.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&".public.sitroom-lock"), "{names:?}");
    assert!(
        names.iter().any(|n| n.starts_with("public.old-")),
        "{names:?}"
    );
    assert!(
        names
            .iter()
            .any(|n| n.starts_with(".public.sitroom-") && *n != ".public.sitroom-lock"),
        "{names:?}"
    );
    for (name, is_dir) in &left {
        assert!(
            ignored(&gitignore, name, *is_dir),
            "`{name}` is not ignored"
        );
    }
    // And after the next build, the output itself.
    site.run(&["build", "--root", "fresh"]).assert_ok();
    assert!(fresh.join("public/index.html").is_file());
    assert!(ignored(&gitignore, "public", true));
}
