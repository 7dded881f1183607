//! Headless Chromium for tests: a minimal WebDriver client over chromedriver's HTTP
//! API, a static file server for a built site, and the timeline filter test.
//!
//! Reusable by other test modules (`use crate::browser::{Browser, StaticServer}`).
//! Without `/usr/bin/chromium` and `/usr/bin/chromedriver` the browser tests print
//! a note and pass, unless `SITROOM_REQUIRE_TOOLS=1` (CI installs both and sets it).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tempfile::TempDir;

use crate::harness::Site;

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The W3C key of an element reference in WebDriver responses.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// Whether Chromium and chromedriver are installed; prints a note when not.
pub fn available() -> bool {
    let missing: Vec<&str> = [CHROMIUM, CHROMEDRIVER]
        .into_iter()
        .filter(|p| !Path::new(p).exists())
        .collect();
    if missing.is_empty() {
        return true;
    }
    crate::harness::skip_without_tool(&format!(
        "browser test: {} not installed (apt-get install chromium chromium-driver)",
        missing.join(" and ")
    ));
    false
}

/// A chromedriver process with one Chromium session. Quits the session and kills
/// chromedriver on drop.
pub struct Browser {
    driver: Child,
    base: String,
    session: String,
    agent: ureq::Agent,
    _profile: TempDir,
}

/// One element found on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element(pub String);

impl Browser {
    /// Starts chromedriver on a free port and opens a headless Chromium session.
    pub fn start() -> Browser {
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let agent = ureq::AgentBuilder::new()
            .timeout(Duration::from_secs(60))
            .build();
        let base = format!("http://127.0.0.1:{port}");
        let profile = tempfile::Builder::new()
            .prefix("sitroom-chromium-")
            .tempdir()
            .expect("profile dir");
        // From here on, drop cleans up even if session creation panics.
        let mut browser = Browser {
            driver,
            base,
            session: String::new(),
            agent,
            _profile: profile,
        };
        browser.wait_ready();
        let caps = json!({
            "capabilities": {"alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": CHROMIUM,
                    "args": [
                        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync",
                        "--window-size=1280,1600",
                        format!("--user-data-dir={}", browser._profile.path().display()),
                    ]
                }
            }}
        });
        let value = browser.call("POST", "/session", Some(caps));
        browser.session = value["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no sessionId in {value}"))
            .to_string();
        browser
    }

    fn wait_ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(resp) = self.agent.get(&format!("{}/status", self.base)).call() {
                let status: Value = resp.into_json().unwrap_or_default();
                if status["value"]["ready"] == true {
                    return;
                }
            }
            if let Ok(Some(exit)) = self.driver.try_wait() {
                panic!("chromedriver exited: {exit}");
            }
            assert!(Instant::now() < deadline, "chromedriver did not get ready");
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// One WebDriver command; returns its `value`, panicking with the error.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{path}", self.base);
        let req = self.agent.request(method, &url);
        let result = match body {
            Some(b) => req.send_json(b),
            None => req.call(),
        };
        let resp = match result {
            Ok(r) => r,
            Err(ureq::Error::Status(code, r)) => {
                let text = r.into_string().unwrap_or_default();
                panic!("WebDriver {method} {path}: HTTP {code}: {text}")
            }
            Err(e) => panic!("WebDriver {method} {path}: {e}"),
        };
        let mut v: Value = resp.into_json().expect("WebDriver JSON");
        v["value"].take()
    }

    fn session_call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.call(method, &format!("/session/{}{path}", self.session), body)
    }

    /// Opens `url` and waits for the load to complete (deferred scripts have run).
    pub fn goto(&self, url: &str) {
        self.session_call("POST", "/url", Some(json!({"url": url})));
    }

    pub fn current_url(&self) -> String {
        self.session_call("GET", "/url", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Every element matching the CSS selector, in document order.
    pub fn find_all(&self, css: &str) -> Vec<Element> {
        let v = self.session_call(
            "POST",
            "/elements",
            Some(json!({"using": "css selector", "value": css})),
        );
        v.as_array()
            .unwrap_or_else(|| panic!("elements: {v}"))
            .iter()
            .map(|e| Element(e[ELEMENT_KEY].as_str().expect("element id").to_string()))
            .collect()
    }

    /// The only element matching the CSS selector.
    #[track_caller]
    pub fn find(&self, css: &str) -> Element {
        let mut all = self.find_all(css);
        assert_eq!(all.len(), 1, "expected one `{css}`, found {}", all.len());
        all.remove(0)
    }

    pub fn click(&self, e: &Element) {
        self.session_call("POST", &format!("/element/{}/click", e.0), Some(json!({})));
    }

    /// Types `text` into the element as keys (`\u{E007}` is Enter).
    pub fn send_keys(&self, e: &Element, text: &str) {
        self.session_call(
            "POST",
            &format!("/element/{}/value", e.0),
            Some(json!({"text": text})),
        );
    }

    /// Chooses the `<option value=…>` of a `<select>` the way a user does: by
    /// clicking the option (Chromium fires `input` and `change`).
    pub fn select_option(&self, select_css: &str, value: &str) {
        let option = self.find(&format!("{select_css} option[value=\"{value}\"]"));
        self.click(&option);
    }

    /// An attribute as in the HTML (`None` when absent).
    pub fn attr(&self, e: &Element, name: &str) -> Option<String> {
        let v = self.session_call("GET", &format!("/element/{}/attribute/{name}", e.0), None);
        v.as_str().map(str::to_string)
    }

    /// A DOM property (`hidden`, `value`, `checked`…).
    pub fn property(&self, e: &Element, name: &str) -> Value {
        self.session_call("GET", &format!("/element/{}/property/{name}", e.0), None)
    }

    /// Whether the element's `hidden` property is set.
    pub fn is_hidden(&self, e: &Element) -> bool {
        self.property(e, "hidden") == true
    }

    pub fn is_displayed(&self, e: &Element) -> bool {
        self.session_call("GET", &format!("/element/{}/displayed", e.0), None) == true
    }

    pub fn text(&self, e: &Element) -> String {
        self.session_call("GET", &format!("/element/{}/text", e.0), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and returns its result.
    pub fn execute(&self, script: &str, args: Value) -> Value {
        self.session_call(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": args})),
        )
    }

    /// Runs async `script` (a function body; its last argument is the callback to
    /// call with the result) and returns what it passed to the callback.
    pub fn execute_async(&self, script: &str, args: Value) -> Value {
        self.session_call(
            "POST",
            "/execute/async",
            Some(json!({"script": script, "args": args})),
        )
    }

    /// Resizes the window (CSS pixels).
    pub fn set_window(&self, width: u32, height: u32) {
        self.session_call(
            "POST",
            "/window/rect",
            Some(json!({"width": width, "height": height})),
        );
    }

    /// A PNG screenshot of the viewport.
    pub fn screenshot(&self) -> Vec<u8> {
        let v = self.session_call("GET", "/screenshot", None);
        base64_decode(v.as_str().expect("base64 PNG"))
    }

    /// A PNG screenshot of one element (scrolled into view), whole.
    pub fn element_screenshot(&self, e: &Element) -> Vec<u8> {
        let v = self.session_call("GET", &format!("/element/{}/screenshot", e.0), None);
        base64_decode(v.as_str().expect("base64 PNG"))
    }

    /// A Chrome DevTools Protocol command through chromedriver (`goog/cdp/execute`).
    pub fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.session_call(
            "POST",
            "/goog/cdp/execute",
            Some(json!({"cmd": cmd, "params": params})),
        )
    }

    /// The page printed to PDF (WebDriver `print`: A4, backgrounds as the page's
    /// print stylesheet sets them).
    pub fn print_pdf(&self) -> Vec<u8> {
        let v = self.session_call(
            "POST",
            "/print",
            Some(json!({"page": {"width": 21.0, "height": 29.7}, "background": true})),
        );
        base64_decode(v.as_str().expect("base64 PDF"))
    }

    /// Saves `png` to `path`, creating its folder.
    pub fn save_png(path: &Path, png: &[u8]) {
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(path, png).expect("write screenshot");
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self
                .agent
                .delete(&format!("{}/session/{}", self.base, self.session))
                .call();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Decodes standard base64 (with or without padding); enough for screenshots.
pub fn base64_decode(text: &str) -> Vec<u8> {
    fn sextet(c: u8) -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {c}"),
        }
    }
    let clean: Vec<u8> = text
        .bytes()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
        .collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= sextet(c) << (18 - 6 * i);
        }
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    out
}

/// Serves a folder over HTTP on 127.0.0.1 (GET only; `/x/` serves `/x/index.html`),
/// one thread per connection. Stops on drop.
pub struct StaticServer {
    pub port: u16,
    stop: Arc<AtomicBool>,
    handle: Option<thread::JoinHandle<()>>,
}

impl StaticServer {
    pub fn start(root: &Path) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let stop = Arc::new(AtomicBool::new(false));
        let (root, flag) = (root.to_path_buf(), stop.clone());
        let handle = thread::spawn(move || {
            for stream in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    let root = root.clone();
                    thread::spawn(move || serve_one(stream, &root));
                }
            }
        });
        StaticServer {
            port,
            stop,
            handle: Some(handle),
        }
    }

    /// The absolute URL of site path `path` (starting with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn serve_one(mut stream: TcpStream, root: &Path) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
        return;
    }
    // Drain the headers.
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let file = resolve(root, path);
    let (status, kind, body) = match file.and_then(|f| std::fs::read(&f).ok().map(|b| (f, b))) {
        Some((f, body)) => ("200 OK", content_type(&f), body),
        None => ("404 Not Found", "text/plain", b"not found".to_vec()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    if !request_line.starts_with("HEAD ") {
        let _ = stream.write_all(&body);
    }
    let _ = stream.flush();
    let _ = stream.shutdown(Shutdown::Write);
    // Let the client read to the end before the socket closes.
    let _ = reader.read_to_end(&mut Vec::new());
}

/// Maps a URL path to a file under `root`, refusing `..`.
fn resolve(root: &Path, path: &str) -> Option<PathBuf> {
    let mut file = root.to_path_buf();
    for part in path.split('/').filter(|p| !p.is_empty()) {
        if part == ".." || part.contains('\\') {
            return None;
        }
        file.push(part);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

/// Where screenshots for people to look at go: `target/screenshots/`.
pub fn screenshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("screenshots")
}

// The tests ---------------------------------------------------------------------

/// `(id, hidden)` of every statement on the page.
fn statement_visibility(browser: &Browser) -> Vec<(String, bool)> {
    browser
        .find_all("li.statement")
        .iter()
        .map(|li| {
            (
                browser.attr(li, "id").unwrap_or_default(),
                browser.is_hidden(li),
            )
        })
        .collect()
}

fn visible(ids: &[(&str, bool)]) -> Vec<(String, bool)> {
    ids.iter().map(|(id, h)| (id.to_string(), *h)).collect()
}

#[test]
fn timeline_filter_shows_only_the_chosen_actor() {
    if !available() {
        return;
    }
    let site = Site::fixture("model-browser");
    site.build_ok(&[]);
    let server = StaticServer::start(&site.out);
    let browser = Browser::start();

    browser.goto(&server.url("/timeline/"));
    // The script shows the form (hidden without JS) and hides nothing yet.
    let form = browser.find("form#timeline-filters");
    assert!(!browser.is_hidden(&form), "timeline.js reveals the filters");
    assert!(browser.is_displayed(&form));
    assert_eq!(
        statement_visibility(&browser),
        visible(&[
            ("browser-1", false),
            ("browser-2", false),
            ("browser-3", false),
            ("browser-4", false),
            ("browser-5", false)
        ])
    );

    browser.select_option("form#timeline-filters select[name=actor]", "alpha");
    let select = browser.find("form#timeline-filters select[name=actor]");
    assert_eq!(browser.property(&select, "value"), "alpha");
    // Alpha spoke in 1, 3 and the joint statement 5; Bravo's 2 and 4 are hidden.
    assert_eq!(
        statement_visibility(&browser),
        visible(&[
            ("browser-1", false),
            ("browser-2", true),
            ("browser-3", false),
            ("browser-4", true),
            ("browser-5", false)
        ])
    );
    for li in browser.find_all("li.statement[hidden]") {
        assert!(
            !browser.is_displayed(&li),
            "a hidden statement is not displayed"
        );
    }
    assert!(
        browser.current_url().ends_with("/timeline/?actor=alpha"),
        "{}",
        browser.current_url()
    );
    let shown = browser.execute(
        "return document.querySelector('#timeline-filters output').value;",
        json!([]),
    );
    assert_eq!(shown, "3 of 5 statements");
    let output = browser.find("#timeline-filters output");
    assert_eq!(browser.text(&output), "3 of 5 statements");
    let reset = browser.find("#timeline-filters .filter-reset");
    assert!(
        browser.is_displayed(&reset),
        "a filter is on: the reset shows"
    );
    let empty = browser.find(".filter-empty");
    assert!(
        !browser.is_displayed(&empty),
        "statements match: no message"
    );

    // A counterpart counts too: Gamma only appears as `with`.
    browser.select_option("form#timeline-filters select[name=actor]", "gamma");
    assert_eq!(
        statement_visibility(&browser),
        visible(&[
            ("browser-1", false),
            ("browser-2", true),
            ("browser-3", true),
            ("browser-4", false),
            ("browser-5", true)
        ])
    );

    // Filters combine, and a day or month left empty is hidden as a whole.
    browser.select_option("form#timeline-filters select[name=kind]", "meeting");
    assert_eq!(
        browser
            .current_url()
            .split_once('?')
            .map(|(_, q)| q.to_string()),
        Some("actor=gamma&kind=meeting".to_string())
    );
    let months: Vec<bool> = browser
        .find_all("section.month")
        .iter()
        .map(|m| browser.is_hidden(m))
        .collect();
    assert_eq!(months, [true, false], "October has no Gamma meeting");

    // Filters that match nothing say so, and the reset brings everything back.
    browser.execute(
        "var k = document.querySelector('#timeline-filters select[name=kind]');
         k.add(new Option('none', 'no-such-kind')); k.value = 'no-such-kind';
         k.dispatchEvent(new Event('change', {bubbles: true}));",
        json!([]),
    );
    assert!(
        browser.is_displayed(&empty),
        "nothing matches: the message shows"
    );
    assert_eq!(
        browser.text(&empty),
        "No statement on this page matches these filters."
    );
    browser.click(&reset);
    assert!(statement_visibility(&browser).iter().all(|(_, h)| !h));
    assert!(!browser.is_displayed(&empty));
    assert!(!browser.is_displayed(&reset), "no filter: no reset");
    assert!(browser.current_url().ends_with("/timeline/"));

    // The filter in the URL is applied on load.
    browser.goto(&server.url("/timeline/?actor=bravo"));
    let select = browser.find("form#timeline-filters select[name=actor]");
    assert_eq!(browser.property(&select, "value"), "bravo");
    assert_eq!(
        statement_visibility(&browser),
        visible(&[
            ("browser-1", true),
            ("browser-2", false),
            ("browser-3", true),
            ("browser-4", false),
            ("browser-5", false)
        ])
    );

    // Back to all actors: nothing hidden, the query is gone.
    browser.select_option("form#timeline-filters select[name=actor]", "");
    assert!(statement_visibility(&browser).iter().all(|(_, h)| !h));
    assert!(
        browser.current_url().ends_with("/timeline/"),
        "{}",
        browser.current_url()
    );
}

#[test]
fn contacts_network_screenshot() {
    if !available() {
        return;
    }
    let site = Site::fixture("model-browser");
    site.build_ok(&[]);
    let server = StaticServer::start(&site.out);
    let browser = Browser::start();
    browser.goto(&server.url("/contacts/"));
    let svg = browser.find("svg.network");
    assert!(browser.is_displayed(&svg));
    // The SVG is laid out at a real size and its stylesheet loaded.
    let size = browser.execute(
        "const r = arguments[0].getBoundingClientRect(); return [r.width, r.height];",
        json!([{ELEMENT_KEY: svg.0}]),
    );
    let (w, h) = (
        size[0].as_f64().unwrap_or(0.0),
        size[1].as_f64().unwrap_or(0.0),
    );
    assert!(w > 100.0 && h > 100.0, "svg is {w}x{h}");
    assert_eq!(browser.find_all("svg.network g.edges line").len(), 4);
    // The viewport first (a test that fails later still leaves a picture), then
    // the whole figure.
    let viewport = browser.screenshot();
    assert!(viewport.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    let figure = browser.find("figure.network-figure");
    let path = screenshot_dir().join("contacts.png");
    Browser::save_png(&path, &browser.element_screenshot(&figure));
    let png = std::fs::read(&path).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    // On a phone (390 px wide) the labels stay at least 12 px high: the drawing
    // keeps a minimum width and its figure scrolls sideways.
    browser.set_window(390, 844);
    let heights = browser.execute(
        "return [...document.querySelectorAll('svg.network a.node text')].map(t => t.getBoundingClientRect().height);",
        json!([]),
    );
    let heights: Vec<f64> = (heights.as_array().expect("a list").iter())
        .filter_map(serde_json::Value::as_f64)
        .collect();
    assert!(!heights.is_empty(), "labels found");
    assert!(
        heights.iter().all(|&h| h >= 12.0),
        "labels at 390 px: {heights:?}"
    );
    assert!(png.len() > 1000);
}
