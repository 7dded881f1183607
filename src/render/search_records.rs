//! What the search index holds for a site: one record per briefing, statement,
//! actor and free page, with the filters the search page offers (type, actor,
//! statement kind, verification, year, tag). Filter values and labels are the
//! site's display words (its locale), since the search page shows them as they are.
//! Pure: the site in, records out.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::model::{Actor, Briefing, Page, Site, Statement};
use crate::route::{Route, statement_anchor};
use crate::search::{Record, hash_record};
use crate::slug::slugify;

/// Bumped when what a fast key covers changes (see
/// [`SiteRecords::with_fast`]).
const FAST_VERSION: u64 = 5;

/// Filter names, as the search page's form fields and URL parameters name them.
pub const TYPE: &str = "type";
pub const ACTOR: &str = "actor";
pub const KIND: &str = "kind";
pub const VERIFICATION: &str = "verification";
pub const YEAR: &str = "year";
pub const TAG: &str = "tag";

/// One searchable thing of a site.
#[derive(Debug, Clone, Copy)]
enum Item {
    Briefing(usize),
    Statement(usize),
    Actor(usize),
    Page(usize),
}

/// The records of one language's site in index order, each made when the index
/// asks for it: only their order is kept, never every record's text at once.
pub struct SiteRecords<'a> {
    site: &'a Site,
    items: Vec<Item>,
    /// Each item's mark ([`crate::search::Records::mark`]): a hash of its kind
    /// and URL.
    marks: Vec<u64>,
    /// What, besides briefing bodies, the records are made from (see
    /// [`SiteRecords::with_fast`]).
    fast: Option<u128>,
    /// Whether `fast` is the narrow environment, with every briefing's own
    /// hash (see [`SiteRecords::with_narrow`]).
    narrow: bool,
}

impl<'a> SiteRecords<'a> {
    /// Every briefing (a language's index holds its own text: briefings not
    /// translated into it are found in the original's language), statement, actor
    /// and page, in the order [`crate::search::order`] gives their records:
    /// newest first, undated last, then by kind and URL (unique in a language).
    pub fn new(site: &'a Site) -> SiteRecords<'a> {
        let mut items: Vec<Item> = site
            .briefings
            .iter()
            .enumerate()
            .filter(|(_, b)| !site.language.untranslated.contains(&b.slug))
            .flat_map(|(i, b)| {
                std::iter::once(Item::Briefing(i))
                    .chain(b.statements.iter().map(|&s| Item::Statement(s)))
            })
            .collect();
        items.extend((0..site.actors.len()).map(Item::Actor));
        items.extend((0..site.pages.len()).map(Item::Page));
        let mut keyed: Vec<(Key, Item)> = items
            .into_par_iter()
            .map(|item| (key(site, item), item))
            .collect();
        keyed.par_sort_unstable_by(|a, b| {
            let (ka, kb) = (&a.0, &b.0);
            (kb.dated, &kb.date)
                .cmp(&(ka.dated, &ka.date))
                .then_with(|| (ka.kind, &ka.url).cmp(&(kb.kind, &kb.url)))
        });
        let marks = (keyed.par_iter())
            .map(|(key, _)| {
                let h = crate::cache::Hasher::new()
                    .text(key.kind)
                    .text(&key.url)
                    .finish();
                h as u64
            })
            .collect();
        SiteRecords {
            site,
            items: keyed.into_iter().map(|(_, item)| item).collect(),
            marks,
            fast: None,
            narrow: false,
        }
    }

    /// The records with fast keys ([`crate::search::Records::fast_key`]) from
    /// `environment`: a hash of the site's shallow fingerprint (everything the
    /// model is made from but briefing bodies and what pages show of other
    /// briefings), the theme's (the locale's words) and the URL settings, as the
    /// renderer's fast page keys have it (`None`: no fast keys). Records are made
    /// from the model, the locale and the URL settings alone, and their order
    /// from the model: with the same environment, a range of records differs
    /// only where a briefing's body, title or summary, or a statement's texts
    /// or date, do (a statement's record shows its briefing's title), or where
    /// another item stands in it (dates order the records).
    pub fn with_fast(mut self, environment: Option<u128>) -> SiteRecords<'a> {
        self.fast = environment;
        self.narrow = false;
        self
    }

    /// The records with fast keys made without the briefings a range does not
    /// hold: from `environment`, a hash of the site's narrow fingerprint (no
    /// briefing in it) with the theme's and the URL settings, and each
    /// briefing's own hash ([`Site::briefing_prints`], which the site must have
    /// for every briefing) and the names its tags show under. A range's key then
    /// names its records by what they are, not where they stand, so a briefing
    /// added, deleted or retagged elsewhere keeps it.
    pub fn with_narrow(mut self, environment: Option<u128>) -> SiteRecords<'a> {
        self.fast = environment;
        self.narrow = true;
        self
    }

    /// Adds briefing `b`'s own hash and the names of its tags to a narrow fast
    /// key (a tag shows under the name first written, maybe in another briefing).
    fn briefing_into(&self, b: usize, h: &mut crate::cache::Hasher) -> Option<()> {
        let site = self.site;
        h.u128(*site.briefing_prints.get(b)?);
        let tags = tag_names(site, site.briefings.get(b)?);
        h.u64(tags.len() as u64);
        for tag in &tags {
            h.text(tag);
        }
        Some(())
    }

    /// The language code of the records.
    pub fn language(&self) -> &str {
        self.site.language_code()
    }
}

impl crate::search::Records for SiteRecords<'_> {
    fn count(&self) -> usize {
        self.items.len()
    }

    fn record(&self, i: usize) -> Record {
        let site = self.site;
        let mut record = match self.items[i] {
            Item::Briefing(b) => briefing(site, &site.briefings[b]),
            Item::Statement(s) => {
                let s = &site.statements[s];
                statement(site, &site.briefings[s.briefing], s)
            }
            Item::Actor(a) => actor(site, &site.actors[a]),
            Item::Page(p) => page(site, &site.pages[p]),
        };
        record.language = site.language_code().to_string();
        record
    }

    /// The environment, the records' number and where `range` starts, and
    /// each item of `range` with a briefing's title, summary and body hash, or
    /// a statement's texts and its briefing's title and summary (what, besides
    /// the environment, its record is made from; other records are made from
    /// the environment alone). With the narrow environment, a briefing's own
    /// hash and tag names and a statement's id stand for where they are.
    fn fast_key(&self, range: std::ops::Range<usize>) -> Option<u128> {
        let environment = self.fast?;
        let mut h = crate::cache::Hasher::new();
        h.u64(FAST_VERSION).u128(environment);
        h.text(self.site.language_code())
            .u64(u64::from(self.narrow));
        if !self.narrow {
            h.u64(self.items.len() as u64).u64(range.start as u64);
        }
        h.u64(range.len() as u64);
        for item in &self.items[range] {
            match *item {
                Item::Briefing(ix) => {
                    let b = self.site.briefings.get(ix)?;
                    h.u64(0);
                    if self.narrow {
                        self.briefing_into(ix, &mut h)?;
                    } else {
                        h.u64(ix as u64);
                    }
                    h.u128(super::shown::card_hash(b));
                    h.u128(b.body_html.content_hash());
                }
                Item::Statement(s) => {
                    let st = self.site.statements.get(s)?;
                    let b = self.site.briefings.get(st.briefing)?;
                    h.u64(1);
                    if self.narrow {
                        h.text(&st.id);
                        self.briefing_into(st.briefing, &mut h)?;
                    } else {
                        h.u64(s as u64);
                    }
                    h.u128(super::shown::card_hash(b));
                    h.u128(super::shown::statement_hash(self.site, st)?);
                }
                Item::Actor(a) => {
                    h.u64(2).u64(a as u64);
                }
                Item::Page(p) => {
                    h.u64(3).u64(p as u64);
                }
            }
        }
        Some(h.finish())
    }

    fn mark(&self, i: usize) -> Option<u64> {
        self.marks.get(i).copied()
    }

    /// A briefing's record hashed with its summary and packed body for its text
    /// (what the text is made from), so its body is never unpacked for the key;
    /// any other record whole.
    fn key(&self, i: usize, made: Option<&Record>, h: &mut crate::cache::Hasher) {
        let site = self.site;
        let Item::Briefing(b) = self.items[i] else {
            match made {
                Some(r) => hash_record(h, r, &r.text),
                None => {
                    let r = self.record(i);
                    hash_record(h, &r, &r.text);
                }
            }
            return;
        };
        let b = &site.briefings[b];
        let mut light;
        let record = match made {
            Some(r) => r,
            None => {
                light = briefing_with(site, b, String::new());
                light.language = site.language_code().to_string();
                &light
            }
        };
        hash_record(h, record, &b.summary);
        // The compressed bytes, length first: the same bytes unpack to the same
        // body (other bytes for the same body only miss).
        let _ = postcard::to_io(&b.body_html, &mut *h);
    }
}

/// What a record sorts by, made without its text.
struct Key {
    dated: bool,
    date: Option<String>,
    kind: &'static str,
    url: String,
}

fn key(site: &Site, item: Item) -> Key {
    let (date, kind, url) = match item {
        Item::Briefing(b) => {
            let b = &site.briefings[b];
            (Some(b.date.iso()), "briefing", briefing_url(site, b))
        }
        Item::Statement(s) => {
            let s = &site.statements[s];
            let b = &site.briefings[s.briefing];
            (
                Some(s.date.first_day().to_string()),
                "statement",
                statement_url(site, b, s),
            )
        }
        Item::Actor(a) => (None, "actor", actor_url(site, &site.actors[a])),
        Item::Page(p) => (None, "page", page_url(site, &site.pages[p])),
    };
    Key {
        dated: date.is_some(),
        date,
        kind,
        url,
    }
}

fn briefing_url(site: &Site, b: &Briefing) -> String {
    Route::Briefing(b.slug.clone())
        .rel_in(&site.base)
        .into_owned()
}

fn statement_url(site: &Site, b: &Briefing, s: &Statement) -> String {
    let rel = Route::Briefing(b.slug.clone()).rel_in(&site.base);
    format!("{rel}#{}", statement_anchor(s))
}

fn actor_url(site: &Site, a: &Actor) -> String {
    Route::Actor(a.id.clone()).rel_in(&site.base).into_owned()
}

fn page_url(site: &Site, p: &Page) -> String {
    Route::Page(p.slug.clone()).rel_in(&site.base).into_owned()
}

fn type_label(site: &Site, kind: &str) -> String {
    site.locale
        .text(&format!("search-type-{kind}"))
        .into_owned()
}

fn names(site: &Site, actors: impl Iterator<Item = usize>) -> Vec<String> {
    let mut names: Vec<String> = actors.map(|a| site.actors[a].name.clone()).collect();
    names.sort();
    names.dedup();
    names
}

/// The tags of a briefing as the site shows them (the name first written).
fn tag_names(site: &Site, b: &Briefing) -> Vec<String> {
    let mut tags: Vec<String> = b
        .tags
        .iter()
        .map(|t| {
            site.tags
                .get(&slugify(t))
                .map_or_else(|| t.clone(), |tag| tag.name.clone())
        })
        .collect();
    tags.sort();
    tags.dedup();
    tags
}

fn filters(pairs: Vec<(&str, Vec<String>)>) -> BTreeMap<String, Vec<String>> {
    pairs
        .into_iter()
        .filter(|(_, values)| !values.is_empty())
        .map(|(name, values)| (name.to_string(), values))
        .collect()
}

fn briefing(site: &Site, b: &Briefing) -> Record {
    let mut text = b.summary.clone();
    text.push(' ');
    plain_text(&b.body_html.unpack(), &mut text);
    // Held until the index is written: without the slack the text grew with.
    text.shrink_to_fit();
    briefing_with(site, b, text)
}

/// A briefing's record with `text` (its summary and body's, or none for a key:
/// see [`SiteRecords::key`]); the rest is made from the briefing.
fn briefing_with(site: &Site, b: &Briefing, text: String) -> Record {
    Record {
        url: briefing_url(site, b),
        kind: "briefing".into(),
        title: b.title.clone(),
        text,
        date: Some(b.date.iso()),
        meta: BTreeMap::from([("date".into(), b.date.display_in(&site.locale))]),
        filters: filters(vec![
            (TYPE, vec![type_label(site, "briefing")]),
            (ACTOR, names(site, b.actors.iter().copied())),
            (
                YEAR,
                vec![
                    b.date
                        .iso()
                        .split('-')
                        .next()
                        .unwrap_or_default()
                        .to_string(),
                ],
            ),
            (TAG, tag_names(site, b)),
        ]),
        language: String::new(),
    }
}

fn statement(site: &Site, b: &Briefing, s: &Statement) -> Record {
    let speakers: Vec<&str> = s
        .speakers
        .iter()
        .map(|&a| site.actors[a].name.as_str())
        .collect();
    let speakers = speakers.join(", ");
    // The original words too, so a query in the language they were said in finds
    // the statement (words of another script keep their form under this index's
    // stemmer, so exact words match).
    let original = s.original.as_ref().map(|o| o.text.as_str());
    let text = [s.quote.as_deref(), original, s.summary.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" — ");
    let locale = &site.locale;
    let kind = locale.statement_kind(s.kind.id()).into_owned();
    let verification = locale
        .verification(s.verification.map_or("none", |v| v.id()))
        .into_owned();
    let first = s.date.first_day();
    Record {
        url: statement_url(site, b, s),
        kind: "statement".into(),
        title: speakers.clone(),
        text,
        date: Some(first.to_string()),
        meta: BTreeMap::from([
            ("speaker".into(), speakers),
            ("briefing".into(), b.title.clone()),
            ("date".into(), s.date.display_in(locale)),
            ("kind".into(), kind.clone()),
        ]),
        filters: filters(vec![
            (TYPE, vec![type_label(site, "statement")]),
            (
                ACTOR,
                names(site, s.speakers.iter().chain(&s.with).copied()),
            ),
            (KIND, vec![kind]),
            (VERIFICATION, vec![verification]),
            (YEAR, s.date.years().map(|y| y.to_string()).collect()),
            (TAG, tag_names(site, b)),
        ]),
        language: String::new(),
    }
}

fn actor(site: &Site, a: &Actor) -> Record {
    let mut text = a.aliases.join(", ");
    for name in a.names.values() {
        text.push(' ');
        text.push_str(name);
    }
    for role in &a.roles {
        text.push(' ');
        text.push_str(&role.title);
    }
    text.push(' ');
    plain_text(&a.bio_html, &mut text);
    Record {
        url: actor_url(site, a),
        kind: "actor".into(),
        title: a.name.clone(),
        text: text.trim().to_string(),
        date: None,
        meta: BTreeMap::from([(
            "kind".into(),
            site.locale.actor_kind(a.kind.id()).into_owned(),
        )]),
        filters: filters(vec![
            (TYPE, vec![type_label(site, "actor")]),
            (ACTOR, vec![a.name.clone()]),
        ]),
        language: String::new(),
    }
}

fn page(site: &Site, p: &Page) -> Record {
    let mut text = p.summary.clone().unwrap_or_default();
    text.push(' ');
    plain_text(&p.body_html, &mut text);
    Record {
        url: page_url(site, p),
        kind: "page".into(),
        title: p.title.clone(),
        text: text.trim().to_string(),
        date: None,
        meta: BTreeMap::new(),
        filters: filters(vec![(TYPE, vec![type_label(site, "page")])]),
        language: String::new(),
    }
}

/// Elements whose edges do not separate words (`un<em>usual</em>` is one word).
const INLINE: [&str; 14] = [
    "a", "abbr", "b", "bdi", "cite", "code", "del", "em", "i", "ins", "mark", "s", "span", "strong",
];

/// Appends the text of rendered `html` to `out`: tags dropped (each block edge a
/// space), `script` and `style` skipped, character references decoded.
pub fn plain_text(html: &str, out: &mut String) {
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        decode_into(&rest[..lt], out);
        let tag = &rest[lt + 1..];
        let Some(gt) = tag.find('>') else {
            rest = "";
            break;
        };
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        rest = &tag[gt + 1..];
        if (name == "script" || name == "style") && !tag.starts_with('/') {
            let close = format!("</{name}");
            rest = find_ascii_ci(rest, &close).map_or("", |end| &rest[end + close.len()..]);
            rest = rest.find('>').map_or("", |gt| &rest[gt + 1..]);
        }
        if !INLINE.contains(&name.as_str()) && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    decode_into(rest, out);
}

/// Where `needle` (lower-case ASCII) first occurs in `haystack`, in any case.
fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Appends `text` with `&amp;`, `&lt;`, `&#39;`, `&#x27;`… decoded; an unknown
/// reference is kept as written.
fn decode_into(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| reference(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

fn reference(name: &str) -> Option<char> {
    let number = |digits: &str, radix| u32::from_str_radix(digits, radix).ok();
    let code = match name {
        "amp" => return Some('&'),
        "lt" => return Some('<'),
        "gt" => return Some('>'),
        "quot" => return Some('"'),
        "apos" => return Some('\''),
        "nbsp" => return Some(' '),
        _ => match name.strip_prefix('#') {
            Some(hex) if hex.starts_with(['x', 'X']) => number(&hex[1..], 16),
            Some(dec) => number(dec, 10),
            None => None,
        },
    };
    code.and_then(char::from_u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(html: &str) -> String {
        let mut out = String::new();
        plain_text(html, &mut out);
        out
    }

    #[test]
    fn html_becomes_searchable_text() {
        assert_eq!(
            plain(
                "<p>Talks <em>re</em>sumed.</p><p>Baku &amp; Yerevan&#x27;s &lt;b&gt; &#8220;x&#8221;</p>"
            ),
            " Talks resumed. Baku & Yerevan's <b> \u{201c}x\u{201d} "
        );
        assert_eq!(
            plain("a<script>var x = '<p>';</script>b<STYLE>p{}</STYLE>c"),
            "a b c"
        );
        assert_eq!(
            plain("x &unknown; & y &#xZZ; <br"),
            "x &unknown; & y &#xZZ; "
        );
        assert_eq!(plain("word<sup>1</sup>"), "word 1 ");
    }

    /// A statement's words as said are searchable beside its quote and summary.
    #[test]
    fn a_statement_record_holds_its_original_words() {
        use crate::resolve::fixture::{actor, site};
        let (path, text) = actor("ana", "Ana", "person");
        let briefing = "---\ntitle: T\ndate: 2023-03-01\nstatements:\n  - {speaker: ana, date: 2023-03-01, quote: Cease fire., summary: Urged calm., original: {lang: ru, text: Прекратите огонь.}, source: {outlet: o}}\n---\n";
        let site = site(&[(&path, &text), ("content/briefings/t.md", briefing)]);
        let record = statement(&site, &site.briefings[0], &site.statements[0]);
        assert_eq!(record.text, "Cease fire. — Прекратите огонь. — Urged calm.");
    }

    /// A span across New Year is found under both years; an ongoing one under
    /// its start's year only (never the year of the build).
    #[test]
    fn the_year_filter_covers_the_years_a_date_names() {
        use crate::resolve::fixture::{actor, site};
        let (path, text) = actor("ana", "Ana", "person");
        let statements = ["2020-12-30/2021-01-02", "2022-02-24/..", "/2023"]
            .map(|d| {
                format!("  - {{speaker: ana, date: {d}, summary: s, source: {{outlet: o}}}}\n")
            })
            .concat();
        let briefing = format!("---\ntitle: T\ndate: 2023-03-01\nstatements:\n{statements}---\n");
        let site = site(&[(&path, &text), ("content/briefings/t.md", &briefing)]);
        let years: Vec<Vec<String>> = (site.statements.iter())
            .map(|s| statement(&site, &site.briefings[s.briefing], s).filters[YEAR].clone())
            .collect();
        assert_eq!(years, [vec!["2020", "2021"], vec!["2022"], vec!["2023"]]);
    }
}
