//! The pipeline panel (nothing selected): the document's name, parameter
//! objects (`#{myX}` values) and parameter values.

use leptos::prelude::*;

use crate::model::catalog::keys::parameter;
use crate::model::{ParameterAttribute, ParameterObject, ParameterValue};
use crate::ui::editor::state::EditorState;
use crate::ui::store::DocumentStore;

fn attr(p: &ParameterObject, key: &str) -> String {
    p.attributes
        .iter()
        .find(|a| a.key == key)
        .map(|a| a.string_value.clone())
        .unwrap_or_default()
}

fn set_attr(p: &mut ParameterObject, key: &str, value: String) {
    p.attributes.retain(|a| a.key != key);
    if !value.is_empty() {
        p.attributes.push(ParameterAttribute {
            key: key.to_string(),
            string_value: value,
        });
    }
}

#[component]
pub fn PipelinePanel() -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let st = expect_context::<EditorState>();
    let params = move || {
        store.definition.with(|d| {
            d.parameters
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let edit = move |key: &'static str| {
                        move |ev: leptos::ev::Event| {
                            let v = event_target_value(&ev);
                            store.apply("Edit parameter", |doc| {
                                let p = doc.definition.parameters.get_mut(i).ok_or("No such parameter")?;
                                if key == "id" { p.id = v } else { set_attr(p, key, v) }
                                Ok(())
                            });
                        }
                    };
                    view! {
                        <tr>
                            <td><input type="text" aria-label="Parameter id" value=p.id.clone() on:change=edit("id") /></td>
                            <td><input type="text" aria-label="Parameter type" value=attr(p, parameter::TYPE) placeholder="String" on:change=edit(parameter::TYPE) /></td>
                            <td><input type="text" aria-label="Parameter default" value=attr(p, parameter::DEFAULT) on:change=edit(parameter::DEFAULT) /></td>
                            <td><input type="text" aria-label="Parameter description" value=attr(p, parameter::DESCRIPTION) on:change=edit(parameter::DESCRIPTION) /></td>
                            <td><button class="icon-btn" aria-label="Remove parameter" on:click=move |_| {
                                store.apply("Remove parameter", |doc| { if i < doc.definition.parameters.len() { doc.definition.parameters.remove(i); } Ok(()) });
                            }>"×"</button></td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let values = move || {
        store.definition.with(|d| {
            d.values
                .iter()
                .enumerate()
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
                        <tr>
                            <td><input type="text" aria-label="Value id" value=v.id.clone() on:change=edit(0) /></td>
                            <td><input type="text" aria-label="Value" value=v.string_value.clone() on:change=edit(1) /></td>
                            <td><button class="icon-btn" aria-label="Remove value" on:click=move |_| {
                                store.apply("Remove parameter value", |doc| { if i < doc.definition.values.len() { doc.definition.values.remove(i); } Ok(()) });
                            }>"×"</button></td>
                        </tr>
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
            let id = doc
                .definition
                .parameters
                .first()
                .map(|p| p.id.clone())
                .unwrap_or_else(|| format!("{}Param1", parameter::ID_PREFIX));
            doc.definition.values.push(ParameterValue {
                id,
                string_value: String::new(),
            });
            Ok(())
        });
    };
    let _ = st;
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
            <h3>"Parameters"</h3>
            <table class="param-table">
                <thead><tr><th>"id"</th><th>{parameter::TYPE}</th><th>"default"</th><th>"description"</th><th></th></tr></thead>
                <tbody>{params}</tbody>
            </table>
            <button class="btn" on:click=add_param>"Add parameter"</button>
            <h3>"Values"</h3>
            <table class="param-table">
                <thead><tr><th>"id"</th><th>"value"</th><th></th></tr></thead>
                <tbody>{values}</tbody>
            </table>
            <button class="btn" on:click=add_value>"Add value"</button>
        </div>
    }
}
