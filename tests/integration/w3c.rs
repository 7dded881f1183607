//! Every HTML page of the sample site (the repository root is itself a site), its
//! Armenian and Russian pages included, and the right-to-left (Arabic) pages of the
//! multilingual fixture pass the W3C Nu HTML checker (`vnu.jar`, from the `vnu-jar`
//! npm package, run by Java).
//!
//! The jar is found through `SITROOM_VNU_JAR`, else where `.ci/run` installs it
//! (under `target/ci-tools/`). Without Java or the jar the test prints a note and
//! passes, unless `SITROOM_REQUIRE_TOOLS=1`.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::harness::{check_machine_readable, skip_without_tool};

/// The Nu checker's jar, if installed: `SITROOM_VNU_JAR`, else where `.ci/run`
/// puts it (`target/ci-tools/vnu-<version>/node_modules/vnu-jar/build/dist/vnu.jar`).
fn vnu_jar() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("SITROOM_VNU_JAR") {
        let jar = PathBuf::from(path);
        return jar.is_file().then_some(jar);
    }
    let tools = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ci-tools");
    let mut found: Vec<PathBuf> = std::fs::read_dir(tools)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("node_modules/vnu-jar/build/dist/vnu.jar"))
        .filter(|jar| jar.is_file())
        .collect();
    found.sort();
    found.pop()
}

fn java_runs() -> bool {
    Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// One problem the checker reports, as `file:line:col: message`.
fn describe(m: &Value, out: &Path) -> String {
    let url = m["url"].as_str().unwrap_or("?");
    let file = url
        .strip_prefix("file:")
        .map(|p| {
            Path::new(p)
                .strip_prefix(out)
                .map_or_else(|_| p.to_string(), |r| r.display().to_string())
        })
        .unwrap_or_else(|| url.to_string());
    let line = m["lastLine"]
        .as_u64()
        .or(m["firstLine"].as_u64())
        .unwrap_or(0);
    let col = m["firstColumn"].as_u64().unwrap_or(0);
    let message = m["message"].as_str().unwrap_or("");
    let extract = m["extract"].as_str().unwrap_or("").replace('\n', "⏎");
    format!("{file}:{line}:{col}: {message}\n    {extract}")
}

/// The Nu checker's jar and a working `java`, or `None` after a skip note.
fn checker() -> Option<PathBuf> {
    let Some(jar) = vnu_jar() else {
        skip_without_tool(
            "W3C check: no vnu.jar (set SITROOM_VNU_JAR, or run .ci/run once to install it under target/ci-tools/)",
        );
        return None;
    };
    if !java_runs() {
        skip_without_tool("W3C check: `java` not found (apt-get install default-jre-headless)");
        return None;
    }
    Some(jar)
}

/// Runs the checker over every HTML file under `dir`; returns its errors and
/// warnings, one `file:line:col: message` each.
fn check_html(jar: &Path, dir: &Path) -> Vec<String> {
    let run = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args([
            "--errors-only",
            "--skip-non-html",
            "--format",
            "json",
            "--stdout",
        ])
        .arg(dir)
        .output()
        .expect("run java");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "the Nu checker's report is not JSON ({e}); exit {:?}\nstdout:\n{stdout}\nstderr:\n{}",
            run.status.code(),
            String::from_utf8_lossy(&run.stderr)
        )
    });
    let problems: Vec<String> = report["messages"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter(|m| m["type"].as_str() != Some("info"))
        .map(|m| describe(m, dir))
        .collect();
    assert_eq!(
        run.status.success(),
        problems.is_empty(),
        "the checker's exit code ({:?}) disagrees with its report:\n{}",
        run.status.code(),
        problems.join("\n")
    );
    problems
}

#[test]
fn every_page_of_the_sample_site_passes_the_nu_html_checker() {
    let Some(jar) = checker() else { return };
    let (_tmp, out) = crate::harness::built_sample("sitroom-w3c-");
    check_machine_readable(&out);
    let pages: Vec<String> = crate::harness::tree(&out)
        .into_iter()
        .map(|(rel, _)| rel)
        .filter(|rel| rel.ends_with(".html"))
        .collect();
    assert!(
        pages.len() > 10,
        "the sample site has only {} HTML pages",
        pages.len()
    );
    // The checker walks the whole folder: the translations are checked too.
    for lang in ["hy/", "ru/"] {
        let translated = pages.iter().filter(|p| p.starts_with(lang)).count();
        assert!(translated > 10, "only {translated} pages under {lang}");
    }

    let problems = check_html(&jar, &out);
    assert!(
        problems.is_empty(),
        "the Nu HTML checker found {} problem(s) in the sample site:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The Arabic (`dir="rtl"`) pages of the multilingual fixture: every page kind in a
/// right-to-left language, with English titles of untranslated briefings inside.
#[test]
fn the_right_to_left_pages_of_the_multilingual_fixture_pass_the_nu_html_checker() {
    let Some(jar) = checker() else { return };
    let tmp = tempfile::Builder::new()
        .prefix("sitroom-w3c-rtl-")
        .tempdir()
        .expect("temp dir");
    let out = crate::harness::build_site_into(
        &crate::harness::fixtures_dir().join("multilingual"),
        &tmp.path().join("public"),
    );
    let arabic = out.join("ar");
    let pages = crate::harness::tree(&arabic)
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(".html"))
        .count();
    assert!(pages >= 10, "the Arabic part has only {pages} HTML pages");
    let problems = check_html(&jar, &arabic);
    assert!(
        problems.is_empty(),
        "the Nu HTML checker found {} problem(s) in the Arabic pages:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The check above can fail: a page with a stray end tag is reported with its file.
#[test]
fn the_nu_html_checker_reports_invalid_pages() {
    let Some(jar) = checker() else { return };
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(tmp.path().join("x")).expect("mkdir");
    std::fs::write(
        tmp.path().join("x/index.html"),
        "<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body><p>a</span></body></html>\n",
    )
    .expect("write");
    let problems = check_html(&jar, tmp.path());
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].starts_with("x/index.html:1:") && problems[0].contains("Stray end tag “span”"),
        "{}",
        problems[0]
    );
}
