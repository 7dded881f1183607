//! Translations: `x.<code>.md` beside `x.md` (briefings, actors, pages). The code is
//! the last dotted part of the stem and must be one of `languages:`. A translation
//! is its original with the translation's own front-matter fields and body: the
//! fields it leaves out are copied in from the original (after its own, so its
//! positions stay exact) and the merged text is parsed as the original would be.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::front_matter;
use crate::markdown::{Dialect, Mentions};
use crate::parse::{self, ActorDoc, ActorTable, BriefingDoc, PageDoc};
use crate::source::{self, Entry};

/// One translation file: its language (index into `languages:`) and original.
#[derive(Debug, Clone)]
pub(super) struct Sibling {
    pub entry: Entry,
    pub lang: usize,
    pub original: PathBuf,
}

/// Splits `entries` into originals and translations (when the site has several
/// languages). A stem ending in `.<xx>` or `.<xxx>` (letters) that names no
/// configured language is an error; other dotted stems are originals.
pub(super) fn split(
    entries: &[Entry],
    codes: &[String],
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Entry>, Vec<Sibling>) {
    let mut originals = Vec::with_capacity(entries.len());
    let mut siblings = Vec::new();
    for e in entries {
        let stem = e.path.file_stem().map(|s| s.to_string_lossy().into_owned());
        let tail = stem.as_deref().and_then(|s| s.rsplit_once('.'));
        let Some((base, code)) = tail.filter(|(b, c)| !b.is_empty() && looks_like_code(c)) else {
            originals.push(e.clone());
            continue;
        };
        match codes.iter().position(|c| c == code) {
            Some(0) => diags.push(
                Diagnostic::error(
                    &e.path,
                    Code::UnknownLanguage,
                    format!("`{code}` is the site's default language: its text is the original"),
                )
                .at(Pos { line: 1, col: 1 })
                .hint(format!("name the file `{base}.md`, or remove it")),
            ),
            Some(lang) => siblings.push(Sibling {
                entry: e.clone(),
                lang,
                original: e.path.with_file_name(format!("{base}.md")),
            }),
            None => diags.push(
                Diagnostic::error(
                    &e.path,
                    Code::UnknownLanguage,
                    format!("`{code}` is not one of the site's languages"),
                )
                .at(Pos { line: 1, col: 1 })
                .hint(format!(
                    "a translation is named `{base}.<code>.md` with a code from `languages:` in site.yaml: {}",
                    codes[1..].join(", ")
                )),
            ),
        }
    }
    (originals, siblings)
}

fn looks_like_code(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase())
}

/// The translations of one kind of document, parsed, with the fields each set
/// itself.
pub(super) struct Parsed<T> {
    pub lang: usize,
    /// The original's path.
    pub original: PathBuf,
    pub doc: T,
    /// The top-level front-matter keys the translation gives itself.
    pub own: Vec<String>,
}

/// Reads a translation and its original and parses them merged, as the original
/// (`parse` gets the original's path, so ids and slugs are the original's);
/// problems are reported at the translation's own lines.
fn merged<T>(
    s: &Sibling,
    originals: &[Entry],
    parse: impl Fn(&Path, &str) -> (Option<T>, Vec<Diagnostic>),
) -> (Option<Parsed<T>>, Vec<Diagnostic>) {
    let Some(original) = originals.iter().find(|o| o.path == s.original) else {
        let d = Diagnostic::error(
            &s.entry.path,
            Code::OrphanTranslation,
            format!(
                "this translation has no original: `{}` does not exist",
                s.original.display()
            ),
        )
        .at(Pos { line: 1, col: 1 })
        .hint("a translation sits beside its original with the language before `.md`; rename it, or write the original first");
        return (None, vec![d]);
    };
    let texts = source::read(original).and_then(|o| source::read(&s.entry).map(|t| (o, t)));
    let (original_text, text) = match texts {
        Ok(t) => t,
        Err(d) => return (None, vec![d]),
    };
    let Some(m) = merge(&original_text, &text) else {
        // The translation's front matter does not split: parse it alone for the
        // message (the original's problems are the original's).
        let (_, diags) = parse(&s.original, &text);
        return (None, relocate(diags, &s.entry.path, usize::MAX, 0));
    };
    let (doc, diags) = parse(&s.original, &m.text);
    let diags = relocate(diags, &s.entry.path, m.after_line, m.inserted);
    let doc = doc.map(|doc| Parsed {
        lang: s.lang,
        original: s.original.clone(),
        doc,
        own: m.own,
    });
    (doc, diags)
}

/// Problems of the merged text at the translation's lines: those in the copied
/// fields are the original's (and reported there); later lines move up.
fn relocate(diags: Vec<Diagnostic>, path: &Path, after: usize, inserted: usize) -> Vec<Diagnostic> {
    diags
        .into_iter()
        .filter(|d| {
            d.path.as_os_str().is_empty() || !(d.line > after && d.line <= after + inserted)
        })
        .map(|mut d| {
            if d.line > after + inserted {
                d.line -= inserted;
            }
            d.path = path.to_path_buf();
            d
        })
        .collect()
}

struct Merged {
    text: String,
    /// The copied fields follow this line (1-based) of the translation.
    after_line: usize,
    inserted: usize,
    own: Vec<String>,
}

/// The translation's text with the original's top-level fields it lacks copied
/// in at the end of its front matter.
fn merge(original: &str, translation: &str) -> Option<Merged> {
    let theirs = front_matter::split(translation).ok()?;
    let ours = front_matter::split(original).ok()?;
    let own: Vec<String> = blocks(theirs.yaml)
        .into_iter()
        .map(|(k, _)| k.to_string())
        .collect();
    let seen: HashSet<&str> = own.iter().map(String::as_str).collect();
    let mut copied = String::new();
    for (key, block) in blocks(ours.yaml) {
        if !seen.contains(key) {
            copied.push_str(block);
            if !block.ends_with('\n') {
                copied.push('\n');
            }
        }
    }
    let end = theirs.yaml_offset + theirs.yaml.len();
    let head = &translation[..end];
    if !head.is_empty() && !head.ends_with('\n') {
        copied.insert(0, '\n');
    }
    let mut text = String::with_capacity(translation.len() + copied.len());
    text.push_str(head);
    text.push_str(&copied);
    text.push_str(&translation[end..]);
    Some(Merged {
        text,
        after_line: head.matches('\n').count(),
        inserted: copied.matches('\n').count(),
        own,
    })
}

/// The top-level keys of a YAML block and the text of each (the key's line and
/// every line after it up to the next top-level key).
fn blocks(yaml: &str) -> Vec<(&str, &str)> {
    let mut out: Vec<(&str, usize)> = Vec::new();
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        let starts_key = line
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace() && c != '#' && c != '-')
            && line.contains(':');
        if starts_key {
            let key = line[..line.find(':').unwrap_or(0)]
                .trim()
                .trim_matches(['"', '\'']);
            out.push((key, offset));
        }
        offset += line.len();
    }
    let mut blocks = Vec::with_capacity(out.len());
    for (i, &(key, start)) in out.iter().enumerate() {
        let end = out.get(i + 1).map_or(yaml.len(), |n| n.1);
        blocks.push((key, &yaml[start..end]));
    }
    blocks
}

type Results<T> = (Vec<Parsed<T>>, Vec<Diagnostic>);

fn collect<T: Send>(results: Vec<(Option<Parsed<T>>, Vec<Diagnostic>)>) -> Results<T> {
    let mut docs = Vec::new();
    let mut diags = Vec::new();
    for (doc, ds) in results {
        docs.extend(doc);
        diags.extend(ds);
    }
    (docs, diags)
}

pub(super) fn actors(
    siblings: &[Sibling],
    originals: &[Entry],
    dialect: Dialect,
) -> Results<ActorDoc> {
    collect(
        siblings
            .par_iter()
            .map(|s| {
                merged(s, originals, |p, t| {
                    let (doc, diags) = parse::actor(p, t, dialect);
                    (
                        doc.map(|mut d| {
                            d.path = s.entry.path.clone();
                            d
                        }),
                        diags,
                    )
                })
            })
            .collect(),
    )
}

pub(super) fn briefings(
    siblings: &[Sibling],
    originals: &[Entry],
    actors: &[ActorDoc],
    dialect: Dialect,
) -> Results<BriefingDoc> {
    let (table, mentions): (ActorTable<'_>, Mentions) = super::cache::lookup(actors);
    collect(
        siblings
            .par_iter()
            .map(|s| {
                merged(s, originals, |p, t| {
                    let (doc, diags) = parse::briefing(p, t, &table, &mentions, dialect);
                    (
                        doc.map(|mut d| {
                            d.path = s.entry.path.clone();
                            d
                        }),
                        diags,
                    )
                })
            })
            .collect(),
    )
}

pub(super) fn pages(
    siblings: &[Sibling],
    originals: &[Entry],
    dialect: Dialect,
) -> Results<PageDoc> {
    collect(
        siblings
            .par_iter()
            .map(|s| {
                merged(s, originals, |p, t| {
                    let (doc, diags) = parse::page(p, t, dialect);
                    (
                        doc.map(|mut d| {
                            d.path = s.entry.path.clone();
                            d
                        }),
                        diags,
                    )
                })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_the_fields_a_translation_leaves_out_after_its_own() {
        let original = "---\ntitle: Calls\ndate: 2020-10-03\ntags:\n- war\nsummary: S\n---\nBody\n";
        let translation = "---\ntitle: Զանգեր\nsummary: Ամփոփում\n---\nՏեքստ\n";
        let m = merge(original, translation).unwrap();
        assert_eq!(
            m.text,
            "---\ntitle: Զանգեր\nsummary: Ամփոփում\ndate: 2020-10-03\ntags:\n- war\n---\nՏեքստ\n"
        );
        assert_eq!((m.after_line, m.inserted), (3, 3));
        assert_eq!(m.own, ["title", "summary"]);
    }
}
