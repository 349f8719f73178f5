//! Interaction geometry of the canvas, in plain Rust (no DOM): positions,
//! the viewport transform (pan and zoom), hit-testing, snapping, edge paths
//! the drag threshold. Edge paths live in `edges`, pan/zoom/pinch in `viewport`.
//! Components only feed pointer events through it.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod edges;
mod viewport;
pub use edges::{curve, edge_bounds, edge_path, handle_point};
pub use viewport::Viewport;

/// Node box size in canvas units.
pub const NODE_W: f64 = 190.0;
pub const NODE_H: f64 = 56.0;
/// Grid step that dragged nodes snap to.
pub const GRID: f64 = 8.0;
/// A pointer must move this far (screen pixels) before a press becomes a drag.
pub const DRAG_THRESHOLD: f64 = 4.0;
pub const MIN_ZOOM: f64 = 0.1;
pub const MAX_ZOOM: f64 = 3.0;

/// A node's top-left corner (canvas units), or any point.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Pos {
    pub x: f64,
    pub y: f64,
}

impl Pos {
    pub fn new(x: f64, y: f64) -> Self {
        Pos { x, y }
    }
    pub fn offset(self, dx: f64, dy: f64) -> Self {
        Pos::new(self.x + dx, self.y + dy)
    }
}

/// Where each object is drawn, by object id. Part of the saved document,
/// never of the exported definition.
pub type Positions = BTreeMap<String, Pos>;

/// An axis-aligned rectangle in canvas units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    /// The rectangle spanned by two corners, in any order.
    pub fn from_corners(a: Pos, b: Pos) -> Self {
        Rect {
            x: a.x.min(b.x),
            y: a.y.min(b.y),
            w: (a.x - b.x).abs(),
            h: (a.y - b.y).abs(),
        }
    }
    /// The box of the node whose top-left corner is `p`.
    pub fn node(p: Pos) -> Self {
        Rect {
            x: p.x,
            y: p.y,
            w: NODE_W,
            h: NODE_H,
        }
    }
    pub fn contains(&self, p: Pos) -> bool {
        p.x >= self.x && p.x <= self.x + self.w && p.y >= self.y && p.y <= self.y + self.h
    }
    pub fn intersects(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
    /// The smallest rectangle holding both.
    pub fn union(&self, o: &Rect) -> Rect {
        let (x0, y0) = (self.x.min(o.x), self.y.min(o.y));
        let x1 = (self.x + self.w).max(o.x + o.w);
        let y1 = (self.y + self.h).max(o.y + o.h);
        Rect {
            x: x0,
            y: y0,
            w: x1 - x0,
            h: y1 - y0,
        }
    }
}

/// The box around every node; `None` when there are none.
pub fn bounds<'a>(positions: impl IntoIterator<Item = &'a Pos>) -> Option<Rect> {
    let mut it = positions.into_iter();
    let first = it.next()?;
    let (mut x0, mut y0, mut x1, mut y1) = (first.x, first.y, first.x, first.y);
    for p in it {
        x0 = x0.min(p.x);
        y0 = y0.min(p.y);
        x1 = x1.max(p.x);
        y1 = y1.max(p.y);
    }
    Some(Rect {
        x: x0,
        y: y0,
        w: x1 - x0 + NODE_W,
        h: y1 - y0 + NODE_H,
    })
}

/// The topmost node under `p` (the last drawn wins, as on screen).
pub fn node_at<'a>(
    positions: impl IntoIterator<Item = (&'a String, &'a Pos)>,
    p: Pos,
) -> Option<&'a str> {
    positions
        .into_iter()
        .filter(|(_, q)| Rect::node(**q).contains(p))
        .last()
        .map(|(id, _)| id.as_str())
}

/// Ids of the nodes touching the rectangle.
pub fn nodes_in<'a>(
    positions: impl IntoIterator<Item = (&'a String, &'a Pos)>,
    r: Rect,
) -> Vec<String> {
    positions
        .into_iter()
        .filter(|(_, q)| Rect::node(**q).intersects(&r))
        .map(|(id, _)| id.clone())
        .collect()
}

/// Round to the grid.
pub fn snap(p: Pos) -> Pos {
    Pos::new((p.x / GRID).round() * GRID, (p.y / GRID).round() * GRID)
}

/// Whether a press that moved by (dx, dy) screen pixels is a drag.
pub fn is_drag(dx: f64, dy: f64) -> bool {
    dx * dx + dy * dy >= DRAG_THRESHOLD * DRAG_THRESHOLD
}

/// Where a new node goes: at `near` if free, else the first free slot below it.
pub fn free_spot(positions: &Positions, near: Pos) -> Pos {
    let mut p = snap(near);
    for _ in 0..500 {
        let r = Rect::node(p);
        let taken = positions.values().any(|q| {
            Rect {
                x: q.x - 8.0,
                y: q.y - 8.0,
                w: NODE_W + 16.0,
                h: NODE_H + 16.0,
            }
            .intersects(&r)
        });
        if !taken {
            return p;
        }
        p = p.offset(0.0, NODE_H + 24.0);
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hit_testing_finds_the_topmost_node() {
        let mut ps = Positions::new();
        ps.insert("A".into(), Pos::new(0.0, 0.0));
        ps.insert("B".into(), Pos::new(100.0, 20.0));
        assert_eq!(node_at(&ps, Pos::new(10.0, 10.0)), Some("A"));
        assert_eq!(node_at(&ps, Pos::new(150.0, 30.0)), Some("B"));
        assert_eq!(node_at(&ps, Pos::new(500.0, 500.0)), None);
        let sel = nodes_in(
            &ps,
            Rect::from_corners(Pos::new(-10.0, -10.0), Pos::new(20.0, 20.0)),
        );
        assert_eq!(sel, ["A"]);
        let all = nodes_in(
            &ps,
            Rect::from_corners(Pos::new(400.0, 400.0), Pos::new(-5.0, -5.0)),
        );
        assert_eq!(all.len(), 2);
    }

    #[test]
    fn snapping_and_drag_threshold() {
        assert_eq!(snap(Pos::new(11.0, 13.0)), Pos::new(8.0, 16.0));
        assert!(!is_drag(2.0, 2.0));
        assert!(is_drag(3.0, 3.0));
    }

    #[test]
    fn bounds_cover_every_node_box() {
        assert_eq!(bounds(&[]), None);
        let b = bounds(&[Pos::new(10.0, 20.0), Pos::new(-30.0, 5.0)]).unwrap();
        assert_eq!(
            (b.x, b.y, b.w, b.h),
            (-30.0, 5.0, 40.0 + NODE_W, 15.0 + NODE_H)
        );
    }

    #[test]
    fn new_nodes_do_not_land_on_others() {
        let mut ps = Positions::new();
        ps.insert("A".into(), Pos::new(0.0, 0.0));
        let p = free_spot(&ps, Pos::new(4.0, 4.0));
        assert!(!Rect::node(p).intersects(&Rect::node(Pos::new(0.0, 0.0))));
        assert_eq!(free_spot(&ps, Pos::new(400.0, 0.0)), Pos::new(400.0, 0.0));
    }
}
