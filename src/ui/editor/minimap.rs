//! The minimap: every node as a dot-sized box and the visible area; a click
//! centres the canvas there.

use leptos::prelude::*;

use super::state::EditorState;
use crate::ui::store::DocumentStore;
use studio::editor::geometry::{bounds, Pos, Rect, NODE_H, NODE_W};

const W: f64 = 180.0;
const H: f64 = 120.0;

#[component]
pub fn Minimap() -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let st = expect_context::<EditorState>();
    let frame = Memo::new(move |_| {
        store
            .positions
            .with(|ps| bounds(ps.values()))
            .unwrap_or(Rect {
                x: 0.0,
                y: 0.0,
                w: 800.0,
                h: 600.0,
            })
    });
    let view_box = move || {
        let b = frame.get();
        format!(
            "{} {} {} {}",
            b.x - 40.0,
            b.y - 40.0,
            b.w + 80.0,
            b.h + 80.0
        )
    };
    let boxes = move || {
        store.positions.with(|ps| {
            ps.values()
                .map(|p| view! { <rect class="mini-node" x=p.x y=p.y width=NODE_W height=NODE_H rx="6" /> })
                .collect_view()
        })
    };
    let visible = move || {
        let (w, h) = st.canvas_size.get();
        st.viewport.get().visible(w, h)
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        let b = frame.get_untracked();
        let (bx, by, bw, bh) = (b.x - 40.0, b.y - 40.0, b.w + 80.0, b.h + 80.0);
        // preserveAspectRatio xMidYMid meet: one scale, centred.
        let k = (W / bw).min(H / bh);
        let ox = (W - bw * k) / 2.0;
        let oy = (H - bh * k) / 2.0;
        let world = Pos::new(
            bx + (ev.offset_x() as f64 - ox) / k,
            by + (ev.offset_y() as f64 - oy) / k,
        );
        let (w, h) = st.canvas_size.get_untracked();
        st.viewport.update(|v| {
            v.x = w / 2.0 - world.x * v.k;
            v.y = h / 2.0 - world.y * v.k;
        });
    };
    view! {
        <svg class="minimap" width=W height=H viewBox=view_box role="img" aria-label="Minimap: click to move the view" on:click=on_click>
            {boxes}
            <rect class="mini-view" x=move || visible().x y=move || visible().y width=move || visible().w height=move || visible().h />
        </svg>
    }
}
