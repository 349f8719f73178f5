//! A lesson's scripted actions in plain Rust: what the lesson does by
//! itself at given virtual times (hold a task without acknowledging it,
//! flip a precondition's answer, crash a runner, rerun a failed instance),
//! so a lesson runs to its outcome with no clicks and the same way twice.

use chrono::NaiveDateTime;

use crate::engine::RunnerPolicy;

/// A change to a runner's behaviour.
#[derive(Clone, Debug, PartialEq)]
pub enum RunnerEdit {
    /// What preconditions the runner checks answer.
    Precondition(bool),
    /// The chance a task fails.
    Failure(f64),
}

impl RunnerEdit {
    pub fn apply(&self, policy: &mut RunnerPolicy) {
        match self {
            RunnerEdit::Precondition(b) => policy.precondition_result = *b,
            RunnerEdit::Failure(p) => policy.failure_probability = *p,
        }
    }
}

/// One scripted action.
#[derive(Clone, Debug, PartialEq)]
pub enum ScriptAction {
    /// A client polls as `label` and never acknowledges the task.
    ManualPoll { label: String, worker_group: String },
    /// Tell system-managed preconditions whether a key exists.
    SetFact { key: String, exists: bool },
    /// Change a simulated runner's settings (it restarts with them).
    EditRunner { label: String, edit: RunnerEdit },
    /// Crash a simulated runner.
    Crash { label: String },
    /// SetStatus RERUN on the FAILED instances of a component.
    RerunFailed { component: String },
}

/// Actions at times, earliest first (ties keep their order).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Script {
    steps: Vec<(NaiveDateTime, ScriptAction)>,
}

impl Script {
    /// A script of `(seconds after start, action)` pairs.
    pub fn new(start: NaiveDateTime, steps: Vec<(i64, ScriptAction)>) -> Script {
        let mut steps: Vec<(NaiveDateTime, ScriptAction)> = steps
            .into_iter()
            .map(|(s, a)| (crate::engine::clock::plus(start, s), a))
            .collect();
        steps.sort_by_key(|(t, _)| *t);
        Script { steps }
    }

    pub fn next_time(&self) -> Option<NaiveDateTime> {
        self.steps.first().map(|(t, _)| *t)
    }

    /// Take the first action due at or before `now`.
    pub fn pop_due(&mut self, now: NaiveDateTime) -> Option<ScriptAction> {
        if self.next_time()? <= now {
            Some(self.steps.remove(0).1)
        } else {
            None
        }
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::time::parse_datetime;

    #[test]
    fn actions_come_in_time_order() {
        let t0 = parse_datetime("2024-01-01T00:00:00").unwrap();
        let crash = |l: &str| ScriptAction::Crash { label: l.into() };
        let mut s = Script::new(
            t0,
            vec![(60, crash("b")), (0, crash("a")), (60, crash("c"))],
        );
        assert_eq!(s.next_time(), Some(t0));
        assert_eq!(s.pop_due(t0), Some(crash("a")));
        assert_eq!(s.pop_due(t0), None);
        let t1 = parse_datetime("2024-01-01T00:01:00").unwrap();
        assert_eq!(s.pop_due(t1), Some(crash("b")));
        assert_eq!(s.pop_due(t1), Some(crash("c")));
        assert!(s.is_empty());
    }
}
