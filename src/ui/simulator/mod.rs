//! The simulator area: activate the edited pipeline on the simulated
//! service, move its virtual clock, and watch instances, runners and every
//! API call. Everything shown comes from the engine's public API, its call
//! log and its explanations (`session`).

mod actions;
pub mod filters;
mod graph;
mod leases;
pub mod links;
mod log;
mod session;
mod table;
#[cfg(test)]
mod test_support;
mod timeline;
pub mod timeline_data;
#[cfg(test)]
mod timeline_tests;
pub mod timeline_view;
mod views;
mod why;

use leptos::prelude::*;

use crate::model::time::format_datetime;
use crate::ui::store::DocumentStore;
use session::{InstanceRow, Session};
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
    let session: StoredValue<Option<Session>, LocalStorage> = StoredValue::new_local(None);
    // Bumped after every change of the session, so views re-read it.
    let version = RwSignal::new(0u64);
    let seed = RwSignal::new(1u64);
    let error: RwSignal<Option<String>> = RwSignal::new(None);

    let bump = move || version.update(|v| *v += 1);
    let activate = move |_| {
        let result = store.definition.with_untracked(|d| {
            Session::activate(d, &store.name.get_untracked(), seed.get_untracked())
        });
        match result {
            Ok(s) => {
                session.set_value(Some(s));
                error.set(None);
                store
                    .status
                    .set("Activated on the simulated service".to_string());
            }
            Err(e) => {
                session.set_value(None);
                error.set(Some(e));
            }
        }
        bump();
    };
    let reset = move |_| {
        session.set_value(None);
        error.set(None);
        bump();
    };
    let advance = move |secs: i64| {
        session.update_value(|s| {
            if let Some(s) = s {
                s.advance(secs);
            }
        });
        bump();
    };
    let step = move |_| {
        session.update_value(|s| {
            if let Some(s) = s {
                s.service.step();
            }
        });
        bump();
    };

    let active = move || {
        version.track();
        session.with_value(|s| s.is_some())
    };
    let now = move || {
        version.track();
        session.with_value(|s| s.as_ref().map(|s| format_datetime(s.service.now())))
    };
    let rows = Memo::new(move |_| {
        version.track();
        let mut out: Vec<InstanceRow> = Vec::new();
        session.update_value(|s| {
            if let Some(s) = s {
                out = s.instances();
            }
        });
        out
    });
    view! {
        <div class="simulator">
            <div class="toolbar" role="toolbar" aria-label="Simulation">
                <label class="inline" for="sim-seed">"Seed"
                    <input id="sim-seed" type="number" min="0" class="narrow" prop:value=move || seed.get().to_string()
                        on:input=move |ev| seed.set(event_target_value(&ev).parse().unwrap_or(0)) />
                </label>
                <button id="sim-activate" class="btn primary" on:click=activate>"Activate"</button>
                <button class="btn" on:click=reset disabled=move || !active()>"Reset"</button>
                <span class="sep"></span>
                <button class="btn" on:click=step disabled=move || !active() title="Run the next event">"Step"</button>
                <button class="btn" on:click=move |_| advance(60) disabled=move || !active()>"+1 min"</button>
                <button class="btn" on:click=move |_| advance(3600) disabled=move || !active()>"+1 hour"</button>
                <button class="btn" on:click=move |_| advance(86_400) disabled=move || !active()>"+1 day"</button>
                <span class="clock" aria-label="Virtual time">
                    <span class="muted">"Virtual time "</span>
                    <strong id="sim-now">{move || now().unwrap_or_else(|| "not activated".to_string())}</strong>
                </span>
            </div>
            <Show when=move || error.get().is_some()>
                <p id="sim-error" class="push-error" role="alert">{move || error.get().unwrap_or_default()}</p>
            </Show>
            <Views session version rows />
        </div>
    }
}
