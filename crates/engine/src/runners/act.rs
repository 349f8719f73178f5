//! What a simulated runner thread does when it wakes: report on or finish
//! the task it holds, else poll for one (and acknowledge it at once),
//! through the public API like any client.

use super::{HeldTask, Outcome, RunnerPolicy};
use crate::actions::poll_for_task::TaskObject;
use crate::actions::{
    PollForTaskInput, ReportTaskProgressInput, ReportTaskProgressOutput, SetTaskStatusInput,
};
use crate::clock::{plus, Timer};
use crate::error::check_len;
use crate::ix::{AttemptIx, PipelineIx, QueueIx, RunnerIx, ThreadIx};
use crate::task_id::TaskId;
use crate::trace::Cause;
use crate::wire::Action;
use crate::Service;
use chrono::NaiveDateTime;
use model::catalog::{keys, names};
use std::sync::Arc;

impl Service {
    /// Wake one long-polling thread of queue number `slot`.
    pub(crate) fn wake_long_poller(&mut self, slot: QueueIx) {
        let now = self.clock.now();
        let Some(waiting) = self.queues.get_mut(slot).map(|q| &mut q.long_pollers) else {
            return;
        };
        while let Some((r, t)) = waiting.pop_front() {
            let Some(run) = self.runners.get_mut(r) else {
                continue;
            };
            if run.stopped || run.crashed {
                continue;
            }
            let th = &mut run.threads[t];
            if th.long_polling && th.task.is_none() {
                th.long_polling = false;
                th.parked = None;
                th.next_wake = Some(now);
                self.clock.set(now, Timer::RunnerWake { r, t });
                return;
            }
        }
    }

    pub(super) fn schedule_thread(&mut self, r: RunnerIx, t: ThreadIx, at: NaiveDateTime) {
        self.runners[r].threads[t].next_wake = Some(at);
        self.clock.set(at, Timer::RunnerWake { r, t });
    }

    pub(crate) fn runner_wake(&mut self, r: RunnerIx, t: ThreadIx) {
        let now = self.clock.now();
        let Some(run) = self.runners.get(r) else {
            return;
        };
        let Some(th) = run.threads.get(t) else {
            return;
        };
        if run.stopped || run.crashed || th.next_wake != Some(now) {
            return;
        }
        let caller = run.caller;
        if run.heartbeat_due.is_none() {
            // State saved before heartbeats had a timer of their own.
            self.schedule_heartbeat(r);
        }
        self.as_caller(caller, |s| s.runner_act(r, t, now));
    }

    fn runner_act(&mut self, r: RunnerIx, t: ThreadIx, now: NaiveDateTime) {
        let policy = self.runners[r].spec.policy.clone();
        if let Some(task) = self.runners[r].threads[t].task.take() {
            if task.crash_at.is_some_and(|c| now >= c) {
                let run = &mut self.runners[r];
                run.crashed = true;
                run.threads[t].task = Some(task);
                return;
            }
            if now >= task.finish_at {
                let status = match task.outcome {
                    Outcome::Finished => "FINISHED",
                    Outcome::Failed => "FAILED",
                    Outcome::False => "FALSE",
                };
                let mut req = SetTaskStatusInput::new(task.task_id.clone(), status);
                if task.outcome == Outcome::Failed {
                    req.error_id = Some("SimulatedFailure".to_string());
                    req.error_message = Some("the simulated task failed".to_string());
                }
                let ok = self.set_task_status(req).is_ok();
                let run = &mut self.runners[r];
                match (ok, task.outcome) {
                    (true, Outcome::Failed) => run.tasks_failed += 1,
                    (true, _) => run.tasks_finished += 1,
                    _ => {}
                }
            } else {
                let report =
                    self.report_task_progress(ReportTaskProgressInput::new(task.task_id.clone()));
                // Canceled or no longer ours: drop the task and poll again.
                if let Ok(ReportTaskProgressOutput { canceled: false }) = report {
                    let next = self.next_report(&policy, &task, now);
                    self.runners[r].threads[t].task = Some(task);
                    self.schedule_thread(r, t, next);
                    return;
                }
            }
        }
        self.runner_poll(r, t, now, &policy);
    }

    fn next_report(
        &self,
        policy: &RunnerPolicy,
        task: &HeldTask,
        now: NaiveDateTime,
    ) -> NaiveDateTime {
        if task.finish_at <= now {
            // What the lines below give, without the date arithmetic.
            return now;
        }
        let mut next = (plus(now, policy.report_interval_secs.max(1))).min(task.finish_at);
        if let Some(c) = task.crash_at {
            next = next.min(c);
        }
        next.max(now)
    }

    /// PollForTask as runner `r`, through `poll_for_task` when the call is
    /// logged or its request is invalid; else what that call does, without
    /// building its request and answer: the hand-out from the runner's
    /// queue (by number) and the lifecycle work and timers due after it.
    /// An empty queue hands nothing out and changes nothing.
    fn runner_poll_call(&mut self, r: RunnerIx) -> (QueueIx, Option<(TaskId, bool)>) {
        let run = &mut self.runners[r];
        let (slot, direct) = match run.poll_queue {
            Some(q) => q,
            None => {
                let spec = &run.spec;
                let direct = check_len(&Some(&spec.worker_group), keys::WORKER_GROUP, 1024)
                    .and_then(|()| check_len(&Some(&spec.hostname), keys::HOSTNAME, 1024))
                    .is_ok();
                let name = spec.worker_group.clone();
                let q = (self.queue_slot(&name), direct);
                self.runners[r].poll_queue = Some(q);
                q
            }
        };
        if direct && !self.calls.log_enabled() {
            let task = if self.queues[slot].tasks.is_empty() {
                None
            } else {
                let host = self.runner_poll_names(r).1;
                let cause = Cause::Call {
                    action: Action::PollForTask,
                    caller: self.calls.current(),
                };
                self.hand_out_as(slot, Some(&host), cause, Self::runner_view_of)
            };
            self.settle();
            self.run_due();
            return (slot, task);
        }
        let (wg, host) = self.runner_poll_names(r);
        let req = PollForTaskInput {
            worker_group: Some(wg),
            hostname: Some(host),
            instance_identity: None,
        };
        let task = self.poll_for_task(req).ok().and_then(|o| o.task_object);
        (slot, task.map(Self::runner_view))
    }

    /// The workerGroup and hostname runner `r` polls with (made from its
    /// spec at its first poll, then shared with its requests).
    fn runner_poll_names(&mut self, r: RunnerIx) -> (Arc<str>, Arc<str>) {
        let run = &mut self.runners[r];
        run.poll_names
            .get_or_insert_with(|| {
                let spec = &run.spec;
                (
                    spec.worker_group.as_str().into(),
                    spec.hostname.as_str().into(),
                )
            })
            .clone()
    }

    /// What a runner reads of its task: the taskId and whether it checks
    /// a precondition.
    fn runner_view(task: TaskObject) -> (TaskId, bool) {
        let is_precondition = task.attempt_type().is_some_and(is_precondition_type);
        (task.task_id, is_precondition)
    }

    /// The same read of attempt `a` being handed out as `task_id`, without
    /// building its task object when the component's shared template has
    /// the attempt's type (the object `task_object` would answer with).
    fn runner_view_of(&mut self, p: PipelineIx, a: AttemptIx, task_id: TaskId) -> (TaskId, bool) {
        match self.attempt_template(p, a) {
            Some(t) => {
                let is_precondition = t.type_name.as_deref().is_some_and(is_precondition_type);
                (task_id, is_precondition)
            }
            None => Self::runner_view(self.task_object_full(p, a, task_id)),
        }
    }

    fn runner_poll(&mut self, r: RunnerIx, t: ThreadIx, now: NaiveDateTime, policy: &RunnerPolicy) {
        let (slot, task) = self.runner_poll_call(r);
        let Some((task_id, is_precondition)) = task else {
            let th = &mut self.runners[r].threads[t];
            if !th.long_polling {
                th.long_polling = true;
                self.queues[slot].long_pollers.push_back((r, t));
            }
            self.poll_again(r, t, plus(now, policy.poll_interval_secs.max(1)));
            return;
        };
        self.runners[r].threads[t].long_polling = false;
        let work = self
            .rng
            .between(policy.work_secs_min.max(0), policy.work_secs_max.max(0));
        let outcome = if is_precondition {
            if policy.precondition_result {
                Outcome::Finished
            } else {
                Outcome::False
            }
        } else if self.rng.chance(policy.failure_probability) {
            Outcome::Failed
        } else {
            Outcome::Finished
        };
        let crash_at = self
            .rng
            .chance(policy.crash_probability)
            .then(|| plus(now, self.rng.between(0, work)));
        let held = HeldTask {
            task_id,
            finish_at: plus(now, work),
            outcome,
            crash_at,
        };
        // Acknowledge at once.
        match self.report_task_progress(ReportTaskProgressInput::new(held.task_id.clone())) {
            Ok(ReportTaskProgressOutput { canceled: false }) => {
                let next = self.next_report(policy, &held, now);
                self.runners[r].threads[t].task = Some(held);
                self.schedule_thread(r, t, next);
            }
            _ => self.schedule_thread(r, t, now),
        }
    }
}

/// Whether an attempt of `type` checks a precondition (a runner answers it
/// with the policy's precondition result).
fn is_precondition_type(ty: &str) -> bool {
    matches!(ty, names::EXISTS | names::SHELL_COMMAND_PRECONDITION)
}
