//! One file at a time: front matter and body into a document whose actor ids are
//! checked against the known actors. Pure: the caller reads the files.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::date::Day;
use crate::diagnostic::{Code, Diagnostic, Pos, did_you_mean};
use crate::front_matter::{
    self, ActorMeta, BriefingMeta, Config, Locator, PageMeta, RoleMeta, Source, SourceRef,
    StatementMeta,
};
use crate::markdown::{self, Dialect, Mentions};
use crate::model::{ActorIx, Correction, Verification};
use crate::relative;
use crate::slug::{is_valid_id, slugify};
use crate::{control, scaffold, url_check};

/// An actor file, before cross-references are resolved.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActorDoc {
    pub id: String,
    pub path: std::path::PathBuf,
    pub meta: ActorMeta,
    pub bio_html: String,
    /// The bio's first paragraph as plain text (the page's description).
    pub first_paragraph: String,
    /// Where each role's `org:` value sits, for errors found later.
    pub org_positions: Vec<Pos>,
}

/// A briefing with its actor ids turned into indexes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BriefingDoc {
    pub path: std::path::PathBuf,
    pub slug: String,
    pub slug_pos: Pos,
    pub title: String,
    pub date: Day,
    pub updated: Option<Day>,
    pub summary: String,
    pub draft: bool,
    pub tags: Vec<String>,
    pub actors: Vec<ActorIx>,
    pub mentioned: Vec<ActorIx>,
    pub sources: Vec<Source>,
    pub statements: Vec<StatementDoc>,
    pub corrections: Vec<Correction>,
    /// Shared, so `serve`'s cache hands out copies without copying the HTML.
    pub body_html: crate::packed::Packed,
    /// Not read by the model, but compared: an edit that changes a heading's id (an
    /// anchor other pages may link to) is more than a body edit for `serve`
    /// (`Cache::reparse_bodies`).
    pub heading_ids: Vec<String>,
}

impl BriefingDoc {
    /// Calls `f` with this document's body set aside (empty): what other pages
    /// can show of the briefing. The build cache's fingerprint and `serve`'s
    /// body-only edits both decide by it, so they agree on what a body is.
    pub fn with_body_aside<R>(&mut self, f: impl FnOnce(&BriefingDoc) -> R) -> R {
        let body = std::mem::take(&mut self.body_html);
        let result = f(self);
        self.body_html = body;
        result
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StatementDoc {
    pub speakers: Vec<ActorIx>,
    pub with: Vec<ActorIx>,
    /// The source in full, looked up in the briefing's `sources:` when the
    /// statement names it by id.
    pub source: Option<Source>,
    pub meta: front_matter::StatementMeta,
    /// Where `id:` and each `disputes:` entry are written (looked up only for
    /// statements that have them), for errors found across the site.
    pub id_pos: Pos,
    pub dispute_pos: Vec<Pos>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PageDoc {
    pub path: std::path::PathBuf,
    pub slug: String,
    pub slug_pos: Pos,
    pub meta: PageMeta,
    /// Shared, so `serve`'s cache hands out copies without copying the HTML.
    #[serde(with = "shared_text")]
    pub body_html: Arc<str>,
    pub first_paragraph: String,
}

/// `Arc<str>` as text (serde's own impl needs its `rc` feature).
mod shared_text {
    use std::sync::Arc;

    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(text: &Arc<str>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(text)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Arc<str>, D::Error> {
        String::deserialize(d).map(Arc::from)
    }
}

/// What parsing one file gives: the document, if its front matter parsed, and every
/// problem found in the file (errors and warnings).
pub type Parsed<T> = (Option<T>, Vec<Diagnostic>);

/// Known actor ids and their indexes.
pub struct ActorTable<'a> {
    pub ids: HashMap<&'a str, ActorIx>,
}

impl ActorTable<'_> {
    fn lookup(&self, id: &str) -> Option<ActorIx> {
        self.ids.get(id).copied()
    }
}

/// `id` names no actor (a statement's speaker, an `actors:` entry, a role's `org:`).
/// `otherwise` is the hint when no known id is close.
pub fn unknown_actor<'k>(
    path: &Path,
    pos: Pos,
    id: &str,
    known: impl IntoIterator<Item = &'k str>,
    otherwise: impl FnOnce() -> String,
) -> Diagnostic {
    let hint = match did_you_mean(id, known) {
        Some(near) => format!("did you mean `{near}`? Known actors live in content/actors/."),
        None => otherwise(),
    };
    Diagnostic::error(path, Code::UnknownActor, format!("unknown actor `{id}`"))
        .at(pos)
        .hint(hint)
}

fn split_or_error<'a>(path: &Path, text: &'a str) -> Result<front_matter::Split<'a>, Diagnostic> {
    front_matter::split(text).map_err(|msg| {
        Diagnostic::error(path, Code::FrontMatter, msg)
            .at(Pos { line: 1, col: 1 })
            .hint("start the file with `---`, the YAML fields, then `---` and the Markdown body")
    })
}

/// Splits a file and deserializes its front matter, refusing control characters
/// written into the YAML first (escaped ones are the caller's to check). The
/// front matter's problems come with the value when it could be read with the
/// failed fields left out (see `front_matter::parse`): the caller checks the rest.
fn front<'a, T: DeserializeOwned>(
    path: &Path,
    text: &'a str,
) -> Result<(front_matter::Split<'a>, T, Vec<Diagnostic>), Vec<Diagnostic>> {
    let split = split_or_error(path, text).map_err(|d| vec![d])?;
    if let Some(d) = raw_control_chars(path, text, &split) {
        return Err(vec![d]);
    }
    match front_matter::parse(path, text, &split) {
        (Some(meta), problems) => Ok((split, meta, problems)),
        (None, problems) => Err(problems),
    }
}

/// A document read from a front matter with problems (its failed fields left out
/// or given stand-in values) is checked only for errors about what the other
/// fields say (an unknown actor, an unknown source): warnings, and errors about a
/// value being absent, would be about the repair, not about the file.
fn keep_errors_if(broken: bool, diags: &mut Vec<Diagnostic>) {
    if broken {
        diags.retain(|d| {
            d.is_error()
                && !matches!(
                    d.code,
                    Code::Speaker
                        | Code::EmptyStatement
                        | Code::EmptyValue
                        | Code::NoSource
                        | Code::VerifiedNoSource
                )
        });
    }
}

/// The file stem, as the default id or slug.
fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Parses `content/actors/<id>.md`. Returns the document if its front matter
/// parsed (so briefings naming the actor get no "unknown actor" errors on top of
/// the actor's own), plus every problem found.
pub fn actor(path: &Path, text: &str, dialect: Dialect) -> Parsed<ActorDoc> {
    let id = stem(path);
    let mut diags: Vec<Diagnostic> = bad_actor_id(path, &id).into_iter().collect();
    let (split, meta, problems) = match front::<ActorMeta>(path, text) {
        Ok(front) => front,
        Err(problems) => {
            diags.extend(problems);
            return (None, diags);
        }
    };
    let broken = !problems.is_empty();
    diags.extend(problems);
    let loc = Locator::new(text, &split);
    diags.extend(escaped_control_chars(path, text, &split));
    diags.extend(check_wikidata(path, &meta, &loc));
    diags.extend(empty_value(path, &loc, "name", Some(&meta.name)));
    diags.extend(actor_id_too_long(path, &id));
    diags.extend(role_problems(path, &loc, &meta.roles));
    let org_positions = meta
        .roles
        .iter()
        .enumerate()
        .map(|(i, r): (usize, &RoleMeta)| match &r.org {
            Some(org) => loc.value_in_item("roles", i, org),
            None => loc.item("roles", i),
        })
        .collect();
    let rendered = markdown::render(split.body, None, dialect);
    diags.extend(body_warnings(path, text, split.body_offset, &rendered));
    keep_errors_if(broken, &mut diags);
    let doc = ActorDoc {
        id,
        path: path.to_path_buf(),
        meta,
        bio_html: rendered.html,
        first_paragraph: truncate_words(rendered.first_paragraph.trim(), 60),
        org_positions,
    };
    (Some(doc), diags)
}

fn bad_actor_id(path: &Path, id: &str) -> Option<Diagnostic> {
    (!is_valid_id(id)).then(|| {
        Diagnostic::error(
            path,
            Code::BadActorId,
            format!("`{id}` is not a valid actor id"),
        )
        .hint(format!(
            "rename the file to `{}.md`: ids are lowercase ASCII letters, digits and `-`",
            slugify(id)
        ))
    })
}

fn actor_id_too_long(path: &Path, id: &str) -> Option<Diagnostic> {
    (id.len() > crate::slug::MAX_LEN).then(|| {
        Diagnostic::error(
            path,
            Code::SlugTooLong,
            format!(
                "the actor id is {} bytes long; ids are at most {}",
                id.len(),
                crate::slug::MAX_LEN
            ),
        )
        .hint("actor ids are file stems: rename the file to a shorter id")
    })
}

/// Roles with an empty title, or that end before they start.
fn role_problems(path: &Path, loc: &Locator<'_>, roles: &[RoleMeta]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for (i, role) in roles.iter().enumerate() {
        if role.title.trim().is_empty() {
            diags.push(empty_at(path, loc.item("roles", i), "title"));
        }
        if let (Some(start), Some(end)) = (role.start, role.end)
            && end.last_day() < start.first_day()
        {
            diags.push(
                Diagnostic::error(
                    path,
                    Code::BadRole,
                    format!(
                        "the role `{}` ends ({}) before it starts ({})",
                        role.title,
                        end.iso(),
                        start.iso()
                    ),
                )
                .at(loc.item("roles", i))
                .hint("swap `start:` and `end:`, or correct the year"),
            );
        }
    }
    diags
}

/// A slug from `slug:` if written (checked), else from the file name (checked for
/// being empty): the slug, where it is, and the problem with it, if any.
fn slug(
    path: &Path,
    loc: &Locator<'_>,
    written: Option<&str>,
    from_name: impl FnOnce() -> String,
) -> (String, Pos, Option<Diagnostic>) {
    match written {
        Some(s) => {
            let pos = loc.value_under_key("slug", s);
            let problem = (!is_valid_id(s)).then(|| bad_slug(path, pos, s));
            (s.to_string(), pos, problem)
        }
        None => {
            let slug = from_name();
            let problem = slug.is_empty().then(|| no_slug(path));
            (slug, Pos { line: 1, col: 1 }, problem)
        }
    }
}

/// Parses a briefing, checking every actor id it names. Returns the document if its
/// front matter parsed, plus every problem found (errors and warnings).
pub fn briefing(
    path: &Path,
    text: &str,
    actors: &ActorTable<'_>,
    mentions: &Mentions,
    dialect: Dialect,
) -> Parsed<BriefingDoc> {
    let (split, meta, problems) = match front::<BriefingMeta>(path, text) {
        Ok(front) => front,
        Err(problems) => return (None, problems),
    };
    if let Some(d) = escaped_control_chars(path, text, &split) {
        return (None, vec![d]);
    }
    let loc = Locator::new(text, &split);
    let broken = !problems.is_empty();
    let mut diags = problems;
    let (slug, slug_pos) = briefing_front_checks(path, &loc, &meta, &split, &mut diags);
    let mut ids = Involved::new(path, actors, &loc);
    for id in &meta.actors {
        ids.resolve(id, || loc.value_under_key("actors", id), &mut diags);
    }
    let source_ids = source_ids(path, &loc, &meta.sources, &mut diags);
    let mut relative = RelativeDates::new(path, meta.date);
    let statements = meta
        .statements
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let doc = statement(path, i, s, &meta.sources, &source_ids, &mut ids, &mut diags);
            if let Some(summary) = &s.summary {
                for hit in relative::scan(summary) {
                    relative.hit(
                        &hit,
                        || loc.value_in_item("statements", i, &hit.phrase),
                        &mut diags,
                    );
                }
            }
            doc
        })
        .collect();
    let rendered = markdown::render(split.body, Some(mentions), dialect);
    diags.extend(body_warnings(path, text, split.body_offset, &rendered));
    for hit in &rendered.relative_dates {
        relative.hit(
            hit,
            || loc.file_pos(split.body_offset + hit.offset),
            &mut diags,
        );
    }
    diags.extend(relative.finish());
    let corrections = corrections(path, &loc, &meta, &slug, &mut diags);
    keep_errors_if(broken, &mut diags);
    let doc = BriefingDoc {
        path: path.to_path_buf(),
        slug,
        slug_pos,
        summary: meta
            .summary
            .clone()
            .unwrap_or_else(|| truncate_words(rendered.first_paragraph.trim(), 60)),
        corrections,
        title: meta.title,
        date: meta.date,
        updated: meta.updated,
        draft: meta.draft,
        tags: meta.tags,
        actors: ids.finish(),
        mentioned: rendered.mentioned,
        sources: meta.sources,
        statements,
        body_html: crate::packed::Packed::new(&rendered.html),
        heading_ids: rendered.heading_ids,
    };
    (Some(doc), diags)
}

/// The briefing's slug and where it is, after every check that needs only the
/// front matter: URLs, slug, tags, empty values, the pre-publication checklist.
fn briefing_front_checks(
    path: &Path,
    loc: &Locator<'_>,
    meta: &BriefingMeta,
    split: &front_matter::Split<'_>,
    diags: &mut Vec<Diagnostic>,
) -> (String, Pos) {
    check_briefing_urls(path, meta, loc, diags);
    let (slug, slug_pos, bad) = slug(path, loc, meta.slug.as_deref(), || {
        slugify(strip_date_prefix(&stem(path)))
    });
    diags.extend(bad);
    diags.extend(slug_too_long(path, slug_pos, &slug, meta.slug.is_none()));
    diags.extend(tags_too_long(path, loc, &meta.tags));
    diags.extend(empty_value(path, loc, "title", Some(&meta.title)));
    diags.extend(empty_briefing_values(path, loc, meta));
    if !meta.draft {
        diags.extend(placeholder_warnings(path, loc, meta, split));
    }
    diags.extend(bad_tags(path, loc, &meta.tags));
    (slug, slug_pos)
}

/// The corrections; a `statement:` must name one of the briefing's statements (`s-2`
/// or `<slug>-2`), or it is an error with the nearest id as a hint.
fn corrections(
    path: &Path,
    loc: &Locator<'_>,
    meta: &BriefingMeta,
    slug: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Correction> {
    let count = meta.statements.len();
    let named: Vec<&str> = (meta.statements.iter())
        .filter_map(|s| s.id.as_deref())
        .collect();
    let number = |id: &str| {
        if let Some(j) = (meta.statements.iter()).position(|s| s.id.as_deref() == Some(id)) {
            return Some(j + 1);
        }
        let n = id
            .strip_prefix("s-")
            .or_else(|| id.strip_prefix(slug).and_then(|r| r.strip_prefix('-')))?;
        n.parse::<usize>()
            .ok()
            .filter(|&n| (1..=count).contains(&n))
    };
    let mut out = Vec::with_capacity(meta.corrections.len());
    for (i, c) in meta.corrections.iter().enumerate() {
        let statement = c.statement.as_deref().and_then(|id| {
            let n = number(id);
            if n.is_none() {
                diags.push(unknown_statement(
                    path,
                    loc.key_in_item("corrections", i, "statement", id),
                    id,
                    count,
                    &named,
                ));
            }
            n
        });
        out.push(Correction {
            date: c.date,
            note: c.note.clone(),
            statement,
        });
    }
    out
}

fn unknown_statement(path: &Path, pos: Pos, id: &str, count: usize, named: &[&str]) -> Diagnostic {
    let mut known: Vec<String> = (1..=count).map(|n| format!("s-{n}")).collect();
    known.extend(named.iter().map(|n| n.to_string()));
    // A well-formed number out of range has no "nearest": the range is the help.
    let numbered = id
        .strip_prefix("s-")
        .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()));
    let near = (!numbered)
        .then(|| crate::diagnostic::did_you_mean(id, known.iter().map(String::as_str)))
        .flatten();
    let ids = if named.is_empty() {
        String::new()
    } else {
        format!(", or named by their `id:` ({})", named.join(", "))
    };
    let hint = match near {
        Some(near) => format!(
            "did you mean `{near}`? Statements are numbered from `s-1` in the order of `statements:`{ids}"
        ),
        None if count == 0 => "this briefing has no statements: remove `statement:`".to_string(),
        None if !named.is_empty() => format!(
            "name one of the briefing's statements: `s-1` to `s-{count}` in the order of `statements:`{ids}"
        ),
        None => format!(
            "name one of the briefing's statements, `s-1` to `s-{count}`, in the order of `statements:`"
        ),
    };
    Diagnostic::error(
        path,
        Code::UnknownStatement,
        format!(
            "the correction names statement `{}`, which this briefing does not have",
            control::visible(id)
        ),
    )
    .at(pos)
    .hint(hint)
}

/// Tags with no letter or digit: they would have no URL.
fn bad_tags(path: &Path, loc: &Locator<'_>, tags: &[String]) -> Vec<Diagnostic> {
    tags.iter()
        .filter(|tag| slugify(tag).is_empty())
        .map(|tag| {
            Diagnostic::error(
                path,
                Code::BadTag,
                format!("the tag `{tag}` has no letters or digits"),
            )
            .at(loc.value_under_key("tags", tag))
            .hint("tags become URLs (/tags/<tag>/): give each tag at least one letter or digit")
        })
        .collect()
}

/// The actors a briefing involves, collected as their ids are checked.
struct Involved<'t, 'l> {
    path: &'t Path,
    table: &'t ActorTable<'t>,
    loc: &'l Locator<'l>,
    found: Vec<ActorIx>,
}

impl<'t, 'l> Involved<'t, 'l> {
    fn new(path: &'t Path, table: &'t ActorTable<'t>, loc: &'l Locator<'l>) -> Self {
        Involved {
            path,
            table,
            loc,
            found: Vec::new(),
        }
    }

    /// The index of actor `id`, or an error at `pos()`. Positions are looked up
    /// only when something is wrong: finding them scans the YAML text, which would
    /// dominate the happy path of a big site.
    fn resolve(
        &mut self,
        id: &str,
        pos: impl FnOnce() -> Pos,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<ActorIx> {
        match self.table.lookup(id) {
            Some(ix) => {
                self.found.push(ix);
                Some(ix)
            }
            None => {
                let known = self.table.ids.keys().copied();
                diags.push(unknown_actor(self.path, pos(), id, known, || {
                    format!(
                        "add content/actors/{id}.md, or use the id of a file in content/actors/."
                    )
                }));
                None
            }
        }
    }

    /// Everyone involved, sorted by index, once each.
    fn finish(mut self) -> Vec<ActorIx> {
        self.found.sort_unstable();
        self.found.dedup();
        self.found
    }
}

/// One statement: its speakers and counterparts checked, its source looked up.
fn statement(
    path: &Path,
    i: usize,
    s: &StatementMeta,
    sources: &[Source],
    source_ids: &HashMap<&str, usize>,
    ids: &mut Involved<'_, '_>,
    diags: &mut Vec<Diagnostic>,
) -> StatementDoc {
    let loc = ids.loc;
    let speakers = speaker_ids(path, || loc.item("statements", i), s, diags)
        .into_iter()
        .filter_map(|id| ids.resolve(id, || loc.value_in_item("statements", i, id), diags))
        .collect();
    let with = s
        .with
        .iter()
        .filter_map(|id| ids.resolve(id, || loc.value_in_item("statements", i, id), diags))
        .collect();
    if s.quote.is_none() && s.summary.is_none() {
        diags.push(
            Diagnostic::error(
                path,
                Code::EmptyStatement,
                "a statement has neither `quote` nor `summary`",
            )
            .at(loc.item("statements", i))
            .hint("add `quote:` with the speaker's exact words, or `summary:` with a paraphrase"),
        );
    }
    let source = statement_source(path, loc, i, s, sources, source_ids, diags);
    let mut meta = kept_meta(s);
    let id_pos = match &s.id {
        Some(id) => {
            let pos = loc.word_in_key_of_item("statements", i, "id", id);
            if let Some(d) = bad_statement_id(path, pos, id) {
                diags.push(d);
                meta.id = None;
            }
            pos
        }
        None => Pos { line: 1, col: 1 },
    };
    let dispute_pos = (s.disputes.iter())
        .map(|d| loc.word_in_key_of_item("statements", i, "disputes", d))
        .collect();
    diags.extend(factcheck_problems(path, loc, i, s));
    if let Some(d) = original_problem(path, loc, i, s) {
        diags.push(d);
        meta.original = None;
    }
    StatementDoc {
        speakers,
        with,
        source,
        meta,
        id_pos,
        dispute_pos,
    }
}

/// What a statement's document keeps of its front matter: all but the speakers,
/// counterparts and source as written, which the document holds checked and looked
/// up (`speakers`, `with`, `source`). A source written out in full would otherwise
/// be held twice until the model is made, for every statement: at 500,000
/// statements, about a tenth of the peak memory of a build.
fn kept_meta(s: &StatementMeta) -> StatementMeta {
    StatementMeta {
        speaker: None,
        speakers: None,
        with: Vec::new(),
        kind: s.kind,
        date: s.date,
        quote: s.quote.clone(),
        summary: s.summary.clone(),
        source: None,
        verification: s.verification,
        id: s.id.clone(),
        disputes: s.disputes.clone(),
        factcheck: s.factcheck.clone(),
        original: s.original.clone(),
    }
}

/// A statement `id:` is written like an actor id; it is also part of the statement's
/// anchor (`s-<id>`) and of the site's data files.
fn bad_statement_id(path: &Path, pos: Pos, id: &str) -> Option<Diagnostic> {
    let too_long = id.len() > crate::slug::MAX_LEN;
    // Listing pages use the id as the card's HTML id, beside the theme's own.
    let reserved = crate::route::is_reserved_id(id);
    if is_valid_id(id) && !too_long && !reserved {
        return None;
    }
    let fix = slugify(id);
    let hint = if reserved {
        format!(
            "`{id}` is an id the theme's pages use (or one starting with `s-`): choose another, such as `{id}-1`"
        )
    } else if too_long {
        format!(
            "statement ids are at most {} bytes: choose a shorter one",
            crate::slug::MAX_LEN
        )
    } else if fix.is_empty() {
        "statement ids are lowercase ASCII letters, digits and `-`, such as `putin-call-2`"
            .to_string()
    } else {
        format!("statement ids are lowercase ASCII letters, digits and `-`: write `id: {fix}`")
    };
    Some(
        Diagnostic::error(
            path,
            Code::BadStatementId,
            format!("`{}` is not a valid statement id", control::visible(id)),
        )
        .at(pos)
        .hint(hint),
    )
}

/// A fact-check's link must be safe to follow and its note, if written, not empty.
fn factcheck_problems(
    path: &Path,
    loc: &Locator<'_>,
    i: usize,
    s: &StatementMeta,
) -> Vec<Diagnostic> {
    let Some(check) = &s.factcheck else {
        return Vec::new();
    };
    let mut diags = Vec::new();
    if let Some(url) = &check.url
        && let Some(scheme) = url_check::refused_scheme(url)
    {
        diags.push(unsafe_url(
            path,
            loc.key_in_item("statements", i, "url", url),
            &scheme,
        ));
    }
    if check.note.as_ref().is_some_and(|n| n.trim().is_empty()) {
        diags.push(empty_at(
            path,
            loc.key_in_item("statements", i, "note", ""),
            "note",
        ));
    }
    diags
}

/// `original: {lang, text}`: `lang` a language code as `languages:` takes them,
/// `text` not empty.
fn original_problem(
    path: &Path,
    loc: &Locator<'_>,
    i: usize,
    s: &StatementMeta,
) -> Option<Diagnostic> {
    let original = s.original.as_ref()?;
    if !crate::model::is_primary_tag(&original.lang) {
        return Some(
            Diagnostic::error(
                path,
                Code::BadLanguage,
                format!(
                    "`{}` is not a language code",
                    control::visible(&original.lang)
                ),
            )
            .at(loc.key_in_item("statements", i, "lang", ""))
            .hint("write the language the words were said in as a BCP 47 primary language tag in lowercase, such as `ru`, `hy`, `ar` or `az` (no region: `pt`, not `pt-BR`)"),
        );
    }
    original.text.trim().is_empty().then(|| {
        Diagnostic::error(path, Code::EmptyValue, "`text` is empty")
            .at(loc.key_in_item("statements", i, "text", ""))
            .hint(
                "write the speaker's words as they were said after `text:`, or remove `original:`",
            )
    })
}

fn unsafe_url(path: &Path, pos: Pos, scheme: &str) -> Diagnostic {
    Diagnostic::error(
        path,
        Code::UnsafeUrl,
        format!("the URL scheme `{scheme}:` is not allowed in a link"),
    )
    .at(pos)
    .hint(format!(
        "write a URL starting with {}; a `{scheme}:` link can run code in the reader's browser",
        url_check::ALLOWED_TEXT
    ))
}

/// The speaker ids of a statement: `speaker: [a, b]` is a joint statement, the same
/// as `speakers: [a, b]`.
fn speaker_ids<'s>(
    path: &Path,
    item: impl FnOnce() -> Pos,
    s: &'s StatementMeta,
    diags: &mut Vec<Diagnostic>,
) -> Vec<&'s str> {
    match (&s.speaker, &s.speakers) {
        (Some(one), None) if !one.0.is_empty() => one.0.iter().map(String::as_str).collect(),
        (None, Some(many)) if !many.is_empty() => many.iter().map(String::as_str).collect(),
        (Some(_), Some(_)) => {
            diags.push(
                Diagnostic::error(path, Code::Speaker, "a statement has both `speaker` and `speakers`")
                    .at(item())
                    .hint("keep one: `speaker: id` for one speaker, `speaker: [a, b]` for a joint statement"),
            );
            Vec::new()
        }
        _ => {
            diags.push(
                Diagnostic::error(path, Code::Speaker, "a statement has no `speaker`")
                    .at(item())
                    .hint("add `speaker: <actor id>` (or `speaker: [a, b]` for a joint statement)"),
            );
            Vec::new()
        }
    }
}

/// A statement's source in full: written out, or looked up by id in the briefing's
/// `sources:`. A missing source is a warning, or an error if marked verified.
fn statement_source(
    path: &Path,
    loc: &Locator<'_>,
    i: usize,
    s: &StatementMeta,
    sources: &[Source],
    source_ids: &HashMap<&str, usize>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Source> {
    match &s.source {
        None if matches!(s.verification, Some(Verification::Verified)) => {
            diags.push(
                Diagnostic::error(
                    path,
                    Code::VerifiedNoSource,
                    "a statement marked `verified` has no `source`",
                )
                .at(loc.item("statements", i))
                .hint("add `source: {outlet: …, url: …}`, or the `id` of one of the briefing's `sources:`, so readers can check it, or remove `verification: verified`"),
            );
            None
        }
        None => {
            diags.push(
                Diagnostic::warning(path, Code::NoSource, "a statement has no `source`")
                    .at(loc.item("statements", i))
                    .hint("add `source: {outlet: …, url: …}`, or the `id` of one of the briefing's `sources:`, so readers can check it"),
            );
            None
        }
        Some(SourceRef::Full(full)) => Some(full.clone()),
        Some(SourceRef::Id(id)) => match source_ids.get(id.as_str()) {
            Some(&j) => Some(sources[j].clone()),
            None => {
                let pos = loc.key_in_item("statements", i, "source", "");
                diags.push(unknown_source(path, pos, id, source_ids));
                None
            }
        },
    }
}

/// Relative-date warnings of one briefing, counted across its statements and body.
struct RelativeDates<'p> {
    path: &'p Path,
    date: Day,
    hits: usize,
    first_unlisted: Option<Pos>,
}

impl<'p> RelativeDates<'p> {
    fn new(path: &'p Path, date: Day) -> Self {
        RelativeDates {
            path,
            date,
            hits: 0,
            first_unlisted: None,
        }
    }

    /// A warning for `hit` at `pos()`, while fewer than the maximum are listed.
    fn hit(&mut self, hit: &relative::Hit, pos: impl FnOnce() -> Pos, diags: &mut Vec<Diagnostic>) {
        self.hits += 1;
        if self.hits <= MAX_RELATIVE_WARNINGS + 1 {
            let pos = pos();
            if self.hits > MAX_RELATIVE_WARNINGS {
                self.first_unlisted = Some(pos);
            } else {
                diags.push(relative_warning(self.path, pos, hit, self.date));
            }
        }
    }

    /// The line counting the hits not listed, if any.
    fn finish(self) -> Option<Diagnostic> {
        let pos = self.first_unlisted?;
        let rest = self.hits - MAX_RELATIVE_WARNINGS;
        Some(more_relative_dates(self.path, rest).at(pos))
    }
}

/// The pre-publication checklist for a briefing that is not a draft: `init`'s
/// example still in place, the `new briefing` template's summary or text left in,
/// no statements, no sources. Placeholders are recognised from `scaffold`'s own
/// constants, so the check follows the templates.
fn placeholder_warnings(
    path: &Path,
    loc: &Locator<'_>,
    meta: &BriefingMeta,
    split: &front_matter::Split<'_>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let (example_path, example_text) = scaffold::EXAMPLE[0];
    let example_name = Path::new(example_path).file_name();
    let example_title = example_text
        .lines()
        .find_map(|l| l.strip_prefix("title: "))
        .unwrap_or_default();
    if path.file_name() == example_name || meta.title == example_title {
        out.push(
            Diagnostic::warning(
                path,
                Code::ExampleBriefing,
                "before publishing: this is the example briefing `sitroom init` wrote",
            )
            .at(loc.value_of_key("title"))
            .hint("delete this file (and the example actors in content/actors/ if you do not need them) once your own briefings are in"),
        );
    }
    if meta.summary.as_deref().map(str::trim) == Some(scaffold::BRIEFING_SUMMARY) {
        out.push(
            Diagnostic::warning(
                path,
                Code::TemplateText,
                "before publishing: `summary` is still the template's placeholder",
            )
            .at(loc.value_of_key("summary"))
            .hint("write one or two sentences on what this briefing reports; lists and feeds show them"),
        );
    }
    let first_sentence = scaffold::BRIEFING_BODY
        .split_inclusive(". ")
        .next()
        .unwrap_or(scaffold::BRIEFING_BODY)
        .trim();
    if let Some(at) = split.body.find(first_sentence) {
        out.push(
            Diagnostic::warning(
                path,
                Code::TemplateText,
                "before publishing: the text still has the template's placeholder",
            )
            .at(loc.file_pos(split.body_offset + at))
            .hint(format!(
                "replace \"{first_sentence} …\" with the briefing's text"
            )),
        );
    }
    if meta.statements.is_empty() {
        out.push(
            Diagnostic::warning(path, Code::NoStatements, "before publishing: the briefing has no statements")
                .at(loc.key("statements"))
                .hint("list what was said under `statements:` (speaker, date, quote or summary, source), or mark the file `draft: true` until it has some"),
        );
    }
    // Statements without a source are each warned about already (`no-source`).
    if meta.sources.is_empty() && meta.statements.is_empty() {
        out.push(
            Diagnostic::warning(path, Code::NoSources, "before publishing: the briefing cites no sources")
                .at(loc.key("sources"))
                .hint("list where it comes from under `sources:` (outlet, url), or give each statement a `source:`"),
        );
    }
    out
}

/// Relative-date warnings shown per file; past that, one line counts the rest, so a
/// long text full of "on Thursday" does not bury every other message.
const MAX_RELATIVE_WARNINGS: usize = 20;

/// Placed at the first hit not listed, so it sorts after the ones that are.
fn more_relative_dates(path: &Path, more: usize) -> Diagnostic {
    Diagnostic::warning(
        path,
        Code::RelativeDate,
        format!(
            "… and {more} more relative date{} in this file, from here on",
            if more == 1 { "" } else { "s" }
        ),
    )
    .hint(format!(
        "the first {MAX_RELATIVE_WARNINGS} are listed above; write absolute dates, then run `sitroom check` again"
    ))
}

fn relative_warning(path: &Path, pos: Pos, hit: &relative::Hit, day: Day) -> Diagnostic {
    let meaning = relative::explain(hit.meaning, day.0);
    Diagnostic::warning(path, Code::RelativeDate, format!("relative date \"{}\"", hit.phrase))
        .at(pos)
        .hint(format!(
            "in a briefing dated {} this most likely means {meaning}; write the absolute date so the text stays true",
            day.display()
        ))
}

/// Parses a free page from `content/pages/`.
pub fn page(path: &Path, text: &str, dialect: Dialect) -> Parsed<PageDoc> {
    let (split, meta) = match front::<PageMeta>(path, text) {
        Ok((split, meta, problems)) if problems.is_empty() => (split, meta),
        Ok((_, _, problems)) | Err(problems) => return (None, problems),
    };
    if let Some(d) = escaped_control_chars(path, text, &split) {
        return (None, vec![d]);
    }
    let loc = Locator::new(text, &split);
    // A page's slug is a folder name under the output: an unchecked `slug: ../x`
    // would write outside it, and an empty one would overwrite the home page.
    let (slug, slug_pos, bad) = slug(path, &loc, meta.slug.as_deref(), || slugify(&stem(path)));
    if let Some(d) = bad
        .or_else(|| slug_too_long(path, slug_pos, &slug, meta.slug.is_none()))
        .or_else(|| empty_value(path, &loc, "title", Some(&meta.title)))
    {
        return (None, vec![d]);
    }
    let rendered = markdown::render(split.body, None, dialect);
    let warnings = body_warnings(path, text, split.body_offset, &rendered);
    let doc = PageDoc {
        path: path.to_path_buf(),
        slug,
        slug_pos,
        meta,
        body_html: Arc::from(rendered.html),
        first_paragraph: rendered.first_paragraph,
    };
    (Some(doc), warnings)
}

/// Parses `site.yaml`, refusing control characters first: its title, description
/// and author reach every page and feed.
pub fn config(path: &Path, text: &str) -> Parsed<Config> {
    if let Some(d) = front_matter::raw_control_chars(path, text, text, 0) {
        return (None, vec![d]);
    }
    let config = match front_matter::parse_whole::<Config>(path, text) {
        (Some(config), problems) if problems.is_empty() => config,
        (_, problems) => return (None, problems),
    };
    match front_matter::escaped_control_chars(path, text, text, 0) {
        Some(d) => (None, vec![d]),
        None => (Some(config), Vec::new()),
    }
}

fn raw_control_chars(
    path: &Path,
    text: &str,
    split: &front_matter::Split<'_>,
) -> Option<Diagnostic> {
    front_matter::raw_control_chars(path, text, split.yaml, split.yaml_offset)
}

fn escaped_control_chars(
    path: &Path,
    text: &str,
    split: &front_matter::Split<'_>,
) -> Option<Diagnostic> {
    front_matter::escaped_control_chars(path, text, split.yaml, split.yaml_offset)
}

/// Every front-matter URL that becomes a link: `sources[].url`, `.archive` and
/// `statements[].source.url`, `.archive` may only be http(s), mailto or relative.
fn check_briefing_urls(
    path: &Path,
    meta: &BriefingMeta,
    loc: &Locator<'_>,
    diags: &mut Vec<Diagnostic>,
) {
    let links = meta.written_sources().flat_map(|(list, i, source)| {
        [("url", &source.url), ("archive", &source.archive)]
            .into_iter()
            .filter_map(move |(key, url)| Some((list, i, key, url.as_deref()?)))
    });
    for (list, i, key, url) in links {
        if let Some(scheme) = url_check::refused_scheme(url) {
            diags.push(unsafe_url(
                path,
                loc.key_in_item(list, i, key, url),
                &scheme,
            ));
        }
    }
}

/// `wikidata:` becomes a link to wikidata.org: it must be an item id such as `Q42`.
fn check_wikidata(path: &Path, meta: &ActorMeta, loc: &Locator<'_>) -> Option<Diagnostic> {
    let id = meta.wikidata.as_deref()?;
    if url_check::is_wikidata_id(id) {
        return None;
    }
    let hint = match url_check::wikidata_guess(id) {
        Some(guess) => {
            format!("did you mean `{guess}`? Write the item id alone, as wikidata.org shows it")
        }
        None => "write the item id as wikidata.org shows it: `Q` and digits, such as Q42".into(),
    };
    Some(
        Diagnostic::error(
            path,
            Code::BadWikidata,
            format!("`{}` is not a Wikidata item id", control::visible(id)),
        )
        .at(loc.value_of_key("wikidata"))
        .hint(hint),
    )
}

/// What rendering a body left out, as warnings at the place in the file.
fn body_warnings(
    path: &Path,
    text: &str,
    body_offset: usize,
    rendered: &markdown::Rendered,
) -> Vec<Diagnostic> {
    let pos = |offset: usize| Pos::of_offset(text, body_offset + offset);
    let mut out = Vec::new();
    if let Some(&(first, c)) = rendered.removed_controls.first() {
        let more = rendered.removed_controls.len() - 1;
        let also = match more {
            0 => String::new(),
            1 => " (and 1 more in this file)".into(),
            n => format!(" (and {n} more in this file)"),
        };
        out.push(
            Diagnostic::warning(
                path,
                Code::ControlCharacter,
                format!(
                    "invisible control character {} left out of the page{also}",
                    control::describe(c)
                ),
            )
            .at(pos(first))
            .hint("delete it from the file: most editors do not show it, and feeds cannot hold it"),
        );
    }
    for r in &rendered.refused {
        let what = if r.image { "image" } else { "link" };
        let shown = if r.image {
            "its description"
        } else {
            "its text"
        };
        out.push(
            Diagnostic::warning(
                path,
                Code::UnsafeLink,
                format!(
                    "{what} to a `{}:` URL left out; the page shows {shown} only",
                    r.scheme
                ),
            )
            .at(pos(r.offset))
            .hint(format!(
                "use {}; a `{}:` URL can run code in the reader's browser",
                url_check::ALLOWED_TEXT,
                r.scheme
            )),
        );
    }
    out
}

/// A slug longer than [`crate::slug::MAX_LEN`]: `build` would fail on the folder
/// name, so `check` must say so first, at the line.
fn slug_too_long(path: &Path, pos: Pos, slug: &str, from_file_name: bool) -> Option<Diagnostic> {
    (slug.len() > crate::slug::MAX_LEN).then(|| {
        Diagnostic::error(
            path,
            Code::SlugTooLong,
            format!(
                "the slug is {} bytes long; slugs are at most {}",
                slug.len(),
                crate::slug::MAX_LEN
            ),
        )
        .at(pos)
        .hint(if from_file_name {
            "the slug comes from the file name: add a shorter `slug:` or rename the file"
        } else {
            "choose a shorter `slug:`"
        })
    })
}

/// Tags become folders (`/tags/<slug>/`), so their slugs have the same limit.
fn tags_too_long(path: &Path, loc: &Locator<'_>, tags: &[String]) -> Vec<Diagnostic> {
    tags.iter()
        .filter(|t| slugify(t).len() > crate::slug::MAX_LEN)
        .map(|t| {
            Diagnostic::error(
                path,
                Code::TagTooLong,
                format!(
                    "a tag is {} bytes long as a URL; tags are at most {}",
                    slugify(t).len(),
                    crate::slug::MAX_LEN
                ),
            )
            .at(loc.value_under_key("tags", t))
            .hint("tags are short labels such as `ceasefire`: shorten it")
        })
        .collect()
}

/// A required text that is present but empty (`title: ""`, `title:`, `title: ~`).
/// YAML reads an unquoted `~` or `null` as "no value", but serde hands a string
/// field the text itself: both are caught here by looking at what was written.
fn empty_value(
    path: &Path,
    loc: &Locator<'_>,
    key: &str,
    value: Option<&str>,
) -> Option<Diagnostic> {
    let value = value?;
    let (pos, raw) = loc.raw_value(key);
    let null = matches!(raw, "~" | "null" | "Null" | "NULL") && value == raw;
    (value.trim().is_empty() || null).then(|| empty_at(path, pos, key))
}

fn empty_at(path: &Path, pos: Pos, key: &str) -> Diagnostic {
    Diagnostic::error(path, Code::EmptyValue, format!("`{key}` is empty"))
        .at(pos)
        .hint(format!(
            "write a value after `{key}:`, or remove the line if the field is optional"
        ))
}

/// Empty outlets and correction notes: they would render as blank links and notes.
fn empty_briefing_values(path: &Path, loc: &Locator<'_>, meta: &BriefingMeta) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for (i, s) in meta.sources.iter().enumerate() {
        if s.outlet.trim().is_empty() {
            diags.push(empty_at(path, loc.item("sources", i), "outlet"));
        }
    }
    for (i, s) in meta.statements.iter().enumerate() {
        if s.source
            .as_ref()
            .and_then(SourceRef::full)
            .is_some_and(|s| s.outlet.trim().is_empty())
        {
            diags.push(empty_at(path, loc.item("statements", i), "outlet"));
        }
        for (key, v) in [("quote", &s.quote), ("summary", &s.summary)] {
            if v.as_ref().is_some_and(|v| v.trim().is_empty()) {
                diags.push(empty_at(path, loc.item("statements", i), key));
            }
        }
    }
    for (i, c) in meta.corrections.iter().enumerate() {
        if c.note.trim().is_empty() {
            diags.push(empty_at(path, loc.item("corrections", i), "note"));
        }
    }
    diags
}

/// The ids of the briefing's `sources:` (`id: asbarez`) and the index of each.
/// Ids look like actor ids; a repeated id is an error (the first keeps it).
fn source_ids<'m>(
    path: &Path,
    loc: &Locator<'_>,
    sources: &'m [Source],
    diags: &mut Vec<Diagnostic>,
) -> HashMap<&'m str, usize> {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (j, src) in sources.iter().enumerate() {
        let Some(id) = src.id.as_deref() else {
            continue;
        };
        let pos = || loc.key_in_item("sources", j, "id", "");
        if !is_valid_id(id) {
            let fix = slugify(id);
            let hint = if fix.is_empty() {
                "source ids are lowercase ASCII letters, digits and `-`, such as `asbarez`".into()
            } else {
                format!(
                    "source ids are lowercase ASCII letters, digits and `-`: write `id: {fix}`, and the same in statements"
                )
            };
            diags.push(
                Diagnostic::error(
                    path,
                    Code::BadSourceId,
                    format!("`{}` is not a valid source id", control::visible(id)),
                )
                .at(pos())
                .hint(hint),
            );
            continue;
        }
        if let Some(&first) = ids.get(id) {
            let first_line = loc.key_in_item("sources", first, "id", "").line;
            diags.push(
                Diagnostic::error(
                    path,
                    Code::DuplicateSourceId,
                    format!("the source id `{id}` is already used on line {first_line}"),
                )
                .at(pos())
                .hint("give each of the briefing's sources its own `id:`"),
            );
            continue;
        }
        ids.insert(id, j);
    }
    ids
}

fn unknown_source(path: &Path, pos: Pos, id: &str, ids: &HashMap<&str, usize>) -> Diagnostic {
    let mut known: Vec<&str> = ids.keys().copied().collect();
    known.sort_unstable();
    let hint = match did_you_mean(id, known.iter().copied()) {
        Some(near) => format!(
            "did you mean `{near}`? This briefing's source ids: {}",
            known.join(", ")
        ),
        None if known.is_empty() => format!(
            "add `id: {id}` to one of the briefing's `sources:`, or write the source out: `source: {{outlet: …, url: …}}`"
        ),
        None => format!(
            "this briefing's source ids: {}; add `id: {id}` to one of its `sources:`, or write the source out: `source: {{outlet: …, url: …}}`",
            known.join(", ")
        ),
    };
    Diagnostic::error(
        path,
        Code::UnknownSource,
        format!("unknown source `{}`", control::visible(id)),
    )
    .at(pos)
    .hint(hint)
}

fn bad_slug(path: &Path, pos: Pos, slug: &str) -> Diagnostic {
    let hint = match slugify(slug) {
        s if s.is_empty() => "use lowercase ASCII letters, digits and `-`".to_string(),
        s => format!("use lowercase ASCII letters, digits and `-`, e.g. `{s}`"),
    };
    Diagnostic::error(path, Code::BadSlug, format!("`{slug}` is not a valid slug"))
        .at(pos)
        .hint(hint)
}

fn no_slug(path: &Path) -> Diagnostic {
    Diagnostic::error(path, Code::BadSlug, "the file name gives an empty slug")
        .at(Pos { line: 1, col: 1 })
        .hint("add `slug:` to the front matter, or rename the file")
}

/// `2020-10-03-pashinyan-calls` → `pashinyan-calls`.
fn strip_date_prefix(stem: &str) -> &str {
    let b = stem.as_bytes();
    let is_date = b.len() > 11
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && b[10] == b'-';
    if is_date { &stem[11..] } else { stem }
}

fn truncate_words(text: &str, max_words: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= max_words {
        words.join(" ")
    } else {
        format!("{}…", words[..max_words].join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_drop_the_date_prefix() {
        assert_eq!(
            strip_date_prefix("2020-10-03-pashinyan-calls"),
            "pashinyan-calls"
        );
        assert_eq!(strip_date_prefix("about"), "about");
    }

    fn table() -> ActorTable<'static> {
        ActorTable {
            ids: [("vladimir-putin", 0), ("nikol-pashinyan", 1)]
                .into_iter()
                .collect(),
        }
    }

    #[test]
    fn page_slugs_cannot_leave_the_output_folder() {
        let text = "---\ntitle: T\nslug: ../../escaped\n---\nBody\n";
        let (doc, diags) = page(Path::new("content/pages/p.md"), text, Dialect::new());
        assert!(doc.is_none());
        let d = &diags[0];
        assert_eq!(
            d.to_string(),
            "content/pages/p.md:3:7: error: `../../escaped` is not a valid slug\n  hint: use lowercase ASCII letters, digits and `-`, e.g. `escaped`"
        );
        let (doc, diags) = page(
            Path::new("content/pages/_.md"),
            "---\ntitle: T\n---\n",
            Dialect::new(),
        );
        assert!(doc.is_none());
        assert_eq!(diags[0].code, Code::BadSlug);
    }

    /// `text` parsed as the briefing `b.md`, with the actors of [`table`].
    fn parse_b(text: &str) -> (Option<BriefingDoc>, Vec<Diagnostic>) {
        briefing(
            Path::new("b.md"),
            text,
            &table(),
            &Mentions::new([]),
            Dialect::new(),
        )
    }

    #[test]
    fn unknown_actor_points_at_the_value() {
        let text = "---\ntitle: T\ndate: 2020-10-03\nstatements:\n  - speaker: vladimir-puttin\n    date: 2020-10-02\n    summary: x\n    source: {outlet: o}\n---\nBody\n";
        let (doc, diags) = parse_b(text);
        assert!(doc.is_some());
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(
            diags[0].to_string(),
            "b.md:5:14: error: unknown actor `vladimir-puttin`\n  hint: did you mean `vladimir-putin`? Known actors live in content/actors/."
        );
    }

    /// A statement's document holds its speakers, counterparts and source once:
    /// checked and looked up, not also as written.
    #[test]
    fn a_statement_keeps_its_speakers_and_source_once() {
        let text = "---\ntitle: T\ndate: 2020-10-03\nsources:\n  - {id: wire, outlet: Wire, url: \"https://wire.example/1\"}\nstatements:\n  - speaker: vladimir-putin\n    with: [nikol-pashinyan]\n    date: 2020-10-02\n    quote: Q\n    source: {outlet: Gazette, url: \"https://gazette.example/2\"}\n  - speakers: [nikol-pashinyan]\n    date: 2020-10-02\n    summary: S\n    source: wire\n---\nBody\n";
        let (doc, diags) = parse_b(text);
        assert!(diags.is_empty(), "{diags:?}");
        let doc = doc.expect("the briefing parses");
        let [full, by_id] = &doc.statements[..] else {
            panic!("two statements: {:?}", doc.statements);
        };
        assert_eq!((&full.speakers[..], &full.with[..]), (&[0][..], &[1][..]));
        assert_eq!(by_id.speakers, [1]);
        let outlet = |s: &StatementDoc| s.source.as_ref().map(|s| s.outlet.clone());
        assert_eq!(outlet(full).as_deref(), Some("Gazette"));
        assert_eq!(outlet(by_id).as_deref(), Some("Wire"));
        for s in [full, by_id] {
            assert!(s.meta.speaker.is_none() && s.meta.speakers.is_none());
            assert!(s.meta.with.is_empty() && s.meta.source.is_none());
        }
        assert_eq!(full.meta.quote.as_deref(), Some("Q"));
        assert_eq!(by_id.meta.summary.as_deref(), Some("S"));
    }
}
