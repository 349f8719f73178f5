//! The simulator panel's year fast-forward, natively, through the same
//! plain-Rust code the panel runs (`Session`, the timeline builder, the
//! instance page): the saved run of `e2e/perf-simulator.mjs` (10 activities
//! every 15 minutes, one 10-thread runner) jumped one year in the slices a
//! frame runs, then what the views read when it ends: the timeline (whole,
//! or a slice at a time between the engine's slices as the panel does
//! while it runs), the fitted scene, the first instance page, each
//! component's latest instance.
//! `cargo run -p pipeline-studio-core --profile bench --example sim_year [repeats]`. Prints figures only.
//!
//! Measured 2026-11-27 16:38 UTC, load average 3.3 (2 cores shared with other builds): the year
//! is 2,810,941 trace entries, 351,370 attempts and instances; engine 478-531 ms; the timeline
//! read after the run 168-193 ms (60-68 ns an entry), read after each 200-step slice 199-272 ms
//! (the same timeline); fitted scene 3.1 ms (10 bars); first instance page 2.5-2.7 ms; latest
//! instances < 0.1 ms.

use std::time::Instant;

use studio::simulator::clock::{Jump, Preset, PRESETS};
use studio::simulator::filters::Filter;
use studio::simulator::paging::PAGE_ROWS;
use studio::simulator::session::Session;
use studio::simulator::settings::RunSettings;
use studio::simulator::timeline_build::TimelineBuilder;
use studio::simulator::timeline_view::{scene, Window};

/// The saved run of `e2e/perf-simulator.mjs`.
fn run_file() -> String {
    let mut objects = vec![
        serde_json::json!({"id": "Default", "name": "Default", "workerGroup": "wg", "scheduleType": "cron", "schedule": {"ref": "Every15"}}),
        serde_json::json!({"id": "Every15", "name": "Every 15 minutes", "type": "Schedule", "period": "15 minutes", "startDateTime": "2024-01-01T00:00:00"}),
    ];
    for i in 0..10 {
        objects.push(serde_json::json!({"id": format!("Act{i}"), "name": format!("Act{i}"), "type": "ShellCommandActivity", "command": "true"}));
    }
    let policy = serde_json::json!({
        "threads": 10, "poll_interval_secs": 90, "report_interval_secs": 60, "work_secs_min": 30, "work_secs_max": 90,
        "failure_probability": 0, "crash_probability": 0, "precondition_result": true, "heartbeat_interval_secs": 900,
    });
    serde_json::json!({
        "format": "pipeline-studio-run", "version": 1, "name": "perf-year", "seed": 1,
        "runners": [{"label": "runner-1", "worker_group": "wg", "hostname": "runner-1.local", "policy": policy}],
        "definition": {"objects": objects},
    })
    .to_string()
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn year(read_while_running: bool) -> (Session, TimelineBuilder, f64, f64) {
    let settings = RunSettings::from_file(&run_file()).expect("the run file reads");
    let mut s = Session::start(&settings).expect("it activates");
    let from = s.service.now();
    let year = PRESETS
        .into_iter()
        .find(|p| matches!(p, Preset::Months(_, 12)))
        .expect("a year preset");
    let jump = Jump {
        from,
        to: year.target(from),
    };
    let mut b = TimelineBuilder::default();
    let (mut engine, mut reading) = (0.0, 0.0);
    loop {
        let t = Instant::now();
        let done = s.run_chunk_logged_from(jump.to, jump.log_from(), 200);
        engine += ms(t);
        if read_while_running {
            let t = Instant::now();
            b.update_some(&s.service, &s.pipeline_id, usize::MAX);
            reading += ms(t);
        }
        if done {
            break;
        }
    }
    (s, b, engine, reading)
}

fn main() {
    let repeats: u32 = std::env::args()
        .nth(1)
        .and_then(|r| r.parse().ok())
        .unwrap_or(2);
    for _ in 0..repeats {
        let (mut s, _, engine, _) = year(false);
        let n = s.service.trace().len();
        let t = Instant::now();
        let mut b = TimelineBuilder::default();
        b.update(&s.service, &s.pipeline_id);
        let whole = ms(t);
        let t = Instant::now();
        let sc = scene(&b.timeline, &Window::fit(b.timeline.length, 900.0));
        let fitted = ms(t);
        let t = Instant::now();
        let page = s.instance_page(&Filter::default(), None, PAGE_ROWS);
        let paged = ms(t);
        let t = Instant::now();
        let latest = s.service.latest_instances(&s.pipeline_id);
        let count = s.service.instance_count(&s.pipeline_id);
        let latest_ms = ms(t);
        println!(
            "year: engine {engine:.0} ms, {n} trace entries, {} attempts, {count} instances; \
             timeline read after the run {whole:.0} ms ({:.0} ns/entry), fitted scene {fitted:.1} ms \
             ({} bars); first instance page {paged:.1} ms ({} rows); latest instances {latest_ms:.1} ms ({})",
            b.timeline.attempt_count,
            whole * 1e6 / n as f64,
            sc.bars.len(),
            page.rows.len(),
            latest.len()
        );
        let (s2, b2, engine2, reading2) = year(true);
        println!(
            "read while running (after each 200-step slice): engine {engine2:.0} ms, timeline {reading2:.0} ms; same timeline: {}",
            b2.timeline == b.timeline && s2.service.trace().len() == n
        );
    }
}
