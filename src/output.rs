//! The only writer: rendered files and static copies go into a fresh staging folder
//! beside the output, which is swapped in only when everything is written, so a
//! failed build never leaves a half-written site. A file whose bytes are unchanged
//! since the previous build is hard-linked from the previous output rather than
//! written again (module `reuse`), so it keeps its modification time and a sync tool
//! sends only what changed.
//!
//! Replacing a folder deletes what was in it, so `build` replaces only a folder
//! sitroom wrote (it carries the [`MARKER`] file) or an empty one, unless `--force`;
//! never the site itself, the home folder, `/` or a folder holding the current one.
//! Builds into one output take turns under a [`lock::Lock`], and each one first
//! cleans up what killed builds of that output left beside it.

mod lock;
mod manifest;
mod reuse;
mod update;

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context as _;
use rayon::prelude::*;
use tempfile::TempDir;

use crate::render::Sink;
use crate::source::Entry;

/// The file every output folder carries, so a later build knows it may replace it.
pub const MARKER: &str = ".sitroom-output";

const MARKER_TEXT: &str = "This folder was written by sitroom (`sitroom build`).\n\
Every build replaces the whole folder: do not keep your own files here.\n\
sitroom replaces a folder only if it holds this file or is empty.\n";

/// An output folder `build` will not replace: a usage error (exit status 2). The
/// message is complete, hint included.
#[derive(Debug)]
pub struct Refused(String);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

fn refuse(message: String) -> anyhow::Error {
    anyhow::Error::new(Refused(message))
}

/// `p` made absolute with symlinks resolved. `.` and `..` are resolved first, by
/// name (`x/../..` is the parent of the current folder even while `x` is missing),
/// then the longest part that exists is canonicalized and the rest kept.
fn absolute(p: &Path) -> PathBuf {
    use std::path::Component;
    let joined = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut plain = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                plain.pop();
            }
            other => plain.push(other),
        }
    }
    let mut existing = plain.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(c) = existing.canonicalize() {
            return rest.iter().rev().fold(c, |acc, name| acc.join(name));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return plain,
        }
    }
}

/// The user's home folder, if the environment names one.
fn home_dir() -> Option<PathBuf> {
    let var = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
    std::env::var_os(var)
        .filter(|h| !h.is_empty())
        .map(|h| absolute(Path::new(&h)))
}

/// Writes a small file sitroom keeps for itself (`check --links`' cache), creating
/// its folder: into a temporary file beside it, then renamed over it, so a reader
/// never sees half a file.
pub fn write_small_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    io::Write::write_all(&mut tmp, bytes)?;
    tmp.persist(path).map(|_| ()).map_err(|e| e.error)
}

/// Refuses an output folder that `build` must not replace: with or without
/// `--force`, the site or a folder holding it, the site's content, templates, static
/// files or configuration, `/`, the home folder or the current folder (or a folder
/// holding them), and a file; without `--force`, a folder that is neither empty nor
/// marked as sitroom's own.
pub fn check_target(root: &Path, out_dir: &Path, force: bool) -> anyhow::Result<()> {
    check_place(root, out_dir)?;
    check_contents(&absolute(out_dir), out_dir, force)
}

/// The checks no `--force` overrides: replacing these folders could never be meant.
fn check_place(root: &Path, out_dir: &Path) -> anyhow::Result<()> {
    let (root, out) = (absolute(root), absolute(out_dir));
    let shown = out_dir.display();
    let protected = ["content", "templates", "static", "site.yaml"].map(|d| root.join(d));
    let why = if out.parent().is_none() {
        Some("that is the root of the file system")
    } else if let Some(home) = home_dir().filter(|h| h.starts_with(&out)) {
        Some(if home == out {
            "that is your home folder"
        } else {
            "it holds your home folder"
        })
    } else if root.starts_with(&out) || protected.iter().any(|p| out.starts_with(p)) {
        Some("that would replace the site's own files")
    } else if let Some(cwd) = std::env::current_dir()
        .ok()
        .map(|c| absolute(&c))
        .filter(|c| c.starts_with(&out))
    {
        Some(if cwd == out {
            "that is the current folder"
        } else {
            "it holds the current folder"
        })
    } else {
        None
    };
    match why {
        Some(why) => Err(refuse(format!(
            "refusing to write the site into `{shown}`: {why}\n  hint: choose an output folder of its own, e.g. --output {}; --force does not change this",
            root.join("public").display()
        ))),
        None => Ok(()),
    }
}

/// Refuses a file, and a folder holding anything but a sitroom output unless `force`.
fn check_contents(out: &Path, out_dir: &Path, force: bool) -> anyhow::Result<()> {
    let shown = out_dir.display();
    match fs::metadata(out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("cannot read `{shown}`")),
        Ok(m) if !m.is_dir() => {
            return Err(refuse(format!(
                "`{shown}` is a file, not a folder\n  hint: choose another --output"
            )));
        }
        Ok(_) => {}
    }
    if force || out.join(MARKER).is_file() {
        return Ok(());
    }
    let mut names: Vec<String> = fs::read_dir(out)
        .with_context(|| format!("cannot read `{shown}`"))?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<io::Result<_>>()
        .with_context(|| format!("cannot read `{shown}`"))?;
    if names.is_empty() {
        return Ok(());
    }
    names.sort();
    let more = names.len().saturating_sub(3);
    let listed = names
        .iter()
        .take(3)
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let listed = if more > 0 {
        format!("{listed} and {more} more")
    } else {
        listed
    };
    Err(refuse(format!(
        "refusing to replace `{shown}`: sitroom did not write it, and building there would delete what it holds ({listed})\n  hint: choose a new or empty folder for --output, or pass --force to delete everything in `{shown}` and build there\n  hint: sitroom marks the folders it writes with a `{MARKER}` file; an output of an older sitroom has none: delete it once yourself"
    )))
}

/// An output folder locked for this build, with the leftovers of earlier builds of
/// it cleaned up. Staging and swapping happen only while one is held.
pub struct Target {
    /// The output folder as the user named it, for messages.
    shown: PathBuf,
    /// The same folder as an absolute path, for every file operation.
    out: PathBuf,
    parent: PathBuf,
    name: OsString,
    /// Notes and warnings for the user (a restored output, an undeletable leftover).
    notices: Vec<String>,
    _lock: lock::Lock,
}

impl Target {
    /// Locks `out_dir` (creating the folder that holds it), cleans up after earlier
    /// builds, then checks again, under the lock, that it may be replaced.
    pub fn lock(root: &Path, out_dir: &Path, force: bool) -> anyhow::Result<Target> {
        check_place(root, out_dir)?;
        let parent = match out_dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create `{}`", parent.display()))?;
        let mut target = Target::lock_existing(out_dir)?;
        // Now that the parent exists, the output resolves fully: check it again.
        check_place(root, &target.out)?;
        target.tidy();
        check_contents(&target.out, out_dir, force)?;
        Ok(target)
    }

    /// Locks `out_dir`, whose parent folder must exist.
    fn lock_existing(out_dir: &Path) -> anyhow::Result<Target> {
        let out = absolute(out_dir);
        let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
            anyhow::bail!("`{}` cannot be an output folder", out_dir.display());
        };
        let (parent, name) = (parent.to_path_buf(), name.to_os_string());
        let lock = lock::Lock::acquire(parent.join(named(".", &name, ".sitroom-lock")), out_dir)?;
        Ok(Target {
            shown: out_dir.to_path_buf(),
            out,
            parent,
            name,
            notices: Vec::new(),
            _lock: lock,
        })
    }

    /// Notes and warnings to show the user.
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// A folder beside the output named `.<name>.sitroom-<suffix>`: staging folders,
    /// and old outputs being deleted. Any such folder found while the lock is held
    /// belongs to a build that was killed.
    fn scratch_prefix(&self) -> OsString {
        named(".", &self.name, ".sitroom-")
    }

    /// Cleans up what killed builds of this output left beside it: staging folders
    /// and old outputs moved aside. If a build was killed between moving the old
    /// output aside and moving the new one in, the output is missing: put the old
    /// one back.
    fn tidy(&mut self) {
        let Ok(entries) = fs::read_dir(&self.parent) else {
            return;
        };
        let scratch = self.scratch_prefix();
        let aside = named("", &self.name, ".old-");
        let (mut stale, mut olds) = (Vec::new(), Vec::new());
        for entry in entries.flatten() {
            // Only sitroom's own folders (staging folders carry the marker from the
            // start, old outputs from their build): a user's `public.old-2024` or
            // `.public.sitroom-notes` is never touched.
            if !entry.file_type().is_ok_and(|t| t.is_dir()) || !entry.path().join(MARKER).is_file()
            {
                continue;
            }
            let name = entry.file_name();
            let bytes = name.as_encoded_bytes();
            if bytes.starts_with(scratch.as_encoded_bytes()) {
                stale.push(entry.path());
            } else if let Some(pid) = bytes.strip_prefix(aside.as_encoded_bytes())
                && !pid.is_empty()
                && pid.iter().all(u8::is_ascii_digit)
            {
                olds.push(entry.path());
            }
        }
        stale.sort();
        olds.sort();
        let missing =
            fs::symlink_metadata(&self.out).is_err_and(|e| e.kind() == io::ErrorKind::NotFound);
        if missing && !olds.is_empty() {
            // Only one build at a time can be between the two renames, so there is one
            // such folder; should there be more, the newest is the likeliest whole.
            let newest = (0..olds.len())
                .max_by_key(|&i| fs::metadata(&olds[i]).and_then(|m| m.modified()).ok())
                .unwrap_or(0);
            let old = olds.remove(newest);
            match fs::rename(&old, &self.out) {
                Ok(()) => self.notices.push(format!(
                    "note: put back `{}` from `{}`, where a build that was stopped had moved it",
                    self.shown.display(),
                    old.display()
                )),
                Err(e) => {
                    self.notices.push(format!(
                        "warning: `{}` is missing and cannot be put back from `{}`: {e}\n  hint: rename `{}` to `{}` yourself",
                        self.shown.display(),
                        old.display(),
                        old.display(),
                        self.shown.display()
                    ));
                    return;
                }
            }
        }
        for dir in stale.into_iter().chain(olds) {
            if let Err(e) = fs::remove_dir_all(&dir) {
                self.notices.push(format!(
                    "warning: cannot delete `{}`, left by an earlier build of `{}`: {e}\n  hint: delete it yourself",
                    dir.display(),
                    self.shown.display()
                ));
            }
        }
    }

    /// Replaces the output with `new` (a complete site). There is never an instant
    /// without a complete site at the output: on Linux the two folders are exchanged
    /// in one step; elsewhere, a build killed between the two renames leaves the old
    /// site as `<out>.old-<pid>`, which the next build puts back.
    fn swap(&self, new: &Path) -> anyhow::Result<Vec<String>> {
        let out = &self.out;
        let shown = self.shown.display();
        if fs::symlink_metadata(out).is_err_and(|e| e.kind() == io::ErrorKind::NotFound) {
            fs::rename(new, out)
                .with_context(|| format!("cannot move the new site into `{shown}`"))?;
            return Ok(Vec::new());
        }
        if !crate::fault("no-exchange") && exchange(new, out) {
            // `new` now holds the old site.
            return Ok(self.remove_old(new));
        }
        let pid = std::process::id();
        let aside = self
            .parent
            .join(named("", &self.name, &format!(".old-{pid}")));
        fs::rename(out, &aside).with_context(|| format!("cannot move the old `{shown}` aside"))?;
        if crate::fault("kill-between-renames") {
            std::process::abort();
        }
        if let Err(e) = fs::rename(new, out) {
            let _ = fs::rename(&aside, out);
            return Err(e).with_context(|| format!("cannot move the new site into `{shown}`"));
        }
        // Rename before deleting, so an `.old-<pid>` folder is always whole: one
        // half deleted by a killed build must never be put back.
        let doomed = self
            .parent
            .join(named(".", &self.name, &format!(".sitroom-old-{pid}")));
        let doomed = if fs::rename(&aside, &doomed).is_ok() {
            doomed
        } else {
            aside
        };
        Ok(self.remove_old(&doomed))
    }

    /// Deletes the old site after a successful swap; failing that, a warning: the new
    /// site is live, and the next build tries again.
    fn remove_old(&self, old: &Path) -> Vec<String> {
        let removed = if crate::fault("keep-old") {
            Err(io::Error::other(
                "injected failure (SITROOM_FAULT=keep-old)",
            ))
        } else {
            fs::remove_dir_all(old)
        };
        match removed {
            Ok(()) => Vec::new(),
            Err(e) => vec![format!(
                "warning: the new site is in `{}`, but the previous one could not be deleted from `{}`: {e}\n  hint: delete `{}` yourself; the next build into `{}` also tries to",
                self.shown.display(),
                old.display(),
                old.display(),
                self.shown.display()
            )],
        }
    }
}

/// After a build that stopped on errors: if the folder that would hold `out_dir`
/// exists, cleans up after earlier builds of it (under the lock) and returns what
/// to tell the user. Writes nothing else.
pub fn tidy(out_dir: &Path) -> Vec<String> {
    let parent = match out_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !parent.is_dir() {
        return Vec::new();
    }
    match Target::lock_existing(out_dir) {
        Ok(mut target) => {
            target.tidy();
            std::mem::take(&mut target.notices)
        }
        Err(_) => Vec::new(),
    }
}

/// The file name `<before><name><after>`.
fn named(before: &str, name: &OsStr, after: &str) -> OsString {
    let mut s = OsString::from(before);
    s.push(name);
    s.push(after);
    s
}

/// Exchanges two folders in one step (`renameat2(RENAME_EXCHANGE)`); false if the
/// system or file system cannot, and the caller falls back to two renames.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> bool {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

/// A staging folder beside a locked output. On `commit`, either its files are moved
/// into the output (an update in place: it holds only new and changed files) or it
/// becomes the output (it holds the whole site); see `reuse`. It disappears if
/// dropped before that.
pub struct Staging<'t> {
    dir: TempDir,
    folder: reuse::Folder,
    target: &'t Target,
    /// The previous output, whose unchanged files are kept rather than rewritten.
    previous: reuse::Previous,
    /// Every file of the new site: how it was placed, and the hash of its bytes
    /// where known (0: a static file), for the manifest.
    placed: Mutex<reuse::Files>,
    cache: crate::cache::Store,
}

/// The first half of a [`Staging`]: its folder, made beside a locked output, and
/// the previous output listed. Owns no borrow, so it can be made on another thread
/// while the site loads.
pub struct Listing {
    dir: TempDir,
    previous: reuse::Previous,
}

impl Listing {
    /// Makes the staging folder for `target` and lists the previous output. With
    /// a build cache that holds the previous output's manifest, the output will be
    /// updated in place.
    pub fn take(target: &Target, cache: &crate::cache::Store) -> anyhow::Result<Listing> {
        let dir = tempfile::Builder::new()
            .prefix(&target.scratch_prefix())
            .tempdir_in(&target.parent)
            .with_context(|| {
                format!(
                    "cannot create a temporary folder in `{}`",
                    target.parent.display()
                )
            })?;
        // Marked from the start, so a later build can tell it is a leftover of ours.
        let marker = dir.path().join(MARKER);
        fs::write(&marker, MARKER_TEXT).with_context(|| format!("cannot write `{MARKER}`"))?;
        let manifest = manifest::Manifest::load(cache, &target.out);
        let previous = reuse::Previous::scan(&target.out, &marker, manifest.as_ref());
        Ok(Listing { dir, previous })
    }
}

impl<'t> Staging<'t> {
    /// A staging folder for `target` (see [`Listing::take`]).
    #[cfg(test)]
    pub fn new(target: &'t Target, cache: &crate::cache::Store) -> anyhow::Result<Staging<'t>> {
        Ok(Staging::of(target, Listing::take(target, cache)?, cache))
    }

    /// The staging folder `listing` made for `target`.
    pub fn of(target: &'t Target, listing: Listing, cache: &crate::cache::Store) -> Staging<'t> {
        let Listing { dir, previous } = listing;
        Staging {
            folder: reuse::Folder::new(dir.path().to_path_buf(), previous.in_place()),
            dir,
            target,
            previous,
            placed: Mutex::default(),
            cache: cache.clone(),
        }
    }

    /// Whether this build updates the output in place.
    pub fn in_place(&self) -> bool {
        self.previous.in_place()
    }

    /// Records how `rel` was placed, for the update in place and the manifest
    /// (neither exists without a build cache).
    fn note(&self, rel: &str, placed: reuse::Placed, hash: u128) -> anyhow::Result<()> {
        if !self.cache.is_enabled() {
            return Ok(());
        }
        self.placed
            .lock()
            .map_err(|_| anyhow::anyhow!("a writer thread panicked"))?
            .insert(rel.to_string(), (placed, hash));
        Ok(())
    }

    /// Copies the site's static files as they are (replacing a page of the same name).
    pub fn copy_statics(&self, statics: &[(String, Entry)]) -> anyhow::Result<usize> {
        statics.par_iter().try_for_each(|(rel, entry)| {
            let placed = self
                .previous
                .copy(rel, &self.folder, &entry.abs)
                .with_context(|| format!("cannot copy `{}`", entry.path.display()))?;
            self.note(rel, placed, 0)
        })?;
        Ok(statics.len())
    }

    /// Puts the new site in place (see [`Staging`]) and saves its manifest.
    /// Returns warnings for the user (an old file or output that could not be
    /// deleted).
    pub fn commit(self) -> anyhow::Result<Vec<String>> {
        // Written last, so a static file of the same name cannot replace it.
        self.put(MARKER.to_string(), MARKER_TEXT.as_bytes().to_vec())?;
        let target = self.target;
        let placed = self
            .placed
            .into_inner()
            .map_err(|_| anyhow::anyhow!("a writer thread panicked"))?;
        let warnings = if self.previous.in_place() {
            update::commit(&target.out, self.dir.path(), &self.previous, &placed)?
        } else {
            let new = self.dir.keep();
            let swapped = target.swap(&new);
            if swapped.is_err() {
                let _ = fs::remove_dir_all(&new);
            }
            swapped?
        };
        if self.previous.manifest_holds(&placed) {
            return Ok(warnings);
        }
        // A file kept in place has the stamp it was listed with.
        let in_place = self.previous.in_place();
        let files = placed
            .into_iter()
            .map(|(rel, (how, hash))| manifest::Placed {
                stamp: (in_place && how == reuse::Placed::Kept)
                    .then(|| self.previous.stamp_of(&rel))
                    .flatten(),
                rel,
                hash,
            })
            .collect();
        manifest::Manifest::save(&self.cache, &target.out, files);
        Ok(warnings)
    }
}

impl Sink for Staging<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) -> anyhow::Result<()> {
        let hash = crate::cache::hash(&bytes);
        let placed = self.previous.put(&path, &self.folder, &bytes, Some(hash))?;
        self.note(&path, placed, hash)
    }

    fn put_with(
        &self,
        path: String,
        write: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> anyhow::Result<()> {
        let (placed, hash) = self.previous.put_with(&path, &self.folder, write)?;
        self.note(&path, placed, hash)
    }

    fn previous(&self, path: &str, hash: u128) -> Option<Vec<u8>> {
        self.previous.bytes_if(path, hash)
    }

    fn put_previous(&self, path: String, bytes: Vec<u8>) -> anyhow::Result<()> {
        let placed = self.previous.put_checked(&path, &self.folder, &bytes)?;
        self.note(&path, placed, crate::cache::hash(&bytes))
    }

    fn keep_previous(&self, path: &str, hash: u128) -> anyhow::Result<bool> {
        let kept = self.previous.keep_hashed(path, &self.folder, hash)?;
        if kept {
            self.note(path, reuse::Placed::Kept, hash)?;
        }
        Ok(kept)
    }

    fn previous_range(&self, path: &str, at: u64, len: usize) -> Option<Vec<u8>> {
        self.previous.read_range(path, at, len)
    }
}

/// The build cache's entry naming the folder the last build was written to.
const LAST_OUTPUT: &str = "last-output";

/// Notes in `cache` that the site's last build went to `out_dir`.
pub fn note_published(cache: &crate::cache::Store, out_dir: &Path) {
    if let Ok(dir) = std::path::absolute(out_dir) {
        // Only time is lost without it.
        let _ = cache.save(LAST_OUTPUT, &dir);
    }
}

/// The output of the site's last build, read (never written) by `check` for
/// pages the build cache shows unchanged. A sink that keeps nothing.
pub struct Published {
    root: PathBuf,
}

impl Published {
    /// The folder `cache` says the last build went to, if it is still there.
    pub fn last(cache: &crate::cache::Store) -> Option<Published> {
        let root: PathBuf = cache.load(LAST_OUTPUT)?;
        root.is_dir().then_some(Published { root })
    }
}

impl Sink for Published {
    fn put(&self, _path: String, _bytes: Vec<u8>) -> anyhow::Result<()> {
        Ok(())
    }

    /// The file's bytes if they hash to `hash`: a file edited since, or
    /// belonging to another build, is rendered instead.
    fn previous(&self, path: &str, hash: u128) -> Option<Vec<u8>> {
        let bytes = fs::read(self.root.join(path)).ok()?;
        (crate::cache::hash(&bytes) == hash).then_some(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_outputs_that_would_replace_the_site() {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("content/briefings")).unwrap();
        for bad in ["", "content", "content/briefings", "templates"] {
            for force in [false, true] {
                let err = check_target(site.path(), &site.path().join(bad), force).unwrap_err();
                assert!(err.is::<Refused>(), "{bad}: {err}");
            }
        }
        assert!(check_target(site.path(), site.path().parent().unwrap(), true).is_err());
        assert!(check_target(site.path(), Path::new("/"), true).is_err());
        assert!(check_target(site.path(), &site.path().join("public"), false).is_ok());
        assert!(check_target(site.path(), &site.path().join("contents"), false).is_ok());
    }

    #[test]
    fn replaces_only_empty_or_marked_folders_unless_forced() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        let out = tmp.path().join("out");
        fs::create_dir_all(&root).unwrap();
        fs::create_dir_all(&out).unwrap();
        assert!(check_target(&root, &out, false).is_ok(), "empty");
        fs::write(out.join("a.docx"), "x").unwrap();
        let err = check_target(&root, &out, false).unwrap_err();
        assert!(err.is::<Refused>());
        assert!(err.to_string().contains("(`a.docx`)"), "{err}");
        assert!(check_target(&root, &out, true).is_ok(), "forced");
        fs::write(out.join(MARKER), MARKER_TEXT).unwrap();
        assert!(check_target(&root, &out, false).is_ok(), "marked");
        let file = tmp.path().join("file");
        fs::write(&file, "x").unwrap();
        assert!(check_target(&root, &file, true).is_err(), "a file");
    }

    /// Regression: two files of one new folder written at once (an actor's
    /// `index.html` and `atom.xml`) failed with "No such file or directory" when the
    /// second writer saw the folder recorded before the first had created it.
    #[test]
    fn parallel_writes_into_one_new_folder_all_succeed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let target = Target::lock(&tmp.path().join("site"), &out, false).unwrap();
        let staging = Staging::new(&target, &crate::cache::Store::none()).unwrap();
        let files: Vec<String> = (0..400)
            .flat_map(|i| [format!("a/{i}/index.html"), format!("a/{i}/atom.xml")])
            .collect();
        files
            .par_iter()
            .try_for_each(|f| staging.put(f.clone(), b"x".to_vec()))
            .unwrap();
        staging.commit().unwrap();
        assert!(files.iter().all(|f| out.join(f).is_file()));
        assert!(out.join(MARKER).is_file());
    }

    /// The state a kill between the two renames of the fallback swap leaves: the
    /// output missing, the old site beside it as `<out>.old-<pid>`, a staging folder.
    #[test]
    fn tidy_puts_back_an_output_a_killed_swap_moved_aside() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let old = tmp.path().join("public.old-4242");
        fs::create_dir_all(&old).unwrap();
        fs::write(old.join("index.html"), "old site").unwrap();
        fs::write(old.join(MARKER), MARKER_TEXT).unwrap();
        let staging = tmp.path().join(".public.sitroom-Ab12Cd");
        fs::create_dir_all(staging.join("x")).unwrap();
        fs::write(staging.join(MARKER), MARKER_TEXT).unwrap();
        // Another output's leftovers are not ours to touch.
        fs::create_dir_all(tmp.path().join(".docs.sitroom-Zz99Yy")).unwrap();
        fs::create_dir_all(tmp.path().join("public.old-notapid")).unwrap();
        // Nor are the user's own folders that merely look like leftovers (no marker).
        fs::create_dir_all(tmp.path().join("public.old-2024")).unwrap();
        fs::write(tmp.path().join("public.old-2024/keep.txt"), "archive").unwrap();
        fs::create_dir_all(tmp.path().join(".public.sitroom-notes")).unwrap();
        let notices = tidy(&out);
        assert_eq!(
            fs::read_to_string(out.join("index.html")).unwrap(),
            "old site"
        );
        assert_eq!(notices.len(), 1, "{notices:?}");
        assert!(notices[0].starts_with("note: put back"), "{notices:?}");
        let mut left: Vec<String> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                ".docs.sitroom-Zz99Yy",
                ".public.sitroom-notes",
                "public",
                "public.old-2024",
                "public.old-notapid"
            ]
        );
    }
}
