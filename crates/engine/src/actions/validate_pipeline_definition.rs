//! ValidatePipelineDefinition: the same checks as PutPipelineDefinition,
//! nothing saved; fatal problems are reported as errors.

use super::put_pipeline_definition::{PutPipelineDefinitionInput, PutPipelineDefinitionOutput};
use crate::error::ServiceError;
use crate::trace::Cause;
use crate::wire::Action;
use crate::Service;
use model::validate::validate;

/// Same shape as PutPipelineDefinition's request.
pub type ValidatePipelineDefinitionInput = PutPipelineDefinitionInput;

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
        Ok(PutPipelineDefinitionOutput::from_report(&validate(
            &req.definition()?,
        )))
    }
}
