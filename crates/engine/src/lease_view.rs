//! Read-only views of task leases: the live leases of a pipeline (for the
//! simulator's lease panel: which runner holds each handed-out attempt,
//! when it last reported progress, and when its lease or, before the first
//! report, its acknowledgement window runs out), and one attempt's lease
//! as the service holds it (`attempt_lease`, for the timeline's spans),
//! with the windows the engine applies (reference §4 and §10: acknowledge
//! within the service's window of a hand-out, then report progress within
//! `reportProgressTimeout`; `attemptTimeout` from the first hand-out).
//! What was reported when is not kept (only the last report).

use super::state::Status;
use super::Service;
use crate::ix::{AttemptIx, PipelineIx};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// One handed-out task of a running attempt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaseView {
    pub attempt_id: String,
    pub instance_id: String,
    pub component_id: String,
    /// The caller label of the runner that polled the task.
    pub holder: String,
    pub hostname: Option<String>,
    pub handed_out: Option<NaiveDateTime>,
    /// Whether the runner acknowledged it with ReportTaskProgress.
    pub acknowledged: bool,
    pub last_report: Option<NaiveDateTime>,
    /// When the lease lapses unless progress comes in first.
    pub expires: Option<NaiveDateTime>,
}

/// One attempt's lease as the service holds it: its latest hand-out, the
/// acknowledgement window and the progress lease, with the windows the
/// engine applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttemptLease {
    /// The latest hand-out (earlier ones lapsed unacknowledged).
    pub handed_out: NaiveDateTime,
    /// The acknowledgement window the service applies (seconds).
    pub ack_window_secs: i64,
    /// When the latest hand-out's acknowledgement window closes.
    pub ack_deadline: NaiveDateTime,
    pub acknowledged: bool,
    /// The last ReportTaskProgress (the first one acknowledged).
    pub last_report: Option<NaiveDateTime>,
    /// The attempt's `reportProgressTimeout` (seconds).
    pub report_progress_timeout_secs: i64,
    /// When the lease lapses unless progress comes in first (the last
    /// report plus `reportProgressTimeout`).
    pub lease_deadline: Option<NaiveDateTime>,
    /// When `attemptTimeout` ends the attempt (from its first hand-out).
    pub attempt_deadline: Option<NaiveDateTime>,
    /// Whether a runner holds the task now (RUNNING with a live taskId).
    pub live: bool,
}

impl AttemptLease {
    /// When the task goes back or fails unless something comes in first:
    /// the acknowledgement window before the acknowledgement, the lease
    /// after it, or `attemptTimeout` if that is sooner.
    pub fn runs_out(&self) -> Option<NaiveDateTime> {
        let window = if self.acknowledged {
            self.lease_deadline
        } else {
            Some(self.ack_deadline)
        };
        match (window, self.attempt_deadline) {
            (Some(w), Some(a)) => Some(w.min(a)),
            (w, a) => w.or(a),
        }
    }
}

impl Service {
    /// The lease of attempt `attempt` (its trace position) of pipeline
    /// `pipeline` (its trace position); None before its first hand-out.
    pub fn attempt_lease(&self, pipeline: PipelineIx, attempt: AttemptIx) -> Option<AttemptLease> {
        let pl = self.pipelines.get(pipeline)?;
        let a = pl.attempts.get(attempt)?;
        let handed_out = a.handed_out()?;
        let comp = pl
            .instances
            .get(a.instance)
            .and_then(|i| pl.components.get(i.component));
        let ack = self.config.ack_timeout_secs;
        Some(AttemptLease {
            handed_out,
            ack_window_secs: ack,
            ack_deadline: super::clock::plus(handed_out, ack),
            acknowledged: a.acknowledged,
            last_report: a.report_progress_time(),
            report_progress_timeout_secs: comp.map_or(0, |c| c.report_progress_timeout),
            lease_deadline: a.lease_deadline(),
            attempt_deadline: comp
                .and_then(|c| c.attempt_timeout)
                .zip(a.actual_start())
                .map(|(t, start)| super::clock::plus(start, t)),
            live: a.status == Status::Running && a.task_id().is_some(),
        })
    }

    /// The live leases of `pipeline_id` (attempts RUNNING with a live
    /// task), oldest first; empty for an unknown pipeline.
    pub fn leases(&self, pipeline_id: &str) -> Vec<LeaseView> {
        let Some(p) = self.pipelines.find(pipeline_id) else {
            return Vec::new();
        };
        let pl = &self.pipelines[p];
        pl.attempts
            .iter()
            .enumerate()
            .filter(|(_, a)| a.status == Status::Running && a.task_id().is_some())
            .map(|(n, a)| {
                let inst = &pl.instances[a.instance];
                let expires = if a.acknowledged {
                    a.lease_deadline()
                } else {
                    a.handed_out()
                        .map(|t| super::clock::plus(t, self.config.ack_timeout_secs))
                };
                LeaseView {
                    attempt_id: pl.attempt_id(AttemptIx(n as u32)),
                    instance_id: pl.instance_id(a.instance),
                    component_id: pl.components[inst.component].id.clone(),
                    holder: self.caller_name(a.runner()),
                    hostname: a.hostname.as_deref().cloned(),
                    handed_out: a.handed_out(),
                    acknowledged: a.acknowledged,
                    last_report: a.report_progress_time(),
                    expires,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    //! The leases of the crashed-runner scenario (reference §4 "acknowledge"
    //! and "lease", §10 "acknowledgement window / lease"): the values the
    //! timeline draws come from the service's state.
    use crate::story::tests::crashed_runner;
    use model::time::parse_datetime;

    #[test]
    fn a_lapsed_lease_and_a_finished_one_as_the_service_holds_them() {
        let (s, pid) = crashed_runner(&[]);
        let p = s.pipeline_position(&pid).unwrap();
        let t = |x: &str| parse_datetime(x).unwrap();
        let first = s
            .attempt_lease(p, crate::ix::AttemptIx(0))
            .expect("attempt 1 was handed out");
        assert_eq!(first.handed_out, t("2024-01-01T00:00:00"));
        assert_eq!(first.ack_window_secs, 120);
        assert_eq!(first.ack_deadline, t("2024-01-01T00:02:00"));
        assert!(first.acknowledged);
        assert_eq!(first.last_report, Some(t("2024-01-01T00:10:00")));
        assert_eq!(first.report_progress_timeout_secs, 900);
        assert_eq!(first.lease_deadline, Some(t("2024-01-01T00:25:00")));
        assert_eq!(first.runs_out(), Some(t("2024-01-01T00:25:00")));
        assert_eq!(first.attempt_deadline, None);
        assert!(!first.live, "the lease lapsed: no task is live");
        let second = s
            .attempt_lease(p, crate::ix::AttemptIx(1))
            .expect("attempt 2 was handed out");
        assert_eq!(second.handed_out, t("2024-01-01T00:40:00"));
        assert_eq!(second.last_report, Some(t("2024-01-01T00:40:00")));
        assert!(!second.live, "finished");
    }

    #[test]
    fn an_unacknowledged_hand_out_runs_out_with_its_window_or_attempt_timeout() {
        let (mut s, pid) = crate::story::tests::hello(&[
            ("reportProgressTimeout", "20 minutes"),
            ("attemptTimeout", "1 minute"),
        ]);
        s.set_caller("r");
        let (status, _) = s.dispatch(
            "DataPipeline.PollForTask",
            &serde_json::json!({"workerGroup": "wg"}).to_string(),
        );
        assert_eq!(status, 200);
        let p = s.pipeline_position(&pid).unwrap();
        let l = s
            .attempt_lease(p, crate::ix::AttemptIx(0))
            .expect("handed out");
        assert!(l.live && !l.acknowledged);
        assert_eq!(l.report_progress_timeout_secs, 1200);
        assert_eq!(
            l.ack_deadline,
            parse_datetime("2024-01-01T00:02:00").unwrap()
        );
        let timeout = parse_datetime("2024-01-01T00:01:00").unwrap();
        assert_eq!(l.attempt_deadline, Some(timeout));
        assert_eq!(l.runs_out(), Some(timeout), "attemptTimeout is sooner");
        assert_eq!(s.attempt_lease(p, crate::ix::AttemptIx(7)), None);
    }
}
