//! The service's 19 actions, one file each: the handler of each typed
//! request (the requests, answers and the action table are
//! `protocol`'s, re-exported here). Each public method is made from the
//! table and runs through `Service::call` (lifecycle work, due timers,
//! call log).

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

pub use poll_for_task::{PollForTaskOutput, TaskObject};
pub use protocol::messages::*;
pub use shapes::{
    WireAttribute, WireField, WireObject, WireParameterObject, WireParameterValue, WireTag,
};

use super::error::{require, ServiceError};
use super::trace::Cause;
use super::Service;

/// An action's request, tied to the engine's handler and answer. Each
/// action file implements it for its input; `protocol::for_each_action!`
/// then makes the typed method and the wire route (`wire`), so a row of the
/// table without a handler does not compile.
pub trait Handler: protocol::Request {
    type Output: serde::Serialize;
    const RUN: Run<Self>;
}

/// The body of an action: the request and the cause its trace entries carry.
pub type Run<I> = fn(&mut Service, I, Cause) -> Result<<I as Handler>::Output, ServiceError>;

macro_rules! typed_methods {
    ($($name:ident { method: $method:ident, input: $input:ident, $($rest:tt)* }),* $(,)?) => {
        impl Service {
            $(
                #[doc = concat!("The ", stringify!($name), " action (through `call`: lifecycle work, due timers, call log).")]
                pub fn $method(
                    &mut self,
                    req: protocol::$input,
                ) -> Result<<protocol::$input as Handler>::Output, ServiceError> {
                    self.call(req)
                }
            )*
        }
    };
}
protocol::for_each_action!(typed_methods);

impl Service {
    /// The pipeline named by a required `pipelineId`: NotFound or Deleted errors.
    pub(crate) fn pipeline_for(
        &self,
        id: &Option<String>,
    ) -> Result<crate::ix::PipelineIx, ServiceError> {
        let id = require(id, "pipelineId", 1, 1024)?;
        let p = self
            .pipelines
            .find(id)
            .ok_or_else(|| ServiceError::pipeline_not_found(id))?;
        if self.pipelines[p].deleted {
            return Err(ServiceError::pipeline_deleted(id));
        }
        Ok(p)
    }
}
