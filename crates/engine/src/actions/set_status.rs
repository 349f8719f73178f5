//! SetStatus: PAUSE / RESUME components, TRY_CANCEL / RERUN /
//! MARK_FINISHED instances (case-insensitive; never a mix of spheres).
//! Answers an empty body. `Service::preview_set_status` lists what a call
//! would change without changing anything.

use super::{Handler, Run};
use crate::error::{require, ServiceError};
use crate::lifecycle::status::StatusChange;
use crate::trace::Cause;
use crate::Service;
use protocol::messages::*;

impl Handler for SetStatusInput {
    type Output = SetStatusOutput;
    const RUN: Run<Self> = Service::set_status_impl;
}

impl Service {
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
        copy.calls.set_log_enabled(false);
        let before = copy.trace.entries().len();
        copy.set_status(req.clone())?;
        let mut changes: Vec<StatusChange> = Vec::new();
        for e in copy
            .trace
            .entries()
            .range(before..copy.trace.entries().len())
        {
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
