//! The `objects` of a PollForTask task object. The common case (an
//! activity attempt that reads and writes no data node and has nothing to
//! interpolate) is kept as a small snapshot of the attempt at hand-out plus
//! its component's fields, shared per component (`AttemptTemplate`), and
//! rendered only when someone looks (JSON, `to_map`). Everything else is
//! rendered at hand-out. Both give the same wire form.

use super::actions::shapes::{WireField, WireObject};
use super::clock::format_time;
use super::objects::LINKED_KEYS;
use super::state::{Component, Status};
use crate::ix::{AttemptIx, PipelineIx};
use chrono::NaiveDateTime;
use model::catalog::{keys, keys::runtime};
use model::FieldValue;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::sync::Arc;

/// What every attempt object of one component shares.
#[derive(Debug, PartialEq)]
pub struct AttemptTemplate {
    /// The component's fields (no `parent`), as DescribeObjects shows them.
    pub fields: Vec<WireField>,
    pub component_id: String,
    pub type_name: Option<String>,
    /// Shared with the task objects (`TaskObject::pipeline_id`).
    pub pipeline_id: Arc<str>,
    pub version: String,
}

impl AttemptTemplate {
    /// The template of component `comp`, or None when its attempt objects
    /// need the full rendering (linked instances or `#{…}` expressions).
    pub fn of(comp: &Component, pipeline_id: &str, version: u32) -> Option<AttemptTemplate> {
        let mut fields = Vec::with_capacity(comp.fields.len());
        let mut type_name = None;
        let mut seen_type = false;
        for f in &comp.fields {
            if f.key == keys::PARENT {
                continue;
            }
            match &f.value {
                FieldValue::Ref(_) if LINKED_KEYS.contains(&f.key.as_str()) => return None,
                FieldValue::String(s) if s.contains("#{") => return None,
                _ => {}
            }
            if f.key == keys::TYPE && !seen_type {
                seen_type = true;
                if let FieldValue::String(s) = &f.value {
                    type_name = Some(s.clone());
                }
            }
            fields.push(WireField::from_model(f));
        }
        let plain = |s: &str| !s.contains("#{");
        (plain(&comp.id) && plain(pipeline_id)).then(|| AttemptTemplate {
            fields,
            component_id: comp.id.clone(),
            type_name,
            pipeline_id: pipeline_id.into(),
            version: version.max(1).to_string(),
        })
    }
}

/// An attempt as it was at hand-out (the fields its object view reads).
/// Its instance is `@<componentId>_<scheduledStartTime>` (a precondition
/// instance, named otherwise, gets the full rendering).
#[derive(Clone, Debug, PartialEq)]
pub struct AttemptSnapshot {
    pub template: Arc<AttemptTemplate>,
    pub number: u32,
    pub status: Status,
    pub scheduled_start: NaiveDateTime,
    pub scheduled_end: NaiveDateTime,
    pub actual_start: Option<NaiveDateTime>,
    pub actual_end: Option<NaiveDateTime>,
    pub report_progress_time: Option<NaiveDateTime>,
    pub hostname: Option<crate::state::Name>,
}

impl AttemptSnapshot {
    /// `@<componentId>_<scheduledStartTime>`.
    pub fn instance_id(&self) -> String {
        let mut id = String::new();
        super::ids::write_instance_id(
            &mut id,
            &self.template.component_id,
            self.scheduled_start,
            1,
        );
        id
    }

    /// `<instanceId>_Attempt=<n>`.
    pub fn attempt_id(&self) -> String {
        super::ids::attempt_id(&self.instance_id(), self.number)
    }

    /// The attempt object, field for field as `Service::object_view` renders it.
    pub fn render(&self) -> WireObject {
        let t = &*self.template;
        let id = self.attempt_id();
        let mut f = Vec::with_capacity(t.fields.len() + 14);
        f.extend(t.fields.iter().cloned());
        f.push(WireField::string(runtime::ID, id.clone()));
        f.push(WireField::string(runtime::SPHERE, "ATTEMPT"));
        f.push(WireField::reference(keys::PARENT, t.component_id.clone()));
        f.push(WireField::reference(
            runtime::COMPONENT_PARENT,
            t.component_id.clone(),
        ));
        f.push(WireField::reference(
            runtime::INSTANCE_PARENT,
            self.instance_id(),
        ));
        f.push(WireField::string(runtime::STATUS, self.status.as_str()));
        f.push(WireField::string(
            runtime::SCHEDULED_START_TIME,
            format_time(self.scheduled_start),
        ));
        f.push(WireField::string(
            runtime::SCHEDULED_END_TIME,
            format_time(self.scheduled_end),
        ));
        if let Some(t) = self.actual_start {
            f.push(WireField::string(
                runtime::ACTUAL_START_TIME,
                format_time(t),
            ));
        }
        if let Some(t) = self.actual_end {
            f.push(WireField::string(runtime::ACTUAL_END_TIME, format_time(t)));
        }
        if let Some(t) = self.report_progress_time {
            f.push(WireField::string("reportProgressTime", format_time(t)));
        }
        if let Some(h) = &self.hostname {
            f.push(WireField::string(keys::HOSTNAME, h.to_string()));
        }
        f.push(WireField::string(
            runtime::PIPELINE_ID,
            t.pipeline_id.to_string(),
        ));
        f.push(WireField::string(runtime::VERSION, t.version.clone()));
        WireObject {
            name: Some(id.clone()),
            id,
            fields: f,
        }
    }
}

/// The `objects` map of a task object: object id → object.
#[derive(Clone, Debug)]
pub enum TaskObjects {
    /// Rendered at hand-out (or read from JSON).
    Rendered(BTreeMap<String, WireObject>),
    /// Only the attempt object, rendered on demand.
    Attempt(AttemptSnapshot),
}

impl Default for TaskObjects {
    fn default() -> Self {
        TaskObjects::Rendered(BTreeMap::new())
    }
}

impl TaskObjects {
    /// The objects, rendered.
    pub fn to_map(&self) -> BTreeMap<String, WireObject> {
        match self {
            TaskObjects::Rendered(m) => m.clone(),
            TaskObjects::Attempt(s) => BTreeMap::from([(s.attempt_id(), s.render())]),
        }
    }

    /// The `type` of object `id`, without rendering it.
    pub fn object_type(&self, id: &str) -> Option<&str> {
        match self {
            TaskObjects::Rendered(m) => m
                .get(id)?
                .fields
                .iter()
                .find(|f| f.key == keys::TYPE)?
                .string_value
                .as_deref(),
            TaskObjects::Attempt(s) if s.attempt_id() == id => s.template.type_name.as_deref(),
            TaskObjects::Attempt(_) => None,
        }
    }
}

impl PartialEq for TaskObjects {
    fn eq(&self, other: &Self) -> bool {
        self.to_map() == other.to_map()
    }
}

impl Serialize for TaskObjects {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            TaskObjects::Rendered(m) => m.serialize(s),
            TaskObjects::Attempt(a) => {
                let o = a.render();
                s.collect_map([(&o.id, &o)])
            }
        }
    }
}

impl<'de> Deserialize<'de> for TaskObjects {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        BTreeMap::deserialize(d).map(TaskObjects::Rendered)
    }
}

impl super::Service {
    /// The shared template of attempt `a`'s object when that object is all
    /// its task object sends (an activity attempt that reads and writes no
    /// data node and has nothing to interpolate), else None (the task
    /// object is then rendered in full).
    pub(crate) fn attempt_template(
        &mut self,
        p: PipelineIx,
        a: AttemptIx,
    ) -> Option<Arc<AttemptTemplate>> {
        let pl = &self.pipelines[p];
        let at = &pl.attempts[a];
        let inst = &pl.instances[at.instance];
        let c = inst.component;
        let simple = inst.node().is_none()
            && !at.has_report()
            // A byte search first: the substring search costs more.
            && at
                .hostname
                .as_deref()
                .is_none_or(|h| !h.contains('#') || !h.contains("#{"))
            && inst
                .deps()
                .iter()
                .chain(inst.dependents().iter())
                .all(|&d| {
                    pl.components[pl.instances[d].component].kind
                        != super::state::Kind::DataNode
                });
        if !simple {
            return None;
        }
        let pl = &mut self.pipelines[p];
        if pl.task_templates.len() <= c.ix() {
            pl.task_templates
                .resize(pl.components.len().max(c.ix() + 1), None);
        }
        pl.task_templates[c.ix()]
            .get_or_insert_with(|| {
                AttemptTemplate::of(&pl.components[c], &pl.id, pl.active_version).map(Arc::new)
            })
            .clone()
    }

    /// The task object of attempt `a` as it is now: the snapshot when the
    /// attempt's object is all there is to send, else the full rendering.
    pub(crate) fn task_object(
        &mut self,
        p: PipelineIx,
        a: AttemptIx,
        task_id: super::task_id::TaskId,
    ) -> super::actions::TaskObject {
        let Some(template) = self.attempt_template(p, a) else {
            return self.task_object_full(p, a, task_id);
        };
        let pl = &self.pipelines[p];
        let at = &pl.attempts[a];
        let inst = &pl.instances[at.instance];
        super::actions::TaskObject {
            task_id,
            pipeline_id: template.pipeline_id.clone(),
            attempt_id: None,
            objects: TaskObjects::Attempt(AttemptSnapshot {
                template,
                number: at.number,
                status: at.status,
                scheduled_start: inst.scheduled_start(),
                scheduled_end: inst.scheduled_end(),
                actual_start: at.actual_start(),
                actual_end: at.actual_end(),
                report_progress_time: at.report_progress_time(),
                hostname: at.hostname.clone(),
            }),
        }
    }
}

#[cfg(test)]
mod tests;
