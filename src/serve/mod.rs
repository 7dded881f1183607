//! `sitroom serve`: build into memory, serve over HTTP, rebuild on every change and
//! tell open pages to reload. Nothing is written to disk.
//!
//! Threads: tokio answers requests from the current [`build::Snapshot`] (a `watch`
//! channel); one plain thread owns the file watcher and the [`build::Builder`],
//! rebuilds after each debounced batch of changes and publishes a new snapshot.

pub mod build;
pub mod http;
pub mod inject;
pub mod pages;
pub mod watch;

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use tokio::net::TcpListener;
use tokio::sync::watch as channel;

use crate::cmd::{plural, report};
use build::{Builder, Outcome, Snapshot};

/// Runs the server until Ctrl-C.
pub fn run(root: &Path, bind: &str, port: u16, drafts: bool) -> anyhow::Result<ExitCode> {
    let root = root
        .canonicalize()
        .with_context(|| format!("site folder `{}` does not exist", root.display()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(serve(root, bind, port, drafts))?;
    // Do not wait for a blocking file read that may still be running.
    runtime.shutdown_timeout(Duration::from_millis(100));
    Ok(ExitCode::SUCCESS)
}

async fn serve(root: PathBuf, bind: &str, port: u16, drafts: bool) -> anyhow::Result<()> {
    let listener = listen(bind, port).await?;
    let addr = listener
        .local_addr()
        .context("cannot read the server's address")?;
    let origin = format!("http://{addr}");

    let started = Instant::now();
    let mut builder = Builder::new(&root, drafts, origin.clone());
    let (snapshot, outcome) = builder.build();
    announce(&outcome, started, "initial build", &snapshot);
    let url = format!("{origin}{}", snapshot.base_path);
    let (snapshot_tx, snapshot_rx) = channel::channel(Arc::new(snapshot));
    let (stop_tx, stop_rx) = channel::channel(false);

    let (watcher, events) = watch::Watcher::start(&root)?;
    std::thread::Builder::new()
        .name("sitroom-rebuild".into())
        .spawn(move || rebuild_loop(watcher, events, builder, snapshot_tx))
        .context("cannot start the rebuild thread")?;

    println!("serving {url} (Ctrl-C to stop)");
    let app = http::App {
        snapshot: snapshot_rx,
        shutdown: stop_rx.clone(),
    };
    let server = axum::serve(listener, http::router(app)).with_graceful_shutdown(async move {
        stop_signal().await;
        let _ = stop_tx.send(true);
    });
    let mut stopping = stop_rx;
    tokio::select! {
        result = server => result.context("the server failed")?,
        // Connections that do not close by themselves get a moment, not forever.
        _ = async { let _ = stopping.wait_for(|s| *s).await; tokio::time::sleep(Duration::from_secs(2)).await } => {}
    }
    println!("stopped");
    Ok(())
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
        if let Err(e) = watcher.watch_new_dirs() {
            eprintln!("warning: {e:#}");
        }
        let started = Instant::now();
        if changes.rescan {
            builder.invalidate_all();
        }
        for path in &changes.paths {
            builder.invalidate(path);
        }
        let (snapshot, outcome) = builder.build();
        announce(&outcome, started, &changes.describe(), &snapshot);
        if snapshots.send(Arc::new(snapshot)).is_err() {
            break;
        }
    }
}

/// Prints the diagnostics and one line about the build.
fn announce(outcome: &Outcome, started: Instant, what: &str, snapshot: &Snapshot) {
    let (errors, warnings) = report(&outcome.diagnostics);
    let ms = started.elapsed().as_millis();
    if let Some(failure) = &outcome.failure {
        eprintln!("error: {failure}");
    }
    if snapshot.problems.is_empty() {
        let warned = if warnings > 0 {
            format!(", {}", plural(warnings, "warning"))
        } else {
            String::new()
        };
        println!("rebuilt in {ms} ms ({what}){warned}");
    } else {
        let errors = errors + usize::from(outcome.failure.is_some());
        eprintln!(
            "build failed in {ms} ms ({what}): {}; the browser shows them",
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
    }
}
