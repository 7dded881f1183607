//! docs/templates.md lists every variable each template receives. These tests build
//! the real template contexts and compare them with the page, key path by key path
//! (`briefing.statements[].speakers[].name`) and type by type, so the page cannot
//! drift from the code.
//!
//! The page's machine-readable parts are Markdown tables, each right after a marker:
//! `<!-- context: briefing.html -->` (a template's own variables),
//! `<!-- context: every page -->` (the variables all page templates get) or
//! `<!-- object: statement -->` (an object described once and referred to by name).
//! A row is `` | `path` | type | meaning | ``; a type is `string`, `HTML` (a string
//! marked safe), `number`, `bool`, `object` (fields follow as `path.field` rows), an
//! object's name, or `list of` one of those, optionally followed by `or null`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use tera::Value;

use super::Renderer;
use super::pages::page_context;
use crate::theme;

const DOC: &str = include_str!("../../docs/templates.md");
const EVERY_PAGE: &str = "every page";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    String,
    Html,
    Number,
    Bool,
    Null,
    List,
    Object,
}

/// Key path -> the kinds of value seen (real) or allowed (documented) there.
type Paths = BTreeMap<String, BTreeSet<Kind>>;

fn kind(v: &Value) -> Kind {
    use tera::value::ValueKind as K;
    match v.kind() {
        K::None | K::Undefined => Kind::Null,
        K::Bool => Kind::Bool,
        K::U64 | K::I64 | K::U128 | K::I128 | K::F64 => Kind::Number,
        K::String if v.is_safe() => Kind::Html,
        K::String | K::Bytes => Kind::String,
        K::Array => Kind::List,
        K::Map => Kind::Object,
        _ => panic!("a template value of an unexpected kind: {}", v.name()),
    }
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// Records `path` and everything below it. A null still counts as its key; a list
/// contributes the union of its elements' keys under `path[]`.
fn walk(path: &str, v: &Value, out: &mut Paths) {
    out.entry(path.to_string()).or_default().insert(kind(v));
    if let Some(map) = v.as_map() {
        for (key, value) in map {
            walk(&join(path, &key.to_string()), value, out);
        }
    } else if let Some(items) = v.as_array() {
        for item in items {
            walk(&format!("{path}[]"), item, out);
        }
    }
}

struct Row {
    line: usize,
    path: String,
    ty: String,
}

/// The tables of docs/templates.md: `context` tables by template and `object` tables
/// by name.
#[derive(Default)]
struct Doc {
    contexts: BTreeMap<String, Vec<Row>>,
    objects: BTreeMap<String, Vec<Row>>,
}

fn parse_doc(text: &str) -> Doc {
    let mut doc = Doc::default();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        i += 1;
        let Some(marker) = line
            .strip_prefix("<!--")
            .and_then(|l| l.strip_suffix("-->"))
        else {
            continue;
        };
        let (which, name) = match marker.trim().split_once(':') {
            Some(("context", name)) => (&mut doc.contexts, name.trim().to_string()),
            Some(("object", name)) => (&mut doc.objects, name.trim().to_string()),
            _ => continue,
        };
        while i < lines.len() && lines[i].trim().is_empty() {
            i += 1;
        }
        let mut rows = Vec::new();
        let mut seen_header = 0;
        while i < lines.len() && lines[i].trim_start().starts_with('|') {
            seen_header += 1;
            if seen_header > 2 {
                let cells: Vec<&str> = lines[i].trim().trim_matches('|').split('|').collect();
                assert!(
                    cells.len() >= 3,
                    "docs/templates.md:{}: a row needs three cells: | `path` | type | meaning |",
                    i + 1
                );
                let path = cells[0].trim();
                assert!(
                    path.starts_with('`') && path.ends_with('`') && path.len() > 2,
                    "docs/templates.md:{}: the first cell must be a `path` in backticks",
                    i + 1
                );
                rows.push(Row {
                    line: i + 1,
                    path: path.trim_matches('`').to_string(),
                    ty: cells[1].trim().to_string(),
                });
            }
            i += 1;
        }
        assert!(
            seen_header >= 2,
            "docs/templates.md:{i}: the marker for `{name}` must be followed by a table"
        );
        assert!(
            which.insert(name.clone(), rows).is_none(),
            "docs/templates.md: `{name}` has two tables"
        );
    }
    doc
}

/// `[text](link)` -> `text`; backticks dropped.
fn plain(cell: &str) -> String {
    let mut out = String::new();
    let mut rest = cell;
    while let Some(start) = rest.find('[') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match (after.find("]("), after.find(')')) {
            (Some(close), Some(end)) if close < end => {
                out.push_str(&after[..close]);
                rest = &after[end + 1..];
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace('`', "")
}

impl Doc {
    /// Every key path `rows` document below `prefix`, with the kinds allowed there.
    fn expand(&self, prefix: &str, rows: &[Row], out: &mut Paths, depth: usize) {
        assert!(
            depth < 20,
            "docs/templates.md: objects refer to each other in a loop"
        );
        for row in rows {
            let ty = plain(&row.ty);
            let (ty, nullable) = match ty.strip_suffix(" or null") {
                Some(t) => (t.trim(), true),
                None => (ty.trim(), false),
            };
            let (base, list) = match ty.strip_prefix("list of ") {
                Some(t) => (t.trim(), true),
                None => (ty, false),
            };
            let base_kind = match base {
                "string" => Kind::String,
                "HTML" => Kind::Html,
                "number" => Kind::Number,
                "bool" => Kind::Bool,
                "object" => Kind::Object,
                name if self.objects.contains_key(name) => Kind::Object,
                other => panic!(
                    "docs/templates.md:{}: unknown type `{other}` for `{}` (use string, HTML, \
                     number, bool, object, an object's name, `list of …`, `… or null`)",
                    row.line, row.path
                ),
            };
            let path = join(prefix, &row.path);
            let (here, element) = if list {
                (Kind::List, Some(format!("{path}[]")))
            } else {
                (base_kind, None)
            };
            let entry = out.entry(path.clone()).or_default();
            entry.insert(here);
            if nullable {
                entry.insert(Kind::Null);
            }
            let value_path = match element {
                Some(element) => {
                    out.entry(element.clone()).or_default().insert(base_kind);
                    element
                }
                None => path,
            };
            if let Some(fields) = self.objects.get(base) {
                self.expand(&value_path, fields, out, depth + 1);
            }
        }
    }

    fn documented(&self, context: &str) -> Paths {
        let mut out = Paths::new();
        let rows = self.contexts.get(context).unwrap_or_else(|| {
            panic!("docs/templates.md has no `<!-- context: {context} -->` table")
        });
        self.expand("", rows, &mut out, 0);
        out
    }
}

/// Loads the site at `root` and renders nothing: just plans its pages.
fn renderer(root: &Path) -> Renderer {
    let loaded = crate::load::load(root, &crate::load::Options::default()).unwrap();
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    Renderer::new(loaded.site.unwrap(), theme::english(), &[])
}

/// The real key paths per template: the union over every page rendered with it,
/// plus the standalone context of `partials/statement.html` and the `b` that
/// `partials/card.html` is included with.
fn real_contexts(r: &Renderer) -> BTreeMap<String, Paths> {
    let mut all: BTreeMap<String, Paths> = BTreeMap::new();
    let mut top_keys: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (lr, entry) in r
        .all()
        .flat_map(|lr| lr.routes.entries().iter().map(move |e| (lr, e)))
    {
        if entry.route.template().is_none() {
            continue;
        }
        let rel = entry.route.rel();
        let (template, vars) = page_context(lr, entry).unwrap();
        let keys: BTreeSet<String> = vars.0.keys().cloned().collect();
        let first = top_keys.entry(template).or_insert_with(|| keys.clone());
        assert_eq!(
            *first, keys,
            "`/{rel}` gets other variables than earlier pages rendered with `{template}`"
        );
        let paths = all.entry(template.to_string()).or_default();
        for (key, value) in &vars.0 {
            walk(key, value, paths);
        }
    }
    let statement = all
        .entry("partials/statement.html".to_string())
        .or_default();
    for ix in 0..r.site.statements.len() {
        let vars = crate::views::value(&r.views.statement_vars(&r.site, ix));
        for (key, value) in vars.as_map().into_iter().flatten() {
            walk(&key.to_string(), value, statement);
        }
    }
    let mut card = Paths::new();
    for page in ["index.html", "tag.html"] {
        for (path, kinds) in &all[page] {
            if let Some(rest) = path.strip_prefix("briefings[]") {
                card.entry(format!("b{rest}"))
                    .or_default()
                    .extend(kinds.iter().copied());
            }
        }
    }
    all.insert("partials/card.html".to_string(), card);
    all
}

fn names(kinds: &BTreeSet<Kind>) -> String {
    kinds
        .iter()
        .map(|k| format!("{k:?}").to_lowercase())
        .collect::<Vec<_>>()
        .join(" or ")
}

/// Compares the real contexts with the documented ones, one line per problem with
/// the templates it affects. `complete` also reports documented keys the real
/// contexts lack (only meaningful for a site that fills every optional field).
fn problems(real: &BTreeMap<String, Paths>, doc: &Doc, complete: bool) -> Vec<String> {
    let every_page = doc.documented(EVERY_PAGE);
    // Problem -> the templates where it occurs (a shared object's problem shows up
    // in every template that uses the object).
    let mut found: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (template, seen) in real {
        let mut documented = doc.documented(template);
        if !template.starts_with("partials/") {
            documented.extend(every_page.clone());
        }
        let mut add = |problem: String| found.entry(problem).or_default().push(template);
        for (path, kinds) in seen {
            match documented.get(path) {
                None => add(format!(
                    "`{path}` ({}) is in the context but not documented",
                    names(kinds)
                )),
                Some(allowed) if !kinds.is_subset(allowed) => add(format!(
                    "`{path}` is documented as {} but is {}",
                    names(allowed),
                    names(kinds)
                )),
                Some(_) => {}
            }
        }
        if complete {
            for path in documented.keys().filter(|p| !seen.contains_key(*p)) {
                add(format!("`{path}` is documented but not in the context"));
            }
        }
    }
    let mut problems: Vec<String> = found
        .into_iter()
        .map(|(problem, templates)| format!("{problem} ({})", templates.join(", ")))
        .collect();
    for name in doc.contexts.keys() {
        if name != EVERY_PAGE && !real.contains_key(name) && complete {
            problems.push(format!(
                "`<!-- context: {name} -->`: no page is rendered with `{name}`"
            ));
        }
    }
    problems
}

fn assert_in_step(problems: &[String]) {
    assert!(
        problems.is_empty(),
        "docs/templates.md is out of step with the template contexts:\n  {}\n\
         Update the `<!-- context: … -->` and `<!-- object: … -->` tables in docs/templates.md.",
        problems.join("\n  ")
    );
}

/// Copies the fixture that fills every optional field, and adds a briefing with
/// enough statements to split the timeline into years (which fills `years`).
fn full_fixture() -> tempfile::TempDir {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/template_context");
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let to = dir.path().join(entry.path().strip_prefix(&src).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    let mut many = String::from("---\ntitle: Many statements\ndate: 2020-07-01\nstatements:\n");
    // Over a page of statements in each year: the timeline and the actor get paged
    // year pages.
    for i in 0..=2 * crate::route::TIMELINE_SPLIT + 2 {
        let year = if i % 2 == 0 { 2019 } else { 2020 };
        many.push_str(&format!(
            "  - {{speaker: state-a, date: {year}-03-01, summary: Said {i}., source: {{outlet: Radio}}}}\n"
        ));
    }
    many.push_str("---\nMany.\n");
    // A second language with one briefing translated: the switcher, the
    // alternates and the cards of untranslated briefings get filled.
    let yaml = dir.path().join("site.yaml");
    let config = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(
        &yaml,
        format!("{config}languages:\n  - {{code: en}}\n  - {{code: ar, dir: rtl}}\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("content/briefings/2020-09-01-second.ar.md"),
        "---\ntitle: الثانية\n---\nنص.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("content/briefings/2020-07-01-many.md"),
        many,
    )
    .unwrap();
    dir
}

/// The real contexts of the fixture that fills every optional field, merged with
/// those of the same site past `ACTORS_SPLIT` actors (an actors index and letter
/// pages instead of one list) and with its sitemap in parts (an index instead).
fn full_contexts() -> BTreeMap<String, Paths> {
    let dir = full_fixture();
    let r = renderer(dir.path());
    assert!(r.site.statements.len() > crate::route::TIMELINE_SPLIT);
    let mut real = real_contexts(&r);
    for i in 0..=crate::route::ACTORS_SPLIT {
        let text = format!("---\nname: Extra {i}\nkind: person\n---\n");
        std::fs::write(
            dir.path().join(format!("content/actors/extra-{i}.md")),
            text,
        )
        .unwrap();
    }
    let urls: usize = renderer(dir.path()).all().map(Renderer::sitemap_urls).sum();
    let loaded = crate::load::load(dir.path(), &crate::load::Options::default()).unwrap();
    let site = loaded.site.unwrap();
    let more = Renderer::with_sitemap_limit(site, theme::english(), &[], urls.div_ceil(2));
    assert_eq!(more.routes.sitemap_parts(), 2);
    for (template, paths) in real_contexts(&more) {
        let merged = real.entry(template).or_default();
        for (path, kinds) in paths {
            merged.entry(path).or_default().extend(kinds);
        }
    }
    real
}

#[test]
fn templates_doc_matches_every_context() {
    assert_in_step(&problems(&full_contexts(), &parse_doc(DOC), true));
}

#[test]
fn templates_doc_covers_the_sample_site() {
    let r = renderer(Path::new(env!("CARGO_MANIFEST_DIR")));
    let real = real_contexts(&r);
    assert_in_step(&problems(&real, &parse_doc(DOC), false));
}

#[test]
fn templates_doc_names_every_template() {
    let missing: Vec<&str> = theme::TEMPLATES
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| !DOC.lines().any(|l| l.trim() == format!("### `{name}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/templates.md has no `### `name`` section for: {missing:?}"
    );
}

#[test]
fn the_check_catches_drift() {
    let real = full_contexts();
    let stale = DOC.replace(
        "<!-- context: tag.html -->\n\n| variable | type | meaning |\n|---|---|---|\n",
        "<!-- context: tag.html -->\n\n| variable | type | meaning |\n|---|---|---|\n\
         | `tag.colour` | string | Not a real key. |\n",
    );
    assert_ne!(stale, DOC, "the tag.html table moved: update this test");
    let found = problems(&real, &parse_doc(&stale), true);
    assert_eq!(
        found,
        ["`tag.colour` is documented but not in the context (tag.html)"]
    );
    let mut fewer = real.clone();
    fewer
        .get_mut("tag.html")
        .unwrap()
        .insert("tag.weight".into(), BTreeSet::from([Kind::Number]));
    let found = problems(&fewer, &parse_doc(DOC), true);
    assert_eq!(
        found,
        ["`tag.weight` (number) is in the context but not documented (tag.html)"]
    );
}
