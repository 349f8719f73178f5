//! DeletePipeline: cancel what runs, then refuse every later call on the
//! pipeline with PipelineDeletedException. Answers an empty body.

use super::{Handler, Run};
use crate::error::{require, ServiceError};
use crate::trace::Cause;
use crate::Service;
use protocol::messages::*;

impl Handler for DeletePipelineInput {
    type Output = DeletePipelineOutput;
    const RUN: Run<Self> = Service::delete_pipeline_impl;
}

impl Service {
    fn delete_pipeline_impl(
        &mut self,
        req: DeletePipelineInput,
        cause: Cause,
    ) -> Result<DeletePipelineOutput, ServiceError> {
        let id = require(&req.pipeline_id, "pipelineId", 1, 1024)?;
        let p = self
            .pipelines
            .find(id)
            .ok_or_else(|| ServiceError::pipeline_not_found(id))?;
        if self.pipelines[p].deleted {
            return Err(ServiceError::pipeline_not_found(id));
        }
        self.cancel_all(p, cause, "pipeline deleted");
        self.pipelines.mark_deleted(p);
        Ok(DeletePipelineOutput {})
    }
}
