//! Moving a session's virtual clock: bounded chunks of engine steps (a
//! frame's or a fast-forward slice's worth), a long fast-forward's API log
//! kept to its last stretch, single steps, and a lesson's scripted actions
//! applied as their times come.

use chrono::NaiveDateTime;

use super::filters::Filter;
use super::script::ScriptAction;
use super::session::{call, Session, CALL_LOG_KEEP};
use crate::engine::SetStatusInput;

impl Session {
    /// Move the clock toward `limit`, at most `max_steps` engine steps,
    /// applying script actions as their times come. Returns whether the
    /// clock reached `limit` (false: call again).
    pub fn run_chunk(&mut self, limit: NaiveDateTime, max_steps: usize) -> bool {
        if self.service.call_log().len() > 2 * CALL_LOG_KEEP {
            self.service.trim_call_log(CALL_LOG_KEEP);
        }
        for _ in 0..max_steps {
            let event = self.service.next_event_time().filter(|t| *t <= limit);
            let scripted = self.script.next_time().filter(|t| *t <= limit);
            match (event, scripted) {
                (_, Some(s)) if event.is_none_or(|e| s <= e) => {
                    self.service.advance_to(s);
                    self.run_script_due();
                }
                (Some(_), _) => {
                    self.service.step();
                }
                _ => {
                    self.service.advance_to(limit);
                    return true;
                }
            }
        }
        false
    }

    /// As [`run_chunk`](Self::run_chunk), with the API log off until
    /// `log_from` (a long fast-forward records only its last stretch: the
    /// log keeps the newest calls anyway). Returns whether it reached `limit`.
    pub fn run_chunk_logged_from(
        &mut self,
        limit: NaiveDateTime,
        log_from: NaiveDateTime,
        max_steps: usize,
    ) -> bool {
        if self.service.now() < log_from && log_from < limit {
            self.service.set_call_log(false);
            self.run_chunk(log_from, max_steps);
            self.service.set_call_log(true);
            return false;
        }
        self.run_chunk(limit, max_steps)
    }

    /// Run up to `steps` engine steps (the "as fast as possible" speed).
    pub fn run_steps(&mut self, steps: usize) {
        for _ in 0..steps {
            if !self.step() {
                break;
            }
        }
    }

    /// Step to the next event (or the next scripted action).
    pub fn step(&mut self) -> bool {
        let event = self.service.next_event_time();
        let scripted = self.script.next_time();
        match (event, scripted) {
            (e, Some(s)) if e.is_none_or(|e| s <= e) => {
                self.service.advance_to(s);
                self.run_script_due();
                true
            }
            _ => self.service.step(),
        }
    }

    pub(super) fn run_script_due(&mut self) {
        let now = self.service.now();
        while let Some(action) = self.script.pop_due(now) {
            self.apply_script(action);
        }
    }

    fn apply_script(&mut self, action: ScriptAction) {
        match action {
            ScriptAction::ManualPoll {
                label,
                worker_group,
            } => {
                let _ = self.manual_poll(&label, &worker_group);
            }
            ScriptAction::SetFact { key, exists } => self.service.set_fact(&key, exists),
            ScriptAction::EditRunner { label, edit } => {
                if let Some(mut spec) = self.runner_spec(&label) {
                    edit.apply(&mut spec.policy);
                    self.update_runner(spec);
                }
            }
            ScriptAction::Crash { label } => self.crash(&label),
            ScriptAction::RerunFailed { component } => {
                let failed = Filter {
                    status: "FAILED".to_string(),
                    component,
                    ..Filter::default()
                };
                let ids: Vec<String> = self
                    .instance_page(&failed, None, usize::MAX)
                    .rows
                    .into_iter()
                    .map(|r| r.id)
                    .collect();
                if !ids.is_empty() {
                    let req = SetStatusInput {
                        pipeline_id: Some(self.pipeline_id.clone()),
                        object_ids: Some(ids),
                        status: Some("RERUN".to_string()),
                    };
                    let _ = call(&mut self.service, req);
                }
            }
        }
    }

    /// Advance the virtual clock by `secs`, running every event due by then.
    pub fn advance(&mut self, secs: i64) {
        let to = crate::engine::clock::plus(self.service.now(), secs);
        while !self.run_chunk(to, 100_000) {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulator::session::tests::say_hello;

    #[test]
    fn a_long_fast_forward_logs_only_its_last_stretch() {
        let mut s = Session::activate(&say_hello(), "SayHello", 7).unwrap();
        let from = s.service.now();
        let to = crate::engine::clock::plus(from, 7 * 86_400);
        let log_from = crate::engine::clock::plus(to, -86_400);
        while !s.run_chunk_logged_from(to, log_from, 50) {}
        assert_eq!(s.service.now(), to);
        let polls: Vec<_> = s
            .service
            .call_log()
            .iter()
            .filter(|c| c.action == "PollForTask")
            .collect();
        assert!(!polls.is_empty());
        assert!(polls.iter().all(|c| c.at >= log_from), "{:?}", polls[0].at);
    }

    #[test]
    fn the_same_seed_gives_the_same_run() {
        let run = || {
            let mut s = Session::activate(&say_hello(), "SayHello", 42).unwrap();
            s.advance(6 * 3600);
            s.service.trace_text()
        };
        assert_eq!(run(), run());
    }
}
