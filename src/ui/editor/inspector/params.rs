//! The pipeline panel (nothing selected): the document's name, then one
//! card per parameter object (`#{myX}` values): its id read in full, the
//! attributes the file format has (type, default, description, allowed
//! values, optional, isArray) and the secret flag (a `*` before the id),
//! its value(s) from `values`, and any other attribute the file carries
//! (a template's `watermark`, `helpText`). Values whose id names no
//! parameter are listed after the cards. Every edit is one undo step.

use leptos::prelude::*;

use crate::model::catalog::keys::parameter;
use crate::model::{ParameterAttribute, ParameterObject, ParameterValue};
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
fn rename(doc: &mut crate::ui::store::Doc, i: usize, new_id: String) -> Result<(), String> {
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

#[component]
fn ParameterCard(index: usize, param: ParameterObject, values: Vec<String>) -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let i = index;
    let (bare, secret) = split_secret(&param.id);
    let bare = bare.to_string();
    let dom = format!("param-{i}");
    let edit_attr = move |key: &'static str| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            store.apply("Edit parameter", |doc| {
                let p = doc
                    .definition
                    .parameters
                    .get_mut(i)
                    .ok_or("No such parameter")?;
                let vs = if key == parameter::ALLOWED_VALUES {
                    lines(&v)
                } else {
                    vec![v.trim().to_string()]
                };
                set_attrs(p, key, vs);
                Ok(())
            });
        }
    };
    let edit_flag = move |key: &'static str| {
        move |ev: leptos::ev::Event| {
            let on = event_target_checked(&ev);
            store.apply("Edit parameter", |doc| {
                let p = doc
                    .definition
                    .parameters
                    .get_mut(i)
                    .ok_or("No such parameter")?;
                set_attrs(p, key, if on { vec!["true".into()] } else { vec![] });
                Ok(())
            });
        }
    };
    let secret_now = secret;
    let edit_id = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev).trim().to_string();
        let v = if secret_now { format!("*{v}") } else { v };
        store.apply("Rename parameter", |doc| rename(doc, i, v));
    };
    let edit_secret = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        store.apply("Edit parameter", |doc| {
            let id = doc
                .definition
                .parameters
                .get(i)
                .map(|p| split_secret(&p.id).0.to_string())
                .ok_or("No such parameter")?;
            rename(doc, i, if on { format!("*{id}") } else { id })
        });
    };
    let full_id = param.id.clone();
    let is_array = flag(&param, parameter::IS_ARRAY);
    let edit_value = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let id = full_id.clone();
        store.apply("Edit parameter value", |doc| {
            let new = if is_array {
                lines(&v)
            } else if v.trim().is_empty() {
                vec![]
            } else {
                vec![v.trim().to_string()]
            };
            set_values(&mut doc.definition.values, &id, new);
            Ok(())
        });
    };
    let remove = move |_| {
        store.apply("Remove parameter", |doc| {
            if i < doc.definition.parameters.len() {
                doc.definition.parameters.remove(i);
            }
            Ok(())
        });
    };
    let ty = attr(&param, parameter::TYPE);
    let mut types: Vec<String> = parameter::TYPES.iter().map(|t| t.to_string()).collect();
    if !ty.is_empty() && !types.contains(&ty) {
        types.push(ty.clone());
    }
    let shown_type = if ty.is_empty() {
        parameter::TYPES[0].to_string()
    } else {
        ty.clone()
    };
    let type_options = types
        .into_iter()
        .map(|t| {
            let sel = t == shown_type;
            view! { <option value=t.clone() selected=sel>{t.clone()}</option> }
        })
        .collect_view();
    let allowed = attrs(&param, parameter::ALLOWED_VALUES)
        .collect::<Vec<_>>()
        .join("\n");
    let others = param
        .attributes
        .iter()
        .filter(|a| !KNOWN.contains(&a.key.as_str()))
        .map(|a| a.key.clone())
        .fold(Vec::<String>::new(), |mut v, k| {
            if !v.contains(&k) {
                v.push(k);
            }
            v
        })
        .into_iter()
        .map(|key| {
            let value = attr(&param, &key);
            let id = format!("{dom}-x-{key}");
            let k = key.clone();
            let on_change = move |ev: leptos::ev::Event| {
                let v = event_target_value(&ev);
                let k = k.clone();
                store.apply("Edit parameter", |doc| {
                    let p = doc
                        .definition
                        .parameters
                        .get_mut(i)
                        .ok_or("No such parameter")?;
                    set_attrs(p, &k, vec![v.trim().to_string()]);
                    Ok(())
                });
            };
            view! {
                <div class="pfield">
                    <label for=id.clone()>{key.clone()}</label>
                    <input id=id type="text" value=value on:change=on_change />
                </div>
            }
        })
        .collect_view();
    let value_text = values.join("\n");
    let value_label = if is_array {
        "Values (one per line)"
    } else {
        "Value"
    };
    let optional = flag(&param, parameter::OPTIONAL);
    let description = attr(&param, parameter::DESCRIPTION);
    view! {
        <li class="param-card" data-param=param.id.clone()>
            <div class="param-head">
                <h4 class="param-id" id=format!("{dom}-title")>
                    {secret.then(|| view! { <span class="param-star" title="Secret: the * prefix">"*"</span> })}
                    {bare.clone()}
                </h4>
                <span class="param-flags">
                    {secret.then(|| view! { <span class="pflag">"secret"</span> })}
                    {optional.then(|| view! { <span class="pflag">"optional"</span> })}
                    {is_array.then(|| view! { <span class="pflag">"array"</span> })}
                </span>
                <button class="icon-btn" aria-label=format!("Remove parameter {}", param.id) on:click=remove>"×"</button>
            </div>
            {(!description.is_empty()).then(|| view! { <p class="param-desc">{description.clone()}</p> })}
            <div class="pfield">
                <label for=format!("{dom}-id")>"Id"</label>
                <input id=format!("{dom}-id") type="text" class="mono" value=bare on:change=edit_id />
            </div>
            <div class="pfield">
                <label for=format!("{dom}-type")>"Type"</label>
                <select id=format!("{dom}-type") on:change=edit_attr(parameter::TYPE)>{type_options}</select>
            </div>
            <div class="pfield">
                <label for=format!("{dom}-default")>"Default"</label>
                <input id=format!("{dom}-default") type="text" value=attr(&param, parameter::DEFAULT) on:change=edit_attr(parameter::DEFAULT) />
            </div>
            <div class="pfield">
                <label for=format!("{dom}-description")>"Description"</label>
                <textarea id=format!("{dom}-description") rows="2" prop:value=description on:change=edit_attr(parameter::DESCRIPTION)></textarea>
            </div>
            <div class="pfield">
                <label for=format!("{dom}-allowed")>"Allowed values (one per line)"</label>
                <textarea id=format!("{dom}-allowed") rows="2" prop:value=allowed on:change=edit_attr(parameter::ALLOWED_VALUES)></textarea>
            </div>
            <div class="pchecks">
                <label><input type="checkbox" checked=optional on:change=edit_flag(parameter::OPTIONAL) />" Optional"</label>
                <label><input type="checkbox" checked=is_array on:change=edit_flag(parameter::IS_ARRAY) />" Array"</label>
                <label><input type="checkbox" checked=secret on:change=edit_secret />" Secret (*)"</label>
            </div>
            <div class="pfield">
                <label for=format!("{dom}-value")>{value_label}</label>
                <textarea id=format!("{dom}-value") rows=if is_array { "3" } else { "1" } prop:value=value_text on:change=edit_value></textarea>
            </div>
            {others}
        </li>
    }
}

#[component]
pub fn PipelinePanel() -> impl IntoView {
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
                    view! { <ParameterCard index=i param=p.clone() values=values /> }
                })
                .collect_view()
        })
    };
    // Values whose id names no parameter object.
    let orphans = move || {
        store.definition.with(|d| {
            d.values
                .iter()
                .enumerate()
                .filter(|(_, v)| !d.parameters.iter().any(|p| p.id == v.id))
                .map(|(i, v)| {
                    let edit = move |which: u8| {
                        move |ev: leptos::ev::Event| {
                            let s = event_target_value(&ev);
                            store.apply("Edit parameter value", |doc| {
                                let v = doc.definition.values.get_mut(i).ok_or("No such value")?;
                                if which == 0 { v.id = s } else { v.string_value = s }
                                Ok(())
                            });
                        }
                    };
                    view! {
                        <li class="param-card value-card">
                            <div class="pfield">
                                <label for=format!("value-{i}-id")>"Parameter id"</label>
                                <input id=format!("value-{i}-id") class="mono" type="text" value=v.id.clone() on:change=edit(0) />
                            </div>
                            <div class="pfield">
                                <label for=format!("value-{i}")>"Value"</label>
                                <input id=format!("value-{i}") type="text" value=v.string_value.clone() on:change=edit(1) />
                            </div>
                            <button class="btn ghost" on:click=move |_| {
                                store.apply("Remove parameter value", |doc| { if i < doc.definition.values.len() { doc.definition.values.remove(i); } Ok(()) });
                            }>"Remove value"</button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
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
            <ul class="param-cards" aria-labelledby="params-title">{params}</ul>
            <button class="btn" on:click=add_param>"Add parameter"</button>
            <h3 id="values-title">"Values without a parameter"</h3>
            <ul class="param-cards" aria-labelledby="values-title">{orphans}</ul>
            <button class="btn" on:click=add_value>"Add value"</button>
        </div>
    }
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
        let mut doc = crate::ui::store::Doc::default();
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
