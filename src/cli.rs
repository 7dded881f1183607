//! The command line (DESIGN.md section 2).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "sitroom",
    version,
    about = "Static sites for conflict briefings: actors, statements and a dated timeline."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder.
    Build {
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: `public/` under the root).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Override `base_url` from site.yaml: an absolute URL, a path such as
        /// `/nk/`, or `relative` (links relative to each page, for any host, any
        /// sub-path and file://).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// With `relative`: the absolute URL the site is published at, for feeds,
        /// the sitemap and canonical links (without it they are left out).
        #[arg(long, value_name = "URL")]
        public_url: Option<String>,
        /// Include briefings and pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Replace the output folder even if sitroom did not write it, deleting
        /// everything in it (never the site itself, the home folder or `/`).
        #[arg(long)]
        force: bool,
    },
    /// Check the content and report every problem; write nothing.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Build, serve over HTTP and rebuild on every change, with live reload.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The address to listen on. Anything but a loopback address makes the site
        /// readable from the network (a warning says so).
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        #[arg(long)]
        drafts: bool,
        /// Also answer requests for host NAME (repeatable). By default only
        /// localhost, 127.0.0.1, [::1] and the bound address are answered, against
        /// DNS rebinding.
        #[arg(long = "allow-host", value_name = "NAME", value_parser = crate::serve::hosts::parse_allowed)]
        allow_host: Vec<String>,
    },
    /// Create a new site in DIR with the default templates and one example.
    Init { dir: PathBuf },
    /// Create a new briefing or actor file.
    New {
        #[command(subcommand)]
        what: NewKind,
        #[arg(long, default_value = ".", global = true)]
        root: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum NewKind {
    /// content/briefings/DATE-slug.md with a commented front-matter skeleton.
    Briefing {
        title: String,
        /// Publication date, YYYY-MM-DD (default: today).
        #[arg(long)]
        date: Option<String>,
    },
    /// content/actors/<slug>.md.
    Actor {
        name: String,
        #[arg(long, default_value = "person")]
        kind: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
