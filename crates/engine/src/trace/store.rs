//! How the trace is stored: 12 bytes an entry instead of a `TraceEntry`'s
//! 48, and each distinct note text once. A year of a 15-minute schedule
//! with 10 activities records 2.8 M entries: 135 MB as `TraceEntry`
//! values, 34 MB packed (plus 8 MB of interned causes).
//!
//! An entry is three `u32` words: its time in seconds after the trace's
//! first entry, its subject (kind and position), and its context (the
//! pipeline and the cause, interned: the entries of one timer or one
//! caller's calls share one) with the statuses from and to. Notes are
//! numbered in the order they are recorded, so an entry's note number is
//! one more than the number of entries with a note before it: one bit an
//! entry says whether it has one, and a count per 64 entries makes that a
//! popcount. An entry that does not fit (a time before the first entry or
//! with a fraction of a second, positions past 2^30, more than 4 M
//! contexts, a note number out of that order) is kept whole beside, so
//! every entry reads back exactly as it was recorded. Entries are read by value (`Trace::get`, `iter`,
//! `range`), decoded on the fly.
//!
//! Retention (`retention`) forgets whole leading chunks of entries older
//! than its window (`forget_before`): positions stay, `first` is the first
//! kept one, `get` of a forgotten one is None and ranges start at `first`.
//!
//! Leaves out: what the trace means (`trace`), who records it (`lifecycle`).

use super::{Cause, Note, Subject, TraceEntry};
use crate::chunked::ChunkedVec;
use crate::clock::Timer;
use crate::ix::{AttemptIx, CallerIx, ComponentIx, InstanceIx, PipelineIx};
use crate::state::Status;
use crate::wire::Action;
use chrono::{NaiveDateTime, NaiveTime, TimeDelta, Timelike};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::num::NonZeroU32;
use std::ops::Range;
use std::sync::Arc;

/// Every status, in declaration order (`status as u8` indexes it).
const STATUSES: [Status; 18] = Status::ALL;

/// Bits of the context position in the third word (the statuses take 10).
const CONTEXT_BITS: u32 = 22;
const CONTEXT_MASK: u32 = (1 << CONTEXT_BITS) - 1;
/// Positions of a subject that fit beside its kind (2 bits).
const POSITION_MASK: u32 = (1 << 30) - 1;
/// The "to" status value of an entry kept whole (`Trace::whole`).
const WHOLE: u32 = 31;

/// One entry, packed: `[seconds after the first entry, subject kind << 30
/// | position, to << 27 | from + 1 << 22 | context]`; an entry kept whole
/// has `to` = `WHOLE` and its position in `Trace::whole` in the second word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Packed([u32; 3]);

/// The pipeline and cause an entry shares with its neighbours, packed in
/// 12 bytes (a simulated year has one per schedule tick: 351,360):
/// `[pipeline | kind << 24, x, y]`, the kind naming the cause (a call, a
/// timer of the pipeline's own, an upstream subject) and x, y its numbers
/// besides the pipeline. A cause that does not pack this way (a timer of
/// another pipeline, a pipeline number of 2^24 or more) keeps its entry
/// whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Context([u32; 3]);

const PIPELINE_BITS: u32 = 24;
/// Kinds: 0 a call, 1..=14 a timer (`Timer` in declaration order), 15..=18
/// an upstream pipeline, component, instance or attempt.
const CALL: u32 = 0;
const UPSTREAM: u32 = 15;

impl Context {
    fn pack(pipeline: PipelineIx, cause: &Cause) -> Option<Context> {
        use Timer as T;
        let pl = pipeline.get();
        if pl >> PIPELINE_BITS != 0 {
            return None;
        }
        let own = |p: PipelineIx| (p == pipeline).then_some(());
        let (kind, x, y) = match *cause {
            Cause::Call { action, caller } => {
                // `Action::ALL` lists the actions in declaration order.
                let n = action as u32;
                (CALL, n, caller.get())
            }
            Cause::Timer(t) => match t {
                T::ScheduleTick { p, c, k } => own(p).map(|()| (1, c.get(), k))?,
                T::Due { p, i } => own(p).map(|()| (2, i.get(), 0))?,
                T::AckExpiry { p, a, lease } => own(p).map(|()| (3, a.get(), lease))?,
                T::LeaseExpiry { p, a, lease } => own(p).map(|()| (4, a.get(), lease))?,
                T::AttemptTimeout { p, a } => own(p).map(|()| (5, a.get(), 0))?,
                T::RetryDue { p, i, run } => own(p).map(|()| (6, i.get(), run))?,
                T::Late { p, i, run } => own(p).map(|()| (7, i.get(), run))?,
                T::PreconditionCheck { p, i, run } => own(p).map(|()| (8, i.get(), run))?,
                T::PreconditionTimeout { p, i, run } => own(p).map(|()| (9, i.get(), run))?,
                T::ResourceUp { p, i, run } => own(p).map(|()| (10, i.get(), run))?,
                T::ResourceTerminate { p, i, run } => own(p).map(|()| (11, i.get(), run))?,
                T::ResourceDown { p, i, run } => own(p).map(|()| (12, i.get(), run))?,
                T::RunnerWake { r, t } => (13, r.get(), t.get()),
                T::RunnerHeartbeat { r } => (14, r.get(), 0),
            },
            Cause::Upstream(s) => match s {
                Subject::Pipeline => (UPSTREAM, 0, 0),
                Subject::Component(c) => (UPSTREAM + 1, c.get(), 0),
                Subject::Instance(i) => (UPSTREAM + 2, i.get(), 0),
                Subject::Attempt(a) => (UPSTREAM + 3, a.get(), 0),
            },
        };
        Some(Context([pl | kind << PIPELINE_BITS, x, y]))
    }

    fn pipeline(self) -> PipelineIx {
        PipelineIx(self.0[0] & ((1 << PIPELINE_BITS) - 1))
    }

    fn cause(self) -> Cause {
        use crate::ix::{RunnerIx, ThreadIx};
        use Timer as T;
        let p = self.pipeline();
        let [w, x, y] = self.0;
        let timer = |t| Cause::Timer(t);
        // x and y under the names `pack` gives them (a kind reads its own).
        let (c, i, a, r) = (ComponentIx(x), InstanceIx(x), AttemptIx(x), RunnerIx(x));
        let (k, lease, run, t) = (y, y, y, ThreadIx(y));
        match w >> PIPELINE_BITS {
            CALL => Cause::Call {
                action: Action::ALL[x as usize],
                caller: CallerIx(y),
            },
            1 => timer(T::ScheduleTick { p, c, k }),
            2 => timer(T::Due { p, i }),
            3 => timer(T::AckExpiry { p, a, lease }),
            4 => timer(T::LeaseExpiry { p, a, lease }),
            5 => timer(T::AttemptTimeout { p, a }),
            6 => timer(T::RetryDue { p, i, run }),
            7 => timer(T::Late { p, i, run }),
            8 => timer(T::PreconditionCheck { p, i, run }),
            9 => timer(T::PreconditionTimeout { p, i, run }),
            10 => timer(T::ResourceUp { p, i, run }),
            11 => timer(T::ResourceTerminate { p, i, run }),
            12 => timer(T::ResourceDown { p, i, run }),
            13 => timer(T::RunnerWake { r, t }),
            14 => timer(T::RunnerHeartbeat { r }),
            15 => Cause::Upstream(Subject::Pipeline),
            16 => Cause::Upstream(Subject::Component(c)),
            17 => Cause::Upstream(Subject::Instance(i)),
            _ => Cause::Upstream(Subject::Attempt(a)),
        }
    }
}

/// The trace: every state change, oldest first, stored packed.
#[derive(Clone, Default, PartialEq)]
pub struct Trace {
    entries: ChunkedVec<Packed>,
    /// Per 64 entries: which have a note (bit k: entry 64·block + k), and
    /// how many entries before the block have one.
    noted: ChunkedVec<(u64, u32)>,
    /// Entries with a note so far.
    notes: u32,
    /// The time of the first entry (whole seconds): times are kept as
    /// seconds after it.
    base: Option<NaiveDateTime>,
    contexts: ChunkedVec<Context>,
    /// The contexts of calls, by (pipeline, action, caller): few, and
    /// used over and over.
    calls: BTreeMap<(PipelineIx, Action, CallerIx), u32>,
    /// The context of the last entry (the next one often shares it).
    last_context: u32,
    /// Entries that do not pack.
    whole: Vec<TraceEntry>,
    /// The last time packed and its seconds (most entries share their
    /// time with the one before).
    last_time: Option<(NaiveDateTime, u32)>,
}

impl Trace {
    /// The bytes an entry takes (packed).
    pub const ENTRY_BYTES: usize = std::mem::size_of::<Packed>();

    pub fn new() -> Self {
        Self::default()
    }

    /// Entries recorded so far (forgotten ones included: positions stay).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The first position kept (0 unless retention forgot older entries).
    pub fn first(&self) -> usize {
        self.entries.first()
    }

    /// Forget the leading whole chunks of entries whose last entry is
    /// before `t` (the last chunk stays). Returns the entries forgotten.
    pub fn forget_before(&mut self, t: NaiveDateTime) -> usize {
        let per = ChunkedVec::<Packed>::chunk_len();
        let mut upto = self.first() / per;
        while (upto + 1) * per < self.len()
            && self.get((upto + 1) * per - 1).is_some_and(|e| e.at < t)
        {
            upto += 1;
        }
        self.entries.forget_chunks(upto, None)
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Record an entry.
    pub fn push(&mut self, e: TraceEntry) {
        let i = self.entries.len();
        if i.is_multiple_of(64) {
            self.noted.push((0, self.notes));
        }
        // A packed entry's note number is its rank among the noted ones.
        let in_order = e
            .note
            .is_none_or(|n| Some(n.get()) == self.notes.checked_add(1));
        match self.pack(&e).filter(|_| in_order) {
            Some(p) => {
                self.entries.push(p);
            }
            None => {
                let at = self.whole.len() as u32;
                self.whole.push(e);
                self.entries.push(Packed([0, at, WHOLE << 27]));
            }
        }
        if e.note.is_some() {
            if let Some(last) = self.noted.last_mut() {
                last.0 |= 1 << (i % 64);
            }
            self.notes = self.notes.saturating_add(1);
        }
    }

    /// The entry at position `i`.
    pub fn get(&self, i: usize) -> Option<TraceEntry> {
        let p = self.entries.get(i)?;
        Some(self.unpack(i, p, &mut None))
    }

    /// The note number of packed entry `i`, if it has a note.
    #[inline]
    fn note_of(&self, i: usize) -> Option<NonZeroU32> {
        let (bits, before) = self.noted[i / 64];
        let bit = 1u64 << (i % 64);
        if bits & bit == 0 {
            return None;
        }
        NonZeroU32::new(before + (bits & (bit - 1)).count_ones() + 1)
    }

    /// The last entry.
    pub fn last(&self) -> Option<TraceEntry> {
        self.len().checked_sub(1).and_then(|i| self.get(i))
    }

    /// Every entry, oldest first.
    pub fn iter(&self) -> Entries<'_> {
        self.range(0..self.len())
    }

    /// The entries of `range`, in order. Panics if the range is out of
    /// bounds, as slicing a `Vec` does.
    pub fn range(&self, range: Range<usize>) -> Entries<'_> {
        assert!(
            range.start <= range.end && range.end <= self.len(),
            "range {range:?} out of bounds of a trace of {}",
            self.len()
        );
        // Forgotten entries are skipped.
        let range = range.start.max(self.first()).min(range.end)..range.end;
        Entries {
            trace: self,
            range,
            time: None,
        }
    }

    fn pack(&mut self, e: &TraceEntry) -> Option<Packed> {
        let secs = self.seconds(e.at)?;
        let (kind, position) = match e.subject {
            Subject::Pipeline => (0, 0),
            Subject::Component(c) => (1, c.get()),
            Subject::Instance(i) => (2, i.get()),
            Subject::Attempt(a) => (3, a.get()),
        };
        if position > POSITION_MASK {
            return None;
        }
        let context = self.context(e.pipeline, &e.cause)?;
        let from = e.from.map_or(0, |s| s as u32 + 1);
        let to = e.to as u32;
        Some(Packed([
            secs,
            kind << 30 | position,
            to << 27 | from << CONTEXT_BITS | context,
        ]))
    }

    /// `at` as seconds after the first entry, if it is a whole second
    /// not before it and within 136 years.
    fn seconds(&mut self, at: NaiveDateTime) -> Option<u32> {
        if let Some((t, s)) = self.last_time {
            if t == at {
                return Some(s);
            }
        }
        if at.nanosecond() != 0 {
            return None;
        }
        let base = *self.base.get_or_insert(at);
        let secs = u32::try_from((at - base).num_seconds()).ok()?;
        self.last_time = Some((at, secs));
        Some(secs)
    }

    /// The position of `(pipeline, cause)` among the contexts: the last
    /// entry's if it is the same, a call's if it has been seen, else a new
    /// one.
    fn context(&mut self, pipeline: PipelineIx, cause: &Cause) -> Option<u32> {
        let k = self.find_context(pipeline, cause)?;
        self.last_context = k;
        Some(k)
    }

    fn find_context(&mut self, pipeline: PipelineIx, cause: &Cause) -> Option<u32> {
        let packed = Context::pack(pipeline, cause)?;
        if self.contexts.get(self.last_context as usize) == Some(&packed) {
            return Some(self.last_context);
        }
        let call = match *cause {
            Cause::Call { action, caller } => Some((pipeline, action, caller)),
            _ => None,
        };
        if let Some(&k) = call.as_ref().and_then(|c| self.calls.get(c)) {
            return Some(k);
        }
        let k = u32::try_from(self.contexts.len()).ok()?;
        if k > CONTEXT_MASK {
            return None;
        }
        self.contexts.push(packed);
        if let Some(c) = call {
            self.calls.insert(c, k);
        }
        Some(k)
    }

    /// Entry `i` (packed as `p`), with the last time read (`time`: seconds
    /// and time) to read the next one's time cheaply.
    #[inline]
    fn unpack(&self, i: usize, p: &Packed, time: &mut Option<(u32, NaiveDateTime)>) -> TraceEntry {
        let [secs, subject, packed] = p.0;
        let to = packed >> 27;
        if to == WHOLE {
            return self.whole[subject as usize];
        }
        let position = subject & POSITION_MASK;
        let subject = match subject >> 30 {
            0 => Subject::Pipeline,
            1 => Subject::Component(ComponentIx(position)),
            2 => Subject::Instance(InstanceIx(position)),
            _ => Subject::Attempt(AttemptIx(position)),
        };
        let from = (packed >> CONTEXT_BITS) & 0x1f;
        let context = self.contexts[(packed & CONTEXT_MASK) as usize];
        TraceEntry {
            at: self.time(secs, time),
            pipeline: context.pipeline(),
            subject,
            from: from.checked_sub(1).map(|s| STATUSES[s as usize]),
            to: STATUSES[to as usize],
            cause: context.cause(),
            note: self.note_of(i),
        }
    }

    /// The time `secs` after the first entry; `last` (the time read
    /// before) makes it a few additions when it is the same day.
    #[inline]
    fn time(&self, secs: u32, last: &mut Option<(u32, NaiveDateTime)>) -> NaiveDateTime {
        if let Some((s, t)) = *last {
            if s == secs {
                return t;
            }
            let of_day = t.num_seconds_from_midnight() as i64 + secs as i64 - s as i64;
            if (0..86_400).contains(&of_day) {
                if let Some(tod) = NaiveTime::from_num_seconds_from_midnight_opt(of_day as u32, 0) {
                    let at = t.date().and_time(tod);
                    *last = Some((secs, at));
                    return at;
                }
            }
        }
        let base = self.base.unwrap_or_default();
        let at = base + TimeDelta::seconds(secs as i64);
        *last = Some((secs, at));
        at
    }
}

/// The entries of a range of the trace, decoded as they are read.
pub struct Entries<'a> {
    trace: &'a Trace,
    range: Range<usize>,
    /// The last time read (most entries share it or its day).
    time: Option<(u32, NaiveDateTime)>,
}

impl Iterator for Entries<'_> {
    type Item = TraceEntry;
    #[inline]
    fn next(&mut self) -> Option<TraceEntry> {
        let i = self.range.next()?;
        Some(self.trace.unpack(i, &self.trace.entries[i], &mut self.time))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.range.size_hint()
    }
}

impl DoubleEndedIterator for Entries<'_> {
    fn next_back(&mut self) -> Option<TraceEntry> {
        let i = self.range.next_back()?;
        Some(self.trace.unpack(i, &self.trace.entries[i], &mut self.time))
    }
}

impl ExactSizeIterator for Entries<'_> {}

impl<'a> IntoIterator for &'a Trace {
    type Item = TraceEntry;
    type IntoIter = Entries<'a>;
    fn into_iter(self) -> Entries<'a> {
        self.iter()
    }
}

impl FromIterator<TraceEntry> for Trace {
    fn from_iter<I: IntoIterator<Item = TraceEntry>>(iter: I) -> Self {
        let mut t = Trace::new();
        for e in iter {
            t.push(e);
        }
        t
    }
}

impl std::fmt::Debug for Trace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Serialized as a plain list of entries (as before it was packed); once
/// retention forgot some, as `{"forgotten": n, "notes_before": k,
/// "entries": [the rest]}` (k: entries with a note among the forgotten,
/// so the kept ones' note numbers still pack).
impl Serialize for Trace {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let first = self.first();
        if first == 0 {
            return s.collect_seq(self.iter());
        }
        struct Kept<'a>(&'a Trace);
        impl Serialize for Kept<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.iter())
            }
        }
        let notes_before = self.noted.get(first / 64).map_or(self.notes, |b| b.1);
        let mut st = s.serialize_struct("Trace", 3)?;
        st.serialize_field("forgotten", &first)?;
        st.serialize_field("notes_before", &notes_before)?;
        st.serialize_field("entries", &Kept(self))?;
        st.end()
    }
}

impl<'de> Deserialize<'de> for Trace {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{MapAccess, SeqAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Trace;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of trace entries, or {forgotten, notes_before, entries}")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Trace, A::Error> {
                let mut t = Trace::new();
                while let Some(e) = seq.next_element()? {
                    t.push(e);
                }
                Ok(t)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Trace, A::Error> {
                let (mut forgotten, mut notes_before) = (0usize, 0u32);
                let mut entries = Vec::<TraceEntry>::new();
                while let Some(k) = map.next_key::<String>()? {
                    match k.as_str() {
                        "forgotten" => forgotten = map.next_value()?,
                        "notes_before" => notes_before = map.next_value()?,
                        "entries" => entries = map.next_value()?,
                        _ => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                let mut t = Trace::new();
                t.entries = ChunkedVec::with_forgotten_prefix(forgotten);
                for _ in 0..t.entries.len().div_ceil(64) {
                    t.noted.push((0, notes_before));
                }
                t.notes = notes_before;
                for e in entries {
                    t.push(e);
                }
                Ok(t)
            }
        }
        d.deserialize_any(V)
    }
}

/// The notes of trace entries: note number n (`TraceEntry::note`) is
/// the n-th note recorded; each distinct text is kept once (most notes
/// are the same few words: "acknowledged").
#[derive(Clone, Default, PartialEq)]
pub struct Notes {
    /// The text of each note number (minus one), as a position in `texts`.
    of: ChunkedVec<u32>,
    texts: Vec<Arc<str>>,
    by_text: BTreeMap<Arc<str>, u32>,
}

impl Notes {
    /// Record a note; its number (from 1).
    pub fn push(&mut self, note: Note) -> Option<NonZeroU32> {
        // Most notes repeat the one before ("acknowledged").
        let last = self.of.last().copied();
        let k = match last.filter(|&k| *self.texts[k as usize] == *note) {
            Some(k) => k,
            None => match self.by_text.get(note.as_ref()) {
                Some(&k) => k,
                None => {
                    let k = u32::try_from(self.texts.len()).ok()?;
                    let text: Arc<str> = Arc::from(note.as_ref());
                    self.texts.push(text.clone());
                    self.by_text.insert(text, k);
                    k
                }
            },
        };
        self.of.push(k);
        u32::try_from(self.of.len()).ok().and_then(NonZeroU32::new)
    }

    /// The text of note number `n`.
    pub fn get(&self, n: NonZeroU32) -> Option<&str> {
        let k = *self.of.get(n.get() as usize - 1)?;
        self.texts.get(k as usize).map(|t| t.as_ref())
    }

    pub fn len(&self) -> usize {
        self.of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.of.is_empty()
    }
}

impl std::fmt::Debug for Notes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.of.iter().map(|&k| &self.texts[k as usize]))
            .finish()
    }
}

/// Serialized as the list of note texts, in number order.
impl Serialize for Notes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.of.iter().map(|&k| &*self.texts[k as usize]))
    }
}

impl<'de> Deserialize<'de> for Notes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut n = Notes::default();
        for text in Vec::<String>::deserialize(d)? {
            n.push(text.into());
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Timer;
    use chrono::NaiveDate;

    fn t(day: u32, secs: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2024, 1, day)
            .unwrap()
            .and_time(NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).unwrap())
    }

    #[test]
    fn every_call_context_reads_back_its_action() {
        // A call's context keeps the action as its declaration number.
        for (n, &action) in Action::ALL.iter().enumerate() {
            let cause = Cause::Call {
                action,
                caller: CallerIx(3),
            };
            let packed = Context::pack(PipelineIx(1), &cause).unwrap();
            assert_eq!(packed.0[1], n as u32);
            assert_eq!(packed.cause(), cause);
        }
    }

    fn entry(at: NaiveDateTime, subject: Subject, cause: Cause) -> TraceEntry {
        TraceEntry {
            at,
            pipeline: PipelineIx(0),
            subject,
            from: Some(Status::WaitingForRunner),
            to: Status::Running,
            cause,
            note: None,
        }
    }

    #[test]
    fn statuses_are_in_declaration_order() {
        for (i, s) in STATUSES.iter().enumerate() {
            assert_eq!(*s as usize, i, "{s:?}");
        }
        assert!((STATUSES.len() as u32) < WHOLE);
    }

    #[test]
    fn entries_read_back_as_recorded_and_odd_ones_are_kept_whole() {
        let call = Cause::Call {
            action: Action::PollForTask,
            caller: CallerIx(3),
        };
        let tick = Cause::Timer(Timer::ScheduleTick {
            p: PipelineIx(0),
            c: ComponentIx(2),
            k: 9,
        });
        let mut entries = vec![
            entry(t(2, 3600), Subject::Pipeline, call),
            entry(t(2, 3600), Subject::Instance(InstanceIx(7)), tick),
            entry(
                t(2, 86_399),
                Subject::Attempt(AttemptIx(POSITION_MASK)),
                tick,
            ),
            entry(t(3, 5), Subject::Component(ComponentIx(4)), call),
            // Before the first entry, with a fraction of a second, a
            // position past 2^30: kept whole.
            entry(t(1, 0), Subject::Instance(InstanceIx(1)), call),
            entry(
                t(3, 5) + TimeDelta::milliseconds(250),
                Subject::Instance(InstanceIx(1)),
                call,
            ),
            entry(
                t(4, 0),
                Subject::Attempt(AttemptIx(POSITION_MASK + 1)),
                call,
            ),
            entry(
                t(30, 17),
                Subject::Instance(InstanceIx(2)),
                Cause::Upstream(Subject::Instance(InstanceIx(7))),
            ),
        ];
        entries[3].from = None;
        entries[3].to = Status::MarkFinished;
        entries[3].pipeline = PipelineIx(5);
        // Note numbers in recording order are packed; one out of order
        // is kept whole.
        entries[1].note = NonZeroU32::new(1);
        entries[2].note = NonZeroU32::new(2);
        entries[7].note = NonZeroU32::new(12);
        let trace: Trace = entries.iter().copied().collect();
        assert_eq!(trace.len(), entries.len());
        assert_eq!(trace.whole.len(), 4);
        // The two calls of pipeline 0 and the one of pipeline 5 share
        // their contexts: 0: call p0, 1: tick, 2: call p5, 3: upstream.
        assert_eq!(trace.contexts.len(), 4);
        assert!(trace.iter().eq(entries.iter().cloned()));
        assert!(trace.iter().rev().eq(entries.iter().rev().cloned()));
        assert!(trace.range(2..6).eq(entries[2..6].iter().cloned()));
        for (i, e) in entries.iter().enumerate() {
            assert_eq!(trace.get(i).as_ref(), Some(e));
        }
        assert_eq!(trace.get(entries.len()), None);
        assert_eq!(trace.last().as_ref(), entries.last());
        let json = serde_json::to_string(&trace).unwrap();
        assert_eq!(json, serde_json::to_string(&entries).unwrap());
        let back: Trace = serde_json::from_str(&json).unwrap();
        assert!(back.iter().eq(entries.iter().cloned()));
    }

    #[test]
    fn an_entry_takes_12_bytes() {
        assert_eq!(std::mem::size_of::<Packed>(), 12);
    }

    #[test]
    fn note_numbers_count_across_blocks() {
        let tick = Cause::Timer(Timer::Due {
            p: PipelineIx(0),
            i: InstanceIx(0),
        });
        let mut n = 0;
        let entries: Vec<TraceEntry> = (0..300u32)
            .map(|k| {
                let mut e = entry(t(2, k), Subject::Instance(InstanceIx(k)), tick);
                if k % 3 == 0 || (100..140).contains(&k) {
                    n += 1;
                    e.note = NonZeroU32::new(n);
                }
                e
            })
            .collect();
        let trace: Trace = entries.iter().copied().collect();
        assert!(trace.whole.is_empty());
        assert!(trace.iter().eq(entries.iter().copied()));
        assert_eq!(trace.get(299), Some(entries[299]));
    }

    #[test]
    fn notes_keep_their_numbers_and_each_text_once() {
        let mut n = Notes::default();
        let a = n.push("acknowledged".into()).unwrap();
        let b = n.push(String::from("exit 1").into()).unwrap();
        let c = n.push("acknowledged".into()).unwrap();
        assert_eq!((a.get(), b.get(), c.get()), (1, 2, 3));
        assert_eq!(n.get(c), Some("acknowledged"));
        assert_eq!(n.get(b), Some("exit 1"));
        assert_eq!(n.get(NonZeroU32::new(4).unwrap()), None);
        assert_eq!(n.texts.len(), 2);
        let json = serde_json::to_string(&n).unwrap();
        assert_eq!(json, r#"["acknowledged","exit 1","acknowledged"]"#);
        let back: Notes = serde_json::from_str(&json).unwrap();
        assert_eq!(back, n);
    }

    #[test]
    fn every_cause_packs_in_a_context_and_reads_back() {
        use crate::ix::{RunnerIx, ThreadIx};
        let p = PipelineIx(3);
        let (c, i, a) = (ComponentIx(4), InstanceIx(5), AttemptIx(6));
        let timers = [
            Timer::ScheduleTick { p, c, k: 7 },
            Timer::Due { p, i },
            Timer::AckExpiry { p, a, lease: 2 },
            Timer::LeaseExpiry { p, a, lease: 3 },
            Timer::AttemptTimeout { p, a },
            Timer::RetryDue { p, i, run: 1 },
            Timer::Late { p, i, run: 1 },
            Timer::PreconditionCheck { p, i, run: 1 },
            Timer::PreconditionTimeout { p, i, run: 1 },
            Timer::ResourceUp { p, i, run: 1 },
            Timer::ResourceTerminate { p, i, run: 1 },
            Timer::ResourceDown { p, i, run: 1 },
            Timer::RunnerWake {
                r: RunnerIx(8),
                t: ThreadIx(9),
            },
            Timer::RunnerHeartbeat { r: RunnerIx(8) },
        ];
        let mut causes: Vec<Cause> = timers.into_iter().map(Cause::Timer).collect();
        for action in Action::ALL {
            causes.push(Cause::Call {
                action: *action,
                caller: CallerIx(2),
            });
        }
        for s in [
            Subject::Pipeline,
            Subject::Component(c),
            Subject::Instance(i),
            Subject::Attempt(a),
        ] {
            causes.push(Cause::Upstream(s));
        }
        for cause in causes {
            let k = Context::pack(p, &cause).expect("packs");
            assert_eq!((k.pipeline(), k.cause()), (p, cause));
        }
        let other = Cause::Timer(Timer::Due {
            p: PipelineIx(1),
            i,
        });
        assert_eq!(Context::pack(p, &other), None, "kept whole");
        assert_eq!(std::mem::size_of::<Context>(), 12);
    }
}
