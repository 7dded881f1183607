//! Text kept compressed. A briefing's rendered body is read twice in a build (for
//! the search index and for its page) but held from load to the end; LZ4 keeps it
//! at about a third of its size (the largest part of a big site's model), at a
//! small cost in time. A one-off build moves the compressed bytes out of memory
//! into a [`Spill`] file ([`Packed::spill`]); `serve` keeps them in memory.

use std::borrow::Cow;
use std::sync::Arc;

use crate::spill::Spill;

/// UTF-8 text, LZ4-compressed; cloning shares the bytes.
#[derive(Clone)]
pub struct Packed(Repr);

#[derive(Clone)]
enum Repr {
    Held(Arc<[u8]>),
    /// In `file` at `at`, `len` bytes long, whose hash is `hash`.
    Spilled {
        file: Arc<Spill>,
        at: u64,
        len: u32,
        hash: u128,
    },
}

impl Packed {
    pub fn new(text: &str) -> Packed {
        Packed(Repr::Held(Arc::from(lz4_flex::compress_prepend_size(
            text.as_bytes(),
        ))))
    }

    /// Moves the compressed bytes into `file`, unless they are there already or
    /// cannot be written (they stay in memory then).
    pub fn spill(&mut self, file: &Arc<Spill>) {
        let Repr::Held(bytes) = &self.0 else {
            return;
        };
        if u32::try_from(bytes.len()).is_err() {
            return;
        }
        if let Some(at) = file.put(bytes) {
            self.written_at(file, at);
        }
    }

    /// [`Packed::spill`] for many, with one write per batch of them: one
    /// positioned write each, from every thread at once, would queue on the
    /// file's lock (10,000 bodies read back from the build cache).
    pub fn spill_all(all: &mut [&mut Packed], file: &Arc<Spill>) {
        use rayon::prelude::*;
        all.par_chunks_mut(256).for_each(|batch| {
            let mut bytes = Vec::new();
            for p in batch.iter() {
                if let Repr::Held(held) = &p.0 {
                    bytes.extend_from_slice(held);
                }
            }
            let Some(mut at) = file.put(&bytes) else {
                return;
            };
            for p in batch.iter_mut() {
                let len = p.held_len() as u64;
                p.written_at(file, at);
                at += len;
            }
        });
    }

    /// Lets go of the bytes held, which were written to `file` at `at` (unless
    /// they are too long to be read back as one: they stay held then).
    fn written_at(&mut self, file: &Arc<Spill>, at: u64) {
        let Repr::Held(bytes) = &self.0 else {
            return;
        };
        let Ok(len) = u32::try_from(bytes.len()) else {
            return;
        };
        let hash = crate::cache::hash(bytes);
        self.0 = Repr::Spilled {
            file: Arc::clone(file),
            at,
            len,
            hash,
        };
    }

    /// The compressed bytes.
    fn bytes(&self) -> Cow<'_, [u8]> {
        match &self.0 {
            Repr::Held(bytes) => Cow::Borrowed(bytes),
            Repr::Spilled { file, at, len, .. } => Cow::Owned(file.get(*at, *len as usize)),
        }
    }

    /// The text, decompressed.
    pub fn unpack(&self) -> String {
        // Only `new` makes the bytes: they always decompress to UTF-8 (bytes that
        // could not be read back are empty, and the build stops on them).
        let bytes = lz4_flex::decompress_size_prepended(&self.bytes()).unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }

    /// A hash of the text (of its compressed bytes, which only the text decides).
    pub fn content_hash(&self) -> u128 {
        match &self.0 {
            Repr::Held(bytes) => crate::cache::hash(bytes),
            Repr::Spilled { hash, .. } => *hash,
        }
    }

    /// The compressed size in bytes.
    pub fn packed_len(&self) -> usize {
        match &self.0 {
            Repr::Held(bytes) => bytes.len(),
            Repr::Spilled { len, .. } => *len as usize,
        }
    }

    /// The bytes it holds in memory: none once spilled.
    pub fn held_len(&self) -> usize {
        match &self.0 {
            Repr::Held(bytes) => bytes.len(),
            Repr::Spilled { .. } => 0,
        }
    }
}

impl PartialEq for Packed {
    fn eq(&self, other: &Packed) -> bool {
        self.content_hash() == other.content_hash() && self.bytes() == other.bytes()
    }
}

impl Eq for Packed {}

impl Default for Packed {
    fn default() -> Self {
        Packed::new("")
    }
}

/// The compressed bytes as they are (the build cache keeps them so).
impl serde::Serialize for Packed {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.bytes())
    }
}

impl<'de> serde::Deserialize<'de> for Packed {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Packed;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("LZ4-compressed text")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Packed, E> {
                Ok(Packed(Repr::Held(Arc::from(v))))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Packed, A::Error> {
                let mut bytes = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(b) = seq.next_element::<u8>()? {
                    bytes.push(b);
                }
                Ok(Packed(Repr::Held(Arc::from(bytes))))
            }
        }
        d.deserialize_bytes(Visitor)
    }
}

impl std::fmt::Debug for Packed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Packed").field(&self.unpack()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_comes_back_as_it_went_in() {
        for text in [
            "",
            "<p>Talks resumed.</p>",
            &"<p>Ереван — يريفان</p>\n".repeat(500),
        ] {
            assert_eq!(Packed::new(text).unpack(), text);
            let mut spilled = Packed::new(text);
            spilled.spill(&Arc::new(Spill::create().expect("a temporary file")));
            assert_eq!(spilled.held_len(), 0);
            assert_eq!(spilled.unpack(), text);
            assert_eq!(spilled, Packed::new(text));
            assert_eq!(spilled.content_hash(), Packed::new(text).content_hash());
        }
        let long = "<p>Talks resumed in Geneva.</p>\n".repeat(200);
        assert!(
            Packed::new(&long).packed_len() < long.len() / 4,
            "repeated text shrinks"
        );
    }

    #[test]
    fn many_spilled_at_once_come_back_each_as_it_went_in() {
        let texts: Vec<String> = (0..700)
            .map(|i| format!("<p>Statement {i}: {}</p>", "ceasefire ".repeat(i % 37)))
            .collect();
        let mut packed: Vec<Packed> = texts.iter().map(|t| Packed::new(t)).collect();
        packed[5].spill(&Arc::new(Spill::create().expect("a temporary file")));
        let file = Arc::new(Spill::create().expect("a temporary file"));
        Packed::spill_all(&mut packed.iter_mut().collect::<Vec<_>>(), &file);
        for (p, text) in packed.iter().zip(&texts) {
            assert_eq!(p.held_len(), 0);
            assert_eq!(&p.unpack(), text);
            assert_eq!(p.content_hash(), Packed::new(text).content_hash());
        }
    }
}
