//! What ends or renews a task besides SetTaskStatus: the lapsed
//! 2-minute acknowledgement (handed out again, no try used), the lapsed
//! progress lease and `attemptTimeout` (the attempt fails), false
//! preconditions, and retries after `retryDelay`.

use crate::clock::Timer;
use crate::ix::{AttemptIx, InstanceIx, PipelineIx};
use crate::state::{Status, Wait};
use crate::trace::Cause;
use crate::Service;

impl Service {
    /// A false precondition is checked again after `retryDelay` until
    /// `preconditionTimeout` (no try is used).
    pub(crate) fn precondition_false(&mut self, p: PipelineIx, i: InstanceIx, cause: Cause) {
        let now = self.clock.now();
        let pl = &mut self.pipelines[p];
        let inst = &pl.instances[i];
        let comp = &pl.components[inst.component];
        let started = inst.check_started().unwrap_or(now);
        if let Some(t) = comp.precondition_timeout {
            if now >= crate::clock::plus(started, t) {
                let msg = format!("Precondition not met within preconditionTimeout ({t} s)");
                self.instance_failed(p, i, cause, msg);
                return;
            }
        }
        let at = crate::clock::plus(now, comp.retry_delay);
        let run = inst.run;
        let inst = &mut pl.instances[i];
        inst.set_retry_at(Some(at));
        // Not met is not a failure: the next check uses no try
        // (`retry_due` takes one, so give it back here).
        inst.tries_left += 1;
        self.set_instance_status(p, i, Status::WaitingForRunner, cause, None);
        self.wait(p, i, Wait::Retry(at));
        self.clock.set(at, Timer::RetryDue { p, i, run });
    }

    /// After a failed attempt: retry after `retryDelay` while tries are left, else FAILED.
    /// A precondition's failed check is a failure too: it uses a try, and
    /// `preconditionTimeout` ends the wait (issue 18 item 3; object
    /// reference, maximumRetries "Maximum number attempt retries on
    /// failure", preconditionTimeout "The period from start after which
    /// precondition is marked as failed if still not satisfied").
    pub(crate) fn retry_or_fail(
        &mut self,
        p: PipelineIx,
        i: InstanceIx,
        cause: Cause,
        note: String,
    ) {
        let now = self.clock.now();
        if self.precondition_timed_out(p, i, cause) {
            return;
        }
        let pl = &mut self.pipelines[p];
        let inst = &pl.instances[i];
        if inst.tries_left == 0 {
            let n = inst.attempts().len();
            let msg = format!("attempt {n} of {n} ended: {note}");
            self.instance_failed(p, i, cause, msg);
            return;
        }
        let delay = pl.components[inst.component].retry_delay;
        let at = crate::clock::plus(now, delay);
        let run = inst.run;
        pl.instances[i].set_retry_at(Some(at));
        self.set_instance_status(
            p,
            i,
            Status::WaitingForRunner,
            cause,
            Some(format!("retry at {}", crate::clock::format_time(at)).into()),
        );
        self.wait(p, i, Wait::Retry(at));
        self.clock.set(at, Timer::RetryDue { p, i, run });
    }

    pub(crate) fn retry_due(&mut self, p: PipelineIx, i: InstanceIx, run: u32, cause: Cause) {
        let pl = &mut self.pipelines[p];
        let inst = &mut pl.instances[i];
        if inst.run != run || inst.retry_at().is_none() || inst.status != Status::WaitingForRunner {
            return;
        }
        inst.set_retry_at(None);
        if self.precondition_timed_out(p, i, cause) {
            return;
        }
        self.new_attempt(p, i, true, cause);
    }

    /// A runner-checked precondition whose `preconditionTimeout` has run out
    /// since its first check fails (true when it did).
    fn precondition_timed_out(&mut self, p: PipelineIx, i: InstanceIx, cause: Cause) -> bool {
        let now = self.clock.now();
        let pl = &self.pipelines[p];
        let inst = &pl.instances[i];
        let comp = &pl.components[inst.component];
        if !comp.kind.is_precondition() {
            return false;
        }
        let (Some(t), Some(started)) = (comp.precondition_timeout, inst.check_started()) else {
            return false;
        };
        if now < crate::clock::plus(started, t) {
            return false;
        }
        let msg = format!("Precondition not met within preconditionTimeout ({t} s)");
        self.instance_failed(p, i, cause, msg);
        true
    }

    /// The acknowledgement window lapsed: the same attempt goes back to its
    /// queue (no try used) and the old taskId is dead.
    pub(crate) fn ack_expired(&mut self, p: PipelineIx, a: AttemptIx, lease: u32, cause: Cause) {
        let pl = &mut self.pipelines[p];
        // Set for this hand-out (a new one starts without, see `hand_out`).
        let lease_timer = if pl.attempts[a].lease == lease {
            pl.lease_timers.remove(&a)
        } else {
            None
        };
        let at = &mut pl.attempts[a];
        if at.lease != lease || at.task_id().is_none() {
            // Ended (a taskId comes back only with a new lease): the lease
            // timer would never act.
            return;
        }
        // The lease timer the acknowledgement would have set: queue it now.
        if let Some((d, seq)) = lease_timer {
            self.clock
                .set_reserved(d, seq, Timer::LeaseExpiry { p, a, lease });
        }
        if at.acknowledged || at.status != Status::Running {
            return;
        }
        at.set_task_id(None);
        let (holder, i) = (at.runner(), at.instance);
        let runner = self.caller_name(holder);
        let note = format!(
            "not acknowledged within {} s by {runner}; handed out again",
            self.config.ack_timeout_secs
        );
        self.set_attempt_status(p, a, Status::WaitingForRunner, cause, Some(note.into()));
        self.set_instance_status(p, i, Status::WaitingForRunner, cause, None);
        self.enqueue(p, a, true);
        self.check_deactivation_done(p, cause);
    }

    /// The lease may have lapsed: re-arm if progress came in meanwhile, else
    /// the attempt fails and the retry policy applies.
    pub(crate) fn lease_expired(&mut self, p: PipelineIx, a: AttemptIx, lease: u32, cause: Cause) {
        let now = self.clock.now();
        let pl = &mut self.pipelines[p];
        let at = &mut pl.attempts[a];
        if at.lease != lease
            || !at.acknowledged
            || at.status != Status::Running
            || at.task_id().is_none()
        {
            return;
        }
        if let Some(d) = at.lease_deadline() {
            if d > now {
                self.clock.set(d, Timer::LeaseExpiry { p, a, lease });
                return;
            }
        }
        at.set_task_id(None);
        let (holder, i) = (at.runner(), at.instance);
        let secs = pl.components[pl.instances[i].component].report_progress_timeout;
        let runner = self.caller_name(holder);
        let note = format!(
            "lease expired at {} after {runner} stopped reporting (reportProgressTimeout {secs} s)",
            crate::clock::format_time(now)
        );
        let at = &mut self.pipelines[p].attempts[a];
        at.report_mut().error_message = Some(note.clone());
        self.set_attempt_status(p, a, Status::Failed, cause, Some(note.clone().into()));
        self.retry_or_fail(p, i, cause, note);
        self.check_deactivation_done(p, cause);
    }

    /// `attemptTimeout` ran out: the attempt fails (the runner is told
    /// `canceled` on its next report) and the retry policy applies.
    pub(crate) fn attempt_timed_out(&mut self, p: PipelineIx, a: AttemptIx, cause: Cause) {
        let pl = &mut self.pipelines[p];
        let at = &mut pl.attempts[a];
        if at.status.is_terminal() {
            return;
        }
        let i = at.instance;
        let secs = pl.components[pl.instances[i].component]
            .attempt_timeout
            .unwrap_or(0);
        let note = format!("attemptTimeout ({secs} s) ran out");
        at.report_mut().error_message = Some(note.clone());
        if at.task_id().is_some() {
            at.cancel_requested = true;
        } else {
            at.lease += 1;
        }
        self.set_attempt_status(p, a, Status::Failed, cause, Some(note.clone().into()));
        self.retry_or_fail(p, i, cause, note);
        self.check_deactivation_done(p, cause);
    }
}
