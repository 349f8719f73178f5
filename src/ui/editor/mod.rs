//! The editor area: the canvas of pipeline objects and their references.

mod canvas;
pub mod layout;

pub use canvas::EditorArea;
