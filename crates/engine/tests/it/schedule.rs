//! Scenario tests for scheduling (reference §3.1): cron vs timeseries,
//! backfill and the one-day rule, startTimestamp and SKIPPED, on-demand
//! reactivation, maxActiveInstances, FINISHED pipelines, deactivation.

use crate::support;
use engine::Service;
use serde_json::{json, Value};
use support::*;

fn instances(s: &mut Service, pid: &str) -> Vec<String> {
    let v = ok(
        s,
        "QueryObjects",
        json!({"pipelineId": pid, "sphere": "INSTANCE"}),
    );
    v["ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_str().unwrap().to_string())
        .collect()
}

/// Default (workerGroup `wg`, scheduleType `kind`), `Sched` every `period`
/// from `start`, and the ShellCommandActivity `A` on it with `extra` fields.
fn pipeline(kind: &str, period: &str, start: &str, extra: &[(&str, &str)]) -> Vec<Value> {
    let mut a = vec![
        ("type", "ShellCommandActivity"),
        ("command", "x"),
        ("schedule", "@Sched"),
    ];
    a.extend_from_slice(extra);
    vec![
        obj("Default", &[("workerGroup", "wg"), ("scheduleType", kind)]),
        obj(
            "Sched",
            &[
                ("type", "Schedule"),
                ("period", period),
                ("startDateTime", start),
            ],
        ),
        obj("A", &a),
    ]
}

/// A cron `pipeline` every hour from 2024-05-02 00:00.
fn hourly(extra: &[(&str, &str)]) -> Vec<Value> {
    pipeline("cron", "1 hour", "2024-05-02T00:00:00", extra)
}

/// A service at `now` with pipeline `name` defined as `objects`, not yet
/// activated.
fn defined(now: &str, name: &str, objects: Vec<Value>) -> (Service, String) {
    let mut s = service_at(now);
    let pid = create(&mut s, name);
    put(&mut s, &pid, objects);
    (s, pid)
}

#[test]
fn cron_runs_at_the_start_of_the_interval_and_timeseries_at_the_end() {
    for (kind, first_run) in [
        ("cron", "2024-05-01T22:00:00"),
        ("timeseries", "2024-05-01T22:30:00"),
    ] {
        let objects = pipeline(kind, "30 minutes", "2024-05-01T22:00:00", &[]);
        let (mut s, pid) = defined("2024-05-01T21:00:00", kind, objects);
        activate(&mut s, &pid);
        s.advance_to(at("2024-05-01T22:00:00"));
        let got_at_start = poll(&mut s, "wg").is_some();
        assert_eq!(got_at_start, kind == "cron", "{kind} at 22:00");
        s.advance_to(at(first_run));
        if kind == "timeseries" {
            assert!(poll(&mut s, "wg").is_some(), "timeseries runs at 22:30");
        }
        assert_eq!(
            field(
                &mut s,
                &pid,
                "@A_2024-05-01T22:00:00",
                "@scheduledStartTime"
            )
            .as_deref(),
            Some("2024-05-01T22:00:00"),
            "{kind}: the interval start is the scheduled start"
        );
        assert_eq!(
            field(&mut s, &pid, "@A_2024-05-01T22:00:00", "@scheduledEndTime").as_deref(),
            Some("2024-05-01T22:30:00")
        );
    }
}

#[test]
fn a_past_start_backfills_every_missed_interval_back_to_back() {
    let (mut s, pid) = defined("2024-05-02T03:10:00", "bf", hourly(&[]));
    activate(&mut s, &pid);
    let ids = instances(&mut s, &pid);
    assert_eq!(
        ids,
        vec![
            "@A_2024-05-02T00:00:00",
            "@A_2024-05-02T01:00:00",
            "@A_2024-05-02T02:00:00",
            "@A_2024-05-02T03:00:00"
        ]
    );
    // maxActiveInstances (1 by default) runs them one after the other, oldest first.
    let mut order = Vec::new();
    while let Some(t) = poll(&mut s, "wg") {
        assert!(poll(&mut s, "wg").is_none(), "one at a time");
        order.push(t["attemptId"].as_str().unwrap().to_string());
        finish(&mut s, &task_id(&t), "FINISHED");
    }
    assert_eq!(order.len(), 4);
    assert!(order[0].starts_with("@A_2024-05-02T00:00:00"));
    assert!(order[3].starts_with("@A_2024-05-02T03:00:00"));
}

#[test]
fn max_active_instances_lets_several_run_at_once() {
    let objects = hourly(&[("maxActiveInstances", "3")]);
    let (mut s, pid) = defined("2024-05-02T03:10:00", "mai", objects);
    activate(&mut s, &pid);
    let handed: Vec<_> = std::iter::from_fn(|| poll(&mut s, "wg")).collect();
    assert_eq!(handed.len(), 3);
}

#[test]
fn activation_is_refused_when_the_first_start_is_over_a_day_old() {
    let (mut s, pid) = defined("2024-05-03T00:00:01", "old", hourly(&[]));
    let (st, v) = call(&mut s, "ActivatePipeline", json!({"pipelineId": pid}));
    assert_eq!(st, 400);
    assert_eq!(
        v["__type"],
        "com.amazon.setl.webservice#InvalidRequestException"
    );
    assert_eq!(pipeline_state(&mut s, &pid), "PENDING");
    // With a startTimestamp the earlier intervals are SKIPPED instead.
    let ts = at("2024-05-02T23:00:00").and_utc().timestamp();
    ok(
        &mut s,
        "ActivatePipeline",
        json!({"pipelineId": pid, "startTimestamp": ts}),
    );
    assert_eq!(status(&mut s, &pid, "@A_2024-05-02T00:00:00"), "SKIPPED");
    assert_eq!(status(&mut s, &pid, "@A_2024-05-02T22:00:00"), "SKIPPED");
    assert_eq!(
        status(&mut s, &pid, "@A_2024-05-02T23:00:00"),
        "WAITING_FOR_RUNNER"
    );
    assert_eq!(pipeline_state(&mut s, &pid), "SCHEDULED");
}

#[test]
fn a_pipeline_whose_schedule_ended_is_finished() {
    let objects = simple("2012-12-12T00:00:00", Some("2012-12-12T02:00:00"), &[]);
    let (mut s, pid) = defined("2012-12-12T00:00:00", "fin", objects);
    activate(&mut s, &pid);
    for hour in ["2012-12-12T00:00:00", "2012-12-12T01:00:00"] {
        s.advance_to(at(hour));
        let t = poll(&mut s, "wg").expect("a run each hour");
        finish(&mut s, &task_id(&t), "FINISHED");
    }
    s.advance_to(at("2012-12-12T03:00:00"));
    assert_eq!(instances(&mut s, &pid).len(), 2);
    assert_eq!(pipeline_state(&mut s, &pid), "FINISHED");
    let (st, _) = call(&mut s, "ActivatePipeline", json!({"pipelineId": pid}));
    assert_eq!(st, 400, "a FINISHED pipeline needs a later end first");
    let (st, _) = call(
        &mut s,
        "SetStatus",
        json!({"pipelineId": pid, "objectIds": ["A"], "status": "PAUSE"}),
    );
    assert_eq!(st, 400, "SetStatus on a FINISHED pipeline");
}

#[test]
fn monthly_schedules_use_calendar_months() {
    let objects = pipeline("cron", "1 month", "2024-01-31T00:00:00", &[]);
    let (mut s, pid) = defined("2024-01-31T00:00:00", "monthly", objects);
    activate(&mut s, &pid);
    s.advance_to(at("2024-03-31T00:00:00"));
    let ids = instances(&mut s, &pid);
    assert_eq!(
        ids,
        vec![
            "@A_2024-01-31T00:00:00",
            "@A_2024-02-29T00:00:00",
            "@A_2024-03-31T00:00:00"
        ]
    );
}

#[test]
fn each_on_demand_activation_runs_the_pipeline_once_more() {
    let objects = vec![
        obj(
            "Default",
            &[("workerGroup", "wg"), ("scheduleType", "ondemand")],
        ),
        obj("A", &[("type", "ShellCommandActivity"), ("command", "x")]),
    ];
    let (mut s, pid) = defined("2024-05-01T10:00:00", "od", objects);
    activate(&mut s, &pid);
    let t = poll(&mut s, "wg").expect("first run");
    assert_eq!(t["attemptId"], "@A_2024-05-01T10:00:00_Attempt=1");
    finish(&mut s, &task_id(&t), "FINISHED");
    assert!(poll(&mut s, "wg").is_none());
    s.advance_to(at("2024-05-01T11:00:00"));
    assert!(
        poll(&mut s, "wg").is_none(),
        "no schedule: nothing more until activated"
    );
    activate(&mut s, &pid);
    let t2 = poll(&mut s, "wg").expect("second run");
    assert_eq!(t2["attemptId"], "@A_2024-05-01T11:00:00_Attempt=1");
    report(&mut s, &task_id(&t2));
    // Activating while it runs cancels the running objects and runs again.
    s.advance_to(at("2024-05-01T11:10:00"));
    activate(&mut s, &pid);
    assert_eq!(status(&mut s, &pid, "@A_2024-05-01T11:00:00"), "CANCELED");
    assert_eq!(report(&mut s, &task_id(&t2)).1["canceled"], true);
    assert!(poll(&mut s, "wg").is_some(), "third run");
}

#[test]
fn deactivate_with_cancel_active_cancels_running_objects() {
    let objects = simple("2012-12-12T00:00:00", None, &[]);
    let (mut s, pid) = defined("2012-12-12T00:00:00", "d1", objects);
    activate(&mut s, &pid);
    let t = poll(&mut s, "wg").unwrap();
    report(&mut s, &task_id(&t));
    ok(&mut s, "DeactivatePipeline", json!({"pipelineId": pid}));
    assert_eq!(pipeline_state(&mut s, &pid), "INACTIVE");
    assert_eq!(status(&mut s, &pid, "@A_2012-12-12T00:00:00"), "CANCELED");
    assert_eq!(report(&mut s, &task_id(&t)).1["canceled"], true);
    s.advance_to(at("2012-12-12T05:00:00"));
    assert_eq!(
        instances(&mut s, &pid).len(),
        1,
        "no new instances while inactive"
    );
    // Reactivation resumes from the next interval (within the one-day rule).
    activate(&mut s, &pid);
    assert_eq!(pipeline_state(&mut s, &pid), "SCHEDULED");
    assert!(instances(&mut s, &pid).len() > 1);
}

#[test]
fn deactivate_without_cancel_active_lets_running_objects_finish() {
    let objects = simple("2012-12-12T00:00:00", None, &[]);
    let (mut s, pid) = defined("2012-12-12T00:00:00", "d2", objects);
    activate(&mut s, &pid);
    let t = poll(&mut s, "wg").unwrap();
    report(&mut s, &task_id(&t));
    ok(
        &mut s,
        "DeactivatePipeline",
        json!({"pipelineId": pid, "cancelActive": false}),
    );
    assert_eq!(pipeline_state(&mut s, &pid), "DEACTIVATING");
    assert_eq!(report(&mut s, &task_id(&t)).1["canceled"], false);
    finish(&mut s, &task_id(&t), "FINISHED");
    assert_eq!(status(&mut s, &pid, "@A_2012-12-12T00:00:00"), "FINISHED");
    assert_eq!(pipeline_state(&mut s, &pid), "INACTIVE");
}

#[test]
fn query_objects_selects_instances_like_list_runs() {
    let (mut s, pid) = defined("2024-05-02T03:10:00", "q", hourly(&[]));
    activate(&mut s, &pid);
    let t = poll(&mut s, "wg").unwrap();
    finish(&mut s, &task_id(&t), "FINISHED");
    let q = |sel: serde_json::Value| json!({"pipelineId": pid, "sphere": "INSTANCE", "query": {"selectors": sel}});
    let between = q(json!([{"fieldName": "@scheduledStartTime",
        "operator": {"type": "BETWEEN", "values": ["2024-05-02T01:00:00", "2024-05-02T02:00:00"]}}]));
    let v = ok(&mut s, "QueryObjects", between);
    assert_eq!(
        v["ids"],
        json!(["@A_2024-05-02T01:00:00", "@A_2024-05-02T02:00:00"])
    );
    let finished =
        q(json!([{"fieldName": "@status", "operator": {"type": "EQ", "values": ["FINISHED"]}}]));
    let v = ok(&mut s, "QueryObjects", finished);
    assert_eq!(v["ids"], json!(["@A_2024-05-02T00:00:00"]));
    let by_parent = q(json!([
        {"fieldName": "@componentParent", "operator": {"type": "REF_EQ", "values": ["A"]}},
        {"fieldName": "@scheduledStartTime", "operator": {"type": "GE", "values": ["2024-05-02T03:00:00"]}}
    ]));
    let v = ok(&mut s, "QueryObjects", by_parent);
    assert_eq!(v["ids"], json!(["@A_2024-05-02T03:00:00"]));
    let attempts = ok(
        &mut s,
        "QueryObjects",
        json!({"pipelineId": pid, "sphere": "ATTEMPT"}),
    );
    assert_eq!(
        attempts["ids"].as_array().unwrap().len(),
        2,
        "finished + the next one queued"
    );
}
