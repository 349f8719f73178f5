//! Interaction geometry of the canvas, in plain Rust (no DOM): positions,
//! the viewport transform (pan and zoom), hit-testing, snapping, edge paths
//! the drag threshold and touch pinch. Edge paths live in `edges`.
//! Components only feed pointer events through it.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod edges;
pub use edges::{curve, edge_path, handle_point};

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
}

/// Pan and zoom: screen = world * k + (x, y).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub x: f64,
    pub y: f64,
    pub k: f64,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport {
            x: 0.0,
            y: 0.0,
            k: 1.0,
        }
    }
}

impl Viewport {
    pub fn to_world(self, screen: Pos) -> Pos {
        Pos::new((screen.x - self.x) / self.k, (screen.y - self.y) / self.k)
    }
    #[cfg(test)]
    pub fn to_screen(self, world: Pos) -> Pos {
        Pos::new(world.x * self.k + self.x, world.y * self.k + self.y)
    }
    /// The SVG `transform` of the group that holds the drawing.
    pub fn transform(&self) -> String {
        format!(
            "translate({:.2},{:.2}) scale({:.4})",
            self.x, self.y, self.k
        )
    }
    pub fn pan(&self, dx: f64, dy: f64) -> Self {
        Viewport {
            x: self.x + dx,
            y: self.y + dy,
            k: self.k,
        }
    }
    /// Zoom by `factor` keeping the world point under `screen` in place.
    pub fn zoom_at(&self, screen: Pos, factor: f64) -> Self {
        let k = (self.k * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let w = self.to_world(screen);
        Viewport {
            x: screen.x - w.x * k,
            y: screen.y - w.y * k,
            k,
        }
    }
    /// Two-finger pinch: the fingers went from (`a0`, `b0`) to (`a1`, `b1`)
    /// (screen points) since this viewport was current. Zooms by the ratio of
    /// their distances and keeps the world point under their midpoint under
    /// the new midpoint (so a pinch also pans). Fingers on one spot change nothing.
    pub fn pinch(&self, a0: Pos, b0: Pos, a1: Pos, b1: Pos) -> Self {
        let dist = |a: Pos, b: Pos| ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt();
        let mid = |a: Pos, b: Pos| Pos::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0);
        let (d0, d1) = (dist(a0, b0), dist(a1, b1));
        let factor = if d0 < 1.0 || !d1.is_finite() {
            1.0
        } else {
            d1 / d0
        };
        let k = (self.k * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let w = self.to_world(mid(a0, b0));
        let m1 = mid(a1, b1);
        Viewport {
            x: m1.x - w.x * k,
            y: m1.y - w.y * k,
            k,
        }
    }
    /// The zoom factor for a wheel movement (`delta_y` pixels).
    pub fn wheel_factor(delta_y: f64) -> f64 {
        (-delta_y.clamp(-200.0, 200.0) * 0.002).exp()
    }
    /// Show `bounds` centred in a `width` x `height` screen with `margin`
    /// pixels around, never zooming in past 1.
    pub fn fit(bounds: Rect, width: f64, height: f64, margin: f64) -> Self {
        if width <= 0.0 || height <= 0.0 || bounds.w <= 0.0 || bounds.h <= 0.0 {
            return Viewport::default();
        }
        let kx = (width - 2.0 * margin).max(1.0) / bounds.w;
        let ky = (height - 2.0 * margin).max(1.0) / bounds.h;
        let k = kx.min(ky).clamp(MIN_ZOOM, 1.0);
        Viewport {
            x: (width - bounds.w * k) / 2.0 - bounds.x * k,
            y: (height - bounds.h * k) / 2.0 - bounds.y * k,
            k,
        }
    }
    /// The world rectangle visible in a `width` x `height` screen.
    pub fn visible(&self, width: f64, height: f64) -> Rect {
        let a = self.to_world(Pos::new(0.0, 0.0));
        Rect {
            x: a.x,
            y: a.y,
            w: width / self.k,
            h: height / self.k,
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
    fn world_and_screen_round_trip() {
        let v = Viewport {
            x: 30.0,
            y: -12.0,
            k: 1.5,
        };
        let w = Pos::new(10.0, 20.0);
        let s = v.to_screen(w);
        assert_eq!(s, Pos::new(45.0, 18.0));
        assert_eq!(v.to_world(s), w);
    }

    #[test]
    fn zoom_keeps_the_point_under_the_cursor() {
        let v = Viewport {
            x: 5.0,
            y: 7.0,
            k: 1.0,
        };
        let cursor = Pos::new(200.0, 100.0);
        let before = v.to_world(cursor);
        let z = v.zoom_at(cursor, 1.7);
        let after = z.to_world(cursor);
        assert!((before.x - after.x).abs() < 1e-9 && (before.y - after.y).abs() < 1e-9);
        assert!((z.k - 1.7).abs() < 1e-12);
        assert_eq!(v.zoom_at(cursor, 1000.0).k, MAX_ZOOM);
        assert_eq!(v.zoom_at(cursor, 0.0001).k, MIN_ZOOM);
    }

    #[test]
    fn wheel_up_zooms_in_and_down_zooms_out() {
        assert!(Viewport::wheel_factor(-100.0) > 1.0);
        assert!(Viewport::wheel_factor(100.0) < 1.0);
        assert!(Viewport::wheel_factor(1e9).is_finite());
    }

    #[test]
    fn pinch_zooms_by_finger_distance_around_their_midpoint() {
        let v = Viewport {
            x: 10.0,
            y: 20.0,
            k: 1.0,
        };
        let (a0, b0) = (Pos::new(100.0, 100.0), Pos::new(200.0, 100.0));
        // Spread to twice the distance around the same midpoint: zoom x2 there.
        let z = v.pinch(a0, b0, Pos::new(50.0, 100.0), Pos::new(250.0, 100.0));
        assert!((z.k - 2.0).abs() < 1e-12);
        let m = Pos::new(150.0, 100.0);
        let (w0, w1) = (v.to_world(m), z.to_world(m));
        assert!((w0.x - w1.x).abs() < 1e-9 && (w0.y - w1.y).abs() < 1e-9);
        // Pinching in zooms out; moving both fingers pans.
        assert!(
            v.pinch(a0, b0, Pos::new(130.0, 100.0), Pos::new(170.0, 100.0))
                .k
                < 1.0
        );
        let p = v.pinch(a0, b0, a0.offset(30.0, -5.0), b0.offset(30.0, -5.0));
        assert_eq!((p.x, p.y, p.k), (40.0, 15.0, 1.0));
        // Clamped, and fingers on one spot are ignored rather than dividing by zero.
        assert_eq!(v.pinch(a0, b0, a0, Pos::new(1e9, 100.0)).k, MAX_ZOOM);
        assert_eq!(v.pinch(a0, a0, a0, b0).k, 1.0);
        assert_eq!(v.pinch(a0, b0, a0, b0), v);
    }

    #[test]
    fn fit_centres_the_bounds_inside_the_screen() {
        let b = Rect {
            x: 100.0,
            y: 50.0,
            w: 1000.0,
            h: 400.0,
        };
        let v = Viewport::fit(b, 800.0, 600.0, 20.0);
        let tl = v.to_screen(Pos::new(b.x, b.y));
        let br = v.to_screen(Pos::new(b.x + b.w, b.y + b.h));
        assert!(tl.x >= 19.9 && br.x <= 780.1, "{tl:?} {br:?}");
        assert!((tl.y - (600.0 - br.y)).abs() < 1e-6, "vertically centred");
        // Small drawings are not blown up.
        let small = Viewport::fit(
            Rect {
                x: 0.0,
                y: 0.0,
                w: 10.0,
                h: 10.0,
            },
            800.0,
            600.0,
            20.0,
        );
        assert_eq!(small.k, 1.0);
        // Degenerate screens give the identity, never NaN.
        assert_eq!(Viewport::fit(b, 0.0, 600.0, 20.0), Viewport::default());
    }

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
