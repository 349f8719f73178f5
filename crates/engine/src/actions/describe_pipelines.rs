//! DescribePipelines: name, description, tags and the pipeline fields
//! (`@pipelineState`, `@creationTime`, `@id`, `@sphere`, …).

use super::shapes::{from_tags, WireField};
use super::{Handler, Run};
use crate::defaults;
use crate::error::ServiceError;
use crate::ix::PipelineIx;
use crate::trace::Cause;
use crate::Service;
use model::catalog::keys::runtime;
use model::time::format_datetime;
use protocol::messages::*;

impl Handler for DescribePipelinesInput {
    type Output = DescribePipelinesOutput;
    const RUN: Run<Self> = Service::describe_pipelines_impl;
}

impl Service {
    fn describe_pipelines_impl(
        &mut self,
        req: DescribePipelinesInput,
        _cause: Cause,
    ) -> Result<DescribePipelinesOutput, ServiceError> {
        let ids = req
            .pipeline_ids
            .as_ref()
            .ok_or_else(|| ServiceError::missing("pipelineIds"))?;
        if ids.len() > defaults::DESCRIBE_PIPELINES_MAX_IDS {
            return Err(ServiceError::InvalidRequest(format!(
                "At most {} pipelineIds per call",
                defaults::DESCRIBE_PIPELINES_MAX_IDS
            )));
        }
        let mut list = Vec::with_capacity(ids.len());
        for id in ids {
            let p = self.pipeline_for(&Some(id.clone()))?;
            list.push(self.pipeline_description(p));
        }
        Ok(DescribePipelinesOutput {
            pipeline_description_list: list,
        })
    }

    pub(crate) fn pipeline_description(&self, p: PipelineIx) -> PipelineDescription {
        let pl = &self.pipelines[p];
        let mut fields = vec![
            WireField::string(runtime::PIPELINE_STATE, pl.state.as_str()),
            WireField::string("name", pl.name.clone()),
            WireField::string(runtime::CREATION_TIME, format_datetime(pl.creation_time)),
            WireField::string(runtime::ID, pl.id.clone()),
            WireField::string(runtime::SPHERE, "PIPELINE"),
            WireField::string(
                runtime::VERSION,
                pl.active_version.max(pl.version).to_string(),
            ),
            WireField::string(runtime::USER_ID, self.config.user_id.clone()),
            WireField::string(runtime::ACCOUNT_ID, self.config.account_id.clone()),
            WireField::string("uniqueId", pl.unique_id.clone()),
            WireField::string("pipelineCreator", self.config.user_id.clone()),
        ];
        if let Some(d) = &pl.description {
            fields.insert(2, WireField::string("description", d.clone()));
        }
        if let Some(t) = pl.last_activated {
            fields.push(WireField::string(
                runtime::LAST_ACTIVATED_TIME,
                format_datetime(t),
            ));
        }
        if let Some(t) = pl.first_activated {
            fields.push(WireField::string(
                runtime::FIRST_ACTIVATION_TIME,
                format_datetime(t),
            ));
        }
        if let Some(t) = pl.last_deactivated {
            fields.push(WireField::string(
                runtime::LAST_DEACTIVATED_TIME,
                format_datetime(t),
            ));
        }
        if let Some(h) = self.health_status(p) {
            fields.push(WireField::string(runtime::HEALTH_STATUS, h));
        }
        PipelineDescription {
            pipeline_id: pl.id.clone(),
            name: pl.name.clone(),
            fields,
            description: pl.description.clone(),
            tags: from_tags(&pl.tags),
        }
    }

    /// `HEALTHY` / `ERROR` from the most recently ended instance.
    pub(crate) fn health_status(&self, p: PipelineIx) -> Option<&'static str> {
        let pl = &self.pipelines[p];
        let last = pl
            .instances
            .iter()
            .filter(|i| i.status.is_terminal() && i.actual_end().is_some())
            .max_by_key(|i| i.actual_end())?;
        Some(if last.status.is_success() {
            "HEALTHY"
        } else {
            "ERROR"
        })
    }
}
