//! The engine benchmark scenarios, shared by `benches/engine.rs` (native),
//! `examples/engine_scenario.rs` and `tests/web_engine.rs` (wasm in
//! Chromium): 10 ShellCommandActivity objects on a 15-minute schedule, one
//! workerGroup, one simulated runner, everything through the typed API.
//! `app_year_service` is the year the app's perf script runs
//! (`e2e/perf-simulator.mjs`, `runFile`).
#![allow(dead_code)]

use engine::{
    ActivatePipelineInput, CreatePipelineInput, PutPipelineDefinitionInput, RunnerPolicy,
    RunnerSpec, Service, ServiceConfig, WireField, WireObject,
};
use model::catalog::{keys, names};
use model::time::parse_datetime;

pub const START: &str = "2020-01-01T00:00:00";
/// End of the attempts scenario (one week: 6,720 attempts).
pub const WEEK_END: &str = "2020-01-08T00:00:00";
/// End of the year scenario.
pub const YEAR_END: &str = "2021-01-01T00:00:00";

/// 10 activities on a 15-minute schedule, one workerGroup, one runner with
/// `threads` threads whose tasks take 0..=`work_max` seconds.
pub fn service(work_max: i64, threads: u32) -> Service {
    let policy = RunnerPolicy {
        threads,
        work_secs_min: 0,
        work_secs_max: work_max,
        ..RunnerPolicy::default()
    };
    let sched = vec![
        WireField::string(keys::TYPE, names::SCHEDULE),
        WireField::string(keys::PERIOD, "15 minutes"),
        WireField::string(keys::START_DATE_TIME, START),
    ];
    let default = vec![WireField::string(keys::WORKER_GROUP, "wg")];
    let activity = vec![
        WireField::string(keys::TYPE, names::SHELL_COMMAND_ACTIVITY),
        WireField::string(keys::COMMAND, "echo hi"),
        WireField::reference(keys::SCHEDULE, "Sched"),
    ];
    let runner = RunnerSpec {
        label: "r1".into(),
        worker_group: "wg".into(),
        hostname: "h1".into(),
        policy,
    };
    build(
        START,
        42,
        ("bench", "bench"),
        default,
        sched,
        activity,
        runner,
    )
}

/// Start of the app's year (`e2e/perf-simulator.mjs`).
pub const APP_START: &str = "2024-01-01T00:00:00";
/// End of the app's year (366 days: 351,360 attempts).
pub const APP_YEAR_END: &str = "2025-01-01T00:00:00";

/// The year the app runs in `e2e/perf-simulator.mjs` (`runFile`): seed 1,
/// the schedule on Default (cron), 10 activities `command: true`, one
/// runner with 10 threads polling every 90 s, reporting every 60 s, work
/// 30..=90 s, heartbeat every 900 s.
pub fn app_year_service() -> Service {
    let policy = RunnerPolicy {
        threads: 10,
        poll_interval_secs: 90,
        report_interval_secs: 60,
        work_secs_min: 30,
        work_secs_max: 90,
        failure_probability: 0.0,
        crash_probability: 0.0,
        precondition_result: true,
        heartbeat_interval_secs: 900,
    };
    let sched = vec![
        WireField::string(keys::TYPE, names::SCHEDULE),
        WireField::string(keys::PERIOD, "15 minutes"),
        WireField::string(keys::START_DATE_TIME, APP_START),
    ];
    let default = vec![
        WireField::string(keys::WORKER_GROUP, "wg"),
        WireField::string(keys::SCHEDULE_TYPE, "cron"),
        WireField::reference(keys::SCHEDULE, "Sched"),
    ];
    let activity = vec![
        WireField::string(keys::TYPE, names::SHELL_COMMAND_ACTIVITY),
        WireField::string(keys::COMMAND, "true"),
    ];
    let runner = RunnerSpec {
        label: "runner-1".into(),
        worker_group: "wg".into(),
        hostname: "runner-1.local".into(),
        policy,
    };
    let names = ("perf-year", "perf-year-1");
    build(APP_START, 1, names, default, sched, activity, runner)
}

/// A service at `start` with `seed`, one pipeline (`name`, `unique_id`)
/// of Default, the Schedule `Sched` and activities `A0`..`A9` with the
/// given fields (the same for each), activated, and `runner` started.
fn build(
    start: &str,
    seed: u64,
    pipeline: (&str, &str),
    default: Vec<WireField>,
    sched: Vec<WireField>,
    activity: Vec<WireField>,
    runner: RunnerSpec,
) -> Service {
    let mut objects = vec![object(names::DEFAULT, default), object("Sched", sched)];
    objects.extend((0..10).map(|n| object(&format!("A{n}"), activity.clone())));
    let mut s = activated(start, seed, pipeline, objects);
    s.add_runner(runner);
    s
}

/// An object in the API shape, named after its id.
pub fn object(id: &str, fields: Vec<WireField>) -> WireObject {
    WireObject {
        id: id.into(),
        name: Some(id.into()),
        fields,
    }
}

/// A service at `start` with `seed` and one pipeline (`name`, `unique_id`)
/// holding `objects`, put and activated through the typed API.
pub fn activated(
    start: &str,
    seed: u64,
    (name, unique_id): (&str, &str),
    objects: Vec<WireObject>,
) -> Service {
    let mut s = Service::new(ServiceConfig {
        start_time: parse_datetime(start).unwrap(),
        seed,
        ..ServiceConfig::default()
    });
    let pid = s
        .create_pipeline(CreatePipelineInput {
            name: Some(name.into()),
            unique_id: Some(unique_id.into()),
            ..Default::default()
        })
        .unwrap()
        .pipeline_id;
    s.put_pipeline_definition(PutPipelineDefinitionInput {
        pipeline_id: Some(pid.clone()),
        pipeline_objects: Some(objects),
        ..Default::default()
    })
    .unwrap();
    s.activate_pipeline(ActivatePipelineInput {
        pipeline_id: Some(pid),
        ..Default::default()
    })
    .unwrap();
    s
}

/// The attempts scenario: instant runner with 2 threads, one week.
pub fn attempts_service() -> Service {
    service(0, 2)
}

/// The year scenario: tasks take up to 5 minutes, 4 threads.
pub fn year_service() -> Service {
    service(300, 4)
}

pub fn at(s: &str) -> chrono::NaiveDateTime {
    parse_datetime(s).unwrap()
}

/// Task attempts the simulated runners completed (SetTaskStatus accepted).
pub fn attempts(s: &Service) -> u64 {
    s.runners()
        .iter()
        .map(|r| r.tasks_finished + r.tasks_failed)
        .sum()
}
