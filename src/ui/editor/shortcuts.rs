//! Keyboard shortcuts (one window listener, idle while typing in a field)
//! and the `?` overlay that lists them.

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

use super::actions;
use super::state::EditorState;
use crate::ui::store::DocumentStore;
use studio::editor::geometry::GRID;

/// (keys, what they do), shown by the overlay.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl/⌘ Z", "Undo"),
    ("Ctrl/⌘ Shift Z, Ctrl Y", "Redo"),
    (
        "Delete, Backspace",
        "Delete the selection (objects with their incoming references, or the selected reference)",
    ),
    ("Ctrl/⌘ D", "Duplicate the selection"),
    ("Ctrl/⌘ C, Ctrl/⌘ V", "Copy, paste"),
    ("Ctrl/⌘ A", "Select every object"),
    ("Arrows (Shift: ×4)", "Nudge the selection"),
    (
        "Shift-click, Shift-drag",
        "Add to the selection, select with a rectangle",
    ),
    ("Drag a node's right handle", "Connect it to another node"),
    ("Wheel, drag on empty space", "Zoom, pan"),
    ("F", "Fit the drawing in view"),
    ("Escape", "Clear the selection, close this overlay"),
    ("?", "Show these shortcuts"),
];

fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    in_text_field(ev)
}

/// Whether `ev` started in a text field: an input, textarea or select, or
/// editable content. Read from the event's composed path, so a field inside
/// a shadow root (the code editor's) counts, not the shadow root's host.
pub(super) fn in_text_field(ev: &web_sys::Event) -> bool {
    ev.composed_path()
        .get(0)
        .dyn_into::<web_sys::Element>()
        .ok()
        .or_else(|| {
            ev.target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        })
        .map(|el| {
            let tag = el.tag_name().to_ascii_lowercase();
            matches!(tag.as_str(), "input" | "textarea" | "select")
                || el.closest("[contenteditable]").ok().flatten().is_some()
        })
        .unwrap_or(false)
}

fn editor_visible() -> bool {
    document()
        .get_element_by_id("area-editor")
        .map(|el| !el.has_attribute("hidden"))
        .unwrap_or(true)
}

/// Install the window key listener for the editor.
pub fn install(store: DocumentStore, st: EditorState) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if !editor_visible() || typing(&ev) {
            return;
        }
        let cmd = ev.ctrl_key() || ev.meta_key();
        let key = ev.key();
        let step = if ev.shift_key() { GRID * 4.0 } else { GRID };
        let mut handled = true;
        match (cmd, key.as_str()) {
            (true, "z") | (true, "Z") if ev.shift_key() => store.redo(),
            (true, "z") | (true, "Z") => store.undo(),
            (true, "y") => store.redo(),
            (true, "d") | (true, "D") => actions::duplicate(store),
            (true, "a") | (true, "A") => actions::select_all(store),
            (true, "c") => actions::copy(store, st),
            (true, "v") => actions::paste(store, st),
            (false, "Delete") | (false, "Backspace") => actions::delete_selection(store, st),
            (false, "ArrowLeft") => actions::nudge(store, -step, 0.0),
            (false, "ArrowRight") => actions::nudge(store, step, 0.0),
            (false, "ArrowUp") => actions::nudge(store, 0.0, -step),
            (false, "ArrowDown") => actions::nudge(store, 0.0, step),
            (false, "?") => st.overlay.update(|o| *o = !*o),
            (false, "f") | (false, "F") => actions::fit(store, st),
            (false, "Escape") => {
                st.overlay.set(false);
                st.chooser.set(None);
                st.selected_edge.set(None);
                store.selection.set(Default::default());
            }
            _ => handled = false,
        }
        if handled {
            ev.prevent_default();
        }
    });
    on_cleanup(move || handle.remove());
}

#[component]
pub fn ShortcutsOverlay() -> impl IntoView {
    let st = expect_context::<EditorState>();
    let rows = SHORTCUTS
        .iter()
        .map(|(k, what)| view! { <tr><th scope="row"><kbd>{*k}</kbd></th><td>{*what}</td></tr> })
        .collect_view();
    view! {
        <div class="overlay" hidden=move || !st.overlay.get() role="dialog" aria-modal="true" aria-labelledby="shortcuts-title">
            <div class="overlay-card">
                <h2 id="shortcuts-title">"Keyboard shortcuts"</h2>
                <table class="shortcuts">{rows}</table>
                <button class="btn" on:click=move |_| st.overlay.set(false)>"Close"</button>
            </div>
        </div>
    }
}
