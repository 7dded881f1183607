//! Page titles, worded by the site's locale (`title-*` messages in `i18n/<lang>.ftl`).

use crate::model::{Actor, Site};
use crate::route::{Route, RouteTable};

/// The `page_title` of the page at `route`; `item` is the index of the briefing,
/// actor or page it shows (see [`crate::route::Entry`]).
pub(super) fn page(site: &Site, routes: &RouteTable, route: &Route, item: usize) -> String {
    let (words, site_title) = (&site.locale, site.config.title.as_str());
    match route {
        Route::Home(1) | Route::Feed => site_title.to_string(),
        Route::Home(n) => words.with_args(
            "title-page-n",
            &[("n", &n.to_string()), ("site", site_title)],
        ),
        Route::Briefing(_) => site.briefings[item].title.clone(),
        Route::Actors => words.text("title-actors").into_owned(),
        Route::ActorLetter(segment, n) => {
            let letters = routes.actor_letter(segment).map(|l| l.letters.join(" "));
            let title = words.with_args(
                "title-actors-letter",
                &[("letter", &letters.unwrap_or_default())],
            );
            paged(site, title, *n)
        }
        Route::Actor(_) | Route::ActorFeed(_) => site.actors[item].name.clone(),
        Route::Timeline => words.text("title-timeline").into_owned(),
        Route::TimelineYear(y, n) => paged(
            site,
            words.with_args("title-timeline-year", &[("year", &y.to_string())]),
            *n,
        ),
        Route::ActorYear(_, y, n) => paged(
            site,
            words.with_args(
                "title-actor-year",
                &[("actor", &site.actors[item].name), ("year", &y.to_string())],
            ),
            *n,
        ),
        Route::Archive => words.text("title-archive").into_owned(),
        Route::ArchiveYear(y) => words.with_args("title-archive-year", &[("year", &y.to_string())]),
        Route::ArchiveMonth(y, m) => words.with_args(
            "title-archive-month",
            &[("month", &words.dates().month(*y, *m))],
        ),
        Route::Contacts => words.text("title-contacts").into_owned(),
        Route::Corrections(n) => paged(site, words.text("title-corrections").into_owned(), *n),
        Route::Tags => words.text("title-tags").into_owned(),
        Route::Tag(slug, n) => paged(
            site,
            words.with_args("title-tag", &[("tag", &site.tags[slug].name)]),
            *n,
        ),
        Route::Page(_) => site.pages[item].title.clone(),
        Route::NotFound => words.text("title-not-found").into_owned(),
        Route::Search => words.text("search-heading").into_owned(),
        Route::SearchIndex
        | Route::Sitemap
        | Route::SitemapIndex
        | Route::SitemapPart(_)
        | Route::Robots
        | Route::Data(_)
        | Route::Highlight
        | Route::ThemeStatic(_) => String::new(),
    }
}

/// The title of page `n` of a list titled `title`: "Tag: x, page 2".
fn paged(site: &Site, title: String, n: usize) -> String {
    if n <= 1 {
        return title;
    }
    site.locale
        .with_args("title-paged", &[("title", &title), ("n", &n.to_string())])
}

/// The title of an actor's feed: `Name – Site`.
pub(super) fn actor_feed(site: &Site, actor: &Actor) -> String {
    site.locale.with_args(
        "title-actor-feed",
        &[("actor", &actor.name), ("site", &site.config.title)],
    )
}
