//! How instances end and what follows: success (onSuccess, dependents
//! released), failure (onFail, cascade), cancellation, lateness
//! (onLateAction: SnsAlarm recorded, Terminate cancels) and the checks of
//! system-managed preconditions.

use crate::clock::Timer;
use crate::ix::{InstanceIx, PipelineIx};
use crate::objects::ObjRef;
use crate::scope::ObjectScope;
use crate::service::Notification;
use crate::state::{Kind, Status, Wait};
use crate::trace::{Cause, Subject};
use crate::Service;
use model::catalog::keys;
use model::expr::{interpolate, Scope, Value};

/// Which list of actions to fire.
#[derive(Clone, Copy)]
enum On {
    Success,
    Fail,
    Late,
}

/// An SnsAlarm's scope: `node.*` is the instance that fired it.
struct AlarmScope<'a> {
    node: ObjectScope<'a>,
    alarm: ObjectScope<'a>,
}

impl Scope for AlarmScope<'_> {
    fn lookup(&self, path: &[&str]) -> Option<Value> {
        match path.split_first() {
            Some((&"node", rest)) if !rest.is_empty() => self.node.lookup(rest),
            _ => self.alarm.lookup(path),
        }
    }
}

impl Service {
    /// Instance `i` ended well (`Finished` or `MarkFinished`).
    pub(crate) fn instance_succeeded(
        &mut self,
        p: PipelineIx,
        i: InstanceIx,
        to: Status,
        cause: Cause,
    ) {
        let inst = &mut self.pipelines[p].instances[i];
        inst.waiting_on = None;
        inst.set_retry_at(None);
        inst.clear_error_message();
        self.set_instance_status(p, i, to, cause, None);
        if to == Status::Finished {
            self.fire_actions(p, i, On::Success, cause);
        }
        self.after_end(p, i);
    }

    /// Instance `i` failed for good.
    pub(crate) fn instance_failed(
        &mut self,
        p: PipelineIx,
        i: InstanceIx,
        cause: Cause,
        msg: String,
    ) {
        let inst = &mut self.pipelines[p].instances[i];
        inst.set_retry_at(None);
        inst.more_mut().error_message = Some(msg.clone());
        self.set_instance_status(p, i, Status::Failed, cause, Some(msg.into()));
        self.fire_actions(p, i, On::Fail, cause);
        self.cancel_preconditions_if_cascade(p, i);
        self.after_end(p, i);
    }

    /// Instance `i` waits on `failed`, whose component cascades: CASCADE_FAILED.
    pub(crate) fn cascade_fail(
        &mut self,
        p: PipelineIx,
        i: InstanceIx,
        failed: InstanceIx,
        _cause: Cause,
    ) {
        let pl = &mut self.pipelines[p];
        let root = pl.instances[failed].cascade_failed_on().unwrap_or(failed);
        let root_id = pl.instance_id(root);
        pl.instances[i].more_mut().cascade_failed_on = Some(root);
        // A cascaded instance no longer takes one of its component's active slots.
        self.release_hold(p, i);
        let cause = Cause::Upstream(Subject::Instance(failed));
        self.set_instance_status(
            p,
            i,
            Status::CascadeFailed,
            cause,
            Some(format!("cascade from {root_id}").into()),
        );
        self.fire_actions(p, i, On::Fail, cause);
        self.cancel_preconditions_if_cascade(p, i);
        self.after_end(p, i);
    }

    fn cancel_preconditions_if_cascade(&mut self, p: PipelineIx, i: InstanceIx) {
        let pl = &self.pipelines[p];
        let inst = &pl.instances[i];
        if !pl.components[inst.component].cascade {
            return;
        }
        for pi in inst.preconditions().to_vec() {
            self.cancel_instance(
                p,
                pi,
                Cause::Upstream(Subject::Instance(i)),
                "the object it checks failed (cascade)",
            );
        }
    }

    /// Take instance `i` off its component's list of held (maxActiveInstances) instances.
    pub(crate) fn release_hold(&mut self, p: PipelineIx, i: InstanceIx) {
        let pl = &mut self.pipelines[p];
        let inst = &mut pl.instances[i];
        if inst.held {
            inst.held = false;
            let c = inst.component;
            pl.components[c].held.retain(|&h| h != i);
        }
    }

    /// End instance `i`'s unfinished attempt as CANCELED: a runner holding
    /// it hears `canceled` on its next report; a queued one leaves its queue.
    pub(crate) fn cancel_live_attempt(
        &mut self,
        p: PipelineIx,
        i: InstanceIx,
        cause: Cause,
        reason: &str,
    ) {
        let pl = &mut self.pipelines[p];
        let Some(&a) = pl.instances[i].attempts().last() else {
            return;
        };
        let at = &mut pl.attempts[a];
        if at.status.is_terminal() {
            return;
        }
        if at.task_id().is_some() {
            at.cancel_requested = true;
        } else {
            at.lease += 1;
        }
        self.set_attempt_status(
            p,
            a,
            Status::Canceled,
            cause,
            Some(reason.to_string().into()),
        );
    }

    /// Cancel instance `i` and its live attempt (the runner hears `canceled`).
    pub(crate) fn cancel_instance(
        &mut self,
        p: PipelineIx,
        i: InstanceIx,
        cause: Cause,
        reason: &str,
    ) {
        if self.pipelines[p].instances[i].status.is_terminal() {
            return;
        }
        self.cancel_live_attempt(p, i, cause, reason);
        self.release_hold(p, i);
        let pl = &mut self.pipelines[p];
        let inst = &mut pl.instances[i];
        inst.set_retry_at(None);
        inst.more_mut().cancellation_reason = Some(reason.to_string());
        let preconditions = inst.preconditions().to_vec();
        let runner = inst.take_runner();
        self.set_instance_status(
            p,
            i,
            Status::Canceled,
            cause,
            Some(reason.to_string().into()),
        );
        for pi in preconditions {
            self.cancel_instance(p, pi, Cause::Upstream(Subject::Instance(i)), reason);
        }
        if let Some(r) = runner {
            self.stop_managed_runner(r);
        }
        self.after_end(p, i);
    }

    /// Whatever follows an end: dependents re-evaluated, the resource
    /// released, deactivation and pipeline completion checked.
    fn after_end(&mut self, p: PipelineIx, i: InstanceIx) {
        let up = Cause::Upstream(Subject::Instance(i));
        let pl = &self.pipelines[p];
        let inst = &pl.instances[i];
        for &d in inst.dependents() {
            self.clock.queue_eval(p, d, up);
        }
        if let Some(r) = inst.resource() {
            self.check_resource(p, r, up);
        }
        self.check_deactivation_done(p, up);
        self.check_pipeline_finished(p, up);
    }

    fn fire_actions(&mut self, p: PipelineIx, i: InstanceIx, on: On, cause: Cause) {
        let pl = &self.pipelines[p];
        let comp = &pl.components[pl.instances[i].component];
        let list = match on {
            On::Success => &comp.on_success,
            On::Fail => &comp.on_fail,
            On::Late => &comp.on_late,
        };
        if list.is_empty() {
            return;
        }
        let event = match on {
            On::Success => keys::ON_SUCCESS,
            On::Fail => keys::ON_FAIL,
            On::Late => keys::ON_LATE_ACTION,
        };
        for action in list.clone() {
            let pl = &self.pipelines[p];
            let ac = &pl.components[action];
            match ac.kind {
                Kind::SnsAlarm => {
                    let scope = AlarmScope {
                        node: ObjectScope {
                            service: self,
                            p,
                            obj: ObjRef::Instance(i),
                        },
                        alarm: ObjectScope {
                            service: self,
                            p,
                            obj: ObjRef::Component(action),
                        },
                    };
                    let field = |k: &str| {
                        let raw = ac
                            .fields
                            .iter()
                            .find(|f| f.key == k)
                            .and_then(|f| f.value.as_string())
                            .unwrap_or_default();
                        interpolate(raw, &scope).unwrap_or_else(|_| raw.to_string())
                    };
                    let n = Notification {
                        at: self.clock.now(),
                        pipeline_id: pl.id.clone(),
                        alarm: ac.id.clone(),
                        object: pl.instance_id(i),
                        topic_arn: field(keys::TOPIC_ARN),
                        subject: field(keys::SUBJECT),
                        message: field("message"),
                    };
                    let note = format!("{event}: SnsAlarm {} notified {}", n.alarm, n.topic_arn);
                    self.notifications.push(n);
                    let st = self.pipelines[p].instances[i].status;
                    self.record(
                        p,
                        Subject::Instance(i),
                        Some(st),
                        st,
                        cause,
                        Some(note.into()),
                    );
                }
                Kind::Terminate => {
                    let reason = format!("Terminated by {event} ({})", ac.id);
                    self.cancel_instance(p, i, cause, &reason);
                }
                _ => {}
            }
        }
    }

    /// `lateAfterTimeout` ran out.
    pub(crate) fn late(&mut self, p: PipelineIx, i: InstanceIx, run: u32, cause: Cause) {
        let inst = &self.pipelines[p].instances[i];
        if inst.run != run || inst.status.is_terminal() {
            return;
        }
        self.fire_actions(p, i, On::Late, cause);
    }

    /// Check a system-managed precondition against the simulator's facts.
    pub(crate) fn check_system_precondition(&mut self, p: PipelineIx, i: InstanceIx, cause: Cause) {
        let now = self.clock.now();
        let pl = &self.pipelines[p];
        let inst = &pl.instances[i];
        let comp = &pl.components[inst.component];
        let key = [keys::S3_KEY, keys::S3_PREFIX, keys::TABLE_NAME]
            .iter()
            .find_map(|k| {
                comp.fields
                    .iter()
                    .find(|f| f.key == *k)
                    .and_then(|f| f.value.as_string())
            });
        let raw = key.unwrap_or_default().to_string();
        let scope = ObjectScope {
            service: self,
            p,
            obj: ObjRef::Instance(i),
        };
        let key = interpolate(&raw, &scope).unwrap_or(raw);
        let exists = self
            .facts
            .get(&key)
            .copied()
            .unwrap_or(self.config.assume_data_exists);
        if exists {
            self.instance_succeeded(p, i, Status::Finished, cause);
            return;
        }
        let started = inst.check_started().unwrap_or(now);
        if let Some(t) = comp.precondition_timeout {
            if now >= crate::clock::plus(started, t) {
                let msg = format!("'{key}' not found within preconditionTimeout ({t} s)");
                self.instance_failed(p, i, cause, msg);
                return;
            }
        }
        let delay = comp.retry_delay;
        let run = inst.run;
        let at = crate::clock::plus(now, delay);
        self.wait(p, i, Wait::Retry(at));
        self.clock.set(at, Timer::PreconditionCheck { p, i, run });
    }
}
