//! SetStatus on components (PAUSE, RESUME) and instances (TRY_CANCEL,
//! RERUN, MARK_FINISHED) with the documented rules: no mixing of spheres,
//! none on a FINISHED pipeline, reruns spreading to CASCADE_FAILED
//! consumers in cascade mode.

use crate::error::ServiceError;
use crate::ix::{ComponentIx, InstanceIx, PipelineIx};
use crate::objects::ObjRef;
use crate::state::{PipelineState, Status};
use crate::trace::{Cause, Subject};
use crate::Service;
use serde::{Deserialize, Serialize};

/// One change a SetStatus would make (see `Service::preview_set_status`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub object_id: String,
    pub from: Option<Status>,
    pub to: Status,
}

impl Service {
    pub(crate) fn apply_set_status(
        &mut self,
        p: PipelineIx,
        ids: &[String],
        status: &str,
        cause: Cause,
    ) -> Result<(), ServiceError> {
        if self.pipelines[p].state == PipelineState::Finished {
            return Err(ServiceError::InvalidRequest(
                "SetStatus is not allowed on a FINISHED pipeline".to_string(),
            ));
        }
        let status = status.to_ascii_uppercase();
        let mut comps = Vec::new();
        let mut insts = Vec::new();
        for id in ids {
            match self.find_object(p, id) {
                Some(ObjRef::Component(c)) => comps.push(Some(c)),
                Some(ObjRef::Defined(_)) => comps.push(None),
                Some(ObjRef::Instance(i)) => insts.push(i),
                Some(ObjRef::Attempt(a)) => insts.push(self.pipelines[p].attempts[a].instance),
                None => {
                    return Err(ServiceError::InvalidRequest(format!(
                        "Object '{id}' not found in pipeline"
                    )))
                }
            }
        }
        if !comps.is_empty() && !insts.is_empty() {
            return Err(ServiceError::InvalidRequest(
                "objectIds must be all components or all instances, not a mix".to_string(),
            ));
        }
        match status.as_str() {
            "PAUSE" | "RESUME" if insts.is_empty() => {
                for c in comps.into_iter().flatten() {
                    if status == "PAUSE" {
                        self.pause_component(p, c, cause);
                    } else {
                        self.resume_component(p, c, cause);
                    }
                }
            }
            "TRY_CANCEL" | "RERUN" | "MARK_FINISHED" if comps.is_empty() => {
                for i in insts {
                    match status.as_str() {
                        "TRY_CANCEL" => self.cancel_instance(p, i, cause, "Canceled by SetStatus TRY_CANCEL"),
                        "RERUN" => self.rerun_instance(p, i, cause),
                        _ => self.mark_finished(p, i, cause),
                    }
                }
            }
            _ => {
                return Err(ServiceError::InvalidRequest(format!(
                    "Invalid status '{status}': components take PAUSE or RESUME, instances TRY_CANCEL, RERUN or MARK_FINISHED"
                )))
            }
        }
        Ok(())
    }

    fn pause_component(&mut self, p: PipelineIx, c: ComponentIx, cause: Cause) {
        let comp = &mut self.pipelines[p].components[c];
        if comp.paused {
            return;
        }
        comp.paused = true;
        self.record(
            p,
            Subject::Component(c),
            Some(Status::Scheduled),
            Status::Paused,
            cause,
            None,
        );
        for i in self.pipelines[p].components[c].instances.clone() {
            let pl = &mut self.pipelines[p];
            let inst = &pl.instances[i];
            match inst.status {
                Status::WaitingOnDependencies => {
                    if inst.held {
                        pl.instances[i].held = false;
                        pl.components[c].held.retain(|&h| h != i);
                    }
                    self.set_instance_status(p, i, Status::Paused, cause, None);
                }
                Status::WaitingForRunner if inst.retry_at().is_none() => {
                    if let Some(&a) = inst.attempts().last() {
                        let at = &mut pl.attempts[a];
                        if at.task_id().is_none() {
                            at.lease += 1; // out of its queue
                            self.set_instance_status(p, i, Status::Paused, cause, None);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn resume_component(&mut self, p: PipelineIx, c: ComponentIx, cause: Cause) {
        let comp = &mut self.pipelines[p].components[c];
        if !comp.paused {
            return;
        }
        comp.paused = false;
        self.record(
            p,
            Subject::Component(c),
            Some(Status::Paused),
            Status::Scheduled,
            cause,
            None,
        );
        for i in self.pipelines[p].components[c].instances.clone() {
            let pl = &self.pipelines[p];
            let inst = &pl.instances[i];
            if inst.status != Status::Paused {
                continue;
            }
            let queued = inst.attempts().last().copied().filter(|&a| {
                let at = &pl.attempts[a];
                at.status == Status::WaitingForRunner && at.task_id().is_none()
            });
            match queued {
                Some(a) => {
                    self.set_instance_status(p, i, Status::WaitingForRunner, cause, None);
                    self.enqueue(p, a, false);
                }
                None => {
                    self.set_instance_status(p, i, Status::WaitingOnDependencies, cause, None);
                    self.queue_eval(p, i, cause);
                }
            }
        }
    }

    /// RERUN: an ended instance starts over (new attempts, tries reset);
    /// its CASCADE_FAILED consumers in cascade mode rerun too.
    pub(crate) fn rerun_instance(&mut self, p: PipelineIx, i: InstanceIx, cause: Cause) {
        let pl = &mut self.pipelines[p];
        let inst = &mut pl.instances[i];
        if !inst.status.is_terminal() {
            return;
        }
        let comp = &pl.components[inst.component];
        inst.run += 1;
        inst.tries_left = comp.maximum_retries + 1;
        inst.set_retry_at(None);
        if let Some(m) = inst.more.as_mut() {
            m.error_message = None;
            m.cancellation_reason = None;
            m.cascade_failed_on = None;
            m.check_started = None;
        }
        let (pres, resource, dependents) = (
            inst.preconditions().to_vec(),
            inst.resource(),
            inst.dependents().to_vec(),
        );
        self.set_instance_status(
            p,
            i,
            Status::WaitingOnDependencies,
            cause,
            Some("rerun".into()),
        );
        let up = Cause::Upstream(Subject::Instance(i));
        for pi in pres {
            if !self.pipelines[p].instances[pi].status.is_success() {
                self.rerun_instance(p, pi, up);
            }
        }
        if let Some(r) = resource {
            let rs = self.pipelines[p].instances[r].status;
            if rs.is_terminal() && rs != Status::Finished {
                self.rerun_instance(p, r, up);
            }
        }
        let is_resource = self.pipelines[p].components[self.pipelines[p].instances[i].component]
            .kind
            == crate::state::Kind::Resource;
        for d in dependents {
            let ds = self.pipelines[p].instances[d].status;
            // The consumer's own failureAndRerunMode decides (issue 18 item 6).
            let consumer_cascade = {
                let pl = &self.pipelines[p];
                pl.components[pl.instances[d].component].cascade
            };
            let spread = (consumer_cascade && ds == Status::CascadeFailed)
                || (is_resource && matches!(ds, Status::Canceled | Status::CascadeFailed));
            if spread {
                self.rerun_instance(p, d, up);
            }
        }
        self.queue_eval(p, i, cause);
    }

    /// MARK_FINISHED: the instance counts as done; dependents go on.
    pub(crate) fn mark_finished(&mut self, p: PipelineIx, i: InstanceIx, cause: Cause) {
        if self.pipelines[p].instances[i].status.is_success() {
            return;
        }
        self.cancel_live_attempt(p, i, cause, "instance marked finished");
        self.release_hold(p, i);
        self.instance_succeeded(p, i, Status::MarkFinished, cause);
    }
}
