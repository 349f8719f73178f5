//! Files in and out of the editor: import from the file picker, a dropped
//! file or pasted text (API or CLI shape; a bad file changes nothing), and
//! the drawing as SVG or PNG.

use std::cell::RefCell;

use leptos::prelude::*;
use leptos::wasm_bindgen::{closure::Closure, JsCast, JsValue};

use super::actions;
use super::state::EditorState;
use crate::ui::lazy::host::LazyAreas;
use crate::ui::store::DocumentStore;
use studio::editor::svg_export::to_svg;

thread_local! {
    /// The read in progress (dropping a reader cancels it).
    static READER: RefCell<Option<gloo::file::callbacks::FileReader>> = const { RefCell::new(None) };
}

/// Read a file and import it.
pub fn import_file(store: DocumentStore, lazy: LazyAreas, file: web_sys::File) {
    let name = file.name();
    let blob = gloo::file::Blob::from(file);
    let reader = gloo::file::callbacks::read_as_text(&blob, move |res| match res {
        Ok(text) => actions::import_text(lazy, &name, &text),
        Err(e) => store.status.set(format!("Could not read {name}: {e}")),
    });
    READER.with(|r| *r.borrow_mut() = Some(reader));
}

/// Import a pasted definition (Ctrl/⌘ V outside text fields with JSON on
/// the clipboard). Returns whether the text looked like JSON.
pub fn install_paste(lazy: LazyAreas) {
    let handle = window_event_listener(leptos::ev::paste, move |ev: web_sys::ClipboardEvent| {
        let in_field = super::shortcuts::in_text_field(&ev);
        let hidden = document()
            .get_element_by_id("area-editor")
            .is_some_and(|el| el.has_attribute("hidden"));
        if in_field || hidden {
            return;
        }
        let text = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
            .unwrap_or_default();
        if text.trim_start().starts_with('{') {
            ev.prevent_default();
            actions::import_text(lazy, "pasted text", &text);
        }
    });
    on_cleanup(move || handle.remove());
}

fn svg_text(store: DocumentStore, st: EditorState) -> String {
    let marks = st.marks.get_untracked();
    store
        .definition
        .with_untracked(|d| store.positions.with_untracked(|p| to_svg(d, p, &marks)))
}

fn file_stem(store: DocumentStore) -> String {
    let n: String = store
        .name
        .get_untracked()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if n.is_empty() {
        "pipeline".into()
    } else {
        n
    }
}

pub fn export_svg(store: DocumentStore, st: EditorState) {
    let name = format!("{}.svg", file_stem(store));
    crate::ui::files::download(&name, "image/svg+xml", &svg_text(store, st));
    store.status.set(format!("Downloaded {name}"));
}

/// Draw the SVG on a canvas and download it as PNG.
pub fn export_png(store: DocumentStore, st: EditorState) {
    let svg = svg_text(store, st);
    let name = format!("{}.png", file_stem(store));
    let parts = js_sys::Array::of1(&JsValue::from_str(&svg));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("image/svg+xml");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let Ok(img) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let img2 = img.clone();
    let url2 = url.clone();
    let onload = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url2);
        let done = draw_png(&img2, &name);
        store.status.set(match done {
            Some(()) => format!("Downloaded {name}"),
            None => "Could not draw the PNG in this browser".to_string(),
        });
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_src(&url);
}

fn draw_png(img: &web_sys::HtmlImageElement, name: &str) -> Option<()> {
    let canvas: web_sys::HtmlCanvasElement =
        document().create_element("canvas").ok()?.dyn_into().ok()?;
    let scale = 2u32;
    canvas.set_width(img.natural_width() * scale);
    canvas.set_height(img.natural_height() * scale);
    let ctx = canvas.get_context("2d").ok()??;
    let call = |name: &str, args: &[JsValue]| -> Option<()> {
        let f: js_sys::Function = js_sys::Reflect::get(&ctx, &JsValue::from_str(name))
            .ok()?
            .dyn_into()
            .ok()?;
        f.apply(&ctx, &args.iter().collect::<js_sys::Array>())
            .ok()
            .map(|_| ())
    };
    call(
        "scale",
        &[JsValue::from(scale as f64), JsValue::from(scale as f64)],
    )?;
    call(
        "drawImage",
        &[img.into(), JsValue::from(0.0), JsValue::from(0.0)],
    )?;
    let url = canvas.to_data_url_with_type("image/png").ok()?;
    let a: web_sys::HtmlAnchorElement = document().create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    Some(())
}
