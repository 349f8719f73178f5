//! The editor area: palette, canvas, inspector, problems list, code view.
//! Plain-Rust parts (geometry, layout, ops, svg export) are tested natively;
//! components only bind events to them and to the store's commands.

mod canvas;
pub mod geometry;
pub mod layout;
pub mod ops;

pub use canvas::EditorArea;
