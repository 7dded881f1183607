//! Words and stems: Unicode word boundaries (UAX #29, as the browser's
//! `Intl.Segmenter` draws them), lower case, and Snowball stemming per language.

use std::borrow::Cow;

use pagefind_stem::{Algorithm, Stemmer as Snowball};
use unicode_segmentation::UnicodeSegmentation;

/// Longer "words" (hashes, run-together garbage) are not indexed.
pub const MAX_WORD_BYTES: usize = 64;

/// The searchable words of `text`, normalised as the client normalises a query:
/// lower case, typographic apostrophes made plain, apostrophes at the ends dropped.
/// The reference for [`each_word`], which gives the same words faster.
#[cfg(test)]
pub fn words(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    text.unicode_words().filter_map(normalize)
}

/// One word of a text as [`each_word`] hands it over: a slice of the text when
/// the text already holds it normalised, else made in a buffer that the next
/// word reuses (copy it to keep it).
pub enum Word<'t, 'b> {
    InText(&'t str),
    Made(&'b str),
}

impl<'t> Word<'t, '_> {
    pub fn as_str(&self) -> &str {
        match self {
            Word::InText(w) => w,
            Word::Made(w) => w,
        }
    }

    /// The word to keep: borrowed from the text where it can be.
    pub fn keep(&self) -> Cow<'t, str> {
        match *self {
            Word::InText(w) => Cow::Borrowed(w),
            Word::Made(w) => Cow::Owned(w.to_string()),
        }
    }
}

/// Calls `f` with each of the words [`words`] gives, in order, without the
/// Unicode tables where the text is ASCII and without allocating a word.
///
/// The text is cut into runs that UAX #29 segments independently: a cut goes
/// right after a space, tab or line feed and right before a printable ASCII
/// character. No rule joins across such a place (WB3a breaks after a line feed;
/// a space or tab is neither a letter, a number, a joiner nor a regional
/// indicator that a rule looks back or ahead to, and what follows is not an
/// extending mark that WB4 would attach to it). A run that is all ASCII is
/// segmented by [`ascii_words`]; the others by `unicode-segmentation`.
pub fn each_word<'t>(text: &'t str, f: &mut impl FnMut(Word<'t, '_>)) {
    let bytes = text.as_bytes();
    let mut buffer = String::new();
    let mut start = 0;
    while start < bytes.len() {
        let Some(k) = bytes[start..].iter().position(|b| !b.is_ascii()) else {
            ascii_words(&text[start..], &mut buffer, f);
            return;
        };
        let first = start + k;
        // The ASCII part before the last cut ahead of the non-ASCII character.
        let cut = (start + 1..first)
            .rev()
            .find(|&p| is_cut(bytes, p))
            .unwrap_or(start);
        ascii_words(&text[start..cut], &mut buffer, f);
        // The rest up to the first cut after it, with the Unicode rules.
        let end = (first + 1..bytes.len())
            .find(|&p| is_cut(bytes, p))
            .unwrap_or(bytes.len());
        for word in text[cut..end].unicode_words() {
            match normalize(word) {
                Some(Cow::Borrowed(w)) => f(Word::InText(w)),
                Some(Cow::Owned(w)) => f(Word::Made(&w)),
                None => {}
            }
        }
        start = end;
    }
}

/// Whether UAX #29 segments `bytes[..p]` and `bytes[p..]` on their own (see
/// [`each_word`]).
fn is_cut(bytes: &[u8], p: usize) -> bool {
    matches!(bytes[p - 1], b' ' | b'\t' | b'\n') && bytes[p].is_ascii_graphic()
}

/// The words of an ASCII `text`, as `unicode-segmentation` segments ASCII: a word
/// is a run of letters, digits and `_` that also takes `.`, `,`, `;` or `'`
/// between two digits and `.`, `:` or `'` between two letters (WB6, WB7, WB11,
/// WB12), and has a letter or digit. Normalised as [`normalize`] does, which for
/// ASCII is: lower case, and dropped when longer than [`MAX_WORD_BYTES`] (a run
/// neither starts nor ends with an apostrophe).
fn ascii_words<'t>(text: &'t str, buffer: &mut String, f: &mut impl FnMut(Word<'t, '_>)) {
    let core = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        if !core(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let (mut alphanumeric, mut upper) = (false, false);
        while i < n {
            let b = bytes[i];
            if core(b) {
                alphanumeric |= b != b'_';
                upper |= b.is_ascii_uppercase();
            } else if i + 1 < n && is_infix(b, bytes[i - 1], bytes[i + 1]) {
                // Both neighbours are letters or digits: the loop sees them.
            } else {
                break;
            }
            i += 1;
        }
        if !alphanumeric || i - start > MAX_WORD_BYTES {
            continue;
        }
        let word = &text[start..i];
        if upper {
            buffer.clear();
            buffer.push_str(word);
            buffer.make_ascii_lowercase();
            f(Word::Made(buffer));
        } else {
            f(Word::InText(word));
        }
    }
}

/// Whether punctuation `b` between `prev` and `next` stays inside a word.
fn is_infix(b: u8, prev: u8, next: u8) -> bool {
    match b {
        b'.' | b',' | b';' | b'\'' if prev.is_ascii_digit() && next.is_ascii_digit() => true,
        b'\'' | b'.' | b':' => prev.is_ascii_alphabetic() && next.is_ascii_alphabetic(),
        _ => false,
    }
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

    /// The words [`each_word`] gives.
    fn fast(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        each_word(text, &mut |w| out.push(w.as_str().to_string()));
        out
    }

    /// Text that the ASCII fast path and the Unicode rules could split apart.
    const TRICKY: &[&str] = &[
        "",
        " ",
        "The Cease-fire, signed 3 Oct. 2020 (Baku’s side) — “holds”.",
        "don't Don't DON'T 'quoted' o'clock rock'n'roll ’tis ʼok",
        "e.g. U.S.A. a.b.c. a..b a.1 1.a 1.5.6 1,000,000.25 1;2 1'2 1:2 a:b http://x.org/a_b",
        "well-known re-elected -5 5- x--y",
        "__ _a a_ a_1 1_a ___ _",
        "CAFÉ café cafe\u{301} e\u{301}x \u{301}x x \u{301}y",
        "Пашинян ЗАЯВИЛ: «Нет» and then English again.",
        "Հայաստան Armenia العربية Arabic עברית מ\"ר Hebrew ש״ח",
        "👍 ok 👍🏽 ok👍 🏳️‍🌈 flag 🇦🇲🇦🇿 x🇦🇲y",
        "a\u{200d}b a \u{200d} b\u{200b}c d\u{00ad}e f\u{2060}g h\u{a0}i j\u{3000}k",
        "tab\tseparated\nline\r\nwindows\rold mac\u{85}next\u{2028}line",
        "東京 tokyo カタカナ katakana ｱｲｳ 한국어",
        "1\u{fe0f}\u{20e3} #\u{fe0f}\u{20e3} ©2020 ®",
        "word\u{301} \u{301} \u{301}\u{301} a",
    ];

    #[test]
    fn the_fast_path_gives_the_words_of_the_unicode_rules() {
        for text in TRICKY {
            assert_eq!(fast(text), all(text), "{text:?}");
        }
        let long = "a".repeat(MAX_WORD_BYTES + 1);
        let text = format!("ok {long} {} fine Ab{long}", &long[1..]);
        assert_eq!(fast(&text), all(&text));
    }

    #[test]
    fn ascii_words_are_borrowed_unless_they_need_lowering() {
        let mut kinds = Vec::new();
        each_word("plain Upper don't x’y", &mut |w| {
            kinds.push((w.as_str().to_string(), matches!(w, Word::InText(_))));
        });
        assert_eq!(
            kinds,
            [
                ("plain".into(), true),
                ("upper".into(), false),
                ("don't".into(), true),
                ("x'y".into(), false)
            ]
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn the_fast_path_agrees_on_random_text(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    6 => proptest::sample::select(ASCII),
                    1 => proptest::sample::select(OTHER),
                ],
                0..60,
            )
        ) {
            let text: String = pieces.concat();
            proptest::prop_assert_eq!(fast(&text), all(&text));
        }

        #[test]
        fn the_fast_path_agrees_on_any_text(text in "\\PC{0,60}") {
            proptest::prop_assert_eq!(fast(&text), all(&text));
        }
    }

    /// What random text is made of: the characters that the word rules treat
    /// differently, ASCII (mostly, as in a briefing)…
    const ASCII: &[&str] = &[
        "a", "Z", "q", "x", "1", "0", "9", "_", ".", ",", ";", ":", "'", "\"", "-", " ", "  ",
        "\t", "\n", "\r", "\r\n", "(", ")", "/", "#", "*", "word", "Word", "2020",
    ];

    /// … and not.
    const OTHER: &[&str] = &[
        "’", "ʼ", "“", "”", "—", "é", "É", "\u{301}", "\u{200d}", "\u{200b}", "\u{ad}", "\u{2060}",
        "\u{a0}", "\u{3000}", "\u{85}", "\u{2028}", "\u{fe0f}", "\u{20e3}", "👍", "🏽", "🏳", "🌈",
        "🇦", "🇲", "©", "ж", "Ж", "ա", "ع", "א", "״", "׳", "東", "カ", "ｱ", "한", "١", "٫", "·",
        "\u{5f3}", "\u{ff0e}", "\u{fe13}", "ß", "İ", "ǅ",
    ];

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
