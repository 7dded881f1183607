//! Which briefings' titles a page can show, so its fast key (see `page_cache`)
//! can name them instead of taking the whole site's fingerprint: after a title
//! edit, a page is kept by its fast key unless it shows that title.
//!
//! A page answered here has its fast key made with the fingerprint that leaves
//! titles out (`Fingerprint::untitled`) and the hashes of the titles listed. That
//! is sound only if the list holds every title in the page's template
//! variables, so each answer over-reaches where that is simpler (an actor's
//! pages all name every title the actor's lists and statements can show), and
//! a kind of page not worked out here answers [`Titles::Any`]: the full
//! fingerprint, as before. The tests build with `SITROOM_VERIFY_CACHE`, which
//! renders every page a fast key keeps and fails on a difference.

use super::Renderer;
use super::pages::{page_slice, timeline_chosen};
use crate::cache::Hasher;
use crate::route::{DataFile, Entry, Route};

/// The titles a page can show.
pub(super) enum Titles {
    /// None: its variables hold no briefing title.
    None,
    /// At most these briefings' titles.
    Of(Vec<usize>),
    /// At most those of actor `ix`'s briefings and of their statements' briefings.
    Actor(usize),
    /// Not worked out: any.
    Any,
}

/// The titles the page of `entry` can show. Pure: computed from the model as
/// the page's own variables are.
pub(super) fn shown(r: &Renderer, entry: &Entry) -> Titles {
    let site = &r.site;
    match &entry.route {
        Route::Briefing(_) => Titles::Of(vec![entry.item]),
        Route::Home(n) => {
            Titles::Of(page_slice(*n, site.config.paginate, site.briefings.len()).collect())
        }
        Route::Tag(slug, n) => match site.tags.get(slug) {
            Some(t) => Titles::Of(
                page_slice(*n, site.config.paginate, t.briefings.len())
                    .map(|i| t.briefings[i])
                    .collect(),
            ),
            None => Titles::Any,
        },
        Route::Actor(_) | Route::ActorYear(..) | Route::ActorFeed(_) => Titles::Actor(entry.item),
        Route::Timeline | Route::TimelineYear(..) => Titles::Of(
            (timeline_chosen(r, &entry.route).into_iter())
                .map(|s| site.statements[s].briefing)
                .collect(),
        ),
        // The archive's index shows counts; a year's or month's page cards of
        // (at most) that year's briefings.
        Route::Archive => Titles::None,
        Route::ArchiveYear(y) | Route::ArchiveMonth(y, _) => archive_year(r, *y),
        Route::Data(
            DataFile::StatementsJson
            | DataFile::StatementsCsv
            | DataFile::ActorsJson
            | DataFile::ActorsCsv,
        )
        | Route::Sitemap
        | Route::Robots => Titles::None,
        _ => Titles::Any,
    }
}

/// The briefings of archive year `year`: the archive runs through the briefings
/// in their order, a year and a month at a time (as `pages::archive` lists them).
fn archive_year(r: &Renderer, year: i16) -> Titles {
    let mut start = 0;
    for y in r.routes.archive() {
        let n = y.count();
        if y.year == year {
            return Titles::Of((start..start + n).collect());
        }
        start += n;
    }
    Titles::Any
}

/// Adds the hashes of `titles` to a fast key; `None` where an index is out of
/// range (no fast key then).
pub(super) fn hash_into(r: &Renderer, titles: &Titles, h: &mut Hasher) -> Option<()> {
    match titles {
        Titles::None | Titles::Any => {}
        Titles::Of(list) => {
            let hashes = title_hashes(r);
            h.u64(list.len() as u64);
            for &b in list {
                h.u128(*hashes.get(b)?);
            }
        }
        Titles::Actor(ix) => {
            h.u128(actor_titles(r, *ix)?);
        }
    }
    Some(())
}

/// A hash of each briefing's title, made once a build.
fn title_hashes(r: &Renderer) -> &[u128] {
    r.title_hashes.get_or_init(|| {
        (r.site.briefings.iter())
            .map(|b| Hasher::new().text(&b.title).finish())
            .collect()
    })
}

/// A hash of the titles of actor `ix`'s briefings and of their statements'
/// briefings, made once a build (their page, year pages and feed share it).
fn actor_titles(r: &Renderer, ix: usize) -> Option<u128> {
    let cell = r.actor_titles.get(ix)?;
    let hash = *cell.get_or_init(|| {
        let (site, hashes) = (&r.site, title_hashes(r));
        let a = &site.actors[ix];
        let mut h = Hasher::new();
        h.u64(a.briefings.len() as u64);
        for &b in &a.briefings {
            h.u128(hashes[b]);
        }
        h.u64(a.statements.len() as u64);
        for &s in &a.statements {
            h.u128(hashes[site.statements[s].briefing]);
        }
        h.finish()
    });
    Some(hash)
}
