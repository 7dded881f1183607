//! `sitroom init DIR`: write a working site.

use std::path::Path;
use std::process::ExitCode;

pub fn run(_dir: &Path) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`sitroom init` is not implemented yet")
}
