//! Printing: the print stylesheet prints light whatever the OS setting, drops the
//! navigation, writes the address after each outside link and keeps statement cards
//! whole. Checked in headless Chromium with print media emulated, and by printing
//! the sample briefing to PDF.

use serde_json::{Value, json};

use crate::browser::{self, Browser, StaticServer};

/// The computed style `prop` of the first element matching `css` (and pseudo-element).
fn style(b: &Browser, css: &str, pseudo: Option<&str>, prop: &str) -> String {
    b.execute(
        "const e = document.querySelector(arguments[0]);
         return e ? getComputedStyle(e, arguments[1]).getPropertyValue(arguments[2]) : 'MISSING';",
        json!([css, pseudo, prop]),
    )
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Pages in a PDF: its page objects (`/Type /Page`, not `/Pages`).
fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Type /Page")
        .chain(text.match_indices("/Type/Page"))
        .filter(|(i, m)| !text[i + m.len()..].starts_with('s'))
        .count()
}

/// The sample briefing open in Chromium for `media` (`print` or `screen`), as a
/// reader with a dark OS setting sees it. Keep the tuple alive while testing.
fn dark_reader_sees_briefing(media: &str) -> (tempfile::TempDir, StaticServer, Browser) {
    let (tmp, out) = crate::harness::built_sample("sitroom-print-");
    let server = StaticServer::start(&out);
    let b = Browser::start();
    b.cdp(
        "Emulation.setEmulatedMedia",
        json!({"media": media, "features": [{"name": "prefers-color-scheme", "value": "dark"}]}),
    );
    b.goto(&server.url("/briefings/pashinyan-calls/"));
    (tmp, server, b)
}

#[test]
fn a_briefing_prints_light_without_navigation_and_with_source_addresses() {
    if !browser::available() {
        return;
    }
    // A reader with a dark OS setting prints.
    let (_tmp, _server, b) = dark_reader_sees_briefing("print");
    assert_eq!(
        style(&b, "body", None, "background-color"),
        "rgb(255, 255, 255)"
    );
    assert_eq!(style(&b, "body", None, "color"), "rgb(0, 0, 0)");
    assert_eq!(style(&b, ".site-header nav", None, "display"), "none");
    assert_eq!(style(&b, ".statement", None, "break-inside"), "avoid");
    let after = style(
        &b,
        ".provenance a[href^=\"http\"]",
        Some("::after"),
        "content",
    );
    assert!(
        after.contains(" <http"),
        "source address printed after the link: {after}"
    );
    // The archived copy's address prints too (the sample archives the Kremlin readout).
    let archived = style(&b, ".provenance a.archived", Some("::after"), "content");
    assert!(
        archived.contains(" <https://web.archive.org/web/2020/"),
        "archive address printed after the link: {archived}"
    );
    // Links inside the site (actor mentions) print no address.
    assert_eq!(style(&b, "a.mention", Some("::after"), "content"), "none");

    let pdf = b.print_pdf();
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
    let pages = pdf_pages(&pdf);
    assert!(
        (1..=3).contains(&pages),
        "the briefing prints on {pages} A4 pages"
    );
    let _ = std::fs::create_dir_all(browser::screenshot_dir());
    let _ = std::fs::write(browser::screenshot_dir().join("briefing-print.pdf"), &pdf);
}

#[test]
fn the_screen_keeps_its_colours_and_navigation() {
    if !browser::available() {
        return;
    }
    let (_tmp, _server, b) = dark_reader_sees_briefing("screen");
    assert_eq!(
        style(&b, "body", None, "background-color"),
        "rgb(20, 23, 27)"
    );
    assert_ne!(style(&b, ".site-header nav", None, "display"), "none");
    let after: Value = json!(style(
        &b,
        ".provenance a[href^=\"http\"]",
        Some("::after"),
        "content"
    ));
    assert_eq!(after, json!("none"));
}
