//! ListPipelines: ids and names of the account's pipelines, paged by `marker`.

use super::{Handler, Run};
use crate::defaults;
use crate::error::{check_len, ServiceError};
use crate::trace::Cause;
use crate::Service;
use protocol::messages::*;

/// Reads a `marker` we issued (an offset); anything else is an InvalidRequestException.
pub(crate) fn parse_marker(marker: &Option<String>) -> Result<usize, ServiceError> {
    match marker.as_deref() {
        None | Some("") => Ok(0),
        Some(m) => m
            .parse::<usize>()
            .map_err(|_| ServiceError::InvalidRequest(format!("Invalid marker: {m}"))),
    }
}

impl Handler for ListPipelinesInput {
    type Output = ListPipelinesOutput;
    const RUN: Run<Self> = Service::list_pipelines_impl;
}

impl Service {
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
