//! Retention: how long the service keeps the history of finished work
//! (issue 19, item 4). Off by default (`None`: everything is kept, as the
//! service documents no limit on run history). With a rule of N days, a
//! sweep at every virtual midnight forgets, per pipeline, the leading
//! whole chunks (`chunked`) of instances that ended more than N days
//! before it, the attempts of those instances, and the trace's leading
//! chunks of entries older than that (whatever their object). Positions
//! stay: a forgotten instance or attempt reads as a tombstone (long
//! finished) to anything still holding its position, and is unknown by
//! id (DescribeObjects, SetStatus, ReportTaskProgress answer as for an id
//! the pipeline never had); QueryObjects and the views no longer list it.
//!
//! Why chunks: instances, attempts and trace entries are addressed by
//! position, so whole chunks (about 1 MB each) are freed and positions
//! never move; a chunk is kept while any of its instances is unfinished,
//! ended inside the window, or linked to an unfinished one, so the window
//! is a lower bound (at most a chunk more is kept).
//!
//! Determinism: the sweep is part of the virtual clock (`run_timers` runs
//! it at midnight, ordered with the timers as a timer would be), so the
//! same calls at the same virtual times give the same state, in the
//! simulator, live on the endpoint and when its journal is replayed.
//! Setting the rule is itself a change (the endpoint journals it).
//!
//! Leaves out: per-component attempt counts (a count needs per-record
//! removal, which positions do not allow), notes and interned causes of
//! forgotten entries (a few bytes an entry), the call log (`trim_call_log`).

use crate::clock::Timer;
use crate::instance::Instance;
use crate::ix::{AttemptIx, ComponentIx, InstanceIx, PipelineIx};
use crate::state::{Attempt, Status};
use crate::Service;
use chrono::{NaiveDateTime, NaiveTime, TimeDelta};
use serde::{Deserialize, Serialize};

/// A retention rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionRule {
    /// Keep finished instances' detail (and the trace) this many days
    /// after they ended.
    pub keep_days: u32,
}

/// The rule in force and the next sweep.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Retention {
    pub rule: RetentionRule,
    /// The next virtual midnight a sweep runs at.
    next_sweep: NaiveDateTime,
}

/// What the sweeps forgot so far (for benchmarks and tests).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Forgotten {
    pub instances: usize,
    pub attempts: usize,
    pub trace_entries: usize,
}

fn next_midnight(t: NaiveDateTime) -> NaiveDateTime {
    (t.date() + TimeDelta::days(1)).and_time(NaiveTime::MIN)
}

/// What indexing a forgotten instance answers: finished long ago, with a
/// run number no timer carries.
fn instance_tombstone() -> Instance {
    let mut i = Instance::new(
        ComponentIx(0),
        NaiveDateTime::default(),
        NaiveDateTime::default(),
        0,
    );
    i.status = Status::Finished;
    i.run = u32::MAX;
    i
}

/// What indexing a forgotten attempt answers: finished, no live task, a
/// lease no queued task carries.
fn attempt_tombstone() -> Attempt {
    let mut a = Attempt::new(
        InstanceIx(0),
        0,
        Status::Finished,
        NaiveDateTime::default(),
        Default::default(),
    );
    a.lease = u32::MAX;
    a
}

impl Service {
    /// The retention rule in force (None: everything is kept).
    pub fn retention(&self) -> Option<RetentionRule> {
        self.retention.as_ref().map(|r| r.rule)
    }

    /// Set (or with None, lift) the retention rule; the first sweep runs at
    /// the next virtual midnight. Forgotten history does not come back.
    pub fn set_retention(&mut self, rule: Option<RetentionRule>) {
        let next_sweep = next_midnight(self.now());
        self.retention = rule.map(|rule| Retention { rule, next_sweep });
    }

    /// What retention has forgotten so far, over every pipeline.
    pub fn forgotten(&self) -> Forgotten {
        Forgotten {
            instances: self.pipelines.iter().map(|p| p.instances.first()).sum(),
            attempts: self.pipelines.iter().map(|p| p.attempts.first()).sum(),
            trace_entries: self.trace.first(),
        }
    }

    /// How far timers may run before a sweep, and the sweep due at or
    /// before `limit` if any (timers due at its own time run after it).
    #[inline]
    pub(crate) fn sweep_bound(
        &self,
        limit: NaiveDateTime,
    ) -> (NaiveDateTime, Option<NaiveDateTime>) {
        match self.retention.as_ref().map(|r| r.next_sweep) {
            Some(at) if at <= limit => (at - TimeDelta::nanoseconds(1), Some(at)),
            _ => (limit, None),
        }
    }

    /// Run the sweep due at `at` and schedule the next.
    pub(crate) fn sweep(&mut self, at: NaiveDateTime) {
        let Some(r) = self.retention.as_mut() else {
            return;
        };
        r.next_sweep = next_midnight(at);
        let cutoff = at - TimeDelta::days(i64::from(r.rule.keep_days));
        for p in (0..self.pipelines.len() as u32).map(PipelineIx) {
            self.sweep_pipeline(p, cutoff);
        }
        self.trace.forget_before(cutoff);
    }

    /// Whether instance `i` of pipeline `p` may be forgotten: ended before
    /// `cutoff`, its attempts ended with no live task, and every instance
    /// it is linked with ended too.
    fn forgettable(&self, p: PipelineIx, i: InstanceIx, cutoff: NaiveDateTime) -> bool {
        let pl = &self.pipelines[p];
        let inst = &pl.instances[i];
        let ended = |j: &InstanceIx| pl.instances[*j].status.is_terminal();
        inst.status.is_terminal()
            && inst.actual_end().unwrap_or(inst.scheduled_end()) < cutoff
            && inst.attempts().iter().all(|&a| {
                let at = &pl.attempts[a];
                at.status.is_terminal() && at.task_id().is_none()
            })
            && inst.deps().iter().all(ended)
            && inst.dependents().iter().all(ended)
            && inst.preconditions().iter().all(ended)
            && inst.node().iter().all(ended)
            && inst.resource().iter().all(ended)
    }

    fn sweep_pipeline(&mut self, p: PipelineIx, cutoff: NaiveDateTime) {
        let per = crate::chunked::ChunkedVec::<Instance>::chunk_len();
        let (len, mut upto) = {
            let pl = &self.pipelines[p];
            (pl.instances.len(), pl.instances.first() / per)
        };
        // Whole chunks, not the last one (instances are still added there).
        while (upto + 1) * per < len
            && (upto * per..(upto + 1) * per)
                .all(|i| self.forgettable(p, InstanceIx(i as u32), cutoff))
        {
            upto += 1;
        }
        let pl = &mut self.pipelines[p];
        if pl.instances.forget_chunks(upto, Some(instance_tombstone())) == 0 {
            return;
        }
        let first = InstanceIx(pl.instances.first() as u32);
        for c in pl.components.iter_mut() {
            let keep = c.instances.partition_point(|&i| i < first);
            c.instances.drain(..keep);
        }
        pl.precondition_ids.retain(|_, i| *i >= first);
        // Attempts: the leading whole chunks whose attempts all belong to
        // forgotten instances.
        let per_attempt = crate::chunked::ChunkedVec::<Attempt>::chunk_len();
        let mut upto = pl.attempts.first() / per_attempt;
        while (upto + 1) * per_attempt < pl.attempts.len()
            && (upto * per_attempt..(upto + 1) * per_attempt)
                .all(|a| pl.attempts[AttemptIx(a as u32)].instance < first)
        {
            upto += 1;
        }
        pl.attempts.forget_chunks(upto, Some(attempt_tombstone()));
    }

    /// Whether `timer` names a forgotten instance or attempt (it then does
    /// nothing: what it was for ended before the window).
    pub(crate) fn names_forgotten(&self, timer: &Timer) -> bool {
        let inst = |p: PipelineIx, i: InstanceIx| {
            self.pipelines
                .get(p)
                .is_some_and(|pl| i.ix() < pl.instances.first())
        };
        let att = |p: PipelineIx, a: AttemptIx| {
            self.pipelines
                .get(p)
                .is_some_and(|pl| a.ix() < pl.attempts.first())
        };
        match *timer {
            Timer::Due { p, i }
            | Timer::RetryDue { p, i, .. }
            | Timer::Late { p, i, .. }
            | Timer::PreconditionCheck { p, i, .. }
            | Timer::PreconditionTimeout { p, i, .. }
            | Timer::ResourceUp { p, i, .. }
            | Timer::ResourceTerminate { p, i, .. }
            | Timer::ResourceDown { p, i, .. } => inst(p, i),
            Timer::AckExpiry { p, a, .. }
            | Timer::LeaseExpiry { p, a, .. }
            | Timer::AttemptTimeout { p, a } => att(p, a),
            Timer::ScheduleTick { .. }
            | Timer::RunnerWake { .. }
            | Timer::RunnerHeartbeat { .. } => false,
        }
    }

    /// The first position of `sphere` (INSTANCE, ATTEMPT) retention kept.
    pub(crate) fn first_kept(&self, p: PipelineIx, sphere: &str) -> usize {
        let pl = &self.pipelines[p];
        match sphere {
            "INSTANCE" => pl.instances.first(),
            "ATTEMPT" => pl.attempts.first(),
            _ => 0,
        }
    }
}
