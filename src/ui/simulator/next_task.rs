//! Runs a callback as the page's next task: a message on a
//! `MessageChannel` to itself (no 4 ms timer clamp, no wait for the next
//! animation frame). A long loop (a fast-forward, the timeline reading a
//! long trace) runs a bounded slice of work per task: the browser renders
//! and handles input between two tasks whenever a frame is due, and
//! otherwise the slices follow each other back to back, so the loop does
//! not idle until the next frame as it would with `requestAnimationFrame`.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

type Queue = Rc<RefCell<VecDeque<Box<dyn FnOnce()>>>>;

struct Channel {
    /// The port messages are posted to (the other one runs the callbacks)
    /// and its `postMessage`.
    port: JsValue,
    post: js_sys::Function,
    queue: Queue,
    /// Kept alive with the channel.
    _on_message: Closure<dyn FnMut()>,
}

thread_local! {
    static CHANNEL: RefCell<Option<Channel>> = const { RefCell::new(None) };
}

/// A `MessageChannel` whose first port runs the queued callbacks (read
/// through `Reflect`: the page's web-sys build has no MessageChannel).
fn channel() -> Option<Channel> {
    use js_sys::Reflect;
    let ctor: js_sys::Function = Reflect::get(&js_sys::global(), &"MessageChannel".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let mc = Reflect::construct(&ctor, &js_sys::Array::new()).ok()?;
    let (port1, port) = (
        Reflect::get(&mc, &"port1".into()).ok()?,
        Reflect::get(&mc, &"port2".into()).ok()?,
    );
    let post: js_sys::Function = Reflect::get(&port, &"postMessage".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let queue: Queue = Rc::default();
    let q = queue.clone();
    // One message per callback, run in the order posted.
    let on_message = Closure::<dyn FnMut()>::new(move || {
        let next = q.borrow_mut().pop_front();
        if let Some(f) = next {
            f();
        }
    });
    Reflect::set(&port1, &"onmessage".into(), on_message.as_ref()).ok()?;
    Some(Channel {
        port,
        post,
        queue,
        _on_message: on_message,
    })
}

/// Run `f` as a task of its own, as soon as the page has rendered a due
/// frame and handled pending input (a zero-delay timeout where message
/// channels are missing).
pub fn next_task(f: impl FnOnce() + 'static) {
    let mut f: Option<Box<dyn FnOnce()>> = Some(Box::new(f));
    CHANNEL.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_none() {
            *c = channel();
        }
        if let Some(ch) = c.as_ref() {
            if ch.post.call1(&ch.port, &JsValue::NULL).is_ok() {
                ch.queue.borrow_mut().extend(f.take());
            }
        }
    });
    if let Some(f) = f {
        leptos::prelude::set_timeout(f, std::time::Duration::ZERO);
    }
}
