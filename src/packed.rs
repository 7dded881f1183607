//! Text kept compressed in memory. A briefing's rendered body is read twice in a
//! build (for the search index and for its page) but held from load to the end;
//! LZ4 keeps it at about a third of its size (the largest part of a big site's
//! model), at a small cost in time.

use std::sync::Arc;

/// UTF-8 text, LZ4-compressed; cloning shares the bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct Packed(Arc<[u8]>);

impl Packed {
    pub fn new(text: &str) -> Packed {
        Packed(Arc::from(lz4_flex::compress_prepend_size(text.as_bytes())))
    }

    /// The text, decompressed.
    pub fn unpack(&self) -> String {
        // Only `new` makes the bytes: they always decompress to UTF-8.
        let bytes = lz4_flex::decompress_size_prepended(&self.0).unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }

    /// A hash of the text (of its compressed bytes, which only the text decides).
    pub fn content_hash(&self) -> u128 {
        crate::cache::hash(&self.0)
    }

    /// The compressed size in bytes.
    pub fn packed_len(&self) -> usize {
        self.0.len()
    }
}

impl Default for Packed {
    fn default() -> Self {
        Packed::new("")
    }
}

/// The compressed bytes as they are (the build cache keeps them so).
impl serde::Serialize for Packed {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
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
                Ok(Packed(Arc::from(v)))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Packed, A::Error> {
                let mut bytes = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(b) = seq.next_element::<u8>()? {
                    bytes.push(b);
                }
                Ok(Packed(Arc::from(bytes)))
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
        }
        let long = "<p>Talks resumed in Geneva.</p>\n".repeat(200);
        assert!(
            Packed::new(&long).packed_len() < long.len() / 4,
            "repeated text shrinks"
        );
    }
}
