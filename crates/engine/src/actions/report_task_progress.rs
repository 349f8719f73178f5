//! ReportTaskProgress: acknowledge a task (within 2 minutes of hand-out) and
//! keep its lease (within `reportProgressTimeout`); `canceled: true` tells
//! the runner to stop.

use super::shapes::WireField;
use crate::error::{require_task_id, ServiceError};
use crate::task_id::TaskId;
use crate::trace::Cause;
use crate::wire::Action;
use crate::Service;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportTaskProgressInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_id: Option<TaskId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<WireField>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportTaskProgressOutput {
    pub canceled: bool,
}

impl ReportTaskProgressInput {
    pub fn new(task_id: impl Into<TaskId>) -> Self {
        ReportTaskProgressInput {
            task_id: Some(task_id.into()),
            fields: Vec::new(),
        }
    }
}

impl Service {
    pub fn report_task_progress(
        &mut self,
        req: ReportTaskProgressInput,
    ) -> Result<ReportTaskProgressOutput, ServiceError> {
        self.call(
            Action::ReportTaskProgress,
            req,
            Self::report_task_progress_impl,
        )
    }

    fn report_task_progress_impl(
        &mut self,
        req: ReportTaskProgressInput,
        cause: Cause,
    ) -> Result<ReportTaskProgressOutput, ServiceError> {
        let task_id = require_task_id(&req.task_id, "taskId")?;
        let fields = req
            .fields
            .iter()
            .map(WireField::to_model)
            .collect::<Result<Vec<_>, _>>()?;
        let canceled = self.progress(task_id, fields, cause)?;
        Ok(ReportTaskProgressOutput { canceled })
    }
}
