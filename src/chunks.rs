//! Cutting a list of items into chunks that a cache can key: the search
//! index's records and the statement data files' statements.
//!
//! Fixed-size chunks shift when an item is added or removed, so every chunk
//! after it changes. Cut where the items' *marks* say instead (a number made
//! from what an item is, not where it is), a chunk ends after an item whose
//! mark says so: where an item comes or goes, the ends after it fall where
//! they fell, and only the chunk around it changes.

use std::ops::Range;

/// The chunks of `n` items, about `size` each. `mark(i)` is item `i`'s mark;
/// without marks (`mark(0)` is `None`) every chunk holds `size` items but the
/// last. With them, a chunk holds at least a quarter of `size`, ends after an
/// item whose mark is a multiple of three quarters of `size`, and holds at
/// most twice `size`: about `size` on average.
pub(crate) fn cut(n: usize, size: usize, mark: impl Fn(usize) -> Option<u64>) -> Vec<Range<usize>> {
    let size = size.max(1);
    if n == 0 || mark(0).is_none() {
        return (0..n)
            .step_by(size)
            .map(|start| start..(start + size).min(n))
            .collect();
    }
    let (least, most) = (least(size), 2 * size);
    let every = (size - least).max(1) as u64;
    let mut chunks = Vec::new();
    let mut start = 0;
    for i in 0..n {
        let len = i + 1 - start;
        let marked = mark(i).is_some_and(|m| m % every == 0);
        if len >= most || (len >= least && marked) {
            chunks.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < n {
        chunks.push(start..n);
    }
    chunks
}

/// The fewest items a chunk cut by marks holds (but the last).
pub(crate) const fn least(size: usize) -> usize {
    if size >= 4 { size / 4 } else { 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A mark made from the item's value, as a cache's would be.
    fn marks(items: &[u64]) -> impl Fn(usize) -> Option<u64> + '_ {
        |i| {
            items
                .get(i)
                .map(|v| v.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 7)
        }
    }

    #[test]
    fn without_marks_chunks_are_of_one_size() {
        assert_eq!(cut(0, 4, |_| None), Vec::<Range<usize>>::new());
        assert_eq!(cut(10, 4, |_| None), vec![0..4, 4..8, 8..10]);
    }

    #[test]
    fn chunks_cover_every_item_once_within_their_bounds() {
        let items: Vec<u64> = (0..5000).collect();
        let chunks = cut(items.len(), 256, marks(&items));
        assert_eq!(chunks.first().map(|c| c.start), Some(0));
        assert_eq!(chunks.last().map(|c| c.end), Some(5000));
        for pair in chunks.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
        for c in &chunks[..chunks.len() - 1] {
            assert!((64..=512).contains(&c.len()), "{c:?}");
        }
    }

    #[test]
    fn an_item_added_changes_only_the_chunks_about_it() {
        let before: Vec<u64> = (0..5000).collect();
        let mut after = before.clone();
        after.insert(2500, 1_000_000);
        let of = |items: &[u64]| -> Vec<Vec<u64>> {
            (cut(items.len(), 256, marks(items)).into_iter())
                .map(|c| items[c].to_vec())
                .collect()
        };
        let (old, new) = (of(&before), of(&after));
        let changed = new.iter().filter(|c| !old.contains(c)).count();
        assert!((1..=2).contains(&changed), "{changed} chunks changed");
        assert!(new.len() > 10);
    }
}
