//! Attempts and their tasks (reference §4): creating an attempt, queueing
//! it by workerGroup or resource, handing it out (PollForTask) and
//! rendering its task object. What the runner reports back is in
//! `task_reports`; leases, timeouts and retries in `leases`.

use crate::actions::poll_for_task::TaskObject;
use crate::clock::Timer;
use crate::ix::{AttemptIx, InstanceIx, PipelineIx, QueueIx};
use crate::objects::ObjRef;
use crate::scope::ObjectScope;
use crate::state::Name;
use crate::state::{Attempt, Kind, PipelineState, Status, Wait};
use crate::task_id::TaskId;
use crate::task_objects::TaskObjects;
use crate::trace::{Cause, Subject};
use crate::Service;
use model::expr::interpolate;
use std::collections::BTreeMap;
use std::sync::Arc;

impl Service {
    /// Where instance `i`'s tasks go: its resource instance (runsOn), else
    /// its workerGroup; a precondition uses the routing of the object it checks.
    fn route(&self, p: PipelineIx, i: InstanceIx) -> Option<Name> {
        let pl = &self.pipelines[p];
        let inst = &pl.instances[i];
        if let Some(r) = inst.resource() {
            return Some(pl.instance_id(r).into());
        }
        let comp = &pl.components[inst.component];
        if let Some(wg) = &comp.worker_group {
            return Some(wg.clone());
        }
        inst.node().and_then(|n| self.route(p, n))
    }

    /// A new attempt of instance `i`, queued for a runner. `consume` uses a try.
    pub(crate) fn new_attempt(
        &mut self,
        p: PipelineIx,
        i: InstanceIx,
        consume: bool,
        cause: Cause,
    ) -> AttemptIx {
        let now = self.clock.now();
        let queue = self.route(p, i);
        let pl = &mut self.pipelines[p];
        let a = pl.attempts.next_ix();
        let inst = &mut pl.instances[i];
        let number = inst.attempts().len() as u32 + 1;
        if consume {
            inst.tries_left = inst.tries_left.saturating_sub(1);
        }
        inst.push_attempt(a);
        pl.attempts.push(Attempt::new(
            i,
            number,
            Status::WaitingForRunner,
            now,
            queue.clone().unwrap_or_default(),
        ));
        self.record(
            p,
            Subject::Attempt(a),
            None,
            Status::WaitingForRunner,
            cause,
            None,
        );
        match queue {
            Some(_) => self.enqueue(p, a, false),
            None => self.wait(
                p,
                i,
                Wait::Runner(Name::new("neither runsOn nor workerGroup is set".into())),
            ),
        }
        a
    }

    /// The number of queue `name`, made on first use.
    pub(crate) fn queue_slot(&mut self, name: &str) -> QueueIx {
        self.queues.slot(name)
    }

    /// Put attempt `a` in its queue (at the front when handed back).
    pub(crate) fn enqueue(&mut self, p: PipelineIx, a: AttemptIx, front: bool) {
        let pl = &self.pipelines[p];
        let at = &pl.attempts[a];
        let key = at.queue.clone();
        let entry = (p, a, at.lease);
        let i = at.instance;
        let slot = self.queue_slot(&key);
        let q = &mut self.queues[slot].tasks;
        if front {
            q.push_front(entry);
        } else {
            q.push_back(entry);
        }
        self.wait(p, i, Wait::Runner(key));
        self.wake_long_poller(slot);
    }

    /// PollForTask: the oldest valid queued task of queue number `slot`.
    pub(crate) fn hand_out(
        &mut self,
        slot: QueueIx,
        hostname: Option<&Arc<str>>,
        cause: Cause,
    ) -> Option<TaskObject> {
        self.hand_out_as(slot, hostname, cause, Self::task_object)
    }

    /// As [`hand_out`](Self::hand_out), answering with what `answer` makes
    /// of the attempt and its taskId at the moment the task object would
    /// be taken (a simulated runner that reads only the taskId and the
    /// attempt's type need not build the whole object).
    pub(crate) fn hand_out_as<R>(
        &mut self,
        slot: QueueIx,
        hostname: Option<&Arc<str>>,
        cause: Cause,
        answer: impl FnOnce(&mut Self, PipelineIx, AttemptIx, TaskId) -> R,
    ) -> Option<R> {
        let (p, a) = {
            let q = &mut self.queues.get_mut(slot)?.tasks;
            let mut n = 0;
            let mut found = None;
            while n < q.len() {
                let (p, a, lease) = q[n];
                let pl = &self.pipelines[p];
                let at = &pl.attempts[a];
                let valid = !pl.deleted
                    && at.lease == lease
                    && at.status == Status::WaitingForRunner
                    && at.task_id().is_none()
                    && pl.instances[at.instance].status == Status::WaitingForRunner;
                if !valid {
                    if n == 0 {
                        q.pop_front();
                    } else {
                        q.remove(n);
                    }
                    continue;
                }
                if pl.state != PipelineState::Scheduled {
                    n += 1;
                    continue;
                }
                if n == 0 {
                    q.pop_front();
                } else {
                    q.remove(n);
                }
                found = Some((p, a));
                break;
            }
            found?
        };
        let now = self.clock.now();
        let salt = self.rng.next_u64();
        let caller = self.calls.current();
        let ack = self.config.ack_timeout_secs;
        let pl = &mut self.pipelines[p];
        if !pl.lease_timers.is_empty() {
            pl.lease_timers.remove(&a);
        }
        let at = &mut pl.attempts[a];
        at.lease += 1;
        at.hand_outs += 1;
        let lease = at.lease;
        let task_id = TaskId::Issued {
            pipeline: p.get(),
            attempt: a.get(),
            lease,
            salt,
        };
        at.set_task_id(Some(salt));
        at.set_handed_out(Some(now));
        at.acknowledged = false;
        at.set_lease_deadline(None);
        at.hostname = hostname.map(|h| match &self.last_hostname {
            Some(last) if last.as_str() == &**h => last.clone(),
            _ => Name::new(h.to_string()),
        });
        self.last_hostname.clone_from(&at.hostname);
        at.set_runner(Some(caller));
        let first = at.hand_outs == 1;
        let i = at.instance;
        let timeout = pl.components[pl.instances[i].component].attempt_timeout;
        let task = answer(self, p, a, task_id);
        self.set_attempt_status(p, a, Status::Running, cause, None);
        self.set_instance_status(p, i, Status::Running, cause, None);
        self.pipelines[p].instances[i].waiting_on = None;
        self.clock.set(
            crate::clock::plus(now, ack),
            Timer::AckExpiry { p, a, lease },
        );
        if let (true, Some(t)) = (first, timeout) {
            self.clock
                .set(crate::clock::plus(now, t), Timer::AttemptTimeout { p, a });
        }
        Some(task)
    }

    /// The task object rendered in full: the attempt object, plus the
    /// instances it reads and writes, with expressions evaluated.
    pub(crate) fn task_object_full(
        &self,
        p: PipelineIx,
        a: AttemptIx,
        task_id: TaskId,
    ) -> TaskObject {
        let pl = &self.pipelines[p];
        let at = &pl.attempts[a];
        let inst = &pl.instances[at.instance];
        let mut objects = BTreeMap::new();
        let mut refs = vec![ObjRef::Attempt(a)];
        for &d in inst.deps().iter().chain(inst.dependents().iter()) {
            if pl.components[pl.instances[d].component].kind == Kind::DataNode {
                refs.push(ObjRef::Instance(d));
            }
        }
        if let Some(n) = inst.node() {
            refs.push(ObjRef::Instance(n));
        }
        for r in refs {
            let mut view = self.object_view(p, r);
            let scope = ObjectScope {
                service: self,
                p,
                obj: r,
            };
            for f in &mut view.fields {
                if let Some(s) = &f.string_value {
                    if s.contains("#{") {
                        if let Ok(v) = interpolate(s, &scope) {
                            f.string_value = Some(v);
                        }
                    }
                }
            }
            objects.insert(view.id.clone(), view);
        }
        TaskObject {
            task_id,
            pipeline_id: pl.id.as_str().into(),
            attempt_id: Some(pl.attempt_id(a)),
            objects: TaskObjects::Rendered(objects),
        }
    }
}
