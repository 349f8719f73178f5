//! The export crate's integration tests, one binary: request bodies, SigV4 (AWS's own test
//! suite in `tests/fixtures/`), responses, and a push to local endpoints.

mod cloudformation_lint;
#[path = "../../../../tests/support/fixtures.rs"]
mod common;
mod plan;
mod push_e2e;
mod request;
mod response;
mod sigv4;
