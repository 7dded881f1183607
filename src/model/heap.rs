//! Where a model's bytes go: an estimate of the heap each part of a `Site` holds
//! (allocated capacities, not lengths), printed with `SITROOM_TIMINGS` so a change
//! to the model's shape can be measured. Allocator overhead is not counted.

use std::collections::BTreeMap;
use std::mem::size_of;

use super::{Actor, Briefing, Site, Source, Statement};

/// Bytes by part of the model, in a fixed order.
#[derive(Default)]
pub(crate) struct Report(BTreeMap<&'static str, usize>);

impl Report {
    fn add(&mut self, part: &'static str, bytes: usize) {
        *self.0.entry(part).or_default() += bytes;
    }

    /// One line per part, largest first, and the total, each a `timing:` line
    /// like the build's others.
    pub(crate) fn lines(&self) -> String {
        let mut parts: Vec<_> = self.0.iter().collect();
        parts.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let total: usize = self.0.values().sum();
        let mut out = format!("timing: model heap {} kB\n", total / 1024);
        for (part, bytes) in parts {
            out.push_str(&format!("timing:   {part:<28} {:>9} kB\n", bytes / 1024));
        }
        out
    }
}

fn text(s: &str) -> usize {
    s.len()
}

fn string(s: &String) -> usize {
    s.capacity()
}

fn opt_string(s: &Option<String>) -> usize {
    s.as_ref().map_or(0, string)
}

fn strings(v: &Vec<String>) -> usize {
    v.capacity() * size_of::<String>() + v.iter().map(string).sum::<usize>()
}

fn vec<T>(v: &Vec<T>) -> usize {
    v.capacity() * size_of::<T>()
}

fn source(s: &Source) -> usize {
    opt_string(&s.id) + string(&s.outlet) + opt_string(&s.url) + opt_string(&s.archive)
}

/// The heap a site's model holds, by part.
pub(crate) fn report(site: &Site) -> Report {
    let mut r = Report::default();
    r.add("briefings (structs)", vec(&site.briefings));
    site.briefings.iter().for_each(|b| briefing(&mut r, b));
    r.add("statements (structs)", vec(&site.statements));
    site.statements.iter().for_each(|s| statement(&mut r, s));
    r.add("actors (structs)", vec(&site.actors));
    site.actors.iter().for_each(|a| actor(&mut r, a));
    for (slug, tag) in &site.tags {
        r.add(
            "tags",
            string(slug) + string(&tag.name) + vec(&tag.briefings) + 64,
        );
    }
    for p in &site.pages {
        r.add(
            "pages",
            text(&p.body_html) + string(&p.slug) + string(&p.title),
        );
    }
    r
}

fn briefing(r: &mut Report, b: &Briefing) {
    // Nothing once spilled to disk (a one-off build).
    r.add("briefing.body_html (packed)", b.body_html.held_len());
    r.add("briefing.path", b.path.capacity());
    r.add("briefing.slug", string(&b.slug));
    r.add("briefing.title", string(&b.title));
    r.add("briefing.summary", string(&b.summary));
    r.add("briefing.tags", strings(&b.tags));
    r.add(
        "briefing.actors+mentioned",
        vec(&b.actors) + vec(&b.mentioned),
    );
    r.add(
        "briefing.sources",
        vec(&b.sources) + b.sources.iter().map(source).sum::<usize>(),
    );
    r.add("briefing.statements", vec(&b.statements));
    r.add(
        "briefing.corrections",
        vec(&b.corrections) + b.corrections.iter().map(|c| string(&c.note)).sum::<usize>(),
    );
}

fn statement(r: &mut Report, s: &Statement) {
    r.add("statement.id", string(&s.id));
    r.add("statement.speakers+with", vec(&s.speakers) + vec(&s.with));
    r.add("statement.quote", opt_string(&s.quote));
    r.add("statement.summary", opt_string(&s.summary));
    r.add("statement.source", s.source.as_ref().map_or(0, source));
    r.add("statement.disputes", vec(&s.disputes) + vec(&s.disputed_by));
    let fc = s
        .factcheck
        .as_ref()
        .map_or(0, |f| opt_string(&f.note) + opt_string(&f.url));
    let orig = s
        .original
        .as_ref()
        .map_or(0, |o| string(&o.lang) + string(&o.text));
    r.add("statement.factcheck+original", fc + orig);
}

fn actor(r: &mut Report, a: &Actor) {
    r.add(
        "actor.bio_html",
        string(&a.bio_html) + string(&a.first_paragraph),
    );
    r.add(
        "actor.statements+briefings",
        vec(&a.statements) + vec(&a.briefings),
    );
    r.add(
        "actor.other",
        string(&a.id) + string(&a.name) + strings(&a.aliases) + vec(&a.roles),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_counts_each_part_and_the_total() {
        let mut r = Report::default();
        r.add("a", 4096);
        r.add("b", 1024);
        r.add("a", 4096);
        assert_eq!(
            r.lines(),
            "timing: model heap 9 kB\ntiming:   a                                    8 kB\ntiming:   b                                    1 kB\n"
        );
    }
}
