//! Words and stems: Unicode word boundaries (UAX #29, as the browser's
//! `Intl.Segmenter` draws them), lower case, and Snowball stemming per language.

use std::borrow::Cow;

use pagefind_stem::{Algorithm, Stemmer as Snowball};
use unicode_segmentation::UnicodeSegmentation;

/// Longer "words" (hashes, run-together garbage) are not indexed.
pub const MAX_WORD_BYTES: usize = 64;

/// The searchable words of `text`, normalised as the client normalises a query:
/// lower case, typographic apostrophes made plain, apostrophes at the ends dropped.
pub fn words(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    text.unicode_words().filter_map(normalize)
}

/// One word as the index keys it, or `None` when nothing searchable is left.
/// Borrowed when the word is already plain lower-case ASCII (most words).
pub fn normalize(word: &str) -> Option<Cow<'_, str>> {
    if word.len() > MAX_WORD_BYTES * 4 {
        return None;
    }
    let plain =
        |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'.' | b',');
    let normal: Cow<str> = if word.bytes().all(plain) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(
            word.to_lowercase()
                .replace(['\u{2019}', '\u{02bc}'], "'")
                .trim_matches('\'')
                .to_string(),
        )
    };
    (!normal.is_empty() && normal.len() <= MAX_WORD_BYTES).then_some(normal)
}

/// The Snowball stemmer of one language; languages without one keep words whole.
pub struct Stemmer(Option<Snowball>);

impl Stemmer {
    /// The stemmer for a language code (`en`, `ru`, `hy`, `ar`, or a longer tag
    /// such as `en-GB`).
    pub fn for_language(code: &str) -> Stemmer {
        let primary = code
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let algorithm = match primary.as_str() {
            "en" => Some(Algorithm::English),
            "ru" => Some(Algorithm::Russian),
            "hy" => Some(Algorithm::Armenian),
            "ar" => Some(Algorithm::Arabic),
            _ => None,
        };
        Stemmer(algorithm.map(Snowball::create))
    }

    /// The stem of a normalised word; never empty.
    pub fn stem(&self, word: &str) -> String {
        match &self.0 {
            Some(s) => {
                let stem = s.stem(word);
                if stem.is_empty() {
                    word.to_string()
                } else {
                    stem.into_owned()
                }
            }
            None => word.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        words(text).map(Cow::into_owned).collect()
    }

    #[test]
    fn words_follow_unicode_boundaries_and_fold_case() {
        assert_eq!(
            all("The Cease-fire, signed 3 Oct. 2020 (Baku’s side) — “holds”."),
            [
                "the", "cease", "fire", "signed", "3", "oct", "2020", "baku's", "side", "holds"
            ]
        );
        assert_eq!(all("Пашинян ЗАЯВИЛ: «Нет»"), ["пашинян", "заявил", "нет"]);
        assert_eq!(
            all("<script>alert(1)</script>"),
            ["script", "alert", "1", "script"]
        );
        assert_eq!(all("1,000.5 people"), ["1,000.5", "people"]);
    }

    #[test]
    fn overlong_and_empty_words_are_dropped() {
        let long = "a".repeat(MAX_WORD_BYTES + 1);
        assert_eq!(all(&format!("ok {long} fine")), ["ok", "fine"]);
        assert_eq!(normalize("''"), None);
    }

    #[test]
    fn stems_join_the_forms_of_a_word() {
        let en = Stemmer::for_language("en-GB");
        let stems: Vec<String> = ["negotiations", "negotiating", "negotiated"]
            .iter()
            .map(|w| en.stem(w))
            .collect();
        assert_eq!(stems, ["negoti", "negoti", "negoti"]);
        assert_eq!(en.stem("baku's"), "baku");
        let ru = Stemmer::for_language("ru");
        assert_eq!(ru.stem("переговоры"), ru.stem("переговоров"));
        let hy = Stemmer::for_language("hy");
        assert_ne!(hy.stem("բանակցությունները"), "բանակցությունները");
        let ar = Stemmer::for_language("ar");
        assert_ne!(ar.stem("المفاوضات"), "المفاوضات");
    }

    #[test]
    fn unknown_languages_keep_words_whole() {
        assert_eq!(
            Stemmer::for_language("de").stem("verhandlungen"),
            "verhandlungen"
        );
        assert_eq!(Stemmer::for_language("").stem("talks"), "talks");
    }
}
