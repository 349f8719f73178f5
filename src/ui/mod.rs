//! The Leptos front end: app shell, editor, simulator panel and export
//! dialog. Thin: it binds events to commands on the core and renders what
//! the core returns. The only module that touches web-sys, Leptos and the
//! wall clock.

mod deferred;
mod editor;
mod export;
mod files;
mod lazy;
mod shell;
pub mod simulator;
pub mod store;

/// The code view: part of the lazily loaded module in the page (see
/// `lazy`), mounted on its own by the browser tests.
pub use editor::code::CodeView;
pub use shell::App;

/// Entry point of the lazily loaded Simulator and Export areas (bin
/// `pipeline-studio-areas`, see `lazy`).
pub fn start_areas() {
    lazy::guest::start()
}

/// Mount the app on the page body.
pub fn start() {
    mark("ps:start");
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
    mark("ps:mounted");
}

/// A user-timing mark, read by `e2e/perf.mjs` (where a load's time goes).
fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}
