//! Runs one engine benchmark scenario once and prints its figure, for
//! `/usr/bin/time -v` (peak memory) and `perf record`:
//! `cargo build --profile bench --no-default-features --example engine_scenario`
//! then `/work/target/bench/examples/engine_scenario year|week [repeats]`.

#[path = "../tests/engine_support/scenario.rs"]
mod scenario;

fn main() {
    let which = std::env::args().nth(1).unwrap_or_else(|| "year".into());
    let repeats: u32 = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(1);
    let (make, end): (fn() -> pipeline_studio::engine::Service, _) = match which.as_str() {
        "week" => (scenario::attempts_service, scenario::WEEK_END),
        _ => (scenario::year_service, scenario::YEAR_END),
    };
    let end = scenario::at(end);
    for _ in 0..repeats {
        let mut s = make();
        let t0 = std::time::Instant::now();
        s.advance_to(end);
        let secs = t0.elapsed().as_secs_f64();
        let n = scenario::attempts(&s);
        println!(
            "{which}: {n} attempts in {:.3} s = {:.0} attempts/s",
            secs,
            n as f64 / secs
        );
    }
}
