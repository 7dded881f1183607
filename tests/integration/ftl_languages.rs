//! The built-in theme strings for Russian, Armenian and Arabic: each file parses,
//! has exactly English's message ids with the same variables, every plural choice
//! offers the language's CLDR categories, and counts and dates come out the way the
//! language writes them (formatted with a Fluent bundle of that language, so the
//! plural rules are CLDR's, not ours).

use std::collections::{BTreeMap, BTreeSet};

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
use fluent_syntax::ast;

const EN: &str = include_str!("../../i18n/en.ftl");
const BUILT_IN: [(&str, &str); 3] = [
    ("ru", include_str!("../../i18n/ru.ftl")),
    ("hy", include_str!("../../i18n/hy.ftl")),
    ("ar", include_str!("../../i18n/ar.ftl")),
];

/// The CLDR cardinal categories of each language.
fn categories(lang: &str) -> BTreeSet<&'static str> {
    let list: &[&str] = match lang {
        "ru" => &["one", "few", "many", "other"],
        "ar" => &["zero", "one", "two", "few", "many", "other"],
        _ => &["one", "other"],
    };
    list.iter().copied().collect()
}

fn parse(lang: &str, text: &str) -> ast::Resource<String> {
    fluent_syntax::parser::parse(text.to_string()).unwrap_or_else(|(_, errors)| {
        let shown: Vec<String> = errors
            .iter()
            .map(|e| {
                let line = text[..e.pos.start].matches('\n').count() + 1;
                format!("i18n/{lang}.ftl:{line}: {}", e.kind)
            })
            .collect();
        panic!("{}", shown.join("\n"))
    })
}

/// Each message's variables (in its value, selectors included), by id.
fn messages(resource: &ast::Resource<String>) -> BTreeMap<String, BTreeSet<String>> {
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            ast::Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                if let Some(value) = &m.value {
                    pattern_vars(value, &mut vars);
                }
                Some((m.id.name.clone(), vars))
            }
            _ => None,
        })
        .collect()
}

fn pattern_vars(pattern: &ast::Pattern<String>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, out);
        }
    }
}

fn expression_vars(expression: &ast::Expression<String>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Inline(inline) => inline_vars(inline, out),
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for variant in variants {
                pattern_vars(&variant.value, out);
            }
        }
    }
}

fn inline_vars(inline: &ast::InlineExpression<String>, out: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.clone());
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, out),
        _ => {}
    }
}

/// The plural keys of every choice in the file: `(message id, keys)`, numeric keys
/// such as `[1]` left out (they match one exact number, beside the categories);
/// choices on `$language` are not plurals and are left out.
fn plural_keys(resource: &ast::Resource<String>) -> Vec<(String, BTreeSet<String>)> {
    let mut out = Vec::new();
    for entry in &resource.body {
        let ast::Entry::Message(m) = entry else {
            continue;
        };
        for element in m.value.iter().flat_map(|v| &v.elements) {
            if let ast::PatternElement::Placeable {
                expression: ast::Expression::Select { selector, variants },
            } = element
            {
                // A choice on a language code (`statement-original`) is not a plural.
                if is_variable(selector, "language") {
                    continue;
                }
                let keys = variants
                    .iter()
                    .filter_map(|v| match &v.key {
                        ast::VariantKey::Identifier { name } => Some(name.clone()),
                        ast::VariantKey::NumberLiteral { .. } => None,
                    })
                    .collect();
                out.push((m.id.name.clone(), keys));
            }
        }
    }
    out
}

fn is_variable(inline: &ast::InlineExpression<String>, name: &str) -> bool {
    matches!(inline, ast::InlineExpression::VariableReference { id } if id.name == name)
}

#[test]
fn each_built_in_language_file_matches_english_id_for_id() {
    let en = messages(&parse("en", EN));
    for (lang, text) in BUILT_IN {
        let theirs = messages(&parse(lang, text));
        let missing: Vec<&String> = en.keys().filter(|id| !theirs.contains_key(*id)).collect();
        let extra: Vec<&String> = theirs.keys().filter(|id| !en.contains_key(*id)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "i18n/{lang}.ftl: missing {missing:?}; not in en.ftl {extra:?}"
        );
        for (id, vars) in &en {
            // A day date may name its month in the form it takes inside a date
            // (Rust gives both): `month-genitive` stands for `month`.
            let theirs: BTreeSet<String> = theirs[id]
                .iter()
                .map(|v| v.strip_suffix("-genitive").unwrap_or(v).to_string())
                .collect();
            assert_eq!(&theirs, vars, "i18n/{lang}.ftl: variables of `{id}`");
        }
        // Duplicate ids would make adding the resource fail.
        let mut bundle = FluentBundle::new(vec![lang.parse().unwrap()]);
        let resource = FluentResource::try_new(text.to_string()).expect("parses");
        assert!(
            bundle.add_resource(resource).is_ok(),
            "duplicate ids in {lang}"
        );
    }
}

#[test]
fn every_plural_choice_offers_the_languages_cldr_categories() {
    for (lang, text) in [("en", EN)].into_iter().chain(BUILT_IN) {
        let expected: BTreeSet<String> = categories(lang).into_iter().map(String::from).collect();
        let choices = plural_keys(&parse(lang, text));
        assert!(!choices.is_empty(), "{lang}");
        for (id, keys) in choices {
            assert_eq!(keys, expected, "i18n/{lang}.ftl: plural keys of `{id}`");
        }
    }
}

fn bundle(lang: &str, text: &str) -> FluentBundle<FluentResource> {
    let mut bundle = FluentBundle::new(vec![lang.parse().unwrap()]);
    bundle.set_use_isolating(false);
    bundle
        .add_resource(FluentResource::try_new(text.to_string()).expect("parses"))
        .expect("no duplicate ids");
    bundle
}

fn format(bundle: &FluentBundle<FluentResource>, id: &str, args: &FluentArgs<'_>) -> String {
    let pattern = bundle
        .get_message(id)
        .and_then(|m| m.value())
        .unwrap_or_else(|| panic!("no message {id}"));
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(args), &mut errors);
    assert!(errors.is_empty(), "{id}: {errors:?}");
    text.into_owned()
}

fn text(bundle: &FluentBundle<FluentResource>, id: &str) -> String {
    format(bundle, id, &FluentArgs::new())
}

#[test]
fn counts_follow_each_languages_plural_rules() {
    let mut shown = String::new();
    for (lang, source) in BUILT_IN {
        let bundle = bundle(lang, source);
        shown.push_str(&format!("{lang}:\n"));
        for n in [0, 1, 2, 3, 5, 11, 21, 100] {
            let mut args = FluentArgs::new();
            args.set("count", n);
            let statements = format(&bundle, "count-statements", &args);
            let briefings = format(&bundle, "count-briefings", &args);
            shown.push_str(&format!("  {n:>3}: {statements} | {briefings}\n"));
        }
    }
    insta::assert_snapshot!("counts_per_language", shown);
}

/// The day-date pattern with the genitive month, as Rust fills it in: 2 October 2020
/// (a Friday), approximately, uncertainly, and as a timeline day heading. Fluent
/// writes numbers with ASCII digits; Rust maps them to `number-digits` afterwards.
#[test]
fn dates_are_written_the_languages_way() {
    let mut shown = String::new();
    for (lang, source) in [("en", EN)].into_iter().chain(BUILT_IN) {
        let bundle = bundle(lang, source);
        let mut day = FluentArgs::new();
        day.set("day", "2");
        day.set("month", text(&bundle, "month-short-10"));
        day.set("month-genitive", text(&bundle, "month-genitive-10"));
        day.set("year", "2020");
        let date = format(&bundle, "date-day", &day);
        let with_date = |id: &str, extra: &[(&str, String)]| {
            let mut args = FluentArgs::new();
            args.set("date", date.clone());
            for (name, value) in extra {
                args.set(*name, value.clone());
            }
            format(&bundle, id, &args)
        };
        let mut month = FluentArgs::new();
        month.set("month", text(&bundle, "month-10"));
        month.set("year", "2020");
        shown.push_str(&format!(
            "{lang} ({}, digits {}):\n  {date}\n  {}\n  {}\n  {}\n  {}\n",
            text(&bundle, "language-name"),
            text(&bundle, "number-digits"),
            with_date("date-approximate", &[]),
            with_date("date-uncertain", &[]),
            with_date("timeline-day", &[("weekday", text(&bundle, "weekday-5"))]),
            format(&bundle, "date-month", &month),
        ));
    }
    insta::assert_snapshot!("dates_per_language", shown);
}
