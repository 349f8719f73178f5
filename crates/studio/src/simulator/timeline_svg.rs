//! The timeline's markup, in plain Rust: row bands, labels and axis ticks
//! as SVG (one inner HTML, a few dozen shapes), the mark outlines, each
//! shape's id, tip and selection, and the list of what the canvas shows
//! (`items_markup`, for screen readers and keyboard selection: bars, the
//! lease strip's windows and leases, marks). The bars, strip and marks
//! themselves are painted on a canvas (`timeline_canvas`).

use std::fmt::Write;

use chrono::NaiveDateTime;

use super::filters::instance_of;
use super::timeline_data::MarkKind;
use super::timeline_view::{ticks, Bar, Pin, Scene, Window, BAR_H, BAR_TOP, STRIP_H, STRIP_TOP};
use crate::engine::ix::{AttemptIx, InstanceIx};
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

/// What each bar colour means (class, label), for the legend and the list.
pub const SPANS: [(&str, &str); 10] = [
    ("tl-wait", "waiting"),
    ("tl-queued", "queued for a runner"),
    ("tl-run", "attempt running"),
    ("tl-ok", "attempt finished"),
    ("tl-fail", "attempt failed"),
    ("tl-retry", "retry delay"),
    ("tl-cancel", "canceled"),
    (
        "tl-ackwin",
        "acknowledgement window (hand-out to first progress report)",
    ),
    ("tl-held", "lease, renewed by each progress report"),
    ("tl-held-left", "lease after the last progress report"),
];

/// Whether a bar class is drawn on the lease strip.
pub fn on_strip(class: &str) -> bool {
    matches!(class, "tl-ackwin" | "tl-held" | "tl-held-left")
}

/// The corners of a mark at (x, y) of a lane.
pub fn pin_vertices(kind: MarkKind, x: f64, y: f64) -> Vec<(f64, f64)> {
    let (m, b) = (y + BAR_TOP + BAR_H / 2.0, y + BAR_TOP + BAR_H - 1.0);
    match kind {
        MarkKind::LeaseExpired => vec![(x - 6.0, y + 1.0), (x + 6.0, y + 1.0), (x, m + 2.0)],
        MarkKind::Reassigned => vec![(x, y + 2.0), (x + 6.0, m), (x, b + 2.0), (x - 6.0, m)],
        MarkKind::TimedOut => vec![
            (x - 5.0, y + 3.0),
            (x + 5.0, y + 3.0),
            (x + 5.0, y + 13.0),
            (x - 5.0, y + 13.0),
        ],
    }
}

/// The outline of a mark at (x, y) of a lane, as SVG points.
pub fn pin_points(kind: MarkKind, x: f64, y: f64) -> String {
    pin_vertices(kind, x, y)
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ")
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

/// The object id a bar stands for (None for merged spans).
pub fn bar_id(b: &Bar, name: &dyn Fn(Subject) -> String) -> Option<String> {
    match (b.attempt, b.instance, b.count) {
        (_, _, n) if n > 1 => None,
        (Some(a), _, _) => Some(name(Subject::Attempt(AttemptIx(a)))),
        (None, Some(i), _) => Some(name(Subject::Instance(InstanceIx(i)))),
        _ => None,
    }
}

/// Whether a bar with id `id` shows the selection `sel`: the attempt
/// itself, an instance's waiting, or every attempt of a selected instance.
pub fn bar_selected(b: &Bar, id: Option<&str>, sel: Option<&str>) -> bool {
    let sel_inst = sel.map(instance_of);
    id.is_some_and(|i| {
        Some(i) == sel
            || (b.attempt.is_none() && Some(i) == sel_inst)
            || (sel == Some(instance_of(i)) && i.contains("_Attempt="))
    })
}

/// The tip of a bar: its id and holder, or how many spans it merges.
pub fn bar_tip(b: &Bar, id: Option<&str>) -> String {
    match id {
        Some(i) => format!(
            "{i}{}",
            b.holder
                .as_ref()
                .map(|h| format!(" held by {h}"))
                .unwrap_or_default()
        ),
        None => format!("{} spans: zoom in to tell them apart", b.count),
    }
}

/// The tip of a lease strip span: what it is, whose, and from when to
/// when (`time` names a second of the timeline).
pub fn strip_tip(b: &Bar, id: Option<&str>, time: &dyn Fn(i64) -> String) -> String {
    let Some(id) = id else {
        return format!("{} spans: zoom in to tell them apart", b.count);
    };
    let who = b.holder.as_deref().unwrap_or("its runner");
    let (from, to) = (time(b.span.0), time(b.span.1));
    match b.class {
        "tl-ackwin" => format!("acknowledgement window of {id}, handed to {who}: {from} to {to}"),
        "tl-held" => {
            format!("lease of {id} held by {who}, renewed by its progress reports: {from} to {to}")
        }
        _ => format!("lease of {id} after {who}'s last progress report: {from} to {to}"),
    }
}

/// The tip of a mark.
pub fn pin_tip(p: &Pin, id: &str) -> String {
    let label = MARKS.iter().find(|m| m.0 == p.kind).map_or("", |m| m.1);
    format!("{id}: {label}")
}

/// Which selection a scene's shapes show (ids, named lazily), and the
/// time of day of a second of the timeline.
pub struct Named<'a> {
    pub name: &'a dyn Fn(Subject) -> String,
    pub selected: Option<&'a str>,
    pub time: &'a dyn Fn(i64) -> String,
}

/// The list of what the drawing shows (for screen readers and keyboard
/// users; the canvas itself is an image): each bar and mark with its id,
/// what it is and where it is drawn (`data-cx`/`data-cy`, SVG pixels), at
/// most `cap` of them. A single bar or mark is a button that selects it.
pub fn items_markup(s: &Scene, n: &Named, cap: usize) -> String {
    let all = s.bars.len() + s.strips.len() + s.pins.len();
    let mut out = String::with_capacity(200 * cap.min(all) + 100);
    let label = |class: &str| SPANS.iter().find(|c| c.0 == class).map_or("", |c| c.1);
    for b in s.bars.iter().take(cap) {
        let id = bar_id(b, n.name);
        let on = bar_selected(b, id.as_deref(), n.selected);
        let tip = escape(&bar_tip(b, id.as_deref()));
        let geo = format!(
            r#"data-cx="{:.1}" data-cy="{:.1}" data-w="{:.1}" data-count="{}""#,
            GUTTER + b.x + b.w / 2.0,
            AXIS + b.y + BAR_TOP + BAR_H / 2.0,
            b.w,
            b.count
        );
        let class = format!("bar {}{}", b.class, if on { " sel" } else { "" });
        let _ = match id {
            Some(id) => write!(
                out,
                r#"<li><button type="button" class="{class}" data-id="{}" data-at="{}" {geo} data-tip="{tip}" aria-pressed="{on}">{}: {tip}</button></li>"#,
                escape(&id),
                b.span.0,
                label(b.class)
            ),
            None => write!(
                out,
                r#"<li class="{class}" {geo}>{}: {tip}</li>"#,
                label(b.class)
            ),
        };
    }
    for b in s.strips.iter().take(cap.saturating_sub(s.bars.len())) {
        let id = bar_id(b, n.name);
        let tip = escape(&strip_tip(b, id.as_deref(), n.time));
        let geo = format!(
            r#"data-cx="{:.1}" data-cy="{:.1}" data-w="{:.1}" data-count="{}""#,
            GUTTER + b.x + b.w / 2.0,
            AXIS + b.y + STRIP_TOP + STRIP_H / 2.0,
            b.w,
            b.count
        );
        let _ = match id {
            // The story is told at the span's end: what closed the window or the lease.
            Some(id) => write!(
                out,
                r#"<li><button type="button" class="strip {}" data-id="{}" data-at="{}" {geo} data-tip="{tip}">{tip}</button></li>"#,
                b.class,
                escape(&id),
                b.span.1,
            ),
            None => write!(out, r#"<li class="strip {}" {geo}>{tip}</li>"#, b.class),
        };
    }
    let shown = s.bars.len() + s.strips.len();
    for p in s.pins.iter().take(cap.saturating_sub(shown)) {
        let id = (n.name)(Subject::Attempt(AttemptIx(p.attempt)));
        let tip = escape(&pin_tip(p, &id));
        let _ = write!(
            out,
            r#"<li><button type="button" class="pin {}" data-id="{}" data-mark="{}" data-at="{}" data-cx="{:.1}" data-cy="{:.1}" data-tip="{tip}">{tip}</button></li>"#,
            p.class,
            escape(&id),
            p.class,
            p.at,
            GUTTER + p.x,
            AXIS + p.y + BAR_TOP + BAR_H / 2.0,
        );
    }
    if s.strips_hidden {
        out.push_str(r#"<li class="more">zoom in to see each attempt's acknowledgement window and lease</li>"#);
    }
    let more = (shown + s.pins.len()).saturating_sub(cap);
    if more > 0 {
        let _ = write!(
            out,
            r#"<li class="more">{more} more shapes in view: zoom in to list them</li>"#
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulator::timeline_view::{RowBand, LANE_H};

    fn scene() -> Scene {
        let bar = |x: f64, attempt: Option<u32>, count: u32| Bar {
            x,
            y: 0.0,
            w: 10.0,
            class: "tl-ok",
            attempt,
            instance: Some(0),
            count,
            holder: Some("r<1>".into()),
            span: (0, 60),
        };
        Scene {
            bars: vec![bar(1.0, Some(0), 1), bar(20.0, None, 4)],
            strips: vec![Bar {
                class: "tl-held-left",
                ..bar(1.0, Some(0), 1)
            }],
            pins: vec![Pin {
                x: 11.0,
                y: 0.0,
                class: "tl-lease",
                kind: MarkKind::LeaseExpired,
                attempt: 0,
                at: 60,
            }],
            rows: vec![RowBand {
                component: "A&B".into(),
                y: 0.0,
                h: LANE_H,
            }],
            height: LANE_H,
            strips_hidden: false,
        }
    }

    #[test]
    fn the_list_names_bars_and_marks_escapes_text_and_marks_the_selection() {
        let scene = scene();
        let win = Window::fit(3600, 800.0);
        let frame = Frame {
            win: &win,
            origin: None,
            length: 60,
            selected: Some("@A_1"),
        };
        let name = |_| "@A_1_Attempt=1".to_string();
        let time = |t: i64| format!("t+{t}");
        let named = Named {
            name: &name,
            selected: frame.selected,
            time: &time,
        };
        let m = items_markup(&scene, &named, 100);
        assert!(
            m.contains(r#"class="bar tl-ok sel" data-id="@A_1_Attempt=1""#),
            "{m}"
        );
        assert!(
            m.contains(r#"data-cx="126.0" data-cy="33.0" data-w="10.0""#),
            "{m}"
        );
        assert!(
            m.contains("attempt finished: @A_1_Attempt=1 held by r&lt;1&gt;"),
            "{m}"
        );
        assert!(
            m.contains(r#"<li class="bar tl-ok" "#),
            "a merged bar is listed, not a button: {m}"
        );
        assert!(m.contains("4 spans: zoom in"), "{m}");
        assert!(
            m.contains(r#"class="pin tl-lease" data-id="@A_1_Attempt=1" data-mark="tl-lease""#),
            "{m}"
        );
        assert!(
            m.contains(r#"class="strip tl-held-left" data-id="@A_1_Attempt=1" data-at="60" data-cx="126.0" data-cy="45.5""#),
            "the lease strip is listed, told at its end: {m}"
        );
        assert!(
            m.contains(
                "lease of @A_1_Attempt=1 after r&lt;1&gt;&#39;s last progress report: t+0 to t+60"
            ),
            "{m}"
        );
        assert!(!m.contains("more shapes"));
        let capped = items_markup(&scene, &named, 1);
        assert_eq!(capped.matches("<li").count(), 2, "{capped}");
        assert!(capped.contains("3 more shapes in view"), "{capped}");
        assert!(axis_markup(&scene, &frame).contains("A&amp;B"));
    }

    #[test]
    fn marks_have_three_or_four_corners() {
        assert_eq!(pin_vertices(MarkKind::LeaseExpired, 0.0, 0.0).len(), 3);
        assert_eq!(
            pin_points(MarkKind::TimedOut, 1.0, 0.0),
            "-4.0,3.0 6.0,3.0 6.0,13.0 -4.0,13.0"
        );
    }
}
