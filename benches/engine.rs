//! Engine benchmarks: task attempts per second through the typed API with
//! simulated runners, and one simulated year of a 15-minute schedule with
//! 10 activities. Run: `cargo bench --no-default-features --bench engine`.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use pipeline_studio::engine::{
    ActivatePipelineInput, CreatePipelineInput, PutPipelineDefinitionInput, RunnerPolicy,
    RunnerSpec, Service, ServiceConfig, WireField, WireObject,
};
use pipeline_studio::model::time::parse_datetime;
use std::time::Duration;

const START: &str = "2020-01-01T00:00:00";

/// 10 activities on a 15-minute schedule, one workerGroup, `threads` runner threads.
fn service(work_max: i64, threads: u32) -> Service {
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
            id: "Default".into(),
            name: Some("Default".into()),
            fields: vec![WireField::string("workerGroup", "wg")],
        },
        WireObject {
            id: "Sched".into(),
            name: Some("Sched".into()),
            fields: vec![
                WireField::string("type", "Schedule"),
                WireField::string("period", "15 minutes"),
                WireField::string("startDateTime", START),
            ],
        },
    ];
    for n in 0..10 {
        objects.push(WireObject {
            id: format!("A{n}"),
            name: Some(format!("A{n}")),
            fields: vec![
                WireField::string("type", "ShellCommandActivity"),
                WireField::string("command", "echo hi"),
                WireField::reference("schedule", "Sched"),
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

fn attempts(s: &Service) -> u64 {
    let v = serde_json::to_value(s).unwrap();
    v["pipelines"][0]["attempts"]
        .as_array()
        .map_or(0, |a| a.len() as u64)
}

fn task_attempts(c: &mut Criterion) {
    let end = parse_datetime("2020-01-08T00:00:00").unwrap();
    let mut probe = service(0, 2);
    probe.advance_to(end);
    let n = attempts(&probe);
    let mut g = c.benchmark_group("engine");
    g.throughput(Throughput::Elements(n));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(10));
    g.bench_function("task_attempts_week_10x15min_instant_runner", |b| {
        b.iter_batched(
            || service(0, 2),
            |mut s| {
                s.advance_to(end);
                s
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

fn year(c: &mut Criterion) {
    let end = parse_datetime("2021-01-01T00:00:00").unwrap();
    let mut g = c.benchmark_group("engine");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(30));
    g.bench_function("year_15min_10_activities_runner_1to5min", |b| {
        b.iter_batched(
            || service(300, 4),
            |mut s| {
                s.advance_to(end);
                s
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, task_attempts, year);
criterion_main!(benches);
