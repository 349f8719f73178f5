//! The run controls: Activate / Deactivate / Reset, the seed, play and
//! pause at a speed, step to the next event, jump by a preset or to a
//! date-time (in bounded slices of engine work, one task each, with a
//! progress bar and Stop), and the virtual time, always visible. The policy is in
//! `clock`; this binds it to the page's frames.

use leptos::prelude::*;

use super::next_task::{next_task, now_ms};
use super::state::Sim;
use crate::model::time::format_datetime;
use studio::simulator::clock::{parse_target, Budget, Jump, Speed, PRESETS, SPEEDS};

/// While playing, the views catch up at most this often (real ms).
const VIEW_EVERY_MS: f64 = 200.0;

/// One frame of play or slice of a fast-forward (`first`: the one run
/// at once); schedules the next while running.
fn frame(sim: Sim, token: u64, last_ms: f64, first: bool) {
    if sim.token.get_value() != token {
        return;
    }
    let start = now_ms();
    let jump = sim.jump.get_untracked();
    let budget = if jump.is_some() {
        Budget::fast_forward()
    } else {
        Budget::default()
    };
    // Playing to a lesson's next moment: its own speed, and it stops there.
    let until = sim.until.get_value().filter(|_| jump.is_none());
    let speed = until.map_or_else(|| sim.speed.get_untracked(), |(_, n)| Speed::Times(n));
    let mut player = sim.player.get_value();
    let mut finished = false;
    let mut arrived = false;
    sim.session.update_value(|s| {
        let Some(s) = s else {
            finished = true;
            return;
        };
        let target = match jump {
            Some(j) => Some(j.to),
            None => player
                .frame_target(s.service.now(), speed, start - last_ms)
                .map(|t| match until {
                    Some((u, _)) if t >= u => u,
                    _ => t,
                }),
        };
        let log_from = jump.map_or(chrono::NaiveDateTime::MIN, |j| j.log_from());
        loop {
            match target {
                Some(t) => {
                    if s.run_chunk_logged_from(t, log_from, budget.steps_per_slice) {
                        finished = jump.is_some();
                        arrived = until.is_some_and(|(u, _)| t >= u);
                        break;
                    }
                }
                None => s.run_steps(budget.steps_per_slice),
            }
            if !budget.another_slice(now_ms() - start) {
                break;
            }
        }
    });
    sim.player.set_value(player);
    if arrived {
        sim.until.set_value(None);
        sim.playing.set(false);
        sim.token.update_value(|t| *t += 1);
        sim.bump();
        return;
    }
    if finished && first {
        // Done at once (a short jump): the views catch up now.
        sim.jump.set(None);
        sim.bump();
        return;
    }
    if finished {
        // A long run ends in three tasks: the clock shows the target; the
        // views read the run (table, log, graph); then the fast-forward
        // ends (its progress goes, the timeline reads what is left and
        // paints it all).
        let now = sim
            .session
            .with_value(|s| s.as_ref().map(|s| s.service.now()));
        sim.clock.set(now);
        next_task(move || {
            if sim.token.get_value() == token {
                sim.bump();
                next_task(move || {
                    if sim.token.get_value() == token {
                        sim.jump.set(None);
                    }
                });
            }
        });
        return;
    }
    // While fast-forwarding only the clock and progress move (and the
    // timeline reads the new trace entries); the other views catch up
    // when it ends, and while playing a few times a second
    // (re-reading every instance each frame would cost more than the run).
    if jump.is_none() && start - sim.last_view_ms.get_value() >= VIEW_EVERY_MS {
        sim.last_view_ms.set_value(start);
        sim.bump();
    } else {
        let now = sim
            .session
            .with_value(|s| s.as_ref().map(|s| s.service.now()));
        sim.clock.set(now);
    }
    // A fast-forward's next slice is the page's next task (it renders and
    // takes input in between when a frame is due); playing moves the
    // clock once per animation frame.
    if jump.is_some() {
        next_task(move || frame(sim, token, start, false));
    } else {
        request_animation_frame(move || frame(sim, token, start, false));
    }
}

/// Start a loop (play or jump); the first frame runs at once.
fn run(sim: Sim) {
    sim.token.update_value(|t| *t += 1);
    let token = sim.token.get_value();
    sim.player.set_value(Default::default());
    frame(sim, token, now_ms(), true);
}

/// Play the clock to `to` at `speed` virtual seconds per real second and
/// stop there (a lesson's next moment).
pub fn play_until(sim: Sim, to: chrono::NaiveDateTime, speed: u32) {
    sim.jump.set(None);
    sim.until.set_value(Some((to, speed.max(1))));
    sim.playing.set(true);
    run(sim);
}

/// Fast-forward to `to`.
pub fn jump_to(sim: Sim, to: chrono::NaiveDateTime) {
    let Some(from) = sim
        .session
        .with_value(|s| s.as_ref().map(|s| s.service.now()))
    else {
        return;
    };
    sim.playing.set(false);
    sim.jump.set(Some(Jump { from, to }));
    run(sim);
}

#[component]
pub fn ControlBar() -> impl IntoView {
    let sim = expect_context::<Sim>();
    let active = move || sim.active();
    let pipeline_on = move || {
        sim.version.track();
        sim.session
            .with_value(|s| s.as_ref().is_some_and(|s| s.active))
    };
    let busy = move || sim.jump.get().is_some();
    let toggle_active = move |_| {
        let on = pipeline_on();
        let result = sim.with_session(|s| if on { s.deactivate() } else { s.reactivate() });
        if let Some(Err(e)) = result {
            sim.error.set(Some(e));
        }
    };
    let play = move |_| {
        if sim.playing.get_untracked() {
            sim.stop();
        } else {
            sim.jump.set(None);
            sim.playing.set(true);
            run(sim);
        }
    };
    let step = move |_| {
        sim.stop();
        sim.with_session(|s| s.step());
    };
    let jump_text = RwSignal::new(String::new());
    let jump_typed = move || {
        let text = jump_text.get_untracked();
        match parse_target(&text) {
            Some(t) => jump_to(sim, t),
            None => sim.error.set(Some(format!(
                "Jump to: \"{text}\" is not a date-time (YYYY-MM-DDTHH:MM:SS)"
            ))),
        }
    };
    let now_text = move || {
        sim.clock
            .get()
            .map(format_datetime)
            .unwrap_or_else(|| "not activated".to_string())
    };
    let progress = move || {
        let j = sim.jump.get()?;
        let now = sim.clock.get()?;
        Some(j.progress(now))
    };

    view! {
        <div class="toolbar sim-controls" role="toolbar" aria-label="Simulation">
            <label class="inline" for="sim-seed">"Seed"
                <input id="sim-seed" type="number" min="0" class="narrow" prop:value=move || sim.seed.get().to_string()
                    on:input=move |ev| sim.seed.set(event_target_value(&ev).parse().unwrap_or(0)) />
            </label>
            <button id="sim-activate" class="btn primary" on:click=move |_| sim.activate()
                title="CreatePipeline, PutPipelineDefinition and ActivatePipeline on a fresh simulated service">"Activate"</button>
            <button id="sim-deactivate" class="btn" on:click=toggle_active disabled=move || !active()
                title="DeactivatePipeline, or ActivatePipeline again">
                {move || if !active() || pipeline_on() { "Deactivate" } else { "Reactivate" }}
            </button>
            <button class="btn" on:click=move |_| sim.reset() disabled=move || !active()>"Reset"</button>
            <span class="sep"></span>
            <button id="sim-play" class="btn" on:click=play disabled=move || !active()
                aria-pressed=move || sim.playing.get().to_string()>
                {move || if sim.playing.get() { "Pause" } else { "Play" }}
            </button>
            <label class="inline" for="sim-speed">"Speed"
                <select id="sim-speed" class="narrow wide" on:change=move |ev| {
                    if let Some(s) = Speed::parse(&event_target_value(&ev)) { sim.speed.set(s); }
                }>
                    {SPEEDS.into_iter().map(|s| view! {
                        <option value=s.key() selected=move || sim.speed.get() == s>{s.label()}</option>
                    }).collect_view()}
                </select>
            </label>
            <button id="sim-step" class="btn" on:click=step disabled=move || !active() title="Run the next event">"Step"</button>
            <span class="clock" aria-label="Virtual time">
                <span class="muted">"Virtual time "</span>
                <strong id="sim-now">{now_text}</strong>
            </span>
        </div>
        <div class="toolbar sim-jumps" role="toolbar" aria-label="Jump the clock">
            <span class="muted">"Jump"</span>
            {PRESETS.into_iter().map(|p| view! {
                <button class="btn small" disabled=move || !active() || busy()
                    on:click=move |_| {
                        if let Some(now) = sim.session.with_value(|s| s.as_ref().map(|s| s.service.now())) {
                            jump_to(sim, p.target(now));
                        }
                    }>{p.label()}</button>
            }).collect_view()}
            <label class="inline" for="sim-jump-to">"to"
                <input id="sim-jump-to" type="datetime-local" step="1" class="when"
                    prop:value=move || jump_text.get()
                    on:input=move |ev| jump_text.set(event_target_value(&ev))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { jump_typed() } />
            </label>
            <button id="sim-jump" class="btn small" disabled=move || !active() || busy() on:click=move |_| jump_typed()>"Go"</button>
            <Show when=busy>
                <progress id="sim-progress" max="1" aria-label="Fast-forward progress"
                    prop:value=move || progress().unwrap_or(0.0)></progress>
                <span class="muted" id="sim-progress-text">
                    {move || progress().map(|p| format!("{:.0}%", p * 100.0)).unwrap_or_default()}
                </span>
                <button id="sim-stop" class="btn small" on:click=move |_| { sim.stop(); sim.bump(); }>"Stop"</button>
            </Show>
        </div>
    }
}
