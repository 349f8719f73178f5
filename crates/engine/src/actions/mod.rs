//! The service's 19 actions, one file each, with typed requests and
//! responses in the service's JSON spelling. Each public method runs
//! through `Service::call` (lifecycle work, due timers, call log).

pub mod activate_pipeline;
pub mod add_tags;
pub mod create_pipeline;
pub mod deactivate_pipeline;
pub mod delete_pipeline;
pub mod describe_objects;
pub mod describe_pipelines;
pub mod evaluate_expression;
pub mod get_pipeline_definition;
pub mod list_pipelines;
pub mod poll_for_task;
pub mod put_pipeline_definition;
pub mod query_objects;
pub mod remove_tags;
pub mod report_task_progress;
pub mod report_task_runner_heartbeat;
pub mod set_status;
pub mod set_task_status;
pub mod shapes;
pub mod validate_pipeline_definition;

pub use activate_pipeline::{ActivatePipelineInput, ActivatePipelineOutput};
pub use add_tags::{AddTagsInput, AddTagsOutput};
pub use create_pipeline::{CreatePipelineInput, CreatePipelineOutput};
pub use deactivate_pipeline::{DeactivatePipelineInput, DeactivatePipelineOutput};
pub use delete_pipeline::{DeletePipelineInput, DeletePipelineOutput};
pub use describe_objects::{DescribeObjectsInput, DescribeObjectsOutput};
pub use describe_pipelines::{
    DescribePipelinesInput, DescribePipelinesOutput, PipelineDescription,
};
pub use evaluate_expression::{EvaluateExpressionInput, EvaluateExpressionOutput};
pub use get_pipeline_definition::{GetPipelineDefinitionInput, GetPipelineDefinitionOutput};
pub use list_pipelines::{ListPipelinesInput, ListPipelinesOutput, PipelineIdName};
pub use poll_for_task::{InstanceIdentity, PollForTaskInput, PollForTaskOutput, TaskObject};
pub use put_pipeline_definition::{
    PutPipelineDefinitionInput, PutPipelineDefinitionOutput, ValidationError, ValidationWarning,
};
pub use query_objects::{Operator, Query, QueryObjectsInput, QueryObjectsOutput, Selector};
pub use remove_tags::{RemoveTagsInput, RemoveTagsOutput};
pub use report_task_progress::{ReportTaskProgressInput, ReportTaskProgressOutput};
pub use report_task_runner_heartbeat::{
    ReportTaskRunnerHeartbeatInput, ReportTaskRunnerHeartbeatOutput,
};
pub use set_status::{SetStatusInput, SetStatusOutput};
pub use set_task_status::{SetTaskStatusInput, SetTaskStatusOutput};
pub use shapes::{
    WireAttribute, WireField, WireObject, WireParameterObject, WireParameterValue, WireTag,
};
pub use validate_pipeline_definition::{
    ValidatePipelineDefinitionInput, ValidatePipelineDefinitionOutput,
};

use super::error::{require, ServiceError};
use super::Service;

impl Service {
    /// The pipeline named by a required `pipelineId`: NotFound or Deleted errors.
    pub(crate) fn pipeline_for(&self, id: &Option<String>) -> Result<u32, ServiceError> {
        let id = require(id, "pipelineId", 1, 1024)?;
        let p = *self
            .pipeline_index
            .get(id)
            .ok_or_else(|| ServiceError::pipeline_not_found(id))?;
        if self.pipelines[p as usize].deleted {
            return Err(ServiceError::pipeline_deleted(id));
        }
        Ok(p)
    }
}
