//! ReportTaskRunnerHeartbeat: record that a task runner is alive; answer
//! `terminate: true` when its resource has shut down.

use super::{Handler, Run};
use crate::error::{check_len, require, ServiceError};
use crate::service::Heartbeat;
use crate::trace::Cause;
use crate::Service;
use model::catalog::keys;
use protocol::messages::*;

impl Handler for ReportTaskRunnerHeartbeatInput {
    type Output = ReportTaskRunnerHeartbeatOutput;
    const RUN: Run<Self> = Service::report_task_runner_heartbeat_impl;
}

impl Service {
    fn report_task_runner_heartbeat_impl(
        &mut self,
        req: ReportTaskRunnerHeartbeatInput,
        _cause: Cause,
    ) -> Result<ReportTaskRunnerHeartbeatOutput, ServiceError> {
        let id = require(&req.taskrunner_id, "taskrunnerId", 1, 1024)?.to_string();
        check_len(&req.worker_group, keys::WORKER_GROUP, 1024)?;
        check_len(&req.hostname, keys::HOSTNAME, 1024)?;
        let terminate = self.runners.heartbeat(
            id,
            Heartbeat {
                at: self.now(),
                worker_group: req.worker_group,
                hostname: req.hostname,
                terminate: false,
            },
        );
        Ok(ReportTaskRunnerHeartbeatOutput { terminate })
    }
}
