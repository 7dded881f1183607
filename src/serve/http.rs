//! The HTTP side of `serve`: accepts connections (with a deadline for the request
//! head), refuses requests for foreign hosts, answers the rest from the current
//! [`Snapshot`] (rendered files in memory, static files from disk) and streams
//! reload events.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use futures_util::Stream;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::serve::build::Snapshot;
use crate::serve::hosts::{self, Hosts};
use crate::serve::inject;

/// How long a client has to send a request's head (request line and headers)
/// after connecting, or after starting the next request on a kept-alive
/// connection, before the connection is closed (against slowloris).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Shared by all requests: the current snapshot, the shutdown signal and the hosts
/// answered for.
#[derive(Clone)]
pub struct App {
    pub snapshot: watch::Receiver<Arc<Snapshot>>,
    pub shutdown: watch::Receiver<bool>,
    pub hosts: Arc<Hosts>,
}

pub fn router(app: App) -> Router {
    Router::new().fallback(handle).with_state(app)
}

/// Accepts connections until `shutdown` turns true, then lets open connections
/// finish their current response and returns when they are all closed.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    mut shutdown: watch::Receiver<bool>,
    header_timeout: Duration,
) {
    // Each connection holds a receiver; `closed()` resolves when all are gone.
    let (open_tx, open_rx) = watch::channel(());
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors and the like: wait instead of spinning.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = shutdown.wait_for(|stop| *stop) => break,
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(router.clone());
        let mut stop = shutdown.clone();
        let open = open_rx.clone();
        tokio::spawn(async move {
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(TokioIo::new(stream), service);
            let mut conn = std::pin::pin!(conn);
            let stopping = tokio::select! {
                _ = conn.as_mut() => None,
                stop = stop.wait_for(|stop| *stop) => Some(stop.is_ok()),
            };
            if let Some(stopping) = stopping {
                if stopping {
                    // Finish the response under way, then close.
                    conn.as_mut().graceful_shutdown();
                }
                let _ = conn.await;
            }
            drop(open);
        });
    }
    drop(open_rx);
    open_tx.closed().await;
}

async fn handle(State(app): State<App>, uri: Uri, headers: HeaderMap) -> Response {
    if let Some(refused) = refuse(&app.hosts, &uri, &headers) {
        return refused;
    }
    let snap = Arc::clone(&app.snapshot.borrow());
    let path = percent_decode(uri.path());
    let base = snap.base_path.as_str();
    if path == format!("{base}{}", inject::EVENTS) || path == format!("/{}", inject::EVENTS) {
        if let Some(origin) = headers.get(header::ORIGIN) {
            let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
            let same = origin
                .to_str()
                .ok()
                .zip(host)
                .is_some_and(|(o, h)| hosts::same_origin(o, h));
            if !same {
                return plain(
                    StatusCode::FORBIDDEN,
                    "403 Forbidden: live reload is only for pages served by this sitroom serve, not for pages of another origin.\n".to_string(),
                );
            }
        }
        return events(app).into_response();
    }
    if format!("{path}/") == base {
        return Redirect::temporary(base).into_response();
    }
    let Some(rel) = path.strip_prefix(base) else {
        return not_found(&snap);
    };
    if rel.split('/').any(|part| part == "..") {
        return not_found(&snap);
    }
    if snap.files.is_empty() && !snap.problems.is_empty() {
        let body = inject::error_page(base, snap.generation, &snap.problems);
        return respond(StatusCode::INTERNAL_SERVER_ERROR, "index.html", body);
    }
    let rel = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    match snap.files.get(&rel) {
        Some(Ok(bytes)) => return page(&snap, StatusCode::OK, &rel, bytes),
        Some(Err(problem)) => {
            let body = inject::error_page(base, snap.generation, &[problem]);
            return respond(StatusCode::INTERNAL_SERVER_ERROR, "index.html", body);
        }
        None => {}
    }
    if let Some(abs) = snap.statics.get(&rel) {
        return match tokio::fs::read(abs).await {
            Ok(bytes) => page(&snap, StatusCode::OK, &rel, bytes),
            Err(_) => not_found(&snap),
        };
    }
    // `/actors` -> `/actors/`, as a static server would.
    if snap.files.contains_key(&format!("{rel}/index.html")) {
        let query = uri.query().map_or_else(String::new, |q| format!("?{q}"));
        return Redirect::temporary(&format!("{}/{query}", uri.path())).into_response();
    }
    not_found(&snap)
}

/// A 403 for a request whose host is not answered for (see [`hosts`]), `None` to
/// go on. An absolute request target (`GET http://host/`) must be allowed too.
fn refuse(hosts: &Hosts, uri: &Uri, headers: &HeaderMap) -> Option<Response> {
    let target = uri.authority().map(|a| a.as_str());
    // A header that is not visible ASCII is no name we answer for.
    let host = headers
        .get(header::HOST)
        .map(|h| h.to_str().unwrap_or_default());
    let names: Vec<&str> = [target, host].into_iter().flatten().collect();
    let refused = match names.iter().find(|n| !hosts.allows(n)) {
        Some(name) => Some(*name).filter(|n| !n.is_empty()),
        None if names.is_empty() => None,
        None => return None,
    };
    if hosts.first_refusal(refused) {
        eprintln!("{}", hosts::refused_line(refused));
    }
    Some(plain(StatusCode::FORBIDDEN, hosts::refusal(refused)))
}

fn plain(status: StatusCode, body: String) -> Response {
    let mut response = respond(status, "refused.txt", body.into_bytes());
    response.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

fn not_found(snap: &Snapshot) -> Response {
    let bytes = snap
        .files
        .get("404.html")
        .and_then(Result::ok)
        .unwrap_or_else(|| b"<!doctype html><title>Not found</title><h1>Not found</h1>".to_vec());
    page(snap, StatusCode::NOT_FOUND, "404.html", bytes)
}

/// A file as it is, or with the reload script (and overlay) if it is HTML.
fn page(snap: &Snapshot, status: StatusCode, rel: &str, bytes: Vec<u8>) -> Response {
    let body = if rel.ends_with(".html") || rel.ends_with(".htm") {
        inject::page(&bytes, &snap.base_path, snap.generation, &snap.problems)
    } else {
        bytes
    };
    respond(status, rel, body)
}

fn respond(status: StatusCode, rel: &str, body: Vec<u8>) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(rel)),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Announces the current build on connect and each new one after; ends at shutdown
/// so that Ctrl-C does not wait for open pages.
fn events(app: App) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let App {
        mut snapshot,
        shutdown,
        ..
    } = app;
    snapshot.mark_changed();
    let stream = futures_util::stream::unfold(
        (snapshot, shutdown),
        |(mut snapshot, mut shutdown)| async move {
            let changed = tokio::select! {
                changed = snapshot.changed() => changed.is_ok(),
                _ = shutdown.wait_for(|stop| *stop) => false,
            };
            if !changed {
                return None;
            }
            let generation = snapshot.borrow_and_update().generation;
            let event = Event::default()
                .event("reload")
                .data(generation.to_string());
            Some((Ok(event), (snapshot, shutdown)))
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// The content type for an output path, by extension.
pub fn content_type(rel: &str) -> &'static str {
    let ext = rel
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "xml" if rel.ends_with("atom.xml") => "application/atom+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// Decodes `%XX` escapes; a malformed escape is kept as written.
fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes() {
        assert_eq!(percent_decode("/a%20b/"), "/a b/");
        assert_eq!(percent_decode("/%zz%4"), "/%zz%4");
        assert_eq!(percent_decode("/%C3%A9"), "/é");
    }

    #[test]
    fn knows_common_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("atom.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(content_type("data/statements.json"), "application/json");
        assert_eq!(content_type("x.bin"), "application/octet-stream");
    }
}
