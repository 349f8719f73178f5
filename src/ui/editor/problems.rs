//! The problems list: every validation message, worst first; a click
//! selects the object and focuses the field in the inspector.

use leptos::prelude::*;

use super::state::{EditorState, Side};
use crate::model::validate::Severity;
use crate::ui::store::DocumentStore;

#[component]
pub fn Problems() -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let st = expect_context::<EditorState>();
    let counts = move || {
        st.report.with(|r| {
            let e = r
                .problems
                .iter()
                .filter(|p| p.severity <= Severity::Error)
                .count();
            (e, r.problems.len() - e)
        })
    };
    let rows = move || {
        st.report.with(|r| {
            let mut ps: Vec<_> = r.problems.iter().take(500).cloned().collect();
            ps.sort_by_key(|p| p.severity);
            ps.into_iter()
                .map(|p| {
                    let sev = match p.severity {
                        Severity::Fatal => "fatal",
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                    };
                    let id = p.object_id.as_ref().map(|i| i.0.clone());
                    let field = p.field.clone();
                    let (id2, field2) = (id.clone(), field.clone());
                    let data_object = id.clone().unwrap_or_default();
                    let data_field = field.clone().unwrap_or_default();
                    let place = format!("{}{}", id.unwrap_or_else(|| "pipeline".into()), field.map(|f| format!(".{f}")).unwrap_or_default());
                    let on_click = move |_| {
                        if let Some(id) = id2.clone() {
                            store.select([id.clone()]);
                            st.side.set(Side::Inspector);
                            st.focus_field.set(Some((id, field2.clone().unwrap_or_default())));
                        }
                    };
                    view! {
                        <li>
                            <button class=format!("problem {sev}") data-object=data_object data-field=data_field on:click=on_click>
                                <span class="sev">{sev}</span>
                                <span class="where">{place}</span>
                                <span class="msg">{p.message.clone()}</span>
                            </button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="problems" aria-label="Problems">
            <header>
                <h2>"Problems"</h2>
                <span class="count err" id="problem-errors">{move || format!("{} errors", counts().0)}</span>
                <span class="count warn" id="problem-warnings">{move || format!("{} warnings", counts().1)}</span>
            </header>
            <ul id="problem-list">{rows}</ul>
        </section>
    }
}
