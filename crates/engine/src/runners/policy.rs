//! A simulated runner's policy (how it behaves) and state (its threads and
//! the tasks they hold).

use crate::task_id::TaskId;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

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
    /// When its timer fires (None: no timer, as while parked).
    pub next_wake: Option<NaiveDateTime>,
    pub long_polling: bool,
    /// Parked: long-polling an empty queue while the call log is off, with
    /// no timer (its polls would find nothing, change nothing and leave no
    /// record): when it would poll next. A queued task wakes it at once;
    /// the call log turned on or a reactivation puts it back on its
    /// polling times (`Service::unpark_threads`).
    #[serde(default)]
    pub parked: Option<NaiveDateTime>,
}

/// A running simulated runner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimRunner {
    pub spec: RunnerSpec,
    pub taskrunner_id: String,
    pub threads: crate::ix::IxVec<crate::ix::ThreadIx, RunnerThread>,
    pub crashed: bool,
    pub stopped: bool,
    pub last_heartbeat: Option<NaiveDateTime>,
    pub caller: crate::ix::CallerIx,
    pub tasks_finished: u64,
    pub tasks_failed: u64,
    /// The workerGroup and hostname it polls with, shared with its
    /// requests (made from `spec` at the first poll).
    #[serde(skip)]
    pub(crate) poll_names: Option<(std::sync::Arc<str>, std::sync::Arc<str>)>,
    /// When its heartbeat timer fires (`last_heartbeat` + the policy's
    /// interval, or now); None in state saved before heartbeats had their
    /// own timer (a thread's next wake-up sets it).
    #[serde(default)]
    pub(crate) heartbeat_due: Option<NaiveDateTime>,
    /// The number of the queue it polls, and whether its PollForTask
    /// request is valid (so it can be answered without building it); made
    /// at the first poll.
    #[serde(skip)]
    pub(crate) poll_queue: Option<(crate::ix::QueueIx, bool)>,
}
