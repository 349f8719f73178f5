//! Pipeline Studio: design, simulate and export AWS Data Pipeline definitions.
//!
//! Dependencies point one way: `ui -> engine, export -> model`. The core
//! (`model`, `engine`, `export`) is plain Rust: no web-sys, no Leptos, no
//! wall clock, no globals. See ARCHITECTURE.md.

pub mod engine;
pub mod export;
pub mod model;

#[cfg(feature = "ui")]
pub mod ui;

#[cfg(feature = "server")]
pub mod server;
