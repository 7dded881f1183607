//! Who spoke with whom: contact pairs from `with` and joint `speakers`, and the
//! network drawn as SVG at build time (a deterministic circular layout, no JS).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::date::Date;

use crate::model::{ActorIx, Site, StatementIx};

/// One pair of actors and the statements that link them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub a: ActorIx,
    pub b: ActorIx,
    pub statements: Vec<StatementIx>,
    /// The date of the earliest statement, at its own precision.
    pub first: Date,
    /// The date of the statement that ends last, at its own precision.
    pub last: Date,
}

/// Every pair (a < b) linked by at least one statement, sorted by the pair.
pub fn pairs(site: &Site) -> Vec<Contact> {
    let mut map: BTreeMap<(ActorIx, ActorIx), Vec<StatementIx>> = BTreeMap::new();
    for (ix, s) in site.statements.iter().enumerate() {
        let mut links: Vec<(ActorIx, ActorIx)> = Vec::new();
        for &sp in &s.speakers {
            for &w in &s.with {
                links.push((sp, w));
            }
        }
        for (i, &x) in s.speakers.iter().enumerate() {
            for &y in &s.speakers[i + 1..] {
                links.push((x, y));
            }
        }
        let mut links: Vec<(ActorIx, ActorIx)> = links
            .into_iter()
            .filter(|(x, y)| x != y)
            .map(|(x, y)| (x.min(y), x.max(y)))
            .collect();
        links.sort_unstable();
        links.dedup();
        for pair in links {
            map.entry(pair).or_default().push(ix);
        }
    }
    map.into_iter()
        .map(|((a, b), statements)| {
            let dates = statements.iter().map(|&s| site.statements[s].date);
            let first = dates
                .clone()
                .min_by_key(|d| d.sort_key())
                .expect("every pair has a statement");
            let last = dates
                .max_by_key(|d| d.last_day())
                .expect("every pair has a statement");
            // An interval's last contact is its end, at the end's own precision.
            let last = last.end.map_or(last, |end| Date {
                start: end,
                end: None,
            });
            Contact {
                a,
                b,
                statements,
                first,
                last,
            }
        })
        .collect()
}

/// The contacts of `actor`: (counterpart, contact), most frequent first, then by name.
pub fn of_actor<'c>(
    site: &Site,
    contacts: &'c [Contact],
    actor: ActorIx,
) -> Vec<(ActorIx, &'c Contact)> {
    let mut mine: Vec<(ActorIx, &Contact)> = contacts
        .iter()
        .filter_map(|c| {
            if c.a == actor {
                Some((c.b, c))
            } else if c.b == actor {
                Some((c.a, c))
            } else {
                None
            }
        })
        .collect();
    mine.sort_by(|x, y| {
        y.1.statements
            .len()
            .cmp(&x.1.statements.len())
            .then_with(|| site.actors[x.0].name.cmp(&site.actors[y.0].name))
    });
    mine
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).expect("String write");
    out
}

/// The network as an SVG document fragment: actors with contacts on a circle (sorted
/// by kind then name), one line per pair, thicker for more statements.
pub fn svg(site: &Site, contacts: &[Contact]) -> String {
    let mut nodes: Vec<ActorIx> = contacts.iter().flat_map(|c| [c.a, c.b]).collect();
    nodes.sort_by(|&x, &y| {
        let (a, b) = (&site.actors[x], &site.actors[y]);
        (a.kind, &a.name, &a.id).cmp(&(b.kind, &b.name, &b.id))
    });
    nodes.dedup();
    let size = 640.0_f64;
    let center = size / 2.0;
    let radius = if nodes.len() <= 1 {
        0.0
    } else {
        size / 2.0 - 150.0
    };
    let position: BTreeMap<ActorIx, (f64, f64)> = nodes
        .iter()
        .enumerate()
        .map(|(i, &a)| {
            let angle = std::f64::consts::TAU * i as f64 / nodes.len().max(1) as f64
                - std::f64::consts::FRAC_PI_2;
            (
                a,
                (center + radius * angle.cos(), center + radius * angle.sin()),
            )
        })
        .collect();
    let max = contacts
        .iter()
        .map(|c| c.statements.len())
        .max()
        .unwrap_or(1) as f64;
    let mut out = String::new();
    // Labels sit left and right of the circle, so only they need wide margins;
    // above and below, a label's height is enough.
    let top = center - radius - 30.0;
    let height = 2.0 * radius + 80.0;
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 {top:.0} {size} {height:.0}\" class=\"network\" role=\"img\" aria-labelledby=\"network-title\"><title id=\"network-title\">{}</title>",
        escape(&crate::i18n::Locale::english().network_title(nodes.len(), contacts.len()))
    );
    out.push_str("<g class=\"edges\">");
    for c in contacts {
        let ((x1, y1), (x2, y2)) = (position[&c.a], position[&c.b]);
        let width = 1.0 + 5.0 * c.statements.len() as f64 / max;
        let _ = write!(
            out,
            "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke-width=\"{width:.1}\"><title>{} – {}: {}</title></line>",
            escape(&site.actors[c.a].name),
            escape(&site.actors[c.b].name),
            c.statements.len()
        );
    }
    out.push_str("</g><g class=\"nodes\">");
    for &a in &nodes {
        let (x, y) = position[&a];
        let actor = &site.actors[a];
        let anchor = if (x - center).abs() < 1.0 {
            "middle"
        } else if x < center {
            "end"
        } else {
            "start"
        };
        let dx = match anchor {
            "end" => -10.0,
            "start" => 10.0,
            _ => 0.0,
        };
        let dy = if anchor == "middle" {
            if y < center { -12.0 } else { 20.0 }
        } else {
            4.0
        };
        let href = escape(&site.base.url(&format!("actors/{}/", actor.id)));
        let _ = write!(
            out,
            "<a href=\"{href}\" class=\"node kind-{}\"><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"7\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text></a>",
            actor.kind.id(),
            x + dx,
            y + dy,
            escape(&actor.name)
        );
    }
    out.push_str("</g><g class=\"legend\">");
    let mut kinds: Vec<_> = nodes.iter().map(|&a| site.actors[a].kind).collect();
    kinds.dedup();
    kinds.sort();
    kinds.dedup();
    let legend_y = top + height - 12.0;
    for (i, kind) in kinds.iter().enumerate() {
        let x = 20.0 + 150.0 * i as f64;
        let _ = write!(
            out,
            "<g class=\"kind-{}\"><circle cx=\"{x:.1}\" cy=\"{:.1}\" r=\"5\"/><text x=\"{:.1}\" y=\"{legend_y:.1}\">{}</text></g>",
            kind.id(),
            legend_y - 4.0,
            x + 10.0,
            kind.plural_label()
        );
    }
    out.push_str("</g></svg>");
    out
}
