//! Splits a file into its `---` YAML block and Markdown body, deserializes the block
//! into typed structs, and reports problems with positions in *file* lines.

use std::collections::BTreeMap;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::control;
use crate::date::{Date, Day};
use crate::diagnostic::{Code, Diagnostic, LineIndex, Pos};
use crate::model::{ActorKind, FactCheck, Original, StatementKind, Verification};

mod capture;
mod shape;
mod tree;
mod yaml_error;

/// A file cut in two: the YAML block and the body, with where each starts.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Byte offset of the YAML block in the file.
    pub yaml_offset: usize,
    pub body: &'a str,
    pub body_offset: usize,
}

/// Cuts `text` at its `---` fences. A file without front matter is an error: every
/// content file needs at least a title or name.
pub fn split(text: &str) -> Result<Split<'_>, &'static str> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    let first_line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_line_end].trim_end() != "---" {
        return Err("missing front matter: the file must start with a line `---`");
    }
    let yaml_offset = start + first_line_end;
    let mut pos = yaml_offset;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            return Ok(Split {
                yaml: &text[yaml_offset..pos],
                yaml_offset,
                body: &text[end..],
                body_offset: end,
            });
        }
        pos = end;
    }
    Err("unterminated front matter: add a line `---` after the YAML block")
}

/// Deserializes the YAML block of `file_text` into `T`, shifting error positions
/// so they point into the file. When it does not deserialize, every problem in
/// the block is reported (see `tree`), with the value read from it with the failed
/// fields left out, if that can be done: so what the other fields name can still
/// be checked.
pub fn parse<T: DeserializeOwned>(
    path: &Path,
    file_text: &str,
    split: &Split<'_>,
) -> (Option<T>, Vec<Diagnostic>) {
    let yaml = if split.yaml.trim().is_empty() {
        "{}"
    } else {
        split.yaml
    };
    if let Err(d) = check_shape(path, file_text, split.yaml, split.yaml_offset) {
        return (None, vec![d]);
    }
    deserialize(path, file_text, yaml, split.yaml_offset)
}

/// Deserializes a whole YAML file such as `site.yaml`.
pub fn parse_whole<T: DeserializeOwned>(path: &Path, text: &str) -> (Option<T>, Vec<Diagnostic>) {
    let yaml = if text.trim().is_empty() { "{}" } else { text };
    if let Err(d) = check_shape(path, text, text, 0) {
        return (None, vec![d]);
    }
    deserialize(path, text, yaml, 0)
}

/// Deserializes `yaml`, which starts at byte `offset` of `file_text`; an error's
/// code comes from which serde error was raised, not from its wording.
fn deserialize<T: DeserializeOwned>(
    path: &Path,
    file_text: &str,
    yaml: &str,
    offset: usize,
) -> (Option<T>, Vec<Diagnostic>) {
    match capture::deserialize(serde_yaml::Deserializer::from_str(yaml)) {
        Ok(value) => (Some(value), Vec::new()),
        Err((e, raised)) => {
            let first = yaml_error::diagnostic(path, file_text, offset, &e, raised.as_ref());
            match tree::check_all(path, file_text, yaml, offset) {
                Some((value, mut all)) => {
                    // The walk finds the first error too; should it not, keep it,
                    // unless an indentation mistake explains it.
                    let explained = all.iter().any(|d| d.code == Code::Indentation);
                    if !explained
                        && !all
                            .iter()
                            .any(|d| d.line == first.line && d.message == first.message)
                    {
                        all.push(first);
                        all.sort_by_key(|d| (d.line, d.col));
                    }
                    (value, all)
                }
                None => (None, vec![first]),
            }
        }
    }
}

/// Refuses YAML that nests too deep or expands too far through aliases, before the
/// parser spends minutes or gigabytes on it (see `shape`).
fn check_shape(path: &Path, file_text: &str, yaml: &str, offset: usize) -> Result<(), Diagnostic> {
    match shape::check(yaml) {
        Ok(()) => Ok(()),
        Err(shape::Problem::TooDeep { offset: at }) => Err(Diagnostic::error(
            path,
            Code::YamlTooDeep,
            format!("the YAML nests more than {} levels deep", shape::MAX_DEPTH),
        )
        .at(Pos::of_offset(file_text, offset + at))
        .hint("front matter needs a few levels at most: close the brackets, or flatten the value")),
        Err(shape::Problem::TooBig {
            offset: at, limit, ..
        }) => Err(Diagnostic::error(
            path,
            Code::YamlTooBig,
            format!(
                "this alias makes the YAML expand to more than {}",
                if limit % (1 << 20) == 0 {
                    format!("{} MB", limit >> 20)
                } else {
                    format!("{} KB", limit >> 10)
                }
            ),
        )
        .at(Pos::of_offset(file_text, offset + at))
        .hint("each `*name` copies the value anchored with `&name`: write the values out, or use fewer aliases")),
    }
}

/// Refuses invisible control characters written into a YAML block (`yaml`, which
/// starts at byte `offset` of `file_text`): one error at the first, naming the others.
/// Runs before deserializing, because libyaml's own error names no character.
pub fn raw_control_chars(
    path: &Path,
    file_text: &str,
    yaml: &str,
    offset: usize,
) -> Option<Diagnostic> {
    let found = control::find(yaml)?;
    let pos = |at: usize| Pos::of_offset(file_text, offset + at);
    let mut hint = "delete it: most editors do not show it (it often comes with text pasted from a terminal or a PDF), and it would make atom.xml unreadable".to_string();
    if found.more > 0 {
        let listed: Vec<String> = found
            .next
            .iter()
            .map(|&at| {
                let p = pos(at);
                format!("{}:{}", p.line, p.col)
            })
            .collect();
        let etc = if found.more > listed.len() {
            ", …"
        } else {
            ""
        };
        hint.push_str(&format!(
            "; {} more after it, at {}{etc}",
            found.more,
            listed.join(", ")
        ));
    }
    Some(
        Diagnostic::error(
            path,
            Code::ControlCharacter,
            format!("invisible control character {}", control::describe(found.c)),
        )
        .at(pos(found.offset))
        .hint(hint),
    )
}

/// Refuses control characters that YAML escapes (`"\e"`, `"\x1b"`, `"\u0000"`) put
/// into values. Runs after deserializing: only a block that parses has values, and
/// only one holding a backslash is parsed again.
pub fn escaped_control_chars(
    path: &Path,
    file_text: &str,
    yaml: &str,
    offset: usize,
) -> Option<Diagnostic> {
    if !yaml.contains('\\') {
        return None;
    }
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).ok()?;
    let c = control_in_value(&value)?;
    let (at, escape) = control_escape(yaml).unwrap_or((0, ""));
    Some(
        Diagnostic::error(
            path,
            Code::ControlCharacter,
            format!(
                "the escape `{escape}` puts control character {} into a value",
                control::describe(c)
            ),
        )
        .at(Pos::of_offset(file_text, offset + at))
        .hint("remove the escape sequence: control characters are invisible, and would make atom.xml unreadable"),
    )
}

fn control_in_value(value: &serde_yaml::Value) -> Option<char> {
    use serde_yaml::Value;
    match value {
        Value::String(s) => s.chars().find(|&c| control::is_forbidden_in_value(c)),
        Value::Sequence(items) => items.iter().find_map(control_in_value),
        Value::Mapping(map) => map
            .iter()
            .find_map(|(k, v)| control_in_value(k).or_else(|| control_in_value(v))),
        Value::Tagged(t) => control_in_value(&t.value),
        Value::Null | Value::Bool(_) | Value::Number(_) => None,
    }
}

/// The first YAML escape sequence in `yaml` that stands for a control character:
/// its offset and its text. Escapes exist only in double-quoted scalars, so the
/// scan follows quotes (a `'C:\e'` or a plain `C:\e` is just a backslash).
fn control_escape(yaml: &str) -> Option<(usize, &str)> {
    #[derive(PartialEq)]
    enum In {
        Plain,
        Double,
        Single,
        Comment,
    }
    let mut state = In::Plain;
    // The last character outside a scalar that is not a blank: a quote opens a
    // scalar only after one of these, or at the start of a line.
    let mut before = '\n';
    let mut chars = yaml.char_indices();
    while let Some((at, c)) = chars.next() {
        match state {
            In::Plain => match c {
                '"' | '\'' if "\n:-[{,?".contains(before) => {
                    state = if c == '"' { In::Double } else { In::Single };
                }
                '#' if before == '\n' || yaml[..at].ends_with([' ', '\t']) => {
                    state = In::Comment;
                }
                ' ' | '\t' => {}
                _ => before = c,
            },
            In::Comment if c == '\n' => {
                state = In::Plain;
                before = '\n';
            }
            In::Single if c == '\'' => {
                state = In::Plain;
                before = c;
            }
            In::Double if c == '"' => {
                state = In::Plain;
                before = c;
            }
            In::Double if c == '\\' => {
                let rest = &yaml[at + 1..];
                let hex = |n: usize| {
                    rest.get(1..=n)
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32)
                        .map(|c| (n + 1, c))
                };
                let decoded = match rest.chars().next() {
                    Some('0') => Some((1, '\0')),
                    Some('a') => Some((1, '\u{7}')),
                    Some('b') => Some((1, '\u{8}')),
                    Some('v') => Some((1, '\u{b}')),
                    Some('f') => Some((1, '\u{c}')),
                    Some('r') => Some((1, '\r')),
                    Some('e') => Some((1, '\u{1b}')),
                    Some('N') => Some((1, '\u{85}')),
                    Some('x') => hex(2),
                    Some('u') => hex(4),
                    Some('U') => hex(8),
                    _ => None,
                };
                if let Some((len, c)) = decoded
                    && control::is_forbidden_in_value(c)
                {
                    return Some((at, &yaml[at..=at + len]));
                }
                // Skip the escaped character (`\\`, `\"`).
                chars.next();
            }
            _ => {}
        }
    }
    None
}

/// A byte range in the YAML block: `(start, end)`.
type Range = (usize, usize);

/// Where values sit in a YAML block, found by text search: serde gives no spans for
/// values that parse fine but mean something wrong (an unknown actor id, say).
pub struct Locator<'a> {
    file_text: &'a str,
    yaml: &'a str,
    yaml_offset: usize,
    /// Built on the first lookup: most files need none.
    lines: std::cell::OnceCell<LineIndex<'a>>,
    /// The items of the last list asked for: a briefing with many statements asks
    /// for the same list once per problem.
    last_items: std::cell::RefCell<Option<(String, Vec<Range>)>>,
}

impl<'a> Locator<'a> {
    pub fn new(file_text: &'a str, split: &Split<'a>) -> Self {
        Locator {
            file_text,
            yaml: split.yaml,
            yaml_offset: split.yaml_offset,
            lines: std::cell::OnceCell::new(),
            last_items: std::cell::RefCell::new(None),
        }
    }

    fn pos(&self, offset_in_yaml: usize) -> Pos {
        self.lines
            .get_or_init(|| LineIndex::new(self.file_text))
            .pos(self.yaml_offset + offset_in_yaml)
    }

    /// The position of byte `offset` of the file (not of the YAML block).
    pub fn file_pos(&self, offset: usize) -> Pos {
        self.lines
            .get_or_init(|| LineIndex::new(self.file_text))
            .pos(offset)
    }

    /// The position of top-level key `key`, or of the block start.
    pub fn key(&self, key: &str) -> Pos {
        self.pos(self.key_offset(key).unwrap_or(0))
    }

    /// The text written after top-level `key:` on its line (comments dropped), and
    /// where it starts (or where the key is, if nothing follows it).
    pub fn raw_value(&self, key: &str) -> (Pos, &'a str) {
        let Some(start) = self.key_offset(key) else {
            return (self.pos(0), "");
        };
        let line = self.yaml[start..].split('\n').next().unwrap_or("");
        let after = line.find(':').map_or(line.len(), |i| i + 1);
        let rest = &line[after..];
        let value = rest.trim_start();
        let value = match value.find(" #") {
            Some(i) if !value.starts_with(['"', '\'']) => &value[..i],
            _ => value,
        }
        .trim_end();
        if value.is_empty() || value.starts_with('#') {
            return (self.pos(start), "");
        }
        (
            self.pos(start + after + rest.len() - rest.trim_start().len()),
            value,
        )
    }

    fn key_offset(&self, key: &str) -> Option<usize> {
        let mut offset = 0;
        for line in self.yaml.split_inclusive('\n') {
            if let Some(rest) = line.strip_prefix(key)
                && rest.trim_start().starts_with(':')
            {
                return Some(offset);
            }
            offset += line.len();
        }
        None
    }

    /// The byte ranges of the items of the block list under top-level `key`.
    pub fn items(&self, key: &str) -> Vec<(usize, usize)> {
        self.scan_items(key)
    }

    /// The byte range of item `index` of list `key`, remembering the list's items.
    fn item_range(&self, key: &str, index: usize) -> Option<(usize, usize)> {
        let mut last = self.last_items.borrow_mut();
        if last.as_ref().is_none_or(|(k, _)| k != key) {
            *last = Some((key.to_string(), self.scan_items(key)));
        }
        last.as_ref()
            .and_then(|(_, items)| items.get(index).copied())
    }

    fn scan_items(&self, key: &str) -> Vec<(usize, usize)> {
        let Some(start) = self.key_offset(key) else {
            return Vec::new();
        };
        let mut starts = Vec::new();
        let mut item_indent = None;
        let mut offset = start;
        let mut end = self.yaml.len();
        for (n, line) in self.yaml[start..].split_inclusive('\n').enumerate() {
            let trimmed = line.trim_start();
            let indent = line.len() - trimmed.len();
            if n > 0 && !trimmed.is_empty() && !trimmed.starts_with('#') {
                if indent == 0 && !trimmed.starts_with('-') {
                    end = offset;
                    break;
                }
                if trimmed.starts_with("- ") || trimmed.trim_end() == "-" {
                    match item_indent {
                        None => {
                            item_indent = Some(indent);
                            starts.push(offset + indent);
                        }
                        Some(i) if i == indent => starts.push(offset + indent),
                        _ => {}
                    }
                }
            }
            offset += line.len();
        }
        let ends = starts.iter().skip(1).copied().chain(std::iter::once(end));
        starts.iter().copied().zip(ends).collect()
    }

    /// The position of item `index` of list `key`, or of the key itself.
    pub fn item(&self, key: &str, index: usize) -> Pos {
        match self.item_range(key, index) {
            Some((start, _)) => self.pos(start),
            None => self.key(key),
        }
    }

    /// The position of `value` as a whole word inside item `index` of list `key`
    /// (or anywhere in the block when the list is written inline).
    pub fn value_in_item(&self, key: &str, index: usize, value: &str) -> Pos {
        let (start, end) = self.item_range(key, index).unwrap_or((0, self.yaml.len()));
        match find_word(&self.yaml[start..end], value) {
            Some(i) => self.pos(start + i),
            None => self.item(key, index),
        }
    }

    /// The position of `value` as a whole word on the line of top-level `key`
    /// or in the lines that continue it.
    pub fn value_under_key(&self, key: &str, value: &str) -> Pos {
        let start = self.key_offset(key).unwrap_or(0);
        let end = self.yaml[start..]
            .split_inclusive('\n')
            .enumerate()
            .scan(start, |off, (n, line)| {
                let here = *off;
                *off += line.len();
                Some((n, here, line))
            })
            .find(|(n, _, line)| *n > 0 && !line.starts_with([' ', '-', '\t', '#', '\n']))
            .map_or(self.yaml.len(), |(_, here, _)| here);
        match find_word(&self.yaml[start..end], value) {
            Some(i) => self.pos(start + i),
            None => self.pos(start),
        }
    }
}

impl Locator<'_> {
    /// The position of the value of top-level `key` (`wikidata: Q42` → the `Q`).
    pub fn value_of_key(&self, key: &str) -> Pos {
        match self.key_offset(key) {
            Some(start) => self.pos(value_start(self.yaml, start + key.len())),
            None => self.pos(0),
        }
    }

    /// The position of `value`, the value of `key` somewhere inside item `index` of
    /// list `key_list` (`sources[1].url`, `statements[0].source.url`): the value's
    /// text if it is written as is, else what follows the first `key:`.
    pub fn key_in_item(&self, list: &str, index: usize, key: &str, value: &str) -> Pos {
        let (start, end) = match self.items(list).get(index) {
            Some(&range) => range,
            None => (self.key_offset(list).unwrap_or(0), self.yaml.len()),
        };
        let hay = &self.yaml[start..end];
        if let Some(i) = hay.find(value).filter(|_| !value.is_empty()) {
            return self.pos(start + i);
        }
        match self.value_offset(start, end, key) {
            Some(at) => self.pos(at),
            None => self.item(list, index),
        }
    }

    /// Where the value of the first `key:` between YAML offsets `start` and `end` begins.
    fn value_offset(&self, start: usize, end: usize, key: &str) -> Option<usize> {
        let hay = &self.yaml[start..end];
        let is_id = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
        let mut from = 0;
        while let Some(i) = hay[from..].find(key) {
            let at = from + i;
            let after = hay[at + key.len()..].trim_start_matches([' ', '\t']);
            let glued = hay[..at].chars().next_back().is_some_and(is_id);
            if !glued && after.starts_with(':') {
                return Some(value_start(self.yaml, start + at + key.len()));
            }
            from = at + key.len();
        }
        None
    }

    /// The position of `word` (whole, not part of a longer id) in the value of
    /// `key:` inside item `index` of `list` (`statements[2].disputes`), else of
    /// the value, else of the item.
    pub fn word_in_key_of_item(&self, list: &str, index: usize, key: &str, word: &str) -> Pos {
        let Some(&(start, end)) = self.items(list).get(index) else {
            return self.item(list, index);
        };
        match self.value_offset(start, end, key) {
            Some(at) => self.pos(at + find_word(&self.yaml[at..end], word).unwrap_or(0)),
            None => self.item(list, index),
        }
    }
}

/// Past the `:` after a key ending at `from`, and the blanks after it.
fn value_start(yaml: &str, from: usize) -> usize {
    let rest = &yaml[from..];
    let colon = rest.find(':').map_or(0, |i| i + 1);
    let value = &rest[colon..];
    from + colon + (value.len() - value.trim_start_matches([' ', '\t']).len())
}

/// The first occurrence of `word` in `hay` not glued to other id characters.
fn find_word(hay: &str, word: &str) -> Option<usize> {
    if word.is_empty() {
        return None;
    }
    let is_id = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let mut from = 0;
    while let Some(i) = hay[from..].find(word) {
        let at = from + i;
        let before_ok = hay[..at].chars().next_back().is_none_or(|c| !is_id(c));
        let after_ok = hay[at + word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !is_id(c));
        if before_ok && after_ok {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

// ---- The typed front matter (DESIGN.md section 1) ----

// `site.yaml` and a cited source are model types the YAML deserializes into directly.
pub use crate::model::{Config, Source};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BriefingMeta {
    pub title: String,
    pub date: Day,
    pub updated: Option<Day>,
    pub summary: Option<String>,
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub actors: Vec<String>,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub statements: Vec<StatementMeta>,
    #[serde(default)]
    pub corrections: Vec<Correction>,
}

impl BriefingMeta {
    /// Every source written out in full, with where it stands: `("sources", i, …)`
    /// for the briefing's list, `("statements", i, …)` for a statement's own
    /// `source:` (one naming a listed source by id is not repeated).
    pub fn written_sources(&self) -> impl Iterator<Item = (&'static str, usize, &Source)> {
        let sources = self
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| ("sources", i, s));
        let statements = self
            .statements
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Some(("statements", i, s.source.as_ref()?.full()?)));
        sources.chain(statements)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StatementMeta {
    /// One actor id, or a list of them for a joint statement (`speaker: [a, b]`
    /// means the same as `speakers: [a, b]`).
    pub speaker: Option<Speakers>,
    pub speakers: Option<Vec<String>>,
    #[serde(default)]
    pub with: Vec<String>,
    #[serde(default)]
    pub kind: StatementKind,
    pub date: Date,
    pub quote: Option<String>,
    pub summary: Option<String>,
    pub source: Option<SourceRef>,
    pub verification: Option<Verification>,
    /// A stable id, unique across the site: its permalink and cross-references.
    pub id: Option<String>,
    /// Ids of the statements this one contradicts.
    #[serde(default)]
    pub disputes: Vec<String>,
    pub factcheck: Option<FactCheck>,
    /// The words in the language they were said in.
    pub original: Option<Original>,
}

/// A statement's `source:`: written out in full, or the `id` of one of the
/// briefing's `sources:`.
#[derive(Debug, Clone, PartialEq)]
pub enum SourceRef {
    Id(String),
    Full(Source),
}

impl SourceRef {
    /// The source written out in full, if it is.
    pub fn full(&self) -> Option<&Source> {
        match self {
            SourceRef::Full(s) => Some(s),
            SourceRef::Id(_) => None,
        }
    }
}

impl<'de> Deserialize<'de> for SourceRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = SourceRef;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(
                    "the id of one of the briefing's sources, or a source {outlet: …, url: …}",
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<SourceRef, E> {
                Ok(SourceRef::Id(v.to_owned()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<SourceRef, A::Error> {
                Source::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(SourceRef::Full)
            }
        }
        if !d.is_human_readable() {
            return Ok(match SourceRefRepr::deserialize(d)? {
                SourceRefRepr::Id(id) => SourceRef::Id(id),
                SourceRefRepr::Full(s) => SourceRef::Full(s),
            });
        }
        d.deserialize_any(Visitor)
    }
}

/// As written (an id, or the source's fields) in a human-readable format; tagged
/// in a compact one (the build cache), which cannot tell the two apart unaided.
impl Serialize for SourceRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (self, s.is_human_readable()) {
            (SourceRef::Id(id), true) => s.serialize_str(id),
            (SourceRef::Full(source), true) => source.serialize(s),
            (SourceRef::Id(id), false) => SourceRefRepr::<&str, &Source>::Id(id).serialize(s),
            (SourceRef::Full(source), false) => SourceRefRepr::<&str, _>::Full(source).serialize(s),
        }
    }
}

/// [`SourceRef`]'s compact form.
#[derive(Serialize, Deserialize)]
enum SourceRefRepr<I = String, S = Source> {
    Id(I),
    Full(S),
}

/// The value of `speaker:`: an actor id, or a list of them (a joint statement).
/// Deserialized by hand so a wrong shape says what is expected, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speakers(pub Vec<String>);

impl<'de> Deserialize<'de> for Speakers {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Speakers;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an actor id, or a list of actor ids for a joint statement")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Speakers, E> {
                Ok(Speakers(vec![v.to_owned()]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Speakers, A::Error> {
                let mut ids = Vec::with_capacity(seq.size_hint().unwrap_or(2));
                while let Some(id) = seq.next_element::<String>()? {
                    ids.push(id);
                }
                Ok(Speakers(ids))
            }
        }
        if !d.is_human_readable() {
            return Vec::deserialize(d).map(Speakers);
        }
        d.deserialize_any(Visitor)
    }
}

/// Always a list (which `speaker:` also accepts).
impl Serialize for Speakers {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    pub date: Day,
    pub note: String,
    /// The statement the correction changed: `s-3` or `<slug>-3`.
    #[serde(default)]
    pub statement: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ActorMeta {
    pub name: String,
    pub kind: ActorKind,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Phrases that contain the name or an alias but do not mean the actor
    /// ("Yerevan time"): left unlinked in briefing bodies.
    #[serde(default)]
    pub no_link: Vec<String>,
    #[serde(default)]
    pub names: BTreeMap<String, String>,
    pub country: Option<String>,
    #[serde(default)]
    pub roles: Vec<RoleMeta>,
    pub wikidata: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RoleMeta {
    pub title: String,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub org: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    pub title: String,
    pub slug: Option<String>,
    pub summary: Option<String>,
    #[serde(default)]
    pub draft: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_the_fences() {
        let s = split("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_offset, 17);
        assert!(split("title: A\n").is_err());
        assert!(split("---\ntitle: A\n").is_err());
    }

    #[test]
    fn bad_publication_dates_point_at_the_value() {
        let text = "---\ntitle: A\ndate: 2020-10\n---\n";
        let s = split(text).unwrap();
        let d = parse::<BriefingMeta>(Path::new("a.md"), text, &s)
            .1
            .remove(0);
        assert_eq!((d.line, d.col), (3, 7));
        assert_eq!(
            d.message,
            "invalid date in `date`: `2020-10` must be a single exact day written YYYY-MM-DD"
        );
    }

    #[test]
    fn yaml_errors_point_into_the_file() {
        let text = "---\ntitle: A\ndat: 2020-10-03\n---\n";
        let s = split(text).unwrap();
        let d = parse::<BriefingMeta>(Path::new("a.md"), text, &s)
            .1
            .remove(0);
        assert_eq!((d.line, d.col), (3, 1));
        assert_eq!(d.message, "unknown field `dat`");
        assert!(d.hint.unwrap().starts_with("did you mean `date`?"));
    }

    #[test]
    fn finds_values_inside_list_items() {
        let text = "---\ntitle: A\nstatements:\n  - speaker: a\n    date: 2020\n  - speaker: bob\n    with: [a]\n---\n";
        let s = split(text).unwrap();
        let loc = Locator::new(text, &s);
        assert_eq!(loc.items("statements").len(), 2);
        assert_eq!(
            loc.value_in_item("statements", 1, "a"),
            Pos { line: 7, col: 12 }
        );
        assert_eq!(
            loc.value_in_item("statements", 0, "a"),
            Pos { line: 4, col: 14 }
        );
    }

    #[test]
    fn finds_urls_inside_items_and_values_of_keys() {
        let text = "---\nwikidata:   Q1\nsources:\n  - {outlet: a, url: \"x:1\"}\n  - outlet: b\n    url: \"java\\tscript:2\"\nstatements:\n  - source:\n      curl: 1\n      url: y\n---\n";
        let s = split(text).unwrap();
        let loc = Locator::new(text, &s);
        assert_eq!(loc.value_of_key("wikidata"), Pos { line: 2, col: 13 });
        assert_eq!(
            loc.key_in_item("sources", 0, "url", "x:1"),
            Pos { line: 4, col: 23 }
        );
        // An escaped value is not in the text as is: the value after `url:`.
        assert_eq!(
            loc.key_in_item("sources", 1, "url", "java\tscript:2"),
            Pos { line: 6, col: 10 }
        );
        assert_eq!(
            loc.key_in_item("statements", 0, "url", "z"),
            Pos { line: 10, col: 12 }
        );
    }

    #[test]
    fn control_characters_are_refused_where_they_are() {
        let path = Path::new("a.md");
        let text = "---\ntitle: \"A\u{1b}B\"\nsummary: \"\u{b}\"\n---\n";
        let s = split(text).unwrap();
        let d = raw_control_chars(path, text, s.yaml, s.yaml_offset).unwrap();
        assert_eq!((d.line, d.col), (2, 10));
        assert_eq!(d.message, "invisible control character U+001B (escape)");
        assert!(d.hint.unwrap().ends_with("1 more after it, at 3:11"));

        let text = "---\ntitle: 'C:\\e'\nsummary: \"ok \\\\e then \\x07\"\n---\n";
        let s = split(text).unwrap();
        assert!(raw_control_chars(path, text, s.yaml, s.yaml_offset).is_none());
        let d = escaped_control_chars(path, text, s.yaml, s.yaml_offset).unwrap();
        assert_eq!((d.line, d.col), (3, 23));
        assert_eq!(
            d.message,
            "the escape `\\x07` puts control character U+0007 (bell) into a value"
        );
        // A backslash in a plain or single-quoted value is only a backslash.
        let text = "---\ntitle: 'C:\\e'\nsummary: C:\\x07\n---\n";
        let s = split(text).unwrap();
        assert!(escaped_control_chars(path, text, s.yaml, s.yaml_offset).is_none());
    }

    /// Each kind of YAML problem gets its code from what serde raised, whatever
    /// the wording of the message.
    #[test]
    fn typical_mistakes_get_their_codes() {
        fn first<T: DeserializeOwned>(yaml: &str) -> String {
            let text = format!("---\n{yaml}\n---\n");
            let s = split(&text).unwrap();
            let (value, diags) = parse::<T>(Path::new("a.md"), &text, &s);
            if diags.is_empty() {
                return if value.is_some() { "parsed" } else { "nothing" }.into();
            }
            let all: Vec<String> = diags
                .iter()
                .map(|d| format!("{}:{} {}: {}", d.line, d.col, d.code, d.message))
                .collect();
            all.join("\n  + ")
        }
        let found = [
            first::<BriefingMeta>("title: A\ndat: 2020-10-03"),
            first::<BriefingMeta>("date: 2020-10-03"),
            first::<BriefingMeta>("title: A\ndate: 2020-13-01"),
            first::<BriefingMeta>("title: A\ndate: 2020-10"),
            first::<ActorMeta>("name: A\nkind: speech"),
            first::<ActorMeta>("name: A\nkind: month"),
            first::<BriefingMeta>("title: [a]\ndate: 2020-10-03"),
            first::<BriefingMeta>("title: A\ndate: 2020-10-03\ndraft: maybe"),
            first::<BriefingMeta>(
                "title: A\ndate: 2020-10-03\nstatements:\n  - speaker: a\n    date: [2020]",
            ),
        ];
        insta::assert_snapshot!(found.join("\n"), @r#"
            3:1 unknown-field: unknown field `dat`
            2:1 missing-field: missing required field `title`
            3:7 bad-date: invalid date in `date`: `2020-13-01` has month 13; months run from 01 to 12
            3:7 bad-date: invalid date in `date`: `2020-10` must be a single exact day written YYYY-MM-DD
            3:7 unknown-value: unknown value `speech` in `kind`
            3:7 unknown-value: unknown value `month` in `kind`
            2:8 wrong-type: `title` should be a single text value, but it is a list
            4:8 wrong-type: `draft` should be `true` or `false`, but it is the text "maybe"
            6:11 wrong-type: `statements[0].date` should be a date such as 2020-10-02, 2020-10, 2020, 2020-10-02? or 2020-10-01/2020-10-03, but it is a list
        "#);
        let whole = |yaml: &str| match parse_whole::<Config>(Path::new("site.yaml"), yaml)
            .1
            .first()
        {
            None => "parsed".to_string(),
            Some(d) => format!("{}:{} {}: {}", d.line, d.col, d.code, d.message),
        };
        insta::assert_snapshot!(whole("title: A\npaginate: -1"), @"2:11 wrong-type: `paginate` should be a whole number, 1 or more, but it is the number -1");
        // yaml_serde's own errors: syntax, and a key given twice.
        assert!(
            whole("title: 'A").contains(" bad-yaml: "),
            "{}",
            whole("title: 'A")
        );
        assert!(whole("title: A\ntitle: B").contains(" bad-yaml: "));
    }

    #[test]
    fn strips_libyaml_positions() {
        assert_eq!(
            yaml_error::strip_positions("bad at line 3 column 1, while x at line 1 column 1"),
            "bad, while x"
        );
    }
}
