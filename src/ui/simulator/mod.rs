//! The simulator area: activate the edited pipeline on the simulated
//! service, move its virtual clock (`controls`), configure and drive task
//! runners (`runners`, `manual`), load lessons and run settings
//! (`scenarios`), and watch instances, the timeline, leases and every API
//! call with one shared selection (`views`). Everything shown comes from the
//! engine's public API, its trace, call log and explanations through
//! `studio::simulator` (the session, clock policy, paging, filters, lessons,
//! settings and the timeline model, plain Rust); these components bind it to
//! signals, frames and the page.

mod actions;
mod controls;
mod graph;
mod leases;
pub mod lesson_player;
mod log;
mod manual;
mod next_task;
mod runners;
mod scenarios;
mod state;
pub mod story;
mod table;
mod timeline;
mod timeline_canvas;
mod timeline_effects;
mod views;
mod whatif_view;
mod why;

use leptos::prelude::*;

use crate::ui::store::DocumentStore;
use state::Sim;
use views::Views;

/// The service's status names and the colour class of each (the legend).
const LEGEND: [(&str, &str); 8] = [
    ("WAITING_ON_DEPENDENCIES", "idle"),
    ("WAITING_FOR_RUNNER", "info"),
    ("RUNNING", "run"),
    ("FINISHED", "ok"),
    ("FAILED", "err"),
    ("CASCADE_FAILED", "err"),
    ("CANCELED", "warn"),
    ("SKIPPED", "idle"),
];

pub(crate) fn status_class(status: &str) -> &'static str {
    LEGEND
        .iter()
        .find(|(s, _)| *s == status)
        .map_or("idle", |(_, c)| c)
}

#[component]
pub fn SimulatorArea() -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let sim = Sim::new(store);
    provide_context(sim);
    let session = sim.session;
    // Bumped after every change of the session, so views re-read it.
    let version = sim.version;
    let error = sim.error;

    // The views read the session after each change, once its timers due
    // now have run.
    let ready = Memo::new(move |_| {
        let v = version.get();
        session.update_value(|s| {
            if let Some(s) = s {
                s.sync();
            }
        });
        v
    });

    views::provide_views(session, version, ready);

    view! {
        <div class="simulator" class:presenting=move || sim.presenting.get()>
            // The area's heading, for the outline (its panels are h3).
            <h2 class="sr-only">"Simulator"</h2>
            <controls::ControlBar />
            <scenarios::Scenarios />
            <Show when=move || error.get().is_some()>
                <p id="sim-error" class="push-error" role="alert">{move || error.get().unwrap_or_default()}</p>
            </Show>
            <div class="sim-body">
                <Views />
                <div class="sim-aside">
                    <lesson_player::LessonPlayer />
                    <aside class="sim-runners" aria-label="Task runners">
                        <runners::RunnerList />
                        <manual::ManualRunner />
                    </aside>
                </div>
            </div>
        </div>
    }
}
