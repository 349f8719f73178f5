//! The runner list: the simulated task runners of the run (by default one
//! per workerGroup of the document), each with what it is doing; add, edit
//! (workerGroup or resource, threads, poll interval, work time, failure
//! and crash odds, precondition answer), remove, crash and revive, and open
//! a runner's story (`Service::story` of its caller label: every hand-out,
//! acknowledgement, report and lapse of the run that was its). Edits go to
//! the next run's settings and, while a run is on, to its runner.

use crate::model::catalog::keys;
use leptos::prelude::*;

use super::state::Sim;
use super::story::open_story;
use super::views::SimCtx;
use crate::engine::RunnerSpec;
use studio::simulator::session_runners::{RunnerState, RunnerView};
use studio::simulator::settings::{next_label, runner, sanitize, worker_groups};

/// Change the runner list: the run's runners and the next run's settings.
fn edit_list(sim: Sim, f: impl FnOnce(&mut Vec<RunnerSpec>)) {
    let mut list = sim.runner_list();
    f(&mut list);
    list.iter_mut().for_each(sanitize);
    sim.runners.set(Some(list));
}

fn views(sim: Sim) -> Vec<RunnerView> {
    sim.version.track();
    sim.runners.track();
    sim.store.definition.track();
    let live = sim
        .session
        .with_value(|s| s.as_ref().map(|s| s.runner_views()));
    live.unwrap_or_else(|| {
        sim.runner_list()
            .into_iter()
            .map(RunnerView::stopped)
            .collect()
    })
}

fn state_class(s: RunnerState) -> &'static str {
    match s {
        RunnerState::Polling => "badge info",
        RunnerState::Working => "badge run",
        RunnerState::Crashed => "badge err",
        RunnerState::Stopped => "badge",
    }
}

#[component]
pub fn RunnerList() -> impl IntoView {
    let sim = expect_context::<Sim>();
    let editing: RwSignal<Option<String>> = RwSignal::new(None);
    let add = move |_| {
        let group = sim
            .store
            .definition
            .with_untracked(worker_groups)
            .into_iter()
            .next()
            .unwrap_or_else(|| keys::WORKER_GROUP.to_string());
        let mut label = String::new();
        edit_list(sim, |list| {
            let spec = runner(next_label(list), &group);
            label = spec.label.clone();
            list.push(spec.clone());
            sim.with_session(|s| s.add_runner(spec));
        });
        editing.set(Some(label));
    };
    let defaults = move |_| {
        sim.runners.set(None);
        editing.set(None);
    };
    view! {
        <details class="sim-panel" id="sim-runners" open>
            <summary><h3>"Runners"</h3></summary>
            <datalist id="sim-groups">
                {move || sim.store.definition.with(worker_groups).into_iter().map(|g| view! { <option value=g></option> }).collect_view()}
            </datalist>
            <ul class="runners">
                {move || views(sim).into_iter().map(|v| view! { <RunnerCard view=v editing=editing /> }).collect_view()}
            </ul>
            <div class="row">
                <button id="sim-add-runner" class="btn small" on:click=add>"Add runner"</button>
                <button class="btn small" on:click=defaults disabled=move || sim.active()
                    title="One runner per workerGroup of the document">"Default runners"</button>
            </div>
        </details>
    }
}

#[component]
fn RunnerCard(view: RunnerView, editing: RwSignal<Option<String>>) -> impl IntoView {
    let sim = expect_context::<Sim>();
    let ctx = expect_context::<SimCtx>();
    let label = view.spec.label.clone();
    let story_name = format!("Story of {label}");
    let l4 = label.clone();
    let story_open = {
        let label = label.clone();
        move || ctx.story_of.get().as_deref() == Some(label.as_str())
    };
    let l1 = label.clone();
    let l2 = label.clone();
    let l3 = label.clone();
    let open = {
        let label = label.clone();
        move || editing.get().as_deref() == Some(label.as_str())
    };
    let crashed = view.state == RunnerState::Crashed;
    let crash_name = format!("{} {label}", if crashed { "Revive" } else { "Crash" });
    let remove_name = format!("Remove {label}");
    let open2 = open.clone();
    let live = view.state != RunnerState::Stopped;
    let summary = format!(
        "{} · {} finished{}",
        view.spec.worker_group,
        view.finished,
        if view.failed > 0 {
            format!(", {} failed", view.failed)
        } else {
            String::new()
        }
    );
    let holding = (!view.tasks.is_empty()).then(|| format!("holds {}", view.tasks.join(", ")));
    let crash_or_revive = move |_| {
        let label = l1.clone();
        sim.with_session(|s| {
            if crashed {
                s.revive(&label)
            } else {
                s.crash(&label)
            }
        });
    };
    let remove = move |_| {
        let label = l2.clone();
        sim.with_session(|s| s.remove_runner(&label));
        edit_list(sim, |list| list.retain(|r| r.label != label));
    };
    let toggle = move |_| {
        editing.update(|e| {
            *e = if e.as_deref() == Some(l3.as_str()) {
                None
            } else {
                Some(l3.clone())
            }
        })
    };
    let spec = view.spec.clone();
    // A runner of the run has a story (what it was handed, acknowledged,
    // reported and lost).
    let story_button = live.then(|| {
        let expanded = story_open.clone();
        let controls = story_open.clone();
        view! {
            <button class="btn small runner-story" aria-label=story_name
                // The story panel is in the page only while a story is open.
                aria-controls=move || controls().then_some("sim-story")
                aria-expanded=move || expanded().to_string()
                on:click=move |_| open_story(ctx, l4.clone())>"Story"</button>
        }
    });
    view! {
        <li class="runner" data-label=label.clone() data-state=view.state.label()>
            <div class="runner-head">
                <strong>{label.clone()}</strong>
                <span class=state_class(view.state)>{view.state.label()}</span>
                <span class="grow"></span>
                {story_button}
                <button class="btn small" aria-expanded=move || open().to_string()
                    aria-label=format!("Edit {label}") on:click=toggle>"Edit"</button>
                <Show when=move || live>
                    <button class="btn small" aria-label=crash_name.clone()
                        on:click=crash_or_revive.clone()>{if crashed { "Revive" } else { "Crash" }}</button>
                </Show>
                <button class="btn small" aria-label=remove_name on:click=remove>"Remove"</button>
            </div>
            <div class="muted runner-summary">{summary}{holding.map(|h| view! { " · " <span class="mono">{h}</span> })}</div>
            <Show when=open2>
                <RunnerForm spec=spec.clone() />
            </Show>
        </li>
    }
}

#[component]
fn RunnerForm(spec: RunnerSpec) -> impl IntoView {
    let sim = expect_context::<Sim>();
    let id = spec.label.clone();
    let set = move |f: Box<dyn FnOnce(&mut RunnerSpec)>| {
        let label = id.clone();
        let mut changed = None;
        edit_list(sim, |list| {
            if let Some(r) = list.iter_mut().find(|r| r.label == label) {
                f(r);
                sanitize(r);
                changed = Some(r.clone());
            }
        });
        if let Some(spec) = changed {
            sim.with_session(|s| s.update_runner(spec));
        }
    };
    let p = spec.policy.clone();
    let num = |label: &'static str, key: &'static str, value: String, set: Box<dyn Fn(String)>| {
        let fid = format!("runner-{}-{key}", spec.label);
        let ffor = fid.clone();
        view! {
            <label class="field" for=ffor><span class="field-label">{label}</span>
                <input id=fid type="number" min="0" value=value on:change=move |ev| set(event_target_value(&ev)) />
            </label>
        }
    };
    let s1 = set.clone();
    let s2 = set.clone();
    let s3 = set.clone();
    let s4 = set.clone();
    let s5 = set.clone();
    let s6 = set.clone();
    let s7 = set.clone();
    let s8 = set.clone();
    let gid = format!("runner-{}-group", spec.label);
    let pid = format!("runner-{}-precondition", spec.label);
    let (gfor, pfor) = (gid.clone(), pid.clone());
    view! {
        <div class="runner-form">
            <label class="field wide" for=gfor><span class="field-label">"workerGroup or resource id"</span>
                <input id=gid list="sim-groups" value=spec.worker_group.clone()
                    on:change=move |ev| { let v = event_target_value(&ev); s1(Box::new(move |r| r.worker_group = v)) } />
            </label>
            {num("Threads", "threads", p.threads.to_string(), Box::new(move |v| if let Ok(n) = v.parse() { s2(Box::new(move |r| r.policy.threads = n)) }))}
            {num("Poll interval (s)", "poll", p.poll_interval_secs.to_string(), Box::new(move |v| if let Ok(n) = v.parse() { s3(Box::new(move |r| r.policy.poll_interval_secs = n)) }))}
            {num("Work time min (s)", "work-min", p.work_secs_min.to_string(), Box::new(move |v| if let Ok(n) = v.parse() { s4(Box::new(move |r| r.policy.work_secs_min = n)) }))}
            {num("Work time max (s)", "work-max", p.work_secs_max.to_string(), Box::new(move |v| if let Ok(n) = v.parse() { s5(Box::new(move |r| r.policy.work_secs_max = n)) }))}
            {num("Failure odds (%)", "fail", format!("{}", p.failure_probability * 100.0), Box::new(move |v| if let Ok(n) = v.parse::<f64>() { s6(Box::new(move |r| r.policy.failure_probability = n / 100.0)) }))}
            {num("Crash odds (%)", "crash", format!("{}", p.crash_probability * 100.0), Box::new(move |v| if let Ok(n) = v.parse::<f64>() { s7(Box::new(move |r| r.policy.crash_probability = n / 100.0)) }))}
            <label class="field" for=pfor><span class="field-label">"Preconditions answer"</span>
                <select id=pid on:change=move |ev| { let v = event_target_value(&ev) == "true"; s8(Box::new(move |r| r.policy.precondition_result = v)) }>
                    <option value="true" selected=p.precondition_result>"true (FINISHED)"</option>
                    <option value="false" selected=!p.precondition_result>"false (FALSE)"</option>
                </select>
            </label>
        </div>
    }
}
