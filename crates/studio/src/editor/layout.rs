//! Node placement, in plain Rust (no DOM): a quick first placement for
//! documents that have none, and the on-demand auto-layout: layered, left to
//! right, with data flow and dependencies driving the ranks (rust-sugiyama),
//! hub objects (Default, schedules, resources: reached only through
//! `parent`, `schedule`, `runsOn`) placed after in a band below, cached by
//! graph content.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};

use petgraph::stable_graph::{NodeIndex, StableDiGraph};

use super::geometry::{bounds, Pos, Positions, NODE_H, NODE_W};
use crate::model::catalog::{self, keys};
use crate::model::Definition;

const GAP_X: f64 = 90.0;
const GAP_Y: f64 = 28.0;
const MARGIN: f64 = 40.0;

/// References that tangle a drawing: every object has them, to a few shared
/// objects. Hidden on request and left out of the layered layout.
pub const HUB_KEYS: [&str; 3] = [keys::PARENT, keys::SCHEDULE, keys::RUNS_ON];

/// References drawn against the data flow: `A input B` means B feeds A,
/// `A dependsOn B` and `A precondition P` mean B and P come first. The
/// canvas draws them in flow direction too (B → A, labelled with the key).
pub const UPSTREAM_KEYS: [&str; 3] = [keys::INPUT, keys::DEPENDS_ON, keys::PRECONDITION];

/// The flow edges of the layout, as (upstream, downstream) object indices,
/// without duplicates, self-references or references to missing objects.
pub fn flow_edges(def: &Definition) -> Vec<(usize, usize)> {
    let index: HashMap<&str, usize> = def
        .objects
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.as_str(), i))
        .collect();
    let mut seen = BTreeSet::new();
    for (i, o) in def.objects.iter().enumerate() {
        for (key, target) in o.references() {
            if HUB_KEYS.contains(&key) {
                continue;
            }
            let Some(&j) = index.get(target.as_str()) else {
                continue;
            };
            if i == j {
                continue;
            }
            let e = if UPSTREAM_KEYS.contains(&key) {
                (j, i)
            } else {
                (i, j)
            };
            seen.insert(e);
        }
    }
    seen.into_iter().collect()
}

/// A hash of what the layout depends on: ids, types and flow edges.
pub fn graph_key(def: &Definition) -> u64 {
    let mut h = DefaultHasher::new();
    for o in &def.objects {
        o.id.hash(&mut h);
        o.type_name().hash(&mut h);
    }
    flow_edges(def).hash(&mut h);
    h.finish()
}

/// Layered left-to-right positions for every object.
pub fn auto_layout(def: &Definition) -> Positions {
    let edges = flow_edges(def);
    let mut in_flow = vec![false; def.objects.len()];
    for &(a, b) in &edges {
        in_flow[a] = true;
        in_flow[b] = true;
    }
    let mut g: StableDiGraph<usize, ()> = StableDiGraph::new();
    let mut node_of: HashMap<usize, NodeIndex> = HashMap::new();
    for (i, _) in in_flow.iter().enumerate().filter(|(_, f)| **f) {
        node_of.insert(i, g.add_node(i));
    }
    for &(a, b) in &edges {
        g.add_edge(node_of[&a], node_of[&b], ());
    }
    let config = rust_sugiyama::configure::Config {
        vertex_spacing: GAP_Y,
        // Transposition improves crossings a little at a high price on big graphs.
        transpose: node_of.len() <= 150,
        ..Default::default()
    };
    let mut out = Positions::new();
    let mut top = MARGIN;
    if g.node_count() > 0 {
        // rust-sugiyama draws top-down: give it transposed boxes and turn
        // its layers (y) into our columns (x).
        let layouts = rust_sugiyama::from_graph(&g, &|_, _| (NODE_H, NODE_W), &config);
        for (coords, _w, _h) in layouts {
            let mut layers: Vec<f64> = coords.iter().map(|(_, (_, y))| *y).collect();
            layers.sort_by(f64::total_cmp);
            layers.dedup_by(|a, b| (*a - *b).abs() < 0.5);
            let min_x = coords
                .iter()
                .map(|(_, (x, _))| *x)
                .fold(f64::INFINITY, f64::min);
            let mut bottom = top;
            for (n, (x, y)) in &coords {
                let col = layers.iter().position(|l| (l - y).abs() < 0.5).unwrap_or(0);
                let Some(&i) = g.node_weight(*n) else {
                    continue;
                };
                let p = Pos::new(MARGIN + col as f64 * (NODE_W + GAP_X), top + (x - min_x));
                bottom = bottom.max(p.y + NODE_H);
                out.insert(def.objects[i].id.as_str().to_string(), p);
            }
            top = bottom + GAP_Y * 2.0;
        }
    }
    // Hubs and loose objects after, in a band below, grouped by category.
    let mut rest: Vec<(usize, usize)> = in_flow
        .iter()
        .enumerate()
        .filter(|(_, f)| !**f)
        .map(|(i, _)| (category_rank(def, i), i))
        .collect();
    rest.sort();
    let per_row = ((out.len() as f64).sqrt().ceil() as usize).clamp(4, 12);
    for (k, (_, i)) in rest.into_iter().enumerate() {
        let p = Pos::new(
            MARGIN + (k % per_row) as f64 * (NODE_W + GAP_X / 2.0),
            top + (k / per_row) as f64 * (NODE_H + GAP_Y),
        );
        out.insert(def.objects[i].id.as_str().to_string(), p);
    }
    out
}

fn category_rank(def: &Definition, i: usize) -> usize {
    let o = &def.objects[i];
    let ty = o.type_name().unwrap_or(catalog::names::DEFAULT);
    catalog::type_info(ty)
        .and_then(|t| catalog::Category::ALL.iter().position(|c| *c == t.category))
        .map_or(100, |c| {
            if ty == catalog::names::DEFAULT {
                0
            } else {
                c + 1
            }
        })
}

/// Auto-layout results by graph content, so pressing the button again on an
/// unchanged graph costs nothing.
#[derive(Default)]
pub struct LayoutCache {
    entries: BTreeMap<u64, Positions>,
}

impl LayoutCache {
    /// The layout of `def`, computed once per graph content.
    pub fn get(&mut self, def: &Definition) -> (Positions, bool) {
        let key = graph_key(def);
        if let Some(p) = self.entries.get(&key) {
            return (p.clone(), true);
        }
        let p = auto_layout(def);
        if self.entries.len() >= 16 {
            self.entries.clear();
        }
        self.entries.insert(key, p.clone());
        (p, false)
    }
}

/// A layout of a whole definition.
type FullLayout = fn(&Definition) -> Positions;

thread_local! {
    /// How a document with no positions at all is laid out. The app's
    /// first module leaves the auto-layout out (rust-sugiyama is in the
    /// lazily loaded module, see the app's `ui::lazy`, which sets it at start): there,
    /// such documents only come from that module, already laid out.
    static FULL_LAYOUT: std::cell::Cell<Option<FullLayout>> =
        const { std::cell::Cell::new(NATIVE_FULL_LAYOUT) };
}

#[cfg(not(target_arch = "wasm32"))]
const NATIVE_FULL_LAYOUT: Option<FullLayout> = Some(auto_layout);
#[cfg(target_arch = "wasm32")]
const NATIVE_FULL_LAYOUT: Option<FullLayout> = None;

/// Lay out documents that have no positions with the auto-layout (the
/// lazily loaded module calls this at start).
pub fn use_auto_layout_for_new_documents() {
    FULL_LAYOUT.with(|f| f.set(Some(auto_layout)));
}

/// Give every object without a position one: new objects go below what is
/// drawn; a document with no positions at all gets the auto-layout (where
/// it is linked; else the same rows as new objects).
pub fn place_missing(def: &Definition, positions: &mut Positions) {
    if positions.is_empty() {
        if let Some(full) = FULL_LAYOUT.with(|f| f.get()) {
            *positions = full(def);
            return;
        }
    }
    let b = bounds(positions.values());
    let (x0, mut y) = b.map_or((MARGIN, MARGIN), |b| (b.x, b.y + b.h + GAP_Y));
    let mut col = 0;
    for o in &def.objects {
        if positions.contains_key(o.id.as_str()) {
            continue;
        }
        positions.insert(
            o.id.as_str().to_string(),
            Pos::new(x0 + col as f64 * (NODE_W + GAP_X), y),
        );
        col += 1;
        if col == 6 {
            col = 0;
            y += NODE_H + GAP_Y;
        }
    }
}

#[cfg(test)]
mod tests;
