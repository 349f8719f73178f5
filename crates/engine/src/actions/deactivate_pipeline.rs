//! DeactivatePipeline: stop scheduling; `cancelActive` (default true)
//! cancels running objects, otherwise they finish first (DEACTIVATING).

use crate::error::ServiceError;
use crate::trace::Cause;
use crate::wire::Action;
use crate::Service;
use serde::{Deserialize, Serialize};

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

impl Service {
    pub fn deactivate_pipeline(
        &mut self,
        req: DeactivatePipelineInput,
    ) -> Result<DeactivatePipelineOutput, ServiceError> {
        self.call(
            Action::DeactivatePipeline,
            req,
            Self::deactivate_pipeline_impl,
        )
    }

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
