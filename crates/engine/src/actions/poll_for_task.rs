//! PollForTask: hand the oldest queued task of exactly this workerGroup (or
//! resource) to the caller, starting its 2-minute acknowledgement window.
//! No task → no `taskObject` (the 90-second long poll is not simulated:
//! the answer comes at once).

use super::{Handler, Run};
use crate::error::{check_len, ServiceError};
use crate::task_id::TaskId;
use crate::task_objects::TaskObjects;
use crate::trace::Cause;
use crate::Service;
use model::catalog::keys;
use protocol::messages::*;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::sync::Arc;

/// `TaskObject`. Its `attemptId` is rendered on demand when `objects` is
/// an attempt snapshot (the common case: nothing is copied at hand-out).
#[derive(Clone, Debug)]
pub struct TaskObject {
    pub task_id: TaskId,
    /// Shared with the component's task template.
    pub pipeline_id: Arc<str>,
    /// The attempt id, when `objects` is not a snapshot that renders it.
    pub(crate) attempt_id: Option<String>,
    pub objects: TaskObjects,
}

impl TaskObject {
    /// `attemptId`: the id of the attempt object among `objects`.
    pub fn attempt_id(&self) -> Cow<'_, str> {
        match (&self.attempt_id, &self.objects) {
            (Some(id), _) => Cow::Borrowed(id),
            (None, TaskObjects::Attempt(s)) => Cow::Owned(s.attempt_id()),
            (None, TaskObjects::Rendered(_)) => Cow::Borrowed(""),
        }
    }

    /// The `type` of the attempt object (what a runner runs), without
    /// rendering anything.
    pub fn attempt_type(&self) -> Option<&str> {
        match (&self.attempt_id, &self.objects) {
            (None, TaskObjects::Attempt(s)) => s.template.type_name.as_deref(),
            _ => self.objects.object_type(&self.attempt_id()),
        }
    }
}

impl PartialEq for TaskObject {
    fn eq(&self, other: &Self) -> bool {
        self.task_id == other.task_id
            && self.pipeline_id == other.pipeline_id
            && self.attempt_id() == other.attempt_id()
            && self.objects == other.objects
    }
}

impl Serialize for TaskObject {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("TaskObject", 4)?;
        st.serialize_field("taskId", &self.task_id)?;
        st.serialize_field("pipelineId", &self.pipeline_id)?;
        st.serialize_field("attemptId", &self.attempt_id())?;
        st.serialize_field("objects", &self.objects)?;
        st.end()
    }
}

impl<'de> Deserialize<'de> for TaskObject {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Wire {
            task_id: TaskId,
            pipeline_id: Arc<str>,
            attempt_id: String,
            objects: TaskObjects,
        }
        let w = Wire::deserialize(d)?;
        Ok(TaskObject {
            task_id: w.task_id,
            pipeline_id: w.pipeline_id,
            attempt_id: Some(w.attempt_id),
            objects: w.objects,
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PollForTaskOutput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_object: Option<TaskObject>,
}

impl Handler for PollForTaskInput {
    type Output = PollForTaskOutput;
    const RUN: Run<Self> = Service::poll_for_task_impl;
}

impl Service {
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
        let task_object = match self.queues.find(wg) {
            Some(slot) => self.hand_out(slot, req.hostname.as_ref(), cause),
            None => None,
        };
        Ok(PollForTaskOutput { task_object })
    }
}
