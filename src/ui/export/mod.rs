//! The export area: the definition as the service and the AWS CLI take it.

use leptos::prelude::*;

#[component]
pub fn ExportArea() -> impl IntoView {
    view! {
        <div class="placeholder">
            <h2>"Export"</h2>
            <p>"PutPipelineDefinition JSON, the CLI definition file, and a signed push."</p>
        </div>
    }
}
