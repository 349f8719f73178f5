//! The drag layer: a second SVG over the canvas, with its own compositing
//! layer, that draws what a gesture moves — the dragged nodes (at their
//! committed places inside one group shifted by the drag offset) with their
//! edges, the connection being drawn and the selection rectangle. While a
//! drag lasts only this layer changes; the canvas is not re-rendered or
//! repainted. It takes no pointer events.
//!
//! It also draws the selection: a ring around each selected node (and its
//! connection handle), so a click repaints this small layer and not the
//! canvas (at 1,000 objects, repainting the canvas for one node's outline
//! took ~25 ms of a click's paint and pre-paint). The canvas nodes keep
//! their `selected` class and `aria-pressed`, which change no style.

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
