//! The local endpoint's integration tests, one binary: HTTP round trips and the load test
//! (`--ignored`).

#[path = "../../../../tests/support/fixtures.rs"]
mod common;
mod durability_costs;
mod http;
mod load;
#[cfg(feature = "relay")]
mod relay;
mod retention;
mod support;
