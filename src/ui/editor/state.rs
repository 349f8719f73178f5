//! Editor-wide UI state shared by context: viewport, live validation,
//! per-node position signals (so a drag redraws only what moves), the
//! selected edge, the connect chooser, the side panel and the clipboard.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use leptos::prelude::*;

use super::flags::{Flags, Values};
use crate::model::validate::{activated, validate, Report, Severity};
use crate::ui::store::DocumentStore;
use studio::editor::geometry::{Pos, Rect, Viewport};
use studio::editor::layout::HUB_KEYS;
use studio::editor::ops::{type_of, Clip};

/// One reference drawn as an edge: `from.key -> to`, `n`-th such value.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EdgeId {
    pub from: String,
    pub key: String,
    pub to: String,
    pub n: usize,
}

/// A pending connection with several fitting fields.
#[derive(Clone, Debug, PartialEq)]
pub struct Chooser {
    pub from: String,
    pub to: String,
    pub keys: Vec<&'static str>,
}

/// What a drag is moving: the nodes and the edges that touch them. While it
/// lasts these are hidden on the canvas and drawn in the drag layer, so the
/// rest of the drawing is neither re-rendered nor repainted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DragSet {
    pub ids: HashSet<String>,
    pub edges: Vec<EdgeId>,
    pub edge_set: HashSet<EdgeId>,
}

impl DragSet {
    /// The drag of `ids`, with their incident edges taken from `edges`.
    pub fn new(ids: impl IntoIterator<Item = String>, edges: &[EdgeId]) -> Self {
        let ids: HashSet<String> = ids.into_iter().collect();
        let edges: Vec<EdgeId> = edges
            .iter()
            .filter(|e| ids.contains(&e.from) || ids.contains(&e.to))
            .cloned()
            .collect();
        let edge_set = edges.iter().cloned().collect();
        DragSet {
            ids,
            edges,
            edge_set,
        }
    }
}

/// What a node shows of its object: (type, display name); empty for an
/// object that is gone.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeInfo(pub String, pub String);

impl NodeInfo {
    fn of(o: &crate::model::PipelineObject) -> Self {
        NodeInfo(type_of(o).to_string(), o.display_name().to_string())
    }
}

/// An expression's preview: the revision of the document it was
/// evaluated at, and the value or the expression's error.
pub type Preview = (u64, Result<String, String>);

/// The right-hand panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Inspector,
    Code,
}

#[derive(Clone, Copy)]
pub struct EditorState {
    pub viewport: RwSignal<Viewport>,
    pub canvas_size: RwSignal<(f64, f64)>,
    /// What the canvas draws (`Viewport::drawn`): nodes and edges outside it
    /// keep their (empty, focusable, labelled) group but not their shapes.
    /// At 1,000 objects the fitted view shows a few dozen nodes; drawing all
    /// of them made every click re-walk ~14,000 SVG elements in Chromium's
    /// paint, layerize and hit testing.
    pub drawn: Memo<Rect>,
    pub hide_hubs: RwSignal<bool>,
    pub selected_edge: RwSignal<Option<EdgeId>>,
    /// The node under the mouse (ringed by `drag_layer::Rings`, not by a `:hover`
    /// style: restyling a canvas node repaints the whole canvas).
    pub hovered: RwSignal<Option<String>>,
    /// Object and field the inspector should focus (problems list clicks).
    pub focus_field: RwSignal<Option<(String, String)>>,
    pub chooser: RwSignal<Option<Chooser>>,
    /// The nodes being dragged (set when a drag starts, cleared on release).
    pub drag: RwSignal<Option<Arc<DragSet>>>,
    /// How far (canvas units) the dragged nodes have moved; only the drag layer reads it.
    pub drag_delta: RwSignal<Pos>,
    pub side: RwSignal<Side>,
    pub overlay: RwSignal<bool>,
    /// Messages of the last failed import (nothing was replaced).
    pub import_errors: RwSignal<Vec<String>>,
    /// The inspector's expression previews by (object, text): the revision
    /// they were evaluated at and the value or the expression's error (the
    /// lazily loaded module evaluates them: `Request::Preview`).
    pub previews: RwSignal<HashMap<(String, String), Preview>>,
    pub report: Memo<Report>,
    /// The worst problem of each object.
    pub marks: Memo<HashMap<String, Severity>>,
    /// Object id -> document index.
    pub index: Memo<HashMap<String, usize>>,
    pub ids: Memo<Vec<String>>,
    pub edges: Memo<Vec<EdgeId>>,
    /// Per-node "selected" and "dragged", per-edge "selected" and "dragged"
    /// (see `flags`): what each node and edge view reads.
    pub node_selected: Flags<String>,
    pub node_dragged: Flags<String>,
    pub edge_selected: Flags<EdgeId>,
    pub edge_dragged: Flags<EdgeId>,
    /// Per node: its type and display name, and its worst problem (see
    /// `flags::Values`): what each node view reads of the document.
    pub node_info: Values<NodeInfo>,
    pub node_mark: Values<Option<Severity>>,
    pub clip: StoredValue<Clip>,
    pos: StoredValue<HashMap<String, RwSignal<Pos>>>,
    pos_owner: StoredValue<Owner>,
}

impl EditorState {
    pub fn new(store: DocumentStore) -> Self {
        let report = Memo::new(move |_| {
            let mut r = store.definition.with(validate);
            store.remote_problems.with(|remote| {
                if let Some((pushed, problems)) = remote {
                    if store.definition.with(|d| d == pushed) {
                        r.problems.extend(problems.iter().cloned());
                    }
                }
            });
            // After Activate in the Simulator: the edits the running
            // pipeline would refuse (Developer Guide, "Editing Your Pipeline").
            store.activated.with(|a| {
                if let Some(active) = a {
                    let refused = store
                        .definition
                        .with(|d| activated::refused_edits(active, d));
                    r.problems.extend(refused);
                }
            });
            r
        });
        let marks = Memo::new(move |_| {
            report.with(|r| {
                let mut m: HashMap<String, Severity> = HashMap::new();
                for p in &r.problems {
                    if let Some(id) = &p.object_id {
                        let e = m.entry(id.0.clone()).or_insert(p.severity);
                        if p.severity < *e {
                            *e = p.severity;
                        }
                    }
                }
                m
            })
        });
        let index = Memo::new(move |_| {
            store.definition.with(|d| {
                d.objects
                    .iter()
                    .enumerate()
                    .map(|(i, o)| (o.id.0.clone(), i))
                    .collect::<HashMap<_, _>>()
            })
        });
        let ids = Memo::new(move |_| {
            store
                .definition
                .with(|d| d.objects.iter().map(|o| o.id.0.clone()).collect::<Vec<_>>())
        });
        let hide_hubs = RwSignal::new(false);
        let viewport = RwSignal::new(Viewport::default());
        let canvas_size = RwSignal::new((1000.0, 700.0));
        let drawn = Memo::new(move |_| {
            let (w, h) = canvas_size.get();
            viewport.with(|v| v.drawn(w, h))
        });
        let edges = Memo::new(move |_| {
            let hide = hide_hubs.get();
            index.with(|ix| {
                store.definition.with(|d| {
                    let mut out = Vec::new();
                    for o in &d.objects {
                        let mut count: HashMap<(&str, &str), usize> = HashMap::new();
                        for (key, to) in o.references() {
                            if !ix.contains_key(to.as_str()) || (hide && HUB_KEYS.contains(&key)) {
                                continue;
                            }
                            let n = count.entry((key, to.as_str())).or_insert(0);
                            out.push(EdgeId {
                                from: o.id.0.clone(),
                                key: key.to_string(),
                                to: to.0.clone(),
                                n: *n,
                            });
                            *n += 1;
                        }
                    }
                    out
                })
            })
        });
        let state = EditorState {
            viewport,
            canvas_size,
            drawn,
            hide_hubs,
            selected_edge: RwSignal::new(None),
            hovered: RwSignal::new(None),
            focus_field: RwSignal::new(None),
            chooser: RwSignal::new(None),
            drag: RwSignal::new(None),
            drag_delta: RwSignal::new(Pos::default()),
            side: RwSignal::new(Side::Inspector),
            overlay: RwSignal::new(false),
            import_errors: RwSignal::new(Vec::new()),
            previews: RwSignal::new(HashMap::new()),
            report,
            marks,
            index,
            ids,
            edges,
            node_selected: Flags::new(),
            node_dragged: Flags::new(),
            edge_selected: Flags::new(),
            edge_dragged: Flags::new(),
            node_info: Values::new(),
            node_mark: Values::new(),
            clip: StoredValue::new(Clip::default()),
            pos: StoredValue::new(HashMap::new()),
            pos_owner: StoredValue::new(Owner::new()),
        };
        Effect::new(move |_| {
            let ids = store.selection.with(|s| s.iter().cloned().collect());
            state.node_selected.set_on(ids);
        });
        Effect::new(move |_| {
            let e = state.selected_edge.get().into_iter().collect();
            state.edge_selected.set_on(e);
        });
        Effect::new(move |_| {
            let (ids, edges) = state.drag.with(|d| {
                d.as_ref()
                    .map(|d| (d.ids.clone(), d.edge_set.clone()))
                    .unwrap_or_default()
            });
            state.node_dragged.set_on(ids);
            state.edge_dragged.set_on(edges);
        });
        // After each change of the document, the nodes whose type or name
        // changed, and those whose worst problem did.
        Effect::new(move |_| {
            index.with(|ix| {
                store.definition.with(|d| {
                    let info = |id: &str| ix.get(id).and_then(|&i| d.objects.get(i));
                    state.node_info.sync(
                        |id, v| match info(id) {
                            Some(o) => v.0 == type_of(o) && v.1 == o.display_name(),
                            None => v.0.is_empty() && v.1.is_empty(),
                        },
                        |id| info(id).map(NodeInfo::of).unwrap_or_default(),
                    );
                })
            })
        });
        Effect::new(move |_| {
            marks.with(|m| {
                state
                    .node_mark
                    .sync(|id, v| m.get(id) == v.as_ref(), |id| m.get(id).copied())
            })
        });
        // Committed positions (undo, layout, moves) flow into the per-node signals.
        Effect::new(move |_| {
            store.positions.with(|ps| {
                for (id, p) in ps {
                    let sig = state.pos.with_value(|m| m.get(id).copied());
                    match sig {
                        Some(s) => {
                            if s.get_untracked() != *p {
                                s.set(*p);
                            }
                        }
                        None => {
                            state.pos_signal_with(id, *p);
                        }
                    }
                }
            });
        });
        state
    }

    /// The type and name of node `id`, as a signal that changes only
    /// when they do.
    pub fn info_signal(&self, id: &str, store: &DocumentStore) -> RwSignal<NodeInfo> {
        let now = self.index.with_untracked(|ix| {
            store.definition.with_untracked(|d| {
                ix.get(id)
                    .and_then(|&i| d.objects.get(i))
                    .map(NodeInfo::of)
                    .unwrap_or_default()
            })
        });
        self.node_info.get(id, now)
    }

    /// The worst problem of node `id`, as a signal that changes only when
    /// it does.
    pub fn mark_signal(&self, id: &str) -> RwSignal<Option<Severity>> {
        let now = self.marks.with_untracked(|m| m.get(id).copied());
        self.node_mark.get(id, now)
    }

    /// The live position of a node (moves during a drag before the commit).
    pub fn pos_signal(&self, id: &str, store: &DocumentStore) -> RwSignal<Pos> {
        if let Some(s) = self.pos.with_value(|m| m.get(id).copied()) {
            return s;
        }
        let p = store
            .positions
            .with_untracked(|ps| ps.get(id).copied())
            .unwrap_or_default();
        self.pos_signal_with(id, p)
    }

    fn pos_signal_with(&self, id: &str, p: Pos) -> RwSignal<Pos> {
        let s = self.pos_owner.with_value(|o| o.with(|| RwSignal::new(p)));
        self.pos.update_value(|m| {
            m.insert(id.to_string(), s);
        });
        s
    }
}
