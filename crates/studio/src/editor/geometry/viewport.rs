//! The viewport: pan and zoom of the canvas (screen = world * k + offset),
//! wheel zoom, two-finger pinch, fit-to-view and the visible rectangle.

use super::{Pos, Rect, MAX_ZOOM, MIN_ZOOM};

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
    /// The world rectangle the canvas draws in a `width` x `height` screen:
    /// the visible one grown by at least half a view each way, its sides on
    /// half-view steps. It stays the same while a pan stays within half a
    /// view (only a zoom or a longer pan changes it), so what is drawn is not
    /// recomputed on every pan frame, and a short pan never shows a gap.
    pub fn drawn(&self, width: f64, height: f64) -> Rect {
        let v = self.visible(width, height);
        let (sx, sy) = (v.w / 2.0, v.h / 2.0);
        if !(sx.is_finite() && sy.is_finite() && sx > 0.0 && sy > 0.0) {
            return v;
        }
        let x0 = ((v.x - sx) / sx).floor() * sx;
        let y0 = ((v.y - sy) / sy).floor() * sy;
        let x1 = ((v.x + v.w + sx) / sx).ceil() * sx;
        let y1 = ((v.y + v.h + sy) / sy).ceil() * sy;
        Rect {
            x: x0,
            y: y0,
            w: x1 - x0,
            h: y1 - y0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_drawn_rectangle_holds_the_view_and_moves_in_half_view_steps() {
        let v = Viewport {
            x: -1234.0,
            y: 567.0,
            k: 0.5,
        };
        let (w, h) = (800.0, 600.0);
        let seen = v.visible(w, h);
        let d = v.drawn(w, h);
        // At least half a view more on every side.
        assert!(d.x <= seen.x - seen.w / 2.0 && d.y <= seen.y - seen.h / 2.0);
        assert!(d.x + d.w >= seen.x + seen.w * 1.5 && d.y + d.h >= seen.y + seen.h * 1.5);
        // Small pans keep it: panning by a few pixels at a time, it changes
        // at most once per half view (here 400 screen px) travelled.
        let mut changes = 0;
        let mut last = d;
        for step in 1..=100 {
            let p = v.pan(-8.0 * step as f64, 0.0).drawn(w, h);
            if p != last {
                changes += 1;
                last = p;
            }
            let now = v.pan(-8.0 * step as f64, 0.0).visible(w, h);
            assert!(
                p.x <= now.x && p.x + p.w >= now.x + now.w,
                "the view stays inside"
            );
        }
        assert!((1..=2).contains(&changes), "{changes} changes over 800 px");
        // A zoom changes it; an empty screen draws what is visible (nothing).
        assert_ne!(v.zoom_at(Pos::new(10.0, 10.0), 2.0).drawn(w, h), d);
        assert_eq!(v.drawn(0.0, 0.0), v.visible(0.0, 0.0));
    }

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
}
