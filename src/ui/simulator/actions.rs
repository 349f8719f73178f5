//! Actions on the selection: Rerun, Mark Finished and Cancel (TRY_CANCEL)
//! on an instance, Pause and Resume on a component. Each opens a dialog
//! listing every object the engine's `preview_set_status` says it will
//! change; Apply sends SetStatus through `dispatch` (so it is in the API
//! log). The dialog keeps focus inside and closes with Escape.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::status_class;
use super::views::SimCtx;
use crate::engine::{SetStatusInput, StatusChange};

/// (SetStatus value, button label) for instances and for components.
const INSTANCE_ACTIONS: [(&str, &str); 3] = [
    ("RERUN", "Rerun"),
    ("MARK_FINISHED", "Mark Finished"),
    ("TRY_CANCEL", "Cancel"),
];
const COMPONENT_ACTIONS: [(&str, &str); 2] = [("PAUSE", "Pause"), ("RESUME", "Resume")];

/// An open preview.
#[derive(Clone, Debug, PartialEq)]
struct Preview {
    target: String,
    status: &'static str,
    label: &'static str,
    changes: Result<Vec<StatusChange>, String>,
}

fn focusables(root: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = root.query_selector_all("button:not([disabled]), [tabindex=\"0\"]") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

#[component]
pub fn ActionBar() -> impl IntoView {
    let ctx = expect_context::<SimCtx>();
    let preview: RwSignal<Option<Preview>> = RwSignal::new(None);
    let dialog: NodeRef<leptos::html::Div> = NodeRef::new();
    let opener: StoredValue<Option<String>> = StoredValue::new(None);

    let open = move |target: String, status: &'static str, label: &'static str| {
        let changes = ctx.session.with_value(|s| {
            let s = s
                .as_ref()
                .ok_or_else(|| "The pipeline is not activated".to_string())?;
            let req = SetStatusInput::new(&s.pipeline_id, &[target.as_str()], status);
            s.service
                .preview_set_status(&req)
                .map_err(|e| e.to_string())
        });
        opener.set_value(Some(format!("act-{status}")));
        preview.set(Some(Preview {
            target,
            status,
            label,
            changes,
        }));
        request_animation_frame(move || {
            if let Some(d) = dialog.get_untracked() {
                if let Some(first) = focusables(&d).into_iter().next() {
                    let _ = first.focus();
                }
            }
        });
    };
    let close = move || {
        preview.set(None);
        if let Some(id) = opener.get_value() {
            if let Some(el) = document()
                .get_element_by_id(&id)
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        }
    };
    let apply = move || {
        let Some(p) = preview.get_untracked() else {
            return;
        };
        ctx.session.update_value(|s| {
            if let Some(s) = s {
                let req = SetStatusInput::new(&s.pipeline_id, &[p.target.as_str()], p.status);
                let _ = s.service.set_status(req);
            }
        });
        ctx.bump();
        close();
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            close();
        } else if ev.key() == "Tab" {
            let Some(d) = dialog.get_untracked() else {
                return;
            };
            let items = focusables(&d);
            let (Some(first), Some(last)) = (items.first(), items.last()) else {
                return;
            };
            let active = document().active_element();
            let at = |e: &web_sys::HtmlElement| {
                active
                    .as_ref()
                    .is_some_and(|a| a == e.unchecked_ref::<web_sys::Element>())
            };
            if ev.shift_key() && at(first) {
                ev.prevent_default();
                let _ = last.focus();
            } else if !ev.shift_key() && at(last) {
                ev.prevent_default();
                let _ = first.focus();
            }
        }
    };
    let buttons = move || {
        let inst = ctx.selected_instance();
        let comp = ctx.selected_component();
        let (target, list): (Option<String>, &[(&'static str, &'static str)]) = match (inst, comp) {
            (Some(i), _) => (Some(i), &INSTANCE_ACTIONS),
            (None, Some(c)) => (Some(c), &COMPONENT_ACTIONS),
            _ => (None, &[]),
        };
        let target = target?;
        Some(
            list.iter()
                .map(|&(status, label)| {
                    let t = target.clone();
                    view! {
                        <button id=format!("act-{status}") class="btn" aria-haspopup="dialog"
                            aria-label=format!("{label} {target}…")
                            on:click=move |_| open(t.clone(), status, label)>{label}"…"</button>
                    }
                })
                .collect_view(),
        )
    };
    let change_rows = move || {
        preview.get().map(|p| match p.changes {
            Ok(list) if list.is_empty() => view! { <p class="muted">"Nothing would change."</p> }.into_any(),
            Ok(list) => view! {
                <table class="grid" id="preview-changes">
                    <thead><tr><th>"Object"</th><th>"From"</th><th>"To"</th></tr></thead>
                    <tbody>
                        {list.into_iter().map(|c| {
                            let from = c.from.map(|s| s.as_str()).unwrap_or("—");
                            view! {
                                <tr data-id=c.object_id.clone()>
                                    <td class="mono">{c.object_id.clone()}</td>
                                    <td><span class=format!("badge {}", status_class(from))>{from}</span></td>
                                    <td><span class=format!("badge {}", status_class(c.to.as_str()))>{c.to.as_str()}</span></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any(),
            Err(e) => view! { <p class="push-error" role="alert">{e}</p> }.into_any(),
        })
    };
    view! {
        <div class="actions" role="group" aria-label="Actions on the selection">{buttons}</div>
        <Show when=move || preview.with(|p| p.is_some())>
            <div class="sim-dialog-backdrop" on:click=move |_| close()></div>
            <div class="sim-dialog" role="dialog" aria-modal="true" aria-labelledby="preview-title" node_ref=dialog on:keydown=on_key>
                <h3 id="preview-title">{move || preview.with(|p| p.as_ref().map(|p| format!("{} {}: preview", p.label, p.target)).unwrap_or_default())}</h3>
                <p class="muted">"SetStatus will change these objects:"</p>
                <div class="preview-list">{change_rows}</div>
                <div class="dialog-buttons">
                    <button class="btn" on:click=move |_| close()>"Cancel"</button>
                    <button id="preview-apply" class="btn primary"
                        disabled=move || !preview.with(|p| p.as_ref().is_some_and(|p| p.changes.as_ref().is_ok_and(|c| !c.is_empty())))
                        on:click=move |_| apply()>
                        {move || preview.with(|p| p.as_ref().map(|p| format!("Apply {}", p.label)).unwrap_or_default())}
                    </button>
                </div>
            </div>
        </Show>
    }
}
