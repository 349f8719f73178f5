//! The lifecycle of instances and attempts (reference §3.3–3.4, §4):
//! status changes (each one traced with its cause), the evaluation of a
//! waiting instance and the timer handlers; activation, instances, tasks,
//! leases, outcomes, resources and SetStatus in the submodules.

use crate::ix::{AttemptIx, InstanceIx, PipelineIx};
pub mod activation;
pub mod instances;
pub mod leases;
pub mod outcomes;
pub mod resources;
pub mod status;
pub mod task_reports;
pub mod tasks;

use super::clock::Timer;
use super::state::{Kind, PipelineState, Status, Wait};
use super::trace::{Cause, Subject, TraceEntry};
use super::Service;

fn counts_active(s: Status) -> bool {
    matches!(s, Status::WaitingForRunner | Status::Running)
}

/// An end state that does not release dependents.
pub(crate) fn failed_like(s: Status) -> bool {
    matches!(
        s,
        Status::Failed | Status::CascadeFailed | Status::Canceled | Status::Timedout
    )
}

fn pipeline_status(s: PipelineState) -> Status {
    match s {
        PipelineState::Pending => Status::Pending,
        PipelineState::Scheduled => Status::Scheduled,
        PipelineState::Deactivating => Status::Deactivating,
        PipelineState::Inactive => Status::Inactive,
        PipelineState::Finished => Status::Finished,
    }
}

impl Service {
    pub(crate) fn record(
        &mut self,
        p: PipelineIx,
        subject: Subject,
        from: Option<Status>,
        to: Status,
        cause: Cause,
        note: Option<crate::trace::Note>,
    ) {
        let entry = TraceEntry {
            at: self.clock.now(),
            pipeline: p,
            subject,
            from,
            to,
            cause,
            note: None,
        };
        self.trace.record(entry, note);
    }

    /// Change an instance's status: times, counters, the trace, and a freed
    /// `maxActiveInstances` slot.
    pub(crate) fn set_instance_status(
        &mut self,
        p: PipelineIx,
        i: InstanceIx,
        to: Status,
        cause: Cause,
        note: Option<crate::trace::Note>,
    ) {
        let now = self.clock.now();
        let pl = &mut self.pipelines[p];
        let inst = &mut pl.instances[i];
        let from = inst.status;
        if from == to {
            return;
        }
        inst.status = to;
        if to.is_terminal() && !from.is_terminal() {
            pl.open_instances = pl.open_instances.saturating_sub(1);
            inst.set_actual_end(Some(now));
        } else if !to.is_terminal() && from.is_terminal() {
            pl.open_instances += 1;
            inst.set_actual_end(None);
        }
        if matches!(to, Status::Running | Status::Creating) && !inst.has_actual_start() {
            inst.set_actual_start(Some(now));
        }
        let c = inst.component;
        let comp = &mut pl.components[c];
        let mut freed = false;
        if counts_active(from) && !counts_active(to) {
            comp.active = comp.active.saturating_sub(1);
            comp.active_instances.retain(|&x| x != i);
            freed = true;
        } else if !counts_active(from) && counts_active(to) {
            comp.active += 1;
            comp.active_instances.push(i);
        }
        if freed {
            if let Some(h) = comp.held.pop_front() {
                pl.instances[h].held = false;
                self.clock
                    .queue_eval(p, h, Cause::Upstream(Subject::Instance(i)));
            }
        }
        self.record(p, Subject::Instance(i), Some(from), to, cause, note);
    }

    pub(crate) fn set_attempt_status(
        &mut self,
        p: PipelineIx,
        a: AttemptIx,
        to: Status,
        cause: Cause,
        note: Option<crate::trace::Note>,
    ) {
        let now = self.clock.now();
        let at = &mut self.pipelines[p].attempts[a];
        let from = at.status;
        at.status = to;
        if to.is_terminal() && !at.has_actual_end() {
            at.set_actual_end(Some(now));
        }
        if to == Status::Running && !at.has_actual_start() {
            at.set_actual_start(Some(now));
        }
        self.record(p, Subject::Attempt(a), Some(from), to, cause, note);
    }

    pub(crate) fn set_pipeline_state(&mut self, p: PipelineIx, to: PipelineState, cause: Cause) {
        let pl = &mut self.pipelines[p];
        let from = pl.state;
        if from == to {
            return;
        }
        pl.state = to;
        self.record(
            p,
            Subject::Pipeline,
            Some(pipeline_status(from)),
            pipeline_status(to),
            cause,
            None,
        );
    }

    pub(crate) fn wait(&mut self, p: PipelineIx, i: InstanceIx, w: Wait) {
        self.pipelines[p].instances[i].waiting_on = Some(w);
    }

    pub(crate) fn queue_eval(&mut self, p: PipelineIx, i: InstanceIx, cause: Cause) {
        self.clock.queue_eval(p, i, cause);
    }

    /// Evaluate every queued instance (and what that queues in turn).
    /// Most calls find the queue empty: that check is inlined, the loop is not.
    #[inline]
    pub(crate) fn settle(&mut self) {
        if self.clock.has_evals() {
            self.settle_queue();
        }
    }

    #[inline(never)]
    fn settle_queue(&mut self) {
        while let Some((p, i, cause)) = self.clock.next_eval() {
            self.evaluate(p, i, cause);
        }
    }

    /// Move a waiting instance on if everything it waits for is there.
    fn evaluate(&mut self, p: PipelineIx, i: InstanceIx, cause: Cause) {
        let now = self.clock.now();
        let pl = &self.pipelines[p];
        if pl.deleted {
            return;
        }
        let inst = &pl.instances[i];
        if !matches!(inst.status, Status::WaitingOnDependencies | Status::Paused) || inst.held {
            return;
        }
        let comp = &pl.components[inst.component];
        let kind = comp.kind;
        if kind == Kind::Resource {
            self.check_resource(p, i, cause);
            return;
        }
        if pl.state != PipelineState::Scheduled {
            self.wait(p, i, Wait::PipelineInactive);
            return;
        }
        if comp.paused {
            self.set_instance_status(p, i, Status::Paused, cause, None);
            self.wait(p, i, Wait::Paused);
            return;
        }
        if inst.status == Status::Paused {
            self.set_instance_status(p, i, Status::WaitingOnDependencies, cause, None);
        }
        let pl = &self.pipelines[p];
        let inst = &pl.instances[i];
        if now < inst.due() {
            let due = inst.due();
            self.wait(p, i, Wait::DueTime(due));
            return;
        }
        for n in 0..inst.deps().len() + inst.preconditions().len() {
            let (d, is_pre) = if n < inst.deps().len() {
                (inst.deps()[n], false)
            } else {
                (inst.preconditions()[n - inst.deps().len()], true)
            };
            let dep = &pl.instances[d];
            if dep.status.is_success() {
                continue;
            }
            // `failureAndRerunMode` "describes consumer node behavior when
            // dependencies fail": read on the consumer (issue 18 item 6).
            if failed_like(dep.status) && pl.components[inst.component].cascade {
                self.cascade_fail(p, i, d, cause);
                return;
            }
            self.wait(
                p,
                i,
                if is_pre {
                    Wait::Precondition(d)
                } else {
                    Wait::Instance(d)
                },
            );
            return;
        }
        if let Some(r) = inst.resource() {
            let rs = pl.instances[r].status;
            if failed_like(rs) {
                let msg = format!("Resource {} ended {}", pl.instance_id(r), rs.as_str());
                self.cancel_instance(p, i, Cause::Upstream(Subject::Instance(r)), &msg);
                return;
            }
            if rs != Status::Running {
                self.launch_resource(p, r, cause);
                self.wait(p, i, Wait::Resource(r));
                return;
            }
        }
        match kind {
            Kind::DataNode => {
                self.instance_succeeded(p, i, Status::Finished, cause);
            }
            Kind::SystemPrecondition => {
                self.set_instance_status(p, i, Status::Running, cause, None);
                let inst = &mut self.pipelines[p].instances[i];
                inst.more_mut().check_started.get_or_insert(now);
                self.check_system_precondition(p, i, cause);
            }
            Kind::Activity | Kind::RunnerPrecondition => {
                let pl = &mut self.pipelines[p];
                let comp = &mut pl.components[pl.instances[i].component];
                if kind == Kind::Activity && comp.active >= comp.max_active {
                    comp.held.push_back(i);
                    pl.instances[i].held = true;
                    self.wait(p, i, Wait::MaxActive);
                    return;
                }
                if kind == Kind::RunnerPrecondition {
                    // Read by `preconditionTimeout` (activities never use it).
                    let inst = &mut self.pipelines[p].instances[i];
                    inst.more_mut().check_started.get_or_insert(now);
                }
                self.set_instance_status(p, i, Status::WaitingForRunner, cause, None);
                self.new_attempt(p, i, true, cause);
            }
            _ => {}
        }
    }

    /// Run a lifecycle timer.
    pub(crate) fn fire_lifecycle(&mut self, timer: Timer) {
        if self.names_forgotten(&timer) {
            return;
        }
        let cause = Cause::Timer(timer);
        match timer {
            Timer::ScheduleTick { p, c, k } => self.schedule_tick(p, c, u64::from(k), cause),
            Timer::Due { p, i } => self.queue_eval(p, i, cause),
            Timer::AckExpiry { p, a, lease } => self.ack_expired(p, a, lease, cause),
            Timer::LeaseExpiry { p, a, lease } => self.lease_expired(p, a, lease, cause),
            Timer::AttemptTimeout { p, a } => self.attempt_timed_out(p, a, cause),
            Timer::RetryDue { p, i, run } => self.retry_due(p, i, run, cause),
            Timer::Late { p, i, run } => self.late(p, i, run, cause),
            Timer::PreconditionCheck { p, i, run } | Timer::PreconditionTimeout { p, i, run } => {
                let inst = &self.pipelines[p].instances[i];
                if inst.run == run && inst.status == Status::Running {
                    self.check_system_precondition(p, i, cause);
                }
            }
            Timer::ResourceUp { p, i, run } => self.resource_up(p, i, run, cause),
            Timer::ResourceTerminate { p, i, run } => self.resource_terminate(p, i, run, cause),
            Timer::ResourceDown { p, i, run } => self.resource_down(p, i, run, cause),
            Timer::RunnerWake { .. } | Timer::RunnerHeartbeat { .. } => {}
        }
    }
}
