//! What the timeline draws for a time window, in plain Rust: only the
//! spans and marks inside the window, and runs of spans too narrow to tell
//! apart merged into one bar (so a zoomed-out year of 10,000 attempts
//! stays a few hundred shapes), and under the bars the lease strip (each
//! hand-out's acknowledgement window and lease). Also zoom, pan and the
//! time axis ticks.

use chrono::{Duration, NaiveDateTime};

use std::sync::Arc;

use super::timeline_data::{MarkKind, Span, SpanKind, Timeline};
use crate::engine::Status;

/// Height of one lane and the gap between rows, in pixels.
pub const LANE_H: f64 = 28.0;
pub const ROW_GAP: f64 = 10.0;
/// Where in a lane the bars are drawn (from its top), and how high.
pub const BAR_TOP: f64 = 3.0;
pub const BAR_H: f64 = 16.0;
/// Where the lease strip is drawn, and how high.
pub const STRIP_TOP: f64 = 21.0;
pub const STRIP_H: f64 = 5.0;
/// The lease strip is drawn while a default 15-minute lease is at least a
/// pixel wide: zoomed out further, every lane's strip would merge into one
/// line that tells nothing (and cost the scene most of its spans).
pub const STRIP_MIN_PX_PER_SEC: f64 = 1.0 / 900.0;
/// Spans narrower than this merge with their neighbours.
const MERGE_PX: f64 = 3.0;

/// The visible time window.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    /// Seconds from the timeline's origin at the left edge.
    pub start: f64,
    pub px_per_sec: f64,
    /// Width of the drawing area in pixels.
    pub width: f64,
}

impl Window {
    /// The whole of `length` seconds in `width` pixels.
    pub fn fit(length: i64, width: f64) -> Window {
        Window {
            start: 0.0,
            px_per_sec: width / (length.max(60) as f64 * 1.02),
            width,
        }
    }
    pub fn end(&self) -> f64 {
        self.start + self.width / self.px_per_sec
    }
    pub fn x(&self, secs: f64) -> f64 {
        (secs - self.start) * self.px_per_sec
    }
    /// Zoom by `factor` keeping the time under pixel `at` in place
    /// (from a year per screen to a second per 200 px).
    pub fn zoom_at(&self, at: f64, factor: f64) -> Window {
        let t = self.start + at / self.px_per_sec;
        let px = (self.px_per_sec * factor).clamp(self.width / (400.0 * 86_400.0), 200.0);
        Window {
            start: (t - at / px).max(0.0),
            px_per_sec: px,
            width: self.width,
        }
    }
    /// Scroll by `dx` pixels (positive: later).
    pub fn pan(&self, dx: f64) -> Window {
        Window {
            start: (self.start + dx / self.px_per_sec).max(0.0),
            ..*self
        }
    }
    /// Move so `secs` is in view (a third from the left), if it is not.
    pub fn reveal(&self, secs: f64) -> Window {
        if secs >= self.start && secs <= self.end() {
            return *self;
        }
        Window {
            start: (secs - self.width / 3.0 / self.px_per_sec).max(0.0),
            ..*self
        }
    }
}

/// One drawn bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub class: &'static str,
    /// Index of the attempt (or instance, for waiting) it stands for;
    /// None when several merged.
    pub attempt: Option<u32>,
    pub instance: Option<u32>,
    pub count: u32,
    pub holder: Option<Arc<str>>,
    /// The seconds it spans (of a single span: `count` 1).
    pub span: (i64, i64),
}

/// One drawn point event.
#[derive(Clone, Debug, PartialEq)]
pub struct Pin {
    pub x: f64,
    pub y: f64,
    pub class: &'static str,
    pub kind: MarkKind,
    pub attempt: u32,
    /// Its second of the timeline.
    pub at: i64,
}

/// A row's label and its vertical place.
#[derive(Clone, Debug, PartialEq)]
pub struct RowBand {
    pub component: String,
    pub y: f64,
    pub h: f64,
}

/// Everything to draw for a window.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Scene {
    pub bars: Vec<Bar>,
    /// The lease strip: acknowledgement windows and leases.
    pub strips: Vec<Bar>,
    /// Zoomed out too far for the lease strip (`STRIP_MIN_PX_PER_SEC`).
    pub strips_hidden: bool,
    pub pins: Vec<Pin>,
    pub rows: Vec<RowBand>,
    pub height: f64,
}

/// The CSS class of a span.
pub fn span_class(kind: SpanKind, outcome: Option<Status>) -> &'static str {
    match kind {
        SpanKind::Waiting => "tl-wait",
        SpanKind::Queued => "tl-queued",
        SpanKind::RetryDelay => "tl-retry",
        SpanKind::AckWindow => "tl-ackwin",
        SpanKind::Lease => "tl-held",
        SpanKind::LeaseLeft => "tl-held-left",
        SpanKind::Running => match outcome {
            None => "tl-run",
            Some(Status::Finished) | Some(Status::MarkFinished) => "tl-ok",
            Some(Status::Canceled) | Some(Status::Skipped) => "tl-cancel",
            Some(_) => "tl-fail",
        },
    }
}

/// Which class a merged bar takes: what matters most when zoomed out.
#[cfg(test)]
fn priority(class: &str) -> u8 {
    match class {
        "tl-fail" => 6,
        "tl-run" => 5,
        "tl-retry" => 4,
        "tl-cancel" => 3,
        "tl-ok" => 2,
        "tl-queued" => 1,
        "tl-held-left" => 3,
        "tl-ackwin" => 2,
        "tl-held" => 1,
        _ => 0,
    }
}

/// `priority(span_class(kind, outcome))` without comparing names.
fn span_priority(kind: SpanKind, outcome: Option<Status>) -> u8 {
    match kind {
        SpanKind::Waiting => 0,
        SpanKind::Queued => 1,
        SpanKind::RetryDelay => 4,
        // Only merged with each other (the lease strip).
        SpanKind::LeaseLeft => 3,
        SpanKind::AckWindow => 2,
        SpanKind::Lease => 1,
        SpanKind::Running => match outcome {
            None => 5,
            Some(Status::Finished) | Some(Status::MarkFinished) => 2,
            Some(Status::Canceled) | Some(Status::Skipped) => 3,
            Some(_) => 6,
        },
    }
}

/// The CSS class of a mark.
pub fn mark_class(kind: MarkKind) -> &'static str {
    match kind {
        MarkKind::LeaseExpired => "tl-lease",
        MarkKind::Reassigned => "tl-reassign",
        MarkKind::TimedOut => "tl-timeout",
    }
}

/// The rows' bands and the height, without the shapes.
pub fn layout(tl: &Timeline) -> Scene {
    let mut out = Scene::default();
    let mut y = 0.0;
    for row in &tl.rows {
        let h = row.lanes.len() as f64 * LANE_H;
        out.rows.push(RowBand {
            component: row.component.clone(),
            y,
            h,
        });
        y += h + ROW_GAP;
    }
    out.height = y;
    out
}

/// The shapes inside `win`. Each lane's spans and marks are sorted by
/// time, so only the visible part of each lane is read.
pub fn scene(tl: &Timeline, win: &Window) -> Scene {
    let (t0, t1) = (win.start, win.end());
    let mut out = layout(tl);
    out.strips_hidden = win.px_per_sec < STRIP_MIN_PX_PER_SEC;
    for (row, band) in tl.rows.iter().zip(out.rows.iter()) {
        let y = band.y;
        for (l, lane) in row.lanes.iter().enumerate() {
            let ly = y + l as f64 * LANE_H;
            let from = lane.spans.partition_point(|s| (s.end as f64) < t0);
            let spans: Vec<&[Span]> = lane.spans.slices(from..lane.spans.len()).collect();
            lane_bars(&spans, win, ly, &mut out.bars);
            if !out.strips_hidden {
                let from = lane.leases.partition_point(|s| (s.end as f64) < t0);
                lane_bars(&[&lane.leases[from..]], win, ly, &mut out.strips);
            }
            // One pin per pixel column per kind.
            let from = lane.marks.partition_point(|m| (m.at as f64) < t0);
            let mut last: Vec<(MarkKind, i64)> = Vec::new();
            for m in &lane.marks[from..] {
                let t = m.at as f64;
                if t > t1 {
                    break;
                }
                let x = win.x(t);
                let key = (m.kind, x.round() as i64);
                if last.contains(&key) {
                    continue;
                }
                last.retain(|k| k.0 != key.0);
                last.push(key);
                out.pins.push(Pin {
                    x,
                    y: ly,
                    class: mark_class(m.kind),
                    kind: m.kind,
                    attempt: m.attempt,
                    at: m.at,
                });
            }
        }
    }
    out
}

/// The bars of one lane's visible spans, runs too narrow to tell apart merged.
/// `spans`: the lane's spans from the first that ends in the window, as
/// slices (a slice's loop is tight; one flattened iterator was 5 times
/// slower in the browser, and so was this loop inlined into the view).
#[inline(never)]
fn lane_bars(spans: &[&[Span]], win: &Window, ly: f64, bars: &mut Vec<Bar>) {
    let (t0, t1) = (win.start, win.end());
    // The bar still open for merging, and the priority of its class.
    let mut open: Option<(Bar, u8)> = None;
    'lane: for slice in spans {
        for s in slice.iter() {
            if (s.start as f64) > t1 {
                break 'lane;
            }
            if (s.end as f64) < t0 {
                continue;
            }
            let x0 = win.x(s.start as f64).max(-1.0);
            let x1 = win.x(s.end as f64).min(win.width + 1.0);
            let class = span_class(s.kind, s.outcome);
            let pri = span_priority(s.kind, s.outcome);
            if let Some((b, bp)) = open.as_mut() {
                let narrow = x1 - x0 < MERGE_PX && (b.w < MERGE_PX || b.count > 1);
                if narrow && x0 - (b.x + b.w) < 1.0 {
                    b.w = (x1 - b.x).max(b.w);
                    if pri > *bp {
                        b.class = class;
                        *bp = pri;
                    }
                    b.count += 1;
                    b.span.1 = b.span.1.max(s.end);
                    if b.count == 2 {
                        b.attempt = None;
                        b.instance = None;
                        b.holder = None;
                    }
                    continue;
                }
                bars.extend(open.take().map(|o| o.0));
            }
            open = Some((
                Bar {
                    x: x0,
                    y: ly,
                    w: (x1 - x0).max(1.0),
                    class,
                    attempt: s.attempt,
                    instance: Some(s.instance),
                    count: 1,
                    holder: s.holder.clone(),
                    span: (s.start, s.end),
                },
                pri,
            ));
        }
    }
    bars.extend(open.map(|o| o.0));
}

/// What a point of the drawing (view pixels, from the top-left of the
/// bars' area) is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    Bar(usize),
    Pin(usize),
    /// A span of the lease strip.
    Strip(usize),
}

/// The one of `shapes` under `x` whose band (`top`..`bottom` of its
/// lane) holds `y`; shapes narrower than a few pixels are hit within 2 px.
fn under(shapes: &[Bar], x: f64, y: f64, top: f64, bottom: f64) -> Option<usize> {
    let in_band = |b: &Bar| y >= b.y + top && y <= b.y + bottom;
    shapes
        .iter()
        .position(|b| in_band(b) && x >= b.x && x <= b.x + b.w)
        .or_else(|| {
            shapes
                .iter()
                .position(|b| in_band(b) && x >= b.x - 2.0 && x <= b.x + b.w + 2.0)
        })
}

/// The mark, bar or lease strip span under (`x`, `y`): marks first (they
/// are drawn on top); the strip is hit a pixel above and below it.
pub fn hit(s: &Scene, x: f64, y: f64) -> Option<Hit> {
    let pin = s
        .pins
        .iter()
        .rposition(|p| (x - p.x).abs() <= 6.0 && y >= p.y && y <= p.y + BAR_TOP + BAR_H);
    if let Some(k) = pin {
        return Some(Hit::Pin(k));
    }
    under(&s.bars, x, y, BAR_TOP, BAR_TOP + BAR_H)
        .map(Hit::Bar)
        .or_else(|| {
            under(&s.strips, x, y, STRIP_TOP - 1.5, STRIP_TOP + STRIP_H + 1.5).map(Hit::Strip)
        })
}

/// Axis ticks (pixel x, label) at a round step at least 90 px apart.
pub fn ticks(origin: NaiveDateTime, win: &Window) -> Vec<(f64, String)> {
    const STEPS: [i64; 14] = [
        1, 5, 15, 30, 60, 300, 900, 1800, 3600, 10_800, 21_600, 43_200, 86_400, 604_800,
    ];
    let step = STEPS
        .iter()
        .copied()
        .find(|s| *s as f64 * win.px_per_sec >= 90.0)
        .unwrap_or(2_592_000);
    let fmt = if step >= 86_400 {
        "%m-%d"
    } else if step >= 60 {
        "%m-%d %H:%M"
    } else {
        "%H:%M:%S"
    };
    let first = (win.start / step as f64).ceil() as i64;
    let last = (win.end() / step as f64).floor() as i64;
    (first..=last.min(first + 200))
        .map(|k| {
            let secs = k * step;
            let label = (origin + Duration::seconds(secs)).format(fmt).to_string();
            (win.x(secs as f64), label)
        })
        .collect()
}

#[cfg(test)]
#[test]
fn span_priority_is_the_priority_of_the_span_class() {
    use SpanKind::*;
    for kind in [
        Waiting, Queued, Running, RetryDelay, AckWindow, Lease, LeaseLeft,
    ] {
        for outcome in [
            None,
            Some(Status::Finished),
            Some(Status::MarkFinished),
            Some(Status::Canceled),
            Some(Status::Skipped),
            Some(Status::Failed),
            Some(Status::CascadeFailed),
            Some(Status::Timedout),
        ] {
            let want = priority(span_class(kind, outcome));
            assert_eq!(span_priority(kind, outcome), want, "{kind:?} {outcome:?}");
        }
    }
}
