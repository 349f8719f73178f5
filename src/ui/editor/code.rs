//! The code view: the definition as JSON (API or CLI shape) in a code
//! editor (CodeMirror 6, `js/code-editor.mjs`, bundled from npm into
//! `code-editor.js` and imported here on first use: never in the first
//! load). Edits that parse update the document (typing merges into one
//! undo step); text that does not parse is kept as typed, marked at the
//! error, and never replaces the document. Validation problems are marked
//! on their objects' lines, completion offers the catalog's type names and
//! field keys and the document's ids, and the selection goes both ways:
//! a selected node's object is shown in the text, and moving the cursor
//! into an object selects its node.
//!
//! It is part of the lazily loaded module (see `ui::lazy`), mounted into
//! the editor's side panel; it reads and commands the mirror store. What
//! the JSON means stays in Rust (`model::formats`, `model::validate`,
//! `model::catalog`); the editor only knows where objects sit in the text.

use leptos::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

use crate::model::catalog;
use crate::model::formats::{self, Format};
use crate::model::validate::{validate, Severity};
use crate::model::Definition;
use crate::ui::lazy::assets::asset_name;
use crate::ui::store::DocumentStore;

/// The editor bundle's fixed name (post_build.py hashes it).
const EDITOR_MODULE: &str = "code-editor.js";

#[wasm_bindgen(inline_js = "export function import_code_editor(url) { return import(url); }")]
extern "C" {
    fn import_code_editor(url: &str) -> js_sys::Promise;
}

#[wasm_bindgen]
extern "C" {
    /// The bundle's exports.
    type EditorModule;
    #[wasm_bindgen(method, js_name = createEditor)]
    fn create_editor(this: &EditorModule, host: &web_sys::HtmlElement, options: &JsValue)
        -> Editor;

    /// One editor (the handle `createEditor` returns).
    #[derive(Clone)]
    type Editor;
    #[wasm_bindgen(method, js_name = setText)]
    fn set_text(this: &Editor, text: &str);
    #[wasm_bindgen(method, js_name = getText)]
    fn get_text(this: &Editor) -> String;
    #[wasm_bindgen(method, js_name = hasFocus)]
    fn has_focus(this: &Editor) -> bool;
    #[wasm_bindgen(method, js_name = setDiagnostics)]
    fn set_diagnostics(this: &Editor, problems: &JsValue);
    #[wasm_bindgen(method, js_name = setVocabulary)]
    fn set_vocabulary(this: &Editor, vocabulary: &JsValue);
    #[wasm_bindgen(method)]
    fn reveal(this: &Editor, id: &str);
}

/// One mark for the editor (see `toDiagnostics` in js/code-editor.mjs):
/// a syntax error's line and column, an import diagnostic's JSON path, or
/// a validation problem's object and field.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Mark {
    pub severity: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// The marks for a definition that parsed: its validation problems.
pub fn problem_marks(def: &Definition) -> Vec<Mark> {
    validate(def)
        .problems
        .into_iter()
        .map(|p| Mark {
            severity: match p.severity {
                Severity::Fatal | Severity::Error => "error",
                Severity::Warning => "warning",
            },
            message: p.message,
            object: p.object_id.map(|o| o.0),
            field: p.field,
            ..Mark::default()
        })
        .collect()
}

/// The marks for text that did not parse: its diagnostics, at their line
/// and column where known, else at their JSON path.
pub fn parse_marks(error: &formats::ImportError) -> Vec<Mark> {
    error
        .diagnostics()
        .iter()
        .map(|d| Mark {
            severity: match d.level {
                formats::Level::Error => "error",
                formats::Level::Warning => "warning",
            },
            message: d.message.clone(),
            line: d.position.map(|p| p.line),
            column: d.position.map(|p| p.column),
            path: (d.position.is_none() && !d.path.is_empty()).then(|| d.path.clone()),
            ..Mark::default()
        })
        .collect()
}

/// What completion offers that never changes: every type name, and each
/// type's field keys (required first), plus all keys for an object
/// without a known type (Default).
pub fn catalog_vocabulary() -> Value {
    let mut keys = serde_json::Map::new();
    let mut all: Vec<&str> = Vec::new();
    for t in catalog::types() {
        let ks: Vec<&str> = catalog::fields_for(t.name).iter().map(|f| f.key).collect();
        for k in &ks {
            if !all.contains(k) {
                all.push(k);
            }
        }
        keys.insert(t.name.to_string(), json!(ks));
    }
    all.sort_unstable();
    json!({
        "types": catalog::types().map(|t| t.name).collect::<Vec<_>>(),
        "keys": keys,
        "allKeys": all,
    })
}

/// What completion offers from the document: object ids (references) and
/// parameter ids (`#{…}`).
pub fn document_vocabulary(def: &Definition) -> Value {
    json!({
        "ids": def.objects.iter().map(|o| o.id.as_str()).collect::<Vec<_>>(),
        "params": def.parameters.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
    })
}

fn to_js<T: Serialize>(value: &T) -> JsValue {
    serde_json::to_string(value)
        .ok()
        .and_then(|s| js_sys::JSON::parse(&s).ok())
        .unwrap_or(JsValue::NULL)
}

/// Load the editor bundle and create an editor in `host`.
async fn load(
    host: web_sys::HtmlElement,
    text: String,
    on_input: impl Fn(String) + 'static,
    on_cursor: impl Fn(String) + 'static,
) -> Result<Editor, String> {
    let base = document().base_uri().ok().flatten().unwrap_or_default();
    let name = asset_name(EDITOR_MODULE);
    let url = web_sys::Url::new_with_base(&name, &base)
        .map(|u| u.href())
        .unwrap_or(name);
    let module = wasm_bindgen_futures::JsFuture::from(import_code_editor(&url))
        .await
        .map_err(|e| {
            js_sys::Reflect::get(&e, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_else(|| "unknown error".into())
        })?;
    let options = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&options, &k.into(), v);
    };
    set("text", &text.into());
    set("label", &"Definition as JSON".into());
    // The editor lives as long as the page (the code view mounts once), so
    // its callbacks do too.
    set(
        "onInput",
        &Closure::<dyn Fn(String)>::new(on_input).into_js_value(),
    );
    set(
        "onCursor",
        &Closure::<dyn Fn(String)>::new(on_cursor).into_js_value(),
    );
    let module: EditorModule = module.unchecked_into();
    Ok(module.create_editor(&host, &options))
}

#[component]
pub fn CodeView() -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let format = RwSignal::new(Format::Api);
    // The text's syntax problem, when it does not parse (the text is kept).
    let error = RwSignal::new(None::<String>);
    let parse_problems = RwSignal::new(Vec::<Mark>::new());
    let editor = RwSignal::new_local(None::<Editor>);
    let failed = RwSignal::new(None::<String>);
    let host: NodeRef<leptos::html::Div> = NodeRef::new();

    let on_input = move |v: String| match formats::parse(&v) {
        Ok(p) => {
            error.set(None);
            parse_problems.set(Vec::new());
            if store.definition.with_untracked(|d| *d != p.definition) {
                store.apply_merged("Edit code", |doc| {
                    doc.definition = p.definition;
                    Ok(())
                });
            }
        }
        Err(e) => {
            let first = e.errors().next().or_else(|| e.diagnostics().first());
            let msg = first
                .map(|d| d.to_string())
                .unwrap_or_else(|| "Not a pipeline definition".into());
            error.set(Some(msg));
            parse_problems.set(parse_marks(&e));
        }
    };
    // The cursor entered an object: select its node (none: keep the
    // selection, so reading the text around objects changes nothing).
    let on_cursor = move |id: String| {
        if !id.is_empty()
            && store.definition.with_untracked(|d| d.object(&id).is_some())
            && store
                .selection
                .with_untracked(|s| s.len() != 1 || !s.contains(&id))
        {
            store.selection.set([id].into());
        }
    };

    Effect::new(move |_| {
        let Some(el) = host.get() else { return };
        let el: web_sys::HtmlElement = el.into();
        let text = store
            .definition
            .with_untracked(|d| formats::emit(d, format.get_untracked()));
        leptos::task::spawn_local(async move {
            match load(el, text, on_input, on_cursor).await {
                Ok(e) => {
                    e.set_vocabulary(&to_js(&catalog_vocabulary()));
                    editor.set(Some(e));
                }
                Err(why) => failed.set(Some(format!("Could not load the code editor: {why}"))),
            }
        });
    });

    // The document (or the chosen shape) changed: show it, unless the
    // user's text is invalid (kept) or the user is typing (the document
    // then follows the text, a keystroke or two behind: replacing the text
    // would undo the newest keystrokes).
    Effect::new(move |_| {
        let f = format.get();
        let emitted = store.definition.with(|d| formats::emit(d, f));
        let Some(ed) = editor.get() else { return };
        ed.set_vocabulary(&to_js(&store.definition.with(document_vocabulary)));
        if error.get_untracked().is_none() && !ed.has_focus() {
            ed.set_text(&emitted);
        }
    });
    // Marks: the syntax problem while the text does not parse, else the
    // definition's validation problems.
    let problems = Memo::new(move |_| store.definition.with(problem_marks));
    Effect::new(move |_| {
        let marks = if error.with(Option::is_some) {
            parse_problems.get()
        } else {
            problems.get()
        };
        if let Some(ed) = editor.get() {
            ed.set_diagnostics(&to_js(&marks));
        }
    });
    // The selection: show the one selected object's text.
    Effect::new(move |_| {
        let one = store.selection.with(|s| {
            (s.len() == 1)
                .then(|| s.iter().next().cloned())
                .flatten()
                .unwrap_or_default()
        });
        if let Some(ed) = editor.get() {
            ed.reveal(&one);
        }
    });

    let discard = move |_| {
        error.set(None);
        parse_problems.set(Vec::new());
        if let Some(ed) = editor.get_untracked() {
            ed.set_text(
                &store
                    .definition
                    .with_untracked(|d| formats::emit(d, format.get_untracked())),
            );
        }
    };
    let choice = move |f: Format, label: &'static str| {
        view! {
            <label class="choice">
                <input type="radio" name="code-format" checked=move || format.get() == f
                    on:change=move |_| { error.set(None); format.set(f) } />
                {label}
            </label>
        }
    };
    view! {
        <div class="codeview">
            <div class="code-toolbar">
                {choice(Format::Api, "API shape")}
                {choice(Format::Cli, "CLI file")}
            </div>
            {move || error.get().map(|msg| view! {
                <div class="code-error" role="alert" id="code-error">
                    <span>{msg}</span>
                    <span class="muted">" The canvas keeps the last valid version."</span>
                    <button class="btn ghost" on:click=discard>"Discard my text"</button>
                </div>
            })}
            {move || match (failed.get(), editor.with(Option::is_some)) {
                (Some(why), _) => Some(view! { <p class="code-status" role="alert">{why}</p> }.into_any()),
                (None, false) => Some(view! { <p class="code-status" role="status">"Loading the editor…"</p> }.into_any()),
                (None, true) => None,
            }}
            <div class="code-body" id="code-editor" node_ref=host></div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Field, PipelineObject};

    #[test]
    fn problems_are_marked_on_their_object_and_field() {
        let mut def = Definition::default();
        let mut act = PipelineObject::new("Hello", "Hello");
        act.fields
            .push(Field::string("type", "ShellCommandActivity"));
        def.objects.push(act);
        let marks = problem_marks(&def);
        assert!(
            !marks.is_empty(),
            "an activity without command or runsOn has problems"
        );
        assert!(marks
            .iter()
            .any(|m| m.object.as_deref() == Some("Hello") && m.severity == "error"));
    }

    #[test]
    fn syntax_errors_are_marked_at_their_line() {
        let e = formats::parse("{\n  \"objects\": [\n    {\"id\": }\n  ]\n}").unwrap_err();
        let marks = parse_marks(&e);
        assert_eq!(marks.first().and_then(|m| m.line), Some(3));
        assert_eq!(marks[0].severity, "error");
    }

    #[test]
    fn vocabulary_has_types_their_keys_and_the_documents_ids() {
        let v = catalog_vocabulary();
        let types = v["types"].as_array().unwrap();
        assert!(types.iter().any(|t| t == "ShellCommandActivity"));
        let keys = v["keys"]["ShellCommandActivity"].as_array().unwrap();
        assert!(keys.iter().any(|k| k == "command"));
        assert!(keys.iter().any(|k| k == "runsOn"));
        let mut def = Definition::default();
        def.objects
            .push(PipelineObject::new("Schedule1", "Every hour"));
        let d = document_vocabulary(&def);
        assert_eq!(d["ids"], json!(["Schedule1"]));
    }
}
