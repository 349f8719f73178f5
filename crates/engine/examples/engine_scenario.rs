//! Runs one engine benchmark scenario once and prints its figure, for
//! `/usr/bin/time -v` (peak memory) and `perf record`, with the heap
//! allocations per attempt and the heap at the end and at its peak (a
//! counting allocator):
//! `cargo build --profile bench --no-default-features --example engine_scenario`
//! then `$CARGO_TARGET_DIR/release/examples/engine_scenario
//! year|week|app-year [repeats]` (the bench profile writes to `release/`;
//! `app-year` is the year of `e2e/perf-simulator.mjs`). `TRACE_FINGERPRINT=1`
//! also prints a hash of the trace, to check that a change keeps it;
//! `TRACE_DUMP=FILE` writes the trace, one entry a line, to diff two builds.
//! `KEEP_DAYS=N` runs it with a retention rule (`engine::retention`) and
//! prints what was forgotten (the heap figures then show what it saves).
//! Heap now (2026-12-07): app-year and year 99.6 MB, week 2.3 MB.
//! Fingerprints now: week e8a1eb4fd96eb4d4, year 846229c5eed51cad,
//! app-year 468d0e8974405c03 (year was d845813addca8810 and app-year
//! e21c3e59a649766f before heartbeats had their own timer: the same
//! entries at the same times, some of one second in another order).

#[path = "../tests/it/support/scenario.rs"]
mod scenario;

use mimalloc::MiMalloc;
use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// mimalloc (the native binaries' allocator), counting allocations (to
/// print them per attempt).
struct Counting;
static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
/// Bytes allocated now and at most (the heap's peak, without the
/// allocator's own overhead).
static LIVE: AtomicU64 = AtomicU64::new(0);
static PEAK: AtomicU64 = AtomicU64::new(0);

fn grew(by: u64) {
    let now = LIVE.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(now, Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        grew(l.size() as u64);
        MiMalloc.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size() as u64, Relaxed);
        MiMalloc.dealloc(p, l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        // A moving realloc holds both blocks for a moment: count the new
        // one before the old one goes.
        grew(n as u64);
        LIVE.fetch_sub(l.size() as u64, Relaxed);
        MiMalloc.realloc(p, l, n)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn main() {
    let which = std::env::args().nth(1).unwrap_or_else(|| "year".into());
    let repeats: u32 = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(1);
    let (make, end): (fn() -> engine::Service, _) = match which.as_str() {
        "week" => (scenario::attempts_service, scenario::WEEK_END),
        "app-year" => (scenario::app_year_service, scenario::APP_YEAR_END),
        _ => (scenario::year_service, scenario::YEAR_END),
    };
    let end = scenario::at(end);
    {
        use engine::state::{Attempt, Instance};
        use std::mem::size_of;
        println!(
            "records: instance {} B, attempt {} B, trace entry {} B (packed), timer {} B",
            size_of::<Instance>(),
            size_of::<Attempt>(),
            engine::trace::Trace::ENTRY_BYTES,
            size_of::<engine::clock::Scheduled>()
        );
    }
    for _ in 0..repeats {
        let mut s = make();
        let keep = std::env::var("KEEP_DAYS").ok().and_then(|d| d.parse().ok());
        s.set_retention(keep.map(|keep_days| engine::retention::RetentionRule { keep_days }));
        PEAK.store(LIVE.load(Relaxed), Relaxed);
        let a0 = ALLOCATIONS.load(Relaxed);
        let t0 = std::time::Instant::now();
        s.advance_to(end);
        let secs = t0.elapsed().as_secs_f64();
        let allocs = ALLOCATIONS.load(Relaxed) - a0;
        let n = scenario::attempts(&s);
        if std::env::var_os("TRACE_FINGERPRINT").is_some() {
            // To check that a change keeps the trace byte for byte.
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            for e in s.trace() {
                format!("{e:?}").hash(&mut h);
            }
            println!(
                "trace: {} entries, fingerprint {:016x}",
                s.trace().len(),
                h.finish()
            );
        }
        if keep.is_some() {
            println!("retention {keep:?} days: forgot {:?}", s.forgotten());
        }
        if let Some(path) = std::env::var_os("TRACE_DUMP") {
            use std::io::Write;
            let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
            for e in s.trace() {
                writeln!(out, "{e:?}").unwrap();
            }
        }
        println!(
            "{which}: {n} attempts in {:.3} s = {:.0} attempts/s, {:.1} allocations per attempt, \
             heap {:.1} MB at the end, {:.1} MB at most",
            secs,
            n as f64 / secs,
            allocs as f64 / n as f64,
            LIVE.load(Relaxed) as f64 / 1e6,
            PEAK.load(Relaxed) as f64 / 1e6
        );
    }
}
