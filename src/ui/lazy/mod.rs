//! Code splitting: the Simulator and Export areas live in a second wasm
//! module (bin `pipeline-studio-areas`, built by Trunk beside the app and
//! not loaded with the page), so the first load carries only the shell and
//! the editor. `host` loads that module the first time one of those areas
//! is wanted; `guest` is its entry point; `bridge` is the one channel
//! between them: window events carrying JSON, the document going one way
//! and the guest's commands the other.

pub mod bridge;
pub mod guest;
pub mod host;
