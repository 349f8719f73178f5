//! Virtual time: the clock the service reads (it never reads the wall
//! clock) and the ordered event queue of timers (time, then sequence), with
//! lazy cancellation: a timer that no longer applies is ignored when it fires.
//! Timers set for the current time (runner wake-ups, mostly) wait in a FIFO
//! lane beside the heap: they are already in (time, sequence) order. So do
//! the acknowledgement, lease and schedule timers in their own lanes: each
//! is set a fixed delay ahead of a clock that never goes back, so a lane
//! stays sorted (a timer that would break the order goes to the heap).
//! Beside the timers, the clock holds the work due at once: the instances
//! to re-evaluate (drained before every call returns) and whether timers
//! are being run (a timer's effects never run timers again). What a timer
//! or an evaluation does is left to the `Service` (`service`, `lifecycle`).

use crate::ix::{AttemptIx, ComponentIx, InstanceIx, PipelineIx, RunnerIx, ThreadIx};
use crate::trace::Cause;
use chrono::{Datelike, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BinaryHeap, VecDeque};

/// What a timer does when it fires. Indices are (pipeline, instance /
/// attempt / component) positions in the service's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Timer {
    /// Create the instances of interval `k` of component `c` (a schedule's
    /// intervals are numbered in `u32`, see `Schedule::interval_start`).
    ScheduleTick {
        p: PipelineIx,
        c: ComponentIx,
        k: u32,
    },
    /// An instance's due time (interval start for cron, end for timeseries).
    Due { p: PipelineIx, i: InstanceIx },
    /// The acknowledgement window of a handed-out task lapses.
    AckExpiry {
        p: PipelineIx,
        a: AttemptIx,
        lease: u32,
    },
    /// The progress lease of an acknowledged task may have lapsed.
    LeaseExpiry {
        p: PipelineIx,
        a: AttemptIx,
        lease: u32,
    },
    /// `attemptTimeout` of an attempt runs out.
    AttemptTimeout { p: PipelineIx, a: AttemptIx },
    /// `retryDelay` after a failed attempt has passed.
    RetryDue {
        p: PipelineIx,
        i: InstanceIx,
        run: u32,
    },
    /// `lateAfterTimeout` of an instance runs out.
    Late {
        p: PipelineIx,
        i: InstanceIx,
        run: u32,
    },
    /// Re-check a system-managed precondition.
    PreconditionCheck {
        p: PipelineIx,
        i: InstanceIx,
        run: u32,
    },
    /// `preconditionTimeout` runs out.
    PreconditionTimeout {
        p: PipelineIx,
        i: InstanceIx,
        run: u32,
    },
    /// A resource finishes CREATING.
    ResourceUp {
        p: PipelineIx,
        i: InstanceIx,
        run: u32,
    },
    /// A resource reaches `terminateAfter`.
    ResourceTerminate {
        p: PipelineIx,
        i: InstanceIx,
        run: u32,
    },
    /// A resource finishes SHUTTING_DOWN.
    ResourceDown {
        p: PipelineIx,
        i: InstanceIx,
        run: u32,
    },
    /// A simulated runner thread acts.
    RunnerWake { r: RunnerIx, t: ThreadIx },
    /// A simulated runner sends ReportTaskRunnerHeartbeat.
    RunnerHeartbeat { r: RunnerIx },
}

/// A timer at a time; `seq` orders timers set for the same time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scheduled {
    pub at: NaiveDateTime,
    pub seq: u64,
    pub timer: Timer,
}

impl Scheduled {
    /// Whether `self` fires before `other`: (time, sequence), field by
    /// field (the one ordering; `Ord` reverses it for the max-heap).
    #[inline]
    fn fires_before(&self, other: &Scheduled) -> bool {
        if self.at != other.at {
            self.at < other.at
        } else {
            self.seq < other.seq
        }
    }
}

impl Ord for Scheduled {
    // Reversed so the std max-heap pops the earliest (time, seq) first.
    fn cmp(&self, other: &Self) -> Ordering {
        if self.fires_before(other) {
            Ordering::Greater
        } else if other.fires_before(self) {
            Ordering::Less
        } else {
            Ordering::Equal
        }
    }
}

impl PartialOrd for Scheduled {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The FIFO lanes: timers set for the time that was current when they were
/// set (`SOON`), then acknowledgement, lease and schedule/due timers.
const LANES: usize = 4;
const SOON: usize = 0;

/// The FIFO lane a timer goes to when it keeps that lane sorted.
fn lane(timer: &Timer) -> Option<usize> {
    match timer {
        Timer::AckExpiry { .. } => Some(1),
        Timer::LeaseExpiry { .. } => Some(2),
        Timer::ScheduleTick { .. } | Timer::Due { .. } => Some(3),
        _ => None,
    }
}

/// Where the earliest timer waits: the heap (`LANES`) or a lane.
type Source = usize;
const HEAP: Source = LANES;

/// The virtual clock and its timers.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Clock {
    now: NaiveDateTime,
    seq: u64,
    queue: BinaryHeap<Scheduled>,
    /// FIFO lanes (`SOON`, then by timer kind, see `lane`), each in
    /// (time, sequence) order.
    #[serde(default)]
    lanes: [VecDeque<Scheduled>; LANES],
    /// Instances to re-evaluate now, in order, with what caused it.
    #[serde(default)]
    evals: VecDeque<(PipelineIx, InstanceIx, Cause)>,
    /// Timers are being run (between `enter` and `leave`).
    #[serde(skip)]
    running: bool,
}

/// `t` without its fraction of a second. The virtual clock moves in whole
/// seconds, as the service's DateTime (`YYYY-MM-DDTHH:MM:SS`) does: an id
/// built from a time (`@A_<scheduledStartTime>`) must name the instance a
/// lookup by that id finds, also when a wall clock hands in milliseconds
/// (issue 18 item 1).
pub fn whole_seconds(t: NaiveDateTime) -> NaiveDateTime {
    use chrono::Timelike;
    t.with_nanosecond(0).unwrap_or(t)
}

impl Clock {
    pub fn new(start: NaiveDateTime) -> Self {
        Clock {
            now: whole_seconds(start),
            seq: 0,
            queue: BinaryHeap::new(),
            lanes: Default::default(),
            evals: VecDeque::new(),
            running: false,
        }
    }
    /// Start running timers: false if they are being run already.
    pub(crate) fn enter(&mut self) -> bool {
        !std::mem::replace(&mut self.running, true)
    }
    /// Timers are no longer being run.
    pub(crate) fn leave(&mut self) {
        self.running = false;
    }
    /// Re-evaluate instance `i` of pipeline `p` before the call returns.
    pub(crate) fn queue_eval(&mut self, p: PipelineIx, i: InstanceIx, cause: Cause) {
        self.evals.push_back((p, i, cause));
    }
    /// Whether instances wait to be re-evaluated.
    #[inline]
    pub(crate) fn has_evals(&self) -> bool {
        !self.evals.is_empty()
    }
    /// The next instance to re-evaluate, first queued first.
    pub(crate) fn next_eval(&mut self) -> Option<(PipelineIx, InstanceIx, Cause)> {
        self.evals.pop_front()
    }
    pub fn now(&self) -> NaiveDateTime {
        self.now
    }
    /// Set a timer; a time in the past fires at the next step, in order.
    pub fn set(&mut self, at: NaiveDateTime, timer: Timer) {
        self.seq += 1;
        let s = Scheduled {
            at,
            seq: self.seq,
            timer,
        };
        // `now` never goes back and `seq` grows, so `SOON` stays sorted.
        self.push(at == self.now, s);
    }
    /// Take the next sequence number now, for a timer set later with
    /// `set_reserved` that must fire as if set now.
    pub fn reserve(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }
    /// Set a timer with a number from `reserve` (to its lane if it sorts
    /// after the lane's last, else to the heap).
    pub fn set_reserved(&mut self, at: NaiveDateTime, seq: u64, timer: Timer) {
        self.push(false, Scheduled { at, seq, timer });
    }
    /// Queue `s` at the back of the `SOON` lane (when `soon`) or of its
    /// kind's lane when it sorts after that lane's last, else in the heap.
    #[inline]
    fn push(&mut self, soon: bool, s: Scheduled) {
        let l = if soon { Some(SOON) } else { lane(&s.timer) };
        if let Some(lane) = l.and_then(|l| self.lanes.get_mut(l)) {
            if lane.back().is_none_or(|b| b.fires_before(&s)) {
                lane.push_back(s);
                return;
            }
        }
        self.queue.push(s);
    }
    /// The earliest timer and where it waits.
    #[inline]
    fn head(&self) -> Option<(&Scheduled, Source)> {
        // Straight-line code (the loop unrolls): this runs on every step.
        let mut best = self.queue.peek();
        let mut src = HEAP;
        for l in 0..LANES {
            if let Some(f) = self.lanes[l].front() {
                if best.is_none_or(|b| f.fires_before(b)) {
                    best = Some(f);
                    src = l;
                }
            }
        }
        best.map(|b| (b, src))
    }
    /// The time of the earliest timer.
    pub fn next_time(&self) -> Option<NaiveDateTime> {
        self.head().map(|(s, _)| s.at.max(self.now))
    }
    /// Pop the earliest timer due at or before `limit`, moving the clock to it.
    pub fn pop_due(&mut self, limit: NaiveDateTime) -> Option<Timer> {
        let (head, src) = self.head()?;
        if head.at > limit {
            return None;
        }
        let (at, timer) = (head.at, head.timer);
        match self.lanes.get_mut(src) {
            Some(lane) => lane.pop_front(),
            None => self.queue.pop(),
        };
        if at > self.now {
            self.now = at;
        }
        Some(timer)
    }
    /// Move the clock forward (never back).
    pub fn move_to(&mut self, t: NaiveDateTime) {
        let t = whole_seconds(t);
        if t > self.now {
            self.now = t;
        }
    }
    pub fn pending(&self) -> usize {
        self.queue.len() + self.lanes.iter().map(VecDeque::len).sum::<usize>()
    }
    /// All pending timers, earliest first (for checks and the UI).
    pub fn timers(&self) -> Vec<Scheduled> {
        let mut v: Vec<Scheduled> = self
            .queue
            .iter()
            .chain(self.lanes.iter().flatten())
            .cloned()
            .collect();
        v.sort_by(|a, b| b.cmp(a));
        v
    }
}

/// `t + secs`, saturating at the calendar's ends (periods come from user input).
/// Within the day (a runner's next poll or report, a lease): the seconds
/// added to the time of day, inline, without date arithmetic.
#[inline]
pub fn plus(t: NaiveDateTime, secs: i64) -> NaiveDateTime {
    if secs == 0 {
        return t;
    }
    let day = t.time();
    let s = i64::from(day.num_seconds_from_midnight()) + secs;
    if (0..86_400).contains(&s) && day.nanosecond() < 1_000_000_000 {
        if let Some(time) =
            chrono::NaiveTime::from_num_seconds_from_midnight_opt(s as u32, day.nanosecond())
        {
            return t.date().and_time(time);
        }
    }
    model::time::add_seconds(t, secs).unwrap_or(if secs < 0 {
        NaiveDateTime::MIN
    } else {
        NaiveDateTime::MAX
    })
}

/// `YYYY-MM-DDTHH:MM:SS`, as `model::time::format_datetime` but without
/// the format-string machinery (this runs several times per task).
pub fn format_time(t: NaiveDateTime) -> String {
    let mut out = String::with_capacity(19);
    push_time(&mut out, t);
    out
}

/// Append `t` as `format_time` writes it.
pub fn push_time(out: &mut String, t: NaiveDateTime) {
    let y = t.year();
    if !(0..=9999).contains(&y) {
        out.push_str(&model::time::format_datetime(t));
        return;
    }
    let mut b = [0u8; 19];
    let mut put = |at: usize, v: u32, width: usize| {
        let mut v = v;
        for k in (0..width).rev() {
            b[at + k] = b'0' + (v % 10) as u8;
            v /= 10;
        }
    };
    put(0, y as u32, 4);
    put(5, t.month(), 2);
    put(8, t.day(), 2);
    put(11, t.hour(), 2);
    put(14, t.minute(), 2);
    put(17, t.second(), 2);
    b[4] = b'-';
    b[7] = b'-';
    b[10] = b'T';
    b[13] = b':';
    b[16] = b':';
    // ASCII digits and separators only.
    out.push_str(std::str::from_utf8(&b).unwrap_or_default());
}

#[cfg(test)]
mod tests;
