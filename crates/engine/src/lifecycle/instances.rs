//! Creating instances: one per component per schedule interval (cron due
//! at the start, timeseries at the end), one per on-demand run, SKIPPED
//! ones for intervals passed over by `startTimestamp`, and the links to the
//! instances they wait for (dependsOn, input, output, runsOn, precondition).

use crate::clock::Timer;
use crate::ix::{ComponentIx, InstanceIx, PipelineIx};
use crate::state::{Instance, Kind, ScheduleType, Status};
use crate::trace::{Cause, Subject};
use crate::Service;
use chrono::NaiveDateTime;

impl Service {
    /// The schedule of component `c` reached interval `k`.
    pub(crate) fn schedule_tick(&mut self, p: PipelineIx, c: ComponentIx, k: u64, cause: Cause) {
        let pl = &self.pipelines[p];
        if pl.deleted || pl.state != crate::state::PipelineState::Scheduled {
            return;
        }
        let Some(comp) = pl.components.get(c) else {
            return;
        };
        if comp.next_interval != k || comp.kind != Kind::Activity {
            return;
        }
        let Some(spec) = comp.schedule.clone() else {
            return;
        };
        // Interval `k` as the previous tick computed it, else from the start.
        let known = comp.next_bounds.filter(|b| b.0 == k).map(|b| (b.1, b.2));
        let Some((s, e)) = known.or_else(|| spec.interval(k)) else {
            self.check_pipeline_finished(p, cause);
            return;
        };
        self.instance_at(p, c, s, e, cause);
        // Interval `k + 1` starts at `e`: one period added, not `k + 2` of them.
        let next = spec.interval_from(k + 1, e);
        let comp = &mut self.pipelines[p].components[c];
        comp.next_interval = k + 1;
        comp.next_bounds = next.map(|(s2, e2)| (k + 1, s2, e2));
        // `interval_from` is `Some` only for `k + 2` that fits in `u32`.
        match (next, u32::try_from(k + 1)) {
            (Some((s2, _)), Ok(k)) => self
                .clock
                .set(s2.max(self.clock.now()), Timer::ScheduleTick { p, c, k }),
            _ => self.check_pipeline_finished(p, cause),
        }
    }

    /// Record intervals `from..to` of component `c` as SKIPPED.
    pub(crate) fn skip_intervals(
        &mut self,
        p: PipelineIx,
        c: ComponentIx,
        from: u64,
        to: u64,
        cause: Cause,
    ) {
        let to = to.min(from + crate::defaults::MAX_SKIPPED_PER_ACTIVATION);
        for k in from..to {
            let Some((s, e)) = self.pipelines[p].components[c]
                .schedule
                .as_ref()
                .and_then(|spec| spec.interval(k))
            else {
                break;
            };
            let comp = &self.pipelines[p].components[c];
            if comp.by_start.contains_key(&s) {
                continue;
            }
            let i = self.push_instance(p, c, 1, s, e, false);
            self.set_instance_status(
                p,
                i,
                Status::Skipped,
                cause,
                Some("interval before startTimestamp".into()),
            );
        }
    }

    /// An on-demand activation: one new instance of every activity.
    pub(crate) fn start_ondemand_run(&mut self, p: PipelineIx, cause: Cause) {
        let now = self.clock.now();
        let open: Vec<InstanceIx> = self.pipelines[p]
            .instances
            .enumerate()
            .filter(|(_, inst)| !inst.status.is_terminal())
            .map(|(i, _)| i)
            .collect();
        for i in open {
            self.cancel_instance(p, i, cause, "Canceled by a new on-demand activation");
        }
        self.pipelines[p].ondemand_start = Some(now);
        let acts: Vec<ComponentIx> = self.pipelines[p]
            .components
            .enumerate()
            .filter(|(_, c)| c.kind == Kind::Activity)
            .map(|(c, _)| c)
            .collect();
        for c in acts {
            let existing = self.pipelines[p].components[c].by_start.get(&now).copied();
            match existing {
                Some(i) => self.rerun_instance(p, i, cause),
                None => {
                    self.instance_at(p, c, now, now, cause);
                }
            }
        }
    }

    /// The instance of component `c` whose interval contains `t` (created if needed).
    pub(crate) fn instance_for(
        &mut self,
        p: PipelineIx,
        c: ComponentIx,
        t: NaiveDateTime,
        cause: Cause,
    ) -> InstanceIx {
        let pl = &self.pipelines[p];
        let comp = &pl.components[c];
        let (s, e) = match (&comp.schedule, pl.ondemand_start) {
            (Some(spec), _) if !pl.ondemand => {
                let k = spec.interval_at(t).unwrap_or(0);
                match (spec.interval_start(k), spec.interval_start(k + 1)) {
                    (Some(s), Some(e)) => (s, e),
                    _ => (t, t),
                }
            }
            (_, Some(run)) if pl.ondemand => (run, run),
            _ => (t, t),
        };
        self.instance_at(p, c, s, e, cause)
    }

    /// Get or create the instance of `c` for interval `[s, e)`.
    pub(crate) fn instance_at(
        &mut self,
        p: PipelineIx,
        c: ComponentIx,
        s: NaiveDateTime,
        e: NaiveDateTime,
        cause: Cause,
    ) -> InstanceIx {
        let pl = &self.pipelines[p];
        let comp = &pl.components[c];
        if let Some(&i) = comp.by_start.get(&s) {
            return i;
        }
        // timeseries schedules every object at the end of its interval,
        // not only activities (issue 18 item 8; Developer Guide,
        // dp-concepts-schedules, "Time Series Style vs. Cron Style").
        let at_end = comp.schedule_type == ScheduleType::Timeseries;
        let due = if at_end { e } else { s };
        let i = self.push_instance(p, c, 1, s, e, at_end);
        self.record(
            p,
            Subject::Instance(i),
            None,
            Status::WaitingOnDependencies,
            cause,
            None,
        );
        self.link(p, i, cause);
        let now = self.clock.now();
        let pl = &self.pipelines[p];
        let comp = &pl.components[c];
        if comp.kind == Kind::Resource {
            self.clock.set(e.max(now), Timer::Due { p, i });
        } else if due > now {
            self.clock.set(due, Timer::Due { p, i });
        }
        if let (Some(late), false) = (comp.late_after, pl.ondemand) {
            if comp.kind != Kind::Resource && !comp.on_late.is_empty() {
                let at = crate::clock::plus(s, late);
                self.clock.set(at.max(now), Timer::Late { p, i, run: 0 });
            }
        }
        self.queue_eval(p, i, cause);
        i
    }

    /// Add an instance of `c` for `[s, e)`; `duplicate` numbers the
    /// precondition instances of one interval (their id suffix `_<n>`).
    fn push_instance(
        &mut self,
        p: PipelineIx,
        c: ComponentIx,
        duplicate: u32,
        s: NaiveDateTime,
        e: NaiveDateTime,
        due_at_end: bool,
    ) -> InstanceIx {
        let pl = &mut self.pipelines[p];
        let i = pl.instances.next_ix();
        let comp = &mut pl.components[c];
        let mut inst = Instance::new(c, s, e, comp.maximum_retries + 1);
        inst.due_at_end = due_at_end;
        if comp.kind.is_precondition() {
            pl.precondition_ids.insert((c, s, duplicate), i);
            if duplicate > 1 {
                inst.more_mut().duplicate = duplicate;
            }
        } else {
            comp.by_start.insert(s, i);
        }
        crate::chunked::grow_gently(&mut comp.instances);
        comp.instances.push(i);
        pl.instances.push(inst);
        pl.open_instances += 1;
        i
    }

    /// Link a new instance to the instances it waits for.
    fn link(&mut self, p: PipelineIx, i: InstanceIx, cause: Cause) {
        let pl = &self.pipelines[p];
        let inst = &pl.instances[i];
        let s = inst.scheduled_start();
        let comp = &pl.components[inst.component];
        let waits: Vec<ComponentIx> = comp
            .depends_on
            .iter()
            .chain(comp.inputs.iter())
            .copied()
            .filter(|&d| pl.components[d].kind.is_runnable())
            .collect();
        let outputs: Vec<ComponentIx> = comp
            .outputs
            .iter()
            .copied()
            .filter(|&d| pl.components[d].kind == Kind::DataNode)
            .collect();
        let pres: Vec<ComponentIx> = comp
            .preconditions
            .iter()
            .copied()
            .filter(|&d| pl.components[d].kind.is_precondition())
            .collect();
        let runs_on = comp
            .runs_on
            .filter(|&r| pl.components[r].kind == Kind::Resource);
        for d in waits {
            let di = self.instance_for(p, d, s, cause);
            if di == i {
                continue;
            }
            let pl = &mut self.pipelines[p];
            pl.instances[i].more_mut().deps.push(di);
            pl.instances[di].more_mut().dependents.push(i);
        }
        for o in outputs {
            let oi = self.instance_for(p, o, s, cause);
            if oi == i {
                continue;
            }
            let pl = &mut self.pipelines[p];
            pl.instances[oi].more_mut().deps.push(i);
            pl.instances[i].more_mut().dependents.push(oi);
        }
        if let Some(r) = runs_on {
            let ri = self.instance_for(p, r, s, cause);
            let pl = &mut self.pipelines[p];
            pl.instances[i].more_mut().resource = Some(ri);
            pl.instances[ri].more_mut().dependents.push(i);
        }
        for pc in pres {
            let pi = self.precondition_instance(p, pc, i, cause);
            let pl = &mut self.pipelines[p];
            pl.instances[i].more_mut().preconditions.push(pi);
            pl.instances[pi].more_mut().dependents.push(i);
        }
    }

    /// A precondition instance checking instance `node`.
    fn precondition_instance(
        &mut self,
        p: PipelineIx,
        pc: ComponentIx,
        node: InstanceIx,
        cause: Cause,
    ) -> InstanceIx {
        let pl = &self.pipelines[p];
        let n = &pl.instances[node];
        let (s, e) = (n.scheduled_start(), n.scheduled_end());
        // The first free id: `@<pc>_<s>`, then `…_2`, `…_3`, …
        let mut k = 1;
        while pl.precondition_ids.contains_key(&(pc, s, k)) {
            k += 1;
        }
        let i = self.push_instance(p, pc, k, s, e, false);
        self.pipelines[p].instances[i].more_mut().node = Some(node);
        self.record(
            p,
            Subject::Instance(i),
            None,
            Status::WaitingOnDependencies,
            cause,
            None,
        );
        self.queue_eval(p, i, cause);
        i
    }
}
