//! The build cache: what one build keeps in `<site>/.sitroom/cache/` so the next
//! one can skip work whose inputs did not change (parsed documents, search index
//! chunks, rendered pages).
//!
//! The cache can only save time, never change output: every entry is found by a
//! hash of everything its value was made from, each file carries the format and
//! the binary that wrote it and a checksum of its contents, and a file that is
//! missing, from another binary, truncated or corrupt reads as empty. Deleting the
//! folder is always safe. Writes go to a temporary file renamed into place, so a
//! build that is stopped half-way leaves the old file or the new one, never half.
//!
//! Hashes are XXH3 (128 bits), a fixed algorithm that gives the same value on
//! every platform and run, unlike `std`'s randomly seeded hasher.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Serialize;
use serde::de::DeserializeOwned;
use xxhash_rust::xxh3::Xxh3;

/// The folder under the site root, beside `check --links`' cache.
pub const DIR: &str = ".sitroom/cache";

/// Bumped when the layout of a cache file changes.
const FORMAT: u32 = 1;

/// What every cache file starts with.
const MAGIC: &[u8; 8] = b"sitroomC";

/// Where a build keeps its cache, or nowhere (`--no-cache`, tests, `serve`'s
/// in-memory rebuilds).
#[derive(Debug, Clone, Default)]
pub struct Store {
    dir: Option<PathBuf>,
}

impl Store {
    /// The cache of the site at `root`.
    pub fn at(root: &Path) -> Store {
        Store {
            dir: Some(root.join(DIR)),
        }
    }

    /// No cache: reads find nothing, writes are dropped.
    pub fn none() -> Store {
        Store { dir: None }
    }

    pub fn is_enabled(&self) -> bool {
        self.dir.is_some()
    }

    /// The value saved under `name`, if there is one this binary wrote and it is
    /// whole; `None` otherwise (never an error: a bad cache is an empty one).
    pub fn load<T: DeserializeOwned>(&self, name: &str) -> Option<T> {
        let bytes = fs::read(self.dir.as_ref()?.join(file_name(name))).ok()?;
        decode(&bytes)
    }

    /// Saves `value` under `name`, replacing what was there. An error here is
    /// the caller's to report as a warning: a build never fails for its cache.
    /// The value is encoded straight into the file, never whole in memory.
    pub fn save<T: Serialize>(&self, name: &str, value: &T) -> anyhow::Result<()> {
        let Some(dir) = &self.dir else {
            return Ok(());
        };
        fs::create_dir_all(dir)?;
        let mut file = tempfile::NamedTempFile::new_in(dir)?;
        write_to(file.as_file_mut(), value)?;
        file.persist(dir.join(file_name(name)))?;
        Ok(())
    }
}

impl Store {
    /// The file of byte strings named `name` (see [`Blobs`]), if it is `len`
    /// bytes long: its index, kept by the caller with [`Store::save`], was
    /// saved with that length. `None` otherwise, or without a store.
    pub fn blobs(&self, name: &str, len: u64) -> Option<Blobs> {
        let file = fs::File::open(self.blobs_path(name)?).ok()?;
        (file.metadata().ok()?.len() == len).then_some(Blobs { file })
    }

    /// Appends `items` to the file of byte strings named `name`, cut back to
    /// `len` bytes first (what its index knows); returns where each went and
    /// the file's new length.
    pub fn append_blobs(
        &self,
        name: &str,
        len: u64,
        items: &[&[u8]],
    ) -> anyhow::Result<(Vec<u64>, u64)> {
        let path = self
            .blobs_path(name)
            .ok_or_else(|| anyhow::anyhow!("no cache"))?;
        let file = fs::OpenOptions::new().write(true).open(path)?;
        file.set_len(len)?;
        let mut out = io::BufWriter::new(&file);
        io::Seek::seek(&mut out, io::SeekFrom::Start(len))?;
        let mut at = len;
        let mut places = Vec::with_capacity(items.len());
        for item in items {
            places.push(at);
            out.write_all(item)?;
            at += item.len() as u64;
        }
        out.flush()?;
        Ok((places, at))
    }

    /// Replaces the file of byte strings named `name` with `items`; returns
    /// where each went and the file's length.
    pub fn write_blobs<'a>(
        &self,
        name: &str,
        items: impl Iterator<Item = &'a [u8]>,
    ) -> anyhow::Result<(Vec<u64>, u64)> {
        let path = self
            .blobs_path(name)
            .ok_or_else(|| anyhow::anyhow!("no cache"))?;
        let dir = path.parent().ok_or_else(|| anyhow::anyhow!("no folder"))?;
        let mut file = tempfile::NamedTempFile::new_in(dir)?;
        let mut out = io::BufWriter::new(file.as_file_mut());
        let (mut at, mut places) = (0u64, Vec::new());
        for item in items {
            places.push(at);
            out.write_all(item)?;
            at += item.len() as u64;
        }
        out.flush()?;
        drop(out);
        file.persist(path)?;
        Ok((places, at))
    }

    fn blobs_path(&self, name: &str) -> Option<PathBuf> {
        let dir = self.dir.as_ref()?;
        fs::create_dir_all(dir).ok()?;
        Some(dir.join(format!("{name}.dat")))
    }
}

/// A file of byte strings in the store, read by place: the caller keeps where
/// each is, and a hash to check it by (the file is only a cache).
pub struct Blobs {
    file: fs::File,
}

impl Blobs {
    /// The `len` bytes at `at`, if the file has them.
    pub fn read(&self, at: u64, len: usize) -> Option<Vec<u8>> {
        let mut bytes = vec![0; len];
        crate::spill::read_at(&self.file, &mut bytes, at).ok()?;
        Some(bytes)
    }
}

fn file_name(name: &str) -> String {
    format!("{name}.bin")
}

/// Where the payload's checksum sits in the header.
const SUM_AT: u64 = MAGIC.len() as u64 + 4 + 16;

/// Writes the header (magic, format, binary id, payload checksum), then the
/// postcard payload, hashing it on the way; the checksum is filled in last.
fn write_to<T: Serialize>(file: &mut fs::File, value: &T) -> anyhow::Result<()> {
    use std::io::{Seek as _, SeekFrom};
    let sum = {
        let mut out = io::BufWriter::with_capacity(1 << 16, &mut *file);
        out.write_all(MAGIC)?;
        out.write_all(&FORMAT.to_le_bytes())?;
        out.write_all(&binary_id().to_le_bytes())?;
        out.write_all(&0u128.to_le_bytes())?;
        let summing = Summing {
            out,
            sum: Xxh3::new(),
        };
        let mut summing = postcard::to_io(value, summing)?;
        summing.out.flush()?;
        summing.sum.digest128()
    };
    file.seek(SeekFrom::Start(SUM_AT))?;
    file.write_all(&sum.to_le_bytes())?;
    Ok(())
}

/// A writer that hashes what passes through it.
struct Summing<W> {
    out: W,
    sum: Xxh3,
}

impl<W: io::Write> io::Write for Summing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        self.sum.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (format, rest) = rest.split_first_chunk::<4>()?;
    let (binary, rest) = rest.split_first_chunk::<16>()?;
    let (sum, payload) = rest.split_first_chunk::<16>()?;
    let fits = u32::from_le_bytes(*format) == FORMAT
        && u128::from_le_bytes(*binary) == binary_id()
        && u128::from_le_bytes(*sum) == hash(payload);
    if !fits {
        return None;
    }
    postcard::from_bytes(payload).ok()
}

/// Which binary this is: its version and, where it can be read, its own file's
/// size and modification time, so that a rebuilt sitroom (whose parser or
/// templates may differ at the same version) never reads another's cache.
fn binary_id() -> u128 {
    static ID: OnceLock<u128> = OnceLock::new();
    *ID.get_or_init(|| {
        let mut h = Hasher::new();
        h.text(env!("CARGO_PKG_VERSION"));
        if let Ok(meta) = std::env::current_exe().and_then(fs::metadata) {
            h.u64(meta.len());
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
            h.u64(modified.map_or(0, |d| d.as_nanos() as u64));
        }
        h.finish()
    })
}

/// The 128-bit XXH3 hash of `bytes`.
pub fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// The hash of `value` as postcard writes it (`None` if it cannot be written):
/// written into a buffer the thread keeps and hashed at once, which for the
/// small values hashed by the thousand (statements, records) is several times
/// faster than a streaming [`Hasher`].
pub fn hash_serialized(value: &impl Serialize) -> Option<u128> {
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BUFFER.with_borrow_mut(|buffer| {
        buffer.clear();
        let written = postcard::to_io(value, &mut *buffer).is_ok();
        let written = written.then(|| hash(buffer));
        // Keep no more than a big value's worth between calls.
        if buffer.capacity() > 1 << 20 {
            *buffer = Vec::new();
        }
        written
    })
}

/// A stable streaming hasher for cache keys. Each piece is written with its
/// length, so `("ab", "c")` and `("a", "bc")` hash differently.
#[derive(Clone)]
pub struct Hasher(Xxh3);

impl Default for Hasher {
    fn default() -> Self {
        Hasher::new()
    }
}

impl Hasher {
    pub fn new() -> Hasher {
        Hasher(Xxh3::new())
    }

    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    pub fn text(&mut self, text: &str) -> &mut Self {
        self.bytes(text.as_bytes())
    }

    pub fn u64(&mut self, n: u64) -> &mut Self {
        self.0.update(&n.to_le_bytes());
        self
    }

    pub fn u128(&mut self, n: u128) -> &mut Self {
        self.0.update(&n.to_le_bytes());
        self
    }

    pub fn finish(&self) -> u128 {
        self.0.digest128()
    }
}

/// Raw writes (no length prefix), for hashing a value as it is serialized.
impl io::Write for Hasher {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_value_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        store.save("x", &vec![(1u32, "one".to_string())]).unwrap();
        assert_eq!(
            store.load::<Vec<(u32, String)>>("x"),
            Some(vec![(1, "one".to_string())])
        );
    }

    #[test]
    fn a_damaged_or_foreign_file_reads_as_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        store.save("x", &"some text".to_string()).unwrap();
        let path = dir.path().join(DIR).join("x.bin");
        let good = fs::read(&path).unwrap();
        // One payload byte changed: the checksum no longer fits.
        let mut bad = good.clone();
        *bad.last_mut().unwrap() ^= 1;
        fs::write(&path, &bad).unwrap();
        assert_eq!(store.load::<String>("x"), None);
        // Cut short.
        fs::write(&path, &good[..good.len() / 2]).unwrap();
        assert_eq!(store.load::<String>("x"), None);
        // Another format.
        let mut other = good.clone();
        other[8] ^= 1;
        fs::write(&path, &other).unwrap();
        assert_eq!(store.load::<String>("x"), None);
        // Garbage.
        fs::write(&path, b"not a cache").unwrap();
        assert_eq!(store.load::<String>("x"), None);
        // Missing.
        assert_eq!(store.load::<String>("y"), None);
    }

    #[test]
    fn no_store_keeps_nothing() {
        let store = Store::none();
        store.save("x", &1u8).unwrap();
        assert_eq!(store.load::<u8>("x"), None);
    }

    #[test]
    fn pieces_are_delimited() {
        let ab_c = Hasher::new().text("ab").text("c").finish();
        let a_bc = Hasher::new().text("a").text("bc").finish();
        assert_ne!(ab_c, a_bc);
        // Fixed values: the hash must not change between runs or platforms.
        assert_eq!(hash(b""), 0x99aa06d3014798d86001c324468d497f);
    }
}
