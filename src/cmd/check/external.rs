//! `check --links`: asks the web whether each source's `url` and `archive` still
//! answer. HEAD first, GET when HEAD is refused; redirects followed by hand (so a
//! permanent one can be reported); at most [`WORKERS`] requests at once and
//! [`PER_HOST`] per host; a polite User-Agent; answers cached under the site
//! ([`link_cache::PATH`]). Without `--links` nothing here runs: no network ever.

use std::collections::{BTreeMap, HashMap};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use crate::cmd::check::link_cache::{self, Cache, Next, Outcome};
use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::front_matter::{self, BriefingMeta, Locator};
use crate::source;

/// Requests in flight at once, over all hosts.
pub const WORKERS: usize = 8;
/// Requests in flight at once to one host: be a polite reader, not a crawler.
pub const PER_HOST: usize = 2;
/// Redirects followed before a link counts as dead.
const MAX_REDIRECTS: usize = 10;

/// How to check.
#[derive(Debug, Clone)]
pub struct Options {
    /// Per request (connect, send, answer).
    pub timeout: Duration,
    /// Ignore cached answers (fresh answers are still recorded).
    pub no_cache: bool,
}

/// One place a web URL is written: a source's `url` or `archive`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub path: PathBuf,
    pub pos: Pos,
    pub outlet: String,
    pub url: String,
    /// `archive` when this is the archived copy, else `url`.
    pub key: &'static str,
    /// The source's archived copy, when this is its live `url`.
    pub archive: Option<String>,
}

/// Every web `url` and `archive` in the front matter of one briefing file, with
/// its position (pure).
pub fn places(path: &Path, text: &str) -> Vec<Place> {
    let Ok(split) = front_matter::split(text) else {
        return Vec::new();
    };
    let (Some(meta), _) = front_matter::parse::<BriefingMeta>(path, text, &split) else {
        return Vec::new();
    };
    let loc = Locator::new(text, &split);
    let mut out = Vec::new();
    for (list, i, source) in meta.written_sources() {
        for (key, url) in [("url", &source.url), ("archive", &source.archive)] {
            let Some(url) = url.as_deref().filter(|u| link_cache::is_web(u)) else {
                continue;
            };
            out.push(Place {
                path: path.to_path_buf(),
                pos: loc.key_in_item(list, i, key, url),
                outlet: source.outlet.clone(),
                url: url.trim().to_string(),
                key,
                archive: (key == "url")
                    .then(|| source.archive.clone())
                    .flatten()
                    .filter(|a| link_cache::is_web(a)),
            });
        }
    }
    out.extend(body_places(path, text));
    out
}

/// Every web link and image in the Markdown body of a content file, at the
/// position of its URL (pure). Only a briefing's front matter holds sources; a
/// link in the text is checked, but an archived copy is not asked of it.
pub fn body_places(path: &Path, text: &str) -> Vec<Place> {
    use pulldown_cmark::{Event, Parser, Tag};
    let Ok(split) = front_matter::split(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let events = Parser::new_ext(split.body, crate::markdown::options()).into_offset_iter();
    for (event, range) in events {
        let url = match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        if !link_cache::is_web(&url) {
            continue;
        }
        // The URL as written inside the link's source text, else the link's start.
        let at = split.body[range.clone()]
            .find(url.as_ref())
            .map_or(range.start, |i| range.start + i);
        out.push(Place {
            path: path.to_path_buf(),
            pos: Pos::of_offset(text, split.body_offset + at),
            outlet: url.trim().to_string(),
            url: url.trim().to_string(),
            key: "link",
            archive: None,
        });
    }
    out
}

/// What a run found, for the summary line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Stats {
    /// Distinct URLs.
    pub checked: usize,
    /// Of those, answered from the cache.
    pub cached: usize,
    pub dead: usize,
    pub moved: usize,
    /// Sources with a web `url` and no `archive`.
    pub no_archive: usize,
    /// URLs that got no HTTP answer at all (DNS, connection, TLS, timeout).
    pub unreachable: usize,
}

/// Checks every web link of the site's briefings: diagnostics at their places,
/// and the numbers for the summary. Reads and writes the cache under `root`.
pub fn check(root: &Path, listing: &source::Listing, opts: &Options) -> (Vec<Diagnostic>, Stats) {
    let mut diags = Vec::new();
    let mut all = Vec::new();
    for entry in &listing.briefings {
        if let Ok(text) = source::read(entry) {
            all.extend(places(&entry.path, &text));
        }
    }
    for entry in listing.actors.iter().chain(&listing.pages) {
        if let Ok(text) = source::read(entry) {
            all.extend(body_places(&entry.path, &text));
        }
    }
    let cache_path = root.join(link_cache::PATH);
    let mut cache = match source::read_optional(&cache_path) {
        Ok(None) => Cache::new(),
        Ok(Some(text)) => Cache::parse(&text).unwrap_or_else(|why| {
            diags.push(cache_warning(&format!(
                "the link cache cannot be read ({why}); every link is checked again"
            )));
            Cache::new()
        }),
        Err(e) => {
            diags.push(cache_warning(&format!(
                "the link cache cannot be read ({e}); every link is checked again"
            )));
            Cache::new()
        }
    };
    let now = jiff::Timestamp::now().as_second();
    let mut urls: Vec<&str> = all.iter().map(|p| p.url.as_str()).collect();
    urls.sort_unstable();
    urls.dedup();
    let mut results: HashMap<String, Outcome> = HashMap::new();
    let mut to_ask = Vec::new();
    for url in &urls {
        match cache.fresh(url, now).filter(|_| !opts.no_cache) {
            Some(outcome) => {
                results.insert((*url).to_string(), outcome.clone());
            }
            None => to_ask.push(*url),
        }
    }
    let cached = results.len();
    for (url, outcome) in ask_all(&to_ask, opts) {
        cache.record(&url, outcome.clone(), now);
        results.insert(url, outcome);
    }
    cache.prune(now);
    if let Err(e) = crate::output::write_small_file(&cache_path, cache.to_json().as_bytes()) {
        diags.push(cache_warning(&format!(
            "the link cache cannot be written ({e})"
        )));
    }
    let (found, mut stats) = report(&all, &results);
    diags.extend(found);
    stats.checked = urls.len();
    stats.unreachable = results
        .values()
        .filter(|o| matches!(o, Outcome::Dead { why } if !why.starts_with("HTTP ")))
        .count();
    stats.cached = cached;
    (diags, stats)
}

fn cache_warning(message: &str) -> Diagnostic {
    Diagnostic::warning(Path::new(link_cache::PATH), Code::LinkCache, message).hint(
        "nothing to fix by hand: the file is rewritten after this run; delete it to start afresh",
    )
}

/// The diagnostics for what was found (pure): dead and moved links, links that
/// could not be verified, and sources without an archived copy. One diagnostic per
/// URL and file, at its first place (a statement often repeats its briefing's
/// source), saying how many more places in the file have it.
pub fn report(places: &[Place], results: &HashMap<String, Outcome>) -> (Vec<Diagnostic>, Stats) {
    let mut diags = Vec::new();
    let mut stats = Stats::default();
    let mut seen: BTreeMap<(&Path, &str), usize> = BTreeMap::new();
    for p in places {
        *seen.entry((p.path.as_path(), p.url.as_str())).or_default() += 1;
    }
    for p in places {
        let Some(count) = seen.insert((p.path.as_path(), p.url.as_str()), 0) else {
            continue;
        };
        if count == 0 {
            continue;
        }
        let Some(outcome) = results.get(&p.url) else {
            continue;
        };
        let archive_works = p
            .archive
            .as_ref()
            .and_then(|a| results.get(a))
            .map(|o| !matches!(o, Outcome::Dead { .. }));
        if let Some(mut d) = about(p, outcome, archive_works) {
            match count - 1 {
                0 => {}
                1 => d
                    .message
                    .push_str(" (here and in 1 more place in this file)"),
                n => d.message += &format!(" (here and in {n} more places in this file)"),
            }
            match d.code {
                Code::DeadLink => stats.dead += 1,
                Code::MovedLink => stats.moved += 1,
                _ => {}
            }
            diags.push(d);
        }
        if p.key == "url" && p.archive.is_none() {
            stats.no_archive += 1;
            diags.push(
                Diagnostic::note(
                    &p.path,
                    Code::NoArchive,
                    format!("the source `{}` has no archived copy", p.outlet),
                )
                .at(p.pos)
                .hint(format!(
                    "add `archive:` with a copy that will outlive the page, such as https://web.archive.org/web/{}",
                    p.url
                )),
            );
        }
    }
    (diags, stats)
}

/// The diagnostic for one place, if its answer needs one.
fn about(p: &Place, outcome: &Outcome, archive_works: Option<bool>) -> Option<Diagnostic> {
    let what = if p.key == "archive" {
        format!("the archived copy of `{}`", p.outlet)
    } else if p.key == "link" {
        format!("the link to {} in the text", p.url)
    } else {
        format!("the link to `{}`", p.outlet)
    };
    let d = match outcome {
        Outcome::Ok => return None,
        Outcome::Dead { why } => {
            let hint = match (p.key, archive_works, &p.archive) {
                ("link", _, _) => format!("if the page moved, link its new address; else link an archived copy, such as https://web.archive.org/web/{}", p.url),
                ("archive", _, _) => "look for another snapshot of the page in the archive and write its URL in `archive:`".to_string(),
                (_, Some(true), Some(a)) => format!("the archived copy {a} works: readers can still follow it; if the page moved, write its new address in `url:`"),
                (_, Some(false), _) => "the archived copy is dead too: look for another snapshot, or another outlet carrying the same text".to_string(),
                _ => format!("if the page moved, write its new address in `url:`; add `archive:` with a Wayback Machine copy, such as https://web.archive.org/web/{}", p.url),
            };
            Diagnostic::warning(&p.path, Code::DeadLink, format!("{what} is dead: {why}"))
                .hint(hint)
        }
        Outcome::Moved { status, to } => Diagnostic::warning(
            &p.path,
            Code::MovedLink,
            format!("{what} has moved for good (HTTP {status}) to {to}"),
        )
        .hint(if p.key == "link" {
            "link the new address in the text".to_string()
        } else {
            format!("write the new address in `{}:`", p.key)
        }),
        Outcome::Unverified { status } => Diagnostic::note(
            &p.path,
            Code::UnverifiedLink,
            format!(
                "{what} could not be verified: the server answered HTTP {status} to an automated check"
            ),
        )
        .hint("open it in a browser: some sites refuse every request that is not from one"),
    };
    Some(d.at(p.pos))
}

/// Asks about every URL, [`WORKERS`] at a time and at most [`PER_HOST`] per host.
/// The answers come back sorted by URL.
fn ask_all(urls: &[&str], opts: &Options) -> Vec<(String, Outcome)> {
    if urls.is_empty() {
        return Vec::new();
    }
    let agent = agent(opts.timeout);
    let state = Mutex::new(Queue {
        pending: urls.iter().map(|u| (*u).to_string()).collect(),
        busy: HashMap::new(),
        done: Vec::new(),
    });
    let wake = Condvar::new();
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(urls.len()) {
            scope.spawn(|| worker(&agent, &state, &wake, opts.timeout));
        }
    });
    let mut done = state.into_inner().unwrap_or_else(|e| e.into_inner()).done;
    done.sort_by(|a, b| a.0.cmp(&b.0));
    done
}

struct Queue {
    pending: Vec<String>,
    /// Requests in flight per host.
    busy: HashMap<String, usize>,
    done: Vec<(String, Outcome)>,
}

fn worker(agent: &ureq3::Agent, state: &Mutex<Queue>, wake: &Condvar, timeout: Duration) {
    loop {
        let (url, host) = {
            let mut q = state.lock().unwrap_or_else(|e| e.into_inner());
            loop {
                if q.pending.is_empty() {
                    return;
                }
                let free = q.pending.iter().position(|u| {
                    q.busy.get(&link_cache::host(u)).copied().unwrap_or(0) < PER_HOST
                });
                if let Some(i) = free {
                    let url = q.pending.remove(i);
                    let host = link_cache::host(&url);
                    *q.busy.entry(host.clone()).or_default() += 1;
                    break (url, host);
                }
                q = wake.wait(q).unwrap_or_else(|e| e.into_inner());
            }
        };
        let outcome = probe(agent, &url, timeout);
        let mut q = state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = q.busy.get_mut(&host) {
            *n -= 1;
        }
        q.done.push((url, outcome));
        wake.notify_all();
    }
}

fn agent(timeout: Duration) -> ureq3::Agent {
    ureq3::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(timeout))
        .user_agent(format!(
            "sitroom/{} (+link check)",
            env!("CARGO_PKG_VERSION")
        ))
        .build()
        .into()
}

/// One URL: HEAD (GET if HEAD is refused), following redirects by hand.
fn probe(agent: &ureq3::Agent, url: &str, timeout: Duration) -> Outcome {
    let mut current = url.to_string();
    let mut moved_to: Option<(u16, String)> = None;
    let mut use_get = false;
    let mut hops = 0;
    loop {
        let answer = if use_get {
            agent.get(&current).call()
        } else {
            agent.head(&current).call()
        };
        let response = match answer {
            Ok(r) => r,
            Err(e) => {
                return Outcome::Dead {
                    why: failure_words(&e, timeout, current.starts_with("https:")),
                };
            }
        };
        let status = response.status().as_u16();
        match link_cache::classify(status, use_get) {
            Next::RetryWithGet => use_get = true,
            Next::Follow { permanent } => {
                let Some(location) = response
                    .headers()
                    .get("location")
                    .and_then(|v| v.to_str().ok())
                else {
                    return Outcome::Dead {
                        why: format!("HTTP {status} redirect without a Location header"),
                    };
                };
                hops += 1;
                if hops > MAX_REDIRECTS {
                    return Outcome::Dead {
                        why: format!("more than {MAX_REDIRECTS} redirects"),
                    };
                }
                current = link_cache::resolve_location(&current, location);
                if permanent && moved_to.is_none() {
                    moved_to = Some((status, current.clone()));
                }
            }
            Next::Done(Outcome::Ok) => {
                return match moved_to {
                    Some((status, to)) => Outcome::Moved { status, to },
                    None => Outcome::Ok,
                };
            }
            Next::Done(other) => return other,
        }
    }
}

/// Why a request got no answer, in a desk's words.
fn failure_words(e: &ureq3::Error, timeout: Duration, https: bool) -> String {
    match e {
        ureq3::Error::Timeout(_) => format!("no answer within {} s", timeout.as_secs_f32()),
        ureq3::Error::HostNotFound => "the host name does not resolve (DNS)".into(),
        ureq3::Error::ConnectionFailed => "the connection failed".into(),
        ureq3::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "the connection was refused".into()
        }
        ureq3::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            format!("no answer within {} s", timeout.as_secs_f32())
        }
        // The system resolver's failure comes as an I/O error.
        ureq3::Error::Io(io) if io.to_string().contains("lookup address") => {
            "the host name does not resolve (DNS)".into()
        }
        ureq3::Error::Rustls(tls) => format!("the secure connection (TLS) failed: {tls}"),
        ureq3::Error::Tls(tls) => format!("the secure connection (TLS) failed: {tls}"),
        // The server hung up before a TLS handshake completed: most often a plain
        // HTTP server on an https:// URL, or a broken TLS setup.
        ureq3::Error::Io(io)
            if https && matches!(io.kind(), ErrorKind::UnexpectedEof | ErrorKind::InvalidData) =>
        {
            format!("the secure connection (TLS) failed: {io}")
        }
        ureq3::Error::Io(io) => io.to_string(),
        other => other.to_string(),
    }
}
