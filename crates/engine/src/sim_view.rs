//! Read-only views for the simulator panel of what a client could only
//! learn by describing every instance: how many instances a pipeline has,
//! which component an instance or
//! attempt belongs to (by id or by trace position) and an attempt's
//! instance. Cheap reads, no state change, no call log entry.

use super::trace::Subject;
use super::Service;
use crate::ix::{AttemptIx, ComponentIx, InstanceIx, PipelineIx};

impl Service {
    fn pipeline_no(&self, pipeline_id: &str) -> Option<PipelineIx> {
        self.pipelines.find(pipeline_id)
    }

    /// How many instances `pipeline_id` has (0 for an unknown pipeline).
    pub fn instance_count(&self, pipeline_id: &str) -> usize {
        self.pipeline_no(pipeline_id)
            .map_or(0, |p| self.pipelines[p].instances.len())
    }

    /// The component of an instance or attempt id of `pipeline_id`.
    pub fn component_of(&self, pipeline_id: &str, id: &str) -> Option<String> {
        let pl = &self.pipelines[self.pipeline_no(pipeline_id)?];
        let i = match pl.attempt_by_id(id) {
            Some(a) => pl.attempts[a].instance,
            None => pl.instance_by_id(id)?,
        };
        let c = pl.instances.get(i)?.component;
        Some(pl.components.get(c)?.id.clone())
    }

    /// The trace subject an id names (component, instance or attempt).
    pub fn subject_of(&self, pipeline_id: &str, id: &str) -> Option<Subject> {
        let pl = &self.pipelines[self.pipeline_no(pipeline_id)?];
        if let Some(a) = pl.attempt_by_id(id) {
            return Some(Subject::Attempt(a));
        }
        if let Some(i) = pl.instance_by_id(id) {
            return Some(Subject::Instance(i));
        }
        pl.component(id).map(Subject::Component)
    }

    /// The component id of instance `instance` (a trace position).
    pub fn instance_component(&self, pipeline: PipelineIx, instance: InstanceIx) -> Option<&str> {
        let pl = self.pipelines.get(pipeline)?;
        let c = pl.instances.get(instance)?.component;
        pl.components.get(c).map(|c| c.id.as_str())
    }

    /// The component of instance `instance` (a trace position): its
    /// position and id.
    pub fn instance_component_at(
        &self,
        pipeline: PipelineIx,
        instance: InstanceIx,
    ) -> Option<(ComponentIx, &str)> {
        let pl = self.pipelines.get(pipeline)?;
        let c = pl.instances.get(instance)?.component;
        pl.components.get(c).map(|comp| (c, comp.id.as_str()))
    }

    /// The instance (a trace position) of attempt `attempt`.
    pub fn attempt_instance(&self, pipeline: PipelineIx, attempt: AttemptIx) -> Option<InstanceIx> {
        let pl = self.pipelines.get(pipeline)?;
        pl.attempts.get(attempt).map(|a| a.instance)
    }

    /// The trace position of `pipeline_id`.
    pub fn pipeline_position(&self, pipeline_id: &str) -> Option<PipelineIx> {
        self.pipeline_no(pipeline_id)
    }
}
