//! Issue 18 item 8, the smaller differences.

use crate::support::*;
use serde_json::json;

const T0: &str = "2012-12-12T00:00:00";

/// `scheduleType timeseries` schedules every object at the end of its
/// interval, data nodes included, not only activities. Developer Guide,
/// dp-concepts-schedules, "Time Series Style vs. Cron Style": "instances
/// are scheduled at the end of each interval"; object reference,
/// scheduleType ("whether the objects in your pipeline definition should
/// be scheduled at the beginning of interval or end of the interval").
#[test]
fn timeseries_data_nodes_wait_for_the_end_of_their_interval() {
    let mut s = service_at(T0);
    let pid = create(&mut s, "p");
    let mut objs = simple(T0, Some("2012-12-12T01:00:00"), &[("input", "@In")]);
    objs[0] = obj(
        "Default",
        &[("workerGroup", "wg"), ("scheduleType", "timeseries")],
    );
    objs.push(obj(
        "In",
        &[
            ("type", "S3DataNode"),
            ("directoryPath", "s3://b/in"),
            ("schedule", "@Sched"),
        ],
    ));
    put(&mut s, &pid, objs);
    activate(&mut s, &pid);
    s.advance_to(at("2012-12-12T00:30:00"));
    assert_eq!(
        status(&mut s, &pid, "@In_2012-12-12T00:00:00"),
        "WAITING_ON_DEPENDENCIES"
    );
    s.advance_to(at("2012-12-12T01:00:00"));
    assert_eq!(status(&mut s, &pid, "@In_2012-12-12T00:00:00"), "FINISHED");
}

/// DeactivatePipeline sets the pipeline DEACTIVATING "until the
/// deactivation process completes" (API Reference, DeactivatePipeline),
/// with the default cancelActive true too: running objects are CANCELED,
/// then the pipeline is INACTIVE.
#[test]
fn deactivate_with_cancel_active_passes_through_deactivating() {
    let mut s = service_at(T0);
    let pid = create(&mut s, "p");
    put(&mut s, &pid, simple(T0, Some("2012-12-12T01:00:00"), &[]));
    activate(&mut s, &pid);
    let t = poll(&mut s, "wg").expect("a task");
    ok(&mut s, "DeactivatePipeline", json!({"pipelineId": pid}));
    assert_eq!(pipeline_state(&mut s, &pid), "INACTIVE");
    assert_eq!(status(&mut s, &pid, "@A_2012-12-12T00:00:00"), "CANCELED");
    let states: Vec<String> = s
        .trace()
        .iter()
        .filter(|e| e.subject == engine::Subject::Pipeline)
        .map(|e| e.to.as_str().to_string())
        .collect();
    assert!(
        states.ends_with(&["DEACTIVATING".to_string(), "INACTIVE".to_string()]),
        "{states:?}"
    );
    // The runner hears canceled.
    let (_, v) = report(&mut s, &task_id(&t));
    assert_ne!(v["canceled"], false, "{v}");
}
