//! The typed request (`…Input`) and answer (`…Output`) of each action in
//! the service's JSON spelling (botocore's member names), in the order of
//! the table in [`crate::action`]. Every member of a request is optional
//! here: the service, not the parser, answers a missing one with its own
//! InvalidRequestException. PollForTask's answer is the engine's (its
//! `TaskObject` is a lazily rendered attempt snapshot), so it is not here.

use crate::shapes::{WireField, WireObject, WireParameterObject, WireParameterValue, WireTag};
use crate::task_id::TaskId;
use model::validate::Report;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::sync::Arc;

// ---- ActivatePipeline

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivatePipelineInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameter_values: Vec<WireParameterValue>,
    /// Epoch seconds (awsJson 1.1's timestamp: a JSON number; whole
    /// seconds are written without a fraction).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_seconds"
    )]
    pub start_timestamp: Option<f64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActivatePipelineOutput {}

// ---- AddTags

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddTagsInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<WireTag>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AddTagsOutput {}

// ---- CreatePipeline

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatePipelineInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unique_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<WireTag>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatePipelineOutput {
    pub pipeline_id: String,
}

// ---- DeactivatePipeline

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeactivatePipelineInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_active: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DeactivatePipelineOutput {}

// ---- DeletePipeline

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeletePipelineInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<String>,
}

/// No output (the wire body is empty).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DeletePipelineOutput {}

// ---- DescribeObjects

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DescribeObjectsInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_ids: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluate_expressions: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DescribeObjectsOutput {
    pub pipeline_objects: Vec<WireObject>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    pub has_more_results: bool,
}

impl DescribeObjectsInput {
    pub fn new(pipeline_id: &str, ids: &[&str]) -> Self {
        DescribeObjectsInput {
            pipeline_id: Some(pipeline_id.to_string()),
            object_ids: Some(ids.iter().map(|s| s.to_string()).collect()),
            ..Default::default()
        }
    }
}

// ---- DescribePipelines

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DescribePipelinesInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_ids: Option<Vec<String>>,
}

/// `PipelineDescription`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PipelineDescription {
    pub pipeline_id: String,
    pub name: String,
    pub fields: Vec<WireField>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub tags: Vec<WireTag>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DescribePipelinesOutput {
    pub pipeline_description_list: Vec<PipelineDescription>,
}

// ---- EvaluateExpression

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EvaluateExpressionInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expression: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EvaluateExpressionOutput {
    pub evaluated_expression: String,
}

// ---- GetPipelineDefinition

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetPipelineDefinitionInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetPipelineDefinitionOutput {
    pub pipeline_objects: Vec<WireObject>,
    pub parameter_objects: Vec<WireParameterObject>,
    pub parameter_values: Vec<WireParameterValue>,
}

// ---- ListPipelines

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListPipelinesInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
}

/// `PipelineIdName`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PipelineIdName {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListPipelinesOutput {
    pub pipeline_id_list: Vec<PipelineIdName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    pub has_more_results: bool,
}

// ---- PollForTask

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

impl PollForTaskInput {
    pub fn new(worker_group: &str) -> Self {
        PollForTaskInput {
            worker_group: Some(worker_group.into()),
            ..Default::default()
        }
    }
}

// ---- PutPipelineDefinition

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PutPipelineDefinitionInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_objects: Option<Vec<WireObject>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameter_objects: Vec<WireParameterObject>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameter_values: Vec<WireParameterValue>,
}

/// `ValidationError`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ValidationError {
    pub id: String,
    pub errors: Vec<String>,
}

/// `ValidationWarning`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ValidationWarning {
    pub id: String,
    pub warnings: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PutPipelineDefinitionOutput {
    pub errored: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub validation_errors: Vec<ValidationError>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub validation_warnings: Vec<ValidationWarning>,
}

impl PutPipelineDefinitionOutput {
    /// From the model's report (its `to_service_json` is the one rendering).
    pub fn from_report(report: &Report) -> Self {
        serde_json::from_value(report.to_service_json()).unwrap_or_else(|_| {
            PutPipelineDefinitionOutput {
                errored: report.errored(),
                ..Default::default()
            }
        })
    }
}

// ---- QueryObjects

/// `Operator`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Operator {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

/// `Selector`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Selector {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<Operator>,
}

/// `Query`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Query {
    #[serde(default)]
    pub selectors: Vec<Selector>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueryObjectsInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<Query>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sphere: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueryObjectsOutput {
    pub ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    pub has_more_results: bool,
}

impl QueryObjectsInput {
    pub fn new(pipeline_id: &str, sphere: &str) -> Self {
        QueryObjectsInput {
            pipeline_id: Some(pipeline_id.to_string()),
            sphere: Some(sphere.to_string()),
            ..Default::default()
        }
    }
}

// ---- RemoveTags

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RemoveTagsInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag_keys: Option<Vec<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RemoveTagsOutput {}

// ---- ReportTaskProgress

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

// ---- ReportTaskRunnerHeartbeat

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

// ---- SetStatus

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetStatusInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_ids: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// No output (the wire body is empty).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SetStatusOutput {}

impl SetStatusInput {
    pub fn new(pipeline_id: &str, ids: &[&str], status: &str) -> Self {
        SetStatusInput {
            pipeline_id: Some(pipeline_id.to_string()),
            object_ids: Some(ids.iter().map(|s| s.to_string()).collect()),
            status: Some(status.to_string()),
        }
    }
}

// ---- SetTaskStatus

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetTaskStatusInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_id: Option<TaskId>,
    /// `FINISHED`, `FAILED` or `FALSE` (a runner sends a constant).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_status: Option<Cow<'static, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_stack_trace: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SetTaskStatusOutput {}

impl SetTaskStatusInput {
    pub fn new(task_id: impl Into<TaskId>, status: impl Into<Cow<'static, str>>) -> Self {
        SetTaskStatusInput {
            task_id: Some(task_id.into()),
            task_status: Some(status.into()),
            ..Default::default()
        }
    }
}

// ---- ValidatePipelineDefinition

/// The same members as PutPipelineDefinition's request (its own type, so
/// the table can tell the two actions apart by their input).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ValidatePipelineDefinitionInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_objects: Option<Vec<WireObject>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameter_objects: Vec<WireParameterObject>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameter_values: Vec<WireParameterValue>,
}

/// Same shape as PutPipelineDefinition's answer.
pub type ValidatePipelineDefinitionOutput = PutPipelineDefinitionOutput;

/// A timestamp in epoch seconds, whole seconds as an integer (`1355270400`,
/// as botocore writes them), anything else as a float.
fn whole_seconds<S: serde::Serializer>(t: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match *t {
        Some(t) if t.fract() == 0.0 && t.abs() < 9.0e15 => s.serialize_i64(t as i64),
        Some(t) => s.serialize_f64(t),
        None => s.serialize_none(),
    }
}
