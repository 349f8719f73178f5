//! The editor's plain-Rust parts: node geometry and the viewport
//! (`geometry`), placement and the auto-layout (`layout`), the edit
//! operations on a document (`ops`) and the SVG export (`svg_export`). The
//! editor's components (`src/ui/editor`) only bind events to them.

pub mod geometry;
pub mod layout;
pub mod ops;
pub mod svg_export;
