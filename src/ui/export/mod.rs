//! The export area: the definition as the service, the AWS CLI, boto3 and
//! CloudFormation take it, and as a deploy script, to copy or download,
//! with the validation result shown first; a link that carries the
//! document (share); and the push dialog (`push`: AWS through the local
//! relay, `relay`, or a custom endpoint; opening a deployed pipeline and
//! what a push changes there, `account`).

mod account;
mod credentials;
mod net;
mod push;
mod relay;

use leptos::prelude::*;

use crate::export::cloudformation::{self, PipelineProperties, TemplateFormat};
use crate::export::{
    body::pipeline_definition_body, boto3_call, share, Tag, PIPELINE_ID_PLACEHOLDER,
};
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
    /// A CloudFormation template (JSON) with one AWS::DataPipeline::Pipeline.
    CfnJson,
    /// The same template in YAML.
    CfnYaml,
    /// create-pipeline, put-pipeline-definition, activate-pipeline as a script.
    Script,
}

impl Shape {
    fn file(self) -> (&'static str, &'static str) {
        match self {
            Shape::Api => ("put-pipeline-definition.json", "application/json"),
            Shape::Cli => ("pipeline-definition.json", "application/json"),
            Shape::Boto3 => ("put_pipeline_definition.py", "text/x-python"),
            Shape::CfnJson => ("pipeline.template.json", "application/json"),
            Shape::CfnYaml => ("pipeline.template.yaml", "application/yaml"),
            Shape::Script => ("deploy-pipeline.sh", "text/x-sh"),
        }
    }
    fn is_template(self) -> bool {
        matches!(self, Shape::CfnJson | Shape::CfnYaml)
    }
}

/// `key=value` pairs separated by commas or new lines (blank ones skipped).
fn parse_tags(text: &str) -> Vec<Tag> {
    text.split([',', '\n'])
        .filter_map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let key = k.trim();
            (!key.is_empty()).then(|| Tag {
                key: key.to_string(),
                value: v.trim().to_string(),
            })
        })
        .collect()
}

/// What Copy link made: the link, or how long it would have been.
#[derive(Clone, Debug, PartialEq)]
enum Link {
    Ready(String),
    TooLong(usize),
}

/// The page's address with the document in its fragment.
fn share_link(store: DocumentStore) -> Link {
    let shared = share::Shared {
        name: store.name.get_untracked(),
        definition: store.definition.get_untracked(),
        positions: store
            .positions
            .with_untracked(|p| serde_json::to_value(p))
            .unwrap_or_default(),
    };
    let loc = window().location();
    let base = format!(
        "{}{}{}",
        loc.origin().unwrap_or_default(),
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    );
    let link = format!("{base}#{}", share::fragment(&shared));
    let chars = link.chars().count();
    if chars > share::MAX_LINK_CHARS {
        Link::TooLong(chars)
    } else {
        Link::Ready(link)
    }
}

#[component]
pub fn ExportArea() -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let shape = RwSignal::new(Shape::Api);
    let activate = RwSignal::new(true);
    let tags = RwSignal::new(String::new());
    let link = RwSignal::new(None::<Link>);
    let text = Memo::new(move |_| {
        let s = shape.get();
        let props = || PipelineProperties {
            name: store.name.get(),
            description: None,
            activate: activate.get(),
            tags: parse_tags(&tags.get()),
        };
        match s {
            Shape::Api => store
                .definition
                .with(|d| formats::pretty(&pipeline_definition_body(PIPELINE_ID_PLACEHOLDER, d))),
            Shape::Cli => store.definition.with(|d| formats::emit(d, Format::Cli)),
            Shape::Boto3 => store.definition.with(|d| boto3_call(d, None)),
            Shape::CfnJson => {
                let p = props();
                store
                    .definition
                    .with(|d| cloudformation::template(d, &p, TemplateFormat::Json))
            }
            Shape::CfnYaml => {
                let p = props();
                store
                    .definition
                    .with(|d| cloudformation::template(d, &p, TemplateFormat::Yaml))
            }
            Shape::Script => {
                let name = store.name.get();
                store
                    .definition
                    .with(|d| crate::export::script::deploy_script(&name, d))
            }
        }
    });
    // A link made for an older document is not shown as if current.
    Effect::new(move |_| {
        store.revision.track();
        link.set(None);
    });
    let copy_link = move |_| {
        let made = share_link(store);
        match &made {
            Link::Ready(url) => {
                crate::ui::files::copy_to_clipboard(url);
                store
                    .status
                    .set("Copied a link to this pipeline".to_string());
            }
            Link::TooLong(n) => store.status.set(format!(
                "This pipeline is too big for a link ({n} characters)"
            )),
        }
        link.set(Some(made));
    };
    let download_cli = move |_| {
        let name = "pipeline-definition.json";
        let text = store
            .definition
            .with_untracked(|d| formats::emit(d, Format::Cli));
        crate::ui::files::download(name, "application/json", &text);
        store.status.set(format!("Downloaded {name}"));
    };
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
                        {choice(Shape::CfnJson, "CloudFormation (JSON)", "a template with one AWS::DataPipeline::Pipeline resource")}
                        {choice(Shape::CfnYaml, "CloudFormation (YAML)", "the same template in YAML")}
                        {choice(Shape::Script, "AWS CLI script", "create-pipeline, put-pipeline-definition and activate-pipeline in one shell script")}
                    </fieldset>
                    <button class="btn" on:click=copy>"Copy"</button>
                    <button class="btn primary" on:click=download>"Download"</button>
                    <button class="btn" id="copy-link" on:click=copy_link
                        title="A link with this pipeline inside (in the part after #, which is never sent to a server)">"Copy link"</button>
                </div>
                {move || shape.get().is_template().then(|| view! {
                    <div class="export-options" role="group" aria-label="Template properties">
                        <label class="choice">
                            <input type="checkbox" id="cfn-activate" prop:checked=move || activate.get()
                                on:change=move |ev| activate.set(event_target_checked(&ev)) />
                            "Activate (validate and start the pipeline when the stack is created)"
                        </label>
                        <label class="field inline">
                            <span class="field-label">"Pipeline tags"</span>
                            <input type="text" id="cfn-tags" placeholder="key=value, key=value"
                                prop:value=move || tags.get()
                                on:change=move |ev| tags.set(event_target_value(&ev)) />
                        </label>
                    </div>
                })}
                {move || link.get().map(|l| match l {
                    Link::Ready(url) => view! {
                        <div class="share-link" role="status">
                            <label class="field inline">
                                <span class="field-label">"Link (copied; the pipeline is in the part after #, never sent to a server)"</span>
                                <input type="text" id="share-link" readonly value=url
                                    on:focus=move |ev| { event_target::<web_sys::HtmlInputElement>(&ev).select(); } />
                            </label>
                        </div>
                    }.into_any(),
                    Link::TooLong(n) => view! {
                        <div class="share-link too-long" role="alert" id="share-too-long">
                            <span>{format!("A link to this pipeline would be {n} characters long, over the {} that chat and mail reliably carry. Share the file instead.", share::MAX_LINK_CHARS)}</span>
                            <button class="btn" on:click=download_cli>"Download the definition file"</button>
                        </div>
                    }.into_any(),
                })}
                {validation}
                <pre id="export-text" class="code" aria-label="Exported definition" tabindex="0">{move || text.get()}</pre>
            </div>
            <push::PushPanel />
        </div>
    }
}
