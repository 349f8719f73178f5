//! One node and one edge of the canvas. Each reads only its own signals:
//! a node its position signal, its object and its validation mark; an edge
//! the position signals of its two ends, and both the canvas's drawn part
//! (`EditorState::drawn`): outside it a node or an edge is `culled`, its
//! shapes not displayed (no layout box: nothing to paint, layerize or hit
//! test) while its group keeps its place in the keyboard order, its name and
//! its `data-id`.
//! The same views, as "ghosts", draw what is being dragged in the drag layer.

use leptos::prelude::*;

use super::state::{EdgeId, EditorState, NodeInfo};
use crate::model::catalog::{self, Category};
use crate::model::validate::Severity;
use crate::ui::store::DocumentStore;
use studio::editor::geometry::{edge_bounds, edge_path, Rect, NODE_H, NODE_W};

/// A short glyph and class for a type's category (the node's icon).
pub fn category_icon(type_name: &str) -> (&'static str, &'static str) {
    let cat = catalog::type_info(type_name).map(|t| t.category);
    if type_name == catalog::names::DEFAULT {
        // A symbol, as for every category: a letter would be read as part of
        // the node's name (axe: label-content-name-mismatch).
        return ("◆", "cat-default");
    }
    match cat {
        Some(Category::Activities) => ("▶", "cat-activity"),
        Some(Category::DataNodes) => ("▤", "cat-data"),
        Some(Category::Resources) => ("⚙", "cat-resource"),
        Some(Category::Preconditions) => ("?", "cat-precondition"),
        Some(Category::Actions) => ("!", "cat-action"),
        Some(Category::Databases) => ("◫", "cat-database"),
        Some(Category::DataFormats) => ("¶", "cat-format"),
        Some(Category::Schedules) => ("◷", "cat-schedule"),
        Some(Category::Other) => ("•", "cat-other"),
        None => ("·", "cat-unknown"),
    }
}

/// A label that fits the node box (the full text is in the aria-label).
fn short(s: &str) -> String {
    const MAX: usize = 20;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(MAX - 1).collect::<String>())
    }
}

/// A node. A `ghost` is its copy in the drag layer: not focusable, hidden
/// from assistive technology (the canvas node keeps its place there).
#[component]
pub fn NodeView(id: String, #[prop(optional)] ghost: bool) -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let st = expect_context::<EditorState>();
    let pos = st.pos_signal(&id, &store);
    // Its own signals, set only when its type, name or mark change (not
    // the whole document: see `flags::Values`).
    let info = st.info_signal(&id, &store);
    let mark = st.mark_signal(&id);
    let selected = st.node_selected.get(&id);
    let dragged = st.node_dragged.get(&id);
    let dragging = move || !ghost && dragged.get();
    let transform = move || {
        let p = pos.get();
        format!("translate({:.1},{:.1})", p.x, p.y)
    };
    // Out of the drawn part of the canvas its shapes are not displayed (the
    // group stays, focusable and named). A ghost is always drawn.
    let shown =
        Memo::new(move |_| ghost || st.drawn.with(|r| r.intersects(&Rect::node(pos.get()))));
    let ty = move || {
        info.with(|NodeInfo(t, _)| {
            if t.is_empty() {
                "(no type)".to_string()
            } else {
                t.clone()
            }
        })
    };
    // The accessible name starts with the text the node shows (its name,
    // cut to fit, then its type), so speech input can use what is seen;
    // the full name and the id follow when they differ from it.
    let label = {
        let id = id.clone();
        move || {
            info.with(|NodeInfo(t, n)| {
                let full = if n.is_empty() { &id } else { n };
                let shown = short(full);
                let t = if t.is_empty() {
                    "(no type)"
                } else {
                    t.as_str()
                };
                let mut l = format!("{shown} {t}");
                if shown != *full {
                    l.push_str(&format!(", {full}"));
                }
                if *full != id {
                    l.push_str(&format!(", id {id}"));
                }
                l
            })
        }
    };
    let name_line = {
        let id = id.clone();
        move || info.with(|NodeInfo(_, n)| short(if n.is_empty() { &id } else { n }))
    };
    let icon = move || info.with(|NodeInfo(t, _)| category_icon(t));
    let mark_class = move || match mark.get() {
        Some(Severity::Fatal) | Some(Severity::Error) => "marker error",
        Some(Severity::Warning) => "marker warning",
        None => "marker",
    };
    let mark_label = move || match mark.get() {
        Some(Severity::Fatal) | Some(Severity::Error) => "has errors",
        Some(Severity::Warning) => "has warnings",
        None => "",
    };
    view! {
        <g
            class="node"
            class:selected=move || selected.get()
            class:dragging=dragging
            class:ghost=ghost
            class:culled=move || !shown.get()
            data-id=(!ghost).then(|| id.clone())
            data-severity=move || match mark.get() { Some(Severity::Warning) => "warning", Some(_) => "error", None => "" }
            transform=transform
            tabindex=(!ghost).then_some("0")
            role=(!ghost).then_some("button")
            aria-pressed=move || (!ghost).then(|| selected.get().to_string())
            aria-label=move || (!ghost).then(|| { let m = mark_label(); if m.is_empty() { label() } else { format!("{}, {m}", label()) } })
        >
            <rect class="node-box" width=NODE_W height=NODE_H rx="8" />
            <rect class=move || format!("node-icon {}", icon().1) x="10" y="14" width="28" height="28" rx="6" />
            // The spaces between the texts keep their words apart in the
            // node's text content (what assistive technology reads as shown).
            <text class="node-glyph" x="24" y="33" text-anchor="middle" aria-hidden="true">{move || icon().0}</text>
            " "
            <text class="node-id" x="48" y="24">{name_line}</text>
            " "
            <text class="node-type" x="48" y="42">{ty}</text>
            " "
            <g class=mark_class transform=format!("translate({},{})", NODE_W - 22.0, 6.0)>
                <path d="M8,1 L15,14 L1,14 Z" />
                <text x="8" y="12.5" text-anchor="middle">"!"</text>
            </g>
            <circle class="handle" cx=NODE_W cy=NODE_H / 2.0 r="6" />
        </g>
    }
}

/// An edge (one reference). A `ghost` is its copy in the drag layer, whose
/// moving ends follow the drag offset.
#[component]
pub fn EdgeView(edge: EdgeId, #[prop(optional)] ghost: bool) -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let st = expect_context::<EditorState>();
    let a = st.pos_signal(&edge.from, &store);
    let b = st.pos_signal(&edge.to, &store);
    let moves = |id: &str| {
        ghost
            && st
                .drag
                .with_untracked(|d| d.as_ref().is_some_and(|d| d.ids.contains(id)))
    };
    let (a_moves, b_moves) = (moves(&edge.from), moves(&edge.to));
    // Upstream references (input, dependsOn, precondition) are drawn the
    // way data flows: from the referenced object into the one that refers.
    let upstream = studio::editor::layout::UPSTREAM_KEYS.contains(&edge.key.as_str());
    let geo = Memo::new(move |_| {
        let (mut pa, mut pb) = (a.get(), b.get());
        if a_moves || b_moves {
            let d = st.drag_delta.get();
            if a_moves {
                pa = pa.offset(d.x, d.y);
            }
            if b_moves {
                pb = pb.offset(d.x, d.y);
            }
        }
        if upstream {
            edge_path(pb, pa)
        } else {
            edge_path(pa, pb)
        }
    });
    // As for nodes: out of the drawn part, its shapes are not displayed.
    let shown = Memo::new(move |_| {
        if ghost {
            return true;
        }
        let (pa, pb) = (a.get(), b.get());
        let r = if upstream {
            edge_bounds(pb, pa)
        } else {
            edge_bounds(pa, pb)
        };
        st.drawn.with(|d| d.intersects(&r))
    });
    let selected = st.edge_selected.get(&edge);
    let dragged = st.edge_dragged.get(&edge);
    let dragging = move || !ghost && dragged.get();
    let hub = studio::editor::layout::HUB_KEYS.contains(&edge.key.as_str());
    let name = format!("Reference {}.{} to {}", edge.from, edge.key, edge.to);
    view! {
        <g
            class="edge"
            class:hub=hub
            class:upstream=upstream
            class:selected=move || selected.get()
            class:dragging=dragging
            class:culled=move || !shown.get()
            data-from=edge.from.clone()
            data-to=edge.to.clone()
            data-key=edge.key.clone()
            data-n=edge.n.to_string()
            tabindex=(!ghost).then_some("0")
            role=(!ghost).then_some("button")
            aria-pressed=move || (!ghost).then(|| selected.get().to_string())
            aria-label=(!ghost).then_some(name)
        >
            <path class="edge-hit" d=move || geo.with(|g| g.d.clone()) />
            <path class="edge-line" d=move || geo.with(|g| g.d.clone()) />
            <path class="edge-arrow" d=move || geo.with(|g| g.arrow.clone()) />
            <text x=move || geo.with(|g| g.label.x) y=move || geo.with(|g| g.label.y - 4.0) text-anchor="middle">{edge.key.clone()}</text>
        </g>
    }
}
