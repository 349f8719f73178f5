//! The calls a runner makes about a task it holds (reference §4): finding
//! the attempt behind a taskId (TaskNotFoundException when it is stale),
//! ReportTaskProgress (the acknowledgement and the progress lease) and
//! SetTaskStatus (FINISHED, FAILED, or FALSE for a precondition).

use crate::actions::set_task_status::TaskVerdict;
use crate::clock::Timer;
use crate::error::ServiceError;
use crate::ix::{AttemptIx, PipelineIx};
use crate::state::Status;
use crate::task_id::TaskId;
use crate::trace::{Cause, Subject};
use crate::Service;
use model::Field;

impl Service {
    /// The attempt a live taskId names, or TaskNotFoundException.
    pub(crate) fn task_lookup(
        &self,
        task_id: &TaskId,
    ) -> Result<(PipelineIx, AttemptIx), ServiceError> {
        let found = || {
            let TaskId::Issued {
                pipeline: p,
                attempt: a,
                lease,
                salt,
            } = *task_id
            else {
                return None;
            };
            let (p, a) = (PipelineIx(p), AttemptIx(a));
            let at = self.pipelines.get(p)?.attempts.get(a)?;
            (at.task_id() == Some(salt) && at.lease == lease).then_some((p, a))
        };
        found().ok_or_else(|| ServiceError::task_not_found(task_id))
    }

    /// ReportTaskProgress: acknowledge / extend the lease; true = canceled.
    pub(crate) fn progress(
        &mut self,
        task_id: &TaskId,
        fields: Vec<Field>,
        cause: Cause,
    ) -> Result<bool, ServiceError> {
        let (p, a) = self.task_lookup(task_id)?;
        let now = self.clock.now();
        let pl = &mut self.pipelines[p];
        let at = &mut pl.attempts[a];
        if at.cancel_requested || at.status.is_terminal() {
            at.set_task_id(None);
            return Ok(true);
        }
        let inst = &pl.instances[at.instance];
        let timeout = pl.components[inst.component].report_progress_timeout;
        let first = !at.acknowledged;
        at.acknowledged = true;
        let deadline = crate::clock::plus(now, timeout);
        at.set_lease_deadline(Some(deadline));
        at.set_report_progress_time(Some(now));
        if !fields.is_empty() {
            let reported = &mut at.report_mut().reported;
            for f in fields {
                reported.retain(|r| r.key != f.key);
                reported.push(f);
            }
        }
        if first {
            let lease = at.lease;
            let ack_at = at
                .handed_out()
                .map(|t| crate::clock::plus(t, self.config.ack_timeout_secs));
            if ack_at.is_some_and(|t| deadline > t) {
                // Queued when the acknowledgement timer fires (`ack_expired`),
                // with the sequence number it would have had now.
                let timer = (deadline, self.clock.reserve());
                pl.lease_timers.insert(a, timer);
            } else {
                self.clock.set(deadline, Timer::LeaseExpiry { p, a, lease });
            }
            self.record(
                p,
                Subject::Attempt(a),
                Some(Status::Running),
                Status::Running,
                cause,
                Some("acknowledged".into()),
            );
        }
        Ok(false)
    }

    /// SetTaskStatus.
    pub(crate) fn finish_task(
        &mut self,
        task_id: &TaskId,
        verdict: TaskVerdict,
        error_id: Option<String>,
        error_message: Option<String>,
        error_stack_trace: Option<String>,
        cause: Cause,
    ) -> Result<(), ServiceError> {
        let (p, a) = self.task_lookup(task_id)?;
        let pl = &mut self.pipelines[p];
        let at = &mut pl.attempts[a];
        at.set_task_id(None);
        if at.cancel_requested || at.status.is_terminal() {
            return Ok(());
        }
        at.acknowledged = true;
        if at.has_report()
            || error_id.is_some()
            || error_message.is_some()
            || error_stack_trace.is_some()
        {
            let report = at.report_mut();
            report.error_id = error_id;
            report.error_message = error_message.clone();
            report.error_stack_trace = error_stack_trace;
        }
        let i = at.instance;
        let kind = pl.components[pl.instances[i].component].kind;
        match verdict {
            TaskVerdict::Finished => {
                self.set_attempt_status(p, a, Status::Finished, cause, None);
                self.instance_succeeded(p, i, Status::Finished, cause);
            }
            TaskVerdict::False if kind.is_precondition() => {
                self.set_attempt_status(
                    p,
                    a,
                    Status::Failed,
                    cause,
                    Some("precondition evaluated to false".into()),
                );
                self.precondition_false(p, i, cause);
            }
            _ => {
                let note = error_message.unwrap_or_else(|| "the runner reported FAILED".into());
                self.set_attempt_status(p, a, Status::Failed, cause, Some(note.clone().into()));
                self.retry_or_fail(p, i, cause, note);
            }
        }
        self.check_deactivation_done(p, cause);
        Ok(())
    }
}
