//! Cross-file work: parsed documents become the `Site` model. Duplicate slugs,
//! unknown role organisations and never-referred-to actors are found here.

use std::collections::{BTreeMap, HashMap};

use crate::diagnostic::{Code, Diagnostic};
use crate::front_matter::Config;
use crate::model::{Actor, ActorIx, Briefing, Page, Role, Site, Statement, Tag};
use crate::parse::{ActorDoc, BriefingDoc, PageDoc};
use crate::route::BaseUrl;
use crate::slug::slugify;

mod statement_links;
use statement_links::Written;

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
    let (mut actors, mut diags) = actors(&actor_docs);
    drop(actor_docs);
    // Actors named only by drafts left out are not "never referred to": the
    // author is still writing about them.
    let in_drafts = named_by_drafts(&briefing_docs, options.drafts);
    let in_drafts_ids = statement_links::ids_in_drafts(&briefing_docs, options.drafts);
    let (mut kept, more) = published_briefings(briefing_docs, options.drafts);
    diags.extend(more);
    let position = newest_first(&kept);
    let (mut statements, written) = statements(&mut kept, &position);
    let mut briefings = briefings(kept, &position);
    diags.extend(statement_links::link(
        &mut statements,
        &written,
        &briefings,
        &in_drafts_ids,
    ));
    link_statements(&statements, &mut briefings, &mut actors);
    link_briefings(&briefings, &mut actors);
    let tags = tags(&briefings);
    if options.unused_actors {
        diags.extend(unused_actors(&actors, &in_drafts));
    }
    let (pages, more) = pages(page_docs, options.drafts);
    diags.extend(more);
    let site = Site {
        config,
        base,
        briefings,
        actors,
        pages,
        statements,
        tags,
        locale: std::sync::Arc::clone(crate::i18n::Locale::shared_english()),
        language: crate::model::SiteLanguage::default(),
        translations: Vec::new(),
        fingerprint: crate::model::Fingerprint::default(),
        briefing_prints: Vec::new(),
    };
    (site, diags)
}

/// The actors in the model, in the order of their documents, with each role's
/// `org:` id turned into an index; an unknown or self-naming `org:` is an error.
fn actors(actor_docs: &[ActorDoc]) -> (Vec<Actor>, Vec<Diagnostic>) {
    let ids: HashMap<&str, usize> = actor_docs
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut diags = Vec::new();
    let mut actors: Vec<Actor> = Vec::with_capacity(actor_docs.len());
    for (own, doc) in actor_docs.iter().enumerate() {
        let mut roles = Vec::with_capacity(doc.meta.roles.len());
        for (r, pos) in doc.meta.roles.iter().zip(&doc.org_positions) {
            let org = r
                .org
                .as_deref()
                .map(|org| role_org(doc, org, *pos, own, &ids))
                .transpose()
                .unwrap_or_else(|d| {
                    diags.push(d);
                    None
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
            first_paragraph: doc.first_paragraph.clone(),
            statements: Vec::new(),
            briefings: Vec::new(),
        });
    }
    (actors, diags)
}

/// The index of the actor a role's `org:` names (written at `pos` in the file of
/// actor `own`), or why it names none.
fn role_org(
    doc: &ActorDoc,
    org: &str,
    pos: crate::diagnostic::Pos,
    own: usize,
    ids: &HashMap<&str, usize>,
) -> Result<usize, Diagnostic> {
    match ids.get(org) {
        Some(&ix) if ix == own => Err(Diagnostic::error(
            &doc.path,
            Code::BadRole,
            format!("`org: {org}` names the actor itself"),
        )
        .at(pos)
        .hint("`org:` is the organisation or state the role belongs to")),
        Some(&ix) => Ok(ix),
        None => Err(crate::parse::unknown_actor(
            &doc.path,
            pos,
            org,
            ids.keys().copied(),
            || "`org:` takes the id of a file in content/actors/".to_string(),
        )),
    }
}

/// Which file holds each slug so far: the first file (by path) keeps a slug, and
/// any later file that asks for it gets an error naming the first.
#[derive(Default)]
struct Slugs(HashMap<String, std::path::PathBuf>);

impl Slugs {
    /// Takes `slug` (written at `pos` in `path`) for that file, or returns the
    /// error if another file has it; `what` ("briefings", "pages") is for the hint.
    fn claim(
        &mut self,
        path: &std::path::Path,
        slug: &str,
        pos: crate::diagnostic::Pos,
        what: &str,
    ) -> Result<(), Diagnostic> {
        if let Some(first) = self.0.get(slug) {
            return Err(Diagnostic::error(
                path,
                Code::DuplicateSlug,
                format!("slug `{slug}` is already used by {}", first.display()),
            )
            .at(pos)
            .hint(format!("give one of the {what} a different `slug:`")));
        }
        self.0.insert(slug.to_string(), path.to_path_buf());
        Ok(())
    }
}

/// The briefings that get published, in path order: drafts only if asked for,
/// and of two files with the same slug only the first.
fn published_briefings(
    briefing_docs: Vec<BriefingDoc>,
    drafts: bool,
) -> (Vec<BriefingDoc>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut slugs = Slugs::default();
    let mut kept: Vec<BriefingDoc> = Vec::with_capacity(briefing_docs.len());
    for doc in briefing_docs {
        if doc.draft && !drafts {
            continue;
        }
        if let Err(d) = slugs.claim(&doc.path, &doc.slug, doc.slug_pos, "briefings") {
            diags.push(d);
            continue;
        }
        kept.push(doc);
    }
    (kept, diags)
}

/// For each briefing (in path order), its place in the site's list: newest first,
/// ties by slug.
fn newest_first(kept: &[BriefingDoc]) -> Vec<usize> {
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
    position
}

/// How many briefings' statements [`statements`] moves between two calls of
/// [`crate::release_freed`] (at 100,000 briefings, 12 calls of a few
/// milliseconds each).
const RELEASE_EVERY: usize = 8192;

/// Every statement, taken out of its briefing, in date order with ties in source
/// order (briefing path, then position). Ids and numbers are file positions.
fn statements(kept: &mut [BriefingDoc], position: &[usize]) -> (Vec<Statement>, Vec<Written>) {
    let count = kept.iter().map(|d| d.statements.len()).sum();
    let mut statements = Vec::with_capacity(count);
    let mut all_written = Vec::with_capacity(count);
    for (old, doc) in kept.iter_mut().enumerate() {
        // Taken, not drained: each document's list (600 bytes a statement) is let
        // go as soon as its statements are moved out, not when the documents are;
        // and now and then the threads that parsed the documents (idle now) are
        // made to hand that memory back, for the model's list grows meanwhile.
        if old % RELEASE_EVERY == RELEASE_EVERY - 1 {
            crate::release_freed();
        }
        for (n, s) in std::mem::take(&mut doc.statements).into_iter().enumerate() {
            let written = Written {
                id_pos: s.meta.id.is_some().then_some(s.id_pos),
                disputes: s.meta.disputes.into_iter().zip(s.dispute_pos).collect(),
            };
            let named = s.meta.id.is_some();
            let statement = Statement {
                id: s
                    .meta
                    .id
                    .unwrap_or_else(|| format!("{}-{}", doc.slug, n + 1)),
                named,
                number: n + 1,
                briefing: position[old],
                speakers: first_seen(s.speakers),
                with: first_seen(s.with),
                kind: s.meta.kind,
                date: s.meta.date,
                quote: s.meta.quote,
                summary: s.meta.summary,
                source: s.source,
                verification: s.meta.verification,
                disputes: Vec::new(),
                disputed_by: Vec::new(),
                factcheck: s.meta.factcheck.map(Box::new),
                original: s.meta.original.map(Box::new),
            };
            statements.push(statement);
            all_written.push(written);
        }
    }
    // Earliest day first; at the same first day a coarser date ("October 2020") comes
    // before finer ones so month groups never split; equal keys keep source order.
    let mut order: Vec<_> = (statements.iter().enumerate())
        .map(|(ix, s)| (s.date.sort_key(), ix))
        .collect();
    order.sort_unstable();
    // The statements are big: each is moved once, in place.
    let order: Vec<usize> = order.into_iter().map(|(_, ix)| ix).collect();
    permute(&mut statements, &order);
    permute(&mut all_written, &order);
    (statements, all_written)
}

/// Puts `items[order[i]]` at `i` for every `i` (`order` is a permutation), swapping
/// along each cycle.
fn permute<T>(items: &mut [T], order: &[usize]) {
    let mut done = vec![false; items.len()];
    for start in 0..items.len() {
        if done[start] {
            continue;
        }
        let mut at = start;
        loop {
            done[at] = true;
            let from = order[at];
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// A repeated id (`speakers: [a, b, a]`) names one actor once, in first-seen order.
fn first_seen(mut actors: Vec<usize>) -> Vec<usize> {
    if actors.len() > 16 {
        let mut seen = std::collections::HashSet::new();
        actors.retain(|a| seen.insert(*a));
        return actors;
    }
    // The usual one or two speakers: no set to allocate.
    let mut kept = 0;
    for k in 0..actors.len() {
        let a = actors[k];
        if !actors[..kept].contains(&a) {
            actors[kept] = a;
            kept += 1;
        }
    }
    actors.truncate(kept);
    actors
}

/// The briefings in the model, each at its `position`; their statement lists are
/// filled in by `link_statements`.
fn briefings(mut kept: Vec<BriefingDoc>, position: &[usize]) -> Vec<Briefing> {
    // Put in their places first, so that each becomes its briefing in one pass
    // with no second list of them held beside the first.
    let mut order = vec![0; kept.len()];
    for (old, &new) in position.iter().enumerate() {
        order[new] = old;
    }
    permute(&mut kept, &order);
    (kept.into_iter())
        .map(|doc| Briefing {
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
        })
        .collect()
}

/// Gives each briefing its statements, and each actor the statements where they
/// speak or are a counterpart (once each).
fn link_statements(statements: &[Statement], briefings: &mut [Briefing], actors: &mut [Actor]) {
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
}

/// Gives each actor the briefings that involve or mention them, newest first.
fn link_briefings(briefings: &[Briefing], actors: &mut [Actor]) {
    for (ix, b) in briefings.iter().enumerate() {
        let mut involved: Vec<usize> = b.actors.iter().chain(&b.mentioned).copied().collect();
        involved.sort_unstable();
        involved.dedup();
        for a in involved {
            actors[a].briefings.push(ix);
        }
    }
}

/// Tags by slug, each named as first written (newest briefing first), with its
/// briefings newest first. Names that slugify alike are one tag.
fn tags(briefings: &[Briefing]) -> BTreeMap<String, Tag> {
    let mut tags: BTreeMap<String, Tag> = BTreeMap::new();
    // Thousands of briefings share a few dozen names: each is slugified once.
    let mut slugs: HashMap<&str, String> = HashMap::new();
    for (ix, b) in briefings.iter().enumerate() {
        for name in &b.tags {
            let slug = slugs.entry(name).or_insert_with(|| slugify(name));
            let tag = match tags.get_mut(slug.as_str()) {
                Some(tag) => tag,
                None => tags.entry(slug.clone()).or_insert_with(|| Tag {
                    name: name.clone(),
                    briefings: Vec::new(),
                }),
            };
            if tag.briefings.last() != Some(&ix) {
                tag.briefings.push(ix);
            }
        }
    }
    tags
}

/// A warning for each actor no statement, briefing or other actor's role refers to.
/// The actors that drafts left out of the site name (none when drafts are kept:
/// their references are then counted as any other).
fn named_by_drafts(docs: &[BriefingDoc], drafts: bool) -> std::collections::HashSet<ActorIx> {
    docs.iter()
        .filter(|d| d.draft && !drafts)
        .flat_map(|d| {
            let said = d
                .statements
                .iter()
                .flat_map(|s| s.speakers.iter().chain(&s.with));
            d.actors.iter().chain(&d.mentioned).chain(said).copied()
        })
        .collect()
}

fn unused_actors(
    actors: &[Actor],
    in_drafts: &std::collections::HashSet<ActorIx>,
) -> Vec<Diagnostic> {
    let orgs: std::collections::HashSet<&str> = actors
        .iter()
        .flat_map(|o| &o.roles)
        .filter_map(|r| r.org)
        .map(|x| actors[x].id.as_str())
        .collect();
    let mut diags = Vec::new();
    for (ix, a) in actors.iter().enumerate() {
        if a.statements.is_empty()
            && a.briefings.is_empty()
            && !orgs.contains(a.id.as_str())
            && !in_drafts.contains(&ix)
        {
            diags.push(
                Diagnostic::warning(&a.path, Code::UnusedActor, format!("actor `{}` is never referred to", a.id))
                    .hint("name them in a briefing's statements, `actors:` list or text, or remove the file"),
            );
        }
    }
    diags
}

/// The free pages, sorted by slug: drafts only if asked for; a slug the site's own
/// pages use, or one an earlier page (by path) has, is an error.
fn pages(page_docs: Vec<PageDoc>, drafts: bool) -> (Vec<Page>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut pages = Vec::with_capacity(page_docs.len());
    let mut page_slugs = Slugs::default();
    for doc in page_docs {
        if doc.meta.draft && !drafts {
            continue;
        }
        if crate::route::is_reserved(&doc.slug) {
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
        if let Err(d) = page_slugs.claim(&doc.path, &doc.slug, doc.slug_pos, "pages") {
            diags.push(d);
            continue;
        }
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
            builtin: false,
        });
    }
    pages.sort_by(|a, b| a.slug.cmp(&b.slug));
    diags.extend(pages.iter().flat_map(legend_problems));
    (pages, diags)
}

/// A site's own methodology page replaces the theme's, whose legend badges and
/// uncertain dates link to: a warning for each legend section it lacks (the links to
/// that section are then left out).
fn legend_problems(page: &Page) -> Vec<Diagnostic> {
    if page.slug != crate::model::METHODOLOGY || page.builtin {
        return Vec::new();
    }
    (crate::model::LEGEND_IDS.iter())
        .filter(|id| !page.has_id(id))
        .map(|id| {
            Diagnostic::warning(
                &page.path,
                Code::MissingLegend,
                format!("the methodology page has no section with id `{id}`, so verification badges and uncertain dates cannot link to it"),
            )
            .hint(format!("add a heading `## … {{#{id}}}` that explains it (see the theme's default methodology page)"))
        })
        .collect()
}

/// The theme's methodology page, added when the site has none: its body is the
/// legend (`partials/legend.html`), its title the locale's `methodology-title`.
pub fn add_default_pages(site: &mut Site) {
    if site
        .pages
        .iter()
        .any(|p| p.slug == crate::model::METHODOLOGY)
    {
        return;
    }
    site.pages.push(Page {
        path: std::path::PathBuf::from("(theme)/methodology"),
        slug: crate::model::METHODOLOGY.to_string(),
        title: site.locale.text("methodology-title").into_owned(),
        summary: Some(site.locale.text("methodology-summary").into_owned()),
        body_html: std::sync::Arc::from(""),
        builtin: true,
    });
    site.pages.sort_by(|a, b| a.slug.cmp(&b.slug));
}

/// Small sites built from inline files, for the unit tests of `resolve` and of the
/// modules that read its output.
#[cfg(test)]
pub(crate) mod fixture {
    use std::path::Path;

    use super::{Options, resolve};
    use crate::diagnostic::Diagnostic;
    use crate::front_matter::Config;
    use crate::markdown::{Dialect, Mentions};
    use crate::model::Site;
    use crate::parse::{self, ActorDoc, ActorTable, BriefingDoc, PageDoc};
    use crate::route::BaseUrl;

    /// Published content only, with unused-actor warnings on (every file parsed).
    pub const PUBLISHED: Options = Options {
        drafts: false,
        unused_actors: true,
    };

    /// Parses `files` (`(path, text)`; the folder under `content/` says what each
    /// is) and resolves them. A file that does not parse fails the test.
    pub fn site_with(files: &[(&str, &str)], options: Options) -> (Site, Vec<Diagnostic>) {
        let (actors, briefings, pages) = parse_all(files);
        let base = BaseUrl::parse("/").expect("valid base");
        resolve(Config::default(), base, actors, briefings, pages, options)
    }

    /// The site of `files`, published content only; its diagnostics are dropped.
    pub fn site(files: &[(&str, &str)]) -> Site {
        site_with(files, PUBLISHED).0
    }

    /// An actor file: `content/actors/<id>.md` with a name and a kind.
    pub fn actor(id: &str, name: &str, kind: &str) -> (String, String) {
        (
            format!("content/actors/{id}.md"),
            format!("---\nname: \"{name}\"\nkind: {kind}\n---\n"),
        )
    }

    /// The one place that calls `parse`, in the order `load` does: actors first
    /// (sorted by id), then briefings and pages (sorted by path).
    fn parse_all(files: &[(&str, &str)]) -> (Vec<ActorDoc>, Vec<BriefingDoc>, Vec<PageDoc>) {
        let mut files = files.to_vec();
        files.sort_unstable();
        let of = |dir: &'static str| {
            files
                .iter()
                .filter(move |(p, _)| p.starts_with(dir))
                .map(|(p, t)| (Path::new(*p), *t))
        };
        let mut problems = Vec::new();
        let mut actors = Vec::new();
        for (path, text) in of("content/actors/") {
            let (doc, ds) = parse::actor(path, text, Dialect::new());
            actors.extend(doc);
            problems.extend(ds);
        }
        actors.sort_by(|a, b| a.id.cmp(&b.id));
        let table = ActorTable {
            ids: (actors.iter().enumerate())
                .map(|(i, a)| (a.id.as_str(), i))
                .collect(),
        };
        let mentions = Mentions::new(
            (actors.iter()).map(|a| (format!("/actors/{}/", a.id), vec![a.meta.name.as_str()])),
        );
        let mut briefings = Vec::new();
        for (path, text) in of("content/briefings/") {
            let (doc, ds) = parse::briefing(path, text, &table, &mentions, Dialect::new());
            briefings.extend(doc);
            problems.extend(ds);
        }
        let mut pages = Vec::new();
        for (path, text) in of("content/pages/") {
            let (doc, ds) = parse::page(path, text, Dialect::new());
            pages.extend(doc);
            problems.extend(ds);
        }
        let errors: Vec<String> = (problems.iter().filter(|d| d.is_error()))
            .map(ToString::to_string)
            .collect();
        assert!(
            errors.is_empty(),
            "the test's files do not parse: {errors:#?}"
        );
        (actors, briefings, pages)
    }
}

#[cfg(test)]
mod tests {
    use super::fixture::{PUBLISHED, actor, site, site_with};
    use super::*;

    const DRAFTS: Options = Options {
        drafts: true,
        unused_actors: true,
    };

    /// Four people: `ana`, `bo`, `cy`, `dee` (sorted by id: indexes 0 to 3).
    fn people() -> Vec<(String, String)> {
        vec![
            actor("ana", "Ana Alpha", "person"),
            actor("bo", "Bo Beta", "person"),
            actor("cy", "Cy Gamma", "person"),
            actor("dee", "Dee Delta", "person"),
        ]
    }

    /// `people()` plus `files`, borrowed as `site_with` takes them.
    fn with_people<'a>(
        people: &'a [(String, String)],
        files: &[(&'a str, &'a str)],
    ) -> Vec<(&'a str, &'a str)> {
        let mut all: Vec<(&str, &str)> = people
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        all.extend_from_slice(files);
        all
    }

    /// The diagnostics with `code`, as users see them.
    fn shown(diags: &[Diagnostic], code: &str) -> Vec<String> {
        diags
            .iter()
            .filter(|d| d.code.as_str() == code)
            .map(ToString::to_string)
            .collect()
    }

    fn slugs(site: &Site) -> Vec<&str> {
        site.briefings.iter().map(|b| b.slug.as_str()).collect()
    }

    const SAID: &str = "    summary: s\n    source: {outlet: o}\n";

    #[test]
    fn drafts_are_left_out_unless_asked_for() {
        let people = people();
        let files = with_people(
            &people,
            &[
                (
                    "content/briefings/a-draft.md",
                    "---\ntitle: Draft\ndate: 2020-10-02\nslug: same\ndraft: true\n---\nDee Delta.\n",
                ),
                (
                    "content/briefings/b.md",
                    "---\ntitle: B\ndate: 2020-10-01\nslug: same\n---\nAna Alpha.\n",
                ),
                (
                    "content/pages/wip.md",
                    "---\ntitle: Work in progress\ndraft: true\n---\n",
                ),
            ],
        );
        let (site, diags) = site_with(&files, PUBLISHED);
        assert_eq!(slugs(&site), ["same"]);
        assert_eq!(site.briefings[0].title, "B");
        assert!(site.pages.is_empty());
        // The draft is not there, so its slug is free; Dee, whom only the draft
        // names, is not "never referred to" (issue 15).
        assert!(shown(&diags, "duplicate-slug").is_empty());
        let unused = shown(&diags, "unused-actor");
        assert_eq!(unused.len(), 2, "{unused:?}");
        assert!(!unused.iter().any(|d| d.contains("`dee")), "{unused:?}");

        let (site, diags) = site_with(&files, DRAFTS);
        assert_eq!(site.briefings.len(), 1);
        assert_eq!(site.briefings[0].title, "Draft");
        assert!(site.briefings[0].draft);
        assert_eq!(site.pages[0].slug, "wip");
        assert_eq!(shown(&diags, "duplicate-slug").len(), 1);
    }

    #[test]
    fn a_duplicate_slug_names_both_files_and_the_first_keeps_it() {
        let people = people();
        let files = with_people(
            &people,
            &[
                (
                    "content/briefings/2020-10-02-b.md",
                    "---\ntitle: Second\ndate: 2020-10-02\nslug: talks\n---\n",
                ),
                (
                    "content/briefings/2020-10-01-talks.md",
                    "---\ntitle: First\ndate: 2020-10-01\n---\n",
                ),
            ],
        );
        let (site, diags) = site_with(&files, PUBLISHED);
        assert_eq!(slugs(&site), ["talks"]);
        assert_eq!(site.briefings[0].title, "First");
        assert_eq!(
            shown(&diags, "duplicate-slug"),
            [
                "content/briefings/2020-10-02-b.md:4:7: error: slug `talks` is already used by content/briefings/2020-10-01-talks.md\n  hint: give one of the briefings a different `slug:`"
            ]
        );
    }

    #[test]
    fn statements_run_by_date_with_ties_in_source_order() {
        let people = people();
        let a = format!(
            "---\ntitle: A\ndate: 2020-10-05\nslug: a\nstatements:\n  - speaker: ana\n    date: 2020-10-03\n{SAID}  - speaker: bo\n    date: 2020-10-01\n{SAID}  - speaker: ana\n    date: 2020-10\n{SAID}---\n"
        );
        let b = format!(
            "---\ntitle: B\ndate: 2020-10-06\nslug: b\nstatements:\n  - speaker: cy\n    date: 2020-10-01\n{SAID}  - speaker: cy\n    date: 2020-10-02\n{SAID}---\n"
        );
        let files = with_people(
            &people,
            &[
                ("content/briefings/a.md", &a),
                ("content/briefings/b.md", &b),
            ],
        );
        let site = site(&files);
        // Briefings newest first.
        assert_eq!(slugs(&site), ["b", "a"]);
        let got: Vec<(&str, usize, usize)> = (site.statements.iter())
            .map(|s| (s.id.as_str(), s.number, s.briefing))
            .collect();
        // "October 2020" before the days of October; on 1 October a.md's statement
        // before b.md's (path order); ids and numbers stay file positions.
        assert_eq!(
            got,
            [
                ("a-3", 3, 1),
                ("a-2", 2, 1),
                ("b-1", 1, 0),
                ("b-2", 2, 0),
                ("a-1", 1, 1)
            ]
        );
        assert_eq!(site.briefings[0].statements, [2, 3]);
        assert_eq!(site.briefings[1].statements, [0, 1, 4]);
    }

    #[test]
    fn briefings_of_one_day_go_by_slug_and_their_statements_by_path() {
        let people = people();
        let zed = format!(
            "---\ntitle: Z\ndate: 2020-10-05\nslug: zed\nstatements:\n  - speaker: ana\n    date: 2020-10-01\n{SAID}---\n"
        );
        let alpha = format!(
            "---\ntitle: A\ndate: 2020-10-05\nslug: alpha\nstatements:\n  - speaker: bo\n    date: 2020-10-01\n{SAID}---\n"
        );
        let files = with_people(
            &people,
            &[
                ("content/briefings/1.md", &zed),
                ("content/briefings/2.md", &alpha),
            ],
        );
        let site = site(&files);
        assert_eq!(slugs(&site), ["alpha", "zed"]);
        let ids: Vec<&str> = site.statements.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["zed-1", "alpha-1"]);
        assert_eq!(site.statements[0].briefing, 1);
    }

    #[test]
    fn actors_link_to_their_statements_and_briefings() {
        let people = people();
        let x = format!(
            "---\ntitle: X\ndate: 2020-10-05\nactors: [dee]\nstatements:\n  - speakers: [ana, bo, ana]\n    with: [cy, cy]\n    date: 2020-10-02\n{SAID}  - speaker: cy\n    date: 2020-10-01\n{SAID}---\nText.\n"
        );
        let files = with_people(
            &people,
            &[
                ("content/briefings/x.md", &x),
                (
                    "content/briefings/y.md",
                    "---\ntitle: Y\ndate: 2020-10-04\n---\nDee Delta said nothing.\n",
                ),
                (
                    "content/briefings/z.md",
                    "---\ntitle: Z\ndate: 2020-10-06\n---\nNobody.\n",
                ),
            ],
        );
        let site = site(&files);
        assert_eq!(slugs(&site), ["z", "x", "y"]);
        // A repeated id names the actor once.
        let joint = &site.statements[1];
        assert_eq!(
            (joint.speakers.as_slice(), joint.with.as_slice()),
            (&[0, 1][..], &[2][..])
        );
        let links: Vec<(&str, &[usize], &[usize])> = (site.actors.iter())
            .map(|a| {
                (
                    a.id.as_str(),
                    a.statements.as_slice(),
                    a.briefings.as_slice(),
                )
            })
            .collect();
        assert_eq!(
            links,
            [
                ("ana", &[1][..], &[1][..]),
                ("bo", &[1][..], &[1][..]),
                // Counterpart of one statement, speaker of the other: each once.
                ("cy", &[0, 1][..], &[1][..]),
                // Listed in `actors:` of x, mentioned in the text of y.
                ("dee", &[][..], &[1, 2][..]),
            ]
        );
    }

    #[test]
    fn tags_group_by_slug_under_the_name_first_written() {
        let people = people();
        let files = with_people(
            &people,
            &[
                (
                    "content/briefings/new.md",
                    "---\ntitle: N\ndate: 2020-10-06\ntags: [Ceasefire, diplomacy]\n---\nAna Alpha, Bo Beta, Cy Gamma, Dee Delta.\n",
                ),
                (
                    "content/briefings/old.md",
                    "---\ntitle: O\ndate: 2020-10-01\ntags: [ceasefire, CEASEFIRE, Talks]\n---\n",
                ),
            ],
        );
        let site = site(&files);
        let tags: Vec<(&str, &str, &[usize])> = (site.tags.iter())
            .map(|(slug, t)| (slug.as_str(), t.name.as_str(), t.briefings.as_slice()))
            .collect();
        assert_eq!(
            tags,
            [
                ("ceasefire", "Ceasefire", &[0, 1][..]),
                ("diplomacy", "diplomacy", &[0][..]),
                ("talks", "Talks", &[1][..]),
            ]
        );
    }

    #[test]
    fn role_orgs_must_name_another_actor() {
        let files = [
            (
                "content/actors/armenia.md",
                "---\nname: Armenia\nkind: state\n---\n",
            ),
            (
                "content/actors/nikol.md",
                "---\nname: Nikol\nkind: person\nroles:\n  - {title: Prime Minister, org: armenai}\n  - {title: Self, org: nikol}\n  - {title: Leader, org: armenia}\n---\n",
            ),
        ];
        let (site, diags) = site_with(&files, PUBLISHED);
        let orgs: Vec<Option<usize>> = site.actors[1].roles.iter().map(|r| r.org).collect();
        assert_eq!(orgs, [None, None, Some(0)]);
        assert_eq!(
            shown(&diags, "unknown-actor"),
            [
                "content/actors/nikol.md:5:34: error: unknown actor `armenai`\n  hint: did you mean `armenia`? Known actors live in content/actors/."
            ]
        );
        assert_eq!(
            shown(&diags, "bad-role"),
            [
                "content/actors/nikol.md:6:24: error: `org: nikol` names the actor itself\n  hint: `org:` is the organisation or state the role belongs to"
            ]
        );
    }

    #[test]
    fn actors_nobody_refers_to_are_warned_about_unless_a_file_failed() {
        let files = [
            (
                "content/actors/armenia.md",
                "---\nname: Armenia\nkind: state\n---\n",
            ),
            (
                "content/actors/lone.md",
                "---\nname: Lone Wolf\nkind: person\n---\n",
            ),
            (
                "content/actors/nikol.md",
                "---\nname: Nikol Pashinyan\nkind: person\nroles:\n  - {title: Prime Minister, org: armenia}\n---\n",
            ),
            (
                "content/briefings/b.md",
                "---\ntitle: B\ndate: 2020-10-01\n---\nNikol Pashinyan.\n",
            ),
        ];
        let (_, diags) = site_with(&files, PUBLISHED);
        // Armenia is referred to by Nikol's role; Nikol by the briefing's text.
        assert_eq!(
            shown(&diags, "unused-actor"),
            [
                "content/actors/lone.md: warning: actor `lone` is never referred to\n  hint: name them in a briefing's statements, `actors:` list or text, or remove the file"
            ]
        );
        let options = Options {
            unused_actors: false,
            ..PUBLISHED
        };
        let (_, diags) = site_with(&files, options);
        assert!(shown(&diags, "unused-actor").is_empty());
    }

    #[test]
    fn pages_sorted_by_slug_and_reserved_or_taken_slugs_refused() {
        let files = [
            (
                "content/pages/about.md",
                "---\ntitle: About\n---\nFirst *para*.\n\nSecond.\n",
            ),
            (
                "content/pages/copy.md",
                "---\ntitle: Copy\nslug: about\n---\n",
            ),
            ("content/pages/tags.md", "---\ntitle: Tags\n---\n"),
            (
                "content/pages/zeta.md",
                "---\ntitle: Zeta\nslug: aa-first\nsummary: Given.\n---\nBody.\n",
            ),
        ];
        let (site, diags) = site_with(&files, PUBLISHED);
        let pages: Vec<(&str, &str, Option<&str>)> = (site.pages.iter())
            .map(|p| (p.slug.as_str(), p.title.as_str(), p.summary.as_deref()))
            .collect();
        assert_eq!(
            pages,
            [
                ("aa-first", "Zeta", Some("Given.")),
                ("about", "About", Some("First para."))
            ]
        );
        let shown: Vec<String> = diags.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "content/pages/copy.md:3:7: error: slug `about` is already used by content/pages/about.md\n  hint: give one of the pages a different `slug:`",
                "content/pages/tags.md:1:1: error: the page slug `tags` clashes with the site's own /tags/ pages\n  hint: choose another `slug:`",
            ]
        );
    }

    #[test]
    fn permute_moves_each_item_to_its_place() {
        let order = [3, 0, 4, 1, 2, 5, 7, 6];
        let mut items: Vec<char> = "abcdefgh".chars().collect();
        super::permute(&mut items, &order);
        let want: Vec<char> = order.iter().map(|&i| (b'a' + i as u8) as char).collect();
        assert_eq!(items, want);
    }
}
