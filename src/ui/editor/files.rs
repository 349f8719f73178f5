//! Files in and out of the editor: import from the file picker, a dropped
//! file or pasted text (API or CLI shape; a bad file changes nothing), and
//! the drawing as SVG or PNG (drawn by the lazily loaded module).

use std::cell::RefCell;
use std::collections::HashMap;

use leptos::prelude::*;
use leptos::wasm_bindgen::{closure::Closure, JsCast, JsValue};

use super::actions;
use super::state::EditorState;
use crate::model::validate::Severity;
use crate::ui::lazy::bridge::{ImageFormat, Request};
use crate::ui::lazy::host::LazyAreas;
use crate::ui::store::DocumentStore;
use studio::doc::Doc;
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

fn file_stem(doc: &Doc) -> String {
    let n: String = doc
        .name
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

/// Ask the lazily loaded module for the drawing as an image (it draws and
/// downloads it: the SVG writer and the PNG drawing are not part of the
/// first module).
pub fn export_image(st: EditorState, lazy: LazyAreas, format: ImageFormat) {
    lazy.request(Request::Image {
        format,
        marks: st.marks.get_untracked(),
    });
}

/// Download `doc`'s drawing as SVG; returns the status to show.
pub fn export_svg(doc: &Doc, marks: &HashMap<String, Severity>) -> String {
    let name = format!("{}.svg", file_stem(doc));
    crate::ui::files::download(
        &name,
        "image/svg+xml",
        &to_svg(&doc.definition, &doc.positions, marks),
    );
    format!("Downloaded {name}")
}

/// Draw `doc`'s drawing on a canvas and download it as PNG, then call
/// `done` with the status to show; returns the status meanwhile.
pub fn export_png(
    doc: &Doc,
    marks: &HashMap<String, Severity>,
    done: impl FnOnce(String) + 'static,
) -> String {
    let svg = to_svg(&doc.definition, &doc.positions, marks);
    let name = format!("{}.png", file_stem(doc));
    let drawing = format!("Drawing {name}…");
    let parts = js_sys::Array::of1(&JsValue::from_str(&svg));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("image/svg+xml");
    let failed = "Could not draw the PNG in this browser".to_string();
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return failed;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return failed;
    };
    let Ok(img) = web_sys::HtmlImageElement::new() else {
        return failed;
    };
    let img2 = img.clone();
    let url2 = url.clone();
    let onload = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url2);
        done(match draw_png(&img2, &name) {
            Some(()) => format!("Downloaded {name}"),
            None => failed,
        });
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_src(&url);
    drawing
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
