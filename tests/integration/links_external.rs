//! Sources' archived copies and access dates (on the page, in the data files, the
//! scheme check), and `check --links` against a local HTTP server this test starts:
//! never the internet.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::harness::{Site, text_of};

/// A tiny HTTP/1.1 server on 127.0.0.1 answering the fixture's paths, counting the
/// requests and remembering the User-Agent it was sent.
struct Server {
    port: u16,
    requests: Arc<AtomicUsize>,
    agents: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(AtomicUsize::new(0));
        let agents = Arc::new(Mutex::new(Vec::new()));
        let (count, seen) = (Arc::clone(&requests), Arc::clone(&agents));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (count, seen) = (Arc::clone(&count), Arc::clone(&seen));
                std::thread::spawn(move || answer(stream, &count, &seen));
            }
        });
        Server {
            port,
            requests,
            agents,
        }
    }

    fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

fn answer(mut stream: TcpStream, count: &AtomicUsize, agents: &Mutex<Vec<String>>) {
    // A TLS handshake (record type 0x16) on this plain-HTTP port: answer in plain
    // text at once, as a misconfigured server would, and hang up.
    let mut first_byte = [0u8; 1];
    if stream.peek(&mut first_byte).is_ok_and(|n| n == 1) && first_byte[0] == 0x16 {
        count.fetch_add(1, Ordering::SeqCst);
        let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
        return;
    }
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        if let Some(ua) = line.to_ascii_lowercase().strip_prefix("user-agent:") {
            agents.lock().unwrap().push(ua.trim().to_string());
        }
        line.clear();
    }
    count.fetch_add(1, Ordering::SeqCst);
    let mut words = first.split_whitespace();
    let (method, path) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let (status, location) = match (method, path) {
        (_, "/ok" | "/archive/ok") => (200, ""),
        (_, "/moved") => (301, "/ok"),
        (_, "/chain") => (302, "/chain/2"),
        (_, "/chain/2") => (307, "http://127.0.0.1:PORT/ok"),
        (_, "/404" | "/archive/gone") => (404, ""),
        (_, "/410") => (410, ""),
        (_, "/500") => (500, ""),
        ("HEAD", "/no-head") => (405, ""),
        ("GET", "/no-head") => (200, ""),
        (_, "/forbidden") => (403, ""),
        (_, "/slow") => {
            std::thread::sleep(Duration::from_secs(4));
            (200, "")
        }
        _ => (400, ""),
    };
    let port = stream.local_addr().unwrap().port();
    let location = location.replace("PORT", &port.to_string());
    let location = if location.is_empty() {
        String::new()
    } else {
        format!("Location: {location}\r\n")
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status} X\r\n{location}Content-Length: 0\r\nConnection: close\r\n\r\n"
    );
}

/// The fixture with its URLs pointing at `server` (and at a port nobody listens on).
fn site_for(server: &Server) -> Site {
    let site = Site::fixture("links_external");
    let refused = TcpListener::bind("127.0.0.1:0").unwrap();
    let refused_port = refused.local_addr().unwrap().port();
    drop(refused);
    let rel = "content/briefings/2020-10-03-links.md";
    let text = std::fs::read_to_string(site.root.join(rel))
        .unwrap()
        .replace("HOST", &format!("127.0.0.1:{}", server.port))
        .replace("REFUSED", &format!("127.0.0.1:{refused_port}"));
    site.write(rel, &text);
    site
}

/// Ports change from run to run; the snapshot names them.
fn clean(text: &str, server: &Server) -> String {
    let text = text.replace(&format!("127.0.0.1:{}", server.port), "127.0.0.1:PORT");
    let re_refused = text
        .lines()
        .map(|l| match l.find("127.0.0.1:") {
            Some(i) if !l[i..].starts_with("127.0.0.1:PORT") => {
                let end = l[i + 10..]
                    .find(|c: char| !c.is_ascii_digit())
                    .map_or(l.len(), |e| i + 10 + e);
                format!("{}127.0.0.1:REFUSED{}", &l[..i], &l[end..])
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>();
    re_refused.join("\n")
}

#[test]
fn check_links_reports_each_kind_of_failure_at_its_line() {
    let server = Server::start();
    let site = site_for(&server);
    let run = site.run(&["check", "--links", "--link-timeout", "1"]);
    run.assert_code(1);
    let text = clean(&run.stderr, &server);
    // Dead links are warnings: the content has no errors.
    assert!(text.contains("checked: 0 errors,"), "{text}");
    // The column-wide caret lines and the rustls wording aside, pin it all.
    insta::assert_snapshot!("external_links_human", text);
    let agents = server.agents.lock().unwrap().clone();
    assert!(!agents.is_empty());
    assert!(
        agents
            .iter()
            .all(|a| a == &format!("sitroom/{} (+link check)", env!("CARGO_PKG_VERSION"))),
        "{agents:?}"
    );
}

#[test]
fn check_links_json_carries_the_link_diagnostics() {
    let server = Server::start();
    let site = site_for(&server);
    let run = site.run(&[
        "check",
        "--links",
        "--link-timeout",
        "1",
        "--format",
        "json",
    ]);
    run.assert_code(1);
    let rows: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let at = |line: u64| -> Vec<(String, String)> {
        rows.iter()
            .filter(|r| r["line"] == line)
            .map(|r| {
                (
                    r["code"].as_str().unwrap().to_string(),
                    r["severity"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let pair = |c: &str, s: &str| (c.to_string(), s.to_string());
    // Fine (line 5): url and archive answer; nothing to say.
    assert_eq!(at(5), vec![]);
    assert_eq!(
        at(6),
        vec![pair("moved-link", "warning"), pair("no-archive", "note")]
    );
    // A 302 then a 307 to a working page is fine; its archive is a 404.
    assert_eq!(at(7), vec![pair("dead-link", "warning")]);
    assert_eq!(at(8), vec![pair("dead-link", "warning")]);
    for line in [9, 10, 14, 15] {
        assert_eq!(
            at(line),
            vec![pair("dead-link", "warning"), pair("no-archive", "note")],
            "line {line}"
        );
    }
    assert_eq!(at(11), vec![pair("no-archive", "note")], "GET after a 405");
    assert_eq!(
        at(12),
        vec![pair("unverified-link", "note"), pair("no-archive", "note")]
    );
    assert_eq!(
        at(13),
        vec![pair("dead-link", "warning"), pair("no-archive", "note")]
    );
    let message = |line: u64, code: &str| -> String {
        rows.iter()
            .find(|r| r["line"] == line && r["code"] == code)
            .map(|r| format!("{} | {}", r["message"], r["hint"]))
            .unwrap()
    };
    assert!(message(6, "moved-link").contains("/ok"));
    assert!(message(7, "dead-link").contains("archived copy of `Hops`"));
    assert!(message(7, "dead-link").contains("HTTP 404 Not Found"));
    assert!(message(8, "dead-link").contains("the archived copy http://127.0.0.1"));
    assert!(message(9, "dead-link").contains("HTTP 410 Gone (here and in 1 more place"));
    assert!(message(10, "dead-link").contains("HTTP 500"));
    assert!(message(13, "dead-link").contains("no answer within 1 s"));
    assert!(message(14, "dead-link").contains("refused"));
    assert!(message(15, "dead-link").contains("TLS"));
    // The repeated sources of statements are not reported twice; links in the
    // text are reported at their own lines.
    let lines: Vec<u64> = rows.iter().map(|r| r["line"].as_u64().unwrap()).collect();
    assert!(
        lines.iter().all(|&l| l < 18 || l == 31 || l == 33),
        "{lines:?}"
    );
    assert!(lines.contains(&31) && lines.contains(&33), "{lines:?}");
}

#[test]
fn the_cache_answers_a_second_run_without_a_request() {
    let server = Server::start();
    let site = site_for(&server);
    site.run(&["check", "--links", "--link-timeout", "1"])
        .assert_code(1);
    let first = server.requests();
    assert!(first >= 12, "{first} requests");
    let cache = std::fs::read_to_string(site.root.join(".sitroom/link-cache.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&cache).unwrap();
    let ok = &json["links"][format!("http://127.0.0.1:{}/ok", server.port)];
    assert_eq!(ok["result"], "ok");
    assert!(ok["checked_at"].as_i64().unwrap() > 1_700_000_000);

    let again = site.run(&["check", "--links", "--link-timeout", "1"]);
    again.assert_code(1);
    assert_eq!(server.requests(), first, "the second run asked the server");
    assert!(
        again.stderr.contains("(15 from the cache)"),
        "{}",
        again.stderr
    );
    // --no-cache asks again.
    site.run(&["check", "--links", "--no-cache", "--link-timeout", "1"])
        .assert_code(1);
    assert!(server.requests() > first);
}

#[test]
fn a_corrupt_cache_is_a_warning_and_is_replaced() {
    let server = Server::start();
    let site = site_for(&server);
    site.write(".sitroom/link-cache.json", "{ half a file");
    let run = site.run(&["check", "--links", "--link-timeout", "1"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("warning[link-cache]: the link cache cannot be read"),
        "{}",
        run.stderr
    );
    let cache = std::fs::read_to_string(site.root.join(".sitroom/link-cache.json")).unwrap();
    serde_json::from_str::<serde_json::Value>(&cache).expect("rewritten as JSON");
}

#[test]
fn without_links_check_never_uses_the_network() {
    let server = Server::start();
    let site = site_for(&server);
    let run = site.run(&["check"]);
    run.assert_ok();
    assert_eq!(server.requests(), 0);
    // No link cache (the build cache in .sitroom/cache/ keeps parsed files).
    assert!(!site.root.join(".sitroom/link-cache.json").exists());
    assert!(!run.stderr.contains("links:"));
}

#[test]
fn archive_and_access_date_appear_next_to_the_link() {
    let site = Site::fixture("source_archive");
    site.build_ok(&[]);
    let page = site.page("/briefings/archived/");
    let items = page.select("ul.sources li");
    assert_eq!(
        text_of(items[0]),
        "Asbarez, 3 Oct 2020 (archived), accessed 3 Oct 2020"
    );
    let archived = page.select("ul.sources a.archived");
    assert_eq!(archived.len(), 1);
    assert_eq!(
        archived[0].value().attr("href"),
        Some("https://web.archive.org/web/2020/https://asbarez.example/article")
    );
    assert_eq!(
        archived[0].value().attr("aria-label"),
        Some("archived copy of Asbarez")
    );
    assert_eq!(text_of(items[1]), "TASS");
    let provenance = page.select(".statement .provenance");
    assert_eq!(
        text_of(provenance[0]),
        "Source: Kremlin (archived), accessed 4 Oct 2020"
    );
    let card_archive = page.select(".statement .provenance a.archived");
    assert_eq!(
        card_archive[0].value().attr("href"),
        Some("https://web.archive.org/web/2020/http://kremlin.example/64133")
    );
}

#[test]
fn archive_and_access_date_are_in_the_data_files() {
    let site = Site::fixture("source_archive");
    site.build_ok(&[]);
    let json: serde_json::Value = serde_json::from_str(&site.read("data/statements.json")).unwrap();
    let source = &json[0]["source"];
    assert_eq!(
        source["archive"],
        "https://web.archive.org/web/2020/http://kremlin.example/64133"
    );
    assert_eq!(source["accessed"], "2020-10-04");
    let csv = site.read("data/statements.csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let row = reader.records().next().unwrap().unwrap();
    let get = |name: &str| {
        let i = header.iter().position(|h| h == name).unwrap();
        row[i].to_string()
    };
    assert_eq!(
        get("source_archive"),
        "https://web.archive.org/web/2020/http://kremlin.example/64133"
    );
    assert_eq!(get("source_accessed"), "2020-10-04");
}

#[test]
fn a_javascript_archive_is_refused_at_its_line() {
    let site = Site::fixture("source_archive");
    site.write(
        "content/briefings/2020-10-03-archived.md",
        "---\ntitle: Bad archive\ndate: 2020-10-03\nsources:\n  - outlet: Asbarez\n    url: \"https://asbarez.example/a\"\n    archive: \"JaVaScRiPt:alert(1)\"\nstatements:\n  - speaker: vladimir-putin\n    date: 2020-10-02\n    summary: Said.\n    source: {outlet: TASS, archive: \"data:text/html,x\"}\n---\nBody.\n",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains(
            "error[unsafe-url]: the URL scheme `javascript:` is not allowed in a link\n --> content/briefings/2020-10-03-archived.md:7:15"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("the URL scheme `data:` is not allowed in a link\n  --> content/briefings/2020-10-03-archived.md:12:38"),
        "{}",
        run.stderr
    );
    site.build(&[]).assert_code(1);
    assert!(!site.out.join("index.html").exists());
}

#[test]
fn init_keeps_the_link_cache_out_of_git() {
    let site = Site::fixture("scaffold-empty");
    site.run(&["init", "fresh"]).assert_ok();
    let gitignore = std::fs::read_to_string(site.root.join("fresh/.gitignore")).unwrap();
    assert!(gitignore.lines().any(|l| l == "/.sitroom/"), "{gitignore}");
}
