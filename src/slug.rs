//! Readable ASCII slugs for URLs, heading ids and file names.

/// `"Pashinyan speaks with Putin, Macron & O'Brien"` → `pashinyan-speaks-with-putin-macron-obrien`.
/// Non-ASCII letters are transliterated (`Erdoğan` → `erdogan`, `Пашинян` → `pashinian`).
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut out = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else if c != '\'' && c != '’' {
            pending_dash = true;
        }
    }
    out
}

/// The longest slug, in bytes. Slugs become folder names (most file systems stop
/// at 255 bytes) and URLs people read; 100 is plenty for either.
pub const MAX_LEN: usize = 100;

/// Whether `id` is a valid actor id or slug: lowercase ASCII letters, digits and `-`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_readable_ascii() {
        assert_eq!(
            slugify("Pashinyan speaks with Putin, Macron & O'Brien"),
            "pashinyan-speaks-with-putin-macron-obrien"
        );
        assert_eq!(slugify("Recep Tayyip Erdoğan"), "recep-tayyip-erdogan");
        assert_eq!(slugify("  --Hello--  "), "hello");
        assert!(slugify("Никол Пашинян").starts_with("nikol-pash"));
    }

    #[test]
    fn validates_ids() {
        assert!(is_valid_id("vladimir-putin"));
        assert!(!is_valid_id("Vladimir"));
        assert!(!is_valid_id("a_b"));
        assert!(!is_valid_id(""));
    }
}
