//! What the lazily loaded module shows in the editor after an import: its
//! warnings to read, and a parameter or values file's changes to confirm
//! (applied as one undo step: the module's store sends the document to the
//! app's store as one `ToHost::Apply`). Mounted into the editor's
//! `#import-notices-root` (`editor::notices`) when the module loads; the
//! first module carries none of it.

use leptos::prelude::*;

use crate::ui::store::DocumentStore;
use studio::doc::Doc;

/// A change waiting for the user's yes.
#[derive(Clone, Debug, PartialEq)]
struct Pending {
    label: String,
    doc: Doc,
    title: String,
    lines: Vec<String>,
}

/// The notices shown (one of each at most).
#[derive(Clone, Copy)]
pub struct ImportNotices {
    notes: RwSignal<Option<(String, Vec<String>)>>,
    pending: RwSignal<Option<Pending>>,
}

impl ImportNotices {
    pub fn new() -> Self {
        ImportNotices {
            notes: RwSignal::new(None),
            pending: RwSignal::new(None),
        }
    }

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
}

impl Default for ImportNotices {
    fn default() -> Self {
        Self::new()
    }
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

/// The import's notices (the store and [`ImportNotices`] from context).
#[component]
pub fn ImportNoticesView() -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let n = expect_context::<ImportNotices>();
    let apply = move |_| {
        if let Some(p) = n.pending.get_untracked() {
            // One undo step labelled `label` (the store says it on the
            // status line, which labels the app's step too).
            store.apply(&p.label, move |d| {
                *d = p.doc;
                Ok(())
            });
        }
        n.pending.set(None);
    };
    view! {
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
    }
}
