//! Every problem in a front matter at once. yaml_serde stops at the first error, so
//! when a block does not deserialize, this reads it into a tree that keeps
//! positions (saphyr) and deserializes again with only one field or list item kept
//! at a time: everything else is blanked to spaces, so the block keeps its length
//! and yaml_serde's own messages and positions stay exactly as for the whole block.
//! A problem inside a block list or mapping is looked for in its items first, so
//! nine bad `verification:` values in nine statements give nine errors.
//!
//! Then the block is repaired (failed fields left out, or given a stand-in value
//! when they are required) so the caller can still check what the fields that did
//! parse name (actor ids, source ids).

use std::marker::PhantomData;
use std::path::Path;

use saphyr::{LoadableYamlNode, MarkedYaml, YamlData};
use serde::de::DeserializeOwned;

use super::capture::{self, Raised};
use super::yaml_error;
use crate::diagnostic::{Code, Diagnostic, Pos, did_you_mean};

/// A byte range in the YAML block.
type Range = (usize, usize);

/// Values tried, in order, for a required field that failed, to repair the block.
const STAND_INS: [&str; 3] = ["2000-01-01", "x", "person"];

/// Every problem in `yaml` (which starts at byte `offset` of `file_text`) and, if
/// the block can be repaired, the value read from it with the failed fields left
/// out. `None` when the block is not a mapping saphyr can read (a syntax error):
/// then the caller's single error is all there is.
pub(super) fn check_all<T: DeserializeOwned>(
    path: &Path,
    file_text: &str,
    yaml: &str,
    offset: usize,
) -> Option<(Option<T>, Vec<Diagnostic>)> {
    let docs = match MarkedYaml::load_from_str(yaml) {
        Ok(docs) => docs,
        Err(e) => {
            let line = e.marker().line();
            return wrong_indentation(path, file_text, yaml, offset, line).map(|d| (None, vec![d]));
        }
    };
    let [root] = docs.as_slice() else {
        return None;
    };
    if !matches!(root.data, YamlData::Mapping(_)) {
        return None;
    }
    let mut walker = Walker::<T> {
        yaml,
        chars: yaml
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(yaml.len()))
            .collect(),
        path,
        file_text,
        offset,
        found: Vec::new(),
        failed: Vec::new(),
        repairable: true,
        _t: PhantomData,
    };
    let root_ctx = Ctx {
        keep: Vec::new(),
        zero: String::new(),
        real: String::new(),
    };
    if !walker.block(root) {
        return None;
    }
    walker.mapping(root, &root_ctx);
    if walker.found.is_empty() {
        return None;
    }
    let value = walker.repair();
    walker.found.sort_by_key(|d| (d.line, d.col));
    walker
        .found
        .dedup_by(|a, b| a.line == b.line && a.col == b.col && a.message == b.message);
    Some((value, walker.found))
}

/// A syntax error on line `line` (1-based, in `yaml`) that is a `key:` indented
/// differently from the key on the line above it (`   date:` under `    summary:
/// …`, or `      summary:` under `    date: 2020-11-10`): said as an indentation
/// mistake, not as YAML's "did not find expected '-'" or a value run together
/// with the next key.
fn wrong_indentation(
    path: &Path,
    file_text: &str,
    yaml: &str,
    offset: usize,
    line: usize,
) -> Option<Diagnostic> {
    let lines: Vec<&str> = yaml.split_inclusive('\n').collect();
    // The error may be raised on the line after the misplaced key.
    let candidates = [line.checked_sub(1)?, line.checked_sub(2)?];
    let (here, indent, key, column, above) = candidates.into_iter().find_map(|here| {
        let (indent, key) = key_line(lines.get(here)?)?;
        let (column, above) = lines[..here]
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .and_then(|l| key_line(l))?;
        (indent != column).then_some((here, indent, key, column, above))
    })?;
    let start: usize = lines[..here].iter().map(|l| l.len()).sum();
    let (message, hint) = if indent < column {
        (
            format!(
                "`{key}:` is indented less than `{above}:` above it ({indent} instead of {column} spaces)"
            ),
            format!(
                "move `{key}:` to column {}, in line with `{above}:`; if it starts a new list item, write `- ` before the item's first field",
                column + 1
            ),
        )
    } else {
        (
            format!(
                "`{key}:` is indented more than `{above}:` above it ({indent} instead of {column} spaces), so it reads as part of the value of `{above}`"
            ),
            format!(
                "move `{key}:` to column {}, in line with `{above}:`",
                column + 1
            ),
        )
    };
    Some(
        Diagnostic::error(path, Code::Indentation, message)
            .at(Pos::of_offset(file_text, offset + start + indent))
            .hint(hint),
    )
}

/// A line holding `key:` (after `- ` if it starts a list item): the key's column
/// and the key.
fn key_line(line: &str) -> Option<(usize, &str)> {
    let body = line.trim_start_matches(' ');
    let mut indent = line.len() - body.len();
    let body = match body.strip_prefix("- ") {
        Some(rest) => {
            let rest_trimmed = rest.trim_start_matches(' ');
            indent += 2 + rest.len() - rest_trimmed.len();
            rest_trimmed
        }
        None => body,
    };
    let len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(body.len());
    let after = &body[len..];
    (len > 0 && (after.starts_with(": ") || after.trim_end() == ":"))
        .then(|| (indent, &body[..len]))
}

/// Where the walk is: the ranges kept to reach the current node (its ancestors'
/// keys and list dashes), and its path as yaml_serde writes it in the blanked block
/// (every kept list has one item, index 0) and in the real one.
struct Ctx {
    keep: Vec<Range>,
    zero: String,
    real: String,
}

/// A field that failed: what repairing the block changes.
struct Failed {
    /// The whole `key: value` entry, left out when the field is optional.
    entry: Range,
    /// The value, replaced by a stand-in when the field is required.
    value: Range,
    key: String,
    /// The real path of the mapping the field is in, and of the field.
    parent: String,
    path: String,
}

struct Walker<'a, T> {
    yaml: &'a str,
    /// Byte offset of each character (saphyr counts characters), and the end.
    chars: Vec<usize>,
    path: &'a Path,
    file_text: &'a str,
    offset: usize,
    found: Vec<Diagnostic>,
    failed: Vec<Failed>,
    /// False once a problem is not in a field (a list item of the wrong shape, a
    /// required field that is missing): the block cannot be repaired then.
    repairable: bool,
    _t: PhantomData<fn() -> T>,
}

type Raise = (serde_yaml::Error, Option<Raised>);

impl<T: DeserializeOwned> Walker<'_, T> {
    fn byte(&self, char_index: usize) -> usize {
        self.chars
            .get(char_index)
            .copied()
            .unwrap_or(self.yaml.len())
    }

    fn start(&self, node: &MarkedYaml<'_>) -> usize {
        self.byte(node.span.start.index())
    }

    /// A block mapping or list (not `[…]`/`{…}`), whose parts can be kept apart.
    fn block(&self, node: &MarkedYaml<'_>) -> bool {
        matches!(node.data, YamlData::Mapping(_) | YamlData::Sequence(_))
            && !self.yaml[self.start(node)..].starts_with(['[', '{'])
    }

    /// Deserializes the block with only `keep` in it.
    fn attempt(&self, keep: &[Range]) -> Result<(), Raise> {
        let mut out: Vec<u8> = self
            .yaml
            .bytes()
            .map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' })
            .collect();
        let src = self.yaml.as_bytes();
        for &(s, e) in keep {
            out[s..e].copy_from_slice(&src[s..e]);
        }
        // Kept ranges start and end on characters; the rest is ASCII.
        let text = String::from_utf8(out).unwrap_or_default();
        let text = if text.trim().is_empty() { "{}" } else { &text };
        capture::deserialize::<T, _>(serde_yaml::Deserializer::from_str(text)).map(|_| ())
    }

    /// Records `e` as a diagnostic, its path written with real list indexes.
    fn report(&mut self, (e, raised): &Raise, zero: &str, real: &str, at: Option<Pos>) {
        let raw = yaml_error::strip_positions(&e.to_string());
        let raw = match raw.strip_prefix(zero) {
            Some(rest) if !zero.is_empty() => format!("{real}{rest}"),
            _ => raw,
        };
        let location = e.location().map(|l| l.index());
        let mut d = yaml_error::diagnostic_from(
            self.path,
            self.file_text,
            self.offset,
            location,
            &raw,
            raised.as_ref(),
        );
        if let Some(pos) = at {
            d = d.at(pos);
        }
        self.found.push(d);
    }

    fn pos(&self, at: usize) -> Pos {
        Pos::of_offset(self.file_text, self.offset + at)
    }

    /// Walks a block mapping or list; false if it is neither.
    fn container(&mut self, node: &MarkedYaml<'_>, ctx: &Ctx) -> bool {
        match node.data {
            YamlData::Mapping(_) if self.block(node) => self.mapping(node, ctx),
            YamlData::Sequence(_) if self.block(node) => self.sequence(node, ctx),
            _ => false,
        }
    }

    /// Checks each entry of a block mapping alone, then the required fields.
    /// True if it found a problem.
    fn mapping(&mut self, node: &MarkedYaml<'_>, ctx: &Ctx) -> bool {
        let YamlData::Mapping(map) = &node.data else {
            return false;
        };
        let before = self.found.len();
        let entries: Vec<_> = map.iter().collect();
        let end = self.byte(node.span.end.index());
        let mut passed = Vec::new();
        let mut failed_keys = Vec::new();
        for (i, (k, v)) in entries.iter().enumerate() {
            let start = self.start(k);
            let entry_end = entries.get(i + 1).map_or(end, |(next, _)| self.start(next));
            let key = self.yaml[start..self.byte(k.span.end.index()).max(start)]
                .trim_matches(['"', '\'', ' '])
                .to_string();
            let mut keep = ctx.keep.clone();
            keep.push((start, entry_end));
            let Err(raise) = self.attempt(&keep) else {
                passed.push((start, entry_end));
                continue;
            };
            let unit = join(&ctx.zero, &key);
            let owner = match raise.1 {
                Some(Raised::UnknownField { .. }) => ctx.zero.clone(),
                _ => unit.clone(),
            };
            if !within(&error_path(&raise.0), &owner) {
                // A sibling's requirement (`missing field`), not this entry's problem.
                passed.push((start, entry_end));
                continue;
            }
            failed_keys.push(key.clone());
            let key_end = self.yaml[start..entry_end]
                .find(':')
                .map_or(entry_end, |c| start + c + 1);
            let mut keep = ctx.keep.clone();
            keep.push((start, key_end));
            let inner = Ctx {
                keep,
                zero: unit,
                real: join(&ctx.real, &key),
            };
            if !self.container(v, &inner) {
                self.report(&raise, &ctx.zero, &ctx.real, None);
                let value = (self.start(v), self.value_end(v, entry_end));
                self.failed.push(Failed {
                    entry: (start, entry_end),
                    value,
                    key,
                    parent: ctx.real.clone(),
                    path: inner.real,
                });
            }
        }
        let mut keep = ctx.keep.clone();
        keep.extend(passed);
        if let Err(raise) = self.attempt(&keep)
            && let Some(Raised::MissingField(field)) = raise.1
            && !failed_keys.iter().any(|k| k == field)
            // `dat:` for `date:` is one mistake, said by "unknown field … did you mean".
            && !failed_keys.iter().any(|k| did_you_mean(k, [field]).is_some())
            && error_path(&raise.0) == ctx.zero
        {
            let at = self.pos(self.start(node));
            self.report(&raise, &ctx.zero, &ctx.real, Some(at));
            self.repairable = false;
        }
        self.found.len() > before
    }

    /// Checks each item of a block list alone. True if it found a problem.
    fn sequence(&mut self, node: &MarkedYaml<'_>, ctx: &Ctx) -> bool {
        let YamlData::Sequence(items) = &node.data else {
            return false;
        };
        let dashes: Option<Vec<usize>> = items.iter().map(|item| self.dash(item)).collect();
        let Some(dashes) = dashes else {
            return false;
        };
        let before = self.found.len();
        let end = self.byte(node.span.end.index());
        for (i, item) in items.iter().enumerate() {
            let range = (dashes[i], dashes.get(i + 1).copied().unwrap_or(end));
            let mut keep = ctx.keep.clone();
            keep.push(range);
            let Err(raise) = self.attempt(&keep) else {
                continue;
            };
            let zero = format!("{}[0]", ctx.zero);
            let real = format!("{}[{i}]", ctx.real);
            if !within(&error_path(&raise.0), &zero) {
                continue;
            }
            let mut keep = ctx.keep.clone();
            keep.push((dashes[i], dashes[i] + 1));
            let inner = Ctx { keep, zero, real };
            if !self.container(item, &inner) {
                self.report(&raise, &inner.zero, &inner.real, None);
                self.repairable = false;
            }
        }
        self.found.len() > before
    }

    /// The `-` that starts a block list item.
    fn dash(&self, item: &MarkedYaml<'_>) -> Option<usize> {
        let before = &self.yaml[..self.start(item)];
        let trimmed = before.trim_end_matches([' ', '\t', '\r', '\n']);
        trimmed.ends_with('-').then(|| trimmed.len() - 1)
    }

    /// Where a value ends: saphyr ends a `[…]` or `{…}` before its bracket.
    fn value_end(&self, v: &MarkedYaml<'_>, limit: usize) -> usize {
        let end = self.byte(v.span.end.index()).max(self.start(v));
        if self.yaml[end..].starts_with([']', '}']) && end < limit {
            end + 1
        } else {
            end
        }
    }

    /// The block with every failed field left out, or given a stand-in value if it
    /// is required, deserialized; `None` if that cannot be done.
    fn repair(&self) -> Option<T> {
        if !self.repairable || self.failed.is_empty() {
            return None;
        }
        // 0: leave the field out; n: the n-th stand-in.
        let mut choice = vec![0usize; self.failed.len()];
        for _ in 0..=self.failed.len() * STAND_INS.len() {
            let text = self.repaired_text(&choice);
            let (e, raised) =
                match capture::deserialize::<T, _>(serde_yaml::Deserializer::from_str(&text)) {
                    Ok(value) => return Some(value),
                    Err(raise) => raise,
                };
            let at = error_path(&e);
            let i = match raised {
                Some(Raised::MissingField(field)) => self
                    .failed
                    .iter()
                    .position(|f| f.parent == at && f.key == field)?,
                _ => self
                    .failed
                    .iter()
                    .enumerate()
                    .position(|(i, f)| f.path == at && choice[i] > 0)?,
            };
            choice[i] += 1;
            if choice[i] > STAND_INS.len() {
                return None;
            }
        }
        None
    }

    fn repaired_text(&self, choice: &[usize]) -> String {
        let mut edits: Vec<(Range, String)> = self
            .failed
            .iter()
            .zip(choice)
            .map(|(f, &c)| match c {
                0 => {
                    let blank = self.yaml[f.entry.0..f.entry.1]
                        .chars()
                        .map(|c| if c == '\n' { '\n' } else { ' ' })
                        .collect();
                    (f.entry, blank)
                }
                n => {
                    let v = if f.value.0 == f.value.1 { " " } else { "" };
                    (f.value, format!("{v}{}", STAND_INS[n - 1]))
                }
            })
            .collect();
        edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.0));
        let mut text = self.yaml.to_string();
        for ((s, e), with) in edits {
            text.replace_range(s..e, &with);
        }
        text
    }
}

/// `a.b`, or `b` at the top.
fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// `path` is `unit` or inside it.
fn within(path: &str, unit: &str) -> bool {
    unit.is_empty()
        || path == unit
        || path
            .strip_prefix(unit)
            .is_some_and(|rest| rest.starts_with(['.', '[']))
}

/// The field path yaml_serde puts before its message (`statements[0].date`), or "".
fn error_path(e: &serde_yaml::Error) -> String {
    let raw = yaml_error::strip_positions(&e.to_string());
    match raw.split_once(": ") {
        Some((p, _)) if !p.contains(' ') => p.to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::front_matter::{BriefingMeta, parse, split};

    fn all(yaml: &str) -> String {
        let text = format!("---\n{yaml}---\n");
        let s = split(&text).unwrap();
        let (value, diags) = parse::<BriefingMeta>(Path::new("a.md"), &text, &s);
        let mut out: Vec<String> = diags
            .iter()
            .map(|d| format!("{}:{} {}: {}", d.line, d.col, d.code, d.message))
            .collect();
        out.push(format!("repaired: {}", value.is_some()));
        out.join("\n")
    }

    #[test]
    fn every_bad_value_in_every_item() {
        let mut yaml = "title: A\ndate: 2020-10-03\nstatements:\n".to_string();
        for i in 0..9 {
            yaml.push_str(&format!(
                "  - speaker: a\n    date: 2020-10-0{}\n    verification: sure{i}\n",
                i + 1
            ));
        }
        insta::assert_snapshot!(all(&yaml), @r#"
            7:19 unknown-value: unknown value `sure0` in `statements[0].verification`
            10:19 unknown-value: unknown value `sure1` in `statements[1].verification`
            13:19 unknown-value: unknown value `sure2` in `statements[2].verification`
            16:19 unknown-value: unknown value `sure3` in `statements[3].verification`
            19:19 unknown-value: unknown value `sure4` in `statements[4].verification`
            22:19 unknown-value: unknown value `sure5` in `statements[5].verification`
            25:19 unknown-value: unknown value `sure6` in `statements[6].verification`
            28:19 unknown-value: unknown value `sure7` in `statements[7].verification`
            31:19 unknown-value: unknown value `sure8` in `statements[8].verification`
            repaired: true
        "#);
    }

    #[test]
    fn keys_at_the_wrong_indentation_are_said_to_be() {
        // YAML refuses these: the key is said to be at the wrong column.
        let under = "title: A\ndate: 2020-10-03\nstatements:\n  - speaker: a\n    summary: x\n   date: 2020-11-10\n  - speaker: b\n    date: 2020\n    summary: y\n";
        insta::assert_snapshot!(all(under), @r#"
            7:4 indentation: `date:` is indented less than `summary:` above it (3 instead of 4 spaces)
            repaired: false
        "#);
        let over = "title: A\ndate: 2020-10-03\nstatements:\n  - speaker: a\n    date: 2020-11-10~\n      summary: x\n";
        insta::assert_snapshot!(all(over), @r#"
            7:7 indentation: `summary:` is indented more than `date:` above it (6 instead of 4 spaces), so it reads as part of the value of `date`
            repaired: false
        "#);
        let top = "title: A\ndate: 2020-10-03\n summary: x\n";
        insta::assert_snapshot!(all(top), @r#"
            4:2 indentation: `summary:` is indented more than `date:` above it (1 instead of 0 spaces), so it reads as part of the value of `date`
            repaired: false
        "#);
    }

    #[test]
    fn problems_of_several_kinds_in_one_file() {
        let yaml = "title: [A]\ndat: 2020-10-03\nstatements:\n  - speaker: a\n    date: 2020-13-01\n    kind: speach\n  - speaker: b\n    quote: no date\n  - b\n  - speaker: c\n    date: 2020\n    source: {url: x}\n";
        insta::assert_snapshot!(all(yaml), @r#"
            2:8 wrong-type: `title` should be a single text value, but it is a list
            3:1 unknown-field: unknown field `dat`
            6:11 bad-date: invalid date in `statements[0].date`: `2020-13-01` has month 13; months run from 01 to 12
            7:11 unknown-value: unknown value `speach` in `statements[0].kind`
            8:5 missing-field: missing required field `date` in `statements[1]`
            10:5 wrong-type: `statements[2]` should be a statement with `speaker:`, `date:` and a `quote:` or `summary:`, but it is the text "b"
            13:13 missing-field: missing required field `outlet` in `statements[3].source`
            repaired: false
        "#);
        let yaml = "title: A\ndate: 2020-10\nstatements:\n  - speaker: a\n    date: 2020-02-30\n  - speaker: b\n    date: 2020\n    verification: nope\n";
        insta::assert_snapshot!(all(yaml), @r#"
            3:7 bad-date: invalid date in `date`: `2020-10` must be a single exact day written YYYY-MM-DD
            6:11 bad-date: invalid date in `statements[0].date`: `2020-02-30` is not a day in the calendar: February 2020 has 29 days
            9:19 unknown-value: unknown value `nope` in `statements[1].verification`
            repaired: true
        "#);
    }
}
