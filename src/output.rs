//! The only writer: puts rendered files and static copies into a fresh folder beside
//! the output, then swaps it in, so a failed build never leaves a half-written site.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use rayon::prelude::*;

use crate::render::Output;
use crate::source::Entry;

/// Writes `files` and copies `statics` into `out_dir`, replacing what was there only
/// once everything is written. Returns the number of files written.
pub fn write(out_dir: &Path, files: &Output, statics: &[(String, Entry)]) -> anyhow::Result<usize> {
    let parent = match out_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).with_context(|| format!("cannot create `{}`", parent.display()))?;
    let name = out_dir.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.sitroom-"))
        .tempdir_in(&parent)
        .with_context(|| format!("cannot create a temporary folder in `{}`", parent.display()))?;
    let root = staging.path();

    // Create every folder first (sorted, so parents come before children), then
    // write files in parallel.
    let mut dirs: Vec<PathBuf> = files
        .keys()
        .map(String::as_str)
        .chain(statics.iter().map(|(n, _)| n.as_str()))
        .filter_map(|p| Path::new(p).parent().map(Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty())
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        fs::create_dir_all(root.join(d)).with_context(|| format!("cannot create `{}`", d.display()))?;
    }
    files.par_iter().try_for_each(|(rel, bytes)| {
        fs::write(root.join(rel), bytes).with_context(|| format!("cannot write `{rel}`"))
    })?;
    statics.par_iter().try_for_each(|(rel, entry)| {
        fs::copy(&entry.abs, root.join(rel))
            .map(|_| ())
            .with_context(|| format!("cannot copy `{}`", entry.path.display()))
    })?;

    swap(staging.keep(), out_dir)?;
    Ok(files.len() + statics.len())
}

/// Replaces `out_dir` with `new_dir`: the old folder is moved aside, the new one
/// renamed into place, then the old one removed.
fn swap(new_dir: PathBuf, out_dir: &Path) -> anyhow::Result<()> {
    let old = out_dir.exists().then(|| {
        let mut aside = out_dir.as_os_str().to_owned();
        aside.push(format!(".old-{}", std::process::id()));
        PathBuf::from(aside)
    });
    if let Some(old) = &old {
        fs::rename(out_dir, old).with_context(|| format!("cannot move the old `{}` aside", out_dir.display()))?;
    }
    if let Err(e) = fs::rename(&new_dir, out_dir) {
        if let Some(old) = &old {
            let _ = fs::rename(old, out_dir);
        }
        let _ = fs::remove_dir_all(&new_dir);
        return Err(e).with_context(|| format!("cannot move the new site into `{}`", out_dir.display()));
    }
    if let Some(old) = old {
        fs::remove_dir_all(&old).with_context(|| format!("cannot remove `{}`", old.display()))?;
    }
    Ok(())
}
