//! The story panel: the engine's story (`Service::story`) of the object
//! (instance, attempt, component) or task runner it was opened for, one
//! step per line with its virtual time, what happened, the call or timer
//! that caused it and the rules that applied with their values and
//! sources. Selecting a step selects its object in every view and its call
//! in the API log (`SimCtx::step`). "Why?" answers the current state; this
//! is how it got there.

use chrono::NaiveDateTime;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::views::{call_of, SimCtx, StepFocus};
use crate::engine::story::{Story, StoryStep};
use crate::engine::CallRecord;
use crate::model::time::format_datetime;

/// The position of the call that caused `step` in the call log: among
/// the calls of its action by its caller at its time, the one that names
/// its object (a PollForTask's answer names the attempt), else the first;
/// else the last such call before it.
pub fn call_index(step: &StoryStep, calls: &[CallRecord]) -> Option<usize> {
    let call = step.call.as_ref()?;
    let same = |c: &CallRecord| c.action == call.action && c.caller == call.caller;
    // The log is in time order: the calls at the step's time are a run.
    let end = calls.partition_point(|c| c.at <= step.at);
    let start = calls[..end].partition_point(|c| c.at < step.at);
    let at_time = (start..end).filter(|&n| same(&calls[n]));
    let naming = at_time.clone().find(|&n| {
        calls[n].response.contains(&step.object) || calls[n].request.contains(&step.object)
    });
    naming
        .or_else(|| at_time.clone().next())
        .or_else(|| (0..start).rev().find(|&n| same(&calls[n])))
}

/// A step's time as the story shows it: the time of day when it is on
/// the day the story starts, else the full date and time.
pub fn step_time(at: NaiveDateTime, first: Option<NaiveDateTime>) -> String {
    if first.is_some_and(|f| f.date() == at.date()) {
        at.format("%H:%M:%S").to_string()
    } else {
        at.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

/// The step of `story` at `t`: the latest at or before it (a bar's
/// state at that time, or a mark at it).
pub fn step_at(story: &Story, t: NaiveDateTime) -> Option<&StoryStep> {
    story.steps.iter().rev().find(|s| s.at <= t)
}

/// The step of `story` that a shape ending (or a mark standing) at `t`
/// stands for: the first step at `t` (a window that lapsed at 00:02 is
/// told by its lapse, not by the hand-out that followed in the same
/// second), else the latest before it.
pub fn step_closing(story: &Story, t: NaiveDateTime) -> Option<&StoryStep> {
    story
        .steps
        .iter()
        .find(|s| s.at == t)
        .or_else(|| step_at(story, t))
}

/// Open the story of `id` and move focus to it.
pub fn open_story(ctx: SimCtx, id: String) {
    ctx.story_of.set(Some(id));
    request_animation_frame(|| {
        if let Some(el) = document()
            .get_element_by_id("sim-story")
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// The "Story" button for the selection.
#[component]
pub fn StoryButton() -> impl IntoView {
    let ctx = expect_context::<SimCtx>();
    let target = move || {
        let sel = ctx.selected.get()?;
        (call_of(&sel).is_none()).then_some(sel)
    };
    view! {
        <Show when=move || target().is_some()>
            <button id="sim-story-open" class="btn"
                // The story panel is in the page only while a story is open.
                aria-controls=move || ctx.story_of.get().map(|_| "sim-story")
                aria-expanded=move || ctx.story_of.get().is_some().to_string()
                aria-label=move || format!("Story of {}", target().unwrap_or_default())
                on:click=move |_| if let Some(t) = target() { open_story(ctx, t) }>"Story"</button>
        </Show>
    }
}

#[component]
pub fn StoryPanel() -> impl IntoView {
    let ctx = expect_context::<SimCtx>();
    let story: Memo<Option<(Story, Vec<Option<usize>>)>> = Memo::new(move |_| {
        ctx.ready.get();
        let id = ctx.story_of.get()?;
        ctx.session.with_value(|s| {
            let s = s.as_ref()?;
            let story = s.service.story(&s.pipeline_id, &id)?;
            let calls = s.service.call_log();
            let idx = story.steps.iter().map(|st| call_index(st, calls)).collect();
            Some((story, idx))
        })
    });
    let pick = move |step: &StoryStep, call: Option<usize>| {
        ctx.select(step.object.clone());
        ctx.step.set(Some(StepFocus {
            trace_index: step.trace_index,
            at: step.at,
            call,
        }));
    };
    let steps = move || {
        let (st, calls) = story.get()?;
        let first = st.steps.first().map(|s| s.at);
        let focused = ctx.step.get().map(|f| f.trace_index);
        Some(
            st.steps
                .into_iter()
                .zip(calls)
                .map(|(step, call)| {
                    let time = step_time(step.at, first);
                    let on = focused == Some(step.trace_index);
                    let also = step
                        .also
                        .iter()
                        .map(|(id, s)| format!("{id} {}", s.as_str()))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let rules = step
                        .rules
                        .iter()
                        .map(|r| {
                            view! {
                                <li class="rule" data-rule=r.name>
                                    <span class="rule-text">{r.text()}</span>
                                    <span class="rule-source">{format!(" — {}: {}", r.provenance, r.source)}</span>
                                    {r.decision.map(|d| view! { <span class="rule-decision">{format!(" Decision: {d}.")}</span> })}
                                </li>
                            }
                        })
                        .collect_view();
                    let picked = step.clone();
                    view! {
                        <li class="story-step" class:on=on data-at=format_datetime(step.at)
                            data-moment=step.moment.key() data-object=step.object.clone()
                            data-call=call.map(|c| c.to_string()).unwrap_or_default()>
                            <button class="story-pick" aria-pressed=on.to_string()
                                on:click=move |_| pick(&picked, call)>
                                <time datetime=format_datetime(step.at)>{time}</time>
                                <span class="sentence">{step.sentence.clone()}</span>
                            </button>
                            <p class="muted cause">
                                {format!("{} · {}", step.cause, step.object)}
                                {(!also.is_empty()).then(|| format!(" (with {also})"))}
                            </p>
                            <ul class="rules">{rules}</ul>
                        </li>
                    }
                })
                .collect_view(),
        )
    };
    let title = move || {
        story.with(|s| {
            s.as_ref()
                .map(|(s, _)| format!("Story of {}", s.title))
                .unwrap_or_default()
        })
    };
    let left_out = move || {
        story.with(|s| {
            s.as_ref()
                .filter(|(s, _)| s.left_out > 0)
                .map(|(s, _)| format!("{} earlier steps not shown", s.left_out))
        })
    };
    view! {
        <Show when=move || story.with(|s| s.is_some())>
            <section id="sim-story" class="story" role="region" aria-labelledby="sim-story-title" tabindex="-1">
                <div class="story-head">
                    <h4 id="sim-story-title">{title}</h4>
                    <button class="btn small" aria-label="Close the story" on:click=move |_| ctx.story_of.set(None)>"×"</button>
                </div>
                {move || left_out().map(|t| view! { <p class="muted">{t}</p> })}
                <ol class="story-steps">{steps}</ol>
            </section>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use studio::simulator::lessons;
    use studio::simulator::session::Session;

    /// The lesson's session run to its horizon.
    fn ran(key: &str) -> Session {
        let lesson = lessons::by_key(key).unwrap();
        let mut s = lesson.start().unwrap();
        while !s.run_chunk(lesson.horizon(), 500) {}
        s
    }

    #[test]
    fn a_step_finds_the_call_that_caused_it_in_the_log() {
        let s = ran("crashed-runner");
        let story = s
            .service
            .story(&s.pipeline_id, "@Hello_2024-01-01T00:00:00")
            .unwrap();
        let calls = s.service.call_log();
        let handout = story
            .steps
            .iter()
            .find(|st| st.moment.key() == "hand-out")
            .unwrap();
        let n = call_index(handout, calls).expect("the PollForTask");
        assert_eq!(calls[n].action, "PollForTask");
        assert_eq!(calls[n].caller, "runner-1");
        assert!(
            calls[n].response.contains("taskId"),
            "{}",
            calls[n].response
        );
        let lease = story
            .steps
            .iter()
            .find(|st| st.moment.key() == "lease-expiry")
            .unwrap();
        assert_eq!(call_index(lease, calls), None, "a timer, not a call");
    }

    #[test]
    fn a_time_points_at_the_latest_step_before_it() {
        let s = ran("crashed-runner");
        let story = s
            .service
            .story(&s.pipeline_id, "@Hello_2024-01-01T00:00:00_Attempt=1")
            .unwrap();
        let t = |x| crate::model::time::parse_datetime(x).unwrap();
        let at = |x| step_at(&story, t(x)).map(|s| s.moment.key());
        assert_eq!(at("2024-01-01T00:12:00"), Some("acknowledgement"));
        assert_eq!(at("2024-01-01T00:25:00"), Some("lease-expiry"));
        assert_eq!(at("2023-12-31T23:00:00"), None);
        let closing = |x| step_closing(&story, t(x)).map(|s| s.moment.key());
        assert_eq!(closing("2024-01-01T00:25:00"), Some("lease-expiry"));
        assert_eq!(closing("2024-01-01T00:10:00"), Some("acknowledgement"));
    }

    #[test]
    fn a_lapsed_window_is_told_by_its_lapse_not_the_hand_out_in_the_same_second() {
        let s = ran("unacknowledged");
        let story = s
            .service
            .story(&s.pipeline_id, "@Hello_2024-01-01T00:00:00_Attempt=1")
            .unwrap();
        let t = crate::model::time::parse_datetime("2024-01-01T00:02:00").unwrap();
        assert_eq!(
            step_closing(&story, t).map(|s| s.moment.key()),
            Some("missed-acknowledgement")
        );
        assert_ne!(
            step_at(&story, t).map(|s| s.moment.key()),
            Some("missed-acknowledgement")
        );
    }

    #[test]
    fn times_of_the_first_day_read_as_times_of_day() {
        let t = |s| crate::model::time::parse_datetime(s).unwrap();
        let first = Some(t("2024-01-01T00:00:00"));
        assert_eq!(step_time(t("2024-01-01T00:25:00"), first), "00:25:00");
        assert_eq!(
            step_time(t("2024-01-02T00:25:00"), first),
            "2024-01-02 00:25:00"
        );
    }
}
