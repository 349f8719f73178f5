//! The manual runner: the user is the task runner. PollForTask on a
//! workerGroup, ReportTaskProgress for the task held, SetTaskStatus
//! FINISHED or FAILED (with errorId and message) — each request and
//! response shown as sent and answered.

use crate::model::catalog::keys;
use leptos::prelude::*;

use super::state::Sim;
use studio::simulator::settings::worker_groups;

/// The manual runner's caller name in the API log.
pub const MANUAL_LABEL: &str = "manual-runner";

#[component]
pub fn ManualRunner() -> impl IntoView {
    let sim = expect_context::<Sim>();
    let group = RwSignal::new(String::new());
    let task: RwSignal<Option<String>> = RwSignal::new(None);
    let error_id = RwSignal::new("ManualFailure".to_string());
    let error_message = RwSignal::new("failed by hand".to_string());
    let chosen_group = move || {
        let g = group.get_untracked();
        if g.trim().is_empty() {
            sim.store
                .definition
                .with_untracked(worker_groups)
                .into_iter()
                .next()
                .unwrap_or_default()
        } else {
            g.trim().to_string()
        }
    };
    let record = move |x: Option<studio::simulator::session_runners::Exchange>| {
        if let Some(x) = x {
            sim.manual.update(|l| l.insert(0, x));
        }
    };
    let poll = move |_| {
        let g = chosen_group();
        let x = sim.with_session(|s| s.manual_poll(MANUAL_LABEL, &g));
        if let Some(id) = x.as_ref().and_then(|x| x.task_id()) {
            task.set(Some(id));
        }
        record(x);
    };
    let report = move |_| {
        let Some(t) = task.get_untracked() else {
            return;
        };
        record(sim.with_session(|s| s.manual_report(MANUAL_LABEL, &t)));
    };
    let finish = move |status: &'static str| {
        let Some(t) = task.get_untracked() else {
            return;
        };
        let (id, msg) = (error_id.get_untracked(), error_message.get_untracked());
        let error = (status == "FAILED").then_some((id.as_str(), msg.as_str()));
        let x = sim.with_session(|s| s.manual_set_status(MANUAL_LABEL, &t, status, error));
        if x.as_ref().is_some_and(|x| x.status == 200) {
            task.set(None);
        }
        record(x);
    };
    let no_task = move || !sim.active() || task.get().is_none();
    view! {
        <details class="sim-panel" id="sim-manual">
            <summary><h3>"Manual runner"</h3></summary>
            <p class="muted">"You are the task runner: poll, report progress, set the status. Each call goes to the simulated service as "<span class="mono">{MANUAL_LABEL}</span>"."</p>
            <div class="manual-grid">
                <label class="field" for="manual-group"><span class="field-label">{keys::WORKER_GROUP}</span>
                    <input id="manual-group" list="sim-groups" placeholder=move || sim.store.definition.with(worker_groups).into_iter().next().unwrap_or_default()
                        prop:value=move || group.get() on:input=move |ev| group.set(event_target_value(&ev)) />
                </label>
                <button id="manual-poll" class="btn" disabled=move || !sim.active() on:click=poll>"PollForTask"</button>
                <div class="field"><span class="field-label">"Task held"</span>
                    <span id="manual-task" class="mono">{move || task.get().unwrap_or_else(|| "none".to_string())}</span>
                </div>
                <button id="manual-report" class="btn" disabled=no_task on:click=report>"ReportTaskProgress"</button>
                <label class="field" for="manual-error-id"><span class="field-label">{keys::runtime::ERROR_ID}</span>
                    <input id="manual-error-id" prop:value=move || error_id.get() on:input=move |ev| error_id.set(event_target_value(&ev)) />
                </label>
                <label class="field" for="manual-error-message"><span class="field-label">{keys::runtime::ERROR_MESSAGE}</span>
                    <input id="manual-error-message" prop:value=move || error_message.get() on:input=move |ev| error_message.set(event_target_value(&ev)) />
                </label>
                <button id="manual-finished" class="btn" disabled=no_task on:click=move |_| finish("FINISHED")>"SetTaskStatus FINISHED"</button>
                <button id="manual-failed" class="btn" disabled=no_task on:click=move |_| finish("FAILED")>"SetTaskStatus FAILED"</button>
            </div>
            <ol id="manual-calls" class="calls manual-calls">
                {move || sim.manual.get().into_iter().map(|x| {
                    let class = if x.status == 200 { "call ok" } else { "call err" };
                    view! {
                        <li class=class data-action=x.action.clone()>
                            <div class="manual-call-head"><strong>{x.action.clone()}</strong><span class="status mono">{x.status}</span></div>
                            <div class="pair">
                                <div><span class="field-label">"Request"</span><pre class="code small request">{x.request.clone()}</pre></div>
                                <div><span class="field-label">"Response"</span><pre class="code small response">{x.response.clone()}</pre></div>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </details>
    }
}
