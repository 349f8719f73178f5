//! The app's side of the split: a placeholder where each lazy area mounts,
//! the one-time load of the areas module, and the store's end of the
//! bridge (send the document after every change, carry out the guest's
//! commands).

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use super::bridge::{
    emit, listen, Command, DocumentMessage, Request, COMMAND_EVENT, DOC_EVENT, REQUEST_EVENT,
};
use crate::ui::store::DocumentStore;

/// The areas module as Trunk writes it (a `worker`-type Rust asset built
/// with wasm-bindgen's `web` target: an ES module whose default export
/// instantiates the wasm, which then runs its `main`).
const AREAS_MODULE: &str = "pipeline-studio-areas.js";

#[wasm_bindgen(
    inline_js = "export function import_areas(url) { return import(url).then((m) => m.default()); }"
)]
extern "C" {
    fn import_areas(url: &str) -> js_sys::Promise;
}

/// Where the loaded module stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadState {
    NotLoaded,
    Loading,
    Loaded,
    Failed(String),
}

/// The host's handle on the lazy areas, shared by context.
#[derive(Clone, Copy)]
pub struct LazyAreas {
    pub state: RwSignal<LoadState>,
    /// Requests made before the module ran, sent once it has.
    pending: StoredValue<Vec<Request>>,
}

impl LazyAreas {
    /// Set up the bridge for `store`. Call once, inside the app's owner.
    pub fn new(store: DocumentStore) -> Self {
        let lazy = LazyAreas {
            state: RwSignal::new(LoadState::NotLoaded),
            pending: StoredValue::new(Vec::new()),
        };
        // Every change of the document or selection goes to the guest once
        // it runs.
        Effect::new(move |_| {
            store.revision.track();
            store.selection.track();
            if lazy.state.get() == LoadState::Loaded {
                send_document(store);
            }
        });
        listen::<Command>(COMMAND_EVENT, move |command| match command {
            Command::Hello => {
                lazy.state.set(LoadState::Loaded);
                send_document(store);
                for r in lazy
                    .pending
                    .try_update_value(std::mem::take)
                    .unwrap_or_default()
                {
                    emit(REQUEST_EVENT, &r);
                }
            }
            Command::Apply { label, doc, merge } => {
                let f = move |d: &mut crate::ui::store::Doc| {
                    *d = doc;
                    Ok(())
                };
                if merge {
                    store.apply_merged(&label, f);
                } else {
                    store.apply(&label, f);
                }
            }
            // The editor's own (see `editor::actions::install_remote`).
            Command::Replace { .. }
            | Command::Layout { .. }
            | Command::ImportFailed { .. }
            | Command::Confirm { .. }
            | Command::Notes { .. }
            | Command::OpenShared(_) => {}
            Command::Status(s) => store.status.set(s),
            Command::Select(ids) => {
                if store.selection.with_untracked(|s| *s != ids) {
                    store.selection.set(ids);
                }
            }
            Command::RemoteProblems(p) => store.remote_problems.set(p),
            Command::Activated(d) => store.activated.set(d),
        });
        lazy
    }

    /// Hand `request` to the lazily loaded module, loading it first if
    /// needed (its answer comes back as a [`Command`]).
    pub fn request(&self, request: Request) {
        if self.state.get_untracked() == LoadState::Loaded {
            emit(REQUEST_EVENT, &request);
        } else {
            self.pending.update_value(|p| p.push(request));
            self.ensure_loaded();
        }
    }

    /// Load the areas module unless it is loaded or loading.
    pub fn ensure_loaded(&self) {
        if !matches!(
            self.state.get_untracked(),
            LoadState::NotLoaded | LoadState::Failed(_)
        ) {
            return;
        }
        self.state.set(LoadState::Loading);
        let state = self.state;
        let url = module_url();
        leptos::task::spawn_local(async move {
            let result = wasm_bindgen_futures::JsFuture::from(import_areas(&url)).await;
            if let Err(e) = result {
                let why = e
                    .as_string()
                    .or_else(|| {
                        js_sys::Reflect::get(&e, &"message".into())
                            .ok()?
                            .as_string()
                    })
                    .unwrap_or_else(|| "unknown error".into());
                state.set(LoadState::Failed(format!(
                    "Could not load {AREAS_MODULE}: {why}"
                )));
            }
            // Success is the guest's Hello (its `main` has run by then).
        });
    }
}

fn module_url() -> String {
    let base = document().base_uri().ok().flatten().unwrap_or_default();
    let name = super::assets::asset_name(AREAS_MODULE);
    web_sys::Url::new_with_base(&name, &base)
        .map(|u| u.href())
        .unwrap_or(name)
}

fn send_document(store: DocumentStore) {
    emit(
        DOC_EVENT,
        &DocumentMessage {
            doc: store.snapshot(),
            selection: store.selection.get_untracked(),
        },
    );
}

/// The element a lazy area mounts into, with what to show until it has.
#[component]
pub fn LazyMount(
    /// `simulator`, `export` or `code`: the guest mounts into `#<area>-root`.
    area: &'static str,
) -> impl IntoView {
    let lazy = expect_context::<LazyAreas>();
    view! {
        <div id=format!("{area}-root") class="lazy-area">
            <p class="lazy-status" role="status">
                {move || match lazy.state.get() {
                    LoadState::Failed(why) => why,
                    _ => "Loading…".to_string(),
                }}
            </p>
        </div>
    }
}
