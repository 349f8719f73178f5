//! The editor toolbar: new, templates, import, undo/redo, auto-layout,
//! zoom and fit, hub references toggle, SVG/PNG export, shortcuts help.

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

use super::actions;
use super::files;
use super::state::EditorState;
use crate::ui::lazy::bridge::ImageFormat;
use crate::ui::lazy::host::LazyAreas;
use crate::ui::store::DocumentStore;
use studio::templates;

#[component]
pub fn Toolbar() -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let st = expect_context::<EditorState>();
    let lazy = expect_context::<LazyAreas>();
    let file_input: NodeRef<leptos::html::Input> = NodeRef::new();
    let template_options = templates::MENU
        .into_iter()
        .enumerate()
        .map(|(i, (name, summary))| view! { <option value=i.to_string() title=summary>{name}</option> })
        .collect_view();
    let on_file = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        if let Some(input) = input {
            if let Some(f) = input.files().and_then(|fs| fs.get(0)) {
                files::import_file(store, lazy, f);
            }
            input.set_value("");
        }
    };
    let undo_title = move || {
        store
            .can_undo
            .get()
            .then(|| store.undo_label())
            .flatten()
            .map(|l| format!("Undo: {l} (Ctrl+Z)"))
            .unwrap_or_else(|| "Nothing to undo".into())
    };
    let redo_title = move || {
        store
            .can_redo
            .get()
            .then(|| store.redo_label())
            .flatten()
            .map(|l| format!("Redo: {l} (Ctrl+Shift+Z)"))
            .unwrap_or_else(|| "Nothing to redo".into())
    };
    view! {
        <div class="toolbar editor-toolbar" role="toolbar" aria-label="Editor">
            <button class="btn" id="btn-new" on:click=move |_| actions::new_document(store, st)>"New"</button>
            <select id="template-select" aria-label="Start from a template" on:change=move |ev| {
                if let Ok(i) = event_target_value(&ev).parse::<usize>() { actions::load_template(lazy, i); }
                if let Some(sel) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) { sel.set_value(""); }
            }>
                <option value="">"Templates…"</option>
                {template_options}
            </select>
            <button class="btn" id="btn-import" on:click=move |_| { if let Some(i) = file_input.get_untracked() { i.click(); } }>"Import…"</button>
            <input type="file" id="import-file" class="visually-hidden" accept=".json,.yaml,.yml,.template,application/json,application/yaml" node_ref=file_input on:change=on_file aria-label="Import a definition, parameter or values file, or a CloudFormation template" tabindex="-1" />
            <span class="sep" aria-hidden="true"></span>
            <button class="btn" id="btn-undo" aria-label="Undo" title=undo_title disabled=move || !store.can_undo.get() on:click=move |_| store.undo()>"↶ Undo"</button>
            <button class="btn" id="btn-redo" aria-label="Redo" title=redo_title disabled=move || !store.can_redo.get() on:click=move |_| store.redo()>"↷ Redo"</button>
            <span class="sep" aria-hidden="true"></span>
            <button class="btn" id="btn-layout" title="Arrange left to right by data flow" on:click=move |_| actions::auto_layout(store, lazy)>"Auto-layout"</button>
            <button class="btn" id="btn-fit" title="Fit the drawing in view (F)" on:click=move |_| actions::fit(store, st)>"Fit"</button>
            <button class="btn" id="btn-zoom-out" aria-label="Zoom out" on:click=move |_| actions::zoom(st, 1.0 / 1.25)>"−"</button>
            <span class="zoom" aria-live="polite">{move || format!("{:.0}%", st.viewport.get().k * 100.0)}</span>
            <button class="btn" id="btn-zoom-in" aria-label="Zoom in" on:click=move |_| actions::zoom(st, 1.25)>"+"</button>
            <label class="check" title="Hide parent, schedule and runsOn references">
                <input type="checkbox" id="toggle-hubs" prop:checked=move || st.hide_hubs.get() on:change=move |ev| st.hide_hubs.set(event_target_checked(&ev)) />
                "Hide hub references"
            </label>
            <span class="grow"></span>
            <button class="btn" id="btn-svg" on:click=move |_| files::export_image(st, lazy, ImageFormat::Svg)>"SVG"</button>
            <button class="btn" id="btn-png" on:click=move |_| files::export_image(st, lazy, ImageFormat::Png)>"PNG"</button>
            <button class="btn" id="btn-help" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" on:click=move |_| st.overlay.set(true)>"?"</button>
        </div>
    }
}
