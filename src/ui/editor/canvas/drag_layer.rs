//! The drag layer: a second SVG over the canvas, with its own compositing
//! layer, that draws what a gesture moves — the dragged nodes (at their
//! committed places inside one group shifted by the drag offset) with their
//! edges, the connection being drawn and the selection rectangle. While a
//! drag lasts only this layer changes; the canvas is not re-rendered or
//! repainted. It takes no pointer events.
//!
//! The selection is drawn outside the canvas: [`Rings`] holds one HTML
//! element that is always mounted and only moved (a CSS `transform` on its own
//! composited layer), rings the first selected node; the others, when several
//! are selected, get rings in this layer. At 1,000 objects, restyling one node
//! in the canvas, or inserting an element beside it, made Chromium re-walk and
//! re-record the whole canvas (~20 ms of a click's pre-paint and paint); moving
//! an element that is already there does not. The canvas nodes keep their
//! `selected` class and `aria-pressed`, which change no style. For the same
//! reason the node under the mouse is outlined by [`Rings`], not by a
//! `:hover` style (a press takes the pointer, which toggled `:hover` twice per
//! click: two repaints of the whole canvas).

use leptos::prelude::*;

use super::super::nodes::{EdgeView, NodeView};
use super::super::state::EditorState;
use crate::ui::store::DocumentStore;
use studio::editor::geometry::{self, Pos, Rect, NODE_H, NODE_W};

#[component]
pub fn DragLayer(
    temp_line: RwSignal<Option<(Pos, Pos)>>,
    band: RwSignal<Option<Rect>>,
    far: Signal<bool>,
) -> impl IntoView {
    let st = expect_context::<EditorState>();
    let store = expect_context::<DocumentStore>();
    // While a drag lasts, the ghosts show what is selected.
    let rings = move || {
        if st.drag.with(|d| d.is_some()) {
            return None;
        }
        Some(store.selection.with(|ids| {
            ids.iter()
                .skip(1)
                .map(|id| {
                    let pos = st.pos_signal(id, &store);
                    let at = move || {
                        let p = pos.get();
                        format!("translate({:.1},{:.1})", p.x, p.y)
                    };
                    view! {
                        <g class="selection" data-id=id.clone() transform=at>
                            <rect class="selection-ring" x="-3" y="-3" width=NODE_W + 6.0 height=NODE_H + 6.0 rx="10" />
                            <circle class="handle" cx=NODE_W cy=NODE_H / 2.0 r="6" />
                        </g>
                    }
                })
                .collect_view()
        }))
    };
    let dragged = move || {
        st.drag.get().map(|d| {
            let mut ids: Vec<String> = d.ids.iter().cloned().collect();
            ids.sort();
            let edges = d.edges.clone();
            let shift = move || {
                let p = st.drag_delta.get();
                format!("translate({:.1},{:.1})", p.x, p.y)
            };
            view! {
                <g class="edges">
                    {edges.into_iter().map(|e| view! { <EdgeView edge=e ghost=true /> }).collect_view()}
                </g>
                <g class="nodes" transform=shift>
                    {ids.into_iter().map(|id| view! { <NodeView id=id ghost=true /> }).collect_view()}
                </g>
            }
        })
    };
    view! {
        <svg id="drag-layer" class="canvas drag-layer" class:far=move || far.get() aria-hidden="true">
            <g class="viewport" transform=move || st.viewport.get().transform()>
                {rings}
                {dragged}
                {move || temp_line.get().map(|(a, b)| view! { <path class="temp-edge" d=geometry::curve(a, b) /> })}
                {move || band.get().map(|r| view! { <rect class="band" x=r.x y=r.y width=r.w height=r.h /> })}
            </g>
        </svg>
    }
}

/// The rings over the canvas (see the module doc): around the first selected
/// node, and around the node under the mouse (its outline, with its
/// connection handle shown in full). Each is one always-mounted HTML element,
/// moved with its node and the viewport by a CSS transform on its own
/// composited layer, hidden while it has no node or a drag shows ghosts. Both
/// come from one loop: one view type, less code in the first module.
#[component]
pub fn Rings(far: Signal<bool>) -> impl IntoView {
    let st = expect_context::<EditorState>();
    let store = expect_context::<DocumentStore>();
    let first = Memo::new(move |_| store.selection.with(|ids| ids.iter().next().cloned()));
    let hovered = Memo::new(move |_| st.hovered.get());
    // (class, node, how far the ring lies outside the node box, canvas units)
    [
        ("hover-overlay", hovered, 0.6),
        ("selection-overlay", first, 3.0),
    ]
    .into_iter()
    .map(|(class, of, inset)| {
        let at = move || {
            let v = st.viewport.get();
            let p = of.with(|id| id.as_deref().map(|id| st.pos_signal(id, &store).get()))?;
            Some((v.x + p.x * v.k, v.y + p.y * v.k, v.k))
        };
        let transform = move || match at() {
            Some((x, y, k)) => format!(
                "translate({x:.1}px,{y:.1}px) scale({k:.4}) translate(-{inset}px,-{inset}px)"
            ),
            None => String::new(),
        };
        let hidden = move || of.with(|id| id.is_none()) || st.drag.with(|d| d.is_some());
        view! {
            <div class=class class:far=move || far.get() aria-hidden="true"
                style:transform=transform
                style:visibility=move || if hidden() { "hidden" } else { "visible" }
                style:width=format!("{}px", NODE_W + 2.0 * inset)
                style:height=format!("{}px", NODE_H + 2.0 * inset)>
                <span class="ring-handle"></span>
            </div>
        }
    })
    .collect_view()
}
