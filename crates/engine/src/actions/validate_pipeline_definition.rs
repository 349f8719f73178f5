//! ValidatePipelineDefinition: the same checks as PutPipelineDefinition,
//! nothing saved; fatal problems are reported as errors (an object sent
//! without `name` among them).

use super::put_pipeline_definition::{definition, unnamed, MISSING_NAME};
use super::{Handler, Run};
use crate::error::ServiceError;
use crate::trace::Cause;
use crate::Service;
use model::validate::validate;
use protocol::messages::*;

impl Handler for ValidatePipelineDefinitionInput {
    type Output = ValidatePipelineDefinitionOutput;
    const RUN: Run<Self> = Service::validate_pipeline_definition_impl;
}

impl Service {
    fn validate_pipeline_definition_impl(
        &mut self,
        req: ValidatePipelineDefinitionInput,
        _cause: Cause,
    ) -> Result<ValidatePipelineDefinitionOutput, ServiceError> {
        self.pipeline_for(&req.pipeline_id)?;
        let def = definition(
            &req.pipeline_objects,
            &req.parameter_objects,
            &req.parameter_values,
        )?;
        let mut out = PutPipelineDefinitionOutput::from_report(&validate(&def));
        for id in unnamed(&req.pipeline_objects) {
            out.errored = true;
            let message = MISSING_NAME.to_string();
            match out.validation_errors.iter_mut().find(|e| e.id == id) {
                Some(e) => e.errors.push(message),
                None => out.validation_errors.push(ValidationError {
                    id,
                    errors: vec![message],
                }),
            }
        }
        Ok(out)
    }
}
