//! The simulator area: activate the edited pipeline on the simulated
//! service, move its virtual clock, and watch instances, runners and every
//! API call. Everything shown comes from the engine's public API, its call
//! log and its explanations (`session`).

pub mod filters;
pub mod links;
mod session;
#[cfg(test)]
mod test_support;
pub mod timeline_data;
#[cfg(test)]
mod timeline_tests;
pub mod timeline_view;

use leptos::prelude::*;

use crate::model::time::format_datetime;
use crate::ui::store::DocumentStore;
use session::{InstanceRow, Session};

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
    let session: StoredValue<Option<Session>, LocalStorage> = StoredValue::new_local(None);
    // Bumped after every change of the session, so views re-read it.
    let version = RwSignal::new(0u64);
    let seed = RwSignal::new(1u64);
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let why: RwSignal<Option<(String, Vec<String>)>> = RwSignal::new(None);

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
        why.set(None);
        bump();
    };
    let reset = move |_| {
        session.set_value(None);
        error.set(None);
        why.set(None);
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
                <section class="sim-log" aria-labelledby="sim-log-title">
                    <h3 id="sim-log-title">"API log " <span class="muted">"(newest first)"</span></h3>
                    <ol id="sim-log" class="calls">{log}</ol>
                </section>
            </div>
        </div>
    }
}
