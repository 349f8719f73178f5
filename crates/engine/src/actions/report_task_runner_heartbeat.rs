//! ReportTaskRunnerHeartbeat: record that a task runner is alive; answer
//! `terminate: true` when its resource has shut down.

use crate::error::{check_len, require, ServiceError};
use crate::service::Heartbeat;
use crate::trace::Cause;
use crate::wire::Action;
use crate::Service;
use model::catalog::keys;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportTaskRunnerHeartbeatInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taskrunner_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worker_group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportTaskRunnerHeartbeatOutput {
    pub terminate: bool,
}

impl Service {
    pub fn report_task_runner_heartbeat(
        &mut self,
        req: ReportTaskRunnerHeartbeatInput,
    ) -> Result<ReportTaskRunnerHeartbeatOutput, ServiceError> {
        self.call(
            Action::ReportTaskRunnerHeartbeat,
            req,
            Self::report_task_runner_heartbeat_impl,
        )
    }

    fn report_task_runner_heartbeat_impl(
        &mut self,
        req: ReportTaskRunnerHeartbeatInput,
        _cause: Cause,
    ) -> Result<ReportTaskRunnerHeartbeatOutput, ServiceError> {
        let id = require(&req.taskrunner_id, "taskrunnerId", 1, 1024)?.to_string();
        check_len(&req.worker_group, keys::WORKER_GROUP, 1024)?;
        check_len(&req.hostname, keys::HOSTNAME, 1024)?;
        let terminate = self.terminate_runners.get(&id).copied().unwrap_or(false);
        self.heartbeats.insert(
            id,
            Heartbeat {
                at: self.now(),
                worker_group: req.worker_group,
                hostname: req.hostname,
                terminate,
            },
        );
        Ok(ReportTaskRunnerHeartbeatOutput { terminate })
    }
}
