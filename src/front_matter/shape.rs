//! A cheap look at a YAML block before it is deserialized: how deep it nests and
//! how big its aliases make it. Both are attacks on the YAML parser rather than
//! content: 100,000 nested `[` take libyaml minutes (its simple-key bookkeeping is
//! quadratic in depth), and a few `*alias`es of aliases expand 100 KB into gigabytes.
//!
//! The scan is textual and linear: quoted scalars, comments and block scalars are
//! masked out, then anchors (`&name`), aliases (`*name`) and flow brackets are read
//! from what is left. It over-estimates rather than misses: an anchored node's size
//! is the text it spans, with the aliases inside it expanded.

use std::collections::HashMap;

/// Deeper than any front matter needs (statements nest four levels), far below
/// where parsing gets slow.
pub const MAX_DEPTH: usize = 100;

/// The most a block may expand to through aliases: 1 MB, or 100 times its own size.
pub fn max_expanded(len: usize) -> u64 {
    (1 << 20).max(100 * len as u64)
}

/// What is wrong with a block's shape, at a byte offset into the block.
#[derive(Debug, PartialEq, Eq)]
pub enum Problem {
    TooDeep {
        offset: usize,
    },
    TooBig {
        offset: usize,
        expanded: u64,
        limit: u64,
    },
}

/// Checks `yaml` for nesting deeper than [`MAX_DEPTH`] and for aliases that expand
/// it past [`max_expanded`].
pub fn check(yaml: &str) -> Result<(), Problem> {
    // Nothing to look at in the common case: no aliases and no flow collections.
    let b = yaml.as_bytes();
    if !b.iter().any(|&c| matches!(c, b'*' | b'[' | b'{' | b'-')) {
        return Ok(());
    }
    let code = mask(b);
    check_depth(&code)?;
    if code.contains(&b'*') {
        check_aliases(&code)?;
    }
    Ok(())
}

/// `yaml` with the insides of quoted scalars, comments and block scalars replaced
/// by `_` (newlines kept), so brackets, `&` and `*` in text are not read as syntax.
fn mask(b: &[u8]) -> Vec<u8> {
    let mut out = b.to_vec();
    let mut i = 0;
    // Whether the next non-space byte starts a node (where a quote opens a scalar).
    let mut node_start = true;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\n' => {
                node_start = true;
                i += 1;
            }
            b' ' | b'\t' | b'\r' => i += 1,
            b'#' if i == 0 || b[i - 1].is_ascii_whitespace() => {
                while i < b.len() && b[i] != b'\n' {
                    out[i] = b'_';
                    i += 1;
                }
            }
            b'\'' | b'"' if node_start => {
                i = mask_quoted(b, &mut out, i);
                node_start = false;
            }
            b'|' | b'>' if node_start => i = mask_block_scalar(b, &mut out, i),
            b'-' | b'?' | b':' if b.get(i + 1).is_none_or(|x| x.is_ascii_whitespace()) => {
                node_start = true;
                i += 1;
            }
            b'[' | b'{' | b',' => {
                node_start = true;
                i += 1;
            }
            b'&' | b'!' if node_start => {
                // An anchor or tag comes before the node it names.
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
            }
            _ => {
                node_start = false;
                i += 1;
            }
        }
    }
    out
}

/// Masks the quoted scalar opening at `start` (a `'` or `"`); returns the index
/// past its closing quote.
fn mask_quoted(b: &[u8], out: &mut [u8], start: usize) -> usize {
    let c = b[start];
    let mut i = start + 1;
    while i < b.len() {
        let d = b[i];
        if d == b'\\' && c == b'"' && i + 1 < b.len() {
            out[i] = b'_';
            out[i + 1] = if b[i + 1] == b'\n' { b'\n' } else { b'_' };
            i += 2;
            continue;
        }
        if d == c {
            if c == b'\'' && b.get(i + 1) == Some(&b'\'') {
                out[i] = b'_';
                out[i + 1] = b'_';
                i += 2;
                continue;
            }
            break;
        }
        if d != b'\n' {
            out[i] = b'_';
        }
        i += 1;
    }
    i + 1
}

/// Masks the block scalar (`|` or `>`) starting at `start`: the rest of this line
/// is its header, the lines indented more than the line it starts on are its text.
/// Returns the index of the newline ending its last line (or the end).
fn mask_block_scalar(b: &[u8], out: &mut [u8], start: usize) -> usize {
    let indent = line_indent(b, start);
    let mut i = start;
    while i < b.len() && b[i] != b'\n' {
        i += 1;
    }
    while i < b.len() {
        let next = i + 1;
        let end = b[next..]
            .iter()
            .position(|&x| x == b'\n')
            .map_or(b.len(), |p| next + p);
        let line = &b[next..end];
        let blank = line.iter().all(|x| x.is_ascii_whitespace());
        let ind = line.iter().take_while(|&&x| x == b' ').count();
        if !blank && ind <= indent {
            break;
        }
        for x in &mut out[next..end] {
            *x = b'_';
        }
        i = end;
    }
    i
}

/// The indentation of the line holding byte `at`.
fn line_indent(b: &[u8], at: usize) -> usize {
    let start = b[..at]
        .iter()
        .rposition(|&x| x == b'\n')
        .map_or(0, |p| p + 1);
    b[start..].iter().take_while(|&&x| x == b' ').count()
}

/// Flow brackets, and block sequences opened on one line (`- - - x`).
fn check_depth(code: &[u8]) -> Result<(), Problem> {
    let mut depth = 0usize;
    let mut dashes = 0usize;
    let mut line_start = true;
    for (i, &c) in code.iter().enumerate() {
        match c {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(Problem::TooDeep { offset: i });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'\n' => {
                line_start = true;
                dashes = 0;
                continue;
            }
            b'-' if line_start && code.get(i + 1).is_none_or(|x| x.is_ascii_whitespace()) => {
                dashes += 1;
                if dashes > MAX_DEPTH {
                    return Err(Problem::TooDeep { offset: i });
                }
                continue;
            }
            b' ' | b'\t' => continue,
            _ => {}
        }
        line_start = false;
    }
    Ok(())
}

/// Adds up what every alias expands to, in order, and stops at the first alias that
/// takes the block past its limit.
fn check_aliases(code: &[u8]) -> Result<(), Problem> {
    let limit = max_expanded(code.len());
    let tokens = tokens(code);
    // Expanded size of each anchor by name (a later anchor of the same name wins,
    // as in YAML).
    let mut anchors: HashMap<&[u8], u64> = HashMap::new();
    let mut total = code.len() as u64;
    for (n, t) in tokens.iter().enumerate() {
        match t.kind {
            Kind::Anchor => {
                let end = node_end(code, t.end);
                // The node's own text plus what the aliases inside it add.
                let mut size = (end - t.end) as u64;
                for inner in tokens[n + 1..].iter().take_while(|x| x.start < end) {
                    if inner.kind == Kind::Alias
                        && let Some(&s) = anchors.get(&code[inner.start + 1..inner.end])
                    {
                        size = size.saturating_add(s);
                    }
                }
                anchors.insert(&code[t.start + 1..t.end], size);
            }
            Kind::Alias => {
                if let Some(&s) = anchors.get(&code[t.start + 1..t.end]) {
                    total = total.saturating_add(s);
                    if total > limit {
                        return Err(Problem::TooBig {
                            offset: t.start,
                            expanded: total,
                            limit,
                        });
                    }
                }
            }
        }
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Anchor,
    Alias,
}

struct Token {
    kind: Kind,
    start: usize,
    end: usize,
}

/// Every `&name` and `*name` at the start of a token.
fn tokens(code: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < code.len() {
        let c = code[i];
        let at_token = i == 0 || matches!(code[i - 1], b' ' | b'\t' | b'\n' | b'[' | b'{' | b',');
        if (c == b'&' || c == b'*') && at_token {
            let end = code[i + 1..]
                .iter()
                .position(|&x| {
                    x.is_ascii_whitespace() || matches!(x, b',' | b'[' | b']' | b'{' | b'}')
                })
                .map_or(code.len(), |p| i + 1 + p);
            if end > i + 1 {
                out.push(Token {
                    kind: if c == b'&' { Kind::Anchor } else { Kind::Alias },
                    start: i,
                    end,
                });
            }
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// Where the node that follows an anchor ending at `from` ends.
fn node_end(code: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < code.len() && matches!(code[i], b' ' | b'\t') {
        i += 1;
    }
    if i >= code.len() || code[i] == b'\n' {
        // A block node: the lines below, indented more than the anchor's line (or,
        // under a `key:`, a sequence at the key's own indentation).
        let indent = line_indent(code, from);
        let line_start = from
            - code[..from]
                .iter()
                .rev()
                .take_while(|&&x| x != b'\n')
                .count();
        let is_item = code[line_start + indent..].starts_with(b"- ");
        let mut end = i;
        while end < code.len() {
            let next = end + 1;
            let stop = code[next..]
                .iter()
                .position(|&x| x == b'\n')
                .map_or(code.len(), |p| next + p);
            let line = &code[next..stop];
            let ind = line.iter().take_while(|&&x| x == b' ').count();
            let blank = ind == line.len();
            let inside = blank
                || ind > indent
                || (!is_item && ind == indent && line[ind..].starts_with(b"- "));
            if !inside || next >= code.len() {
                break;
            }
            end = stop;
        }
        return end.min(code.len());
    }
    // A flow node: up to the `,` or closing bracket of the collection holding it,
    // or the end of the line outside any collection.
    let mut depth = 0usize;
    while i < code.len() {
        match code[i] {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                if depth == 0 {
                    return i;
                }
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            b',' if depth == 0 => return i,
            b'\n' if depth == 0 => return i,
            _ => {}
        }
        i += 1;
    }
    code.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_front_matter_passes() {
        let yaml = "title: \"[[x *y & z\"\ntags: [a, b]\nsummary: |\n  [[[[ *q\nstatements:\n  - speaker: a\n    with: [b]\n";
        assert_eq!(check(yaml), Ok(()));
        let small = "base: &b {outlet: x}\nsources: [*b, *b]\n";
        assert_eq!(check(small), Ok(()));
    }

    #[test]
    fn deep_nesting_is_refused_where_it_gets_too_deep() {
        let yaml = format!("tags: {}{}\n", "[".repeat(1000), "]".repeat(1000));
        assert_eq!(
            check(&yaml),
            Err(Problem::TooDeep {
                offset: 6 + MAX_DEPTH
            })
        );
        let dashes = format!("tags:\n{}x\n", "- ".repeat(200));
        assert_eq!(
            check(&dashes),
            Err(Problem::TooDeep {
                offset: 6 + 2 * MAX_DEPTH
            })
        );
    }

    #[test]
    fn aliases_of_aliases_are_stopped_at_the_alias_that_crosses_the_limit() {
        let mut yaml = format!("title: &a \"{}\"\n", "x".repeat(1000));
        yaml.push_str("summary: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n");
        yaml.push_str("tags: [");
        yaml.push_str(&vec!["*b"; 200].join(", "));
        yaml.push_str("]\n");
        let Err(Problem::TooBig { offset, .. }) = check(&yaml) else {
            panic!("not refused");
        };
        // 1 MB at about 10 KB per `*b`: the 100th-odd alias of `tags`.
        let tags = yaml.find("tags:").unwrap();
        assert!(
            offset > tags && &yaml[offset..offset + 2] == "*b",
            "{offset}"
        );
    }

    #[test]
    fn block_anchors_span_their_indented_lines() {
        let yaml = "base: &b\n  outlet: xxxxxxxxxx\n  url: y\nother: 1\n";
        let code = mask(yaml.as_bytes());
        let end = node_end(&code, yaml.find("&b").unwrap() + 2);
        assert_eq!(&yaml[end..], "\nother: 1\n");
    }
}
