//! The API log: every call made by the runners and by the app, newest
//! first, with its request and response JSON. The calls about the selected
//! instance or attempt are marked (or, on request, the only ones listed);
//! a call selected elsewhere (a "Why?" or story step) is opened and
//! scrolled to.

use std::collections::BTreeSet;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::views::{call_key, call_of, SimCtx};
use crate::model::time::format_datetime;
use studio::simulator::filters::related_calls;

/// Calls listed at most.
const MAX_CALLS: usize = 200;

#[component]
pub fn ApiLog() -> impl IntoView {
    let ctx = expect_context::<SimCtx>();
    let only = RwSignal::new(false);
    let related = Memo::new(move |_| {
        ctx.version.track();
        let sel = ctx.selected.get();
        match sel {
            Some(id) if id.starts_with('@') => ctx.session.with_value(|s| {
                s.as_ref()
                    .map(|s| related_calls(s.service.call_log(), &id))
                    .unwrap_or_default()
            }),
            _ => BTreeSet::new(),
        }
    });
    let items = move || {
        ctx.version.track();
        let step = ctx.step.get().and_then(|f| f.call);
        let picked = ctx.selected.get().as_deref().and_then(call_of).or(step);
        let rel = related.get();
        let only = only.get() && !rel.is_empty();
        ctx.session.with_value(|s| {
            let Some(s) = s.as_ref() else {
                return Vec::new();
            };
            let calls = s.service.call_log();
            let list: Vec<usize> = if only {
                rel.iter().rev().take(MAX_CALLS).copied().collect()
            } else {
                let mut l: Vec<usize> = (calls.len().saturating_sub(MAX_CALLS)..calls.len()).rev().collect();
                if let Some(p) = picked.filter(|p| *p < calls.len() && !l.contains(p)) {
                    l.push(p);
                }
                l
            };
            list.into_iter()
                .map(|n| {
                    let c = &calls[n];
                    let mut class = if c.status == 200 { "call ok".to_string() } else { "call err".to_string() };
                    if rel.contains(&n) {
                        class.push_str(" related");
                    }
                    let open = picked == Some(n);
                    if open {
                        class.push_str(" sel");
                    }
                    if step == Some(n) {
                        class.push_str(" step");
                    }
                    view! {
                        <li class=class id=format!("call-{n}") data-n=n.to_string() data-action=c.action.clone()>
                            <details open=open>
                                <summary on:click=move |_| ctx.select(call_key(n))>
                                    <span class="at">{format_datetime(c.at)}</span>
                                    <span class="caller">{c.caller.clone()}</span>
                                    <span class="action">{c.action.clone()}</span>
                                    <span class="status">{c.status}</span>
                                </summary>
                                <pre class="code small">{c.request.clone()}</pre>
                                <pre class="code small">{c.response.clone()}</pre>
                            </details>
                        </li>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    // A call picked elsewhere scrolls into view (and takes focus); the
    // call of a story step only scrolls the log, so focus stays on the story.
    Effect::new(move |_| {
        let picked = ctx.selected.get().as_deref().and_then(call_of);
        let step = ctx.step.get().and_then(|f| f.call);
        if let Some(n) = picked {
            request_animation_frame(move || {
                if let Some(el) = document().get_element_by_id(&format!("call-{n}")) {
                    el.scroll_into_view();
                    if let Some(s) = el
                        .query_selector("summary")
                        .ok()
                        .flatten()
                        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        let _ = s.focus();
                    }
                }
            });
        } else if let Some(n) = step {
            request_animation_frame(move || {
                let item = document()
                    .get_element_by_id(&format!("call-{n}"))
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                let list = document()
                    .get_element_by_id("sim-log")
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                if let (Some(item), Some(list)) = (item, list) {
                    list.set_scroll_top(item.offset_top() - list.offset_top());
                }
            });
        }
    });
    view! {
        <section class="sim-log panel-box" aria-labelledby="sim-log-title">
            <h3 id="sim-log-title">"API log " <span class="muted">"(newest first)"</span></h3>
            <label class="inline">
                <input id="log-only" type="checkbox" prop:checked=move || only.get()
                    on:change=move |ev| only.set(event_target_checked(&ev)) />
                {move || format!("Only calls about the selection ({})", related.with(|r| r.len()))}
            </label>
            <ol id="sim-log" class="calls">{items}</ol>
        </section>
    }
}
