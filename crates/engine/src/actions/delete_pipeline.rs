//! DeletePipeline: cancel what runs, then refuse every later call on the
//! pipeline with PipelineDeletedException. Answers an empty body.

use crate::error::{require, ServiceError};
use crate::trace::Cause;
use crate::wire::Action;
use crate::Service;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeletePipelineInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<String>,
}

/// No output (the wire body is empty).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DeletePipelineOutput {}

impl Service {
    pub fn delete_pipeline(
        &mut self,
        req: DeletePipelineInput,
    ) -> Result<DeletePipelineOutput, ServiceError> {
        self.call(Action::DeletePipeline, req, Self::delete_pipeline_impl)
    }

    fn delete_pipeline_impl(
        &mut self,
        req: DeletePipelineInput,
        cause: Cause,
    ) -> Result<DeletePipelineOutput, ServiceError> {
        let id = require(&req.pipeline_id, "pipelineId", 1, 1024)?;
        let p = *self
            .pipeline_index
            .get(id)
            .ok_or_else(|| ServiceError::pipeline_not_found(id))?;
        if self.pipelines[p as usize].deleted {
            return Err(ServiceError::pipeline_not_found(id));
        }
        self.cancel_all(p, cause, "pipeline deleted");
        let pl = &mut self.pipelines[p as usize];
        pl.deleted = true;
        let key = (pl.name.clone(), pl.unique_id.clone());
        self.unique_index.remove(&key);
        Ok(DeletePipelineOutput {})
    }
}
