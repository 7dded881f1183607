//! Which briefings a page shows something of, so its fast key (see
//! `page_cache`) can name them instead of taking the whole site's fingerprint:
//! after an edit to a briefing's title or summary, or to a statement's quote,
//! summary, source or original words, a page is kept by its fast key unless it
//! shows that briefing.
//!
//! Those fields are what `Fingerprint::shallow` leaves out (see
//! `load/fingerprint.rs`). A page answered here has its fast key made with that
//! fingerprint and, for each briefing listed, a hash of those fields as the
//! model holds them. That is sound only if the list holds every briefing whose
//! fields are in the page's template variables, so each answer over-reaches
//! where that is simpler (an actor's pages all name every briefing the actor's
//! lists and statements can show), and a kind of page not worked out here
//! answers [`Shown::Any`]: the full fingerprint. The tests build with
//! `SITROOM_VERIFY_CACHE`, which renders every page a fast key keeps and fails
//! on a difference.

use serde::Serialize;

use super::Renderer;
use super::pages::{page_slice, timeline_chosen};
use crate::cache::Hasher;
use crate::model::{Briefing, Statement};
use crate::route::{DataFile, Entry, Route};

/// The briefings whose shown fields a page can show.
pub(super) enum Shown {
    /// None.
    None,
    /// At most these briefings'.
    Of(Vec<usize>),
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
    /// Its statements' quotes, summaries, sources and original words.
    said: Vec<u128>,
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
        Route::Timeline | Route::TimelineYear(..) => Shown::Of(
            (timeline_chosen(r, &entry.route).into_iter())
                .map(|s| site.statements[s].briefing)
                .collect(),
        ),
        // The archive's index shows counts; a year's or month's page cards of
        // (at most) that year's briefings.
        Route::Archive => Shown::None,
        Route::ArchiveYear(y) | Route::ArchiveMonth(y, _) => archive_year(r, *y),
        Route::Data(DataFile::StatementsJson | DataFile::StatementsCsv) => Shown::Statements,
        Route::Data(DataFile::ActorsJson | DataFile::ActorsCsv)
        | Route::Sitemap
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
        Shown::None | Shown::Any => {}
        Shown::Of(list) => {
            let hashes = hashes(r)?;
            h.u64(list.len() as u64);
            for &b in list {
                h.u128(*hashes.card.get(b)?).u128(*hashes.said.get(b)?);
            }
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

/// The hashes of every briefing, made on first use; `None` if one could not be.
fn hashes(r: &Renderer) -> Option<&Hashes> {
    r.shown_hashes
        .get_or_init(|| {
            use rayon::prelude::*;
            let site = &r.site;
            let card = site.briefings.par_iter().map(card_hash).collect();
            let statement: Vec<u128> = (site.statements.par_iter())
                .map(statement_hash)
                .collect::<Option<_>>()?;
            let said = (site.briefings.iter())
                .map(|b| said_of(b, &statement))
                .collect();
            Some(Hashes { card, said })
        })
        .as_ref()
}

/// A hash of briefing `b`'s title and summary.
pub(crate) fn card_hash(b: &Briefing) -> u128 {
    Hasher::new().text(&b.title).text(&b.summary).finish()
}

/// A hash of the quotes, summaries, sources and original words of `b`'s
/// statements, from the hashes of every statement.
fn said_of(b: &Briefing, statement: &[u128]) -> u128 {
    let mut h = Hasher::new();
    h.u64(b.statements.len() as u64);
    for &s in &b.statements {
        h.u128(statement[s]);
    }
    h.finish()
}

/// A hash of statement `s`'s quote, summary, source and original words.
pub(crate) fn statement_hash(s: &Statement) -> Option<u128> {
    #[derive(Serialize)]
    struct Said<'a> {
        quote: &'a Option<String>,
        summary: &'a Option<String>,
        source: &'a Option<crate::model::Source>,
        original: &'a Option<Box<crate::model::Original>>,
    }
    let said = Said {
        quote: &s.quote,
        summary: &s.summary,
        source: &s.source,
        original: &s.original,
    };
    postcard::to_io(&said, Hasher::new())
        .ok()
        .map(|h| h.finish())
}

/// A hash of everything actor `ix`'s pages can show of briefings, made once a
/// build (their page, year pages and feed share it).
fn actor_hash(r: &Renderer, ix: usize) -> Option<u128> {
    let cell = r.actor_shown.get(ix)?;
    *cell.get_or_init(|| {
        let (site, hashes) = (&r.site, hashes(r)?);
        let a = &site.actors[ix];
        let mut h = Hasher::new();
        let mut briefing = |b: usize| {
            h.u128(hashes.card[b]).u128(hashes.said[b]);
        };
        for &b in &a.briefings {
            briefing(b);
        }
        for &s in &a.statements {
            briefing(site.statements[s].briefing);
        }
        h.u64((a.briefings.len() + a.statements.len()) as u64);
        Some(h.finish())
    })
}
