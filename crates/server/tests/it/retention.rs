//! `--keep-days N` (issue 19, item 4): over HTTP, a finished instance older
//! than the window answers DescribeObjects as an id the pipeline never had
//! and QueryObjects no longer lists it, while recent ones keep their
//! detail; the rule is journaled, so after a kill -9 and a restart the
//! answers are the same. Sources: AWS Data Pipeline Developer Guide,
//! "Viewing Pipeline Instance Details" and "AWS Data Pipeline Limits" (no
//! documented limit on run history: retention is the user's choice, off by
//! default); README, "A local Data Pipeline endpoint".

use crate::support::*;
use serde_json::{json, Value};

/// A 15-minute schedule, an Ec2Resource per interval and 4 activities on
/// it: the service's own Task Runner runs them, so instances finish with
/// no task runner of ours.
fn objects(start: &str) -> Value {
    let mut o = vec![
        json!({"id": "Default", "name": "Default", "fields": [
            {"key": "failureAndRerunMode", "stringValue": "CASCADE"}]}),
        json!({"id": "Sched", "name": "Sched", "fields": [
            {"key": "type", "stringValue": "Schedule"},
            {"key": "period", "stringValue": "15 minutes"},
            {"key": "startDateTime", "stringValue": start}]}),
        json!({"id": "Ec2", "name": "Ec2", "fields": [
            {"key": "type", "stringValue": "Ec2Resource"},
            {"key": "schedule", "refValue": "Sched"},
            {"key": "role", "stringValue": "r"},
            {"key": "resourceRole", "stringValue": "rr"}]}),
    ];
    for n in 0..4 {
        o.push(
            json!({"id": format!("A{n}"), "name": format!("A{n}"), "fields": [
            {"key": "type", "stringValue": "ShellCommandActivity"},
            {"key": "command", "stringValue": "echo hi"},
            {"key": "schedule", "refValue": "Sched"},
            {"key": "runsOn", "refValue": "Ec2"}]}),
        );
    }
    Value::Array(o)
}

fn body(a: &Answer) -> Value {
    serde_json::from_str(&a.body).unwrap_or(Value::Null)
}

/// What a client sees of the history: DescribeObjects of the first, a
/// never-existing and a recent instance, and QueryObjects' first page.
fn seen(c: &mut Conn, pid: &str) -> Vec<(u16, Value)> {
    let mut out = Vec::new();
    for id in [
        "@A0_2020-01-01T00:00:00",
        "@A0_1999-01-01T00:00:00",
        "@A0_2020-01-01T00:00:00_Attempt=1",
        "@A0_2020-01-30T12:00:00",
    ] {
        let a = c.call(
            "DescribeObjects",
            &json!({"pipelineId": pid, "objectIds": [id]}).to_string(),
            "x",
        );
        out.push((a.status, body(&a)));
    }
    let a = c.call(
        "QueryObjects",
        &json!({"pipelineId": pid, "sphere": "INSTANCE", "limit": 3}).to_string(),
        "x",
    );
    out.push((a.status, body(&a)));
    out
}

fn status_of(v: &Value) -> Option<&str> {
    v["pipelineObjects"][0]["fields"]
        .as_array()?
        .iter()
        .find(|f| f["key"] == "@status")?["stringValue"]
        .as_str()
}

#[test]
fn keep_days_forgets_old_finished_instances_and_a_restart_answers_the_same() {
    let dir = std::env::temp_dir().join(format!("ps-retention-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let state = dir.to_string_lossy().into_owned();
    let start = "2020-01-01T00:00:00";
    let args = [
        "--clock",
        "manual",
        "--start",
        start,
        "--state",
        &state,
        "--keep-days",
        "3",
        // Snapshots of the forgotten state are written and read back too.
        "--snapshot-every",
        "2",
    ];
    let mut s = Server::start(&args);
    let mut c = s.connect();
    let a = c.call("CreatePipeline", r#"{"name":"r","uniqueId":"r"}"#, "x");
    let pid = body(&a)["pipelineId"].as_str().unwrap().to_string();
    let put = json!({"pipelineId": pid, "pipelineObjects": objects(start)});
    let a = c.call("PutPipelineDefinition", &put.to_string(), "x");
    assert!(a.body.contains("\"errored\":false"), "{}", a.body);
    let a = c.call(
        "ActivatePipeline",
        &json!({"pipelineId": pid}).to_string(),
        "x",
    );
    assert_eq!(a.status, 200, "{}", a.body);
    let adv = c.send(&plain_request(
        "POST",
        "/__clock/advance",
        &[],
        &json!({ "seconds": 31 * 86_400 }).to_string(),
    ));
    assert_eq!(adv.status, 200, "{}", adv.body);
    let before = seen(&mut c, &pid);
    // The first instance and its attempt answer as an id never seen.
    assert_eq!(
        before[0], before[1],
        "a forgotten instance answers as an unknown id"
    );
    assert_eq!(before[2].0, before[1].0);
    // A recent one keeps its detail.
    assert_eq!(status_of(&before[3].1), Some("FINISHED"), "{:?}", before[3]);
    // QueryObjects starts after the window's edge.
    let ids = before[4].1["ids"].as_array().unwrap();
    assert_eq!(ids.len(), 3, "{:?}", before[4]);
    assert!(
        ids.iter().all(|id| id.as_str().unwrap() > "@A0_2020-01-0"
            && !id.as_str().unwrap().contains("2020-01-01T")),
        "{ids:?}"
    );
    // Let the snapshot after the advance be written, then kill -9 and
    // restart: the snapshot (forgotten blocks and all) and the journal
    // after it give the same answers.
    // Entries: 1 the rule, 2-4 create, put, activate, 5 the advance (a
    // snapshot follows it: every second entry, or sooner when replaying
    // would be slow), 6 this one, replayed after that snapshot.
    let a = c.call(
        "AddTags",
        &json!({"pipelineId": pid, "tags": [{"key": "k", "value": "v"}]}).to_string(),
        "x",
    );
    assert_eq!(a.status, 200, "{}", a.body);
    let snapshot_after_the_advance = || {
        [
            "snapshot-00000000000000000005.json",
            "snapshot-00000000000000000006.json",
        ]
        .iter()
        .any(|f| dir.join(f).is_file())
    };
    let t0 = std::time::Instant::now();
    while !snapshot_after_the_advance() && t0.elapsed() < std::time::Duration::from_secs(60) {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(
        snapshot_after_the_advance(),
        "no snapshot after the advance"
    );
    let _ = s.child.kill();
    let _ = s.child.wait();
    drop(s);
    let s2 = Server::start(&args);
    let mut c2 = s2.connect();
    assert_eq!(
        seen(&mut c2, &pid),
        before,
        "the restart answers differently"
    );
    drop(s2);
    let _ = std::fs::remove_dir_all(&dir);
}
