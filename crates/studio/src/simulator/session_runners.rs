//! A session's runners in plain Rust: add, edit, remove, crash and revive
//! the simulated task runners (by label, over the engine's runner API),
//! what each is doing, and the manual runner's calls — PollForTask,
//! ReportTaskProgress and SetTaskStatus sent through `dispatch` under the
//! manual runner's name, with the request and response text kept to show.

use super::session::{Session, UI_CALLER};
use super::settings::sanitize;
use crate::engine::{
    PollForTaskInput, ReportTaskProgressInput, Request, RunnerSpec, SetTaskStatusInput,
};

/// What a simulated runner is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunnerState {
    Polling,
    Working,
    Crashed,
    /// Not started (the session began before it was added) or removed.
    Stopped,
}

impl RunnerState {
    pub fn label(self) -> &'static str {
        match self {
            RunnerState::Polling => "polling",
            RunnerState::Working => "working",
            RunnerState::Crashed => "crashed",
            RunnerState::Stopped => "stopped",
        }
    }
}

/// One runner as the runner list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct RunnerView {
    pub spec: RunnerSpec,
    pub taskrunner_id: String,
    pub state: RunnerState,
    /// Task ids its threads hold.
    pub tasks: Vec<String>,
    pub finished: u64,
    pub failed: u64,
}

impl RunnerView {
    /// A configured runner that is not running (no session, or not started).
    pub fn stopped(spec: RunnerSpec) -> Self {
        RunnerView {
            spec,
            taskrunner_id: String::new(),
            state: RunnerState::Stopped,
            tasks: Vec::new(),
            finished: 0,
            failed: 0,
        }
    }
}

/// One call of the manual runner: what was sent and what came back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exchange {
    pub action: String,
    pub request: String,
    pub status: u16,
    pub response: String,
}

impl Exchange {
    /// The `taskId` of a PollForTask answer that handed out a task.
    pub fn task_id(&self) -> Option<String> {
        let v: serde_json::Value = serde_json::from_str(&self.response).ok()?;
        v["taskObject"]["taskId"].as_str().map(str::to_string)
    }
}

impl Session {
    /// The engine's number of the live runner labelled `label`.
    fn runner_index(&self, label: &str) -> Option<crate::engine::ix::RunnerIx> {
        self.service
            .runners()
            .iter()
            .rposition(|r| r.spec.label == label && !r.stopped)
            .map(|i| crate::engine::ix::RunnerIx(i as u32))
    }

    pub fn runner_spec(&self, label: &str) -> Option<RunnerSpec> {
        self.settings
            .runners
            .iter()
            .find(|r| r.label == label)
            .cloned()
    }

    /// Start a runner (a label already in use is replaced).
    pub fn add_runner(&mut self, mut spec: RunnerSpec) {
        sanitize(&mut spec);
        if self.runner_spec(&spec.label).is_some() {
            self.update_runner(spec);
            return;
        }
        self.settings.runners.push(spec.clone());
        self.service.add_runner(spec);
    }

    /// Apply edited settings to the runner with the same label. Odds, work
    /// time, poll interval and precondition answers apply from its next
    /// action; a new workerGroup or thread count restarts it.
    pub fn update_runner(&mut self, mut spec: RunnerSpec) {
        sanitize(&mut spec);
        let Some(old) = self.runner_spec(&spec.label) else {
            self.add_runner(spec);
            return;
        };
        let restart =
            old.worker_group != spec.worker_group || old.policy.threads != spec.policy.threads;
        match self.runner_index(&spec.label) {
            Some(r) if !restart => self.service.set_runner_policy(r, spec.policy.clone()),
            Some(r) => {
                self.service.stop_runner(r);
                self.service.add_runner(spec.clone());
            }
            None => {}
        }
        if let Some(slot) = self
            .settings
            .runners
            .iter_mut()
            .find(|r| r.label == spec.label)
        {
            *slot = spec;
        }
    }

    /// Stop a runner and drop it from the settings.
    pub fn remove_runner(&mut self, label: &str) {
        if let Some(r) = self.runner_index(label) {
            self.service.stop_runner(r);
        }
        self.settings.runners.retain(|r| r.label != label);
    }

    /// Crash a runner: it stops reporting; its leases run out.
    pub fn crash(&mut self, label: &str) {
        if let Some(r) = self.runner_index(label) {
            self.service.crash_runner(r);
        }
    }

    /// Restart a crashed runner; it polls again at once.
    pub fn revive(&mut self, label: &str) {
        if let Some(r) = self.runner_index(label) {
            self.service.revive_runner(r);
        }
    }

    /// Every runner of the settings with what it is doing.
    pub fn runner_views(&self) -> Vec<RunnerView> {
        self.settings
            .runners
            .iter()
            .map(|spec| {
                let live = self
                    .runner_index(&spec.label)
                    .and_then(|r| self.service.runners().get(r.ix()));
                match live {
                    Some(run) => {
                        let tasks: Vec<String> = run
                            .threads
                            .iter()
                            .filter_map(|t| t.task.as_ref().map(|h| h.task_id.to_string()))
                            .collect();
                        let state = if run.crashed {
                            RunnerState::Crashed
                        } else if tasks.is_empty() {
                            RunnerState::Polling
                        } else {
                            RunnerState::Working
                        };
                        RunnerView {
                            spec: spec.clone(),
                            taskrunner_id: run.taskrunner_id.clone(),
                            state,
                            tasks,
                            finished: run.tasks_finished,
                            failed: run.tasks_failed,
                        }
                    }
                    None => RunnerView::stopped(spec.clone()),
                }
            })
            .collect()
    }

    /// Send one call as `label` over the wire (a manual runner shows the
    /// request and answer as text) and keep what was said.
    fn exchange<I: Request>(&mut self, label: &str, input: &I) -> Exchange {
        let action = I::ACTION;
        let request = serde_json::to_string_pretty(input).unwrap_or_default();
        self.service.set_caller(label);
        let (status, text) = self.service.dispatch(&action.target(), &request);
        self.service.set_caller(UI_CALLER);
        let response = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| serde_json::to_string_pretty(&v).ok())
            .unwrap_or(text);
        Exchange {
            action: action.as_str().to_string(),
            request,
            status,
            response,
        }
    }

    /// Manual runner: PollForTask on `worker_group`.
    pub fn manual_poll(&mut self, label: &str, worker_group: &str) -> Exchange {
        let mut input = PollForTaskInput::new(worker_group);
        input.hostname = Some(format!("{label}.local").into());
        self.exchange(label, &input)
    }

    /// Manual runner: ReportTaskProgress for `task_id` (acknowledges it
    /// and keeps its lease).
    pub fn manual_report(&mut self, label: &str, task_id: &str) -> Exchange {
        self.exchange(label, &ReportTaskProgressInput::new(task_id))
    }

    /// Manual runner: SetTaskStatus (`FINISHED`, `FAILED` with an errorId
    /// and message, or `FALSE` for a precondition).
    pub fn manual_set_status(
        &mut self,
        label: &str,
        task_id: &str,
        status: &str,
        error: Option<(&str, &str)>,
    ) -> Exchange {
        let mut input = SetTaskStatusInput::new(task_id, status.to_string());
        if let Some((id, message)) = error {
            input.error_id = (!id.is_empty()).then(|| id.to_string());
            input.error_message = (!message.is_empty()).then(|| message.to_string());
        }
        self.exchange(label, &input)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulator::settings::runner;

    fn say_hello() -> crate::model::Definition {
        crate::model::formats::parse(include_str!("../templates/say-hello.json"))
            .unwrap()
            .definition
    }

    fn manual_session() -> Session {
        let mut s = Session::activate(&say_hello(), "SayHello", 1).unwrap();
        s.remove_runner("runner-1");
        s
    }

    #[test]
    fn the_manual_runner_plays_a_whole_task() {
        let mut s = manual_session();
        let poll = s.manual_poll("manual", "workerGroup");
        assert_eq!(poll.status, 200);
        assert!(poll.request.contains("workerGroup"), "{}", poll.request);
        let task = poll.task_id().expect("a task");
        let report = s.manual_report("manual", &task);
        assert_eq!(report.status, 200, "{}", report.response);
        assert!(
            report.response.contains("\"canceled\": false"),
            "{}",
            report.response
        );
        let done = s.manual_set_status("manual", &task, "FINISHED", None);
        assert_eq!(done.status, 200, "{}", done.response);
        assert_eq!(s.first_status("SayHello").as_deref(), Some("FINISHED"));
        assert!(s
            .service
            .call_log()
            .iter()
            .any(|c| c.caller == "manual" && c.action == "SetTaskStatus"));
    }

    #[test]
    fn a_manual_failure_carries_its_error_id_and_message() {
        let mut s = manual_session();
        let task = s.manual_poll("manual", "workerGroup").task_id().unwrap();
        let done = s.manual_set_status("manual", &task, "FAILED", Some(("MyError", "disk full")));
        assert!(done.request.contains("MyError") && done.request.contains("disk full"));
        let bad = s.manual_report("manual", "no-such-task");
        assert_eq!(bad.status, 400);
        assert!(
            bad.response.contains("TaskNotFoundException"),
            "{}",
            bad.response
        );
    }

    #[test]
    fn crash_revive_and_a_second_runner() {
        let mut s = manual_session();
        let mut slow = runner(1, "workerGroup");
        slow.policy.threads = 1;
        slow.policy.work_secs_min = 3600;
        slow.policy.work_secs_max = 3600;
        s.add_runner(slow);
        s.advance(60);
        assert_eq!(s.runner_views()[0].state, RunnerState::Working);
        s.crash("runner-1");
        assert_eq!(s.runner_views()[0].state, RunnerState::Crashed);
        s.add_runner(runner(2, "workerGroup"));
        s.advance(3600);
        assert_eq!(s.first_status("SayHello").as_deref(), Some("FINISHED"));
        let views = s.runner_views();
        assert_eq!(views[1].finished, 1, "{views:?}");
        s.revive("runner-1");
        assert_ne!(s.runner_views()[0].state, RunnerState::Crashed);
        s.advance(4 * 3600);
        assert!(
            s.runner_views()[0].finished > 0,
            "the revived runner works again"
        );
    }

    #[test]
    fn edits_apply_and_removal_stops() {
        let mut s = Session::activate(&say_hello(), "SayHello", 1).unwrap();
        let mut spec = s.runner_spec("runner-1").unwrap();
        spec.policy.failure_probability = 1.0;
        s.update_runner(spec);
        s.advance(3600);
        assert_ne!(s.first_status("SayHello").as_deref(), Some("FINISHED"));
        s.remove_runner("runner-1");
        assert!(s.runner_views().is_empty());
    }
}
