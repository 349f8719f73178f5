//! The story of an instance, an attempt and a runner, told over the wire
//! as the reference's §4 task-runner protocol and §10 decisions describe
//! it: hand-out, acknowledgement, the lease that lapses when progress
//! reports stop, retryDelay, the next runner's attempt.

use super::*;
use crate::{Service, ServiceConfig};
use model::time::parse_datetime;
use serde_json::{json, Value};

const T0: &str = "2024-01-01T00:00:00";
const INSTANCE: &str = "@Hello_2024-01-01T00:00:00";

fn t(s: &str) -> NaiveDateTime {
    parse_datetime(s).unwrap()
}

fn call(s: &mut Service, caller: &str, action: &str, body: Value) -> Value {
    s.set_caller(caller);
    let (status, text) = s.dispatch(&format!("DataPipeline.{action}"), &body.to_string());
    assert_eq!(status, 200, "{action}: {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// A daily Hello on workerGroup `wg`, with `extra` fields on Hello.
pub(crate) fn hello(extra: &[(&str, &str)]) -> (Service, String) {
    let mut s = Service::new(ServiceConfig {
        start_time: t(T0),
        managed_runner: None,
        ..ServiceConfig::default()
    });
    let pid = call(
        &mut s,
        "ui",
        "CreatePipeline",
        json!({"name": "p", "uniqueId": "p"}),
    )["pipelineId"]
        .as_str()
        .unwrap()
        .to_string();
    let f = |k: &str, v: &str| json!({"key": k, "stringValue": v});
    let mut hello = vec![
        f("type", "ShellCommandActivity"),
        f("command", "echo hello"),
        json!({"key": "schedule", "refValue": "Daily"}),
    ];
    hello.extend(extra.iter().map(|(k, v)| f(k, v)));
    let objects = json!([
        {"id": "Default", "name": "Default", "fields": [f("workerGroup", "wg"), f("scheduleType", "cron")]},
        {"id": "Daily", "name": "Daily", "fields": [f("type", "Schedule"), f("period", "1 day"), f("startDateTime", T0)]},
        {"id": "Hello", "name": "Hello", "fields": hello},
    ]);
    call(
        &mut s,
        "ui",
        "PutPipelineDefinition",
        json!({"pipelineId": pid, "pipelineObjects": objects}),
    );
    call(&mut s, "ui", "ActivatePipeline", json!({"pipelineId": pid}));
    (s, pid)
}

fn poll(s: &mut Service, runner: &str) -> Option<String> {
    let v = call(s, runner, "PollForTask", json!({"workerGroup": "wg"}));
    v["taskObject"]["taskId"].as_str().map(str::to_string)
}

fn report(s: &mut Service, runner: &str, task: &str) {
    call(s, runner, "ReportTaskProgress", json!({"taskId": task}));
}

fn finish(s: &mut Service, runner: &str, task: &str) {
    call(
        s,
        runner,
        "SetTaskStatus",
        json!({"taskId": task, "taskStatus": "FINISHED"}),
    );
}

/// runner-1 takes attempt 1, acknowledges, reports at 00:10 and goes
/// silent; runner-2 takes attempt 2 after the retry and finishes it.
pub(crate) fn crashed_runner(extra: &[(&str, &str)]) -> (Service, String) {
    let (mut s, pid) = hello(extra);
    let task = poll(&mut s, "runner-1").expect("attempt 1");
    report(&mut s, "runner-1", &task);
    s.advance_to(t("2024-01-01T00:10:00"));
    report(&mut s, "runner-1", &task);
    s.advance_to(t("2024-01-01T00:40:00"));
    if let Some(task) = poll(&mut s, "runner-2") {
        report(&mut s, "runner-2", &task);
        s.advance_to(t("2024-01-01T00:41:00"));
        finish(&mut s, "runner-2", &task);
    }
    (s, pid)
}

fn moments(story: &Story) -> Vec<Moment> {
    story.steps.iter().map(|s| s.moment).collect()
}

#[test]
fn a_crashed_runners_story_tells_the_lease_the_retry_and_the_second_runner() {
    let (s, pid) = crashed_runner(&[]);
    let story = s.story(&pid, INSTANCE).expect("story");
    assert_eq!(story.title, INSTANCE);
    assert_eq!(
        moments(&story),
        vec![
            Moment::Scheduled,
            Moment::Ready,
            Moment::Queued,
            Moment::HandOut,
            Moment::Acknowledgement,
            Moment::LeaseExpiry,
            Moment::RetryScheduled,
            Moment::Retry,
            Moment::HandOut,
            Moment::Acknowledgement,
            Moment::Finished,
        ]
    );
    let step = |m: Moment, n: usize| {
        story
            .steps
            .iter()
            .filter(|s| s.moment == m)
            .nth(n)
            .unwrap_or_else(|| panic!("{m:?} #{n}"))
    };
    let handout = step(Moment::HandOut, 0);
    assert_eq!(handout.at, t(T0));
    assert_eq!(handout.object, format!("{INSTANCE}_Attempt=1"));
    assert_eq!(
        handout.call,
        Some(StepCall {
            action: "PollForTask",
            caller: "runner-1".into()
        })
    );
    assert!(
        handout.sentence.contains("within 2 minutes"),
        "{}",
        handout.sentence
    );
    assert_eq!(handout.also, vec![(INSTANCE.to_string(), Status::Running)]);
    assert_eq!(handout.rules[0].rule, RuleId::AckTimeout);

    let lease = step(Moment::LeaseExpiry, 0);
    assert_eq!(lease.at, t("2024-01-01T00:25:00"));
    assert_eq!(lease.cause, "timer: lease expired");
    assert!(
        lease.sentence.starts_with(
            "runner-1's last progress report was at 2024-01-01T00:10:00; 15 minutes later"
        ),
        "{}",
        lease.sentence
    );
    let rule = &lease.rules[0];
    assert_eq!(
        rule.text(),
        "reportProgressTimeout: 15 minutes, the default"
    );
    assert_eq!(rule.provenance, "sources conflict");
    assert!(rule.source.contains("§10"), "{}", rule.source);
    assert!(
        rule.decision.is_some_and(|d| d.contains("5 minutes")),
        "{:?}",
        rule.decision
    );

    let retry = step(Moment::RetryScheduled, 0);
    let texts: Vec<String> = retry.rules.iter().map(|r| r.text()).collect();
    assert_eq!(
        texts,
        vec![
            "maximumRetries 2: 2 retries left, the default".to_string(),
            "retryDelay: 10 minutes, the default".to_string()
        ]
    );
    assert!(
        retry.sentence.contains("retry at 2024-01-01T00:35:00"),
        "{}",
        retry.sentence
    );
    let again = step(Moment::Retry, 0);
    assert_eq!(again.at, t("2024-01-01T00:35:00"));
    assert_eq!(
        again.rules[1].text(),
        "maximumRetries 2: one retry left, the default"
    );
    let second = step(Moment::HandOut, 1);
    assert_eq!(second.at, t("2024-01-01T00:40:00"));
    assert_eq!(second.call.as_ref().unwrap().caller, "runner-2");
    let done = step(Moment::Finished, 0);
    assert_eq!(done.at, t("2024-01-01T00:41:00"));
    assert_eq!(done.also, vec![(INSTANCE.to_string(), Status::Finished)]);
    // Every step points at its trace entry.
    for st in &story.steps {
        assert_eq!(s.trace().get(st.trace_index).unwrap().at, st.at);
    }
}

#[test]
fn values_set_in_the_definition_are_told_as_such() {
    let (s, pid) = crashed_runner(&[
        ("maximumRetries", "0"),
        ("reportProgressTimeout", "20 minutes"),
    ]);
    let story = s.story(&pid, INSTANCE).unwrap();
    let lease = story
        .steps
        .iter()
        .find(|s| s.moment == Moment::LeaseExpiry)
        .unwrap();
    assert_eq!(lease.at, t("2024-01-01T00:30:00"));
    assert_eq!(
        lease.rules[0].text(),
        "reportProgressTimeout: 20 minutes, set in the definition"
    );
    let gave_up = story.steps.last().unwrap();
    assert_eq!(gave_up.moment, Moment::GaveUp);
    assert_eq!(gave_up.to, Status::Failed);
    assert_eq!(
        gave_up.rules[0].text(),
        "maximumRetries 0: no retries left, set in the definition"
    );
    assert!(!story.steps.iter().any(|s| s.moment == Moment::Retry));
}

#[test]
fn an_unacknowledged_task_is_reassigned_without_a_retry() {
    let (mut s, pid) = hello(&[]);
    poll(&mut s, "forgetful").expect("task");
    s.advance_to(t("2024-01-01T00:02:00"));
    let task = poll(&mut s, "runner-1").expect("handed out again");
    report(&mut s, "runner-1", &task);
    let story = s.story(&pid, &format!("{INSTANCE}_Attempt=1")).unwrap();
    assert_eq!(
        moments(&story),
        vec![
            Moment::Queued,
            Moment::HandOut,
            Moment::MissedAcknowledgement,
            Moment::Reassignment,
            Moment::Acknowledgement
        ]
    );
    let lapsed = &story.steps[2];
    assert_eq!(lapsed.at, t("2024-01-01T00:02:00"));
    assert_eq!(
        lapsed.rules[0].text(),
        "acknowledgement window: 2 minutes, the default"
    );
    assert!(
        lapsed.sentence.contains("no retry used"),
        "{}",
        lapsed.sentence
    );
    assert!(story.steps[3].sentence.contains("again"));
}

#[test]
fn a_runners_story_holds_its_calls_and_the_lease_it_lost() {
    let (s, pid) = crashed_runner(&[]);
    let story = s.story(&pid, "runner-1").expect("a caller is a runner");
    assert_eq!(story.title, "task runner runner-1");
    assert_eq!(
        moments(&story),
        vec![
            Moment::HandOut,
            Moment::Acknowledgement,
            Moment::LeaseExpiry
        ]
    );
    let two = s.story(&pid, "runner-2").unwrap();
    assert!(!two.steps.iter().any(|s| s.moment == Moment::LeaseExpiry));
    assert!(s.story(&pid, "nobody").is_none());
    assert!(s.story("df-unknown", INSTANCE).is_none());
}

#[test]
fn a_components_story_and_the_pipelines_hold_every_instance() {
    let (mut s, pid) = crashed_runner(&[]);
    s.advance_to(t("2024-01-02T00:00:00"));
    let comp = s.story(&pid, "Hello").unwrap();
    assert!(comp
        .steps
        .iter()
        .any(|s| s.object.starts_with("@Hello_2024-01-02")));
    let all = s.pipeline_story(&pid).unwrap();
    assert_eq!(all.steps.len(), comp.steps.len());
    assert!(all.steps.iter().all(|s| s.component == "Hello"));
}

#[test]
fn moments_have_keys_for_lesson_files() {
    for m in ALL_MOMENTS {
        assert_eq!(Moment::from_key(m.key()), Some(m));
    }
    assert_eq!(Moment::from_key("nonsense"), None);
}

#[test]
fn durations_read_as_words() {
    assert_eq!(words(900), "15 minutes");
    assert_eq!(words(60), "1 minute");
    assert_eq!(words(7200), "2 hours");
    assert_eq!(words(86_400), "1 day");
    assert_eq!(words(90), "90 seconds");
    assert_eq!(words(0), "0 seconds");
}
