//! `sitroom serve`: build, serve from memory, rebuild on change, live reload.

use std::path::Path;
use std::process::ExitCode;

pub fn run(_root: &Path, _bind: &str, _port: u16, _drafts: bool) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`sitroom serve` is not implemented yet")
}
