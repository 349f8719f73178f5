//! The app's side of the split: a placeholder where each lazy area mounts,
//! the one-time load of the areas module, and the host's end of the bridge:
//! announce each revision, whether a guest area is shown and the
//! selection; answer the guest's pulls and its question whether it is
//! ready; carry out its commands (one exhaustive match over `ToHost`).

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use super::bridge::{listen_as_host, to_guest, Answer, Request, ToGuest, ToHost};
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
    store: DocumentStore,
    /// Requests made before the module ran, sent once it has.
    pending: StoredValue<Vec<Request>>,
    /// Whether the Simulator or Export area is the one shown (the shell's).
    area_shown: RwSignal<bool>,
    /// Whether the editor's Code tab is open (the editor's).
    code_open: RwSignal<bool>,
    /// Whether the pipeline panel shows parameter cards (the editor's).
    params_shown: RwSignal<bool>,
    /// Who carries out the guest's answers to the editor's requests (the
    /// editor, once it runs).
    answers: StoredValue<Option<Callback<Answer>>>,
    /// The revision of the document last sent with a request (several
    /// requests of one revision, e.g. the inspector's previews, send it
    /// once).
    sent: StoredValue<Option<u64>>,
}

impl LazyAreas {
    /// Set up the bridge for `store`. Call once, inside the app's owner.
    pub fn new(store: DocumentStore) -> Self {
        let lazy = LazyAreas {
            state: RwSignal::new(LoadState::NotLoaded),
            store,
            pending: StoredValue::new(Vec::new()),
            area_shown: RwSignal::new(false),
            code_open: RwSignal::new(false),
            params_shown: RwSignal::new(false),
            answers: StoredValue::new(None),
            sent: StoredValue::new(None),
        };
        let loaded = move || lazy.state.get() == LoadState::Loaded;
        // Once the guest runs: each revision, whether it is shown, and the
        // selection, each as it changes (a few bytes; the document itself
        // only when the guest pulls it).
        Effect::new(move |_| {
            let r = store.revision.get();
            if loaded() {
                to_guest(&ToGuest::Revision(r));
            }
        });
        let shown = Memo::new(move |_| {
            lazy.area_shown.get() || lazy.code_open.get() || lazy.params_shown.get()
        });
        Effect::new(move |_| {
            let shown = shown.get();
            if loaded() {
                to_guest(&ToGuest::Shown(shown));
            }
        });
        // The selection only while one of the guest's areas is shown (and
        // as it is when one is): a click on the canvas costs the hidden
        // areas nothing (the code view would reveal the object's text).
        Effect::new(move |_| {
            let ids = store.selection.get();
            if loaded() && shown.get() {
                to_guest(&ToGuest::Selection(ids));
            }
        });
        listen_as_host(move |message| match message {
            ToHost::Hello => {
                // The effects above send what is shown, the revision and
                // the selection now that the guest runs.
                lazy.state.set(LoadState::Loaded);
                for r in lazy
                    .pending
                    .try_update_value(std::mem::take)
                    .unwrap_or_default()
                {
                    lazy.send_request(r);
                }
            }
            ToHost::Pull { have } => {
                let revision = store.revision.get_untracked();
                if have != Some(revision) {
                    to_guest(&ToGuest::Document {
                        revision,
                        doc: store.snapshot(),
                    });
                }
            }
            ToHost::Apply { label, doc, merge } => {
                let f = move |d: &mut studio::doc::Doc| {
                    *d = doc;
                    Ok(())
                };
                if merge {
                    store.apply_merged(&label, f);
                } else {
                    store.apply(&label, f);
                }
                to_guest(&ToGuest::Applied {
                    revision: store.revision.get_untracked(),
                });
            }
            ToHost::Answer(answer) => match lazy.answers.get_value() {
                Some(carry_out) => carry_out.run(answer),
                None => leptos::logging::warn!("Pipeline Studio: an answer before the editor ran"),
            },
            ToHost::Status(s) => store.status.set(s),
            ToHost::RemoteProblems(p) => store.remote_problems.set(p),
            ToHost::Select(ids) => {
                if store.selection.with_untracked(|s| *s != ids) {
                    store.selection.set(ids);
                }
            }
            ToHost::Activated(d) => store.activated.set(d),
            ToHost::Ready { have } => {
                let revision = store.revision.get_untracked();
                if have != Some(revision) {
                    to_guest(&ToGuest::Document {
                        revision,
                        doc: store.snapshot(),
                    });
                }
                to_guest(&ToGuest::Ready { revision });
            }
        });
        lazy
    }

    /// Whether the Simulator or Export area is the one on screen (the shell
    /// says, as the user switches areas).
    pub fn set_area_shown(&self, shown: bool) {
        self.area_shown.set(shown);
    }

    /// Whether the editor's Code tab is open (the editor says).
    pub fn set_code_open(&self, open: bool) {
        self.code_open.set(open);
    }

    /// Whether the pipeline panel shows parameter cards (the editor says).
    pub fn set_params_shown(&self, shown: bool) {
        if self.params_shown.get_untracked() != shown {
            self.params_shown.set(shown);
        }
    }

    /// Who carries out the guest's answers to the editor's requests.
    pub fn on_answer(&self, carry_out: Callback<Answer>) {
        self.answers.set_value(Some(carry_out));
    }

    /// Hand `request` to the lazily loaded module, loading it first if
    /// needed (its answer comes back as an [`Answer`]).
    pub fn request(&self, request: Request) {
        if self.state.get_untracked() == LoadState::Loaded {
            self.send_request(request);
        } else {
            self.pending.update_value(|p| p.push(request));
            self.ensure_loaded();
        }
    }

    /// A request goes with the document it is about (asked is as good as
    /// pulled: an import of a parameter or values file applies to it).
    fn send_request(&self, request: Request) {
        let revision = self.store.revision.get_untracked();
        if self.sent.get_value() != Some(revision) {
            self.sent.set_value(Some(revision));
            to_guest(&ToGuest::Document {
                revision,
                doc: self.store.snapshot(),
            });
        }
        to_guest(&ToGuest::Request(request));
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
                    LoadState::NotLoaded | LoadState::Loading | LoadState::Loaded => {
                        "Loading…".to_string()
                    }
                }}
            </p>
        </div>
    }
}
