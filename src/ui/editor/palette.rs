//! The palette: every type of the catalog by category, with a search box.
//! Enter or a click adds the type near the middle of the view; dragging an
//! item onto the canvas adds it where it is dropped.

use leptos::prelude::*;

use super::actions;
use super::canvas::PALETTE_MIME;
use super::nodes::category_icon;
use super::state::EditorState;
use crate::model::catalog;
use crate::ui::store::DocumentStore;

#[component]
pub fn Palette() -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let st = expect_context::<EditorState>();
    let query = RwSignal::new(String::new());
    // Type names and docs are ASCII: ASCII case folding is enough, and
    // leaves out std's Unicode case tables (about 15 KB of wasm).
    let matches = move |name: &str, doc: &str| {
        let q = query.get().to_ascii_lowercase();
        q.is_empty()
            || name.to_ascii_lowercase().contains(&q)
            || doc.to_ascii_lowercase().contains(&q)
    };
    let groups = catalog::categories()
        .iter()
        .map(|c| {
            let c = *c;
            let items = catalog::types_in(c)
                .map(|t| {
                    let name = t.name;
                    let (glyph, class) = category_icon(name);
                    view! {
                        <li hidden=move || !matches(name, t.doc)>
                            <button
                                class="palette-item"
                                data-type=name
                                title=t.doc
                                draggable="true"
                                on:click=move |_| actions::add_object(store, st, name, None)
                                on:dragstart=move |ev: web_sys::DragEvent| {
                                    if let Some(dt) = ev.data_transfer() {
                                        let _ = dt.set_data(PALETTE_MIME, name);
                                        dt.set_effect_allowed("copy");
                                    }
                                }
                            >
                                <span class=format!("glyph {class}") aria-hidden="true">{glyph}</span>
                                <span>{name}</span>
                            </button>
                        </li>
                    }
                })
                .collect_view();
            let any = move || catalog::types_in(c).any(|t| matches(t.name, t.doc));
            view! {
                <section class="palette-group" hidden=move || !any()>
                    <h2>{c.label()}</h2>
                    <ul>{items}</ul>
                </section>
            }
        })
        .collect_view();
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Enter" {
            // Enter in the search box adds the first match.
            let first = catalog::types()
                .find(|t| matches(t.name, t.doc))
                .map(|t| t.name);
            if let Some(name) = first {
                actions::add_object(store, st, name, None);
            }
        }
    };
    view! {
        <aside class="palette" aria-label="Palette">
            <input
                id="palette-search"
                type="search"
                placeholder="Search object types"
                aria-label="Search object types"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
                on:keydown=on_key
            />
            <div class="palette-groups">{groups}</div>
        </aside>
    }
}
