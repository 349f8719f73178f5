//! "What if", in plain Rust: replay a run from its settings and seed with
//! one thing changed (a field of an object such as maximumRetries,
//! reportProgressTimeout or retryDelay; a runner's failure rate; a runner's
//! crash time) and compare the two outcomes with `engine::compare`: each
//! instance's status, attempts and end time, and the first point where the
//! traces part. Both runs are replays (the run as its settings and script
//! make it, without clicks made by hand), to the same virtual time.

use chrono::NaiveDateTime;

use super::script::{Script, ScriptAction};
use super::session::{start_time, Session};
use super::settings::RunSettings;
use crate::engine::compare::{compare, Comparison};
use crate::model::catalog::keys;
use crate::model::Field;

/// Instances compared at most.
pub const COMPARED: usize = 500;

/// The one thing changed.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// Set `key` of object `object` to `value` (the field's text).
    Field {
        object: String,
        key: &'static str,
        value: String,
    },
    /// A runner's chance that a task fails (0 to 1).
    FailureRate { runner: String, rate: f64 },
    /// When a runner crashes (seconds after the start); None: never.
    CrashAt { runner: String, secs: Option<i64> },
}

/// The fields "what if" offers to change.
pub const FIELDS: [&str; 3] = [
    keys::MAXIMUM_RETRIES,
    keys::REPORT_PROGRESS_TIMEOUT,
    keys::RETRY_DELAY,
];

impl Change {
    /// The change in words: "maximumRetries of Hello = 0".
    pub fn words(&self) -> String {
        match self {
            Change::Field { object, key, value } => format!("{key} of {object} = {value}"),
            Change::FailureRate { runner, rate } => {
                format!("{runner} fails {:.0}% of its tasks", rate * 100.0)
            }
            Change::CrashAt {
                runner,
                secs: Some(s),
            } => {
                format!(
                    "{runner} crashes {} after the start",
                    crate::engine::story::words(*s)
                )
            }
            Change::CrashAt { runner, secs: None } => format!("{runner} never crashes"),
        }
    }

    /// The settings and script with the change made; an error when it
    /// names nothing of the run.
    pub fn apply(
        &self,
        settings: &RunSettings,
        script: &[(i64, ScriptAction)],
    ) -> Result<(RunSettings, Vec<(i64, ScriptAction)>), String> {
        let mut s = settings.clone();
        let mut script = script.to_vec();
        let runner = |s: &RunSettings, label: &str| -> Result<usize, String> {
            s.runners
                .iter()
                .position(|r| r.label == label)
                .ok_or_else(|| format!("no runner {label} in this run"))
        };
        match self {
            Change::Field { object, key, value } => {
                let obj = s
                    .definition
                    .object_mut(object)
                    .ok_or_else(|| format!("no object {object} in the definition"))?;
                obj.fields.retain(|f| f.key != *key);
                obj.fields.push(Field::string(*key, value.clone()));
            }
            Change::FailureRate { runner: r, rate } => {
                if !(0.0..=1.0).contains(rate) {
                    return Err("a failure rate is between 0 and 1".to_string());
                }
                let n = runner(&s, r)?;
                s.runners[n].policy.failure_probability = *rate;
            }
            Change::CrashAt { runner: r, secs } => {
                runner(&s, r)?;
                script.retain(|(_, a)| !matches!(a, ScriptAction::Crash { label } if label == r));
                if let Some(t) = secs {
                    if *t < 0 {
                        return Err("a crash time is after the start".to_string());
                    }
                    script.push((*t, ScriptAction::Crash { label: r.clone() }));
                }
            }
        }
        Ok((s, script))
    }
}

/// A finished "what if".
#[derive(Clone, Debug, PartialEq)]
pub struct WhatIf {
    pub change: String,
    pub until: NaiveDateTime,
    pub comparison: Comparison,
    pub pipeline_id: String,
}

fn replay(
    settings: &RunSettings,
    script: &[(i64, ScriptAction)],
    until: NaiveDateTime,
) -> Result<Session, String> {
    let mut s = Session::start_scripted(
        settings,
        Script::new(start_time(&settings.definition), script.to_vec()),
    )?;
    while !s.run_chunk(until, 5000) {}
    Ok(s)
}

/// Replay `settings` and `script` to `until` as they are and with
/// `change`, and compare the two.
pub fn what_if(
    settings: &RunSettings,
    script: &[(i64, ScriptAction)],
    change: &Change,
    until: NaiveDateTime,
) -> Result<WhatIf, String> {
    let (changed, changed_script) = change.apply(settings, script)?;
    let before = replay(settings, script, until)?;
    let after = replay(&changed, &changed_script, until)
        .map_err(|e| format!("with {}: {e}", change.words()))?;
    Ok(WhatIf {
        change: change.words(),
        until,
        comparison: compare(
            &before.service,
            &after.service,
            &before.pipeline_id,
            COMPARED,
        ),
        pipeline_id: before.pipeline_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Status;
    use crate::simulator::lessons;

    fn crashed() -> (RunSettings, Vec<(i64, ScriptAction)>, NaiveDateTime) {
        let l = lessons::by_key("crashed-runner").unwrap();
        (l.settings(), l.script.clone(), l.horizon())
    }

    #[test]
    fn no_retries_make_the_crashed_runner_lesson_end_failed() {
        let (settings, script, until) = crashed();
        let change = Change::Field {
            object: "Hello".into(),
            key: keys::MAXIMUM_RETRIES,
            value: "0".into(),
        };
        let w = what_if(&settings, &script, &change, until).unwrap();
        assert_eq!(w.change, "maximumRetries of Hello = 0");
        let row = &w.comparison.rows[0];
        assert_eq!(row.id, "@Hello_2024-01-01T00:00:00");
        assert_eq!(row.before.as_ref().unwrap().status, Status::Finished);
        assert_eq!(row.after.as_ref().unwrap().status, Status::Failed);
        let d = w.comparison.divergence.as_ref().unwrap();
        assert_eq!(d.at.format("%H:%M:%S").to_string(), "00:25:00");
    }

    #[test]
    fn a_runner_that_never_crashes_finishes_on_the_first_attempt() {
        let (settings, script, until) = crashed();
        let change = Change::CrashAt {
            runner: "runner-1".into(),
            secs: None,
        };
        let w = what_if(&settings, &script, &change, until).unwrap();
        let after = w.comparison.rows[0].after.as_ref().unwrap();
        assert_eq!((after.status, after.attempts), (Status::Finished, 1));
        assert!(w.comparison.divergence.is_some());
    }

    #[test]
    fn the_same_run_replayed_does_not_diverge_and_bad_changes_are_refused() {
        let (settings, script, until) = crashed();
        let same = Change::FailureRate {
            runner: "runner-2".into(),
            rate: 0.0,
        };
        let w = what_if(&settings, &script, &same, until).unwrap();
        assert_eq!(w.comparison.divergence, None);
        let nobody = Change::FailureRate {
            runner: "runner-9".into(),
            rate: 0.5,
        };
        assert!(what_if(&settings, &script, &nobody, until)
            .unwrap_err()
            .contains("runner-9"));
        let bad = Change::FailureRate {
            runner: "runner-1".into(),
            rate: 2.0,
        };
        assert!(bad.apply(&settings, &script).is_err());
        let missing = Change::Field {
            object: "Nope".into(),
            key: keys::RETRY_DELAY,
            value: "5 minutes".into(),
        };
        assert!(missing.apply(&settings, &script).is_err());
    }
}
