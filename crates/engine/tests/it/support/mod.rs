//! Helpers shared by the engine scenario tests: a service at a known time,
//! wire calls, small definitions in the API shape.
#![allow(dead_code)]

pub mod scenario;

use engine::{Service, ServiceConfig};
use model::time::parse_datetime;
use serde_json::{json, Value};

pub fn at(s: &str) -> chrono::NaiveDateTime {
    parse_datetime(s).expect("test datetime")
}

/// A service whose clock starts at `start`.
pub fn service_at(start: &str) -> Service {
    Service::new(ServiceConfig {
        start_time: at(start),
        managed_runner: None,
        ..ServiceConfig::default()
    })
}

/// One wire call; the body parsed (Null for an empty body).
pub fn call(s: &mut Service, action: &str, body: Value) -> (u16, Value) {
    let (status, text) = s.dispatch(&format!("DataPipeline.{action}"), &body.to_string());
    let v = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).expect("response is JSON")
    };
    (status, v)
}

/// A call that must succeed.
pub fn ok(s: &mut Service, action: &str, body: Value) -> Value {
    let (status, v) = call(s, action, body.clone());
    assert_eq!(status, 200, "{action} {body} -> {v}");
    v
}

pub fn create(s: &mut Service, name: &str) -> String {
    let v = ok(s, "CreatePipeline", json!({"name": name, "uniqueId": name}));
    v["pipelineId"].as_str().expect("pipelineId").to_string()
}

/// An API-shape object: `("key", "value")` strings, `("key", "@Target")` refs.
pub fn obj(id: &str, fields: &[(&str, &str)]) -> Value {
    let fields: Vec<Value> = fields
        .iter()
        .map(|(k, v)| match v.strip_prefix('@') {
            Some(r) => json!({"key": k, "refValue": r}),
            None => json!({"key": k, "stringValue": v}),
        })
        .collect();
    json!({"id": id, "name": id, "fields": fields})
}

pub fn put(s: &mut Service, pid: &str, objects: Vec<Value>) -> Value {
    ok(
        s,
        "PutPipelineDefinition",
        json!({"pipelineId": pid, "pipelineObjects": objects}),
    )
}

pub fn activate(s: &mut Service, pid: &str) -> Value {
    ok(s, "ActivatePipeline", json!({"pipelineId": pid}))
}

/// Default + hourly Schedule + one ShellCommandActivity `A` on workerGroup `wg`.
pub fn simple(start: &str, end: Option<&str>, extra: &[(&str, &str)]) -> Vec<Value> {
    let mut sched = vec![
        ("type", "Schedule"),
        ("period", "1 hour"),
        ("startDateTime", start),
    ];
    if let Some(e) = end {
        sched.push(("endDateTime", e));
    }
    let mut a = vec![
        ("type", "ShellCommandActivity"),
        ("command", "echo hi"),
        ("schedule", "@Sched"),
    ];
    a.extend_from_slice(extra);
    vec![
        obj(
            "Default",
            &[("workerGroup", "wg"), ("scheduleType", "cron")],
        ),
        obj("Sched", &sched),
        obj("A", &a),
    ]
}

/// Field `key` of object `id` via DescribeObjects.
pub fn field(s: &mut Service, pid: &str, id: &str, key: &str) -> Option<String> {
    let v = ok(
        s,
        "DescribeObjects",
        json!({"pipelineId": pid, "objectIds": [id]}),
    );
    v["pipelineObjects"][0]["fields"]
        .as_array()?
        .iter()
        .find(|f| f["key"] == key)
        .and_then(|f| f["stringValue"].as_str().or(f["refValue"].as_str()))
        .map(str::to_string)
}

pub fn status(s: &mut Service, pid: &str, id: &str) -> String {
    field(s, pid, id, "@status").unwrap_or_else(|| panic!("no @status on {id}"))
}

pub fn poll(s: &mut Service, wg: &str) -> Option<Value> {
    let v = ok(s, "PollForTask", json!({"workerGroup": wg}));
    let t = v.get("taskObject")?.clone();
    Some(t)
}

pub fn task_id(t: &Value) -> String {
    t["taskId"].as_str().expect("taskId").to_string()
}

pub fn report(s: &mut Service, task: &str) -> (u16, Value) {
    call(s, "ReportTaskProgress", json!({"taskId": task}))
}

pub fn finish(s: &mut Service, task: &str, st: &str) -> (u16, Value) {
    call(
        s,
        "SetTaskStatus",
        json!({"taskId": task, "taskStatus": st}),
    )
}

pub fn pipeline_state(s: &mut Service, pid: &str) -> String {
    let v = ok(s, "DescribePipelines", json!({"pipelineIds": [pid]}));
    v["pipelineDescriptionList"][0]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .find(|f| f["key"] == "@pipelineState")
        .and_then(|f| f["stringValue"].as_str())
        .expect("@pipelineState")
        .to_string()
}

pub fn plus_secs(s: &Service, secs: i64) -> chrono::NaiveDateTime {
    s.now() + chrono::Duration::seconds(secs)
}
