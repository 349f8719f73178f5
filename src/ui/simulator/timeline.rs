//! The timeline (Gantt) view: a row per component, a lane per overlapping
//! instance; attempts queued and running, waiting periods, retry delays,
//! lease expiries, reassignments and timeouts drawn distinctly, with a
//! legend. Zoom with the wheel, +/- or the buttons; scroll with
//! shift+wheel, the arrow keys or the buttons. Only the visible window is
//! drawn (`timeline_view::scene`).

use crate::model::catalog::keys;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::filters::instance_of;
use super::timeline_data::{build, MarkKind, Timeline};
use super::timeline_view::{scene, ticks, Window, LANE_H};
use super::views::SimCtx;

const GUTTER: f64 = 120.0;
const AXIS: f64 = 22.0;

const LEGEND: [(&str, &str); 7] = [
    ("tl-wait", "waiting"),
    ("tl-queued", "queued for a runner"),
    ("tl-run", "attempt running"),
    ("tl-ok", "attempt finished"),
    ("tl-fail", "attempt failed"),
    ("tl-retry", "retry delay"),
    ("tl-cancel", "canceled"),
];
const MARKS: [(MarkKind, &str); 3] = [
    (MarkKind::LeaseExpired, "lease expired"),
    (MarkKind::Reassigned, "not acknowledged: handed out again"),
    (MarkKind::TimedOut, keys::ATTEMPT_TIMEOUT),
];

/// The outline of a mark at (x, y) of a lane.
fn pin_points(kind: MarkKind, x: f64, y: f64) -> String {
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

fn target_id(ev: &leptos::ev::MouseEvent) -> Option<String> {
    let el: web_sys::Element = ev.target()?.dyn_into().ok()?;
    el.closest("[data-id]").ok()??.get_attribute("data-id")
}

#[component]
pub fn TimelineView() -> impl IntoView {
    let ctx = expect_context::<SimCtx>();
    let box_ref: NodeRef<leptos::html::Div> = NodeRef::new();
    let width = RwSignal::new(900.0f64);
    // None: fit the whole run (and follow it as it grows).
    let window: RwSignal<Option<Window>> = RwSignal::new(None);
    let timeline = Memo::new(move |_| {
        ctx.version.track();
        let comps = ctx.rows.with(|r| {
            r.iter()
                .map(|r| (r.id.clone(), r.component.clone()))
                .collect()
        });
        ctx.session.with_value(|s| {
            s.as_ref()
                .map(|s| build(&s.service, &s.pipeline_id, &comps))
                .unwrap_or_default()
        })
    });
    let area = move || (width.get() - GUTTER).max(200.0);
    let win = Memo::new(move |_| {
        window
            .get()
            .unwrap_or_else(|| timeline.with(|t| Window::fit(t.length, area())))
    });
    let sc = Memo::new(move |_| timeline.with(|t| scene(t, &win.get())));
    let measure = move || {
        if let Some(el) = box_ref.get_untracked() {
            let w = el.get_bounding_client_rect().width();
            if w > 0.0 && (w - width.get_untracked()).abs() > 0.5 {
                width.set(w);
                window.update(|w0| {
                    if let Some(w0) = w0 {
                        w0.width = (w - GUTTER).max(200.0);
                    }
                });
            }
        }
    };
    Effect::new(move |_| {
        ctx.version.track();
        request_animation_frame(measure);
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let zoom =
        move |at: f64, factor: f64| window.set(Some(win.get_untracked().zoom_at(at, factor)));
    let pan = move |dx: f64| window.set(Some(win.get_untracked().pan(dx)));
    let on_wheel = move |ev: leptos::ev::WheelEvent| {
        ev.prevent_default();
        let x = ev.offset_x() as f64 - GUTTER;
        if ev.shift_key() || ev.delta_x().abs() > ev.delta_y().abs() {
            pan(if ev.delta_x() != 0.0 {
                ev.delta_x()
            } else {
                ev.delta_y()
            });
        } else {
            zoom(x.max(0.0), (-ev.delta_y() * 0.002).exp());
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let w = area();
        match ev.key().as_str() {
            "+" | "=" => zoom(w / 2.0, 1.5),
            "-" | "_" => zoom(w / 2.0, 1.0 / 1.5),
            "0" => window.set(None),
            "ArrowLeft" => pan(-w / 4.0),
            "ArrowRight" => pan(w / 4.0),
            _ => return,
        }
        ev.prevent_default();
    };
    // A selection made elsewhere scrolls the timeline to it.
    Effect::new(move |_| {
        let Some(sel) = ctx.selected.get() else {
            return;
        };
        let start = timeline.with_untracked(|t| {
            let att = t.attempts.iter().position(|a| *a == sel).map(|n| n as u32);
            let inst = t
                .instances
                .iter()
                .position(|i| i == instance_of(&sel))
                .map(|n| n as u32);
            t.rows
                .iter()
                .flat_map(|r| r.spans.iter())
                .find(|(_, s)| match att {
                    Some(a) => s.attempt == Some(a),
                    None => Some(s.instance) == inst,
                })
                .map(|(_, s)| s.start)
        });
        if let Some(s) = start {
            let w = win.get_untracked();
            let r = w.reveal(s as f64);
            if r != w {
                window.set(Some(r));
            }
        }
    });

    let draw = move || {
        let sel = ctx.selected.get();
        let s = sc.get();
        let w = win.get();
        timeline.with(|t: &Timeline| {
            let sel_inst = sel.as_deref().map(instance_of);
            let bars = s.bars.iter().map(|b| {
                let id = b.attempt.and_then(|a| t.attempts.get(a as usize)).or_else(|| b.instance.and_then(|i| t.instances.get(i as usize))).cloned();
                let on = id.as_deref().is_some_and(|i| Some(i) == sel.as_deref() || (b.attempt.is_none() && Some(i) == sel_inst) || (sel.as_deref() == Some(instance_of(i)) && i.contains("_Attempt=")));
                let title = match (&id, b.count) {
                    (Some(i), 1) => format!("{i}{}", b.holder.as_ref().map(|h| format!(" held by {h}")).unwrap_or_default()),
                    (_, n) => format!("{n} spans: zoom in to tell them apart"),
                };
                view! {
                    <rect class=format!("bar {}{}", b.class, if on { " sel" } else { "" }) x=format!("{:.1}", b.x) y=format!("{:.1}", b.y + 3.0)
                        width=format!("{:.1}", b.w) height=LANE_H - 6.0 data-id=id.clone().unwrap_or_default() data-count=b.count.to_string()>
                        <title>{title}</title>
                    </rect>
                }
            }).collect_view();
            let pins = s.pins.iter().map(|p| {
                let id = t.attempts.get(p.attempt as usize).cloned().unwrap_or_default();
                let label = MARKS.iter().find(|m| m.0 == p.kind).map_or("", |m| m.1);
                view! {
                    <polygon class=format!("pin {}", p.class) points=pin_points(p.kind, p.x, p.y) data-id=id.clone() data-mark=p.class>
                        <title>{format!("{id}: {label}")}</title>
                    </polygon>
                }
            }).collect_view();
            let rows = s.rows.iter().enumerate().map(|(k, r)| view! {
                <rect class=if k % 2 == 0 { "band even" } else { "band" } x=-GUTTER y=r.y width=w.width + GUTTER height=r.h />
                <text class="row-label" x=8.0 - GUTTER y=r.y + 15.0>{r.component.clone()}</text>
            }).collect_view();
            let now_x = w.x(t.length as f64);
            let axis = t.origin.map(|o| ticks(o, &w)).unwrap_or_default().into_iter().map(|(x, label)| view! {
                <line class="tick" x1=x x2=x y1=-4.0 y2=s.height />
                <text class="tick-label" x=x + 3.0 y=-8.0>{label}</text>
            }).collect_view();
            view! {
                <g transform=format!("translate({GUTTER},{AXIS})")>
                    {rows}{axis}{bars}{pins}
                    <line class="now" x1=now_x x2=now_x y1=-AXIS y2=s.height><title>"now"</title></line>
                </g>
            }
        })
    };
    let height = move || sc.with(|s| s.height + AXIS + 6.0);
    view! {
        <section class="sim-timeline panel-box" aria-labelledby="sim-timeline-title">
            <div class="tl-head">
                <h3 id="sim-timeline-title">"Timeline " <span class="muted" id="tl-count">{move || timeline.with(|t| format!("({} attempts)", t.attempt_count))}</span></h3>
                <div class="tl-buttons" role="group" aria-label="Timeline zoom and scroll">
                    <button class="btn small" aria-label="Scroll earlier" on:click=move |_| pan(-area() / 4.0)>"◀"</button>
                    <button class="btn small" aria-label="Zoom out" on:click=move |_| zoom(area() / 2.0, 1.0 / 1.5)>"−"</button>
                    <button class="btn small" aria-label="Zoom in" on:click=move |_| zoom(area() / 2.0, 1.5)>"+"</button>
                    <button class="btn small" aria-label="Scroll later" on:click=move |_| pan(area() / 4.0)>"▶"</button>
                    <button class="btn small" aria-label="Fit the whole run" on:click=move |_| window.set(None)>"Fit"</button>
                </div>
            </div>
            <div class="tl-box" node_ref=box_ref>
                <svg id="sim-timeline" class="timeline" width=move || width.get() height=height tabindex="0"
                    role="img" aria-label="Timeline of attempts per component. Arrow keys scroll, plus and minus zoom, 0 fits."
                    on:wheel=on_wheel on:keydown=on_key
                    on:click=move |ev| if let Some(id) = target_id(&ev).filter(|i| !i.is_empty()) { ctx.select(id) }>
                    {draw}
                </svg>
            </div>
            <ul class="legend tl-legend" aria-label="Timeline legend">
                {LEGEND.iter().map(|(c, l)| view! { <li><svg class="swatch" width="18" height="10" aria-hidden="true"><rect class=format!("bar {c}") width="18" height="10" /></svg>{*l}</li> }).collect_view()}
                {MARKS.iter().map(|(k, l)| view! { <li><svg class="swatch" width="14" height="20" aria-hidden="true"><polygon class=format!("pin {}", super::timeline_view::mark_class(*k)) points=pin_points(*k, 7.0, 0.0) /></svg>{*l}</li> }).collect_view()}
            </ul>
        </section>
    }
}
