//! Open a deployed pipeline: ListPipelines on the dialog's endpoint (the
//! relay, the local endpoint, or any endpoint with CORS), then
//! GetPipelineDefinition (latest or active) of the chosen one into the
//! editor, parameter values included, as one undoable step; the pipeline's
//! id is kept (`Opened`) so the next push updates it. Also the view of
//! what a push would change there (`export::diff`).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::export::diff::{show_value, ChangeKind, DefinitionDiff, ItemChange};
use crate::export::request::{get_pipeline_definition, list_pipelines};
use crate::export::response::{parse_get_pipeline_definition, parse_list_pipelines};
use crate::export::sigv4::time_from_epoch_seconds;
use crate::export::{Connection, PipelineIdName, ServiceError};
use crate::model::Definition;
use crate::ui::lazy::bridge::{to_host, Answer, ToHost};
use studio::doc::Doc;

use super::net::{now_epoch_seconds, send};
use super::push::Form;

/// Most ListPipelines pages read (the service returns up to 100 a page).
const MAX_PAGES: usize = 20;

/// A pipeline opened from an endpoint: the next push updates it.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    pub id: String,
    pub name: String,
}

fn now() -> Option<chrono::NaiveDateTime> {
    time_from_epoch_seconds(now_epoch_seconds())
}

/// Every pipeline of the endpoint, page after page.
async fn list_all(conn: &Connection) -> Result<Vec<PipelineIdName>, String> {
    let mut out = Vec::new();
    let mut marker: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let t = now().ok_or("the clock")?;
        let call = list_pipelines(conn, marker.as_deref(), t);
        let resp = send(&call.request)
            .await
            .map_err(|e| ServiceError::network(e).human_message())?;
        let page = parse_list_pipelines(&resp).map_err(|e| e.human_message())?;
        out.extend(page.pipelines);
        marker = page.next_marker;
        if marker.is_none() {
            break;
        }
    }
    Ok(out)
}

/// GetPipelineDefinition of `id` at `version` (`latest` or `active`).
pub async fn fetch_definition(
    conn: &Connection,
    id: &str,
    version: &str,
) -> Result<Definition, String> {
    let t = now().ok_or("the clock")?;
    let call = get_pipeline_definition(conn, id, Some(version), t);
    let resp = send(&call.request)
        .await
        .map_err(|e| ServiceError::network(e).human_message())?;
    parse_get_pipeline_definition(&resp).map_err(|e| e.human_message())
}

/// "Open a deployed pipeline": list, choose the version, open.
#[component]
pub fn OpenPanel(form: Form) -> impl IntoView {
    let pipelines: RwSignal<Vec<PipelineIdName>> = RwSignal::new(Vec::new());
    let version = RwSignal::new("latest".to_string());
    let outcome: RwSignal<Option<(&'static str, String)>> = RwSignal::new(None);
    let busy = RwSignal::new(false);

    let list = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        outcome.set(Some(("info", "Listing pipelines…".into())));
        spawn_local(async move {
            let result = match form.connection_checked().await {
                Ok(conn) => list_all(&conn).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(list) => {
                    let n = list.len();
                    pipelines.set(list);
                    outcome.set(Some((
                        "ok",
                        if n == 0 {
                            "No pipelines at this endpoint.".to_string()
                        } else {
                            format!(
                                "{n} pipeline{}: open one to edit it; the next push updates it.",
                                if n == 1 { "" } else { "s" }
                            )
                        },
                    )));
                }
                Err(e) => {
                    pipelines.set(Vec::new());
                    outcome.set(Some(("err", format!("Could not list the pipelines. {e}"))));
                }
            }
            busy.set(false);
        });
    };

    let open = move |p: PipelineIdName| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let v = version.get_untracked();
        outcome.set(Some(("info", format!("Opening {} ({v})…", p.name))));
        spawn_local(async move {
            let result = match form.connection_checked().await {
                Ok(conn) => fetch_definition(&conn, &p.id, &v).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(def) => {
                    let n = def.objects.len();
                    let values = def.values.len();
                    let status = format!(
                        "Opened {} ({}, {v} version): {n} objects, {values} parameter values",
                        p.name, p.id
                    );
                    to_host(&ToHost::Answer(Answer::Replace {
                        label: format!("Open {} ({})", p.name, p.id),
                        doc: Doc::new(p.name.clone(), def),
                        status: Some(status.clone()),
                    }));
                    form.name.set(p.name.clone());
                    form.opened.set(Some(Opened {
                        id: p.id.clone(),
                        name: p.name.clone(),
                    }));
                    form.diff.set(None);
                    outcome.set(Some(("ok", status)));
                }
                Err(e) => outcome.set(Some((
                    "err",
                    format!("Could not open {} ({v} version). {e}", p.id),
                ))),
            }
            busy.set(false);
        });
    };

    view! {
        <h3 id="open-title">"Open a deployed pipeline"</h3>
        <div class="row">
            <button id="open-list" class="btn" on:click=list disabled=move || busy.get()>"List pipelines"</button>
            <label class="field inline" for="open-version">
                <span class="field-label">"Version"</span>
                <select id="open-version" on:change=move |ev| version.set(event_target_value(&ev))>
                    <option value="latest" selected=true>"latest"</option>
                    <option value="active">"active"</option>
                </select>
            </label>
        </div>
        {move || outcome.get().map(|(kind, text)| view! {
            <p id="open-outcome" class=format!("outcome {kind}") role="status">{text}</p>
        })}
        <ul id="open-pipelines" class="open-pipelines" aria-labelledby="open-title">
            {move || pipelines.get().into_iter().map(|p| {
                let label = format!("Open {} ({})", p.name, p.id);
                let (name, id) = (p.name.clone(), p.id.clone());
                view! {
                    <li>
                        <button class="btn small" aria-label=label disabled=move || busy.get()
                            on:click=move |_| open(p.clone())>"Open"</button>
                        " "<span class="pipeline-name">{name}</span>" "<code>{id}</code>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

fn item_view(c: ItemChange) -> impl IntoView {
    let kind = c.kind.as_str();
    let fields = c
        .fields
        .into_iter()
        .map(|f| {
            let before = f
                .deployed
                .iter()
                .map(show_value)
                .collect::<Vec<_>>()
                .join(", ");
            let after = f
                .drawing
                .iter()
                .map(show_value)
                .collect::<Vec<_>>()
                .join(", ");
            let text = match f.kind() {
                ChangeKind::Added => format!("+ {}: {after}", f.key),
                ChangeKind::Removed => format!("− {}: {before}", f.key),
                ChangeKind::Changed => format!("~ {}: {before} → {after}", f.key),
            };
            view! { <li class=format!("diff-field {}", f.kind().as_str())>{text}</li> }
        })
        .collect_view();
    view! {
        <li class=format!("diff-item {kind}")>
            <code>{c.id}</code>" "<span class="diff-kind">{kind}</span>
            <ul class="diff-fields">{fields}</ul>
        </li>
    }
}

/// What replacing the deployed definition changes, grouped.
#[component]
pub fn DiffView(pipeline_id: String, diff: DefinitionDiff) -> impl IntoView {
    let summary = diff.summary();
    let group = |title: &'static str, items: Vec<ItemChange>| {
        (!items.is_empty()).then(|| {
            view! {
                <h4>{title}</h4>
                <ul class="diff-items">{items.into_iter().map(item_view).collect_view()}</ul>
            }
        })
    };
    view! {
        <div id="push-diff" class="push-diff" role="region" aria-label="Changes to the deployed definition">
            <p class="diff-summary">
                "Deployed "<code>{pipeline_id}</code>" → this drawing: "<strong>{summary}</strong>
            </p>
            {group("Objects", diff.objects)}
            {group("Parameters", diff.parameters)}
            {group("Parameter values", diff.values)}
        </div>
    }
}
