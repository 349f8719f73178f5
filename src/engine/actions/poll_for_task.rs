//! PollForTask: hand the oldest queued task of exactly this workerGroup (or
//! resource) to the caller, starting its 2-minute acknowledgement window.
//! No task → no `taskObject` (the 90-second long poll is not simulated:
//! the answer comes at once).

use crate::engine::error::{check_len, ServiceError};
use crate::engine::task_id::TaskId;
use crate::engine::task_objects::TaskObjects;
use crate::engine::trace::Cause;
use crate::engine::wire::Action;
use crate::engine::Service;
use crate::model::catalog::keys;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// `InstanceIdentity`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceIdentity {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PollForTaskInput {
    /// Shared with the caller (a simulated runner polls without copying).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worker_group: Option<Arc<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<Arc<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_identity: Option<InstanceIdentity>,
}

/// `TaskObject`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskObject {
    pub task_id: TaskId,
    pub pipeline_id: String,
    pub attempt_id: String,
    pub objects: TaskObjects,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PollForTaskOutput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_object: Option<TaskObject>,
}

impl PollForTaskInput {
    pub fn new(worker_group: &str) -> Self {
        PollForTaskInput {
            worker_group: Some(worker_group.into()),
            ..Default::default()
        }
    }
}

impl Service {
    pub fn poll_for_task(
        &mut self,
        req: PollForTaskInput,
    ) -> Result<PollForTaskOutput, ServiceError> {
        self.call(Action::PollForTask, req, Self::poll_for_task_impl)
    }

    fn poll_for_task_impl(
        &mut self,
        req: PollForTaskInput,
        cause: Cause,
    ) -> Result<PollForTaskOutput, ServiceError> {
        let wg = req
            .worker_group
            .as_deref()
            .ok_or_else(|| ServiceError::missing(keys::WORKER_GROUP))?;
        check_len(&req.worker_group, keys::WORKER_GROUP, 1024)?;
        check_len(&req.hostname, keys::HOSTNAME, 1024)?;
        let task_object = self.hand_out(wg, req.hostname.as_ref(), cause);
        Ok(PollForTaskOutput { task_object })
    }
}
