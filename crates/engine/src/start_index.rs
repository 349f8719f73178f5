//! A component's instances by scheduled start: a sorted list (instances are
//! mostly created in time order, so an insert appends and a lookup of the
//! newest interval is one comparison). Starts are kept as 4-byte stamps
//! (`stamp`: 8 bytes an entry instead of 16) until one comes that a stamp
//! cannot hold; the list then keeps whole times. Serialized as the map it
//! stands for.

use crate::ix::InstanceIx;
use crate::stamp::{Read, Stamp};
use chrono::NaiveDateTime;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// Scheduled start → instance, in time order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartIndex {
    /// Every start as a stamp (a stamp's order is its time's).
    Narrow(Vec<(u32, InstanceIx)>),
    Wide(Vec<(NaiveDateTime, InstanceIx)>),
}

impl Default for StartIndex {
    fn default() -> Self {
        StartIndex::Narrow(Vec::new())
    }
}

/// The position of `t` in `v` (sorted by key), or where it would go.
fn find<K: Ord>(v: &[(K, InstanceIx)], t: &K) -> Result<usize, usize> {
    match v.last() {
        Some((last, _)) if last < t => Err(v.len()),
        Some((last, _)) if last == t => Ok(v.len() - 1),
        _ => v.binary_search_by(|(s, _)| s.cmp(t)),
    }
}

fn insert<K: Ord>(v: &mut Vec<(K, InstanceIx)>, t: K, i: InstanceIx) -> Option<InstanceIx> {
    match find(v, &t) {
        Ok(n) => Some(std::mem::replace(&mut v[n].1, i)),
        Err(n) if n == v.len() => {
            crate::chunked::grow_gently(v);
            v.push((t, i));
            None
        }
        Err(n) => {
            crate::chunked::grow_gently(v);
            v.insert(n, (t, i));
            None
        }
    }
}

/// `t` as a narrow key, if a stamp holds it.
fn narrow(t: &NaiveDateTime) -> Option<u32> {
    Stamp::pack(Some(*t)).ok().map(Stamp::bits)
}

fn wide(key: u32) -> NaiveDateTime {
    match Stamp::from_bits(key).read() {
        Read::Time(Some(t)) => t,
        // Narrow keys are times a stamp holds.
        _ => NaiveDateTime::default(),
    }
}

impl StartIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// The instance that starts at `t`.
    pub fn get(&self, t: &NaiveDateTime) -> Option<&InstanceIx> {
        match self {
            StartIndex::Narrow(v) => {
                let k = narrow(t)?;
                find(v, &k).ok().map(|n| &v[n].1)
            }
            StartIndex::Wide(v) => find(v, t).ok().map(|n| &v[n].1),
        }
    }

    pub fn contains_key(&self, t: &NaiveDateTime) -> bool {
        self.get(t).is_some()
    }

    /// Set the instance starting at `t`; returns the one it replaces.
    pub fn insert(&mut self, t: NaiveDateTime, i: InstanceIx) -> Option<InstanceIx> {
        if let StartIndex::Narrow(v) = self {
            match narrow(&t) {
                Some(k) => return insert(v, k, i),
                None => {
                    let all = v.iter().map(|&(k, i)| (wide(k), i)).collect();
                    *self = StartIndex::Wide(all);
                }
            }
        }
        match self {
            StartIndex::Wide(v) => insert(v, t, i),
            StartIndex::Narrow(_) => None,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            StartIndex::Narrow(v) => v.len(),
            StartIndex::Wide(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// (start, instance) pairs in time order.
    pub fn iter(&self) -> Box<dyn DoubleEndedIterator<Item = (NaiveDateTime, InstanceIx)> + '_> {
        match self {
            StartIndex::Narrow(v) => Box::new(v.iter().map(|&(k, i)| (wide(k), i))),
            StartIndex::Wide(v) => Box::new(v.iter().copied()),
        }
    }
}

impl Serialize for StartIndex {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for StartIndex {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let m = BTreeMap::<NaiveDateTime, InstanceIx>::deserialize(d)?;
        let mut ix = StartIndex::new();
        for (t, i) in m {
            ix.insert(t, i);
        }
        Ok(ix)
    }
}

#[cfg(test)]
mod tests {
    use super::StartIndex;
    use crate::ix::InstanceIx;
    use model::time::parse_datetime;

    #[test]
    fn behaves_as_a_sorted_map() {
        let t = |s: &str| parse_datetime(s).unwrap();
        let mut ix = StartIndex::new();
        assert_eq!(ix.insert(t("2024-01-02T00:00:00"), InstanceIx(1)), None);
        assert_eq!(ix.insert(t("2024-01-03T00:00:00"), InstanceIx(2)), None);
        assert_eq!(ix.insert(t("2024-01-01T00:00:00"), InstanceIx(0)), None);
        assert_eq!(
            ix.insert(t("2024-01-02T00:00:00"), InstanceIx(5)),
            Some(InstanceIx(1))
        );
        assert_eq!(ix.get(&t("2024-01-02T00:00:00")), Some(&InstanceIx(5)));
        assert_eq!(ix.get(&t("2024-01-03T00:00:00")), Some(&InstanceIx(2)));
        assert!(!ix.contains_key(&t("2024-01-04T00:00:00")));
        let order: Vec<u32> = ix.iter().map(|(_, i)| i.get()).collect();
        assert_eq!(order, [0, 5, 2]);
        let json = serde_json::to_string(&ix).unwrap();
        assert_eq!(serde_json::from_str::<StartIndex>(&json).unwrap(), ix);
        assert!(matches!(ix, StartIndex::Narrow(_)));
    }

    #[test]
    fn a_start_four_bytes_cannot_hold_widens_the_index() {
        let t = |s: &str| parse_datetime(s).unwrap();
        let mut ix = StartIndex::new();
        ix.insert(t("2024-01-02T00:00:00"), InstanceIx(1));
        assert_eq!(ix.get(&t("1960-01-01T00:00:00")), None);
        ix.insert(t("1960-01-01T00:00:00"), InstanceIx(0));
        assert!(matches!(ix, StartIndex::Wide(_)));
        assert_eq!(ix.get(&t("1960-01-01T00:00:00")), Some(&InstanceIx(0)));
        assert_eq!(ix.get(&t("2024-01-02T00:00:00")), Some(&InstanceIx(1)));
        let order: Vec<u32> = ix.iter().map(|(_, i)| i.get()).collect();
        assert_eq!(order, [0, 1]);
    }
}
