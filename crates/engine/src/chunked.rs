//! `ChunkedVec`: an append-only list stored in fixed-size chunks, for the
//! service's biggest record (the trace: millions of entries in a simulated
//! year). A `Vec` grows by doubling: each growth copies every entry into a
//! block twice as large, so for a moment it holds three times its size,
//! and at the end up to half of its block is unused. Chunks after the first
//! are allocated once at their full size and never move: growth copies at
//! most the first chunk, and at most one chunk (about 1 MB) is unused.
//! Also holds a pipeline's instances and attempts (hundreds of thousands
//! in a year), so a small pipeline must stay small: its first chunk grows
//! as a `Vec` does.
//!
//! Retention (`retention`) can forget leading whole chunks: their memory
//! is freed, positions stay as they were (`first` is the first kept one),
//! `get` answers None for a forgotten position and indexing answers the
//! list's tombstone (a stand-in that reads as long finished), so old
//! positions held elsewhere never panic.
//!
//! Why not a crate: `segvec` and `segmented-vec` also never copy on growth,
//! but their segments grow exponentially, so the last one can be half
//! empty (a year's trace would keep up to ~70 MB unused, as a `Vec` does),
//! and saved state needs the list to serialize as a plain JSON array.

use crate::ix::Idx;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::marker::PhantomData;
use std::ops::{Index, IndexMut, Range};

/// Capacity from which `grow_gently` grows a `Vec` by a sixteenth
/// instead of doubling it.
const GENTLE_FROM: usize = 1024;

/// Make room for one more entry in `v`, growing a large list by a
/// sixteenth of its capacity instead of doubling it: a component's
/// instance list and start index (tens of thousands of entries each in a
/// simulated year) then leave at most ~6% unused instead of up to half.
/// Still amortized O(1) a push (each entry is copied about 16 times).
pub fn grow_gently<T>(v: &mut Vec<T>) {
    if v.len() == v.capacity() && v.capacity() >= GENTLE_FROM {
        v.reserve_exact(v.capacity() / 16);
    }
}

/// A chunk's size: about 1 MB (the largest power of two of entries that
/// fits: 16,384 trace entries of 48 B, 4,096 attempts of 184 B), so a
/// small list does not hold much and a big one has few chunks.
const CHUNK_BYTES: usize = 1 << 20;

/// An append-only list in chunks of about 1 MB that never move, indexed
/// by `I` (a typed row number from `ix`, or `usize`).
#[derive(Clone, PartialEq)]
pub struct ChunkedVec<T, I = usize> {
    /// Every chunk but the last is full (`Self::CHUNK` entries); forgotten
    /// ones are empty.
    chunks: Vec<Vec<T>>,
    len: usize,
    /// Positions before this were forgotten (a multiple of `CHUNK`).
    forgotten: usize,
    /// What indexing a forgotten position answers.
    tombstone: Option<Box<T>>,
    _ix: PhantomData<fn(I) -> I>,
}

impl<T, I> Default for ChunkedVec<T, I> {
    fn default() -> Self {
        ChunkedVec {
            chunks: Vec::new(),
            len: 0,
            forgotten: 0,
            tombstone: None,
            _ix: PhantomData,
        }
    }
}

impl<T, I: Idx> ChunkedVec<T, I> {
    /// Entries per chunk: 2^SHIFT.
    const SHIFT: u32 = {
        let size = if std::mem::size_of::<T>() == 0 {
            1
        } else {
            std::mem::size_of::<T>()
        };
        let per = CHUNK_BYTES / size;
        let per = if per == 0 { 1 } else { per };
        usize::BITS - 1 - per.leading_zeros()
    };
    const CHUNK: usize = 1 << Self::SHIFT;
    const MASK: usize = Self::CHUNK - 1;

    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Entries per chunk (what `forget_chunks` drops at a time).
    pub fn chunk_len() -> usize {
        Self::CHUNK
    }

    /// The first position kept (0 until chunks are forgotten).
    pub fn first(&self) -> usize {
        self.forgotten
    }

    /// Forget the chunks before chunk `upto` (full ones only: the last
    /// chunk is kept, so `push` goes on as before), answering `tombstone`
    /// for their positions from now on. Returns the positions forgotten.
    pub fn forget_chunks(&mut self, upto: usize, tombstone: Option<T>) -> usize {
        let upto = upto
            .min(self.len >> Self::SHIFT)
            .min(self.chunks.len().saturating_sub(1));
        let from = self.forgotten >> Self::SHIFT;
        if upto <= from {
            return 0;
        }
        for c in &mut self.chunks[from..upto] {
            *c = Vec::new();
        }
        if let Some(t) = tombstone {
            self.tombstone = Some(Box::new(t));
        }
        self.forgotten = upto << Self::SHIFT;
        (upto - from) << Self::SHIFT
    }

    /// A list whose first `n` positions (rounded down to whole chunks)
    /// are forgotten, without a tombstone: for reading saved state back.
    pub(crate) fn with_forgotten_prefix(n: usize) -> Self {
        Self::with_forgotten(n, None)
    }

    /// The same with a tombstone.
    fn with_forgotten(n: usize, tombstone: Option<T>) -> Self {
        let chunks = n >> Self::SHIFT;
        let mut v = ChunkedVec::default();
        v.chunks = (0..chunks).map(|_| Vec::new()).collect();
        v.len = chunks << Self::SHIFT;
        v.forgotten = v.len;
        v.tombstone = tombstone.map(Box::new);
        v
    }

    /// What a forgotten position answers.
    #[cold]
    fn forgotten_entry(&self, i: usize) -> &T {
        match self.tombstone.as_deref() {
            Some(t) if i < self.forgotten => t,
            _ => panic!("index {i} out of bounds of a list of {}", self.len),
        }
    }

    #[cold]
    fn forgotten_entry_mut(&mut self, i: usize) -> &mut T {
        let len = self.len;
        match self.tombstone.as_deref_mut() {
            Some(t) if i < self.forgotten => t,
            _ => panic!("index {i} out of bounds of a list of {len}"),
        }
    }

    /// Append an entry. The first chunk grows as a `Vec` does (a short
    /// list holds only about what it uses; the copies stop at one chunk);
    /// every later chunk is allocated at its full size when the last one
    /// is full.
    #[inline]
    pub fn push(&mut self, value: T) -> I {
        if self.len & Self::MASK == 0 {
            let capacity = if self.chunks.is_empty() {
                0
            } else {
                Self::CHUNK
            };
            self.chunks.push(Vec::with_capacity(capacity));
        }
        // The last chunk exists and has room: `len` counts full chunks
        // before it.
        if let Some(last) = self.chunks.last_mut() {
            last.push(value);
        }
        self.len += 1;
        I::from_usize(self.len - 1)
    }

    /// Drop the entries from position `len` on (forgotten positions stay
    /// forgotten): the chunks past it are freed, the last kept one keeps
    /// its block.
    pub fn truncate(&mut self, len: usize) {
        let len = len.max(self.forgotten);
        if len >= self.len {
            return;
        }
        self.chunks.truncate(len.div_ceil(Self::CHUNK));
        if let Some(last) = self.chunks.last_mut() {
            last.truncate(len - ((len - 1) & !Self::MASK));
        }
        self.len = len;
    }

    /// Take the entries from position `at` on out, in order (as
    /// `Vec::split_off`; forgotten positions stay forgotten).
    pub fn split_off(&mut self, at: usize) -> Vec<T> {
        let at = at.max(self.forgotten);
        if at >= self.len {
            return Vec::new();
        }
        let k = at >> Self::SHIFT;
        let tail = self.chunks.split_off(k + 1);
        let mut out = Vec::with_capacity(self.len - at);
        out.extend(self.chunks[k].drain(at & Self::MASK..));
        out.extend(tail.into_iter().flatten());
        if at & Self::MASK == 0 {
            // Chunk `k` is empty: the next push makes it again.
            self.chunks.truncate(k);
        }
        self.len = at;
        out
    }

    /// The position of the first kept entry for which `pred` is false,
    /// if it is true for all the entries before it and false for all
    /// after (as `slice::partition_point`): `len` if there is none.
    pub fn partition_point(&self, mut pred: impl FnMut(&T) -> bool) -> usize {
        // Forgotten chunks are empty; every kept chunk but the last is full.
        let from = self.forgotten >> Self::SHIFT;
        let kept = &self.chunks[from.min(self.chunks.len())..];
        let k = kept.partition_point(|c| c.last().is_some_and(&mut pred));
        match kept.get(k) {
            Some(c) => ((from + k) << Self::SHIFT) + c.partition_point(pred),
            None => self.len,
        }
    }

    /// The number the next entry pushed gets.
    pub fn next_ix(&self) -> I {
        I::from_usize(self.len)
    }

    /// The kept entries in order, with their numbers.
    pub fn enumerate(&self) -> impl DoubleEndedIterator<Item = (I, &T)> + '_ {
        // Forgotten chunks are empty: chunk `k` holds positions from `k << SHIFT`.
        self.chunks.iter().enumerate().flat_map(|(k, c)| {
            c.iter()
                .enumerate()
                .map(move |(n, x)| (I::from_usize(k << Self::SHIFT | n), x))
        })
    }

    #[inline]
    pub fn get(&self, i: I) -> Option<&T> {
        let i = i.index();
        self.chunks
            .get(i >> Self::SHIFT)
            .and_then(|c| c.get(i & Self::MASK))
    }

    #[inline]
    pub fn get_mut(&mut self, i: I) -> Option<&mut T> {
        let i = i.index();
        self.chunks
            .get_mut(i >> Self::SHIFT)
            .and_then(|c| c.get_mut(i & Self::MASK))
    }

    pub fn last(&self) -> Option<&T> {
        self.chunks.last().and_then(|c| c.last())
    }

    pub fn last_mut(&mut self) -> Option<&mut T> {
        self.chunks.last_mut().and_then(|c| c.last_mut())
    }

    /// The kept entries in order.
    pub fn iter_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut T> + '_ {
        self.chunks.iter_mut().flat_map(|c| c.iter_mut())
    }

    /// The kept entries in order (from position `first`).
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + '_ {
        self.chunks.iter().flat_map(|c| c.iter())
    }

    /// The kept entries of `range` in order, as slices (one per chunk
    /// touched; forgotten positions are skipped). Panics if the range is
    /// out of bounds, as slicing a `Vec` does.
    pub fn slices(&self, range: Range<usize>) -> impl Iterator<Item = &[T]> + '_ {
        assert!(
            range.start <= range.end && range.end <= self.len,
            "range {range:?} out of bounds of a list of {}",
            self.len
        );
        let range = range.start.max(self.forgotten).min(range.end)..range.end;
        let first = range.start >> Self::SHIFT;
        let chunks = if range.is_empty() {
            &self.chunks[..0]
        } else {
            &self.chunks[first..=(range.end - 1) >> Self::SHIFT]
        };
        chunks.iter().enumerate().map(move |(k, c)| {
            let base = (first + k) << Self::SHIFT;
            let lo = range.start.max(base) - base;
            let hi = range.end.min(base + Self::CHUNK) - base;
            &c[lo..hi]
        })
    }

    /// The entries of `range` in order.
    pub fn range(&self, range: Range<usize>) -> impl Iterator<Item = &T> + '_ {
        self.slices(range).flatten()
    }
}

impl<T, I: Idx> Index<I> for ChunkedVec<T, I> {
    type Output = T;
    #[inline]
    fn index(&self, i: I) -> &T {
        let i = i.index();
        match self.chunks[i >> Self::SHIFT].get(i & Self::MASK) {
            Some(v) => v,
            None => self.forgotten_entry(i),
        }
    }
}

impl<T, I: Idx> IndexMut<I> for ChunkedVec<T, I> {
    #[inline]
    fn index_mut(&mut self, i: I) -> &mut T {
        let i = i.index();
        if i < self.forgotten {
            return self.forgotten_entry_mut(i);
        }
        &mut self.chunks[i >> Self::SHIFT][i & Self::MASK]
    }
}

impl<'a, T, I> IntoIterator for &'a ChunkedVec<T, I> {
    type Item = &'a T;
    type IntoIter = std::iter::Flatten<std::slice::Iter<'a, Vec<T>>>;
    fn into_iter(self) -> Self::IntoIter {
        self.chunks.iter().flatten()
    }
}

impl<T, I: Idx> FromIterator<T> for ChunkedVec<T, I> {
    fn from_iter<It: IntoIterator<Item = T>>(iter: It) -> Self {
        let mut v = ChunkedVec::new();
        for x in iter {
            v.push(x);
        }
        v
    }
}

impl<T: std::fmt::Debug, I: Idx> std::fmt::Debug for ChunkedVec<T, I> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Serialized as a plain sequence (as a `Vec` is); once chunks were
/// forgotten, as `{"forgotten": n, "tombstone": …, "items": [the rest]}`.
impl<T: Serialize, I: Idx> Serialize for ChunkedVec<T, I> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        if self.forgotten == 0 {
            return s.collect_seq(self.iter());
        }
        struct Items<'a, T, I>(&'a ChunkedVec<T, I>);
        impl<T: Serialize, I: Idx> Serialize for Items<'_, T, I> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.iter())
            }
        }
        let mut st = s.serialize_struct("ChunkedVec", 3)?;
        st.serialize_field("forgotten", &self.forgotten)?;
        st.serialize_field("tombstone", &self.tombstone)?;
        st.serialize_field("items", &Items(self))?;
        st.end()
    }
}

impl<'de, T: Deserialize<'de>, I: Idx> Deserialize<'de> for ChunkedVec<T, I> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{MapAccess, SeqAccess, Visitor};
        struct V<T, I>(PhantomData<T>, PhantomData<fn(I) -> I>);
        impl<'de, T: Deserialize<'de>, I: Idx> Visitor<'de> for V<T, I> {
            type Value = ChunkedVec<T, I>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list, or {forgotten, tombstone, items}")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut v = ChunkedVec::new();
                while let Some(x) = seq.next_element()? {
                    v.push(x);
                }
                Ok(v)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let (mut forgotten, mut tombstone, mut items) = (0usize, None, None::<Vec<T>>);
                while let Some(k) = map.next_key::<String>()? {
                    match k.as_str() {
                        "forgotten" => forgotten = map.next_value()?,
                        "tombstone" => tombstone = map.next_value()?,
                        "items" => items = Some(map.next_value()?),
                        _ => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                let mut v = ChunkedVec::with_forgotten(forgotten, tombstone);
                for x in items.unwrap_or_default() {
                    v.push(x);
                }
                Ok(v)
            }
        }
        d.deserialize_any(V(PhantomData, PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHUNK: usize = ChunkedVec::<usize>::CHUNK;

    #[test]
    fn truncate_drops_the_tail_and_push_goes_on() {
        for n in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 2 * CHUNK + 5] {
            let mut v: ChunkedVec<usize> = (0..2 * CHUNK + 10).collect();
            v.truncate(n);
            assert_eq!(v.len(), n);
            assert!(v.iter().copied().eq(0..n), "truncated to {n}");
            for x in n..n + CHUNK + 3 {
                v.push(x);
            }
            assert!(
                v.iter().copied().eq(0..n + CHUNK + 3),
                "pushed after truncating to {n}"
            );
            assert_eq!(v.chunks.len(), (n + CHUNK + 3).div_ceil(CHUNK));
        }
        let mut v: ChunkedVec<usize> = (0..5).collect();
        v.truncate(9);
        assert_eq!(v.len(), 5);
    }

    #[test]
    fn split_off_takes_the_tail_in_order() {
        for n in [
            0,
            1,
            CHUNK - 1,
            CHUNK,
            CHUNK + 1,
            2 * CHUNK,
            2 * CHUNK + 9,
            2 * CHUNK + 10,
            3 * CHUNK,
        ] {
            let total = 2 * CHUNK + 10;
            let mut v: ChunkedVec<usize> = (0..total).collect();
            let tail = v.split_off(n);
            assert!(
                tail.iter().copied().eq(n.min(total)..total),
                "tail from {n}"
            );
            assert!(v.iter().copied().eq(0..n.min(total)), "head to {n}");
            v.push(n.min(total));
            assert!(
                v.iter().copied().eq(0..=n.min(total)),
                "push after splitting at {n}"
            );
        }
    }

    #[test]
    fn partition_point_agrees_with_a_slice() {
        let all: Vec<usize> = (0..2 * CHUNK + 10).map(|x| x / 3).collect();
        let v: ChunkedVec<usize> = all.iter().copied().collect();
        for t in [
            0,
            1,
            5,
            CHUNK / 3,
            CHUNK / 3 + 1,
            2 * CHUNK / 3,
            all[all.len() - 1],
            all[all.len() - 1] + 1,
        ] {
            assert_eq!(
                v.partition_point(|&x| x < t),
                all.partition_point(|&x| x < t),
                "at {t}"
            );
        }
        assert_eq!(ChunkedVec::<usize>::new().partition_point(|_| true), 0);
        let mut f: ChunkedVec<usize> = (0..3 * CHUNK).collect();
        f.forget_chunks(1, None);
        assert_eq!(f.partition_point(|&x| x < CHUNK + 7), CHUNK + 7);
        assert_eq!(f.partition_point(|_| false), CHUNK);
        assert_eq!(f.partition_point(|_| true), 3 * CHUNK);
    }

    #[test]
    fn a_short_list_holds_about_what_it_uses_and_later_chunks_are_whole() {
        let mut v: ChunkedVec<usize> = (0..10).collect();
        assert!(v.chunks[0].capacity() < 64, "{}", v.chunks[0].capacity());
        for i in 10..CHUNK + 1 {
            v.push(i);
        }
        assert_eq!(
            v.chunks[0].capacity(),
            CHUNK,
            "the first chunk stops at its size"
        );
        assert_eq!(v.chunks[1].capacity(), CHUNK);
        assert_eq!(v[CHUNK], CHUNK);
        assert_eq!(v.iter().copied().sum::<usize>(), CHUNK * (CHUNK + 1) / 2);
    }

    #[test]
    fn keeps_entries_in_order_across_chunks() {
        let n = 2 * CHUNK + 5;
        let v: ChunkedVec<usize> = (0..n).collect();
        assert_eq!(v.len(), n);
        assert_eq!(v.chunks.len(), 3);
        assert!(v.chunks.iter().all(|c| c.capacity() == CHUNK));
        assert_eq!(v[CHUNK], CHUNK);
        assert_eq!(v.get(n - 1), Some(&(n - 1)));
        assert_eq!(v.get(n), None);
        assert_eq!(v.last(), Some(&(n - 1)));
        assert!(v.iter().copied().eq(0..n));
        assert!(v.iter().rev().copied().eq((0..n).rev()));
        assert!((&v).into_iter().copied().eq(0..n));
        let mut v = v;
        v[CHUNK + 1] = 7;
        *v.last_mut().unwrap() += 1;
        v.iter_mut().take(2).for_each(|x| *x += 10);
        assert_eq!((v[0], v[1], v[2]), (10, 11, 2));
        assert_eq!((v[CHUNK + 1], v.get_mut(n - 1).copied()), (7, Some(n)));
    }

    #[test]
    fn chunks_hold_about_a_megabyte() {
        assert_eq!(CHUNK, 1 << 17);
        assert_eq!(ChunkedVec::<[u8; 48]>::CHUNK, 16_384);
        assert_eq!(ChunkedVec::<[u8; 184]>::CHUNK, 4_096);
        assert_eq!(ChunkedVec::<[u8; 1 << 21]>::CHUNK, 1);
        assert_eq!(ChunkedVec::<()>::CHUNK, 1 << 20);
    }

    #[test]
    fn ranges_cross_chunk_borders() {
        let n = 3 * CHUNK;
        let v: ChunkedVec<usize> = (0..n).collect();
        for (a, b) in [
            (0, 0),
            (0, 1),
            (5, CHUNK),
            (CHUNK - 1, CHUNK + 1),
            (CHUNK, 2 * CHUNK),
            (3, n),
            (n, n),
        ] {
            assert!(v.range(a..b).copied().eq(a..b), "{a}..{b}");
        }
        assert_eq!(v.slices(CHUNK - 1..2 * CHUNK + 1).count(), 3);
    }

    #[test]
    #[should_panic(expected = "out of bounds")]
    fn a_range_past_the_end_panics() {
        let v: ChunkedVec<u8> = (0..3).collect();
        let _ = v.range(1..4).count();
    }

    #[test]
    fn forgotten_chunks_keep_positions_answer_the_tombstone_and_read_back() {
        let n = 3 * CHUNK + 5;
        let mut v: ChunkedVec<usize> = (0..n).collect();
        // Never the last chunk, only whole ones.
        assert_eq!(v.forget_chunks(9, Some(usize::MAX)), 3 * CHUNK);
        assert_eq!((v.first(), v.len()), (3 * CHUNK, n));
        assert!(
            v.chunks[..3].iter().all(|c| c.capacity() == 0),
            "memory freed"
        );
        assert_eq!(
            (v.get(5), v[5], v[3 * CHUNK]),
            (None, usize::MAX, 3 * CHUNK)
        );
        assert!(v.iter().copied().eq(3 * CHUNK..n));
        assert!(v.range(0..n).copied().eq(3 * CHUNK..n));
        v.push(n);
        assert_eq!(v[n], n);
        let json = serde_json::to_string(&v).unwrap();
        let back: ChunkedVec<usize> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, v);
        assert_eq!(
            (back.first(), back.len(), back[0]),
            (3 * CHUNK, n + 1, usize::MAX)
        );
    }

    #[test]
    fn serializes_as_a_list() {
        let v: ChunkedVec<u32> = (0..4).collect();
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(json, "[0,1,2,3]");
        let back: ChunkedVec<u32> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, v);
        assert_eq!(format!("{v:?}"), "[0, 1, 2, 3]");
    }

    #[test]
    fn grow_gently_leaves_at_most_a_sixteenth_unused() {
        let mut v: Vec<u32> = Vec::new();
        for n in 0..35_136 {
            grow_gently(&mut v);
            v.push(n);
        }
        assert_eq!(v.len(), 35_136);
        assert!(v.capacity() <= 35_136 + 35_136 / 16, "{}", v.capacity());
        assert!(v.iter().copied().eq(0..35_136));
    }
}
