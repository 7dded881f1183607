//! Where every output file lives and how pages link to it: the only code that knows
//! the site's paths and URLs. A [`Route`] names one output file (a page, a feed, a
//! data file…); [`RouteTable`] lists a site's routes once, and rendering, the
//! sitemap, the link check, `serve`'s page lookup and the reserved-slug check all
//! read it. [`BaseUrl`] turns a route into a link: under a sub-path, absolute
//! (permalinks), or relative to the page (`base_url: relative`, via [`ROOT_MARK`]).

use std::borrow::Cow;
use std::collections::HashMap;

pub use crate::base_url::{BaseUrl, ROOT_MARK, name_file, resolve_links, resolve_root};
use crate::model::Site;
use crate::theme;

/// A timeline longer than this (in statements) is split into pages per year; a
/// year's page holds at most this many statements (more go to `page/2/`…), so a
/// page stays within the budget (250 KB, 3,000 elements) at any size of site.
pub const TIMELINE_SPLIT: usize = 100;

/// An actor with more statements than this gets one page per year
/// (`actors/<id>/<year>/`), each holding at most this many (more: `page/2/`…).
pub const ACTOR_SPLIT: usize = 100;

/// Corrections on one page of `/corrections/` (more: `page/2/`…).
pub const CORRECTIONS_PAGE: usize = 200;

/// The archive of a year with more briefings than this lists its months, each on
/// its own page (`archive/<year>/<month>/`), instead of every briefing.
pub const ARCHIVE_SPLIT: usize = 500;

/// A site with more actors than this gets an actors index (`/actors/`: a letter
/// bar, the kinds and the most cited) and a page per initial letter listing that
/// letter's actors by kind, at most this many to a page (more: `page/2/`…). At 300
/// actors the one-page list is about 40 KB and 1,100 elements.
pub const ACTORS_SPLIT: usize = 300;

// The first segment of each folder of generated pages. A free page may not take
// one (see [`is_reserved`]); a language prefix would sit before these.
const BRIEFINGS: &str = "briefings";
const ACTORS: &str = "actors";
const TIMELINE: &str = "timeline";
const TAGS: &str = "tags";
const HOME_PAGES: &str = "page";
const DATA: &str = "data";
const CONTACTS: &str = "contacts";
const CORRECTIONS: &str = "corrections";
const SEARCH: &str = "search";
/// The folder of the search index (Pagefind's name, so its UI finds it).
pub const SEARCH_INDEX: &str = "pagefind";
const ARCHIVE: &str = "archive";
/// The folder of the actors' letter pages, `actors-by-letter/<letter>/`. A folder of
/// its own rather than a segment under `actors/`: every `actors/<x>/` belongs to
/// actor ids (`[a-z0-9-]+`, no `-` at either end, see `slug::is_valid_id`), and a
/// segment no id can take would need a character ids lack (`_` is dropped by
/// GitHub Pages' Jekyll, upper case clashes with an id on case-insensitive file
/// systems, a leading `-` or `.` trips shells and hides files). A free page cannot
/// take this folder either ([`is_reserved`]), and only letter pages live in it.
const ACTORS_BY_LETTER: &str = "actors-by-letter";
/// The letter page of names starting with a digit.
const DIGITS_LETTER: &str = "0-9";
/// The letter page of names with neither a letter nor a digit. Other segments are
/// `[a-z]+` (a letter's transliteration) or `u` and hex digits (a letter without
/// one), so neither name with a `-` is ever a letter's.
const OTHER_LETTER: &str = "other-letters";

/// Folders of pages every language of a site has (a briefing or free page may
/// be untranslated): links into them in a translated body stay in its language.
pub const IN_EVERY_LANGUAGE: [&str; 7] = [
    ACTORS,
    ACTORS_BY_LETTER,
    TIMELINE,
    TAGS,
    ARCHIVE,
    CONTACTS,
    CORRECTIONS,
];

/// Top-level folders a free page's slug may not take: the site's own page folders,
/// and `static` (the folder of the site's own files, kept free to avoid confusion).
pub const RESERVED_FIRST_SEGMENTS: [&str; 13] = [
    ARCHIVE,
    BRIEFINGS,
    ACTORS,
    ACTORS_BY_LETTER,
    TIMELINE,
    TAGS,
    HOME_PAGES,
    DATA,
    CONTACTS,
    CORRECTIONS,
    SEARCH,
    SEARCH_INDEX,
    "static",
];

/// Whether a free page may not have `slug`: it would clash with a generated folder.
pub fn is_reserved(slug: &str) -> bool {
    RESERVED_FIRST_SEGMENTS.contains(&slug)
}

/// Element ids the theme's pages use around a Markdown body (their sections and the
/// statement anchors `s-N`): a heading in a body never takes one.
const THEME_IDS: [&str; 8] = [
    "main",
    "statements",
    ACTORS,
    "sources",
    CORRECTIONS,
    CONTACTS,
    "roles",
    BRIEFINGS,
];

/// Whether a heading in a Markdown body may not have `id` (see [`THEME_IDS`]).
pub fn is_reserved_id(id: &str) -> bool {
    THEME_IDS.contains(&id) || is_statement_anchor(id)
}

/// Whether `id` has the form of a statement anchor (`s-` and more): numbered ones
/// and those made from statement ids alike.
pub fn is_statement_anchor(id: &str) -> bool {
    id.strip_prefix("s-").is_some_and(|rest| !rest.is_empty())
}

/// The anchor of a statement on its briefing's page: `s-<id>` for a statement with
/// an `id:`, else `s-N` (its number). Every id starting `s-` belongs to statements:
/// a Markdown heading never takes one (`is_reserved_id`), so the two cannot clash.
pub fn statement_anchor(s: &crate::model::Statement) -> String {
    if s.named {
        format!("s-{}", s.id)
    } else {
        numbered_anchor(s.number)
    }
}

/// The numbered anchor of statement `number`, `s-3`: the only one before ids existed,
/// and kept on named statements as a second target so old permalinks still resolve.
pub fn numbered_anchor(number: usize) -> String {
    format!("s-{number}")
}

/// One of the generated data files, under `data/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DataFile {
    StatementsJson,
    TimelineJson,
    StatementsCsv,
    /// Every pair of actors who spoke with each other (`/contacts/` shows the top).
    ContactsCsv,
    /// Every actor: id, name, kind, country, roles, statements said and addressed.
    ActorsJson,
    ActorsCsv,
}

impl DataFile {
    pub const ALL: [DataFile; 6] = [
        DataFile::StatementsJson,
        DataFile::TimelineJson,
        DataFile::StatementsCsv,
        DataFile::ContactsCsv,
        DataFile::ActorsJson,
        DataFile::ActorsCsv,
    ];

    pub fn file_name(self) -> &'static str {
        match self {
            DataFile::StatementsJson => "statements.json",
            DataFile::TimelineJson => "timeline.json",
            DataFile::StatementsCsv => "statements.csv",
            DataFile::ContactsCsv => "contacts.csv",
            DataFile::ActorsJson => "actors.json",
            DataFile::ActorsCsv => "actors.csv",
        }
    }
}

/// One output file of a site. Slugs and ids are the model's (already URL-safe).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Route {
    /// Page `n` (from 1) of the briefing list; page 1 is the home page.
    Home(usize),
    Briefing(String),
    Actors,
    /// Page `n` (from 1) of the actors whose names start with one letter, by the
    /// letter's segment (see [`ActorLetter`]); only past [`ACTORS_SPLIT`] actors.
    ActorLetter(String, usize),
    Actor(String),
    /// An actor's Atom feed.
    ActorFeed(String),
    /// The timeline: whole, or (when split) its front page with the latest months.
    Timeline,
    /// Page `n` (from 1) of one year of a split timeline.
    TimelineYear(i16, usize),
    /// Page `n` (from 1) of an actor's statements of one year (actors with more
    /// than [`ACTOR_SPLIT`] statements).
    ActorYear(String, i16, usize),
    /// Briefings by year and month.
    Archive,
    ArchiveYear(i16),
    /// One month of a year with more than [`ARCHIVE_SPLIT`] briefings.
    ArchiveMonth(i16, i8),
    Contacts,
    /// Page `n` (from 1) of the corrections, [`CORRECTIONS_PAGE`] to a page.
    Corrections(usize),
    Tags,
    /// Page `n` (from 1) of a tag's briefings, by tag slug.
    Tag(String, usize),
    /// A free page from `content/pages/`, by slug.
    Page(String),
    /// The search page.
    Search,
    /// The search index: one job that writes every file under `pagefind/`; its
    /// path is the client script's, `pagefind/pagefind.js`.
    SearchIndex,
    Feed,
    /// `sitemap.xml`: every page's URL, or, past [`SITEMAP_URLS`] of them, the
    /// index of the parts ([`Route::SitemapIndex`] then takes its place).
    Sitemap,
    /// `sitemap.xml` as a sitemap index naming the parts.
    SitemapIndex,
    /// Part `n` (from 1) of a sitemap split in parts of [`SITEMAP_URLS`] URLs.
    SitemapPart(usize),
    Robots,
    NotFound,
    Data(DataFile),
    /// `highlight.css`, from the highlight theme.
    Highlight,
    /// One of the theme's embedded static files, by name (`style.css`).
    ThemeStatic(&'static str),
}

impl Route {
    /// The URL path below the site root: `briefings/x/` (a folder: a page) or
    /// `atom.xml` (a file). Empty for the home page.
    pub fn rel(&self) -> Cow<'static, str> {
        let owned = match self {
            Route::Home(1) => return Cow::Borrowed(""),
            Route::Home(n) => format!("{HOME_PAGES}/{n}/"),
            Route::Briefing(slug) => format!("{BRIEFINGS}/{slug}/"),
            Route::Actors => return Cow::Owned(format!("{ACTORS}/")),
            Route::ActorLetter(letter, n) => paged(format!("{ACTORS_BY_LETTER}/{letter}/"), *n),
            Route::Actor(id) => format!("{ACTORS}/{id}/"),
            Route::ActorFeed(id) => format!("{ACTORS}/{id}/atom.xml"),
            Route::Timeline => format!("{TIMELINE}/"),
            Route::TimelineYear(y, n) => paged(format!("{TIMELINE}/{y}/"), *n),
            Route::ActorYear(id, y, n) => paged(format!("{ACTORS}/{id}/{y}/"), *n),
            Route::Archive => format!("{ARCHIVE}/"),
            Route::ArchiveYear(y) => format!("{ARCHIVE}/{y}/"),
            Route::ArchiveMonth(y, m) => format!("{ARCHIVE}/{y}/{m:02}/"),
            Route::Contacts => format!("{CONTACTS}/"),
            Route::Corrections(n) => paged(format!("{CORRECTIONS}/"), *n),
            Route::Tags => format!("{TAGS}/"),
            Route::Tag(slug, n) => paged(format!("{TAGS}/{slug}/"), *n),
            Route::Page(slug) => format!("{slug}/"),
            Route::Search => format!("{SEARCH}/"),
            Route::SearchIndex => format!("{SEARCH_INDEX}/pagefind.js"),
            Route::Feed => return Cow::Borrowed("atom.xml"),
            Route::Sitemap | Route::SitemapIndex => return Cow::Borrowed("sitemap.xml"),
            Route::SitemapPart(n) => format!("sitemap-{n}.xml"),
            Route::Robots => return Cow::Borrowed("robots.txt"),
            Route::NotFound => return Cow::Borrowed("404.html"),
            Route::Data(d) => format!("{DATA}/{}", d.file_name()),
            Route::Highlight => return Cow::Borrowed("highlight.css"),
            Route::ThemeStatic(name) => return Cow::Borrowed(name),
        };
        Cow::Owned(owned)
    }

    /// The output path: `briefings/x/index.html` for a page, the file's own path
    /// for anything else (in the default language; see [`Route::path_in`]).
    pub fn path(&self) -> String {
        output_path(&self.rel())
    }

    /// Whether the site has this file once, whatever its languages: stylesheets
    /// and scripts, `robots.txt`, the sitemap, the 404 page and the
    /// search index (one, with an index per language inside). Every
    /// other route exists per language, under the language's folder.
    pub fn is_shared(&self) -> bool {
        matches!(
            self,
            Route::Highlight
                | Route::ThemeStatic(_)
                | Route::Robots
                | Route::Sitemap
                | Route::SitemapIndex
                | Route::SitemapPart(_)
                | Route::NotFound
                | Route::SearchIndex
        )
    }

    /// [`Route::rel`] in the language of `base`: `hy/briefings/x/`.
    pub fn rel_in(&self, base: &BaseUrl) -> Cow<'static, str> {
        if base.lang.is_empty() || self.is_shared() {
            self.rel()
        } else {
            Cow::Owned(format!("{}{}", base.lang, self.rel()))
        }
    }

    /// The output path in the language of `base`: `hy/briefings/x/index.html`.
    pub fn path_in(&self, base: &BaseUrl) -> String {
        output_path(&self.rel_in(base))
    }

    /// The link to this route from a page of the site (see [`BaseUrl::url`]), in
    /// the language of `base`.
    pub fn url(&self, base: &BaseUrl) -> String {
        base.url(&self.rel_in(base))
    }

    /// The link to element `id` of this route's page: `…/briefings/x/#s-3`.
    pub fn url_to(&self, base: &BaseUrl, id: &str) -> String {
        base.url(&format!("{}#{id}", self.rel_in(base)))
    }

    /// The absolute URL, where there is one (see [`BaseUrl::permalink`]).
    pub fn permalink(&self, base: &BaseUrl) -> Option<String> {
        base.permalink(&self.rel_in(base))
    }

    /// The absolute URL of element `id` of this route's page.
    pub fn permalink_to(&self, base: &BaseUrl, id: &str) -> Option<String> {
        base.permalink(&format!("{}#{id}", self.rel_in(base)))
    }

    /// The template that renders this route; `None` for files made without one
    /// (data files, `highlight.css`, the theme's static files).
    pub fn template(&self) -> Option<&'static str> {
        Some(match self {
            Route::Home(_) => "index.html",
            Route::Briefing(_) => "briefing.html",
            Route::Actors => "actors.html",
            Route::ActorLetter(..) => "actors_letter.html",
            Route::Actor(_) => "actor.html",
            Route::ActorFeed(_) | Route::Feed => "atom.xml",
            Route::Timeline | Route::TimelineYear(..) => "timeline.html",
            Route::ActorYear(..) => "actor_year.html",
            Route::Archive | Route::ArchiveYear(_) | Route::ArchiveMonth(..) => "archive.html",
            Route::Contacts => "contacts.html",
            Route::Corrections(_) => "corrections.html",
            Route::Tags => "tags.html",
            Route::Tag(..) => "tag.html",
            Route::Page(_) => "page.html",
            Route::Search => "search.html",
            Route::Sitemap | Route::SitemapPart(_) => "sitemap.xml",
            Route::SitemapIndex => "sitemap_index.xml",
            Route::Robots => "robots.txt",
            Route::NotFound => "404.html",
            Route::Data(_) | Route::Highlight | Route::ThemeStatic(_) | Route::SearchIndex => {
                return None;
            }
        })
    }

    /// Whether the sitemap lists this route: every HTML page but the 404 page and
    /// the search page (empty until someone searches).
    pub fn in_sitemap(&self) -> bool {
        self.template().is_some_and(|t| t.ends_with(".html"))
            && !matches!(self, Route::NotFound | Route::Search)
    }

    /// A short name for the kind of route, for timings.
    pub fn kind(&self) -> &'static str {
        match self {
            Route::Home(_) => "index",
            Route::Briefing(_) => "briefing",
            Route::Actors => "actors",
            Route::ActorLetter(..) => "actorletter",
            Route::Actor(_) => "actor",
            Route::ActorFeed(_) => "actorfeed",
            Route::Timeline | Route::TimelineYear(..) => "timeline",
            Route::ActorYear(..) => "actoryear",
            Route::Archive | Route::ArchiveYear(_) | Route::ArchiveMonth(..) => "archive",
            Route::Contacts => "contacts",
            Route::Corrections(_) => "corrections",
            Route::Tags => "tags",
            Route::Tag(..) => "tag",
            Route::Page(_) => "page",
            Route::Search => "search",
            Route::SearchIndex => "search-index",
            Route::Feed => "feed",
            Route::Sitemap | Route::SitemapIndex | Route::SitemapPart(_) => "sitemap",
            Route::Robots => "robots",
            Route::NotFound => "notfound",
            Route::Data(DataFile::StatementsJson) => "data/statements.json",
            Route::Data(DataFile::TimelineJson) => "data/timeline.json",
            Route::Data(DataFile::StatementsCsv) => "data/statements.csv",
            Route::Data(DataFile::ContactsCsv) => "data/contacts.csv",
            Route::Data(DataFile::ActorsJson) => "data/actors.json",
            Route::Data(DataFile::ActorsCsv) => "data/actors.csv",
            Route::Highlight => "highlight",
            Route::ThemeStatic(_) => "themestatic",
        }
    }
}

/// The most URLs a sitemap file may list (sitemaps.org); a site with more has
/// its sitemap in parts ([`RouteTable::split_sitemap`]).
pub const SITEMAP_URLS: usize = 50_000;

/// Page `n` of a list whose first page is `first` (a folder): `first` itself, then
/// `first/page/n/`.
fn paged(first: String, n: usize) -> String {
    if n <= 1 {
        first
    } else {
        format!("{first}{HOME_PAGES}/{n}/")
    }
}

/// The output file a URL path below the site root is served from: a folder (`x/`,
/// or `` for the root) by its `index.html`.
pub fn output_path(rel: &str) -> String {
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    }
}

/// A route of the table, with the item it shows.
#[derive(Debug, Clone)]
pub struct Entry {
    pub route: Route,
    /// The output path, in the table's language (see [`Route::path_in`]).
    pub path: String,
    /// The index of the briefing, actor or page the route shows (into the site's
    /// list of them); 0 for routes about the whole site.
    pub item: usize,
}

/// What decides a site's routes, in the site's order: slugs and ids, the year of
/// each statement (in date order) and settings.
#[derive(Debug, Default)]
pub struct Inventory<'a> {
    pub briefings: Vec<&'a str>,
    pub actors: Vec<&'a str>,
    /// Each actor's name as this language shows it (in `actors` order).
    pub actor_names: Vec<&'a str>,
    /// Tag slugs.
    pub tags: Vec<&'a str>,
    pub pages: Vec<&'a str>,
    pub statement_years: Vec<i16>,
    /// Each briefing's year and month, newest first.
    pub briefing_months: Vec<(i16, i8)>,
    /// Per actor, the year of each of their statements, in date order.
    pub actor_statement_years: Vec<Vec<i16>>,
    /// Per tag (in `tags` order), how many briefings carry it.
    pub tag_sizes: Vec<usize>,
    /// How many corrections the site has.
    pub corrections: usize,
    pub paginate: usize,
    /// Feeds and the sitemap need absolute URLs (see [`BaseUrl::has_permalinks`]).
    pub permalinks: bool,
    /// The site's own static files, which replace the theme's of the same name.
    pub own_statics: Vec<&'a str>,
    /// `search:` in site.yaml: the search page, its script and the index.
    pub search: bool,
    /// The language's base: its folder, for output paths (see [`Route::path_in`]).
    pub base: BaseUrl,
    /// Per briefing, whether it has a page in this language (a translation, or
    /// the default language); empty: all do.
    pub briefing_pages: Vec<bool>,
}

impl<'a> Inventory<'a> {
    pub fn of(site: &'a Site, own_statics: &[&'a str]) -> Inventory<'a> {
        Inventory {
            briefings: site.briefings.iter().map(|b| b.slug.as_str()).collect(),
            actors: site.actors.iter().map(|a| a.id.as_str()).collect(),
            actor_names: site.actors.iter().map(|a| a.name.as_str()).collect(),
            tags: site.tags.keys().map(String::as_str).collect(),
            pages: site.pages.iter().map(|p| p.slug.as_str()).collect(),
            statement_years: site
                .statements
                .iter()
                .map(|s| s.date.first_day().year())
                .collect(),
            briefing_months: site
                .briefings
                .iter()
                .map(|b| (b.date.0.year(), b.date.0.month()))
                .collect(),
            actor_statement_years: site
                .actors
                .iter()
                .map(|a| {
                    let year = |&s: &usize| site.statements[s].date.first_day().year();
                    a.statements.iter().map(year).collect()
                })
                .collect(),
            tag_sizes: site.tags.values().map(|t| t.briefings.len()).collect(),
            corrections: site.briefings.iter().map(|b| b.corrections.len()).sum(),
            paginate: site.config.paginate,
            permalinks: site.base.has_permalinks(),
            own_statics: own_statics.to_vec(),
            search: site.config.search,
            base: site.base.clone(),
            briefing_pages: if site.language.untranslated.is_empty() {
                Vec::new()
            } else {
                (site.briefings.iter())
                    .map(|b| !site.language.untranslated.contains(&b.slug))
                    .collect()
            },
        }
    }
}

/// Every output file of one site, listed once.
#[derive(Debug, Default)]
pub struct RouteTable {
    entries: Vec<Entry>,
    /// Output path -> index in `entries`.
    by_path: HashMap<String, usize>,
    /// URLs per part of a split sitemap (0: it is whole).
    sitemap_part: usize,
    /// The language's base (its folder), for output paths.
    base: BaseUrl,
    home_pages: usize,
    /// The years of a split timeline with their statement counts, oldest first.
    timeline_years: Vec<(i16, usize)>,
    /// The archive's years, newest first.
    archive: Vec<ArchiveYear>,
    /// Per actor, their years with statement counts, oldest first; empty for
    /// actors whose statements all fit on their page.
    actor_years: Vec<Vec<(i16, usize)>>,
    /// The actors by initial letter, in the letter bar's order; empty unless the
    /// site has more than [`ACTORS_SPLIT`] actors.
    actor_letters: Vec<ActorLetter>,
}

/// One year of the archive.
#[derive(Debug, Clone)]
pub struct ArchiveYear {
    pub year: i16,
    /// Months with briefings (newest first) and how many.
    pub months: Vec<(i8, usize)>,
    /// The year lists its months, each on its own page (see [`ARCHIVE_SPLIT`]).
    pub split: bool,
}

impl ArchiveYear {
    pub fn count(&self) -> usize {
        self.months.iter().map(|m| m.1).sum()
    }
}

/// How many pages of `per` items `n` items take (at least 1).
pub fn page_count(n: usize, per: usize) -> usize {
    n.div_ceil(per.max(1)).max(1)
}

/// Runs of equal values (in the order given) with their lengths.
fn runs<T: PartialEq + Copy>(items: impl IntoIterator<Item = T>) -> Vec<(T, usize)> {
    let mut out: Vec<(T, usize)> = Vec::new();
    for x in items {
        match out.last_mut() {
            Some((y, n)) if *y == x => *n += 1,
            _ => out.push((x, 1)),
        }
    }
    out
}

/// The archive's years from each briefing's (year, month), newest first.
fn archive_years(months: &[(i16, i8)]) -> Vec<ArchiveYear> {
    let mut years: Vec<ArchiveYear> = Vec::new();
    for ((y, m), n) in runs(months.iter().copied()) {
        match years.last_mut() {
            Some(last) if last.year == y => last.months.push((m, n)),
            _ => years.push(ArchiveYear {
                year: y,
                months: vec![(m, n)],
                split: false,
            }),
        }
    }
    for y in &mut years {
        y.split = y.count() > ARCHIVE_SPLIT;
    }
    years
}

impl RouteTable {
    pub fn new(site: &Site, own_statics: &[&str]) -> RouteTable {
        RouteTable::plan(&Inventory::of(site, own_statics))
    }

    /// The routes of a site described by `inv`, in rendering order (the big data
    /// files first, so they overlap with the pages).
    pub fn plan(inv: &Inventory<'_>) -> RouteTable {
        let home_pages = page_count(inv.briefings.len(), inv.paginate);
        let mut t = RouteTable {
            home_pages,
            timeline_years: split_years(&inv.statement_years, TIMELINE_SPLIT),
            archive: archive_years(&inv.briefing_months),
            actor_years: (inv.actor_statement_years.iter())
                .map(|years| split_years(years, ACTOR_SPLIT))
                .collect(),
            base: inv.base.clone(),
            ..RouteTable::default()
        };
        t.extend(DataFile::ALL.map(Route::Data));
        t.extend((1..=home_pages).map(Route::Home));
        for (i, slug) in inv.briefings.iter().enumerate() {
            if inv.briefing_pages.get(i).is_none_or(|&own| own) {
                t.push_entry(Route::Briefing((*slug).into()), i);
            }
        }
        t.push(Route::Actors);
        if inv.actor_names.len() > ACTORS_SPLIT {
            t.actor_letters = actor_letters(&inv.actor_names);
            for l in t.actor_letters.clone() {
                if l.actors.is_empty() {
                    continue;
                }
                let pages = page_count(l.actors.len(), ACTORS_SPLIT);
                t.extend((1..=pages).map(|p| Route::ActorLetter(l.segment.clone(), p)));
            }
        }
        t.items(&inv.actors, |s| Route::Actor(s.into()));
        t.actor_year_pages(&inv.actors);
        if inv.permalinks {
            t.items(&inv.actors, |s| Route::ActorFeed(s.into()));
        }
        t.push(Route::Timeline);
        for (y, n) in t.timeline_years.clone() {
            let pages = page_count(n, TIMELINE_SPLIT);
            t.extend((1..=pages).map(|p| Route::TimelineYear(y, p)));
        }
        t.archive_pages();
        t.push(Route::Contacts);
        let corrections = page_count(inv.corrections, CORRECTIONS_PAGE);
        t.extend((1..=corrections).map(Route::Corrections));
        t.push(Route::Tags);
        for (i, (slug, n)) in inv.tags.iter().zip(&inv.tag_sizes).enumerate() {
            for p in 1..=page_count(*n, inv.paginate) {
                t.push_entry(Route::Tag((*slug).into(), p), i);
            }
        }
        t.items(&inv.pages, |s| Route::Page(s.into()));
        if inv.search {
            t.extend([Route::Search, Route::SearchIndex]);
        }
        if inv.permalinks {
            t.extend([Route::Feed, Route::Sitemap]);
        }
        t.extend([Route::Robots, Route::NotFound, Route::Highlight]);
        t.extend(
            theme::STATIC
                .iter()
                .filter(|(name, _)| !inv.own_statics.contains(name))
                .filter(|(name, _)| inv.search || !theme::SEARCH_ONLY.contains(name))
                .map(|(name, _)| Route::ThemeStatic(name)),
        );
        t
    }

    fn push_entry(&mut self, route: Route, item: usize) {
        // The default language has the files every language shares.
        if route.is_shared() && !self.base.lang.is_empty() {
            return;
        }
        let path = route.path_in(&self.base);
        self.by_path.insert(path.clone(), self.entries.len());
        self.entries.push(Entry { route, path, item });
    }

    fn push(&mut self, route: Route) {
        self.push_entry(route, 0);
    }

    fn extend(&mut self, routes: impl IntoIterator<Item = Route>) {
        for r in routes {
            self.push(r);
        }
    }

    fn items(&mut self, names: &[&str], route: impl Fn(&str) -> Route) {
        for (i, name) in names.iter().enumerate() {
            self.push_entry(route(name), i);
        }
    }

    /// Each actor's year pages (`item`: the actor).
    fn actor_year_pages(&mut self, actors: &[&str]) {
        for (i, id) in actors.iter().enumerate() {
            for (y, n) in self.actor_years[i].clone() {
                for p in 1..=page_count(n, ACTOR_SPLIT) {
                    self.push_entry(Route::ActorYear((*id).into(), y, p), i);
                }
            }
        }
    }

    /// The archive, its years, and the months of years that are split.
    fn archive_pages(&mut self) {
        self.push(Route::Archive);
        for y in self.archive.clone() {
            self.push(Route::ArchiveYear(y.year));
            if y.split {
                self.extend(
                    y.months
                        .iter()
                        .map(|&(m, _)| Route::ArchiveMonth(y.year, m)),
                );
            }
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Splits the sitemap of a site with more than `limit` URLs (in all its
    /// languages: `urls`) into parts of at most `limit`, as the sitemap protocol
    /// asks (50,000 URLs a file): `sitemap.xml` becomes their index, where
    /// `robots.txt` and search engines already look. Nothing for a table
    /// without a sitemap.
    pub fn split_sitemap(&mut self, urls: usize, limit: usize) {
        let Some(&at) = self.by_path.get("sitemap.xml") else {
            return;
        };
        if urls <= limit || self.entries[at].route != Route::Sitemap {
            return;
        }
        self.entries[at].route = Route::SitemapIndex;
        self.extend((1..=page_count(urls, limit)).map(Route::SitemapPart));
        self.sitemap_part = limit;
    }

    /// The sitemap's parts ([`RouteTable::split_sitemap`]): none if it is whole.
    pub fn sitemap_parts(&self) -> usize {
        (self.entries.iter())
            .filter(|e| matches!(e.route, Route::SitemapPart(_)))
            .count()
    }

    /// How many URLs each part of a split sitemap lists.
    pub fn sitemap_part_urls(&self) -> usize {
        self.sitemap_part
    }

    /// The entry whose output path is `path` (`actors/x/index.html`).
    pub fn get(&self, path: &str) -> Option<&Entry> {
        self.by_path.get(path).map(|&i| &self.entries[i])
    }

    /// How many pages the briefing list has (at least 1).
    pub fn home_pages(&self) -> usize {
        self.home_pages
    }

    /// The years of a split timeline with their statement counts, oldest first;
    /// empty when it is not split.
    pub fn timeline_years(&self) -> &[(i16, usize)] {
        &self.timeline_years
    }

    /// The archive's years, newest first.
    pub fn archive(&self) -> &[ArchiveYear] {
        &self.archive
    }

    /// Actor `ix`'s years with statement counts, oldest first, when their
    /// statements are on year pages; empty when they all fit on the actor page.
    pub fn actor_years(&self, ix: usize) -> &[(i16, usize)] {
        self.actor_years.get(ix).map_or(&[], Vec::as_slice)
    }

    /// The actors by initial letter, in the letter bar's order, when `/actors/` is
    /// an index (more than [`ACTORS_SPLIT`] actors); else empty.
    pub fn actor_letters(&self) -> &[ActorLetter] {
        &self.actor_letters
    }

    /// The letter whose pages have `segment`.
    pub fn actor_letter(&self, segment: &str) -> Option<&ActorLetter> {
        self.actor_letters.iter().find(|l| l.segment == segment)
    }

    /// Whether the timeline is split into one page per year.
    pub fn timeline_is_split(&self) -> bool {
        !self.timeline_years.is_empty()
    }
}

/// One initial letter of the actors index: a page (or pages) of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorLetter {
    /// The URL segment: the letter transliterated to lower-case ASCII (`a`, `zh`
    /// for `Ж`), its code point for a letter without (`u639` for `ع`),
    /// [`DIGITS_LETTER`] or [`OTHER_LETTER`].
    pub segment: String,
    /// The letters as the names have them, upper case, sorted (`Е`, `Э` share
    /// `e`); several share a segment when they transliterate alike.
    pub letters: Vec<String>,
    /// The actors (indexes in site order) whose names start with these letters.
    pub actors: Vec<usize>,
}

/// The initial of `name` as readers see it (its first letter or digit, upper
/// case) and the ASCII segment of its page.
pub fn initial(name: &str) -> (String, String) {
    let Some(c) = name.chars().find(|c| c.is_alphanumeric()) else {
        let shown = name.trim().chars().next().map(String::from);
        return (shown.unwrap_or_default(), OTHER_LETTER.into());
    };
    let shown: String = c.to_uppercase().collect();
    if c.is_numeric() {
        return (shown, DIGITS_LETTER.into());
    }
    // Arabic indexes file alif with hamza or madda under alif.
    let c = match c {
        'آ' | 'أ' | 'إ' | 'ٱ' => 'ا',
        c => c,
    };
    let latin: String = deunicode::deunicode_char(c)
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .take(8)
        .collect();
    if latin.is_empty() {
        // No Latin form (`ا`, `ع`): the code point, `u627`. Transliterations
        // have no digits, so the two never meet.
        (shown, format!("u{:x}", u32::from(c)))
    } else {
        (shown, latin)
    }
}

/// The letters of the actors index from each actor's name: A to Z always (a
/// letter no name has gets no page but stays in the bar), then each other
/// segment the names have; ordered by their first letter as shown (Latin, then
/// Cyrillic, Armenian, Arabic… in Unicode order, which is each alphabet's).
fn actor_letters(names: &[&str]) -> Vec<ActorLetter> {
    let mut by_segment: std::collections::BTreeMap<String, ActorLetter> = (b'a'..=b'z')
        .map(|b| {
            let segment = char::from(b).to_string();
            let letter = ActorLetter {
                segment: segment.clone(),
                letters: Vec::new(),
                actors: Vec::new(),
            };
            (segment, letter)
        })
        .collect();
    for (i, name) in names.iter().enumerate() {
        let (shown, segment) = initial(name);
        let l = by_segment
            .entry(segment.clone())
            .or_insert_with(|| ActorLetter {
                segment,
                letters: Vec::new(),
                actors: Vec::new(),
            });
        if !l.letters.contains(&shown) {
            l.letters.push(shown);
        }
        l.actors.push(i);
    }
    let mut letters: Vec<ActorLetter> = by_segment.into_values().collect();
    for l in &mut letters {
        if l.letters.is_empty() {
            l.letters.push(l.segment.to_ascii_uppercase());
        }
        l.letters.sort();
        // Chinese names transliterate one syllable per character: a segment
        // such as `xi` may gather many.
        if l.letters.len() > MAX_SHOWN_LETTERS {
            l.letters.truncate(MAX_SHOWN_LETTERS);
            l.letters.push("…".into());
        }
    }
    letters.sort_by_cached_key(|l| {
        let first = l.letters.iter().map(|s| bar_key(s)).min();
        (l.segment == OTHER_LETTER, first, l.segment.clone())
    });
    letters
}

/// The most letters a letter bar's entry shows.
const MAX_SHOWN_LETTERS: usize = 5;

/// Where a letter sorts in the letter bar: Latin letters with their base letter
/// (`É` with `E`), others by themselves.
fn bar_key(letter: &str) -> String {
    if letter.chars().next().is_some_and(|c| c <= '\u{24f}') {
        deunicode::deunicode(letter)
    } else {
        letter.to_string()
    }
}

/// The years to split a list of statements into, with their counts, given each
/// statement's year in date order: none unless there are more than `limit`.
fn split_years(statement_years: &[i16], limit: usize) -> Vec<(i16, usize)> {
    if statement_years.len() <= limit {
        return Vec::new();
    }
    runs(statement_years.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_keep_their_sub_path() {
        let b = BaseUrl::parse("https://example.org/nk").unwrap();
        assert_eq!(b.path, "/nk/");
        assert_eq!(b.url("actors/"), "/nk/actors/");
        assert_eq!(
            b.permalink("atom.xml").unwrap(),
            "https://example.org/nk/atom.xml"
        );
        assert_eq!(BaseUrl::parse("/").unwrap().url("x/"), "/x/");
        assert_eq!(BaseUrl::parse("https://h.org").unwrap().path, "/");
        assert!(BaseUrl::parse("example.org").is_err());
    }

    #[test]
    fn relative_links_name_the_file_from_the_page() {
        let b = BaseUrl::parse("relative").unwrap();
        assert!(b.relative && !b.has_permalinks());
        assert_eq!(b.permalink("x/"), None);
        assert_eq!(b.root_for("briefings/x/index.html"), "../../");
        assert_eq!(b.root_for("index.html"), "");
        let page = format!(
            r#"<a href="{}">h</a><a href="{}">b</a><link href="{}"><a href="{}">t</a>"#,
            b.url(""),
            b.url("briefings/x/#s-1"),
            b.url("style.css"),
            b.url("tags/?a=1"),
        );
        assert_eq!(
            resolve_root(page, "../"),
            r#"<a href="../index.html">h</a><a href="../briefings/x/index.html#s-1">b</a><link href="../style.css"><a href="../tags/index.html?a=1">t</a>"#
        );
        // Templates that add to the root: `{{ site.base_path }}timeline/`.
        assert_eq!(
            resolve_root(format!("{}timeline/ {}", b.url(""), b.url("")), ""),
            "timeline/index.html index.html"
        );
        assert_eq!(resolve_root("no mark".into(), "../"), "no mark");
        assert_eq!(name_file("a/b.css"), "a/b.css");
        assert_eq!(name_file("#x"), "index.html#x");
    }

    fn base(raw: &str) -> BaseUrl {
        BaseUrl::parse(raw).unwrap()
    }

    /// Each kind of route with its output path and URL under `/nk/`.
    fn route_cases() -> Vec<(Route, &'static str, &'static str)> {
        vec![
            (Route::Home(1), "index.html", "/nk/"),
            (Route::Home(3), "page/3/index.html", "/nk/page/3/"),
            (
                Route::Briefing("b".into()),
                "briefings/b/index.html",
                "/nk/briefings/b/",
            ),
            (Route::Actors, "actors/index.html", "/nk/actors/"),
            (
                Route::Actor("a".into()),
                "actors/a/index.html",
                "/nk/actors/a/",
            ),
            (
                Route::ActorFeed("a".into()),
                "actors/a/atom.xml",
                "/nk/actors/a/atom.xml",
            ),
            (Route::Timeline, "timeline/index.html", "/nk/timeline/"),
            (
                Route::TimelineYear(2024, 1),
                "timeline/2024/index.html",
                "/nk/timeline/2024/",
            ),
            (Route::Contacts, "contacts/index.html", "/nk/contacts/"),
            (
                Route::Corrections(1),
                "corrections/index.html",
                "/nk/corrections/",
            ),
            (Route::Tags, "tags/index.html", "/nk/tags/"),
            (
                Route::Tag("t".into(), 1),
                "tags/t/index.html",
                "/nk/tags/t/",
            ),
            (
                Route::Page("about".into()),
                "about/index.html",
                "/nk/about/",
            ),
            (Route::Search, "search/index.html", "/nk/search/"),
            (
                Route::SearchIndex,
                "pagefind/pagefind.js",
                "/nk/pagefind/pagefind.js",
            ),
            (Route::Feed, "atom.xml", "/nk/atom.xml"),
            (Route::Sitemap, "sitemap.xml", "/nk/sitemap.xml"),
            (Route::Robots, "robots.txt", "/nk/robots.txt"),
            (Route::NotFound, "404.html", "/nk/404.html"),
            (
                Route::Data(DataFile::StatementsCsv),
                "data/statements.csv",
                "/nk/data/statements.csv",
            ),
            (Route::Highlight, "highlight.css", "/nk/highlight.css"),
            (
                Route::ThemeStatic("style.css"),
                "style.css",
                "/nk/style.css",
            ),
        ]
    }

    /// The routes of the archive, year pages and paginated lists.
    fn paged_route_cases() -> Vec<(Route, &'static str, &'static str)> {
        vec![
            (
                Route::TimelineYear(2024, 3),
                "timeline/2024/page/3/index.html",
                "/nk/timeline/2024/page/3/",
            ),
            (
                Route::ActorYear("a".into(), 2020, 1),
                "actors/a/2020/index.html",
                "/nk/actors/a/2020/",
            ),
            (
                Route::ActorYear("a".into(), 2020, 2),
                "actors/a/2020/page/2/index.html",
                "/nk/actors/a/2020/page/2/",
            ),
            (Route::Archive, "archive/index.html", "/nk/archive/"),
            (
                Route::ArchiveYear(2020),
                "archive/2020/index.html",
                "/nk/archive/2020/",
            ),
            (
                Route::ArchiveMonth(2020, 3),
                "archive/2020/03/index.html",
                "/nk/archive/2020/03/",
            ),
            (
                Route::Data(DataFile::ContactsCsv),
                "data/contacts.csv",
                "/nk/data/contacts.csv",
            ),
            (
                Route::Tag("t".into(), 2),
                "tags/t/page/2/index.html",
                "/nk/tags/t/page/2/",
            ),
        ]
    }

    #[test]
    fn every_kind_of_route_has_its_path_and_url() {
        let cases: Vec<_> = route_cases()
            .into_iter()
            .chain(paged_route_cases())
            .collect();
        let sub = base("https://example.org/nk");
        for (route, path, url) in &cases {
            assert_eq!(route.path(), *path, "{route:?}");
            assert_eq!(route.url(&sub), *url, "{route:?}");
            assert_eq!(
                route.permalink(&sub).unwrap(),
                format!("https://example.org{url}")
            );
            assert_eq!(route.url(&base("/")), url.replacen("/nk", "", 1));
        }
        let b = Route::Briefing("b".into());
        assert_eq!(b.url_to(&sub, &numbered_anchor(2)), "/nk/briefings/b/#s-2");
        assert_eq!(
            b.permalink_to(&sub, "s-2").unwrap(),
            "https://example.org/nk/briefings/b/#s-2"
        );
    }

    #[test]
    fn relative_urls_are_resolved_per_page() {
        let rel = base("relative");
        let page = format!(
            r#"<a href="{}">b</a> <a href="{}">f</a>"#,
            Route::Briefing("b".into()).url(&rel),
            Route::Feed.url(&rel),
        );
        assert_eq!(
            resolve_root(page, &rel.root_for(&Route::Tag("t".into(), 1).path())),
            r#"<a href="../../briefings/b/index.html">b</a> <a href="../../atom.xml">f</a>"#
        );
        assert_eq!(Route::Feed.permalink(&rel), None);
        let public = BaseUrl {
            absolute: Some("https://e.org/p/".into()),
            ..rel
        };
        assert_eq!(
            Route::Actor("a".into()).permalink(&public).unwrap(),
            "https://e.org/p/actors/a/"
        );
        // The 404 page is shown at any address: only absolute links work there.
        assert_eq!(public.root_for(&Route::NotFound.path()), "https://e.org/p/");
    }

    fn tiny<'a>(statement_years: Vec<i16>, permalinks: bool) -> Inventory<'a> {
        Inventory {
            briefings: vec!["b2", "b1", "b0"],
            actors: vec!["x"],
            tags: vec!["t"],
            pages: vec!["about"],
            statement_years,
            briefing_months: vec![(2024, 3), (2024, 1), (2023, 12)],
            actor_statement_years: vec![vec![2023, 2024]],
            tag_sizes: vec![3],
            corrections: 0,
            paginate: 2,
            permalinks,
            own_statics: vec!["style.css"],
            search: true,
            ..Inventory::default()
        }
    }

    fn paths(t: &RouteTable) -> Vec<String> {
        t.entries().iter().map(|e| e.route.path()).collect()
    }

    #[test]
    fn a_sitemap_is_split_only_past_its_limit_and_only_if_there_is_one() {
        let mut t = RouteTable::plan(&tiny(vec![2024], true));
        let before = paths(&t);
        t.split_sitemap(10, 10);
        assert_eq!((paths(&t), t.sitemap_parts()), (before.clone(), 0));
        t.split_sitemap(21, 10);
        assert_eq!(t.sitemap_parts(), 3);
        assert_eq!(
            t.get("sitemap.xml").map(|e| &e.route),
            Some(&Route::SitemapIndex)
        );
        let added: Vec<String> = paths(&t).into_iter().skip(before.len()).collect();
        assert_eq!(added, ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]);
        let mut relative = RouteTable::plan(&tiny(vec![2024], false));
        relative.split_sitemap(21, 10);
        assert_eq!(relative.sitemap_parts(), 0);
        assert!(relative.get("sitemap.xml").is_none());
    }

    #[test]
    fn the_table_of_a_tiny_site_lists_every_file_once() {
        let t = RouteTable::plan(&tiny(vec![2023, 2024], true));
        assert_eq!(
            paths(&t),
            [
                "data/statements.json",
                "data/timeline.json",
                "data/statements.csv",
                "data/contacts.csv",
                "data/actors.json",
                "data/actors.csv",
                "index.html",
                "page/2/index.html",
                "briefings/b2/index.html",
                "briefings/b1/index.html",
                "briefings/b0/index.html",
                "actors/index.html",
                "actors/x/index.html",
                "actors/x/atom.xml",
                "timeline/index.html",
                "archive/index.html",
                "archive/2024/index.html",
                "archive/2023/index.html",
                "contacts/index.html",
                "corrections/index.html",
                "tags/index.html",
                "tags/t/index.html",
                "tags/t/page/2/index.html",
                "about/index.html",
                "search/index.html",
                "pagefind/pagefind.js",
                "atom.xml",
                "sitemap.xml",
                "robots.txt",
                "404.html",
                "highlight.css",
                "timeline.js",
                "favicon.svg",
                "search.js",
                "favicon.ico",
                "og-image.png",
            ]
        );
        assert_eq!(t.home_pages(), 2);
        assert!(!t.timeline_is_split());
        let b1 = t.get("briefings/b1/index.html").unwrap();
        assert_eq!((&b1.route, b1.item), (&Route::Briefing("b1".into()), 1));
        assert!(t.get("style.css").is_none(), "the site's own file wins");
        let in_sitemap = t.entries().iter().filter(|e| e.route.in_sitemap()).count();
        assert_eq!(in_sitemap, 17);
        // Without absolute URLs: no feeds, no sitemap.
        let relative = paths(&RouteTable::plan(&tiny(vec![], false)));
        assert!(
            !relative
                .iter()
                .any(|p| p.ends_with("atom.xml") || p == "sitemap.xml")
        );
        // Without search: no search page, index or script.
        let off = paths(&RouteTable::plan(&Inventory {
            search: false,
            ..tiny(vec![], true)
        }));
        assert!(
            !off.iter()
                .any(|p| p.starts_with("search") || p.starts_with("pagefind")),
            "{off:?}"
        );
    }

    #[test]
    fn a_long_timeline_is_split_by_year_and_paged() {
        let mut years = vec![2023; TIMELINE_SPLIT];
        let t = RouteTable::plan(&tiny(years.clone(), true));
        assert!(!t.timeline_is_split());
        years.extend(vec![2024; TIMELINE_SPLIT + 1]);
        let t = RouteTable::plan(&tiny(years, true));
        assert_eq!(
            t.timeline_years(),
            [(2023, TIMELINE_SPLIT), (2024, TIMELINE_SPLIT + 1)]
        );
        assert!(t.get("timeline/2023/index.html").is_some());
        assert!(t.get("timeline/2023/page/2/index.html").is_none());
        assert!(t.get("timeline/2024/index.html").is_some());
        assert!(t.get("timeline/2024/page/2/index.html").is_some());
        assert!(t.get("timeline/2024/page/3/index.html").is_none());
        assert!(t.get("timeline/index.html").is_some());
    }

    #[test]
    fn a_busy_actor_gets_year_pages() {
        let mut inv = tiny(vec![], true);
        inv.actor_statement_years = vec![vec![2023; ACTOR_SPLIT]];
        assert!(RouteTable::plan(&inv).actor_years(0).is_empty());
        inv.actor_statement_years[0].extend(vec![2024; ACTOR_SPLIT + 1]);
        let t = RouteTable::plan(&inv);
        assert_eq!(
            t.actor_years(0),
            [(2023, ACTOR_SPLIT), (2024, ACTOR_SPLIT + 1)]
        );
        let x = t.get("actors/x/2024/page/2/index.html").unwrap();
        assert_eq!(
            (&x.route, x.item),
            (&Route::ActorYear("x".into(), 2024, 2), 0)
        );
        assert!(t.get("actors/x/2023/index.html").is_some());
        assert!(t.get("actors/x/2023/page/2/index.html").is_none());
    }

    #[test]
    fn a_big_year_of_the_archive_gets_month_pages() {
        let mut inv = tiny(vec![], true);
        inv.briefing_months = vec![(2024, 2); ARCHIVE_SPLIT];
        inv.briefing_months.push((2024, 1));
        inv.briefing_months.push((2023, 5));
        let t = RouteTable::plan(&inv);
        let years: Vec<(i16, bool, usize)> = (t.archive().iter())
            .map(|y| (y.year, y.split, y.count()))
            .collect();
        assert_eq!(years, [(2024, true, ARCHIVE_SPLIT + 1), (2023, false, 1)]);
        assert_eq!(t.archive()[0].months, [(2, ARCHIVE_SPLIT), (1, 1)]);
        assert!(t.get("archive/2024/02/index.html").is_some());
        assert!(t.get("archive/2024/01/index.html").is_some());
        assert!(t.get("archive/2023/05/index.html").is_none());
        assert!(t.get("archive/2023/index.html").is_some());
    }

    #[test]
    fn no_free_page_can_take_a_generated_folder() {
        let mut inv = tiny(vec![2023; TIMELINE_SPLIT + 1], true);
        inv.actor_statement_years = vec![vec![2023; ACTOR_SPLIT + 1]];
        inv.briefing_months = vec![(2023, 1); ARCHIVE_SPLIT + 1];
        let t = RouteTable::plan(&inv);
        for e in t.entries() {
            let path = e.route.path();
            let first = path.split('/').next().unwrap();
            if path.contains('/') && !matches!(e.route, Route::Page(_)) {
                assert!(is_reserved(first), "{path}");
            }
        }
        assert!(is_reserved("static") && is_reserved("archive") && !is_reserved("about"));
        assert!(is_reserved_id("statements") && is_reserved_id("s-12"));
        assert!(!is_reserved_id("s-") && !is_reserved_id("summary"));
    }

    #[test]
    fn initials_are_the_letters_shown_with_an_ascii_segment() {
        let cases = [
            ("Vladimir Putin", "V", "v"),
            ("Владимир Путин", "В", "v"),
            ("Жанна", "Ж", "zh"),
            ("Էրդողան", "Է", "e"),
            ("«Hamas»", "H", "h"),
            ("7th Brigade", "7", "0-9"),
            ("édouard", "É", "e"),
            ("عصائب أهل الحق", "ع", "u639"),
            ("إلهام علييف", "إ", "u627"),
            ("الحوثيون", "ا", "u627"),
            ("آذربيجان", "آ", "u627"),
            ("习近平", "习", "xi"),
            ("???", "?", "other-letters"),
        ];
        for (name, shown, segment) in cases {
            assert_eq!(initial(name), (shown.into(), segment.into()), "{name}");
        }
    }

    #[test]
    fn the_letter_bar_has_a_to_z_then_the_names_own_letters() {
        let names = [
            "Zed",
            "Álvaro",
            "Adam",
            "Жанна",
            "Анна",
            "Эстония",
            "Ельцин",
            "9 May",
            "ع",
        ];
        let letters = actor_letters(&names);
        let bar: Vec<(&str, String, usize)> = (letters.iter())
            .map(|l| (l.segment.as_str(), l.letters.join(" "), l.actors.len()))
            .filter(|(_, _, n)| *n > 0)
            .collect();
        assert_eq!(
            bar,
            [
                ("0-9", "9".into(), 1),
                ("a", "A Á А".into(), 3),
                ("z", "Z".into(), 1),
                ("e", "Е Э".into(), 2),
                ("zh", "Ж".into(), 1),
                ("u639", "ع".into(), 1),
            ]
        );
        assert_eq!(letters.iter().filter(|l| l.actors.is_empty()).count(), 23);
        assert_eq!(letters[1].actors, [1, 2, 4], "site order within a letter");
    }

    fn big_inventory<'a>(names: &'a [String]) -> Inventory<'a> {
        Inventory {
            actors: names.iter().map(String::as_str).collect(),
            actor_names: names.iter().map(String::as_str).collect(),
            actor_statement_years: vec![Vec::new(); names.len()],
            ..tiny(vec![], true)
        }
    }

    #[test]
    fn many_actors_get_letter_pages_paged_past_the_split() {
        let mut names: Vec<String> = (0..ACTORS_SPLIT).map(|i| format!("a{i}")).collect();
        let t = RouteTable::plan(&big_inventory(&names));
        assert!(t.actor_letters().is_empty());
        assert!(!paths(&t).iter().any(|p| p.starts_with(ACTORS_BY_LETTER)));
        names.push("b".into());
        names.push("a-last".into());
        let t = RouteTable::plan(&big_inventory(&names));
        let letter_pages: Vec<String> = (paths(&t).into_iter())
            .filter(|p| p.starts_with(ACTORS_BY_LETTER))
            .collect();
        assert_eq!(
            letter_pages,
            [
                "actors-by-letter/a/index.html",
                "actors-by-letter/a/page/2/index.html",
                "actors-by-letter/b/index.html",
            ]
        );
        assert_eq!(
            Route::ActorLetter("zh".into(), 1).url(&base("https://example.org/nk")),
            "/nk/actors-by-letter/zh/"
        );
        assert!(
            t.get("actors-by-letter/a/page/2/index.html")
                .unwrap()
                .route
                .in_sitemap()
        );
    }

    /// No actor id, in any case (case-insensitive file systems), can name a
    /// letter page's folder, and no free page can take the letters' folder.
    #[test]
    fn no_actor_id_can_take_a_letter_page() {
        let names: Vec<String> = (0..=ACTORS_SPLIT)
            .map(|i| format!("{}{i}", ["Ա", "Ж", "B", "7", "ع", "习"][i % 6]))
            .collect();
        let t = RouteTable::plan(&big_inventory(&names));
        let letter_dirs: Vec<String> = (t.entries().iter())
            .filter(|e| matches!(e.route, Route::ActorLetter(..)))
            .map(|e| e.route.rel().to_lowercase())
            .collect();
        assert_eq!(letter_dirs.len(), 6);
        for id in ["actors-by-letter", "a", "zh", "0-9", "u639", "xi", "page"] {
            let actor = Route::Actor(id.into()).rel().to_lowercase();
            assert!(crate::slug::is_valid_id(id));
            for dir in &letter_dirs {
                assert!(!dir.starts_with(&actor) && !actor.starts_with(dir.as_str()));
            }
        }
        assert!(is_reserved(ACTORS_BY_LETTER));
        assert!(IN_EVERY_LANGUAGE.contains(&ACTORS_BY_LETTER));
    }

    #[test]
    fn logical_links_resolve_for_the_page() {
        let body =
            "<a href=\"\u{1a}timeline/\">t</a> <a class=\"mention\" href=\"\u{1a}actors/x/\">X</a>";
        assert_eq!(
            resolve_links(body, &base("/nk/"), "briefings/b/index.html"),
            "<a href=\"/nk/timeline/\">t</a> <a class=\"mention\" href=\"/nk/actors/x/\">X</a>"
        );
        assert_eq!(
            resolve_links(body, &base("relative"), "about/index.html"),
            "<a href=\"../timeline/index.html\">t</a> <a class=\"mention\" href=\"../actors/x/index.html\">X</a>"
        );
        assert!(matches!(
            resolve_links("no marks", &base("/"), "index.html"),
            Cow::Borrowed(_)
        ));
    }
}
