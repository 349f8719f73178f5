//! The simulator area: activate the edited pipeline on the simulated
//! service, move its virtual clock, and watch instances, runners and every
//! API call. Everything shown comes from the engine's public API, its call
//! log and its explanations (`session`).

pub mod clock;
mod controls;
pub mod lessons;
mod manual;
mod runners;
mod scenarios;
pub mod script;
pub mod session;
pub mod session_runners;
pub mod settings;
mod state;

use leptos::prelude::*;

use crate::model::time::format_datetime;
use crate::ui::store::DocumentStore;
use session::InstanceRow;
use state::Sim;

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

fn status_class(status: &str) -> &'static str {
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
    let why: RwSignal<Option<(String, Vec<String>)>> = RwSignal::new(None);

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
    let log = move || {
        version.track();
        session.with_value(|s| {
            s.as_ref().map(|s| {
                let calls = s.service.call_log();
                let skip = calls.len().saturating_sub(200);
                calls[skip..]
                    .iter()
                    .rev()
                    .map(|c| {
                        let class = if c.status == 200 {
                            "call ok"
                        } else {
                            "call err"
                        };
                        view! {
                            <li class=class data-action=c.action.clone()>
                                <details>
                                    <summary>
                                        <span class="at">{format_datetime(c.at)}</span>
                                        <span class="caller">{c.caller.clone()}</span>
                                        <span class="action">{c.action.clone()}</span>
                                        <span class="status">{c.status}</span>
                                    </summary>
                                    <pre class="code small">{c.request.clone()}</pre>
                                    <pre class="code small">{c.response.clone()}</pre>
                                </details>
                            </li>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let explain = move |id: String| {
        let lines = session.with_value(|s| {
            s.as_ref()
                .map(|s| s.service.explain(&s.pipeline_id, &id))
                .unwrap_or_default()
        });
        why.set(Some((id, lines)));
    };

    view! {
        <div class="simulator">
            <controls::ControlBar />
            <scenarios::Scenarios />
            <Show when=move || error.get().is_some()>
                <p id="sim-error" class="push-error" role="alert">{move || error.get().unwrap_or_default()}</p>
            </Show>
            <div class="sim-body">
                <section class="sim-instances" aria-labelledby="sim-instances-title">
                    <h3 id="sim-instances-title">"Instances"</h3>
                    <ul class="legend" aria-label="Status colours">
                        {LEGEND.iter().map(|(s, c)| view! { <li><span class=format!("dot {c}")></span>{*s}</li> }).collect_view()}
                    </ul>
                    <table id="sim-instances" class="grid">
                        <thead><tr><th>"Instance"</th><th>"Component"</th><th>"Scheduled start"</th><th>"Attempts"</th><th>"Status"</th><th></th></tr></thead>
                        <tbody>
                            {move || rows.get().into_iter().map(|r| {
                                let id = r.id.clone();
                                view! {
                                    <tr data-id=r.id.clone() data-status=r.status.clone()>
                                        <td class="mono">{r.id.clone()}</td>
                                        <td>{r.component.clone()}</td>
                                        <td class="mono">{r.scheduled_start.clone()}</td>
                                        <td>{r.attempts.clone()}</td>
                                        <td><span class=format!("badge {}", status_class(&r.status))>{r.status.clone()}</span></td>
                                        <td><button class="btn small" aria-label=format!("Why is {} {}?", r.id, r.status)
                                            on:click=move |_| explain(id.clone())>"Why?"</button></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <Show when=move || why.get().is_some()>
                        <div id="sim-why" class="why" role="region" aria-label="Explanation">
                            <h4>{move || why.get().map(|(id, _)| format!("Why? {id}")).unwrap_or_default()}</h4>
                            <ol>{move || why.get().map(|(_, lines)| lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view())}</ol>
                        </div>
                    </Show>
                </section>
                <aside class="sim-side">
                    <runners::RunnerList />
                    <manual::ManualRunner />
                    <section class="sim-log" aria-labelledby="sim-log-title">
                        <h3 id="sim-log-title">"API log " <span class="muted">"(newest first)"</span></h3>
                        <ol id="sim-log" class="calls">{log}</ol>
                    </section>
                </aside>
            </div>
        </div>
    }
}
