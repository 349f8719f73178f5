//! The wire protocol: `X-Amz-Target: DataPipeline.<Action>` plus a JSON
//! body in, `(HTTP status, JSON body)` out, with `__type` errors. Every
//! action goes through its typed method, which also feeds the call log.

use super::error::ServiceError;
use super::service::CallRecord;
use super::trace::Cause;
use super::Service;
use serde::{de::DeserializeOwned, Deserialize, Serialize};

macro_rules! actions {
    ($($name:ident),* $(,)?) => {
        /// The service's 19 actions.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum Action { $($name),* }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$name),*];
            pub fn as_str(self) -> &'static str {
                match self { $(Action::$name => stringify!($name)),* }
            }
            pub fn parse(s: &str) -> Option<Action> {
                match s { $(stringify!($name) => Some(Action::$name),)* _ => None }
            }
        }
    };
}

actions!(
    ActivatePipeline,
    AddTags,
    CreatePipeline,
    DeactivatePipeline,
    DeletePipeline,
    DescribeObjects,
    DescribePipelines,
    EvaluateExpression,
    GetPipelineDefinition,
    ListPipelines,
    PollForTask,
    PutPipelineDefinition,
    QueryObjects,
    RemoveTags,
    ReportTaskProgress,
    ReportTaskRunnerHeartbeat,
    SetStatus,
    SetTaskStatus,
    ValidatePipelineDefinition,
);

fn parse_body<I: DeserializeOwned>(body: &str) -> Result<I, ServiceError> {
    let body = if body.trim().is_empty() { "{}" } else { body };
    serde_json::from_str(body).map_err(|e| ServiceError::Serialization(e.to_string()))
}

fn answer<O: Serialize>(r: Result<O, ServiceError>, empty: bool) -> (u16, String) {
    match r {
        Ok(_) if empty => (200, String::new()),
        Ok(o) => match serde_json::to_string(&o) {
            Ok(s) => (200, s),
            Err(e) => {
                let err = ServiceError::InternalServiceError(e.to_string());
                (err.status(), err.to_json())
            }
        },
        Err(e) => (e.status(), e.to_json()),
    }
}

macro_rules! route {
    ($svc:ident, $action:ident, $body:ident, $($name:ident => $method:ident),* $(,)?) => {
        match $action {
            $(Action::$name => match parse_body($body) {
                Ok(req) => answer($svc.$method(req), matches!($action, Action::DeletePipeline | Action::SetStatus)),
                Err(e) => { $svc.log_failed_call($action, $body, &e); (e.status(), e.to_json()) }
            },)*
        }
    };
}

impl Service {
    /// Answer one wire request: `target` is the X-Amz-Target header
    /// (`DataPipeline.<Action>`), `body` the JSON body.
    pub fn dispatch(&mut self, target: &str, body: &str) -> (u16, String) {
        let name = target
            .strip_prefix("DataPipeline.")
            .or_else(|| target.strip_prefix("DataPipeline_20121129."));
        let Some(action) = name.and_then(Action::parse) else {
            let e = ServiceError::UnknownOperation(format!("Unknown operation: {target}"));
            return (e.status(), e.to_json());
        };
        route!(self, action, body,
            ActivatePipeline => activate_pipeline,
            AddTags => add_tags,
            CreatePipeline => create_pipeline,
            DeactivatePipeline => deactivate_pipeline,
            DeletePipeline => delete_pipeline,
            DescribeObjects => describe_objects,
            DescribePipelines => describe_pipelines,
            EvaluateExpression => evaluate_expression,
            GetPipelineDefinition => get_pipeline_definition,
            ListPipelines => list_pipelines,
            PollForTask => poll_for_task,
            PutPipelineDefinition => put_pipeline_definition,
            QueryObjects => query_objects,
            RemoveTags => remove_tags,
            ReportTaskProgress => report_task_progress,
            ReportTaskRunnerHeartbeat => report_task_runner_heartbeat,
            SetStatus => set_status,
            SetTaskStatus => set_task_status,
            ValidatePipelineDefinition => validate_pipeline_definition,
        )
    }

    /// Run one typed call: the action itself, then the lifecycle work and
    /// timers due now, then the call log.
    pub(crate) fn call<I: Serialize, O: Serialize>(
        &mut self,
        action: Action,
        req: I,
        f: fn(&mut Service, I, Cause) -> Result<O, ServiceError>,
    ) -> Result<O, ServiceError> {
        let request = self
            .call_log_enabled
            .then(|| serde_json::to_string(&req).unwrap_or_default());
        let cause = Cause::Call {
            action,
            caller: self.caller,
        };
        let out = f(self, req, cause);
        self.settle();
        self.run_due();
        if let Some(request) = request {
            let (status, response) = match &out {
                Ok(o) => (200, serde_json::to_string(o).unwrap_or_default()),
                Err(e) => (e.status(), e.to_json()),
            };
            self.call_log.push(CallRecord {
                at: self.now(),
                caller: self.caller_label().to_string(),
                action: action.as_str().to_string(),
                request,
                response,
                status,
            });
        }
        out
    }

    fn log_failed_call(&mut self, action: Action, body: &str, e: &ServiceError) {
        if self.call_log_enabled {
            self.call_log.push(CallRecord {
                at: self.now(),
                caller: self.caller_label().to_string(),
                action: action.as_str().to_string(),
                request: body.to_string(),
                response: e.to_json(),
                status: e.status(),
            });
        }
    }
}
