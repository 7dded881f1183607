//! Tests only: the architecture rule "only `source` reads, only `output` writes",
//! checked on the code itself (as rust-analyzer's `tidy` tests do). A file that
//! touches the file system outside those modules fails the test unless it is one of
//! the named exceptions below, each with its reason.

use std::path::{Path, PathBuf};

/// Files (or folders, ending in `/`) under `src/` allowed to use the file system.
const ALLOWED: &[(&str, &str)] = &[
    (
        "source.rs",
        "the reader: lists the site folder and reads its files",
    ),
    (
        "output.rs",
        "the writer: the staging folder, the swap, the marker",
    ),
    ("output/", "the writer's lock beside the output folder"),
    ("cmd/init.rs", "writes a new site into an empty folder"),
    (
        "cmd/new.rs",
        "writes a new content file, never over an existing one",
    ),
    (
        "cmd/man.rs",
        "writes man pages into the folder given with --dir",
    ),
    (
        "serve/http.rs",
        "streams the site's static files from disk on request",
    ),
    (
        "serve/watch.rs",
        "tells whether the watched folder is still the same one",
    ),
    (
        "lib.rs",
        "SITROOM_TIMINGS reads the process's memory use from /proc",
    ),
    (
        "cache.rs",
        "the build cache in .sitroom/cache/: files that can only save time",
    ),
    (
        "spill.rs",
        "an unlinked temporary file for briefings' bodies during a build",
    ),
    ("io_boundary.rs", "this test reads the source files"),
    (
        "render/context_doc.rs",
        "tests only: renders the docs' example site in a temp folder",
    ),
];

/// What marks file-system access in Rust source.
const PATTERNS: &[&str] = &[
    "std::fs",
    "tokio::fs",
    "fs::",
    "File::",
    "OpenOptions",
    "read_dir(",
    "WalkDir",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// The lines of `text` that touch the file system, outside comments and the
/// file's `#[cfg(test)] mod tests` (tests write temp files freely).
fn uses(text: &str) -> Vec<(usize, &str)> {
    let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    code.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .filter(|(_, l)| PATTERNS.iter().any(|p| mentions(l, p)))
        .map(|(i, l)| (i + 1, l.trim()))
        .collect()
}

/// Whether `line` holds `pattern` as a path of its own: `File::` but not
/// `DataFile::`, `fs::` but not `refs::`.
fn mentions(line: &str, pattern: &str) -> bool {
    line.match_indices(pattern).any(|(i, _)| {
        !line[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

fn allowed(rel: &str) -> bool {
    ALLOWED
        .iter()
        .any(|(name, _)| match name.strip_suffix('/') {
            Some(dir) => rel.starts_with(&format!("{dir}/")),
            None => rel == *name,
        })
}

#[test]
fn only_source_reads_and_only_output_writes() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut found = Vec::new();
    for file in &files {
        let rel = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if allowed(&rel) {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        for (line, code) in uses(&text) {
            found.push(format!("src/{rel}:{line}: {code}"));
        }
    }
    assert!(
        found.is_empty(),
        "file-system access outside `source` and `output` (read through `source`, \
         write through `output`, or add a named exception with its reason):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_sees_what_it_should() {
    let text = "use std::fs;\n// std::fs in a comment\nlet f = File::open(p);\nlet d = DataFile::Csv;\n#[cfg(test)]\nmod tests {\n    std::fs::write(a, b);\n}\n";
    assert_eq!(
        uses(text),
        [(1, "use std::fs;"), (3, "let f = File::open(p);")]
    );
    assert!(allowed("output/lock.rs") && allowed("source.rs"));
    assert!(!allowed("cmd/check.rs") && !allowed("outputs.rs"));
    // Every exception names a file that exists.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for (name, _) in ALLOWED {
        assert!(
            src.join(name).exists(),
            "{name} is listed but does not exist"
        );
    }
}
