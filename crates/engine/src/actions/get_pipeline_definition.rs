//! GetPipelineDefinition: the last saved (`latest`) or last activated
//! (`active`) definition.

use super::shapes::{from_definition, WireObject, WireParameterObject, WireParameterValue};
use crate::error::ServiceError;
use crate::trace::Cause;
use crate::wire::Action;
use crate::Service;
use serde::{Deserialize, Serialize};

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

impl Service {
    pub fn get_pipeline_definition(
        &mut self,
        req: GetPipelineDefinitionInput,
    ) -> Result<GetPipelineDefinitionOutput, ServiceError> {
        self.call(
            Action::GetPipelineDefinition,
            req,
            Self::get_pipeline_definition_impl,
        )
    }

    fn get_pipeline_definition_impl(
        &mut self,
        req: GetPipelineDefinitionInput,
        _cause: Cause,
    ) -> Result<GetPipelineDefinitionOutput, ServiceError> {
        let p = self.pipeline_for(&req.pipeline_id)?;
        let pipeline = &self.pipelines[p as usize];
        let def = match req.version.as_deref().unwrap_or("latest") {
            "latest" => pipeline.latest.as_ref(),
            "active" => pipeline.active.as_ref(),
            other => {
                return Err(ServiceError::InvalidRequest(format!(
                    "Invalid version '{other}': use 'latest' or 'active'"
                )))
            }
        };
        let Some(def) = def else {
            return Ok(GetPipelineDefinitionOutput::default());
        };
        let (pipeline_objects, parameter_objects, parameter_values) = from_definition(def);
        Ok(GetPipelineDefinitionOutput {
            pipeline_objects,
            parameter_objects,
            parameter_values,
        })
    }
}
