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
//! Figures after the throughput work (2026-11-27 08:00 UTC, 2-core machine
//! shared with other builds, load average 2.5-4.5; best of N, so compare
//! only figures taken at the same time). `engine_scenario` also prints heap
//! allocations per attempt and the record sizes.
//! - attempts, native (`engine_scenario week 30`, bench profile): best
//!   251k attempts/s (243-283k across runs), 23.5 allocations per attempt;
//!   the code before this work, same load, same tool: 106-160k/s and ~100
//!   allocations per attempt.
//! - attempts, wasm in headless Chromium (`web_engine`, release = opt-level
//!   "z" + LTO): 122k attempts/s (best of 5; was 48k) → native/wasm ≈ 2.0
//!   (goal ≤ 2). The wasm allocator is slower than glibc's, so every
//!   allocation removed gains more natively than in wasm.
//! - one simulated year (351,360 attempts), native: 2.57 s, peak RSS 456 MB
//!   (`/usr/bin/time -v .../engine_scenario year`; before: 4.0 s / 530 MB at
//!   the same load); wasm: 8.4 s (was 17.6 s).
//! - Trace entries 80 B → 48 B (notes in `Service::notes`, an entry holds
//!   a 4-byte position; `ScheduleTick.k` as u32, so a queued timer is
//!   40 B, was 48 B), 2026-11-27 08:40 UTC, old and new binaries back to
//!   back: one simulated year peak RSS 456 MB → 377 MB, year time 1.4-1.5 s
//!   both (load-dependent; was 2.57 s at a higher load), week best 270k →
//!   332k attempts/s (noisy: 145-330k across runs), allocations per attempt
//!   unchanged (23.5).
//! - Goal 1,000,000 attempts/s not reached (about 4x short natively).
//!   Done: task objects are a snapshot of the attempt plus a per-component
//!   shared template, rendered only when serialized (`task_objects.rs`);
//!   attempt ids and taskIds rendered on demand instead of stored; queue
//!   names and hostnames shared (`Arc<str>`); fixed trace notes not copied.
//!   Next steps, by expected gain: a compact instance record (rare fields —
//!   links, error texts, resource/precondition state — behind one `Box`;
//!   ~330 B → ~120 B); instance ids stored once
//!   compactly (component index + interval start) and rendered on demand;
//!   typed runner requests that borrow (`Cow`) instead of owning Strings.

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
