//! Scenario tests for the task-runner protocol (reference §4), over the
//! wire: PollForTask, the 2-minute acknowledgement, the progress lease,
//! TaskNotFound, SetTaskStatus, retries, attemptTimeout, cancellation.

use crate::support;
use serde_json::json;
use support::*;

const T0: &str = "2012-12-12T00:00:00";
const ONE_RUN_END: Option<&str> = Some("2012-12-12T01:00:00");

fn one_run(extra: &[(&str, &str)]) -> (engine::Service, String) {
    let mut s = service_at(T0);
    let pid = create(&mut s, "p");
    put(&mut s, &pid, simple(T0, ONE_RUN_END, extra));
    activate(&mut s, &pid);
    (s, pid)
}

const INSTANCE: &str = "@A_2012-12-12T00:00:00";

#[test]
fn poll_with_nothing_queued_returns_no_task_object() {
    let mut s = service_at(T0);
    let (status, body) = s.dispatch(
        "DataPipeline.PollForTask",
        r#"{"workerGroup": "wg", "hostname": "h1"}"#,
    );
    assert_eq!((status, body.as_str()), (200, "{}"));
}

#[test]
fn poll_hands_out_the_attempt_object_of_the_seed_shape() {
    let (mut s, pid) = one_run(&[]);
    assert_eq!(status(&mut s, &pid, INSTANCE), "WAITING_FOR_RUNNER");
    assert!(
        poll(&mut s, "WG").is_none(),
        "workerGroup matching is exact and case-sensitive"
    );
    let t = poll(&mut s, "wg").expect("a task");
    assert_eq!(t["pipelineId"], pid.as_str());
    let attempt = t["attemptId"].as_str().unwrap();
    assert_eq!(attempt, "@A_2012-12-12T00:00:00_Attempt=1");
    let obj = &t["objects"][attempt];
    let f = |k: &str| {
        obj["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["key"] == k)
            .map(|f| {
                f["stringValue"]
                    .as_str()
                    .or(f["refValue"].as_str())
                    .unwrap()
                    .to_string()
            })
    };
    assert_eq!(f("@sphere").as_deref(), Some("ATTEMPT"));
    assert_eq!(f("@status").as_deref(), Some("WAITING_FOR_RUNNER"));
    assert_eq!(f("@instanceParent").as_deref(), Some(INSTANCE));
    assert_eq!(f("@componentParent").as_deref(), Some("A"));
    assert_eq!(f("command").as_deref(), Some("echo hi"));
    assert_eq!(f("workerGroup").as_deref(), Some("wg"));
    assert_eq!(
        f("@scheduledStartTime").as_deref(),
        Some("2012-12-12T00:00:00")
    );
    assert_eq!(status(&mut s, &pid, INSTANCE), "RUNNING");
    assert!(
        poll(&mut s, "wg").is_none(),
        "a task is handed to one runner only"
    );
}

#[test]
fn an_unacknowledged_task_is_reassigned_after_two_minutes() {
    let (mut s, pid) = one_run(&[]);
    let first = poll(&mut s, "wg").unwrap();
    let t = plus_secs(&s, 119);
    s.advance_to(t);
    assert!(
        poll(&mut s, "wg").is_none(),
        "still within the 2-minute window"
    );
    let t = plus_secs(&s, 1);
    s.advance_to(t);
    let second = poll(&mut s, "wg").expect("handed out again");
    assert_eq!(
        second["attemptId"], first["attemptId"],
        "the same attempt, no retry used"
    );
    assert_ne!(second["taskId"], first["taskId"]);
    let (st, v) = report(&mut s, &task_id(&first));
    assert_eq!(st, 400);
    assert_eq!(
        v["__type"],
        "com.amazon.setl.webservice#TaskNotFoundException"
    );
    assert_eq!(
        field(&mut s, &pid, INSTANCE, "@attemptCount").as_deref(),
        Some("1")
    );
    let expl = s
        .explain(&pid, "@A_2012-12-12T00:00:00_Attempt=1")
        .join("\n");
    assert!(expl.contains("not acknowledged"), "{expl}");
}

#[test]
fn a_lease_is_kept_alive_by_progress_reports() {
    let (mut s, pid) = one_run(&[]);
    let t = poll(&mut s, "wg").unwrap();
    let id = task_id(&t);
    for _ in 0..8 {
        let (st, v) = report(&mut s, &id);
        assert_eq!((st, v["canceled"].as_bool()), (200, Some(false)));
        let next = plus_secs(&s, 14 * 60);
        s.advance_to(next);
    }
    assert_eq!(finish(&mut s, &id, "FINISHED").0, 200);
    assert_eq!(status(&mut s, &pid, INSTANCE), "FINISHED");
    assert_eq!(
        status(&mut s, &pid, "@A_2012-12-12T00:00:00_Attempt=1"),
        "FINISHED"
    );
}

#[test]
fn a_lapsed_report_progress_timeout_fails_the_attempt_and_retries_it() {
    let (mut s, pid) = one_run(&[("reportProgressTimeout", "20 minutes")]);
    let t = poll(&mut s, "wg").unwrap();
    let id = task_id(&t);
    report(&mut s, &id);
    let at = plus_secs(&s, 20 * 60);
    s.advance_to(at);
    let attempt1 = "@A_2012-12-12T00:00:00_Attempt=1";
    assert_eq!(status(&mut s, &pid, attempt1), "FAILED");
    let msg = field(&mut s, &pid, attempt1, "errorMessage").unwrap();
    assert!(msg.contains("lease expired"), "{msg}");
    assert_eq!(report(&mut s, &id).0, 400, "the old taskId is dead");
    // retryDelay (10 minutes by default) before attempt 2.
    let at = plus_secs(&s, 10 * 60 - 1);
    s.advance_to(at);
    assert!(poll(&mut s, "wg").is_none());
    let at = plus_secs(&s, 1);
    s.advance_to(at);
    let t2 = poll(&mut s, "wg").expect("attempt 2");
    assert_eq!(t2["attemptId"], "@A_2012-12-12T00:00:00_Attempt=2");
    assert_eq!(
        field(&mut s, &pid, INSTANCE, "@triesLeft").as_deref(),
        Some("1")
    );
}

#[test]
fn a_stale_task_id_gets_task_not_found() {
    let (mut s, _pid) = one_run(&[]);
    let t = poll(&mut s, "wg").unwrap();
    let id = task_id(&t);
    assert_eq!(finish(&mut s, &id, "FINISHED").0, 200);
    let (st, v) = finish(&mut s, &id, "FINISHED");
    assert_eq!(st, 400);
    assert_eq!(
        v["__type"],
        "com.amazon.setl.webservice#TaskNotFoundException"
    );
    let (st, _) = report(&mut s, "made-up-task-id");
    assert_eq!(st, 400);
}

#[test]
fn retries_wait_retry_delay_then_the_instance_fails_and_on_fail_fires() {
    let mut s = service_at(T0);
    let pid = create(&mut s, "p");
    let mut objs = simple(
        T0,
        ONE_RUN_END,
        &[
            ("maximumRetries", "1"),
            ("retryDelay", "5 minutes"),
            ("onFail", "@Alarm"),
        ],
    );
    objs.push(obj(
        "Alarm",
        &[
            ("type", "SnsAlarm"),
            ("topicArn", "arn:aws:sns:us-east-1:1:t"),
            ("subject", "failed"),
            ("message", "it failed"),
            ("role", "r"),
        ],
    ));
    put(&mut s, &pid, objs);
    activate(&mut s, &pid);
    let t1 = poll(&mut s, "wg").unwrap();
    let (st, _) = call(
        &mut s,
        "SetTaskStatus",
        json!({"taskId": task_id(&t1), "taskStatus": "FAILED", "errorId": "E1", "errorMessage": "boom", "errorStackTrace": "at x"}),
    );
    assert_eq!(st, 200);
    let a1 = "@A_2012-12-12T00:00:00_Attempt=1";
    assert_eq!(field(&mut s, &pid, a1, "errorId").as_deref(), Some("E1"));
    assert_eq!(
        field(&mut s, &pid, a1, "errorMessage").as_deref(),
        Some("boom")
    );
    assert_eq!(
        field(&mut s, &pid, a1, "errorStackTrace").as_deref(),
        Some("at x")
    );
    assert!(
        s.notifications().is_empty(),
        "onFail waits until every retry is used"
    );
    assert!(poll(&mut s, "wg").is_none());
    let at = plus_secs(&s, 5 * 60);
    s.advance_to(at);
    let t2 = poll(&mut s, "wg").expect("retry");
    finish(&mut s, &task_id(&t2), "FAILED");
    assert_eq!(status(&mut s, &pid, INSTANCE), "FAILED");
    assert_eq!(
        field(&mut s, &pid, INSTANCE, "@attemptCount").as_deref(),
        Some("2")
    );
    assert_eq!(
        field(&mut s, &pid, INSTANCE, "@triesLeft").as_deref(),
        Some("0")
    );
    assert_eq!(s.notifications().len(), 1);
    assert_eq!(s.notifications()[0].topic_arn, "arn:aws:sns:us-east-1:1:t");
    let expl = s.explain(&pid, INSTANCE).join("\n");
    assert!(expl.contains("attempt 2 of 2 ended"), "{expl}");
}

#[test]
fn attempt_timeout_ends_the_attempt_and_the_runner_hears_canceled() {
    let (mut s, pid) = one_run(&[("attemptTimeout", "20 minutes"), ("maximumRetries", "0")]);
    let t = poll(&mut s, "wg").unwrap();
    let id = task_id(&t);
    for _ in 0..3 {
        report(&mut s, &id);
        let at = plus_secs(&s, 5 * 60);
        s.advance_to(at);
    }
    let at = plus_secs(&s, 5 * 60);
    s.advance_to(at);
    let (st, v) = report(&mut s, &id);
    assert_eq!((st, v["canceled"].as_bool()), (200, Some(true)));
    assert_eq!(status(&mut s, &pid, INSTANCE), "FAILED");
    let msg = field(
        &mut s,
        &pid,
        "@A_2012-12-12T00:00:00_Attempt=1",
        "errorMessage",
    )
    .unwrap();
    assert!(msg.contains("attemptTimeout"), "{msg}");
}

#[test]
fn try_cancel_answers_canceled_true_on_the_next_report() {
    let (mut s, pid) = one_run(&[]);
    let t = poll(&mut s, "wg").unwrap();
    let id = task_id(&t);
    report(&mut s, &id);
    let (st, body) = s.dispatch(
        "DataPipeline.SetStatus",
        &json!({"pipelineId": pid, "objectIds": [INSTANCE], "status": "TRY_CANCEL"}).to_string(),
    );
    assert_eq!((st, body.as_str()), (200, ""));
    let (st, v) = report(&mut s, &id);
    assert_eq!((st, v["canceled"].as_bool()), (200, Some(true)));
    assert_eq!(status(&mut s, &pid, INSTANCE), "CANCELED");
}

/// Unknown statuses are refused (service model, TaskStatus enum). An
/// errorId starting with `Service_` is not: the service model's
/// SetTaskStatusInput.errorId says it "should not start with string
/// \"Service_\" which is reserved by the system", advice with no error
/// documented, so it is stored like any other (issue 18 item 8).
#[test]
fn set_task_status_rejects_unknown_statuses_and_stores_any_error_id() {
    let (mut s, pid) = one_run(&[]);
    let t = poll(&mut s, "wg").unwrap();
    let id = task_id(&t);
    let (st, _) = finish(&mut s, &id, "DONE");
    assert_eq!(st, 400);
    let (st, _) = call(
        &mut s,
        "SetTaskStatus",
        json!({"taskId": id, "taskStatus": "FAILED", "errorId": "Service_X"}),
    );
    assert_eq!(st, 200);
    let attempt = t["attemptId"].as_str().unwrap();
    assert_eq!(
        field(&mut s, &pid, attempt, "errorId").as_deref(),
        Some("Service_X")
    );
}

#[test]
fn heartbeats_answer_terminate_false_for_a_live_runner() {
    let mut s = service_at(T0);
    let v = ok(
        &mut s,
        "ReportTaskRunnerHeartbeat",
        json!({"taskrunnerId": "tr-1", "workerGroup": "wg", "hostname": "h"}),
    );
    assert_eq!(v, json!({"terminate": false}));
    let (st, _) = call(&mut s, "ReportTaskRunnerHeartbeat", json!({}));
    assert_eq!(st, 400);
}

#[test]
fn a_task_nobody_polls_for_waits_for_a_runner_forever() {
    let (mut s, pid) = one_run(&[]);
    s.advance_to(at("2012-12-20T00:00:00"));
    assert_eq!(status(&mut s, &pid, INSTANCE), "WAITING_FOR_RUNNER");
    let expl = s.explain(&pid, INSTANCE).join("\n");
    assert!(expl.contains("workerGroup 'wg'"), "{expl}");
}
