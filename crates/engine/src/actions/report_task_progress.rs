//! ReportTaskProgress: acknowledge a task (within 2 minutes of hand-out) and
//! keep its lease (within `reportProgressTimeout`); `canceled: true` tells
//! the runner to stop.

use super::{Handler, Run};
use crate::error::{require_task_id, ServiceError};
use crate::trace::Cause;
use crate::Service;
use protocol::messages::*;

impl Handler for ReportTaskProgressInput {
    type Output = ReportTaskProgressOutput;
    const RUN: Run<Self> = Service::report_task_progress_impl;
}

impl Service {
    fn report_task_progress_impl(
        &mut self,
        req: ReportTaskProgressInput,
        cause: Cause,
    ) -> Result<ReportTaskProgressOutput, ServiceError> {
        let task_id = require_task_id(&req.task_id, "taskId")?;
        let fields = req
            .fields
            .iter()
            .map(super::shapes::field_to_model)
            .collect::<Result<Vec<_>, _>>()?;
        let canceled = self.progress(task_id, fields, cause)?;
        Ok(ReportTaskProgressOutput { canceled })
    }
}
