//! Code splitting: the Simulator and Export areas, the editor's code view,
//! and the editor's file work (import, templates other than the sample,
//! auto-layout: the definition formats and rust-sugiyama) live in a second
//! wasm module (bin `pipeline-studio-areas`, built by Trunk beside the app
//! and not loaded with the page), so the first load carries only the shell
//! and what the editor needs to show, select, edit and validate. `host`
//! loads that module the first time one of those parts is wanted; `guest`
//! is its entry point and `requests` its answers to the editor; `bridge` is
//! the interface between them: one message enum each way (revisions, what
//! is shown, the selection and requests to the guest; pulls, commands and
//! answers to the host), the document pulled with its revision only while
//! a guest area is on screen; `assets` finds the content-hashed names the
//! module and its stylesheets are served under.

pub mod assets;
pub mod bridge;
pub mod guest;
pub mod host;
pub mod requests;
