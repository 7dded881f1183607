//! `sitroom serve` end to end: the real binary on a free port over a temp copy of
//! `tests/fixtures/serve-basic` (base_url with the sub-path `/nk/`), driven over
//! HTTP and, for live reload, in headless Chromium.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use crate::browser::{self, Browser};
use crate::harness::Site;

const BRIEFING: &str = "content/briefings/2020-10-03-calls.md";
const WAIT: Duration = Duration::from_secs(20);

/// A running `sitroom serve`, killed on drop.
struct Server {
    child: Child,
    /// The site's URL, e.g. `http://127.0.0.1:40123/nk/`.
    url: String,
    /// `http://127.0.0.1:40123`.
    origin: String,
    lines: Receiver<String>,
    /// Every line read so far, for failure messages.
    log: std::cell::RefCell<Vec<String>>,
}

impl Server {
    fn start(site: &Site) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sitroom"))
            .args(["serve", "--port", "0", "--root"])
            .arg(&site.root)
            .env_remove("SITROOM_TIMINGS")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start sitroom serve");
        let (tx, lines) = mpsc::channel();
        for stream in [
            Box::new(child.stdout.take().expect("stdout")) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().expect("stderr")),
        ] {
            let tx = tx.clone();
            thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        let mut server = Server {
            child,
            url: String::new(),
            origin: String::new(),
            lines,
            log: Default::default(),
        };
        let line = server.wait_line(|l| l.starts_with("serving "));
        server.url = line["serving ".len()..]
            .split(' ')
            .next()
            .expect("a URL")
            .to_string();
        let host_end = server.url["http://".len()..].find('/').expect("a path") + "http://".len();
        server.origin = server.url[..host_end].to_string();
        server
    }

    /// Waits for an output line matching `pred`; panics with what was seen.
    #[track_caller]
    fn wait_line(&self, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.log.borrow_mut().push(line.clone());
                    if pred(&line) {
                        return line;
                    }
                }
                Err(_) => break,
            }
        }
        panic!(
            "no such line from `sitroom serve`; its output:\n{}",
            self.log.borrow().join("\n")
        );
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .redirects(0)
        .timeout(Duration::from_secs(10))
        .build()
}

/// Status, content type, `Location` and body of a GET.
fn get(url: &str) -> (u16, String, Option<String>, String) {
    let resp = match agent().get(url).call() {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("GET {url}: {e}"),
    };
    let status = resp.status();
    let ctype = resp.header("content-type").unwrap_or_default().to_string();
    let location = resp.header("location").map(str::to_string);
    let body = resp.into_string().expect("a text body");
    (status, ctype, location, body)
}

/// Reads `reload` events from the SSE stream; yields their data (the generation).
fn events(url: &str) -> Receiver<String> {
    let resp = ureq::AgentBuilder::new()
        .timeout_connect(Duration::from_secs(5))
        .build()
        .get(url)
        .call()
        .expect("open the event stream");
    assert_eq!(resp.content_type(), "text/event-stream");
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut event = String::new();
        for line in BufReader::new(resp.into_reader())
            .lines()
            .map_while(Result::ok)
        {
            if let Some(name) = line.strip_prefix("event: ") {
                event = name.to_string();
            } else if let Some(data) = line.strip_prefix("data: ")
                && event == "reload"
                && tx.send(data.to_string()).is_err()
            {
                break;
            }
        }
    });
    rx
}

fn next_event(rx: &Receiver<String>) -> String {
    rx.recv_timeout(WAIT).expect("a reload event")
}

/// Polls `url` until its body satisfies `pred`.
fn wait_body(url: &str, pred: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        let (_, _, _, body) = get(url);
        if pred(&body) {
            return body;
        }
        assert!(
            Instant::now() < deadline,
            "{url} never matched; last body:\n{body}"
        );
        thread::sleep(Duration::from_millis(50));
    }
}

fn edit(site: &Site, rel: &str, from: &str, to: &str) {
    let path = site.root.join(rel);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "`{from}` not in {rel}");
    std::fs::write(&path, text.replace(from, to)).expect("write");
}

#[test]
fn serves_from_memory_under_the_sub_path() {
    let site = Site::fixture("serve-basic");
    let server = Server::start(&site);
    assert!(server.url.ends_with("/nk/"), "{}", server.url);

    let (status, ctype, _, body) = get(&server.url);
    assert_eq!((status, ctype.as_str()), (200, "text/html; charset=utf-8"));
    assert!(
        body.contains("/nk/__sitroom/events"),
        "reload script missing"
    );
    assert!(
        body.contains(&format!("href=\"{}", "/nk/briefings/calls/")),
        "links honour the sub-path"
    );

    let briefing = get(&format!("{}briefings/calls/", server.url)).3;
    assert!(briefing.contains("ORIGINAL-BODY-MARKER"));

    let redirect = |path: &str| {
        let (status, _, location, _) = get(&format!("{}{path}", server.origin));
        (status, location.unwrap_or_default())
    };
    assert_eq!(redirect("/nk"), (307, "/nk/".to_string()));
    assert_eq!(redirect("/nk/actors"), (307, "/nk/actors/".to_string()));

    let (status, ctype, _, body) = get(&format!("{}no/such/page/", server.url));
    assert_eq!((status, ctype.as_str()), (404, "text/html; charset=utf-8"));
    assert!(
        body.contains("__sitroom/events"),
        "the 404 page reloads too"
    );
    assert_eq!(get(&format!("{}/elsewhere/", server.origin)).0, 404);
    assert_eq!(get(&format!("{}../site.yaml", server.url)).0, 404);

    let types = [
        ("hello.txt", "text/plain; charset=utf-8"),
        ("style.css", "text/css; charset=utf-8"),
        ("atom.xml", "application/atom+xml; charset=utf-8"),
        ("sitemap.xml", "application/xml; charset=utf-8"),
        ("data/statements.json", "application/json"),
    ];
    for (path, want) in types {
        let (status, ctype, _, body) = get(&format!("{}{path}", server.url));
        assert_eq!((status, ctype.as_str()), (200, want), "{path}");
        assert!(
            !body.contains("__sitroom"),
            "{path}: only HTML gets the script"
        );
    }
    assert_eq!(
        get(&format!("{}hello.txt", server.url)).3,
        "hello from static\n"
    );
    assert!(!site.root.join("public").exists(), "serve writes nothing");
}

#[test]
fn an_edit_rebuilds_and_announces_a_reload() {
    let site = Site::fixture("serve-basic");
    let server = Server::start(&site);
    let stream = events(&format!("{}__sitroom/events", server.url));
    assert_eq!(
        next_event(&stream),
        "1",
        "the stream announces the current build on connect"
    );

    edit(
        &site,
        BRIEFING,
        "ORIGINAL-BODY-MARKER",
        "EDITED-BODY-MARKER",
    );
    let line = server.wait_line(|l| l.starts_with("rebuilt in "));
    assert!(line.ends_with(&format!("ms ({BRIEFING})")), "{line}");
    assert_eq!(next_event(&stream), "2");
    let page = get(&format!("{}briefings/calls/", server.url)).3;
    assert!(page.contains("EDITED-BODY-MARKER") && !page.contains("ORIGINAL-BODY-MARKER"));

    // Static files are served from disk and also trigger a reload.
    site.write("static/hello.txt", "changed\n");
    server.wait_line(|l| l.starts_with("rebuilt in ") && l.contains("static/hello.txt"));
    assert_eq!(next_event(&stream), "3");
    assert_eq!(get(&format!("{}hello.txt", server.url)).3, "changed\n");
}

#[test]
fn a_broken_edit_shows_an_escaped_overlay_and_recovers() {
    let site = Site::fixture("serve-basic");
    let server = Server::start(&site);
    let stream = events(&format!("{}__sitroom/events", server.url));
    assert_eq!(next_event(&stream), "1");

    edit(
        &site,
        BRIEFING,
        "speaker: vladimir-putin",
        "speaker: \"<b>putin</b>\"",
    );
    server.wait_line(|l| l.contains("unknown actor `<b>putin</b>`"));
    server.wait_line(|l| l.starts_with("build failed in ") && l.contains("1 error"));
    assert_eq!(next_event(&stream), "2");
    let (status, _, _, page) = get(&format!("{}briefings/calls/", server.url));
    assert_eq!(status, 200, "the last good page stays up under the overlay");
    assert!(page.contains("id=\"sitroom-overlay\""), "{page}");
    assert!(
        page.contains("unknown actor `&lt;b&gt;putin&lt;/b&gt;`"),
        "{page}"
    );
    assert!(
        !page.contains("<b>putin</b>"),
        "diagnostics are HTML-escaped"
    );

    edit(
        &site,
        BRIEFING,
        "speaker: \"<b>putin</b>\"",
        "speaker: vladimir-putin",
    );
    server.wait_line(|l| l.starts_with("rebuilt in "));
    assert_eq!(next_event(&stream), "3");
    let page = get(&format!("{}briefings/calls/", server.url)).3;
    assert!(!page.contains("sitroom-overlay"));
}

/// Regression: pages are rendered on request, so a template that fails only at
/// render time must still fail the rebuild, not wait for someone to open a page.
#[test]
fn a_template_that_fails_at_render_time_fails_the_rebuild() {
    let site = Site::fixture("serve-basic");
    let server = Server::start(&site);
    let stream = events(&format!("{}__sitroom/events", server.url));
    assert_eq!(next_event(&stream), "1");

    site.write(
        "templates/actor.html",
        "{% extends \"base.html\" %}{% block content %}{{ actor.nosuch.field }}{% endblock content %}",
    );
    server.wait_line(|l| l.contains("Field `nosuch` is not defined"));
    assert_eq!(next_event(&stream), "2");
    let page = get(&format!("{}briefings/calls/", server.url)).3;
    assert!(page.contains("id=\"sitroom-overlay\""), "{page}");
    assert!(page.contains("actor.html"), "{page}");

    std::fs::remove_file(site.root.join("templates/actor.html")).unwrap();
    server.wait_line(|l| l.starts_with("rebuilt in "));
    let page = get(&format!("{}actors/vladimir-putin/", server.url)).3;
    assert!(!page.contains("sitroom-overlay"), "{page}");
    assert!(page.contains("<h1>Vladimir Putin</h1>"), "{page}");
}

#[test]
fn a_site_that_never_built_gets_an_error_page() {
    let site = Site::fixture("serve-basic");
    edit(&site, BRIEFING, "title: Pashinyan speaks with Putin\n", "");
    let server = Server::start(&site);
    let (status, ctype, _, body) = get(&server.url);
    assert_eq!((status, ctype.as_str()), (500, "text/html; charset=utf-8"));
    assert!(
        body.contains("sitroom-overlay") && body.contains("title"),
        "{body}"
    );
    edit(
        &site,
        BRIEFING,
        "date: 2020-10-03\n",
        "title: Back\ndate: 2020-10-03\n",
    );
    let body = wait_body(&server.url, |b| !b.contains("sitroom-overlay"));
    assert!(body.contains("Back"));
}

#[test]
fn a_port_in_use_names_the_port_and_the_option() {
    let site = Site::fixture("serve-basic");
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    let run = site.run(&["serve", "--port", &port]);
    run.assert_code(1);
    assert!(
        run.stderr.contains(&format!("port {port}")) && run.stderr.contains("`--port`"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_open_page_reloads_itself_in_chromium() {
    if !browser::available() {
        return;
    }
    let site = Site::fixture("serve-basic");
    let server = Server::start(&site);
    let b = Browser::start();
    let url = format!("{}briefings/calls/", server.url);
    b.goto(&url);
    assert!(b.text(&b.find("body")).contains("ORIGINAL-BODY-MARKER"));
    // A mark on the window survives until the page is reloaded.
    b.execute("window.__sitroomMark = 1; return 1;", serde_json::json!([]));
    // No need to wait for the page's EventSource: it compares build generations,
    // so an edit made before it connects still reloads the page.

    edit(
        &site,
        BRIEFING,
        "ORIGINAL-BODY-MARKER",
        "RELOADED-BODY-MARKER",
    );
    let deadline = Instant::now() + WAIT;
    loop {
        let state = b.execute(
            "return [window.__sitroomMark === undefined, document.body ? document.body.innerText : ''];",
            serde_json::json!([]),
        );
        if state[0] == true
            && state[1]
                .as_str()
                .unwrap_or_default()
                .contains("RELOADED-BODY-MARKER")
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the page did not reload by itself: {state}"
        );
        thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(b.current_url(), url);
}
