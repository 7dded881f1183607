//! Which briefings a page shows something of, so its fast key (see
//! `page_cache`) can name them instead of taking the whole site's fingerprint:
//! after an edit to a briefing's title or summary, or to a statement's quote,
//! summary, source, original words, verification or date, a page is kept by
//! its fast key unless it shows that briefing.
//!
//! Those fields are what `Fingerprint::shallow` leaves out (see
//! `load/fingerprint.rs`). A page answered here has its fast key made with that
//! fingerprint and, for each briefing listed, a hash of those fields as the
//! model holds them. That is sound only if the list holds every briefing whose
//! fields are in the page's template variables, so each answer over-reaches
//! where that is simpler (an actor's pages all name every briefing the actor's
//! lists and statements can show), and a kind of page not worked out here
//! answers [`Shown::Any`]: the full fingerprint.
//!
//! Dates need more than their briefing's hash, since a statement's date also
//! places it:
//! - a statement shows the dates of those it disputes and is disputed by, so
//!   its hash takes theirs;
//! - within its briefing and among its speakers' and counterparts' statements
//!   (their pages, year pages and contacts), which those pages' hashes cover;
//! - in the timeline: its pages ([`Shown::Placed`]) name the statements they
//!   show, each by its id and hash, and take the counts of the years and
//!   months they link to;
//! - among the years that have pages (the sitemap lists them): pages that show
//!   no briefing ([`Shown::None`]) take a hash of every statement's date.
//!
//! On a site with one language, briefing, actor and list pages are keyed
//! without the briefings they do not show ([`briefing_key`], [`actor_hash`],
//! [`list_key`]): the narrow fingerprint and each shown briefing's own hash.
//!
//! The tests build with `SITROOM_VERIFY_CACHE`, which renders every page a fast
//! key keeps and fails on a difference.

use serde::Serialize;

use super::Renderer;
use super::pages::{page_slice, timeline_chosen, timeline_page, timeline_shape_into};
use crate::cache::Hasher;
use crate::date::Date;
use crate::model::{Briefing, Site, Statement};
use crate::route::{DataFile, Entry, Route};

/// The briefings whose shown fields a page can show.
pub(super) enum Shown {
    /// None (but what statements' dates make: the years with pages).
    None,
    /// At most these briefings'.
    Of(Vec<usize>),
    /// At most these statements' and their briefings' titles and summaries,
    /// where their dates place them among all the statements: the timeline's
    /// pages (of this year; none: the front page).
    Placed(Vec<usize>, Option<i16>),
    /// At most those of actor `ix`'s briefings and of their statements' briefings.
    Actor(usize),
    /// Every statement's, but no briefing's own (the statement data files).
    Statements,
    /// Not worked out: any.
    Any,
}

/// Per briefing, hashes of what other pages show of it, made once a build.
pub(super) struct Hashes {
    /// Its title and summary.
    card: Vec<u128>,
    /// Its statements' quotes, summaries, sources, original words,
    /// verifications and dates.
    said: Vec<u128>,
    /// Per statement, those of its own ([`statement_hash`]).
    statement: Vec<u128>,
    /// Every statement's date, in the site's order.
    dates: u128,
}

/// What the page of `entry` can show. Pure: computed from the model as the
/// page's own variables are.
pub(super) fn shown(r: &Renderer, entry: &Entry) -> Shown {
    let site = &r.site;
    match &entry.route {
        Route::Briefing(_) => Shown::Of(vec![entry.item]),
        Route::Home(n) => {
            Shown::Of(page_slice(*n, site.config.paginate, site.briefings.len()).collect())
        }
        Route::Tag(slug, n) => match site.tags.get(slug) {
            Some(t) => Shown::Of(
                page_slice(*n, site.config.paginate, t.briefings.len())
                    .map(|i| t.briefings[i])
                    .collect(),
            ),
            None => Shown::Any,
        },
        Route::Actor(_) | Route::ActorYear(..) | Route::ActorFeed(_) => Shown::Actor(entry.item),
        Route::Timeline | Route::TimelineYear(..) => Shown::Placed(
            timeline_chosen(r, &entry.route),
            timeline_page(&entry.route).0,
        ),
        // The archive's index shows counts; a year's or month's page cards of
        // (at most) that year's briefings.
        Route::Archive => Shown::None,
        Route::ArchiveYear(y) | Route::ArchiveMonth(y, _) => archive_year(r, *y),
        Route::Data(DataFile::StatementsJson | DataFile::StatementsCsv) => Shown::Statements,
        Route::Data(DataFile::ActorsJson | DataFile::ActorsCsv)
        | Route::Sitemap
        | Route::SitemapIndex
        | Route::SitemapPart(_)
        | Route::Robots => Shown::None,
        _ => Shown::Any,
    }
}

/// The briefings of archive year `year`: the archive runs through the briefings
/// in their order, a year and a month at a time (as `pages::archive` lists them).
fn archive_year(r: &Renderer, year: i16) -> Shown {
    let mut start = 0;
    for y in r.routes.archive() {
        let n = y.count();
        if y.year == year {
            return Shown::Of((start..start + n).collect());
        }
        start += n;
    }
    Shown::Any
}

/// Adds the hashes of what `shown` names to a fast key; `None` where one could
/// not be made (no fast key then).
pub(super) fn hash_into(r: &Renderer, shown: &Shown, h: &mut Hasher) -> Option<()> {
    match shown {
        Shown::Any => {}
        Shown::None => {
            h.u128(hashes(r)?.dates);
        }
        Shown::Of(list) => of_into(hashes(r)?, list, h)?,
        Shown::Placed(list, year) => {
            let hashes = hashes(r)?;
            h.u64(list.len() as u64);
            for &s in list {
                let st = r.site.statements.get(s)?;
                h.text(&st.id).u128(*hashes.statement.get(s)?);
                h.u128(*hashes.card.get(st.briefing)?);
            }
            timeline_shape_into(r, *year, h);
        }
        Shown::Actor(ix) => {
            h.u128(actor_hash(r, *ix)?);
        }
        Shown::Statements => {
            let said = &hashes(r)?.said;
            h.u64(said.len() as u64);
            for &hash in said {
                h.u128(hash);
            }
        }
    }
    Some(())
}

/// The fast key of a briefing's page, made without the other briefings: the
/// narrow fingerprint (settings, actors, free pages), the page's path, its
/// body, its own briefing's hash (its document without body, see
/// `load/fingerprint.rs`) and what other pages show of it, and for each
/// statement its statements dispute or are disputed by (whose id, speakers,
/// date and place the page links) that statement's id and hash and its
/// briefing's. A briefing added, deleted, retagged or redated elsewhere then
/// keeps the page. `None` where the site has no briefing hashes (no cache, or
/// languages: a page also links its counterparts in the other languages).
pub(super) fn briefing_key(r: &Renderer, entry: &Entry) -> Option<u128> {
    let (site, env) = (&r.site, r.fast_narrow?);
    let prints = &site.briefing_prints;
    let b = entry.item;
    let briefing = site.briefings.get(b)?;
    let hashes = hashes(r)?;
    let mut h = Hasher::new();
    h.text("briefing").u128(env).text(&entry.path);
    h.u128(briefing.body_html.content_hash())
        .u128(*prints.get(b)?);
    of_into(hashes, &[b], &mut h)?;
    for &s in &briefing.statements {
        partners_into(site, hashes, site.statements.get(s)?, &mut h)?;
    }
    Some(h.finish())
}

/// The fast key of a list page (the home page's pages, a tag's, the archive's
/// and the timeline's), made without the briefings it does not show: the
/// narrow fingerprint, the page's path, each briefing it lists with its own
/// hash (or each statement, as [`statement_into`] takes it), and what it shows
/// of the rest of the site: how many briefings the home page has, a tag's
/// name and count, the archive's years and months with their counts, the
/// timeline's years and months with theirs. A tag added to a briefing, or a
/// briefing retitled, then keeps every list page that does not show it. `None`
/// for other pages, or where pages cannot be keyed without the other
/// briefings ([`narrow`]).
pub(super) fn list_key(r: &Renderer, entry: &Entry, shown: &Shown) -> Option<u128> {
    if !narrow(r) {
        return None;
    }
    let (site, hashes) = (&r.site, hashes(r)?);
    let prints = &site.briefing_prints;
    let mut h = Hasher::new();
    h.text("list").u128(r.fast_narrow?).text(&entry.path);
    match (&entry.route, shown) {
        (Route::Home(_), Shown::Of(list)) => {
            h.u64(site.briefings.len() as u64);
            listed_into(hashes, prints, list, &mut h)?;
        }
        (Route::Tag(slug, _), Shown::Of(list)) => {
            let tag = site.tags.get(slug)?;
            h.text(&tag.name).u64(tag.briefings.len() as u64);
            listed_into(hashes, prints, list, &mut h)?;
        }
        (Route::Archive, Shown::None) => archive_shape_into(r, &mut h),
        (Route::ArchiveYear(_) | Route::ArchiveMonth(..), Shown::Of(list)) => {
            archive_shape_into(r, &mut h);
            listed_into(hashes, prints, list, &mut h)?;
        }
        (Route::Timeline | Route::TimelineYear(..), Shown::Placed(list, year)) => {
            h.u64(list.len() as u64);
            for &s in list {
                let st = site.statements.get(s)?;
                statement_into(site, hashes, s, &mut h)?;
                partners_into(site, hashes, st, &mut h)?;
            }
            timeline_shape_into(r, *year, &mut h);
        }
        _ => return None,
    }
    Some(h.finish())
}

/// What stands for statement `s`'s HTML in the keys of the pages listing it
/// and in the statement store (see `pages::statement_key`), made without the
/// other briefings: the narrow environment (the theme's words and templates
/// among it) and the statement as [`list_key`] takes it for a timeline page,
/// which shows its HTML whole. `None` where pages cannot be keyed so
/// ([`narrow`]).
pub(super) fn statement_key(r: &Renderer, s: usize) -> Option<u128> {
    if !narrow(r) {
        return None;
    }
    let (site, hashes) = (&r.site, hashes(r)?);
    let mut h = Hasher::new();
    h.text("statement").u128(r.fast_narrow?);
    statement_into(site, hashes, s, &mut h)?;
    partners_into(site, hashes, site.statements.get(s)?, &mut h)?;
    Some(h.finish())
}

/// Adds `list`'s briefings to a fast key: what other pages show of each and
/// its own hash.
fn listed_into(hashes: &Hashes, prints: &[u128], list: &[usize], h: &mut Hasher) -> Option<()> {
    of_into(hashes, list, h)?;
    for &b in list {
        h.u128(*prints.get(b)?);
    }
    Some(())
}

/// Adds the archive's years and months, with how many briefings each has, to
/// a fast key (every archive page links them all, with their counts).
fn archive_shape_into(r: &Renderer, h: &mut Hasher) {
    let years = r.routes.archive();
    h.u64(years.len() as u64);
    for y in years {
        h.u64(y.year as u64).u64(u64::from(y.split));
        h.u64(y.months.len() as u64);
        for &(m, n) in &y.months {
            h.u64(m as u64).u64(n as u64);
        }
    }
}

/// Adds statement `s` to a fast key made without the other briefings: its id,
/// its hash ([`statement_hash`]), and its briefing's own hash and card's.
fn statement_into(site: &Site, hashes: &Hashes, s: usize, h: &mut Hasher) -> Option<()> {
    let st = site.statements.get(s)?;
    h.text(&st.id).u128(*hashes.statement.get(s)?);
    let b = st.briefing;
    h.u128(*site.briefing_prints.get(b)?);
    h.u128(*hashes.card.get(b)?);
    Some(())
}

/// Adds the statements `st` disputes and is disputed by to a fast key made
/// without the other briefings (a statement links them by id, speakers, date
/// and place), each as [`statement_into`] takes it.
fn partners_into(site: &Site, hashes: &Hashes, st: &Statement, h: &mut Hasher) -> Option<()> {
    for list in [&st.disputes, &st.disputed_by] {
        h.u64(list.len() as u64);
        for &t in list {
            statement_into(site, hashes, t, h)?;
        }
    }
    Some(())
}

/// Adds what `list`'s briefings show to a fast key.
fn of_into(hashes: &Hashes, list: &[usize], h: &mut Hasher) -> Option<()> {
    h.u64(list.len() as u64);
    for &b in list {
        h.u128(*hashes.card.get(b)?).u128(*hashes.said.get(b)?);
    }
    Some(())
}

/// The hashes of every briefing, made on first use; `None` if one could not be.
fn hashes(r: &Renderer) -> Option<&Hashes> {
    r.shown_hashes
        .get_or_init(|| {
            use rayon::prelude::*;
            let site = &r.site;
            let card = site.briefings.par_iter().map(card_hash).collect();
            let statement: Vec<u128> = (site.statements.par_iter())
                .map(|s| statement_hash(site, s))
                .collect::<Option<_>>()?;
            let said = (site.briefings.iter())
                .map(|b| said_of(b, &statement))
                .collect();
            let mut dates = Hasher::new();
            dates.u64(site.statements.len() as u64);
            for s in &site.statements {
                date_into(&mut dates, &s.date)?;
            }
            Some(Hashes {
                card,
                said,
                statement,
                dates: dates.finish(),
            })
        })
        .as_ref()
}

/// A hash of briefing `b`'s title and summary.
pub(crate) fn card_hash(b: &Briefing) -> u128 {
    Hasher::new().text(&b.title).text(&b.summary).finish()
}

/// A hash of the quotes, summaries, sources, original words, verifications and
/// dates of `b`'s statements, from the hashes of every statement.
fn said_of(b: &Briefing, statement: &[u128]) -> u128 {
    let mut h = Hasher::new();
    h.u64(b.statements.len() as u64);
    for &s in &b.statements {
        h.u128(statement[s]);
    }
    h.finish()
}

/// A hash of statement `s`'s quote, summary, source, original words,
/// verification and date, and the dates of the statements it disputes and is
/// disputed by (it shows them).
pub(crate) fn statement_hash(site: &Site, s: &Statement) -> Option<u128> {
    #[derive(Serialize)]
    struct Said<'a> {
        quote: &'a Option<String>,
        summary: &'a Option<String>,
        source: &'a Option<crate::model::Source>,
        original: &'a Option<Box<crate::model::Original>>,
        verification: &'a Option<crate::model::Verification>,
        date: &'a Date,
        disputes: Vec<&'a Date>,
        disputed_by: Vec<&'a Date>,
    }
    crate::cache::hash_serialized(&Said {
        quote: &s.quote,
        summary: &s.summary,
        source: &s.source,
        original: &s.original,
        verification: &s.verification,
        date: &s.date,
        disputes: each_statement(site, &s.disputes, |t| &t.date)?,
        disputed_by: each_statement(site, &s.disputed_by, |t| &t.date)?,
    })
}

/// `field` of each of the site's statements `list` names; `None` if one is not
/// there.
pub(crate) fn each_statement<'a, T>(
    site: &'a Site,
    list: &[usize],
    field: impl Fn(&'a Statement) -> T,
) -> Option<Vec<T>> {
    (list.iter())
        .map(|&t| site.statements.get(t).map(&field))
        .collect()
}

/// Adds `date`, every part of it, to `h`.
fn date_into(h: &mut Hasher, date: &Date) -> Option<()> {
    postcard::to_io(date, &mut *h).ok().map(drop)
}

/// A hash of everything actor `ix`'s pages can show of briefings, made once a
/// build (their page, year pages and feed share it). With the briefings' own
/// hashes ([`narrow`]), also those of the briefings it names, the statements'
/// ids, and each statement their statements dispute or are disputed by (as
/// [`briefing_key`] takes them): enough to key the pages without the other
/// briefings.
fn actor_hash(r: &Renderer, ix: usize) -> Option<u128> {
    let cell = r.actor_shown.get(ix)?;
    *cell.get_or_init(|| {
        let (site, hashes) = (&r.site, hashes(r)?);
        let prints = narrow(r).then_some(&site.briefing_prints);
        let a = &site.actors[ix];
        let mut h = Hasher::new();
        let briefing = |h: &mut Hasher, b: usize| -> Option<()> {
            h.u128(*hashes.card.get(b)?).u128(*hashes.said.get(b)?);
            if let Some(prints) = prints {
                h.u128(*prints.get(b)?);
            }
            Some(())
        };
        for &b in &a.briefings {
            briefing(&mut h, b)?;
        }
        for &s in &a.statements {
            let st = site.statements.get(s)?;
            briefing(&mut h, st.briefing)?;
            if prints.is_some() {
                h.text(&st.id);
                partners_into(site, hashes, st, &mut h)?;
            }
        }
        h.u64((a.briefings.len() + a.statements.len()) as u64);
        Some(h.finish())
    })
}

/// Whether pages can be keyed without the other briefings: the site has the
/// narrow fingerprint and every briefing's own hash.
pub(super) fn narrow(r: &Renderer) -> bool {
    r.fast_narrow.is_some() && r.site.briefing_prints.len() == r.site.briefings.len()
}
