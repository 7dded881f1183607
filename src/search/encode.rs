//! The compact binary encodings of the index: varints, sets of record numbers in
//! blocks (a list of gaps, a bitmap or runs, whichever is smallest), and 4-bit
//! weights. `pagefind.js` decodes the same layout; the decoders here exist for the
//! tests and the size measurements.

/// Record numbers per block: a bitmap block is 512 bytes.
pub const BLOCK_BITS: u32 = 12;
const BLOCK: u32 = 1 << BLOCK_BITS;

const KIND_LIST: u8 = 0;
const KIND_BITMAP: u8 = 1;
const KIND_RUNS: u8 = 2;

/// Appends `n` as a LEB128 varint (7 bits a byte, high bit = more follows).
pub fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Reads a varint at `*pos`, advancing it; `None` on truncated or overlong input.
pub fn get_varint(bytes: &[u8], pos: &mut usize) -> Option<u64> {
    let mut n = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        n |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(n);
        }
    }
    None
}

/// Appends a length-prefixed UTF-8 string.
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Appends the set of record numbers `ids` (strictly increasing): the number of
/// non-empty blocks, then per block its index gap, a kind byte and its payload.
pub fn put_id_set(out: &mut Vec<u8>, ids: &[u32]) {
    debug_assert!(ids.windows(2).all(|w| w[0] < w[1]), "ids must increase");
    let blocks: Vec<&[u32]> = ids
        .chunk_by(|a, b| a >> BLOCK_BITS == b >> BLOCK_BITS)
        .collect();
    put_varint(out, blocks.len() as u64);
    let mut next_block = 0u32;
    for block in blocks {
        let index = block[0] >> BLOCK_BITS;
        put_varint(out, u64::from(index - next_block));
        next_block = index + 1;
        let offsets: Vec<u32> = block.iter().map(|id| id & (BLOCK - 1)).collect();
        put_block(out, &offsets);
    }
}

/// One block, in the smallest of the three encodings.
fn put_block(out: &mut Vec<u8>, offsets: &[u32]) {
    let list = encode_list(offsets);
    let runs = encode_runs(offsets);
    let bitmap_len = (BLOCK / 8) as usize;
    if list.len() <= runs.len() && list.len() <= bitmap_len {
        out.push(KIND_LIST);
        out.extend_from_slice(&list);
    } else if runs.len() <= bitmap_len {
        out.push(KIND_RUNS);
        out.extend_from_slice(&runs);
    } else {
        out.push(KIND_BITMAP);
        let mut bits = vec![0u8; bitmap_len];
        for &o in offsets {
            bits[(o / 8) as usize] |= 1 << (o % 8);
        }
        out.extend_from_slice(&bits);
    }
}

/// Count − 1, then the first offset and each following gap − 1.
fn encode_list(offsets: &[u32]) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, (offsets.len() - 1) as u64);
    let mut prev: Option<u32> = None;
    for &o in offsets {
        put_varint(&mut out, u64::from(prev.map_or(o, |p| o - p - 1)));
        prev = Some(o);
    }
    out
}

/// Runs − 1, then per run the gap from the previous run's end and its length − 1.
fn encode_runs(offsets: &[u32]) -> Vec<u8> {
    let runs: Vec<&[u32]> = offsets.chunk_by(|a, b| a + 1 == *b).collect();
    let mut out = Vec::new();
    put_varint(&mut out, (runs.len() - 1) as u64);
    let mut next = 0u32;
    for run in runs {
        put_varint(&mut out, u64::from(run[0] - next));
        put_varint(&mut out, (run.len() - 1) as u64);
        next = run[run.len() - 1] + 2;
    }
    out
}

/// Decodes a set written by [`put_id_set`] at `*pos`, advancing it.
#[cfg(test)]
pub fn get_id_set(bytes: &[u8], pos: &mut usize) -> Option<Vec<u32>> {
    let blocks = get_varint(bytes, pos)?;
    let mut ids = Vec::new();
    let mut next_block = 0u64;
    for _ in 0..blocks {
        let index = next_block + get_varint(bytes, pos)?;
        next_block = index + 1;
        let base = u32::try_from(index << BLOCK_BITS).ok()?;
        let kind = *bytes.get(*pos)?;
        *pos += 1;
        match kind {
            KIND_LIST => {
                let count = get_varint(bytes, pos)? + 1;
                let mut at = 0u64;
                for i in 0..count {
                    let gap = get_varint(bytes, pos)?;
                    at = if i == 0 { gap } else { at + gap + 1 };
                    ids.push(base + u32::try_from(at).ok()?);
                }
            }
            KIND_RUNS => {
                let runs = get_varint(bytes, pos)? + 1;
                let mut next = 0u64;
                for _ in 0..runs {
                    let start = next + get_varint(bytes, pos)?;
                    let len = get_varint(bytes, pos)? + 1;
                    for o in start..start + len {
                        ids.push(base + u32::try_from(o).ok()?);
                    }
                    next = start + len + 1;
                }
            }
            KIND_BITMAP => {
                let bits = bytes.get(*pos..*pos + (BLOCK / 8) as usize)?;
                *pos += bits.len();
                for (i, byte) in bits.iter().enumerate() {
                    for bit in 0..8 {
                        if byte & (1 << bit) != 0 {
                            ids.push(base + (i as u32) * 8 + bit);
                        }
                    }
                }
            }
            _ => return None,
        }
    }
    Some(ids)
}

/// Packs weights 1..=15 two to a byte, the first in the low nibble.
pub fn put_nibbles(out: &mut Vec<u8>, weights: &[u8]) {
    for pair in weights.chunks(2) {
        let hi = pair.get(1).copied().unwrap_or(0);
        out.push((pair[0] & 0x0f) | (hi << 4));
    }
}

/// Reads `count` nibbles packed by [`put_nibbles`].
#[cfg(test)]
pub fn get_nibbles(bytes: &[u8], pos: &mut usize, count: usize) -> Option<Vec<u8>> {
    let packed = bytes.get(*pos..*pos + count.div_ceil(2))?;
    *pos += packed.len();
    let all = packed.iter().flat_map(|b| [b & 0x0f, b >> 4]);
    Some(all.take(count).collect())
}

/// FNV-1a, 64 bits: a stable content hash for file names (not for security).
pub fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The FNV-1a starting value.
pub const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(ids: &[u32]) -> Vec<u8> {
        let mut out = Vec::new();
        put_id_set(&mut out, ids);
        let mut pos = 0;
        assert_eq!(get_id_set(&out, &mut pos).as_deref(), Some(ids));
        assert_eq!(pos, out.len(), "decoder read every byte");
        out
    }

    #[test]
    fn varints_round_trip_at_their_edges() {
        for n in [
            0u64,
            1,
            127,
            128,
            300,
            16_383,
            16_384,
            u64::from(u32::MAX),
            u64::MAX,
        ] {
            let mut out = Vec::new();
            put_varint(&mut out, n);
            let mut pos = 0;
            assert_eq!(get_varint(&out, &mut pos), Some(n));
            assert_eq!(pos, out.len());
        }
        let mut out = Vec::new();
        put_varint(&mut out, 300);
        assert_eq!(out, [0xac, 0x02]);
    }

    #[test]
    fn truncated_input_is_none_not_a_panic() {
        assert_eq!(get_varint(&[0x80], &mut 0), None);
        assert_eq!(get_id_set(&[1, 0, 1], &mut 0), None);
        assert_eq!(
            get_id_set(&[1, 0, 9, 0], &mut 0),
            None,
            "unknown block kind"
        );
        assert_eq!(get_nibbles(&[0x21], &mut 0, 3), None);
    }

    #[test]
    fn sparse_sets_use_gap_lists() {
        let out = round_trip(&[3, 10, 5000, 70_000]);
        // 3 blocks; block 0 holds 3 and 10 (gap 6); 5000 is in block 1; 70000 in block 17.
        assert_eq!(
            out,
            [
                3, 0, KIND_LIST, 1, 3, 6, 0, KIND_LIST, 0, 0x88, 0x07, 15, KIND_LIST, 0, 0xf0, 0x02
            ]
        );
    }

    #[test]
    fn dense_sets_use_bitmaps_and_ranges_use_runs() {
        let dense: Vec<u32> = (0..4096).filter(|i| i % 3 != 0).collect();
        let out = round_trip(&dense);
        assert_eq!(out[2], KIND_BITMAP);
        assert_eq!(out.len(), 3 + 512);
        let ranges: Vec<u32> = (100..2000).chain(3000..4000).collect();
        let out = round_trip(&ranges);
        assert_eq!(
            out,
            [1, 0, KIND_RUNS, 1, 100, 0xeb, 0x0e, 0xe7, 0x07, 0xe7, 0x07]
        );
        round_trip(&[]);
        round_trip(&[0, 4095, 4096, 8191, 8192]);
    }

    #[test]
    fn nibbles_pack_two_to_a_byte() {
        let mut out = Vec::new();
        put_nibbles(&mut out, &[1, 15, 7]);
        assert_eq!(out, [0xf1, 0x07]);
        assert_eq!(get_nibbles(&out, &mut 0, 3), Some(vec![1, 15, 7]));
    }

    #[test]
    fn fnv_is_the_published_function() {
        assert_eq!(fnv1a(FNV_START, b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(FNV_START, b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
