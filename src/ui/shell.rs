//! The app shell: header with the pipeline's name, the three areas (Editor,
//! Simulator, Export) the user switches between without losing state, and
//! the status line.

use leptos::prelude::*;

use super::editor::EditorArea;
use super::lazy::host::{LazyAreas, LazyMount};
use super::store::DocumentStore;

/// The three areas of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    Editor,
    Simulator,
    Export,
}

impl Area {
    const ALL: [Area; 3] = [Area::Editor, Area::Simulator, Area::Export];
    fn label(self) -> &'static str {
        match self {
            Area::Editor => "Editor",
            Area::Simulator => "Simulator",
            Area::Export => "Export",
        }
    }
    fn slug(self) -> &'static str {
        match self {
            Area::Editor => "editor",
            Area::Simulator => "simulator",
            Area::Export => "export",
        }
    }
}

#[component]
pub fn App() -> impl IntoView {
    let store = DocumentStore::with_sample();
    provide_context(store);
    // A link to a lesson's step (`?lesson=…`) opens the Simulator.
    let linked = window()
        .location()
        .search()
        .is_ok_and(|q| q.contains("lesson="));
    let area = RwSignal::new(if linked {
        Area::Simulator
    } else {
        Area::Editor
    });
    // Simulator and Export are a second wasm module, loaded when first
    // wanted (or when the pointer or focus reaches their tab).
    let lazy = LazyAreas::new(store);
    provide_context(lazy);
    Effect::new(move |_| {
        let lazy_area = area.get() != Area::Editor;
        if lazy_area {
            lazy.ensure_loaded();
        }
        lazy.set_area_shown(lazy_area);
    });

    let tabs = Area::ALL
        .into_iter()
        .map(|a| {
            let selected = move || area.get() == a;
            view! {
                <button
                    role="tab"
                    id=format!("tab-{}", a.slug())
                    class="tab"
                    class:active=selected
                    aria-selected=move || selected().to_string()
                    aria-controls=format!("area-{}", a.slug())
                    tabindex=move || if selected() { "0" } else { "-1" }
                    on:click=move |_| area.set(a)
                    on:pointerenter=move |_| if a != Area::Editor { lazy.ensure_loaded() }
                    on:focus=move |_| if a != Area::Editor { lazy.ensure_loaded() }
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        let i = Area::ALL.iter().position(|x| *x == a).unwrap_or(0);
                        let next = match ev.key().as_str() {
                            "ArrowRight" => Some(Area::ALL[(i + 1) % 3]),
                            "ArrowLeft" => Some(Area::ALL[(i + 2) % 3]),
                            _ => None,
                        };
                        if let Some(n) = next {
                            area.set(n);
                            focus_by_id(&format!("tab-{}", n.slug()));
                        }
                    }
                >
                    {a.label()}
                </button>
            }
        })
        .collect_view();

    let panel = move |a: Area, body: AnyView| {
        view! {
            <section
                role="tabpanel"
                id=format!("area-{}", a.slug())
                class="area"
                aria-labelledby=format!("tab-{}", a.slug())
                hidden=move || area.get() != a
            >
                {body}
            </section>
        }
    };

    view! {
        <div class="shell">
            <header class="topbar">
                <div class="brand">
                    // The favicon's drawing, inline: an <img> of it cost a request and
                    // an SVG document decoded between the first frame and the first input.
                    <svg class="brand-logo" viewBox="0 0 32 32" width="22" height="22" aria-hidden="true">
                        <rect width="32" height="32" rx="7" fill="#1f6feb" />
                        <circle cx="9" cy="10" r="3.2" fill="#fff" />
                        <circle cx="23" cy="10" r="3.2" fill="#fff" />
                        <circle cx="16" cy="23" r="3.2" fill="#fff" />
                        <path d="M11.5 11.5 14.5 20.5M20.5 11.5 17.5 20.5" stroke="#fff" stroke-width="2" fill="none" stroke-linecap="round" />
                    </svg>
                    <h1 class="brand-name">"Pipeline Studio"</h1>
                </div>
                <div class="pipeline-name" title="Pipeline name">
                    <span class="label">"Pipeline"</span>
                    <span id="pipeline-name">{move || store.name.get()}</span>
                    <span class="dirty" aria-label="unsaved changes" hidden=move || !store.dirty.get()>
                        "●"
                    </span>
                </div>
                <nav role="tablist" aria-label="Areas" class="tabs">
                    {tabs}
                </nav>
            </header>
            <main class="areas">
                {panel(Area::Editor, view! { <EditorArea /> }.into_any())}
                {panel(Area::Simulator, view! { <LazyMount area="simulator" /> }.into_any())}
                {panel(Area::Export, view! { <LazyMount area="export" /> }.into_any())}
            </main>
            <footer class="statusline" aria-live="polite">
                <span id="status-objects">
                    {move || format!("{} objects", store.definition.with(|d| d.objects.len()))}
                </span>
                <span class="sep">"·"</span>
                <span id="status-message">{move || store.status.get()}</span>
            </footer>
        </div>
    }
}

fn focus_by_id(id: &str) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(el) = document().get_element_by_id(id) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}
