//! A YAML or deserializing error as a diagnostic: the code from what serde raised
//! (see `capture`), the message naming the problem, the hint the fix.

use std::path::Path;

use super::capture::{Found, Raised};
use crate::diagnostic::{Code, Diagnostic, Pos, did_you_mean};

/// The diagnostic for `e`, raised (if `raised`) by the types being deserialized,
/// in a YAML block starting at byte `offset` of `file_text`.
pub(super) fn diagnostic(
    path: &Path,
    file_text: &str,
    offset: usize,
    e: &serde_yaml::Error,
    raised: Option<&Raised>,
) -> Diagnostic {
    let raw = strip_positions(&e.to_string());
    let location = e.location().map(|l| l.index());
    diagnostic_from(path, file_text, offset, location, &raw, raised)
}

/// The diagnostic for yaml_serde's message `raw` (positions stripped) at byte
/// `location` of the YAML block, if it gave one.
pub(super) fn diagnostic_from(
    path: &Path,
    file_text: &str,
    offset: usize,
    location: Option<usize>,
    raw: &str,
    raised: Option<&Raised>,
) -> Diagnostic {
    let pos = Pos::of_offset(file_text, offset + location.unwrap_or(0));
    let (code, message, hint) = explain(raw, raised);
    let mut d = Diagnostic::error(path, code, message).at(pos);
    d.hint = hint;
    d
}

/// The code for what was raised. A custom error can only come from the date types
/// (see [`Raised::Custom`]); yaml_serde's own errors are syntax errors.
pub(super) fn code(raised: Option<&Raised>) -> Code {
    match raised {
        Some(Raised::UnknownField { .. }) => Code::UnknownField,
        Some(Raised::MissingField(_)) => Code::MissingField,
        Some(Raised::Custom) => Code::BadDate,
        Some(Raised::UnknownVariant { .. }) => Code::UnknownValue,
        Some(Raised::InvalidType { .. } | Raised::InvalidValue { .. } | Raised::Mismatch) => {
            Code::WrongType
        }
        Some(Raised::DuplicateField(_) | Raised::InvalidLength) | None => Code::BadYaml,
    }
}

/// Drops libyaml's " at line L column C" parts: we print our own file positions.
pub(super) fn strip_positions(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    let mut rest = msg;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let skip = after
            .find(|c: char| {
                !(c.is_ascii_digit() || c == ' ' || c.is_ascii_alphabetic() && "column".contains(c))
            })
            .unwrap_or(after.len());
        rest = &after[skip..];
    }
    out.push_str(rest);
    out
}

const DATE_HINT: &str = "dates look like 2020-10-02, 2020-10, 2020, 2020-10-02? (uncertain), 2020-10~ (approximate), 2020-10-02% (both), 2020-10-02T14:30+03:00 (a time with its offset), 2020-10-01/2020-10-03, 2022-02-24/.. (ongoing), ../2023 (open start), 2021-05/ or /2023 (an end not known)";
const DAY_HINT: &str = "publication dates are exact: write YYYY-MM-DD";
const SYNTAX_HINT: &str =
    "check the YAML syntax: indentation, quotes around values containing `:` or `#`";

/// Turns serde's error into ours. `raw` is yaml_serde's message: the field path
/// (`statements[0].source: `), if any, then the message.
fn explain(raw: &str, raised: Option<&Raised>) -> (Code, String, Option<String>) {
    let (path, msg) = match raw.split_once(": ") {
        Some((p, m)) if !p.contains(' ') => (Some(p), m),
        _ => (None, raw),
    };
    let located = |m: String| match path {
        Some(p) => format!("{m} in `{p}`"),
        None => m,
    };
    let (message, hint) = match raised {
        Some(Raised::UnknownField { field, expected }) => unknown_field(field, expected, located),
        Some(Raised::UnknownVariant { variant, expected }) => {
            let hint = match did_you_mean(variant, expected.iter().copied()) {
                Some(near) => format!("did you mean `{near}`? Allowed: {}", expected.join(", ")),
                None => format!("allowed: {}", expected.join(", ")),
            };
            (located(format!("unknown value `{variant}`")), hint)
        }
        Some(Raised::MissingField(field)) => (
            located(format!("missing required field `{field}`")),
            format!("add `{field}:` to the front matter"),
        ),
        // Date messages are whole sentences: name the field first, not after them.
        Some(Raised::Custom) => {
            let message = match path {
                Some(p) => format!("invalid date in `{p}`: {msg}"),
                None => msg.to_string(),
            };
            let hint = if msg.contains("exact day") {
                DAY_HINT
            } else {
                DATE_HINT
            };
            (message, hint.to_string())
        }
        Some(
            Raised::InvalidType { found, expected } | Raised::InvalidValue { found, expected },
        ) => wrong_shape(path, found, expected),
        Some(Raised::Mismatch) => match mismatch(msg) {
            Some((found, expected)) => wrong_shape(path, &found, expected),
            None => (located(msg.to_string()), SYNTAX_HINT.to_string()),
        },
        Some(Raised::DuplicateField(_) | Raised::InvalidLength) | None => {
            (located(msg.to_string()), SYNTAX_HINT.to_string())
        }
    };
    (code(raised), message, Some(hint))
}

/// What was found and what was expected, from yaml_serde's own "invalid type:
/// FOUND, expected EXPECTED" (see [`Raised::Mismatch`]).
fn mismatch(msg: &str) -> Option<(Found, &str)> {
    let rest = msg
        .strip_prefix("invalid type: ")
        .or_else(|| msg.strip_prefix("invalid value: "))?;
    let (found, expected) = rest.split_once(", expected ")?;
    Some((Found::from_words(found), expected))
}

fn unknown_field(
    field: &str,
    known: &[&str],
    located: impl Fn(String) -> String,
) -> (String, String) {
    // `{date: …, note: A, B.}` on one line: the comma ended the note, and
    // ` B.` was read as the next key. Keys have no spaces or full stops.
    if field.trim().contains(' ') || field.trim_end().ends_with('.') {
        return (
            format!(
                "{}: it looks like the rest of a text, cut at a comma",
                located(format!("unknown field `{field}`"))
            ),
            "an unquoted comma inside `{…}` ends the value, and the rest is read as a new field: put the value in quotes (`note: \"…, …\"`), or write one field per line without braces".into(),
        );
    }
    let hint = match did_you_mean(field, known.iter().copied()) {
        Some(near) => format!("did you mean `{near}`? Known fields: {}", known.join(", ")),
        None if known.is_empty() => "remove it".to_string(),
        None => format!("known fields: {}", known.join(", ")),
    };
    (located(format!("unknown field `{field}`")), hint)
}

/// An invalid type or value in words: what the field holds, what it should hold,
/// and an example of that shape for the field in question.
fn wrong_shape(path: Option<&str>, found: &Found, expected: &str) -> (String, String) {
    let found = match found {
        Found::Map => "a group of `key: value` fields".to_string(),
        Found::Seq => "a list".to_string(),
        Found::Unit => "nothing".to_string(),
        Found::Text(quoted) => format!("the text {quoted}"),
        Found::Number(n) => format!("the number {n}"),
        Found::Bool(b) => format!("`{b}`"),
        Found::Other(words) => words.clone(),
    };
    // The last named part of `statements[0].source` or `tags[2]`.
    let field = path
        .map(|p| p.rsplit('.').next().unwrap_or(p))
        .map(|f| f.split('[').next().unwrap_or(f));
    let in_list = path.is_some_and(|p| p.ends_with(']'));
    let what = match path {
        Some(p) => format!(
            "`{p}` should be {}, but it is {found}",
            expected_words(expected)
        ),
        None => format!("expected {}, but found {found}", expected_words(expected)),
    };
    (what, example(field, expected, in_list))
}

/// What serde says a field expects (a struct's name, a std type), in words.
fn expected_words(expected: &str) -> String {
    match expected {
        "struct Source" => "a source with `outlet:` and `url:`".to_string(),
        "struct StatementMeta" => {
            "a statement with `speaker:`, `date:` and a `quote:` or `summary:`".to_string()
        }
        "struct Correction" => "a correction with `date:` and `note:`".to_string(),
        "struct RoleMeta" => "a role with `title:` and `start:`".to_string(),
        "a sequence" => "a list".to_string(),
        "a string" => "a single text value".to_string(),
        "a boolean" => "`true` or `false`".to_string(),
        "usize" | "u64" | "u32" | "u16" | "u8" => "a whole number, 1 or more".to_string(),
        e if e.starts_with("struct ") => "a group of `key: value` fields".to_string(),
        e => e.to_string(),
    }
}

/// How to write `field` so it has the shape `expected`.
fn example(field: Option<&str>, expected: &str, in_list: bool) -> String {
    match (field, expected) {
        (Some("speaker"), _) => "write `speaker: vladimir-putin` for one speaker, or `speaker: [armenia, azerbaijan, russia]` for a joint statement".to_string(),
        (Some("source"), _) => "write the id of one of the briefing's sources (`source: tass`), or the source itself:\nsource:\n  outlet: TASS\n  url: \"https://tass.com/…\"".to_string(),
        (Some("sources"), _) => "write each source as a list item:\nsources:\n  - outlet: TASS\n    url: \"https://tass.com/…\"".to_string(),
        (Some("statements"), _) => "write each statement as a list item starting with `- `:\nstatements:\n  - speaker: vladimir-putin\n    date: 2020-10-02\n    summary: …".to_string(),
        (Some("roles"), _) => "write each role as a list item:\nroles:\n  - title: Prime Minister of Armenia\n    start: 2018-05-08".to_string(),
        (Some("corrections"), _) => "write each correction as a list item:\ncorrections:\n  - date: 2020-10-05\n    note: What was wrong and what we changed.".to_string(),
        (Some(f), "a sequence") => format!("write a list in brackets, `{f}: [a, b]`, or one `- item` per line"),
        (Some(f), "a string") if in_list => format!("write each item of `{f}` as plain text: `{f}: [a, b]`"),
        (Some(f), "a string") => format!("write `{f}: ` followed by the text on the same line; put it in quotes if it starts with `[`, `{{`, `-` or contains `: `"),
        (Some(f), "a boolean") => format!("write `{f}: true` or `{f}: false`"),
        (Some(f), "usize" | "u64" | "u32" | "u16" | "u8") => format!("write a number such as `{f}: 20`"),
        _ => "check the indentation: a field belongs under the item it is indented with".to_string(),
    }
}
