//! The pipeline as a read-only graph in the simulator, each component
//! coloured by its latest instance's status (`Service::latest_instances`), with a legend of the service's status names.
//! The components are placed by `graph_layout` (full size, left to right
//! downstream); edges use the editor's geometry.

use leptos::prelude::*;

use std::collections::BTreeMap;

use super::views::SimCtx;
use super::{status_class, LEGEND};
use crate::model::catalog::keys;
use crate::model::graph::RefGraph;
use crate::ui::store::DocumentStore;
use studio::editor::geometry::{edge_path, Pos, NODE_H, NODE_W};
use studio::simulator::graph_layout::{layout, shown};

/// References that carry the data flow (drawn); the first three point upstream.
const FLOW_KEYS: [&str; 5] = [
    keys::INPUT,
    keys::DEPENDS_ON,
    keys::PRECONDITION,
    keys::OUTPUT,
    keys::RUNS_ON,
];

#[component]
pub fn StatusGraph() -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let ctx = expect_context::<SimCtx>();
    let statuses = Memo::new(move |_| {
        ctx.latest.with(|l| {
            l.iter()
                .map(|l| (l.component_id.clone(), l.status.as_str().to_string()))
                .collect::<BTreeMap<_, _>>()
        })
    });
    let edges = Memo::new(move |_| {
        store.definition.with(|d| {
            RefGraph::with_keys(d, &FLOW_KEYS)
                .edges()
                .into_iter()
                .map(|e| {
                    let up = FLOW_KEYS[..3].contains(&e.key.as_str());
                    if up {
                        (e.to.0.clone(), e.from.0.clone())
                    } else {
                        (e.from.0.clone(), e.to.0.clone())
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    // Each shown component's place (`graph_layout`), and the drawing's size.
    let placed = Memo::new(move |_| {
        let ids = store.definition.with(shown);
        edges.with(|e| layout(&ids, e))
    });
    let view_box = move || placed.with(|(_, w, h)| format!("0 0 {w:.0} {h:.0}"));
    let pos = move |id: &str| placed.with(|(p, _, _)| p.get(id).copied());
    let nodes = move || {
        let sel = ctx.selected_component();
        let st = statuses.get();
        store.definition.with(|d| {
            d.objects
                .iter()
                .filter_map(|o| {
                    let p: Pos = pos(o.id.as_str())?;
                    let id = o.id.as_str().to_string();
                    let status = st.get(&id).cloned();
                    let class = status.as_deref().map_or("none", status_class);
                    // Starts with the text shown (id, status), then says what it is.
                    let label = match &status {
                        Some(s) => format!("{id} {s}, latest instance"),
                        None => format!("{id} no instances"),
                    };
                    let selected = sel.as_deref() == Some(id.as_str());
                    let (a, b) = (id.clone(), id.clone());
                    let data_status = status.clone().unwrap_or_default();
                    let shown = status.unwrap_or_else(|| "no instances".to_string());
                    Some(view! {
                        <g class=format!("g-node st-{class}{}", if selected { " sel" } else { "" })
                            data-id=id.clone() data-status=data_status
                            transform=format!("translate({:.1},{:.1})", p.x, p.y)
                            tabindex="0" role="button" aria-label=label aria-pressed=selected.to_string()
                            on:click=move |_| ctx.select(a.clone())
                            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                                if ev.key() == "Enter" || ev.key() == " " {
                                    ev.prevent_default();
                                    ctx.select(b.clone());
                                }
                            }>
                            <rect width=NODE_W height=NODE_H rx="8" />
                            <rect class="g-band" width="6" height=NODE_H rx="3" />
                            <text class="g-id" x="16" y="23">{id.clone()}</text>
                            " "
                            <text class="g-status" x="16" y="42">{shown}</text>
                        </g>
                    })
                })
                .collect_view()
        })
    };
    let lines = move || {
        edges
            .get()
            .into_iter()
            .filter_map(|(a, b)| {
                let (pa, pb) = (pos(&a)?, pos(&b)?);
                let g = edge_path(pa, pb);
                Some(view! {
                    <path class="g-edge" d=g.d />
                    <path class="g-arrow" d=g.arrow />
                })
            })
            .collect_view()
    };
    view! {
        <section class="sim-graph panel-box" aria-labelledby="sim-graph-title">
            <h3 id="sim-graph-title">"Pipeline " <span class="muted">"(latest instance of each component)"</span></h3>
            <svg id="sim-graph" class="status-graph" viewBox=view_box preserveAspectRatio="xMinYMin meet"
                width=move || placed.with(|(_, w, _)| format!("{w:.0}")) height=move || placed.with(|(_, _, h)| format!("{h:.0}")) role="group" aria-label="Pipeline status graph">
                {lines}
                {nodes}
            </svg>
            <ul class="legend" aria-label="Status colours">
                {LEGEND.iter().map(|(s, c)| view! { <li><span class=format!("dot {c}")></span>{*s}</li> }).collect_view()}
                <li><span class="dot none"></span>"no instances"</li>
            </ul>
        </section>
    }
}
