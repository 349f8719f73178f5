//! User actions shared by the toolbar, the keyboard shortcuts and the
//! menus: each is one command on the store (one undo step) or a view change.

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::state::EditorState;
use crate::ui::lazy::bridge::{Answer, Request};
use crate::ui::lazy::host::LazyAreas;
use crate::ui::store::DocumentStore;
use studio::doc::Doc;
use studio::editor::geometry::{bounds, Pos, Viewport};
use studio::editor::ops;

pub fn delete_selection(store: DocumentStore, st: EditorState) {
    if let Some(e) = st.selected_edge.get_untracked() {
        let label = format!("Delete reference {}.{} → {}", e.from, e.key, e.to);
        store.apply(&label, |doc| {
            doc.definition
                .disconnect(&e.from, &e.key, &e.to)
                .map(|_| ())
                .map_err(|err| err.to_string())
        });
        st.selected_edge.set(None);
        return;
    }
    let ids = store.selection.get_untracked();
    if ids.is_empty() {
        return;
    }
    let label = if ids.len() == 1 {
        format!("Delete {}", ids.iter().next().cloned().unwrap_or_default())
    } else {
        format!("Delete {} objects", ids.len())
    };
    store.apply(&label, |doc| ops::delete_objects(doc, &ids));
}

pub fn copy(store: DocumentStore, st: EditorState) {
    let ids = store.selection.get_untracked();
    if ids.is_empty() {
        return;
    }
    let clip = ops::copy(&store.snapshot(), &ids);
    store
        .status
        .set(format!("Copied {} object(s)", clip.objects.len()));
    st.clip.set_value(clip);
}

pub fn paste(store: DocumentStore, st: EditorState) {
    let clip = st.clip.get_value();
    if clip.objects.is_empty() {
        return;
    }
    let label = format!("Paste {} object(s)", clip.objects.len());
    if let Some(ids) = store.apply(&label, |doc| ops::paste(doc, &clip, Pos::new(32.0, 32.0))) {
        store.select(ids);
    }
}

pub fn duplicate(store: DocumentStore) {
    let ids = store.selection.get_untracked();
    if ids.is_empty() {
        return;
    }
    let clip = ops::copy(&store.snapshot(), &ids);
    let label = format!("Duplicate {} object(s)", clip.objects.len());
    if let Some(ids) = store.apply(&label, |doc| ops::paste(doc, &clip, Pos::new(32.0, 32.0))) {
        store.select(ids);
    }
}

pub fn select_all(store: DocumentStore) {
    let all: BTreeSet<String> = store
        .definition
        .with_untracked(|d| d.objects.iter().map(|o| o.id.0.clone()).collect());
    store.selection.set(all);
}

pub fn nudge(store: DocumentStore, dx: f64, dy: f64) {
    let ids = store.selection.get_untracked();
    if ids.is_empty() {
        return;
    }
    store.apply("Nudge", |doc| {
        ops::nudge(doc, &ids, dx, dy, false);
        Ok(())
    });
}

pub fn add_object(store: DocumentStore, st: EditorState, type_name: &str, at: Option<Pos>) {
    let at = at.unwrap_or_else(|| {
        let (w, h) = st.canvas_size.get_untracked();
        st.viewport
            .get_untracked()
            .to_world(Pos::new(w / 2.0 - 95.0, h / 3.0))
    });
    let label = format!("Add {type_name}");
    if let Some(id) = store.apply(&label, |doc| ops::add_object(doc, type_name, at)) {
        store.select([id]);
        st.side.set(super::state::Side::Inspector);
    }
}

/// Ask the lazily loaded module for the auto-layout (see `install_remote`
/// for its answer).
pub fn auto_layout(store: DocumentStore, lazy: LazyAreas) {
    lazy.request(Request::AutoLayout(store.definition.get_untracked()));
}

pub fn fit(store: DocumentStore, st: EditorState) {
    let (w, h) = st.canvas_size.get_untracked();
    let vp = store
        .positions
        .with_untracked(|ps| bounds(ps.values()))
        .map(|b| Viewport::fit(b, w, h, 40.0))
        .unwrap_or_default();
    st.viewport.set(vp);
}

pub fn zoom(st: EditorState, factor: f64) {
    let (w, h) = st.canvas_size.get_untracked();
    st.viewport
        .update(|v| *v = v.zoom_at(Pos::new(w / 2.0, h / 2.0), factor));
}

/// Replace the whole document (new, template, import) as one undo step.
pub fn replace(store: DocumentStore, st: EditorState, label: &str, doc: Doc) {
    store.apply(label, |d| {
        *d = doc;
        Ok(())
    });
    store.selection.set(BTreeSet::new());
    st.selected_edge.set(None);
    st.import_errors.set(Vec::new());
    fit(store, st);
}

pub fn new_document(store: DocumentStore, st: EditorState) {
    // An empty definition needs no layout: this is `Doc::new` of it.
    let doc = Doc {
        name: "Untitled".into(),
        ..Default::default()
    };
    replace(store, st, "New pipeline", doc);
}

/// Templates are parsed and laid out by the lazily loaded module.
pub fn load_template(lazy: LazyAreas, index: usize) {
    lazy.request(Request::Template(index));
}

/// Import a definition in either shape (parsed by the lazily loaded
/// module). On failure the document is left alone and the errors are
/// listed.
pub fn import_text(lazy: LazyAreas, source: &str, text: &str) {
    lazy.request(Request::Import {
        source: source.to_string(),
        text: text.to_string(),
    });
}

/// Carry out the lazily loaded module's answers to the editor's requests.
/// Call once, inside the editor's owner.
pub fn install_remote(store: DocumentStore, st: EditorState, lazy: LazyAreas) {
    lazy.on_answer(Callback::new(move |answer| match answer {
        Answer::Replace { label, doc, status } => {
            replace(store, st, &label, doc);
            if let Some(s) = status {
                store.status.set(s);
            }
        }
        Answer::Layout { positions, status } => {
            store.apply("Auto-layout", |doc| {
                doc.positions = positions;
                Ok(())
            });
            store.status.set(status);
            fit(store, st);
        }
        Answer::ImportFailed { status, errors } => {
            store.status.set(status);
            st.import_errors.set(errors);
        }
        Answer::Status(s) => store.status.set(s),
        Answer::OpenShared(shared) => super::notices::open_shared(store, st, shared),
        Answer::Preview {
            object,
            text,
            revision,
            value,
        } => st.previews.update(|p| {
            let newer = p
                .get(&(object.clone(), text.clone()))
                .is_none_or(|(r, _)| *r <= revision);
            if newer {
                p.insert((object, text), (revision, value));
            }
        }),
    }));
}
