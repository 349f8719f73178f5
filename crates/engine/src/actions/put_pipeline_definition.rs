//! PutPipelineDefinition: validate and save the whole definition (fatal
//! problems are not saved and answer InvalidRequestException).

use super::shapes::{to_definition, WireObject, WireParameterObject, WireParameterValue};
use crate::defaults;
use crate::error::ServiceError;
use crate::state::PipelineState;
use crate::trace::Cause;
use crate::wire::Action;
use crate::Service;
use model::validate::{validate, Report};
use serde::{Deserialize, Serialize};

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

impl PutPipelineDefinitionInput {
    /// The definition the request carries (`pipelineObjects` is required).
    pub(crate) fn definition(&self) -> Result<model::Definition, ServiceError> {
        let objects = self
            .pipeline_objects
            .as_ref()
            .ok_or_else(|| ServiceError::missing("pipelineObjects"))?;
        to_definition(objects, &self.parameter_objects, &self.parameter_values)
    }
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

impl Service {
    pub fn put_pipeline_definition(
        &mut self,
        req: PutPipelineDefinitionInput,
    ) -> Result<PutPipelineDefinitionOutput, ServiceError> {
        self.call(
            Action::PutPipelineDefinition,
            req,
            Self::put_pipeline_definition_impl,
        )
    }

    fn put_pipeline_definition_impl(
        &mut self,
        req: PutPipelineDefinitionInput,
        _cause: Cause,
    ) -> Result<PutPipelineDefinitionOutput, ServiceError> {
        let p = self.pipeline_for(&req.pipeline_id)?;
        let def = req.definition()?;
        let pipeline = &self.pipelines[p as usize];
        let fatal = || ServiceError::InvalidRequest(defaults::FATAL_DEFINITION_MESSAGE.to_string());
        if pipeline.state == PipelineState::Finished || def.objects.len() > defaults::MAX_OBJECTS {
            return Err(fatal());
        }
        let report = validate(&def);
        if report.has_fatal() {
            return Err(fatal());
        }
        let pipeline = &mut self.pipelines[p as usize];
        pipeline.latest = Some(def);
        pipeline.latest_errored = report.errored();
        pipeline.version += 1;
        Ok(PutPipelineDefinitionOutput::from_report(&report))
    }
}
