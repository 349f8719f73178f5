//! The model crate's integration tests, one binary: the definition, expressions, the two
//! file formats and validation, against the samples in `tests/fixtures/` and the seeds.

#[path = "../../../../tests/support/fixtures.rs"]
mod common;
mod definition_props;
mod expr;
mod formats;
mod formats_props;
mod validate;
