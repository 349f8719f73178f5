//! Idle simulated runners (reference §4): PollForTask long-polls up to
//! 90 s and hands over the first task queued meanwhile; Task Runner sends
//! ReportTaskRunnerHeartbeat about every 15 minutes. With the call log off
//! an idle thread parks (no timer) instead of polling an empty queue
//! again; these tests pin down what must not change with it: a queued task
//! is taken at once, heartbeats keep their interval, the API log lists
//! every poll, and a run that turns the log on later matches one that had
//! it on all along.

use crate::support;
use engine::{RunnerPolicy, RunnerSpec, Service};
use serde_json::json;
use support::*;

const T0: &str = "2020-01-01T00:00:00";

fn runner(threads: u32, poll: i64, work: (i64, i64)) -> RunnerSpec {
    RunnerSpec {
        label: "r1".into(),
        worker_group: "wg".into(),
        hostname: "h1".into(),
        policy: RunnerPolicy {
            threads,
            poll_interval_secs: poll,
            report_interval_secs: 60,
            work_secs_min: work.0,
            work_secs_max: work.1,
            heartbeat_interval_secs: 900,
            ..RunnerPolicy::default()
        },
    }
}

/// `n` activities `A0`.. on a schedule of `period` from `start`.
fn activities(start: &str, period: &str, n: usize) -> Vec<serde_json::Value> {
    let mut objects = vec![
        obj(
            "Default",
            &[("workerGroup", "wg"), ("scheduleType", "cron")],
        ),
        obj(
            "Sched",
            &[
                ("type", "Schedule"),
                ("period", period),
                ("startDateTime", start),
            ],
        ),
    ];
    for k in 0..n {
        objects.push(obj(
            &format!("A{k}"),
            &[
                ("type", "ShellCommandActivity"),
                ("command", "echo hi"),
                ("schedule", "@Sched"),
            ],
        ));
    }
    objects
}

/// When the trace first shows attempt 1 of `instance` RUNNING (handed out).
fn handed_out(s: &Service, pid: &str, instance: &str) -> Option<String> {
    let attempt = format!("{instance}_Attempt=1");
    s.trace()
        .iter()
        .find(|e| {
            s.subject_id(e.pipeline, e.subject) == attempt
                && e.from == Some(engine::state::Status::WaitingForRunner)
        })
        .filter(|e| s.pipeline_position(pid) == Some(e.pipeline))
        .map(|e| engine::clock::format_time(e.at))
}

/// Times of the logged calls of `action`.
fn logged(s: &Service, action: &str) -> Vec<String> {
    s.call_log()
        .iter()
        .filter(|c| c.action == action)
        .map(|c| engine::clock::format_time(c.at))
        .collect()
}

#[test]
fn an_idle_runner_takes_a_task_the_moment_it_is_queued() {
    // Idle for ten hours with the log off, then a task queued at a time
    // that is none of its threads' polling times.
    let mut s = service_at(T0);
    s.add_runner(runner(3, 90, (30, 30)));
    s.advance_to(at("2020-01-01T10:00:00"));
    let pid = create(&mut s, "p");
    put(&mut s, &pid, activities("2020-01-01T10:00:47", "1 day", 1));
    activate(&mut s, &pid);
    s.advance_to(at("2020-01-01T10:10:00"));
    let started = handed_out(&s, &pid, "@A0_2020-01-01T10:00:47");
    assert_eq!(started.as_deref(), Some("2020-01-01T10:00:47"));
    assert_eq!(status(&mut s, &pid, "@A0_2020-01-01T10:00:47"), "FINISHED");
}

#[test]
fn idle_threads_set_no_timers_while_the_call_log_is_off() {
    let mut s = service_at(T0);
    s.add_runner(runner(10, 90, (30, 90)));
    let end = at("2020-01-02T00:00:00");
    let mut steps = 0;
    while s.next_event_time().is_some_and(|t| t <= end) {
        s.step();
        steps += 1;
    }
    // The first polls, then only the heartbeats (every 900 s): 10 threads
    // polling every 90 s would take 9,600 steps.
    assert!(steps <= 24 * 4 + 2, "{steps} steps for an idle day");
    assert_eq!(s.pending_timers(), 1, "only the heartbeat timer is left");
}

#[test]
fn heartbeats_arrive_every_heartbeat_interval_whatever_the_threads_do() {
    // A poll interval of 70 s does not divide 900 s: heartbeats keep their
    // own times, not the threads' wake-ups.
    let mut logged_run = service_at(T0);
    logged_run.set_call_log(true);
    logged_run.add_runner(runner(2, 70, (30, 30)));
    logged_run.advance_to(at("2020-01-01T01:00:00"));
    assert_eq!(
        logged(&logged_run, "ReportTaskRunnerHeartbeat"),
        [
            "2020-01-01T00:00:00",
            "2020-01-01T00:15:00",
            "2020-01-01T00:30:00",
            "2020-01-01T00:45:00",
            "2020-01-01T01:00:00"
        ]
    );
    let mut quiet = service_at(T0);
    quiet.add_runner(runner(2, 70, (30, 30)));
    quiet.advance_to(at("2020-01-01T01:00:00"));
    assert_eq!(
        quiet.runners()[0].last_heartbeat,
        Some(at("2020-01-01T01:00:00"))
    );
}

#[test]
fn the_api_log_lists_every_poll_of_an_idle_runner_at_its_time() {
    let mut s = service_at(T0);
    s.set_call_log(true);
    s.add_runner(runner(2, 90, (30, 30)));
    s.advance_to(at("2020-01-01T00:05:00"));
    let polls = logged(&s, "PollForTask");
    let expected: Vec<String> = (0..=3)
        .flat_map(|k| {
            let t = format!("2020-01-01T00:{:02}:{:02}", k * 90 / 60, k * 90 % 60);
            [t.clone(), t]
        })
        .collect();
    assert_eq!(polls, expected, "two threads, every 90 s");
}

/// A busy run: 4 activities every 30 minutes, 3 threads with random work
/// times (so their polling times drift apart), the pipeline deactivated at
/// 02:00:30 and activated again at 02:20:00; the call log on from
/// `log_from` (None: all along). Returns the service after 06:00.
fn busy_run(log_from: Option<&str>) -> (Service, String) {
    let mut s = service_at(T0);
    s.set_call_log(log_from.is_none());
    let pid = create(&mut s, "p");
    put(&mut s, &pid, activities(T0, "30 minutes", 4));
    activate(&mut s, &pid);
    s.add_runner(runner(3, 90, (30, 700)));
    let mut stops = vec![
        ("2020-01-01T02:00:30", "deactivate"),
        ("2020-01-01T02:20:00", "activate"),
        ("2020-01-01T06:00:00", "end"),
    ];
    if let Some(t) = log_from {
        stops.push((t, "log"));
        stops.sort();
    }
    for (t, what) in stops {
        s.advance_to(at(t));
        match what {
            "deactivate" => {
                ok(
                    &mut s,
                    "DeactivatePipeline",
                    json!({"pipelineId": pid, "cancelActive": false}),
                );
            }
            "activate" => {
                activate(&mut s, &pid);
            }
            "log" => s.set_call_log(true),
            _ => {}
        }
    }
    (s, pid)
}

/// The trace as text, entries of the same time in a fixed order.
fn trace_by_time(s: &Service) -> Vec<String> {
    let mut v: Vec<String> = s.trace().iter().map(|e| format!("{e:?}")).collect();
    v.sort();
    v
}

/// The logged calls from `from` on as text, those of the same time in a
/// fixed order.
fn calls_from(s: &Service, from: &str) -> Vec<String> {
    let from = at(from);
    let mut v: Vec<String> = s
        .call_log()
        .iter()
        .filter(|c| c.at > from)
        .map(|c| {
            format!(
                "{} {} {} {} {}",
                c.at, c.caller, c.action, c.request, c.response
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn a_run_that_turns_the_call_log_on_later_logs_what_a_logged_run_logs() {
    let (all_along, _) = busy_run(None);
    for from in [
        "2020-01-01T01:07:13",
        "2020-01-01T02:10:00",
        "2020-01-01T04:00:00",
    ] {
        let (later, _) = busy_run(Some(from));
        assert_eq!(
            trace_by_time(&later),
            trace_by_time(&all_along),
            "log from {from}"
        );
        let calls = calls_from(&later, from);
        assert!(calls.iter().filter(|c| c.contains("PollForTask {")).count() > 20);
        assert_eq!(calls, calls_from(&all_along, from), "log from {from}");
    }
}

#[test]
fn a_task_left_queued_by_deactivation_is_taken_at_a_poll_after_reactivation() {
    // One thread, two activities of 600 s: A1 waits in the queue while A0
    // runs; the pipeline is deactivated, A0 ends, the thread polls (A1 is
    // not handed out while the pipeline is not SCHEDULED) and idles; after
    // reactivation at 00:20:00 its next poll, on its 90 s rhythm since
    // 00:10:00, takes A1: 00:20:30.
    let run = |log: bool| {
        let mut s = service_at(T0);
        s.set_call_log(log);
        let pid = create(&mut s, "p");
        put(&mut s, &pid, activities(T0, "1 day", 2));
        activate(&mut s, &pid);
        s.add_runner(runner(1, 90, (600, 600)));
        s.advance_to(at("2020-01-01T00:01:00"));
        ok(
            &mut s,
            "DeactivatePipeline",
            json!({"pipelineId": pid, "cancelActive": false}),
        );
        s.advance_to(at("2020-01-01T00:20:00"));
        activate(&mut s, &pid);
        s.advance_to(at("2020-01-01T00:40:00"));
        let first = handed_out(&s, &pid, "@A0_2020-01-01T00:00:00");
        let second = handed_out(&s, &pid, "@A1_2020-01-01T00:00:00");
        (first, second)
    };
    let expected = (
        Some("2020-01-01T00:00:00".to_string()),
        Some("2020-01-01T00:20:30".to_string()),
    );
    assert_eq!(run(true), expected, "call log on");
    assert_eq!(run(false), expected, "call log off");
}
