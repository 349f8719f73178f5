//! The SVG canvas: one transform group for pan and zoom, keyed nodes and
//! edges, and the pointer gestures (pan, select, rectangle select, drag to
//! move, drag from a handle to connect), all through `geometry`. A drag
//! moves only per-node signals and commits one Move command on release.

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

use super::actions;
use super::geometry::{self, is_drag, nodes_in, snap, Pos, Rect, Viewport};
use super::nodes::{EdgeView, NodeView};
use super::ops;
use super::state::{Chooser, EditorState};
use crate::ui::store::DocumentStore;

/// Below this zoom, node texts and edge labels are not drawn.
pub const FAR_ZOOM: f64 = 0.45;

/// MIME type of a palette item being dragged.
pub const PALETTE_MIME: &str = "application/x-pipeline-studio-type";

#[derive(Clone, Debug, Default)]
enum Gesture {
    #[default]
    Idle,
    Pan {
        start: Pos,
        vp: Viewport,
        moved: bool,
    },
    Drag {
        start: Pos,
        world: Pos,
        items: Vec<(String, Pos)>,
        moved: bool,
    },
    Connect {
        from: String,
    },
    Band {
        start: Pos,
    },
}

fn closest_attr(
    target: Option<web_sys::EventTarget>,
    selector: &str,
    attr: &str,
) -> Option<String> {
    let el: web_sys::Element = target?.dyn_into().ok()?;
    el.closest(selector).ok()??.get_attribute(attr)
}

#[component]
pub fn Canvas() -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let st = expect_context::<EditorState>();
    let svg_ref: NodeRef<leptos::svg::Svg> = NodeRef::new();
    let gesture = StoredValue::new(Gesture::Idle);
    // Transient drawings: the connection being dragged and the selection band.
    let temp_line = RwSignal::new(None::<(Pos, Pos)>);
    let band = RwSignal::new(None::<Rect>);

    // The canvas's screen offset, measured when a gesture starts (reading
    // it on every pointermove would force a layout of the whole drawing).
    let origin = StoredValue::new((0.0f64, 0.0f64));
    let local = move |x: i32, y: i32| -> Pos {
        let (ox, oy) = origin.get_value();
        Pos::new(x as f64 - ox, y as f64 - oy)
    };
    let measure = move || {
        if let Some(svg) = svg_ref.get_untracked() {
            let r = svg.get_bounding_client_rect();
            origin.set_value((r.left(), r.top()));
            if r.width() > 0.0 && st.canvas_size.get_untracked() != (r.width(), r.height()) {
                st.canvas_size.set((r.width(), r.height()));
            }
        }
    };
    Effect::new(move |_| {
        if svg_ref.get().is_some() {
            measure();
            actions::fit(store, st);
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let on_down = move |ev: web_sys::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        measure();
        let screen = local(ev.client_x(), ev.client_y());
        let vp = st.viewport.get_untracked();
        let world = vp.to_world(screen);
        let target = ev.target();
        st.chooser.set(None);
        if let Some(svg) = svg_ref.get_untracked() {
            let _ = svg.set_pointer_capture(ev.pointer_id());
        }
        if let Some(from) = closest_attr(target.clone(), ".handle", "class")
            .and_then(|_| closest_attr(target.clone(), "g.node", "data-id"))
        {
            let p = st.pos_signal(&from, &store).get_untracked();
            temp_line.set(Some((geometry::handle_point(p), world)));
            gesture.set_value(Gesture::Connect { from });
            ev.prevent_default();
            return;
        }
        if let Some(id) = closest_attr(target.clone(), "g.node", "data-id") {
            st.selected_edge.set(None);
            if ev.shift_key() || ev.meta_key() || ev.ctrl_key() {
                store.selection.update(|s| {
                    if !s.remove(&id) {
                        s.insert(id.clone());
                    }
                });
            } else if !store.selection.with_untracked(|s| s.contains(&id)) {
                store.select([id.clone()]);
            }
            let items = store
                .selection
                .get_untracked()
                .into_iter()
                .map(|i| {
                    let p = st.pos_signal(&i, &store).get_untracked();
                    (i, p)
                })
                .collect();
            gesture.set_value(Gesture::Drag {
                start: screen,
                world,
                items,
                moved: false,
            });
            return;
        }
        if let Some(from) = closest_attr(target.clone(), "g.edge", "data-from") {
            let get = |a: &str| closest_attr(target.clone(), "g.edge", a).unwrap_or_default();
            let e = super::state::EdgeId {
                from,
                key: get("data-key"),
                to: get("data-to"),
                n: get("data-n").parse().unwrap_or(0),
            };
            store.selection.set(Default::default());
            st.selected_edge.set(Some(e));
            gesture.set_value(Gesture::Idle);
            return;
        }
        if ev.shift_key() {
            band.set(Some(Rect::from_corners(world, world)));
            gesture.set_value(Gesture::Band { start: world });
        } else {
            gesture.set_value(Gesture::Pan {
                start: screen,
                vp,
                moved: false,
            });
        }
    };

    let on_move = move |ev: web_sys::PointerEvent| {
        let screen = local(ev.client_x(), ev.client_y());
        let vp = st.viewport.get_untracked();
        let world = vp.to_world(screen);
        gesture.update_value(|g| match g {
            Gesture::Pan { start, vp, moved } => {
                if *moved || is_drag(screen.x - start.x, screen.y - start.y) {
                    *moved = true;
                    st.viewport
                        .set(vp.pan(screen.x - start.x, screen.y - start.y));
                }
            }
            Gesture::Drag {
                start,
                world: w0,
                items,
                moved,
            } => {
                if *moved || is_drag(screen.x - start.x, screen.y - start.y) {
                    *moved = true;
                    let (dx, dy) = (world.x - w0.x, world.y - w0.y);
                    for (id, p) in items.iter() {
                        st.pos_signal(id, &store).set(snap(p.offset(dx, dy)));
                    }
                }
            }
            Gesture::Connect { .. } => {
                temp_line.update(|l| {
                    if let Some(l) = l {
                        l.1 = world;
                    }
                });
            }
            Gesture::Band { start } => band.set(Some(Rect::from_corners(*start, world))),
            Gesture::Idle => {}
        });
    };

    let on_up = move |ev: web_sys::PointerEvent| {
        let screen = local(ev.client_x(), ev.client_y());
        let world = st.viewport.get_untracked().to_world(screen);
        let g = gesture.try_update_value(std::mem::take).unwrap_or_default();
        temp_line.set(None);
        match g {
            Gesture::Pan { moved: false, .. } => {
                store.selection.set(Default::default());
                st.selected_edge.set(None);
            }
            Gesture::Drag {
                items, moved: true, ..
            } => {
                let moves: Vec<(String, Pos)> = items
                    .iter()
                    .map(|(id, _)| (id.clone(), st.pos_signal(id, &store).get_untracked()))
                    .collect();
                let label = if moves.len() == 1 {
                    format!("Move {}", moves[0].0)
                } else {
                    format!("Move {} objects", moves.len())
                };
                store.apply(&label, |doc| {
                    for (id, p) in moves {
                        doc.positions.insert(id, p);
                    }
                    Ok(())
                });
            }
            Gesture::Connect { from } => {
                let to = store
                    .positions
                    .with_untracked(|ps| geometry::node_at(ps, world).map(str::to_string));
                if let Some(to) = to.filter(|t| *t != from) {
                    let cands = store
                        .definition
                        .with_untracked(|d| ops::connect_candidates(d, &from, &to));
                    match cands {
                        Ok(keys) if keys.len() == 1 => connect(store, &from, keys[0], &to),
                        Ok(keys) => st.chooser.set(Some(Chooser { from, to, keys })),
                        Err(reason) => store.status.set(reason),
                    }
                }
            }
            Gesture::Band { start } => {
                let r = Rect::from_corners(start, world);
                let ids = store.positions.with_untracked(|ps| nodes_in(ps, r));
                store.selection.update(|s| s.extend(ids));
                band.set(None);
            }
            _ => {}
        }
    };

    let on_wheel = move |ev: web_sys::WheelEvent| {
        ev.prevent_default();
        measure();
        let screen = local(ev.client_x(), ev.client_y());
        let f = Viewport::wheel_factor(ev.delta_y());
        st.viewport.update(|v| *v = v.zoom_at(screen, f));
    };

    let on_focus = move |ev: web_sys::FocusEvent| {
        if let Some(id) = closest_attr(ev.target(), "g.node", "data-id") {
            if !store.selection.with_untracked(|s| s.contains(&id)) {
                store.select([id]);
            }
        }
    };

    let on_dragover = move |ev: web_sys::DragEvent| ev.prevent_default();
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        let Some(dt) = ev.data_transfer() else { return };
        measure();
        let world = st
            .viewport
            .get_untracked()
            .to_world(local(ev.client_x(), ev.client_y()));
        if let Ok(ty) = dt.get_data(PALETTE_MIME) {
            if !ty.is_empty() {
                actions::add_object(store, st, &ty, Some(world.offset(-95.0, -28.0)));
                return;
            }
        }
        if let Some(file) = dt.files().and_then(|f| f.get(0)) {
            super::files::import_file(store, st, file);
        }
    };

    view! {
        <svg
            id="canvas"
            class="canvas"
            // Far out, labels are unreadable and costly to paint: leave them out.
            class:far=move || st.viewport.with(|v| v.k < FAR_ZOOM)
            node_ref=svg_ref
            role="group"
            aria-label="Pipeline canvas: drag nodes to move, drag a node's right handle to another node to connect"
            on:pointerdown=on_down
            on:pointermove=on_move
            on:pointerup=on_up
            on:wheel=on_wheel
            on:focusin=on_focus
            on:dragover=on_dragover
            on:drop=on_drop
        >
            <defs>
                <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M0,0 L10,5 L0,10 z" class="arrowhead" />
                </marker>
                <pattern id="grid" width="24" height="24" patternUnits="userSpaceOnUse">
                    <circle cx="1" cy="1" r="1" class="grid-dot" />
                </pattern>
            </defs>
            <g class="viewport" transform=move || st.viewport.get().transform()>
                <rect class="grid" x="-20000" y="-20000" width="40000" height="40000" fill="url(#grid)" />
                <g class="edges">
                    <For each=move || st.edges.get() key=|e| e.clone() let:edge>
                        <EdgeView edge=edge />
                    </For>
                </g>
                <g class="nodes" role="list" aria-label="Pipeline objects">
                    <For each=move || st.ids.get() key=|id| id.clone() let:id>
                        <NodeView id=id />
                    </For>
                </g>
                {move || temp_line.get().map(|(a, b)| view! { <path class="temp-edge" d=geometry::curve(a, b) /> })}
                {move || band.get().map(|r| view! { <rect class="band" x=r.x y=r.y width=r.w height=r.h /> })}
            </g>
        </svg>
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
