//! GetPipelineDefinition: the last saved (`latest`) or last activated
//! (`active`) definition.

use super::shapes::from_definition;
use super::{Handler, Run};
use crate::error::ServiceError;
use crate::trace::Cause;
use crate::Service;
use protocol::messages::*;

impl Handler for GetPipelineDefinitionInput {
    type Output = GetPipelineDefinitionOutput;
    const RUN: Run<Self> = Service::get_pipeline_definition_impl;
}

impl Service {
    fn get_pipeline_definition_impl(
        &mut self,
        req: GetPipelineDefinitionInput,
        _cause: Cause,
    ) -> Result<GetPipelineDefinitionOutput, ServiceError> {
        let p = self.pipeline_for(&req.pipeline_id)?;
        let pipeline = &self.pipelines[p];
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
