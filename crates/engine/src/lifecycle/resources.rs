//! Resource instances (Ec2Resource, EmrCluster): launched when an activity
//! that runs on them is ready (CREATING → RUNNING, with a service-managed
//! Task Runner polling the resource), shut down when no consumer is left
//! (SHUTTING_DOWN → FINISHED), TIMEDOUT at `terminateAfter`.

use crate::clock::Timer;
use crate::ix::{InstanceIx, PipelineIx};
use crate::state::{Kind, Status};
use crate::trace::{Cause, Subject};
use crate::Service;

impl Service {
    /// Start resource instance `r` if it is waiting (or ended and needed again).
    pub(crate) fn launch_resource(&mut self, p: PipelineIx, r: InstanceIx, cause: Cause) {
        let now = self.clock.now();
        let startup = self.config.resource_startup_secs;
        let inst = &mut self.pipelines[p].instances[r];
        if inst.status == Status::Finished {
            inst.run += 1;
            self.set_instance_status(
                p,
                r,
                Status::WaitingOnDependencies,
                cause,
                Some("needed again".into()),
            );
        }
        let inst = &self.pipelines[p].instances[r];
        if inst.status != Status::WaitingOnDependencies {
            return;
        }
        let run = inst.run;
        self.set_instance_status(p, r, Status::Creating, cause, None);
        self.clock.set(
            crate::clock::plus(now, startup),
            Timer::ResourceUp { p, i: r, run },
        );
    }

    pub(crate) fn resource_up(&mut self, p: PipelineIx, r: InstanceIx, run: u32, cause: Cause) {
        let now = self.clock.now();
        let pl = &self.pipelines[p];
        let inst = &pl.instances[r];
        if inst.run != run || inst.status != Status::Creating {
            return;
        }
        let terminate = pl.components[inst.component].terminate_after;
        let queue = pl.instance_id(r);
        self.set_instance_status(p, r, Status::Running, cause, None);
        if let Some(t) = terminate {
            self.clock.set(
                crate::clock::plus(now, t),
                Timer::ResourceTerminate { p, i: r, run },
            );
        }
        if let Some(policy) = self.config.managed_runner.clone() {
            let label = format!("TaskRunner on {queue}");
            let id = self.add_runner(super::super::runners::RunnerSpec {
                label,
                worker_group: queue,
                hostname: format!("ip-10-0-0-{}.ec2.internal", r.get() % 250 + 1),
                policy,
            });
            self.pipelines[p].instances[r].more_mut().runner = Some(id);
        }
        for d in self.pipelines[p].instances[r].dependents().to_vec() {
            self.queue_eval(p, d, Cause::Upstream(Subject::Instance(r)));
        }
        self.check_resource(p, r, cause);
    }

    /// Shut resource `r` down (or close it unused) when no consumer can still need it.
    pub(crate) fn check_resource(&mut self, p: PipelineIx, r: InstanceIx, cause: Cause) {
        let now = self.clock.now();
        let pl = &self.pipelines[p];
        let inst = &pl.instances[r];
        if !matches!(inst.status, Status::WaitingOnDependencies | Status::Running) {
            return;
        }
        let open = inst
            .dependents()
            .iter()
            .any(|&d| !pl.instances[d].status.is_terminal());
        if open {
            return;
        }
        // A consumer component may still create an instance inside this interval.
        let end = inst.scheduled_end();
        let rc = inst.component;
        let more = pl.components.iter().any(|c| {
            c.kind == Kind::Activity
                && c.runs_on == Some(rc)
                && !pl.ondemand
                && c.schedule
                    .as_ref()
                    .and_then(|s| s.interval(c.next_interval))
                    .is_some_and(|(s, _)| s < end)
        });
        if more || (inst.dependents().is_empty() && now < end) {
            return;
        }
        let run = inst.run;
        if inst.status == Status::WaitingOnDependencies {
            self.set_instance_status(p, r, Status::Finished, cause, Some("not needed".into()));
            return;
        }
        let down = self.config.resource_shutdown_secs;
        self.set_instance_status(p, r, Status::ShuttingDown, cause, None);
        if let Some(id) = self.pipelines[p].instances[r].take_runner() {
            self.stop_managed_runner(id);
        }
        self.clock.set(
            crate::clock::plus(now, down),
            Timer::ResourceDown { p, i: r, run },
        );
    }

    pub(crate) fn resource_down(&mut self, p: PipelineIx, r: InstanceIx, run: u32, cause: Cause) {
        let inst = &self.pipelines[p].instances[r];
        if inst.run != run || inst.status != Status::ShuttingDown {
            return;
        }
        self.set_instance_status(p, r, Status::Finished, cause, None);
        self.check_pipeline_finished(p, cause);
    }

    /// `terminateAfter` ran out: TIMEDOUT, and what runs on it is CANCELED.
    pub(crate) fn resource_terminate(
        &mut self,
        p: PipelineIx,
        r: InstanceIx,
        run: u32,
        cause: Cause,
    ) {
        let inst = &mut self.pipelines[p].instances[r];
        if inst.run != run || !matches!(inst.status, Status::Creating | Status::Running) {
            return;
        }
        let runner = inst.take_runner();
        self.set_instance_status(
            p,
            r,
            Status::Timedout,
            cause,
            Some("terminateAfter ran out".into()),
        );
        if let Some(id) = runner {
            self.stop_managed_runner(id);
        }
        let up = Cause::Upstream(Subject::Instance(r));
        for d in self.pipelines[p].instances[r].dependents().to_vec() {
            self.cancel_instance(p, d, up, "its resource timed out (terminateAfter)");
        }
        self.check_pipeline_finished(p, cause);
    }
}
