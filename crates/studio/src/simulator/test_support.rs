//! Scenario helpers for the simulator's unit tests: a session of a
//! fixture definition.

use super::session::Session;

/// A definition whose Extract reports progress less often than its
/// `reportProgressTimeout`: every lease lapses, the retry lapses too, Extract
/// FAILS and Load is CASCADE_FAILED.
pub const LEASE_LAPSE: &str = include_str!("fixtures/lease-lapse.json");

pub fn session(text: &str, seed: u64) -> Session {
    let def = crate::model::formats::parse(text)
        .expect("fixture parses")
        .definition;
    Session::activate(&def, "Fixture", seed).expect("fixture activates")
}

/// A definition whose Extract always outlives its `attemptTimeout`: both
/// tries time out, Extract FAILS and Load is CASCADE_FAILED.
pub const TIMEOUT_FAIL: &str = include_str!("fixtures/timeout-fail.json");
