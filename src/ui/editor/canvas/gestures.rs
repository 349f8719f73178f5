//! Pointer gestures on the canvas: pan (drag on empty space), select
//! (click, shift-click), rectangle select (shift-drag), move (drag nodes),
//! connect (drag from a handle) and two-finger pinch zoom, all through
//! `geometry`. A move draws only the drag layer while it lasts and commits
//! one Move command on release; `pointercancel` drops whatever was under way.

use std::sync::Arc;

use leptos::prelude::*;

use super::super::state::{Chooser, DragSet, EditorState};
use super::{closest_attr, connect, edge_of, node_of};
use crate::ui::store::DocumentStore;
use studio::editor::geometry::{self, is_drag, nodes_in, snap, Pos, Rect, Viewport};
use studio::editor::ops;

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
        /// The dragged nodes and where they were; the first leads the snapping.
        items: Vec<(String, Pos)>,
        moved: bool,
    },
    Connect {
        from: String,
    },
    Band {
        start: Pos,
    },
    Pinch {
        vp: Viewport,
        fingers: [(i32, Pos); 2],
    },
}

/// The canvas's gesture state and its pointer handlers (all `Copy`).
#[derive(Clone, Copy)]
pub struct Pointer {
    store: DocumentStore,
    st: EditorState,
    svg: NodeRef<leptos::svg::Svg>,
    gesture: StoredValue<Gesture>,
    /// Touch points currently down: (pointer id, screen point).
    touches: StoredValue<Vec<(i32, Pos)>>,
    /// The canvas's screen offset, measured when a gesture starts (reading
    /// it on every pointermove would force a layout of the whole drawing).
    origin: StoredValue<(f64, f64)>,
    /// The connection being dragged (from, to), in canvas units.
    pub temp_line: RwSignal<Option<(Pos, Pos)>>,
    /// The selection rectangle, in canvas units.
    pub band: RwSignal<Option<Rect>>,
}

impl Pointer {
    pub fn new(store: DocumentStore, st: EditorState, svg: NodeRef<leptos::svg::Svg>) -> Self {
        Pointer {
            store,
            st,
            svg,
            gesture: StoredValue::new(Gesture::Idle),
            touches: StoredValue::new(Vec::new()),
            origin: StoredValue::new((0.0, 0.0)),
            temp_line: RwSignal::new(None),
            band: RwSignal::new(None),
        }
    }

    /// Read the canvas's place and size on screen.
    pub fn measure(&self) {
        if let Some(svg) = self.svg.get_untracked() {
            let r = svg.get_bounding_client_rect();
            self.origin.set_value((r.left(), r.top()));
            if r.width() > 0.0 && self.st.canvas_size.get_untracked() != (r.width(), r.height()) {
                self.st.canvas_size.set((r.width(), r.height()));
            }
        }
    }

    /// A client point in canvas-local screen pixels.
    pub fn local(&self, x: i32, y: i32) -> Pos {
        let (ox, oy) = self.origin.get_value();
        Pos::new(x as f64 - ox, y as f64 - oy)
    }

    fn is_touch(ev: &web_sys::PointerEvent) -> bool {
        ev.pointer_type() == "touch"
    }

    pub fn down(&self, ev: web_sys::PointerEvent) {
        let (store, st) = (self.store, self.st);
        if ev.button() != 0 {
            return;
        }
        self.measure();
        let screen = self.local(ev.client_x(), ev.client_y());
        if let Some(svg) = self.svg.get_untracked() {
            let _ = svg.set_pointer_capture(ev.pointer_id());
        }
        if Self::is_touch(&ev) {
            self.touches.update_value(|t| {
                t.retain(|(id, _)| *id != ev.pointer_id());
                t.push((ev.pointer_id(), screen));
            });
            let fingers = self
                .touches
                .with_value(|t| (t.len() >= 2).then(|| [t[0], t[1]]));
            if let Some(fingers) = fingers {
                // A second finger turns whatever the first one started into a pinch.
                self.abort();
                self.gesture.set_value(Gesture::Pinch {
                    vp: st.viewport.get_untracked(),
                    fingers,
                });
                ev.prevent_default();
                return;
            }
        }
        let vp = st.viewport.get_untracked();
        let world = vp.to_world(screen);
        let target = ev.target();
        st.chooser.set(None);
        if closest_attr(target.clone(), ".handle", "class").is_some() {
            if let Some(from) = node_of(target.clone()) {
                let p = st.pos_signal(&from, &store).get_untracked();
                self.temp_line.set(Some((geometry::handle_point(p), world)));
                self.gesture.set_value(Gesture::Connect { from });
                ev.prevent_default();
                return;
            }
        }
        if let Some(id) = node_of(target.clone()) {
            st.selected_edge.set(None);
            if ev.shift_key() || ev.meta_key() || ev.ctrl_key() {
                store.selection.update(|s| {
                    if !s.remove(&id) {
                        s.insert(id.clone());
                    }
                });
            } else if !store.selection.with_untracked(|s| s.contains(&id)) {
                store.select_pressed(id.clone());
            }
            // The pressed node first: it leads the snapping.
            let mut ids = vec![id.clone()];
            store.selection.with_untracked(|s| {
                ids.extend(s.iter().filter(|i| **i != id).cloned());
            });
            if !store.selection.with_untracked(|s| s.contains(&id)) {
                // Shift-click took it out of the selection: nothing to drag.
                self.gesture.set_value(Gesture::Idle);
                return;
            }
            let items = ids
                .into_iter()
                .map(|i| {
                    let p = st.pos_signal(&i, &store).get_untracked();
                    (i, p)
                })
                .collect();
            self.gesture.set_value(Gesture::Drag {
                start: screen,
                world,
                items,
                moved: false,
            });
            return;
        }
        if let Some(e) = edge_of(target) {
            store.selection.set(Default::default());
            st.selected_edge.set(Some(e));
            self.gesture.set_value(Gesture::Idle);
            return;
        }
        if ev.shift_key() {
            self.band.set(Some(Rect::from_corners(world, world)));
            self.gesture.set_value(Gesture::Band { start: world });
        } else {
            self.gesture.set_value(Gesture::Pan {
                start: screen,
                vp,
                moved: false,
            });
        }
    }

    pub fn moved(&self, ev: web_sys::PointerEvent) {
        let st = self.st;
        let screen = self.local(ev.client_x(), ev.client_y());
        if Self::is_touch(&ev) {
            self.touches.update_value(|t| {
                if let Some(f) = t.iter_mut().find(|(id, _)| *id == ev.pointer_id()) {
                    f.1 = screen;
                }
            });
        }
        let vp = st.viewport.get_untracked();
        let world = vp.to_world(screen);
        let mut started = None;
        self.gesture.update_value(|g| match g {
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
                if !*moved && !is_drag(screen.x - start.x, screen.y - start.y) {
                    return;
                }
                if !*moved {
                    *moved = true;
                    started = Some(items.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>());
                }
                // One offset for all, snapping the pressed node to the grid.
                let lead = items.first().map(|(_, p)| *p).unwrap_or_default();
                let to = snap(lead.offset(world.x - w0.x, world.y - w0.y));
                st.drag_delta.set(Pos::new(to.x - lead.x, to.y - lead.y));
            }
            Gesture::Connect { .. } => {
                self.temp_line.update(|l| {
                    if let Some(l) = l {
                        l.1 = world;
                    }
                });
            }
            Gesture::Band { start } => self.band.set(Some(Rect::from_corners(*start, world))),
            Gesture::Pinch { vp, fingers } => {
                let now = self.touches.with_value(|t| {
                    let at = |id: i32| t.iter().find(|(i, _)| *i == id).map(|(_, p)| *p);
                    Some((at(fingers[0].0)?, at(fingers[1].0)?))
                });
                if let Some((a, b)) = now {
                    st.viewport.set(vp.pinch(fingers[0].1, fingers[1].1, a, b));
                }
            }
            Gesture::Idle => {}
        });
        if let Some(ids) = started {
            let set = st.edges.with_untracked(|es| DragSet::new(ids, es));
            st.drag.set(Some(Arc::new(set)));
        }
    }

    pub fn up(&self, ev: web_sys::PointerEvent) {
        let (store, st) = (self.store, self.st);
        if Self::is_touch(&ev) {
            self.touches
                .update_value(|t| t.retain(|(id, _)| *id != ev.pointer_id()));
        }
        let screen = self.local(ev.client_x(), ev.client_y());
        let world = st.viewport.get_untracked().to_world(screen);
        let g = self
            .gesture
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        self.temp_line.set(None);
        match g {
            Gesture::Pan { moved: false, .. } => {
                store.selection.set(Default::default());
                st.selected_edge.set(None);
            }
            Gesture::Drag {
                items, moved: true, ..
            } => {
                let d = st.drag_delta.get_untracked();
                let moves: Vec<(String, Pos)> = items
                    .into_iter()
                    .map(|(id, p)| (id, p.offset(d.x, d.y)))
                    .collect();
                let label = if moves.len() == 1 {
                    format!("Move {}", moves[0].0)
                } else {
                    format!("Move {} objects", moves.len())
                };
                if d != Pos::default() {
                    store.apply(&label, |doc| {
                        for (id, p) in moves {
                            doc.positions.insert(id, p);
                        }
                        Ok(())
                    });
                }
                self.end_drag();
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
                self.band.set(None);
            }
            _ => {}
        }
    }

    /// The browser took the pointer away (a touch turned into scrolling, a
    /// dialog opened…): drop the gesture without changing the document.
    pub fn cancel(&self, ev: web_sys::PointerEvent) {
        self.touches
            .update_value(|t| t.retain(|(id, _)| *id != ev.pointer_id()));
        self.abort();
    }

    fn abort(&self) {
        self.gesture.set_value(Gesture::Idle);
        self.temp_line.set(None);
        self.band.set(None);
        self.end_drag();
    }

    fn end_drag(&self) {
        if self.st.drag.with_untracked(Option::is_some) {
            self.st.drag.set(None);
        }
        self.st.drag_delta.set(Pos::default());
    }
}
