//! The simulator's plain-Rust parts: the session over the engine (`session`,
//! with its clock moves and runners), the clock policy (`clock`), instance
//! paging and filters, links between calls and objects, scripted runs,
//! settings, lessons, what-if comparisons, the graph's layout and the
//! timeline model (`timeline_data`, built by `timeline_build`, laid out by
//! `timeline_view`, drawn as SVG by `timeline_svg`). The simulator area's
//! components (`src/ui/simulator`) render what these return.

pub mod clock;
pub mod filters;
pub mod graph_layout;
pub mod lessons;
pub mod links;
pub mod paging;
pub mod script;
pub mod session;
mod session_clock;
pub mod session_runners;
pub mod settings;
#[cfg(test)]
mod test_support;
pub mod timeline_build;
pub mod timeline_data;
mod timeline_lanes;
mod timeline_spans;
mod timeline_strips;
pub mod timeline_svg;
#[cfg(test)]
mod timeline_tests;
pub mod timeline_view;
pub mod whatif;
