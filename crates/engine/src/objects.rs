//! The service's view of runtime objects as DescribeObjects returns them:
//! components (`@sphere` COMPONENT), instances (INSTANCE) and attempts
//! (ATTEMPT) with their runtime fields (`@status`, `@scheduledStartTime`,
//! `@attemptCount`, `@triesLeft`, `@headAttempt`, `@waitingOn`, …).

use super::actions::shapes::{WireField, WireObject};
use super::state::{Status, Wait};
use super::Service;
use crate::clock::format_time as format_datetime;
use crate::instance::Instance;
use crate::ix::{AttemptIx, ComponentIx, InstanceIx, PipelineIx};
use chrono::NaiveDateTime;
use model::catalog::{keys, keys::runtime};
use model::FieldValue;

/// A runtime object of a pipeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObjRef {
    /// A component of the activated definition.
    Component(ComponentIx),
    /// An object of the saved definition before any activation.
    Defined(u32),
    Instance(InstanceIx),
    Attempt(AttemptIx),
}

/// Reference keys of a component that point to instances on an instance.
pub(crate) const LINKED_KEYS: &[&str] = &[
    keys::DEPENDS_ON,
    keys::INPUT,
    keys::OUTPUT,
    keys::RUNS_ON,
    keys::PRECONDITION,
];

impl Service {
    /// Find an object of pipeline `p` by id.
    pub(crate) fn find_object(&self, p: PipelineIx, id: &str) -> Option<ObjRef> {
        let pl = &self.pipelines[p];
        if id.starts_with('@') {
            if let Some(i) = pl.instance_by_id(id) {
                return Some(ObjRef::Instance(i));
            }
            if let Some(a) = pl.attempt_by_id(id) {
                return Some(ObjRef::Attempt(a));
            }
        }
        if pl.active.is_some() {
            if let Some(c) = pl.component(id) {
                return Some(ObjRef::Component(c));
            }
        }
        pl.latest.as_ref().and_then(|d| {
            d.objects
                .iter()
                .position(|o| o.id.as_str() == id)
                .map(|n| ObjRef::Defined(n as u32))
        })
    }

    /// The object as DescribeObjects shows it.
    pub(crate) fn object_view(&self, p: PipelineIx, o: ObjRef) -> WireObject {
        let pl = &self.pipelines[p];
        let version = pl.active_version.max(1).to_string();
        match o {
            ObjRef::Defined(n) => {
                let Some(obj) = pl.latest.as_ref().and_then(|d| d.objects.get(n as usize)) else {
                    return WireObject::default();
                };
                let mut w = WireObject::from_model(obj);
                w.fields
                    .push(WireField::string(runtime::SPHERE, "COMPONENT"));
                w.fields
                    .push(WireField::string(runtime::VERSION, pl.version.to_string()));
                w.fields.push(WireField::string(runtime::STATUS, "PENDING"));
                w.fields
                    .push(WireField::string(runtime::PIPELINE_ID, pl.id.clone()));
                w
            }
            ObjRef::Component(c) => {
                let comp = &pl.components[c];
                let own = pl
                    .active
                    .as_ref()
                    .and_then(|d| d.object(&comp.id))
                    .map(WireObject::from_model)
                    .unwrap_or_default();
                let mut w = WireObject {
                    id: comp.id.clone(),
                    name: Some(comp.name.clone()),
                    fields: own.fields,
                };
                let status = if comp.paused {
                    Status::Paused
                } else if pl.is_active() {
                    Status::Scheduled
                } else {
                    Status::Pending
                };
                w.fields
                    .push(WireField::string(runtime::SPHERE, "COMPONENT"));
                w.fields.push(WireField::string(runtime::VERSION, version));
                w.fields
                    .push(WireField::string(runtime::STATUS, status.as_str()));
                w.fields
                    .push(WireField::string(runtime::PIPELINE_ID, pl.id.clone()));
                let mut active = comp.active_instances.clone();
                active.sort_unstable();
                for i in active {
                    w.fields.push(WireField::reference(
                        runtime::ACTIVE_INSTANCES,
                        pl.instance_id(i),
                    ));
                }
                w
            }
            ObjRef::Instance(i) => {
                let inst = &pl.instances[i];
                let comp = &pl.components[inst.component];
                let mut f = self.linked_fields(p, i);
                let id = pl.instance_id(i);
                push_head(&mut f, &id, "INSTANCE", &comp.id, None, inst.status);
                push_times(&mut f, inst, inst.actual_start(), inst.actual_end());
                f.push(WireField::string(
                    runtime::ATTEMPT_COUNT,
                    inst.attempts().len().to_string(),
                ));
                f.push(WireField::string(
                    runtime::TRIES_LEFT,
                    inst.tries_left.to_string(),
                ));
                if let Some(&a) = inst.attempts().last() {
                    f.push(WireField::reference(
                        runtime::HEAD_ATTEMPT,
                        pl.attempt_id(a),
                    ));
                }
                match &inst.waiting_on {
                    Some(Wait::Instance(d))
                    | Some(Wait::Precondition(d))
                    | Some(Wait::Resource(d))
                        if !inst.status.is_terminal() =>
                    {
                        f.push(WireField::reference(
                            runtime::WAITING_ON,
                            pl.instance_id(*d),
                        ))
                    }
                    _ => {}
                }
                if let Some(c) = inst.cascade_failed_on() {
                    f.push(WireField::reference(
                        runtime::CASCADE_FAILED_ON,
                        pl.instance_id(c),
                    ));
                }
                if let Some(n) = inst.node() {
                    f.push(WireField::reference("node", pl.instance_id(n)));
                }
                if let Some(m) = inst.error_message() {
                    f.push(WireField::string(runtime::ERROR_MESSAGE, m));
                }
                if let Some(m) = inst.cancellation_reason() {
                    f.push(WireField::string("cancellationReason", m));
                }
                if let Some(r) = inst.resource() {
                    let res = &pl.instances[r];
                    f.push(WireField::string(
                        runtime::RESOURCE_STATUS,
                        res.status.as_str(),
                    ));
                }
                runtime_object(id, f, &pl.id, version)
            }
            ObjRef::Attempt(a) => {
                let at = &pl.attempts[a];
                let inst = &pl.instances[at.instance];
                let comp = &pl.components[inst.component];
                let mut f = self.linked_fields(p, at.instance);
                let id = pl.attempt_id(a);
                let parent = Some(pl.instance_id(at.instance));
                push_head(&mut f, &id, "ATTEMPT", &comp.id, parent, at.status);
                push_times(&mut f, inst, at.actual_start(), at.actual_end());
                if let Some(t) = at.report_progress_time() {
                    f.push(WireField::string("reportProgressTime", format_datetime(t)));
                }
                if let Some(h) = &at.hostname {
                    f.push(WireField::string(keys::HOSTNAME, h.to_string()));
                }
                let report = at.report();
                if let Some(e) = &report.error_id {
                    f.push(WireField::string(runtime::ERROR_ID, e.clone()));
                }
                if let Some(e) = &report.error_message {
                    f.push(WireField::string(runtime::ERROR_MESSAGE, e.clone()));
                }
                if let Some(e) = &report.error_stack_trace {
                    f.push(WireField::string(runtime::ERROR_STACK_TRACE, e.clone()));
                }
                for r in &report.reported {
                    f.push(WireField::from_model(r));
                }
                runtime_object(id, f, &pl.id, version)
            }
        }
    }

    /// The component's fields for instance `i`, with `dependsOn`, `input`,
    /// `output`, `runsOn` and `precondition` pointing to the linked instances.
    fn linked_fields(&self, p: PipelineIx, i: InstanceIx) -> Vec<WireField> {
        let pl = &self.pipelines[p];
        let inst = &pl.instances[i];
        let resource = inst.resource();
        let comp = &pl.components[inst.component];
        let mut out = Vec::with_capacity(comp.fields.len() + 16);
        for f in &comp.fields {
            if f.key == keys::PARENT {
                continue;
            }
            match &f.value {
                FieldValue::Ref(target) if LINKED_KEYS.contains(&f.key.as_str()) => {
                    let linked = pl.component(target.as_str()).and_then(|tc| {
                        let pool: &[InstanceIx] = match f.key.as_str() {
                            keys::OUTPUT => inst.dependents(),
                            keys::PRECONDITION => inst.preconditions(),
                            keys::RUNS_ON => resource.as_slice(),
                            _ => inst.deps(),
                        };
                        pool.iter()
                            .find(|&&d| pl.instances[d].component == tc)
                            .map(|&d| pl.instance_id(d))
                    });
                    out.push(WireField::reference(
                        &f.key,
                        linked.unwrap_or_else(|| target.0.clone()),
                    ));
                }
                _ => out.push(WireField::from_model(f)),
            }
        }
        out
    }

    /// The objects of a sphere of pipeline `p`, in order: their number and
    /// how to name the `n`th (no list is built, so a page costs its size).
    pub(crate) fn sphere_objects(&self, p: PipelineIx, sphere: &str) -> (usize, fn(u32) -> ObjRef) {
        let pl = &self.pipelines[p];
        match sphere {
            "COMPONENT" if pl.active.is_some() => {
                (pl.components.len(), |n| ObjRef::Component(ComponentIx(n)))
            }
            "COMPONENT" => (
                pl.latest.as_ref().map_or(0, |d| d.objects.len()),
                ObjRef::Defined,
            ),
            "INSTANCE" => (pl.instances.len(), |n| ObjRef::Instance(InstanceIx(n))),
            "ATTEMPT" => (pl.attempts.len(), |n| ObjRef::Attempt(AttemptIx(n))),
            _ => (0, |n| ObjRef::Instance(InstanceIx(n))),
        }
    }

    /// The id of an object (without rendering the rest of it).
    pub(crate) fn object_id(&self, p: PipelineIx, o: ObjRef) -> String {
        let pl = &self.pipelines[p];
        match o {
            ObjRef::Defined(n) => pl
                .latest
                .as_ref()
                .and_then(|d| d.objects.get(n as usize))
                .map(|o| o.id.0.clone())
                .unwrap_or_default(),
            ObjRef::Component(c) => pl.components[c].id.clone(),
            ObjRef::Instance(i) => pl.instance_id(i),
            ObjRef::Attempt(a) => pl.attempt_id(a),
        }
    }
}

/// The fields an instance or an attempt (of instance `instance`) opens
/// with: its id, sphere, parents and status.
fn push_head(
    f: &mut Vec<WireField>,
    id: &str,
    sphere: &str,
    component: &str,
    instance: Option<String>,
    status: Status,
) {
    f.push(WireField::string(runtime::ID, id));
    f.push(WireField::string(runtime::SPHERE, sphere));
    f.push(WireField::reference(keys::PARENT, component));
    f.push(WireField::reference(runtime::COMPONENT_PARENT, component));
    if let Some(i) = instance {
        f.push(WireField::reference(runtime::INSTANCE_PARENT, i));
    }
    f.push(WireField::string(runtime::STATUS, status.as_str()));
}

/// The scheduled times of `inst` and the actual ones (of the instance or
/// of an attempt), those it has.
fn push_times(
    f: &mut Vec<WireField>,
    inst: &Instance,
    actual_start: Option<NaiveDateTime>,
    actual_end: Option<NaiveDateTime>,
) {
    let time = |key, t| WireField::string(key, format_datetime(t));
    f.push(time(runtime::SCHEDULED_START_TIME, inst.scheduled_start()));
    f.push(time(runtime::SCHEDULED_END_TIME, inst.scheduled_end()));
    if let Some(t) = actual_start {
        f.push(time(runtime::ACTUAL_START_TIME, t));
    }
    if let Some(t) = actual_end {
        f.push(time(runtime::ACTUAL_END_TIME, t));
    }
}

/// Runtime object `id` (named by its id) with fields `f`, closed with its
/// pipeline's id and the version.
fn runtime_object(
    id: String,
    mut f: Vec<WireField>,
    pipeline_id: &str,
    version: String,
) -> WireObject {
    f.push(WireField::string(runtime::PIPELINE_ID, pipeline_id));
    f.push(WireField::string(runtime::VERSION, version));
    WireObject {
        name: Some(id.clone()),
        id,
        fields: f,
    }
}
