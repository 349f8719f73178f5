//! The push dialog: where to (AWS through the local relay, or a custom
//! endpoint with region and credentials), then CreatePipeline →
//! PutPipelineDefinition → optional Validate → optional Activate, each step
//! shown with its request (secrets hidden) and the endpoint's answer. A
//! pipeline opened from the endpoint (`account`) is updated instead of
//! created, after showing what the push changes there. The steps, signing
//! and answer reading are `export::PushPlan`'s; this file only performs the
//! fetches and renders the plan.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::export::sigv4::time_from_epoch_seconds;
use crate::export::{
    diff, Connection, CreatePipelineInput, Credentials, DefinitionDiff, DefinitionOutcome,
    ObjectMessages, PushOptions, PushPlan, PushState, StopReason,
};
use crate::model::validate::{Problem, Severity};
use crate::model::ObjectId;
use crate::ui::store::DocumentStore;

use super::account::{fetch_definition, DiffView, OpenPanel, Opened};
use super::credentials::{self, Remembered};
use super::net::{now_epoch_seconds, send};
use super::relay::{self, RelayStatus, DEFAULT_RELAY_URL};

/// Where the dialog's calls go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// AWS, through `pipeline-studio-server --relay` on this computer.
    Relay,
    /// Any endpoint with CORS (the local endpoint, moto), signed here.
    Endpoint,
}

/// The dialog's inputs, shared with the "open" part.
#[derive(Clone, Copy)]
pub struct Form {
    pub via: RwSignal<Via>,
    pub relay_url: RwSignal<String>,
    pub relay: RwSignal<RelayStatus>,
    /// The pipeline opened from the endpoint: the next push updates it.
    pub opened: RwSignal<Option<Opened>>,
    /// What the push would change there, awaiting confirmation.
    pub diff: RwSignal<Option<(String, DefinitionDiff)>>,
    endpoint: RwSignal<String>,
    region: RwSignal<String>,
    key_id: RwSignal<String>,
    secret: RwSignal<String>,
    token: RwSignal<String>,
    remember: RwSignal<bool>,
    pub name: RwSignal<String>,
    unique_id: RwSignal<String>,
    validate: RwSignal<bool>,
    activate: RwSignal<bool>,
}

impl Form {
    fn new(pipeline_name: String) -> Self {
        let saved = credentials::load();
        let form = Form {
            via: RwSignal::new(if saved.is_some() {
                Via::Endpoint
            } else {
                Via::Relay
            }),
            relay_url: RwSignal::new(DEFAULT_RELAY_URL.to_string()),
            relay: RwSignal::new(RelayStatus::Unknown),
            opened: RwSignal::new(None),
            diff: RwSignal::new(None),
            endpoint: RwSignal::new(String::new()),
            region: RwSignal::new("us-east-1".to_string()),
            key_id: RwSignal::new(String::new()),
            secret: RwSignal::new(String::new()),
            token: RwSignal::new(String::new()),
            remember: RwSignal::new(saved.is_some()),
            unique_id: RwSignal::new(format!("pipeline-studio-{pipeline_name}")),
            name: RwSignal::new(pipeline_name),
            validate: RwSignal::new(true),
            activate: RwSignal::new(false),
        };
        if let Some(r) = saved {
            form.endpoint.set(r.endpoint);
            form.region.set(r.region);
            form.key_id.set(r.access_key_id);
            form.secret.set(r.secret_access_key);
            form.token.set(r.session_token);
        }
        form
    }

    /// The connection the fields describe.
    pub fn connection(&self) -> Result<Connection, String> {
        match self.via.get_untracked() {
            Via::Relay => {
                Connection::relay(&self.relay_url.get_untracked()).map_err(|e| e.to_string())
            }
            Via::Endpoint => {
                let creds = Credentials::new(
                    self.key_id.get_untracked().trim(),
                    self.secret.get_untracked(),
                );
                let token = self.token.get_untracked();
                let creds = if token.trim().is_empty() {
                    creds
                } else {
                    creds.with_session_token(token.trim())
                };
                Connection::new(
                    &self.endpoint.get_untracked(),
                    &self.region.get_untracked(),
                    creds,
                )
                .map_err(|e| e.to_string())
            }
        }
    }

    /// Look for the relay (shown in the dialog); true when it is ready.
    pub async fn check_relay(&self) -> bool {
        let url = self.relay_url.get_untracked();
        self.relay.set(RelayStatus::Checking);
        let status = relay::probe(&url).await;
        let ready = status.is_ready();
        self.relay.set(status);
        ready
    }

    /// The connection, after making sure the relay answers when it is the
    /// way out. `Err` is the message to show.
    pub async fn connection_checked(&self) -> Result<Connection, String> {
        let conn = self.connection()?;
        if self.via.get_untracked() == Via::Relay && !self.check_relay().await {
            let url = self.relay_url.get_untracked();
            return Err(self.relay.get_untracked().message(&url).unwrap_or_default());
        }
        Ok(conn)
    }

    fn remembered(&self) -> Remembered {
        Remembered {
            endpoint: self.endpoint.get_untracked(),
            region: self.region.get_untracked(),
            access_key_id: self.key_id.get_untracked(),
            secret_access_key: self.secret.get_untracked(),
            session_token: self.token.get_untracked(),
        }
    }
}

/// The endpoint's validation answer as problems on the objects it names,
/// so the canvas marks them and the problems list shows them.
pub fn endpoint_problems(outcome: &DefinitionOutcome) -> Vec<Problem> {
    let to_problems = |list: &[ObjectMessages], severity: Severity| {
        list.iter()
            .flat_map(|m| {
                m.messages.iter().map(move |text| Problem {
                    severity,
                    object_id: (!m.id.is_empty()).then(|| ObjectId::new(m.id.clone())),
                    field: None,
                    message: format!("The endpoint says: {text}"),
                })
            })
            .collect::<Vec<_>>()
    };
    let mut out = to_problems(&outcome.validation_errors, Severity::Error);
    out.extend(to_problems(&outcome.validation_warnings, Severity::Warning));
    out
}

#[component]
pub fn PushPanel() -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let form = Form::new(store.name.get_untracked());
    let plan: RwSignal<Option<PushPlan>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let setup_error: RwSignal<Option<String>> = RwSignal::new(None);

    // Run the push (an update of `update` when given).
    let run = move |update: Option<String>| {
        setup_error.set(None);
        form.diff.set(None);
        if form.remember.get_untracked() && form.via.get_untracked() == Via::Endpoint {
            credentials::save(&form.remembered());
        }
        let options = PushOptions {
            create: CreatePipelineInput {
                name: Some(form.name.get_untracked()),
                unique_id: Some(form.unique_id.get_untracked()),
                ..CreatePipelineInput::default()
            },
            validate: form.validate.get_untracked(),
            activate: form.activate.get_untracked(),
            start_timestamp: None,
            update,
        };
        busy.set(true);
        spawn_local(async move {
            let conn = match form.connection_checked().await {
                Ok(c) => c,
                Err(e) => {
                    setup_error.set(Some(e));
                    busy.set(false);
                    return;
                }
            };
            let mut p = PushPlan::new(conn, store.definition.get_untracked(), options);
            let Some(now) = time_from_epoch_seconds(now_epoch_seconds()) else {
                busy.set(false);
                return;
            };
            let mut next = p.next_request(None, now);
            plan.set(Some(p.clone()));
            while let Some(req) = next {
                match send(&req).await {
                    Ok(answer) => {
                        let now = time_from_epoch_seconds(now_epoch_seconds()).unwrap_or(now);
                        next = p.next_request(Some(&answer), now);
                    }
                    Err(e) => {
                        p.network_error(e);
                        next = None;
                    }
                }
                plan.set(Some(p.clone()));
            }
            if let Some(outcome) = p.definition_outcome() {
                let problems = endpoint_problems(outcome);
                store
                    .remote_problems
                    .set(Some((store.definition.get_untracked(), problems)));
            }
            let msg = match p.state() {
                PushState::Done => format!("Pushed as {}", p.pipeline_id().unwrap_or("?")),
                _ => "Push stopped: see the push log".to_string(),
            };
            store.status.set(msg);
            busy.set(false);
        });
    };

    // Push: a new pipeline at once; an opened one after showing what the
    // push changes in its deployed (latest) definition.
    let push = move |_| {
        if busy.get_untracked() {
            return;
        }
        let Some(opened) = form.opened.get_untracked() else {
            run(None);
            return;
        };
        setup_error.set(None);
        busy.set(true);
        spawn_local(async move {
            let deployed = match form.connection_checked().await {
                Ok(conn) => fetch_definition(&conn, &opened.id, "latest").await,
                Err(e) => Err(e),
            };
            match deployed {
                Ok(d) => {
                    let changes = store.definition.with_untracked(|now| diff(&d, now));
                    form.diff.set(Some((opened.id.clone(), changes)));
                    request_animation_frame(|| {
                        if let Some(el) = document().get_element_by_id("push-diff") {
                            el.scroll_into_view();
                        }
                    });
                }
                Err(e) => setup_error.set(Some(format!(
                    "Could not read the deployed definition of {}. {e}",
                    opened.id
                ))),
            }
            busy.set(false);
        });
    };
    let confirm = move |_| {
        if let Some(o) = form.opened.get_untracked() {
            run(Some(o.id));
        }
    };

    let forget = move |_| {
        credentials::forget();
        form.remember.set(false);
        form.key_id.set(String::new());
        form.secret.set(String::new());
        form.token.set(String::new());
        store
            .status
            .set("Forgot the remembered credentials".to_string());
    };

    let text_input = move |id: &'static str,
                           label: &'static str,
                           value: RwSignal<String>,
                           kind: &'static str,
                           hint: &'static str| {
        view! {
            <label class="field" for=id>
                <span class="field-label">{label}</span>
                <input id=id type=kind autocomplete="off" spellcheck="false" placeholder=hint
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev)) />
            </label>
        }
    };
    let checkbox = move |id: &'static str, label: &'static str, value: RwSignal<bool>| {
        view! {
            <label class="check" for=id>
                <input id=id type="checkbox" prop:checked=move || value.get()
                    on:change=move |ev| value.set(event_target_checked(&ev)) />
                {label}
            </label>
        }
    };

    let via_choice = move |v: Via, id: &'static str, label: &'static str| {
        view! {
            <label class="choice" for=id>
                <input id=id type="radio" name="push-via" prop:checked=move || form.via.get() == v
                    on:change=move |_| {
                        form.via.set(v);
                        if v == Via::Relay {
                            spawn_local(async move { form.check_relay().await; });
                        }
                    } />
                {label}
            </label>
        }
    };
    let relay_note = move || {
        let url = form.relay_url.get();
        form.relay.get().message(&url).map(|text| {
            let kind = match form.relay.get() {
                RelayStatus::Ready { .. } => "ok",
                RelayStatus::Checking | RelayStatus::Unknown => "info",
                RelayStatus::NoCredentials(_) | RelayStatus::NotARelay | RelayStatus::Down => "err",
            };
            view! { <p id="relay-status" class=format!("outcome {kind}") role="status">{text}</p> }
        })
    };
    let updating = move || {
        form.opened.get().map(|o| {
            view! {
                <p id="push-updating" class="muted">
                    "Updates "<strong>{o.name}</strong>" "<code>{o.id}</code>
                    " (opened from the endpoint): the push shows what it changes there first. "
                    <button class="btn small" on:click=move |_| { form.opened.set(None); form.diff.set(None); }>
                        "Create a new pipeline instead"
                    </button>
                </p>
            }
        })
    };
    let pending_diff = move || {
        form.diff.get().map(|(id, changes)| {
            view! {
                <DiffView pipeline_id=id diff=changes />
                <div class="row">
                    <button id="push-confirm" class="btn primary" on:click=confirm disabled=move || busy.get()>
                        "Replace the deployed definition"
                    </button>
                    <button class="btn" on:click=move |_| form.diff.set(None)>"Cancel"</button>
                </div>
            }
        })
    };

    view! {
        <section class="push" aria-labelledby="push-title">
            <h2 id="push-title">"Push to an endpoint"</h2>
            <fieldset class="choices">
                <legend>"Where"</legend>
                {via_choice(Via::Relay, "push-via-relay", "AWS through the local relay")}
                {via_choice(Via::Endpoint, "push-via-endpoint", "Custom endpoint")}
            </fieldset>
            <Show when=move || form.via.get() == Via::Relay>
                <p class="muted">{relay::WHY}</p>
                {text_input("push-relay-url", "Relay URL", form.relay_url, "url", DEFAULT_RELAY_URL)}
                <div class="row">
                    <button id="relay-check" class="btn" on:click=move |_| {
                        spawn_local(async move { form.check_relay().await; });
                    }>"Check the relay"</button>
                </div>
                {relay_note}
            </Show>
            <Show when=move || form.via.get() == Via::Endpoint>
                <p class="muted">"Signed here with AWS Signature Version 4, for endpoints that allow this page (CORS): the local endpoint, moto. Credentials stay in this page's memory unless you tick “Remember on this device”."</p>
                {text_input("push-endpoint", "Endpoint URL", form.endpoint, "url", "http://127.0.0.1:4599")}
                {text_input("push-region", "Region", form.region, "text", "us-east-1")}
                {text_input("push-key-id", "Access key ID", form.key_id, "text", "AKIA…")}
                {text_input("push-secret", "Secret access key", form.secret, "password", "")}
                {text_input("push-token", "Session token (optional)", form.token, "password", "")}
                <div class="row">
                    {checkbox("push-remember", "Remember on this device", form.remember)}
                    <button class="btn" on:click=forget>"Forget"</button>
                </div>
            </Show>
            <OpenPanel form=form />
            <h3>"Push this drawing"</h3>
            {updating}
            <Show when=move || form.opened.with(Option::is_none)>
                {text_input("push-name", "Pipeline name", form.name, "text", "")}
                {text_input("push-unique-id", "Unique ID", form.unique_id, "text", "makes CreatePipeline idempotent")}
            </Show>
            <div class="row">
                {checkbox("push-validate", "Validate", form.validate)}
                {checkbox("push-activate", "Activate", form.activate)}
            </div>
            <button id="push-button" class="btn primary" on:click=push disabled=move || busy.get()>
                {move || if busy.get() { "Pushing…" } else { "Push" }}
            </button>
            <Show when=move || setup_error.get().is_some()>
                <p class="push-error" role="alert">{move || setup_error.get().unwrap_or_default()}</p>
            </Show>
            {pending_diff}
            <PushLog plan=plan />
        </section>
    }
}

/// The outcome and every step of the last push.
#[component]
fn PushLog(plan: RwSignal<Option<PushPlan>>) -> impl IntoView {
    let outcome = move || {
        plan.with(|p| {
            let p = p.as_ref()?;
            Some(match p.state() {
                PushState::Done => (
                    "ok",
                    format!("Done: pipeline {}", p.pipeline_id().unwrap_or("?")),
                ),
                PushState::Stopped {
                    step,
                    reason: StopReason::Error(e),
                } => (
                    "err",
                    format!("{} failed. {}", step.name(), e.human_message()),
                ),
                PushState::Stopped {
                    step,
                    reason: StopReason::DefinitionHasErrors(o),
                } => {
                    let n: usize = o.validation_errors.iter().map(|m| m.messages.len()).sum();
                    (
                        "err",
                        format!(
                            "{} answered errored: true ({n} validation errors); not activated.",
                            step.name()
                        ),
                    )
                }
                PushState::Waiting(a) => ("info", format!("Waiting for {}…", a.name())),
                PushState::NotStarted => ("info", "Not started".to_string()),
            })
        })
    };
    let messages = move || {
        plan.with(|p| {
            let Some(o) = p.as_ref().and_then(|p| p.definition_outcome()) else {
                return Vec::new();
            };
            let errs = o.validation_errors.iter().flat_map(|m| {
                m.messages
                    .iter()
                    .map(move |t| ("err", m.id.clone(), t.clone()))
            });
            let warns = o.validation_warnings.iter().flat_map(|m| {
                m.messages
                    .iter()
                    .map(move |t| ("warn", m.id.clone(), t.clone()))
            });
            errs.chain(warns).collect::<Vec<_>>()
        })
    };
    let steps = move || {
        plan.with(|p| {
            p.as_ref().map(|p| {
                p.log()
                    .iter()
                    .map(|s| {
                        let status = s
                            .response
                            .as_ref()
                            .map(|r| r.status.to_string())
                            .unwrap_or_else(|| "…".into());
                        let ok = s.result.as_ref().is_some_and(|r| r.is_ok());
                        let answer = s
                            .response
                            .as_ref()
                            .map(|r| r.body.clone())
                            .unwrap_or_default();
                        view! {
                            <li class="push-step" class:ok=ok data-action=s.action.name()>
                                <details>
                                    <summary>
                                        <span class="step-name">{s.action.name()}</span>
                                        <span class="step-status">{status}</span>
                                    </summary>
                                    <h4>"Request (secrets hidden)"</h4>
                                    <pre class="code small">{s.request.to_http_text()}</pre>
                                    <h4>"Answer"</h4>
                                    <pre class="code small step-answer">{answer}</pre>
                                </details>
                            </li>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <div class="push-log" aria-live="polite">
            {move || outcome().map(|(kind, text)| view! { <p id="push-outcome" class=format!("outcome {kind}")>{text}</p> })}
            <ul class="push-messages">
                {move || messages().into_iter().map(|(kind, id, text)| view! {
                    <li class=kind><code>{id}</code>" "{text}</li>
                }).collect_view()}
            </ul>
            <ol class="push-steps">{steps}</ol>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_endpoints_messages_land_on_the_objects_they_name() {
        let outcome = DefinitionOutcome {
            errored: true,
            validation_errors: vec![ObjectMessages {
                id: "Schedule".into(),
                messages: vec!["bad period".into()],
            }],
            validation_warnings: vec![ObjectMessages {
                id: "SayHello".into(),
                messages: vec!["hmm".into()],
            }],
        };
        let p = endpoint_problems(&outcome);
        assert_eq!(p.len(), 2);
        assert_eq!(
            p[0].object_id.as_ref().map(|i| i.as_str()),
            Some("Schedule")
        );
        assert_eq!(p[0].severity, Severity::Error);
        assert!(p[0].message.ends_with("bad period"));
        assert_eq!(p[1].severity, Severity::Warning);
    }
}
