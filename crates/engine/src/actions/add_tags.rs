//! AddTags: add or replace tags (at most 10 per pipeline).

use super::shapes::{to_tags, WireTag};
use crate::defaults;
use crate::error::ServiceError;
use crate::trace::Cause;
use crate::wire::Action;
use crate::Service;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddTagsInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<WireTag>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AddTagsOutput {}

impl Service {
    pub fn add_tags(&mut self, req: AddTagsInput) -> Result<AddTagsOutput, ServiceError> {
        self.call(Action::AddTags, req, Self::add_tags_impl)
    }

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
        let mut merged = self.pipelines[p as usize].tags.clone();
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
        self.pipelines[p as usize].tags = merged;
        Ok(AddTagsOutput {})
    }
}
