//! What `serve` adds to HTML responses: the live-reload script and, when the
//! current build failed, an overlay listing the problems. Never part of `build`.

/// The path, under the site's base path, of the server-sent events stream.
pub const EVENTS: &str = "__sitroom/events";

/// `html` with the reload script (and the overlay, if there are problems) inserted
/// before `</body>`, or at the end if there is none.
pub fn page(html: &[u8], base_path: &str, generation: u64, problems: &[String]) -> Vec<u8> {
    let mut extra = String::new();
    if !problems.is_empty() {
        extra.push_str(&overlay(problems));
    }
    extra.push_str(&script(base_path, generation));
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// A whole page for when no build has succeeded yet.
pub fn error_page(base_path: &str, generation: u64, problems: &[String]) -> Vec<u8> {
    let html = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed – sitroom</title></head><body></body></html>\n";
    page(html.as_bytes(), base_path, generation, problems)
}

fn script(base_path: &str, generation: u64) -> String {
    // The page knows which build it came from; the stream announces the current
    // build on connect and after each rebuild, so no change is missed in between.
    format!(
        "<script>(function(){{var g=\"{generation}\";var es=new EventSource(\"{}{EVENTS}\");\
es.addEventListener(\"reload\",function(e){{if(e.data!==g){{es.close();location.reload();}}}});}})();</script>\n",
        escape(base_path)
    )
}

fn overlay(problems: &[String]) -> String {
    let mut items = String::new();
    for p in problems {
        items.push_str("<li><pre style=\"white-space:pre-wrap;margin:0\">");
        items.push_str(&escape(p));
        items.push_str("</pre></li>");
    }
    format!(
        "<div id=\"sitroom-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;\
background:rgba(20,20,20,.94);color:#f4f4f4;font:14px/1.5 ui-monospace,monospace;padding:2rem\">\
<h2 style=\"color:#ff6b6b;margin-top:0\">sitroom: the build failed</h2>\
<p>Fix the problems below and save; this page reloads by itself.</p>\
<ol style=\"padding-left:1.5rem\">{items}</ol></div>\n"
    )
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_closing_body_tag() {
        let out =
            String::from_utf8(page(b"<html><body><p>x</p></body></html>", "/nk/", 3, &[])).unwrap();
        assert!(out.starts_with("<html><body><p>x</p><script>"), "{out}");
        assert!(out.contains("\"/nk/__sitroom/events\""));
        assert!(out.ends_with("</script>\n</body></html>"));
    }

    #[test]
    fn overlay_escapes_the_problems() {
        let out = String::from_utf8(page(
            b"<p>x</p>",
            "/",
            1,
            &["a.md:1:1: error: bad `<script>`".into()],
        ))
        .unwrap();
        assert!(out.contains("bad `&lt;script&gt;`"), "{out}");
        assert!(!out.contains("bad `<script>`"));
    }
}
