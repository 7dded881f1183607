//! Filter files: for each filter name, each value and the records that carry it.
//! Loaded by the client only when a search uses filters.

use std::collections::BTreeMap;

use super::encode::{put_id_set, put_str, put_varint};

/// Filter name → value → record numbers (increasing).
pub type FilterSets = BTreeMap<String, BTreeMap<String, Vec<u32>>>;

/// Gathers the sets from each record's filters (records in index order,
/// numbered from 0).
pub fn collect<'a>(records: impl Iterator<Item = &'a BTreeMap<String, Vec<String>>>) -> FilterSets {
    let mut sets = FilterSets::new();
    for (n, filters) in (0usize..).zip(records) {
        for (name, values) in filters {
            let by_value = sets.entry(name.clone()).or_default();
            for value in values {
                let ids = by_value.entry(value.clone()).or_default();
                if ids.last() != Some(&(n as u32)) {
                    ids.push(n as u32);
                }
            }
        }
    }
    sets
}

/// Adds `more`'s sets (of other records than those in `sets`, numbered from
/// `first`) to `sets`; the record numbers are in order again after [`sort`].
pub fn append(sets: &mut FilterSets, more: FilterSets, first: usize) {
    for (name, values) in more {
        let by_value = sets.entry(name).or_default();
        for (value, ids) in values {
            let to = by_value.entry(value).or_default();
            to.extend(ids.into_iter().map(|id| id + first as u32));
        }
    }
}

/// Puts each value's record numbers in increasing order.
pub fn sort(sets: &mut FilterSets) {
    for ids in sets.values_mut().flat_map(BTreeMap::values_mut) {
        ids.sort_unstable();
    }
}

/// One filter name's file: the number of values, then each value and its set.
pub fn encode(by_value: &BTreeMap<String, Vec<u32>>) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, by_value.len() as u64);
    for (value, ids) in by_value {
        put_str(&mut out, value);
        put_id_set(&mut out, ids);
    }
    out
}

/// Name → value → count: what `filters()` returns with no search.
pub fn counts(sets: &FilterSets) -> BTreeMap<&str, BTreeMap<&str, usize>> {
    sets.iter()
        .map(|(name, values)| {
            let counts = values
                .iter()
                .map(|(v, ids)| (v.as_str(), ids.len()))
                .collect();
            (name.as_str(), counts)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::encode::{get_id_set, get_varint};

    fn filters(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        pairs
            .iter()
            .map(|(k, vs)| (k.to_string(), vs.iter().map(|v| v.to_string()).collect()))
            .collect()
    }

    #[test]
    fn values_list_their_records_once_each() {
        let records = [
            filters(&[("actor", &["a", "b"]), ("year", &["2020"])]),
            filters(&[("actor", &["b", "b"])]),
            filters(&[]),
            filters(&[("actor", &["a"]), ("year", &["2021"])]),
        ];
        let sets = collect(records.iter());
        assert_eq!(sets["actor"]["a"], [0, 3]);
        assert_eq!(sets["actor"]["b"], [0, 1], "a repeated value counts once");
        let counts = counts(&sets);
        assert_eq!(counts["year"], BTreeMap::from([("2020", 1), ("2021", 1)]));

        let bytes = encode(&sets["actor"]);
        let pos = &mut 0;
        assert_eq!(get_varint(&bytes, pos), Some(2));
        assert_eq!(get_varint(&bytes, pos), Some(1));
        assert_eq!(bytes[*pos], b'a');
        *pos += 1;
        assert_eq!(get_id_set(&bytes, pos), Some(vec![0, 3]));
    }
}
