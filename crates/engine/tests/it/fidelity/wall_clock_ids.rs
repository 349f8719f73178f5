//! Objects whose ids carry a time are found by that id when the clock was
//! handed a time with a fraction of a second, as the server's wall clock
//! does (issue 18 item 1). The service's DateTime has whole seconds
//! (botocore service model, `Field.stringValue` of `@scheduledStartTime`;
//! Developer Guide, dp-object-schedule, startAt FIRST_ACTIVATION_DATE_TIME:
//! "the schedule starts at the pipeline's activation time"); DescribeObjects
//! finds any id QueryObjects lists (API Reference, DescribeObjects).

use crate::support::*;
use serde_json::json;

/// A cron schedule starting at FIRST_ACTIVATION_DATE_TIME, activated at a
/// time with milliseconds: DescribeObjects on the task's `@instanceParent`
/// and `attemptId` returns both objects.
#[test]
fn ids_built_from_a_subsecond_activation_time_are_found() {
    let mut s = service_at("2026-12-06T21:30:05");
    let t = s.now() + chrono::Duration::milliseconds(437);
    s.advance_to(t);
    let pid = create(&mut s, "p");
    let objs = vec![
        obj("Default", &[("workerGroup", "wg"), ("schedule", "@Every")]),
        obj(
            "Every",
            &[
                ("type", "Schedule"),
                ("period", "15 minutes"),
                ("startAt", "FIRST_ACTIVATION_DATE_TIME"),
            ],
        ),
        obj(
            "SayHello",
            &[("type", "ShellCommandActivity"), ("command", "echo hello")],
        ),
    ];
    put(&mut s, &pid, objs);
    activate(&mut s, &pid);
    let task = poll(&mut s, "wg").expect("a task");
    let attempt = task["attemptId"].as_str().unwrap().to_string();
    let instance = task["objects"][&attempt]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == "@instanceParent")
        .and_then(|f| f["refValue"].as_str())
        .unwrap()
        .to_string();
    let got = ok(
        &mut s,
        "DescribeObjects",
        json!({"pipelineId": pid, "objectIds": [instance, attempt]}),
    );
    let ids: Vec<&str> = got["pipelineObjects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [instance.as_str(), attempt.as_str()], "{got}");
    // SetStatus and EvaluateExpression find it too.
    let v = ok(
        &mut s,
        "EvaluateExpression",
        json!({"pipelineId": pid, "objectId": instance, "expression": "#{@scheduledStartTime}"}),
    );
    assert_eq!(v["evaluatedExpression"], "2026-12-06T21:30:05");
}
