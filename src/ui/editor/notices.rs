//! What the editor shows about files and links that arrive: the warnings
//! of an import, a parameter or values file's changes to confirm (applied
//! as one undo step), and a shared link's document, which is looked at
//! without autosave touching the visitor's own saved work until they keep
//! it (or go back to their work). Decoding and applying happen in the
//! lazily loaded module (`lazy::requests`); this is only the UI.

use leptos::prelude::*;

use super::actions::replace;
use super::state::EditorState;
use crate::ui::lazy::bridge::Request;
use crate::ui::lazy::host::LazyAreas;
use crate::ui::store::{saved_doc, DocumentStore};
use studio::doc::Doc;

/// A change waiting for the user's yes.
#[derive(Clone, Debug, PartialEq)]
struct Pending {
    label: String,
    doc: Doc,
    title: String,
    lines: Vec<String>,
}

#[derive(Clone, Copy)]
pub struct Notices {
    notes: RwSignal<Option<(String, Vec<String>)>>,
    pending: RwSignal<Option<Pending>>,
}

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
pub fn install(store: DocumentStore, lazy: LazyAreas) -> Notices {
    let n = Notices {
        notes: RwSignal::new(None),
        pending: RwSignal::new(None),
    };
    if let Some(value) = shared_in_url() {
        // Before anything changes: autosave must not write the shared document.
        store.shared_view.set(true);
        lazy.request(Request::OpenShared(value));
    }
    n
}

fn focus_later(id: &'static str) {
    set_timeout(
        move || {
            if let Some(el) = document().get_element_by_id(id) {
                use wasm_bindgen::JsCast;
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        },
        std::time::Duration::from_millis(0),
    );
}

/// The notices over the canvas.
#[component]
pub fn NoticesView(n: Notices) -> impl IntoView {
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
    let apply = move |_| {
        if let Some(p) = n.pending.get_untracked() {
            let label = p.label.clone();
            store.apply(&label, move |d| {
                *d = p.doc;
                Ok(())
            });
            store
                .status
                .set(format!("{label}: one step, undo puts it back"));
        }
        n.pending.set(None);
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
        {move || n.pending.get().map(|p| view! {
            <div class="notice confirm" role="dialog" aria-modal="false" aria-labelledby="confirm-title" id="import-confirm">
                <strong id="confirm-title">{p.title}</strong>
                <ul>{p.lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                <div class="notice-actions">
                    <button class="btn primary" id="confirm-apply" on:click=apply>"Apply"</button>
                    <button class="btn" on:click=move |_| n.pending.set(None)>"Cancel"</button>
                </div>
            </div>
        })}
        {move || n.notes.get().map(|(title, lines)| view! {
            <div class="notice notes" role="status" id="import-notes">
                <strong>{title}</strong>
                <ul>{lines.into_iter().take(12).map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                <button class="btn ghost" on:click=move |_| n.notes.set(None)>"Dismiss"</button>
            </div>
        })}
        </div>
    }
}

impl Notices {
    /// An import's warnings, to read.
    pub fn show_notes(&self, title: String, lines: Vec<String>) {
        self.notes.set(Some((title, lines)));
    }

    /// A parameter or values file's changes, applied on the user's yes.
    pub fn confirm(&self, label: String, doc: Doc, title: String, lines: Vec<String>) {
        self.notes.set(None);
        self.pending.set(Some(Pending {
            label,
            doc,
            title,
            lines,
        }));
        focus_later("confirm-apply");
    }

    /// A shared link's document, or why it cannot be opened.
    pub fn open_shared(&self, store: DocumentStore, st: EditorState, shared: Result<Doc, String>) {
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
}
