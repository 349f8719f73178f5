//! SetStatus: PAUSE / RESUME components, TRY_CANCEL / RERUN /
//! MARK_FINISHED instances (case-insensitive; never a mix of spheres).
//! Answers an empty body. `Service::preview_set_status` lists what a call
//! would change without changing anything.

use crate::error::{require, ServiceError};
use crate::lifecycle::status::StatusChange;
use crate::trace::Cause;
use crate::wire::Action;
use crate::Service;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetStatusInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_ids: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// No output (the wire body is empty).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SetStatusOutput {}

impl SetStatusInput {
    pub fn new(pipeline_id: &str, ids: &[&str], status: &str) -> Self {
        SetStatusInput {
            pipeline_id: Some(pipeline_id.to_string()),
            object_ids: Some(ids.iter().map(|s| s.to_string()).collect()),
            status: Some(status.to_string()),
        }
    }
}

impl Service {
    pub fn set_status(&mut self, req: SetStatusInput) -> Result<SetStatusOutput, ServiceError> {
        self.call(Action::SetStatus, req, Self::set_status_impl)
    }

    fn set_status_impl(
        &mut self,
        req: SetStatusInput,
        cause: Cause,
    ) -> Result<SetStatusOutput, ServiceError> {
        let p = self.pipeline_for(&req.pipeline_id)?;
        let ids = req
            .object_ids
            .as_ref()
            .ok_or_else(|| ServiceError::missing("objectIds"))?;
        let status = require(&req.status, "status", 0, 1024)?;
        self.apply_set_status(p, ids, status, cause)?;
        Ok(SetStatusOutput {})
    }

    /// What `set_status(req)` would change (object, from, to), without changing anything.
    pub fn preview_set_status(
        &self,
        req: &SetStatusInput,
    ) -> Result<Vec<StatusChange>, ServiceError> {
        let mut copy = self.clone();
        copy.call_log_enabled = false;
        let before = copy.trace.len();
        copy.set_status(req.clone())?;
        let mut changes: Vec<StatusChange> = Vec::new();
        for e in copy.trace.range(before..copy.trace.len()) {
            let id = copy.subject_id(e.pipeline, e.subject);
            match changes.iter_mut().find(|c| c.object_id == id) {
                Some(c) => c.to = e.to,
                None => changes.push(StatusChange {
                    object_id: id,
                    from: e.from,
                    to: e.to,
                }),
            }
        }
        changes.retain(|c| c.from != Some(c.to));
        Ok(changes)
    }
}
