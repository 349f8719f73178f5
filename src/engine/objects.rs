//! The service's view of runtime objects as DescribeObjects returns them:
//! components (`@sphere` COMPONENT), instances (INSTANCE) and attempts
//! (ATTEMPT) with their runtime fields (`@status`, `@scheduledStartTime`,
//! `@attemptCount`, `@triesLeft`, `@headAttempt`, `@waitingOn`, …).

use super::actions::shapes::{WireField, WireObject};
use super::state::{Status, Wait};
use super::Service;
use crate::engine::clock::format_time as format_datetime;
use crate::model::FieldValue;

/// A runtime object of a pipeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObjRef {
    /// A component of the activated definition.
    Component(u32),
    /// An object of the saved definition before any activation.
    Defined(u32),
    Instance(u32),
    Attempt(u32),
}

/// Reference keys of a component that point to instances on an instance.
const LINKED_KEYS: &[&str] = &["dependsOn", "input", "output", "runsOn", "precondition"];

impl Service {
    /// Find an object of pipeline `p` by id.
    pub(crate) fn find_object(&self, p: u32, id: &str) -> Option<ObjRef> {
        let pl = &self.pipelines[p as usize];
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
    pub(crate) fn object_view(&self, p: u32, o: ObjRef) -> WireObject {
        let pl = &self.pipelines[p as usize];
        let version = pl.active_version.max(1).to_string();
        match o {
            ObjRef::Defined(n) => {
                let Some(obj) = pl.latest.as_ref().and_then(|d| d.objects.get(n as usize)) else {
                    return WireObject::default();
                };
                let mut w = WireObject::from_model(obj);
                w.fields.push(WireField::string("@sphere", "COMPONENT"));
                w.fields
                    .push(WireField::string("@version", pl.version.to_string()));
                w.fields.push(WireField::string("@status", "PENDING"));
                w.fields
                    .push(WireField::string("@pipelineId", pl.id.clone()));
                w
            }
            ObjRef::Component(c) => {
                let comp = &pl.components[c as usize];
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
                w.fields.push(WireField::string("@sphere", "COMPONENT"));
                w.fields.push(WireField::string("@version", version));
                w.fields.push(WireField::string("@status", status.as_str()));
                w.fields
                    .push(WireField::string("@pipelineId", pl.id.clone()));
                for &i in &comp.instances {
                    let inst = &pl.instances[i as usize];
                    if matches!(inst.status, Status::Running | Status::WaitingForRunner) {
                        w.fields
                            .push(WireField::reference("@activeInstances", inst.id.clone()));
                    }
                }
                w
            }
            ObjRef::Instance(i) => {
                let inst = &pl.instances[i as usize];
                let comp = &pl.components[inst.component as usize];
                let mut f = self.linked_fields(p, i);
                f.push(WireField::string("@id", inst.id.clone()));
                f.push(WireField::string("@sphere", "INSTANCE"));
                f.push(WireField::reference("parent", comp.id.clone()));
                f.push(WireField::reference("@componentParent", comp.id.clone()));
                f.push(WireField::string("@status", inst.status.as_str()));
                f.push(WireField::string(
                    "@scheduledStartTime",
                    format_datetime(inst.scheduled_start),
                ));
                f.push(WireField::string(
                    "@scheduledEndTime",
                    format_datetime(inst.scheduled_end),
                ));
                if let Some(t) = inst.actual_start {
                    f.push(WireField::string("@actualStartTime", format_datetime(t)));
                }
                if let Some(t) = inst.actual_end {
                    f.push(WireField::string("@actualEndTime", format_datetime(t)));
                }
                f.push(WireField::string(
                    "@attemptCount",
                    inst.attempts.len().to_string(),
                ));
                f.push(WireField::string("@triesLeft", inst.tries_left.to_string()));
                if let Some(&a) = inst.attempts.last() {
                    f.push(WireField::reference(
                        "@headAttempt",
                        pl.attempts[a as usize].id.clone(),
                    ));
                }
                match &inst.waiting_on {
                    Some(Wait::Instance(d))
                    | Some(Wait::Precondition(d))
                    | Some(Wait::Resource(d))
                        if !inst.status.is_terminal() =>
                    {
                        f.push(WireField::reference(
                            "@waitingOn",
                            pl.instances[*d as usize].id.clone(),
                        ))
                    }
                    _ => {}
                }
                if let Some(c) = inst.cascade_failed_on {
                    f.push(WireField::reference(
                        "@cascadeFailedOn",
                        pl.instances[c as usize].id.clone(),
                    ));
                }
                if let Some(n) = inst.node {
                    f.push(WireField::reference(
                        "node",
                        pl.instances[n as usize].id.clone(),
                    ));
                }
                if let Some(m) = &inst.error_message {
                    f.push(WireField::string("errorMessage", m.clone()));
                }
                if let Some(m) = &inst.cancellation_reason {
                    f.push(WireField::string("cancellationReason", m.clone()));
                }
                if let Some(r) = inst.resource {
                    let res = &pl.instances[r as usize];
                    f.push(WireField::string("@resourceStatus", res.status.as_str()));
                }
                f.push(WireField::string("@pipelineId", pl.id.clone()));
                f.push(WireField::string("@version", version));
                WireObject {
                    id: inst.id.clone(),
                    name: Some(inst.id.clone()),
                    fields: f,
                }
            }
            ObjRef::Attempt(a) => {
                let at = &pl.attempts[a as usize];
                let inst = &pl.instances[at.instance as usize];
                let comp = &pl.components[inst.component as usize];
                let mut f = self.linked_fields(p, at.instance);
                f.push(WireField::string("@id", at.id.clone()));
                f.push(WireField::string("@sphere", "ATTEMPT"));
                f.push(WireField::reference("parent", comp.id.clone()));
                f.push(WireField::reference("@componentParent", comp.id.clone()));
                f.push(WireField::reference("@instanceParent", inst.id.clone()));
                f.push(WireField::string("@status", at.status.as_str()));
                f.push(WireField::string(
                    "@scheduledStartTime",
                    format_datetime(inst.scheduled_start),
                ));
                f.push(WireField::string(
                    "@scheduledEndTime",
                    format_datetime(inst.scheduled_end),
                ));
                if let Some(t) = at.actual_start {
                    f.push(WireField::string("@actualStartTime", format_datetime(t)));
                }
                if let Some(t) = at.actual_end {
                    f.push(WireField::string("@actualEndTime", format_datetime(t)));
                }
                if let Some(t) = at.report_progress_time {
                    f.push(WireField::string("reportProgressTime", format_datetime(t)));
                }
                if let Some(h) = &at.hostname {
                    f.push(WireField::string("hostname", h.clone()));
                }
                if let Some(e) = &at.error_id {
                    f.push(WireField::string("errorId", e.clone()));
                }
                if let Some(e) = &at.error_message {
                    f.push(WireField::string("errorMessage", e.clone()));
                }
                if let Some(e) = &at.error_stack_trace {
                    f.push(WireField::string("errorStackTrace", e.clone()));
                }
                for r in &at.reported {
                    f.push(WireField::from_model(r));
                }
                f.push(WireField::string("@pipelineId", pl.id.clone()));
                f.push(WireField::string("@version", version));
                WireObject {
                    id: at.id.clone(),
                    name: Some(at.id.clone()),
                    fields: f,
                }
            }
        }
    }

    /// The component's fields for instance `i`, with `dependsOn`, `input`,
    /// `output`, `runsOn` and `precondition` pointing to the linked instances.
    fn linked_fields(&self, p: u32, i: u32) -> Vec<WireField> {
        let pl = &self.pipelines[p as usize];
        let inst = &pl.instances[i as usize];
        let comp = &pl.components[inst.component as usize];
        let mut out = Vec::with_capacity(comp.fields.len() + 16);
        for f in &comp.fields {
            if f.key == "parent" {
                continue;
            }
            match &f.value {
                FieldValue::Ref(target) if LINKED_KEYS.contains(&f.key.as_str()) => {
                    let linked = pl.component(target.as_str()).and_then(|tc| {
                        let pool: &[u32] = match f.key.as_str() {
                            "output" => &inst.dependents,
                            "precondition" => &inst.preconditions,
                            "runsOn" => inst.resource.as_slice(),
                            _ => &inst.deps,
                        };
                        pool.iter()
                            .find(|&&d| pl.instances[d as usize].component == tc)
                            .map(|&d| pl.instances[d as usize].id.clone())
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

    /// Ids of a sphere of pipeline `p`, in order.
    pub(crate) fn sphere_objects(&self, p: u32, sphere: &str) -> Vec<ObjRef> {
        let pl = &self.pipelines[p as usize];
        match sphere {
            "COMPONENT" if pl.active.is_some() => (0..pl.components.len() as u32)
                .map(ObjRef::Component)
                .collect(),
            "COMPONENT" => (0..pl.latest.as_ref().map_or(0, |d| d.objects.len()) as u32)
                .map(ObjRef::Defined)
                .collect(),
            "INSTANCE" => (0..pl.instances.len() as u32)
                .map(ObjRef::Instance)
                .collect(),
            "ATTEMPT" => (0..pl.attempts.len() as u32).map(ObjRef::Attempt).collect(),
            _ => Vec::new(),
        }
    }
}
