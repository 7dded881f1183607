//! Problems found in user content, collected rather than stop-at-first.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// For information only (`check --links`: a source without an archived copy).
    Note,
}

/// Defines [`Code`] from `Variant = "kebab-case-name"` pairs: the enum, its names,
/// and the list of all codes (so a test can pin every one).
macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// What kind of problem a diagnostic reports: a stable, machine-readable
        /// name (`check --format json` prints it; scripts match on it).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &[Code] = &[$(Code::$variant,)*];

            /// The code's name as users see it: `unknown-actor`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }
        }
    };
}

codes! {
    // Reading the site folder (`source`).
    NotAFolder = "not-a-folder",
    NotAFile = "not-a-file",
    LinkOutside = "link-outside",
    LinkLoop = "link-loop",
    BrokenSymlink = "broken-symlink",
    Unreadable = "unreadable",
    NotUtf8 = "not-utf8",
    // The YAML of front matter and site.yaml (`front_matter`).
    FrontMatter = "front-matter",
    YamlTooDeep = "yaml-too-deep",
    YamlTooBig = "yaml-too-big",
    ControlCharacter = "control-character",
    /// YAML that does not parse (libyaml's own errors).
    BadYaml = "bad-yaml",
    UnknownField = "unknown-field",
    MissingField = "missing-field",
    /// A value of the wrong shape (a list where a text goes), or out of range.
    WrongType = "wrong-type",
    /// A value not among those allowed (`kind: speech`).
    UnknownValue = "unknown-value",
    BadDate = "bad-date",
    // One file's meaning (`parse`).
    BadActorId = "bad-actor-id",
    BadSlug = "bad-slug",
    SlugTooLong = "slug-too-long",
    BadTag = "bad-tag",
    TagTooLong = "tag-too-long",
    BadRole = "bad-role",
    BadWikidata = "bad-wikidata",
    EmptyValue = "empty-value",
    UnknownActor = "unknown-actor",
    Speaker = "speaker",
    EmptyStatement = "empty-statement",
    VerifiedNoSource = "verified-no-source",
    NoSource = "no-source",
    BadSourceId = "bad-source-id",
    DuplicateSourceId = "duplicate-source-id",
    UnknownSource = "unknown-source",
    /// A correction's `statement:` that names none of the briefing's statements.
    UnknownStatement = "unknown-statement",
    UnsafeUrl = "unsafe-url",
    UnsafeLink = "unsafe-link",
    RelativeDate = "relative-date",
    // The pre-publication checklist.
    ExampleBriefing = "example-briefing",
    TemplateText = "template-text",
    NoStatements = "no-statements",
    NoSources = "no-sources",
    DefaultTitle = "default-title",
    // site.yaml and the command line (`load`).
    BadBaseUrl = "bad-base-url",
    BadPublicUrl = "bad-public-url",
    BadPaginate = "bad-paginate",
    UnknownTheme = "unknown-theme",
    // Across files (`load`, `resolve`).
    DuplicateActor = "duplicate-actor",
    DuplicateSlug = "duplicate-slug",
    ReservedSlug = "reserved-slug",
    UnusedActor = "unused-actor",
    /// The site's methodology page lacks a legend section badges link to.
    MissingLegend = "missing-legend",
    // The rendered site (`render`, `check`).
    StaticShadowsPage = "static-shadows-page",
    Render = "render",
    BrokenLink = "broken-link",
    BrokenAnchor = "broken-anchor",
    // The site's strings (`i18n/<language>.ftl`).
    LocaleSyntax = "locale-syntax",
    LocaleVariable = "locale-variable",
    UnknownMessage = "unknown-message",
    UnusedLocale = "unused-locale",
    // Appended: the YAML of front matter, seen as a tree (`front_matter::tree`).
    /// A key indented more or less than the other keys of its mapping, read as
    /// part of the value before it.
    Indentation = "indentation",
    // Appended: statement ids and disputes (`parse`, `resolve`).
    BadStatementId = "bad-statement-id",
    /// Two statements of the site with the same id.
    DuplicateStatementId = "duplicate-statement-id",
    /// A `disputes:` id that names no statement of the site.
    UnknownDisputed = "unknown-disputed",
    /// A statement that disputes itself.
    SelfDispute = "self-dispute",
    // External links (`check --links`).
    DeadLink = "dead-link",
    MovedLink = "moved-link",
    UnverifiedLink = "unverified-link",
    NoArchive = "no-archive",
    LinkCache = "link-cache",
    // Appended: formats that need absolute URLs (`build`).
    /// No absolute `base_url` (nor `public_url`): feeds and the sitemap are not
    /// written, canonical and OpenGraph URLs are left out.
    NoAbsoluteUrl = "no-absolute-url",
    // Appended: languages (`languages:` in site.yaml, translations, strings).
    /// A language code that is not a BCP 47 primary tag, or given twice.
    BadLanguage = "bad-language",
    /// `language:` and the first of `languages:` disagree.
    LanguageMismatch = "language-mismatch",
    /// A language's strings lack messages: English stands in for them.
    MissingMessages = "missing-messages",
    /// A translation whose language is not one of `languages:`.
    UnknownLanguage = "unknown-language",
    /// A translation without an original beside it.
    OrphanTranslation = "orphan-translation",
    /// A page not translated into every language.
    MissingTranslation = "missing-translation",
}

impl Code {
    /// A problem in the YAML of a front matter: the file was read with the failed
    /// fields left out, if at all.
    pub fn is_front_matter(self) -> bool {
        matches!(
            self,
            Code::FrontMatter
                | Code::YamlTooDeep
                | Code::YamlTooBig
                | Code::ControlCharacter
                | Code::BadYaml
                | Code::UnknownField
                | Code::MissingField
                | Code::WrongType
                | Code::UnknownValue
                | Code::BadDate
        )
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// By name, as it is written (the build cache reads back diagnostics it kept).
impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown code `{name}`")))
    }
}

/// One problem at one place in one file. `line` and `col` are 1-based and count in
/// the whole file, not in the front-matter block; 0 means "the file as a whole".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    pub severity: Severity,
    /// A stable, machine-readable name such as `unknown-actor`.
    pub code: Code,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(path: &Path, code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_path_buf(),
            line: 0,
            col: 0,
            severity: Severity::Error,
            code,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(path: &Path, code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, code, message)
        }
    }

    pub fn note(path: &Path, code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(path, code, message)
        }
    }

    pub fn at(mut self, pos: Pos) -> Self {
        self.line = pos.line;
        self.col = pos.col;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display().to_string().replace('\\', "/");
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        if self.line > 0 {
            write!(
                f,
                "{path}:{}:{}: {severity}: {}",
                self.line, self.col, self.message
            )?;
        } else {
            write!(f, "{path}: {severity}: {}", self.message)?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

impl Diagnostic {
    /// Compiler-style rendering with the source line and a caret under the spot
    /// (annotate-snippets), then the hint. `source` is the whole file, if readable.
    pub fn render_snippet(&self, source: Option<&str>) -> String {
        use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
        let path = self.path.display().to_string().replace('\\', "/");
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        // C1 controls and noncharacters in the line must not reach the terminal
        // (some terminals act on C1): each becomes one �, so columns still match.
        // annotate-snippets shows C0 controls and DEL as symbols (␛) itself.
        let line_text = source
            .filter(|_| self.line > 0)
            .and_then(|s| s.lines().nth(self.line - 1))
            .map(|t| {
                t.replace(
                    |c: char| crate::control::is_forbidden(c) && !c.is_ascii_control(),
                    "\u{fffd}",
                )
            });
        let line_text = line_text.as_deref();
        let mut group = annotate_snippets::Group::with_title(
            level
                .primary_title(self.message.as_str())
                .id(self.code.as_str()),
        );
        match line_text {
            Some(text) => {
                let start = text
                    .char_indices()
                    .nth(self.col.saturating_sub(1))
                    .map_or(text.len(), |(i, _)| i);
                let rest = &text[start..];
                // The token under the caret: up to a space, a YAML separator, or a
                // `key:` colon (not the one in `https://`).
                let len = rest
                    .char_indices()
                    .find(|&(i, c)| {
                        c.is_whitespace()
                            || ",]}\"'".contains(c)
                            || (c == ':'
                                && rest[i + 1..].chars().next().is_none_or(char::is_whitespace))
                    })
                    .map_or(rest.len(), |(i, _)| i);
                // A phrase the message quotes (`"on Thursday"`) is underlined whole.
                let quoted = self
                    .message
                    .split(['"', '`'])
                    .nth(1)
                    .filter(|q| !q.is_empty() && rest.starts_with(q));
                let len = quoted.map_or(len, str::len);
                // An invisible character (shown as �) is underlined alone.
                let len = match rest.chars().next() {
                    Some(c) if c == '\u{fffd}' || c.is_ascii_control() && c != '\t' => c.len_utf8(),
                    _ => len,
                };
                let end = if len == 0 {
                    (start + rest.chars().next().map_or(0, char::len_utf8)).max(start)
                } else {
                    start + len
                };
                let annotation = AnnotationKind::Primary.span(start..end);
                group = group.element(
                    Snippet::source(text)
                        .line_start(self.line)
                        .path(path.as_str())
                        .annotation(annotation),
                );
            }
            None => {
                let at = if self.line > 0 {
                    format!("{path}:{}:{}", self.line, self.col)
                } else {
                    path.clone()
                };
                group = group.element(annotate_snippets::Origin::path(at));
            }
        }
        if let Some(hint) = &self.hint {
            group = group.element(Level::HELP.message(hint.as_str()));
        }
        Renderer::plain().render(&[group])
    }
}

/// A 1-based line and column in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    /// The position of byte `offset` in `text` (columns count characters).
    /// For one lookup; many lookups in one text go through a [`LineIndex`].
    pub fn of_offset(text: &str, offset: usize) -> Pos {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        // A byte-order mark is not a column anyone can see.
        let col = before[line_start..]
            .trim_start_matches('\u{feff}')
            .chars()
            .count()
            + 1;
        Pos { line, col }
    }
}

/// Line starts of one text, built once, so that many offsets become positions in
/// `O(log lines)` each instead of a scan from the start of the file each time (a
/// 16 MB briefing with thousands of hits was quadratic).
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the start of every line; the first is 0.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr_newlines(text).map(|i| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// The position of byte `offset` (columns count characters, a BOM none).
    pub fn pos(&self, offset: usize) -> Pos {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let line_start = self.starts[line - 1];
        let col = self.text[line_start..offset]
            .trim_start_matches('\u{feff}')
            .chars()
            .count()
            + 1;
        Pos { line, col }
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i)
}

/// Sorts diagnostics by file and position so output is stable across parallel runs.
/// A problem found twice (say, by two passes over the same file) is printed once.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message))
    });
    diagnostics.dedup();
}

/// The known name closest to `wrong`, if it is close enough to be a plausible typo.
pub fn did_you_mean<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (wrong.chars().count() / 3).max(2);
    known
        .into_iter()
        .map(|k| (edit_distance(wrong, k), k))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "ab\ncdé\nf";
        assert_eq!(Pos::of_offset(text, 0), Pos { line: 1, col: 1 });
        assert_eq!(Pos::of_offset(text, 3), Pos { line: 2, col: 1 });
        assert_eq!(Pos::of_offset(text, 8), Pos { line: 3, col: 1 });
    }

    #[test]
    fn the_line_index_agrees_with_the_one_off_lookup() {
        let text = "\u{feff}ab\ncdé\n\nf";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(index.pos(offset), Pos::of_offset(text, offset), "{offset}");
        }
    }

    #[test]
    fn suggests_the_nearest_known_name() {
        let known = ["vladimir-putin", "nikol-pashinyan"];
        assert_eq!(
            did_you_mean("vladimir-puttin", known),
            Some("vladimir-putin")
        );
        assert_eq!(did_you_mean("someone-else", known), None);
    }

    /// The names are what `check --format json` prints and scripts match on: a
    /// change here breaks users, so each one is pinned.
    #[test]
    fn every_code_keeps_its_name() {
        let names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        let unique: std::collections::BTreeSet<&str> = names.iter().copied().collect();
        assert_eq!(unique.len(), names.len(), "two codes share a name");
        let listed: Vec<String> = Code::ALL.iter().map(|c| format!("{c:?} {c}")).collect();
        // The list lives in snapshots/sitroom__diagnostic__tests__code_names.snap.
        insta::assert_snapshot!("code_names", listed.join("\n"));
        // Serialized (JSON output) as the name alone.
        assert_eq!(
            serde_json::to_string(&Code::UnknownActor).unwrap(),
            "\"unknown-actor\""
        );
    }

    #[test]
    fn displays_compiler_style() {
        let d = Diagnostic::error(Path::new("content/a.md"), Code::BadYaml, "bad")
            .at(Pos { line: 3, col: 7 })
            .hint("fix it");
        assert_eq!(
            d.to_string(),
            "content/a.md:3:7: error: bad\n  hint: fix it"
        );
    }
}
