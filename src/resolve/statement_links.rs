//! Statements across the site: ids must be unique, and `disputes:` must name other
//! statements. Each disputed statement learns who disputes it (`disputed_by`).

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Code, Diagnostic, Pos, did_you_mean};
use crate::model::{Briefing, Statement, StatementIx};
use crate::parse::BriefingDoc;

/// Statement ids and the statement each names.
type Index<'s> = HashMap<&'s str, StatementIx, ahash::RandomState>;

/// A fixed hasher: the index is never iterated in an order that shows.
const HASH: ahash::RandomState = ahash::RandomState::with_seeds(1, 2, 3, 4);

/// Where a statement's `id:` and `disputes:` were written, kept beside the model's
/// statement (in the same order) until the links are made.
#[derive(Debug, Default)]
pub struct Written {
    /// Where `id:` is, if the statement has one.
    pub id_pos: Option<Pos>,
    /// Each id under `disputes:`, and where it is.
    pub disputes: Vec<(String, Pos)>,
}

/// The ids of statements in drafts left out of the site: disputing one of them is
/// not an error (the link appears once the draft is published).
pub fn ids_in_drafts(docs: &[BriefingDoc], drafts: bool) -> HashSet<String> {
    docs.iter()
        .filter(|d| d.draft && !drafts)
        .flat_map(|d| {
            d.statements
                .iter()
                .enumerate()
                .map(|(n, s)| match &s.meta.id {
                    Some(id) => id.clone(),
                    None => format!("{}-{}", d.slug, n + 1),
                })
        })
        .collect()
}

/// Checks ids and fills in `disputes` and `disputed_by`; `written` is parallel to
/// `statements`.
pub fn link(
    statements: &mut [Statement],
    written: &[Written],
    briefings: &[Briefing],
    in_drafts: &HashSet<String>,
) -> Vec<Diagnostic> {
    let (index, mut diags) = unique_ids(statements, written, briefings);
    let mut all = Vec::with_capacity(statements.len());
    for (ix, w) in written.iter().enumerate() {
        let path = &briefings[statements[ix].briefing].path;
        let mut targets: Vec<StatementIx> = Vec::new();
        for (id, pos) in &w.disputes {
            match index.get(id.as_str()) {
                Some(&t) if t == ix => diags.push(
                    Diagnostic::error(
                        path,
                        Code::SelfDispute,
                        format!("the statement `{id}` disputes itself"),
                    )
                    .at(*pos)
                    .hint("`disputes:` lists the ids of other statements this one contradicts"),
                ),
                Some(&t) => {
                    if !targets.contains(&t) {
                        targets.push(t);
                    }
                }
                None if in_drafts.contains(id) => {}
                None => diags.push(unknown_disputed(path, *pos, id, &index)),
            }
        }
        all.push(targets);
    }
    drop(index);
    for (s, targets) in statements.iter_mut().zip(all) {
        s.disputes = targets;
    }
    for ix in 0..statements.len() {
        for t in statements[ix].disputes.clone() {
            statements[t].disputed_by.push(ix);
        }
    }
    diags
}

fn unknown_disputed(path: &std::path::Path, pos: Pos, id: &str, index: &Index<'_>) -> Diagnostic {
    let mut known: Vec<&str> = index.keys().copied().collect();
    known.sort_unstable();
    let hint = match did_you_mean(id, known.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => "name a statement by its `id:`, or by `<briefing slug>-<n>` for the n-th statement of a briefing without ids".to_string(),
    };
    Diagnostic::error(
        path,
        Code::UnknownDisputed,
        format!(
            "`disputes:` names `{}`, which is no statement of the site",
            crate::control::visible(id)
        ),
    )
    .at(pos)
    .hint(hint)
}

/// Every statement id with its statement (the first, in file order, of several
/// with one id), and an error at each written id that another statement has too.
fn unique_ids<'s>(
    statements: &'s [Statement],
    written: &[Written],
    briefings: &[Briefing],
) -> (Index<'s>, Vec<Diagnostic>) {
    let file_order = |&ix: &StatementIx| {
        let s = &statements[ix];
        (&briefings[s.briefing].path, s.number)
    };
    let mut index = Index::with_capacity_and_hasher(statements.len(), HASH);
    let mut repeated: HashSet<&str, ahash::RandomState> = HashSet::with_hasher(HASH);
    for (ix, s) in statements.iter().enumerate() {
        let first = index.entry(s.id.as_str()).or_insert(ix);
        if *first != ix {
            repeated.insert(s.id.as_str());
            if file_order(&ix) < file_order(first) {
                *first = ix;
            }
        }
    }
    // Ids that more than one statement has, each with its statements in file order.
    let mut groups: HashMap<&str, Vec<StatementIx>> = HashMap::new();
    if !repeated.is_empty() {
        for (ix, s) in statements.iter().enumerate() {
            if repeated.contains(s.id.as_str()) {
                groups.entry(s.id.as_str()).or_default().push(ix);
            }
        }
    }
    let mut diags = Vec::new();
    for (id, mut group) in groups {
        group.sort_by_key(file_order);
        for (k, &ix) in group.iter().enumerate() {
            let Some(pos) = written[ix].id_pos else {
                continue;
            };
            let other = group[if k == 0 { 1 } else { 0 }];
            let s = &statements[ix];
            diags.push(
                Diagnostic::error(
                    &briefings[s.briefing].path,
                    Code::DuplicateStatementId,
                    format!(
                        "the statement id `{id}` is also used by {}",
                        place(&statements[other], &written[other], briefings)
                    ),
                )
                .at(pos)
                .hint("statement ids are unique across the site: give one of them another `id:`"),
            );
        }
    }
    (index, diags)
}

/// `content/briefings/x.md:12:9`, or for a numbered statement `statement 2 of
/// content/briefings/x.md`.
fn place(s: &Statement, w: &Written, briefings: &[Briefing]) -> String {
    let path = briefings[s.briefing].path.display();
    match w.id_pos {
        Some(p) => format!("{path}:{}:{}", p.line, p.col),
        None => format!("statement {} of {path} (numbered, no `id:`)", s.number),
    }
}
