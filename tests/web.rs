//! Browser-side tests (wasm-bindgen-test in headless Chromium): mount the
//! real app and check what the DOM shows.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mount() -> web_sys::Element {
    let doc = leptos::prelude::document();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), pipeline_studio::ui::App);
    std::mem::forget(handle);
    host
}

#[wasm_bindgen_test]
async fn the_sample_pipeline_is_drawn_on_the_canvas() {
    let host = mount();
    leptos::task::tick().await;
    let nodes = host.query_selector_all("#canvas g.node").unwrap();
    assert_eq!(nodes.length(), 3);
    let name = host.query_selector("#pipeline-name").unwrap().unwrap();
    assert_eq!(name.text_content().unwrap(), "SayHello");
}

#[wasm_bindgen_test]
async fn a_tab_click_shows_its_area_and_hides_the_others() {
    let host = mount();
    leptos::task::tick().await;
    let tab: web_sys::HtmlElement = host
        .query_selector("#tab-simulator")
        .unwrap()
        .unwrap()
        .unchecked_into();
    tab.click();
    leptos::task::tick().await;
    let sim = host.query_selector("#area-simulator").unwrap().unwrap();
    let editor = host.query_selector("#area-editor").unwrap().unwrap();
    assert!(!sim.has_attribute("hidden"));
    assert!(editor.has_attribute("hidden"));
    assert_eq!(tab.get_attribute("aria-selected").as_deref(), Some("true"));
}

/// One task later (a timer), so the browser can render a frame in between.
async fn next_task() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

/// Wait until `selector` is in `host`: the palette, the inspector and the
/// minimap mount in the first tasks after the first frame (`ui::deferred`).
async fn until(host: &web_sys::Element, selector: &str) {
    for _ in 0..500 {
        if host.query_selector(selector).unwrap().is_some() {
            return;
        }
        next_task().await;
    }
    panic!("{selector} never appeared");
}

fn click(host: &web_sys::Element, selector: &str) {
    let el: web_sys::HtmlElement = host
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into();
    el.click();
}

fn count(host: &web_sys::Element, selector: &str) -> u32 {
    host.query_selector_all(selector).unwrap().length()
}

/// Each test starts from the sample, whatever an earlier test autosaved.
fn fresh() -> web_sys::Element {
    if let Some(s) = web_sys::window().unwrap().local_storage().unwrap() {
        let _ = s.remove_item(pipeline_studio::ui::store::AUTOSAVE_KEY);
    }
    mount()
}

#[wasm_bindgen_test]
async fn a_palette_click_adds_a_node_and_undo_removes_it() {
    let host = fresh();
    leptos::task::tick().await;
    let before = count(&host, "#canvas g.node");
    until(&host, ".palette-item[data-type=\"SnsAlarm\"]").await;
    until(&host, "#inspector").await;
    click(&host, ".palette-item[data-type=\"SnsAlarm\"]");
    leptos::task::tick().await;
    assert_eq!(count(&host, "#canvas g.node"), before + 1);
    assert!(host
        .query_selector("#canvas g.node[data-id=\"SnsAlarm\"]")
        .unwrap()
        .is_some());
    // The new object is selected and shown in the inspector (built in the
    // task after the frame that shows the selection).
    until(&host, ".object-inspector[data-object=\"SnsAlarm\"]").await;
    click(&host, "#btn-undo");
    leptos::task::tick().await;
    assert_eq!(count(&host, "#canvas g.node"), before);
    click(&host, "#btn-redo");
    leptos::task::tick().await;
    assert_eq!(count(&host, "#canvas g.node"), before + 1);
}

#[wasm_bindgen_test]
async fn an_invalid_value_puts_a_marker_on_the_node() {
    let host = fresh();
    leptos::task::tick().await;
    let node = host
        .query_selector("#canvas g.node[data-id=\"Default\"]")
        .unwrap()
        .unwrap();
    assert_eq!(node.get_attribute("data-severity").as_deref(), Some(""));
    until(&host, "#inspector").await;
    // Keyboard users select a node by focusing it (Tab).
    let g: web_sys::SvgElement = node.clone().unchecked_into();
    g.focus().unwrap();
    leptos::task::tick().await;
    until(&host, "#inspector [data-field=\"workerGroup\"]").await;
    let input: web_sys::HtmlInputElement = host
        .query_selector("#inspector [data-field=\"workerGroup\"]")
        .unwrap()
        .expect("workerGroup input")
        .unchecked_into();
    input.set_value("");
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    leptos::task::tick().await;
    assert_eq!(
        node.get_attribute("data-severity").as_deref(),
        Some("error")
    );
    assert!(count(&host, "#problem-list .problem") > 0);
}

/// The code view is part of the lazily loaded module in the page: here it
/// is mounted on its own, on the sample's store, where its editor bundle
/// (`code-editor.js`, CodeMirror) is not served. It says so in an alert and
/// leaves the document alone. Typing invalid text (kept, marked, the canvas
/// keeps the last valid version) is tested in the browser with the real
/// editor: `e2e/code-editor.test.mjs`.
#[wasm_bindgen_test]
async fn a_code_editor_that_cannot_load_says_so_and_keeps_the_document() {
    use leptos::prelude::*;
    use pipeline_studio::ui::store::DocumentStore;
    if let Some(s) = web_sys::window().unwrap().local_storage().unwrap() {
        let _ = s.remove_item(pipeline_studio::ui::store::AUTOSAVE_KEY);
    }
    let doc = document();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let slot = std::rc::Rc::new(std::cell::Cell::new(None::<DocumentStore>));
    let put = slot.clone();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), move || {
        let store = DocumentStore::with_sample();
        put.set(Some(store));
        provide_context(store);
        view! { <pipeline_studio::ui::CodeView /> }
    });
    std::mem::forget(handle);
    leptos::task::tick().await;
    let store = slot.get().expect("mounted");
    let status = || {
        host.query_selector(".code-status")
            .unwrap()
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    };
    // Until the bundle's import settles, the view says it is loading.
    let mut text = status();
    for _ in 0..300 {
        if text.contains("Could not load the code editor") {
            break;
        }
        next_task().await;
        leptos::task::tick().await;
        text = status();
    }
    assert!(text.contains("Could not load the code editor"), "{text}");
    let alert = host.query_selector(".code-status").unwrap().unwrap();
    assert_eq!(alert.get_attribute("role").as_deref(), Some("alert"));
    assert_eq!(store.definition.with_untracked(|d| d.objects.len()), 3);
    assert!(host.query_selector("#code-error").unwrap().is_none());
}
