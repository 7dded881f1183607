//! The site's fingerprints ([`Site::fingerprint`](crate::model::Site)): a hash of
//! everything the model is made from except the briefings' rendered bodies. Two
//! loads with the same fingerprint give models that differ at most in those
//! bodies, so the build cache can keep every page that shows none of them
//! without building its context (see `render/page_cache.rs`). Beside it, the
//! same hash with what other pages show of a briefing also set aside (its title
//! and summary, its statements' quotes, summaries, sources, original words,
//! verification and dates): two loads alike in that one give models that differ at most in those
//! and in bodies, so a page that names the briefings it shows can be kept while
//! what it shows of them stays the same (fixing a quote, a title, a
//! statement's verification or its date then costs the pages showing it, not
//! every page; see
//! `render/shown.rs`). A statement's date also places it (in its briefing, on
//! its speakers' year pages, in the timeline and among the years the site has
//! pages for); `render/shown.rs` says how the pages that depend on that are
//! keyed.
//!
//! A third, *narrow* one leaves the briefings out altogether, and each
//! briefing's own hash (its document without body and shown fields) is kept
//! by path: a briefing page is keyed by those (`render/shown.rs`), so an edit
//! to another briefing's front matter, or a briefing added or deleted, keeps
//! it.
//!
//! The model is a function of the parsed documents, the site settings and the
//! load options; the documents are hashed as the build cache stores them
//! (postcard), so whatever parsing derives from a body besides its HTML (heading
//! ids, say) is covered too.

use rayon::prelude::*;
use serde::Serialize;

use super::Files;
use super::Options;
use super::multilingual::Docs;
use crate::cache::Hasher;
use crate::date::{Certainty, Date, Point, Precision};
use crate::front_matter::{Source, SourceRef};
use crate::model::{Fingerprint, Original, Verification};
use crate::parse::BriefingDoc;
use crate::source;

/// Bumped when what the fingerprint covers changes.
const VERSION: u64 = 6;

/// The fingerprints of a site whose `site.yaml` reads `config_text`, loaded with
/// `options` into `docs` from `files` (whose translations are read here), and
/// each briefing's by its path; zeros and none (unknown) if a document could
/// not be hashed or a translation read. The documents are lent back unchanged
/// (a body and what other pages show are set aside while their document is
/// hashed).
pub(super) fn of(
    config_text: &str,
    options: &Options,
    docs: &mut Docs,
    files: &Files,
) -> (Fingerprint, Prints) {
    let translations = &files.translations;
    let mut h = Hasher::new();
    h.u64(VERSION).text(config_text);
    // Keeping drafts makes a difference only to a site that has some (so
    // `check`, which keeps them, can use what `build` left); a translation may
    // be one, so with translations it always counts.
    let drafts = docs.briefings.iter().any(|d| d.draft)
        || docs.pages.iter().any(|p| p.meta.draft)
        || translations.iter().any(|t| !t.is_empty());
    h.u64(u64::from(options.drafts && drafts));
    if translations_into(&mut h, files).is_none() {
        return (Fingerprint::default(), Prints::new());
    }
    for url in [&options.base_url, &options.public_url] {
        match url {
            Some(url) => h.u64(1).text(url),
            None => h.u64(0),
        };
    }
    let actors: Option<Vec<u128>> = docs.actors.par_iter().map(hash_of).collect();
    // Each briefing without its body and what other pages show of it, and
    // that apart.
    let briefings: Option<Vec<(u128, u128)>> = (docs.briefings.par_iter_mut())
        .map(|doc| {
            let shown = Shown::take(doc);
            let hash = doc.with_body_aside(hash_of);
            let shown_hash = hash_of(&shown);
            shown.put_back(doc);
            Some((hash?, shown_hash?))
        })
        .collect();
    let pages: Option<Vec<u128>> = docs.pages.par_iter().map(hash_of).collect();
    let (Some(actors), Some(briefings), Some(pages)) = (actors, briefings, pages) else {
        return (Fingerprint::default(), Prints::new());
    };
    let (briefings, shown): (Vec<u128>, Vec<u128>) = briefings.into_iter().unzip();
    let prints: Prints = (docs.briefings.iter().map(|d| d.path.clone()))
        .zip(briefings.iter().copied())
        .collect();
    // The narrow one leaves the briefings out; a marker tells it from the
    // shallow one of a site without briefings.
    let mut narrow = h.clone();
    narrow.text("narrow");
    for list in [&actors, &pages] {
        narrow.u64(list.len() as u64);
        for &hash in list {
            narrow.u128(hash);
        }
    }
    for list in [actors, briefings, pages] {
        h.u64(list.len() as u64);
        for hash in list {
            h.u128(hash);
        }
    }
    let shallow = h.finish();
    let mut full = Hasher::new();
    full.u128(shallow).u64(shown.len() as u64);
    for hash in shown {
        full.u128(hash);
    }
    let fingerprint = Fingerprint {
        full: full.finish(),
        shallow,
        narrow: narrow.finish(),
    };
    (fingerprint, prints)
}

/// Each briefing's hash, without its body and what other pages show of it, by
/// the path of its file.
pub(super) type Prints = std::collections::HashMap<std::path::PathBuf, u128>;

/// What other pages show of a briefing, taken out of its document: the
/// model's `Briefing::{title, summary}` and `Statement::{quote, summary,
/// source, original, verification, date}` are these, moved (`render/shown.rs` hashes them
/// there).
#[derive(Serialize)]
struct Shown {
    title: String,
    summary: String,
    statements: Vec<Said>,
}

#[derive(Serialize)]
struct Said {
    quote: Option<String>,
    summary: Option<String>,
    source_ref: Option<SourceRef>,
    source: Option<Source>,
    original: Option<Original>,
    verification: Option<Verification>,
    date: Date,
}

/// What a statement's date is while its document is hashed without it: any
/// fixed date (it is put back after).
const NO_DATE: Date = Date::Point(Point {
    year: 0,
    month: 1,
    day: 1,
    precision: Precision::Year,
    certainty: Certainty::Exact,
    time: None,
});

impl Shown {
    fn take(doc: &mut BriefingDoc) -> Shown {
        Shown {
            title: std::mem::take(&mut doc.title),
            summary: std::mem::take(&mut doc.summary),
            statements: (doc.statements.iter_mut())
                .map(|s| Said {
                    quote: s.meta.quote.take(),
                    summary: s.meta.summary.take(),
                    source_ref: s.meta.source.take(),
                    source: s.source.take(),
                    original: s.meta.original.take(),
                    verification: s.meta.verification.take(),
                    date: std::mem::replace(&mut s.meta.date, NO_DATE),
                })
                .collect(),
        }
    }

    fn put_back(self, doc: &mut BriefingDoc) {
        doc.title = self.title;
        doc.summary = self.summary;
        for (s, said) in doc.statements.iter_mut().zip(self.statements) {
            s.meta.quote = said.quote;
            s.meta.summary = said.summary;
            s.meta.source = said.source_ref;
            s.source = said.source;
            s.meta.original = said.original;
            s.meta.verification = said.verification;
            s.meta.date = said.date;
        }
    }
}

/// Translations are parsed while resolving, merged with their originals: their
/// files are hashed whole, each with the whole text of its original (its body
/// included, since a translation may take from it). `None` if one cannot be
/// read.
fn translations_into(h: &mut Hasher, files: &Files) -> Option<()> {
    let originals = [&files.actors, &files.briefings, &files.pages];
    for (siblings, originals) in files.translations.iter().zip(originals) {
        h.u64(siblings.len() as u64);
        for s in siblings {
            h.u64(s.lang as u64);
            h.text(&s.entry.path.to_string_lossy());
            h.text(&source::read(&s.entry).ok()?);
            h.text(&s.original.to_string_lossy());
            let original = originals.iter().find(|o| o.path == s.original)?;
            h.text(&source::read(original).ok()?);
        }
    }
    Some(())
}

/// The hash of `doc` as postcard writes it, if it can be written.
fn hash_of(doc: &impl Serialize) -> Option<u128> {
    postcard::to_io(doc, Hasher::new()).ok().map(|h| h.finish())
}
