//! Parts of the page that the first frame does without: they mount in the
//! first task after that frame has been rendered, so the sample's canvas,
//! the tabs and the toolbar are drawn (and take input) sooner. Each part
//! mounts in a task of its own, so a click can come between two of them.

use std::time::Duration;

use leptos::either::Either;
use leptos::prelude::*;

/// `children` once the page's first frame has been rendered; `fallback`
/// (nothing by default) until then.
#[component]
pub fn AfterFirstFrame(
    children: ChildrenFn,
    #[prop(optional, into)] fallback: ViewFn,
) -> impl IntoView {
    let ready = RwSignal::new(false);
    after_first_frame(move || {
        ready.try_set(true);
    });
    move || {
        if ready.get() {
            Either::Left(children())
        } else {
            Either::Right(fallback.run())
        }
    }
}

/// Run `f` in the first task after the next frame has been rendered (a
/// frame callback runs before the frame is rendered; a task it posts runs
/// after).
pub fn after_first_frame(f: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(f, Duration::ZERO));
}
