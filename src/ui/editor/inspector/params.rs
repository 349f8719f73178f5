//! The pipeline panel (nothing selected): the document's name, then one
//! card per parameter object (`#{myX}` values): its id read in full, the
//! attributes the file format has (type, default, description, allowed
//! values, optional, isArray) and the secret flag (a `*` before the id),
//! its value(s) from `values`, and any other attribute the file carries
//! (a template's `watermark`, `helpText`). Values whose id names no
//! parameter are listed after the cards. Every edit is one undo step.
//! The cards are drawn by the lazily loaded module (they weigh ~4 KB gzip
//! and a first paint, with nothing selected in a document without
//! parameters, needs none): the first module has the panel around them.

use leptos::prelude::*;

use crate::model::catalog::keys::parameter;
use crate::model::{ParameterAttribute, ParameterObject, ParameterValue};
use crate::ui::lazy::host::{LazyAreas, LoadState};
use crate::ui::store::DocumentStore;

/// The attributes a card shows in their own controls.
const KNOWN: [&str; 6] = [
    parameter::TYPE,
    parameter::DEFAULT,
    parameter::DESCRIPTION,
    parameter::ALLOWED_VALUES,
    parameter::OPTIONAL,
    parameter::IS_ARRAY,
];

fn attr(p: &ParameterObject, key: &str) -> String {
    attrs(p, key).next().unwrap_or_default()
}

fn attrs<'a>(p: &'a ParameterObject, key: &'a str) -> impl Iterator<Item = String> + 'a {
    p.attributes
        .iter()
        .filter(move |a| a.key == key)
        .map(|a| a.string_value.clone())
}

fn flag(p: &ParameterObject, key: &str) -> bool {
    attr(p, key).eq_ignore_ascii_case("true")
}

/// Set attribute `key` to `values` (none: remove it), where it was.
fn set_attrs(p: &mut ParameterObject, key: &str, values: Vec<String>) {
    let at = p
        .attributes
        .iter()
        .position(|a| a.key == key)
        .unwrap_or(p.attributes.len());
    p.attributes.retain(|a| a.key != key);
    let at = at.min(p.attributes.len());
    for (n, v) in values.into_iter().filter(|v| !v.is_empty()).enumerate() {
        p.attributes.insert(
            at + n,
            ParameterAttribute {
                key: key.to_string(),
                string_value: v,
            },
        );
    }
}

/// The id without its secret marker, and whether it had one.
fn split_secret(id: &str) -> (&str, bool) {
    match id.strip_prefix('*') {
        Some(rest) => (rest, true),
        None => (id, false),
    }
}

/// Lines of a textarea, trimmed, without empty ones.
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// Replace the values of parameter `id` by `new` (kept where the first was).
fn set_values(values: &mut Vec<ParameterValue>, id: &str, new: Vec<String>) {
    let at = values
        .iter()
        .position(|v| v.id == id)
        .unwrap_or(values.len());
    values.retain(|v| v.id != id);
    let at = at.min(values.len());
    for (n, s) in new.into_iter().enumerate() {
        values.insert(
            at + n,
            ParameterValue {
                id: id.to_string(),
                string_value: s,
            },
        );
    }
}

/// Rename parameter `i` (keeping its values with it).
fn rename(doc: &mut studio::doc::Doc, i: usize, new_id: String) -> Result<(), String> {
    let p = doc
        .definition
        .parameters
        .get_mut(i)
        .ok_or("No such parameter")?;
    let old = std::mem::replace(&mut p.id, new_id.clone());
    for v in doc.definition.values.iter_mut().filter(|v| v.id == old) {
        v.id = new_id.clone();
    }
    Ok(())
}

/// One change a card makes to parameter `i` (applied by [`edit`]).
#[derive(Clone, Debug, PartialEq)]
enum Edit {
    /// Set attribute `key` to these values (none: remove it).
    Attr(&'static str, Vec<String>),
    /// Rename (the values follow).
    Id(String),
    /// Add or remove the `*` secret marker.
    Secret(bool),
    /// Set the parameter's values.
    Values(Vec<String>),
    Remove,
}

/// Apply `e` to parameter `i` of `doc`.
fn edit(doc: &mut studio::doc::Doc, i: usize, e: Edit) -> Result<(), String> {
    let p = doc
        .definition
        .parameters
        .get_mut(i)
        .ok_or("No such parameter")?;
    match e {
        Edit::Attr(key, values) => set_attrs(p, key, values),
        Edit::Id(id) => {
            let id = if split_secret(&p.id).1 {
                format!("*{id}")
            } else {
                id
            };
            return rename(doc, i, id);
        }
        Edit::Secret(on) => {
            let bare = split_secret(&p.id).0.to_string();
            return rename(doc, i, if on { format!("*{bare}") } else { bare });
        }
        Edit::Values(values) => {
            let id = p.id.clone();
            set_values(&mut doc.definition.values, &id, values);
        }
        Edit::Remove => {
            doc.definition.parameters.remove(i);
        }
    }
    Ok(())
}

/// A labelled text box (one element type for every text, so the cards
/// cost little code). `on` gets the new text.
fn text_field(id: String, label: String, value: String, rows: u8, on: Callback<String>) -> AnyView {
    view! {
        <div class="pfield">
            <label for=id.clone()>{label}</label>
            <textarea id=id rows=rows.to_string() prop:value=value
                on:change=move |ev| on.run(event_target_value(&ev))></textarea>
        </div>
    }
    .into_any()
}

fn check(label: &'static str, checked: bool, on: Callback<bool>) -> AnyView {
    view! {
        <label><input type="checkbox" checked=checked on:change=move |ev| on.run(event_target_checked(&ev)) />{label}</label>
    }
    .into_any()
}

fn card(store: DocumentStore, i: usize, param: &ParameterObject, values: Vec<String>) -> AnyView {
    let commit = move |label: &'static str, e: Edit| {
        store.apply(label, move |doc| edit(doc, i, e));
    };
    let attr_edit = move |key: &'static str, lines_of: bool| {
        Callback::new(move |v: String| {
            let vs = if lines_of {
                lines(&v)
            } else {
                vec![v.trim().to_string()]
            };
            commit("Edit parameter", Edit::Attr(key, vs));
        })
    };
    let flag_edit = move |key: &'static str| {
        Callback::new(move |on: bool| {
            commit(
                "Edit parameter",
                Edit::Attr(key, if on { vec!["true".into()] } else { vec![] }),
            );
        })
    };
    let (bare, secret) = split_secret(&param.id);
    let is_array = flag(param, parameter::IS_ARRAY);
    let optional = flag(param, parameter::OPTIONAL);
    let description = attr(param, parameter::DESCRIPTION);
    let dom = format!("param-{i}");
    let mut fields = vec![
        text_field(format!("{dom}-id"), "Id".into(), bare.to_string(), 1,
            Callback::new(move |v: String| commit("Rename parameter", Edit::Id(v.trim().to_string())))),
        text_field(format!("{dom}-type"), format!("Type ({})", parameter::TYPES.join(", ")),
            attr(param, parameter::TYPE), 1, attr_edit(parameter::TYPE, false)),
        text_field(format!("{dom}-default"), "Default".into(), attr(param, parameter::DEFAULT), 1,
            attr_edit(parameter::DEFAULT, false)),
        text_field(format!("{dom}-description"), "Description".into(), description.clone(), 2,
            attr_edit(parameter::DESCRIPTION, false)),
        text_field(format!("{dom}-allowed"), "Allowed values (one per line)".into(),
            attrs(param, parameter::ALLOWED_VALUES).collect::<Vec<_>>().join("\n"), 2,
            attr_edit(parameter::ALLOWED_VALUES, true)),
        view! {
            <div class="pchecks">
                {check(" Optional", optional, flag_edit(parameter::OPTIONAL))}
                {check(" Array", is_array, flag_edit(parameter::IS_ARRAY))}
                {check(" Secret (*)", secret, Callback::new(move |on: bool| commit("Edit parameter", Edit::Secret(on))))}
            </div>
        }
        .into_any(),
        text_field(format!("{dom}-value"),
            if is_array { "Values (one per line)" } else { "Value" }.into(),
            values.join("\n"), if is_array { 3 } else { 1 },
            Callback::new(move |v: String| {
                let vs = if is_array { lines(&v) } else if v.trim().is_empty() { vec![] } else { vec![v.trim().to_string()] };
                commit("Edit parameter value", Edit::Values(vs));
            })),
    ];
    // Any other attribute the file carries (a template's watermark, helpText).
    let mut seen: Vec<&str> = Vec::new();
    for a in &param.attributes {
        let key = a.key.as_str();
        if KNOWN.contains(&key) || seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let k = a.key.clone();
        fields.push(text_field(
            format!("{dom}-x-{key}"),
            a.key.clone(),
            a.string_value.clone(),
            1,
            Callback::new(move |v: String| {
                let k = k.clone();
                store.apply("Edit parameter", move |doc| {
                    let p = doc
                        .definition
                        .parameters
                        .get_mut(i)
                        .ok_or("No such parameter")?;
                    set_attrs(p, &k, vec![v.trim().to_string()]);
                    Ok(())
                });
            }),
        ));
    }
    let flags = [
        (secret, "secret"),
        (optional, "optional"),
        (is_array, "array"),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, f)| view! { <span class="pflag">{f}</span> })
    .collect_view();
    view! {
        <li class="param-card" data-param=param.id.clone()>
            <div class="param-head">
                <h4 class="param-id">
                    {secret.then_some(view! { <span class="param-star" title="Secret: the * prefix">"*"</span> })}
                    {bare.to_string()}
                </h4>
                <span class="param-flags">{flags}</span>
                <button class="icon-btn" aria-label=format!("Remove parameter {}", param.id)
                    on:click=move |_| commit("Remove parameter", Edit::Remove)>"×"</button>
            </div>
            {(!description.is_empty()).then(|| view! { <p class="param-desc">{description}</p> })}
            {fields}
        </li>
    }
    .into_any()
}

/// The pipeline panel of the first module: the name, the headings and
/// the buttons that add a parameter or a value; the cards themselves are
/// the lazily loaded module's ([`ParamCards`], [`ValueCards`], mounted
/// into the two placeholders), loaded when the document has parameters or
/// values and the panel is `shown`.
#[component]
pub fn PipelinePanel(shown: Signal<bool>) -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let lazy = expect_context::<LazyAreas>();
    let any = Memo::new(move |_| {
        store
            .definition
            .with(|d| !d.parameters.is_empty() || !d.values.is_empty())
    });
    Effect::new(move |_| {
        let wanted = shown.get() && any.get();
        lazy.set_params_shown(wanted);
        if wanted {
            lazy.ensure_loaded();
        }
    });
    let add_param = move |_| {
        store.apply("Add parameter", |doc| {
            let n = doc.definition.parameters.len() + 1;
            doc.definition.parameters.push(ParameterObject {
                id: format!("{}Param{n}", parameter::ID_PREFIX),
                attributes: vec![ParameterAttribute {
                    key: parameter::TYPE.into(),
                    string_value: parameter::TYPES[0].into(),
                }],
            });
            Ok(())
        });
    };
    let add_value = move |_| {
        store.apply("Add parameter value", |doc| {
            doc.definition.values.push(ParameterValue {
                id: format!("{}Value", parameter::ID_PREFIX),
                string_value: String::new(),
            });
            Ok(())
        });
    };
    let count = move || store.definition.with(|d| d.parameters.len());
    // Until the cards are mounted (hidden by CSS once they are).
    let loading = move || {
        any.get().then(|| match lazy.state.get() {
            LoadState::Failed(why) => why,
            LoadState::NotLoaded | LoadState::Loading | LoadState::Loaded => {
                "Loading the parameter cards…".to_string()
            }
        })
    };
    view! {
        <div class="pipeline-panel">
            <h2>"Pipeline"</h2>
            <div class="field">
                <label for="doc-name"><span class="field-key">"Pipeline name"</span></label>
                <input id="doc-name" type="text" prop:value=move || store.name.get() on:change=move |ev| {
                    let v = event_target_value(&ev);
                    store.apply("Rename pipeline", |doc| { doc.name = v; Ok(()) });
                } />
            </div>
            <p class="muted">"Select an object on the canvas to edit its fields."</p>
            <h3 id="params-title">"Parameters " <span class="count">{count}</span></h3>
            <div id="param-cards-root" class="lazy-cards">
                <p class="lazy-status" role="status">{loading}</p>
            </div>
            <button class="btn" on:click=add_param>"Add parameter"</button>
            <h3 id="values-title">"Values without a parameter"</h3>
            <div id="value-cards-root" class="lazy-cards"></div>
            <button class="btn" on:click=add_value>"Add value"</button>
        </div>
    }
}

/// One card per parameter (the lazily loaded module's, mounted into
/// `#param-cards-root`).
#[component]
pub fn ParamCards() -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let params = move || {
        store.definition.with(|d| {
            d.parameters
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let values = d
                        .values
                        .iter()
                        .filter(|v| v.id == p.id)
                        .map(|v| v.string_value.clone())
                        .collect::<Vec<_>>();
                    card(store, i, p, values)
                })
                .collect_view()
        })
    };
    view! { <ul class="param-cards" aria-labelledby="params-title">{params}</ul> }
}

/// Values whose id names no parameter object (the lazily loaded module's,
/// mounted into `#value-cards-root`).
#[component]
pub fn ValueCards() -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let orphans = move || {
        store.definition.with(|d| {
            d.values
                .iter()
                .enumerate()
                .filter(|(_, v)| !d.parameters.iter().any(|p| p.id == v.id))
                .map(|(i, v)| {
                    let set = move |which: bool| {
                        Callback::new(move |s: String| {
                            store.apply("Edit parameter value", move |doc| {
                                let v = doc.definition.values.get_mut(i).ok_or("No such value")?;
                                if which { v.id = s } else { v.string_value = s }
                                Ok(())
                            });
                        })
                    };
                    view! {
                        <li class="param-card value-card">
                            {text_field(format!("value-{i}-id"), "Parameter id".into(), v.id.clone(), 1, set(true))}
                            {text_field(format!("value-{i}"), "Value".into(), v.string_value.clone(), 1, set(false))}
                            <button class="btn ghost" on:click=move |_| {
                                store.apply("Remove parameter value", |doc| { if i < doc.definition.values.len() { doc.definition.values.remove(i); } Ok(()) });
                            }>"Remove value"</button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! { <ul class="param-cards" aria-labelledby="values-title">{orphans}</ul> }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn param(id: &str, attrs: &[(&str, &str)]) -> ParameterObject {
        ParameterObject {
            id: id.into(),
            attributes: attrs
                .iter()
                .map(|(k, v)| ParameterAttribute {
                    key: k.to_string(),
                    string_value: v.to_string(),
                })
                .collect(),
        }
    }

    #[test]
    fn allowed_values_are_one_attribute_each_in_place() {
        let mut p = param(
            "myMode",
            &[("type", "String"), ("allowedValues", "a"), ("default", "a")],
        );
        set_attrs(&mut p, "allowedValues", lines("a\n b \n\nc"));
        let keys: Vec<_> = p.attributes.iter().map(|a| a.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "type",
                "allowedValues",
                "allowedValues",
                "allowedValues",
                "default"
            ]
        );
        assert_eq!(
            attrs(&p, "allowedValues").collect::<Vec<_>>(),
            ["a", "b", "c"]
        );
        set_attrs(&mut p, "allowedValues", vec![]);
        assert_eq!(attr(&p, "allowedValues"), "");
    }

    #[test]
    fn secret_flag_is_the_star_and_renaming_keeps_the_values() {
        assert_eq!(split_secret("*myPassword"), ("myPassword", true));
        assert_eq!(split_secret("myUser"), ("myUser", false));
        let mut doc = studio::doc::Doc::default();
        doc.definition.parameters.push(param("myPassword", &[]));
        doc.definition.values.push(ParameterValue {
            id: "myPassword".into(),
            string_value: "s3cret".into(),
        });
        rename(&mut doc, 0, "*myPassword".into()).unwrap();
        assert_eq!(doc.definition.parameters[0].id, "*myPassword");
        assert_eq!(doc.definition.values[0].id, "*myPassword");
    }

    #[test]
    fn card_edits_apply_to_their_parameter() {
        let mut doc = studio::doc::Doc::default();
        doc.definition
            .parameters
            .push(param("myA", &[("type", "String")]));
        doc.definition
            .parameters
            .push(param("myPass", &[("description", "pw")]));
        edit(&mut doc, 1, Edit::Values(vec!["x".into()])).unwrap();
        edit(&mut doc, 1, Edit::Secret(true)).unwrap();
        assert_eq!(doc.definition.parameters[1].id, "*myPass");
        assert_eq!(doc.definition.values[0].id, "*myPass", "the value follows");
        edit(&mut doc, 1, Edit::Id("myPassword".into())).unwrap();
        assert_eq!(
            doc.definition.parameters[1].id, "*myPassword",
            "a rename keeps the secret flag"
        );
        edit(&mut doc, 0, Edit::Attr("optional", vec!["true".into()])).unwrap();
        assert!(flag(&doc.definition.parameters[0], "optional"));
        edit(&mut doc, 0, Edit::Remove).unwrap();
        assert_eq!(doc.definition.parameters.len(), 1);
        assert!(edit(&mut doc, 5, Edit::Remove).is_err());
    }

    #[test]
    fn array_values_replace_in_place() {
        let v = |id: &str, s: &str| ParameterValue {
            id: id.into(),
            string_value: s.into(),
        };
        let mut values = vec![v("a", "1"), v("g", "x"), v("b", "2"), v("g", "y")];
        set_values(&mut values, "g", vec!["p".into(), "q".into(), "r".into()]);
        let got: Vec<_> = values
            .iter()
            .map(|v| format!("{}={}", v.id, v.string_value))
            .collect();
        assert_eq!(got, ["a=1", "g=p", "g=q", "g=r", "b=2"]);
    }
}
