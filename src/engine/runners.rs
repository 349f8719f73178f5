//! Simulated task runners: clients of the same public API (PollForTask,
//! ReportTaskProgress, SetTaskStatus, ReportTaskRunnerHeartbeat), each with
//! a workerGroup (or resource), threads, a poll interval, a work-time range,
//! failure and crash odds and a verdict for preconditions. All randomness
//! comes from the service's one seeded generator. Idle threads long-poll:
//! a newly queued task wakes one at once. Also the manual runner calls.

use super::actions::{
    PollForTaskInput, PollForTaskOutput, ReportTaskProgressInput, ReportTaskProgressOutput,
    ReportTaskRunnerHeartbeatInput, SetTaskStatusInput, SetTaskStatusOutput,
};
use super::clock::Timer;
use super::error::ServiceError;
use super::task_id::TaskId;
use super::Service;
use crate::model::catalog::names;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// How a simulated runner behaves.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunnerPolicy {
    /// Threads that each poll (Task Runner's `--tasks` default is 2).
    pub threads: u32,
    /// Seconds an idle thread waits before polling again (the long-poll
    /// window: a task queued meanwhile wakes it at once).
    pub poll_interval_secs: i64,
    /// Seconds between ReportTaskProgress calls (clients are advised 60).
    pub report_interval_secs: i64,
    /// Work time of a task, uniform in [min, max] seconds.
    pub work_secs_min: i64,
    pub work_secs_max: i64,
    /// Chance that a task ends FAILED.
    pub failure_probability: f64,
    /// Chance that the runner crashes during a task (it stops all reports).
    pub crash_probability: f64,
    /// What preconditions evaluate to (true → FINISHED, false → FALSE).
    pub precondition_result: bool,
    /// Seconds between heartbeats (documented: about 15 minutes).
    pub heartbeat_interval_secs: i64,
}

impl Default for RunnerPolicy {
    fn default() -> Self {
        RunnerPolicy {
            threads: 2,
            poll_interval_secs: 90,
            report_interval_secs: 60,
            work_secs_min: 60,
            work_secs_max: 300,
            failure_probability: 0.0,
            crash_probability: 0.0,
            precondition_result: true,
            heartbeat_interval_secs: 900,
        }
    }
}

/// A runner to start.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunnerSpec {
    /// The caller label in the call log and trace.
    pub label: String,
    /// The exact workerGroup polled (or a resource instance id).
    pub worker_group: String,
    pub hostname: String,
    pub policy: RunnerPolicy,
}

/// What a thread will report for its task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Finished,
    Failed,
    False,
}

/// A task a thread holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeldTask {
    pub task_id: TaskId,
    pub finish_at: NaiveDateTime,
    pub outcome: Outcome,
    pub crash_at: Option<NaiveDateTime>,
}

/// One polling thread.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RunnerThread {
    pub task: Option<HeldTask>,
    pub next_wake: Option<NaiveDateTime>,
    pub long_polling: bool,
}

/// A running simulated runner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimRunner {
    pub spec: RunnerSpec,
    pub taskrunner_id: String,
    pub threads: Vec<RunnerThread>,
    pub crashed: bool,
    pub stopped: bool,
    pub last_heartbeat: Option<NaiveDateTime>,
    pub caller: u32,
    pub tasks_finished: u64,
    pub tasks_failed: u64,
    /// The workerGroup and hostname it polls with, shared with its
    /// requests (made from `spec` at the first poll).
    #[serde(skip)]
    pub(crate) poll_names: Option<(Arc<str>, Arc<str>)>,
}

impl Service {
    /// Start a simulated runner; returns its number.
    pub fn add_runner(&mut self, spec: RunnerSpec) -> u32 {
        let r = self.runners.len() as u32;
        let caller = self.caller_index(&spec.label);
        let now = self.clock.now();
        let threads = spec.policy.threads.max(1);
        self.runners.push(SimRunner {
            taskrunner_id: format!("taskrunner-{}", r + 1),
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
        });
        for t in 0..threads {
            self.clock.set(now, Timer::RunnerWake { r, t });
        }
        r
    }

    /// The simulated runners.
    pub fn runners(&self) -> &[SimRunner] {
        &self.runners
    }

    /// Stop a simulated runner (it makes no more calls).
    pub fn stop_runner(&mut self, r: u32) {
        if let Some(run) = self.runners.get_mut(r as usize) {
            run.stopped = true;
        }
    }

    /// Crash a simulated runner: it stops reporting, so its leases expire.
    pub fn crash_runner(&mut self, r: u32) {
        if let Some(run) = self.runners.get_mut(r as usize) {
            run.crashed = true;
        }
    }

    /// Change how a simulated runner behaves from its next action on (its
    /// threads and workerGroup stay: start a new runner to change those).
    pub fn set_runner_policy(&mut self, r: u32, policy: RunnerPolicy) {
        if let Some(run) = self.runners.get_mut(r as usize) {
            let threads = run.spec.policy.threads;
            run.spec.policy = RunnerPolicy { threads, ..policy };
        }
    }

    /// Restart a crashed simulated runner, as a new process on the same
    /// host: the tasks it held are forgotten (their leases run out on the
    /// service's side) and every thread polls again now.
    pub fn revive_runner(&mut self, r: u32) {
        let now = self.clock.now();
        let Some(run) = self.runners.get_mut(r as usize) else {
            return;
        };
        if !run.crashed || run.stopped {
            return;
        }
        run.crashed = false;
        let threads = run.threads.len() as u32;
        for th in &mut run.threads {
            *th = RunnerThread::default();
        }
        for t in 0..threads {
            self.schedule_thread(r, t, now);
        }
    }

    /// The service stops the Task Runner of a resource that shut down.
    pub(crate) fn stop_managed_runner(&mut self, r: u32) {
        if let Some(run) = self.runners.get_mut(r as usize) {
            self.terminate_runners
                .insert(run.taskrunner_id.clone(), true);
            run.stopped = true;
        }
    }

    /// Wake one long-polling thread of `queue`.
    pub(crate) fn wake_long_poller(&mut self, queue: &str) {
        let now = self.clock.now();
        let Some(waiting) = self.long_pollers.get_mut(queue) else {
            return;
        };
        while let Some((r, t)) = waiting.pop_front() {
            let Some(run) = self.runners.get_mut(r as usize) else {
                continue;
            };
            if run.stopped || run.crashed {
                continue;
            }
            let th = &mut run.threads[t as usize];
            if th.long_polling && th.task.is_none() {
                th.long_polling = false;
                th.next_wake = Some(now);
                self.clock.set(now, Timer::RunnerWake { r, t });
                return;
            }
        }
    }

    fn schedule_thread(&mut self, r: u32, t: u32, at: NaiveDateTime) {
        self.runners[r as usize].threads[t as usize].next_wake = Some(at);
        self.clock.set(at, Timer::RunnerWake { r, t });
    }

    pub(crate) fn runner_wake(&mut self, r: u32, t: u32) {
        let now = self.clock.now();
        let Some(run) = self.runners.get(r as usize) else {
            return;
        };
        let Some(th) = run.threads.get(t as usize) else {
            return;
        };
        if run.stopped || run.crashed || th.next_wake != Some(now) {
            return;
        }
        let saved = self.caller;
        self.caller = run.caller;
        self.runner_act(r, t, now);
        self.caller = saved;
    }

    fn runner_act(&mut self, r: u32, t: u32, now: NaiveDateTime) {
        let policy = self.runners[r as usize].spec.policy.clone();
        let hb_due = self.runners[r as usize]
            .last_heartbeat
            .is_none_or(|h| now >= crate::engine::clock::plus(h, policy.heartbeat_interval_secs));
        if hb_due {
            let run = &mut self.runners[r as usize];
            run.last_heartbeat = Some(now);
            let req = ReportTaskRunnerHeartbeatInput {
                taskrunner_id: Some(run.taskrunner_id.clone()),
                worker_group: Some(run.spec.worker_group.clone()),
                hostname: Some(run.spec.hostname.clone()),
            };
            if let Ok(out) = self.report_task_runner_heartbeat(req) {
                if out.terminate {
                    self.runners[r as usize].stopped = true;
                    return;
                }
            }
        }
        if let Some(task) = self.runners[r as usize].threads[t as usize].task.take() {
            if task.crash_at.is_some_and(|c| now >= c) {
                let run = &mut self.runners[r as usize];
                run.crashed = true;
                run.threads[t as usize].task = Some(task);
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
                let run = &mut self.runners[r as usize];
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
                    self.runners[r as usize].threads[t as usize].task = Some(task);
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
        let mut next = (crate::engine::clock::plus(now, policy.report_interval_secs.max(1)))
            .min(task.finish_at);
        if let Some(c) = task.crash_at {
            next = next.min(c);
        }
        next.max(now)
    }

    fn runner_poll(&mut self, r: u32, t: u32, now: NaiveDateTime, policy: &RunnerPolicy) {
        let run = &mut self.runners[r as usize];
        let (wg, host) = run
            .poll_names
            .get_or_insert_with(|| {
                let spec = &run.spec;
                (
                    spec.worker_group.as_str().into(),
                    spec.hostname.as_str().into(),
                )
            })
            .clone();
        let req = PollForTaskInput {
            worker_group: Some(wg),
            hostname: Some(host),
            instance_identity: None,
        };
        let task = self.poll_for_task(req).ok().and_then(|o| o.task_object);
        let Some(task) = task else {
            let th = &mut self.runners[r as usize].threads[t as usize];
            if !th.long_polling {
                th.long_polling = true;
                let key = &self.runners[r as usize].spec.worker_group;
                match self.long_pollers.get_mut(key) {
                    Some(waiting) => waiting.push_back((r, t)),
                    None => {
                        let key = key.clone();
                        self.long_pollers.entry(key).or_default().push_back((r, t));
                    }
                }
            }
            self.schedule_thread(
                r,
                t,
                crate::engine::clock::plus(now, policy.poll_interval_secs.max(1)),
            );
            return;
        };
        self.runners[r as usize].threads[t as usize].long_polling = false;
        let is_precondition = task
            .attempt_type()
            .is_some_and(|ty| matches!(ty, names::EXISTS | names::SHELL_COMMAND_PRECONDITION));
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
            .then(|| crate::engine::clock::plus(now, self.rng.between(0, work)));
        let held = HeldTask {
            task_id: task.task_id,
            finish_at: crate::engine::clock::plus(now, work),
            outcome,
            crash_at,
        };
        // Acknowledge at once.
        match self.report_task_progress(ReportTaskProgressInput::new(held.task_id.clone())) {
            Ok(ReportTaskProgressOutput { canceled: false }) => {
                let next = self.next_report(policy, &held, now);
                self.runners[r as usize].threads[t as usize].task = Some(held);
                self.schedule_thread(r, t, next);
            }
            _ => self.schedule_thread(r, t, now),
        }
    }

    /// Manual runner: PollForTask as `label`.
    pub fn manual_poll(
        &mut self,
        label: &str,
        worker_group: &str,
    ) -> Result<PollForTaskOutput, ServiceError> {
        let saved = self.caller;
        self.set_caller(label);
        let out = self.poll_for_task(PollForTaskInput::new(worker_group));
        self.caller = saved;
        out
    }

    /// Manual runner: ReportTaskProgress as `label`.
    pub fn manual_report(
        &mut self,
        label: &str,
        task_id: &str,
    ) -> Result<ReportTaskProgressOutput, ServiceError> {
        let saved = self.caller;
        self.set_caller(label);
        let out = self.report_task_progress(ReportTaskProgressInput::new(task_id));
        self.caller = saved;
        out
    }

    /// Manual runner: SetTaskStatus as `label` (`FINISHED`, `FAILED`, `FALSE`).
    pub fn manual_finish(
        &mut self,
        label: &str,
        task_id: &str,
        status: &str,
        error_message: Option<&str>,
    ) -> Result<SetTaskStatusOutput, ServiceError> {
        let saved = self.caller;
        self.set_caller(label);
        let mut req = SetTaskStatusInput::new(task_id, status.to_string());
        req.error_message = error_message.map(str::to_string);
        let out = self.set_task_status(req);
        self.caller = saved;
        out
    }
}
