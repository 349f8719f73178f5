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
