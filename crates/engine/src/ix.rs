//! Typed indices: the positions of pipelines, components, instances,
//! attempts, task queues, simulated runners (and their threads) and caller
//! labels in the service's tables, each its own type so one cannot be
//! passed where another is meant, and `IxVec`, a list indexed by one of
//! them. Each is a `u32` inside: it serializes as the bare number
//! (`serde(transparent)`) and prints as the number in `Debug`, so saved
//! state and trace dumps keep their shape. Ids (the service's strings)
//! live in `ids`; this module only numbers rows.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::marker::PhantomData;
use std::ops::{Deref, Index, IndexMut};

/// A row number of one table: converts to and from a position.
pub trait Idx: Copy {
    fn from_usize(n: usize) -> Self;
    fn index(self) -> usize;
}

impl Idx for usize {
    #[inline]
    fn from_usize(n: usize) -> Self {
        n
    }
    #[inline]
    fn index(self) -> usize {
        self
    }
}

macro_rules! typed_index {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl $name {
            /// The row number as a `u32`.
            #[inline]
            pub const fn get(self) -> u32 {
                self.0
            }
            /// The row number as a position.
            #[inline]
            pub const fn ix(self) -> usize {
                self.0 as usize
            }
        }

        impl Idx for $name {
            #[inline]
            fn from_usize(n: usize) -> Self {
                // Tables hold far fewer than 2^32 rows (the trace packs
                // positions in fewer bits still).
                $name(n as u32)
            }
            #[inline]
            fn index(self) -> usize {
                self.0 as usize
            }
        }

        /// The bare number, as before the index had its own type (trace
        /// dumps and fingerprints print it).
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&self.0, f)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }
    )*};
}

typed_index! {
    /// A pipeline's position in the service (`Service::pipelines`).
    PipelineIx;
    /// A component's position in its pipeline (`Pipeline::components`).
    ComponentIx;
    /// An instance's position in its pipeline (`Pipeline::instances`).
    InstanceIx;
    /// An attempt's position in its pipeline (`Pipeline::attempts`).
    AttemptIx;
    /// A task queue (a workerGroup or a resource instance id).
    QueueIx;
    /// A simulated task runner.
    RunnerIx;
    /// A thread of one simulated task runner.
    ThreadIx;
    /// A caller label (a runner's name, "console", "client", …).
    CallerIx;
}

/// A list indexed by one kind of row number (`I`), not by `usize`;
/// serialized as a plain list. Reads as a slice (`Deref`) for iteration.
#[derive(Clone, PartialEq, Eq)]
pub struct IxVec<I, T> {
    rows: Vec<T>,
    _ix: PhantomData<fn(I) -> I>,
}

impl<I, T> Default for IxVec<I, T> {
    fn default() -> Self {
        IxVec {
            rows: Vec::new(),
            _ix: PhantomData,
        }
    }
}

impl<I: Idx, T> IxVec<I, T> {
    pub fn new() -> Self {
        Self::default()
    }
    /// Append a row; returns its number.
    pub fn push(&mut self, row: T) -> I {
        self.rows.push(row);
        I::from_usize(self.rows.len() - 1)
    }
    /// The number the next row pushed gets.
    pub fn next_ix(&self) -> I {
        I::from_usize(self.rows.len())
    }
    #[inline]
    pub fn get(&self, i: I) -> Option<&T> {
        self.rows.get(i.index())
    }
    #[inline]
    pub fn get_mut(&mut self, i: I) -> Option<&mut T> {
        self.rows.get_mut(i.index())
    }
    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.rows.iter_mut()
    }
    /// Rows with their numbers.
    pub fn enumerate(&self) -> impl DoubleEndedIterator<Item = (I, &T)> + '_ {
        self.rows
            .iter()
            .enumerate()
            .map(|(n, r)| (I::from_usize(n), r))
    }
    /// The first row that satisfies `f`, by number.
    pub fn position(&self, f: impl FnMut(&T) -> bool) -> Option<I> {
        self.rows.iter().position(f).map(I::from_usize)
    }
    pub fn as_slice(&self) -> &[T] {
        &self.rows
    }
}

impl<I, T> Deref for IxVec<I, T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.rows
    }
}

impl<I: Idx, T> Index<I> for IxVec<I, T> {
    type Output = T;
    #[inline]
    fn index(&self, i: I) -> &T {
        &self.rows[i.index()]
    }
}

impl<I: Idx, T> IndexMut<I> for IxVec<I, T> {
    #[inline]
    fn index_mut(&mut self, i: I) -> &mut T {
        &mut self.rows[i.index()]
    }
}

impl<I, T> From<Vec<T>> for IxVec<I, T> {
    fn from(rows: Vec<T>) -> Self {
        IxVec {
            rows,
            _ix: PhantomData,
        }
    }
}

impl<I, T> FromIterator<T> for IxVec<I, T> {
    fn from_iter<It: IntoIterator<Item = T>>(iter: It) -> Self {
        Vec::from_iter(iter).into()
    }
}

impl<'a, I, T> IntoIterator for &'a IxVec<I, T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.rows.iter()
    }
}

impl<I, T: fmt::Debug> fmt::Debug for IxVec<I, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.rows.fmt(f)
    }
}

impl<I, T: Serialize> Serialize for IxVec<I, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.rows.serialize(s)
    }
}

impl<'de, I, T: Deserialize<'de>> Deserialize<'de> for IxVec<I, T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<T>::deserialize(d).map(Into::into)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_saves_and_prints_as_its_number() {
        let i = InstanceIx(7);
        assert_eq!(serde_json::to_string(&i).unwrap(), "7");
        assert_eq!(serde_json::from_str::<InstanceIx>("7").unwrap(), i);
        assert_eq!(format!("{:?} {:?}", i, Some(i)), "7 Some(7)");
        assert_eq!(format!("{i}"), "7");
    }

    #[test]
    fn a_list_is_indexed_by_its_own_numbers() {
        let mut v: IxVec<RunnerIx, &str> = IxVec::new();
        assert_eq!(v.push("a"), RunnerIx(0));
        assert_eq!(v.next_ix(), RunnerIx(1));
        let b = v.push("b");
        assert_eq!((v[b], v.get(RunnerIx(2))), ("b", None));
        assert_eq!(v.position(|r| *r == "b"), Some(b));
        assert_eq!(v.enumerate().last(), Some((b, &"b")));
        assert_eq!(serde_json::to_string(&v).unwrap(), r#"["a","b"]"#);
    }
}
