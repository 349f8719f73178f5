//! The engine benchmark scenario compiled to wasm and run in Chromium
//! (issue 5): prints task attempts per second and the time to fast-forward
//! one simulated year, to compare with the native figures of
//! `cargo bench --bench engine` (see that file's header). Prints figures,
//! asserts only that work was done. Not part of ./scripts/test; run:
//! `cargo test --target wasm32-unknown-unknown --release --test web_engine`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "../crates/engine/tests/it/support/scenario.rs"]
mod scenario;

fn now_ms() -> f64 {
    js_sys::Date::now()
}

#[wasm_bindgen_test]
fn attempts_per_second_in_wasm() {
    let end = scenario::at(scenario::WEEK_END);
    let mut probe = scenario::attempts_service();
    probe.advance_to(end);
    let n = scenario::attempts(&probe);
    assert!(n > 0);
    // `Date.now()` counts whole milliseconds and a week takes a few: each
    // sample times `batch` runs (their services built before the clock).
    let (runs, batch) = (5, 10);
    let mut best = f64::MAX;
    for _ in 0..runs {
        let mut all: Vec<_> = (0..batch).map(|_| scenario::attempts_service()).collect();
        let t0 = now_ms();
        for s in &mut all {
            s.advance_to(end);
        }
        best = best.min((now_ms() - t0) / f64::from(batch));
    }
    let per_sec = n as f64 / (best / 1000.0);
    console_log!(
        "wasm attempts: {n} in {best:.2} ms (best of {runs} batches of {batch}) = {per_sec:.0} attempts/s"
    );
    if let Some(native) = option_env!("NATIVE_ATTEMPTS_PER_SEC").and_then(|v| v.parse::<f64>().ok())
    {
        console_log!(
            "native/wasm ratio: {:.2} (native {native:.0} attempts/s)",
            native / per_sec
        );
    }
}

#[wasm_bindgen_test]
fn simulated_year_in_wasm() {
    let end = scenario::at(scenario::YEAR_END);
    let mut s = scenario::year_service();
    let t0 = now_ms();
    s.advance_to(end);
    let ms = now_ms() - t0;
    let n = scenario::attempts(&s);
    assert!(n >= 350_000);
    console_log!("wasm year: 15-minute schedule x 10 activities, {n} attempts in {ms:.0} ms");
}

#[wasm_bindgen_test]
fn the_apps_year_in_wasm() {
    // The year `e2e/perf-simulator.mjs` runs in the app (call log off, as
    // a fast-forward runs it), the engine alone: the first run grows the
    // wasm memory (as the app's first year does), the second reuses it.
    let end = scenario::at(scenario::APP_YEAR_END);
    for run in ["first", "second"] {
        let mut s = scenario::app_year_service();
        let t0 = now_ms();
        s.advance_to(end);
        let ms = now_ms() - t0;
        let n = scenario::attempts(&s);
        assert!(n >= 350_000);
        console_log!(
            "wasm app-year (e2e/perf-simulator.mjs), {run} run: {n} attempts in {ms:.0} ms"
        );
    }
}
