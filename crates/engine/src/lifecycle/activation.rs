//! Activation (first activation, backfill, the one-day rule,
//! `startTimestamp` with SKIPPED intervals, on-demand runs, reactivation
//! keeping runtime state), deactivation, deletion and pipeline completion.

use crate::clock::format_time as format_datetime;
use crate::clock::Timer;
use crate::components;
use crate::error::ServiceError;
use crate::ix::{ComponentIx, InstanceIx, PipelineIx};
use crate::state::{Kind, PipelineState, ScheduleType, Status};
use crate::trace::Cause;
use crate::Service;
use chrono::NaiveDateTime;
use model::Definition;

impl Service {
    /// Activate pipeline `p` with definition `def` (already validated).
    pub(crate) fn activate(
        &mut self,
        p: PipelineIx,
        def: Definition,
        start: Option<NaiveDateTime>,
        cause: Cause,
    ) -> Result<(), ServiceError> {
        let now = self.clock.now();
        let first = self.pipelines[p].first_activated.unwrap_or(now);
        let (mut comps, mut index) = components::build(
            &def,
            first,
            self.config.default_report_progress_timeout_secs,
        )
        .map_err(ServiceError::InvalidRequest)?;
        let ondemand = components::is_ondemand(&def);
        let pl = &self.pipelines[p];
        // Carry the runtime state of components that stay.
        let mut remap: Vec<ComponentIx> = Vec::with_capacity(pl.components.len());
        for old in &pl.components {
            match index.get(&old.id) {
                Some(&n) => {
                    let c = &mut comps[n.ix()];
                    c.next_interval = old.next_interval;
                    c.instances = old.instances.clone();
                    c.by_start = old.by_start.clone();
                    c.held = old.held.clone();
                    c.active = old.active;
                    c.active_instances = old.active_instances.clone();
                    c.paused = old.paused;
                    remap.push(n);
                }
                None => {
                    let mut kept = old.clone();
                    kept.kind = Kind::Other;
                    let n = ComponentIx(comps.len() as u32);
                    index.insert(kept.id.clone(), n);
                    remap.push(n);
                    comps.push(kept);
                }
            }
        }
        // Decide each component's first interval before changing anything.
        let mut plan: Vec<(ComponentIx, u64, u64)> = Vec::new(); // (component, skip from, run from)
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
                    let limit = crate::clock::plus(now, -crate::defaults::BACKFILL_LIMIT_SECS);
                    if self.config.enforce_backfill_limit && s < limit {
                        return Err(ServiceError::InvalidRequest(format!(
                            "Activation failed: object '{}' would start at {}, more than 1 day in the past. Move the schedule's start or give a startTimestamp",
                            c.id,
                            format_datetime(s)
                        )));
                    }
                }
                plan.push((ComponentIx(n as u32), skip_from, k));
            }
        }
        let pl = &mut self.pipelines[p];
        for inst in pl.instances.iter_mut() {
            inst.component = remap
                .get(inst.component.ix())
                .copied()
                .unwrap_or(inst.component);
        }
        pl.components = comps.into();
        pl.task_templates.clear();
        pl.component_index = index;
        pl.ondemand = ondemand;
        pl.first_activated = Some(first);
        pl.last_activated = Some(now);
        pl.active = Some(def);
        pl.active_version = pl.version;
        self.set_pipeline_state(p, PipelineState::Scheduled, cause);
        // Tasks it left queued can be handed out again: parked runner
        // threads poll at their times, as they would have all along.
        self.unpark_threads();
        if ondemand {
            self.start_ondemand_run(p, cause);
        } else {
            for (c, skip_from, k) in plan {
                self.skip_intervals(p, c, skip_from, k, cause);
                let pl = &mut self.pipelines[p];
                let comp = &mut pl.components[c];
                comp.next_interval = k;
                let start = comp.schedule.as_ref().and_then(|s| s.interval(k));
                if let (Some((s, _)), Ok(k)) = (start, u32::try_from(k)) {
                    self.clock.set(s.max(now), Timer::ScheduleTick { p, c, k });
                }
            }
        }
        let pl = &self.pipelines[p];
        let waiting: Vec<InstanceIx> = pl
            .instances
            .enumerate()
            .filter(|(_, inst)| {
                matches!(inst.status, Status::WaitingOnDependencies | Status::Paused)
            })
            .map(|(i, _)| i)
            .collect();
        for i in waiting {
            self.queue_eval(p, i, cause);
        }
        self.check_pipeline_finished(p, cause);
        Ok(())
    }

    /// DeactivatePipeline.
    pub(crate) fn deactivate(&mut self, p: PipelineIx, cancel_active: bool, cause: Cause) {
        let pl = &mut self.pipelines[p];
        if !pl.is_active() {
            return;
        }
        pl.last_deactivated = Some(self.clock.now());
        // "The pipeline is set to the DEACTIVATING state until the
        // deactivation process completes" (API Reference,
        // DeactivatePipeline), with cancelActive too (issue 18 item 8).
        self.set_pipeline_state(p, PipelineState::Deactivating, cause);
        let pl = &mut self.pipelines[p];
        if cancel_active {
            let running: Vec<InstanceIx> = pl
                .instances
                .enumerate()
                .filter(|(_, inst)| {
                    matches!(
                        inst.status,
                        Status::Running | Status::WaitingForRunner | Status::Creating
                    )
                })
                .map(|(i, _)| i)
                .collect();
            for i in running {
                self.cancel_instance(p, i, cause, "Canceled by DeactivatePipeline");
            }
        }
        self.check_deactivation_done(p, cause);
    }

    /// A DEACTIVATING pipeline becomes INACTIVE once no task is out.
    pub(crate) fn check_deactivation_done(&mut self, p: PipelineIx, cause: Cause) {
        let pl = &self.pipelines[p];
        if pl.state != PipelineState::Deactivating {
            return;
        }
        let busy = pl
            .attempts
            .iter()
            .any(|a| a.status == Status::Running && a.task_id().is_some());
        if !busy {
            self.set_pipeline_state(p, PipelineState::Inactive, cause);
        }
    }

    /// Cancel everything not ended (DeletePipeline).
    pub(crate) fn cancel_all(&mut self, p: PipelineIx, cause: Cause, reason: &str) {
        let n = self.pipelines[p].instances.len() as u32;
        for i in (0..n).map(InstanceIx) {
            self.cancel_instance(p, i, cause, reason);
        }
        if self.pipelines[p].is_active() {
            self.set_pipeline_state(p, PipelineState::Inactive, cause);
        }
    }

    /// A scheduled pipeline whose schedules have ended and whose instances
    /// have all ended is FINISHED.
    pub(crate) fn check_pipeline_finished(&mut self, p: PipelineIx, cause: Cause) {
        let pl = &self.pipelines[p];
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
}
