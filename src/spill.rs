//! Bytes kept on disk instead of in memory while a site builds: the rendered
//! bodies of briefings, the largest part of a big site's model (500 MB of
//! compressed HTML at 100,000 briefings) and each read only twice (for its
//! search record and its page). They go to an unlinked temporary file in the
//! system's temporary folder (`TMPDIR`), which the operating system removes when
//! the process ends, however it ends; the page cache keeps what is read often.
//!
//! Reading back cannot fail silently: a failed read gives empty text and is
//! recorded, and [`failure`] makes the build stop before its output is committed.

use std::fs::File;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::Context as _;

/// An append-only temporary file; writes and reads take no lock (positioned I/O).
pub struct Spill {
    file: File,
    end: AtomicU64,
}

/// The first failed read of any spill file in this process.
static FAILURE: OnceLock<String> = OnceLock::new();

impl Spill {
    /// A new, already unlinked temporary file; `None` where it cannot be made
    /// (the bytes then stay in memory) or where positioned I/O is missing.
    pub fn create() -> Option<Spill> {
        if !cfg!(unix) {
            return None;
        }
        Some(Spill {
            file: tempfile::tempfile().ok()?,
            end: AtomicU64::new(0),
        })
    }

    /// Appends `bytes`; returns where they start, or `None` if they could not be
    /// written (they stay in memory then).
    pub fn put(&self, bytes: &[u8]) -> Option<u64> {
        let at = self.end.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        write_at(&self.file, bytes, at).ok().map(|()| at)
    }

    /// The `len` bytes at `at`; empty (and the failure recorded) if they cannot
    /// be read.
    pub fn get(&self, at: u64, len: usize) -> Vec<u8> {
        let mut bytes = vec![0; len];
        let read = if crate::fault("spill-read") {
            Err(std::io::Error::other("a test made this read fail"))
        } else {
            read_at(&self.file, &mut bytes, at)
        };
        match read {
            Ok(()) => bytes,
            Err(e) => {
                let _ = FAILURE.set(format!(
                    "cannot read back a briefing's body from the temporary file that held it: {e}"
                ));
                Vec::new()
            }
        }
    }
}

/// Why a body could not be read back, if one could not: pages made since may be
/// missing text, so a build must not publish them.
pub fn failure() -> anyhow::Result<()> {
    match FAILURE.get() {
        Some(e) => Err(anyhow::anyhow!("{e}"))
            .context("the build was stopped before writing; the output folder is as it was"),
        None => Ok(()),
    }
}

#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, at)
}

/// Reads `bytes.len()` bytes at `at` of `file` (positioned: no seek, no lock), or
/// fails; unsupported where positioned I/O is missing.
#[cfg(unix)]
pub(crate) fn read_at(file: &File, bytes: &mut [u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, at)
}

#[cfg(not(unix))]
fn write_at(_: &File, _: &[u8], _: u64) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(not(unix))]
pub(crate) fn read_at(_: &File, _: &mut [u8], _: u64) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_come_back_from_where_they_were_put() {
        let spill = Spill::create().expect("a temporary file");
        let a = spill.put(b"first").unwrap();
        let b = spill.put(b"").unwrap();
        let c = spill.put("второй".as_bytes()).unwrap();
        assert_eq!(spill.get(c, "второй".len()), "второй".as_bytes());
        assert_eq!(spill.get(a, 5), b"first");
        assert_eq!(spill.get(b, 0), b"");
        assert!(failure().is_ok());
    }
}
