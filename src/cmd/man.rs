//! `sitroom man [COMMAND…] [--dir DIR]`: man pages (roff) generated from the clap
//! definitions, one per command as cargo and git have them: `sitroom.1` is the
//! overview, `sitroom-build.1` the page of `sitroom build`, and so on.

use std::fs;
use std::io::{self, Write as _};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::CommandFactory as _;

use crate::cli::Cli;

/// The command tree as the pages show it: built (so every subcommand knows its
/// full name, `sitroom-new-briefing`) and without clap's `help` pseudo-command.
fn tree() -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// The page of one command as roff: `path` is empty for the overview, `["build"]`
/// for `sitroom build`, `["new", "briefing"]` for `sitroom new briefing`.
pub fn page(path: &[String]) -> Result<Vec<u8>, String> {
    let mut cmd = tree();
    for (i, name) in path.iter().enumerate() {
        let names: Vec<&str> = cmd
            .get_subcommands()
            .filter(|s| !s.is_hide_set())
            .map(clap::Command::get_name)
            .collect();
        let Some(sub) = cmd.find_subcommand(name).cloned() else {
            let parent = ["sitroom"]
                .into_iter()
                .chain(path[..i].iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(" ");
            return Err(if names.is_empty() {
                format!("`{parent}` has no commands, so no page `{name}`")
            } else {
                format!(
                    "`{parent}` has no command `{name}`\n  hint: commands with a page: {}",
                    names.join(", ")
                )
            });
        };
        cmd = sub;
    }
    Ok(render(cmd).1)
}

/// The file name (`sitroom-build.1`) and roff text of one command's page.
fn render(cmd: clap::Command) -> (String, Vec<u8>) {
    // clap_mangen fills `after_long_help` into paragraphs under EXTRA, which
    // mangles command lines: show it unfilled as EXAMPLES instead.
    let examples = cmd.get_after_long_help().map(|h| examples(&h.to_string()));
    let cmd = cmd.after_long_help(None::<&'static str>);
    // Subcommands carry no version: name the source as the overview does.
    let man = clap_mangen::Man::new(cmd).source(format!("sitroom {}", env!("CARGO_PKG_VERSION")));
    let mut roff = Vec::new();
    man.render(&mut roff)
        .expect("writing to memory does not fail");
    if let Some(examples) = examples {
        let at = roff
            .windows(b".SH VERSION".len())
            .position(|w| w == b".SH VERSION")
            .unwrap_or(roff.len());
        roff.splice(at..at, examples.into_bytes());
    }
    (man.get_filename(), roff)
}

/// An EXAMPLES section showing `text` line for line, escaped for roff so that
/// dashes and quotes copy out of the page as typed.
fn examples(text: &str) -> String {
    let mut out = String::from(".SH EXAMPLES\n.nf\n");
    for line in text.lines() {
        let escaped = line
            .replace('\\', "\\e")
            .replace('-', "\\-")
            .replace('\'', "\\*(Aq");
        if escaped.starts_with(['.', '\'']) {
            out.push_str("\\&");
        }
        out.push_str(&escaped);
        out.push('\n');
    }
    out.push_str(".fi\n");
    out
}

pub fn run(path: &[String], dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    let Some(dir) = dir else {
        let roff = match page(path) {
            Ok(roff) => roff,
            Err(message) => {
                eprintln!("error: {message}");
                return Ok(ExitCode::from(2));
            }
        };
        let mut stdout = io::stdout().lock();
        stdout
            .write_all(&roff)
            .and_then(|()| stdout.flush())
            .context("cannot write the man page to stdout")?;
        return Ok(ExitCode::SUCCESS);
    };
    fs::create_dir_all(dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    let mut written = Vec::new();
    write_pages(&tree(), dir, &mut written)?;
    for file in &written {
        println!("wrote {}", dir.join(file).display());
    }
    println!(
        "read them with `man sitroom` once `{}` is in man's search path",
        dir.parent().unwrap_or(dir).display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Writes the page of `cmd`, then those of its subcommands, depth first.
fn write_pages(cmd: &clap::Command, dir: &Path, written: &mut Vec<String>) -> anyhow::Result<()> {
    let (name, roff) = render(cmd.clone());
    let path = dir.join(&name);
    fs::write(&path, roff).with_context(|| format!("cannot write `{}`", path.display()))?;
    written.push(name);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub, dir, written)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_are_escaped_for_roff() {
        assert_eq!(
            examples(".hidden 'quoted' --dir C:\\man\n  sitroom man"),
            ".SH EXAMPLES\n.nf\n\\&.hidden \\*(Aqquoted\\*(Aq \\-\\-dir C:\\eman\n  sitroom man\n.fi\n"
        );
    }

    #[test]
    fn pages_are_found_by_command_path() {
        let page = |p: &[&str]| page(&p.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        let briefing = String::from_utf8(page(&["new", "briefing"]).unwrap()).unwrap();
        assert!(
            briefing.contains(".TH sitroom-new-briefing 1"),
            "{briefing}"
        );
        assert_eq!(
            page(&["build", "x"]).unwrap_err(),
            "`sitroom build` has no commands, so no page `x`"
        );
    }
}
