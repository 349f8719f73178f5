//! The editor area: toolbar, palette, canvas (with minimap), inspector or
//! code view, and the problems list. The plain-Rust parts (geometry, layout,
//! ops, svg export) are `studio::editor`, tested natively; components only
//! bind events to them and to the store's commands.

mod actions;
mod canvas;
pub(crate) mod code;
pub mod files;
mod flags;
pub(crate) mod import_notices;
pub(crate) mod inspector;
mod minimap;
mod nodes;
mod notices;
mod palette;
mod problems;
mod shortcuts;
mod state;
mod toolbar;

use leptos::prelude::*;

use crate::ui::deferred::AfterFirstFrame;
use crate::ui::lazy::host::{LazyAreas, LazyMount};
use crate::ui::store::DocumentStore;
use state::{EditorState, Side};

#[component]
pub fn EditorArea() -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let st = EditorState::new(store);
    provide_context(st);
    store.autosave();
    shortcuts::install(store, st);
    let lazy = expect_context::<LazyAreas>();
    files::install_paste(lazy);
    notices::install(store, lazy);
    actions::install_remote(store, st, lazy);
    // The code view is in the lazily loaded module: load it when its tab
    // is near (pointer, focus) or chosen.
    let want = move |s: Side| {
        if s == Side::Code {
            lazy.ensure_loaded();
        }
    };
    Effect::new(move |_| {
        let side = st.side.get();
        want(side);
        lazy.set_code_open(side == Side::Code);
    });
    let side_tab = move |s: Side, label: &'static str, id: &'static str| {
        view! {
            <button role="tab" id=id class="tab" class:active=move || st.side.get() == s
                aria-selected=move || (st.side.get() == s).to_string()
                on:pointerenter=move |_| want(s)
                on:focus=move |_| want(s)
                on:click=move |_| st.side.set(s)>{label}</button>
        }
    };
    view! {
        <div class="editor">
            <toolbar::Toolbar />
            <div class="editor-main">
                // The palette, minimap, inspector and the shortcuts overlay
                // mount after the first frame: it shows the sample sooner.
                <AfterFirstFrame fallback=|| view! { <aside class="palette"></aside> }>
                    <palette::Palette />
                </AfterFirstFrame>
                <div class="canvas-wrap">
                    <canvas::Canvas />
                    <canvas::ConnectChooser />
                    <AfterFirstFrame><minimap::Minimap /></AfterFirstFrame>
                    <notices::NoticesView />
                    {move || {
                        let errs = st.import_errors.get();
                        (!errs.is_empty()).then(|| view! {
                            <div class="import-errors" role="alert" id="import-errors">
                                <strong>"Nothing was imported; your document is unchanged."</strong>
                                <ul>{errs.into_iter().take(12).map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                                <button class="btn ghost" on:click=move |_| st.import_errors.set(Vec::new())>"Dismiss"</button>
                            </div>
                        })
                    }}
                </div>
                <aside class="side">
                    <nav role="tablist" aria-label="Side panel" class="tabs side-tabs">
                        {side_tab(Side::Inspector, "Inspector", "side-inspector")}
                        {side_tab(Side::Code, "Code", "side-code")}
                    </nav>
                    <div class="side-body" hidden=move || st.side.get() != Side::Inspector>
                        <AfterFirstFrame><inspector::Inspector /></AfterFirstFrame>
                    </div>
                    <div class="side-body" hidden=move || st.side.get() != Side::Code>
                        <LazyMount area="code" />
                    </div>
                </aside>
            </div>
            <problems::Problems />
            <AfterFirstFrame><shortcuts::ShortcutsOverlay /></AfterFirstFrame>
        </div>
    }
}
