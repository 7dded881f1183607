//! The `sitroom` binary: parse the command line, run the command, print errors.

#![warn(clippy::too_many_lines)]

use std::process::ExitCode;

use clap::Parser;
use sitroom::cli::{Cli, Command};
use sitroom::{cmd, load};

/// mimalloc instead of the system allocator: a build allocates and frees millions of
/// small strings from several threads. At 10,000 briefings (paired runs, median of
/// 3) it took the build from 10.5 to 7.9 s and 19.4 to 14.3 CPU-s, for 264 -> 290 MiB.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    huge_pages_off();
    sitroom::on_release_freed(release_freed);
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// Turns transparent huge pages off for this process. mimalloc asks the kernel
/// for them, and the kernel then zeroes 2 MiB at the first touch of each: at
/// 10,000 briefings a second build after one edit spent a third of its CPU time
/// in that (`clear_page_erms`). Without them, in alternating runs on a 2-core
/// machine, that build took 1.54-1.68 s instead of 1.89-2.30 s (system time
/// 0.6-0.7 s instead of 1.1-1.7 s) and a cold build's peak memory went from
/// 180 to 160 MiB.
fn huge_pages_off() {
    // Only a speed-up: where the kernel lacks the call, nothing changes.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

/// Makes every thread's mimalloc heap return the memory it holds free (a build
/// frees most of its parsed documents after load, and the search index's
/// postings after it is written), so the next stage does not add to it.
fn release_freed() {
    rayon::broadcast(|_| {
        // SAFETY: `mi_collect` only reorganises the calling thread's own heap.
        unsafe { libmimalloc_sys::mi_collect(true) }
    });
    // SAFETY: as above, for this thread.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            public_url,
            drafts,
            force,
            no_cache,
        } => cmd::build::run(
            &root,
            output,
            force,
            &load::Options {
                drafts,
                base_url,
                public_url,
                cache: if no_cache {
                    sitroom::cache::Store::none()
                } else {
                    sitroom::cache::Store::at(&root)
                },
            },
        ),
        Command::Check {
            root,
            format,
            links,
            no_cache,
            link_timeout,
        } => cmd::check::run(
            &root,
            format,
            if no_cache {
                sitroom::cache::Store::none()
            } else {
                sitroom::cache::Store::at(&root)
            },
            links.then(|| cmd::check::LinkOptions {
                timeout: std::time::Duration::from_secs(link_timeout),
                no_cache,
            }),
        ),
        Command::Serve {
            root,
            bind,
            port,
            drafts: _,
            no_drafts,
            allow_host,
        } => cmd::serve::run(
            &root,
            &cmd::serve::Options {
                bind,
                port,
                drafts: !no_drafts,
                allow_hosts: allow_host,
            },
        ),
        Command::Init { dir } => cmd::init::run(&dir),
        Command::New { what, root } => cmd::new::run(&root, what),
        Command::Completions { shell } => cmd::completions::run(shell),
        Command::Man { command, dir } => cmd::man::run(&command, dir.as_deref()),
    }
}
