//! Read-only views of the instance table for a front end that must not
//! scan every instance: each component's newest instance (to colour the
//! graph). Paging through all instances is QueryObjects with `limit` and
//! `marker` (a page costs its size) plus DescribeObjects of that page.

use super::state::Status;
use super::Service;
use serde::{Deserialize, Serialize};

/// The newest instance of one component.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LatestInstance {
    pub component_id: String,
    pub instance_id: String,
    pub status: Status,
    /// Instances of the component in WAITING_FOR_RUNNER or RUNNING.
    pub active: u32,
}

impl Service {
    /// For each component of pipeline `pipeline_id` that has instances, its
    /// newest one (in component order; O(components)). Empty for an
    /// unknown pipeline.
    pub fn latest_instances(&self, pipeline_id: &str) -> Vec<LatestInstance> {
        let Some(pl) = self
            .pipelines
            .find(pipeline_id)
            .and_then(|p| self.pipelines.get(p))
        else {
            return Vec::new();
        };
        pl.components
            .iter()
            .filter_map(|c| {
                let i = *c.instances.last()?;
                let inst = &pl.instances[i];
                Some(LatestInstance {
                    component_id: c.id.clone(),
                    instance_id: pl.instance_id(i),
                    status: inst.status,
                    active: c.active,
                })
            })
            .collect()
    }
}
