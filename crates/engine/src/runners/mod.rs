//! Simulated task runners: clients of the same public API (PollForTask,
//! ReportTaskProgress, SetTaskStatus, ReportTaskRunnerHeartbeat), each with
//! a workerGroup (or resource), threads, a poll interval, a work-time range,
//! failure and crash odds and a verdict for preconditions. All randomness
//! comes from the service's one seeded generator. Idle threads long-poll:
//! a newly queued task wakes one at once. Here: starting, stopping and
//! steering runners, and the manual runner calls; their policy and state in
//! `policy`, what a thread does when it wakes in `act`, parked threads and
//! heartbeats in `idle`, the runners' list with the heartbeats and
//! terminate orders (a part of the `Service`) in `roster`.

use crate::ix::{RunnerIx, ThreadIx};
mod act;
mod idle;
mod policy;
pub(crate) mod roster;

pub use policy::{HeldTask, Outcome, RunnerPolicy, RunnerSpec, RunnerThread, SimRunner};

use super::actions::{
    PollForTaskInput, PollForTaskOutput, ReportTaskProgressInput, ReportTaskProgressOutput,
    SetTaskStatusInput, SetTaskStatusOutput,
};
use super::clock::Timer;
use super::error::ServiceError;
use super::Service;

impl Service {
    /// Start a simulated runner; returns its number.
    pub fn add_runner(&mut self, spec: RunnerSpec) -> RunnerIx {
        let r = self.runners.next_ix();
        let caller = self.caller_index(&spec.label);
        let now = self.clock.now();
        let threads = spec.policy.threads.max(1);
        self.runners.push(SimRunner {
            taskrunner_id: format!("taskrunner-{}", r.get() + 1),
            threads: (0..threads)
                .map(|_| RunnerThread {
                    next_wake: Some(now),
                    ..Default::default()
                })
                .collect(),
            spec,
            crashed: false,
            stopped: false,
            last_heartbeat: None,
            caller,
            tasks_finished: 0,
            tasks_failed: 0,
            poll_names: None,
            heartbeat_due: None,
            poll_queue: None,
        });
        self.schedule_heartbeat(r);
        for t in (0..threads).map(ThreadIx) {
            self.clock.set(now, Timer::RunnerWake { r, t });
        }
        r
    }

    /// The simulated runners.
    pub fn runners(&self) -> &[SimRunner] {
        self.runners.as_slice()
    }

    /// Stop a simulated runner (it makes no more calls).
    pub fn stop_runner(&mut self, r: RunnerIx) {
        if let Some(run) = self.runners.get_mut(r) {
            run.stopped = true;
        }
    }

    /// Crash a simulated runner: it stops reporting, so its leases expire.
    pub fn crash_runner(&mut self, r: RunnerIx) {
        if let Some(run) = self.runners.get_mut(r) {
            run.crashed = true;
        }
    }

    /// Change how a simulated runner behaves from its next action on (its
    /// threads and workerGroup stay: start a new runner to change those).
    pub fn set_runner_policy(&mut self, r: RunnerIx, policy: RunnerPolicy) {
        if let Some(run) = self.runners.get_mut(r) {
            let threads = run.spec.policy.threads;
            run.spec.policy = RunnerPolicy { threads, ..policy };
            self.schedule_heartbeat(r);
        }
    }

    /// Restart a crashed simulated runner, as a new process on the same
    /// host: the tasks it held are forgotten (their leases run out on the
    /// service's side) and every thread polls again now.
    pub fn revive_runner(&mut self, r: RunnerIx) {
        let now = self.clock.now();
        let Some(run) = self.runners.get_mut(r) else {
            return;
        };
        if !run.crashed || run.stopped {
            return;
        }
        run.crashed = false;
        let threads = run.threads.len() as u32;
        for th in run.threads.iter_mut() {
            *th = RunnerThread::default();
        }
        self.schedule_heartbeat(r);
        for t in (0..threads).map(ThreadIx) {
            self.schedule_thread(r, t, now);
        }
    }

    /// The service stops the Task Runner of a resource that shut down.
    pub(crate) fn stop_managed_runner(&mut self, r: RunnerIx) {
        self.runners.terminate(r);
    }

    /// Manual runner: PollForTask as `label`.
    pub fn manual_poll(
        &mut self,
        label: &str,
        worker_group: &str,
    ) -> Result<PollForTaskOutput, ServiceError> {
        let n = self.caller_index(label);
        self.as_caller(n, |s| s.poll_for_task(PollForTaskInput::new(worker_group)))
    }

    /// Manual runner: ReportTaskProgress as `label`.
    pub fn manual_report(
        &mut self,
        label: &str,
        task_id: &str,
    ) -> Result<ReportTaskProgressOutput, ServiceError> {
        let n = self.caller_index(label);
        self.as_caller(n, |s| {
            s.report_task_progress(ReportTaskProgressInput::new(task_id))
        })
    }

    /// Manual runner: SetTaskStatus as `label` (`FINISHED`, `FAILED`, `FALSE`).
    pub fn manual_finish(
        &mut self,
        label: &str,
        task_id: &str,
        status: &str,
        error_message: Option<&str>,
    ) -> Result<SetTaskStatusOutput, ServiceError> {
        let mut req = SetTaskStatusInput::new(task_id, status.to_string());
        req.error_message = error_message.map(str::to_string);
        let n = self.caller_index(label);
        self.as_caller(n, |s| s.set_task_status(req))
    }
}
