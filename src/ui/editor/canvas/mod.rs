//! The SVG canvas: one transform group for pan and zoom with keyed nodes
//! and edges, wheel zoom, keyboard focus, palette and file drops. Pointer
//! gestures live in `gestures`; what a gesture moves is drawn in the
//! `drag_layer` above, so the canvas itself stays still while it lasts.

mod drag_layer;
mod gestures;

use leptos::prelude::*;
use leptos::wasm_bindgen::closure::Closure;

use super::actions;
use super::nodes::{EdgeView, NodeView};
use super::state::EditorState;
use crate::ui::store::DocumentStore;
use gestures::Pointer;
use leptos::wasm_bindgen::JsCast;
use studio::editor::geometry::Viewport;
use studio::editor::ops;

use super::state::EdgeId;

pub(crate) fn closest_attr(
    target: Option<web_sys::EventTarget>,
    selector: &str,
    attr: &str,
) -> Option<String> {
    let el: web_sys::Element = target?.dyn_into().ok()?;
    el.closest(selector).ok()??.get_attribute(attr)
}

/// The edge an event happened on, from its `g.edge` data attributes.
pub fn edge_of(target: Option<web_sys::EventTarget>) -> Option<EdgeId> {
    let get = |a: &str| closest_attr(target.clone(), "g.edge", a);
    Some(EdgeId {
        from: get("data-from")?,
        key: get("data-key").unwrap_or_default(),
        to: get("data-to").unwrap_or_default(),
        n: get("data-n").and_then(|n| n.parse().ok()).unwrap_or(0),
    })
}

/// The node an event happened on.
pub fn node_of(target: Option<web_sys::EventTarget>) -> Option<String> {
    closest_attr(target, "g.node", "data-id")
}

/// Below this zoom, node texts and edge labels are not drawn.
pub const FAR_ZOOM: f64 = 0.45;

/// MIME type of a palette item being dragged.
pub const PALETTE_MIME: &str = "application/x-pipeline-studio-type";

#[component]
pub fn Canvas() -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let st = expect_context::<EditorState>();
    let lazy = expect_context::<crate::ui::lazy::host::LazyAreas>();
    let svg_ref: NodeRef<leptos::svg::Svg> = NodeRef::new();
    let ptr = Pointer::new(store, st, svg_ref);
    // Measure (and fit, the first time) when the browser has laid the
    // canvas out: a ResizeObserver runs after layout and before paint, so
    // neither the first build nor its first frame forces a layout. Until
    // then the drawing is left out of layout (`unfitted`): its texts are
    // laid out once, at the fitted zoom, rather than again after the fit.
    let fitted = RwSignal::new(false);
    crate::ui::deferred::after_first_frame(move || {
        fitted.try_set(true);
    });
    Effect::new(move |_| {
        if let Some(svg) = svg_ref.get() {
            let on_size = Closure::<dyn FnMut()>::new(move || {
                ptr.measure();
                if !fitted.get_untracked() {
                    actions::fit(store, st);
                    fitted.set(true);
                }
            });
            if let Ok(ro) = web_sys::ResizeObserver::new(on_size.as_ref().unchecked_ref()) {
                ro.observe(&svg);
            }
            // The canvas lives as long as the page.
            on_size.forget();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| ptr.measure());
    on_cleanup(move || resize.remove());

    let on_wheel = move |ev: web_sys::WheelEvent| {
        ev.prevent_default();
        ptr.measure();
        let screen = ptr.local(ev.client_x(), ev.client_y());
        let f = Viewport::wheel_factor(ev.delta_y());
        st.viewport.update(|v| *v = v.zoom_at(screen, f));
    };

    // Keyboard focus selects, as a click does.
    let on_focus = move |ev: web_sys::FocusEvent| {
        if let Some(id) = node_of(ev.target()) {
            if !store.selection.with_untracked(|s| s.contains(&id)) {
                store.select([id]);
            }
        } else if let Some(e) = edge_of(ev.target()) {
            if st.selected_edge.with_untracked(|s| s.as_ref() != Some(&e)) {
                store.selection.set(Default::default());
                st.selected_edge.set(Some(e));
            }
        }
    };

    // The node under the mouse, for its ring (`drag_layer::Rings`). While a gesture holds the
    // pointer, events go to the canvas itself: no node is hovered.
    let on_over = move |ev: web_sys::PointerEvent| {
        let id = node_of(ev.target());
        if st.hovered.with_untracked(|h| *h != id) {
            st.hovered.set(id);
        }
    };
    let on_leave = move |_: web_sys::PointerEvent| {
        if st.hovered.with_untracked(Option::is_some) {
            st.hovered.set(None);
        }
    };

    let on_dragover = move |ev: web_sys::DragEvent| ev.prevent_default();
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        let Some(dt) = ev.data_transfer() else { return };
        ptr.measure();
        let world = st
            .viewport
            .get_untracked()
            .to_world(ptr.local(ev.client_x(), ev.client_y()));
        if let Ok(ty) = dt.get_data(PALETTE_MIME) {
            if !ty.is_empty() {
                actions::add_object(store, st, &ty, Some(world.offset(-95.0, -28.0)));
                return;
            }
        }
        if let Some(file) = dt.files().and_then(|f| f.get(0)) {
            super::files::import_file(store, lazy, file);
        }
    };

    let far = move || st.viewport.with(|v| v.k < FAR_ZOOM);
    view! {
        <svg
            id="canvas"
            class="canvas"
            // Far out, labels are unreadable and costly to paint: leave them out.
            class:far=far
            node_ref=svg_ref
            role="group"
            aria-label="Pipeline canvas: drag nodes to move, drag a node's right handle to another node to connect"
            on:pointerdown=move |ev| ptr.down(ev)
            on:pointermove=move |ev| ptr.moved(ev)
            on:pointerup=move |ev| ptr.up(ev)
            on:pointercancel=move |ev| ptr.cancel(ev)
            on:pointerover=on_over
            on:pointerleave=on_leave
            on:wheel=on_wheel
            on:focusin=on_focus
            on:dragover=on_dragover
            on:drop=on_drop
        >
            <defs>
                <pattern id="grid" width="24" height="24" patternUnits="userSpaceOnUse">
                    <circle cx="1" cy="1" r="1" class="grid-dot" />
                </pattern>
            </defs>
            <g class="viewport" class:unfitted=move || !fitted.get() transform=move || st.viewport.get().transform()>
                <rect class="grid" x="-20000" y="-20000" width="40000" height="40000" fill="url(#grid)" />
                <g class="edges">
                    <For each=move || st.edges.get() key=|e| e.clone() let:edge>
                        <EdgeView edge=edge />
                    </For>
                </g>
                <g class="nodes" role="group" aria-label="Pipeline objects">
                    <For each=move || st.ids.get() key=|id| id.clone() let:id>
                        <NodeView id=id />
                    </For>
                </g>
            </g>
        </svg>
        <drag_layer::DragLayer temp_line=ptr.temp_line band=ptr.band far=Signal::derive(far) />
        <drag_layer::Rings far=Signal::derive(far) />
    }
}

/// Make the reference and report it.
pub fn connect(store: DocumentStore, from: &str, key: &str, to: &str) {
    let label = format!("Connect {from}.{key} → {to}");
    store.apply(&label, |doc| {
        ops::connect(&mut doc.definition, from, key, to)
    });
}

/// The "which field?" chooser shown when several fields fit a connection.
#[component]
pub fn ConnectChooser() -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let st = expect_context::<EditorState>();
    move || {
        st.chooser.get().map(|c| {
            let buttons = c
                .keys
                .iter()
                .map(|k| {
                    let (from, to, key) = (c.from.clone(), c.to.clone(), *k);
                    view! {
                        <button class="btn" data-key=key on:click=move |_| {
                            connect(store, &from, key, &to);
                            st.chooser.set(None);
                        }>{key}</button>
                    }
                })
                .collect_view();
            view! {
                <div class="chooser" role="dialog" aria-label="Choose the field for this reference">
                    <span>{format!("Connect {} → {} as", c.from, c.to)}</span>
                    {buttons}
                    <button class="btn ghost" on:click=move |_| st.chooser.set(None)>"Cancel"</button>
                </div>
            }
        })
    }
}
