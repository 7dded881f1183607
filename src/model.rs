//! The resolved site: briefings, actors, statements and pages, cross-referenced by
//! index. Built once by `resolve`, read-only afterwards.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil;

use crate::base_url::BaseUrl;
use crate::date::{Date, Day};

mod heap;
mod kinds;
mod settings;

pub(crate) use heap::report as heap_report;

pub use kinds::{ActorKind, Rating, StatementKind, Verification};
pub use settings::{Config, Dir, Source};

pub type ActorIx = usize;
pub type BriefingIx = usize;
pub type StatementIx = usize;

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub base: BaseUrl,
    /// Newest first; ties by slug.
    pub briefings: Vec<Briefing>,
    /// Sorted by id.
    pub actors: Vec<Actor>,
    /// Sorted by slug.
    pub pages: Vec<Page>,
    /// In date order (earliest day first); ties keep source order.
    pub statements: Vec<Statement>,
    /// Tag slug -> the tag, in slug order.
    pub tags: BTreeMap<String, Tag>,
    /// The words the site is written in for readers (month names, kinds, titles):
    /// the built-in English until the renderer sets the site's locale.
    pub locale: Arc<crate::i18n::Locale>,
    /// The site's languages and the one this model is in (DESIGN.md "Languages").
    pub language: SiteLanguage,
    /// The models of the site's other languages (filled by `load`, taken by the
    /// renderer); empty with one language.
    pub translations: Vec<Site>,
    /// Hashes of what this model is made from (set by `load`; zeros where
    /// unknown), for the build cache's fast path.
    pub fingerprint: Fingerprint,
    /// Per briefing, a hash of its document without its body and what other
    /// pages show of it (see `load/fingerprint.rs`), for the fast keys of
    /// briefing pages; empty where unknown, and on sites with languages.
    pub briefing_prints: Vec<u128>,
}

/// What the build cache's fast path knows of a model (see `load/fingerprint.rs`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fingerprint {
    /// A hash of everything the model is made from except briefing bodies
    /// (0: unknown): while it stays the same, only a page that shows a
    /// briefing's body can change.
    pub full: u128,
    /// The same without what other pages show of a briefing either (its title
    /// and summary, its statements' quotes, summaries, sources and original
    /// words; 0: unknown): while it stays the same, a page that shows no body
    /// but its own can change only where one of those it shows does.
    pub shallow: u128,
    /// The same without the briefings at all (0: unknown): the settings, the
    /// actors and the free pages. A briefing page is keyed by it, its own
    /// briefing's and those of the statements it shows beside its own (see
    /// `render/shown.rs`), so a briefing added, deleted or moved elsewhere
    /// keeps it.
    pub narrow: u128,
}

/// One of the site's languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageInfo {
    pub code: String,
    /// Its own name, for the switcher.
    pub name: String,
    pub dir: Dir,
}

/// Which language a model is in, among the site's.
#[derive(Debug, Clone, Default)]
pub struct SiteLanguage {
    /// Every language of the site, the default first; empty with one language.
    pub all: Arc<Vec<LanguageInfo>>,
    /// This model's language, an index into `all`.
    pub ix: usize,
    /// Slugs of briefings with no text in this language: listed in their
    /// original's language and linked to the original.
    pub untranslated: std::collections::HashSet<String>,
    /// The default language's base, where untranslated briefings live.
    pub default_base: BaseUrl,
    /// Slugs of briefings translated into this language whose statements are the
    /// original's (the translation lists no `statements:` of its own).
    pub shared_statements: std::collections::HashSet<String>,
}

impl SiteLanguage {
    /// Whether the site has more than one language.
    pub fn is_multilingual(&self) -> bool {
        self.all.len() > 1
    }

    /// This model's language, if the site has several.
    pub fn current(&self) -> Option<&LanguageInfo> {
        self.all.get(self.ix).filter(|_| self.is_multilingual())
    }

    /// The direction text in language `code` is written in: the `dir:` of
    /// `languages:` where the site lists it, else from a list of right-to-left
    /// languages.
    pub fn dir_of(&self, code: &str) -> Dir {
        match self.all.iter().find(|l| l.code == code) {
            Some(l) => l.dir,
            None if RTL.contains(&code) => Dir::Rtl,
            None => Dir::Ltr,
        }
    }
}

impl Site {
    /// The code of the language this model is in: `language:` of site.yaml, or
    /// with `languages:` this model's.
    pub fn language_code(&self) -> &str {
        self.language
            .current()
            .map_or(self.config.language.as_str(), |l| l.code.as_str())
    }

    /// The base a briefing's page is under: this language's, or the default
    /// language's for a briefing with no text in this one.
    pub fn briefing_base(&self, slug: &str) -> &BaseUrl {
        if self.language.untranslated.contains(slug) {
            &self.language.default_base
        } else {
            &self.base
        }
    }

    /// The language a briefing of this model is written in when it is not this
    /// model's (an untranslated original): its code, for a `lang` attribute.
    pub fn briefing_lang(&self, slug: &str) -> Option<&str> {
        self.language
            .untranslated
            .contains(slug)
            .then(|| self.language.all.first().map(|l| l.code.as_str()))
            .flatten()
    }

    /// The language the statements of briefing `slug` are written in when it is not
    /// this model's: the default language's code for an untranslated briefing or a
    /// translation that keeps its original's statements.
    pub fn statement_lang(&self, slug: &str) -> Option<&str> {
        let shared = self.language.shared_statements.contains(slug);
        self.briefing_lang(slug).or_else(|| {
            shared
                .then(|| self.language.all.first().map(|l| l.code.as_str()))
                .flatten()
        })
    }
}

#[derive(Debug)]
pub struct Tag {
    /// The name as first written.
    pub name: String,
    /// Briefings carrying it, newest first.
    pub briefings: Vec<BriefingIx>,
}

#[derive(Debug)]
pub struct Briefing {
    pub path: PathBuf,
    pub slug: String,
    pub title: String,
    pub date: Day,
    pub updated: Option<Day>,
    pub summary: String,
    pub draft: bool,
    pub tags: Vec<String>,
    /// Everyone involved: listed actors, speakers and counterparts, sorted by index.
    pub actors: Vec<ActorIx>,
    /// Actors named in the body text.
    pub mentioned: Vec<ActorIx>,
    pub sources: Vec<Source>,
    /// This briefing's statements in date order; ties keep source order.
    pub statements: Vec<StatementIx>,
    pub corrections: Vec<Correction>,
    /// The rendered body, compressed (the largest part of a big site's model).
    pub body_html: crate::packed::Packed,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Correction {
    pub date: Day,
    pub note: String,
    /// The number (from 1) in its briefing of the statement it changed, named by
    /// number (`s-2`, `<slug>-2`) or by the statement's `id:`.
    pub statement: Option<usize>,
}

#[derive(Debug)]
pub struct Statement {
    /// Stable id: its `id:`, else `<briefing slug>-<n>`, n counting from 1 in source
    /// order. Unique across the site.
    pub id: String,
    /// Whether `id` was written (`id:`) rather than numbered.
    pub named: bool,
    /// 1-based position in its briefing, for the `#s-N` anchor.
    pub number: usize,
    pub briefing: BriefingIx,
    pub speakers: Vec<ActorIx>,
    pub with: Vec<ActorIx>,
    pub kind: StatementKind,
    pub date: Date,
    pub quote: Option<String>,
    pub summary: Option<String>,
    pub source: Option<Source>,
    pub verification: Option<Verification>,
    /// The statements this one contradicts (`disputes:`), in the order written.
    pub disputes: Vec<StatementIx>,
    /// The statements that contradict this one, in site order.
    pub disputed_by: Vec<StatementIx>,
    /// Boxed, as `original`: most statements have neither, and a statement's
    /// size counts 100,000s of times in a big site's model.
    pub factcheck: Option<Box<FactCheck>>,
    /// The words in the language they were said in (`original:`).
    pub original: Option<Box<Original>>,
}

/// A statement's words in the language they were said in (`original: {lang, text}`),
/// shown beside the quote in the page's language. `lang` is a BCP 47 primary tag.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Original {
    pub lang: String,
    pub text: String,
}

/// A BCP 47 primary language subtag alone (two or three letters, ISO 639), in its
/// canonical lowercase form: what `languages:` codes and `original: {lang}` accept.
pub fn is_primary_tag(code: &str) -> bool {
    code.parse::<unic_langid::LanguageIdentifier>()
        .is_ok_and(|id| {
            id.script.is_none()
                && id.region.is_none()
                && id.variants().next().is_none()
                && id.language.as_str() == code
                && (2..=3).contains(&code.len())
        })
}

/// Languages written right to left, for text in a language the site does not list
/// in `languages:` (whose `dir:` says it otherwise): Arabic, Imperial Aramaic,
/// Sorani Kurdish, Dhivehi, Persian, Hebrew, Pashto, Sindhi, Uyghur, Urdu, Yiddish.
const RTL: [&str; 11] = [
    "ar", "arc", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi",
];

/// A fact-check of a statement (`factcheck:`): the verdict, a plain-text note and
/// a link to the full check.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct FactCheck {
    pub rating: Rating,
    pub note: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug)]
pub struct Actor {
    pub id: String,
    pub path: PathBuf,
    pub name: String,
    pub kind: ActorKind,
    pub aliases: Vec<String>,
    pub names: BTreeMap<String, String>,
    pub country: Option<String>,
    pub roles: Vec<Role>,
    pub wikidata: Option<String>,
    pub bio_html: String,
    /// The bio's first paragraph as plain text (empty without a bio).
    pub first_paragraph: String,
    /// Statements where this actor speaks or is a counterpart, in date order.
    pub statements: Vec<StatementIx>,
    /// Briefings that involve or mention this actor, newest first.
    pub briefings: Vec<BriefingIx>,
}

#[derive(Debug, Clone)]
pub struct Role {
    pub title: String,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub org: Option<ActorIx>,
}

impl Actor {
    /// The role held on `day`: the latest-starting role whose span covers it.
    pub fn role_on(&self, day: civil::Date) -> Option<&Role> {
        self.roles
            .iter()
            .filter(|r| r.start.is_none_or(|s| s.first_day() <= day))
            .filter(|r| r.end.is_none_or(|e| e.last_day() >= day))
            .max_by_key(|r| r.start.map(|s| s.first_day()))
    }
}

#[derive(Debug)]
pub struct Page {
    pub path: PathBuf,
    pub slug: String,
    pub title: String,
    pub summary: Option<String>,
    pub body_html: Arc<str>,
    /// The theme's own page (the default methodology page), not a file of the site.
    pub builtin: bool,
}

/// The slug of the page that explains verification and dates; the theme provides
/// one when the site has none, and badges and uncertain dates link to its legend.
pub const METHODOLOGY: &str = "methodology";
/// The ids of the legend's sections on the methodology page.
pub const LEGEND_IDS: [&str; 2] = ["verification", "dates"];

impl Page {
    /// Whether the page's HTML has an element with id `id`.
    pub fn has_id(&self, id: &str) -> bool {
        self.builtin || self.body_html.contains(&format!(" id=\"{id}\""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_on_a_date_is_the_one_in_force() {
        let d = |s| Some(Date::parse(s).unwrap());
        let role = |t: &str, s, e| Role {
            title: t.into(),
            start: d(s),
            end: e,
            org: None,
        };
        let actor = Actor {
            id: "a".into(),
            path: PathBuf::new(),
            name: "A".into(),
            kind: ActorKind::Person,
            aliases: vec![],
            names: BTreeMap::new(),
            country: None,
            roles: vec![
                role("Director", "2015-01-01", d("2018-04-25")),
                role("Secretary", "2018-04-26", d("2021-01-20")),
            ],
            wikidata: None,
            bio_html: String::new(),
            first_paragraph: String::new(),
            statements: vec![],
            briefings: vec![],
        };
        assert_eq!(
            actor.role_on(civil::date(2020, 10, 1)).unwrap().title,
            "Secretary"
        );
        assert_eq!(
            actor.role_on(civil::date(2016, 1, 1)).unwrap().title,
            "Director"
        );
        assert!(actor.role_on(civil::date(2022, 1, 1)).is_none());
    }
}
