//! ValidatePipelineDefinition: the same checks as PutPipelineDefinition,
//! nothing saved; fatal problems are reported as errors.

use super::put_pipeline_definition::PutPipelineDefinitionOutput;
use super::shapes::{to_definition, WireObject, WireParameterObject, WireParameterValue};
use crate::engine::error::ServiceError;
use crate::engine::trace::Cause;
use crate::engine::wire::Action;
use crate::engine::Service;
use crate::model::validate::validate;
use serde::{Deserialize, Serialize};

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

impl Service {
    pub fn validate_pipeline_definition(
        &mut self,
        req: ValidatePipelineDefinitionInput,
    ) -> Result<ValidatePipelineDefinitionOutput, ServiceError> {
        self.call(
            Action::ValidatePipelineDefinition,
            req,
            Self::validate_pipeline_definition_impl,
        )
    }

    fn validate_pipeline_definition_impl(
        &mut self,
        req: ValidatePipelineDefinitionInput,
        _cause: Cause,
    ) -> Result<ValidatePipelineDefinitionOutput, ServiceError> {
        self.pipeline_for(&req.pipeline_id)?;
        let objects = req
            .pipeline_objects
            .as_ref()
            .ok_or_else(|| ServiceError::missing("pipelineObjects"))?;
        let def = to_definition(objects, &req.parameter_objects, &req.parameter_values)?;
        Ok(PutPipelineDefinitionOutput::from_report(&validate(&def)))
    }
}
