//! Watches the site's sources (content/, templates/, static/, i18n/, site.yaml; never the
//! output folder) and turns debounced file events into the set of changed paths.
//!
//! A watch follows a folder, not its name: when content/ is replaced (`git
//! checkout`, `rsync --delete`, a deploy script's rename), the new folder is not
//! watched by itself. [`Watcher::refresh`] notices and watches it again.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Context as _;
use notify::event::ModifyKind;
use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// Long enough to merge an editor's write-rename-chmod burst (a few milliseconds),
/// short enough not to be felt: every edit waits this long before its rebuild.
pub const DEBOUNCE: Duration = Duration::from_millis(20);

/// How often the debouncer looks for events older than [`DEBOUNCE`]: an event
/// waits up to this much more.
const TICK: Duration = Duration::from_millis(5);

/// The folders watched recursively, when they exist.
const DIRS: [&str; 4] = ["content", "templates", "static", "i18n"];

pub struct Watcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
    /// The folders watched now, with the identity of the folder watched.
    watched: Vec<(&'static str, Identity)>,
}

/// Tells a folder from another one created under the same name (device and
/// inode on Unix; elsewhere only the events tell).
type Identity = Option<(u64, u64)>;

#[cfg(unix)]
fn identity(path: &Path) -> Identity {
    use std::os::unix::fs::MetadataExt as _;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(_: &Path) -> Identity {
    None
}

/// What changed in one batch of events.
#[derive(Debug, Default)]
pub struct Changes {
    /// Changed files and folders, relative to the root, sorted.
    pub paths: BTreeSet<PathBuf>,
    /// The watcher may have missed events: forget everything cached.
    pub rescan: bool,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty() && !self.rescan
    }

    /// `content/briefings/a.md`, `a.md, b.md and 3 more`, for the terminal.
    pub fn describe(&self) -> String {
        let names: Vec<String> = self
            .paths
            .iter()
            .map(|p| p.display().to_string().replace('\\', "/"))
            .collect();
        match names.len() {
            0 => "rescan".into(),
            1..=3 => names.join(", "),
            n => format!("{}, {} and {} more", names[0], names[1], n - 2),
        }
    }
}

impl Watcher {
    /// Starts watching `root` (an absolute path); batches of events arrive on the
    /// returned channel.
    pub fn start(root: &Path) -> anyhow::Result<(Watcher, mpsc::Receiver<DebounceEventResult>)> {
        let (tx, rx) = mpsc::channel();
        let mut debouncer =
            new_debouncer(DEBOUNCE, Some(TICK), tx).context("cannot start the file watcher")?;
        // The root itself, not recursively: site.yaml, and folders appearing later.
        debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .with_context(|| format!("cannot watch `{}`", root.display()))?;
        let mut watcher = Watcher {
            debouncer,
            root: root.to_path_buf(),
            watched: Vec::new(),
        };
        watcher.refresh(&mut Changes::default())?;
        Ok((watcher, rx))
    }

    /// Whether `rel` (relative to the root) is a plain file now, not a link or a
    /// folder, and not gone.
    pub fn is_plain_file(&self, rel: &Path) -> bool {
        std::fs::symlink_metadata(self.root.join(rel)).is_ok_and(|m| m.file_type().is_file())
    }

    /// Keeps one watch on each of content/, templates/ and static/ that exists:
    /// watches those that appeared, and watches again those that were replaced by
    /// another folder of the same name (their old watch follows the old folder,
    /// or died with it). A replaced or new folder sets `changes.rescan`: files in
    /// it may differ from what was cached while no event came.
    pub fn refresh(&mut self, changes: &mut Changes) -> anyhow::Result<()> {
        for dir in DIRS {
            let path = self.root.join(dir);
            let now = path.is_dir().then(|| identity(&path));
            // An event about the folder itself: removed, created or renamed.
            let touched = changes.paths.contains(Path::new(dir));
            if let Some(at) = self.watched.iter().position(|(d, _)| *d == dir) {
                if now.is_some() && now == Some(self.watched[at].1) && !touched {
                    continue;
                }
                // The old watch may be gone with the old folder already.
                let _ = self.debouncer.unwatch(&path);
                self.watched.remove(at);
                changes.rescan = true;
            }
            let Some(id) = now else { continue };
            self.debouncer
                .watch(&path, RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch `{}`", path.display()))?;
            self.watched.push((dir, id));
            changes.rescan = true;
        }
        Ok(())
    }

    /// The relevant part of one batch of events.
    pub fn changes(&self, batch: DebounceEventResult) -> Changes {
        let mut changes = Changes::default();
        match batch {
            Err(errors) => {
                for e in errors {
                    eprintln!("warning: file watcher: {e}");
                }
                changes.rescan = true;
            }
            Ok(events) => {
                for event in events {
                    if matches!(event.kind, EventKind::Access(_)) {
                        continue;
                    }
                    changes.rescan |= event.need_rescan();
                    // A folder moved or created in: files under it may have
                    // changed without an event each.
                    let whole_folder = matches!(
                        event.kind,
                        EventKind::Create(_) | EventKind::Modify(ModifyKind::Name(_))
                    );
                    for path in &event.paths {
                        if let Some(rel) = relevant(&self.root, path) {
                            changes.rescan |= whole_folder && path.is_dir();
                            changes.paths.insert(rel);
                        }
                    }
                }
            }
        }
        changes
    }
}

/// `path` relative to `root` if it is a source of the site and not an editor's
/// temporary file.
fn relevant(root: &Path, path: &Path) -> Option<PathBuf> {
    let rel = path.strip_prefix(root).ok()?;
    let name = rel.file_name()?.to_string_lossy();
    if name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
    {
        return None;
    }
    let top = rel.components().next()?.as_os_str().to_string_lossy();
    let wanted = rel == Path::new("site.yaml") || DIRS.contains(&top.as_ref());
    wanted.then(|| rel.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_sources_and_drops_the_rest() {
        let root = Path::new("/site");
        assert_eq!(
            relevant(root, Path::new("/site/content/briefings/a.md")),
            Some("content/briefings/a.md".into())
        );
        assert_eq!(
            relevant(root, Path::new("/site/site.yaml")),
            Some("site.yaml".into())
        );
        assert_eq!(relevant(root, Path::new("/site/public/index.html")), None);
        assert_eq!(relevant(root, Path::new("/site/content/.a.md.swp")), None);
        assert_eq!(relevant(root, Path::new("/site/content/a.md~")), None);
        assert_eq!(relevant(root, Path::new("/elsewhere/a.md")), None);
    }
}
