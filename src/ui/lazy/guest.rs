//! The areas module's side of the split: its `main` mounts the Simulator
//! and Export areas and the code view into the host's placeholders, with
//! the guest's own `DocumentStore` holding the host's document at the
//! revision it last pulled (`bridge::GuestCopy`), and carries out the
//! host's messages (one exhaustive match over `ToGuest`). Once mounted, it
//! asks the host whether its document is the newest (`ToHost::Ready`) and
//! tells its areas when it is (`bridge::DocumentReady`). The areas' own
//! code is unchanged: they read and command a `DocumentStore` from context
//! as they would in one module; what they change goes to the host as one
//! `ToHost` message each.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::bridge::{
    listen_as_guest, to_host, DocumentReady, GuestCopy, ReadyNext, ToGuest, ToHost,
};
use super::requests::Reply;
use crate::ui::editor::code::CodeView;
use crate::ui::editor::import_notices::{ImportNotices, ImportNoticesView};
use crate::ui::editor::inspector::params::{ParamCards, ValueCards};
use crate::ui::export::ExportArea;
use crate::ui::simulator::SimulatorArea;
use crate::ui::store::DocumentStore;

/// Entry point of bin `pipeline-studio-areas`.
pub fn start() {
    console_error_panic_hook::set_once();
    studio::editor::layout::use_auto_layout_for_new_documents();
    let store = DocumentStore::empty();
    super::requests::set_store(store);
    let notices = ImportNotices::new();
    let copy: Rc<RefCell<GuestCopy>> = Rc::default();
    let pull = {
        let copy = copy.clone();
        move || {
            to_host(&ToHost::Pull {
                have: copy.borrow().have,
            })
        }
    };
    // Mount on the first document, so the areas never show an empty one.
    let mounted = Cell::new(false);
    let ready = RwSignal::new(false);
    let ask_ready = {
        let copy = copy.clone();
        move || {
            to_host(&ToHost::Ready {
                have: copy.borrow().have,
            })
        }
    };
    let sent = copy.clone();
    listen_as_guest(move |message| match message {
        ToGuest::Revision(r) => {
            if copy.borrow_mut().on_revision(r) {
                pull();
            }
        }
        ToGuest::Shown(shown) => {
            if copy.borrow_mut().on_shown(shown) {
                pull();
            }
        }
        ToGuest::Document { revision, doc } => {
            if copy.borrow_mut().on_document(revision) {
                store.adopt(doc);
                if !mounted.replace(true) {
                    let ready = DocumentReady(ready.into());
                    mount("simulator-root", store, ready, || {
                        view! { <SimulatorArea /> }.into_any()
                    });
                    mount("export-root", store, ready, || {
                        view! { <ExportArea /> }.into_any()
                    });
                    mount("code-root", store, ready, || {
                        view! { <CodeView /> }.into_any()
                    });
                    mount("param-cards-root", store, ready, || {
                        view! { <ParamCards /> }.into_any()
                    });
                    mount("value-cards-root", store, ready, || {
                        view! { <ValueCards /> }.into_any()
                    });
                    mount("import-notices-root", store, ready, move || {
                        provide_context(notices);
                        view! { <ImportNoticesView /> }.into_any()
                    });
                    forward_commands(store, sent.clone());
                    // After the forwarding's first look (the message goes
                    // out after the current task).
                    ask_ready();
                }
            }
        }
        ToGuest::Applied { revision } => {
            if copy.borrow_mut().on_applied(revision) {
                pull();
            }
        }
        ToGuest::Selection(ids) => {
            if store.selection.with_untracked(|s| *s != ids) {
                store.selection.set(ids);
            }
        }
        ToGuest::Request(r) => {
            for reply in super::requests::answer(r) {
                match reply {
                    Reply::Editor(a) => to_host(&ToHost::Answer(a)),
                    Reply::Confirm {
                        label,
                        doc,
                        title,
                        lines,
                    } => notices.confirm(label, doc, title, lines),
                    Reply::Notes { title, lines } => notices.show_notes(title, lines),
                }
            }
        }
        ToGuest::Ready { revision } => {
            let next = copy.borrow_mut().on_ready(revision);
            match next {
                ReadyNext::Ready => {
                    if !ready.get_untracked() {
                        ready.set(true);
                    }
                }
                ReadyNext::AskAgain => {
                    if copy.borrow().should_pull() {
                        pull();
                    }
                    ask_ready();
                }
            }
        }
    });
    // Say hello once the areas' stylesheets are in.
    link_styles(|| to_host(&ToHost::Hello));
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

fn mount(
    id: &str,
    store: DocumentStore,
    ready: DocumentReady,
    area: impl FnOnce() -> AnyView + 'static,
) {
    let Some(root) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        leptos::logging::warn!("Pipeline Studio: no #{id} to mount into");
        return;
    };
    leptos::mount::mount_to(root, move || {
        provide_context(store);
        provide_context(ready);
        area()
    })
    .forget();
}

/// The guest's changes that matter to the host: its own document commands
/// (seen as a new revision of the guest's store, which only its own
/// commands make: an adopted document makes none), its own selections
/// (`DocumentStore::select`, counted by `selects`; the host's selection is
/// set directly and so never goes back), the status line, an endpoint's
/// problems and the Simulator's activated definition.
fn forward_commands(store: DocumentStore, copy: Rc<RefCell<GuestCopy>>) {
    Effect::new(move |first: Option<()>| {
        store.revision.track();
        if first.is_some() {
            copy.borrow_mut().on_apply_sent();
            to_host(&ToHost::Apply {
                label: store.status.get_untracked(),
                doc: store.snapshot(),
                merge: store.merging(),
            });
        }
    });
    Effect::new(move |first: Option<()>| {
        let s = store.status.get();
        if first.is_some() {
            to_host(&ToHost::Status(s));
        }
    });
    Effect::new(move |first: Option<()>| {
        let p = store.remote_problems.get();
        if first.is_some() {
            to_host(&ToHost::RemoteProblems(p));
        }
    });
    Effect::new(move |first: Option<()>| {
        let a = store.activated.get();
        if first.is_some() {
            to_host(&ToHost::Activated(a));
        }
    });
    Effect::new(move |first: Option<()>| {
        store.selects.track();
        if first.is_some() {
            to_host(&ToHost::Select(store.selection.get_untracked()));
        }
    });
}
