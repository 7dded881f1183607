//! What `check --links` knows without the network: what an answer means for a
//! link (`Outcome`), where a redirect leads, and the cache of past answers kept
//! at [`PATH`] under the site (pure: the caller reads and writes the file).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The cache file, relative to the site folder.
pub const PATH: &str = ".sitroom/link-cache.json";

/// How long a working link's answer is trusted, in seconds (24 h).
pub const OK_TTL: i64 = 24 * 3600;
/// How long a failure is trusted, in seconds (1 h): a flaky site gets another try.
pub const FAILURE_TTL: i64 = 3600;

/// What checking one URL found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "kebab-case")]
pub enum Outcome {
    /// The page answers (2xx, after any temporary redirects).
    Ok,
    /// The page answers, but a permanent redirect (301, 308) leads to `to`.
    Moved { status: u16, to: String },
    /// The server refused to tell (401, 403 or 429 even to a GET): not known dead.
    Unverified { status: u16 },
    /// The link is dead: an HTTP error, or no answer at all (`why` says which).
    Dead { why: String },
}

impl Outcome {
    /// Whether the answer is a failure (cached for [`FAILURE_TTL`] only).
    pub fn is_failure(&self) -> bool {
        matches!(self, Outcome::Dead { .. } | Outcome::Unverified { .. })
    }
}

/// What to do after an answer with `status` to a HEAD request.
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    /// Ask again with GET: the server refuses HEAD (405, 403, 501 …).
    RetryWithGet,
    /// Follow the `Location` header; `permanent` for 301 and 308.
    Follow { permanent: bool },
    /// The answer is final.
    Done(Outcome),
}

/// What a status means. `after_get` is true when the request was already a GET.
pub fn classify(status: u16, after_get: bool) -> Next {
    match status {
        301 | 308 => Next::Follow { permanent: true },
        302 | 303 | 307 => Next::Follow { permanent: false },
        200..=299 => Next::Done(Outcome::Ok),
        // Servers that do not implement HEAD, or refuse it to robots, often say so
        // with one of these; a GET tells the truth.
        400 | 403 | 405 | 406 | 429 | 501 if !after_get => Next::RetryWithGet,
        401 | 403 | 429 => Next::Done(Outcome::Unverified { status }),
        _ => Next::Done(Outcome::Dead {
            why: status_words(status),
        }),
    }
}

/// `404 Not Found`: the code and its usual reason phrase.
pub fn status_words(status: u16) -> String {
    let reason = match status {
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        410 => "Gone",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    };
    format!("HTTP {status} {reason}").trim_end().to_string()
}

/// Whether `url` is one the checker asks the network about: http or https.
pub fn is_web(url: &str) -> bool {
    matches!(
        crate::url_check::scheme(url).as_deref(),
        Some("http" | "https")
    )
}

/// The host (and port) of a web URL, lowercased: what the per-host limit counts.
pub fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    host.to_ascii_lowercase()
}

/// Where a `Location` header sent from `base` leads, as an absolute URL.
pub fn resolve_location(base: &str, location: &str) -> String {
    let location = location.trim();
    if crate::url_check::scheme(location).is_some() {
        return location.to_string();
    }
    let (scheme, rest) = base.split_once("://").unwrap_or(("http", base));
    if let Some(net) = location.strip_prefix("//") {
        return format!("{scheme}://{net}");
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = format!("{scheme}://{}", &rest[..authority_end]);
    if location.starts_with('/') {
        return format!("{origin}{location}");
    }
    let path = &rest[authority_end..];
    let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
    if location.starts_with(['?', '#']) || location.is_empty() {
        return format!("{origin}{path}{location}");
    }
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    let dir = if dir.is_empty() { "/" } else { dir };
    format!("{origin}{dir}{location}")
}

/// One cached answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// When it was checked, in seconds since 1970 (UTC).
    pub checked_at: i64,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// The cache file's contents: URL -> last answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cache {
    pub version: u32,
    pub links: BTreeMap<String, Entry>,
}

/// The version written; a file of another version is ignored (checked afresh).
const VERSION: u32 = 1;

impl Cache {
    pub fn new() -> Self {
        Cache {
            version: VERSION,
            links: BTreeMap::new(),
        }
    }

    /// Reads the cache file's text; `Err` says why it cannot be used.
    pub fn parse(text: &str) -> Result<Cache, String> {
        let cache: Cache = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if cache.version != VERSION {
            return Err(format!(
                "it is version {}, this sitroom writes version {VERSION}",
                cache.version
            ));
        }
        Ok(cache)
    }

    /// The cached answer for `url`, if it has not expired at `now`.
    pub fn fresh(&self, url: &str, now: i64) -> Option<&Outcome> {
        let entry = self.links.get(url)?;
        let ttl = if entry.outcome.is_failure() {
            FAILURE_TTL
        } else {
            OK_TTL
        };
        let age = now - entry.checked_at;
        (0..ttl).contains(&age).then_some(&entry.outcome)
    }

    pub fn record(&mut self, url: &str, outcome: Outcome, now: i64) {
        self.links.insert(
            url.to_string(),
            Entry {
                checked_at: now,
                outcome,
            },
        );
    }

    /// Drops entries that have expired at `now`, so the file does not grow forever.
    pub fn prune(&mut self, now: i64) {
        self.links.retain(|_, e| {
            now - e.checked_at
                < if e.outcome.is_failure() {
                    FAILURE_TTL
                } else {
                    OK_TTL
                }
        });
    }

    /// The file's text: sorted by URL, so the same answers give the same bytes.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a cache serializes") + "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_mean_what_a_desk_expects() {
        assert_eq!(classify(200, false), Next::Done(Outcome::Ok));
        assert_eq!(classify(204, true), Next::Done(Outcome::Ok));
        assert_eq!(classify(301, false), Next::Follow { permanent: true });
        assert_eq!(classify(308, true), Next::Follow { permanent: true });
        assert_eq!(classify(302, false), Next::Follow { permanent: false });
        assert_eq!(classify(405, false), Next::RetryWithGet);
        assert_eq!(classify(403, false), Next::RetryWithGet);
        assert_eq!(classify(501, false), Next::RetryWithGet);
        assert_eq!(
            classify(403, true),
            Next::Done(Outcome::Unverified { status: 403 })
        );
        assert_eq!(
            classify(410, false),
            Next::Done(Outcome::Dead {
                why: "HTTP 410 Gone".into()
            })
        );
        assert_eq!(
            classify(404, true),
            Next::Done(Outcome::Dead {
                why: "HTTP 404 Not Found".into()
            })
        );
        assert_eq!(
            classify(599, true),
            Next::Done(Outcome::Dead {
                why: "HTTP 599".into()
            })
        );
    }

    #[test]
    fn locations_resolve_against_the_page() {
        let base = "https://ex.org/a/b.html?q=1";
        assert_eq!(resolve_location(base, "https://x.org/"), "https://x.org/");
        assert_eq!(resolve_location(base, "//cdn.org/x"), "https://cdn.org/x");
        assert_eq!(resolve_location(base, "/new"), "https://ex.org/new");
        assert_eq!(resolve_location(base, "c.html"), "https://ex.org/a/c.html");
        assert_eq!(
            resolve_location(base, "?p=2"),
            "https://ex.org/a/b.html?p=2"
        );
        assert_eq!(resolve_location("http://h:81", "x"), "http://h:81/x");
    }

    #[test]
    fn hosts_count_with_their_port() {
        assert_eq!(host("https://User@Ex.ORG:8443/p?q#f"), "ex.org:8443");
        assert_eq!(host("http://127.0.0.1:9/"), "127.0.0.1:9");
        assert!(is_web("HTTPS://x") && !is_web("mailto:a@b") && !is_web("/x"));
    }

    #[test]
    fn answers_expire_sooner_when_they_failed() {
        let mut cache = Cache::new();
        cache.record("https://ok/", Outcome::Ok, 1000);
        let dead = Outcome::Dead {
            why: "HTTP 404 Not Found".into(),
        };
        cache.record("https://dead/", dead.clone(), 1000);
        assert_eq!(
            cache.fresh("https://ok/", 1000 + OK_TTL - 1),
            Some(&Outcome::Ok)
        );
        assert_eq!(cache.fresh("https://ok/", 1000 + OK_TTL), None);
        assert_eq!(
            cache.fresh("https://dead/", 1000 + FAILURE_TTL - 1),
            Some(&dead)
        );
        assert_eq!(cache.fresh("https://dead/", 1000 + FAILURE_TTL), None);
        // A clock set back does not make an answer fresh forever.
        assert_eq!(cache.fresh("https://ok/", 999), None);
        assert_eq!(cache.fresh("https://other/", 1000), None);
        cache.prune(1000 + FAILURE_TTL);
        assert_eq!(cache.links.len(), 1);
    }

    #[test]
    fn the_file_round_trips_and_bad_files_are_refused() {
        let mut cache = Cache::new();
        cache.record(
            "https://a/",
            Outcome::Moved {
                status: 301,
                to: "https://b/".into(),
            },
            5,
        );
        let text = cache.to_json();
        assert!(text.contains("\"result\": \"moved\""), "{text}");
        assert_eq!(Cache::parse(&text), Ok(cache));
        assert!(Cache::parse("{not json").is_err());
        assert!(Cache::parse(r#"{"version": 9, "links": {}}"#).is_err());
    }
}
