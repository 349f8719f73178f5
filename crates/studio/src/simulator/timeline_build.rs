//! Builds the timeline incrementally from the engine's trace: each update
//! reads only the entries appended since the last one, redoes the lanes of
//! the instances they touched and of the instances still open (their spans
//! end at `now`), and places new instances in the first lane of their
//! component's row that is free by then (`timeline_lanes`). The trace is append-only; when
//! the session was replaced (the entries already read changed), it starts
//! over. A long run's entries can be read a bounded number at a time
//! (`update_some`), each part as if the service were seen at its last entry.
//! The lease strips are not built here but for the window shown
//! (`timeline_strips`): a year has two strip spans an attempt, and the
//! strip is drawn only when zoomed in to a few days.

use std::sync::Arc;

use smallvec::SmallVec;

use super::timeline_data::{Mark, MarkKind, Span, Timeline};
use super::timeline_lanes::{Place, Shapes};
use super::timeline_spans::{attempt_spans, instance_spans};
use crate::engine::chunked::ChunkedVec;
use crate::engine::clock::Timer;
use crate::engine::ix::PipelineIx;
use crate::engine::{Action, Cause, Service, Status, Subject, TraceEntry};

/// What the timeline keeps of an instance or attempt. Its lists are held
/// inline up to the length most have (an attempt: queued, running, ended;
/// one holder; one or two attempts an instance): a year has 351,000 of
/// each, and a heap allocation per list was a quarter of its reading.
#[derive(Default)]
pub(super) struct Track {
    /// (time, status) of each change, in order.
    pub(super) changes: Changes,
    pub(super) marks: Vec<(i64, MarkKind)>,
    pub(super) holders: SmallVec<[Arc<str>; 1]>,
    /// When the attempt was acknowledged (its first ReportTaskProgress):
    /// at most once, since an acknowledged task is never handed out again.
    pub(super) ack: Option<i64>,
}

/// An instance's or attempt's status changes, (time, status) packed in
/// one `i64` each: the time (seconds from the timeline's origin) shifted
/// left past a byte holding the status. Exact for any time a `NaiveDateTime`
/// can be apart from another (under 2^43 seconds; the shift keeps 2^55),
/// and four changes fit in 32 bytes instead of 64: a year's 700,000 lists
/// were most of the timeline's memory, and in the browser fresh memory is
/// paid for in page faults.
#[derive(Default)]
pub(super) struct Changes(SmallVec<[i64; 4]>);

impl Changes {
    fn pack(t: i64, s: Status) -> i64 {
        (t << 8) | s as i64
    }

    fn unpack(p: i64) -> (i64, Status) {
        (p >> 8, Status::ALL[(p & 0xff) as usize])
    }

    pub(super) fn push(&mut self, t: i64, s: Status) {
        self.0.push(Self::pack(t, s));
    }

    pub(super) fn get(&self, k: usize) -> Option<(i64, Status)> {
        self.0.get(k).map(|&p| Self::unpack(p))
    }

    pub(super) fn first(&self) -> Option<(i64, Status)> {
        self.get(0)
    }

    pub(super) fn last(&self) -> Option<(i64, Status)> {
        self.0.last().map(|&p| Self::unpack(p))
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = (i64, Status)> + '_ {
        self.0.iter().map(|&p| Self::unpack(p))
    }
}

/// What the timeline keeps of an instance: its status changes only (its
/// holders, marks and acknowledgement are its attempts'; an instance
/// has the same 351,000 of these in a year).
#[derive(Default)]
pub(super) struct InstTrack {
    pub(super) changes: Changes,
    pub(super) attempts: SmallVec<[u32; 2]>,
    pub(super) place: Option<Place>,
    /// Listed in `TimelineBuilder::dirty`.
    dirty: bool,
    /// Not done when last placed (listed in `TimelineBuilder::open`).
    pub(super) open: bool,
}

/// The timeline of one pipeline, kept up to date with its trace.
#[derive(Default)]
pub struct TimelineBuilder {
    pipeline_id: String,
    /// Trace entries read, and the last of them (to notice a new session).
    pub(super) seen: usize,
    last: Option<TraceEntry>,
    /// Seconds from the origin to the time the trace was read to.
    pub(super) now: i64,
    /// By instance and attempt position, in chunks that never move (a
    /// year's 351,000 of each grown by doubling were copied again and
    /// again: a tenth of its reading in the browser).
    pub(super) insts: ChunkedVec<InstTrack>,
    pub(super) atts: ChunkedVec<Track>,
    /// Instances touched since the last update (each once), and those
    /// not yet done (with some done since: `InstTrack::open` says which,
    /// and the next update drops them; a set kept sorted cost a tree
    /// insertion and removal an instance).
    dirty: Vec<u32>,
    pub(super) open: Vec<u32>,
    /// The last time read and its second of the timeline (most entries
    /// share their time with the one before).
    last_time: Option<(chrono::NaiveDateTime, i64)>,
    /// The row of each component, by its position.
    pub(super) rows_of: Vec<Option<usize>>,
    holders: Vec<Arc<str>>,
    /// The holder name of each caller position (read once per caller).
    by_caller: Vec<Option<Arc<str>>>,
    /// Scratch buffers for an instance's spans and marks.
    spans: Vec<Span>,
    marks: Vec<Mark>,
    /// What the lease strips were last filled for (`timeline_strips`).
    pub(super) strips_for: Option<super::timeline_strips::StripsKey>,
    pub timeline: Timeline,
}

fn mark_of(cause: &Cause) -> Option<MarkKind> {
    match cause {
        Cause::Timer(Timer::LeaseExpiry { .. }) => Some(MarkKind::LeaseExpired),
        Cause::Timer(Timer::AckExpiry { .. }) => Some(MarkKind::Reassigned),
        Cause::Timer(Timer::AttemptTimeout { .. }) => Some(MarkKind::TimedOut),
        _ => None,
    }
}

/// The timeline of `pipeline_id` from the whole trace, with the lease
/// strips of the whole run.
pub fn build(service: &Service, pipeline_id: &str) -> Timeline {
    let mut b = TimelineBuilder::default();
    b.update(service, pipeline_id);
    b.fill_strips(service, None);
    b.timeline
}

impl TimelineBuilder {
    /// Catch up with the trace (a new session or pipeline starts over).
    /// Returns whether anything changed.
    pub fn update(&mut self, service: &Service, pipeline_id: &str) -> bool {
        self.update_some(service, pipeline_id, usize::MAX).0
    }

    /// Catch up with at most `max` more trace entries, as if the service
    /// were seen at the last of them (so a long run can be read over
    /// several frames). Returns whether anything changed and whether
    /// entries are left to read.
    pub fn update_some(
        &mut self,
        service: &Service,
        pipeline_id: &str,
        max: usize,
    ) -> (bool, bool) {
        let trace = service.trace();
        let replaced = self.pipeline_id != pipeline_id
            || trace.len() < self.seen
            || (self.seen > 0 && trace.get(self.seen - 1) != self.last);
        if replaced {
            *self = TimelineBuilder {
                pipeline_id: pipeline_id.to_string(),
                ..TimelineBuilder::default()
            };
        }
        let Some(p) = service.pipeline_position(pipeline_id) else {
            return (false, false);
        };
        self.timeline.pipeline = p;
        let end = trace.len().min(self.seen.saturating_add(max.max(1)));
        let fresh = trace.range(self.seen..end);
        self.seen = end;
        self.last = end.checked_sub(1).and_then(|k| trace.get(k));
        for e in fresh.filter(|e| e.pipeline == p) {
            self.read(service, p, &e);
        }
        let more = end < trace.len();
        let Some(origin) = self.timeline.origin else {
            return (replaced, more);
        };
        let seen_at = match &self.last {
            Some(e) if more => e.at,
            _ => service.now(),
        };
        let now = (seen_at - origin).num_seconds();
        let changed = replaced || !self.dirty.is_empty() || now != self.timeline.length;
        self.now = now;
        self.timeline.length = now.max(1);
        // In instance order (a new instance takes the first free lane).
        let mut redo = std::mem::take(&mut self.dirty);
        for &i in &redo {
            self.insts[i as usize].dirty = false;
        }
        let insts = &self.insts;
        self.open.retain(|&i| insts[i as usize].open);
        redo.extend(self.open.iter().copied());
        redo.sort_unstable();
        redo.dedup();
        for &i in &redo {
            self.place(service, p, i, now);
        }
        redo.clear();
        self.dirty = redo;
        self.timeline.attempt_count = self.atts.len();
        (changed, more)
    }

    fn read(&mut self, service: &Service, p: PipelineIx, e: &TraceEntry) {
        let origin = *self.timeline.origin.get_or_insert(e.at);
        let t = match self.last_time {
            Some((at, t)) if at == e.at => t,
            _ => {
                let t = (e.at - origin).num_seconds();
                self.last_time = Some((e.at, t));
                t
            }
        };
        let (inst, attempt) = match e.subject {
            Subject::Instance(i) => (i.get(), None),
            Subject::Attempt(a) => match service.attempt_instance(p, a) {
                Some(i) => (i.get(), Some(a.get())),
                None => return,
            },
            _ => return,
        };
        // Who holds an attempt that started running (an instance's holder
        // is its attempt's).
        let starts = e.to == Status::Running && e.from != Some(Status::Running);
        let holder = if starts && attempt.is_some() {
            Some(self.holder(service, p, &e.cause))
        } else {
            None
        };
        grow(&mut self.insts, inst);
        let it = &mut self.insts[inst as usize];
        if !it.dirty {
            it.dirty = true;
            self.dirty.push(inst);
        }
        let track = match attempt {
            None => {
                if it.changes.last().map(|c| c.1) != Some(e.to) {
                    it.changes.push(t, e.to);
                }
                return;
            }
            Some(a) => {
                grow(&mut self.atts, a);
                let list = &mut it.attempts;
                if !list.contains(&a) {
                    list.push(a);
                    list.sort_unstable();
                }
                &mut self.atts[a as usize]
            }
        };
        if let Some(m) = mark_of(&e.cause) {
            track.marks.push((t, m));
        }
        if let Some(h) = holder {
            track.holders.push(h);
        }
        let ack = matches!(
            e.cause,
            Cause::Call {
                action: Action::ReportTaskProgress,
                ..
            }
        );
        if ack && e.from == Some(Status::Running) && e.to == Status::Running {
            track.ack = Some(t);
        }
        if track.changes.last().map(|c| c.1) != Some(e.to) {
            track.changes.push(t, e.to);
        }
    }

    /// Who holds an attempt that started running for `cause`: the caller
    /// of "PollForTask by r1" (kept per caller), else what follows " by "
    /// in the cause's words, else "?".
    fn holder(&mut self, service: &Service, p: PipelineIx, cause: &Cause) -> Arc<str> {
        if let (Cause::Call { caller, .. }, Some(name)) = (cause, service.cause_caller(cause)) {
            let k = caller.ix();
            if let Some(Some(h)) = self.by_caller.get(k) {
                return h.clone();
            }
            let h = self.intern(name);
            if k >= self.by_caller.len() {
                self.by_caller.resize(k + 1, None);
            }
            self.by_caller[k] = Some(h.clone());
            return h;
        }
        let words = service.describe_cause(p, cause);
        self.intern(words.split_once(" by ").map_or("?", |c| c.1))
    }

    fn intern(&mut self, name: &str) -> Arc<str> {
        match self.holders.iter().find(|h| &***h == name) {
            Some(h) => h.clone(),
            None => {
                let h: Arc<str> = Arc::from(name);
                self.holders.push(h.clone());
                h
            }
        }
    }

    /// Redo instance `i`'s spans and marks and put them in its lane.
    fn place(&mut self, service: &Service, p: PipelineIx, i: u32, now: i64) {
        let Some(it) = self.insts.get(i as usize) else {
            return;
        };
        // Into the scratch buffers (no allocation per instance).
        let mut spans = std::mem::take(&mut self.spans);
        let mut marks = std::mem::take(&mut self.marks);
        spans.clear();
        marks.clear();
        let (first, last) = instance_spans(&it.changes, i, now, &mut spans);
        let mut prev_end: Option<i64> = None;
        for &a in &it.attempts {
            let track = &self.atts[a as usize];
            prev_end = Some(attempt_spans(track, i, a, prev_end, now, &mut spans));
            marks.extend(track.marks.iter().map(|&(at, kind)| Mark {
                kind,
                at,
                instance: i,
                attempt: a,
            }));
        }
        spans.sort_by_key(|s| s.start);
        marks.sort_by_key(|m| m.at);
        let done = it.changes.last().is_some_and(|c| c.1.is_terminal());
        let place = it.place;
        let it = &mut self.insts[i as usize];
        if done {
            it.open = false;
        } else if !it.open {
            it.open = true;
            self.open.push(i);
        }
        let end = last.max(first + 1);
        let shapes = Shapes {
            spans: &mut spans,
            marks: &mut marks,
        };
        match place {
            Some(place) => self.replace(i, place, shapes, end),
            None => self.put(service, p, i, shapes, first, end),
        }
        self.spans = spans;
        self.marks = marks;
    }
}

/// Make room for position `i` in `list`.
fn grow<T: Default>(list: &mut ChunkedVec<T>, i: u32) {
    while i as usize >= list.len() {
        list.push(T::default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_keep_every_time_and_status_exactly() {
        // The extremes of what two `NaiveDateTime`s can be apart (±2^43 s), and around zero.
        let span = (chrono::NaiveDateTime::MAX - chrono::NaiveDateTime::MIN).num_seconds();
        let times = [
            0,
            1,
            -1,
            59,
            86_400 * 366,
            i64::from(u32::MAX) + 7,
            span,
            -span,
        ];
        let mut c = Changes::default();
        let mut want = Vec::new();
        for (k, &t) in times.iter().enumerate() {
            for s in Status::ALL {
                c.push(t + k as i64, s);
                want.push((t + k as i64, s));
            }
        }
        assert!(c.iter().eq(want.iter().copied()));
        assert_eq!(c.first(), want.first().copied());
        assert_eq!(c.last(), want.last().copied());
        assert_eq!(c.get(5), Some(want[5]));
        assert_eq!(c.get(want.len()), None);
        assert_eq!(Changes::default().last(), None);
    }
}
