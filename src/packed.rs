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
