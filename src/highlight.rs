//! Syntax highlighting of fenced code with CSS classes, and the matching stylesheet.

use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Syntax definitions are immutable and slow to load: load them once per process.
fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

fn themes() -> &'static ThemeSet {
    static THEMES: OnceLock<ThemeSet> = OnceLock::new();
    THEMES.get_or_init(ThemeSet::load_defaults)
}

/// The names of the built-in highlight themes, sorted.
pub fn theme_names() -> Vec<&'static str> {
    themes().themes.keys().map(String::as_str).collect()
}

/// The page backgrounds of the default theme (`static/style.css`, `--bg`) that code
/// sits on, light and dark.
const PAGE_BG_LIGHT: Rgb = Rgb(0xfd, 0xfd, 0xfc);
const PAGE_BG_DARK: Rgb = Rgb(0x14, 0x17, 0x1b);

/// The built-in counterparts used for the other colour scheme than the chosen theme's.
const LIGHT_FALLBACK: &str = "InspiredGitHub";
const DARK_FALLBACK: &str = "base16-ocean.dark";

/// WCAG 2 AA contrast for normal text.
const MIN_CONTRAST: f64 = 4.5;

/// The stylesheet for `theme`, or `None` if no such theme exists.
///
/// The chosen theme styles its own colour scheme (a light theme the light page, a dark
/// one the dark page) and a built-in counterpart the other, each inside its own
/// `prefers-color-scheme` block so no rule of one leaks into the other (print is light). Every colour is
/// darkened or lightened just enough to reach 4.5:1 against the page, and themes'
/// backgrounds are dropped: code sits on the page's own background.
pub fn css(theme: &str) -> Option<String> {
    let chosen = themes().themes.get(theme)?;
    let (light, dark) = if is_dark(chosen) {
        (themes().themes.get(LIGHT_FALLBACK)?, chosen)
    } else {
        (chosen, themes().themes.get(DARK_FALLBACK)?)
    };
    let light = css_for_theme_with_class_style(light, CLASS_STYLE).ok()?;
    let dark = css_for_theme_with_class_style(dark, CLASS_STYLE).ok()?;
    Some(format!(
        "@media print, (prefers-color-scheme: light) {{\n{}}}\n@media screen and (prefers-color-scheme: dark) {{\n{}}}\n",
        legible(&light, PAGE_BG_LIGHT),
        legible(&dark, PAGE_BG_DARK)
    ))
}

fn is_dark(theme: &syntect::highlighting::Theme) -> bool {
    theme
        .settings
        .background
        .is_some_and(|c| Rgb(c.r, c.g, c.b).luminance() < 0.2)
}

/// `css` with each `color: #rrggbb[aa]` raised to [`MIN_CONTRAST`] against `bg`, and
/// `background-color` declarations removed.
fn legible(css: &str, bg: Rgb) -> String {
    let mut out = String::with_capacity(css.len());
    for line in css.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("background-color:") {
            continue;
        }
        match trimmed
            .strip_prefix("color: #")
            .and_then(|rest| rest.strip_suffix(';'))
            .and_then(|hex| Rgb::parse(hex).map(|c| (c, &hex[6..])))
        {
            Some((color, alpha)) => {
                let c = color.with_contrast(bg, MIN_CONTRAST);
                out.push_str(&format!(
                    " color: #{:02x}{:02x}{:02x}{alpha};",
                    c.0, c.1, c.2
                ));
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rgb(u8, u8, u8);

impl Rgb {
    /// The first six hex digits of `hex` (`969896`, or `969896ff` with alpha).
    fn parse(hex: &str) -> Option<Rgb> {
        if !matches!(hex.len(), 6 | 8) || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    /// WCAG relative luminance.
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// This colour mixed towards black (on a light `bg`) or white (on a dark one) in
    /// small steps until it reaches `min` contrast with `bg`.
    fn with_contrast(self, bg: Rgb, min: f64) -> Rgb {
        let target = if bg.luminance() > 0.5 { 0.0 } else { 255.0 };
        let mix = |c: u8, t: f64| -> u8 {
            // In 0..=255 by construction: a blend of two values in that range.
            (f64::from(c) + (target - f64::from(c)) * t).round() as u8
        };
        (0..=20)
            .map(|step| {
                let t = f64::from(step) / 20.0;
                Rgb(mix(self.0, t), mix(self.1, t), mix(self.2, t))
            })
            .find(|c| c.contrast(bg) >= min)
            .unwrap_or(self)
    }
}

/// Highlights `code` written in `lang` (a fence's first word) as classed HTML
/// spans; unknown languages come back escaped but unhighlighted. The `<pre>` takes
/// keyboard focus (`tabindex="0"`) so a keyboard user can scroll a wide block.
pub fn code_block(code: &str, lang: &str) -> String {
    let lang_attr = escape_attr(lang);
    let set = syntaxes();
    let syntax = (!lang.is_empty())
        .then(|| set.find_syntax_by_token(lang))
        .flatten();
    let inner = match syntax {
        Some(syntax) => {
            let mut generator =
                ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
            let ok = LinesWithEndings::from(code).all(|line| {
                generator
                    .parse_html_for_line_which_includes_newline(line)
                    .is_ok()
            });
            if ok {
                generator.finalize()
            } else {
                escape_text(code)
            }
        }
        None => escape_text(code),
    };
    if lang.is_empty() {
        format!("<pre class=\"code\" tabindex=\"0\"><code>{inner}</code></pre>\n")
    } else {
        format!(
            "<pre class=\"code\" data-lang=\"{lang_attr}\" tabindex=\"0\"><code class=\"language-{lang_attr}\">{inner}</code></pre>\n"
        )
    }
}

fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html_body_text(&mut out, s).expect("writing to a String");
    out
}

fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).expect("writing to a String");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_known_languages_with_classes() {
        let html = code_block("fn main() {}\n", "rust");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(html.starts_with("<pre class=\"code\" data-lang=\"rust\" tabindex=\"0\">"));
    }

    #[test]
    fn escapes_unknown_languages() {
        let html = code_block("<script>\n", "nosuch\"lang");
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("data-lang=\"nosuch&quot;lang\""));
    }

    /// Every colour of every built-in theme's stylesheet reaches 4.5:1 on the page,
    /// in light mode and (inside the dark block) in dark mode.
    #[test]
    fn every_code_colour_is_legible_on_the_page_in_both_schemes() {
        for name in theme_names() {
            let css = css(name).unwrap();
            let (light, dark) = css
                .split_once("@media screen and (prefers-color-scheme: dark)")
                .unwrap();
            for (part, bg) in [(light, PAGE_BG_LIGHT), (dark, PAGE_BG_DARK)] {
                assert!(!part.contains("background-color"), "{name}");
                for hex in part.split("color: #").skip(1) {
                    let c = Rgb::parse(&hex[..6]).unwrap();
                    assert!(
                        c.contrast(bg) >= MIN_CONTRAST,
                        "{name}: #{} on {bg:?}",
                        &hex[..6]
                    );
                }
            }
        }
    }

    #[test]
    fn contrast_is_raised_only_as_far_as_needed() {
        let grey = Rgb(0x96, 0x98, 0x96);
        assert!(grey.contrast(PAGE_BG_LIGHT) < 3.0);
        let fixed = grey.with_contrast(PAGE_BG_LIGHT, MIN_CONTRAST);
        assert!(fixed.contrast(PAGE_BG_LIGHT) >= MIN_CONTRAST);
        assert!(fixed.0 < grey.0 && fixed.0 > 0x40, "{fixed:?}");
        let dark = Rgb(0x32, 0x32, 0x32);
        assert_eq!(dark.with_contrast(PAGE_BG_LIGHT, MIN_CONTRAST), dark);
        assert!(dark.with_contrast(PAGE_BG_DARK, MIN_CONTRAST).0 > 0x80);
    }

    #[test]
    fn makes_css_for_default_themes() {
        assert!(css("InspiredGitHub").unwrap().contains(".hl-"));
        assert!(css("NoSuchTheme").is_none());
    }
}
