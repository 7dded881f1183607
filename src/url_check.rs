//! Which URLs may become a clickable `href`: the scheme a browser would see, read the
//! way browsers read it, so `JaVaScRiPt:`, ` javascript:` and `java\tscript:` are all
//! caught.

/// Schemes a link may use. Everything else (`javascript:`, `data:`, `vbscript:`,
/// `file:` …) is refused: a click on it can run code or open local files.
pub const ALLOWED: [&str; 3] = ["http", "https", "mailto"];

/// What the words "allowed URLs" mean, for hints.
pub const ALLOWED_TEXT: &str =
    "http://, https://, mailto: or a relative URL (such as /about/ or #sources)";

/// The scheme of `url` in lowercase, as a browser parses it, or `None` for a
/// relative URL. Like the WHATWG URL parser, it ignores leading and trailing
/// control characters and spaces, and tabs and line breaks anywhere.
pub fn scheme(url: &str) -> Option<String> {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let mut scheme = String::new();
    for c in trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')) {
        match c {
            ':' if !scheme.is_empty() => return Some(scheme),
            c if c.is_ascii_alphabetic() => scheme.push(c.to_ascii_lowercase()),
            c if !scheme.is_empty() && (c.is_ascii_digit() || "+-.".contains(c)) => {
                scheme.push(c);
            }
            // Anything else before a `:` makes the URL relative (`a b:c`, `/x:y`).
            _ => return None,
        }
    }
    None
}

/// The refused scheme of `url`, if it has one.
pub fn refused_scheme(url: &str) -> Option<String> {
    scheme(url).filter(|s| !ALLOWED.contains(&s.as_str()))
}

/// A Wikidata item id: `Q` and a number without leading zeros (`Q42`).
pub fn is_wikidata_id(id: &str) -> bool {
    id.strip_prefix('Q').is_some_and(|n| {
        !n.is_empty() && !n.starts_with('0') && n.bytes().all(|b| b.is_ascii_digit())
    })
}

/// The item id someone most likely meant: `q42`, ` Q42 ` or
/// `https://www.wikidata.org/wiki/Q42` → `Q42`.
pub fn wikidata_guess(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    (0..bytes.len()).rev().find_map(|i| {
        if !matches!(bytes[i], b'Q' | b'q') || (i > 0 && bytes[i - 1].is_ascii_alphanumeric()) {
            return None;
        }
        let digits: String = value[i + 1..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let id = format!("Q{digits}");
        let rest = &value[i + 1 + digits.len()..];
        (is_wikidata_id(&id) && !rest.starts_with(|c: char| c.is_ascii_alphanumeric()))
            .then_some(id)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_schemes_as_browsers_do() {
        assert_eq!(scheme("https://x.org/").as_deref(), Some("https"));
        assert_eq!(scheme("JaVaScRiPt:alert(1)").as_deref(), Some("javascript"));
        assert_eq!(scheme("  javascript:x").as_deref(), Some("javascript"));
        assert_eq!(
            scheme("\u{1}\u{1b}javascript:x").as_deref(),
            Some("javascript")
        );
        assert_eq!(scheme("java\tscr\nipt:x").as_deref(), Some("javascript"));
        assert_eq!(scheme("data:text/html,x").as_deref(), Some("data"));
        assert_eq!(scheme("view-source:x").as_deref(), Some("view-source"));
        for relative in [
            "/about/",
            "page.html",
            "#s-1",
            "?q=a:b",
            "//cdn/x",
            "a b:c",
            "",
            "1x:y",
        ] {
            assert_eq!(scheme(relative), None, "{relative}");
        }
    }

    #[test]
    fn refuses_all_but_the_web_and_mail() {
        assert_eq!(refused_scheme("mailto:a@b.org"), None);
        assert_eq!(refused_scheme("HTTP://x"), None);
        assert_eq!(refused_scheme("/x"), None);
        assert_eq!(refused_scheme("vbscript:x").as_deref(), Some("vbscript"));
        assert_eq!(
            refused_scheme("file:///etc/passwd").as_deref(),
            Some("file")
        );
    }

    #[test]
    fn wikidata_ids_are_q_and_digits() {
        assert!(is_wikidata_id("Q42"));
        for bad in [
            "q42",
            "Q",
            "Q042",
            "Q42x",
            "javascript:alert(1)",
            " Q42",
            "P31",
        ] {
            assert!(!is_wikidata_id(bad), "{bad}");
        }
        assert_eq!(
            wikidata_guess("https://www.wikidata.org/wiki/Q7747").as_deref(),
            Some("Q7747")
        );
        assert_eq!(wikidata_guess("q42").as_deref(), Some("Q42"));
        assert_eq!(wikidata_guess("javascript:alert(1)"), None);
        assert_eq!(wikidata_guess("Qx"), None);
    }
}
