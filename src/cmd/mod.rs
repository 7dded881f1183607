//! One module per subcommand.

pub mod build;
pub mod check;
pub mod completions;
pub mod init;
pub mod man;
pub mod new;
pub mod serve;

use crate::diagnostic::Diagnostic;

/// Prints diagnostics to stderr and returns how many errors and warnings there were.
pub fn report(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let mut errors = 0;
    let mut warnings = 0;
    for d in diagnostics {
        eprintln!("{d}");
        if d.is_error() {
            errors += 1;
        } else {
            warnings += 1;
        }
    }
    (errors, warnings)
}

pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
