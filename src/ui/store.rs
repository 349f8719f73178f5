//! The document store: the document being edited (`studio::doc::Doc`: name,
//! definition, node positions) in signals, the one command path every change
//! goes through (it records undo in a `studio::history::History`, one step
//! per gesture, and keeps the dirty marker right), the selection, the status
//! line message and the autosave to localStorage.

use std::collections::BTreeSet;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::model::Definition;

use studio::doc::Doc;
use studio::editor::geometry::Positions;
use studio::history::History;
use studio::templates;

/// What autosave writes (versioned so a later format can migrate).
#[derive(Serialize, Deserialize)]
struct Saved {
    version: u32,
    doc: Doc,
    dirty: bool,
}

/// localStorage key of the autosaved document.
pub const AUTOSAVE_KEY: &str = "pipeline-studio.document";
const SAVED_VERSION: u32 = 1;

/// The edited document and editor-wide state, shared by context.
#[derive(Clone, Copy)]
pub struct DocumentStore {
    pub name: RwSignal<String>,
    pub definition: RwSignal<Definition>,
    pub positions: RwSignal<Positions>,
    pub dirty: RwSignal<bool>,
    pub status: RwSignal<String>,
    /// Selected object ids.
    pub selection: RwSignal<BTreeSet<String>>,
    pub can_undo: RwSignal<bool>,
    pub can_redo: RwSignal<bool>,
    /// Bumped by every change (document or not) that autosave should see.
    pub revision: RwSignal<u64>,
    /// Bumped by [`select`](Self::select), this store's own selection
    /// command (what the lazily loaded areas send back to the app; setting
    /// `selection` directly does not count).
    pub selects: RwSignal<u64>,
    /// What an endpoint's Put/ValidatePipelineDefinition said of a pushed
    /// definition: shown with the local problems while the document is
    /// still that definition.
    pub remote_problems: RwSignal<Option<(Definition, Vec<crate::model::validate::Problem>)>>,
    /// A shared link's document is being looked at: autosave leaves the
    /// visitor's own saved work alone until they keep the shared one.
    pub shared_view: RwSignal<bool>,
    /// The definition the Simulator activated (None when no run is
    /// active): the editor shows the edits that running pipeline would
    /// refuse (`model::validate::activated`).
    pub activated: RwSignal<Option<Definition>>,
    history: StoredValue<History<Doc>>,
    /// A label whose consecutive commands merge into one undo step (typing
    /// in the code view), cleared by any other command.
    merge: StoredValue<Option<String>>,
    /// The node whose press set the selection last: the inspector may
    /// follow it after the click's frame is painted (every other way of
    /// selecting shows the object at once).
    pressed: StoredValue<Option<String>>,
}

impl DocumentStore {
    /// The autosaved document if there is one, else the SayHello sample.
    pub fn with_sample() -> Self {
        match load_autosave() {
            Some(saved) => {
                let store = Self::from_doc(saved.doc, "Restored your work from this browser");
                if saved.dirty {
                    // Keep the marker: the work was not exported since.
                    store.history.update_value(|h| h.mark_unsaved());
                    store.dirty.set(true);
                }
                store
            }
            None => Self::from_doc(templates::sample_doc(), "Loaded template: SayHello"),
        }
    }

    /// An empty store with no restore and no autosave (the lazily loaded
    /// areas' own, which holds the host's document as last pulled: see
    /// `ui::lazy`).
    pub fn empty() -> Self {
        Self::from_doc(Doc::default(), "")
    }

    /// Take `doc`, made elsewhere, as the current document: set what
    /// differs, with no undo step and no new revision (a revision means a
    /// command of this store's own).
    pub fn adopt(&self, doc: Doc) {
        if self.name.with_untracked(|n| *n != doc.name) {
            self.name.set(doc.name);
        }
        if self.definition.with_untracked(|d| *d != doc.definition) {
            self.definition.set(doc.definition);
        }
        if self.positions.with_untracked(|p| *p != doc.positions) {
            self.positions.set(doc.positions);
        }
    }

    fn from_doc(doc: Doc, status: &str) -> Self {
        DocumentStore {
            name: RwSignal::new(doc.name),
            definition: RwSignal::new(doc.definition),
            positions: RwSignal::new(doc.positions),
            dirty: RwSignal::new(false),
            status: RwSignal::new(status.to_string()),
            selection: RwSignal::new(BTreeSet::new()),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            revision: RwSignal::new(0),
            selects: RwSignal::new(0),
            remote_problems: RwSignal::new(None),
            shared_view: RwSignal::new(false),
            activated: RwSignal::new(None),
            history: StoredValue::new(History::default()),
            merge: StoredValue::new(None),
            pressed: StoredValue::new(None),
        }
    }

    /// Whether the last command was a merging one (typing).
    pub fn merging(&self) -> bool {
        self.merge.with_value(|m| m.is_some())
    }

    /// The current document (a copy; untracked).
    pub fn snapshot(&self) -> Doc {
        Doc {
            name: self.name.get_untracked(),
            definition: self.definition.get_untracked(),
            positions: self.positions.get_untracked(),
        }
    }

    /// The one command path: run `f` on a copy of the document; if it
    /// succeeds and changed something, that is one undo step labelled
    /// `label`. An error leaves the document untouched and goes to the
    /// status line. Returns `f`'s result.
    pub fn apply<R>(
        &self,
        label: &str,
        f: impl FnOnce(&mut Doc) -> Result<R, String>,
    ) -> Option<R> {
        self.merge.set_value(None);
        self.run(label, false, f)
    }

    /// Like [`apply`](Self::apply), but consecutive calls with the same
    /// label make one undo step (typing).
    pub fn apply_merged<R>(
        &self,
        label: &str,
        f: impl FnOnce(&mut Doc) -> Result<R, String>,
    ) -> Option<R> {
        let merge = self.merge.get_value().as_deref() == Some(label)
            && self.history.with_value(|h| h.undo_label() == Some(label));
        let out = self.run(label, merge, f);
        self.merge.set_value(Some(label.to_string()));
        out
    }

    fn run<R>(
        &self,
        label: &str,
        merge: bool,
        f: impl FnOnce(&mut Doc) -> Result<R, String>,
    ) -> Option<R> {
        let before = self.snapshot();
        let mut after = before.clone();
        match f(&mut after) {
            Err(message) => {
                self.status.set(message);
                None
            }
            Ok(r) => {
                after.normalize();
                if after != before {
                    if !merge {
                        self.history
                            .update_value(|h| h.record(before.clone(), label));
                    }
                    self.install(before, after);
                    self.status.set(label.to_string());
                }
                Some(r)
            }
        }
    }

    /// Set the signals that changed, then the history-derived ones.
    fn install(&self, before: Doc, after: Doc) {
        if after.name != before.name {
            self.name.set(after.name);
        }
        if after.definition != before.definition {
            self.definition.set(after.definition);
        }
        if after.positions != before.positions {
            self.positions.set(after.positions);
        }
        // Drop selected ids that no longer exist.
        let exists = |id: &String| self.definition.with_untracked(|d| d.contains(id));
        if self
            .selection
            .with_untracked(|s| s.iter().any(|id| !exists(id)))
        {
            self.selection.update(|s| s.retain(|id| exists(id)));
        }
        self.sync_history();
        self.revision.update(|r| *r += 1);
    }

    fn sync_history(&self) {
        let (dirty, u, r) = self
            .history
            .with_value(|h| (h.is_dirty(), h.can_undo(), h.can_redo()));
        self.dirty.set(dirty);
        self.can_undo.set(u);
        self.can_redo.set(r);
    }

    pub fn undo(&self) {
        self.merge.set_value(None);
        let current = self.snapshot();
        let step = self
            .history
            .try_update_value(|h| h.undo(current.clone()))
            .flatten();
        match step {
            Some((prev, label)) => {
                self.install(current, prev);
                self.status.set(format!("Undid: {label}"));
            }
            None => self.status.set("Nothing to undo".to_string()),
        }
    }

    pub fn redo(&self) {
        self.merge.set_value(None);
        let current = self.snapshot();
        let step = self
            .history
            .try_update_value(|h| h.redo(current.clone()))
            .flatten();
        match step {
            Some((next, label)) => {
                self.install(current, next);
                self.status.set(format!("Redid: {label}"));
            }
            None => self.status.set("Nothing to redo".to_string()),
        }
    }

    /// The label of the step undo would revert.
    pub fn undo_label(&self) -> Option<String> {
        self.history
            .with_value(|h| h.undo_label().map(str::to_string))
    }
    pub fn redo_label(&self) -> Option<String> {
        self.history
            .with_value(|h| h.redo_label().map(str::to_string))
    }

    /// The document was exported or downloaded: it is clean now.
    pub fn mark_saved(&self) {
        self.history.update_value(|h| h.mark_saved());
        self.sync_history();
        self.revision.update(|r| *r += 1);
    }

    /// Select exactly these objects.
    pub fn select(&self, ids: impl IntoIterator<Item = String>) {
        self.selection.set(ids.into_iter().collect());
        self.selects.update(|n| *n += 1);
    }

    /// Select exactly this object because its node was pressed on the
    /// canvas (see [`take_pressed`](Self::take_pressed)).
    pub fn select_pressed(&self, id: String) {
        self.pressed.set_value(Some(id.clone()));
        self.select([id]);
    }

    /// The node whose press set the selection last, forgotten as it is
    /// read: the inspector asks once per selection change, so a press it
    /// never saw cannot delay a later selection.
    pub fn take_pressed(&self) -> Option<String> {
        self.pressed.try_update_value(Option::take).flatten()
    }

    /// Write the document to localStorage whenever it changes. Call once,
    /// inside the app's owner.
    pub fn autosave(&self) {
        let store = *self;
        Effect::new(move |_| {
            store.revision.track();
            if store.shared_view.get() {
                return;
            }
            let saved = Saved {
                version: SAVED_VERSION,
                doc: store.snapshot(),
                dirty: store.dirty.get_untracked(),
            };
            if let Ok(text) = serde_json::to_string(&saved) {
                if let Err(e) = write_storage(&text) {
                    store.status.set(format!("Autosave failed: {e}"));
                }
            }
        });
    }
}

/// The autosaved document (the visitor's own work), if any.
pub fn saved_doc() -> Option<Doc> {
    load_autosave().map(|s| s.doc)
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn write_storage(text: &str) -> Result<(), String> {
    let s = storage().ok_or("no localStorage in this browser")?;
    s.set_item(AUTOSAVE_KEY, text)
        .map_err(|_| "the browser's storage is full or disabled".to_string())
}

fn load_autosave() -> Option<Saved> {
    let text = storage()?.get_item(AUTOSAVE_KEY).ok()??;
    let saved: Saved = serde_json::from_str(&text).ok()?;
    (saved.version == SAVED_VERSION).then_some(saved)
}
