//! The `Service` value: all state of the simulated service and its virtual
//! clock (`now`, `advance_to`, `step`, `run_until_idle`). Its parts with
//! their own narrow methods: the pipelines and their indexes
//! (`pipelines::Pipelines`), the callers and call log (`calls::Calls`),
//! the task queues (`queues::Queues`),
//! the clock with its timers, the instances to re-evaluate and whether
//! timers are running (`clock::Clock`), the simulated runners with the
//! heartbeats and terminate orders (`runners::roster::Runners`), the
//! trace with its notes (`trace::History`).
//! Actions live in `actions/`, the lifecycle in `lifecycle/`.

use super::clock::{Clock, Timer};
use super::config::ServiceConfig;
use super::ix::CallerIx;
use super::rng::SimRng;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use super::calls::CallRecord;

/// A notification sent by an SnsAlarm action.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Notification {
    pub at: NaiveDateTime,
    pub pipeline_id: String,
    pub alarm: String,
    /// The instance whose event fired the alarm.
    pub object: String,
    pub topic_arn: String,
    pub subject: String,
    pub message: String,
}

/// The last heartbeat of a task runner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Heartbeat {
    pub at: NaiveDateTime,
    pub worker_group: Option<String>,
    pub hostname: Option<String>,
    pub terminate: bool,
}

pub use super::queues::{QueuedTask, TaskQueue};

/// The simulated AWS Data Pipeline service.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Service {
    pub(crate) config: ServiceConfig,
    pub(crate) clock: Clock,
    pub(crate) rng: SimRng,
    /// The pipelines with their indexes (`pipelines::Pipelines`): by
    /// number, by pipelineId, by (name, uniqueId).
    pub(crate) pipelines: super::pipelines::Pipelines,
    /// The task queues (`queues::Queues`): tasks waiting for a poller and
    /// idle threads, by number and by workerGroup (or resource instance id).
    pub(crate) queues: super::queues::Queues,
    /// The simulated runners, the heartbeats and the terminate orders
    /// (`runners::roster::Runners`).
    pub(crate) runners: super::runners::roster::Runners,
    /// Packed, in chunks: it grows without copying.
    pub(crate) trace: super::trace::History,
    pub(crate) notifications: Vec<Notification>,
    /// Facts the system-managed preconditions check (key → exists).
    pub(crate) facts: BTreeMap<String, bool>,
    /// The callers and the call log.
    pub(crate) calls: super::calls::Calls,
    pub(crate) counter: u64,
    /// The hostname of the last PollForTask that got a task (shared by the
    /// attempts that host polled for in a row).
    #[serde(skip)]
    pub(crate) last_hostname: Option<crate::state::Name>,
    /// How long finished history is kept (`retention`; None: all of it).
    #[serde(default)]
    pub(crate) retention: Option<super::retention::Retention>,
}

impl Service {
    pub fn new(config: ServiceConfig) -> Service {
        Service {
            clock: Clock::new(config.start_time),
            rng: SimRng::new(config.seed),
            config,
            pipelines: Default::default(),
            queues: Default::default(),
            runners: Default::default(),
            trace: Default::default(),
            notifications: Vec::new(),
            facts: BTreeMap::new(),
            calls: Default::default(),
            counter: 0,
            last_hostname: None,
            retention: None,
        }
    }

    pub fn config(&self) -> &ServiceConfig {
        &self.config
    }

    /// The virtual time.
    pub fn now(&self) -> NaiveDateTime {
        self.clock.now()
    }

    /// The time of the next pending timer.
    pub fn next_event_time(&self) -> Option<NaiveDateTime> {
        self.clock.next_time()
    }

    /// Run every timer up to `t` in order, then move the clock to `t`.
    // Not inlined: profiles count the instructions under it (callgrind
    // `--toggle-collect=*Service*advance_to*`), also in LTO builds.
    #[inline(never)]
    pub fn advance_to(&mut self, t: NaiveDateTime) {
        self.run_timers(t);
        self.clock.move_to(t);
    }

    /// Move to the next timer's time and run every timer due then.
    /// Returns false when no timer is pending.
    pub fn step(&mut self) -> bool {
        match self.clock.next_time() {
            Some(t) => {
                self.run_timers(t);
                true
            }
            None => false,
        }
    }

    /// Step until no timer is pending or `max_steps` steps were taken
    /// (simulated runners keep timers forever, so a bound is needed).
    pub fn run_until_idle_bounded(&mut self, max_steps: usize) -> usize {
        let mut n = 0;
        while n < max_steps && self.step() {
            n += 1;
        }
        n
    }

    /// Step until no timer is pending. With polling simulated runners there
    /// is always one; then this stops after a million steps.
    pub fn run_until_idle(&mut self) {
        self.run_until_idle_bounded(1_000_000);
    }

    /// Run every timer due at or before `limit`, in (time, sequence) order.
    pub(crate) fn run_timers(&mut self, limit: NaiveDateTime) {
        if !self.clock.enter() {
            return;
        }
        self.settle();
        loop {
            // Retention's sweep runs in order with the timers (before
            // those due at its own time).
            let (bound, sweep) = self.sweep_bound(limit);
            match self.clock.pop_due(bound) {
                Some(timer) => {
                    self.fire(timer);
                    self.settle();
                }
                None => match sweep {
                    Some(at) => self.sweep(at),
                    None => break,
                },
            }
        }
        self.clock.leave();
    }

    /// Run the timers due now (after every call, so a call's effects are visible at once).
    pub(crate) fn run_due(&mut self) {
        let now = self.now();
        self.run_timers(now);
    }

    fn fire(&mut self, timer: Timer) {
        match timer {
            Timer::RunnerWake { r, t } => self.runner_wake(r, t),
            Timer::RunnerHeartbeat { r } => self.runner_heartbeat(r),
            other => self.fire_lifecycle(other),
        }
    }

    /// Label the caller of the following calls (a runner's name, "console", …).
    pub fn set_caller(&mut self, label: &str) {
        let c = self.calls.index(label);
        self.calls.set_current(c);
    }

    /// Run `f` with caller `n` (a runner's label), then restore the caller.
    pub(crate) fn as_caller<T>(&mut self, n: CallerIx, f: impl FnOnce(&mut Service) -> T) -> T {
        let saved = self.calls.set_current(n);
        let out = f(self);
        self.calls.set_current(saved);
        out
    }

    pub(crate) fn caller_index(&mut self, label: &str) -> CallerIx {
        self.calls.index(label)
    }

    /// The label of caller `n` ("?" if unknown).
    pub(crate) fn caller_name(&self, n: Option<CallerIx>) -> String {
        n.and_then(|n| self.calls.label(n))
            .unwrap_or("?")
            .to_string()
    }

    pub fn caller_label(&self) -> &str {
        self.calls.current_label()
    }

    /// Record every call from now on (off by default: it costs a JSON
    /// rendering per call). While it is off, a simulated runner's idle
    /// thread parks instead of polling again (its polls would find nothing
    /// and leave no record); turning it on puts parked threads back on
    /// their polling times, so the log lists every poll as before.
    pub fn set_call_log(&mut self, enabled: bool) {
        let was = self.calls.set_log_enabled(enabled);
        if enabled && !was {
            self.unpark_threads();
        }
    }

    pub fn call_log(&self) -> &[CallRecord] {
        self.calls.log()
    }

    pub fn clear_call_log(&mut self) {
        self.calls.clear_log();
    }

    /// Keep only the newest `keep` calls (a long run would otherwise hold
    /// every call it ever made).
    pub fn trim_call_log(&mut self, keep: usize) {
        self.calls.trim_log(keep);
    }

    /// Notifications sent by SnsAlarm actions.
    pub fn notifications(&self) -> &[Notification] {
        &self.notifications
    }

    /// Tell system-managed preconditions whether `key` (an `s3Key`,
    /// `s3Prefix` or `tableName` value) exists.
    pub fn set_fact(&mut self, key: &str, exists: bool) {
        self.facts.insert(key.to_string(), exists);
    }

    /// Tasks waiting in the queue of `worker_group` (for a front end that
    /// holds a PollForTask open up to 90 s, as the service's long poll does).
    pub fn queued_tasks(&self, worker_group: &str) -> usize {
        self.queues.find(worker_group).map_or(0, |q| {
            self.queues[q]
                .tasks
                .iter()
                .filter(|&&(p, a, lease)| {
                    self.pipelines.get(p).is_some_and(|pl| {
                        !pl.deleted
                            && pl
                                .attempts
                                .get(a)
                                .is_some_and(|at| at.lease == lease && at.task_id().is_none())
                    })
                })
                .count()
        })
    }

    /// Number of pending timers.
    pub fn pending_timers(&self) -> usize {
        self.clock.pending()
    }

    pub(crate) fn next_counter(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }
}
