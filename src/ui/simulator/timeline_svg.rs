//! The timeline's drawing as SVG markup, in plain Rust: row bands and
//! labels, axis ticks and the "now" line (redrawn every frame), and the
//! scene's bars and marks (each with its object id and a tip) with the
//! selection, drawn for a band wider than the view and moved by a transform
//! while scrolling and zooming. Each layer is set as the inner HTML of one
//! group: one DOM update, not one per shape.

use std::fmt::Write;

use chrono::NaiveDateTime;

use super::filters::instance_of;
use super::timeline_data::MarkKind;
use super::timeline_view::{ticks, Scene, Window, LANE_H};
use crate::engine::Subject;
use crate::model::catalog::keys;

/// Width of the row labels left of the drawing, and height of the axis.
pub const GUTTER: f64 = 120.0;
pub const AXIS: f64 = 22.0;

pub const MARKS: [(MarkKind, &str); 3] = [
    (MarkKind::LeaseExpired, "lease expired"),
    (MarkKind::Reassigned, "not acknowledged: handed out again"),
    (MarkKind::TimedOut, keys::ATTEMPT_TIMEOUT),
];

/// The outline of a mark at (x, y) of a lane.
pub fn pin_points(kind: MarkKind, x: f64, y: f64) -> String {
    let (m, b) = (y + LANE_H / 2.0, y + LANE_H - 4.0);
    match kind {
        MarkKind::LeaseExpired => format!(
            "{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
            x - 6.0,
            y + 1.0,
            x + 6.0,
            y + 1.0,
            x,
            m + 2.0
        ),
        MarkKind::Reassigned => format!(
            "{:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
            x,
            y + 2.0,
            x + 6.0,
            m,
            x,
            b + 2.0,
            x - 6.0,
            m
        ),
        MarkKind::TimedOut => format!(
            "{:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
            x - 5.0,
            y + 3.0,
            x + 5.0,
            y + 3.0,
            x + 5.0,
            y + 13.0,
            x - 5.0,
            y + 13.0
        ),
    }
}

/// Text for markup (ids and names come from the user's definition).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// What the markup needs besides the scene.
pub struct Frame<'a> {
    pub win: &'a Window,
    pub origin: Option<NaiveDateTime>,
    /// Seconds from the origin to now.
    pub length: i64,
    pub selected: Option<&'a str>,
}

/// The markup of the axis layer: row bands and labels, ticks and the
/// "now" line, for the visible window (cheap: a few dozen shapes).
pub fn axis_markup(s: &Scene, f: &Frame) -> String {
    let w = f.win;
    let mut out = String::with_capacity(4096);
    for (k, r) in s.rows.iter().enumerate() {
        let _ = write!(
            out,
            r#"<rect class="band{}" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"></rect><text class="row-label" x="{:.1}" y="{:.1}">{}</text>"#,
            if k % 2 == 0 { " even" } else { "" },
            -GUTTER,
            r.y,
            w.width + GUTTER,
            r.h,
            8.0 - GUTTER,
            r.y + 15.0,
            escape(&r.component)
        );
    }
    if let Some(o) = f.origin {
        for (x, label) in ticks(o, w) {
            let _ = write!(
                out,
                r#"<line class="tick" x1="{x:.1}" x2="{x:.1}" y1="-4" y2="{:.1}"></line><text class="tick-label" x="{:.1}" y="-8">{label}</text>"#,
                s.height,
                x + 3.0
            );
        }
    }
    out
}

/// The "now" line of the visible window.
pub fn now_markup(s: &Scene, f: &Frame) -> String {
    let now_x = f.win.x(f.length as f64);
    format!(
        r#"<line class="now" x1="{now_x:.1}" x2="{now_x:.1}" y1="{:.1}" y2="{:.1}"><title>now</title></line>"#,
        -AXIS, s.height
    )
}

/// The markup of a scene's bars and marks, each with its object id and a
/// tip (`data-tip`, shown on hover); `name` gives the id of an instance or
/// attempt.
pub fn bars_markup(s: &Scene, f: &Frame, name: &dyn Fn(Subject) -> String) -> String {
    let mut out = String::with_capacity(200 + 160 * (s.bars.len() + s.pins.len()));
    let sel = f.selected;
    let sel_inst = sel.map(instance_of);
    for b in &s.bars {
        let id = match (b.attempt, b.instance, b.count) {
            (_, _, n) if n > 1 => None,
            (Some(a), _, _) => Some(name(Subject::Attempt(a))),
            (None, Some(i), _) => Some(name(Subject::Instance(i))),
            _ => None,
        };
        let on = id.as_deref().is_some_and(|i| {
            Some(i) == sel
                || (b.attempt.is_none() && Some(i) == sel_inst)
                || (sel == Some(instance_of(i)) && i.contains("_Attempt="))
        });
        let tip = match &id {
            Some(i) => format!(
                "{i}{}",
                b.holder
                    .as_ref()
                    .map(|h| format!(" held by {h}"))
                    .unwrap_or_default()
            ),
            None => format!("{} spans: zoom in to tell them apart", b.count),
        };
        let _ = write!(
            out,
            r#"<rect class="bar {}{}" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" data-id="{}" data-count="{}" data-tip="{}"></rect>"#,
            b.class,
            if on { " sel" } else { "" },
            b.x,
            b.y + 3.0,
            b.w,
            LANE_H - 6.0,
            escape(id.as_deref().unwrap_or_default()),
            b.count,
            escape(&tip)
        );
    }
    for p in &s.pins {
        let id = escape(&name(Subject::Attempt(p.attempt)));
        let label = MARKS.iter().find(|m| m.0 == p.kind).map_or("", |m| m.1);
        let _ = write!(
            out,
            r#"<polygon class="pin {}" points="{}" data-id="{id}" data-mark="{}" data-tip="{id}: {label}"></polygon>"#,
            p.class,
            pin_points(p.kind, p.x, p.y),
            p.class
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::simulator::timeline_view::{Bar, RowBand};

    #[test]
    fn markup_names_bars_escapes_text_and_marks_the_selection() {
        let scene = Scene {
            bars: vec![Bar {
                x: 1.0,
                y: 0.0,
                w: 10.0,
                class: "tl-ok",
                attempt: Some(0),
                instance: Some(0),
                count: 1,
                holder: Some("r<1>".into()),
            }],
            pins: Vec::new(),
            rows: vec![RowBand {
                component: "A&B".into(),
                y: 0.0,
                h: LANE_H,
            }],
            height: LANE_H,
        };
        let win = Window::fit(3600, 800.0);
        let frame = Frame {
            win: &win,
            origin: None,
            length: 60,
            selected: Some("@A_1"),
        };
        let m = bars_markup(&scene, &frame, &|_| "@A_1_Attempt=1".to_string());
        assert!(m.contains(r#"class="bar tl-ok sel""#), "{m}");
        assert!(m.contains(r#"data-id="@A_1_Attempt=1""#), "{m}");
        assert!(m.contains("held by r&lt;1&gt;"), "{m}");
        assert!(axis_markup(&scene, &frame).contains("A&amp;B"));
        assert!(now_markup(&scene, &frame).contains(r#"class="now""#));
    }
}
