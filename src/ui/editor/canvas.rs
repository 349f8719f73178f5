//! The SVG canvas: objects as nodes, references as labelled edges.

use leptos::prelude::*;

use super::geometry::{Pos, NODE_H, NODE_W};
use crate::ui::store::DocumentStore;

#[component]
pub fn EditorArea() -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let positions = store.positions;

    let nodes = move || {
        store.definition.with(|d| {
            d.objects
                .iter()
                .map(|o| {
                    let id = o.id.as_str().to_string();
                    let ty = o.type_name().unwrap_or("Default").to_string();
                    let label = o.display_name().to_string();
                    let aria = format!("{ty} {id}");
                    let p = positions.with(|ps| ps.get(&id).copied()).unwrap_or(Pos { x: 0.0, y: 0.0 });
                    view! {
                        <g class="node" data-id=id.clone() transform=format!("translate({},{})", p.x, p.y)
                           role="listitem" aria-label=aria>
                            <rect width=NODE_W height=NODE_H rx="8" />
                            <text class="node-id" x="12" y="23">{id.clone()}</text>
                            <text class="node-type" x="12" y="42">{ty}</text>
                            <title>{label}</title>
                        </g>
                    }
                })
                .collect_view()
        })
    };

    let edges = move || {
        store.definition.with(|d| {
            positions.with(|ps| {
                d.objects
                    .iter()
                    .flat_map(|o| {
                        o.references().filter_map(|(key, target)| {
                            let a = ps.get(o.id.as_str())?;
                            let b = ps.get(target.as_str())?;
                            let (x1, y1) = (a.x, a.y + NODE_H / 2.0);
                            let (x2, y2) = (b.x + NODE_W, b.y + NODE_H / 2.0);
                            let path = format!("M{x1},{y1} C{},{y1} {},{y2} {x2},{y2}", x1 - 40.0, x2 + 40.0);
                            let (lx, ly) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0 - 4.0);
                            Some(view! {
                                <g class="edge" data-from=o.id.as_str().to_string() data-to=target.as_str().to_string() data-key=key.to_string()>
                                    <path d=path />
                                    <text x=lx y=ly text-anchor="middle">{key.to_string()}</text>
                                </g>
                            })
                        }).collect::<Vec<_>>()
                    })
                    .collect_view()
            })
        })
    };

    view! {
        <div class="editor">
            <svg id="canvas" class="canvas" role="list" aria-label="Pipeline objects">
                <g class="viewport">
                    <g class="edges">{edges}</g>
                    <g class="nodes">{nodes}</g>
                </g>
            </svg>
        </div>
    }
}
