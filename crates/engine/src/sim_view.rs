//! Read-only views for the simulator panel of what a client could only
//! learn by describing every instance: how many instances a pipeline has,
//! which component an instance or
//! attempt belongs to (by id or by trace position) and an attempt's
//! instance. Cheap reads, no state change, no call log entry.

use super::trace::Subject;
use super::Service;

impl Service {
    fn pipeline_no(&self, pipeline_id: &str) -> Option<u32> {
        self.pipeline_index.get(pipeline_id).copied()
    }

    /// How many instances `pipeline_id` has (0 for an unknown pipeline).
    pub fn instance_count(&self, pipeline_id: &str) -> usize {
        self.pipeline_no(pipeline_id)
            .map_or(0, |p| self.pipelines[p as usize].instances.len())
    }

    /// The component of an instance or attempt id of `pipeline_id`.
    pub fn component_of(&self, pipeline_id: &str, id: &str) -> Option<String> {
        let pl = &self.pipelines[self.pipeline_no(pipeline_id)? as usize];
        let i = match pl.attempt_by_id(id) {
            Some(a) => pl.attempts[a as usize].instance,
            None => pl.instance_by_id(id)?,
        };
        let c = pl.instances.get(i as usize)?.component;
        Some(pl.components.get(c as usize)?.id.clone())
    }

    /// The trace subject an id names (component, instance or attempt).
    pub fn subject_of(&self, pipeline_id: &str, id: &str) -> Option<Subject> {
        let pl = &self.pipelines[self.pipeline_no(pipeline_id)? as usize];
        if let Some(a) = pl.attempt_by_id(id) {
            return Some(Subject::Attempt(a));
        }
        if let Some(i) = pl.instance_by_id(id) {
            return Some(Subject::Instance(i));
        }
        pl.component(id).map(Subject::Component)
    }

    /// The component id of instance `instance` (a trace position).
    pub fn instance_component(&self, pipeline: u32, instance: u32) -> Option<&str> {
        let pl = self.pipelines.get(pipeline as usize)?;
        let c = pl.instances.get(instance as usize)?.component;
        pl.components.get(c as usize).map(|c| c.id.as_str())
    }

    /// The instance (a trace position) of attempt `attempt`.
    pub fn attempt_instance(&self, pipeline: u32, attempt: u32) -> Option<u32> {
        let pl = self.pipelines.get(pipeline as usize)?;
        pl.attempts.get(attempt as usize).map(|a| a.instance)
    }

    /// The trace position of `pipeline_id`.
    pub fn pipeline_position(&self, pipeline_id: &str) -> Option<u32> {
        self.pipeline_no(pipeline_id)
    }
}
