//! RemoveTags: remove tags by key.

use super::{Handler, Run};
use crate::error::ServiceError;
use crate::trace::Cause;
use crate::Service;
use protocol::messages::*;

impl Handler for RemoveTagsInput {
    type Output = RemoveTagsOutput;
    const RUN: Run<Self> = Service::remove_tags_impl;
}

impl Service {
    fn remove_tags_impl(
        &mut self,
        req: RemoveTagsInput,
        _cause: Cause,
    ) -> Result<RemoveTagsOutput, ServiceError> {
        let p = self.pipeline_for(&req.pipeline_id)?;
        let keys = req
            .tag_keys
            .as_ref()
            .ok_or_else(|| ServiceError::missing("tagKeys"))?;
        self.pipelines[p].tags.retain(|t| !keys.contains(&t.key));
        Ok(RemoveTagsOutput {})
    }
}
