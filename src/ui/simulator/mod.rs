//! The simulator area: run the edited pipeline on the simulated service.

use leptos::prelude::*;

#[component]
pub fn SimulatorArea() -> impl IntoView {
    view! {
        <div class="placeholder">
            <h2>"Simulator"</h2>
            <p>"Activate the pipeline on a simulated Data Pipeline service with a virtual clock."</p>
        </div>
    }
}
