//! CreatePipeline: a new empty pipeline, idempotent on (name, uniqueId).

use super::shapes::to_tags;
use super::{Handler, Run};
use crate::defaults;
use crate::error::{check_len, require, ServiceError};
use crate::state::{Pipeline, PipelineState};
use crate::trace::Cause;
use crate::Service;
use protocol::messages::*;
use std::collections::BTreeMap;

const ID_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

impl Handler for CreatePipelineInput {
    type Output = CreatePipelineOutput;
    const RUN: Run<Self> = Service::create_pipeline_impl;
}

impl Service {
    fn create_pipeline_impl(
        &mut self,
        req: CreatePipelineInput,
        _cause: Cause,
    ) -> Result<CreatePipelineOutput, ServiceError> {
        let name = require(&req.name, "name", 1, 1024)?.to_string();
        let unique_id = require(&req.unique_id, "uniqueId", 1, 1024)?.to_string();
        check_len(&req.description, "description", 1024)?;
        if req.tags.len() > defaults::MAX_TAGS {
            return Err(ServiceError::length("tags", 0, defaults::MAX_TAGS));
        }
        let tags = to_tags(&req.tags)?;
        if let Some(p) = self.pipelines.find_unique(&name, &unique_id) {
            return Ok(CreatePipelineOutput {
                pipeline_id: self.pipelines[p].id.clone(),
            });
        }
        let live = self.pipelines.iter().filter(|p| !p.deleted).count();
        if live >= defaults::MAX_PIPELINES {
            return Err(ServiceError::InvalidRequest(format!(
                "Limit exceeded: an account may have at most {} pipelines",
                defaults::MAX_PIPELINES
            )));
        }
        let n = self.next_counter();
        let mut id = format!("df-{n:07}");
        while id.len() < 23 {
            let c = ID_CHARS[(self.rng.next_u64() % ID_CHARS.len() as u64) as usize];
            id.push(c as char);
        }
        self.pipelines.add(Pipeline {
            id: id.clone(),
            name: name.clone(),
            unique_id: unique_id.clone(),
            description: req.description,
            tags,
            creation_time: self.now(),
            deleted: false,
            state: PipelineState::Pending,
            latest: None,
            latest_errored: false,
            version: 0,
            active: None,
            active_version: 0,
            last_activated: None,
            last_deactivated: None,
            first_activated: None,
            ondemand: false,
            components: Default::default(),
            component_index: BTreeMap::new(),
            instances: Default::default(),
            precondition_ids: BTreeMap::new(),
            attempts: Default::default(),
            open_instances: 0,
            ondemand_start: None,
            task_templates: Vec::new(),
            lease_timers: Default::default(),
        });
        Ok(CreatePipelineOutput { pipeline_id: id })
    }
}
