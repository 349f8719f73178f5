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
    /// Its second port is posted to; the first runs the callbacks.
    channel: web_sys::MessageChannel,
    queue: Queue,
    /// Kept alive with the channel.
    _on_message: Closure<dyn FnMut()>,
}

thread_local! {
    static CHANNEL: RefCell<Option<Channel>> = const { RefCell::new(None) };
    /// The page's `performance` (each `window().performance()` is two
    /// calls out of wasm; a fast-forward reads the time every 200 steps).
    static PERFORMANCE: Option<web_sys::Performance> = web_sys::window().and_then(|w| w.performance());
}

/// Milliseconds since the page started (`performance.now()`).
pub fn now_ms() -> f64 {
    PERFORMANCE.with(|p| p.as_ref().map_or(0.0, |p| p.now()))
}

/// A `MessageChannel` whose first port runs the queued callbacks.
fn channel() -> Option<Channel> {
    let channel = web_sys::MessageChannel::new().ok()?;
    let queue: Queue = Rc::default();
    let q = queue.clone();
    // One message per callback, run in the order posted.
    let on_message = Closure::<dyn FnMut()>::new(move || {
        let next = q.borrow_mut().pop_front();
        if let Some(f) = next {
            f();
        }
    });
    channel
        .port1()
        .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    Some(Channel {
        channel,
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
            if ch.channel.port2().post_message(&JsValue::NULL).is_ok() {
                ch.queue.borrow_mut().extend(f.take());
            }
        }
    });
    if let Some(f) = f {
        leptos::prelude::set_timeout(f, std::time::Duration::ZERO);
    }
}
