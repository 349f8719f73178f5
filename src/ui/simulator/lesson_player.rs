//! A lesson, step by step: the loaded lesson's key moments
//! (`lessons::moments`, found in a run of the lesson) played one at a
//! time. Next plays the clock to the next moment at a readable pace and
//! pauses there; Back and Replay replay the lesson from its seed to a
//! moment (the same run, byte for byte). Each step shows its caption, what
//! the story says happened and the rules that applied, and selects the
//! objects involved in the graph, timeline and API log. Arrow keys (or
//! N / P, R for replay) step through it; the presenter view shows only
//! the caption and the controls, large; a link opens the lesson at a step
//! (`?lesson=<key>&step=<n>`), once the areas module holds the app's
//! document (`bridge::DocumentReady`: the lesson replaces it).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::controls::play_until;
use super::state::Sim;
use super::story::call_index;
use super::views::{SimCtx, StepFocus};
use crate::ui::lazy::bridge::DocumentReady;
use studio::simulator::lessons::{self, moments::LessonMoment};

/// Real seconds the clock takes to reach the next moment.
const STEP_REAL_SECS: i64 = 2;

/// The lesson and step a link asks for (`?lesson=crashed-runner&step=4`,
/// steps counted from 1).
pub fn link_target(search: &str) -> Option<(String, usize)> {
    let mut lesson = None;
    let mut step = 1;
    for pair in search.trim_start_matches('?').split('&') {
        match pair.split_once('=') {
            Some(("lesson", v)) if !v.is_empty() => lesson = Some(v.to_string()),
            Some(("step", v)) => step = v.parse().ok().filter(|n| *n >= 1)?,
            _ => {}
        }
    }
    Some((lesson?, step))
}

/// The link to step `n` (0-based) of lesson `key`.
pub fn step_link(key: &str, n: usize) -> String {
    format!("?lesson={key}&step={}", n + 1)
}

/// The speed that takes the clock from `from` to `to` in about
/// `STEP_REAL_SECS` (at least real time).
pub fn step_speed(from: chrono::NaiveDateTime, to: chrono::NaiveDateTime) -> u32 {
    let gap = (to - from).num_seconds().max(0);
    (gap / STEP_REAL_SECS).clamp(1, 1_000_000) as u32
}

/// Select what moment `m` is about, and mark its call in the API log.
fn highlight(sim: Sim, ctx: SimCtx, m: &LessonMoment) {
    match &m.select {
        Some(id) => ctx.select(id.clone()),
        None => ctx.selected.set(None),
    }
    let Some(step) = &m.step else { return };
    let call = sim.session.with_value(|s| {
        s.as_ref()
            .and_then(|s| call_index(step, s.service.call_log()))
    });
    ctx.step.set(Some(StepFocus {
        trace_index: step.trace_index,
        at: step.at,
        call,
    }));
}

/// Once the clock has played to moment `m` (step `n`), highlight it
/// again: its call is in the API log only from then on.
fn on_arrival(sim: Sim, ctx: SimCtx, m: LessonMoment, n: usize) {
    request_animation_frame(move || {
        if sim.lesson_step.get_untracked() != Some(n) {
            return;
        }
        let now = sim
            .session
            .with_value(|s| s.as_ref().map(|s| s.service.now()));
        if now.is_some_and(|t| t >= m.at) && !sim.playing.get_untracked() {
            highlight(sim, ctx, &m);
        } else if sim.playing.get_untracked() {
            on_arrival(sim, ctx, m, n);
        }
    });
}

/// Go to moment `n`: play to it when it lies ahead of the run, else
/// replay the lesson to it.
fn go(sim: Sim, ctx: SimCtx, all: &[LessonMoment], n: usize, animate: bool) {
    let Some(m) = all.get(n).cloned() else { return };
    sim.stop();
    let now = sim
        .session
        .with_value(|s| s.as_ref().map(|s| s.service.now()));
    sim.lesson_step.set(Some(n));
    match now {
        Some(now) if now <= m.at && animate => {
            highlight(sim, ctx, &m);
            play_until(sim, m.at, step_speed(now, m.at));
            on_arrival(sim, ctx, m, n);
        }
        Some(now) if now == m.at => highlight(sim, ctx, &m),
        _ => {
            sim.activate();
            sim.lesson_step.set(Some(n));
            sim.with_session(|s| while !s.run_chunk(m.at, 5000) {});
            // After the new run's reset of the selection has run.
            request_animation_frame(move || highlight(sim, ctx, &m));
        }
    }
}

/// Bring the player's caption into view and give it focus.
fn focus_player() {
    request_animation_frame(|| {
        if let Some(el) = document()
            .get_element_by_id("lesson-player")
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

#[component]
pub fn LessonPlayer() -> impl IntoView {
    let sim = expect_context::<Sim>();
    let ctx = expect_context::<SimCtx>();
    // The loaded lesson's moments, found once per lesson.
    let found: Memo<Option<Result<Vec<LessonMoment>, String>>> = Memo::new(move |_| {
        let l = sim.lesson.get().and_then(lessons::by_key)?;
        Some(l.key_moments())
    });
    let list = move || {
        found.with(|f| match f {
            Some(Ok(m)) => m.clone(),
            _ => Vec::new(),
        })
    };
    let count =
        move || found.with(|f| f.as_ref().and_then(|r| r.as_ref().ok()).map_or(0, Vec::len));
    let step = move || sim.lesson_step.get();
    let current = move || step().and_then(|n| list().get(n).cloned());
    let start = move || go(sim, ctx, &list(), 0, false);
    let next = move || {
        let n = step().map_or(0, |n| n + 1);
        if n < count() {
            go(sim, ctx, &list(), n, true);
        }
    };
    let back = move || {
        if let Some(n) = step().filter(|n| *n > 0) {
            go(sim, ctx, &list(), n - 1, false);
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        match ev.key().as_str() {
            "ArrowRight" | "n" | "N" => next(),
            "ArrowLeft" | "p" | "P" => back(),
            "r" | "R" | "Home" => start(),
            "Escape" if sim.presenting.get_untracked() => sim.presenting.set(false),
            _ => return,
        }
        ev.prevent_default();
    };
    // A link that names a lesson and a step opens it there, once, when
    // the document is ready (the lesson replaces it, as one undo step
    // that must reach the app's store).
    let linked = StoredValue::new(false);
    Effect::new(move |_| {
        if linked.get_value() || !DocumentReady::get() {
            return;
        }
        linked.set_value(true);
        let search = window().location().search().unwrap_or_default();
        let Some((key, n)) = link_target(&search) else {
            return;
        };
        let Some(l) = lessons::by_key(&key) else {
            return;
        };
        super::scenarios::load_lesson(sim, l.key);
        request_animation_frame(move || {
            let all = list();
            if !all.is_empty() {
                go(sim, ctx, &all, (n - 1).min(all.len() - 1), false);
                focus_player();
            }
        });
    });
    let caption = move || {
        let m = current()?;
        let n = step()?;
        let rules = m
            .step
            .as_ref()
            .map(|s| {
                s.rules
                    .iter()
                    .map(|r| view! { <li class="rule" data-rule=r.name><span class="rule-text">{r.text()}</span><span class="rule-source">{format!(" — {}", r.source)}</span></li> })
                    .collect_view()
            });
        let sentence = m.step.as_ref().map(|s| s.sentence.clone());
        Some(view! {
            <p class="lesson-where">
                <span id="lesson-step-no">{format!("Step {} of {}", n + 1, count())}</span>
                " · "<time id="lesson-time">{m.at.format("%H:%M:%S").to_string()}</time>
                " · "<strong id="lesson-title">{m.title.clone()}</strong>
            </p>
            <p id="lesson-caption" class="lp-caption">{m.caption.clone()}</p>
            {sentence.map(|t| view! { <p id="lesson-story" class="lesson-story">{t}</p> })}
            <ul class="rules lesson-rules">{rules}</ul>
        })
    };
    let link = move || {
        let key = sim.lesson.get()?;
        Some(step_link(key, step().unwrap_or(0)))
    };
    view! {
        <Show when=move || sim.lesson.get().is_some()>
            <section id="lesson-player" class="lesson-player panel-box" role="region" aria-label="Lesson, step by step"
                tabindex="-1" on:keydown=on_key>
                <div class="lesson-controls" role="toolbar" aria-label="Lesson steps">
                    <button id="lesson-start" class="btn" aria-keyshortcuts="R"
                        on:click=move |_| { start(); focus_player(); }>
                        {move || if step().is_some() { "Replay" } else { "Step through the lesson" }}
                    </button>
                    <button id="lesson-back" class="btn" aria-keyshortcuts="ArrowLeft P"
                        disabled=move || step().is_none_or(|n| n == 0) on:click=move |_| back()>"◀ Back"</button>
                    <button id="lesson-next" class="btn primary" aria-keyshortcuts="ArrowRight N"
                        disabled=move || step().is_some_and(|n| n + 1 >= count()) on:click=move |_| { if step().is_none() { start() } else { next() } }>"Next ▶"</button>
                    <button id="lesson-present" class="btn" aria-pressed=move || sim.presenting.get().to_string()
                        on:click=move |_| { sim.presenting.update(|p| *p = !*p); focus_player(); }>
                        {move || if sim.presenting.get() { "Leave presenter view" } else { "Presenter view" }}
                    </button>
                    {move || link().map(|href| view! { <a id="lesson-link" class="btn small" href=href.clone()
                        title="A link that opens this lesson at this step">"Link to this step"</a> })}
                </div>
                {move || found.with(|f| match f { Some(Err(e)) => Some(view! { <p class="push-error" role="alert">{format!("This lesson's moments: {e}")}</p> }), _ => None })}
                <div class="lesson-now" aria-live="polite">{caption}</div>
            </section>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_names_a_lesson_and_a_step() {
        assert_eq!(
            link_target("?lesson=crashed-runner&step=4"),
            Some(("crashed-runner".to_string(), 4))
        );
        assert_eq!(link_target("?lesson=late"), Some(("late".to_string(), 1)));
        assert_eq!(link_target("?step=2"), None);
        assert_eq!(link_target("?lesson=late&step=0"), None);
        assert_eq!(link_target("?lesson=late&step=x"), None);
        assert_eq!(step_link("late", 0), "?lesson=late&step=1");
    }

    #[test]
    fn a_step_takes_about_two_seconds_of_real_time() {
        let t = |s| crate::model::time::parse_datetime(s).unwrap();
        assert_eq!(
            step_speed(t("2024-01-01T00:10:00"), t("2024-01-01T00:25:00")),
            450
        );
        assert_eq!(
            step_speed(t("2024-01-01T00:10:00"), t("2024-01-01T00:10:00")),
            1
        );
    }
}
