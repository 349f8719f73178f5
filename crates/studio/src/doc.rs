//! The document being edited: its name, definition and node positions
//! (what undo restores and autosave keeps). The store that holds it in
//! signals, records undo and autosaves is the app's (`ui::store`).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::editor::geometry::Positions;
use crate::editor::layout;
use crate::model::Definition;

/// The saved document: what undo restores and autosave keeps. Positions
/// are part of it, never of the exported definition.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Doc {
    pub name: String,
    pub definition: Definition,
    pub positions: Positions,
}

impl Doc {
    /// A document for `definition`, laid out for a first look.
    pub fn new(name: impl Into<String>, definition: Definition) -> Self {
        let mut doc = Doc {
            name: name.into(),
            definition,
            positions: Positions::new(),
        };
        doc.normalize();
        doc
    }
    /// Keep positions in step with the objects: drop those of removed
    /// objects and place objects that have none.
    pub fn normalize(&mut self) {
        let ids: BTreeSet<&str> = self
            .definition
            .objects
            .iter()
            .map(|o| o.id.as_str())
            .collect();
        self.positions.retain(|id, _| ids.contains(id.as_str()));
        if self.positions.len() < ids.len() {
            layout::place_missing(&self.definition, &mut self.positions);
        }
    }
}
