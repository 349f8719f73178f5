//! RemoveTags: remove tags by key.

use crate::error::ServiceError;
use crate::trace::Cause;
use crate::wire::Action;
use crate::Service;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RemoveTagsInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag_keys: Option<Vec<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RemoveTagsOutput {}

impl Service {
    pub fn remove_tags(&mut self, req: RemoveTagsInput) -> Result<RemoveTagsOutput, ServiceError> {
        self.call(Action::RemoveTags, req, Self::remove_tags_impl)
    }

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
        self.pipelines[p as usize]
            .tags
            .retain(|t| !keys.contains(&t.key));
        Ok(RemoveTagsOutput {})
    }
}
