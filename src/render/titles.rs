//! Page titles. English until the locale lands: the lead swaps these for locale
//! lookups at merge; every reader-facing English title of a page is here.

use crate::model::{Actor, Site};
use crate::route::Route;

/// The `page_title` of the page at `route`; `item` is the index of the briefing,
/// actor or page it shows (see [`crate::route::Entry`]).
pub(super) fn page(site: &Site, route: &Route, item: usize) -> String {
    // English until the locale lands.
    let site_title = &site.config.title;
    match route {
        Route::Home(1) | Route::Feed => site_title.clone(),
        Route::Home(n) => format!("Page {n} – {site_title}"),
        Route::Briefing(_) => site.briefings[item].title.clone(),
        Route::Actors => "Actors".into(),
        Route::Actor(_) | Route::ActorFeed(_) => site.actors[item].name.clone(),
        Route::Timeline(None) => "Timeline".into(),
        Route::Timeline(Some(y)) => format!("Timeline {y}"),
        Route::Contacts => "Who spoke with whom".into(),
        Route::Corrections => "Corrections".into(),
        Route::Tags => "Tags".into(),
        Route::Tag(slug) => format!("Tag: {}", site.tags[slug].name),
        Route::Page(_) => site.pages[item].title.clone(),
        Route::NotFound => "Page not found".into(),
        Route::Sitemap
        | Route::Robots
        | Route::Data(_)
        | Route::Highlight
        | Route::ThemeStatic(_) => String::new(),
    }
}

/// The title of an actor's feed: `Name – Site`.
pub(super) fn actor_feed(site: &Site, actor: &Actor) -> String {
    format!("{} – {}", actor.name, site.config.title)
}
