//! `sitroom new briefing|actor`: write a new content file from a skeleton.

use std::path::Path;
use std::process::ExitCode;

use crate::cli::NewKind;

pub fn run(_root: &Path, _what: NewKind) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`sitroom new` is not implemented yet")
}
