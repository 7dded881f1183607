//! Who spoke with whom: contact pairs from `with` and joint `speakers`, and the
//! network drawn as SVG at build time (a deterministic circular layout, no JS).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::date::Date;

use crate::model::{ActorIx, Site, Statement, StatementIx};

/// One pair of actors and the statements that link them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub a: ActorIx,
    pub b: ActorIx,
    pub statements: Vec<StatementIx>,
    /// The date of the earliest statement, at its own precision.
    pub first: Date,
    /// The date of the statement that ends last, whole (an interval stays one, as
    /// `first` does), so "first" and "last" of one statement agree.
    pub last: Date,
}

/// Every pair (a < b) linked by at least one statement, sorted by the pair.
pub fn pairs(site: &Site) -> Vec<Contact> {
    let mut map: BTreeMap<(ActorIx, ActorIx), Vec<StatementIx>> = BTreeMap::new();
    for (ix, s) in site.statements.iter().enumerate() {
        for pair in links(s) {
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

/// The pairs (a < b) one statement links, once each: every speaker with every
/// counterpart, and joint speakers with each other; nobody with themselves.
fn links(s: &Statement) -> Vec<(ActorIx, ActorIx)> {
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
    links
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

/// Where the actors with contacts sit: in order (kind, then name, then id) around a
/// circle about `center`, starting at the top; one actor alone sits at the centre.
struct Layout {
    nodes: Vec<ActorIx>,
    position: BTreeMap<ActorIx, (f64, f64)>,
    center: f64,
    radius: f64,
}

/// The layout of the actors in `contacts` in a square of side `size`.
fn layout(site: &Site, contacts: &[Contact], size: f64) -> Layout {
    let mut nodes: Vec<ActorIx> = contacts.iter().flat_map(|c| [c.a, c.b]).collect();
    nodes.sort_by(|&x, &y| {
        let (a, b) = (&site.actors[x], &site.actors[y]);
        (a.kind, &a.name, &a.id).cmp(&(b.kind, &b.name, &b.id))
    });
    nodes.dedup();
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
    Layout {
        nodes,
        position,
        center,
        radius,
    }
}

/// The `count` pairs with the most statements, most first (ties in pair order):
/// what `/contacts/` draws and lists, so the page stays small however many pairs
/// a site has. All pairs are in `data/contacts.csv`.
pub fn strongest(contacts: &[Contact], count: usize) -> Vec<Contact> {
    let mut order: Vec<&Contact> = contacts.iter().collect();
    order.sort_by_key(|c| std::cmp::Reverse(c.statements.len()));
    order.into_iter().take(count).cloned().collect()
}

/// Every pair as CSV: ids, names, number of statements, first and last date.
pub fn csv(site: &Site, contacts: &[Contact]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "actor_a",
        "actor_a_name",
        "actor_b",
        "actor_b_name",
        "statements",
        "first",
        "last",
    ]);
    for c in contacts {
        let (a, b) = (&site.actors[c.a], &site.actors[c.b]);
        let _ = w.write_record([
            a.id.as_str(),
            &crate::data::cell(&a.name),
            &b.id,
            &crate::data::cell(&b.name),
            &c.statements.len().to_string(),
            &c.first.iso(),
            &c.last.iso(),
        ]);
    }
    w.into_inner().unwrap_or_default()
}

/// The network as an SVG document fragment: actors with contacts on a circle (sorted
/// by kind then name), one line per pair, thicker for more statements.
pub fn svg(site: &Site, contacts: &[Contact]) -> String {
    let size = 640.0_f64;
    let Layout {
        nodes,
        position,
        center,
        radius,
    } = layout(site, contacts, size);
    let mut out = String::new();
    // Labels sit left and right of the circle, so only they need wide margins;
    // above and below, a label's height is enough.
    let top = center - radius - 30.0;
    let height = 2.0 * radius + 104.0;
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 {top:.0} {size} {height:.0}\" class=\"network\" role=\"group\" aria-labelledby=\"network-title\"><title id=\"network-title\">{}</title>",
        escape(&site.locale.network_title(nodes.len(), contacts.len()))
    );
    out.push_str("<g class=\"edges\">");
    write_edges(&mut out, site, contacts, &position);
    out.push_str("</g><g class=\"nodes\">");
    write_nodes(&mut out, site, &nodes, &position, center);
    out.push_str("</g><g class=\"legend\">");
    write_legend(&mut out, site, &nodes, top + height - 36.0);
    if !contacts.is_empty() {
        write_line_legend(&mut out, site, top + height - 10.0);
    }
    out.push_str("</g></svg>");
    out
}

/// One line per pair, from 1 (few statements) to 6 (the most any pair has) wide,
/// titled with the pair and its number of statements.
fn write_edges(
    out: &mut String,
    site: &Site,
    contacts: &[Contact],
    position: &BTreeMap<ActorIx, (f64, f64)>,
) {
    let max = contacts
        .iter()
        .map(|c| c.statements.len())
        .max()
        .unwrap_or(1) as f64;
    for c in contacts {
        let ((x1, y1), (x2, y2)) = (position[&c.a], position[&c.b]);
        let width = 1.0 + 5.0 * c.statements.len() as f64 / max;
        // Only joint statements: the two spoke together, not to each other.
        let joint = c.statements.iter().all(|&s| {
            let speakers = &site.statements[s].speakers;
            speakers.contains(&c.a) && speakers.contains(&c.b)
        });
        let class = if joint { "joint" } else { "talk" };
        let _ = write!(
            out,
            "<line class=\"{class}\" x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke-width=\"{width:.1}\"><title>{} – {}: {}</title></line>",
            escape(&site.actors[c.a].name),
            escape(&site.actors[c.b].name),
            c.statements.len()
        );
    }
}

/// Each actor as a dot linking to their page, labelled outside the circle: to the
/// left of dots on the left half, to the right on the right, above or below at the
/// top and bottom.
fn write_nodes(
    out: &mut String,
    site: &Site,
    nodes: &[ActorIx],
    position: &BTreeMap<ActorIx, (f64, f64)>,
    center: f64,
) {
    for &a in nodes {
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
        let href = escape(&crate::route::Route::Actor(actor.id.clone()).url(&site.base));
        let _ = write!(
            out,
            "<a href=\"{href}\" class=\"node kind-{}\"><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"7\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text></a>",
            actor.kind.id(),
            x + dx,
            y + dy,
            escape(&actor.name)
        );
    }
}

/// One entry per kind of actor shown, in kind order, along the bottom at `legend_y`.
fn write_legend(out: &mut String, site: &Site, nodes: &[ActorIx], legend_y: f64) {
    let mut kinds: Vec<_> = nodes.iter().map(|&a| site.actors[a].kind).collect();
    kinds.dedup();
    kinds.sort();
    kinds.dedup();
    for (i, kind) in kinds.iter().enumerate() {
        let x = 20.0 + 150.0 * i as f64;
        let _ = write!(
            out,
            "<g class=\"kind-{}\"><circle cx=\"{x:.1}\" cy=\"{:.1}\" r=\"5\"/><text x=\"{:.1}\" y=\"{legend_y:.1}\">{}</text></g>",
            kind.id(),
            legend_y - 4.0,
            x + 10.0,
            site.locale.actor_kind_plural(kind.id())
        );
    }
}

/// What a solid and a dashed line mean, below the kinds of actor.
fn write_line_legend(out: &mut String, site: &Site, y: f64) {
    for (i, (class, id)) in [
        ("talk", "contacts-legend-talk"),
        ("joint", "contacts-legend-joint"),
    ]
    .into_iter()
    .enumerate()
    {
        let x = 20.0 + 300.0 * i as f64;
        let _ = write!(
            out,
            "<g class=\"line-key\"><line class=\"{class}\" x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke-width=\"3\"/><text x=\"{:.1}\" y=\"{y:.1}\">{}</text></g>",
            y - 5.0,
            x + 30.0,
            y - 5.0,
            x + 38.0,
            escape(&site.locale.text(id))
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::fixture::{actor, site};

    /// Four actors (indexes: ana 0, bo 1, cy 2, dee 3; by name: Ana, Cy, Dee, Zoe)
    /// and five statements, which sort by date as: ana–cy in "September 2020" (0),
    /// dee–ana (1), ana+bo–cy (2), bo alone (3), cy–ana over three days (4).
    fn network() -> Site {
        let actors = [
            actor("ana", "Ana Alpha", "person"),
            actor("bo", "Zoe Bo & Co", "person"),
            actor("cy", "Cy Gamma", "state"),
            actor("dee", "Dee Delta", "person"),
        ];
        let statements = [
            "speakers: [ana, bo]\n    with: [cy]\n    date: 2020-10-01",
            "speaker: ana\n    with: [cy]\n    date: 2020-09",
            "speaker: cy\n    with: [ana, cy]\n    date: 2020-10-05/2020-10-07",
            "speaker: dee\n    with: [ana]\n    date: 2020-09-01",
            "speaker: bo\n    date: 2020-10-02",
        ]
        .map(|s| format!("  - {s}\n    summary: s\n    source: {{outlet: o}}\n"))
        .concat();
        let briefing = format!("---\ntitle: T\ndate: 2020-10-10\nstatements:\n{statements}---\n");
        let mut files: Vec<(&str, &str)> = (actors.iter())
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        files.push(("content/briefings/t.md", &briefing));
        site(&files)
    }

    #[test]
    fn pairs_come_from_with_and_joint_speakers_with_their_first_and_last_dates() {
        let site = network();
        type Row = ((ActorIx, ActorIx), Vec<StatementIx>, String, String);
        let got: Vec<Row> = pairs(&site)
            .into_iter()
            .map(|c| ((c.a, c.b), c.statements, c.first.iso(), c.last.iso()))
            .collect();
        let pair = |a, b, s: &[usize], first: &str, last: &str| {
            ((a, b), s.to_vec(), first.to_string(), last.to_string())
        };
        assert_eq!(
            got,
            [
                // Joint speakers are a pair; a statement with no counterpart makes none.
                pair(0, 1, &[2], "2020-10-01", "2020-10-01"),
                // The month is the first contact (it sorts before its days); the
                // interval that ends last is the last, whole; `with` naming the
                // speaker is no pair.
                pair(0, 2, &[0, 2, 4], "2020-09", "2020-10-05/2020-10-07"),
                pair(0, 3, &[1], "2020-09-01", "2020-09-01"),
                pair(1, 2, &[2], "2020-10-01", "2020-10-01"),
            ]
        );
    }

    #[test]
    fn a_month_ends_after_its_days_so_it_can_be_the_last_contact() {
        let said = "    summary: s\n    source: {outlet: o}\n";
        let briefing = format!(
            "---\ntitle: T\ndate: 2020-11-01\nstatements:\n  - speaker: ana\n    with: [bo]\n    date: 2020-10\n{said}  - speaker: bo\n    with: [ana]\n    date: 2020-10-05/2020-10-07\n{said}---\n"
        );
        let (ana, bo) = (actor("ana", "Ana", "person"), actor("bo", "Bo", "person"));
        let site = site(&[
            (&ana.0, &ana.1),
            (&bo.0, &bo.1),
            ("content/briefings/t.md", &briefing),
        ]);
        let c = &pairs(&site)[0];
        assert_eq!(
            (c.first.iso(), c.last.iso()),
            ("2020-10".into(), "2020-10".into())
        );
    }

    #[test]
    fn an_actors_contacts_go_most_frequent_first_then_by_name() {
        let site = network();
        let contacts = pairs(&site);
        let of = |actor| -> Vec<(ActorIx, usize)> {
            of_actor(&site, &contacts, actor)
                .into_iter()
                .map(|(other, c)| (other, c.statements.len()))
                .collect()
        };
        // Dee Delta before Zoe Bo & Co, though `bo` comes first by id.
        assert_eq!(of(0), [(2, 3), (3, 1), (1, 1)]);
        assert_eq!(of(1), [(0, 1), (2, 1)]);
        assert_eq!(of(3), [(0, 1)]);
    }

    #[test]
    fn the_svg_is_well_formed_with_a_line_per_pair_and_a_linked_dot_per_actor() {
        let site = network();
        let svg = svg(&site, &pairs(&site));
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let root = doc.root_element();
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        assert_eq!(root.attribute("viewBox"), Some("0 120 640 444"));
        assert_eq!(
            root.attribute("role"),
            Some("group"),
            "links inside: not an image"
        );
        let title = root.first_element_child().expect("a title");
        assert_eq!(
            (title.attribute("id"), title.text()),
            (
                Some("network-title"),
                Some("Who spoke with whom: 4 actors, 4 pairs")
            )
        );
        let group = |class: &str| {
            root.children()
                .find(|n| n.attribute("class") == Some(class))
                .unwrap_or_else(|| panic!("a group of class {class}"))
        };
        type Line<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>);
        let lines: Vec<Line> = (group("edges").children())
            .map(|l| (l.attribute("class"), l.attribute("stroke-width"), text(l)))
            .collect();
        // Ana and Zoe only ever spoke together (a joint statement): dashed.
        assert_eq!(
            lines,
            [
                (
                    Some("joint"),
                    Some("2.7"),
                    Some("Ana Alpha – Zoe Bo & Co: 1")
                ),
                (Some("talk"), Some("6.0"), Some("Ana Alpha – Cy Gamma: 3")),
                (Some("talk"), Some("2.7"), Some("Ana Alpha – Dee Delta: 1")),
                (Some("talk"), Some("2.7"), Some("Zoe Bo & Co – Cy Gamma: 1")),
            ]
        );
        // People by name, then the state, clockwise from the top.
        let nodes: Vec<(&str, &str, &str, &str)> = (group("nodes").children())
            .map(|a| {
                let label = a.last_element_child().expect("a label");
                let circle = a.first_element_child().expect("a dot");
                (
                    a.attribute("href").unwrap_or_default(),
                    text(a).unwrap_or_default(),
                    label.attribute("text-anchor").unwrap_or_default(),
                    circle.attribute("cy").unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            nodes,
            [
                ("/actors/ana/", "Ana Alpha", "middle", "150.0"),
                ("/actors/dee/", "Dee Delta", "start", "320.0"),
                ("/actors/bo/", "Zoe Bo & Co", "middle", "490.0"),
                ("/actors/cy/", "Cy Gamma", "end", "320.0"),
            ]
        );
        assert!(
            svg.contains("<title>Ana Alpha – Zoe Bo &amp; Co: 1</title>"),
            "{svg}"
        );
    }

    #[test]
    fn the_key_names_the_kinds_shown_and_the_two_kinds_of_line() {
        let site = network();
        let svg = svg(&site, &pairs(&site));
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let root = doc.root_element();
        let group = |class: &str| {
            root.children()
                .find(|n| n.attribute("class") == Some(class))
                .unwrap_or_else(|| panic!("a group of class {class}"))
        };
        let legend: Vec<&str> = (group("legend").children()).filter_map(text).collect();
        assert_eq!(
            legend,
            [
                "People",
                "States",
                "Spoke to each other",
                "Joint statement only"
            ]
        );
        let keys: Vec<&str> = (root.descendants())
            .filter(|n| {
                n.has_tag_name("line")
                    && n.parent().and_then(|p| p.attribute("class")) == Some("line-key")
            })
            .filter_map(|l| l.attribute("class"))
            .collect();
        assert_eq!(keys, ["talk", "joint"]);
    }

    /// The first text inside `n`.
    fn text<'a>(n: roxmltree::Node<'a, '_>) -> Option<&'a str> {
        n.descendants().find(|d| d.is_text()).and_then(|t| t.text())
    }

    #[test]
    fn no_contacts_is_an_empty_well_formed_drawing() {
        let site = site(&[]);
        let svg = svg(&site, &pairs(&site));
        assert!(
            svg.ends_with(
                "<g class=\"edges\"></g><g class=\"nodes\"></g><g class=\"legend\"></g></svg>"
            ),
            "{svg}"
        );
        roxmltree::Document::parse(&svg).expect("well-formed SVG");
    }
}
