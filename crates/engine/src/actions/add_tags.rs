//! AddTags: add or replace tags (at most 10 per pipeline).

use super::shapes::to_tags;
use super::{Handler, Run};
use crate::defaults;
use crate::error::ServiceError;
use crate::trace::Cause;
use crate::Service;
use protocol::messages::*;

impl Handler for AddTagsInput {
    type Output = AddTagsOutput;
    const RUN: Run<Self> = Service::add_tags_impl;
}

impl Service {
    fn add_tags_impl(
        &mut self,
        req: AddTagsInput,
        _cause: Cause,
    ) -> Result<AddTagsOutput, ServiceError> {
        let p = self.pipeline_for(&req.pipeline_id)?;
        let tags = to_tags(
            req.tags
                .as_ref()
                .ok_or_else(|| ServiceError::missing("tags"))?,
        )?;
        let mut merged = self.pipelines[p].tags.clone();
        for t in tags {
            match merged.iter_mut().find(|m| m.key == t.key) {
                Some(m) => m.value = t.value,
                None => merged.push(t),
            }
        }
        if merged.len() > defaults::MAX_TAGS {
            return Err(ServiceError::InvalidRequest(format!(
                "A pipeline can have at most {} tags",
                defaults::MAX_TAGS
            )));
        }
        self.pipelines[p].tags = merged;
        Ok(AddTagsOutput {})
    }
}
