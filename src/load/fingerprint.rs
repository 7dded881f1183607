//! The site's fingerprint ([`Site::fingerprint`](crate::model::Site)): a hash of
//! everything the model is made from except the briefings' rendered bodies. Two
//! loads with the same fingerprint give models that differ at most in those
//! bodies, so the build cache can keep every page that shows none of them
//! without building its context (see `render/page_cache.rs`).
//!
//! The model is a function of the parsed documents, the site settings and the
//! load options; the documents are hashed as the build cache stores them
//! (postcard), so whatever parsing derives from a body besides its HTML (heading
//! ids, say) is covered too.

use rayon::prelude::*;
use serde::Serialize;

use super::Options;
use super::multilingual::Docs;
use crate::cache::Hasher;

/// Bumped when what the fingerprint covers changes.
const VERSION: u64 = 1;

/// The fingerprint of a one-language site whose `site.yaml` reads `config_text`,
/// loaded with `options` into `docs`; 0 (unknown) if a document could not be
/// hashed. The documents are lent back unchanged (a body is set aside while its
/// document is hashed).
pub(super) fn of(config_text: &str, options: &Options, docs: &mut Docs) -> u128 {
    let mut h = Hasher::new();
    h.u64(VERSION).text(config_text);
    // Keeping drafts makes a difference only to a site that has some (so
    // `check`, which keeps them, can use what `build` left).
    let drafts = docs.briefings.iter().any(|d| d.draft) || docs.pages.iter().any(|p| p.meta.draft);
    h.u64(u64::from(options.drafts && drafts));
    for url in [&options.base_url, &options.public_url] {
        match url {
            Some(url) => h.u64(1).text(url),
            None => h.u64(0),
        };
    }
    let actors: Option<Vec<u128>> = docs.actors.par_iter().map(hash_of).collect();
    let briefings: Option<Vec<u128>> = (docs.briefings.par_iter_mut())
        .map(|doc| {
            let body = std::mem::take(&mut doc.body_html);
            let hash = hash_of(&*doc);
            doc.body_html = body;
            hash
        })
        .collect();
    let pages: Option<Vec<u128>> = docs.pages.par_iter().map(hash_of).collect();
    let (Some(actors), Some(briefings), Some(pages)) = (actors, briefings, pages) else {
        return 0;
    };
    for list in [actors, briefings, pages] {
        h.u64(list.len() as u64);
        for hash in list {
            h.u128(hash);
        }
    }
    h.finish()
}

/// The hash of `doc` as postcard writes it, if it can be written.
fn hash_of(doc: &impl Serialize) -> Option<u128> {
    postcard::to_io(doc, Hasher::new()).ok().map(|h| h.finish())
}
