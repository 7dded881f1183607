//! Updating an output folder in place, the commit of a build whose previous output
//! is described by a manifest: the staging folder holds only the new and changed
//! files. What the new site does not hold is deleted first (so a symbolic link
//! where a folder now goes is gone before anything is created through it), then
//! each staged file is renamed over its old version, so a reader of the output sees
//! every file either whole and old or whole and new.

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io;
use std::path::Path;

use anyhow::Context as _;
use rayon::prelude::*;

use super::reuse::{Files, Placed, Previous};

/// Moves the files staged in `staging` into `out`, deletes what `placed` (every
/// file of the new site) does not name, and returns warnings (files that could not
/// be deleted). A file that cannot be moved in is an error; the output then holds
/// part of the new site, which the next build completes.
pub(super) fn commit(
    out: &Path,
    staging: &Path,
    previous: &Previous,
    placed: &Files,
) -> anyhow::Result<Vec<String>> {
    let (stale, in_the_way) = previous.unused(placed);
    let mut warnings: Vec<String> = stale
        .par_iter()
        .filter_map(|rel| match fs::remove_file(out.join(rel)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                Some(cannot_delete(out, &rel.to_string_lossy(), &e))
            }
            _ => None,
        })
        .collect();
    for rel in in_the_way {
        if let Err(e) = fs::remove_dir_all(out.join(rel)) {
            warnings.push(cannot_delete(out, rel, &e));
        }
    }
    remove_emptied_folders(out, previous, placed);
    let staged: Vec<&str> = placed
        .iter()
        .filter(|(_, (p, _))| *p == Placed::Staged)
        .map(|(rel, _)| rel.as_str())
        .collect();
    let folders: BTreeSet<&Path> = staged
        .iter()
        .filter_map(|rel| Path::new(rel).parent())
        .filter(|p| !p.as_os_str().is_empty())
        .collect();
    for folder in folders {
        fs::create_dir_all(out.join(folder))
            .with_context(|| format!("cannot create `{}`", out.join(folder).display()))?;
    }
    let move_in = |rel: &&str| {
        fs::rename(staging.join(rel), out.join(rel))
            .with_context(|| format!("cannot move the new `{rel}` into `{}`", out.display()))
    };
    if crate::fault("kill-mid-update") {
        staged[..staged.len().div_ceil(2)]
            .iter()
            .try_for_each(move_in)?;
        std::process::abort();
    }
    staged.par_iter().try_for_each(move_in)?;
    warnings.sort();
    Ok(warnings)
}

/// Removes the old folders that hold no file of the new site, deepest first (one
/// that still holds a file that could not be deleted stays).
fn remove_emptied_folders(out: &Path, previous: &Previous, placed: &Files) {
    let mut used: HashSet<&str> = HashSet::new();
    for rel in placed.keys() {
        let mut rel = rel.as_str();
        while let Some(slash) = rel.rfind('/') {
            rel = &rel[..slash];
            if !used.insert(rel) {
                break;
            }
        }
    }
    let mut unused: Vec<&str> = previous.folders().filter(|d| !used.contains(d)).collect();
    unused.sort_unstable_by_key(|d| std::cmp::Reverse((d.matches('/').count(), *d)));
    for dir in unused {
        let _ = fs::remove_dir(out.join(dir));
    }
}

fn cannot_delete(out: &Path, rel: &str, e: &io::Error) -> String {
    format!(
        "warning: cannot delete `{}`, which the new site no longer has: {e}\n  hint: delete it yourself",
        out.join(rel).display()
    )
}
