//! The lifecycle of instances and attempts (reference §3.3–3.4, §4):
//! status changes (each one traced with its cause), the evaluation of a
//! waiting instance, activation and deactivation, and the timer handlers.

pub mod instances;
pub mod outcomes;
pub mod resources;
pub mod status;
pub mod tasks;

use super::clock::Timer;
use super::components;
use super::error::ServiceError;
use super::state::{Kind, PipelineState, ScheduleType, Status, Wait};
use super::trace::{Cause, Subject, TraceEntry};
use super::Service;
use crate::model::time::format_datetime;
use crate::model::Definition;
use chrono::NaiveDateTime;

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
        p: u32,
        subject: Subject,
        from: Option<Status>,
        to: Status,
        cause: Cause,
        note: Option<String>,
    ) {
        self.trace.push(TraceEntry {
            at: self.clock.now(),
            pipeline: p,
            subject,
            from,
            to,
            cause,
            note,
        });
    }

    /// Change an instance's status: times, counters, the trace, and a freed
    /// `maxActiveInstances` slot.
    pub(crate) fn set_instance_status(
        &mut self,
        p: u32,
        i: u32,
        to: Status,
        cause: Cause,
        note: Option<String>,
    ) {
        let now = self.clock.now();
        let pl = &mut self.pipelines[p as usize];
        let inst = &mut pl.instances[i as usize];
        let from = inst.status;
        if from == to {
            return;
        }
        inst.status = to;
        if to.is_terminal() && !from.is_terminal() {
            pl.open_instances = pl.open_instances.saturating_sub(1);
            inst.actual_end = Some(now);
        } else if !to.is_terminal() && from.is_terminal() {
            pl.open_instances += 1;
            inst.actual_end = None;
        }
        if matches!(to, Status::Running | Status::Creating) && inst.actual_start.is_none() {
            inst.actual_start = Some(now);
        }
        let c = inst.component as usize;
        let comp = &mut pl.components[c];
        let mut freed = false;
        if counts_active(from) && !counts_active(to) {
            comp.active = comp.active.saturating_sub(1);
            freed = true;
        } else if !counts_active(from) && counts_active(to) {
            comp.active += 1;
        }
        if freed {
            if let Some(h) = comp.held.pop_front() {
                pl.instances[h as usize].held = false;
                self.eval_queue
                    .push_back((p, h, Cause::Upstream(Subject::Instance(i))));
            }
        }
        self.record(p, Subject::Instance(i), Some(from), to, cause, note);
    }

    pub(crate) fn set_attempt_status(
        &mut self,
        p: u32,
        a: u32,
        to: Status,
        cause: Cause,
        note: Option<String>,
    ) {
        let now = self.clock.now();
        let at = &mut self.pipelines[p as usize].attempts[a as usize];
        let from = at.status;
        at.status = to;
        if to.is_terminal() && at.actual_end.is_none() {
            at.actual_end = Some(now);
        }
        if to == Status::Running && at.actual_start.is_none() {
            at.actual_start = Some(now);
        }
        self.record(p, Subject::Attempt(a), Some(from), to, cause, note);
    }

    pub(crate) fn set_pipeline_state(&mut self, p: u32, to: PipelineState, cause: Cause) {
        let pl = &mut self.pipelines[p as usize];
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

    pub(crate) fn wait(&mut self, p: u32, i: u32, w: Wait) {
        self.pipelines[p as usize].instances[i as usize].waiting_on = Some(w);
    }

    pub(crate) fn queue_eval(&mut self, p: u32, i: u32, cause: Cause) {
        self.eval_queue.push_back((p, i, cause));
    }

    /// Evaluate every queued instance (and what that queues in turn).
    pub(crate) fn settle(&mut self) {
        while let Some((p, i, cause)) = self.eval_queue.pop_front() {
            self.evaluate(p, i, cause);
        }
    }

    /// Move a waiting instance on if everything it waits for is there.
    fn evaluate(&mut self, p: u32, i: u32, cause: Cause) {
        let now = self.clock.now();
        let pl = &self.pipelines[p as usize];
        if pl.deleted {
            return;
        }
        let inst = &pl.instances[i as usize];
        if !matches!(inst.status, Status::WaitingOnDependencies | Status::Paused) || inst.held {
            return;
        }
        let comp = &pl.components[inst.component as usize];
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
        let pl = &self.pipelines[p as usize];
        let inst = &pl.instances[i as usize];
        if now < inst.due {
            let due = inst.due;
            self.wait(p, i, Wait::DueTime(due));
            return;
        }
        for n in 0..inst.deps.len() + inst.preconditions.len() {
            let (d, is_pre) = if n < inst.deps.len() {
                (inst.deps[n], false)
            } else {
                (inst.preconditions[n - inst.deps.len()], true)
            };
            let dep = &pl.instances[d as usize];
            if dep.status.is_success() {
                continue;
            }
            if failed_like(dep.status) && pl.components[dep.component as usize].cascade {
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
        if let Some(r) = inst.resource {
            let rs = pl.instances[r as usize].status;
            if failed_like(rs) {
                let msg = format!(
                    "Resource {} ended {}",
                    pl.instances[r as usize].id,
                    rs.as_str()
                );
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
                let inst = &mut self.pipelines[p as usize].instances[i as usize];
                inst.check_started.get_or_insert(now);
                self.check_system_precondition(p, i, cause);
            }
            Kind::Activity | Kind::RunnerPrecondition => {
                let pl = &mut self.pipelines[p as usize];
                let comp = &mut pl.components[pl.instances[i as usize].component as usize];
                if kind == Kind::Activity && comp.active >= comp.max_active {
                    comp.held.push_back(i);
                    pl.instances[i as usize].held = true;
                    self.wait(p, i, Wait::MaxActive);
                    return;
                }
                self.pipelines[p as usize].instances[i as usize]
                    .check_started
                    .get_or_insert(now);
                self.set_instance_status(p, i, Status::WaitingForRunner, cause, None);
                self.new_attempt(p, i, true, cause);
            }
            _ => {}
        }
    }

    /// Activate pipeline `p` with definition `def` (already validated).
    pub(crate) fn activate(
        &mut self,
        p: u32,
        def: Definition,
        start: Option<NaiveDateTime>,
        cause: Cause,
    ) -> Result<(), ServiceError> {
        let now = self.clock.now();
        let first = self.pipelines[p as usize].first_activated.unwrap_or(now);
        let (mut comps, mut index) = components::build(
            &def,
            first,
            self.config.default_report_progress_timeout_secs,
        )
        .map_err(ServiceError::InvalidRequest)?;
        let ondemand = components::is_ondemand(&def);
        let pl = &self.pipelines[p as usize];
        // Carry the runtime state of components that stay.
        let mut remap: Vec<u32> = Vec::with_capacity(pl.components.len());
        for old in &pl.components {
            match index.get(&old.id) {
                Some(&n) => {
                    let c = &mut comps[n as usize];
                    c.next_interval = old.next_interval;
                    c.instances = old.instances.clone();
                    c.held = old.held.clone();
                    c.active = old.active;
                    c.paused = old.paused;
                    remap.push(n);
                }
                None => {
                    let mut kept = old.clone();
                    kept.kind = Kind::Other;
                    index.insert(kept.id.clone(), comps.len() as u32);
                    remap.push(comps.len() as u32);
                    comps.push(kept);
                }
            }
        }
        // Decide each component's first interval before changing anything.
        let mut plan: Vec<(u32, u64, u64)> = Vec::new(); // (component, skip from, run from)
        if !ondemand {
            if pl.state == PipelineState::Finished
                && comps.iter().all(|c| {
                    c.kind != Kind::Activity
                        || c.schedule
                            .as_ref()
                            .is_none_or(|s| s.ended_at(c.next_interval))
                })
            {
                return Err(ServiceError::InvalidRequest(
                    "Pipeline is FINISHED: move its schedule's end later to reactivate it"
                        .to_string(),
                ));
            }
            for (n, c) in comps.iter().enumerate() {
                let Some(spec) = (c.kind == Kind::Activity)
                    .then_some(c.schedule.as_ref())
                    .flatten()
                else {
                    continue;
                };
                let mut k = c.next_interval;
                let skip_from = k;
                if let Some(ts) = start {
                    if let Some(mut kt) = spec.interval_at(ts) {
                        if spec.interval_start(kt).is_some_and(|s| s < ts) {
                            kt += 1;
                        }
                        k = k.max(kt);
                    }
                }
                if let Some((s, _)) = spec.interval(k) {
                    let limit =
                        crate::engine::clock::plus(now, -super::defaults::BACKFILL_LIMIT_SECS);
                    if self.config.enforce_backfill_limit && s < limit {
                        return Err(ServiceError::InvalidRequest(format!(
                            "Activation failed: object '{}' would start at {}, more than 1 day in the past. Move the schedule's start or give a startTimestamp",
                            c.id,
                            format_datetime(s)
                        )));
                    }
                }
                plan.push((n as u32, skip_from, k));
            }
        }
        let pl = &mut self.pipelines[p as usize];
        for inst in &mut pl.instances {
            inst.component = remap
                .get(inst.component as usize)
                .copied()
                .unwrap_or(inst.component);
        }
        pl.components = comps;
        pl.component_index = index;
        pl.ondemand = ondemand;
        pl.first_activated = Some(first);
        pl.last_activated = Some(now);
        pl.active = Some(def);
        pl.active_version = pl.version;
        self.set_pipeline_state(p, PipelineState::Scheduled, cause);
        if ondemand {
            self.start_ondemand_run(p, cause);
        } else {
            for (c, skip_from, k) in plan {
                self.skip_intervals(p, c, skip_from, k, cause);
                let pl = &mut self.pipelines[p as usize];
                let comp = &mut pl.components[c as usize];
                comp.next_interval = k;
                if let Some((s, _)) = comp.schedule.as_ref().and_then(|s| s.interval(k)) {
                    self.clock.set(s.max(now), Timer::ScheduleTick { p, c, k });
                }
            }
        }
        let pl = &self.pipelines[p as usize];
        let waiting: Vec<u32> = (0..pl.instances.len() as u32)
            .filter(|&i| {
                matches!(
                    pl.instances[i as usize].status,
                    Status::WaitingOnDependencies | Status::Paused
                )
            })
            .collect();
        for i in waiting {
            self.queue_eval(p, i, cause);
        }
        self.check_pipeline_finished(p, cause);
        Ok(())
    }

    /// DeactivatePipeline.
    pub(crate) fn deactivate(&mut self, p: u32, cancel_active: bool, cause: Cause) {
        let pl = &mut self.pipelines[p as usize];
        if !pl.is_active() {
            return;
        }
        pl.last_deactivated = Some(self.clock.now());
        if cancel_active {
            let running: Vec<u32> = (0..pl.instances.len() as u32)
                .filter(|&i| {
                    matches!(
                        pl.instances[i as usize].status,
                        Status::Running | Status::WaitingForRunner | Status::Creating
                    )
                })
                .collect();
            for i in running {
                self.cancel_instance(p, i, cause, "Canceled by DeactivatePipeline");
            }
            self.set_pipeline_state(p, PipelineState::Inactive, cause);
        } else {
            self.set_pipeline_state(p, PipelineState::Deactivating, cause);
            self.check_deactivation_done(p, cause);
        }
    }

    /// A DEACTIVATING pipeline becomes INACTIVE once no task is out.
    pub(crate) fn check_deactivation_done(&mut self, p: u32, cause: Cause) {
        let pl = &self.pipelines[p as usize];
        if pl.state != PipelineState::Deactivating {
            return;
        }
        let busy = pl
            .attempts
            .iter()
            .any(|a| a.status == Status::Running && a.task_id.is_some());
        if !busy {
            self.set_pipeline_state(p, PipelineState::Inactive, cause);
        }
    }

    /// Cancel everything not ended (DeletePipeline).
    pub(crate) fn cancel_all(&mut self, p: u32, cause: Cause, reason: &str) {
        let n = self.pipelines[p as usize].instances.len() as u32;
        for i in 0..n {
            self.cancel_instance(p, i, cause, reason);
        }
        if self.pipelines[p as usize].is_active() {
            self.set_pipeline_state(p, PipelineState::Inactive, cause);
        }
    }

    /// A scheduled pipeline whose schedules have ended and whose instances
    /// have all ended is FINISHED.
    pub(crate) fn check_pipeline_finished(&mut self, p: u32, cause: Cause) {
        let pl = &self.pipelines[p as usize];
        if pl.open_instances > 0 || pl.ondemand || pl.state != PipelineState::Scheduled {
            return;
        }
        let ended = pl.components.iter().all(|c| {
            c.kind != Kind::Activity
                || c.schedule_type == ScheduleType::Ondemand
                || c.schedule
                    .as_ref()
                    .is_none_or(|s| s.ended_at(c.next_interval))
        });
        if ended {
            self.set_pipeline_state(p, PipelineState::Finished, cause);
        }
    }

    /// Run a lifecycle timer.
    pub(crate) fn fire_lifecycle(&mut self, timer: Timer) {
        let cause = Cause::Timer(timer);
        match timer {
            Timer::ScheduleTick { p, c, k } => self.schedule_tick(p, c, k, cause),
            Timer::Due { p, i } => self.queue_eval(p, i, cause),
            Timer::AckExpiry { p, a, lease } => self.ack_expired(p, a, lease, cause),
            Timer::LeaseExpiry { p, a, lease } => self.lease_expired(p, a, lease, cause),
            Timer::AttemptTimeout { p, a } => self.attempt_timed_out(p, a, cause),
            Timer::RetryDue { p, i, run } => self.retry_due(p, i, run, cause),
            Timer::Late { p, i, run } => self.late(p, i, run, cause),
            Timer::PreconditionCheck { p, i, run } | Timer::PreconditionTimeout { p, i, run } => {
                let inst = &self.pipelines[p as usize].instances[i as usize];
                if inst.run == run && inst.status == Status::Running {
                    self.check_system_precondition(p, i, cause);
                }
            }
            Timer::ResourceUp { p, i, run } => self.resource_up(p, i, run, cause),
            Timer::ResourceTerminate { p, i, run } => self.resource_terminate(p, i, run, cause),
            Timer::ResourceDown { p, i, run } => self.resource_down(p, i, run, cause),
            Timer::RunnerWake { .. } => {}
        }
    }
}
