//! The timeline (Gantt) view: a row per component, a lane per overlapping
//! instance; attempts queued and running, waiting periods, retry delays,
//! lease expiries, reassignments and timeouts drawn distinctly, with a
//! legend. Zoom with the wheel, +/- or the buttons; scroll with
//! shift+wheel, the arrow keys or the buttons. Only the visible window is
//! drawn (`timeline_view::scene`).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::filters::instance_of;
use super::timeline_data::{Timeline, TimelineBuilder};
use super::timeline_svg::{
    axis_markup, bars_markup, now_markup, pin_points, Frame, AXIS, GUTTER, MARKS,
};
use super::timeline_view::{layout, scene, Window};
use super::views::SimCtx;
use crate::engine::Subject;

const LEGEND: [(&str, &str); 7] = [
    ("tl-wait", "waiting"),
    ("tl-queued", "queued for a runner"),
    ("tl-run", "attempt running"),
    ("tl-ok", "attempt finished"),
    ("tl-fail", "attempt failed"),
    ("tl-retry", "retry delay"),
    ("tl-cancel", "canceled"),
];
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
    // Kept up to date with the trace entries appended since the last look.
    let builder = StoredValue::new_local(TimelineBuilder::default());
    let built = RwSignal::new(0u64);
    Effect::new(move |_| {
        ctx.ready.get();
        let changed = ctx.session.with_value(|s| {
            builder
                .try_update_value(|b| match s {
                    Some(s) => b.update(&s.service, &s.pipeline_id),
                    None => {
                        *b = TimelineBuilder::default();
                        true
                    }
                })
                .unwrap_or(false)
        });
        if changed {
            built.update(|v| *v += 1);
        }
    });
    let with_tl = move |f: &dyn Fn(&Timeline) -> f64| {
        built.track();
        builder.with_value(|b| f(&b.timeline))
    };
    let area = move || (width.get() - GUTTER).max(200.0);
    let win = Memo::new(move |_| {
        window
            .get()
            .unwrap_or_else(|| Window::fit(with_tl(&|t| t.length as f64) as i64, area()))
    });
    let sc = Memo::new(move |_| {
        built.track();
        builder.with_value(|b| layout(&b.timeline))
    });
    // The band the bars are drawn for (wider than the view): scrolling and
    // zooming move the drawn bars by a transform while it serves the view;
    // they are drawn again when it no longer does, when the wheel rests,
    // and when the run or the selection changes.
    let drawn: RwSignal<Option<Window>> = RwSignal::new(None);
    let rest = StoredValue::new(0u64);
    Effect::new(move |_| {
        built.track();
        drawn.set(Some(win.get_untracked().band()));
    });
    Effect::new(move |_| {
        let w = win.get();
        if !drawn.get_untracked().is_some_and(|r| r.serves(&w)) {
            drawn.set(Some(w.band()));
        }
        rest.update_value(|t| *t += 1);
        let t = rest.get_value();
        set_timeout(
            move || {
                if rest.get_value() == t {
                    let band = win.get_untracked().band();
                    if drawn.get_untracked() != Some(band) {
                        drawn.set(Some(band));
                    }
                }
            },
            std::time::Duration::from_millis(150),
        );
    });
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
        ctx.ready.get();
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
        let subject = ctx.session.with_value(|s| {
            s.as_ref().and_then(|s| {
                s.service
                    .subject_of(&s.pipeline_id, instance_of(&sel))
                    .zip(s.service.subject_of(&s.pipeline_id, &sel))
            })
        });
        let Some((inst, exact)) = subject else {
            return;
        };
        let start = builder.with_value(|b| {
            b.timeline
                .rows
                .iter()
                .flat_map(|r| r.spans())
                .find(|(_, s)| match exact {
                    Subject::Attempt(a) => s.attempt == Some(a),
                    _ => Subject::Instance(s.instance) == inst,
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

    let frame_of = move |w: &Window, f: &dyn Fn(&Frame) -> String| {
        let sel = ctx.selected.get();
        let (origin, length) = {
            built.track();
            builder.with_value(|b| (b.timeline.origin, b.timeline.length))
        };
        f(&Frame {
            win: w,
            origin,
            length,
            selected: sel.as_deref(),
        })
    };
    let axis = move || {
        let w = win.get();
        sc.with(|s| frame_of(&w, &|f| axis_markup(s, f)))
    };
    let now_line = move || {
        let w = win.get();
        sc.with(|s| frame_of(&w, &|f| now_markup(s, f)))
    };
    let bars = Memo::new(move |_| {
        let r = drawn.get()?;
        built.track();
        let p = builder.with_value(|b| b.timeline.pipeline);
        let s = builder.with_value(|b| scene(&b.timeline, &r));
        Some(frame_of(&r, &|f| {
            ctx.session.with_value(|ss| {
                let name = |sub: Subject| {
                    ss.as_ref()
                        .map(|ss| ss.service.subject_id(p, sub))
                        .unwrap_or_default()
                };
                bars_markup(&s, f, &name)
            })
        }))
    });
    let transform = move || {
        let w = win.get();
        let r = drawn.get().unwrap_or(w);
        format!(
            "translate({:.2},0) scale({:.6},1)",
            (r.start - w.start) * w.px_per_sec,
            w.px_per_sec / r.px_per_sec
        )
    };
    let tip = RwSignal::new(String::new());
    let on_hover = move |ev: leptos::ev::MouseEvent| {
        let text = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("[data-tip]").ok().flatten())
            .and_then(|el| el.get_attribute("data-tip"))
            .unwrap_or_default();
        if text != tip.get_untracked() {
            tip.set(text);
        }
    };
    let height = move || sc.with(|s| s.height + AXIS + 6.0);
    view! {
        <section class="sim-timeline panel-box" aria-labelledby="sim-timeline-title">
            <div class="tl-head">
                <h3 id="sim-timeline-title">"Timeline " <span class="muted" id="tl-count">{move || { built.track(); builder.with_value(|b| format!("({} attempts)", b.timeline.attempt_count)) }}</span></h3>
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
                    on:mouseover=on_hover
                    on:click=move |ev| if let Some(id) = target_id(&ev).filter(|i| !i.is_empty()) { ctx.select(id) }>
                    <defs>
                        <clipPath id="tl-clip">
                            <rect x="0" y=-AXIS width=move || win.get().width height=move || sc.with(|s| s.height) + AXIS + 6.0 />
                        </clipPath>
                    </defs>
                    <g transform=format!("translate({GUTTER},{AXIS})")>
                        <g class="tl-axis" inner_html=axis></g>
                        <g clip-path="url(#tl-clip)">
                            <g class="tl-bars" transform=transform inner_html=move || bars.get().unwrap_or_default()></g>
                        </g>
                        <g inner_html=now_line></g>
                    </g>
                </svg>
            </div>
            <p id="tl-tip" class="muted tl-tip">{move || tip.get()}</p>
            <ul class="legend tl-legend" aria-label="Timeline legend">
                {LEGEND.iter().map(|(c, l)| view! { <li><svg class="swatch" width="18" height="10" aria-hidden="true"><rect class=format!("bar {c}") width="18" height="10" /></svg>{*l}</li> }).collect_view()}
                {MARKS.iter().map(|(k, l)| view! { <li><svg class="swatch" width="14" height="20" aria-hidden="true"><polygon class=format!("pin {}", super::timeline_view::mark_class(*k)) points=pin_points(*k, 7.0, 0.0) /></svg>{*l}</li> }).collect_view()}
            </ul>
        </section>
    }
}
