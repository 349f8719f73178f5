//! The inspector, generated from the catalog: for the selected object its
//! id, name and type, required fields first, the fields it sets, "Add an
//! optional field" for the rest; with nothing selected, the pipeline's name,
//! parameters and values.

mod field;
pub(crate) mod params;

use leptos::prelude::*;

use crate::model::catalog::{self, names, FieldInfo, Rule};
use crate::model::{FieldValue, PipelineObject};
use crate::ui::editor::state::EditorState;
use crate::ui::store::DocumentStore;
use field::FieldRow;
use studio::editor::ops::type_of;

/// The catalog fields the inspector offers for an object.
fn catalog_fields(o: &PipelineObject) -> Vec<&'static FieldInfo> {
    let ty = type_of(o);
    if ty == names::DEFAULT {
        let mut v: Vec<&'static FieldInfo> = catalog::RUNNABLE
            .fields
            .iter()
            .chain(catalog::ACTIVITY.fields.iter())
            .collect();
        for f in &o.fields {
            if !v.iter().any(|i| i.key == f.key) {
                if let Some(i) = catalog::any_field(&f.key) {
                    v.push(i);
                }
            }
        }
        v
    } else {
        catalog::fields_for(ty)
            .into_iter()
            .filter(|f| f.key != catalog::keys::TYPE)
            .collect()
    }
}

/// Required fields, members of required one-of groups and of the type's
/// own one-of groups (S3DataNode's directoryPath or filePath): always shown.
fn always_shown(ty: &str, f: &FieldInfo) -> bool {
    f.required
        || catalog::type_info(ty).is_some_and(|t| {
            t.all_rules().any(
                |r| matches!(r, Rule::OneOf { keys, required: true, .. } if keys.contains(&f.key)),
            ) || t
                .rules
                .iter()
                .any(|r| matches!(r, Rule::OneOf { keys, .. } if keys.contains(&f.key)))
        })
}

#[component]
pub fn Inspector() -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let one = Memo::new(move |_| {
        store.selection.with(|s| {
            if s.len() == 1 {
                s.iter().next().cloned()
            } else {
                None
            }
        })
    });
    let count = move || store.selection.with(|s| s.len());
    // The object shown follows a press on its node after the next paint:
    // the click's frame shows the selected node (its ring, `aria-pressed`)
    // and the inspector's rows are built in the task after it, so building
    // them (a few ms of script, style and layout) never holds the click's
    // frame back. Every other selection shows at once: nothing or several
    // selected, a new object from the palette, a problem, the keyboard, the
    // code view, and a rename (its old inspector has nothing to show), so
    // what a user types next always lands in the object they chose.
    let shown = RwSignal::new(one.get_untracked());
    Effect::new(move |_| {
        let next = one.get();
        let pressed = store.take_pressed();
        if shown.with_untracked(|s| *s == next) {
            return;
        }
        if next.is_none() || pressed != next {
            shown.set(next);
            return;
        }
        after_next_paint(move || {
            if one.with_untracked(|o| *o == next) {
                shown.set(next);
            }
        });
    });
    // The pipeline panel stays mounted (hidden while objects are selected):
    // the lazily loaded module's parameter cards are mounted into it once.
    let nothing = Signal::derive(move || shown.with(Option::is_none) && count() <= 1);
    view! {
        <div class="inspector" id="inspector">
            {move || match shown.get() {
                Some(id) => view! { <ObjectInspector id=id /> }.into_any(),
                None if count() > 1 => view! {
                    <div class="inspector-empty"><h2>{format!("{} objects selected", count())}</h2>
                    <p class="muted">"Drag to move them together, Delete to remove them, Ctrl+D to duplicate."</p></div>
                }.into_any(),
                None => ().into_any(),
            }}
            <div class="pipeline-panel-wrap" hidden=move || !nothing.get()>
                <params::PipelinePanel shown=nothing />
            </div>
        </div>
    }
}

/// Run `f` in a task after the next frame is painted: a timer set from an
/// animation frame callback fires once that frame is out (the pattern
/// web.dev's "Optimize Interaction to Next Paint" gives for work a click's
/// feedback does not need).
fn after_next_paint(f: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(f, std::time::Duration::ZERO));
}

/// What the inspector lays out for an object: which rows it shows. It
/// changes only when a field is added or removed (or the type changes), so
/// an edit of a value leaves the rows in place and only that row's values
/// re-render.
#[derive(Clone)]
struct Shape {
    ty: String,
    shown: Vec<(&'static FieldInfo, bool)>,
    unknown: Vec<String>,
    offer: Vec<&'static FieldInfo>,
}

impl PartialEq for Shape {
    fn eq(&self, other: &Self) -> bool {
        let same = |a: &&'static FieldInfo, b: &&'static FieldInfo| std::ptr::eq(*a, *b);
        self.ty == other.ty
            && self.unknown == other.unknown
            && self.shown.len() == other.shown.len()
            && self
                .shown
                .iter()
                .zip(&other.shown)
                .all(|(a, b)| same(&a.0, &b.0) && a.1 == b.1)
            && self.offer.len() == other.offer.len()
            && self.offer.iter().zip(&other.offer).all(|(a, b)| same(a, b))
    }
}

impl Shape {
    fn of(o: &PipelineObject, extra: &[&'static str]) -> Shape {
        let ty = type_of(o).to_string();
        let fields = catalog_fields(o);
        let mut shown = Vec::new();
        let mut offer = Vec::new();
        for f in &fields {
            let always = always_shown(&ty, f);
            if always || o.first(f.key).is_some() || extra.contains(&f.key) {
                shown.push((*f, always));
            } else {
                offer.push(*f);
            }
        }
        // Fields the catalog does not know for this type (user fields `my…`, typos).
        let mut unknown: Vec<String> = o
            .fields
            .iter()
            .map(|f| f.key.as_str())
            .filter(|k| *k != catalog::keys::TYPE && !fields.iter().any(|f| f.key == *k))
            .map(str::to_string)
            .collect();
        unknown.dedup();
        Shape {
            ty,
            shown,
            unknown,
            offer,
        }
    }
}

#[component]
fn ObjectInspector(id: String) -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let st = expect_context::<EditorState>();
    let idm = id.clone();
    let obj = Memo::new(move |_| store.definition.with(|d| d.object(&idm).cloned()));
    let extra = RwSignal::new(Vec::<&'static str>::new());
    let shape = Memo::new(move |_| {
        let extra = extra.get();
        obj.with(|o| o.as_ref().map(|o| Shape::of(o, &extra)))
    });
    let name = Memo::new(move |_| {
        obj.with(|o| o.as_ref().and_then(|o| o.name.clone()).unwrap_or_default())
    });

    // A problem was clicked: show its field and focus it.
    let idf = id.clone();
    Effect::new(move |_| {
        let Some((oid, key)) = st.focus_field.get() else {
            return;
        };
        if oid != idf {
            return;
        }
        let shown = obj.with_untracked(|o| o.as_ref().is_some_and(|o| o.first(&key).is_some()));
        if !shown {
            if let Some(o) = obj.get_untracked() {
                if let Some(f) = catalog_fields(&o).into_iter().find(|f| f.key == key) {
                    extra.update(|e| {
                        if !e.contains(&f.key) {
                            e.push(f.key)
                        }
                    });
                }
            }
        }
        let sel = if key.is_empty() {
            "#object-id".to_string()
        } else {
            format!("#inspector [data-field=\"{key}\"]")
        };
        request_animation_frame(move || {
            if let Some(el) = document().query_selector(&sel).ok().flatten() {
                use leptos::wasm_bindgen::JsCast;
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
        st.focus_field.set(None);
    });

    // Re-rendered only when the rows change (see `Shape`); each row reads
    // its own values.
    let id_b = id.clone();
    let body = move || {
        let Some(Shape {
            ty,
            shown,
            unknown,
            offer,
        }) = shape.get()
        else {
            return view! { <p class="muted">"This object no longer exists."</p> }.into_any();
        };
        let id = id_b.clone();
        let shown = shown
            .into_iter()
            .map(|(f, always)| {
                let key = f.key;
                let values = Memo::new(move |_| {
                    obj.with(|o| {
                        o.as_ref()
                            .map(|o| o.values(key).cloned().collect::<Vec<FieldValue>>())
                            .unwrap_or_default()
                    })
                });
                view! { <FieldRow id=id.clone() info=f values=values required=always /> }
            })
            .collect_view();
        let unknown_rows = unknown
            .into_iter()
            .map(|k| {
                let key = k.clone();
                let v = Memo::new(move |_| {
                    obj.with(|o| {
                        o.as_ref()
                            .and_then(|o| o.first(&key))
                            .map(|v| v.as_str().to_string())
                            .unwrap_or_default()
                    })
                });
                let (id1, id2, key1, key2) = (id.clone(), id.clone(), k.clone(), k.clone());
                view! {
                    <div class="field unknown" data-key=k.clone()>
                        <label for=format!("field-{k}")><span class="field-key">{k.clone()}</span><span class="kind">"not in the catalog for this type"</span></label>
                        <div class="value-row">
                            <input id=format!("field-{k}") type="text" data-field=k.clone() prop:value=move || v.get() on:change=move |ev| {
                                let label = format!("Set {id1}.{key1}");
                                let val = event_target_value(&ev);
                                store.apply(&label, |doc| doc.definition.set_field(&id1, &key1, FieldValue::String(val)).map(|_| ()).map_err(|e| e.to_string()));
                            } />
                            <button class="icon-btn" aria-label=format!("Remove {k}") on:click=move |_| {
                                let label = format!("Remove {id2}.{key2}");
                                store.apply(&label, |doc| doc.definition.unset_field(&id2, &key2).map(|_| ()).map_err(|e| e.to_string()));
                            }>"×"</button>
                        </div>
                    </div>
                }
            })
            .collect_view();
        let add_options = offer
            .iter()
            .map(|f| view! { <option value=f.key title=f.doc>{format!("{} — {}", f.key, f.kind.label())}</option> })
            .collect_view();
        let has_offer = !offer.is_empty();
        let doc = catalog::type_info(&ty)
            .map(|t| t.doc)
            .unwrap_or("A type the catalog does not know.");
        let (id_r, id_n) = (id.clone(), id.clone());
        view! {
            <header class="inspector-head">
                <span class="muted">{ty.clone()}</span>
                <p class="doc">{doc}</p>
            </header>
            <div class="field">
                <label for="object-id"><span class="field-key">"id"</span></label>
                <input id="object-id" type="text" data-field="" value=id.clone() on:change=move |ev| {
                    let new = event_target_value(&ev);
                    let label = format!("Rename {id_r} to {new}");
                    let old = id_r.clone();
                    let renamed = store.apply(&label, |doc| {
                        doc.definition.rename_object(&old, &new).map_err(|e| e.to_string())?;
                        if let Some(p) = doc.positions.remove(&old) {
                            doc.positions.insert(new.clone(), p);
                        }
                        Ok(new.clone())
                    });
                    if let Some(n) = renamed { store.select([n]); }
                } />
            </div>
            <div class="field">
                <label for="object-name"><span class="field-key">"name"</span></label>
                <input id="object-name" type="text" prop:value=move || name.get() on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let label = format!("Rename {id_n}");
                    store.apply(&label, |doc| {
                        let o = doc.definition.object_mut(&id_n).ok_or("No such object")?;
                        o.name = Some(v);
                        Ok(())
                    });
                } />
            </div>
            <div class="fields">{shown}{unknown_rows}</div>
            {has_offer.then(|| view! {
                <div class="field add-field">
                    <label for="add-field"><span class="field-key">"Add an optional field"</span></label>
                    <select id="add-field" on:change=move |ev| {
                        let k = event_target_value(&ev);
                        if let Some(f) = offer.iter().find(|f| f.key == k) {
                            let key = f.key;
                            extra.update(|e| e.push(key));
                            st.focus_field.set(Some((id.clone(), key.to_string())));
                        }
                    }>
                        <option value="">"Choose a field…"</option>
                        {add_options}
                    </select>
                </div>
            })}
        }
        .into_any()
    };
    view! { <div class="object-inspector" data-object=id.clone()>{body}</div> }
}
