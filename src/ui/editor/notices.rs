//! What the editor shows about links that arrive: a shared link's
//! document, which is looked at without autosave touching the visitor's
//! own saved work until they keep it (or go back to their work), and the
//! place where the lazily loaded module shows an import's notices
//! (`editor::import_notices`: its warnings, a parameter or values file's
//! changes to confirm). Decoding happens in the lazily loaded module
//! (`lazy::requests`); this is only the UI.

use leptos::prelude::*;

use super::actions::replace;
use super::state::EditorState;
use crate::ui::lazy::bridge::Request;
use crate::ui::lazy::host::LazyAreas;
use crate::ui::store::{saved_doc, DocumentStore};
use studio::doc::Doc;

/// The shared link's value in this page's URL fragment, if any.
fn shared_in_url() -> Option<String> {
    let hash = window().location().hash().ok()?;
    crate::export::share::find_in_fragment(&hash).map(str::to_string)
}

/// Drop the fragment (without a reload or a history entry).
fn clear_url_fragment() {
    let Ok(history) = window().history() else {
        return;
    };
    let loc = window().location();
    let url = format!(
        "{}{}",
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    );
    let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
}

/// Open a shared link if the page was opened with one (the lazily loaded
/// module's answers come through `editor::actions::install_remote`). Call once, inside the editor's owner.
pub fn install(store: DocumentStore, lazy: LazyAreas) {
    if let Some(value) = shared_in_url() {
        // Before anything changes: autosave must not write the shared document.
        store.shared_view.set(true);
        lazy.request(Request::OpenShared(value));
    }
}

/// The notices over the canvas.
#[component]
pub fn NoticesView() -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let st = expect_context::<EditorState>();
    let keep = move |_| {
        store.shared_view.set(false);
        clear_url_fragment();
        store
            .status
            .set("Kept the shared pipeline: it is now your saved work".to_string());
    };
    let back = move |_| {
        let mine = saved_doc().unwrap_or_else(studio::templates::sample_doc);
        replace(store, st, "Back to my work", mine);
        store.shared_view.set(false);
        clear_url_fragment();
        store.status.set("Back to your own work".to_string());
    };
    view! {
        <div class="notices">
        {move || store.shared_view.get().then(|| view! {
            <div class="notice share-banner" role="region" aria-label="Shared pipeline" id="share-banner">
                <p>"You are looking at a shared pipeline. Your own work is still saved in this browser and is not changed unless you keep this one."</p>
                <div class="notice-actions">
                    <button class="btn primary" id="share-keep" on:click=keep>"Keep this pipeline"</button>
                    <button class="btn" id="share-back" on:click=back>"Back to my work"</button>
                </div>
            </div>
        })}
        // The lazily loaded module's notices of an import (it mounts
        // them here when it loads).
        <div id="import-notices-root"></div>
        </div>
    }
}

/// A shared link's document, or why it cannot be opened.
pub fn open_shared(store: DocumentStore, st: EditorState, shared: Result<Doc, String>) {
    match shared {
        Ok(doc) => {
            replace(store, st, "Open shared link", doc);
            store.status.set(
                "Opened a shared pipeline: your own work stays saved in this browser until you keep this one"
                    .to_string(),
            );
        }
        Err(why) => {
            store.shared_view.set(false);
            clear_url_fragment();
            store.status.set(why.clone());
            st.import_errors.set(vec![why]);
        }
    }
}
