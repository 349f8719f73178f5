//! Read-only view of the live task leases of a pipeline (for the
//! simulator's lease panel): which runner holds each handed-out attempt,
//! when it last reported progress, and when its lease (or, before the
//! first report, its acknowledgement window) runs out.

use super::state::Status;
use super::Service;
use crate::ix::AttemptIx;
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

impl Service {
    /// The live leases of `pipeline_id` (attempts RUNNING with a live
    /// task), oldest first; empty for an unknown pipeline.
    pub fn leases(&self, pipeline_id: &str) -> Vec<LeaseView> {
        let Some(&p) = self.pipeline_index.get(pipeline_id) else {
            return Vec::new();
        };
        let pl = &self.pipelines[p];
        pl.attempts
            .iter()
            .enumerate()
            .filter(|(_, a)| a.status == Status::Running && a.task_id.is_some())
            .map(|(n, a)| {
                let inst = &pl.instances[a.instance];
                let expires = if a.acknowledged {
                    a.lease_deadline
                } else {
                    a.handed_out
                        .map(|t| super::clock::plus(t, self.config.ack_timeout_secs))
                };
                LeaseView {
                    attempt_id: pl.attempt_id(AttemptIx(n as u32)),
                    instance_id: pl.instance_id(a.instance),
                    component_id: pl.components[inst.component].id.clone(),
                    holder: self.caller_name(a.runner),
                    hostname: a.hostname.as_deref().map(str::to_string),
                    handed_out: a.handed_out,
                    acknowledged: a.acknowledged,
                    last_report: a.report_progress_time,
                    expires,
                }
            })
            .collect()
    }
}
