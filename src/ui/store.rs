//! The document store: the definition being edited, its name and dirty
//! state, and the status line message. Components read its signals and
//! send it commands; no business rule lives here beyond applying them.

use leptos::prelude::*;

use crate::model::Definition;

use super::templates;

/// The edited document, shared by context.
#[derive(Clone, Copy)]
pub struct DocumentStore {
    pub name: RwSignal<String>,
    pub definition: RwSignal<Definition>,
    pub dirty: RwSignal<bool>,
    pub status: RwSignal<String>,
}

impl DocumentStore {
    /// A store holding the SayHello sample from the service's documentation.
    pub fn with_sample() -> Self {
        let t = templates::say_hello();
        DocumentStore {
            name: RwSignal::new(t.name.to_string()),
            definition: RwSignal::new(t.definition),
            dirty: RwSignal::new(false),
            status: RwSignal::new("Loaded template: SayHello".to_string()),
        }
    }
}
