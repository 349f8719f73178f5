//! The export area: the definition as the service and the AWS CLI take it,
//! to copy or download.

use leptos::prelude::*;

use crate::model::formats::{self, Format};
use crate::ui::store::DocumentStore;

#[component]
pub fn ExportArea() -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let format = RwSignal::new(Format::Api);
    let text = Memo::new(move |_| {
        let f = format.get();
        store.definition.with(|d| formats::emit(d, f))
    });
    let choice = move |f: Format, label: &'static str, hint: &'static str| {
        view! {
            <label class="choice" title=hint>
                <input type="radio" name="export-format" checked=move || format.get() == f
                    on:change=move |_| format.set(f) />
                {label}
            </label>
        }
    };
    let download = move |_| {
        let (name, mime) = match format.get_untracked() {
            Format::Api => ("pipeline-definition.api.json", "application/json"),
            Format::Cli => ("pipeline-definition.json", "application/json"),
        };
        crate::ui::files::download(name, mime, &text.get_untracked());
        store.status.set(format!("Downloaded {name}"));
    };
    let copy = move |_| {
        crate::ui::files::copy_to_clipboard(&text.get_untracked());
        store.status.set("Copied to the clipboard".to_string());
    };
    view! {
        <div class="export">
            <div class="toolbar" role="toolbar" aria-label="Export">
                <fieldset class="choices">
                    <legend>"Shape"</legend>
                    {choice(Format::Api, "PutPipelineDefinition (API)", "pipelineObjects / parameterObjects / parameterValues")}
                    {choice(Format::Cli, "CLI definition file", "objects / parameters / values, for aws datapipeline put-pipeline-definition --pipeline-definition file://…")}
                </fieldset>
                <button class="btn" on:click=copy>"Copy"</button>
                <button class="btn primary" on:click=download>"Download"</button>
            </div>
            <pre id="export-text" class="code" aria-label="Exported definition" tabindex="0">{move || text.get()}</pre>
        </div>
    }
}
