//! Engine benchmarks: task attempts per second through the typed API with
//! simulated runners, and one simulated year of a 15-minute schedule with
//! 10 activities. The scenario is `tests/it/support/scenario.rs`,
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
//! - Allocation and instruction work (2026-11-27 10:51 UTC, load average
//!   3.8-6; instructions counted with `valgrind --tool=callgrind
//!   --toggle-collect='*Service*advance_to*' .../engine_scenario week 1`,
//!   which is repeatable under load; the old binary measured back to back):
//!   - instructions per attempt (week): 19,497 → 10,987 (−44%).
//!   - heap allocations per attempt: week 23.5 → 6.4, year 28.6 → 6.4.
//!   - week, best of 20 wall clock: 302k → 312k attempts/s back to back
//!     at load 3.9; 424k attempts/s at 10:56 (load 3.0). A week run is
//!     20-40 ms, so wall-clock figures swing ±30% with the load; trust the
//!     instruction counts.
//!   - one simulated year, native: 2.34 s → 1.2-1.46 s back to back
//!     (1.06 s = 331k attempts/s at 10:56), peak RSS 377 MB → 370 MB.
//!   - wasm in headless Chromium (`web_engine`, 10:55, two runs): 217k and
//!     249k attempts/s best of 5 (was 122k); year 3.3 s and 4.0 s (was
//!     8.4 s). Native/wasm ≈ 1.7 (424k / 249k, best against best; goal ≤ 2).
//!   - Same traces byte for byte: `TRACE_FINGERPRINT=1 engine_scenario
//!     week|year` prints e8a1eb4fd96eb4d4 / d845813addca8810 before and after.
//!   - done: taskIds kept as their parts (`TaskId`, rendered only when
//!     serialized; no per-task `format!` and parse); PollForTask's workerGroup
//!     and hostname shared with the runner (`Arc<str>`), SetTaskStatus's
//!     status a `Cow`; no String copies of ids in the runner loop; seconds
//!     added without date arithmetic within a day (`model::time::add_seconds`);
//!     instance ids built without `format!`; instances by start in a sorted
//!     list (`StartIndex`, was a BTreeMap); timers set for the current time in
//!     a FIFO beside the heap.
//! - Timer and schedule work (2026-11-27 11:25 UTC, load average 2.7-3.8;
//!   same callgrind command, old binary back to back):
//!   - instructions per attempt, week: 10,987 → 9,571 (timer lanes and
//!     schedule stepping) → 9,258 (lease timer queued lazily), −16% in
//!     all; year (same command with `year 1`): 14,137 → 12,789 → 12,771
//!     (−10%; the lazy lease timer went to the heap first: 13,010, so it
//!     now joins the lease lane when it sorts after its last). Timer heap `pop` 9.1 M → 1.2 M instructions per week
//!     run; schedule arithmetic ~620 → ~35 instructions per attempt.
//!   - heap allocations per attempt: unchanged (6.4 week and year).
//!   - wall clock: week best of 8 307k → 345k attempts/s back to back
//!     after the first step; later runs shared the cores with callgrind
//!     and swung ±30% (trust the instruction counts). Year 1.2-1.7 s.
//!     Peak RSS 370 MB → 378 MB (the attempt record 248 B → 272 B).
//!   - Same traces byte for byte (e8a1eb4fd96eb4d4 / d845813addca8810).
//!   - done: the acknowledgement, lease and schedule/due timers wait in
//!     FIFO lanes beside the heap (`Clock::lanes`; each is set a fixed
//!     delay ahead of a clock that never goes back, so a lane stays in
//!     (time, sequence) order; a timer that would break a lane's order goes
//!     to the heap); a schedule tick steps one period from the interval the
//!     previous tick computed (`Component::next_bounds`,
//!     `ScheduleSpec::interval_from`; months and years still from the
//!     schedule start, so month ends do not drift); the first lease timer
//!     is queued only when the acknowledgement timer fires on a live task
//!     (`Attempt::lease_timer`), with the sequence number taken at the
//!     acknowledgement (`Clock::reserve`), so it fires exactly as before;
//!     most attempts end within the 2 minutes and never queue it.
//!   - tried, no gain: a lane for runner wake-ups (−32 instructions per
//!     attempt in the week run; wake-ups at random work times go to the
//!     heap anyway), not kept.
//!   - next for the timers (~1,200 instructions per attempt left: ~5.2
//!     timers per attempt at ~75 to set and ~160 to pop, mostly the head
//!     scan of five queues): a cheaper ordering key than `NaiveDateTime`
//!     (seconds as one integer) and fewer runner wake-ups.
//! - Runner call path, build and allocator (2026-11-27 13:10-14:20 UTC,
//!   load average 2.5-6; same callgrind command; traces unchanged,
//!   e8a1eb4fd96eb4d4 / d845813addca8810):
//!   - instructions per attempt, week: 9,258 → 8,547 (task object copies
//!     nothing: attemptId rendered on demand, pipelineId an `Arc<str>`) →
//!     ~7,760 (bench profile: fat LTO, one codegen unit) → 7,732 (clock:
//!     soon FIFO as a 4th lane, one push, one order) → 7,626 (attempt
//!     record 272 → 184 B: errors and reported fields in one
//!     `Option<Box<AttemptReport>>`). Year: 12,771 → 12,096 → 10,587 →
//!     10,497. Under mimalloc counts rise (week 8,138: its page set-up),
//!     so compare wall clock there.
//!   - heap allocations per attempt: 6.4 → 2.4 (week and year; left: the
//!     instance id String and the instance's attempts Vec).
//!   - wall clock, old and new binaries alternately, best of 20: week
//!     388-480k → 450-550k attempts/s with LTO (load 3); System →
//!     mimalloc (`engine_scenario` and the server binary only) 187-232k →
//!     376-712k at load 6. All steps, 14:26 at load 3, the binary
//!     before this work and the last one alternately: week 315-444k →
//!     700-937k attempts/s (best of 20); year 1.39-1.41 s → 0.88-1.12 s.
//!   - left, by size: idle threads poll again every `poll_interval_secs`
//!     (2 empty PollForTask calls per attempt in the week run, ~600
//!     instructions each with their wake-up; skipping them would change
//!     heartbeat times and the call log, so it needs care); moves of the
//!     ~180 B PollForTask result (3 memcpy per poll); `settle` and instance
//!     creation (the instance side); `plus` (~50 instructions per date
//!     addition: an i64-seconds clock would make it one add).
//! - Instance record and ids (2026-11-27 14:30 UTC, load average 1.3-4.6;
//!   same callgrind command; old binary back to back):
//!   - instructions per attempt, week: 9,258 → 8,821 (compact record, ids
//!     not stored) → 8,627 (ids rendered from a two-digit table, settle's
//!     empty-queue check inlined, StartIndex appends); year 12,771 →
//!     12,363 → 12,065.
//!   - heap allocations per attempt: 6.4 → 4.5 (week), 4.4 (year).
//!   - instance record 328 B → 128 B (`engine::instance`: links, texts and
//!     resource/precondition state behind one `Option<Box<InstanceMore>>`,
//!     the first attempt inline, the due time a flag); peak RSS of one
//!     simulated year 378 MB → 288 MB.
//!   - wall clock, best of 10 back to back: week 330k → 367k and 468k →
//!     544k attempts/s (two rounds); year 1.36 s → 1.10 s.
//!   - Same traces byte for byte (e8a1eb4fd96eb4d4 / d845813addca8810).
//!   - left: the PollForTask snapshot still renders the instance id into a
//!     String per hand-out (~470 instructions with its allocation; the
//!     template's component id and the scheduled start would do, plus the
//!     `_<n>` of precondition instances), and the attempt id after it.
//! - Idle re-polls (2026-11-27 14:50 UTC, same callgrind command, mimalloc):
//!   queues by number, a runner's empty poll answered without building the
//!   call, `plus` inline within the day, the runner keeps only (taskId,
//!   kind) of its task: per attempt week 7,142 → 6,350, year 9,315 → 8,200;
//!   week best of 20, back to back: 0.99-1.25M vs base 1.08-1.10M, then
//!   781-791k vs base 711-736k attempts/s (load 3.3-4; noisy). A poll
//!   lane in the clock cost more than the heap it saved (left out); left:
//!   `pop_due` (~640 per attempt), `check_pipeline_finished` (~51).
//! - All of the above together (main 588022c, 2026-11-27 15:04 UTC, load
//!   average 1.0-1.4; mimalloc as in every native binary):
//!   - instructions per attempt (callgrind, `advance_to` only): week
//!     9,258 → 6,350, year 12,771 → 8,200; heap allocations per attempt
//!     6.4 → 0.5 (week), 0.4 (year); records: instance 328 → 128 B,
//!     attempt 272 → 184 B.
//!   - `cargo bench --bench engine -- task_attempts` (criterion, 10
//!     samples): mean 8.64 ms per week = **779k attempts/s** (745-815k);
//!     `engine_scenario week 50`, best run: 0.94-1.28M attempts/s across
//!     six tries within four minutes. Goal 1,000,000 attempts/s: reached
//!     by the best runs, not by criterion's mean (about 1.3x short).
//!   - one simulated year, native: 0.78-1.48 s (three runs); peak RSS
//!     509 MB under mimalloc (288 MB with the system allocator after the
//!     record work: mimalloc keeps freed pages of the growing vectors).
//!   - wasm in headless Chromium (`tests/web_engine.rs`, 15:08-15:13):
//!     release profile (opt-level "z") 374k attempts/s, year 2.86 s;
//!     `--profile release-areas` (opt-level 3, the profile the app's
//!     simulator runs in) 396k attempts/s, year 3.2 s (load 3.9). Ratio to
//!     native's best runs 2.1-3.2: the native side gained more (fat LTO,
//!     mimalloc) than wasm, so the ≤ 2 goal met earlier is no longer met.
//!   - left, by size: `pop_due` (~640 instructions per attempt: the head
//!     of four lanes and the heap compared as `NaiveDateTime`; an i64
//!     seconds key), `settle`, the runner's wake-ups.
//! - Idle runners (branch engidle, 2026-11-27 16:43-17:12 UTC; old = 9147afb,
//!   new = aa45100, 36890ec for the last instruction count; binaries built
//!   from both and run back to back): with the call log off an idle runner thread parks (no timer)
//!   until a queued task wakes it or the log is turned on; heartbeats on a
//!   per-runner timer. New scenario `engine_scenario app-year`: the year of
//!   `e2e/perf-simulator.mjs` (10 threads polling every 90 s, work 30-90 s;
//!   ~3.5 million empty wake-ups a year before, for 351,360 attempts).
//!   - instructions per attempt (callgrind, `advance_to` only; load 8):
//!     week 6,349 -> 5,587; app-year 10,945 -> 5,985 -> 5,915 (hostname
//!     checked for `#{` by a byte search first).
//!   - wall clock (16:55 UTC, load average 2.9-4.8, 3 runs twice): app-year
//!     0.35-0.48 s -> 0.20-0.29 s; year 0.28-0.39 s -> 0.25-0.28 s; week
//!     best of 20 2.02M/2.13M -> 2.42M/2.34M attempts/s.
//!   - criterion `task_attempts` (17:00 UTC, load average 2.2-2.6, old and
//!     new alternately): mean 3.45/3.36 ms -> 3.01/2.77 ms per week =
//!     **1.95M/2.00M -> 2.23M/2.43M attempts/s** (goal 1,000,000: met; at
//!     16:57, load 4.6: 1.72M). The last session's 779k was measured on a
//!     busier machine: compare only figures taken together.
//!   - wasm in headless Chromium (`web_engine`, `--profile release-areas`,
//!     17:07-17:12 UTC, load average 5.5-6.0; the week now timed in batches
//!     of 10, `Date.now()` counting whole ms): week 1.16M -> 2.10M
//!     attempts/s, native/wasm 1.71 -> **1.06** (criterion means above;
//!     goal <= 2); year 425 -> 331 ms; app-year, first run in a fresh page
//!     1,161 -> 1,018 ms, second run 485 -> 224 ms.
//!   - in the app (`e2e/perf-simulator.mjs` on `trunk build --release` of
//!     both, 17:23 UTC, load average 3.4-4.9, old and new alternately,
//!     twice): engine run to the year's end 1.27/1.23 s -> 0.77/0.78 s,
//!     views caught up 1.64/1.55 s -> 1.10/1.10 s (goal < 1 s), longest
//!     gap between frames 200-233 ms -> 200 ms.
//!   - traces: week unchanged (e8a1eb4fd96eb4d4); year d845813addca8810 ->
//!     846229c5eed51cad, app-year e21c3e59a649766f -> 468d0e8974405c03:
//!     the same entries at the same times, only the order within a second
//!     differs (two threads finishing in the same second), see aa45100.
//!   - left, by size: the first year in a fresh wasm page costs 0.3-0.8 s
//!     more than the second (546 MB of wasm memory: the trace reaches
//!     135 MB, attempts 65 MB, instances 45 MB, each grown by doubling and
//!     copied). Growing the wasm memory first in one piece (560 MB, 17:29
//!     UTC, load 3.7-4) made the first run slower, 833-906 ms against
//!     566-574 ms (second runs 210-315 ms): the cost is touching fresh
//!     pages and the copies of doubling vectors, not `memory.grow` calls;
//!     fewer bytes touched would help (chunked trace and attempt storage,
//!     smaller trace entries). Natively: `hand_out` (17% of app-year,
//!     inclusive), `settle_queue` (14%), `pop_due` (~690 instructions per
//!     attempt: the head of four lanes and the heap compared as
//!     `NaiveDateTime`).
//! - Memory of a year (branch engmem, 2026-11-27 17:32-18:00 UTC; old =
//!   12d3d80; step 1 = ff1ea25 (trace and notes chunked), step 2 = d433d4d
//!   (instances and attempts too, ~1 MB chunks); binaries of each run
//!   alternately). What held the heap at the end of app-year (old): the
//!   trace, 2,810,941 entries x 48 B in a 4,194,304-entry block (201 MB,
//!   135 MB used); attempts 351,370 x 184 B (block of 524,288: 96 MB);
//!   instances 351,370 x 128 B (67 MB); trace notes 351,370 x 24 B
//!   (13 MB); the components' instance lists 2.6 MB; no call log (off),
//!   no instance or attempt side tables allocated. These four are now
//!   `engine::ChunkedVec`s (chunks of ~1 MB that never move): no copy when
//!   they grow, at most one chunk unused. `engine_scenario` now prints the
//!   heap at the end and at its peak (a counting allocator).
//!   - native heap (year and app-year alike), at the end / at most: 391 /
//!     478 MB -> step 1 321 / 325 MB -> step 2 267 / 267 MB; week 8 / 8 ->
//!     7 / 7 MB. Peak RSS (`/usr/bin/time`, 18:00 UTC, load 1.5, three
//!     times each): year 525 MB -> 321 MB, app-year 544 MB -> 321 MB; wall
//!     year 0.71/0.42/0.25 s -> 0.25/0.25/0.24 s, app-year 0.76/0.26/0.22 s
//!     -> 0.20/0.21/0.21 s (old runs are slower the busier the machine).
//!     Instructions per week attempt (callgrind, `advance_to`): 5,579 ->
//!     5,389 (step 1) -> 5,385 (step 2).
//!   - wasm in headless Chromium (`--profile release-areas`, the `.wasm`
//!     files run alternately with `wasm-bindgen-test-runner --nocapture`),
//!     app-year alone in a fresh page: 17:47 UTC, load 3.6-4.9, old vs
//!     step 1: first run 945/871/810 ms -> 737/760/483 ms, second run
//!     274/303/296 -> 296/264/242 ms; 17:59 UTC, load 1.4-1.6, old / step 1
//!     / step 2: first run 566/537/532 -> 431/459/440 -> 426/456/459 ms,
//!     second run 199/198/202 -> 196/195/197 -> 195/195/197 ms. The whole
//!     file (17:50 UTC, load 3.3-4.3, old vs step 1, twice): year 539/256
//!     -> 244/248 ms, week 2.17M/2.32M -> 2.32M/2.40M attempts/s. Traces
//!     unchanged (week e8a1eb4fd96eb4d4, year 846229c5eed51cad, app-year
//!     468d0e8974405c03).
//!   - left: the first wasm run still costs ~0.25 s more than the second
//!     (267 MB of fresh pages touched once). Next by size: the trace's
//!     48-byte entries (135 MB; u32 seconds from the pipeline's creation
//!     and a packed cause would make ~24 B, but the entry's fields are
//!     public and read by the timeline), attempts' 184 B (65 MB;
//!     `Option<NaiveDateTime>` is 16 B where a u32 offset would do),
//!     instances' 128 B (45 MB).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::time::Duration;

/// The native binaries' allocator (as `engine_scenario` and the server).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../tests/it/support/scenario.rs"]
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
