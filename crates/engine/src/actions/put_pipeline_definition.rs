//! PutPipelineDefinition: validate and save the whole definition (fatal
//! problems are not saved and answer InvalidRequestException).

use super::shapes::{to_definition, WireObject, WireParameterObject, WireParameterValue};
use super::{Handler, Run};
use crate::defaults;
use crate::error::ServiceError;
use crate::state::PipelineState;
use crate::trace::Cause;
use crate::Service;
use model::validate::validate;
use protocol::messages::*;

/// The definition a Put or Validate request carries (`pipelineObjects` is
/// required).
pub(crate) fn definition(
    objects: &Option<Vec<WireObject>>,
    parameters: &[WireParameterObject],
    values: &[WireParameterValue],
) -> Result<model::Definition, ServiceError> {
    let objects = objects
        .as_ref()
        .ok_or_else(|| ServiceError::missing("pipelineObjects"))?;
    to_definition(objects, parameters, values)
}

impl Handler for PutPipelineDefinitionInput {
    type Output = PutPipelineDefinitionOutput;
    const RUN: Run<Self> = Service::put_pipeline_definition_impl;
}

impl Service {
    fn put_pipeline_definition_impl(
        &mut self,
        req: PutPipelineDefinitionInput,
        _cause: Cause,
    ) -> Result<PutPipelineDefinitionOutput, ServiceError> {
        let p = self.pipeline_for(&req.pipeline_id)?;
        let def = definition(
            &req.pipeline_objects,
            &req.parameter_objects,
            &req.parameter_values,
        )?;
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
