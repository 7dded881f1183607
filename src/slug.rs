//! Readable ASCII slugs for URLs, heading ids and file names.

/// The longest name a file system takes for a folder, in bytes: `slugify` never
/// makes a longer slug, whatever it is given.
pub const FS_MAX: usize = 255;

/// `"Pashinyan speaks with Putin, Macron & O'Brien"` → `pashinyan-speaks-with-putin-macron-obrien`.
/// Non-ASCII letters are transliterated (`Erdoğan` → `erdogan`, `Пашинян` → `pashinian`).
/// A slug longer than [`FS_MAX`] is cut at the last word that fits (content checks
/// refuse slugs past [`MAX_LEN`] with a diagnostic before that matters).
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut out = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            let dash = pending_dash && !out.is_empty();
            if out.len() + usize::from(dash) >= FS_MAX {
                // Too long: end at the last whole word, unless there is only one.
                if !dash && let Some(end) = out.rfind('-') {
                    out.truncate(end);
                }
                break;
            }
            if dash {
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

/// Whether `id` is a valid actor id or slug: lowercase ASCII letters, digits and `-`,
/// short enough to name a folder. (Content checks report ids past [`MAX_LEN`] with
/// their own message.)
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= FS_MAX
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
        assert!(is_valid_id(&"a".repeat(FS_MAX)));
        assert!(!is_valid_id(&"a".repeat(FS_MAX + 1)));
    }

    #[test]
    fn cuts_long_slugs_at_a_word() {
        let long = "word ".repeat(100);
        let slug = slugify(&long);
        assert!(slug.len() <= FS_MAX && slug.ends_with("word"), "{slug}");
        assert_eq!(slugify(&"a".repeat(300)), "a".repeat(FS_MAX));
        // `中` becomes `zhong`: 41 × `zhong-` and a last whole `zhong`.
        assert_eq!(slugify(&"中".repeat(200)).len(), 41 * 6 + 5);
    }
}
