//! Edge drawing: where references leave and enter a node, the curve between
//! them, the arrowhead (a plain path, cheaper to paint than an SVG marker)
//! and the label point.

use super::{Pos, Rect, NODE_H, NODE_W};

/// Length and half-width of an arrowhead, canvas units.
const ARROW_LEN: f64 = 9.0;
const ARROW_HALF: f64 = 4.5;

/// Everything needed to draw one edge.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeGeometry {
    /// The curve's path data.
    pub d: String,
    /// The arrowhead's path data (a closed triangle at the target).
    pub arrow: String,
    /// Where the label (the field key) goes: the curve's middle.
    pub label: Pos,
}

/// The point where a node's outgoing handle sits (middle of its right side).
pub fn handle_point(p: Pos) -> Pos {
    Pos::new(p.x + NODE_W, p.y + NODE_H / 2.0)
}

/// The middle of a node's left side, where incoming edges arrive.
pub fn inlet_point(p: Pos) -> Pos {
    Pos::new(p.x, p.y + NODE_H / 2.0)
}

fn bend(a: Pos, b: Pos) -> f64 {
    ((b.x - a.x).abs() / 2.0).max(40.0)
}

/// A cubic Bezier from `a` to `b` leaving rightwards and arriving from the left.
pub fn curve(a: Pos, b: Pos) -> String {
    let bend = bend(a, b);
    format!(
        "M{:.1},{:.1} C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
        a.x,
        a.y,
        a.x + bend,
        a.y,
        b.x - bend,
        b.y,
        b.x,
        b.y
    )
}

/// A filled triangle with its point at `tip`, pointing along (`dx`, `dy`)
/// (any length; a zero direction points right).
pub fn arrow_head(tip: Pos, dx: f64, dy: f64) -> String {
    let len = (dx * dx + dy * dy).sqrt();
    let (ux, uy) = if len > 1e-9 {
        (dx / len, dy / len)
    } else {
        (1.0, 0.0)
    };
    let (bx, by) = (tip.x - ux * ARROW_LEN, tip.y - uy * ARROW_LEN);
    let (px, py) = (-uy * ARROW_HALF, ux * ARROW_HALF);
    format!(
        "M{:.1},{:.1} L{:.1},{:.1} L{:.1},{:.1} Z",
        tip.x,
        tip.y,
        bx + px,
        by + py,
        bx - px,
        by - py
    )
}

/// The edge from object at `from` to object at `to`: out of the source's
/// right side, into the target's left side, with the arrowhead at the target
/// and the label at the curve's middle. A reference to itself loops over the node.
pub fn edge_path(from: Pos, to: Pos) -> EdgeGeometry {
    if from == to {
        let a = Pos::new(from.x + NODE_W - 20.0, from.y);
        let b = Pos::new(from.x + 20.0, from.y);
        let d = format!(
            "M{:.1},{:.1} C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
            a.x,
            a.y,
            a.x,
            a.y - 50.0,
            b.x,
            b.y - 50.0,
            b.x,
            b.y
        );
        return EdgeGeometry {
            d,
            // The loop comes down onto the node's top.
            arrow: arrow_head(b, 0.0, 1.0),
            label: Pos::new(from.x + NODE_W / 2.0, from.y - 40.0),
        };
    }
    let a = handle_point(from);
    let b = inlet_point(to);
    EdgeGeometry {
        d: curve(a, b),
        // The curve's last control point is level with the target, so it arrives heading right.
        arrow: arrow_head(b, 1.0, 0.0),
        label: Pos::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0),
    }
}

/// How far an edge's label (its field key, centred on the curve's middle)
/// and arrowhead reach beyond the curve, canvas units.
const LABEL_REACH: (f64, f64) = (90.0, 20.0);

/// A box holding everything [`edge_path`] draws for the same two nodes:
/// the curve (inside its control points' box), the arrowhead and the label.
pub fn edge_bounds(from: Pos, to: Pos) -> Rect {
    if from == to {
        // The loop rises 50 units above the node; its label sits 40 above.
        return Rect {
            x: from.x - LABEL_REACH.0 + NODE_W / 2.0,
            y: from.y - 50.0 - LABEL_REACH.1,
            w: 2.0 * LABEL_REACH.0,
            h: 50.0 + LABEL_REACH.1,
        }
        .union(&Rect::node(from));
    }
    let a = handle_point(from);
    let b = inlet_point(to);
    let bend = bend(a, b);
    let xs = [a.x, a.x + bend, b.x - bend, b.x];
    let (x0, x1) = xs
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
            (lo.min(*x), hi.max(*x))
        });
    Rect {
        x: x0 - LABEL_REACH.0,
        y: a.y.min(b.y) - LABEL_REACH.1,
        w: x1 - x0 + 2.0 * LABEL_REACH.0,
        h: (a.y - b.y).abs() + 2.0 * LABEL_REACH.1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges_leave_right_and_arrive_left() {
        let g = edge_path(Pos::new(0.0, 0.0), Pos::new(400.0, 100.0));
        assert!(
            g.d.starts_with(&format!("M{:.1},{:.1}", NODE_W, NODE_H / 2.0)),
            "{}",
            g.d
        );
        assert!(
            g.d.ends_with(&format!("400.0,{:.1}", 100.0 + NODE_H / 2.0)),
            "{}",
            g.d
        );
        assert!(g.label.x > NODE_W && g.label.x < 400.0);
        // The arrow's tip is the curve's end.
        assert!(
            g.arrow
                .starts_with(&format!("M400.0,{:.1}", 100.0 + NODE_H / 2.0)),
            "{}",
            g.arrow
        );
        let l = edge_path(Pos::new(0.0, 0.0), Pos::new(0.0, 0.0));
        assert!(l.d.contains("-50.0"), "self reference loops above: {}", l.d);
        assert!(l.label.y < 0.0);
    }

    /// The numbers of an SVG path's data.
    fn numbers(d: &str) -> Vec<f64> {
        d.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
            .filter_map(|t| t.parse().ok())
            .collect()
    }

    #[test]
    fn edge_bounds_hold_the_curve_the_arrow_and_the_label() {
        let cases = [
            (Pos::new(0.0, 0.0), Pos::new(400.0, 100.0)),
            (Pos::new(900.0, 300.0), Pos::new(-200.0, -40.0)),
            (Pos::new(0.0, 0.0), Pos::new(10.0, 400.0)),
            (Pos::new(50.0, 60.0), Pos::new(50.0, 60.0)),
        ];
        for (from, to) in cases {
            let g = edge_path(from, to);
            let r = edge_bounds(from, to);
            let inside = |x: f64, y: f64| x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;
            for d in [&g.d, &g.arrow] {
                let n = numbers(d);
                for p in n.chunks(2) {
                    assert!(inside(p[0], p[1]), "{p:?} of {d} outside {r:?}");
                }
            }
            // The label: a key of up to ~20 characters at 10.5 px, centred.
            assert!(
                inside(g.label.x - 60.0, g.label.y - 14.0) && inside(g.label.x + 60.0, g.label.y)
            );
        }
    }

    #[test]
    fn arrow_heads_point_along_the_direction() {
        // Pointing right: the base is to the left of the tip, spread vertically.
        assert_eq!(
            arrow_head(Pos::new(10.0, 10.0), 1.0, 0.0),
            "M10.0,10.0 L1.0,14.5 L1.0,5.5 Z"
        );
        // Pointing down: the base is above the tip, spread horizontally.
        assert_eq!(
            arrow_head(Pos::new(10.0, 10.0), 0.0, 5.0),
            "M10.0,10.0 L5.5,1.0 L14.5,1.0 Z"
        );
        // No direction: points right rather than producing NaN.
        assert_eq!(
            arrow_head(Pos::new(10.0, 10.0), 0.0, 0.0),
            arrow_head(Pos::new(10.0, 10.0), 1.0, 0.0)
        );
    }
}
