//! Invisible control characters: which ones sitroom refuses, what they are called,
//! and how Markdown bodies are cleaned of them. They make `atom.xml` and
//! `sitemap.xml` ill-formed (XML 1.0 forbids them), are parse errors in HTML, and
//! can rewrite a terminal when a CSV file is printed.

use std::borrow::Cow;

/// True for characters no output may hold: the C0 controls except tab, line feed
/// and carriage return (CR ends lines in CRLF files), DEL, the C1 controls, and
/// Unicode noncharacters (U+FFFE and U+FFFF are not XML characters at all).
pub fn is_forbidden(c: char) -> bool {
    let n = u32::from(c);
    (n < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7f..=0x9f).contains(&n)
        || (0xfdd0..=0xfdef).contains(&n)
        || n & 0xfffe == 0xfffe
}

/// True for characters no *value* may hold: the forbidden ones and CR, which only
/// a YAML escape (`"\r"`) can put inside a value.
pub fn is_forbidden_in_value(c: char) -> bool {
    is_forbidden(c) || c == '\r'
}

/// `U+001B (escape)`: how messages name a character nobody can see.
pub fn describe(c: char) -> String {
    const C0: [&str; 32] = [
        "null",
        "start of heading",
        "start of text",
        "end of text",
        "end of transmission",
        "enquiry",
        "acknowledge",
        "bell",
        "backspace",
        "tab",
        "line feed",
        "vertical tab",
        "form feed",
        "carriage return",
        "shift out",
        "shift in",
        "data link escape",
        "device control one",
        "device control two",
        "device control three",
        "device control four",
        "negative acknowledge",
        "synchronous idle",
        "end of transmission block",
        "cancel",
        "end of medium",
        "substitute",
        "escape",
        "file separator",
        "group separator",
        "record separator",
        "unit separator",
    ];
    let n = u32::from(c);
    let name = match n {
        0..=0x1f => C0[n as usize],
        0x7f => "delete",
        0x80..=0x9f => "a C1 control character",
        _ if is_forbidden(c) => "a Unicode noncharacter",
        _ => return format!("U+{n:04X}"),
    };
    format!("U+{n:04X} ({name})")
}

/// `text` with every character that `forbidden` picks written as `\u{1b}`, for
/// messages that quote a value: nothing invisible reaches the terminal.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_forbidden_in_value) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if is_forbidden_in_value(c) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// The first forbidden character of `text` and its byte offset, then how many
/// more there are, and the offsets of the first few of those.
pub fn find(text: &str) -> Option<Found> {
    let mut hits = text.char_indices().filter(|&(_, c)| is_forbidden(c));
    let (offset, c) = hits.next()?;
    let mut more = 0;
    let mut next = Vec::new();
    for (i, _) in hits {
        more += 1;
        if next.len() < Found::LISTED {
            next.push(i);
        }
    }
    Some(Found {
        offset,
        c,
        more,
        next,
    })
}

/// Where control characters sit in a text (see [`find`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub offset: usize,
    pub c: char,
    /// How many more forbidden characters follow.
    pub more: usize,
    /// The offsets of the first [`Found::LISTED`] of those.
    pub next: Vec<usize>,
}

impl Found {
    pub const LISTED: usize = 5;
}

/// A Markdown body without its forbidden characters, and what was taken out:
/// `(offset in the original, the character)`, in order.
pub struct Cleaned<'a> {
    pub text: Cow<'a, str>,
    pub removed: Vec<(usize, char)>,
}

impl Cleaned<'_> {
    /// Maps a byte offset in the cleaned text back to the original.
    pub fn original_offset(&self, clean: usize) -> usize {
        let mut offset = clean;
        for &(at, c) in &self.removed {
            if at > offset {
                break;
            }
            offset += c.len_utf8();
        }
        offset
    }
}

/// True if `text` holds a forbidden character. Most text has none: its bytes
/// are first scanned a block at a time (which the compiler vectorises) for the
/// few that can start one, and only text with such a byte is read character by
/// character.
pub fn has_forbidden(text: &str) -> bool {
    /// A byte that is, or leads, a forbidden character: a C0 control but tab,
    /// line feed and CR; DEL; 0xC2 (U+0080 to U+00BF, the C1 controls among
    /// them); 0xEF (U+F000 to U+FFFF: U+FDD0 to U+FDEF, U+FFFE, U+FFFF); and the
    /// leads of four-byte characters (the noncharacters ending each plane).
    fn suspect(b: u8) -> bool {
        (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r')
            | (b == 0x7f)
            | (b == 0xc2)
            | (b >= 0xef)
    }
    let suspects = |block: &[u8]| block.iter().fold(false, |any, &b| any | suspect(b));
    text.as_bytes().chunks(64).any(suspects) && text.chars().any(is_forbidden)
}

/// Removes every forbidden character from `text`; borrows when there is none.
pub fn strip(text: &str) -> Cleaned<'_> {
    if !has_forbidden(text) {
        return Cleaned {
            text: Cow::Borrowed(text),
            removed: Vec::new(),
        };
    }
    let removed: Vec<(usize, char)> = text
        .char_indices()
        .filter(|&(_, c)| is_forbidden(c))
        .collect();
    if removed.is_empty() {
        return Cleaned {
            text: Cow::Borrowed(text),
            removed,
        };
    }
    let clean = text.chars().filter(|&c| !is_forbidden(c)).collect();
    Cleaned {
        text: Cow::Owned(clean),
        removed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_scan_finds_what_the_character_test_finds() {
        let samples = [
            "plain ASCII text, with tabs\tand\r\nline ends",
            "Ереван — يريفان, «quoted» \u{a0}non-breaking © 2024",
            "a bell\u{7} in it",
            "a DEL \u{7f}",
            "C1 \u{85} next line",
            "noncharacter \u{fdd0} and \u{fdef}",
            "\u{fffe} and \u{ffff}",
            "plane end \u{1fffe} \u{10ffff}",
            "emoji 😀 and \u{feff} and \u{fffd} and \u{f8ff}",
        ];
        for base in samples {
            // At every offset in a 64-byte block, and across a block's end.
            for pad in [0, 1, 31, 63, 64, 65] {
                let text = format!("{}{base}", "x".repeat(pad));
                assert_eq!(
                    has_forbidden(&text),
                    text.chars().any(is_forbidden),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn refuses_what_xml_and_html_refuse() {
        for c in [
            '\0', '\u{1}', '\u{b}', '\u{c}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}',
        ] {
            assert!(is_forbidden(c), "{c:?}");
        }
        for c in [
            '\u{fffe}',
            '\u{ffff}',
            '\u{fdd0}',
            '\u{1fffe}',
            '\u{10ffff}',
        ] {
            assert!(is_forbidden(c), "{c:?}");
        }
        for c in [
            '\t', '\n', '\r', ' ', 'a', 'é', '\u{a0}', '\u{feff}', '\u{fffd}', '😀',
        ] {
            assert!(!is_forbidden(c), "{c:?}");
        }
        assert!(is_forbidden_in_value('\r'));
    }

    #[test]
    fn names_the_character() {
        assert_eq!(describe('\u{1b}'), "U+001B (escape)");
        assert_eq!(describe('\0'), "U+0000 (null)");
        assert_eq!(describe('\u{b}'), "U+000B (vertical tab)");
        assert_eq!(describe('\u{7f}'), "U+007F (delete)");
        assert_eq!(describe('\u{85}'), "U+0085 (a C1 control character)");
        assert_eq!(describe('\u{ffff}'), "U+FFFF (a Unicode noncharacter)");
    }

    #[test]
    fn strips_and_maps_offsets_back() {
        let text = "a\u{1b}b\u{85}c\r\nd\0";
        let cleaned = strip(text);
        assert_eq!(cleaned.text, "abc\r\nd");
        let at = |needle: &str| cleaned.text.find(needle).unwrap();
        for needle in ["a", "b", "c", "d"] {
            assert_eq!(
                &text[cleaned.original_offset(at(needle))..][..1],
                needle,
                "{needle}"
            );
        }
        assert!(matches!(strip("clean\r\n").text, Cow::Borrowed(_)));
    }

    #[test]
    fn finds_the_first_and_counts_the_rest() {
        let f = find("ok\u{1b}x\u{b}y\0").unwrap();
        assert_eq!(
            (f.offset, f.c, f.more, f.next),
            (2, '\u{1b}', 2, vec![4, 6])
        );
        assert_eq!(find("fine\r\n\ttoo"), None);
        assert_eq!(visible("a\u{1b}b"), "a\\u{1b}b");
    }
}
