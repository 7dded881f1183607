//! `sitroom serve`: build into memory, serve over HTTP, rebuild on every change and
//! tell open pages to reload. Nothing is written to disk.
//!
//! Threads: tokio answers requests from the current [`build::Snapshot`] (a `watch`
//! channel); one plain thread owns the file watcher and the [`build::Builder`],
//! rebuilds after each debounced batch of changes and publishes a new snapshot.

pub mod build;
pub mod hosts;
pub mod http;
pub mod inject;
pub mod log;
pub mod pages;
pub mod watch;

use std::io::ErrorKind;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use tokio::net::TcpListener;
use tokio::sync::watch as channel;

use crate::cmd::plural;
use build::{Builder, Outcome, Snapshot};

/// How `serve` was asked to run (the command line).
#[derive(Debug, Clone)]
pub struct Options {
    /// `--bind`: an IP address or a name that resolves to one.
    pub bind: String,
    pub port: u16,
    pub drafts: bool,
    /// `--allow-host` values, checked by [`hosts::parse_allowed`].
    pub allow_hosts: Vec<String>,
}

/// Overrides [`http::HEADER_TIMEOUT`] in milliseconds, for tests.
const HEADER_TIMEOUT_ENV: &str = "SITROOM_SERVE_HEADER_TIMEOUT_MS";

/// Runs the server until Ctrl-C.
pub fn run(root: &Path, options: &Options) -> anyhow::Result<ExitCode> {
    let root = root
        .canonicalize()
        .with_context(|| format!("site folder `{}` does not exist", root.display()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(serve(root, options))?;
    // Do not wait for a blocking file read that may still be running.
    runtime.shutdown_timeout(Duration::from_millis(100));
    Ok(ExitCode::SUCCESS)
}

async fn serve(root: PathBuf, options: &Options) -> anyhow::Result<()> {
    let listener = listen(&options.bind, options.port).await?;
    let addr = listener
        .local_addr()
        .context("cannot read the server's address")?;
    let public = Public::of(&options.bind, addr);
    let origin = public.origin.clone();
    let mut allowed = options.allow_hosts.clone();
    allowed.extend(public.name.clone());
    let hosts = Arc::new(hosts::Hosts::new(addr.ip(), &allowed));

    let started = Instant::now();
    let mut builder = Builder::new(&root, options.drafts, origin.clone());
    let (snapshot, outcome) = builder.build();
    let mut log = log::Log::new(&root);
    announce(&mut log, &outcome, started, "initial build", &snapshot);
    let url = format!("{origin}{}", snapshot.base_path);
    let (snapshot_tx, snapshot_rx) = channel::channel(Arc::new(snapshot));
    let (stop_tx, stop_rx) = channel::channel(false);

    let (watcher, events) = watch::Watcher::start(&root)?;
    std::thread::Builder::new()
        .name("sitroom-rebuild".into())
        .spawn(move || rebuild_loop(watcher, events, builder, log, snapshot_tx))
        .context("cannot start the rebuild thread")?;

    if public.exposed {
        eprintln!("{}", exposed_warning(&options.bind, &url, options.drafts));
    }
    println!("serving {url} (Ctrl-C to stop)");
    let app = http::App {
        snapshot: snapshot_rx,
        shutdown: stop_rx.clone(),
        hosts,
    };
    let header_timeout = std::env::var(HEADER_TIMEOUT_ENV)
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(http::HEADER_TIMEOUT, Duration::from_millis);
    let server = http::serve(listener, http::router(app), stop_rx.clone(), header_timeout);
    tokio::spawn(async move {
        stop_signal().await;
        let _ = stop_tx.send(true);
    });
    let mut stopping = stop_rx;
    tokio::select! {
        () = server => {}
        // Connections that do not close by themselves get a moment, not forever.
        _ = async { let _ = stopping.wait_for(|s| *s).await; tokio::time::sleep(Duration::from_secs(2)).await } => {}
    }
    println!("stopped");
    Ok(())
}

/// How the site is reached from a browser.
#[derive(Debug, PartialEq, Eq)]
struct Public {
    /// `http://host:port`, for absolute links and the terminal; never `0.0.0.0`.
    origin: String,
    /// A host name given with `--bind` (answered for, like `--allow-host`).
    name: Option<String>,
    /// Listening on more than the loopback interface.
    exposed: bool,
}

impl Public {
    fn of(bind: &str, addr: SocketAddr) -> Public {
        let ip = addr.ip();
        let exposed = !ip.is_loopback();
        let name = bind
            .parse::<IpAddr>()
            .is_err()
            .then(|| hosts::parse_allowed(bind).ok())
            .flatten()
            .filter(|n| n != "localhost");
        let host = match &name {
            // The name the user chose, when it leads off this machine.
            Some(n) if exposed => n.clone(),
            _ => SocketAddr::new(reachable(ip), addr.port()).to_string(),
        };
        let origin = match &name {
            Some(_) if exposed => format!("http://{host}:{}", addr.port()),
            _ => format!("http://{host}"),
        };
        Public {
            origin,
            name,
            exposed,
        }
    }
}

/// An address a browser can use to reach a server bound to `ip`: `ip` itself,
/// or for `0.0.0.0` / `::` the address of the interface that leads to the
/// network (what others on the network connect to), else loopback.
fn reachable(ip: IpAddr) -> IpAddr {
    if !ip.is_unspecified() {
        return ip;
    }
    // Connecting a UDP socket sends nothing; it only picks the outgoing interface.
    let probe = |local: IpAddr, remote: IpAddr| -> Option<IpAddr> {
        let socket = UdpSocket::bind(SocketAddr::new(local, 0)).ok()?;
        socket.connect(SocketAddr::new(remote, 9)).ok()?;
        let found = socket.local_addr().ok()?.ip();
        (!found.is_unspecified() && !found.is_loopback()).then_some(found)
    };
    match ip {
        IpAddr::V4(_) => probe(
            Ipv4Addr::UNSPECIFIED.into(),
            Ipv4Addr::new(192, 0, 2, 1).into(),
        )
        .unwrap_or(Ipv4Addr::LOCALHOST.into()),
        IpAddr::V6(_) => probe(
            Ipv6Addr::UNSPECIFIED.into(),
            Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1).into(),
        )
        .unwrap_or(Ipv6Addr::LOCALHOST.into()),
    }
}

/// The warning for a server that listens on more than loopback.
fn exposed_warning(bind: &str, url: &str, drafts: bool) -> String {
    let drafts = if drafts { ", drafts included," } else { "" };
    format!(
        "warning: `--bind {bind}` is not a loopback address: anyone who can reach this machine over the network can read the site{drafts} at {url}\n  \
= help: to keep it on this machine, leave out `--bind` (the default is 127.0.0.1); requests naming this machine by a host name other than localhost are refused unless it is given with `--allow-host NAME`"
    )
}

async fn listen(bind: &str, port: u16) -> anyhow::Result<TcpListener> {
    match TcpListener::bind((bind, port)).await {
        Ok(l) => Ok(l),
        Err(e) if e.kind() == ErrorKind::AddrInUse => anyhow::bail!(
            "port {port} on {bind} is already in use (another `sitroom serve`?); stop that server or choose another port with `--port`"
        ),
        Err(e) => Err(e).with_context(|| {
            format!("cannot listen on {bind}:{port} (change it with `--bind` or `--port`)")
        }),
    }
}

async fn stop_signal() {
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => return std::future::pending().await,
            };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Waits for changes, rebuilds, publishes. Ends when the server is gone.
fn rebuild_loop(
    mut watcher: watch::Watcher,
    events: std::sync::mpsc::Receiver<notify_debouncer_full::DebounceEventResult>,
    mut builder: Builder,
    mut log: log::Log,
    snapshots: channel::Sender<Arc<Snapshot>>,
) {
    while let Ok(first) = events.recv() {
        let mut changes = watcher.changes(first);
        // Changes that arrived while the last build ran go into this one.
        while let Ok(more) = events.try_recv() {
            let next = watcher.changes(more);
            changes.paths.extend(next.paths);
            changes.rescan |= next.rescan;
        }
        if changes.is_empty() {
            continue;
        }
        if let Err(e) = watcher.refresh(&mut changes) {
            eprintln!("warning: {e:#}");
        }
        let started = Instant::now();
        if changes.rescan {
            builder.invalidate_all();
        }
        for path in &changes.paths {
            builder.invalidate(path, watcher.is_plain_file(path));
        }
        let (snapshot, mut outcome) = builder.build();
        let mut snapshot = Arc::new(snapshot);
        // Publish first, then print: whoever reads "rebuilt in" (an author, a test)
        // must get the new site from the very next request.
        if !publish(&snapshots, &snapshot) {
            break;
        }
        if let Some(failed) = builder.probe_late(&snapshot, &mut outcome) {
            snapshot = Arc::new(failed);
            if !publish(&snapshots, &snapshot) {
                break;
            }
        }
        announce(&mut log, &outcome, started, &changes.describe(), &snapshot);
    }
}

/// Hands `snapshot` to the server; false if the server is gone.
fn publish(snapshots: &channel::Sender<Arc<Snapshot>>, snapshot: &Arc<Snapshot>) -> bool {
    if snapshots.is_closed() {
        return false;
    }
    let old = snapshots.send_replace(Arc::clone(snapshot));
    // Freeing a big site takes a while; the next rebuild need not wait for it.
    let _ = std::thread::Builder::new()
        .name("sitroom-free".into())
        .spawn(move || drop(old));
    true
}

/// Prints the diagnostics that are new since the last build, in `check`'s format,
/// and one line about the build: how long it took, what changed, and how the
/// diagnostics changed (`2 new warnings, 1 fixed, 5 unchanged`).
fn announce(
    log: &mut log::Log,
    outcome: &Outcome,
    started: Instant,
    what: &str,
    snapshot: &Snapshot,
) {
    let (new, change) = log.update(&outcome.diagnostics);
    for d in new {
        eprintln!("{}", log.render(d));
    }
    let ms = started.elapsed().as_millis();
    if let Some(failure) = &outcome.failure {
        eprintln!("error: {failure}");
    }
    let summary = change.summary();
    let summary = if summary.is_empty() {
        String::new()
    } else {
        format!(": {summary}")
    };
    if snapshot.problems.is_empty() {
        println!("rebuilt in {ms} ms ({what}){summary}");
    } else {
        let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count()
            + usize::from(outcome.failure.is_some());
        eprintln!(
            "build failed in {ms} ms ({what}){summary}; {} in all, the browser shows them",
            plural(errors, "error")
        );
    }
    if std::env::var_os("SITROOM_TIMINGS").is_some() {
        println!(
            "  load {} ms ({} parsed), render {} ms",
            outcome.load_time.as_millis(),
            plural(outcome.parsed, "file"),
            outcome.render_time.as_millis()
        );
        let steps: Vec<String> = (outcome.stages.iter())
            .map(|(name, t)| format!("{name} {:.1}", t.as_secs_f64() * 1000.0))
            .collect();
        println!("  steps (ms): {}", steps.join(", "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public(bind: &str, addr: &str) -> Public {
        Public::of(bind, addr.parse().unwrap())
    }

    #[test]
    fn loopback_is_not_exposed() {
        let p = public("127.0.0.1", "127.0.0.1:1111");
        assert_eq!(p.origin, "http://127.0.0.1:1111");
        assert!(!p.exposed && p.name.is_none());
        let p = public("localhost", "[::1]:1111");
        assert_eq!(p.origin, "http://[::1]:1111");
        assert!(!p.exposed && p.name.is_none());
    }

    #[test]
    fn all_interfaces_link_to_a_reachable_address() {
        let p = public("0.0.0.0", "0.0.0.0:1111");
        assert!(p.exposed);
        assert!(!p.origin.contains("0.0.0.0"), "{}", p.origin);
        assert!(p.origin.ends_with(":1111"), "{}", p.origin);
        let p = public("::", "[::]:1111");
        assert!(p.exposed);
        assert!(!p.origin.contains("[::]"), "{}", p.origin);
    }

    #[test]
    fn a_bound_name_is_used_and_answered_for() {
        let p = public("Box.Example", "192.168.1.5:1111");
        assert_eq!(p.origin, "http://box.example:1111");
        assert_eq!(p.name.as_deref(), Some("box.example"));
        assert!(p.exposed);
    }

    #[test]
    fn the_exposure_warning_mentions_drafts_only_when_served() {
        let url = "http://192.168.1.5:1111/";
        assert_eq!(
            exposed_warning("192.168.1.5", url, false),
            "warning: `--bind 192.168.1.5` is not a loopback address: anyone who can reach this machine over the network can read the site at http://192.168.1.5:1111/\n  = help: to keep it on this machine, leave out `--bind` (the default is 127.0.0.1); requests naming this machine by a host name other than localhost are refused unless it is given with `--allow-host NAME`"
        );
        assert!(exposed_warning("0.0.0.0", url, true).contains("the site, drafts included, at "));
    }
}
