//! Pipeline Studio: design, simulate and export AWS Data Pipeline definitions.
//!
//! The app crate: the browser front end (`ui`, Leptos) over the core crates
//! of the workspace, re-exported here under the names the UI uses. The
//! arrows `ui, server -> engine, export -> model` are crate boundaries
//! (`crates/`), so the compiler enforces them. See ARCHITECTURE.md.

pub use engine;
pub use export;
pub use model;

#[cfg(feature = "ui")]
pub mod ui;
