//! PutPipelineDefinition on an activated pipeline (issue 18 item 2).
//! Developer Guide, "Editing Your Pipeline", Limitations
//! (dp-manage-pipeline-modify-console): after activation "You can't remove
//! an object; You can't change the schedule period of an existing object;
//! You can't add, delete, or modify reference fields in an existing object;
//! You can't reference an existing object in an output field of a new
//! object; You can't change the scheduled start date of an object". Other
//! changes are saved and apply to new runs after the next activation.

use crate::support::*;
use engine::Service;
use serde_json::{json, Value};

const T0: &str = "2012-12-12T00:00:00";

fn active() -> (Service, String, Vec<Value>) {
    let mut s = service_at(T0);
    let pid = create(&mut s, "p");
    let mut objs = simple(T0, Some("2012-12-12T06:00:00"), &[]);
    objs.push(obj(
        "Out",
        &[("type", "S3DataNode"), ("directoryPath", "s3://b/o")],
    ));
    put(&mut s, &pid, objs.clone());
    activate(&mut s, &pid);
    (s, pid, objs)
}

fn put_raw(s: &mut Service, pid: &str, objs: &[Value]) -> Value {
    ok(
        s,
        "PutPipelineDefinition",
        json!({"pipelineId": pid, "pipelineObjects": objs}),
    )
}

fn errors_of(v: &Value, id: &str) -> String {
    v["validationErrors"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["id"] == id)
        .map(|e| e["errors"].to_string())
        .collect()
}

fn set(objs: &mut [Value], id: &str, key: &str, value: Value) {
    let o = objs.iter_mut().find(|o| o["id"] == id).unwrap();
    let fields = o["fields"].as_array_mut().unwrap();
    fields.retain(|f| f["key"] != key);
    if !value.is_null() {
        fields.push(value);
    }
}

#[test]
fn refused_edits_are_validation_errors_and_keep_the_running_definition() {
    let (mut s, pid, objs) = active();
    // Removing an object.
    let fewer: Vec<Value> = objs.iter().filter(|o| o["id"] != "Out").cloned().collect();
    let v = put_raw(&mut s, &pid, &fewer);
    assert_eq!(v["errored"], true, "{v}");
    assert!(errors_of(&v, "Out").contains("cannot be removed"), "{v}");
    // A schedule's period and start.
    let mut changed = objs.clone();
    set(
        &mut changed,
        "Sched",
        "period",
        json!({"key": "period", "stringValue": "2 hours"}),
    );
    set(
        &mut changed,
        "Sched",
        "startDateTime",
        json!({"key": "startDateTime", "stringValue": "2012-12-13T00:00:00"}),
    );
    let v = put_raw(&mut s, &pid, &changed);
    let e = errors_of(&v, "Sched");
    assert!(e.contains("schedule period"), "{v}");
    assert!(e.contains("scheduled start"), "{v}");
    // A reference field added to an existing object.
    let mut changed = objs.clone();
    set(
        &mut changed,
        "A",
        "output",
        json!({"key": "output", "refValue": "Out"}),
    );
    let v = put_raw(&mut s, &pid, &changed);
    assert!(errors_of(&v, "A").contains("reference fields"), "{v}");
    // A new object naming an existing one as its output.
    let mut changed = objs.clone();
    changed.push(obj(
        "B",
        &[
            ("type", "ShellCommandActivity"),
            ("command", "b"),
            ("schedule", "@Sched"),
            ("output", "@Out"),
        ],
    ));
    let v = put_raw(&mut s, &pid, &changed);
    assert!(errors_of(&v, "B").contains("output"), "{v}");
    // None of them was saved.
    let got = ok(&mut s, "GetPipelineDefinition", json!({"pipelineId": pid}));
    let ids: Vec<&str> = got["pipelineObjects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"Out") && !ids.contains(&"B"), "{ids:?}");
    assert!(got.to_string().contains("1 hour"));
}

#[test]
fn allowed_edits_are_saved() {
    let (mut s, pid, objs) = active();
    let mut changed = objs.clone();
    set(
        &mut changed,
        "A",
        "command",
        json!({"key": "command", "stringValue": "echo changed"}),
    );
    changed.push(obj(
        "B",
        &[
            ("type", "ShellCommandActivity"),
            ("command", "b"),
            ("schedule", "@Sched"),
            ("dependsOn", "@A"),
        ],
    ));
    let v = put_raw(&mut s, &pid, &changed);
    assert_eq!(v["errored"], false, "{v}");
    let got = ok(&mut s, "GetPipelineDefinition", json!({"pipelineId": pid}));
    assert!(got.to_string().contains("echo changed"));
}
