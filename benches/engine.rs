//! Engine benchmarks: task attempts per second through the typed API with
//! simulated runners, and one simulated year of a 15-minute schedule with
//! 10 activities. The scenario is `tests/engine_support/scenario.rs`,
//! shared with the wasm run in `tests/web_engine.rs`.
//!
//! Native: `cargo bench --no-default-features --bench engine` (the bench
//! profile is opt-level 3; the release profile is size-optimised for wasm).
//! Wasm in Chromium: `cargo test --target wasm32-unknown-unknown --release
//! --test web_engine` prints attempts/s and the year time there; set
//! `NATIVE_ATTEMPTS_PER_SEC=<figure below>` at compile time to have it
//! print the native/wasm ratio too.
//!
//! Figures: see FIGURES below (filled in when measured).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::time::Duration;

#[path = "../tests/engine_support/scenario.rs"]
mod scenario;

fn task_attempts(c: &mut Criterion) {
    let end = scenario::at(scenario::WEEK_END);
    let mut probe = scenario::attempts_service();
    probe.advance_to(end);
    let n = scenario::attempts(&probe);
    let mut g = c.benchmark_group("engine");
    g.throughput(Throughput::Elements(n));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(10));
    g.bench_function("task_attempts_week_10x15min_instant_runner", |b| {
        b.iter_batched(
            scenario::attempts_service,
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
    let end = scenario::at(scenario::YEAR_END);
    let mut g = c.benchmark_group("engine");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(30));
    g.bench_function("year_15min_10_activities_runner_0to5min", |b| {
        b.iter_batched(
            scenario::year_service,
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
