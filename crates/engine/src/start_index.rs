//! A component's instances by scheduled start: a sorted list (instances are
//! mostly created in time order, so an insert appends and a lookup of the
//! newest interval is one comparison). Serialized as the map it stands for.

use crate::ix::InstanceIx;
use chrono::NaiveDateTime;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// Scheduled start → instance, in time order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StartIndex(Vec<(NaiveDateTime, InstanceIx)>);

impl StartIndex {
    pub fn new() -> Self {
        StartIndex(Vec::new())
    }

    fn find(&self, t: &NaiveDateTime) -> Result<usize, usize> {
        match self.0.last() {
            Some((last, _)) if last < t => Err(self.0.len()),
            Some((last, _)) if last == t => Ok(self.0.len() - 1),
            _ => self.0.binary_search_by(|(s, _)| s.cmp(t)),
        }
    }

    /// The instance that starts at `t`.
    pub fn get(&self, t: &NaiveDateTime) -> Option<&InstanceIx> {
        self.find(t).ok().map(|n| &self.0[n].1)
    }

    pub fn contains_key(&self, t: &NaiveDateTime) -> bool {
        self.find(t).is_ok()
    }

    /// Set the instance starting at `t`; returns the one it replaces.
    pub fn insert(&mut self, t: NaiveDateTime, i: InstanceIx) -> Option<InstanceIx> {
        match self.find(&t) {
            Ok(n) => Some(std::mem::replace(&mut self.0[n].1, i)),
            Err(n) if n == self.0.len() => {
                self.0.push((t, i));
                None
            }
            Err(n) => {
                self.0.insert(n, (t, i));
                None
            }
        }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// (start, instance) pairs in time order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&NaiveDateTime, &InstanceIx)> {
        self.0.iter().map(|(t, i)| (t, i))
    }
}

impl Serialize for StartIndex {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for StartIndex {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        BTreeMap::<NaiveDateTime, InstanceIx>::deserialize(d)
            .map(|m| StartIndex(m.into_iter().collect()))
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
        let order: Vec<u32> = ix.iter().map(|(_, &i)| i.get()).collect();
        assert_eq!(order, [0, 5, 2]);
        let json = serde_json::to_string(&ix).unwrap();
        assert_eq!(serde_json::from_str::<StartIndex>(&json).unwrap(), ix);
    }
}
