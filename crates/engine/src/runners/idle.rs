//! A simulated runner when nothing is handed to it: its heartbeat on a
//! timer of its own (every `heartbeat_interval_secs`, whatever its threads
//! do), and its idle threads parked while the call log is off.
//!
//! An idle thread long-polls (reference §4: PollForTask waits up to 90 s
//! and hands over the first task queued meanwhile), then polls again. With
//! the call log off, such a poll of an empty queue changes nothing and
//! leaves no record, so the thread parks instead: no timer, only the time
//! it would poll next. A task queued for it wakes it at once, as before
//! (`wake_long_poller`). When its polls could matter again (the call log
//! turned on, so the API log lists them; a pipeline activated again, so
//! tasks left in its queue can be handed out) it is put back on its
//! polling times: it polls at the same virtual times as if it had never
//! parked.

use crate::actions::ReportTaskRunnerHeartbeatInput;
use crate::clock::{plus, Timer};
use crate::ix::{RunnerIx, ThreadIx};
use crate::Service;
use chrono::NaiveDateTime;

impl Service {
    /// Set runner `r`'s heartbeat timer: its last heartbeat + the policy's
    /// interval, or now if it sent none or that has passed.
    pub(crate) fn schedule_heartbeat(&mut self, r: RunnerIx) {
        let now = self.clock.now();
        let run = &mut self.runners[r];
        let every = run.spec.policy.heartbeat_interval_secs.max(1);
        let due = run.last_heartbeat.map_or(now, |h| plus(h, every)).max(now);
        run.heartbeat_due = Some(due);
        self.clock.set(due, Timer::RunnerHeartbeat { r });
    }

    /// Runner `r`'s heartbeat timer: ReportTaskRunnerHeartbeat (a live
    /// runner, the timer still current), the next one set; `terminate`
    /// stops the runner.
    pub(crate) fn runner_heartbeat(&mut self, r: RunnerIx) {
        let now = self.clock.now();
        let Some(run) = self.runners.get_mut(r) else {
            return;
        };
        if run.stopped || run.crashed || run.heartbeat_due != Some(now) {
            return;
        }
        run.last_heartbeat = Some(now);
        let req = ReportTaskRunnerHeartbeatInput {
            taskrunner_id: Some(run.taskrunner_id.clone()),
            worker_group: Some(run.spec.worker_group.clone()),
            hostname: Some(run.spec.hostname.clone()),
        };
        let caller = run.caller;
        self.schedule_heartbeat(r);
        let out = self.as_caller(caller, |s| s.report_task_runner_heartbeat(req));
        if out.is_ok_and(|o| o.terminate) {
            self.runners[r].stopped = true;
        }
    }

    /// After an empty poll at `now`: the thread polls again at `next`, by
    /// a timer when the call log is on, else parked (no timer).
    pub(super) fn poll_again(&mut self, r: RunnerIx, t: ThreadIx, next: NaiveDateTime) {
        if self.calls.log_enabled() {
            self.schedule_thread(r, t, next);
            return;
        }
        let th = &mut self.runners[r].threads[t];
        th.next_wake = None;
        th.parked = Some(next);
    }

    /// Put every parked thread of a live runner back on its polling times:
    /// a timer at the first of `parked + k × poll interval` (k ≥ 0) after
    /// now. The ones before it found nothing (a queued task would have
    /// woken the thread) and timers due now have run when a call comes.
    pub(crate) fn unpark_threads(&mut self) {
        let now = self.clock.now();
        for (r, run) in self.runners.iter_mut().enumerate() {
            let r = RunnerIx(r as u32);
            if run.stopped || run.crashed {
                continue;
            }
            let every = run.spec.policy.poll_interval_secs.max(1);
            for (t, th) in run.threads.iter_mut().enumerate() {
                let Some(mut at) = th.parked.take() else {
                    continue;
                };
                if at <= now {
                    let behind = (now - at).num_seconds();
                    at = plus(at, (behind / every + 1) * every);
                }
                th.next_wake = Some(at);
                let t = ThreadIx(t as u32);
                self.clock.set(at, Timer::RunnerWake { r, t });
            }
        }
    }
}
