//! The areas module's side of the split: its `main` builds a mirror of the
//! host's document store, mounts the Simulator and Export areas into the
//! host's placeholders and keeps the mirror in step through the bridge.
//! The areas' own code is unchanged: they read and command a
//! `DocumentStore` from context as they would in one module.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::bridge::{
    emit, listen, Command, DocumentMessage, Request, COMMAND_EVENT, DOC_EVENT, REQUEST_EVENT,
};
use crate::ui::editor::code::CodeView;
use crate::ui::export::ExportArea;
use crate::ui::simulator::SimulatorArea;
use crate::ui::store::DocumentStore;

/// Entry point of bin `pipeline-studio-areas`.
pub fn start() {
    console_error_panic_hook::set_once();
    crate::ui::editor::layout::use_auto_layout_for_new_documents();
    let store = DocumentStore::mirror();
    super::requests::set_mirror(store);
    // What the host last said, so echoes of it are not sent back.
    let from_host: Rc<RefCell<Option<BTreeSet<String>>>> = Rc::default();

    // Mount on the first document, so the areas never show an empty one.
    let mounted = std::cell::Cell::new(false);
    listen::<DocumentMessage>(DOC_EVENT, move |m| {
        *from_host.borrow_mut() = Some(m.selection.clone());
        store.mirror_update(m.doc, m.selection);
        if !mounted.replace(true) {
            mount("simulator-root", store, || {
                view! { <SimulatorArea /> }.into_any()
            });
            mount("export-root", store, || view! { <ExportArea /> }.into_any());
            mount("code-root", store, || view! { <CodeView /> }.into_any());
            forward_commands(store, from_host.clone());
        }
    });
    listen::<Request>(REQUEST_EVENT, super::requests::answer);
    // Say hello (and so mount) once the areas' stylesheets are in.
    link_styles(|| emit(COMMAND_EVENT, &Command::Hello));
}

/// Stylesheets only this module's areas use (copied to the bundle by
/// Trunk, not linked by the page: see index.html).
const STYLES: [&str; 2] = ["sim-controls.css", "simulator.css"];

/// Link [`STYLES`] into the page, then call `then` (also if one fails to
/// load: the areas still work unstyled).
fn link_styles(then: impl FnOnce() + 'static) {
    let left = Rc::new(std::cell::Cell::new(STYLES.len()));
    let then = Rc::new(RefCell::new(Some(then)));
    let done = move || {
        left.set(left.get().saturating_sub(1));
        if left.get() == 0 {
            if let Some(f) = then.borrow_mut().take() {
                f();
            }
        }
    };
    for href in STYLES {
        let done = done.clone();
        let linked = document().create_element("link").ok().filter(|link| {
            let cb = wasm_bindgen::closure::Closure::once_into_js(done.clone());
            link.set_attribute("rel", "stylesheet").is_ok()
                && link
                    .set_attribute("href", &super::assets::asset_name(href))
                    .is_ok()
                && link
                    .add_event_listener_with_callback("load", cb.unchecked_ref())
                    .is_ok()
                && link
                    .add_event_listener_with_callback("error", cb.unchecked_ref())
                    .is_ok()
                && document()
                    .head()
                    .is_some_and(|h| h.append_child(link).is_ok())
        });
        if linked.is_none() {
            done();
        }
    }
}

fn mount(id: &str, store: DocumentStore, area: fn() -> AnyView) {
    let Some(root) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        leptos::logging::warn!("Pipeline Studio: no #{id} to mount into");
        return;
    };
    leptos::mount::mount_to(root, move || {
        provide_context(store);
        area()
    })
    .forget();
}

/// The guest's changes that matter to the host: document commands (seen
/// as a new revision, which only the guest's own commands make), the
/// status line, the selection, an endpoint's problems and the Simulator's
/// activated definition.
fn forward_commands(store: DocumentStore, from_host: Rc<RefCell<Option<BTreeSet<String>>>>) {
    Effect::new(move |first: Option<()>| {
        store.revision.track();
        if first.is_some() {
            emit(
                COMMAND_EVENT,
                &Command::Apply {
                    label: store.status.get_untracked(),
                    doc: store.snapshot(),
                    merge: store.merging(),
                },
            );
        }
    });
    Effect::new(move |first: Option<()>| {
        let s = store.status.get();
        if first.is_some() {
            emit(COMMAND_EVENT, &Command::Status(s));
        }
    });
    Effect::new(move |first: Option<()>| {
        let p = store.remote_problems.get();
        if first.is_some() {
            emit(COMMAND_EVENT, &Command::RemoteProblems(p));
        }
    });
    Effect::new(move |first: Option<()>| {
        let a = store.activated.get();
        if first.is_some() {
            emit(COMMAND_EVENT, &Command::Activated(a));
        }
    });
    Effect::new(move |first: Option<()>| {
        let ids = store.selection.get();
        if first.is_some() && from_host.borrow().as_ref() != Some(&ids) {
            emit(COMMAND_EVENT, &Command::Select(ids));
        }
    });
}
