//! Validation as the service does it: the shared samples validate as the
//! reference says, the seed 003 examples give the seed's exact responses,
//! every catalog type has valid and invalid examples generated from the
//! catalog itself, and the rules of reference §5 and §10 hold.
//!
//! The samples are read from `/work/shared/samples` (override with the
//! `PIPELINE_STUDIO_SAMPLES` environment variable). Property tests: see
//! `props.rs` (`PROPTEST_CASES` sets the number of cases).
#![cfg(not(target_arch = "wasm32"))]

mod generated;
mod json;
mod props;
mod rules;
mod samples;

use model::validate::{Report, Severity};

pub fn errors_of<'a>(r: &'a Report, id: &str) -> Vec<&'a str> {
    r.for_object(id)
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.message.as_str())
        .collect()
}

pub fn assert_error_on(report: &Report, id: &str, key: &str, what: &str) {
    let hit = report
        .for_field(id, key)
        .any(|p| p.severity == Severity::Error && p.message.contains(&format!("'{key}'")));
    assert!(
        hit,
        "{what}: expected an error on {id}.{key}, got {:#?}",
        report.problems
    );
}
