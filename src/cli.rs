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
        /// Neither read nor write the build cache (.sitroom/cache/ under the
        /// root): a cold build. The output is the same either way.
        #[arg(long)]
        no_cache: bool,
    },
    /// Check the content and report every problem; write nothing.
    Check {
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// `human`: each problem with the offending lines, on stderr; `json`: one
        /// JSON object per problem and line, on stdout.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Also check every source's `url` and `archive` on the web (the only time
        /// sitroom uses the network): dead links are warnings and make the exit
        /// status 1. Answers are cached in .sitroom/link-cache.json.
        #[arg(long)]
        links: bool,
        /// Neither read nor write the build cache (.sitroom/cache/); with --links,
        /// also ask about every link again instead of trusting the link cache.
        #[arg(long)]
        no_cache: bool,
        /// With --links: seconds to wait for each answer.
        #[arg(long, value_name = "SECS", default_value_t = 10, requires = "links",
              value_parser = clap::value_parser!(u64).range(1..=600))]
        link_timeout: u64,
    },
    /// Build, serve over HTTP and rebuild on every change, with live reload.
    Serve {
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The address to listen on. Anything but a loopback address makes the site
        /// readable from the network (a warning says so).
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// The port to listen on.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Show briefings and pages marked `draft: true`, with a "draft" banner
        /// (the default).
        #[arg(long, overrides_with = "no_drafts")]
        drafts: bool,
        /// Leave out briefings and pages marked `draft: true`, as `build` does.
        #[arg(long = "no-drafts")]
        no_drafts: bool,
        /// Also answer requests for host NAME (repeatable). By default only
        /// localhost, 127.0.0.1, [::1] and the bound address are answered, against
        /// DNS rebinding.
        #[arg(long = "allow-host", value_name = "NAME", value_parser = crate::serve::hosts::parse_allowed)]
        allow_host: Vec<String>,
    },
    /// Create a new site in DIR with the default templates and one example.
    Init {
        /// The folder to create; it must not exist or be empty.
        dir: PathBuf,
    },
    /// Create a new briefing or actor file.
    New {
        #[command(subcommand)]
        what: NewKind,
        /// The site folder.
        #[arg(long, default_value = ".", global = true)]
        root: PathBuf,
    },
    /// Print a shell completion script generated from these definitions.
    #[command(after_long_help = COMPLETIONS_HELP)]
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or write every page into a folder.
    #[command(after_long_help = MAN_HELP)]
    Man {
        /// The command whose page to print, e.g. `build` or `new briefing`
        /// (default: the overview, sitroom.1).
        #[arg(value_name = "COMMAND", conflicts_with = "dir")]
        command: Vec<String>,
        /// Write sitroom.1 and one page per command (sitroom-build.1, …) into DIR,
        /// creating it if needed.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

// Shown by `--help` and as EXAMPLES in the man pages, kept narrow for both.
const COMPLETIONS_HELP: &str = "\
Install the script where your shell looks for completions:
bash:
  sitroom completions bash > ~/.local/share/bash-completion/completions/sitroom
zsh (with `fpath+=~/.zfunc` before `compinit` in ~/.zshrc):
  sitroom completions zsh > ~/.zfunc/_sitroom
fish:
  sitroom completions fish > ~/.config/fish/completions/sitroom.fish
elvish, in ~/.config/elvish/rc.elv:
  eval (sitroom completions elvish | slurp)
PowerShell, in $PROFILE:
  sitroom completions powershell | Out-String | Invoke-Expression";

const MAN_HELP: &str = "\
Read a page now:
  sitroom man | man -l -
  sitroom man new briefing | man -l -
Install every page, for `man sitroom`, `man sitroom-build`, …:
  sitroom man --dir ~/.local/share/man/man1
man-db looks in <prefix>/share/man for each <prefix>/bin on PATH, so this
works when ~/.local/bin is on PATH (as does ~/.cargo/share/man/man1 beside
a sitroom installed with `cargo install`). Otherwise add
  export MANPATH=\"$HOME/.local/share/man:\"
to your shell's startup file.";

#[derive(Debug, Subcommand)]
pub enum NewKind {
    /// content/briefings/DATE-slug.md with a commented front-matter skeleton.
    Briefing {
        /// The title; the file name and slug are made from it.
        title: String,
        /// Publication date, YYYY-MM-DD (default: today).
        #[arg(long)]
        date: Option<String>,
    },
    /// content/actors/<slug>.md.
    Actor {
        /// The actor's name; the file name and id are made from it.
        name: String,
        /// person, state, organization or armed_group.
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
