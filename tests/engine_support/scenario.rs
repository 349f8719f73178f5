//! The engine benchmark scenario, shared by `benches/engine.rs` (native)
//! and `tests/web_engine.rs` (wasm in Chromium): 10 ShellCommandActivity
//! objects on a 15-minute schedule, one workerGroup, one simulated runner,
//! everything through the typed API.
#![allow(dead_code)]

use pipeline_studio::engine::{
    ActivatePipelineInput, CreatePipelineInput, PutPipelineDefinitionInput, RunnerPolicy,
    RunnerSpec, Service, ServiceConfig, WireField, WireObject,
};
use pipeline_studio::model::catalog::{keys, names};
use pipeline_studio::model::time::parse_datetime;

pub const START: &str = "2020-01-01T00:00:00";
/// End of the attempts scenario (one week: 6,720 attempts).
pub const WEEK_END: &str = "2020-01-08T00:00:00";
/// End of the year scenario.
pub const YEAR_END: &str = "2021-01-01T00:00:00";

/// 10 activities on a 15-minute schedule, one workerGroup, one runner with
/// `threads` threads whose tasks take 0..=`work_max` seconds.
pub fn service(work_max: i64, threads: u32) -> Service {
    let mut s = Service::new(ServiceConfig {
        start_time: parse_datetime(START).unwrap(),
        seed: 42,
        ..ServiceConfig::default()
    });
    let pid = s
        .create_pipeline(CreatePipelineInput {
            name: Some("bench".into()),
            unique_id: Some("bench".into()),
            ..Default::default()
        })
        .unwrap()
        .pipeline_id;
    let mut objects = vec![
        WireObject {
            id: names::DEFAULT.into(),
            name: Some(names::DEFAULT.into()),
            fields: vec![WireField::string(keys::WORKER_GROUP, "wg")],
        },
        WireObject {
            id: "Sched".into(),
            name: Some("Sched".into()),
            fields: vec![
                WireField::string(keys::TYPE, names::SCHEDULE),
                WireField::string(keys::PERIOD, "15 minutes"),
                WireField::string(keys::START_DATE_TIME, START),
            ],
        },
    ];
    for n in 0..10 {
        objects.push(WireObject {
            id: format!("A{n}"),
            name: Some(format!("A{n}")),
            fields: vec![
                WireField::string(keys::TYPE, names::SHELL_COMMAND_ACTIVITY),
                WireField::string(keys::COMMAND, "echo hi"),
                WireField::reference(keys::SCHEDULE, "Sched"),
            ],
        });
    }
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
    s.add_runner(RunnerSpec {
        label: "r1".into(),
        worker_group: "wg".into(),
        hostname: "h1".into(),
        policy: RunnerPolicy {
            threads,
            work_secs_min: 0,
            work_secs_max: work_max,
            ..RunnerPolicy::default()
        },
    });
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
