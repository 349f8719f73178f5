//! The drag layer: a second SVG over the canvas, with its own compositing
//! layer, that draws what a gesture moves — the dragged nodes (at their
//! committed places inside one group shifted by the drag offset) with their
//! edges, the connection being drawn and the selection rectangle. While a
//! drag lasts only this layer changes; the canvas is not re-rendered or
//! repainted. It takes no pointer events.

use leptos::prelude::*;

use super::super::nodes::{EdgeView, NodeView};
use super::super::state::EditorState;
use studio::editor::geometry::{self, Pos, Rect};

#[component]
pub fn DragLayer(
    temp_line: RwSignal<Option<(Pos, Pos)>>,
    band: RwSignal<Option<Rect>>,
    far: Signal<bool>,
) -> impl IntoView {
    let st = expect_context::<EditorState>();
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
                {dragged}
                {move || temp_line.get().map(|(a, b)| view! { <path class="temp-edge" d=geometry::curve(a, b) /> })}
                {move || band.get().map(|r| view! { <rect class="band" x=r.x y=r.y width=r.w height=r.h /> })}
            </g>
        </svg>
    }
}
