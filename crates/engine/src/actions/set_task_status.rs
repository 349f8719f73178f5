//! SetTaskStatus: the runner's verdict on a task: FINISHED, FAILED or
//! FALSE (a precondition evaluated false), with error details stored on
//! the attempt. `errorId` "should not start with Service_" (service
//! model): advice to runners, not a documented error, so it is stored.

use super::{Handler, Run};
use crate::error::{check_len, require, require_task_id, ServiceError};
use crate::trace::Cause;
use crate::Service;
use model::catalog::keys::runtime;
use protocol::messages::*;

/// The verdict of a SetTaskStatus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskVerdict {
    Finished,
    Failed,
    False,
}

impl Handler for SetTaskStatusInput {
    type Output = SetTaskStatusOutput;
    const RUN: Run<Self> = Service::set_task_status_impl;
}

impl Service {
    fn set_task_status_impl(
        &mut self,
        req: SetTaskStatusInput,
        cause: Cause,
    ) -> Result<SetTaskStatusOutput, ServiceError> {
        let task_id = require_task_id(&req.task_id, "taskId")?;
        let verdict = match require(&req.task_status, "taskStatus", 0, 1024)? {
            "FINISHED" => TaskVerdict::Finished,
            "FAILED" => TaskVerdict::Failed,
            "FALSE" => TaskVerdict::False,
            other => {
                return Err(ServiceError::InvalidRequest(format!(
                    "1 validation error detected: Value '{other}' at 'taskStatus' failed to satisfy constraint: Member must satisfy enum value set: [FINISHED, FAILED, FALSE]"
                )))
            }
        };
        check_len(&req.error_id, runtime::ERROR_ID, 1024)?;
        check_len(&req.error_stack_trace, runtime::ERROR_STACK_TRACE, 1024)?;
        self.finish_task(
            task_id,
            verdict,
            req.error_id,
            req.error_message,
            req.error_stack_trace,
            cause,
        )?;
        Ok(SetTaskStatusOutput {})
    }
}
