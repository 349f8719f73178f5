//! The code view: the definition as JSON (API or CLI shape) with line
//! numbers. Edits that parse update the document (typing merges into one
//! undo step); text that does not parse is kept as typed, with the error's
//! line and column, and never replaces the document. It is part of the
//! lazily loaded module (see `ui::lazy`), mounted into the editor's side
//! panel on first use.

use leptos::prelude::*;

use crate::model::formats::{self, Format};
use crate::ui::store::DocumentStore;

#[component]
pub fn CodeView() -> impl IntoView {
    let store = expect_context::<DocumentStore>();
    let format = RwSignal::new(Format::Api);
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<(Option<usize>, String)>);
    let focused = StoredValue::new(false);
    let area: NodeRef<leptos::html::Textarea> = NodeRef::new();
    let gutter: NodeRef<leptos::html::Pre> = NodeRef::new();

    let put = move |s: String| {
        if let Some(a) = area.get_untracked() {
            a.set_value(&s);
        }
        text.set(s);
    };
    // The document (or the chosen shape) changed: show it, unless the user's
    // text is invalid (kept) or is being typed and already says the same.
    Effect::new(move |_| {
        let f = format.get();
        let emitted = store.definition.with(|d| formats::emit(d, f));
        area.track();
        let keep = error.get_untracked().is_some()
            || (focused.get_value()
                && text.with_untracked(|t| {
                    formats::parse(t).ok().map(|p| p.definition)
                        == Some(store.definition.get_untracked())
                }));
        if !keep {
            put(emitted);
        }
    });

    let on_input = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        text.set(v.clone());
        match formats::parse(&v) {
            Ok(p) => {
                error.set(None);
                if store.definition.with_untracked(|d| *d != p.definition) {
                    store.apply_merged("Edit code", |doc| {
                        doc.definition = p.definition;
                        Ok(())
                    });
                }
            }
            Err(e) => {
                let first = e.errors().next().or_else(|| e.diagnostics().first());
                let line = first.and_then(|d| d.position).map(|p| p.line);
                let msg = first
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "Not a pipeline definition".into());
                error.set(Some((line, msg)));
            }
        }
    };
    let discard = move |_| {
        error.set(None);
        put(store
            .definition
            .with_untracked(|d| formats::emit(d, format.get_untracked())));
    };
    let on_scroll = move |_| {
        if let (Some(a), Some(g)) = (area.get_untracked(), gutter.get_untracked()) {
            g.set_scroll_top(a.scroll_top());
        }
    };
    let lines = move || {
        let bad = error.with(|e| e.as_ref().and_then(|e| e.0));
        let n = text.with(|t| t.lines().count().max(1));
        (1..=n)
            .map(|i| {
                let cls = if Some(i) == bad { "ln bad" } else { "ln" };
                view! { <span class=cls>{i}"\n"</span> }
            })
            .collect_view()
    };
    let choice = move |f: Format, label: &'static str| {
        view! {
            <label class="choice">
                <input type="radio" name="code-format" checked=move || format.get() == f
                    on:change=move |_| { error.set(None); format.set(f) } />
                {label}
            </label>
        }
    };
    view! {
        <div class="codeview">
            <div class="code-toolbar">
                {choice(Format::Api, "API shape")}
                {choice(Format::Cli, "CLI file")}
            </div>
            {move || error.get().map(|(_, msg)| view! {
                <div class="code-error" role="alert" id="code-error">
                    <span>{msg}</span>
                    <span class="muted">" The canvas keeps the last valid version."</span>
                    <button class="btn ghost" on:click=discard>"Discard my text"</button>
                </div>
            })}
            <div class="code-body">
                <pre class="gutter" node_ref=gutter aria-hidden="true">{lines}</pre>
                <textarea
                    id="code-text"
                    node_ref=area
                    spellcheck="false"
                    aria-label="Definition as JSON"
                    aria-invalid=move || error.with(|e| e.is_some()).to_string()
                    on:input=on_input
                    on:focus=move |_| focused.set_value(true)
                    on:blur=move |_| focused.set_value(false)
                    on:scroll=on_scroll
                ></textarea>
            </div>
        </div>
    }
}
