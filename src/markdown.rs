//! Markdown to HTML: pulldown-cmark with our extensions, syntect for fenced code,
//! heading ids, links on the first mention of each actor, and relative-date spotting.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd, TextMergeWithOffset,
};

use crate::highlight;
use crate::relative;
use crate::route::{self, ROOT_MARK};
use crate::slug::slugify;
use crate::{control, url_check};

/// How a site's Markdown is rendered: site-wide settings from site.yaml.
#[derive(Debug, Clone, Copy)]
pub struct Dialect {
    /// Raw HTML passes through; when false it is shown as text.
    pub unsafe_html: bool,
}

impl Dialect {
    /// The default dialect: raw HTML allowed.
    pub fn new() -> Self {
        Dialect { unsafe_html: true }
    }
}

impl Default for Dialect {
    fn default() -> Self {
        Dialect::new()
    }
}

/// The Markdown dialect of DESIGN.md.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}

/// Finds actor names and aliases in prose.
pub struct Mentions {
    matcher: Option<AhoCorasick>,
    /// For each pattern, the index of its actor.
    actor_of: Vec<usize>,
    urls: Vec<String>,
}

/// What a pattern of the automaton stands for: a phrase kept from linking.
const NO_ACTOR: usize = usize::MAX;

impl Mentions {
    /// `actors` gives, per actor, its URL path below the site root (`actors/x/`)
    /// and the names to look for.
    pub fn new<'a>(actors: impl IntoIterator<Item = (String, Vec<&'a str>)>) -> Mentions {
        Mentions::with_exceptions(
            actors
                .into_iter()
                .map(|(url, names)| (url, names, Vec::new())),
        )
    }

    /// As [`Mentions::new`], with per actor the phrases that contain one of its
    /// names but do not mean it (`no_link: ["Yerevan time"]`): found as whole
    /// phrases, longest first, they are left as text, and so is the name in them.
    pub fn with_exceptions<'a>(
        actors: impl IntoIterator<Item = (String, Vec<&'a str>, Vec<&'a str>)>,
    ) -> Mentions {
        let mut patterns = Vec::new();
        let mut actor_of = Vec::new();
        let mut urls = Vec::new();
        let mut add = |name: &str, index: usize| {
            // Smart punctuation turns ' into ’ in the text we search.
            let curly = name.replace('\'', "’");
            if curly != name {
                patterns.push(curly);
                actor_of.push(index);
            }
            patterns.push(name.to_string());
            actor_of.push(index);
        };
        for (index, (url, names, exceptions)) in actors.into_iter().enumerate() {
            urls.push(url);
            for name in names {
                if name.trim().chars().count() >= 3 {
                    add(name, index);
                }
            }
            for phrase in exceptions {
                if !phrase.trim().is_empty() {
                    add(phrase.trim(), NO_ACTOR);
                }
            }
        }
        let matcher = (!patterns.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&patterns)
                .expect("literal patterns always build")
        });
        Mentions {
            matcher,
            actor_of,
            urls,
        }
    }
}

/// A rendered Markdown document.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    /// The first paragraph as plain text, for summaries and feeds.
    pub first_paragraph: String,
    /// Indexes (into the `Mentions` actors) of every actor named in the prose, sorted.
    pub mentioned: Vec<usize>,
    /// Relative-date phrases, with byte offsets into the Markdown source.
    pub relative_dates: Vec<relative::Hit>,
    /// The ids of all headings, for anchor checks.
    pub heading_ids: Vec<String>,
    /// Links and images left out for their URL scheme, with source offsets.
    pub refused: Vec<Refused>,
    /// Control characters left out of the text: `(source offset, character)`.
    pub removed_controls: Vec<(usize, char)>,
}

/// A link or image whose URL uses a refused scheme (`javascript:`): only its text
/// (or its image description) is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// Byte offset of the link in the Markdown source.
    pub offset: usize,
    pub scheme: String,
    pub image: bool,
}

/// Renders `source`; `mentions` (if any) links the first mention of each actor.
/// Links into the site (mentions, and root-relative links and images such as
/// `/timeline/`) are logical: they start with [`ROOT_MARK`] where the site root
/// goes, resolved for the page that shows the body by [`crate::route::resolve_links`],
/// so the HTML does not depend on `base_url` or on the page.
/// Control characters are left out, and so are links and images with a refused
/// URL scheme (their text stays); offsets in the result are in `source`.
pub fn render(source: &str, mentions: Option<&Mentions>, dialect: Dialect) -> Rendered {
    let cleaned = control::strip(source);
    let mut rendered = render_clean(&cleaned.text, mentions, dialect);
    if !cleaned.removed.is_empty() {
        for hit in &mut rendered.relative_dates {
            hit.offset = cleaned.original_offset(hit.offset);
        }
        for r in &mut rendered.refused {
            r.offset = cleaned.original_offset(r.offset);
        }
        rendered.removed_controls = cleaned.removed;
    }
    rendered
}

fn render_clean(source: &str, mentions: Option<&Mentions>, dialect: Dialect) -> Rendered {
    let parser = TextMergeWithOffset::new(Parser::new_ext(source, options()).into_offset_iter());
    let mut walk = Walk {
        source,
        mentions,
        dialect,
        out: Vec::new(),
        rendered: Rendered::default(),
        linked: HashMap::new(),
        ids: HeadingIds::default(),
        code: None,
        link_depth: 0,
        heading: None,
        paragraphs_seen: 0,
        in_first_paragraph: false,
        kept: Vec::new(),
        rooted: Vec::new(),
        task_label: false,
        pending: String::new(),
    };
    for (event, range) in parser.map(|(e, r)| (without_controls(e), r)) {
        walk.event(event, range);
    }
    walk.flush_mentions();
    let Walk {
        out,
        mut rendered,
        rooted,
        ..
    } = walk;
    rendered.mentioned.sort_unstable();
    rendered.mentioned.dedup();
    rendered.html.reserve(source.len() * 3 / 2);
    write_html(out, &rooted, &mut rendered.html);
    // Bodies stay in memory until every page is rendered: keep no slack.
    rendered.html.shrink_to_fit();
    rendered
}

/// Whether `event` ends the inline text of a task-list item, where its label closes.
fn ends_task_label(event: &Event<'_>) -> bool {
    matches!(
        event,
        Event::End(TagEnd::Paragraph | TagEnd::Item)
            | Event::Start(
                Tag::Paragraph
                    | Tag::List(_)
                    | Tag::Heading { .. }
                    | Tag::BlockQuote(_)
                    | Tag::CodeBlock(_)
                    | Tag::HtmlBlock
                    | Tag::Table(_)
            )
            | Event::Rule
    )
}

/// One pass over a document's events: what is kept, changed or added goes to `out`.
struct Walk<'s, 'm> {
    source: &'s str,
    mentions: Option<&'m Mentions>,
    dialect: Dialect,
    out: Vec<Event<'s>>,
    rendered: Rendered,
    linked: HashMap<usize, ()>,
    ids: HeadingIds,
    // Where we are: inside code, a link, a heading or the first paragraph.
    /// Inside a code block: its language and text so far.
    code: Option<(String, String)>,
    link_depth: usize,
    /// Inside a heading: the index in `out` of its start.
    heading: Option<usize>,
    paragraphs_seen: usize,
    in_first_paragraph: bool,
    /// Per open link or image: whether its tags are kept (false: refused scheme).
    kept: Vec<bool>,
    /// Indexes in `out` of the links and images made logical.
    rooted: Vec<usize>,
    /// A task-list item's `<label>` is open (see [`Walk::task_marker`]).
    task_label: bool,
    /// Prose text not yet searched for mentions, soft line breaks in it as `\n`:
    /// searched as one run so a name broken across lines is found.
    pending: String,
}

impl<'s> Walk<'s, '_> {
    fn event(&mut self, event: Event<'s>, range: std::ops::Range<usize>) {
        match event {
            Event::Text(_) => {}
            Event::SoftBreak if !self.pending.is_empty() => {
                if self.in_first_paragraph {
                    self.rendered.first_paragraph.push(' ');
                }
                self.pending.push('\n');
                return;
            }
            _ => self.flush_mentions(),
        }
        if self.code.is_some() {
            self.in_code(event);
            return;
        }
        if self.task_label && ends_task_label(&event) {
            self.out
                .push(Event::InlineHtml(CowStr::Borrowed("</label>")));
            self.task_label = false;
        }
        match event {
            Event::TaskListMarker(checked) => self.task_marker(checked),
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. })
                if refuse(dest_url, &event, range.start, &mut self.rendered.refused) =>
            {
                self.kept.push(false);
            }
            Event::End(TagEnd::Link | TagEnd::Image) if self.kept.pop() == Some(false) => {}
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => self.link_start(event),
            Event::End(TagEnd::Link) => {
                self.link_depth = self.link_depth.saturating_sub(1);
                self.out.push(event);
            }
            Event::InlineHtml(_)
            | Event::Html(_)
            | Event::Start(Tag::HtmlBlock | Tag::Heading { .. })
            | Event::End(TagEnd::HtmlBlock | TagEnd::Heading(_)) => self.markup(event),
            Event::Text(text) => self.text(text, range),
            other => self.in_flow(other),
        }
    }

    /// A task-list checkbox gets its accessible name from its item's text: the
    /// checkbox and the text up to the item's end (or its first block inside) are
    /// wrapped in a `<label>`. The name is then the author's own words, in the
    /// content's language, with no locale needed at parse time; feeds and any
    /// other reader of the HTML get it too.
    fn task_marker(&mut self, checked: bool) {
        let input = if checked {
            "<label class=\"task\"><input type=\"checkbox\" disabled checked> "
        } else {
            "<label class=\"task\"><input type=\"checkbox\" disabled> "
        };
        self.out.push(Event::InlineHtml(CowStr::Borrowed(input)));
        self.task_label = true;
    }

    /// Inside a fenced or indented code block: collect, then highlight at its end.
    fn in_code(&mut self, event: Event<'s>) {
        let Some((lang, buf)) = &mut self.code else {
            return;
        };
        match event {
            Event::Text(t) => buf.push_str(&t),
            Event::End(TagEnd::CodeBlock) => {
                let html = highlight::code_block(buf, lang);
                self.out.push(Event::Html(CowStr::from(html)));
                self.code = None;
            }
            _ => {}
        }
    }

    /// A kept link or image: root-relative URLs become logical.
    fn link_start(&mut self, event: Event<'s>) {
        self.kept.push(true);
        let at = self.out.len();
        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.link_depth += 1;
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: logical(dest_url, at, &mut self.rooted),
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: logical(dest_url, at, &mut self.rooted),
                title,
                id,
            }),
            other => other,
        };
        self.out.push(event);
    }

    /// Raw HTML and headings: raw HTML is shown as text unless the dialect allows
    /// it; headings get ids.
    fn markup(&mut self, event: Event<'s>) {
        let safe = !self.dialect.unsafe_html;
        match event {
            // Contributed text: raw HTML is shown, never run.
            Event::InlineHtml(html) | Event::Html(html) if safe => {
                self.out.push(Event::Text(html));
            }
            Event::Start(Tag::HtmlBlock) if safe => self.out.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) if safe => self.out.push(Event::End(TagEnd::Paragraph)),
            // `{#id .class onclick=…}`: only the id and classes of a heading are kept.
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) if safe => {
                self.heading = Some(self.out.len());
                self.out.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs: Vec::new(),
                }));
            }
            Event::InlineHtml(ref html) => {
                // Raw `<a …>` in the text: no mention links inside it either.
                let tag = html.trim_start().to_ascii_lowercase();
                if tag.starts_with("<a ") || tag.starts_with("<a>") {
                    self.link_depth += 1;
                } else if tag.starts_with("</a") {
                    self.link_depth = self.link_depth.saturating_sub(1);
                }
                self.out.push(event);
            }
            Event::Start(Tag::Heading { .. }) => {
                self.heading = Some(self.out.len());
                self.out.push(event);
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(start) = self.heading.take() {
                    let (ids, all) = (&mut self.ids, &mut self.rendered.heading_ids);
                    name_heading(&mut self.out, start, ids, all);
                }
                self.out.push(event);
            }
            other => self.out.push(other),
        }
    }

    /// Text: the first paragraph's plain text, relative dates, actor mentions.
    fn text(&mut self, text: CowStr<'s>, range: std::ops::Range<usize>) {
        if self.in_first_paragraph {
            self.rendered.first_paragraph.push_str(&text);
        }
        let in_prose = self.heading.is_none() && self.link_depth == 0;
        if in_prose {
            for mut hit in relative::scan(&self.source[range.clone()]) {
                hit.offset += range.start;
                self.rendered.relative_dates.push(hit);
            }
        }
        match self.mentions {
            Some(_) if in_prose => self.pending.push_str(&text),
            _ => {
                self.flush_mentions();
                self.out.push(Event::Text(text));
            }
        }
    }

    /// Links the mentions in the pending run of prose and emits it.
    fn flush_mentions(&mut self) {
        let Some(m) = self.mentions else {
            return;
        };
        if self.pending.is_empty() {
            return;
        }
        let run = std::mem::take(&mut self.pending);
        link_mentions(
            CowStr::from(run),
            m,
            &mut self.linked,
            &mut self.rendered.mentioned,
            &mut self.out,
        );
    }

    /// Paragraphs, inline code and breaks: tracked for the first paragraph.
    fn in_flow(&mut self, event: Event<'s>) {
        match event {
            Event::Start(Tag::Paragraph) => {
                self.paragraphs_seen += 1;
                self.in_first_paragraph = self.paragraphs_seen == 1 && self.heading.is_none();
            }
            Event::End(TagEnd::Paragraph) => self.in_first_paragraph = false,
            Event::Code(ref text) if self.in_first_paragraph => {
                self.rendered.first_paragraph.push_str(text);
            }
            Event::SoftBreak | Event::HardBreak if self.in_first_paragraph => {
                self.rendered.first_paragraph.push(' ');
            }
            _ => {}
        }
        self.out.push(event);
    }
}

/// Records and returns whether the link or image starting with `event` has a
/// refused scheme (`javascript:`, `data:` …).
fn refuse(url: &str, event: &Event<'_>, offset: usize, refused: &mut Vec<Refused>) -> bool {
    let Some(scheme) = url_check::refused_scheme(url) else {
        return false;
    };
    refused.push(Refused {
        offset,
        scheme,
        image: matches!(event, Event::Start(Tag::Image { .. })),
    });
    true
}

/// `/x` → [`ROOT_MARK`]`x`, noting `index` as a logical link; anything else
/// (relative, absolute, `//host`, `#id`) as is.
fn logical<'a>(url: CowStr<'a>, index: usize, rooted: &mut Vec<usize>) -> CowStr<'a> {
    if !url.starts_with('/') || url.starts_with("//") {
        return url;
    }
    rooted.push(index);
    CowStr::from(format!("{ROOT_MARK}{}", &url[1..]))
}

/// How `escape_href` writes [`ROOT_MARK`]: percent-encoded, in a write of its own.
const ESCAPED_MARK: &str = "%1A";

/// Writes `events` as HTML. The links and images at the indexes in `rooted` start
/// with [`ROOT_MARK`], which the HTML writer percent-encodes like any control
/// character: in their `href`/`src` it is written back as the mark itself (only
/// there, so a `%1A` written in content stays as it is).
fn write_html(events: Vec<Event<'_>>, rooted: &[usize], html: &mut String) {
    struct Marks<'s> {
        out: &'s mut String,
        pending: &'s Cell<bool>,
    }
    impl std::fmt::Write for Marks<'_> {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            if self.pending.get() && s == ESCAPED_MARK {
                self.pending.set(false);
                self.out.push(ROOT_MARK);
            } else {
                self.out.push_str(s);
            }
            Ok(())
        }
    }
    let pending = Cell::new(false);
    let mut next = rooted.iter().copied().peekable();
    // The writer handles an event before it takes the next one, so the flag is
    // set exactly while the logical link's own tag is written.
    let events = events.into_iter().enumerate().map(|(i, e)| {
        let mine = next.next_if_eq(&i).is_some();
        pending.set(mine);
        e
    });
    let writer = Marks {
        out: html,
        pending: &pending,
    };
    // Writing into a `String` cannot fail.
    let _ = pulldown_cmark::html::write_html_fmt(writer, events);
}

/// `event` with control characters left out of its text: a character reference
/// (`&#27;`) decodes to one only after the source was cleaned.
fn without_controls(event: Event<'_>) -> Event<'_> {
    fn clean(text: CowStr<'_>) -> CowStr<'_> {
        if control::has_forbidden(&text) {
            CowStr::from(
                text.chars()
                    .filter(|&c| !control::is_forbidden(c))
                    .collect::<String>(),
            )
        } else {
            text
        }
    }
    match event {
        Event::Text(t) => Event::Text(clean(t)),
        Event::Code(t) => Event::Code(clean(t)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url,
            title: clean(title),
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url,
            title: clean(title),
            id,
        }),
        other => other,
    }
}

/// Gives the heading starting at `out[start]` an id from its text unless it has
/// one, never one already used on the page.
fn name_heading(out: &mut [Event<'_>], start: usize, ids: &mut HeadingIds, all: &mut Vec<String>) {
    let text: String = out[start + 1..]
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    if let Event::Start(Tag::Heading { id, .. }) = &mut out[start] {
        let base = match id {
            Some(given) => given.to_string(),
            None => {
                let s = slugify(&text);
                if s.is_empty() {
                    "section".to_string()
                } else {
                    s
                }
            }
        };
        let unique = ids.claim(base);
        *id = Some(CowStr::from(unique.clone()));
        all.push(unique);
    }
}

/// The heading ids taken on one page, and per base id the next suffix to try, so a
/// page of thousands of identical headings costs linear time, not quadratic.
#[derive(Default)]
struct HeadingIds {
    used: HashSet<String, ahash::RandomState>,
    next: HashMap<String, usize, ahash::RandomState>,
}

impl HeadingIds {
    /// `base` if it is free, else `base-1`, `base-2`… the first free one.
    fn claim(&mut self, base: String) -> String {
        // Statement anchors own every `s-…` id; suffixes would keep the prefix.
        let base = if route::is_statement_anchor(&base) {
            format!("h-{base}")
        } else {
            base
        };
        let mut unique = base.clone();
        let mut n = self.next.get(&base).copied().unwrap_or(0);
        while route::is_reserved_id(&unique) || self.used.contains(&unique) {
            n += 1;
            unique = format!("{base}-{n}");
        }
        self.next.insert(base, n);
        self.used.insert(unique.clone());
        unique
    }
}

fn link_mentions<'a>(
    text: CowStr<'a>,
    mentions: &Mentions,
    linked: &mut HashMap<usize, ()>,
    mentioned: &mut Vec<usize>,
    out: &mut Vec<Event<'a>>,
) {
    let Some(matcher) = &mentions.matcher else {
        out.push(Event::Text(text));
        return;
    };
    let mut last = 0;
    let s: &str = &text;
    // A soft line break is a `\n` in the run (see `Walk::pending`): a name broken
    // across lines is found as if written with a space (same byte offsets).
    let spaced = s.contains('\n').then(|| s.replace('\n', " "));
    let hay = spaced.as_deref().unwrap_or(s);
    let mut pieces: Vec<Event<'a>> = Vec::new();
    for m in matcher.find_iter(hay) {
        if !is_word_boundary(hay, m.start(), m.end()) {
            continue;
        }
        let actor = mentions.actor_of[m.pattern().as_usize()];
        if actor == NO_ACTOR {
            continue;
        }
        mentioned.push(actor);
        if linked.insert(actor, ()).is_some() {
            continue;
        }
        pieces.push(Event::Text(CowStr::from(s[last..m.start()].to_string())));
        let mut href = String::new();
        pulldown_cmark_escape::escape_href(&mut href, &mentions.urls[actor]).expect("String write");
        pieces.push(Event::Html(CowStr::from(format!(
            "<a class=\"mention\" href=\"{ROOT_MARK}{href}\">"
        ))));
        pieces.push(Event::Text(CowStr::from(s[m.start()..m.end()].to_string())));
        pieces.push(Event::Html(CowStr::from("</a>")));
        last = m.end();
    }
    if pieces.is_empty() {
        out.push(Event::Text(text));
        return;
    }
    pieces.push(Event::Text(CowStr::from(s[last..].to_string())));
    out.extend(pieces);
}

fn is_word_boundary(s: &str, start: usize, end: usize) -> bool {
    let before = s[..start].chars().next_back();
    let after = s[end..].chars().next();
    before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_extensions() {
        let r = render(
            "# Title {#custom}\n\n## Calls\n\n## Calls\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ \"q\"[^1]\n\n[^1]: note\n\n> [!NOTE]\n> alert\n",
            None,
            Dialect::new(),
        );
        assert!(r.html.contains("<h1 id=\"custom\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"calls\">"));
        assert!(r.html.contains("<h2 id=\"calls-1\">"));
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>x</del>"));
        assert!(r.html.contains("“q”"));
        assert!(r.html.contains("footnote"));
        assert!(r.html.contains("markdown-alert-note"));
        assert_eq!(r.heading_ids, ["custom", "calls", "calls-1"]);
    }

    #[test]
    fn a_task_checkbox_is_labelled_by_its_item_s_text() {
        let md = "- [x] Readouts *compared*\n- [ ] Second source\n  - [ ] nested\n\n1. [ ] loose\n\n   more\n";
        for unsafe_html in [false, true] {
            let mut dialect = Dialect::new();
            dialect.unsafe_html = unsafe_html;
            let r = render(md, None, dialect);
            assert_eq!(
                r.html,
                "<ul>\n<li><label class=\"task\"><input type=\"checkbox\" disabled checked> Readouts <em>compared</em></label></li>\n\
                 <li><label class=\"task\"><input type=\"checkbox\" disabled> Second source</label>\n\
                 <ul>\n<li><label class=\"task\"><input type=\"checkbox\" disabled> nested</label></li>\n</ul>\n</li>\n</ul>\n\
                 <ol>\n<li>\n<p><label class=\"task\"><input type=\"checkbox\" disabled> loose</label></p>\n<p>more</p>\n</li>\n</ol>\n"
            );
        }
    }

    #[test]
    fn heading_ids_are_unique_and_avoid_the_page_s_own() {
        let r = render(
            "# Intro {#a-1}\n\n# A\n\n# A\n\n## Sources\n\n## S 1 {#s-1}\n",
            None,
            Dialect::new(),
        );
        assert_eq!(r.heading_ids, ["a-1", "a", "a-2", "sources-1", "h-s-1"]);
    }

    #[test]
    fn no_mentions_inside_raw_html_links() {
        let m = Mentions::new([("actors/macron/".to_string(), vec!["Macron"])]);
        let r = render(
            "<a href=\"https://e.org\">Macron said</a> then Macron.",
            Some(&m),
            Dialect::new(),
        );
        assert_eq!(r.html.matches("class=\"mention\"").count(), 1, "{}", r.html);
        assert!(
            r.html
                .contains("then <a class=\"mention\" href=\"\u{1a}actors/macron/\">Macron</a>.")
        );
    }

    /// A name broken across two lines of a paragraph is one mention (issue 15).
    #[test]
    fn a_name_across_a_soft_line_break_is_one_mention() {
        let m = Mentions::new([(
            "actors/nikol-pashinyan/".to_string(),
            vec!["Nikol Pashinyan", "Pashinyan"],
        )]);
        let r = render(
            "Talks with Nikol\nPashinyan went on.\n",
            Some(&m),
            Dialect::new(),
        );
        assert_eq!(
            r.html,
            format!(
                "<p>Talks with <a class=\"mention\" href=\"{ROOT_MARK}actors/nikol-pashinyan/\">Nikol\nPashinyan</a> went on.</p>\n"
            )
        );
        assert_eq!(r.first_paragraph, "Talks with Nikol Pashinyan went on.");
    }

    /// A phrase listed under an actor's `no_link:` stays text, and so does the
    /// alias inside it; the alias elsewhere still links.
    #[test]
    fn phrases_kept_from_linking_stay_text() {
        let m = Mentions::with_exceptions([(
            "actors/armenia/".to_string(),
            vec!["Armenia", "Yerevan"],
            vec!["Yerevan time"],
        )]);
        let r = render(
            "At 01:00 Yerevan time the talks in Yerevan began.\n",
            Some(&m),
            Dialect::new(),
        );
        assert_eq!(
            r.html,
            format!(
                "<p>At 01:00 Yerevan time the talks in <a class=\"mention\" href=\"{ROOT_MARK}actors/armenia/\">Yerevan</a> began.</p>\n"
            )
        );
        let alone = render("At 01:00 Yerevan time.\n", Some(&m), Dialect::new());
        assert!(alone.mentioned.is_empty(), "{:?}", alone.mentioned);
    }

    #[test]
    fn highlights_fenced_code() {
        let r = render("```rust\nfn main() {}\n```\n", None, Dialect::new());
        assert!(r.html.contains("data-lang=\"rust\""));
        assert!(r.html.contains("hl-"));
    }

    #[test]
    fn first_paragraph_is_plain_text() {
        let r = render(
            "## Head\n\nFirst *para* with `code`.\n\nSecond.",
            None,
            Dialect::new(),
        );
        assert_eq!(r.first_paragraph, "First para with code.");
    }

    #[test]
    fn links_only_the_first_mention_outside_code_links_and_headings() {
        let m = Mentions::new([
            ("actors/putin/".to_string(), vec!["Vladimir Putin", "Putin"]),
            ("actors/obrien/".to_string(), vec!["O'Brien"]),
        ]);
        let src =
            "## Putin\n\n`Putin` and [Putin](/x) then Putin met O'Brien; Putin again. Putinism.";
        let r = render(src, Some(&m), Dialect::new());
        let html = at("/", &r.html, "briefings/b/index.html");
        assert_eq!(html.matches("class=\"mention\"").count(), 2, "{html}");
        assert!(html.contains("then <a class=\"mention\" href=\"/actors/putin/\">Putin</a> met"));
        assert!(html.contains("<a class=\"mention\" href=\"/actors/obrien/\">O’Brien</a>"));
        assert!(html.contains("<h2 id=\"putin\">Putin</h2>"));
        let relative = at("relative", &r.html, "briefings/b/index.html");
        assert!(relative.contains("href=\"../../actors/putin/index.html\">Putin</a> met"));
        assert_eq!(r.mentioned, [0, 1]);
    }

    /// `html` with its logical links resolved for the page at `page` of a site at
    /// `base_url`.
    fn at(base_url: &str, html: &str, page: &str) -> String {
        let base = crate::route::BaseUrl::parse(base_url).unwrap();
        crate::route::resolve_links(html, &base, page).into_owned()
    }

    #[test]
    fn root_relative_links_are_logical_until_resolved_for_a_page() {
        let r = render(
            "[t](/timeline/) [r](rel/) [a](https://x.org/) [p](//cdn/x) ![i](/img.png) [m](%1Ax)",
            None,
            Dialect::new(),
        );
        assert!(r.html.contains("href=\"\u{1a}timeline/\""), "{}", r.html);
        // A `%1A` written in content is not a mark.
        assert!(r.html.contains("href=\"%1Ax\""), "{}", r.html);
        let html = at("https://e.org/nk", &r.html, "briefings/x/index.html");
        assert!(html.contains("href=\"/nk/timeline/\""), "{html}");
        assert!(html.contains("href=\"rel/\""));
        assert!(html.contains("href=\"https://x.org/\""));
        assert!(html.contains("href=\"//cdn/x\""));
        assert!(html.contains("src=\"/nk/img.png\""));
        assert_eq!(
            at("/", &r.html, "x/index.html"),
            r.html.replace('\u{1a}', "/")
        );
    }

    #[test]
    fn root_relative_links_become_relative_to_the_page() {
        let r = render(
            "[t](/timeline/) [s](/briefings/x/#s-1) [h](/) [r](rel/) [a](https://x.org/) ![i](/img/a.png) [q](/it's/#a) [p](</a)b/>)",
            None,
            Dialect::new(),
        );
        let html = at("relative", &r.html, "briefings/y/index.html");
        for want in [
            "href=\"../../timeline/index.html\"",
            "href=\"../../briefings/x/index.html#s-1\"",
            "href=\"../../index.html\"",
            "href=\"rel/\"",
            "href=\"https://x.org/\"",
            "src=\"../../img/a.png\"",
            "href=\"../../it&#x27;s/index.html#a\"",
            "href=\"../../a)b/index.html\"",
        ] {
            assert!(html.contains(want), "{want} in {html}");
        }
        assert!(
            at("relative", &r.html, "about/index.html").contains("href=\"../timeline/index.html\"")
        );
    }

    #[test]
    fn refused_schemes_keep_only_their_text() {
        let src = "[a](javascript:alert(1)) [b](JAVA&#9;SCRIPT:x) <vbscript:y> ![c](data:image/png;base64,AA) [![d](/d.png)](data:x) [e](https://e.org/)";
        let r = render(src, None, Dialect::new());
        assert_eq!(
            at("/", &r.html, "x/index.html"),
            "<p>a b vbscript:y c <img src=\"/d.png\" alt=\"d\" /> <a href=\"https://e.org/\">e</a></p>\n"
        );
        let refused: Vec<(&str, &str, bool)> = r
            .refused
            .iter()
            .map(|x| (&src[x.offset..][..4], x.scheme.as_str(), x.image))
            .collect();
        assert_eq!(
            refused,
            [
                ("[a](", "javascript", false),
                ("[b](", "javascript", false),
                ("<vbs", "vbscript", false),
                ("![c]", "data", true),
                ("[![d", "data", false)
            ]
        );
    }

    #[test]
    fn raw_html_is_text_when_unsafe_html_is_off() {
        let dialect = Dialect { unsafe_html: false };
        let r = render(
            "<script>alert(1)</script>\n\nA <b onclick=\"x()\">b</b>.\n\n# H {#h .c onclick=y}\n",
            None,
            dialect,
        );
        assert_eq!(
            r.html,
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;\n</p>\n<p>A &lt;b onclick=\"x()\"&gt;b&lt;/b&gt;.</p>\n<h1 id=\"h\" class=\"c\">H</h1>\n"
        );
        let on = render("<b>b</b>", None, Dialect::new());
        assert_eq!(on.html, "<p><b>b</b></p>\n");
    }

    #[test]
    fn control_characters_are_left_out_and_offsets_still_point_into_the_source() {
        let src = "A\u{1b}[31m b\u{0}c\n\nFighting began on Sunday [x](javascript:y).\n";
        let r = render(src, None, Dialect::new());
        assert!(r.html.starts_with("<p>A[31m bc</p>"), "{}", r.html);
        assert_eq!(r.removed_controls, [(1, '\u{1b}'), (8, '\0')]);
        assert_eq!(&src[r.relative_dates[0].offset..][..9], "on Sunday");
        assert_eq!(&src[r.refused[0].offset..][..3], "[x]");
    }

    #[test]
    fn spots_relative_dates_with_source_offsets() {
        let src = "Intro.\n\nFighting began on Sunday.\n";
        let r = render(src, None, Dialect::new());
        assert_eq!(r.relative_dates.len(), 1);
        assert_eq!(&src[r.relative_dates[0].offset..][..9], "on Sunday");
    }

    /// Regression: a character reference decodes to a control character only after
    /// the source was cleaned (`&#27;`, `&#26;`, which relative mode's root mark is).
    #[test]
    fn character_references_to_control_characters_are_left_out() {
        let r = render(
            "Text &#27;[2J &#26;x `&#1;` [a](/b \"t&#27;\")\n",
            None,
            Dialect::new(),
        );
        // The only control character left is the root mark of the logical link.
        let html = at("/", &r.html, "x/index.html");
        assert!(!html.chars().any(control::is_forbidden), "{html}");
        assert!(html.contains("<a href=\"/b\" title=\"t\">"), "{html}");
        assert!(r.html.contains("Text [2J x"), "{}", r.html);
    }
}
