//! The export area: the definition as the service, the AWS CLI and boto3
//! take it, to copy or download, with the validation result shown first;
//! and the push dialog (`push`: AWS through the local relay, `relay`, or a
//! custom endpoint; opening a deployed pipeline and what a push changes
//! there, `account`).

mod account;
mod credentials;
mod net;
mod push;
mod relay;

use leptos::prelude::*;

use crate::export::{body::pipeline_definition_body, boto3_call, PIPELINE_ID_PLACEHOLDER};
use crate::model::formats::{self, Format};
use crate::model::validate::{validate, Severity};
use crate::ui::store::DocumentStore;

/// What the export shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// The PutPipelineDefinition request body.
    Api,
    /// The AWS CLI's definition file.
    Cli,
    /// A boto3 `put_pipeline_definition` call.
    Boto3,
}

impl Shape {
    fn file(self) -> (&'static str, &'static str) {
        match self {
            Shape::Api => ("put-pipeline-definition.json", "application/json"),
            Shape::Cli => ("pipeline-definition.json", "application/json"),
            Shape::Boto3 => ("put_pipeline_definition.py", "text/x-python"),
        }
    }
}

#[component]
pub fn ExportArea() -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let shape = RwSignal::new(Shape::Api);
    let text = Memo::new(move |_| {
        let s = shape.get();
        store.definition.with(|d| match s {
            Shape::Api => formats::pretty(&pipeline_definition_body(PIPELINE_ID_PLACEHOLDER, d)),
            Shape::Cli => formats::emit(d, Format::Cli),
            Shape::Boto3 => boto3_call(d, None),
        })
    });
    let summary = Memo::new(move |_| {
        store.definition.with(|d| {
            let r = validate(d);
            let count = |s: Severity| r.problems.iter().filter(|p| p.severity == s).count();
            (
                count(Severity::Fatal),
                count(Severity::Error),
                count(Severity::Warning),
            )
        })
    });
    let choice = move |s: Shape, label: &'static str, hint: &'static str| {
        view! {
            <label class="choice" title=hint>
                <input type="radio" name="export-format" checked=move || shape.get() == s
                    on:change=move |_| shape.set(s) />
                {label}
            </label>
        }
    };
    let download = move |_| {
        let (name, mime) = shape.get_untracked().file();
        crate::ui::files::download(name, mime, &text.get_untracked());
        store.status.set(format!("Downloaded {name}"));
    };
    let copy = move |_| {
        crate::ui::files::copy_to_clipboard(&text.get_untracked());
        store.status.set("Copied to the clipboard".to_string());
    };
    let validation = move || {
        let (fatal, errors, warnings) = summary.get();
        let (kind, text) = if fatal > 0 {
            ("err", format!("{fatal} fatal problems: PutPipelineDefinition will refuse this definition (InvalidRequestException). Exporting anyway."))
        } else if errors > 0 {
            ("err", format!("{errors} validation errors, {warnings} warnings: the service will store it with errored: true and refuse to activate it."))
        } else if warnings > 0 {
            ("warn", format!("Valid, with {warnings} warnings."))
        } else {
            (
                "ok",
                "Valid: the service will accept and activate this definition.".to_string(),
            )
        };
        view! { <p id="export-validation" class=format!("validation {kind}") role="status">{text}</p> }
    };
    view! {
        <div class="export">
            <div class="export-main">
                <div class="toolbar" role="toolbar" aria-label="Export">
                    <fieldset class="choices">
                        <legend>"Shape"</legend>
                        {choice(Shape::Api, "PutPipelineDefinition (API)", "the request body: pipelineId, pipelineObjects, parameterObjects, parameterValues")}
                        {choice(Shape::Cli, "CLI definition file", "objects / parameters / values, for aws datapipeline put-pipeline-definition --pipeline-definition file://…")}
                        {choice(Shape::Boto3, "boto3 call", "client.put_pipeline_definition(**kwargs)")}
                    </fieldset>
                    <button class="btn" on:click=copy>"Copy"</button>
                    <button class="btn primary" on:click=download>"Download"</button>
                </div>
                {validation}
                <pre id="export-text" class="code" aria-label="Exported definition" tabindex="0">{move || text.get()}</pre>
            </div>
            <push::PushPanel />
        </div>
    }
}
