//! The interface between the app (host) and the lazily loaded areas
//! (guest): one message enum each way, [`ToGuest`] and [`ToHost`], each
//! matched exhaustively by one listener on the receiving side (a new
//! variant does not compile until both sides handle it), and how they
//! travel: a `CustomEvent` on `window` whose `detail` is the message as
//! JSON (both wasm modules see the same window, nothing else).
//!
//! The document is pulled, not pushed: the host announces each new
//! revision (a number), and the guest asks for the document
//! ([`ToHost::Pull`]) only while one of its areas is on screen (or when
//! one is shown), so editing on the canvas costs the seam a few bytes per
//! change. The selection travels as its own small message. What the guest
//! changes goes back as one command, which the host applies through its
//! store (undo, autosave) and acknowledges with the revision it made
//! ([`GuestCopy`] keeps that bookkeeping).
//!
//! Once its areas are mounted on the first document and its changes are
//! forwarded, the guest asks whether it holds the host's newest document
//! ([`ToHost::Ready`]); the host answers after anything it still had to
//! send ([`ToGuest::Ready`]), and the guest's [`DocumentReady`] turns true.
//! What replaces the document on its own (a link to a lesson's step) waits
//! for it: a change made before would not reach the host.

use std::collections::{BTreeSet, HashMap};

use leptos::prelude::*;
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use crate::model::validate::{Problem, Severity};
use crate::model::Definition;
use studio::doc::Doc;
use studio::editor::geometry::Positions;

/// The event host → guest messages travel as.
pub const TO_GUEST_EVENT: &str = "pipeline-studio:to-guest";
/// The event guest → host messages travel as.
pub const TO_HOST_EVENT: &str = "pipeline-studio:to-host";

/// Host → guest.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToGuest {
    /// The host's document moved to this revision (nothing else: a shown
    /// area pulls the document).
    Revision(u64),
    /// Whether one of the guest's areas is on screen (the Simulator or
    /// Export area, the editor's Code tab, or the pipeline panel's
    /// parameter cards).
    Shown(bool),
    /// The document at `revision`: the answer to [`ToHost::Pull`].
    Document { revision: u64, doc: Doc },
    /// The guest's [`ToHost::Apply`] is the host's document at `revision`.
    Applied { revision: u64 },
    /// The editor's selection (object ids), sent while one of the
    /// guest's areas is shown and when one is.
    Selection(BTreeSet<String>),
    /// Work the editor hands to the lazily loaded module.
    Request(Request),
    /// The answer to [`ToHost::Ready`]: the host's document is at
    /// `revision`, and everything it sent before has arrived.
    Ready { revision: u64 },
}

/// Guest → host. Document changes go through the host's store, so they are
/// undoable and autosaved like the editor's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToHost {
    /// The guest is running: say what is shown, the revision, the selection.
    Hello,
    /// Send the document unless it is still at revision `have`.
    Pull { have: Option<u64> },
    /// Replace the document, as one undo step with this label (`merge`:
    /// consecutive ones with the same label make one step, as typing does).
    Apply {
        label: String,
        doc: Doc,
        merge: bool,
    },
    /// Work for the editor: the answer to one of its [`Request`]s, or a
    /// document the guest opened (a pipeline read from an endpoint).
    Answer(Answer),
    /// Show this on the status line.
    Status(String),
    /// Select exactly these objects (the guest's own selection, e.g. the
    /// code view's cursor entering an object).
    Select(BTreeSet<String>),
    /// What an endpoint said of a pushed definition.
    RemoteProblems(Option<(Definition, Vec<Problem>)>),
    /// The definition the Simulator activated, or None when its run ended.
    Activated(Option<Definition>),
    /// The guest's areas are mounted and its changes are forwarded: is
    /// revision `have` the host's newest? (Answered by [`ToGuest::Ready`],
    /// after the newer document if there is one.)
    Ready { have: Option<u64> },
}

/// Whether the guest holds the host's newest document and its own changes
/// reach the host (provided by the guest to its areas; an area mounted
/// without a host, as in the web tests, is ready at once).
#[derive(Clone, Copy)]
pub struct DocumentReady(pub Signal<bool>);

impl DocumentReady {
    /// Whether the document is ready (tracked), from context.
    pub fn get() -> bool {
        use_context::<DocumentReady>().is_none_or(|r| r.0.get())
    }
}

/// What the editor asks of the lazily loaded module: the parts of editing
/// that are not needed to show, select, edit and validate a document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Lay out this definition (the auto-layout).
    AutoLayout(Definition),
    /// Load the template at this index of `templates::MENU`.
    Template(usize),
    /// Import a definition file's text (API or CLI shape).
    Import { source: String, text: String },
    /// Open the document of a shared link (the fragment's value).
    OpenShared(String),
    /// Evaluate the `#{…}` expressions of `text` as a value of object
    /// `object` in the document at `revision` (the inspector's preview:
    /// the evaluator is not part of the first module).
    Preview {
        object: String,
        text: String,
        revision: u64,
    },
    /// Download the drawing as an image, each object outlined by its worst
    /// problem in `marks` (object id → severity).
    Image {
        format: ImageFormat,
        marks: HashMap<String, Severity>,
    },
}

/// The drawing's image formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImageFormat {
    Svg,
    Png,
}

/// What the editor carries out for the lazily loaded module
/// (`editor::actions::install_remote`): the answer to a [`Request`], or a
/// document the guest opened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Answer {
    /// A new document for the editor (template, import): one undo step,
    /// selection cleared, fitted in view; then `status` if given.
    Replace {
        label: String,
        doc: Doc,
        status: Option<String>,
    },
    /// The auto-layout's positions for the editor's document.
    Layout {
        positions: Positions,
        status: String,
    },
    /// An import that changed nothing, and why.
    ImportFailed { status: String, errors: Vec<String> },
    /// Nothing to do but say this (e.g. no such template).
    Status(String),
    /// The document of a shared link, or why it cannot be opened.
    OpenShared(Result<Doc, String>),
    /// The answer to [`Request::Preview`]: the value `text` has for
    /// `object` in the document at `revision`, or why it has none (the
    /// expression's error).
    Preview {
        object: String,
        text: String,
        revision: u64,
        value: Result<String, String>,
    },
}

/// The guest's copy of the host's document: which revision it holds, the
/// host's newest, whether an area is shown and how many of its own changes
/// the host has not acknowledged yet. Each method says what to do next.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GuestCopy {
    /// The revision of the document the guest holds (None: none yet).
    pub have: Option<u64>,
    /// The host's newest revision as last announced.
    pub host: Option<u64>,
    pub shown: bool,
    /// `Apply`s sent and not yet acknowledged.
    pub in_flight: u32,
    /// The host confirmed the revision the guest holds (`on_ready`).
    pub ready: bool,
}

/// What the guest does with the host's [`ToGuest::Ready`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadyNext {
    /// It holds the host's newest document: its areas may change it.
    Ready,
    /// It does not (the host moved on, or a change of ours is on its
    /// way): pull, and ask again.
    AskAgain,
}

impl GuestCopy {
    /// Whether to pull now: an area is shown, nothing of ours is on its way,
    /// and the host has a document we do not hold.
    pub fn should_pull(&self) -> bool {
        self.shown && self.in_flight == 0 && self.host.is_some() && self.host != self.have
    }
    /// The host announced `revision`; pull?
    pub fn on_revision(&mut self, revision: u64) -> bool {
        self.host = Some(revision);
        self.should_pull()
    }
    /// An area was shown or hidden; pull?
    pub fn on_shown(&mut self, shown: bool) -> bool {
        self.shown = shown;
        self.should_pull()
    }
    /// The document at `revision` arrived: take it? (Not while one of our
    /// own changes is on its way: it would be overwritten by an older one.)
    pub fn on_document(&mut self, revision: u64) -> bool {
        if self.in_flight > 0 {
            return false;
        }
        self.have = Some(revision);
        self.host = Some(self.host.map_or(revision, |h| h.max(revision)));
        true
    }
    /// The host says its document is at `revision` and everything it sent
    /// before has arrived: ready when that is the revision we hold. Once
    /// ready, the guest stays ready (later documents come as revisions).
    pub fn on_ready(&mut self, revision: u64) -> ReadyNext {
        self.host = Some(self.host.map_or(revision, |h| h.max(revision)));
        if self.ready || (self.have == Some(revision) && self.in_flight == 0) {
            self.ready = true;
            ReadyNext::Ready
        } else {
            ReadyNext::AskAgain
        }
    }
    /// We sent a change of our own.
    pub fn on_apply_sent(&mut self) {
        self.in_flight += 1;
    }
    /// The host made `revision` of our change; pull (something newer)?
    pub fn on_applied(&mut self, revision: u64) -> bool {
        self.in_flight = self.in_flight.saturating_sub(1);
        if self.in_flight == 0 {
            self.have = Some(revision);
        }
        self.host = Some(self.host.map_or(revision, |h| h.max(revision)));
        self.should_pull()
    }
}

/// Send `message` as event `name`, after the current task (so a listener
/// never runs inside the sender's reactive update).
fn emit<T: Serialize>(name: &'static str, message: &T) {
    let Ok(text) = serde_json::to_string(message) else {
        return;
    };
    set_timeout(
        move || {
            let init = web_sys::CustomEventInit::new();
            init.set_detail(&JsValue::from_str(&text));
            if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
                let _ = window().dispatch_event(&ev);
            }
        },
        std::time::Duration::ZERO,
    );
}

/// Send a message to the guest.
pub fn to_guest(message: &ToGuest) {
    emit(TO_GUEST_EVENT, message);
}

/// Send a message to the host.
pub fn to_host(message: &ToHost) {
    emit(TO_HOST_EVENT, message);
}

/// Call `f` with every message of event `name` (ones that do not parse are
/// ignored: both ends are built from this file).
fn listen<T: DeserializeOwned + 'static>(name: &'static str, f: impl Fn(T) + 'static) {
    let handle = window_event_listener_untyped(name, move |ev| {
        let text = ev
            .dyn_ref::<web_sys::CustomEvent>()
            .and_then(|c| c.detail().as_string());
        if let Some(message) = text.and_then(|t| serde_json::from_str::<T>(&t).ok()) {
            f(message);
        }
    });
    // Both ends listen for the life of the page.
    std::mem::forget(handle);
}

/// The guest's one listener (call once).
pub fn listen_as_guest(f: impl Fn(ToGuest) + 'static) {
    listen(TO_GUEST_EVENT, f);
}

/// The host's one listener (call once).
pub fn listen_as_host(f: impl Fn(ToHost) + 'static) {
    listen(TO_HOST_EVENT, f);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_through_json() {
        let doc = Doc::new("p", Definition::default());
        let answers = [
            Answer::Replace {
                label: "Import a.json".into(),
                doc: doc.clone(),
                status: Some("Imported a.json: 0 objects".into()),
            },
            Answer::Layout {
                positions: Positions::new(),
                status: "Auto-layout".into(),
            },
            Answer::ImportFailed {
                status: "Could not import".into(),
                errors: vec!["bad".into()],
            },
            Answer::Status("No template 9".into()),
            Answer::OpenShared(Err("damaged".into())),
            Answer::Preview {
                object: "A".into(),
                text: "#{1 + 1}".into(),
                revision: 3,
                value: Ok("2".into()),
            },
        ];
        let mut to_host = vec![
            ToHost::Hello,
            ToHost::Pull { have: Some(3) },
            ToHost::Apply {
                label: "Load lesson".into(),
                doc: doc.clone(),
                merge: false,
            },
            ToHost::Status("Downloaded".into()),
            ToHost::Select(["Default".to_string()].into()),
            ToHost::RemoteProblems(None),
            ToHost::Activated(Some(Definition::default())),
            ToHost::Ready { have: Some(2) },
        ];
        to_host.extend(answers.into_iter().map(ToHost::Answer));
        for m in to_host {
            let text = serde_json::to_string(&m).unwrap();
            assert_eq!(serde_json::from_str::<ToHost>(&text).unwrap(), m);
        }
        for m in [
            ToGuest::Revision(4),
            ToGuest::Shown(true),
            ToGuest::Document { revision: 4, doc },
            ToGuest::Applied { revision: 5 },
            ToGuest::Selection(["Default".to_string()].into()),
            ToGuest::Request(Request::AutoLayout(Definition::default())),
            ToGuest::Request(Request::Template(2)),
            ToGuest::Request(Request::Import {
                source: "a.json".into(),
                text: "{}".into(),
            }),
            ToGuest::Request(Request::OpenShared("v1.x".into())),
            ToGuest::Request(Request::Preview {
                object: "A".into(),
                text: "#{1 + 1}".into(),
                revision: 3,
            }),
            ToGuest::Request(Request::Image {
                format: ImageFormat::Png,
                marks: [("A".to_string(), Severity::Warning)].into(),
            }),
            ToGuest::Ready { revision: 4 },
        ] {
            let text = serde_json::to_string(&m).unwrap();
            assert_eq!(serde_json::from_str::<ToGuest>(&text).unwrap(), m);
        }
    }

    #[test]
    fn a_hidden_guest_pulls_nothing_and_a_shown_one_pulls_once_per_revision() {
        let mut g = GuestCopy::default();
        // Editing on the canvas with no guest area shown: no pulls.
        assert!(!g.on_revision(1));
        assert!(!g.on_revision(2));
        // Shown: pull the newest once.
        assert!(g.on_shown(true));
        assert!(g.on_document(2));
        assert!(!g.should_pull());
        // A new revision while shown: pull it.
        assert!(g.on_revision(3));
        assert!(g.on_document(3));
        // Hidden again: nothing until shown.
        assert!(!g.on_shown(false));
        assert!(!g.on_revision(4));
        assert!(g.on_shown(true));
    }

    #[test]
    fn the_guests_own_change_is_not_overwritten_by_an_older_document() {
        let mut g = GuestCopy {
            have: Some(5),
            host: Some(5),
            shown: true,
            in_flight: 0,
            ready: true,
        };
        g.on_apply_sent();
        // The host's document of before our change arrives late: refused.
        assert!(!g.on_document(5));
        // No pull while our change is on its way.
        assert!(!g.on_revision(6));
        // Acknowledged as revision 6: we hold it, nothing to pull.
        assert!(!g.on_applied(6));
        assert_eq!(g.have, Some(6));
        // Someone else's change after ours: pull it.
        assert!(g.on_revision(7));
    }

    #[test]
    fn the_guest_is_ready_only_once_the_host_confirms_the_revision_it_holds() {
        let mut g = GuestCopy::default();
        assert!(!g.on_shown(true));
        assert!(g.on_revision(1));
        assert!(g.on_document(1));
        // The host moved on before it answered: not ready, pull and ask again.
        assert_eq!(g.on_ready(2), ReadyNext::AskAgain);
        assert!(!g.ready);
        assert!(g.should_pull());
        assert!(g.on_document(2));
        assert_eq!(g.on_ready(2), ReadyNext::Ready);
        assert!(g.ready);
        // Ready stays: later revisions are pulled as usual.
        assert!(g.on_revision(3));
        assert_eq!(g.on_ready(3), ReadyNext::Ready);
    }

    #[test]
    fn a_change_of_ours_on_its_way_is_not_ready_yet() {
        let mut g = GuestCopy::default();
        g.on_shown(true);
        g.on_document(1);
        g.on_apply_sent();
        assert_eq!(g.on_ready(1), ReadyNext::AskAgain);
        assert!(!g.on_applied(2));
        assert_eq!(g.on_ready(2), ReadyNext::Ready);
    }
}
