//! Running one service call under the lock: dispatch, journal the call when
//! it changed the service (and make it durable before answering), wake long
//! polls, and the PollForTask long poll on the wall clock (a client that
//! hangs up is dropped by hyper before it can be handed a task: the task is
//! taken only when one is queued).

use super::http::{error_json, App};
use super::journal::Change;
use super::state::Shared;
use engine::{Action, Effect, PollForTaskInput};
use std::sync::Arc;
use std::time::Instant;

/// Whether `target` names an action that never changes the service (the
/// action table's `Effect::Reads`); an unknown target changes nothing either.
fn read_only(target: &str) -> bool {
    Action::from_target(target).is_none_or(Action::is_read_only)
}

/// Whether a call of `target` that answered `answer` changed the service:
/// by the action table's effect, PollForTask only when it handed out a task.
pub(crate) fn mutated(target: &str, answer: &str) -> bool {
    match Action::from_target(target).map(Action::effect) {
        None | Some(Effect::Reads) => false,
        Some(Effect::Writes) => true,
        Some(Effect::WritesWhenTaskHandedOut) => answer.contains("\"taskObject\""),
    }
}

/// Whether a call of `target` may change the service (the journal records
/// such calls when `mutated` says they did; once the journal has failed
/// they are refused). The one place to ask.
pub fn is_mutating(target: &str) -> bool {
    !read_only(target)
}

fn internal(message: &str) -> (u16, String) {
    (500, error_json("InternalServiceError", message))
}

/// Dispatch under the lock (on the blocking pool); journal, wake and make
/// durable on change. `only_if_queued`: a long poll's try, which dispatches
/// only when a task is waiting for its workerGroup (`None` otherwise).
pub(crate) fn dispatch_now(
    shared: &Shared,
    target: &str,
    body: &str,
    caller: &str,
    only_if_queued: Option<&str>,
) -> Option<(u16, String)> {
    let mut core = shared.lock();
    let t0 = Instant::now();
    let fired = core.catch_up();
    let checkpoint = |core: &mut super::state::Core| {
        if fired {
            shared.timers_ran(core, t0.elapsed())
        } else {
            Ok(None)
        }
    };
    if let Some(wg) = only_if_queued {
        if core.service.queued_tasks(wg) == 0 {
            let seq = checkpoint(&mut core);
            drop(core);
            if fired {
                shared.wake();
            }
            return match seq.and_then(|s| shared.sync(s)) {
                Ok(()) => None,
                Err(e) => Some(internal(&e)),
            };
        }
    }
    if is_mutating(target) {
        if let Some(why) = shared.refusing_changes() {
            return Some(internal(&why));
        }
    }
    let at = core.service.now();
    let (status, out) = core.service.dispatch(target, body);
    let changed = mutated(target, &out);
    let seq = if changed {
        let change = Change::Call {
            at,
            target: target.to_string(),
            body: body.to_string(),
            caller: caller.to_string(),
        };
        shared.record(&mut core, change, t0.elapsed())
    } else {
        checkpoint(&mut core)
    };
    drop(core);
    if changed || fired {
        shared.wake();
    }
    if let Err(e) = seq.and_then(|s| shared.sync(s)) {
        eprintln!("{e}");
        return Some(internal(&e));
    }
    Some((status, out))
}

pub(super) async fn call(
    app: &Arc<App>,
    target: String,
    body: String,
    caller: String,
) -> (u16, String) {
    let shared = app.shared.clone();
    if !is_mutating(&target) && app.poll_wait.is_none() {
        // Manual clock, nothing to save: a short lock, no file I/O, so it
        // runs on the async worker without a hop to the blocking pool.
        if let Some(answer) = dispatch_now(&shared, &target, &body, &caller, None) {
            return answer;
        }
    }
    tokio::task::spawn_blocking(move || dispatch_now(&shared, &target, &body, &caller, None))
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| internal("request handler failed"))
}

/// PollForTask on the wall clock: answer at once when a task is queued (or
/// the request is invalid), else wait for a change up to the poll wait and
/// try again. If the client hangs up, hyper drops this future, so it never
/// takes a task it cannot deliver.
pub(super) async fn long_poll(
    app: &Arc<App>,
    target: String,
    body: String,
    caller: String,
) -> (u16, String) {
    let wg = serde_json::from_str::<PollForTaskInput>(&body)
        .ok()
        .and_then(|r| r.worker_group);
    let Some(wg) = wg else {
        return call(app, target, body, caller).await;
    };
    let deadline = tokio::time::Instant::now() + app.poll_wait.unwrap_or_default();
    loop {
        let notified = app.shared.tasks_changed.notified();
        let mut notified = std::pin::pin!(notified);
        notified.as_mut().enable();
        let expired = tokio::time::Instant::now() >= deadline;
        let shared = app.shared.clone();
        let (t, b, c, w) = (target.clone(), body.clone(), caller.clone(), wg.clone());
        let tried = tokio::task::spawn_blocking(move || {
            dispatch_now(&shared, &t, &b, &c, (!expired).then_some(&*w))
        })
        .await;
        match tried {
            Ok(Some(answer)) => return answer,
            Ok(None) => {}
            Err(_) => return internal("request handler failed"),
        }
        let _ = tokio::time::timeout_at(deadline, notified).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_mutates_comes_from_the_action_table() {
        assert!(!mutated("DataPipeline.ListPipelines", "{}"));
        assert!(!mutated("DataPipeline.ValidatePipelineDefinition", "{}"));
        assert!(!mutated("DataPipeline.NoSuchAction", "{}"));
        assert!(mutated("DataPipeline.PutPipelineDefinition", "{}"));
        assert!(mutated("DataPipeline_20121129.SetStatus", ""));
        assert!(!mutated("DataPipeline.PollForTask", "{}"));
        assert!(mutated("DataPipeline.PollForTask", r#"{"taskObject":{}}"#));
        assert!(read_only("DataPipeline.DescribeObjects"));
        assert!(!read_only("DataPipeline.ReportTaskRunnerHeartbeat"));
    }
}
