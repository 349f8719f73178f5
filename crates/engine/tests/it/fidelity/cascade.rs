//! `failureAndRerunMode` is read on the consumer (issue 18 item 6).
//! Developer Guide, object reference (every activity, data node and
//! precondition): failureAndRerunMode "Describes consumer node behavior when
//! dependencies fail or are rerun"; dp-manage-cascade-failandrerun,
//! "Cascade-Failure and Backfills" for the warning.

use crate::support::*;
use engine::Service;
use serde_json::{json, Value};

const T0: &str = "2012-12-12T00:00:00";

/// A (producer) and B (consumer of A): the mode is set on one of them only.
fn pair(producer_mode: &str, consumer_mode: &str) -> Vec<Value> {
    vec![
        obj("Default", &[("workerGroup", "wg"), ("maximumRetries", "0")]),
        obj(
            "Sched",
            &[
                ("type", "Schedule"),
                ("period", "1 hour"),
                ("startDateTime", T0),
            ],
        ),
        obj(
            "A",
            &[
                ("type", "ShellCommandActivity"),
                ("command", "a"),
                ("schedule", "@Sched"),
                ("failureAndRerunMode", producer_mode),
            ],
        ),
        obj(
            "B",
            &[
                ("type", "ShellCommandActivity"),
                ("command", "b"),
                ("schedule", "@Sched"),
                ("dependsOn", "@A"),
                ("failureAndRerunMode", consumer_mode),
            ],
        ),
    ]
}

fn fail_a(objs: Vec<Value>) -> (Service, String) {
    let mut s = service_at(T0);
    let pid = create(&mut s, "p");
    put(&mut s, &pid, objs);
    activate(&mut s, &pid);
    let t = poll(&mut s, "wg").expect("A's task");
    finish(&mut s, &task_id(&t), "FAILED");
    (s, pid)
}

/// The consumer's cascade makes it CASCADE_FAILED when its producer fails,
/// though the producer's own mode is none.
#[test]
fn a_consumer_with_cascade_cascade_fails_when_its_producer_fails() {
    let (mut s, pid) = fail_a(pair("none", "cascade"));
    assert_eq!(status(&mut s, &pid, "@A_2012-12-12T00:00:00"), "FAILED");
    assert_eq!(
        status(&mut s, &pid, "@B_2012-12-12T00:00:00"),
        "CASCADE_FAILED"
    );
}

/// A consumer with mode none keeps waiting, though the failed producer's
/// mode is cascade.
#[test]
fn a_consumer_with_none_waits_although_its_producer_cascades() {
    let (mut s, pid) = fail_a(pair("cascade", "none"));
    assert_eq!(
        status(&mut s, &pid, "@B_2012-12-12T00:00:00"),
        "WAITING_ON_DEPENDENCIES"
    );
}

/// Saving an object with cascade whose schedule starts in the past (a
/// backfill) answers the documented warning.
#[test]
fn cascade_with_a_backfill_warns_on_save() {
    let mut s = service_at("2012-12-12T06:00:00");
    let pid = create(&mut s, "p");
    let out = ok(
        &mut s,
        "PutPipelineDefinition",
        json!({"pipelineId": pid, "pipelineObjects": pair("none", "cascade")}),
    );
    assert_eq!(out["errored"], false);
    let warnings = out["validationWarnings"].to_string();
    assert!(
        warnings.contains(
            "B has 'failureAndRerunMode' field set to 'cascade' and you are about to create a backfill with scheduleStartTime 2012-12-12T00:00:00"
        ),
        "{out}"
    );
    assert!(!warnings.contains("\"A\""), "{out}");
    // No backfill, no warning.
    let mut s = service_at(T0);
    let pid = create(&mut s, "p");
    let out = put(&mut s, &pid, pair("none", "cascade"));
    assert!(out.get("validationWarnings").is_none(), "{out}");
}
