//! `sitroom serve`: build, serve from memory, rebuild on change, live reload. The
//! work is in [`crate::serve`].

use std::path::Path;
use std::process::ExitCode;

pub use crate::serve::Options;

pub fn run(root: &Path, options: &Options) -> anyhow::Result<ExitCode> {
    crate::serve::run(root, options)
}
