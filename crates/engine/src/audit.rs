//! Self-checks of the service's state, used by the property tests and
//! offered to the UI: every unfinished instance has a pending timer or a
//! documented reason to wait, at most one live attempt per instance, each
//! live task held by one runner, counters consistent, no runner thread
//! parked while its queue holds a task it could take.

use super::clock::Timer;
use super::ix::AttemptIx;
use super::state::{Kind, PipelineState, Status, Wait};
use super::Service;
use std::collections::BTreeSet;

impl Service {
    /// Problems found in the state (empty when everything is consistent).
    pub fn audit(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let timers: BTreeSet<Timer> = self.clock.timers().into_iter().map(|s| s.timer).collect();
        let has = |t: &Timer| timers.contains(t);
        let mut queued: BTreeSet<crate::service::QueuedTask> = BTreeSet::new();
        for q in self.queues.iter() {
            queued.extend(q.tasks.iter().copied());
        }
        for (p, pl) in self.pipelines.enumerate() {
            let open = pl
                .instances
                .iter()
                .filter(|i| !i.status.is_terminal())
                .count();
            if open as u32 != pl.open_instances {
                problems.push(format!(
                    "{}: open_instances {} but {open} open",
                    pl.id, pl.open_instances
                ));
            }
            for (a, at) in pl.attempts.enumerate() {
                if at.task_id().is_some() && at.status != Status::Running && !at.cancel_requested {
                    problems.push(format!(
                        "{}: live task on a {} attempt",
                        pl.attempt_id(a),
                        at.status.as_str()
                    ));
                }
            }
            if pl.deleted {
                continue;
            }
            for (i, inst) in pl.instances.enumerate() {
                let live: Vec<AttemptIx> = inst
                    .attempts()
                    .iter()
                    .copied()
                    .filter(|&a| !pl.attempts[a].status.is_terminal())
                    .collect();
                if live.len() > 1 {
                    problems.push(format!(
                        "{}: {} live attempts",
                        pl.instance_id(i),
                        live.len()
                    ));
                }
                if inst.status.is_terminal() {
                    if !live.is_empty() {
                        problems.push(format!(
                            "{}: ended but attempt still live",
                            pl.instance_id(i)
                        ));
                    }
                    continue;
                }
                let kind = pl.components[inst.component].kind;
                let ok = match inst.status {
                    Status::WaitingOnDependencies | Status::Paused => match &inst.waiting_on {
                        Some(Wait::DueTime(_)) => has(&Timer::Due { p, i }),
                        Some(_) => true,
                        None => kind == Kind::Resource || inst.held,
                    },
                    Status::WaitingForRunner => match (live.first(), inst.retry_at()) {
                        (None, Some(_)) => has(&Timer::RetryDue {
                            p,
                            i,
                            run: inst.run,
                        }),
                        (Some(&a), _) => {
                            let at = &pl.attempts[a];
                            queued.contains(&(p, a, at.lease))
                                || matches!(&inst.waiting_on, Some(Wait::Runner(_)))
                                    && at.queue.is_empty()
                        }
                        (None, None) => false,
                    },
                    Status::Running => match kind {
                        Kind::SystemPrecondition => {
                            has(&Timer::PreconditionCheck {
                                p,
                                i,
                                run: inst.run,
                            }) || matches!(inst.waiting_on, Some(Wait::Retry(_)))
                        }
                        Kind::Resource => true,
                        _ => live.first().is_some_and(|&a| {
                            let at = &pl.attempts[a];
                            at.task_id().is_some()
                                && (has(&Timer::AckExpiry {
                                    p,
                                    a,
                                    lease: at.lease,
                                }) || has(&Timer::LeaseExpiry {
                                    p,
                                    a,
                                    lease: at.lease,
                                }))
                        }),
                    },
                    Status::Creating => has(&Timer::ResourceUp {
                        p,
                        i,
                        run: inst.run,
                    }),
                    Status::ShuttingDown => has(&Timer::ResourceDown {
                        p,
                        i,
                        run: inst.run,
                    }),
                    _ => true,
                };
                if !ok {
                    problems.push(format!(
                        "{}: {} with no pending timer or reason ({:?})",
                        pl.instance_id(i),
                        inst.status.as_str(),
                        inst.waiting_on
                    ));
                }
            }
        }
        self.audit_parked(&mut problems);
        problems
    }

    /// A parked thread (no timer) of a live runner whose polls are valid
    /// must not sit beside a queued task it could take: in the call log's
    /// terms, one of its polls would have taken it.
    fn audit_parked(&self, problems: &mut Vec<String>) {
        for run in self.runners.as_slice() {
            let Some((slot, true)) = run.poll_queue else {
                continue;
            };
            if run.stopped || run.crashed || run.threads.iter().all(|t| t.parked.is_none()) {
                continue;
            }
            let takeable = self.queues[slot].tasks.iter().any(|&(p, a, lease)| {
                let pl = &self.pipelines[p];
                let at = &pl.attempts[a];
                !pl.deleted
                    && pl.state == PipelineState::Scheduled
                    && at.lease == lease
                    && at.status == Status::WaitingForRunner
                    && at.task_id().is_none()
                    && pl.instances[at.instance].status == Status::WaitingForRunner
            });
            if takeable {
                problems.push(format!(
                    "{}: a thread is parked while its queue holds a task",
                    run.taskrunner_id
                ));
            }
        }
    }
}
