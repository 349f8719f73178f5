//! Scenario tests for the lifecycle (reference §3.3–3.4): dependsOn,
//! preconditions, cascade and rerun, PAUSE/RESUME, MARK_FINISHED,
//! lateAfterTimeout with Terminate, resources, simulated runners, explain.

use crate::support;
use engine::{RunnerPolicy, RunnerSpec, Service, ServiceConfig, SetStatusInput};
use serde_json::{json, Value};
use support::*;

const T0: &str = "2012-12-12T00:00:00";
const END: Option<&str> = Some("2012-12-12T01:00:00");

fn chain(mode: &str) -> Vec<Value> {
    vec![
        obj(
            "Default",
            &[
                ("workerGroup", "wg"),
                ("failureAndRerunMode", mode),
                ("maximumRetries", "0"),
            ],
        ),
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
            ],
        ),
        obj(
            "B",
            &[
                ("type", "ShellCommandActivity"),
                ("command", "b"),
                ("schedule", "@Sched"),
                ("dependsOn", "@A"),
            ],
        ),
        obj(
            "C",
            &[
                ("type", "ShellCommandActivity"),
                ("command", "c"),
                ("schedule", "@Sched"),
                ("dependsOn", "@B"),
            ],
        ),
    ]
}

/// Pipeline `p` created, defined as `objs` and activated on `s`.
fn start_on(mut s: Service, objs: Vec<Value>) -> (Service, String) {
    let pid = create(&mut s, "p");
    put(&mut s, &pid, objs);
    activate(&mut s, &pid);
    (s, pid)
}

/// `start_on` a service at T0.
fn start(objs: Vec<Value>) -> (Service, String) {
    start_on(service_at(T0), objs)
}

/// An hourly `Sched` from T0 to END: one interval.
fn one_hour() -> Value {
    obj(
        "Sched",
        &[
            ("type", "Schedule"),
            ("period", "1 hour"),
            ("startDateTime", T0),
            ("endDateTime", "2012-12-12T01:00:00"),
        ],
    )
}

/// `one_hour`, an Ec2Resource `Ec2` on it (with `extra` fields) and a
/// ShellCommandActivity `A` that runs on it.
fn on_ec2(extra: &[(&str, &str)]) -> Vec<Value> {
    let mut ec2 = vec![
        ("type", "Ec2Resource"),
        ("schedule", "@Sched"),
        ("role", "r"),
        ("resourceRole", "rr"),
    ];
    ec2.extend_from_slice(extra);
    vec![
        one_hour(),
        obj("Ec2", &ec2),
        obj(
            "A",
            &[
                ("type", "ShellCommandActivity"),
                ("command", "x"),
                ("schedule", "@Sched"),
                ("runsOn", "@Ec2"),
            ],
        ),
    ]
}

fn run_next(s: &mut Service, verdict: &str) -> String {
    let t = poll(s, "wg").expect("a task");
    finish(s, &task_id(&t), verdict);
    t["attemptId"].as_str().unwrap().to_string()
}

#[test]
fn a_depends_on_chain_runs_in_order() {
    let (mut s, pid) = start(chain("none"));
    assert_eq!(
        status(&mut s, &pid, "@B_2012-12-12T00:00:00"),
        "WAITING_ON_DEPENDENCIES"
    );
    assert_eq!(
        field(&mut s, &pid, "@B_2012-12-12T00:00:00", "@waitingOn").as_deref(),
        Some("@A_2012-12-12T00:00:00")
    );
    assert!(run_next(&mut s, "FINISHED").starts_with("@A_"));
    assert!(run_next(&mut s, "FINISHED").starts_with("@B_"));
    assert!(run_next(&mut s, "FINISHED").starts_with("@C_"));
    assert!(poll(&mut s, "wg").is_none());
    assert_eq!(
        field(&mut s, &pid, "@B_2012-12-12T00:00:00", "dependsOn").as_deref(),
        Some("@A_2012-12-12T00:00:00"),
        "reference fields of an instance point to instances"
    );
}

#[test]
fn without_cascade_a_failure_leaves_consumers_waiting() {
    let (mut s, pid) = start(chain("none"));
    run_next(&mut s, "FAILED");
    assert_eq!(status(&mut s, &pid, "@A_2012-12-12T00:00:00"), "FAILED");
    assert_eq!(
        status(&mut s, &pid, "@B_2012-12-12T00:00:00"),
        "WAITING_ON_DEPENDENCIES"
    );
    let expl = s.explain(&pid, "@C_2012-12-12T00:00:00").join("\n");
    assert!(expl.contains("@A_2012-12-12T00:00:00 is FAILED"), "{expl}");
}

#[test]
fn cascade_fails_consumers_and_rerun_brings_them_back() {
    let (mut s, pid) = start(chain("cascade"));
    run_next(&mut s, "FAILED");
    assert_eq!(
        status(&mut s, &pid, "@B_2012-12-12T00:00:00"),
        "CASCADE_FAILED"
    );
    assert_eq!(
        status(&mut s, &pid, "@C_2012-12-12T00:00:00"),
        "CASCADE_FAILED"
    );
    assert_eq!(
        field(&mut s, &pid, "@C_2012-12-12T00:00:00", "@cascadeFailedOn").as_deref(),
        Some("@A_2012-12-12T00:00:00")
    );
    let preview = s
        .preview_set_status(&SetStatusInput::new(
            &pid,
            &["@A_2012-12-12T00:00:00"],
            "RERUN",
        ))
        .unwrap();
    let changed: Vec<&str> = preview.iter().map(|c| c.object_id.as_str()).collect();
    assert!(changed.contains(&"@A_2012-12-12T00:00:00"), "{changed:?}");
    assert!(changed.contains(&"@C_2012-12-12T00:00:00"), "{changed:?}");
    assert_eq!(
        status(&mut s, &pid, "@C_2012-12-12T00:00:00"),
        "CASCADE_FAILED",
        "preview changes nothing"
    );
    ok(
        &mut s,
        "SetStatus",
        json!({"pipelineId": pid, "objectIds": ["@A_2012-12-12T00:00:00"], "status": "rerun"}),
    );
    assert_eq!(
        status(&mut s, &pid, "@B_2012-12-12T00:00:00"),
        "WAITING_ON_DEPENDENCIES"
    );
    assert_eq!(
        run_next(&mut s, "FINISHED"),
        "@A_2012-12-12T00:00:00_Attempt=2"
    );
    run_next(&mut s, "FINISHED");
    run_next(&mut s, "FINISHED");
    assert_eq!(status(&mut s, &pid, "@C_2012-12-12T00:00:00"), "FINISHED");
}

#[test]
fn mark_finished_releases_dependents() {
    let (mut s, pid) = start(chain("none"));
    run_next(&mut s, "FAILED");
    ok(
        &mut s,
        "SetStatus",
        json!({"pipelineId": pid, "objectIds": ["@A_2012-12-12T00:00:00"], "status": "MARK_FINISHED"}),
    );
    assert_eq!(
        status(&mut s, &pid, "@A_2012-12-12T00:00:00"),
        "MARK_FINISHED"
    );
    assert!(run_next(&mut s, "FINISHED").starts_with("@B_"));
}

#[test]
fn set_status_refuses_mixed_spheres_and_wrong_statuses() {
    let (mut s, pid) = start(chain("none"));
    let (st, _) = call(
        &mut s,
        "SetStatus",
        json!({"pipelineId": pid, "objectIds": ["A", "@A_2012-12-12T00:00:00"], "status": "PAUSE"}),
    );
    assert_eq!(st, 400);
    let (st, _) = call(
        &mut s,
        "SetStatus",
        json!({"pipelineId": pid, "objectIds": ["A"], "status": "RERUN"}),
    );
    assert_eq!(st, 400);
}

#[test]
fn pause_holds_new_work_and_resume_releases_it() {
    let (mut s, pid) = start(simple(T0, None, &[]));
    ok(
        &mut s,
        "SetStatus",
        json!({"pipelineId": pid, "objectIds": ["A"], "status": "PAUSE"}),
    );
    assert_eq!(status(&mut s, &pid, "A"), "PAUSED");
    assert_eq!(status(&mut s, &pid, "@A_2012-12-12T00:00:00"), "PAUSED");
    assert!(poll(&mut s, "wg").is_none());
    s.advance_to(at("2012-12-12T01:00:00"));
    assert_eq!(status(&mut s, &pid, "@A_2012-12-12T01:00:00"), "PAUSED");
    ok(
        &mut s,
        "SetStatus",
        json!({"pipelineId": pid, "objectIds": ["A"], "status": "RESUME"}),
    );
    assert_eq!(status(&mut s, &pid, "A"), "SCHEDULED");
    assert!(run_next(&mut s, "FINISHED").starts_with("@A_2012-12-12T00:00:00"));
    assert!(run_next(&mut s, "FINISHED").starts_with("@A_2012-12-12T01:00:00"));
}

#[test]
fn a_precondition_false_then_true_lets_the_activity_run() {
    let mut objs = simple(T0, END, &[("precondition", "@Ready")]);
    objs.push(obj(
        "Ready",
        &[
            ("type", "ShellCommandPrecondition"),
            ("command", "test -f x"),
            ("retryDelay", "5 minutes"),
        ],
    ));
    let (mut s, pid) = start(objs);
    assert_eq!(
        status(&mut s, &pid, "@A_2012-12-12T00:00:00"),
        "WAITING_ON_DEPENDENCIES"
    );
    let t = poll(&mut s, "wg").expect("the precondition goes to the activity's workerGroup");
    assert_eq!(t["attemptId"], "@Ready_2012-12-12T00:00:00_Attempt=1");
    finish(&mut s, &task_id(&t), "FALSE");
    assert!(
        poll(&mut s, "wg").is_none(),
        "checked again after retryDelay"
    );
    s.advance_to(at("2012-12-12T00:05:00"));
    let t = poll(&mut s, "wg").expect("second check");
    finish(&mut s, &task_id(&t), "FINISHED");
    assert_eq!(
        status(&mut s, &pid, "@Ready_2012-12-12T00:00:00"),
        "FINISHED"
    );
    assert!(run_next(&mut s, "FINISHED").starts_with("@A_"));
}

#[test]
fn a_system_precondition_waits_for_its_data() {
    let mut objs = simple(T0, END, &[("precondition", "@Key")]);
    objs.push(obj(
        "Key",
        &[
            ("type", "S3KeyExists"),
            ("s3Key", "s3://b/k"),
            ("role", "r"),
            ("retryDelay", "10 minutes"),
        ],
    ));
    let mut s = service_at(T0);
    s.set_fact("s3://b/k", false);
    let (mut s, pid) = start_on(s, objs);
    assert!(poll(&mut s, "wg").is_none());
    assert_eq!(status(&mut s, &pid, "@Key_2012-12-12T00:00:00"), "RUNNING");
    s.set_fact("s3://b/k", true);
    s.advance_to(at("2012-12-12T00:10:00"));
    assert_eq!(status(&mut s, &pid, "@Key_2012-12-12T00:00:00"), "FINISHED");
    assert!(poll(&mut s, "wg").is_some());
}

#[test]
fn late_after_timeout_with_terminate_cancels_the_late_instance() {
    let mut objs = simple(
        T0,
        END,
        &[
            ("lateAfterTimeout", "30 minutes"),
            ("onLateAction", "@Stop"),
        ],
    );
    objs.push(obj("Stop", &[("type", "Terminate")]));
    let (mut s, pid) = start(objs);
    s.advance_to(at("2012-12-12T00:29:59"));
    assert_eq!(
        status(&mut s, &pid, "@A_2012-12-12T00:00:00"),
        "WAITING_FOR_RUNNER"
    );
    s.advance_to(at("2012-12-12T00:30:00"));
    assert_eq!(status(&mut s, &pid, "@A_2012-12-12T00:00:00"), "CANCELED");
    assert!(poll(&mut s, "wg").is_none());
}

#[test]
fn an_activity_on_a_resource_launches_it_and_its_task_runner_does_the_work() {
    // The default config: a managed Task Runner works on each resource.
    let s = Service::new(ServiceConfig {
        start_time: at(T0),
        ..ServiceConfig::default()
    });
    let mut objs = vec![obj("Default", &[("scheduleType", "cron")])];
    objs.extend(on_ec2(&[]));
    let (mut s, pid) = start_on(s, objs);
    assert_eq!(status(&mut s, &pid, "@Ec2_2012-12-12T00:00:00"), "CREATING");
    s.advance_to(at("2012-12-12T00:05:00"));
    assert_eq!(status(&mut s, &pid, "@Ec2_2012-12-12T00:00:00"), "RUNNING");
    s.advance_to(at("2012-12-12T00:30:00"));
    assert_eq!(status(&mut s, &pid, "@A_2012-12-12T00:00:00"), "FINISHED");
    s.advance_to(at("2012-12-12T02:00:00"));
    assert_eq!(status(&mut s, &pid, "@Ec2_2012-12-12T00:00:00"), "FINISHED");
    assert_eq!(pipeline_state(&mut s, &pid), "FINISHED");
    let runner = &s.runners()[0];
    assert_eq!(runner.spec.worker_group, "@Ec2_2012-12-12T00:00:00");
    let id = runner.taskrunner_id.clone();
    let v = ok(
        &mut s,
        "ReportTaskRunnerHeartbeat",
        json!({"taskrunnerId": id}),
    );
    assert_eq!(
        v["terminate"], true,
        "the resource's Task Runner is told to exit"
    );
}

#[test]
fn simulated_runners_work_a_day_of_hourly_runs() {
    let mut s = service_at(T0);
    s.set_call_log(true);
    let (mut s, pid) = start_on(s, simple(T0, Some("2012-12-13T00:00:00"), &[]));
    s.add_runner(RunnerSpec {
        label: "r1".into(),
        worker_group: "wg".into(),
        hostname: "h1".into(),
        policy: RunnerPolicy::default(),
    });
    s.advance_to(at("2012-12-13T01:00:00"));
    assert_eq!(pipeline_state(&mut s, &pid), "FINISHED");
    assert_eq!(s.runners()[0].tasks_finished, 24);
    assert!(s
        .call_log()
        .iter()
        .any(|c| c.caller == "r1" && c.action == "PollForTask"));
}

#[test]
fn a_crashed_runner_loses_its_lease_and_another_runner_finishes_the_work() {
    let (mut s, pid) = start(simple(T0, END, &[]));
    let slow = RunnerPolicy {
        threads: 1,
        work_secs_min: 3600,
        work_secs_max: 3600,
        ..RunnerPolicy::default()
    };
    let r2 = s.add_runner(RunnerSpec {
        label: "r2".into(),
        worker_group: "wg".into(),
        hostname: "h2".into(),
        policy: slow,
    });
    s.advance_to(at("2012-12-12T00:10:00"));
    s.crash_runner(r2);
    s.add_runner(RunnerSpec {
        label: "r3".into(),
        worker_group: "wg".into(),
        hostname: "h3".into(),
        policy: RunnerPolicy::default(),
    });
    s.advance_to(at("2012-12-12T01:00:00"));
    assert_eq!(status(&mut s, &pid, "@A_2012-12-12T00:00:00"), "FINISHED");
    let expl = s
        .explain(&pid, "@A_2012-12-12T00:00:00_Attempt=1")
        .join("\n");
    assert!(
        expl.contains("lease expired") && expl.contains("r2"),
        "{expl}"
    );
}

#[test]
fn a_saved_service_continues_identically() {
    let (mut a, _) = start(simple(T0, Some("2012-12-12T06:00:00"), &[]));
    a.add_runner(RunnerSpec {
        label: "r".into(),
        worker_group: "wg".into(),
        hostname: "h".into(),
        policy: RunnerPolicy {
            failure_probability: 0.3,
            ..RunnerPolicy::default()
        },
    });
    a.advance_to(at("2012-12-12T02:00:00"));
    let saved = serde_json::to_string(&a).unwrap();
    let mut b: Service = serde_json::from_str(&saved).unwrap();
    a.advance_to(at("2012-12-12T08:00:00"));
    b.advance_to(at("2012-12-12T08:00:00"));
    assert_eq!(a.trace_text(), b.trace_text());
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
}

#[test]
fn a_data_node_output_releases_the_activity_that_reads_it() {
    let objs = vec![
        obj("Default", &[("workerGroup", "wg")]),
        one_hour(),
        obj(
            "Staged",
            &[
                ("type", "S3DataNode"),
                ("directoryPath", "s3://b/staged"),
                ("schedule", "@Sched"),
            ],
        ),
        obj(
            "Extract",
            &[
                ("type", "CopyActivity"),
                ("schedule", "@Sched"),
                ("output", "@Staged"),
            ],
        ),
        obj(
            "Load",
            &[
                ("type", "CopyActivity"),
                ("schedule", "@Sched"),
                ("input", "@Staged"),
            ],
        ),
    ];
    let (mut s, pid) = start(objs);
    let node = "@Staged_2012-12-12T00:00:00";
    assert_eq!(status(&mut s, &pid, node), "WAITING_ON_DEPENDENCIES");
    assert_eq!(
        field(&mut s, &pid, "@Load_2012-12-12T00:00:00", "@waitingOn").as_deref(),
        Some(node)
    );
    let t = poll(&mut s, "wg").expect("Extract runs first");
    assert_eq!(t["attemptId"], "@Extract_2012-12-12T00:00:00_Attempt=1");
    assert!(
        t["objects"].get(node).is_some(),
        "the task carries the output data node"
    );
    assert!(poll(&mut s, "wg").is_none(), "Load waits for its input");
    finish(&mut s, &task_id(&t), "FINISHED");
    assert_eq!(status(&mut s, &pid, node), "FINISHED");
    let t = poll(&mut s, "wg").expect("Load runs next");
    assert_eq!(t["attemptId"], "@Load_2012-12-12T00:00:00_Attempt=1");
}

#[test]
fn terminate_after_times_the_resource_out_and_cancels_its_work() {
    let (mut s, pid) = start(on_ec2(&[("terminateAfter", "20 minutes")]));
    s.advance_to(at("2012-12-12T00:05:00"));
    let queue = "@Ec2_2012-12-12T00:00:00";
    let t = poll(&mut s, queue).expect("a runner may poll by the resource");
    report(&mut s, &task_id(&t));
    s.advance_to(at("2012-12-12T00:15:00"));
    report(&mut s, &task_id(&t));
    s.advance_to(at("2012-12-12T00:25:00"));
    assert_eq!(status(&mut s, &pid, queue), "TIMEDOUT");
    assert_eq!(status(&mut s, &pid, "@A_2012-12-12T00:00:00"), "CANCELED");
    assert_eq!(report(&mut s, &task_id(&t)).1["canceled"], true);
}

#[test]
fn reactivating_with_a_start_timestamp_skips_the_intervals_between() {
    let (mut s, pid) = start(simple(T0, None, &[]));
    ok(&mut s, "DeactivatePipeline", json!({"pipelineId": pid}));
    s.advance_to(at("2012-12-12T05:30:00"));
    let ts = at("2012-12-12T04:00:00").and_utc().timestamp();
    ok(
        &mut s,
        "ActivatePipeline",
        json!({"pipelineId": pid, "startTimestamp": ts}),
    );
    assert_eq!(status(&mut s, &pid, "@A_2012-12-12T01:00:00"), "SKIPPED");
    assert_eq!(status(&mut s, &pid, "@A_2012-12-12T03:00:00"), "SKIPPED");
    assert_eq!(
        status(&mut s, &pid, "@A_2012-12-12T04:00:00"),
        "WAITING_FOR_RUNNER"
    );
    assert_eq!(
        status(&mut s, &pid, "@A_2012-12-12T05:00:00"),
        "WAITING_ON_DEPENDENCIES"
    );
    let expl = s.explain(&pid, "@A_2012-12-12T05:00:00").join("\n");
    assert!(expl.contains("maxActiveInstances"), "{expl}");
}
