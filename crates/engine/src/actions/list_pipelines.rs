//! ListPipelines: ids and names of the account's pipelines, paged by `marker`.

use crate::defaults;
use crate::error::{check_len, ServiceError};
use crate::trace::Cause;
use crate::wire::Action;
use crate::Service;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListPipelinesInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
}

/// `PipelineIdName`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PipelineIdName {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListPipelinesOutput {
    pub pipeline_id_list: Vec<PipelineIdName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    pub has_more_results: bool,
}

/// Reads a `marker` we issued (an offset); anything else is an InvalidRequestException.
pub(crate) fn parse_marker(marker: &Option<String>) -> Result<usize, ServiceError> {
    match marker.as_deref() {
        None | Some("") => Ok(0),
        Some(m) => m
            .parse::<usize>()
            .map_err(|_| ServiceError::InvalidRequest(format!("Invalid marker: {m}"))),
    }
}

impl Service {
    pub fn list_pipelines(
        &mut self,
        req: ListPipelinesInput,
    ) -> Result<ListPipelinesOutput, ServiceError> {
        self.call(Action::ListPipelines, req, Self::list_pipelines_impl)
    }

    fn list_pipelines_impl(
        &mut self,
        req: ListPipelinesInput,
        _cause: Cause,
    ) -> Result<ListPipelinesOutput, ServiceError> {
        check_len(&req.marker, "marker", 1024)?;
        let start = parse_marker(&req.marker)?;
        let live: Vec<&crate::state::Pipeline> =
            self.pipelines.iter().filter(|p| !p.deleted).collect();
        let end = (start + defaults::LIST_PIPELINES_PAGE).min(live.len());
        let page = live.get(start..end).unwrap_or(&[]);
        let more = end < live.len();
        Ok(ListPipelinesOutput {
            pipeline_id_list: page
                .iter()
                .map(|p| PipelineIdName {
                    id: p.id.clone(),
                    name: p.name.clone(),
                })
                .collect(),
            marker: more.then(|| end.to_string()),
            has_more_results: more,
        })
    }
}
