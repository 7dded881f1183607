//! `sitroom serve`: build, serve from memory, rebuild on change, live reload. The
//! work is in [`crate::serve`].

use std::path::Path;
use std::process::ExitCode;

pub fn run(root: &Path, bind: &str, port: u16, drafts: bool) -> anyhow::Result<ExitCode> {
    crate::serve::run(root, bind, port, drafts)
}
