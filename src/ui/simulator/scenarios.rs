//! Lessons and sharing: the lesson menu (loading one replaces the edited
//! document through the store's command path, so Undo brings the previous
//! work back, and sets the runners and seed), the caption of what to watch,
//! "Run lesson" to its horizon, and Save / Load of a run's settings with
//! its definition as a file (a bad file changes nothing and says why).

use std::cell::RefCell;

use leptos::prelude::*;

use super::controls::jump_to;
use super::state::Sim;
use studio::doc::Doc;
use studio::simulator::lessons;
use studio::simulator::settings::RunSettings;

thread_local! {
    /// The file read in progress (dropping a reader cancels it).
    static READER: RefCell<Option<gloo::file::callbacks::FileReader>> = const { RefCell::new(None) };
}

/// Replace the document and the run settings (one undo step for the document).
fn install(sim: Sim, label: &str, settings: RunSettings, lesson: Option<&'static str>) {
    sim.reset();
    let doc = Doc::new(settings.name.clone(), settings.definition.clone());
    sim.store.apply(label, move |d| {
        *d = doc;
        Ok(())
    });
    sim.store.select([]);
    sim.seed.set(settings.seed);
    sim.runners.set(Some(settings.runners));
    sim.lesson.set(lesson);
    sim.lesson_step.set(None);
}

pub(super) fn load_lesson(sim: Sim, key: &str) {
    let Some(l) = lessons::by_key(key) else {
        sim.lesson.set(None);
        return;
    };
    install(
        sim,
        &format!("Lesson: {}", l.title),
        l.settings(),
        Some(l.key),
    );
    sim.store.status.set(format!(
        "Loaded lesson: {} (Undo brings your document back)",
        l.title
    ));
}

fn load_text(sim: Sim, name: &str, text: &str) {
    match RunSettings::from_file(text) {
        Ok(settings) => {
            install(sim, &format!("Load run {name}"), settings, None);
            sim.store
                .status
                .set(format!("Loaded run settings from {name}"));
        }
        Err(e) => {
            sim.error.set(Some(format!("{name}: {e}")));
            sim.store.status.set(format!("{name} was not loaded"));
        }
    }
}

#[component]
pub fn Scenarios() -> impl IntoView {
    let sim = expect_context::<Sim>();
    let file_input: NodeRef<leptos::html::Input> = NodeRef::new();
    let lesson = move || sim.lesson.get().and_then(lessons::by_key);
    let run_lesson = move |_| {
        let Some(l) = lesson() else { return };
        sim.activate();
        if sim.error.get_untracked().is_none() {
            jump_to(sim, l.horizon());
        }
    };
    let save = move |_| {
        let mut settings = sim.settings();
        settings.runners = sim.runner_list();
        let stem: String = settings
            .name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let name = format!("{stem}.run.json");
        crate::ui::files::download(&name, "application/json", &settings.to_file());
        sim.store.status.set(format!("Downloaded {name}"));
    };
    let on_file = move |_| {
        let Some(input) = file_input.get() else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        let name = file.name();
        let blob = gloo::file::Blob::from(file);
        let reader = gloo::file::callbacks::read_as_text(&blob, move |res| match res {
            Ok(text) => load_text(sim, &name, &text),
            Err(e) => sim.error.set(Some(format!("Could not read {name}: {e}"))),
        });
        READER.with(|r| *r.borrow_mut() = Some(reader));
    };
    view! {
        <div class="toolbar sim-scenarios" role="toolbar" aria-label="Lessons and run files">
            <label class="inline" for="sim-lesson">"Lesson"
                <select id="sim-lesson" on:change=move |ev| load_lesson(sim, &event_target_value(&ev))>
                    <option value="" selected=move || sim.lesson.get().is_none()>"Choose a lesson…"</option>
                    {lessons::all().into_iter().map(|l| {
                        let key = l.key;
                        view! { <option value=key selected=move || sim.lesson.get() == Some(key)>{l.title}</option> }
                    }).collect_view()}
                </select>
            </label>
            <button id="sim-run-lesson" class="btn small" disabled=move || lesson().is_none() on:click=run_lesson
                title="Activate and run to the lesson's outcome">"Run lesson"</button>
            <span class="sep"></span>
            <button id="sim-save" class="btn small" on:click=save title="Download the definition, runners and seed">"Save run settings"</button>
            <button id="sim-load" class="btn small" on:click=move |_| { if let Some(i) = file_input.get() { i.click(); } }>"Load run settings…"</button>
            <input type="file" id="sim-load-file" class="visually-hidden" accept=".json,application/json" node_ref=file_input
                on:change=on_file aria-label="Load run settings from a file" tabindex="-1" />
        </div>
        <Show when=move || lesson().is_some()>
            <p id="sim-lesson-caption" class="lesson-caption" role="note">
                <strong>{move || lesson().map(|l| l.title).unwrap_or_default()}": "</strong>
                {move || lesson().map(|l| l.caption).unwrap_or_default()}
            </p>
        </Show>
    }
}
