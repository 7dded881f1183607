//! The test harness: copies a fixture site from `tests/fixtures/<name>/` into a temp
//! folder, runs the real `sitroom` binary on it, and reads what it wrote.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{ElementRef, Html, Selector};
use tempfile::TempDir;

/// A fixture site copied into its own temp folder. The folder is removed on drop.
pub struct Site {
    _tmp: TempDir,
    /// The site folder (`<tmp>/site`).
    pub root: PathBuf,
    /// The default output folder (`<tmp>/public`).
    pub out: PathBuf,
}

/// What a run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    /// Stderr with the temp folder replaced by `[TMP]`, so snapshots are stable.
    pub stderr: String,
}

impl Run {
    /// Panics with the whole output unless the run exited with 0.
    #[track_caller]
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Panics unless the run exited with `code`.
    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "expected exit code {code}\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

impl Site {
    /// Copies `tests/fixtures/<name>/` into a fresh temp folder.
    pub fn fixture(name: &str) -> Site {
        let src = fixtures_dir().join(name);
        assert!(src.is_dir(), "no fixture `{}`", src.display());
        let tmp = tempfile::Builder::new()
            .prefix("sitroom-test-")
            .tempdir()
            .expect("temp dir");
        let root = tmp.path().join("site");
        copy_dir(&src, &root);
        let out = tmp.path().join("public");
        Site {
            _tmp: tmp,
            root,
            out,
        }
    }

    /// The temp folder holding the site and its output.
    pub fn tmp(&self) -> &Path {
        self._tmp.path()
    }

    /// Writes (or overwrites) a file of the site.
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root.join(rel);
        fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        // Written beside the site's folders and renamed into place, so a watching
        // `serve` never sees the file created but still empty (a rebuild of that
        // made `serve::files_that_come_and_go_after_an_edit_are_seen` flaky).
        let staged = self.root.join(".harness-write.tmp");
        fs::write(&staged, text).expect("write");
        fs::rename(staged, path).expect("rename");
    }

    /// Runs `sitroom <args>` with the site folder as the working directory.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_sitroom"))
            .args(args)
            .current_dir(&self.root)
            .env_remove("SITROOM_TIMINGS")
            // Pages the build cache's fast keys would keep are rendered and
            // compared: a stale keep fails the build, in every test.
            .env("SITROOM_VERIFY_CACHE", "1")
            .output()
            .expect("run sitroom");
        let tmp = self.tmp().display().to_string();
        // macOS temp folders hide behind a /private symlink; normalise both spellings.
        let clean = |b: &[u8]| {
            String::from_utf8_lossy(b)
                .replace(&format!("/private{tmp}"), "[TMP]")
                .replace(&tmp, "[TMP]")
        };
        let run = Run {
            code: output.status.code().unwrap_or(-1),
            stdout: clean(&output.stdout),
            stderr: clean(&output.stderr),
        };
        if run.code == 0 && args.first() == Some(&"build") {
            let out = self.root.join(build_output(args));
            if out.is_dir() {
                check_machine_readable(&out);
            }
        }
        run
    }

    /// `sitroom build --root <site> --output <out> <extra>`.
    pub fn build(&self, extra: &[&str]) -> Run {
        self.build_into(&self.out, extra)
    }

    /// `sitroom build` into another output folder.
    pub fn build_into(&self, out: &Path, extra: &[&str]) -> Run {
        let (root, out) = (self.root.display().to_string(), out.display().to_string());
        let mut args = vec!["build", "--root", &root, "--output", &out];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// Builds and panics unless the build succeeded.
    #[track_caller]
    pub fn build_ok(&self, extra: &[&str]) -> Run {
        let run = self.build(extra);
        run.assert_ok();
        run
    }

    /// The path of output file `rel` (e.g. `atom.xml`, `actors/x/index.html`).
    pub fn out_path(&self, rel: &str) -> PathBuf {
        self.out.join(rel)
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.out_path(rel).is_file()
    }

    /// An output file as text.
    #[track_caller]
    pub fn read(&self, rel: &str) -> String {
        let path = self.out_path(rel);
        fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read `{}`: {e}", path.display()))
    }

    /// The page at URL path `url` (`/`, `/actors/x/`, `/404.html`), parsed.
    #[track_caller]
    pub fn page(&self, url: &str) -> Page {
        let rel = url.trim_start_matches('/');
        let rel = if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.to_string()
        };
        Page::parse(&self.read(&rel))
    }
}

/// A parsed HTML page. Selectors in `main_*` helpers look only inside `<main>`, so
/// changes to the header and footer do not break page tests.
pub struct Page {
    pub source: String,
    pub html: Html,
}

pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector `{css}`: {e:?}"))
}

/// The text of an element with whitespace collapsed.
pub fn text_of(e: ElementRef<'_>) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Page {
    pub fn parse(source: &str) -> Page {
        Page {
            source: source.to_string(),
            html: Html::parse_document(source),
        }
    }

    /// The `<main>` element.
    #[track_caller]
    pub fn main(&self) -> ElementRef<'_> {
        self.html
            .select(&sel("main"))
            .next()
            .expect("the page has a <main>")
    }

    /// Elements matching `css` inside `<main>`.
    pub fn select(&self, css: &str) -> Vec<ElementRef<'_>> {
        self.main().select(&sel(css)).collect()
    }

    /// The text of every element matching `css` inside `<main>`.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.select(css).into_iter().map(text_of).collect()
    }

    /// The text of the only element matching `css` inside `<main>`.
    #[track_caller]
    pub fn text(&self, css: &str) -> String {
        let all = self.texts(css);
        assert_eq!(
            all.len(),
            1,
            "expected one `{css}` in <main>, found {all:?}"
        );
        all.into_iter().next().expect("one")
    }

    /// Attribute `attr` of every element matching `css` inside `<main>`.
    pub fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        self.select(css)
            .into_iter()
            .filter_map(|e| e.value().attr(attr).map(str::to_string))
            .collect()
    }

    /// Attribute `attr` of every element matching `css` anywhere in the document.
    pub fn doc_attrs(&self, css: &str, attr: &str) -> Vec<String> {
        self.html
            .select(&sel(css))
            .filter_map(|e| e.value().attr(attr).map(str::to_string))
            .collect()
    }

    /// The `<title>` text.
    pub fn title(&self) -> String {
        self.html
            .select(&sel("title"))
            .next()
            .map(text_of)
            .unwrap_or_default()
    }
}

/// The output folder a `sitroom build <args>` run wrote, relative to the site folder
/// it ran in: `--output DIR`, else `public/` under `--root` (default `.`).
fn build_output(args: &[&str]) -> PathBuf {
    let value = |flag: &str| {
        args.iter().enumerate().find_map(|(i, a)| {
            if *a == flag {
                args.get(i + 1).map(|v| v.to_string())
            } else {
                a.strip_prefix(flag)
                    .and_then(|r| r.strip_prefix('='))
                    .map(str::to_string)
            }
        })
    };
    match value("--output") {
        Some(out) => PathBuf::from(out),
        None => PathBuf::from(value("--root").unwrap_or_else(|| ".".into())).join("public"),
    }
}

/// Parses every `*.xml` file under `dir` with an XML parser and every `*.json` file
/// with serde_json, panicking with the file and the parser's error on the first
/// ill-formed one. Runs after every successful build in the suite.
#[track_caller]
pub fn check_machine_readable(dir: &Path) {
    for (rel, bytes) in tree(dir) {
        let is_xml = rel.ends_with(".xml");
        let is_json = rel.ends_with(".json");
        if !is_xml && !is_json {
            continue;
        }
        let text = std::str::from_utf8(&bytes)
            .unwrap_or_else(|e| panic!("`{rel}` in the build output is not UTF-8: {e}"));
        if is_xml {
            if let Err(e) = roxmltree::Document::parse(text) {
                panic!("`{rel}` in the build output is not well-formed XML: {e}");
            }
        } else if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
            panic!("`{rel}` in the build output is not valid JSON: {e}");
        }
    }
}

/// For a test that needs an external tool (Chromium, Java, the Nu checker): prints
/// why it is skipped and returns, unless `SITROOM_REQUIRE_TOOLS=1` is set (as CI
/// does), in which case the missing tool fails the test.
#[track_caller]
pub fn skip_without_tool(why: &str) {
    if std::env::var("SITROOM_REQUIRE_TOOLS").is_ok_and(|v| v == "1") {
        panic!("{why}, and SITROOM_REQUIRE_TOOLS=1 forbids skipping");
    }
    eprintln!("note: skipping: {why}");
}

/// Copies a folder tree.
pub fn copy_dir(src: &Path, dst: &Path) {
    fs::create_dir_all(dst).expect("mkdir");
    for entry in fs::read_dir(src).expect("read fixture dir") {
        let entry = entry.expect("dir entry");
        let target = dst.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// Every file under `dir`, as sorted relative paths with their bytes.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in fs::read_dir(dir).expect("read dir") {
            let entry = entry.expect("dir entry");
            let path = entry.path();
            if entry.file_type().expect("file type").is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path
                    .strip_prefix(base)
                    .expect("under base")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, fs::read(&path).expect("read")));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The `<loc>` values of a sitemap, in order.
pub fn sitemap_locs(sitemap: &str) -> Vec<&str> {
    sitemap
        .split("<loc>")
        .skip(1)
        .map(|e| &e[..e.find("</loc>").expect("closed <loc>")])
        .collect()
}

/// The sample site (the repository root is itself a site), built by the real binary
/// into a fresh temp folder: `(temp folder, output folder)`. Panics with stderr if the
/// build fails.
pub fn built_sample(prefix: &str) -> (TempDir, PathBuf) {
    let tmp = tempfile::Builder::new()
        .prefix(prefix)
        .tempdir()
        .expect("temp dir");
    let out = build_site_into(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &tmp.path().join("public"),
    );
    (tmp, out)
}

/// Builds the site at `root` into `out` with the real binary and returns `out`.
/// Without the build cache: `root` may be the repository or a fixture, which tests
/// never write into.
pub fn build_site_into(root: &Path, out: &Path) -> PathBuf {
    let run = Command::new(env!("CARGO_BIN_EXE_sitroom"))
        .args(["build", "--no-cache", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out)
        .env_remove("SITROOM_TIMINGS")
        .output()
        .expect("run sitroom");
    assert!(
        run.status.success(),
        "`{}` does not build:\n{}",
        root.display(),
        String::from_utf8_lossy(&run.stderr)
    );
    out.to_path_buf()
}

/// Asserts that the folders `got` and `cold` hold the same files with the same bytes
/// (`cold` being what a cold build wrote).
#[track_caller]
pub fn assert_same_files(got: &Path, cold: &Path) {
    let (got, cold) = (tree(got), tree(cold));
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&got), names(&cold));
    for ((name, a), (_, b)) in got.iter().zip(&cold) {
        assert!(a == b, "`{name}` differs from a cold build");
    }
}
