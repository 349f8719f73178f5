//! The "What if" panel: pick one thing to change (a field of an activity,
//! a runner's failure rate or crash time), replay the run with and without
//! it from the same seed (`whatif`), and read the two outcomes side by side
//! with the first point where they part. Selecting an instance of the
//! comparison selects it in every view.

use crate::model::catalog::keys;
use chrono::NaiveDateTime;
use leptos::prelude::*;

use super::state::Sim;
use super::status_class;
use super::views::SimCtx;
use crate::engine::compare::InstanceOutcome;
use crate::model::catalog::names;
use studio::simulator::lessons;
use studio::simulator::script::ScriptAction;
use studio::simulator::session::start_time;
use studio::simulator::whatif::{what_if, Change, WhatIf, FIELDS};

const FAILURE: &str = "failure rate of a runner";
const CRASH: &str = "crash time of a runner";

/// A value to start from for each kind of change.
fn example(what: &str) -> &'static str {
    match what {
        keys::MAXIMUM_RETRIES => "0",
        keys::REPORT_PROGRESS_TIMEOUT => "30 minutes",
        keys::RETRY_DELAY => "2 minutes",
        FAILURE => "0.5",
        _ => "never",
    }
}

/// The change the form describes.
pub fn change_of(what: &str, target: &str, value: &str) -> Result<Change, String> {
    let value = value.trim();
    if let Some(key) = FIELDS.iter().find(|k| **k == what) {
        if value.is_empty() {
            return Err(format!("Give a value for {key}"));
        }
        return Ok(Change::Field {
            object: target.to_string(),
            key,
            value: value.to_string(),
        });
    }
    match what {
        FAILURE => value
            .parse::<f64>()
            .map_err(|_| "A failure rate is a number from 0 to 1".to_string())
            .map(|rate| Change::FailureRate {
                runner: target.to_string(),
                rate,
            }),
        CRASH if value.eq_ignore_ascii_case("never") => Ok(Change::CrashAt {
            runner: target.to_string(),
            secs: None,
        }),
        CRASH => value
            .parse::<f64>()
            .map_err(|_| "A crash time is minutes after the start, or never".to_string())
            .map(|m| Change::CrashAt {
                runner: target.to_string(),
                secs: Some((m * 60.0).round() as i64),
            }),
        _ => Err(format!("Nothing to change called {what}")),
    }
}

fn outcome_cells(o: Option<&InstanceOutcome>) -> impl IntoView {
    match o {
        Some(o) => {
            let status = o.status.as_str();
            let ended = o
                .ended
                .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
                .unwrap_or_else(|| "—".to_string());
            view! {
                <td><span class=format!("badge {}", status_class(status))>{status}</span></td>
                <td class="num">{o.attempts}</td>
                <td class="mono">{ended}</td>
            }
            .into_any()
        }
        None => view! { <td colspan="3" class="muted">"no such instance"</td> }.into_any(),
    }
}

#[component]
pub fn WhatIfPanel() -> impl IntoView {
    let sim = expect_context::<Sim>();
    let ctx = expect_context::<SimCtx>();
    let what = RwSignal::new(FIELDS[0].to_string());
    let target = RwSignal::new(String::new());
    let value = RwSignal::new(example(FIELDS[0]).to_string());
    let result: RwSignal<Option<Result<WhatIf, String>>> = RwSignal::new(None);
    Effect::new(move |_| {
        sim.run.track();
        result.set(None);
    });
    let on_runner = move || what.with(|w| w == FAILURE || w == CRASH);
    // The activities and preconditions of the document, or the run's runners.
    let targets = move || {
        if on_runner() {
            sim.version.track();
            sim.runners.track();
            sim.runner_list()
                .into_iter()
                .map(|r| r.label)
                .collect::<Vec<_>>()
        } else {
            sim.store.definition.with(|d| {
                d.objects
                    .iter()
                    .filter(|o| {
                        o.type_name().is_some_and(|t| {
                            ![names::SCHEDULE, names::SNS_ALARM, names::TERMINATE].contains(&t)
                        })
                    })
                    .map(|o| o.id.as_str().to_string())
                    .collect()
            })
        }
    };
    let run = move |_| {
        let settings = {
            let mut s = sim.settings();
            s.runners = sim.runner_list();
            s
        };
        let lesson = sim
            .lesson
            .get_untracked()
            .and_then(lessons::by_key)
            .filter(|l| l.definition == settings.definition);
        let script: Vec<(i64, ScriptAction)> = lesson
            .as_ref()
            .map(|l| l.script.clone())
            .unwrap_or_default();
        let start = start_time(&settings.definition);
        let now = sim
            .session
            .with_value(|s| s.as_ref().map(|s| s.service.now()))
            .filter(|t| *t > start);
        let until: NaiveDateTime = now
            .or_else(|| lesson.as_ref().map(|l| l.horizon()))
            .unwrap_or_else(|| crate::engine::clock::plus(start, 3600));
        let t = {
            let t = target.get_untracked();
            if t.is_empty() {
                targets().into_iter().next().unwrap_or_default()
            } else {
                t
            }
        };
        let r = change_of(&what.get_untracked(), &t, &value.get_untracked())
            .and_then(|c| what_if(&settings, &script, &c, until));
        result.set(Some(r));
    };
    let table = move || {
        let r = result.get()?;
        Some(match r {
            Err(e) => view! { <p class="push-error" role="alert">{e}</p> }.into_any(),
            Ok(w) => {
                let c = w.comparison;
                let divergence = match &c.divergence {
                    Some(d) => view! {
                        <div id="whatif-divergence" class="whatif-divergence" data-at=crate::model::time::format_datetime(d.at)>
                            <p><strong>{format!("The runs part at {} (step {} of the trace):", d.at.format("%Y-%m-%d %H:%M:%S"), d.step + 1)}</strong></p>
                            <p class="mono small"><span class="muted">"as it ran: "</span>{d.before.clone().unwrap_or_else(|| "(nothing more)".into())}</p>
                            <p class="mono small"><span class="muted">"with the change: "</span>{d.after.clone().unwrap_or_else(|| "(nothing more)".into())}</p>
                        </div>
                    }.into_any(),
                    None => view! { <p id="whatif-divergence" class="muted">"The two runs are the same, step for step."</p> }.into_any(),
                };
                let rows = c
                    .rows
                    .into_iter()
                    .map(|row| {
                        let id = row.id.clone();
                        let differs = row.differs();
                        view! {
                            <tr class:differs=differs data-id=row.id.clone()>
                                <td><button class="link mono" on:click=move |_| ctx.select(id.clone())>{row.id.clone()}</button></td>
                                {outcome_cells(row.before.as_ref())}
                                {outcome_cells(row.after.as_ref())}
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <p id="whatif-summary">{format!("Replayed from seed {} to {}, as it ran and with {}.", sim.seed.get_untracked(), w.until.format("%Y-%m-%d %H:%M:%S"), w.change)}</p>
                    {divergence}
                    <table id="whatif-result" class="grid">
                        <thead>
                            <tr><th rowspan="2">"Instance"</th><th colspan="3">"As it ran"</th><th colspan="3">{format!("With {}", w.change)}</th></tr>
                            <tr><th>"Status"</th><th>"Attempts"</th><th>"Ended"</th><th>"Status"</th><th>"Attempts"</th><th>"Ended"</th></tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                    {(c.left_out > 0).then(|| view! { <p class="muted">{format!("{} more instances not compared", c.left_out)}</p> })}
                }
                .into_any()
            }
        })
    };
    view! {
        <details id="whatif" class="whatif panel-box">
            <summary><h3 class="inline">"What if…"</h3>" "<span class="muted">"change one thing and replay from the same seed"</span></summary>
            <div class="whatif-form" role="group" aria-label="The change to replay with">
                <label class="inline" for="whatif-what">"Change"
                    <select id="whatif-what" on:change=move |ev| {
                        let w = event_target_value(&ev);
                        value.set(example(&w).to_string());
                        target.set(String::new());
                        what.set(w);
                    }>
                        {FIELDS.iter().chain([FAILURE, CRASH].iter()).map(|f| view! { <option value=*f selected=move || what.get() == *f>{*f}</option> }).collect_view()}
                    </select>
                </label>
                <label class="inline" for="whatif-target">{move || if on_runner() { "of runner" } else { "of object" }}
                    <select id="whatif-target" on:change=move |ev| target.set(event_target_value(&ev))>
                        {move || targets().into_iter().map(|t| { let v = t.clone(); let label = t.clone(); view! { <option value=t selected=move || target.get() == v>{label}</option> } }).collect_view()}
                    </select>
                </label>
                <label class="inline" for="whatif-value">{move || if what.get() == CRASH { "at (minutes, or never)" } else { "to" }}
                    <input id="whatif-value" type="text" size="12" prop:value=move || value.get()
                        on:input=move |ev| value.set(event_target_value(&ev)) />
                </label>
                <button id="whatif-run" class="btn primary" on:click=run>"Replay with this change"</button>
            </div>
            <div class="whatif-out" aria-live="polite">{table}</div>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_reads_as_one_change() {
        assert!(matches!(
            change_of("maximumRetries", "Hello", "0"),
            Ok(Change::Field {
                key: "maximumRetries",
                ..
            })
        ));
        assert_eq!(
            change_of(CRASH, "runner-1", "12.5"),
            Ok(Change::CrashAt {
                runner: "runner-1".into(),
                secs: Some(750)
            })
        );
        assert_eq!(
            change_of(CRASH, "runner-1", "Never"),
            Ok(Change::CrashAt {
                runner: "runner-1".into(),
                secs: None
            })
        );
        assert!(change_of(FAILURE, "runner-1", "lots").is_err());
        assert!(change_of("retryDelay", "Hello", " ").is_err());
        assert!(change_of("colour", "Hello", "1").is_err());
    }
}
