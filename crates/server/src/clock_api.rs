//! The admin clock API under `/__clock/`: read the virtual time, and move
//! it on by N seconds (running every event due by then).

use super::http::{error_json, respond, App, Resp};
use super::journal::Change;
use super::state::Shared;
use std::sync::Arc;
use std::time::Instant;

fn now_json(now: &str) -> String {
    serde_json::json!({ "now": now }).to_string()
}

pub(super) async fn clock_now(app: &Arc<App>) -> Resp {
    let shared = app.shared.clone();
    let out = tokio::task::spawn_blocking(move || {
        let mut core = shared.lock();
        let t0 = Instant::now();
        let fired = core.catch_up();
        let now = core.now_text();
        let seq = if fired {
            shared.timers_ran(&mut core, t0.elapsed())
        } else {
            Ok(None)
        };
        drop(core);
        if fired {
            shared.wake();
        }
        if let Err(e) = seq.and_then(|s| shared.sync(s)) {
            eprintln!("{e}");
        }
        now
    })
    .await
    .unwrap_or_default();
    respond(200, now_json(&out))
}

/// `{"seconds": N}`: move virtual time N seconds on (in wall mode the
/// anchor shifts), running every event due by then before answering.
pub(super) async fn clock_advance(app: &Arc<App>, body: &[u8]) -> Resp {
    let seconds = serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v.get("seconds").and_then(serde_json::Value::as_f64));
    let Some(seconds) = seconds.filter(|s| s.is_finite() && *s >= 0.0 && *s <= 1e11) else {
        return respond(
            400,
            error_json(
                "InvalidRequestException",
                "Expected {\"seconds\": N} with N >= 0",
            ),
        );
    };
    let shared = app.shared.clone();
    let out = tokio::task::spawn_blocking(move || advance(&shared, seconds)).await;
    match out {
        Ok(Ok(now)) => respond(200, now_json(&now)),
        Ok(Err(e)) => respond(500, error_json("InternalServiceError", &e)),
        Err(_) => respond(
            500,
            error_json("InternalServiceError", "clock handler failed"),
        ),
    }
}

/// Move virtual time `seconds` on (in wall mode the anchor shifts), run
/// every event due by then, journal the move; the new time.
pub(crate) fn advance(shared: &Shared, seconds: f64) -> Result<String, String> {
    let ms = (seconds * 1000.0).round() as i64;
    let mut core = shared.lock();
    if let Some(why) = shared.refusing_changes() {
        return Err(why);
    }
    let t0 = Instant::now();
    match core.anchor.as_mut() {
        Some(anchor) => {
            anchor.virtual_at = anchor
                .virtual_at
                .checked_add_signed(chrono::Duration::milliseconds(ms))
                .unwrap_or(anchor.virtual_at);
            core.catch_up();
        }
        None => {
            let t = core
                .service
                .now()
                .checked_add_signed(chrono::Duration::milliseconds(ms))
                .unwrap_or(chrono::NaiveDateTime::MAX);
            core.advance_to(t);
        }
    }
    let now = core.now_text();
    let change = Change::Clock {
        to: core.service.now(),
        anchor: core.anchor,
    };
    let seq = shared.record(&mut core, change, t0.elapsed());
    drop(core);
    shared.wake();
    seq.and_then(|s| shared.sync(s)).map(|_| now)
}
