//! Pages a build need not render again. A page's bytes are a function of its
//! template variables, the theme (its [`fingerprint`](crate::theme::Theme)), the
//! site's URL settings and the binary; the build cache keeps, for each page, a
//! hash of all of those (the key) and a hash of the bytes they gave. When a page's
//! key is the one recorded, the previous output's file is used instead of running
//! the template, but only if its bytes still hash to the recorded value: an
//! output folder edited by hand, or a cache from another build, is rendered anew.
//!
//! A faster way to the same answer: while the site's fingerprint (a hash of
//! everything the model is made from except briefing bodies; see
//! `load/fingerprint.rs`) and the environment stay the same, a page that shows no
//! body, or only its own briefing's, cannot change. Each entry also records the
//! page's *fast key* (fingerprint, environment, path and that body's hash), and a
//! page whose fast key is the one recorded is kept without even building its
//! template variables. `SITROOM_VERIFY_CACHE=1` renders such pages anyway and
//! fails the build if their bytes differ (the tests build so).
//!
//! Pure but for the [`Store`] it is opened from and saved to.

use std::collections::HashMap;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use tera::Value;
use tera::value::ValueKind;

use crate::cache::Store;

/// Bumped when what a key covers changes.
const VERSION: u64 = 3;

/// What the cache knows of one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Known {
    /// The hash of its template variables and environment (0 for a data file).
    pub(super) key: u128,
    /// Its fast key (0: none).
    pub(super) fast: u128,
    /// The hash of its bytes.
    pub(super) output: u128,
}

/// The page entries of one language's renderer: last build's, and this build's
/// as they are made.
pub(super) struct PageCache {
    name: String,
    env: u128,
    old: HashMap<String, Known>,
    new: Mutex<Vec<(String, Known)>>,
    /// Pages taken from the previous output, for `SITROOM_TIMINGS`.
    pub(super) kept: std::sync::atomic::AtomicUsize,
    /// Those of them kept by their fast key.
    fast_kept: std::sync::atomic::AtomicUsize,
}

/// How many pages a build had, kept, and kept by their fast key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Tally {
    pub(super) pages: usize,
    pub(super) kept: usize,
    pub(super) fast: usize,
}

impl PageCache {
    /// The entries saved under `name` in `store`, for pages rendered in the
    /// environment `env` (theme and URL settings); `None` without a store.
    pub(super) fn open(store: &Store, name: String, env: u128) -> Option<PageCache> {
        if !store.is_enabled() {
            return None;
        }
        let old = store
            .load::<(u64, Vec<(String, Known)>)>(&name)
            .filter(|(version, _)| *version == VERSION)
            .map(|(_, entries)| entries.into_iter().collect())
            .unwrap_or_default();
        Some(PageCache {
            name,
            env,
            old,
            new: Mutex::default(),
            kept: std::sync::atomic::AtomicUsize::new(0),
            fast_kept: std::sync::atomic::AtomicUsize::new(0),
        })
    }

    /// The key of the page at `path` made with `template` from `vars`.
    pub(super) fn key<'a>(
        &self,
        path: &str,
        template: &str,
        vars: impl Iterator<Item = (&'a String, &'a Value)>,
    ) -> u128 {
        thread_local! {
            static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        BUFFER.with_borrow_mut(|buffer| {
            buffer.clear();
            buffer.extend_from_slice(&VERSION.to_le_bytes());
            buffer.extend_from_slice(&self.env.to_le_bytes());
            text(buffer, path);
            text(buffer, template);
            for (name, value) in vars {
                text(buffer, name);
                value_into(buffer, value);
            }
            let key = crate::cache::hash(buffer);
            // Keep no more than a big page's worth between pages.
            if buffer.capacity() > 1 << 20 {
                *buffer = Vec::new();
            }
            key
        })
    }

    /// Whether the last build recorded no page: a build then makes no page's
    /// key (there is none to match), only its fast key and its bytes' hash.
    /// (Making a key builds a page's variables a second time, with stand-ins:
    /// at 10,000 briefings it made a first build 15-30 % slower than one
    /// without the cache; now 3-10 %.)
    pub(super) fn is_first(&self) -> bool {
        self.old.is_empty()
    }

    /// The hash of the bytes the page at `path` had when its key was `key`
    /// (0, a key not made, matches nothing).
    pub(super) fn output(&self, path: &str, key: u128) -> Option<u128> {
        self.old
            .get(path)
            .filter(|known| known.key == key && key != 0)
            .map(|known| known.output)
    }

    /// What was recorded for the page at `path` if its fast key was `fast`.
    pub(super) fn known_fast(&self, path: &str, fast: u128) -> Option<Known> {
        self.old
            .get(path)
            .filter(|known| known.fast == fast && fast != 0)
            .copied()
    }

    /// Notes what is known of the page at `path` in this build.
    pub(super) fn record(&self, path: String, known: Known) {
        self.new
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((path, known));
    }

    /// [`PageCache::record`] for a page taken from the previous output.
    pub(super) fn keep(&self, path: String, known: Known) {
        self.kept.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.record(path, known);
    }

    /// [`PageCache::keep`] for a page kept by its fast key.
    pub(super) fn keep_fast(&self, path: String, known: Known) {
        (self.fast_kept).fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.keep(path, known);
    }

    /// Saves this build's entries (only those: pages that are gone are dropped).
    /// Returns how many pages there were and how many were kept.
    pub(super) fn save(self, store: &Store) -> anyhow::Result<Tally> {
        let kept = self.kept.into_inner();
        let fast = self.fast_kept.into_inner();
        let mut entries = self
            .new
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        store.save(&self.name, &(VERSION, &entries))?;
        Ok(Tally {
            pages: entries.len(),
            kept,
            fast,
        })
    }
}

/// A hash of `value` alone, as [`PageCache::key`] would hash it.
pub(super) fn value_key(value: &Value) -> u128 {
    let mut buffer = Vec::new();
    value_into(&mut buffer, value);
    crate::cache::hash(&buffer)
}

/// A string with its length, so that `("ab", "c")` and `("a", "bc")` differ.
fn text(buffer: &mut Vec<u8>, s: &str) {
    buffer.extend_from_slice(&(s.len() as u64).to_le_bytes());
    buffer.extend_from_slice(s.as_bytes());
}

/// Writes `value` into `buffer`: its kind, whether it is marked safe (so printed
/// unescaped), and its contents; a map as an order-free sum of its entries'
/// hashes, since Tera's maps iterate in a random order.
fn value_into(buffer: &mut Vec<u8>, value: &Value) {
    let tag = match value.kind() {
        ValueKind::Undefined => 0,
        ValueKind::None => 1,
        ValueKind::Bool => 2,
        ValueKind::String => 3,
        ValueKind::Bytes => 4,
        ValueKind::Array => 5,
        ValueKind::Map => 6,
        ValueKind::F64 => 7,
        _ => 8,
    };
    buffer.push(tag | (u8::from(value.is_safe()) << 4));
    match tag {
        2 => buffer.push(u8::from(value.as_bool().unwrap_or_default())),
        3 => text(buffer, value.as_str().unwrap_or_default()),
        4 => {
            let bytes = value.as_bytes().unwrap_or_default();
            buffer.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            buffer.extend_from_slice(bytes);
        }
        5 => {
            let items = value.as_array().unwrap_or_default();
            buffer.extend_from_slice(&(items.len() as u64).to_le_bytes());
            for item in items {
                value_into(buffer, item);
            }
        }
        6 => {
            // Each entry is written, hashed and taken back out; the map is the
            // sum of its entries' hashes, which no order changes.
            let Some(map) = value.as_map() else { return };
            let mut sum = 0u128;
            for (k, v) in map {
                let start = buffer.len();
                match k.as_str() {
                    Some(k) => text(buffer, k),
                    None => text(buffer, &k.to_string()),
                }
                value_into(buffer, v);
                sum = sum.wrapping_add(crate::cache::hash(&buffer[start..]));
                buffer.truncate(start);
            }
            buffer.extend_from_slice(&(map.len() as u64).to_le_bytes());
            buffer.extend_from_slice(&sum.to_le_bytes());
        }
        7 => buffer.extend_from_slice(&value.as_f64().unwrap_or_default().to_bits().to_le_bytes()),
        // Integers, and any kind a later Tera adds: what the template would print.
        8 => text(buffer, &value.to_string()),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_of(pairs: &[(&str, Value)]) -> u128 {
        let store_less = PageCache {
            name: String::new(),
            env: 7,
            old: HashMap::new(),
            new: Mutex::default(),
            kept: std::sync::atomic::AtomicUsize::new(0),
            fast_kept: std::sync::atomic::AtomicUsize::new(0),
        };
        let vars: Vec<(String, Value)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        store_less.key(
            "a/index.html",
            "page.html",
            vars.iter().map(|(k, v)| (k, v)),
        )
    }

    fn map(json: serde_json::Value) -> Value {
        Value::from_serializable(&json)
    }

    #[test]
    fn keys_follow_every_part_of_a_context() {
        let base = key_of(&[("a", map(serde_json::json!({"x": 1, "y": ["s", true]})))]);
        assert_eq!(
            base,
            key_of(&[("a", map(serde_json::json!({"y": ["s", true], "x": 1})))]),
            "map order does not matter"
        );
        for other in [
            serde_json::json!({"x": 2, "y": ["s", true]}),
            serde_json::json!({"x": 1, "y": ["s", false]}),
            serde_json::json!({"x": 1, "y": ["t", true]}),
            serde_json::json!({"x": 1, "y": [true, "s"]}),
            serde_json::json!({"x": 1, "z": ["s", true]}),
            serde_json::json!({"x": "1", "y": ["s", true]}),
            serde_json::json!({"x": 1, "y": ["s", true], "w": null}),
        ] {
            assert_ne!(base, key_of(&[("a", map(other.clone()))]), "{other}");
        }
        assert_ne!(
            base,
            key_of(&[("b", map(serde_json::json!({"x": 1, "y": ["s", true]})))])
        );
    }

    #[test]
    fn a_safe_string_is_not_an_escaped_one() {
        assert_ne!(
            key_of(&[("a", Value::safe_string("<b>"))]),
            key_of(&[("a", Value::normal_string("<b>"))])
        );
    }

    #[test]
    fn entries_round_trip_through_the_store_and_only_the_current_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let cache = PageCache::open(&store, "pages-en".into(), 1).unwrap();
        assert!(cache.is_first(), "nothing recorded yet");
        assert_eq!(cache.output("a.html", 5), None);
        // A page a first build recorded without a key: no key matches it.
        cache.record(
            "unkeyed.html".into(),
            Known {
                key: 0,
                fast: 9,
                output: crate::cache::hash(b"U"),
            },
        );
        let known = Known {
            key: 5,
            fast: 7,
            output: crate::cache::hash(b"A"),
        };
        cache.record("a.html".into(), known);
        cache.save(&store).unwrap();
        let cache = PageCache::open(&store, "pages-en".into(), 1).unwrap();
        assert!(!cache.is_first());
        assert_eq!(cache.output("unkeyed.html", 0), None, "0 is no key");
        assert!(cache.known_fast("unkeyed.html", 9).is_some());
        assert_eq!(cache.output("a.html", 5), Some(crate::cache::hash(b"A")));
        assert_eq!(cache.output("a.html", 6), None, "another key");
        assert_eq!(cache.known_fast("a.html", 7), Some(known));
        assert_eq!(cache.known_fast("a.html", 8), None, "another fast key");
        assert_eq!(cache.known_fast("b.html", 7), None, "another page");
        cache.save(&store).unwrap();
        let cache = PageCache::open(&store, "pages-en".into(), 1).unwrap();
        assert_eq!(cache.output("a.html", 5), None, "not rendered last time");
        assert!(PageCache::open(&Store::none(), "pages-en".into(), 1).is_none());
    }
}
