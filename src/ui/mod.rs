//! The Leptos front end: app shell, editor, simulator panel and export
//! dialog. Thin: it binds events to commands on the core and renders what
//! the core returns. The only module that touches web-sys, Leptos and the
//! wall clock.

use leptos::prelude::*;

/// Mount the app on the page body.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

#[component]
pub fn App() -> impl IntoView {
    view! { <main id="app">"Pipeline Studio"</main> }
}
