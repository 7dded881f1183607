//! Reader-facing words. The theme's strings live in Project Fluent files: the
//! built-in `i18n/en.ftl`, embedded in the binary, and a site's own
//! `i18n/<language>.ftl`, whose messages replace the built-in ones by id (what it
//! leaves out stays English). Templates read them with `t(key=…)`; Rust asks a
//! [`Locale`] for month names and date patterns, prepared once per locale.

use std::borrow::Cow;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use ahash::AHashMap;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentError, FluentResource, FluentValue};
use fluent_syntax::ast;
use tera::{Kwargs, State, TeraResult, Value};
use unic_langid::LanguageIdentifier;

use crate::diagnostic::{Code, Diagnostic, Pos, did_you_mean};

/// The built-in English strings.
pub const ENGLISH: &str = include_str!("../i18n/en.ftl");

/// Every built-in strings file, by language code (English first).
pub const BUILTIN: [(&str, &str); 4] = [
    ("en", ENGLISH),
    ("ru", include_str!("../i18n/ru.ftl")),
    ("hy", include_str!("../i18n/hy.ftl")),
    ("ar", include_str!("../i18n/ar.ftl")),
];

/// The `language-name` of the built-in strings of `code`; the code itself for a
/// language sitroom has no strings for.
pub fn builtin_language_name(code: &str) -> String {
    builtin(code)
        .and_then(|text| {
            text.lines()
                .find_map(|l| l.strip_prefix("language-name"))
                .and_then(|rest| rest.trim_start().strip_prefix('='))
                .map(|name| name.trim().to_string())
        })
        .unwrap_or_else(|| code.to_string())
}

/// The built-in strings of `code`, if sitroom has them.
pub fn builtin(code: &str) -> Option<&'static str> {
    BUILTIN
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, text)| *text)
}

/// A site's own locale file, as read by `source`.
#[derive(Debug, Clone, Copy)]
pub struct SiteStrings<'a> {
    /// Relative to the site root, for messages: `i18n/en.ftl`.
    pub path: &'a Path,
    pub text: &'a str,
}

/// The strings of one language, ready to format. `Send + Sync`: pages render in
/// parallel and share one.
pub struct Locale {
    language: String,
    bundle: FluentBundle<FluentResource>,
    /// Messages without variables, formatted once (most of the theme's strings).
    fixed: AHashMap<String, Value>,
    dates: DateWords,
}

impl std::fmt::Debug for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locale")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

impl Locale {
    /// The built-in English locale, built once per process.
    pub fn english() -> &'static Locale {
        Locale::shared_english()
    }

    /// The built-in English locale, shared.
    pub fn shared_english() -> &'static Arc<Locale> {
        static ENGLISH_LOCALE: OnceLock<Arc<Locale>> = OnceLock::new();
        ENGLISH_LOCALE.get_or_init(|| Arc::new(Locale::new("en", None).0))
    }

    /// The locale for `language`: the site's `i18n/<language>.ftl` (`site`) over
    /// sitroom's built-in strings for the language over the built-in English, by
    /// message id. Plural rules are the language's (CLDR, inside fluent-bundle).
    /// Problems in the site's file are diagnostics, and so are messages that only
    /// English has (one warning listing them); the locale is still built from
    /// whatever parsed.
    pub fn new(language: &str, site: Option<SiteStrings<'_>>) -> (Locale, Vec<Diagnostic>) {
        let langid: LanguageIdentifier = language
            .parse()
            .or_else(|_| "en".parse())
            .unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // Unicode isolation marks around arguments would change every page.
        bundle.set_use_isolating(false);
        let english = FluentResource::try_new(ENGLISH.to_string()).unwrap_or_else(|(r, _)| r);
        let mut ids = message_ids(&english);
        let english_ids = ids.clone();
        // The built-in files have no duplicate ids (a unit test checks it).
        let _ = bundle.add_resource(english);
        let mut translated: std::collections::HashSet<String> = std::collections::HashSet::new();
        let own = builtin(language).filter(|_| language != "en");
        if let Some(text) = own {
            let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(r, _)| r);
            translated.extend(message_ids(&resource));
            bundle.add_resource_overriding(resource);
        }
        let mut diagnostics = Vec::new();
        if let Some(site) = site {
            let resource = FluentResource::try_new(site.text.to_string()).unwrap_or_else(
                |(resource, errors)| {
                    diagnostics.extend(errors.iter().map(|e| syntax_error(site, e)));
                    resource
                },
            );
            let site_ids = message_ids(&resource);
            diagnostics.extend(unknown_variables(site, &resource, &bundle));
            bundle.add_resource_overriding(resource);
            translated.extend(site_ids.iter().cloned());
            ids.extend(site_ids);
        }
        if language != "en" && (own.is_some() || site.is_some()) {
            diagnostics.extend(english_fallbacks(language, site, &english_ids, &translated));
        }
        let zero = digits_zero(&format(&bundle, "number-digits", None).unwrap_or_default());
        bundle.set_formatter(number_formatter(zero));
        ids.sort_unstable();
        ids.dedup();
        let fixed = ids
            .iter()
            .filter_map(|id| {
                let text = format(&bundle, id, None).ok()?;
                let value = if id.ends_with("-html") {
                    Value::safe_string(&text)
                } else {
                    Value::from(text)
                };
                Some((id.clone(), value))
            })
            .collect();
        let dates = DateWords::new(&bundle, zero);
        let locale = Locale {
            language: language.to_string(),
            bundle,
            fixed,
            dates,
        };
        (locale, diagnostics)
    }

    /// The language's own name (`language-name`): "Հայերեն".
    pub fn language_name(&self) -> Cow<'_, str> {
        self.text("language-name")
    }

    /// The language code this locale was built for (`site.yaml`'s `language`).
    pub fn language(&self) -> &str {
        &self.language
    }

    /// Whether the locale (built-in or site) has a message `id`.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// The message `id` formatted with `args`.
    pub fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> Result<String, String> {
        format(&self.bundle, id, args)
    }

    /// A message without variables, such as a kind's label; the id itself if the
    /// locale has no such message (every id Rust asks for is in the built-in file).
    pub fn text(&self, id: &str) -> Cow<'_, str> {
        match self.fixed.get(id).and_then(Value::as_str) {
            Some(text) => Cow::Borrowed(text),
            None => Cow::Owned(self.format(id, None).unwrap_or_else(|_| id.to_string())),
        }
    }

    /// "Phone call" for the statement kind `phone_call`.
    pub fn statement_kind(&self, id: &str) -> Cow<'_, str> {
        self.text(&format!("statement-kind-{id}"))
    }

    /// "person" for the actor kind `person`.
    pub fn actor_kind(&self, id: &str) -> Cow<'_, str> {
        self.text(&format!("actor-kind-{id}"))
    }

    /// "People" for the actor kind `person`.
    pub fn actor_kind_plural(&self, id: &str) -> Cow<'_, str> {
        self.text(&format!("actor-kind-{id}-plural"))
    }

    /// "verified" for `verified`, "not stated" for `none`.
    pub fn verification(&self, id: &str) -> Cow<'_, str> {
        self.text(&format!("verification-{id}"))
    }

    /// A message with string arguments, for Rust's own page titles and labels.
    pub fn with_args(&self, id: &str, args: &[(&str, &str)]) -> String {
        let mut fluent = FluentArgs::with_capacity(args.len());
        for &(name, value) in args {
            fluent.set(name, value);
        }
        self.format(id, Some(&fluent))
            .unwrap_or_else(|_| id.to_string())
    }

    /// A message with one number argument (`count`, `n`…), for plurals.
    pub fn with_count(&self, id: &str, name: &str, n: i64) -> String {
        let mut fluent = FluentArgs::with_capacity(1);
        fluent.set(name, n);
        self.format(id, Some(&fluent))
            .unwrap_or_else(|_| id.to_string())
    }

    /// The title of the contacts network drawing: "Who spoke with whom: 5 actors,
    /// 7 pairs".
    pub fn network_title(&self, actors: usize, pairs: usize) -> String {
        let mut args = FluentArgs::with_capacity(2);
        args.set("actors", actors as f64);
        args.set("pairs", pairs as f64);
        self.format("contacts-svg-title", Some(&args))
            .unwrap_or_default()
    }

    /// Month names, date patterns and weekdays, prepared once.
    pub fn dates(&self) -> &DateWords {
        &self.dates
    }

    /// The template function `t(key="id", name=value, …)`: named arguments become
    /// Fluent variables (numbers stay numbers, for plurals). A message whose id
    /// ends in `-html` is markup: its text is written as is and its arguments are
    /// escaped; any other message is plain text, escaped like any value.
    fn call(&self, kwargs: &Kwargs, state: &State) -> TeraResult<Value> {
        let key: &str = kwargs.must_get("key")?;
        // Most calls name a message without variables: formatted once, cloned here.
        if kwargs.iter().nth(1).is_none()
            && let Some(value) = self.fixed.get(key)
        {
            return Ok(value.clone());
        }
        let mut args = FluentArgs::new();
        for (name, value) in kwargs.iter() {
            let Some(name) = name.as_str().filter(|n| *n != "key") else {
                continue;
            };
            args.set(name.to_string(), self.argument(key, name, value, state)?);
        }
        if !self.has(key) {
            let known = self.fixed.keys().map(String::as_str);
            let guess = did_you_mean(key, known)
                .map(|g| format!(" (did you mean `{g}`?)"))
                .unwrap_or_default();
            return Err(tera::Error::message(format!(
                "t(): no message `{key}` in the theme's strings{guess}; messages live in i18n/{}.ftl",
                self.language
            )));
        }
        let text = self
            .format(key, Some(&args))
            .map_err(|e| tera::Error::message(format!("t(key=\"{key}\"): {e}")))?;
        Ok(if key.ends_with("-html") {
            Value::safe_string(&text)
        } else {
            Value::from(text)
        })
    }

    fn argument(
        &self,
        key: &str,
        name: &str,
        value: &Value,
        state: &State,
    ) -> TeraResult<FluentValue<'static>> {
        if let Some(n) = value.as_number() {
            let n = match n {
                tera::Number::Integer(i) => i as f64,
                tera::Number::Float(f) => f,
                _ => f64::NAN,
            };
            if n.is_finite() {
                return Ok(FluentValue::from(n));
            }
        }
        let text = match value.as_str() {
            Some(s) => s.to_string(),
            None if value.is_array() || value.is_map() => {
                return Err(tera::Error::message(format!(
                    "t(key=\"{key}\"): `{name}` is a {}; give text or a number",
                    value.name()
                )));
            }
            None => value.to_string(),
        };
        if key.ends_with("-html") && state.autoescaping_enabled() && !value.is_safe() {
            return Ok(FluentValue::from(state.escape(&text)?));
        }
        Ok(FluentValue::from(text))
    }
}

/// Registers `t()` on `tera`, reading `locale`.
pub fn register(tera: &mut tera::Tera, locale: Arc<Locale>) {
    tera.register_function("t", move |kwargs: Kwargs, state: &State| {
        locale.call(&kwargs, state)
    });
}

fn format(
    bundle: &FluentBundle<FluentResource>,
    id: &str,
    args: Option<&FluentArgs<'_>>,
) -> Result<String, String> {
    let pattern = bundle
        .get_message(id)
        .and_then(|m| m.value())
        .ok_or_else(|| format!("no message `{id}`"))?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    if errors.is_empty() {
        Ok(text.into_owned())
    } else {
        Err(describe(&errors))
    }
}

fn describe(errors: &[FluentError]) -> String {
    let parts: Vec<String> = errors
        .iter()
        .map(|e| match e {
            FluentError::ResolverError(r) => lowercase_first(&r.to_string()),
            other => lowercase_first(&other.to_string()),
        })
        .collect();
    parts.join("; ")
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_lowercase().chain(chars).collect::<String>()
    })
}

fn message_ids(resource: &FluentResource) -> Vec<String> {
    resource
        .entries()
        .filter_map(|e| match e {
            ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

/// One warning per language for the messages neither the site's file nor the
/// built-in file of the language has: English stands in for them.
fn english_fallbacks(
    language: &str,
    site: Option<SiteStrings<'_>>,
    english: &[String],
    translated: &std::collections::HashSet<String>,
) -> Option<Diagnostic> {
    let missing: Vec<&str> = english
        .iter()
        .filter(|id| !translated.contains(*id))
        .map(String::as_str)
        .collect();
    if missing.is_empty() {
        return None;
    }
    let first: Vec<String> = missing.iter().take(5).map(|id| format!("`{id}`")).collect();
    let more = if missing.len() > first.len() {
        ", …"
    } else {
        ""
    };
    let file = format!("i18n/{language}.ftl");
    let path = site.map_or(Path::new(&file), |s| s.path);
    Some(
        Diagnostic::warning(
            path,
            Code::MissingMessages,
            format!(
                "{} of the theme's messages have no `{language}` text and are shown in English: {}{more}",
                missing.len(),
                first.join(", ")
            ),
        )
        .hint(format!(
            "translate them in the site's i18n/{language}.ftl (the ids are those of sitroom's i18n/en.ftl)"
        )),
    )
}

/// The zero of the decimal digits `number-digits` lists (`٠١٢…٩`), if they are
/// not ASCII: the ten digits of a Unicode digit set follow each other.
fn digits_zero(digits: &str) -> Option<char> {
    let chars: Vec<char> = digits.trim().chars().collect();
    let zero = *chars.first()?;
    let consecutive = chars.len() == 10
        && chars
            .iter()
            .enumerate()
            .all(|(i, c)| *c as u32 == zero as u32 + i as u32);
    (consecutive && zero != '0').then_some(zero)
}

/// `n` written with the digits starting at `zero` (ASCII without one).
pub(crate) fn with_digits(n: &str, zero: Option<char>) -> String {
    match zero {
        None => n.to_string(),
        Some(zero) => n
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(d) if c.is_ascii_digit() => char::from_u32(zero as u32 + d).unwrap_or(c),
                _ => c,
            })
            .collect(),
    }
}

/// Fluent writes numbers with ASCII digits; a formatter writes them in the
/// language's own. Formatters are plain functions, so there is one per digit set
/// sitroom knows (a const parameter each).
#[allow(clippy::type_complexity)]
fn number_formatter<M>(zero: Option<char>) -> Option<fn(&FluentValue<'_>, &M) -> Option<String>> {
    fn write<const ZERO: u32, M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
        match value {
            FluentValue::Number(n) => Some(with_digits(&n.as_string(), char::from_u32(ZERO))),
            _ => None,
        }
    }
    macro_rules! sets {
        ($($zero:literal),*) => {
            match zero.map(|z| z as u32) {
                $(Some($zero) => Some(write::<$zero, M>),)*
                _ => None,
            }
        };
    }
    // Arabic-Indic, Extended Arabic-Indic (Persian, Urdu), NKo, Devanagari,
    // Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam, Thai,
    // Lao, Tibetan, Myanmar, Khmer, Mongolian.
    sets!(
        0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xE50,
        0xED0, 0xF20, 0x1040, 0x17E0, 0x1810
    )
}

fn syntax_error(site: SiteStrings<'_>, e: &fluent_syntax::parser::ParserError) -> Diagnostic {
    use fluent_syntax::parser::ErrorKind as K;
    let hint = match &e.kind {
        K::ExpectedToken('=') | K::ExpectedCharRange { .. } => {
            "write each message on a line of its own as `id = text`; ids are letters, digits, `-` and `_`, starting with a letter"
        }
        K::ExpectedMessageField { .. } => "give the message a text after `=`",
        K::MissingDefaultVariant | K::ExpectedToken('*') => {
            "a choice needs one default variant marked with `*`, such as `*[other] …`"
        }
        K::UnbalancedClosingBrace | K::ExpectedToken('}') => {
            "`{` and `}` surround a variable such as `{ $count }`; write `{\"{\"}` for a brace in the text"
        }
        _ => {
            "a message is `id = text`; a line that continues it must be indented, and a comment starts with `#`"
        }
    };
    Diagnostic::error(
        site.path,
        Code::LocaleSyntax,
        format!(
            "this line of the strings file does not parse: {}",
            lowercase_first(&e.kind.to_string())
        ),
    )
    .at(Pos::of_offset(site.text, e.pos.start))
    .hint(hint)
}

/// Where message `id` starts in `text`: a line beginning with the id and `=`.
fn message_offset(text: &str, id: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(id)
            && rest.trim_start().starts_with('=')
        {
            return offset;
        }
        offset += line.len();
    }
    0
}

/// A site message that uses a variable the built-in message of the same id does not
/// have would show `{$name}` to readers: the theme's templates never pass it.
fn unknown_variables(
    site: SiteStrings<'_>,
    resource: &FluentResource,
    builtin: &FluentBundle<FluentResource>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for entry in resource.entries() {
        let ast::Entry::Message(m) = entry else {
            continue;
        };
        let (Some(theirs), Some(ours)) = (
            m.value.as_ref(),
            builtin.get_message(m.id.name).and_then(|b| b.value()),
        ) else {
            continue;
        };
        let mut known = variables(ours);
        known.extend(date_variables(m.id.name));
        for var in variables(theirs) {
            if known.contains(&var) {
                continue;
            }
            let given = if known.is_empty() {
                "it is given no variables".to_string()
            } else {
                let list: Vec<String> = known.iter().map(|v| format!("`{{ ${v} }}`")).collect();
                format!("it is given {}", list.join(", "))
            };
            out.push(
                Diagnostic::error(
                    site.path,
                    Code::LocaleVariable,
                    format!(
                        "message `{}` uses `{{ ${var} }}`, which it is never given",
                        m.id.name
                    ),
                )
                .at(Pos::of_offset(
                    site.text,
                    message_offset(site.text, m.id.name),
                ))
                .hint(given),
            );
        }
    }
    out
}

/// Variables Rust gives a date pattern besides those the English one uses (the
/// declined month names).
fn date_variables(id: &str) -> &'static [&'static str] {
    match id {
        "date-day" | "date-range-same-month" => &["month-genitive"],
        "date-range-same-year" => &["start-month-genitive", "end-month-genitive"],
        _ => &[],
    }
}

/// The variables a pattern refers to, in order, once each.
fn variables<'s>(pattern: &ast::Pattern<&'s str>) -> Vec<&'s str> {
    fn inline<'s>(e: &ast::InlineExpression<&'s str>, out: &mut Vec<&'s str>) {
        match e {
            ast::InlineExpression::VariableReference { id } if !out.contains(&id.name) => {
                out.push(id.name);
            }
            ast::InlineExpression::Placeable { expression } => expr(expression, out),
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for a in &arguments.positional {
                    inline(a, out);
                }
            }
            _ => {}
        }
    }
    fn expr<'s>(e: &ast::Expression<&'s str>, out: &mut Vec<&'s str>) {
        match e {
            ast::Expression::Inline(i) => inline(i, out),
            ast::Expression::Select { selector, variants } => {
                inline(selector, out);
                for v in variants {
                    walk(&v.value, out);
                }
            }
        }
    }
    fn walk<'s>(p: &ast::Pattern<&'s str>, out: &mut Vec<&'s str>) {
        for el in &p.elements {
            if let ast::PatternElement::Placeable { expression } = el {
                expr(expression, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(pattern, &mut out);
    out
}

/// Site messages the built-in theme does not have and none of the site's own
/// `templates` mentions: most likely a misspelt id, which changes nothing.
pub fn unused_messages(site: SiteStrings<'_>, templates: &[&str]) -> Vec<Diagnostic> {
    let resource = FluentResource::try_new(site.text.to_string()).unwrap_or_else(|(r, _)| r);
    let builtin = FluentResource::try_new(ENGLISH.to_string()).unwrap_or_else(|(r, _)| r);
    let known = message_ids(&builtin);
    message_ids(&resource)
        .into_iter()
        .filter(|id| !known.contains(id) && !templates.iter().any(|t| t.contains(id.as_str())))
        .map(|id| {
            let hint = match did_you_mean(&id, known.iter().map(String::as_str)) {
                Some(guess) => format!("did you mean `{guess}`? A message replaces the built-in one of the same id"),
                None => "no built-in message has this id and no template in templates/ uses it; the built-in ids are in i18n/en.ftl of sitroom's repository".to_string(),
            };
            Diagnostic::warning(
                site.path,
                Code::UnknownMessage,
                format!("message `{id}` is not used by any template"),
            )
            .at(Pos::of_offset(site.text, message_offset(site.text, &id)))
            .hint(hint)
        })
        .collect()
}

/// A date pattern with its variables found once: literal text and numbered slots.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pattern(Vec<Piece>);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Slot(usize),
}

/// Private-use characters stand for the variables while the pattern is formatted.
const MARK: u32 = 0xE000;

impl Pattern {
    /// Formats message `id` with each variable in `names` replaced by a mark, then
    /// splits the result at the marks.
    fn compile(bundle: &FluentBundle<FluentResource>, id: &str, names: &[&str]) -> Pattern {
        let mut args = FluentArgs::with_capacity(names.len());
        for (i, name) in names.iter().enumerate() {
            let mark = char::from_u32(MARK + i as u32).unwrap_or('\u{E000}');
            args.set(*name, mark.to_string());
        }
        let text = format(bundle, id, Some(&args)).unwrap_or_default();
        let mut pieces = Vec::new();
        let mut literal = String::new();
        for c in text.chars() {
            let slot = (c as u32).wrapping_sub(MARK) as usize;
            if slot < names.len() {
                if !literal.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut literal)));
                }
                pieces.push(Piece::Slot(slot));
            } else {
                literal.push(c);
            }
        }
        if !literal.is_empty() {
            pieces.push(Piece::Text(literal));
        }
        Pattern(pieces)
    }

    fn fill(&self, values: &[&str]) -> String {
        let mut out = String::with_capacity(32);
        for piece in &self.0 {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Slot(i) => out.push_str(values.get(*i).copied().unwrap_or_default()),
            }
        }
        out
    }
}

/// Everything dates are written with, taken from the locale once: formatting a
/// date is then string concatenation, however many statements there are.
#[derive(Debug)]
pub struct DateWords {
    months: [String; 12],
    months_short: [String; 12],
    /// The month's name in a day date ("2 октября"): `month-genitive-N`.
    months_genitive: [String; 12],
    weekdays: [String; 7],
    /// The zero of the language's digits, when they are not ASCII.
    zero: Option<char>,
    year: Pattern,
    month: Pattern,
    day: Pattern,
    uncertain: Pattern,
    approximate: Pattern,
    uncertain_approximate: Pattern,
    since: Pattern,
    until: Pattern,
    end_unknown: Pattern,
    start_unknown: Pattern,
    time: Pattern,
    range: Pattern,
    range_same_year: Pattern,
    range_same_month: Pattern,
    timeline_month: Pattern,
    timeline_month_not_known: Pattern,
    timeline_day: Pattern,
    day_not_known: String,
    month_unknown: String,
}

impl DateWords {
    fn new(bundle: &FluentBundle<FluentResource>, zero: Option<char>) -> DateWords {
        let text = |id: &str| format(bundle, id, None).unwrap_or_default();
        let p = |id: &str, names: &[&str]| Pattern::compile(bundle, id, names);
        DateWords {
            months: std::array::from_fn(|i| text(&format!("month-{}", i + 1))),
            months_short: std::array::from_fn(|i| text(&format!("month-short-{}", i + 1))),
            months_genitive: std::array::from_fn(|i| text(&format!("month-genitive-{}", i + 1))),
            weekdays: std::array::from_fn(|i| text(&format!("weekday-{}", i + 1))),
            zero,
            year: p("date-year", &["year"]),
            month: p("date-month", &["month", "year"]),
            day: p("date-day", &["day", "month", "year", "month-genitive"]),
            uncertain: p("date-uncertain", &["date"]),
            approximate: p("date-approximate", &["date"]),
            uncertain_approximate: p("date-uncertain-approximate", &["date"]),
            since: p("date-since", &["start"]),
            until: p("date-until", &["end"]),
            end_unknown: p("date-end-unknown", &["start"]),
            start_unknown: p("date-start-unknown", &["end"]),
            time: p("date-time", &["date", "time", "offset"]),
            range: p("date-range", &["start", "end"]),
            range_same_year: p(
                "date-range-same-year",
                &[
                    "start-day",
                    "start-month",
                    "end-day",
                    "end-month",
                    "year",
                    "start-month-genitive",
                    "end-month-genitive",
                ],
            ),
            range_same_month: p(
                "date-range-same-month",
                &["start-day", "end-day", "month", "year", "month-genitive"],
            ),
            timeline_month: p("timeline-month", &["month", "year"]),
            timeline_month_not_known: p("timeline-month-not-known", &["year"]),
            timeline_day: p("timeline-day", &["weekday", "date"]),
            day_not_known: text("timeline-day-not-known"),
            month_unknown: text("timeline-month-unknown"),
        }
    }

    /// The full name of `month` (1–12).
    pub fn month_name(&self, month: i8) -> &str {
        self.months
            .get(usize::try_from(month - 1).unwrap_or(usize::MAX))
            .map_or("", String::as_str)
    }

    /// The short name of `month` (1–12).
    pub fn month_short(&self, month: i8) -> &str {
        self.months_short
            .get(usize::try_from(month - 1).unwrap_or(usize::MAX))
            .map_or("", String::as_str)
    }

    /// The name of `month` (1–12) in a day date.
    pub fn month_genitive(&self, month: i8) -> &str {
        self.months_genitive
            .get(usize::try_from(month - 1).unwrap_or(usize::MAX))
            .map_or("", String::as_str)
    }

    /// A day or year number in the language's digits.
    pub fn number(&self, n: impl std::fmt::Display) -> String {
        with_digits(&n.to_string(), self.zero)
    }

    /// The name of `weekday`.
    pub fn weekday(&self, weekday: jiff::civil::Weekday) -> &str {
        let i = weekday.to_monday_zero_offset() as usize;
        self.weekdays.get(i).map_or("", String::as_str)
    }

    pub fn year(&self, year: i16) -> String {
        self.year.fill(&[&self.number(year)])
    }

    pub fn month(&self, year: i16, month: i8) -> String {
        self.month
            .fill(&[self.month_name(month), &self.number(year)])
    }

    pub fn day(&self, year: i16, month: i8, day: i8) -> String {
        self.day.fill(&[
            &self.number(day),
            self.month_short(month),
            &self.number(year),
            self.month_genitive(month),
        ])
    }

    pub fn uncertain(&self, date: &str) -> String {
        self.uncertain.fill(&[date])
    }

    pub fn approximate(&self, date: &str) -> String {
        self.approximate.fill(&[date])
    }

    /// `2020-10-02%`: approximate and not confirmed.
    pub fn uncertain_approximate(&self, date: &str) -> String {
        self.uncertain_approximate.fill(&[date])
    }

    /// `2022-02-24/..`: ongoing.
    pub fn since(&self, start: &str) -> String {
        self.since.fill(&[start])
    }

    /// `../2023`: an open start.
    pub fn until(&self, end: &str) -> String {
        self.until.fill(&[end])
    }

    /// `2021-05/`: the end is not known.
    pub fn end_unknown(&self, start: &str) -> String {
        self.end_unknown.fill(&[start])
    }

    /// `/2023`: the start is not known.
    pub fn start_unknown(&self, end: &str) -> String {
        self.start_unknown.fill(&[end])
    }

    /// A day with its time: the formatted day, `14:30`, and the offset after "UTC"
    /// (`+3`, empty for UTC itself).
    pub fn time(&self, date: &str, time: &str, offset: &str) -> String {
        self.time.fill(&[date, time, offset])
    }

    pub fn range(&self, start: &str, end: &str) -> String {
        self.range.fill(&[start, end])
    }

    /// Two days of one year: `(day, month)` each.
    pub fn range_same_year(&self, start: (i8, i8), end: (i8, i8), year: i16) -> String {
        self.range_same_year.fill(&[
            &self.number(start.0),
            self.month_short(start.1),
            &self.number(end.0),
            self.month_short(end.1),
            &self.number(year),
            self.month_genitive(start.1),
            self.month_genitive(end.1),
        ])
    }

    pub fn range_same_month(&self, start_day: i8, end_day: i8, month: i8, year: i16) -> String {
        self.range_same_month.fill(&[
            &self.number(start_day),
            &self.number(end_day),
            self.month_short(month),
            &self.number(year),
            self.month_genitive(month),
        ])
    }

    /// A timeline month heading: "October 2020".
    pub fn timeline_month(&self, year: i16, month: i8) -> String {
        self.timeline_month
            .fill(&[self.month_name(month), &self.number(year)])
    }

    /// The heading of a year's statements whose month is not known.
    pub fn timeline_month_not_known(&self, year: i16) -> String {
        self.timeline_month_not_known.fill(&[&self.number(year)])
    }

    /// A timeline day heading: "Thursday 1 Oct 2020", from the weekday and the
    /// formatted date.
    pub fn timeline_day(&self, weekday: jiff::civil::Weekday, date: &str) -> String {
        self.timeline_day.fill(&[self.weekday(weekday), date])
    }

    /// The heading of a month's statements whose day is not known.
    pub fn day_not_known(&self) -> &str {
        &self.day_not_known
    }

    /// The heading of a year's statements whose month is not known.
    pub fn month_unknown(&self) -> &str {
        &self.month_unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;

    fn site(text: &str) -> (Locale, Vec<Diagnostic>) {
        Locale::new(
            "en",
            Some(SiteStrings {
                path: Path::new("i18n/en.ftl"),
                text,
            }),
        )
    }

    fn render(locale: Locale, template: &str) -> Result<String, String> {
        let mut tera = tera::Tera::default();
        register(&mut tera, Arc::new(locale));
        tera.add_raw_template("page.html", template)
            .map_err(|e| e.to_string())?;
        tera.render("page.html", &tera::Context::new())
            .map_err(|e| format!("{e:?}"))
    }

    #[test]
    fn the_built_in_strings_parse_without_duplicates() {
        let resource = FluentResource::try_new(ENGLISH.to_string()).expect("en.ftl parses");
        let mut bundle = FluentBundle::new_concurrent(vec!["en".parse().unwrap()]);
        assert!(
            bundle.add_resource(resource).is_ok(),
            "duplicate ids in en.ftl"
        );
        fn send_sync<T: Send + Sync>() {}
        send_sync::<Locale>();
    }

    #[test]
    fn every_literal_key_in_the_built_in_templates_exists() {
        let en = Locale::english();
        for (name, source) in crate::theme::TEMPLATES {
            for piece in source.split("t(key=\"").skip(1) {
                let key = &piece[..piece.find('"').unwrap()];
                // Keys built with `~` end in `-` (`statement-kind-` ~ s.kind).
                if !key.ends_with('-') {
                    assert!(en.has(key), "{name} uses `{key}`, which en.ftl lacks");
                }
            }
        }
        for kind in [
            "statement",
            "phone_call",
            "meeting",
            "press_conference",
            "interview",
            "joint_statement",
            "readout",
            "social_post",
            "other",
        ] {
            assert!(en.has(&format!("statement-kind-{kind}")), "{kind}");
        }
        for kind in ["person", "state", "organization", "armed_group"] {
            assert!(en.has(&format!("actor-kind-{kind}")), "{kind}");
            assert!(en.has(&format!("actor-kind-{kind}-plural")), "{kind}");
        }
        for v in ["verified", "unverified", "disputed", "none"] {
            assert!(en.has(&format!("verification-{v}")), "{v}");
        }
    }

    #[test]
    fn looks_up_messages_with_arguments_and_plurals() {
        let en = Locale::english();
        assert_eq!(en.text("nav-timeline"), "Timeline");
        assert_eq!(en.statement_kind("phone_call"), "Phone call");
        assert_eq!(en.actor_kind("armed_group"), "armed group");
        assert_eq!(en.actor_kind_plural("person"), "People");
        assert_eq!(en.verification("none"), "not assessed");
        assert_eq!(
            en.with_args("title-tag", &[("tag", "ceasefire")]),
            "Tag: ceasefire"
        );
        assert_eq!(
            en.with_args("title-page-n", &[("n", "2"), ("site", "Desk")]),
            "Page 2 – Desk"
        );
        assert_eq!(en.with_count("count-statements", "count", 1), "1 statement");
        assert_eq!(
            en.with_count("count-statements", "count", 3),
            "3 statements"
        );
        assert_eq!(
            en.network_title(2, 1),
            "Who spoke with whom: 2 actors, 1 pair"
        );
        assert_eq!(
            en.network_title(5, 7),
            "Who spoke with whom: 5 actors, 7 pairs"
        );
        // No bidi isolation marks around arguments.
        assert!(
            !en.with_args("title-tag", &[("tag", "x")])
                .contains('\u{2068}')
        );
    }

    #[test]
    fn a_site_file_overrides_by_id_and_the_rest_stays_english() {
        let (locale, problems) = site(
            "nav-timeline = Chronology\ncount-statements = { $count ->\n    [one] one\n   *[other] { $count } on record\n}\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(locale.text("nav-timeline"), "Chronology");
        assert_eq!(locale.text("nav-actors"), "Actors");
        assert_eq!(locale.with_count("count-statements", "count", 1), "one");
        assert_eq!(
            locale.with_count("count-statements", "count", 4),
            "4 on record"
        );
    }

    #[test]
    fn a_broken_site_file_is_a_diagnostic_with_its_position() {
        let (locale, problems) =
            site("nav-timeline = Chronology\nnav-actors Actors\nnav-tags = Labels\n");
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 1, "{shown:?}");
        assert!(
            shown[0].starts_with("i18n/en.ftl:2:12: error: this line of the strings file does not parse: expected a token starting with \"=\""),
            "{shown:?}"
        );
        assert!(shown[0].contains("hint: write each message"), "{shown:?}");
        // What parsed is still used; the broken message falls back to English.
        assert_eq!(locale.text("nav-timeline"), "Chronology");
        assert_eq!(locale.text("nav-tags"), "Labels");
        assert_eq!(locale.text("nav-actors"), "Actors");
    }

    #[test]
    fn a_variable_the_templates_never_pass_is_a_diagnostic() {
        let (_, problems) = site("nav-tags = Tags\n\ntitle-tag = Tag { $name }\n");
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 1, "{shown:?}");
        assert!(
            shown[0].starts_with("i18n/en.ftl:3:1: error: message `title-tag` uses `{ $name }`, which it is never given"),
            "{shown:?}"
        );
        assert!(
            shown[0].contains("hint: it is given `{ $tag }`"),
            "{shown:?}"
        );
    }

    #[test]
    fn messages_no_template_uses_are_warnings() {
        let text = "nav-tagz = Labels\nmy-banner = Hello\nnav-tags = Tags\n";
        let at = |problems: Vec<Diagnostic>| -> Vec<String> {
            problems.iter().map(ToString::to_string).collect()
        };
        let shown = at(unused_messages(
            SiteStrings {
                path: Path::new("i18n/en.ftl"),
                text,
            },
            &["{{ t(key=\"my-banner\") }}"],
        ));
        assert_eq!(shown.len(), 1, "{shown:?}");
        assert!(shown[0].starts_with(
            "i18n/en.ftl:1:1: warning: message `nav-tagz` is not used by any template"
        ));
        assert!(shown[0].contains("did you mean `nav-tags`?"), "{shown:?}");
    }

    #[test]
    fn dates_take_the_locale_words_and_order() {
        let en = Locale::english();
        let d = |s: &str| Date::parse(s).unwrap();
        assert_eq!(d("2020-10-02~").display_in(en), "c. 2 Oct 2020");
        let (us, problems) = site(
            "date-day = { $month } { $day }, { $year }\nmonth-short-10 = Oct.\nmonth-10 = Oktober\ndate-approximate = about { $date }\ndate-uncertain = { $date } (?)\ndate-range-same-month = { $month } { $start-day }–{ $end-day }, { $year }\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(d("2020-10-02").display_in(&us), "Oct. 2, 2020");
        assert_eq!(d("2020-10~").display_in(&us), "about Oktober 2020");
        assert_eq!(d("2020-10-02?").display_in(&us), "Oct. 2, 2020 (?)");
        assert_eq!(d("2020-10-01/2020-10-03").display_in(&us), "Oct. 1–3, 2020");
        assert_eq!(
            d("2020-10/2020-11").display_in(&us),
            "Oktober 2020 – November 2020"
        );
        assert_eq!(
            crate::date::Day::parse("2020-10-03")
                .unwrap()
                .display_in(&us),
            "Oct. 3, 2020"
        );
        let words = us.dates();
        assert_eq!(words.timeline_month(2020, 10), "Oktober 2020");
        assert_eq!(
            words.timeline_day(jiff::civil::Weekday::Friday, "Oct. 2, 2020"),
            "Friday Oct. 2, 2020"
        );
    }

    #[test]
    fn t_escapes_plain_messages_and_the_arguments_of_markup_ones() {
        let (locale, _) = site("footer-data = Data & more:\n");
        let out = render(
            locale,
            r#"{{ t(key="footer-data") }}|{{ t(key="title-tag", tag="<b>") }}|{{ t(key="count-briefings", count=1) }}|{{ t(key="count-briefings", count=2) }}|{{ t(key="not-found-text-html", home="/?a=1&b=\"", timeline="/t/", actors="/a/") }}"#,
        )
        .unwrap();
        let parts: Vec<&str> = out.split('|').collect();
        assert_eq!(parts[0], "Data &amp; more:");
        assert_eq!(parts[1], "Tag: &lt;b&gt;");
        assert_eq!(parts[2], "1 briefing");
        assert_eq!(parts[3], "2 briefings");
        assert!(
            parts[4].starts_with("Nothing lives at this address. Try the <a href=\"/?a=1&amp;b=&quot;\">latest briefings</a>"),
            "{}",
            parts[4]
        );
    }

    #[test]
    fn t_reports_unknown_keys_and_missing_arguments() {
        let unknown =
            render(Locale::new("en", None).0, r#"{{ t(key="nav-timelin") }}"#).unwrap_err();
        assert!(unknown.contains("no message `nav-timelin`"), "{unknown}");
        assert!(
            unknown.contains("did you mean `nav-timeline`?"),
            "{unknown}"
        );
        let missing = render(Locale::new("en", None).0, r#"{{ t(key="title-tag") }}"#).unwrap_err();
        assert!(missing.contains("unknown variable: $tag"), "{missing}");
        let no_key = render(Locale::new("en", None).0, r#"{{ t(tag="x") }}"#).unwrap_err();
        assert!(no_key.contains("key"), "{no_key}");
    }

    /// Plurals and dates per built-in language, through the Locale API: re-accept
    /// after the built-in translations change (`cargo insta review`).
    #[test]
    fn plurals_and_dates_per_language() {
        let mut out = String::new();
        for code in ["en", "ru", "hy", "ar"] {
            let (locale, _) = Locale::new(code, None);
            out.push_str(&format!("## {code} ({})\n", locale.language_name()));
            for n in [0, 1, 2, 3, 5, 11, 21, 22, 101, 1000] {
                let line = locale.with_count("count-statements", "count", n);
                out.push_str(&format!("{n}: {line}\n"));
            }
            for d in [
                "2020",
                "2020-10",
                "2020-10-02",
                "2020-10-02~",
                "2020-10-02?",
                "2020-10-01/2020-10-03",
                "2020-09-29/2020-10-03",
            ] {
                let shown = Date::parse(d).unwrap().display_in(&locale);
                out.push_str(&format!("{d}: {shown}\n"));
            }
            let heading = locale.dates().timeline_day(
                jiff::civil::Weekday::Friday,
                &locale.dates().day(2020, 10, 2),
            );
            out.push_str(&format!("timeline day: {heading}\n"));
        }
        insta::assert_snapshot!(out);
    }

    #[test]
    fn a_site_file_falls_back_to_the_built_in_language_then_english_with_one_warning() {
        let (locale, problems) = Locale::new(
            "ru",
            Some(SiteStrings {
                path: Path::new("i18n/ru.ftl"),
                text: "nav-timeline = Летопись\n",
            }),
        );
        // The site's message, then the built-in Russian, then English.
        assert_eq!(locale.text("nav-timeline"), "Летопись");
        assert_eq!(locale.text("nav-actors"), builtin_text("ru", "nav-actors"));
        assert_eq!(
            locale.text("language-name"),
            builtin_text("ru", "language-name")
        );
        let warnings: Vec<String> = problems.iter().map(ToString::to_string).collect();
        let english_only = message_ids(&FluentResource::try_new(ENGLISH.into()).unwrap())
            .into_iter()
            .filter(|id| !builtin_has("ru", id) && id != "nav-timeline")
            .count();
        if english_only == 0 {
            assert!(warnings.is_empty(), "{warnings:?}");
        } else {
            assert_eq!(warnings.len(), 1, "{warnings:?}");
            assert!(
                warnings[0].starts_with(&format!(
                    "i18n/ru.ftl: warning: {english_only} of the theme's messages have no `ru` text and are shown in English: `"
                )),
                "{warnings:?}"
            );
        }
        // English has no warning; a site file in English is not a translation.
        assert!(Locale::new("en", None).1.is_empty());
    }

    fn builtin_has(code: &str, id: &str) -> bool {
        let resource = FluentResource::try_new(builtin(code).unwrap().to_string()).unwrap();
        message_ids(&resource).iter().any(|m| m == id)
    }

    fn builtin_text(code: &str, id: &str) -> String {
        let resource = FluentResource::try_new(builtin(code).unwrap().to_string()).unwrap();
        let mut bundle = FluentBundle::new_concurrent(vec![code.parse().unwrap()]);
        bundle.set_use_isolating(false);
        bundle.add_resource(resource).unwrap();
        format(&bundle, id, None).unwrap_or_default()
    }

    #[test]
    fn numbers_take_the_language_digits_and_plural_rules() {
        let (ar, _) = Locale::new(
            "ar",
            Some(SiteStrings {
                path: Path::new("i18n/ar.ftl"),
                text: "number-digits = ٠١٢٣٤٥٦٧٨٩\ntitle-page-n = صفحة { $n }\ncount-briefings = { $count ->\n    [one] one\n    [two] two\n    [few] { $count } few\n    [many] { $count } many\n   *[other] { $count } other\n}\n",
            }),
        );
        assert_eq!(ar.with_count("count-briefings", "count", 2), "two");
        assert_eq!(ar.with_count("count-briefings", "count", 3), "٣ few");
        assert_eq!(ar.with_count("count-briefings", "count", 11), "١١ many");
        assert_eq!(ar.with_count("count-briefings", "count", 100), "١٠٠ other");
        // Text arguments keep their digits.
        assert_eq!(ar.with_args("title-page-n", &[("n", "2")]), "صفحة 2");
        assert!(ar.dates().day(2020, 10, 2).contains("٢٠٢٠"));
        assert_eq!(digits_zero("0123456789"), None);
        assert_eq!(digits_zero("٠١٢٣٤٥٦٧٨٩"), Some('٠'));
        assert_eq!(digits_zero("0123"), None);
    }
}
