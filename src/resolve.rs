//! Cross-file work: parsed documents become the `Site` model. Duplicate slugs,
//! unknown role organisations and never-referred-to actors are found here.

use std::collections::{BTreeMap, HashMap};

use crate::diagnostic::{Code, Diagnostic};
use crate::front_matter::Config;
use crate::model::{Actor, BaseUrl, Briefing, Page, Role, Site, Statement, Tag};
use crate::parse::{ActorDoc, BriefingDoc, PageDoc};
use crate::slug::slugify;

/// Top-level output folders a free page may not take.
const RESERVED: [&str; 9] = [
    "briefings",
    "actors",
    "timeline",
    "tags",
    "page",
    "data",
    "contacts",
    "corrections",
    "static",
];

/// What `resolve` is asked to do besides building the model.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Keep draft briefings and pages.
    pub drafts: bool,
    /// Warn about actors no briefing refers to. Off when some file failed to
    /// parse: it may be the one that refers to them.
    pub unused_actors: bool,
}

/// Builds the site from documents already sorted by path. `actors` must be sorted by id
/// (the indexes briefings hold refer to that order).
pub fn resolve(
    config: Config,
    base: BaseUrl,
    actor_docs: Vec<ActorDoc>,
    briefing_docs: Vec<BriefingDoc>,
    page_docs: Vec<PageDoc>,
    options: Options,
) -> (Site, Vec<Diagnostic>) {
    let drafts = options.drafts;
    let mut diags = Vec::new();
    let ids: HashMap<&str, usize> = actor_docs
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();

    let mut actors: Vec<Actor> = Vec::with_capacity(actor_docs.len());
    for (own, doc) in actor_docs.iter().enumerate() {
        let mut roles = Vec::with_capacity(doc.meta.roles.len());
        for (r, pos) in doc.meta.roles.iter().zip(&doc.org_positions) {
            let org = r.org.as_deref().and_then(|org| match ids.get(org) {
                Some(&ix) if ix == own => {
                    diags.push(
                        Diagnostic::error(
                            &doc.path,
                            Code::BadRole,
                            format!("`org: {org}` names the actor itself"),
                        )
                        .at(*pos)
                        .hint("`org:` is the organisation or state the role belongs to"),
                    );
                    None
                }
                Some(&ix) => Some(ix),
                None => {
                    let known = ids.keys().copied();
                    diags.push(crate::parse::unknown_actor(
                        &doc.path,
                        *pos,
                        org,
                        known,
                        || "`org:` takes the id of a file in content/actors/".to_string(),
                    ));
                    None
                }
            });
            roles.push(Role {
                title: r.title.clone(),
                start: r.start,
                end: r.end,
                org,
            });
        }
        actors.push(Actor {
            id: doc.id.clone(),
            path: doc.path.clone(),
            name: doc.meta.name.clone(),
            kind: doc.meta.kind,
            aliases: doc.meta.aliases.clone(),
            names: doc.meta.names.clone(),
            country: doc.meta.country.clone(),
            roles,
            wikidata: doc.meta.wikidata.clone(),
            bio_html: doc.bio_html.clone(),
            statements: Vec::new(),
            briefings: Vec::new(),
        });
    }
    drop(actor_docs);

    // Duplicate slugs: the first file (by path) keeps it.
    let mut seen: HashMap<String, std::path::PathBuf> = HashMap::new();
    let mut kept: Vec<BriefingDoc> = Vec::with_capacity(briefing_docs.len());
    for doc in briefing_docs {
        if doc.draft && !drafts {
            continue;
        }
        if let Some(first) = seen.get(&doc.slug) {
            diags.push(
                Diagnostic::error(
                    &doc.path,
                    Code::DuplicateSlug,
                    format!("slug `{}` is already used by {}", doc.slug, first.display()),
                )
                .at(doc.slug_pos)
                .hint("give one of the briefings a different `slug:`"),
            );
            continue;
        }
        seen.insert(doc.slug.clone(), doc.path.clone());
        kept.push(doc);
    }

    // Statements in source order (briefing path, then position), then a stable sort by date.
    let mut order: Vec<usize> = (0..kept.len()).collect();
    order.sort_by(|&a, &b| {
        kept[b]
            .date
            .cmp(&kept[a].date)
            .then_with(|| kept[a].slug.cmp(&kept[b].slug))
    });
    let mut position = vec![0; kept.len()];
    for (new, &old) in order.iter().enumerate() {
        position[old] = new;
    }
    let mut statements = Vec::new();
    for (old, doc) in kept.iter_mut().enumerate() {
        for (n, s) in doc.statements.drain(..).enumerate() {
            // A repeated id (`speakers: [a, b, a]`) names one actor once, in first-seen order.
            let mut seen = std::collections::HashSet::new();
            let speakers: Vec<usize> = s.speakers.into_iter().filter(|a| seen.insert(*a)).collect();
            let mut seen = std::collections::HashSet::new();
            let with: Vec<usize> = s.with.into_iter().filter(|a| seen.insert(*a)).collect();
            statements.push(Statement {
                id: format!("{}-{}", doc.slug, n + 1),
                number: n + 1,
                briefing: position[old],
                speakers,
                with,
                kind: s.meta.kind,
                date: s.meta.date,
                quote: s.meta.quote,
                summary: s.meta.summary,
                source: s.source,
                verification: s.meta.verification,
            });
        }
    }
    // Earliest day first; at the same first day a coarser date ("October 2020") comes
    // before finer ones so month groups never split; equal keys keep source order.
    statements.sort_by_key(|s| s.date.sort_key());

    let mut briefings: Vec<Option<Briefing>> = (0..kept.len()).map(|_| None).collect();
    for (old, doc) in kept.into_iter().enumerate() {
        briefings[position[old]] = Some(Briefing {
            path: doc.path,
            slug: doc.slug,
            title: doc.title,
            date: doc.date,
            updated: doc.updated,
            summary: doc.summary,
            draft: doc.draft,
            tags: doc.tags,
            actors: doc.actors,
            mentioned: doc.mentioned,
            sources: doc.sources,
            statements: Vec::new(),
            corrections: doc.corrections,
            body_html: doc.body_html,
            heading_ids: doc.heading_ids,
        });
    }
    let mut briefings: Vec<Briefing> = briefings.into_iter().flatten().collect();

    // `statements` is in date order with ties in source order, so each briefing's
    // list is too: a 9 November statement written after 10 November ones comes
    // first. Numbers (`s-N` anchors, `<slug>-N` ids) stay file positions, so a
    // statement inserted by date does not change the permalinks of the others.
    for (ix, s) in statements.iter().enumerate() {
        briefings[s.briefing].statements.push(ix);
        let mut people: Vec<usize> = s.speakers.iter().chain(&s.with).copied().collect();
        people.sort_unstable();
        people.dedup();
        for a in people {
            actors[a].statements.push(ix);
        }
    }

    let mut tags: BTreeMap<String, Tag> = BTreeMap::new();
    for (ix, b) in briefings.iter().enumerate() {
        let mut involved: Vec<usize> = b.actors.iter().chain(&b.mentioned).copied().collect();
        involved.sort_unstable();
        involved.dedup();
        for a in involved {
            actors[a].briefings.push(ix);
        }
        for name in &b.tags {
            let tag = tags.entry(slugify(name)).or_insert_with(|| Tag {
                name: name.clone(),
                briefings: Vec::new(),
            });
            if tag.briefings.last() != Some(&ix) {
                tag.briefings.push(ix);
            }
        }
    }

    for a in actors.iter().filter(|_| options.unused_actors) {
        if a.statements.is_empty()
            && a.briefings.is_empty()
            && !actors.iter().any(|o| {
                o.roles
                    .iter()
                    .any(|r| r.org.is_some_and(|x| actors[x].id == a.id))
            })
        {
            diags.push(
                Diagnostic::warning(&a.path, Code::UnusedActor, format!("actor `{}` is never referred to", a.id))
                    .hint("name them in a briefing's statements, `actors:` list or text, or remove the file"),
            );
        }
    }

    let mut pages = Vec::with_capacity(page_docs.len());
    let mut page_slugs: HashMap<String, std::path::PathBuf> = HashMap::new();
    for doc in page_docs {
        if doc.meta.draft && !drafts {
            continue;
        }
        if RESERVED.contains(&doc.slug.as_str()) {
            diags.push(
                Diagnostic::error(
                    &doc.path,
                    Code::ReservedSlug,
                    format!(
                        "the page slug `{}` clashes with the site's own /{}/ pages",
                        doc.slug, doc.slug
                    ),
                )
                .at(doc.slug_pos)
                .hint("choose another `slug:`"),
            );
            continue;
        }
        if let Some(first) = page_slugs.get(&doc.slug) {
            diags.push(
                Diagnostic::error(
                    &doc.path,
                    Code::DuplicateSlug,
                    format!("slug `{}` is already used by {}", doc.slug, first.display()),
                )
                .at(doc.slug_pos)
                .hint("give one of the pages a different `slug:`"),
            );
            continue;
        }
        page_slugs.insert(doc.slug.clone(), doc.path.clone());
        let summary = doc
            .meta
            .summary
            .or_else(|| (!doc.first_paragraph.is_empty()).then_some(doc.first_paragraph));
        pages.push(Page {
            path: doc.path,
            slug: doc.slug,
            title: doc.meta.title,
            summary,
            body_html: doc.body_html,
        });
    }
    pages.sort_by(|a, b| a.slug.cmp(&b.slug));

    let site = Site {
        config,
        base,
        briefings,
        actors,
        pages,
        statements,
        tags,
    };
    (site, diags)
}
