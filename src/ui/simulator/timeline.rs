//! The timeline (Gantt) view: a row per component, a lane per overlapping
//! instance; attempts queued and running (each labelled with its number
//! and runner), waiting periods, retry delays, lease expiries,
//! reassignments and timeouts drawn distinctly, and under them the lease
//! strip (each hand-out's acknowledgement window and lease), with a legend
//! for every colour and mark. The tooltip tells the step of the story at
//! the pointer (on the lease strip, the step that closed the window or
//! lease). Zoom with the wheel, +/- or the buttons; scroll with
//! shift+wheel, the arrow keys or the buttons. Only the visible window is
//! drawn (`studio::simulator::timeline_view::scene`): row bands, labels and ticks as SVG, the
//! bars and marks painted on a canvas over it (`timeline_canvas`), once per
//! animation frame. Clicks and hover find the shape under the pointer
//! (`timeline_view::hit`); a list of what is shown (visually hidden until
//! it has focus) names every shape for screen readers and selects by
//! keyboard.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::story::{step_at, step_closing, step_time};
use super::timeline_canvas::paint;
use super::timeline_effects::{catch_up, jumping, reveal_selection, theme_changes};
use super::views::SimCtx;
use crate::engine::story::Story;
use crate::engine::Subject;
use studio::simulator::timeline_data::{Timeline, TimelineBuilder};
use studio::simulator::timeline_svg::{
    axis_markup, bar_id, bar_tip, items_markup, on_strip, pin_points, pin_tip, strip_tip, Frame,
    Named, AXIS, GUTTER, MARKS, SPANS,
};
use studio::simulator::timeline_view::{hit, layout, scene, Hit, Scene, Window};

/// The drawing's box: at least this tall, and at most (then it scrolls).
const BOX_MIN_H: f64 = 60.0;
const BOX_MAX_H: f64 = 300.0;
/// The list of shown shapes names at most this many.
const LISTED: usize = 300;
/// While a run's trace is read, paint at most this often (ms).
const CATCH_UP_PAINT_MS: f64 = 250.0;

fn now_ms() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or(0.0)
}
fn target_id(ev: &leptos::ev::MouseEvent) -> Option<String> {
    let el: web_sys::Element = ev.target()?.dyn_into().ok()?;
    el.closest("[data-id]").ok()??.get_attribute("data-id")
}

/// The pointer's place over the bars' area (view pixels).
fn pointer(ev: &leptos::ev::MouseEvent) -> Option<(f64, f64)> {
    let el: web_sys::Element = ev.current_target()?.dyn_into().ok()?;
    let r = el.get_bounding_client_rect();
    Some((
        ev.client_x() as f64 - r.left() - GUTTER,
        ev.client_y() as f64 - r.top() - AXIS,
    ))
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
    let more = catch_up(ctx, builder, built);
    let jumping = jumping();
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
    // The list of shown shapes follows the view when the wheel rests, and
    // at once when the run or the selection changes: it is for reading,
    // not redone every frame.
    let listed: RwSignal<Option<Window>> = RwSignal::new(None);
    let rest = StoredValue::new(0u64);
    Effect::new(move |_| {
        built.track();
        ctx.selected.track();
        // Not while a run's trace is still being read (once, after).
        if more.get() || jumping() {
            return;
        }
        listed.set(Some(win.get_untracked()));
    });
    Effect::new(move |_| {
        win.track();
        rest.update_value(|t| *t += 1);
        let t = rest.get_value();
        set_timeout(
            move || {
                let w = win.get_untracked();
                if rest.get_value() == t && listed.get_untracked() != Some(w) {
                    listed.set(Some(w));
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
        let x = pointer(&ev).map_or(0.0, |p| p.0);
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
    reveal_selection(ctx, builder, win, window);

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
    // `f` with the names of the run's instances and attempts.
    let named = move |sel: Option<&str>, f: &mut dyn FnMut(&Named)| {
        let (p, origin) = builder.with_value(|b| (b.timeline.pipeline, b.timeline.origin));
        let time = move |t: i64| {
            origin
                .map(|o| step_time(crate::engine::clock::plus(o, t), Some(o)))
                .unwrap_or_default()
        };
        ctx.session.with_value(|ss| {
            let name = |sub: Subject| {
                ss.as_ref()
                    .map(|ss| ss.service.subject_id(p, sub))
                    .unwrap_or_default()
            };
            f(&Named {
                name: &name,
                selected: sel,
                time: &time,
            })
        })
    };
    // The shapes in a window (the lease strips are made for it first) and
    // the run's length.
    let scene_of = move |w: &Window| {
        ctx.session.with_value(|s| {
            builder
                .try_update_value(|b| {
                    if let Some(s) = s {
                        b.fill_strips(&s.service, Some(w));
                    }
                    (scene(&b.timeline, w), b.timeline.length)
                })
                .unwrap_or_default()
        })
    };
    // Paint once per animation frame, whatever changed how often.
    let canvas_ref: NodeRef<leptos::html::Canvas> = NodeRef::new();
    let shown = StoredValue::new_local(Scene::default());
    let pending = StoredValue::new(false);
    let theme = theme_changes();
    let painted = StoredValue::new(0.0f64);
    let paint_now = move || {
        pending.set_value(false);
        painted.set_value(now_ms());
        let Some(canvas) = canvas_ref.get_untracked() else {
            return;
        };
        let w = win.get_untracked();
        let (s, length) = scene_of(&w);
        let sel = ctx.selected.get_untracked();
        named(sel.as_deref(), &mut |n| {
            paint(&canvas, &s, w.width, s.height + 6.0, w.x(length as f64), n)
        });
        let _ = canvas.set_attribute("data-shapes", &(s.bars.len() + s.pins.len()).to_string());
        shown.set_value(s);
    };
    let schedule = move || {
        if !pending.get_value() {
            pending.set_value(true);
            request_animation_frame(paint_now);
        }
    };
    // What the user changes is painted in the next frame (a fitted
    // window also follows the run: below).
    Effect::new(move |_| {
        window.track();
        width.track();
        ctx.selected.track();
        theme.track();
        schedule();
    });
    // While a fast-forward runs and while a long trace is read, the
    // growing timeline is painted a few times a second (painting the whole
    // year after every slice would cost as much as the reading); at once
    // when the reading is done.
    Effect::new(move |_| {
        built.track();
        let reading = more.get() || jumping();
        if !reading || now_ms() - painted.get_value() >= CATCH_UP_PAINT_MS {
            schedule();
        }
    });
    // The painted shape under the pointer: its id (None: merged spans),
    // tip, and the second whose story step the tip tells (None: the
    // pointer's).
    let shape_at = move |ev: &leptos::ev::MouseEvent| {
        let (x, y) = pointer(ev)?;
        let h = shown.with_value(|s| hit(s, x, y))?;
        let length = builder.with_value(|b| b.timeline.length);
        let mut out = None;
        named(None, &mut |n| {
            out = shown.with_value(|s| match h {
                Hit::Bar(k) => s.bars.get(k).map(|b| {
                    let id = bar_id(b, n.name);
                    let tip = bar_tip(b, id.as_deref());
                    (id, tip, None)
                }),
                Hit::Strip(k) => s.strips.get(k).map(|b| {
                    let id = bar_id(b, n.name);
                    let tip = strip_tip(b, id.as_deref(), n.time);
                    // What closed the window or lease, once it has closed.
                    (id, tip, Some(b.span.1).filter(|&e| e <= length))
                }),
                Hit::Pin(k) => s.pins.get(k).map(|p| {
                    let id = (n.name)(Subject::Attempt(crate::engine::ix::AttemptIx(p.attempt)));
                    (Some(id.clone()), pin_tip(p, &id), Some(p.at))
                }),
            })
        });
        out
    };
    let tip = RwSignal::new(String::new());
    let over = RwSignal::new(false);
    let show_tip = move |text: String| {
        if text != tip.get_untracked() {
            tip.set(text);
        }
    };
    // The story of the attempt under the pointer (read once per attempt
    // and run version): the tip tells its step at the pointer's time.
    let story: StoredValue<Option<(String, u64, Story)>, LocalStorage> =
        StoredValue::new_local(None);
    // `closing`: the shape ends (or the mark stands) at `secs`: tell the
    // step that closed it; else the step the pointer's time is in.
    let story_tip = move |id: &str, secs: i64, closing: bool, tip: String| -> String {
        let v = built.get_untracked();
        let fresh = story.with_value(|c| c.as_ref().is_some_and(|(i, b, _)| i == id && *b == v));
        if !fresh {
            let read = ctx
                .session
                .with_value(|s| s.as_ref().and_then(|s| s.service.story(&s.pipeline_id, id)));
            story.set_value(read.map(|st| (id.to_string(), v, st)));
        }
        let Some(origin) = builder.with_value(|b| b.timeline.origin) else {
            return tip;
        };
        let t = crate::engine::clock::plus(origin, secs);
        story.with_value(|c| {
            c.as_ref()
                .and_then(|(_, _, st)| {
                    if closing {
                        step_closing(st, t)
                    } else {
                        step_at(st, t)
                    }
                })
                .map(|st| format!("{tip} · {}: {}", st.at.format("%H:%M:%S"), st.sentence))
                .unwrap_or(tip)
        })
    };
    let on_move = move |ev: leptos::ev::MouseEvent| {
        let found = shape_at(&ev);
        if found.is_some() != over.get_untracked() {
            over.set(found.is_some());
        }
        let text = match (found, pointer(&ev)) {
            (Some((Some(id), tip, at)), Some((x, _))) if id.contains("_Attempt=") => {
                // A few pixels of slack: a mark is hit a little to its left too.
                let w = win.get_untracked();
                let secs = at.unwrap_or((w.start + (x + 4.0) / w.px_per_sec).floor() as i64);
                story_tip(&id, secs, at.is_some(), tip)
            }
            (Some((_, tip, _)), _) => tip,
            (None, _) => String::new(),
        };
        show_tip(text);
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some((Some(id), _, _)) = shape_at(&ev) {
            ctx.select(id);
        }
    };
    let items = move || {
        let w = listed.get()?;
        built.track();
        let sel = ctx.selected.get();
        let s = scene_of(&w).0;
        let mut out = String::new();
        named(sel.as_deref(), &mut |n| out = items_markup(&s, n, LISTED));
        Some(out)
    };
    // A listed shape with focus shows its tip, and for an attempt's the
    // step of the story it stands for (`data-at`), as the pointer would.
    let on_item_focus = move |ev: leptos::ev::FocusEvent| {
        let el = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let attr = |k: &str| el.as_ref().and_then(|e| e.get_attribute(k));
        let tip = attr("data-tip").unwrap_or_default();
        let at = attr("data-at").and_then(|a| a.parse::<i64>().ok());
        let text = match (attr("data-id"), at) {
            (Some(id), Some(at)) if id.contains("_Attempt=") => story_tip(&id, at, true, tip),
            _ => tip,
        };
        show_tip(text);
    };
    let height = move || sc.with(|s| s.height + AXIS + 6.0);
    // The box is as tall as its rows, up to `BOX_MAX_H` (then it scrolls):
    // a pipeline of a few components leaves no empty panel on a laptop
    // screen. Through the CSSOM (the CSP allows no style attribute).
    Effect::new(move |_| {
        let h = height().clamp(BOX_MIN_H, BOX_MAX_H);
        if let Some(el) = box_ref.get() {
            let style = web_sys::HtmlElement::style(&el);
            let _ = style.set_property("height", &format!("{h}px"));
        }
    });
    view! {
        <section class="sim-timeline panel-box" aria-labelledby="sim-timeline-title" aria-busy=move || (more.get() || jumping()).to_string()>
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
                <svg id="sim-timeline" class="timeline" class:over=move || over.get() width=move || width.get() height=height tabindex="0"
                    role="img" aria-label="Timeline of attempts per component. Arrow keys scroll, plus and minus zoom, 0 fits; the list after it names what is shown."
                    on:wheel=on_wheel on:keydown=on_key on:mousemove=on_move on:click=on_click>
                    <g class="tl-axis" transform=format!("translate({GUTTER},{AXIS})") inner_html=axis></g>
                </svg>
                <canvas class="tl-canvas" node_ref=canvas_ref aria-hidden="true"></canvas>
            </div>
            <ol id="tl-items" class="tl-items" aria-label="Attempts and marks shown in the timeline"
                aria-busy=move || (listed.get() != Some(win.get())).to_string()
                on:click=move |ev| if let Some(id) = target_id(&ev).filter(|i| !i.is_empty()) { ctx.select(id) }
                on:focusin=on_item_focus
                inner_html=move || items().unwrap_or_default()></ol>
            <p id="tl-tip" class="muted tl-tip">{move || tip.get()}</p>
            <ul class="legend tl-legend" aria-label="Timeline legend">
                {SPANS.iter().map(|(c, l)| {
                    // The lease strip's swatches are as thin as the strip.
                    let (y, h) = if on_strip(c) { ("2.5", "5") } else { ("0", "10") };
                    view! { <li data-legend=*c><svg class="swatch" width="18" height="10" aria-hidden="true"><rect class=format!("bar {c}") y=y width="18" height=h /></svg>{*l}</li> }
                }).collect_view()}
                {MARKS.iter().map(|(k, l)| view! { <li data-legend=studio::simulator::timeline_view::mark_class(*k)><svg class="swatch" width="14" height="20" aria-hidden="true"><polygon class=format!("pin {}", studio::simulator::timeline_view::mark_class(*k)) points=pin_points(*k, 7.0, 0.0) /></svg>{*l}</li> }).collect_view()}
                <li data-legend="tl-now"><svg class="swatch" width="14" height="20" aria-hidden="true"><line class="tl-now" x1="7" x2="7" y1="0" y2="20" /></svg>"now (the virtual clock)"</li>
                <li data-legend="tl-label"><span class="swatch tl-label-swatch" aria-hidden="true">"#2"</span>"attempt number and its runner"</li>
            </ul>
        </section>
    }
}
