//! The simulator panel's shared state (a context): the session, a version
//! bumped after every change so views re-read it, the run settings being
//! edited (seed, runners, the loaded lesson), the playing clock and the
//! manual runner's exchanges. Components read and change it; the rules live
//! in the plain-Rust modules (`session`, `clock`, `settings`, `lessons`).

use chrono::NaiveDateTime;
use leptos::prelude::*;

use crate::engine::RunnerSpec;
use crate::ui::store::DocumentStore;
use studio::simulator::clock::{Jump, Player, Speed};
use studio::simulator::lessons;
use studio::simulator::session::Session;
use studio::simulator::session_runners::Exchange;
use studio::simulator::settings::{default_runners, RunSettings};

/// The simulator panel's state, shared by context.
#[derive(Clone, Copy)]
pub struct Sim {
    pub session: StoredValue<Option<Session>, LocalStorage>,
    /// Bumped after every change of the session, so views re-read it.
    pub version: RwSignal<u64>,
    /// The virtual time shown (updated every frame, cheaper than `version`).
    pub clock: RwSignal<Option<NaiveDateTime>>,
    pub seed: RwSignal<u64>,
    pub error: RwSignal<Option<String>>,
    /// The runners to start with; `None` = one per workerGroup of the document.
    pub runners: RwSignal<Option<Vec<RunnerSpec>>>,
    /// The loaded lesson's key.
    pub lesson: RwSignal<Option<&'static str>>,
    pub speed: RwSignal<Speed>,
    pub playing: RwSignal<bool>,
    pub jump: RwSignal<Option<Jump>>,
    /// Playing to this time at this speed, then stopping (a lesson's step).
    pub until: StoredValue<Option<(NaiveDateTime, u32)>>,
    /// The step of the lesson shown (0-based), while stepping through it.
    pub lesson_step: RwSignal<Option<usize>>,
    /// The presenter view: the lesson's caption and controls, large.
    pub presenting: RwSignal<bool>,
    /// Bumped to stop a running play or jump loop.
    pub token: StoredValue<u64>,
    pub player: StoredValue<Player>,
    /// When the views last caught up while playing (real ms).
    pub last_view_ms: StoredValue<f64>,
    /// The manual runner's calls, newest first.
    pub manual: RwSignal<Vec<Exchange>>,
    /// Bumped when a run starts or is dropped (selection and "Why?" clear).
    pub run: RwSignal<u64>,
    pub store: DocumentStore,
}

impl Sim {
    pub fn new(store: DocumentStore) -> Sim {
        Sim {
            session: StoredValue::new_local(None),
            version: RwSignal::new(0),
            clock: RwSignal::new(None),
            seed: RwSignal::new(1),
            error: RwSignal::new(None),
            runners: RwSignal::new(None),
            lesson: RwSignal::new(None),
            speed: RwSignal::new(Speed::Times(60)),
            playing: RwSignal::new(false),
            jump: RwSignal::new(None),
            until: StoredValue::new(None),
            lesson_step: RwSignal::new(None),
            presenting: RwSignal::new(false),
            token: StoredValue::new(0),
            player: StoredValue::new(Player::default()),
            last_view_ms: StoredValue::new(0.0),
            manual: RwSignal::new(Vec::new()),
            run: RwSignal::new(0),
            store,
        }
    }

    /// Tell the views the session changed.
    pub fn bump(&self) {
        let now = self
            .session
            .with_value(|s| s.as_ref().map(|s| s.service.now()));
        self.clock.set(now);
        self.version.update(|v| *v += 1);
    }

    /// Run `f` on the session (if any), then bump.
    pub fn with_session<R>(&self, f: impl FnOnce(&mut Session) -> R) -> Option<R> {
        let mut out = None;
        self.session.update_value(|s| {
            if let Some(s) = s {
                out = Some(f(s));
            }
        });
        self.bump();
        out
    }

    pub fn active(&self) -> bool {
        self.version.track();
        self.session.with_value(|s| s.is_some())
    }

    /// Stop playing and any fast-forward.
    pub fn stop(&self) {
        self.token.update_value(|t| *t += 1);
        self.until.set_value(None);
        self.playing.set(false);
        self.jump.set(None);
    }

    /// The runner list (untracked): the session's, else the edited list,
    /// else the defaults of the document.
    pub fn runner_list(&self) -> Vec<RunnerSpec> {
        if let Some(list) = self
            .session
            .with_value(|s| s.as_ref().map(|s| s.settings.runners.clone()))
        {
            return list;
        }
        self.runners
            .get_untracked()
            .unwrap_or_else(|| self.store.definition.with_untracked(default_runners))
    }

    /// The settings a new run starts with.
    pub fn settings(&self) -> RunSettings {
        RunSettings {
            name: self.store.name.get_untracked(),
            definition: self.store.definition.get_untracked(),
            seed: self.seed.get_untracked(),
            runners: self
                .runners
                .get_untracked()
                .unwrap_or_else(|| self.store.definition.with_untracked(default_runners)),
        }
    }

    /// Activate a new run of the edited document (with the loaded lesson's
    /// script while the document is the lesson's).
    pub fn activate(&self) {
        self.stop();
        let settings = self.settings();
        let lesson = self
            .lesson
            .get_untracked()
            .and_then(lessons::by_key)
            .filter(|l| l.definition == settings.definition);
        let result = match &lesson {
            Some(l) => Session::start_scripted(&settings, l.script_for(&settings)),
            None => Session::start(&settings),
        };
        match result {
            Ok(s) => {
                self.session.set_value(Some(s));
                self.error.set(None);
                // The editor shows the edits this run would refuse, when it
                // runs the document (not a lesson's own definition).
                let own = self
                    .store
                    .definition
                    .with_untracked(|d| *d == settings.definition);
                self.store
                    .activated
                    .set(own.then(|| settings.definition.clone()));
                self.store
                    .status
                    .set("Activated on the simulated service".to_string());
            }
            Err(e) => {
                self.session.set_value(None);
                self.error.set(Some(e));
                self.store.activated.set(None);
            }
        }
        self.manual.set(Vec::new());
        self.run.update(|r| *r += 1);
        self.bump();
    }

    /// Drop the run.
    pub fn reset(&self) {
        self.stop();
        self.session.set_value(None);
        self.store.activated.set(None);
        self.error.set(None);
        self.manual.set(Vec::new());
        self.run.update(|r| *r += 1);
        self.bump();
    }
}
