//! One field row of the inspector: an input chosen by the field's kind
//! (enum and boolean dropdowns, period and date-time text with format help,
//! references as a dropdown of fitting objects plus "Create new: <type>",
//! multi-valued lists), the field's problems and an expression preview.

use leptos::prelude::*;

use crate::model::catalog::{self, FieldInfo, Kind, Target};
use crate::model::expr::has_expression;
use crate::model::{Definition, FieldValue, ObjectId};
use crate::ui::editor::state::EditorState;
use crate::ui::lazy::bridge::Request;
use crate::ui::lazy::host::LazyAreas;
use crate::ui::store::DocumentStore;
use studio::editor::geometry::Pos;
use studio::editor::ops::{self, type_of};

/// Help shown under an input, by kind.
fn format_help(kind: Kind) -> &'static str {
    match kind {
        Kind::Period => "A period: \"N unit\", e.g. 15 minutes, 1 hour, 1 day, 2 weeks, 1 month",
        Kind::DateTime => "UTC date-time: YYYY-MM-DDTHH:MM:SS, e.g. 2026-01-31T00:00:00",
        Kind::Integer => "A whole number",
        Kind::Double => "A number",
        Kind::Expression => "An expression, e.g. #{@scheduledStartTime}",
        _ => "",
    }
}

/// Types a reference field may point to, for "Create new".
fn creatable(targets: &[Target]) -> Vec<&'static str> {
    let mut out = Vec::new();
    for t in targets {
        match t {
            Target::Type(n) => out.push(*n),
            Target::Category(c) => out.extend(catalog::types_in(*c).map(|t| t.name)),
            Target::Any => {}
        }
    }
    out
}

/// Objects a reference may point at.
fn candidates(def: &Definition, targets: &[Target], self_id: &str) -> Vec<String> {
    def.objects
        .iter()
        .filter(|o| o.id.as_str() != self_id && targets.iter().any(|t| t.accepts(type_of(o))))
        .map(|o| o.id.0.clone())
        .collect()
}

/// Set value `index` of `key` (or add it when `index` is past the end).
fn commit(store: DocumentStore, id: &str, key: &str, index: usize, value: FieldValue) {
    let label = format!("Set {id}.{key}");
    store.apply(&label, |doc| {
        let n = doc
            .definition
            .object(id)
            .map_or(0, |o| o.values(key).count());
        let r = if index < n {
            doc.definition.set_value(id, key, index, value).map(|_| ())
        } else {
            doc.definition.append_value(id, key, value).map(|_| ())
        };
        r.map_err(|e| e.to_string())
    });
}

fn remove_value(store: DocumentStore, id: &str, key: &str, index: usize) {
    let label = format!("Remove {id}.{key}");
    store.apply(&label, |doc| {
        doc.definition
            .remove_value(id, key, index)
            .map(|_| ())
            .map_err(|e| e.to_string())
    });
}

/// Create an object of `ty` and refer to it, in one step.
fn create_and_refer(store: DocumentStore, id: &str, key: &str, index: usize, ty: &str) {
    let label = format!("Create {ty} for {id}.{key}");
    store.apply(&label, |doc| {
        let near = doc
            .positions
            .get(id)
            .copied()
            .unwrap_or_default()
            .offset(260.0, 0.0);
        let new = ops::add_object(doc, ty, Pos::new(near.x, near.y))?;
        let n = doc
            .definition
            .object(id)
            .map_or(0, |o| o.values(key).count());
        let v = FieldValue::Ref(ObjectId::new(new));
        let r = if index < n {
            doc.definition.set_value(id, key, index, v).map(|_| ())
        } else {
            doc.definition.append_value(id, key, v).map(|_| ())
        };
        r.map_err(|e| e.to_string())
    });
}

/// One input for value `index` (None = a new, empty slot).
fn value_input(
    store: DocumentStore,
    id: String,
    info: &'static FieldInfo,
    index: usize,
    value: Option<FieldValue>,
    input_id: String,
) -> AnyView {
    let key = info.key;
    match info.kind {
        Kind::Reference(targets) => {
            let current = value
                .as_ref()
                .map(|v| v.as_str().to_string())
                .unwrap_or_default();
            // A large document has hundreds of candidates per field: the list
            // (and the scan of the document that finds it) waits until the
            // dropdown is first focused or pressed, so selecting an object
            // stays quick. Until then it holds the current value only.
            let allowed = store.definition.with_untracked(|d| {
                current != id
                    && d.object(&current)
                        .is_some_and(|o| targets.iter().any(|t| t.accepts(type_of(o))))
            });
            let open = RwSignal::new(false);
            let self_id = id.clone();
            let options = move || {
                let mut options = vec![view! { <option value="">"(none)"</option> }.into_any()];
                if !current.is_empty() && !allowed {
                    options.push(view! { <option value=format!("ref:{current}") selected=true>{format!("{current} (not allowed here)")}</option> }.into_any());
                }
                if !open.get() {
                    if allowed {
                        options.push(view! { <option value=format!("ref:{current}") selected=true>{current.clone()}</option> }.into_any());
                    }
                    options.push(view! { <option value="" disabled=true>"…"</option> }.into_any());
                    return options;
                }
                let objs = store
                    .definition
                    .with_untracked(|d| candidates(d, targets, &self_id));
                for o in &objs {
                    let sel = *o == current;
                    options.push(
                        view! { <option value=format!("ref:{o}") selected=sel>{o.clone()}</option> }
                            .into_any(),
                    );
                }
                for t in creatable(targets) {
                    options.push(view! { <option value=format!("new:{t}")>{format!("Create new: {t}")}</option> }.into_any());
                }
                options
            };
            let id2 = id.clone();
            view! {
                <select id=input_id data-field=key data-lazy=move || (!open.get()).then_some("true")
                    on:focus=move |_| open.set(true)
                    on:pointerdown=move |_| open.set(true)
                    on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(t) = v.strip_prefix("ref:") {
                        commit(store, &id2, key, index, FieldValue::Ref(ObjectId::new(t)));
                    } else if let Some(ty) = v.strip_prefix("new:") {
                        create_and_refer(store, &id2, key, index, ty);
                    } else if value.is_some() {
                        remove_value(store, &id2, key, index);
                    }
                }>{options}</select>
            }
            .into_any()
        }
        Kind::Enum(_) | Kind::Boolean => {
            let values: Vec<&'static str> = match info.kind {
                Kind::Enum(v) => v.to_vec(),
                _ => vec!["true", "false"],
            };
            let current = value
                .as_ref()
                .map(|v| v.as_str().to_string())
                .unwrap_or_default();
            let mut options = vec![
                view! { <option value="" selected=current.is_empty()>"(not set)"</option> }
                    .into_any(),
            ];
            if !current.is_empty() && !values.iter().any(|v| v.eq_ignore_ascii_case(&current)) {
                options.push(view! { <option value=current.clone() selected=true>{current.clone()}</option> }.into_any());
            }
            for v in values.iter().chain(info.also_accepts.iter()) {
                let sel = v.eq_ignore_ascii_case(&current);
                options.push(view! { <option value=*v selected=sel>{*v}</option> }.into_any());
            }
            let id2 = id.clone();
            view! {
                <select id=input_id data-field=key on:change=move |ev| {
                    commit(store, &id2, key, index, FieldValue::String(event_target_value(&ev)));
                }>{options}</select>
            }
            .into_any()
        }
        kind => {
            let current = value
                .as_ref()
                .map(|v| v.as_str().to_string())
                .unwrap_or_default();
            let placeholder = match kind {
                Kind::Period => "e.g. 1 hour",
                Kind::DateTime => "YYYY-MM-DDTHH:MM:SS",
                Kind::Integer => "e.g. 3",
                _ => info.default.unwrap_or(""),
            };
            let id2 = id.clone();
            let preview = has_expression(&current)
                .then(|| expression_preview(store, id.clone(), current.clone()));
            view! {
                <input
                    id=input_id
                    type="text"
                    data-field=key
                    value=current
                    placeholder=placeholder
                    on:change=move |ev| commit(store, &id2, key, index, FieldValue::String(event_target_value(&ev)))
                />
                {preview}
            }
            .into_any()
        }
    }
}

/// What `text` (holding `#{…}`) evaluates to for object `id`, under its
/// input. The evaluator lives in the lazily loaded module (a first paint
/// never needs it): the value is asked for at each revision of the
/// document and shown when it comes (the one of an older revision until
/// then).
fn expression_preview(store: DocumentStore, id: String, text: String) -> impl IntoView {
    let st = expect_context::<EditorState>();
    let lazy = expect_context::<LazyAreas>();
    let want = (id, text);
    let ask = want.clone();
    Effect::new(move |_| {
        let revision = store.revision.get();
        let fresh = st
            .previews
            .with_untracked(|p| p.get(&ask).is_some_and(|(r, _)| *r == revision));
        if !fresh {
            lazy.request(Request::Preview {
                object: ask.0.clone(),
                text: ask.1.clone(),
                revision,
            });
        }
    });
    move || {
        st.previews.with(|p| match p.get(&want).map(|(_, v)| v) {
            Some(Ok(s)) => Some(view! { <div class="preview">"→ "{s.clone()}</div> }.into_any()),
            Some(Err(e)) => {
                Some(view! { <div class="preview bad">"Expression: "{e.clone()}</div> }.into_any())
            }
            None => None,
        })
    }
}

/// A whole field: label, values, problems, docs. Its values re-render when
/// they change, its problems when they do; nothing else of it does.
#[component]
pub fn FieldRow(
    id: String,
    info: &'static FieldInfo,
    values: Memo<Vec<FieldValue>>,
    required: bool,
) -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let st = expect_context::<EditorState>();
    let key = info.key;
    let input_id = format!("field-{key}");
    let id_p = id.clone();
    let messages = Memo::new(move |_| {
        st.report.with(|r| {
            r.for_field(&id_p, key)
                .map(|p| p.message.clone())
                .collect::<Vec<String>>()
        })
    });
    let problems = move || {
        messages.with(|m| {
            m.iter()
                .map(|p| view! { <li class="field-problem">{p.clone()}</li> })
                .collect_view()
        })
    };
    let has_problem = Memo::new(move |_| messages.with(|m| !m.is_empty()));
    let rows = {
        let input_id = input_id.clone();
        move || {
            let values = values.get();
            let n = values.len();
            let mut rows: Vec<AnyView> = values
                .into_iter()
                .enumerate()
                .map(|(i, v)| {
                    let iid = if i == 0 {
                        input_id.clone()
                    } else {
                        format!("{input_id}-{i}")
                    };
                    let input = value_input(store, id.clone(), info, i, Some(v), iid);
                    let idr = id.clone();
                    let remove = (info.multi || !required).then(|| {
                        view! { <button class="icon-btn" aria-label=format!("Remove {key} value {}", i + 1) title="Remove this value" on:click=move |_| remove_value(store, &idr, key, i)>"×"</button> }
                    });
                    view! { <div class="value-row">{input}{remove}</div> }.into_any()
                })
                .collect();
            if n == 0 || info.multi {
                let iid = if n == 0 {
                    input_id.clone()
                } else {
                    format!("{input_id}-new")
                };
                let input = value_input(store, id.clone(), info, n, None, iid);
                let cls = if n == 0 { "value-row" } else { "value-row add" };
                rows.push(view! { <div class=cls>{input}</div> }.into_any());
            }
            rows
        }
    };
    let help = format_help(info.kind);
    let default = info.default.map(|d| {
        if info.project_default {
            // Reference §10: no AWS source states this default.
            view! {
                <span class="default project-default" title="No AWS source states a default for this field; the simulator uses the project's choice">
                    {format!("Default: {d} (project's choice: no AWS source states one)")}
                </span>
            }
            .into_any()
        } else {
            view! { <span class="default">{format!("Default: {d}")}</span> }.into_any()
        }
    });
    view! {
        <div class="field" class:invalid=move || has_problem.get() data-key=key>
            <label for=input_id title=info.doc>
                <span class="field-key">{key}</span>
                {required.then(|| {
                    let (text, title) = if info.required { ("required", "The service needs this field") } else { ("one of", "One field of its group is expected") };
                    view! { <span class="req" title=title>{text}</span> }
                })}
                <span class="kind">{info.kind.label()}{info.multi.then_some(" · list")}</span>
            </label>
            {rows}
            <ul class="field-problems">{problems}</ul>
            <p class="doc">{info.doc}" "{(!help.is_empty()).then_some(help)}" "{default}</p>
        </div>
    }
}
