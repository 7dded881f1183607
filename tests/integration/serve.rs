//! `sitroom serve` end to end: the real binary on a free port over a temp copy of
//! `tests/fixtures/serve-basic` (base_url with the sub-path `/nk/`), driven over
//! HTTP and, for live reload, in headless Chromium.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use crate::browser::{self, Browser};
use crate::harness::{Site, copy_dir, sitemap_locs};

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
        Server::start_with(site, &[], &[])
    }

    /// Starts `sitroom serve` with `args` added and `env` set.
    fn start_with(site: &Site, args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sitroom"))
            .args(["serve", "--port", "0", "--root"])
            .arg(&site.root)
            .args(args)
            .env_remove("SITROOM_TIMINGS")
            .env_remove("SITROOM_SERVE_HEADER_TIMEOUT_MS")
            .envs(env.iter().copied())
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

    /// An output line matching `pred`, already read or still to come.
    #[track_caller]
    fn saw_line(&self, pred: impl Fn(&str) -> bool) -> String {
        let seen = self.log.borrow().iter().find(|l| pred(l)).cloned();
        seen.unwrap_or_else(|| self.wait_line(pred))
    }

    /// `127.0.0.1:40123`.
    fn addr(&self) -> &str {
        &self.origin["http://".len()..]
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
    get_with(url, &[])
}

/// A GET with extra (or replaced: `Host`) request headers.
fn get_with(url: &str, headers: &[(&str, &str)]) -> (u16, String, Option<String>, String) {
    let mut request = agent().get(url);
    for (name, value) in headers {
        request = request.set(name, value);
    }
    let resp = match request.call() {
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
    site.write(rel, &text.replace(from, to));
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

/// A content edit is published before its pages are probed (the templates passed
/// before); if they now fail, the last good pages come back with the error.
#[test]
fn content_that_fails_at_render_time_fails_the_rebuild() {
    let site = Site::fixture("serve-basic");
    site.write(
        "templates/briefing.html",
        "{% extends \"base.html\" %}{% block content %}<h1>{{ briefing.title }}</h1>{% if briefing.title == \"BROKEN\" %}{{ briefing.nosuch.field }}{% endif %}{% endblock content %}",
    );
    let server = Server::start(&site);
    let page = get(&format!("{}briefings/calls/", server.url)).3;
    assert!(
        page.contains("<h1>Pashinyan speaks with Putin</h1>"),
        "{page}"
    );
    edit(
        &site,
        BRIEFING,
        "title: Pashinyan speaks with Putin",
        "title: BROKEN",
    );
    server.wait_line(|l| l.contains("Field `nosuch` is not defined"));
    server.wait_line(|l| l.starts_with("build failed in ") && l.contains("1 error"));
    let page = get(&format!("{}briefings/calls/", server.url)).3;
    assert!(page.contains("id=\"sitroom-overlay\""), "{page}");
    assert!(
        page.contains("<h1>Pashinyan speaks with Putin</h1>"),
        "the last good page: {page}"
    );

    edit(&site, BRIEFING, "title: BROKEN", "title: Mended");
    server.wait_line(|l| l.starts_with("rebuilt in "));
    let page = get(&format!("{}briefings/calls/", server.url)).3;
    assert!(!page.contains("sitroom-overlay"), "{page}");
    assert!(page.contains("<h1>Mended</h1>"), "{page}");
}

/// Edits reuse the folder's listing; a file that comes or goes still lists it again.
#[test]
fn files_that_come_and_go_after_an_edit_are_seen() {
    let site = Site::fixture("serve-basic");
    let server = Server::start(&site);
    let stream = events(&format!("{}__sitroom/events", server.url));
    assert_eq!(next_event(&stream), "1");
    edit(&site, BRIEFING, "ORIGINAL-BODY-MARKER", "FIRST-EDIT");
    assert_eq!(next_event(&stream), "2");
    let added = "content/briefings/2020-10-04-later.md";
    let text = std::fs::read_to_string(site.root.join(BRIEFING)).expect("read");
    site.write(
        added,
        &text
            .replace("date: 2020-10-03", "date: 2020-10-04")
            .replace("Pashinyan speaks", "ADDED-TITLE Pashinyan speaks")
            .replace("FIRST-EDIT", "ADDED-BODY"),
    );
    assert_eq!(next_event(&stream), "3");
    let (status, _, _, page) = get(&format!("{}briefings/later/", server.url));
    assert_eq!(status, 200);
    assert!(page.contains("ADDED-BODY"), "{page}");
    assert!(get(&server.url).3.contains("ADDED-TITLE"));
    // An edit of the new file, then its removal.
    edit(&site, added, "ADDED-BODY", "ADDED-EDITED");
    assert_eq!(next_event(&stream), "4");
    assert!(
        get(&format!("{}briefings/later/", server.url))
            .3
            .contains("ADDED-EDITED")
    );
    std::fs::remove_file(site.root.join(added)).expect("remove");
    assert_eq!(next_event(&stream), "5");
    assert_eq!(get(&format!("{}briefings/later/", server.url)).0, 404);
    assert!(!get(&server.url).3.contains("ADDED-TITLE"));
    assert!(
        get(&format!("{}briefings/calls/", server.url))
            .3
            .contains("FIRST-EDIT")
    );
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

/// Regression (issue 7): `git checkout` or a deploy script replaces content/ by a
/// new folder; serve used to keep watching the old one and showed stale pages.
#[test]
fn a_replaced_content_folder_is_watched_again() {
    let site = Site::fixture("serve-basic");
    let server = Server::start(&site);
    let page = format!("{}briefings/calls/", server.url);
    let content = site.root.join("content");
    let old = site.root.join("content.old");

    // A new folder renamed into place, the old one moved aside.
    let fresh = site.root.join("content.new");
    copy_dir(&content, &fresh);
    let briefing = fresh.join("briefings/2020-10-03-calls.md");
    let text = std::fs::read_to_string(&briefing).unwrap();
    std::fs::write(
        &briefing,
        text.replace("ORIGINAL-BODY-MARKER", "SWAPPED-IN-MARKER"),
    )
    .unwrap();
    std::fs::rename(&content, &old).unwrap();
    std::fs::rename(&fresh, &content).unwrap();
    wait_body(&page, |b| b.contains("SWAPPED-IN-MARKER"));
    // Edits in the new folder are seen.
    edit(&site, BRIEFING, "SWAPPED-IN-MARKER", "EDITED-AFTER-SWAP");
    wait_body(&page, |b| b.contains("EDITED-AFTER-SWAP"));

    // Removed, then created again after a pause (two batches of events).
    std::fs::remove_dir_all(&content).unwrap();
    server.wait_line(|l| l.contains("content"));
    thread::sleep(Duration::from_millis(300));
    copy_dir(&old, &content);
    wait_body(&page, |b| b.contains("ORIGINAL-BODY-MARKER"));
    // A new error in the recreated folder reaches the browser.
    edit(
        &site,
        BRIEFING,
        "speaker: vladimir-putin",
        "speaker: nobody-at-all",
    );
    let body = wait_body(&page, |b| b.contains("sitroom-overlay"));
    assert!(body.contains("unknown actor `nobody-at-all`"), "{body}");
}

/// DNS rebinding (issue 7): a foreign page whose name resolves to 127.0.0.1 sends
/// its own name as `Host`; such requests get a 403 naming `--allow-host`.
#[test]
fn requests_for_foreign_hosts_are_refused() {
    let site = Site::fixture("serve-basic");
    let server = Server::start_with(&site, &["--allow-host", "Dev.Example."], &[]);
    let port = server.addr().rsplit(':').next().unwrap().to_string();
    let with_host = |host: &str| get_with(&server.url, &[("Host", host)]);

    for host in [
        format!("localhost:{port}"),
        "localhost".to_string(),
        format!("127.0.0.1:{port}"),
        "[::1]:8080".to_string(),
        "dev.example:8080".to_string(),
    ] {
        let (status, _, _, body) = with_host(&host);
        assert_eq!(status, 200, "Host: {host}\n{body}");
    }

    let (status, ctype, _, body) = with_host(&format!("evil.example:{port}"));
    assert_eq!((status, ctype.as_str()), (403, "text/plain; charset=utf-8"));
    assert_eq!(
        body,
        "403 Forbidden: sitroom serve answers only requests for localhost, 127.0.0.1, [::1] or the address it listens on, not for `evil.example`, so that other websites cannot read it through DNS rebinding.\nIf you meant to reach it by this name, restart it with `--allow-host evil.example`.\n"
    );
    server.wait_line(|l| {
        l == "warning: refused a request for `evil.example` (DNS rebinding protection); to allow it, restart with `--allow-host evil.example`"
    });
    // Names that only start like an allowed one, and other addresses.
    for host in ["localhost.evil.example", "sub.dev.example", "192.168.1.5"] {
        assert_eq!(with_host(host).0, 403, "Host: {host}");
    }
    // The event stream is guarded too.
    let events_url = format!("{}__sitroom/events", server.url);
    assert_eq!(get_with(&events_url, &[("Host", "evil.example")]).0, 403);
}

/// Live reload is refused to pages of another origin, even on an allowed host.
#[test]
fn live_reload_refuses_foreign_origins() {
    let site = Site::fixture("serve-basic");
    let server = Server::start(&site);
    let url = format!("{}__sitroom/events", server.url);
    for origin in ["http://evil.example", "http://localhost:3000", "null"] {
        let (status, ctype, _, body) = get_with(&url, &[("Origin", origin)]);
        assert_eq!(
            (status, ctype.as_str()),
            (403, "text/plain; charset=utf-8"),
            "Origin: {origin}"
        );
        assert_eq!(
            body,
            "403 Forbidden: live reload is only for pages served by this sitroom serve, not for pages of another origin.\n"
        );
    }
    // A page of this server gets its stream (the response starts at once).
    let resp = ureq::AgentBuilder::new()
        .timeout_connect(Duration::from_secs(5))
        .build()
        .get(&url)
        .set("Origin", &server.origin)
        .call()
        .expect("the stream, for a same-origin page");
    assert_eq!(resp.content_type(), "text/event-stream");
}

/// `--bind 0.0.0.0` (issue 7): a warning, drafts named, and links that work from
/// another machine rather than to `0.0.0.0`.
#[test]
fn binding_all_interfaces_warns_and_links_to_a_reachable_address() {
    let site = Site::fixture("serve-basic");
    let server = Server::start_with(&site, &["--bind", "0.0.0.0", "--drafts"], &[]);
    assert!(!server.url.contains("0.0.0.0"), "{}", server.url);
    let warning = server.saw_line(|l| l.starts_with("warning: `--bind"));
    assert_eq!(
        warning,
        format!(
            "warning: `--bind 0.0.0.0` is not a loopback address: anyone who can reach this machine over the network can read the site, drafts included, at {}",
            server.url
        )
    );
    let help = server.saw_line(|l| l.starts_with("  = help:"));
    assert_eq!(
        help,
        "  = help: to keep it on this machine, leave out `--bind` (the default is 127.0.0.1); requests naming this machine by a host name other than localhost are refused unless it is given with `--allow-host NAME`"
    );

    let (status, _, _, _) = get(&server.url);
    assert_eq!(status, 200);
    let sitemap = get(&format!("{}sitemap.xml", server.url)).3;
    let locs = sitemap_locs(&sitemap);
    assert!(!locs.is_empty());
    for loc in locs {
        assert!(loc.starts_with(&server.url), "{loc}");
    }
    // Any address of this machine is answered for; names still need --allow-host.
    let port = server.addr().rsplit(':').next().unwrap().to_string();
    let local = format!("http://127.0.0.1:{port}/nk/");
    assert_eq!(get_with(&local, &[("Host", "10.1.2.3")]).0, 200);
    assert_eq!(get_with(&local, &[("Host", "mybox.example")]).0, 403);
}

/// Slowloris (issue 7): a client that never finishes its request head is
/// disconnected after the header timeout (shortened here), while a live-reload
/// stream, idle for longer than that, stays open.
#[test]
fn a_client_that_never_finishes_its_request_head_is_disconnected() {
    let site = Site::fixture("serve-basic");
    let server = Server::start_with(&site, &[], &[("SITROOM_SERVE_HEADER_TIMEOUT_MS", "1000")]);
    let stream = events(&format!("{}__sitroom/events", server.url));
    assert_eq!(next_event(&stream), "1");

    let partial = |sent: &[u8]| {
        let mut conn = TcpStream::connect(server.addr()).expect("connect");
        conn.set_read_timeout(Some(Duration::from_secs(8))).unwrap();
        conn.write_all(sent).expect("send");
        let started = Instant::now();
        let mut reply = Vec::new();
        match conn.read_to_end(&mut reply) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {}
            Err(e) => panic!("the server kept the connection open: {e}"),
        }
        let waited = started.elapsed();
        assert!(
            waited >= Duration::from_millis(900) && waited < Duration::from_secs(5),
            "closed after {waited:?}"
        );
        String::from_utf8_lossy(&reply).into_owned()
    };
    let reply = partial(b"GET /nk/ HTTP/1.1\r\nHost: local");
    assert!(!reply.contains("200 OK"), "{reply}");
    partial(b"");

    edit(
        &site,
        BRIEFING,
        "ORIGINAL-BODY-MARKER",
        "EDITED-BODY-MARKER",
    );
    assert_eq!(next_event(&stream), "2", "the idle stream is still open");
}

#[test]
fn an_allow_host_with_a_scheme_or_port_is_refused_with_the_fix() {
    let site = Site::fixture("serve-basic");
    for (value, fix) in [
        ("https://box.local/", "give a host name without a scheme"),
        (
            "box.local:8080",
            "give a host name without a port (any port is allowed)",
        ),
    ] {
        let run = site.run(&["serve", "--port", "0", "--allow-host", value]);
        run.assert_code(2);
        assert!(
            run.stderr.contains(&format!(
                "invalid value '{value}' for '--allow-host <NAME>': {fix}, e.g. `--allow-host box.local`"
            )),
            "{}",
            run.stderr
        );
    }
}

/// Each rebuild prints only the diagnostics that are new since the last one, in
/// `check`'s format, and one line counting what is new, fixed and unchanged
/// (issue 15): a save that changes nothing does not reprint every warning.
#[test]
fn the_log_prints_only_what_changed_since_the_last_build() {
    let site = Site::fixture("serve-basic");
    let server = Server::start(&site);
    let actor = "content/actors/ilham-aliyev.md";
    site.write(actor, "---\nname: Ilham Aliyev\nkind: person\n---\n");
    let line = server.wait_line(|l| l.starts_with("rebuilt in ") && l.contains(actor));
    assert!(
        line.ends_with(&format!("ms ({actor}): 1 new warning")),
        "{line}"
    );
    // The warning, as `check` prints it (on stderr, so it may come after).
    server.saw_line(|l| l == "warning[unused-actor]: actor `ilham-aliyev` is never referred to");
    server.saw_line(|l| l == format!("--> {actor}"));
    server.saw_line(|l| l.starts_with(" = help: name them in a briefing"));
    let printed = |log: &str| log.matches("warning[unused-actor]").count();

    edit(
        &site,
        BRIEFING,
        "ORIGINAL-BODY-MARKER",
        "EDITED-BODY-MARKER",
    );
    let line = server.wait_line(|l| l.starts_with("rebuilt in ") && l.contains(BRIEFING));
    assert!(
        line.ends_with(&format!("ms ({BRIEFING}): 1 unchanged")),
        "{line}"
    );

    // Naming the actor in the briefing fixes it.
    edit(
        &site,
        BRIEFING,
        "EDITED-BODY-MARKER",
        "EDITED-BODY-MARKER Ilham Aliyev",
    );
    let line = server.wait_line(|l| l.starts_with("rebuilt in ") && l.contains(BRIEFING));
    assert!(
        line.ends_with(&format!("ms ({BRIEFING}): 1 fixed")),
        "{line}"
    );
    let log = server.log.borrow().join("\n");
    assert_eq!(
        printed(&log),
        1,
        "printed once, not at every rebuild:\n{log}"
    );
}

/// `serve` shows drafts, with a banner that says why `build` will leave them out
/// (issue 15); `--no-drafts` shows the site as `build` publishes it.
#[test]
fn serve_shows_drafts_with_a_banner_unless_told_not_to() {
    let site = Site::fixture("serve-basic");
    site.write(
        "content/briefings/2020-11-01-wip.md",
        "---\ntitle: Work in progress\ndate: 2020-11-01\ndraft: true\n---\nNot yet.\n",
    );
    let server = Server::start(&site);
    let (status, _, _, body) = get(&format!("{}briefings/wip/", server.url));
    assert_eq!(status, 200);
    let page = crate::harness::Page::parse(&body);
    let banner = page.select("article.briefing > p.draft-banner[role=note]");
    assert_eq!(banner.len(), 1, "{body}");
    assert_eq!(
        crate::harness::text_of(banner[0]),
        "Draft. This briefing is not published: `sitroom build` leaves it out until `draft: true` is removed from its front matter."
    );
    let (status, _, _, body) = get(&format!("{}briefings/calls/", server.url));
    assert_eq!(status, 200);
    assert!(!body.contains("draft-banner"), "only drafts have it");
    drop(server);

    let server = Server::start_with(&site, &["--no-drafts"], &[]);
    let (status, _, _, _) = get(&format!("{}briefings/wip/", server.url));
    assert_eq!(status, 404);
}
/// `serve` builds the search index on the first request under `pagefind/` (the
/// rebuild after an edit does not wait for it) and serves it from memory.
#[test]
fn serves_the_search_page_and_its_index() {
    let site = Site::fixture("serve-basic");
    let server = Server::start(&site);
    let (status, _, _, page) = get(&format!("{}search/", server.url));
    assert_eq!(status, 200);
    assert!(page.contains("data-script=\"/nk/pagefind/pagefind.js\""));
    let (status, ctype, _, entry) = get(&format!("{}pagefind/pagefind-entry.json", server.url));
    assert_eq!((status, ctype.as_str()), (200, "application/json"));
    let entry: serde_json::Value = serde_json::from_str(&entry).expect("JSON");
    let dir = entry["languages"]["en"]["dir"].as_str().expect("a folder");
    let (status, _, _, meta) = get(&format!("{}pagefind/{dir}/meta.json", server.url));
    assert_eq!(status, 200);
    assert!(meta.contains("\"Vladimir Putin\""), "{meta}");
    let (status, ctype, _, js) = get(&format!("{}pagefind/pagefind.js", server.url));
    assert_eq!(
        (status, ctype.as_str()),
        (200, "text/javascript; charset=utf-8")
    );
    assert!(js.contains("export async function search"));
    assert_eq!(
        get(&format!("{}pagefind/{dir}/nothing.json", server.url)).0,
        404
    );
}

/// Even with `base_url: /nk/` (no absolute URL, so `build` writes no feed), the
/// preview has feeds, a sitemap and canonical links under its own address.
#[test]
fn serve_uses_its_own_address_as_the_absolute_url() {
    let site = Site::fixture("serve-basic");
    site.write(
        "site.yaml",
        "title: Serve Fixture\nbase_url: /nk/\nlanguage: en\n",
    );
    let server = Server::start(&site);
    let (status, _, _, feed) = get(&format!("{}atom.xml", server.url));
    assert_eq!(status, 200, "{feed}");
    assert_eq!(
        crate::reader::atom_problems(&feed),
        Vec::<String>::new(),
        "{feed}"
    );
    assert!(
        feed.contains(&format!("<id>{}atom.xml</id>", server.url)),
        "{feed}"
    );
    let sitemap = get(&format!("{}sitemap.xml", server.url)).3;
    assert!(
        sitemap.contains(&format!("<loc>{}</loc>", server.url)),
        "{sitemap}"
    );
    let home = get(&server.url).3;
    assert!(
        home.contains(&format!(r#"<link rel="canonical" href="{}">"#, server.url)),
        "{home}"
    );
}

/// The pages a fresh `serve` of the site gives, with its address made `origin`'s.
fn fresh_pages(site: &Site, origin: &str, paths: &[&str]) -> Vec<String> {
    let fresh = Server::start(site);
    (paths.iter())
        .map(|p| {
            without_generation(&get(&format!("{}{p}", fresh.url)).3).replace(&fresh.origin, origin)
        })
        .collect()
}

/// `page` with the build number in its reload script left out.
fn without_generation(page: &str) -> String {
    let Some(at) = page.find("var g=\"") else {
        return page.to_string();
    };
    let start = at + "var g=\"".len();
    let end = start + page[start..].find('"').expect("a closing quote");
    format!("{}{}", &page[..start], &page[end..])
}

/// An edit of a briefing's body alone puts the new body in place without a load
/// (the `bodies in place` step); the pages are those a fresh start gives, the
/// search index included. An edit of its title goes through a whole load and
/// reaches the lists.
#[test]
fn a_body_edit_is_put_in_place_and_serves_what_a_fresh_start_does() {
    let site = Site::fixture("serve-basic");
    // Without `summary:` the first paragraph is the summary, which lists show.
    edit(&site, BRIEFING, "tags:", "summary: Calls.\ntags:");
    let server = Server::start_with(&site, &[], &[("SITROOM_TIMINGS", "1")]);
    let paths = [
        "",
        "briefings/calls/",
        "atom.xml",
        "actors/vladimir-putin/",
        "pagefind/pagefind-entry.json",
    ];
    // Render them all once, so that stale copies would show.
    for p in paths {
        assert_eq!(get(&format!("{}{p}", server.url)).0, 200, "{p}");
    }
    edit(
        &site,
        BRIEFING,
        "ORIGINAL-BODY-MARKER",
        "EDITED *BODY* MARKER",
    );
    server.wait_line(|l| l.starts_with("rebuilt in ") && l.contains(BRIEFING));
    server.wait_line(|l| l.contains("bodies in place"));
    let served: Vec<String> = (paths.iter())
        .map(|p| without_generation(&get(&format!("{}{p}", server.url)).3))
        .collect();
    assert!(
        served[1].contains("EDITED <em>BODY</em> MARKER"),
        "{}",
        served[1]
    );
    assert!(served[2].contains("EDITED") && !served[2].contains("ORIGINAL-BODY"));
    let fresh = fresh_pages(&site, &server.origin, &paths);
    for ((p, s), f) in paths.iter().zip(&served).zip(&fresh) {
        assert_eq!(s, f, "{p}: the body edit differs from a fresh start");
    }

    edit(
        &site,
        BRIEFING,
        "title: Pashinyan speaks with Putin",
        "title: RETITLED-BRIEFING",
    );
    let steps = server.wait_line(|l| l.contains("steps (ms): "));
    assert!(!steps.contains("bodies in place"), "{steps}");
    let home = wait_body(&server.url, |b| b.contains("RETITLED-BRIEFING"));
    let fresh = fresh_pages(&site, &server.origin, &[""]);
    assert_eq!(without_generation(&home), fresh[0]);
}
