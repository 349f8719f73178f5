//! Times the simulator timeline's build from a year's trace (the engine
//! benchmark's year scenario: 10 activities every 15 minutes), natively:
//! the whole trace in one update, then in the slices the browser reads it
//! in after a long fast-forward, then the scene of the fitted year.
//! `cargo run -p pipeline-studio-core --profile bench --example timeline_build [repeats]`.
//! Prints figures only; pass/fail tests are in `timeline_tests`.

#[path = "../../engine/tests/it/support/scenario.rs"]
mod scenario;

use std::time::Instant;

use studio::simulator::timeline_build::TimelineBuilder;
use studio::simulator::timeline_view::{scene, Window};

fn main() {
    let repeats: u32 = std::env::args()
        .nth(1)
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let mut s = scenario::year_service();
    let t0 = Instant::now();
    s.advance_to(scenario::at(scenario::YEAR_END));
    let run = t0.elapsed().as_secs_f64();
    let pid = s
        .list_pipelines(Default::default())
        .map(|l| l.pipeline_id_list[0].id.clone())
        .unwrap_or_default();
    let n = s.trace().len();
    println!("year: {n} trace entries, engine {run:.3} s");
    for _ in 0..repeats {
        let t = Instant::now();
        let mut b = TimelineBuilder::default();
        b.update(&s, &pid);
        let whole = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let mut b2 = TimelineBuilder::default();
        let mut slices = 0;
        while b2.update_some(&s, &pid, 20_000).1 {
            slices += 1;
        }
        let sliced = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let sc = scene(&b.timeline, &Window::fit(b.timeline.length, 900.0));
        let sc_s = t.elapsed().as_secs_f64();
        println!(
            "timeline_build: whole {:.1} ms ({:.0} ns/entry), in {} slices {:.1} ms; {} attempts; fitted scene {:.2} ms ({} bars)",
            whole * 1e3,
            whole * 1e9 / n as f64,
            slices + 1,
            sliced * 1e3,
            b.timeline.attempt_count,
            sc_s * 1e3,
            sc.bars.len()
        );
    }
}
