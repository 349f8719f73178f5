//! DeactivatePipeline: stop scheduling; `cancelActive` (default true)
//! cancels running objects, otherwise they finish first (DEACTIVATING).

use super::{Handler, Run};
use crate::error::ServiceError;
use crate::trace::Cause;
use crate::Service;
use protocol::messages::*;

impl Handler for DeactivatePipelineInput {
    type Output = DeactivatePipelineOutput;
    const RUN: Run<Self> = Service::deactivate_pipeline_impl;
}

impl Service {
    fn deactivate_pipeline_impl(
        &mut self,
        req: DeactivatePipelineInput,
        cause: Cause,
    ) -> Result<DeactivatePipelineOutput, ServiceError> {
        let p = self.pipeline_for(&req.pipeline_id)?;
        self.deactivate(p, req.cancel_active.unwrap_or(true), cause);
        Ok(DeactivatePipelineOutput {})
    }
}
