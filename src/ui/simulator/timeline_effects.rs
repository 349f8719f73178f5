//! The timeline's effects that are not drawing: reading a fast-forward's
//! trace as it runs and catching up with a long trace a slice per task,
//! scrolling to a selection made elsewhere, and noticing the system's
//! light or dark setting change.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::next_task::{next_task, now_ms};
use super::state::Sim;
use super::views::SimCtx;
use crate::engine::Subject;
use studio::simulator::filters::instance_of;
use studio::simulator::timeline_data::TimelineBuilder;
use studio::simulator::timeline_view::Window;

/// Trace entries read between two looks at the wall clock, and the real
/// milliseconds of reading per task, while the timeline catches up after a
/// run, and after each slice of a running fast-forward.
const CATCH_UP_ENTRIES: usize = 20_000;
const CATCH_UP_MS: f64 = 20.0;
const RUNNING_MS: f64 = 10.0;
/// While a fast-forward runs, the views of the timeline (its count, axis,
/// rows and drawing) follow what was read at most this often (real ms).
const RUNNING_SHOW_MS: f64 = 250.0;

/// Whether a fast-forward is running (tracked).
pub fn jumping() -> impl Fn() -> bool + Copy + 'static {
    let sim = expect_context::<Sim>();
    move || sim.jump.with(Option::is_some)
}

/// Keep `builder` up to date with the run (bumping `built` when it
/// changed); returns whether trace entries are still to be read.
pub fn catch_up(
    ctx: SimCtx,
    builder: StoredValue<TimelineBuilder, LocalStorage>,
    built: RwSignal<u64>,
) -> RwSignal<bool> {
    // A fast-forward's entries are read as it goes, after each of its
    // slices (the clock moved); what is left after it (or after a jump of
    // an older version) is read a slice per task, `more` meanwhile. The
    // page renders between two tasks.
    let sim = expect_context::<Sim>();
    let more = RwSignal::new(false);
    let resume = RwSignal::new(0u32);
    // Read but not yet shown, and when it was last shown.
    let unshown = StoredValue::new(false);
    let shown_at = StoredValue::new(0.0f64);
    Effect::new(move |_| {
        ctx.ready.get();
        resume.track();
        let running = sim.jump.with(Option::is_some);
        if running {
            sim.clock.track();
        }
        let budget = if running { RUNNING_MS } else { CATCH_UP_MS };
        let start = now_ms();
        let mut changed = false;
        let left = loop {
            let (c, m) = ctx.session.with_value(|s| {
                builder
                    .try_update_value(|b| match s {
                        Some(s) => b.update_some(&s.service, &s.pipeline_id, CATCH_UP_ENTRIES),
                        None => {
                            *b = TimelineBuilder::default();
                            (true, false)
                        }
                    })
                    .unwrap_or((false, false))
            });
            changed |= c;
            if !m || now_ms() - start > budget {
                break m;
            }
        };
        unshown.update_value(|u| *u |= changed);
        let now = now_ms();
        if unshown.get_value() && (!running || now - shown_at.get_value() >= RUNNING_SHOW_MS) {
            unshown.set_value(false);
            shown_at.set_value(now);
            built.update(|v| *v += 1);
        }
        if left != more.get_untracked() {
            more.set(left);
        }
        // While running, the run's next slice brings the reading back.
        if left && !running {
            next_task(move || resume.update(|r| *r += 1));
        }
    });
    more
}

/// A selection made elsewhere scrolls the timeline to it.
pub fn reveal_selection(
    ctx: SimCtx,
    builder: StoredValue<TimelineBuilder, LocalStorage>,
    win: Memo<Window>,
    window: RwSignal<Option<Window>>,
) {
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
                    Subject::Attempt(a) => s.attempt == Some(a.get()),
                    _ => Subject::Instance(crate::engine::ix::InstanceIx(s.instance)) == inst,
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
}

/// A signal that changes when the system's light or dark setting does
/// (the canvas repaints with the stylesheet's other colours).
pub fn theme_changes() -> RwSignal<u32> {
    use wasm_bindgen::closure::Closure;
    let theme = RwSignal::new(0u32);
    let Ok(Some(mq)) = window().match_media("(prefers-color-scheme: dark)") else {
        return theme;
    };
    let cb = Closure::<dyn Fn()>::new(move || theme.update(|t| *t += 1));
    let _ = mq.add_event_listener_with_callback("change", cb.as_ref().unchecked_ref());
    let keep = StoredValue::new_local(Some((mq, cb)));
    on_cleanup(move || {
        keep.update_value(|k| {
            if let Some((mq, cb)) = k.take() {
                let _ =
                    mq.remove_event_listener_with_callback("change", cb.as_ref().unchecked_ref());
            }
        })
    });
    theme
}
