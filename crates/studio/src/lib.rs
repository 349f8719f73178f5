//! Pipeline Studio's UI logic that needs no DOM and no Leptos, built and
//! tested natively: the document (`doc`) and its undo (`history`), the
//! templates, the editor's edit operations, geometry, layout and SVG export
//! (`editor`), and the simulator's session over the engine, its clock
//! policy, paging, filters, lessons, what-if runs and the timeline model
//! (`simulator`). The app (`src/ui`) binds these to signals, events and the
//! page; nothing here reads the wall clock or touches web-sys.
//!
//! The core crates are re-exported under the names this code uses.

pub use engine;
pub use model;

pub mod doc;
pub mod editor;
pub mod history;
pub mod simulator;
pub mod templates;
