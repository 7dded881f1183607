//! What `serve` prints after each build: only the diagnostics that are new since
//! the last build, in `check`'s format (the same renderer, with the line and a
//! caret), and one line that counts what is new, fixed and unchanged, so a save
//! that changes nothing prints one line, not every warning again.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::cmd::plural;
use crate::diagnostic::Diagnostic;
use crate::source;

/// The diagnostics of the last build, remembered to tell what changed.
pub struct Log {
    root: PathBuf,
    /// Each diagnostic as `check` prints it without the snippet (path, line,
    /// column, severity, code, message, hint): what makes two the same.
    last: BTreeSet<String>,
}

/// How this build's diagnostics compare with the last build's.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Change {
    pub new_errors: usize,
    pub new_warnings: usize,
    pub fixed: usize,
    pub unchanged: usize,
}

impl Change {
    /// `2 new warnings, 1 fixed, 5 unchanged`; empty when there is nothing to say.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if self.new_errors > 0 {
            parts.push(plural(self.new_errors, "new error"));
        }
        if self.new_warnings > 0 {
            parts.push(plural(self.new_warnings, "new warning"));
        }
        if self.fixed > 0 {
            parts.push(format!("{} fixed", self.fixed));
        }
        if self.unchanged > 0 {
            parts.push(format!("{} unchanged", self.unchanged));
        }
        parts.join(", ")
    }
}

impl Log {
    pub fn new(root: &Path) -> Self {
        Log {
            root: root.to_path_buf(),
            last: BTreeSet::new(),
        }
    }

    /// Compares `diagnostics` with the last build's, returns the new ones (in
    /// their order) and the counts, and remembers them for the next build.
    pub fn update<'d>(&mut self, diagnostics: &'d [Diagnostic]) -> (Vec<&'d Diagnostic>, Change) {
        let now: BTreeSet<String> = diagnostics.iter().map(ToString::to_string).collect();
        let mut change = Change::default();
        let mut new = Vec::new();
        let mut seen = BTreeSet::new();
        for d in diagnostics {
            let key = d.to_string();
            if !seen.insert(key.clone()) {
                continue;
            }
            if self.last.contains(&key) {
                change.unchanged += 1;
            } else {
                new.push(d);
                if d.is_error() {
                    change.new_errors += 1;
                } else {
                    change.new_warnings += 1;
                }
            }
        }
        change.fixed = self.last.difference(&now).count();
        self.last = now;
        (new, change)
    }

    /// `d` as `check` prints it: the message, the line with a caret, the hint.
    pub fn render(&self, d: &Diagnostic) -> String {
        let text = source::read_for_snippet(&self.root, &d.path);
        format!("{}\n", d.render_snippet(text.as_deref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    fn warn(path: &str, msg: &str) -> Diagnostic {
        Diagnostic::warning(Path::new(path), Code::UnusedActor, msg)
    }

    #[test]
    fn only_what_changed_is_new() {
        let mut log = Log::new(Path::new("/nonexistent"));
        let first = [warn("a.md", "one"), warn("b.md", "two")];
        let (new, change) = log.update(&first);
        assert_eq!(new.len(), 2);
        assert_eq!(change.summary(), "2 new warnings");
        let (new, change) = log.update(&first);
        assert!(new.is_empty());
        assert_eq!(change.summary(), "2 unchanged");
        let second = [
            warn("b.md", "two"),
            Diagnostic::error(Path::new("c.md"), Code::BadDate, "three"),
        ];
        let (new, change) = log.update(&second);
        assert_eq!(new.len(), 1);
        assert_eq!(change.summary(), "1 new error, 1 fixed, 1 unchanged");
        let (_, change) = log.update(&[]);
        assert_eq!(change.summary(), "2 fixed");
    }
}
