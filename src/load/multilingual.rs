//! One model per language. The default language's model is resolved from the
//! originals; each other language's from the same documents with its
//! translations in their place (an untranslated briefing stays, marked, so lists
//! show everything), its translated pages, and actor names from `names:`.

use std::collections::HashSet;
use std::sync::Arc;

use crate::diagnostic::{Code, Diagnostic};
use crate::markdown::Dialect;
use crate::model::{Config, LanguageInfo, Site, SiteLanguage};
use crate::parse::{ActorDoc, BriefingDoc, PageDoc};
use crate::resolve;
use crate::route::BaseUrl;

use super::Files;
use super::translations::{self, Parsed};

/// The parsed originals.
pub(super) struct Docs {
    pub actors: Vec<ActorDoc>,
    pub briefings: Vec<BriefingDoc>,
    pub pages: Vec<PageDoc>,
}

/// The site's model in its default language, holding the other languages'
/// models in `translations`.
pub(super) fn resolve_all(
    config: Config,
    base: BaseUrl,
    docs: Docs,
    files: &Files,
    options: resolve::Options,
) -> (Site, Vec<Diagnostic>) {
    if config.languages.len() < 2 {
        return resolve::resolve(
            config,
            base,
            docs.actors,
            docs.briefings,
            docs.pages,
            options,
        );
    }
    let all = Arc::new(infos(&config));
    let dialect = Dialect {
        unsafe_html: config.unsafe_html,
    };
    let (actor_tr, mut diags) =
        translations::actors(&files.translations[0], &files.actors, dialect);
    let (page_tr, more) = translations::pages(&files.translations[2], &files.pages, dialect);
    diags.extend(more);
    let mut others = Vec::new();
    let mut translated: Vec<HashSet<std::path::PathBuf>> = vec![HashSet::new(); all.len()];
    for (lang, info) in all.iter().enumerate().skip(1) {
        let actors = actors_in(lang, &info.code, &docs.actors, &actor_tr);
        let siblings: Vec<translations::Sibling> = files.translations[1]
            .iter()
            .filter(|s| s.lang == lang)
            .cloned()
            .collect();
        let (briefing_tr, more) =
            translations::briefings(&siblings, &files.briefings, &actors, dialect);
        diags.extend(more);
        translated[lang].extend(briefing_tr.iter().map(|t| t.original.clone()));
        translated[lang].extend(
            page_tr
                .iter()
                .filter(|t| t.lang == lang)
                .map(|t| t.original.clone()),
        );
        let shared_statements = keeps_statements(&briefing_tr, &docs.briefings, options.drafts);
        let (briefings, untranslated) = briefings_in(&docs.briefings, briefing_tr, options.drafts);
        let pages: Vec<PageDoc> = page_tr
            .iter()
            .filter(|t| t.lang == lang)
            .map(|t| t.doc.clone())
            .collect();
        // Problems across files are the originals', reported once below.
        let quiet = resolve::Options {
            unused_actors: false,
            ..options
        };
        let lang_base = base.for_language(Some(&info.code));
        let (mut site, _) =
            resolve::resolve(config.clone(), lang_base, actors, briefings, pages, quiet);
        site.language = SiteLanguage {
            all: Arc::clone(&all),
            ix: lang,
            untranslated,
            default_base: base.clone(),
            shared_statements,
        };
        others.push(site);
    }
    diags.extend(missing(&docs, &all, &translated));
    let actors = actors_in(0, &all[0].code, &docs.actors, &[]);
    let (mut site, more) =
        resolve::resolve(config, base, actors, docs.briefings, docs.pages, options);
    diags.extend(more);
    site.language = SiteLanguage {
        all,
        ix: 0,
        untranslated: HashSet::new(),
        default_base: site.base.clone(),
        shared_statements: HashSet::new(),
    };
    site.translations = others;
    (site, diags)
}

/// The languages with their names: site.yaml's, else the built-in strings'.
fn infos(config: &Config) -> Vec<LanguageInfo> {
    config
        .languages
        .iter()
        .map(|l| LanguageInfo {
            code: l.code.clone(),
            name: l
                .name
                .clone()
                .unwrap_or_else(|| crate::i18n::builtin_language_name(&l.code)),
            dir: l.dir,
        })
        .collect()
}

/// The actors in language `lang`: each one's translation if it has one, named
/// by `names:` (unless the translation gives its own `name:`).
fn actors_in(
    lang: usize,
    code: &str,
    originals: &[ActorDoc],
    translated: &[Parsed<ActorDoc>],
) -> Vec<ActorDoc> {
    originals
        .iter()
        .map(|a| {
            let own = translated
                .iter()
                .find(|t| t.lang == lang && t.doc.id == a.id);
            let mut doc = own.map_or_else(|| a.clone(), |t| t.doc.clone());
            let named = own.is_some_and(|t| t.own.iter().any(|k| k == "name"));
            if !named && let Some(name) = a.meta.names.get(code) {
                doc.meta.name.clone_from(name);
            }
            doc
        })
        .collect()
}

/// The briefings in a language: translations where there are (published ones),
/// the originals elsewhere, whose slugs are returned as untranslated.
fn briefings_in(
    originals: &[BriefingDoc],
    translated: Vec<Parsed<BriefingDoc>>,
    drafts: bool,
) -> (Vec<BriefingDoc>, HashSet<String>) {
    let mut by_original: std::collections::HashMap<std::path::PathBuf, BriefingDoc> = translated
        .into_iter()
        .filter(|t| drafts || !t.doc.draft)
        .map(|t| (t.original, t.doc))
        .collect();
    let mut untranslated = HashSet::new();
    let docs = originals
        .iter()
        .map(|o| match by_original.remove(&o.path) {
            Some(mut doc) => {
                doc.slug.clone_from(&o.slug);
                doc.slug_pos = o.slug_pos;
                doc
            }
            None => {
                untranslated.insert(o.slug.clone());
                o.clone()
            }
        })
        .collect();
    (docs, untranslated)
}

/// The slugs of the (published) translations that list no `statements:` of their
/// own: their statements are the original's, in the default language.
fn keeps_statements(
    translated: &[Parsed<BriefingDoc>],
    originals: &[BriefingDoc],
    drafts: bool,
) -> HashSet<String> {
    let keeping: HashSet<&std::path::Path> = translated
        .iter()
        .filter(|t| (drafts || !t.doc.draft) && !t.own.iter().any(|k| k == "statements"))
        .map(|t| t.original.as_path())
        .collect();
    originals
        .iter()
        .filter(|o| keeping.contains(o.path.as_path()))
        .map(|o| o.slug.clone())
        .collect()
}

/// One warning per briefing or page that some language lacks, naming them.
fn missing(
    docs: &Docs,
    all: &[LanguageInfo],
    translated: &[HashSet<std::path::PathBuf>],
) -> Vec<Diagnostic> {
    let paths = docs
        .briefings
        .iter()
        .filter(|b| !b.draft)
        .map(|b| &b.path)
        .chain(docs.pages.iter().filter(|p| !p.meta.draft).map(|p| &p.path));
    paths
        .filter_map(|path| {
            let lacking: Vec<&str> = (1..all.len())
                .filter(|&l| !translated[l].contains(path))
                .map(|l| all[l].code.as_str())
                .collect();
            (!lacking.is_empty()).then(|| {
                let stem = path.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned());
                Diagnostic::warning(
                    path,
                    Code::MissingTranslation,
                    format!("not translated into {}", lacking.join(", ")),
                )
                .hint(format!(
                    "readers of those languages see the original; a translation is a file beside it, such as `{stem}.{}.md`",
                    lacking[0]
                ))
            })
        })
        .collect()
}
