//! sitroom: a static-site generator for conflict briefings.
//!
//! The pipeline, one module per stage: `source` (read) → `front_matter` (YAML) →
//! `markdown` (HTML) → `parse` (one file) → `resolve` (cross-file, `model::Site`) →
//! `views` + `render` (pages as bytes) → `output` (write and swap).
//!
//! Public: what the binary (`main.rs`) and the integration tests use. Everything
//! else is `pub(crate)`, so the compiler reports code nothing uses.

// No function over 80 lines (the threshold is in clippy.toml).
#![warn(clippy::too_many_lines)]

pub(crate) mod base_url;
pub mod cache;
pub(crate) mod chunks;
pub mod cli;
pub mod cmd;
pub(crate) mod contacts;
pub(crate) mod control;
pub(crate) mod data;
pub mod date;
pub mod diagnostic;
#[cfg(test)]
mod doc_fields;
pub mod front_matter;
pub(crate) mod highlight;
pub(crate) mod i18n;
#[cfg(test)]
mod io_boundary;
pub mod load;
pub mod markdown;
pub(crate) mod model;
pub(crate) mod output;
pub mod packed;
pub mod parse;
pub(crate) mod progress;
pub(crate) mod relative;
pub mod render;
pub(crate) mod resolve;
pub mod route;
pub(crate) mod scaffold;
pub mod search;
pub(crate) mod serve;
pub mod slug;
pub(crate) mod source;
pub(crate) mod spill;
pub mod structured;
pub(crate) mod theme;
pub(crate) mod timeline;
pub(crate) mod url_check;
pub(crate) mod views;

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::source::Entry;

/// A site loaded and resolved, with its templates compiled, ready to render
/// (`renderer` is `None` when there were errors).
struct Prepared {
    renderer: Option<render::Renderer>,
    statics: Vec<(String, Entry)>,
    diagnostics: Vec<Diagnostic>,
}

/// With `SITROOM_TIMINGS` set, prints how long each stage took, the memory in use
/// and the peak so far.
fn stage(name: &str, since: std::time::Instant) {
    if std::env::var_os("SITROOM_TIMINGS").is_some() {
        let total = BUILD_START.get().map_or(0, |t| t.elapsed().as_millis());
        eprintln!(
            "timing: {name:<10} {:>6} ms (at {total} ms) {}",
            since.elapsed().as_millis(),
            memory_in_use()
        );
    }
}

/// `rss <now> peak <highest so far>` from `/proc/self/status` (empty elsewhere).
pub(crate) fn memory_in_use() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    format!("rss {} peak {}", field("VmRSS:"), field("VmHWM:"))
}

/// Test hooks, honoured only in debug builds: `SITROOM_FAULT` lists points (comma
/// separated) at which a build pretends to be killed or to fail, so tests can reach
/// states that otherwise need a `kill -9` at the right instant.
pub(crate) fn fault(point: &str) -> bool {
    cfg!(debug_assertions)
        && std::env::var("SITROOM_FAULT").is_ok_and(|v| v.split(',').any(|p| p == point))
}

/// How the binary's allocator hands memory freed by a finished stage back to the
/// system (mimalloc keeps freed memory for reuse, which shows as resident memory
/// long after the stage that used it); nothing unless the binary sets it.
static RELEASE_FREED: std::sync::OnceLock<fn()> = std::sync::OnceLock::new();

/// Sets what [`release_freed`] does (once; later calls are ignored).
pub fn on_release_freed(f: fn()) {
    let _ = RELEASE_FREED.set(f);
}

/// Hands memory freed so far back to the system, if the binary said how.
pub(crate) fn release_freed() {
    if let Some(f) = RELEASE_FREED.get() {
        f();
    }
}

/// When the first build of this process started, for `SITROOM_TIMINGS`.
static BUILD_START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

fn prepare(root: &Path, options: &load::Options) -> anyhow::Result<Prepared> {
    let started = std::time::Instant::now();
    BUILD_START.get_or_init(|| started);
    let loaded = load::load(root, options)?;
    stage("load", started);
    let has_errors = loaded.has_errors();
    let load::Loaded {
        site,
        listing,
        mut diagnostics,
    } = loaded;
    let statics = listing.static_files.clone();
    let site = match site {
        Some(site) if !has_errors => site,
        _ => {
            return Ok(Prepared {
                renderer: None,
                statics,
                diagnostics,
            });
        }
    };
    if std::env::var_os("SITROOM_TIMINGS").is_some() {
        eprint!("{}", model::heap_report(&site).lines());
    }
    let theme = theme::load(&listing, &site.config.language)?;
    let static_names: Vec<&str> = statics.iter().map(|(n, _)| n.as_str()).collect();
    let renderer =
        render::Renderer::new(site, theme, &static_names).with_cache(options.cache.clone());
    diagnostics.extend(renderer.shadowed_by_static(&static_names));
    Ok(Prepared {
        renderer: Some(renderer),
        statics,
        diagnostics,
    })
}

/// What `build_to_disk` did.
pub(crate) struct DiskBuild {
    /// Files written, or `None` if errors stopped the build (the output is untouched).
    pub written: Option<usize>,
    /// How many of them are HTML pages.
    pub pages: usize,
    pub diagnostics: Vec<Diagnostic>,
    /// Notes and warnings about the output folder (`note: …`/`warning: …` with their
    /// hints): an output put back after a killed build, an old copy left undeleted.
    pub notices: Vec<String>,
    /// The rendered site, handed back so a command about to exit can skip freeing it
    /// (see [`DiskBuild::exit_without_freeing`]).
    _renderer: Option<render::Renderer>,
}

impl DiskBuild {
    /// Freeing a big site's millions of small allocations takes a third of a second
    /// at 10,000 briefings; a process about to exit can leave that to the OS.
    pub fn exit_without_freeing(self) {
        std::mem::forget(self);
    }
}

/// An output folder locked for a build, and its listing.
type Locked = (output::Target, output::Listing);

/// Locks `out_dir` and lists it (see [`output::Listing`]).
fn lock(root: &Path, out_dir: &Path, force: bool, cache: &cache::Store) -> anyhow::Result<Locked> {
    let target = output::Target::lock(root, out_dir, force)?;
    let listing = output::Listing::take(&target, cache)?;
    Ok((target, listing))
}

/// Prepares the site at `root`. Rebuilding an output that exists with the build
/// cache, it is locked and listed (tens of thousands of files to stat) on another
/// thread meanwhile: the second result. A first build creates the output's parent
/// folder only once the site has loaded without errors; a cold (`--no-cache`)
/// build, whose load is its memory peak, lists the output after it.
fn prepare_and_lock(
    root: &Path,
    options: &load::Options,
    out_dir: &Path,
    force: bool,
) -> (anyhow::Result<Prepared>, Option<anyhow::Result<Locked>>) {
    let early = options.cache.is_enabled() && out_dir.is_dir();
    std::thread::scope(|s| {
        let locked = early.then(|| s.spawn(|| lock(root, out_dir, force, &options.cache)));
        let prepared = prepare(root, options);
        let locked = locked.map(|thread| {
            thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        (prepared, locked)
    })
}

/// Builds the site at `root` into `out_dir`, streaming each page to a staging folder
/// as it is rendered, then swapping it in. On any error the old output stays.
/// `out_dir` must be empty, missing or an earlier output of sitroom, unless `force`
/// (see [`output::check_target`]; a refusal is an [`output::Refused`] error).
pub(crate) fn build_to_disk(
    root: &Path,
    options: &load::Options,
    out_dir: &Path,
    force: bool,
) -> anyhow::Result<DiskBuild> {
    // Refuse before the work of loading, and again under the lock before writing.
    output::check_target(root, out_dir, force)?;
    let (prepared, locked) = prepare_and_lock(root, options, out_dir, force);
    let Prepared {
        renderer,
        statics,
        diagnostics,
    } = prepared?;
    // The parsed documents the model was made from are gone.
    release_freed();
    let Some(renderer) = renderer else {
        // The lock is let go before the leftovers are tidied (under it).
        drop(locked);
        return Ok(DiskBuild {
            written: None,
            pages: 0,
            diagnostics,
            notices: output::tidy(out_dir),
            _renderer: None,
        });
    };
    let started = std::time::Instant::now();
    let (target, listing) = match locked {
        Some(locked) => locked?,
        None => lock(root, out_dir, force, &options.cache)?,
    };
    let staging = output::Staging::of(&target, listing, &options.cache);
    stage(
        if staging.in_place() {
            "scan (update in place)"
        } else {
            "scan (whole site staged)"
        },
        started,
    );
    // Broken internal links fail the build, as they fail `check` (and Zola's build):
    // the pages' links are kept as they stream out, and checked before the swap.
    let summaries =
        cmd::check::links::Summaries::new(&staging, renderer.site()).with_cache(&options.cache);
    let bar = progress::bar(renderer.page_count());
    let rendered = renderer.render_all(&progress::Counting::new(&summaries, &bar))?;
    bar.finish_and_clear();
    stage("render", started);
    let static_names: Vec<&str> = statics.iter().map(|(n, _)| n.as_str()).collect();
    let site_links = summaries.into_links();
    let links = cmd::check::links::check(root, &renderer, &site_links, &static_names);
    stage("links", started);
    if links.iter().any(Diagnostic::is_error) {
        let mut diagnostics = diagnostics;
        diagnostics.extend(links);
        diagnostic::sort(&mut diagnostics);
        return Ok(DiskBuild {
            written: None,
            pages: 0,
            diagnostics,
            notices: target.notices().to_vec(),
            _renderer: Some(renderer),
        });
    }
    // A body that could not be read back from disk left a page without it.
    spill::failure()?;
    site_links.save(&options.cache, renderer.site());
    drop(site_links);
    let copied = staging.copy_statics(&statics)?;
    let mut notices = target.notices().to_vec();
    notices.extend(staging.commit()?);
    output::note_published(&options.cache, out_dir);
    drop(target);
    stage("commit", started);
    Ok(DiskBuild {
        written: Some(rendered + copied),
        pages: renderer.page_count(),
        diagnostics,
        notices,
        _renderer: Some(renderer),
    })
}
