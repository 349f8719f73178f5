//! "Why?": the engine's explanation (`Service::explain`) of the selected
//! instance, attempt or component, its cause chain back to the root; each
//! object id and each API call a step names is a link that selects it in
//! every view. A retry, reassignment or timeout step is followed by the
//! rule that caused it and its source (`engine::rules`), shown as a note.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::views::{call_key, call_of, SimCtx};
use studio::simulator::links::{link_line, Piece};

/// Move keyboard focus to the explanation (after a "Why?" button).
pub fn focus_why() {
    let focus = || {
        if let Some(el) = document()
            .get_element_by_id("sim-why")
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    };
    // After the selection has rendered the panel.
    request_animation_frame(focus);
}

#[component]
pub fn WhyPanel() -> impl IntoView {
    let ctx = expect_context::<SimCtx>();
    let lines = Memo::new(move |_| {
        ctx.ready.get();
        let sel = ctx.selected.get()?;
        if call_of(&sel).is_some() {
            return None;
        }
        ctx.session.with_value(|s| {
            let s = s.as_ref()?;
            let lines = s.service.explain(&s.pipeline_id, &sel);
            let known = |t: &str| s.service.subject_of(&s.pipeline_id, t).is_some();
            let calls = s.service.call_log();
            Some((
                sel.clone(),
                lines
                    .iter()
                    .map(|l| link_line(l, &known, calls))
                    .collect::<Vec<_>>(),
            ))
        })
    });
    let step = move |pieces: Vec<Piece>| {
        let (depth, rule) = match pieces.first() {
            Some(Piece::Text(t)) => (
                (t.len() - t.trim_start().len()) / 2,
                // `engine::rules::Rule::why_line`: the rule and its source.
                t.trim_start().starts_with("rule:"),
            ),
            _ => (0, false),
        };
        let parts = pieces
            .into_iter()
            .map(|p| match p {
                Piece::Text(t) => view! { <span>{t}</span> }.into_any(),
                Piece::Object(id) => {
                    let target = id.clone();
                    view! {
                        <button class="link" data-target=id.clone() aria-label=format!("Select {id}")
                            on:click=move |_| ctx.select(target.clone())>{id.clone()}</button>
                    }
                    .into_any()
                }
                Piece::Call(n, words) => view! {
                    <button class="link call" data-call=n.to_string() aria-label=format!("Show the call {words} in the API log")
                        on:click=move |_| ctx.select(call_key(n))>{words.clone()}</button>
                }
                .into_any(),
            })
            .collect_view();
        view! { <li class=format!("depth-{}", depth.min(6)) class:rule=rule>{parts}</li> }
    };
    view! {
        <Show when=move || lines.with(|l| l.is_some())>
            <div id="sim-why" class="why" role="region" aria-label="Explanation" tabindex="-1">
                <h4>{move || lines.with(|l| l.as_ref().map(|(id, _)| format!("Why? {id}")).unwrap_or_default())}</h4>
                <ol class="chain">
                    {move || lines.get().map(|(_, ls)| ls.into_iter().map(step).collect_view())}
                </ol>
            </div>
        </Show>
    }
}
