//! `languages:` in site.yaml: each code must be a BCP 47 primary language tag, once;
//! the first is the default and must agree with `language:` when both are given; a
//! language with neither built-in nor site strings is read in English (a warning).

use std::path::Path;

use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::model::{Config, is_primary_tag};
use crate::source::Listing;

/// Checks `config.languages` against the text of site.yaml, and sets `language`
/// to the first of them. Bad entries are dropped (after their error).
pub(super) fn check(config: &mut Config, text: &str, listing: &Listing) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if config.languages.is_empty() {
        return diags;
    }
    let path = Path::new("site.yaml");
    let mut seen: Vec<String> = Vec::new();
    let mut kept = Vec::with_capacity(config.languages.len());
    let mut all: Vec<String> = Vec::new();
    for lang in std::mem::take(&mut config.languages) {
        let nth = all.iter().filter(|c| **c == lang.code).count();
        all.push(lang.code.clone());
        let at = code_position(text, &lang.code, nth);
        if !is_primary_tag(&lang.code) {
            diags.push(
                Diagnostic::error(
                    path,
                    Code::BadLanguage,
                    format!("`{}` is not a language code", lang.code),
                )
                .at(at)
                .hint("write a BCP 47 primary language tag in lowercase, such as `en`, `ru`, `hy` or `ar` (no region: `pt`, not `pt-BR`)"),
            );
            continue;
        }
        if seen.contains(&lang.code) {
            diags.push(
                Diagnostic::error(
                    path,
                    Code::BadLanguage,
                    format!("the language `{}` is listed twice", lang.code),
                )
                .at(at)
                .hint("list each language once under `languages:`"),
            );
            continue;
        }
        seen.push(lang.code.clone());
        diags.extend(no_strings(&lang.code, listing, at));
        kept.push(lang);
    }
    config.languages = kept;
    if let Some(first) = config.languages.first() {
        if has_key(text, "language") && config.language != first.code {
            diags.push(
                Diagnostic::error(
                    path,
                    Code::LanguageMismatch,
                    format!(
                        "`language: {}` disagrees with the first of `languages:`, `{}`",
                        config.language, first.code
                    ),
                )
                .at(key_value_position(text, "language"))
                .hint("the first of `languages:` is the site's default language: remove `language:` or make them agree"),
            );
        }
        config.language = first.code.clone();
    }
    diags
}

/// A language with neither built-in strings nor the site's `i18n/<code>.ftl`: its
/// pages are worded in English.
fn no_strings(code: &str, listing: &Listing, at: Pos) -> Option<Diagnostic> {
    let file = format!("{code}.ftl");
    if crate::i18n::builtin(code).is_some() || listing.locales.iter().any(|(n, _)| *n == file) {
        return None;
    }
    Some(
        Diagnostic::warning(
            Path::new("site.yaml"),
            Code::MissingMessages,
            format!("sitroom has no strings for `{code}`: its pages will use the English ones"),
        )
        .at(at)
        .hint(format!(
            "write the theme's strings in i18n/{file} (built in: {})",
            crate::i18n::BUILTIN.map(|(c, _)| c).join(", ")
        )),
    )
}

fn has_key(text: &str, key: &str) -> bool {
    text.lines().any(|l| {
        l.strip_prefix(key)
            .is_some_and(|r| r.trim_start().starts_with(':'))
    })
}

fn key_value_position(text: &str, key: &str) -> Pos {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
            let at = offset + key.len() + 1 + (rest.len() - rest.trim_start().len());
            return Pos::of_offset(text, at);
        }
        offset += line.len();
    }
    Pos { line: 1, col: 1 }
}

/// Where the `nth` (from 0) `code: <code>` sits below `languages:` (the value's
/// first character).
fn code_position(text: &str, code: &str, nth: usize) -> Pos {
    let mut skip = nth;
    let start = text.find("\nlanguages:").map_or(0, |i| i + 1);
    let rest = &text[start..];
    let mut search = 0;
    while let Some(i) = rest[search..].find("code:") {
        let after = search + i + "code:".len();
        let value = rest[after..].trim_start();
        let skipped = rest[after..].len() - value.len();
        let bare = value.trim_start_matches(['"', '\'']);
        if bare.starts_with(code)
            && !bare[code.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '-')
        {
            if skip == 0 {
                return Pos::of_offset(text, start + after + skipped);
            }
            skip -= 1;
        }
        search = after;
    }
    Pos::of_offset(text, start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primary_tags_only() {
        for ok in ["en", "hy", "ar", "ru", "fil"] {
            assert!(is_primary_tag(ok), "{ok}");
        }
        for bad in ["EN", "pt-BR", "english", "", "e", "zh-Hant", "x"] {
            assert!(!is_primary_tag(bad), "{bad}");
        }
    }
}
