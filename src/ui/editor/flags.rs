//! One boolean signal per key ("is this node selected", "is this edge being
//! dragged"), set from a set of keys. A change notifies only the keys whose
//! flag flipped. Reading one shared set from every node instead would re-run
//! every node's subscription on each change, which in a 1000-object document
//! costs the reactive graph O(n²) (each re-run leaves and re-joins a
//! subscriber list of n).

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use leptos::prelude::*;

pub trait FlagKey: Clone + Eq + Hash + Send + Sync + 'static {}
impl<T: Clone + Eq + Hash + Send + Sync + 'static> FlagKey for T {}

pub struct Flags<K: FlagKey> {
    map: StoredValue<HashMap<K, RwSignal<bool>>>,
    on: StoredValue<HashSet<K>>,
    owner: StoredValue<Owner>,
}

impl<K: FlagKey> Clone for Flags<K> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<K: FlagKey> Copy for Flags<K> {}

impl<K: FlagKey> Flags<K> {
    pub fn new() -> Self {
        Flags {
            map: StoredValue::new(HashMap::new()),
            on: StoredValue::new(HashSet::new()),
            owner: StoredValue::new(Owner::new()),
        }
    }

    /// The flag of `key` (created on first use; it outlives the views that read it).
    pub fn get(&self, key: &K) -> RwSignal<bool> {
        if let Some(s) = self.map.with_value(|m| m.get(key).copied()) {
            return s;
        }
        let on = self.on.with_value(|o| o.contains(key));
        let s = self.owner.with_value(|o| o.with(|| RwSignal::new(on)));
        self.map.update_value(|m| {
            m.insert(key.clone(), s);
        });
        s
    }

    /// Turn on exactly the flags in `keys`, flipping only those that change.
    pub fn set_on(&self, keys: HashSet<K>) {
        let old = self.on.try_update_value(std::mem::take).unwrap_or_default();
        for k in old.difference(&keys) {
            if let Some(s) = self.map.with_value(|m| m.get(k).copied()) {
                s.set(false);
            }
        }
        for k in keys.difference(&old) {
            if let Some(s) = self.map.with_value(|m| m.get(k).copied()) {
                s.set(true);
            }
        }
        self.on.set_value(keys);
    }
}

/// One value signal per object id (a node's type and name, its worst
/// problem), for the same reason as [`Flags`]: a node reads its own
/// signal, and one pass over the document after each change sets only
/// the signals whose value changed. A node reading the whole document
/// instead would re-run all 1,000 nodes' subscriptions on every edit.
pub struct Values<V: Clone + PartialEq + Send + Sync + 'static> {
    map: StoredValue<HashMap<String, RwSignal<V>>>,
    owner: StoredValue<Owner>,
}

impl<V: Clone + PartialEq + Send + Sync + 'static> Clone for Values<V> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<V: Clone + PartialEq + Send + Sync + 'static> Copy for Values<V> {}

impl<V: Clone + PartialEq + Send + Sync + 'static> Values<V> {
    pub fn new() -> Self {
        Values {
            map: StoredValue::new(HashMap::new()),
            owner: StoredValue::new(Owner::new()),
        }
    }

    /// The signal of `key`, holding `now` (created on first use; it
    /// outlives the views that read it).
    pub fn get(&self, key: &str, now: V) -> RwSignal<V> {
        if let Some(s) = self.map.with_value(|m| m.get(key).copied()) {
            if s.with_untracked(|v| *v != now) {
                s.set(now);
            }
            return s;
        }
        let s = self.owner.with_value(|o| o.with(|| RwSignal::new(now)));
        self.map.update_value(|m| {
            m.insert(key.to_string(), s);
        });
        s
    }

    /// Give each key's signal the value `value_of(key)`, notifying only
    /// those that change. `same(key, value)` says whether it is unchanged
    /// (compare without building the new value).
    pub fn sync(&self, same: impl Fn(&str, &V) -> bool, value_of: impl Fn(&str) -> V) {
        self.map.with_value(|m| {
            for (k, s) in m {
                if !s.with_untracked(|v| same(k, v)) {
                    s.set(value_of(k));
                }
            }
        });
    }
}
