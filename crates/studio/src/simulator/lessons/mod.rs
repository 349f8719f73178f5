//! Lessons, in plain Rust: ready-made scenarios that each load a pipeline
//! definition (a JSON file beside this one), runner settings, a seed and a
//! short script, with a caption of what to watch and the outcome the run
//! reaches by its horizon (checked natively in tests/simulator_lessons.rs
//! and in the browser by e2e/simulator.test.mjs), and the key moments a
//! step-by-step lesson pauses at, written as data in the lesson file
//! (`moments`).

pub mod moments;

use super::script::{RunnerEdit, Script, ScriptAction};
use super::session::{start_time, Session};
use super::settings::{runner, RunSettings};
use crate::engine::RunnerSpec;
use crate::model::{formats, Definition};

/// One lesson.
pub struct Lesson {
    /// Stable key (the file name, the menu value).
    pub key: &'static str,
    pub title: &'static str,
    /// What to watch.
    pub caption: &'static str,
    pub definition: Definition,
    /// The key moments a step-by-step lesson pauses at (the lesson file's
    /// `moments`).
    pub moments: Vec<moments::MomentSpec>,
    pub seed: u64,
    pub runners: Vec<RunnerSpec>,
    /// (seconds after the start, action).
    pub script: Vec<(i64, ScriptAction)>,
    /// How long after the start the outcome holds.
    pub horizon_secs: i64,
    /// The status of each named component's first instance at the horizon.
    pub outcome: Vec<(&'static str, &'static str)>,
}

/// What a lesson's file gives it: lesson `KEY` reads `KEY.json` (beside
/// this one, included at build time) for its definition and moments. The
/// other fields are left empty for the lesson to set (`..from_file!(KEY)`).
macro_rules! from_file {
    ($key:literal) => {
        Lesson::from_file($key, include_str!(concat!($key, ".json")))
    };
}

impl Lesson {
    /// The lesson `key` with the definition and moments of its file `text`
    /// (empty when unreadable: the lesson tests run every lesson and read
    /// its moments), the rest empty.
    fn from_file(key: &'static str, text: &str) -> Lesson {
        Lesson {
            key,
            title: "",
            caption: "",
            definition: formats::parse(text)
                .map(|p| p.definition)
                .unwrap_or_default(),
            moments: moments::parse(text).unwrap_or_default(),
            seed: 0,
            runners: vec![],
            script: vec![],
            horizon_secs: 0,
            outcome: vec![],
        }
    }
}

fn with(mut spec: RunnerSpec, f: impl FnOnce(&mut crate::engine::RunnerPolicy)) -> RunnerSpec {
    f(&mut spec.policy);
    spec
}

fn quick(n: usize, group: &str) -> RunnerSpec {
    with(runner(n, group), |p| {
        p.work_secs_min = 60;
        p.work_secs_max = 120;
    })
}

const WG: &str = "workers";

/// Every lesson, in menu order.
pub fn all() -> Vec<Lesson> {
    vec![
        Lesson {
            title: "An unacknowledged task is reassigned after 2 minutes",
            caption: "A client (forgetful-runner) polls the task at once and never reports progress. Watch the API log: at 00:02:00 the service takes the task back and runner-1 gets it under a new taskId — the same attempt, no retry used.",
            seed: 1,
            runners: vec![quick(1, WG)],
            script: vec![(
                0,
                ScriptAction::ManualPoll {
                    label: "forgetful-runner".into(),
                    worker_group: WG.into(),
                },
            )],
            horizon_secs: 3600,
            outcome: vec![("Hello", "FINISHED")],
            ..from_file!("unacknowledged")
        },
        Lesson {
            title: "A crashed runner's lease expires",
            caption: "runner-1 takes the task and crashes at 00:10. Its lease runs out 15 minutes after its last progress report; then runner-2, idle until now, gets the work and finishes it.",
            seed: 1,
            runners: vec![
                with(runner(1, WG), |p| {
                    p.threads = 1;
                    p.work_secs_min = 1800;
                    p.work_secs_max = 1800;
                }),
                quick(2, WG),
            ],
            script: vec![(
                600,
                ScriptAction::Crash {
                    label: "runner-1".into(),
                },
            )],
            horizon_secs: 3 * 3600,
            outcome: vec![("Hello", "FINISHED")],
            ..from_file!("crashed-runner")
        },
        Lesson {
            title: "Retries wait retryDelay, then onFail",
            caption: "Every task fails. The activity is tried 3 times (maximumRetries 2), each retry waiting retryDelay (10 minutes); then the instance is FAILED and its onFail SnsAlarm fires.",
            seed: 1,
            runners: vec![with(quick(1, WG), |p| p.failure_probability = 1.0)],
            script: vec![],
            horizon_secs: 2 * 3600,
            outcome: vec![("Flaky", "FAILED")],
            ..from_file!("retries")
        },
        Lesson {
            title: "A precondition that is false, then true",
            caption: "The runner answers the precondition Ready with FALSE; it is checked again every retryDelay (5 minutes) while Process waits. At 00:20 the runner's answer becomes true: Ready finishes and Process runs.",
            seed: 1,
            runners: vec![with(quick(1, WG), |p| p.precondition_result = false)],
            script: vec![(
                1200,
                ScriptAction::EditRunner {
                    label: "runner-1".into(),
                    edit: RunnerEdit::Precondition(true),
                },
            )],
            horizon_secs: 3600,
            outcome: vec![("Ready", "FINISHED"), ("Process", "FINISHED")],
            ..from_file!("precondition")
        },
        Lesson {
            title: "Cascade failure and rerun",
            caption: "Extract fails (no retries) and, with failureAndRerunMode cascade, Load becomes CASCADE_FAILED. At 00:30 the runner is fixed and Extract is rerun: Load comes back and both finish.",
            seed: 1,
            runners: vec![with(quick(1, WG), |p| p.failure_probability = 1.0)],
            script: vec![
                (
                    1800,
                    ScriptAction::EditRunner {
                        label: "runner-1".into(),
                        edit: RunnerEdit::Failure(0.0),
                    },
                ),
                (
                    1800,
                    ScriptAction::RerunFailed {
                        component: "Extract".into(),
                    },
                ),
            ],
            horizon_secs: 2 * 3600,
            outcome: vec![("Extract", "FINISHED"), ("Load", "FINISHED")],
            ..from_file!("cascade")
        },
        Lesson {
            title: "lateAfterTimeout with Terminate",
            caption: "The work takes 2 hours but lateAfterTimeout is 30 minutes: at 00:30 the onLateAction Terminate cancels the instance, and the runner hears canceled on its next progress report.",
            seed: 1,
            runners: vec![with(runner(1, WG), |p| {
                p.work_secs_min = 7200;
                p.work_secs_max = 7200;
            })],
            script: vec![],
            horizon_secs: 3600,
            outcome: vec![("Slow", "CANCELED")],
            ..from_file!("late")
        },
        Lesson {
            title: "cron vs timeseries start times",
            caption: "Both activities run hourly from 00:00. The cron one runs at the start of its interval; the timeseries one, with the same @scheduledStartTime, waits for the end of the interval (01:00). At 00:30 only the cron instance is done.",
            seed: 1,
            runners: vec![quick(1, WG)],
            script: vec![],
            horizon_secs: 1800,
            outcome: vec![
                ("CronJob", "FINISHED"),
                ("TimeseriesJob", "WAITING_ON_DEPENDENCIES"),
            ],
            ..from_file!("cron-timeseries")
        },
        Lesson {
            title: "An activity with no runner for its workerGroup",
            caption: "Report runs on workerGroup reports, but the only runner polls etl. Extract finishes; Report then waits WAITING_FOR_RUNNER for as long as nobody polls its workerGroup (add a runner on reports to release it).",
            seed: 1,
            runners: vec![quick(1, "etl")],
            script: vec![],
            horizon_secs: 3600,
            outcome: vec![("Extract", "FINISHED"), ("Report", "WAITING_FOR_RUNNER")],
            ..from_file!("no-runner")
        },
    ]
}

/// The lesson with `key`.
pub fn by_key(key: &str) -> Option<Lesson> {
    all().into_iter().find(|l| l.key == key)
}

impl Lesson {
    /// The run settings the lesson loads.
    pub fn settings(&self) -> RunSettings {
        RunSettings {
            name: self.title.to_string(),
            definition: self.definition.clone(),
            seed: self.seed,
            runners: self.runners.clone(),
        }
    }

    /// The lesson's script, timed from the start of `settings`' run.
    pub fn script_for(&self, settings: &RunSettings) -> Script {
        Script::new(start_time(&settings.definition), self.script.clone())
    }

    /// Activate the lesson with its script.
    pub fn start(&self) -> Result<Session, String> {
        let settings = self.settings();
        Session::start_scripted(&settings, self.script_for(&settings))
    }

    /// The lesson's key moments, found in its own run to the horizon.
    pub fn key_moments(&self) -> Result<Vec<moments::LessonMoment>, String> {
        let mut s = self.start()?;
        let to = self.horizon();
        while !s.run_chunk(to, 5000) {}
        let story = s
            .service
            .pipeline_story(&s.pipeline_id)
            .ok_or_else(|| "the lesson's pipeline is gone".to_string())?;
        moments::resolve(&self.moments, &story, start_time(&self.definition))
    }

    /// Where the lesson's outcome holds.
    pub fn horizon(&self) -> chrono::NaiveDateTime {
        crate::engine::clock::plus(start_time(&self.definition), self.horizon_secs)
    }
}
