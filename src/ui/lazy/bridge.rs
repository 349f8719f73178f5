//! The messages between the app (host) and the lazily loaded areas (guest),
//! and how they travel: a `CustomEvent` on `window` whose `detail` is the
//! message as JSON. Both wasm modules see the same window, nothing else.

use std::collections::BTreeSet;

use leptos::prelude::*;
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use crate::model::validate::Problem;
use crate::model::Definition;
use crate::ui::editor::geometry::Positions;
use crate::ui::store::Doc;

/// Host → guest: the document as it is now.
pub const DOC_EVENT: &str = "pipeline-studio:document";
/// Guest → host: a command of the guest's areas.
pub const COMMAND_EVENT: &str = "pipeline-studio:command";
/// Host → guest: work the editor hands to the lazily loaded module.
pub const REQUEST_EVENT: &str = "pipeline-studio:request";

/// What the host tells the guest after every change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentMessage {
    pub doc: Doc,
    pub selection: BTreeSet<String>,
}

/// What the guest asks of the host. Document changes go through the host's
/// store, so they are undoable and autosaved like the editor's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// The guest is running: send the document.
    Hello,
    /// Replace the document, as one undo step with this label (`merge`:
    /// consecutive ones with the same label make one step, as typing does).
    Apply {
        label: String,
        doc: Doc,
        merge: bool,
    },
    /// A new document for the editor (template, import): one undo step,
    /// selection cleared, fitted in view; then `status` if given.
    Replace {
        label: String,
        doc: Doc,
        status: Option<String>,
    },
    /// The auto-layout's positions for the editor's document.
    Layout {
        positions: Positions,
        status: String,
    },
    /// An import that changed nothing, and why.
    ImportFailed { status: String, errors: Vec<String> },
    /// Show this on the status line.
    Status(String),
    /// Select exactly these objects.
    Select(BTreeSet<String>),
    /// What an endpoint said of a pushed definition.
    RemoteProblems(Option<(Definition, Vec<Problem>)>),
    /// A change to show before it is made (a parameter or values file):
    /// `lines` say what it changes; applying it is one undo step `label`.
    Confirm {
        label: String,
        doc: Doc,
        title: String,
        lines: Vec<String>,
    },
    /// Something to read after an import (its warnings).
    Notes { title: String, lines: Vec<String> },
    /// The document of a shared link, or why it cannot be opened.
    OpenShared(Result<Doc, String>),
    /// The definition the Simulator activated, or None when its run ended.
    Activated(Option<Definition>),
}

/// What the editor asks of the lazily loaded module: the parts of editing
/// that are not needed to show, select, edit and validate a document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Lay out this definition (the auto-layout).
    AutoLayout(Definition),
    /// Load the template at this index of `templates::MENU`.
    Template(usize),
    /// Import a definition file's text (API or CLI shape).
    Import { source: String, text: String },
    /// Open the document of a shared link (the fragment's value).
    OpenShared(String),
}

/// Send `message` as event `name`, after the current task (so a listener
/// never runs inside the sender's reactive update).
pub fn emit<T: Serialize>(name: &'static str, message: &T) {
    let Ok(text) = serde_json::to_string(message) else {
        return;
    };
    set_timeout(
        move || {
            let init = web_sys::CustomEventInit::new();
            init.set_detail(&JsValue::from_str(&text));
            if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
                let _ = window().dispatch_event(&ev);
            }
        },
        std::time::Duration::ZERO,
    );
}

/// Call `f` with every message of event `name` (ones that do not parse are
/// ignored: both ends are built from this file).
pub fn listen<T: DeserializeOwned + 'static>(name: &'static str, f: impl Fn(T) + 'static) {
    let handle = window_event_listener_untyped(name, move |ev| {
        let text = ev
            .dyn_ref::<web_sys::CustomEvent>()
            .and_then(|c| c.detail().as_string());
        if let Some(message) = text.and_then(|t| serde_json::from_str::<T>(&t).ok()) {
            f(message);
        }
    });
    // Both ends listen for the life of the page.
    std::mem::forget(handle);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_round_trip_through_json() {
        let doc = Doc::new("p", Definition::default());
        for c in [
            Command::Hello,
            Command::Apply {
                label: "Load lesson".into(),
                doc: doc.clone(),
                merge: false,
            },
            Command::Replace {
                label: "Import a.json".into(),
                doc,
                status: Some("Imported a.json: 0 objects".into()),
            },
            Command::Layout {
                positions: Positions::new(),
                status: "Auto-layout".into(),
            },
            Command::ImportFailed {
                status: "Could not import".into(),
                errors: vec!["bad".into()],
            },
            Command::Status("Downloaded".into()),
            Command::Select(["Default".to_string()].into()),
            Command::RemoteProblems(None),
            Command::Confirm {
                label: "Apply values.json".into(),
                doc: Doc::new("p", Definition::default()),
                title: "values.json changes".into(),
                lines: vec!["value of a: set to \"b\"".into()],
            },
            Command::Notes {
                title: "Imported".into(),
                lines: vec!["warning".into()],
            },
            Command::OpenShared(Err("damaged".into())),
        ] {
            let text = serde_json::to_string(&c).unwrap();
            assert_eq!(serde_json::from_str::<Command>(&text).unwrap(), c);
        }
        for r in [
            Request::AutoLayout(Definition::default()),
            Request::Template(2),
            Request::Import {
                source: "a.json".into(),
                text: "{}".into(),
            },
            Request::OpenShared("v1.x".into()),
        ] {
            let text = serde_json::to_string(&r).unwrap();
            assert_eq!(serde_json::from_str::<Request>(&text).unwrap(), r);
        }
    }
}
