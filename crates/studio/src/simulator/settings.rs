//! A run's settings in plain Rust: the seed and the simulated runners (the
//! default list has one runner per workerGroup the definition names), and
//! the file that saves them with the definition so a run can be replayed or
//! shared. Reading a file never panics: a bad file is a message.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::engine::{RunnerPolicy, RunnerSpec};
use crate::model::catalog::keys;
use crate::model::{formats, Definition};

/// The `format` field of a saved run.
pub const FILE_FORMAT: &str = "pipeline-studio-run";
pub const FILE_VERSION: u32 = 1;

/// Every workerGroup value the definition names, in document order.
pub fn worker_groups(def: &Definition) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for o in &def.objects {
        if let Some(g) = o.first_string(keys::WORKER_GROUP) {
            if !g.is_empty() && !out.iter().any(|x| x == g) {
                out.push(g.to_string());
            }
        }
    }
    out
}

/// A runner with the defaults, numbered `n` (1-based).
pub fn runner(n: usize, worker_group: &str) -> RunnerSpec {
    RunnerSpec {
        label: format!("runner-{n}"),
        worker_group: worker_group.to_string(),
        hostname: format!("runner-{n}.local"),
        policy: RunnerPolicy::default(),
    }
}

/// The default runners: one per workerGroup of `def`.
pub fn default_runners(def: &Definition) -> Vec<RunnerSpec> {
    worker_groups(def)
        .iter()
        .enumerate()
        .map(|(i, g)| runner(i + 1, g))
        .collect()
}

/// A label not yet used by `runners` (`runner-N`).
pub fn next_label(runners: &[RunnerSpec]) -> usize {
    (1..)
        .find(|n| {
            let l = format!("runner-{n}");
            !runners.iter().any(|r| r.label == l)
        })
        .unwrap_or(1)
}

/// Keep a runner's numbers in range (user input never breaks the engine).
pub fn sanitize(spec: &mut RunnerSpec) {
    let p = &mut spec.policy;
    p.threads = p.threads.clamp(1, 64);
    p.poll_interval_secs = p.poll_interval_secs.clamp(1, 86_400);
    p.work_secs_min = p.work_secs_min.clamp(0, 365 * 86_400);
    p.work_secs_max = p.work_secs_max.clamp(p.work_secs_min, 365 * 86_400);
    let odds = |x: f64| {
        if x.is_finite() {
            x.clamp(0.0, 1.0)
        } else {
            0.0
        }
    };
    p.failure_probability = odds(p.failure_probability);
    p.crash_probability = odds(p.crash_probability);
}

/// What a run needs besides user actions: the same settings reproduce the same run.
#[derive(Clone, Debug, PartialEq)]
pub struct RunSettings {
    pub name: String,
    pub definition: Definition,
    pub seed: u64,
    pub runners: Vec<RunnerSpec>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RunFile {
    format: String,
    version: u32,
    name: String,
    seed: u64,
    runners: Vec<RunnerSpec>,
    /// The definition in the API shape (`pipelineObjects`, …).
    definition: Value,
}

impl RunSettings {
    /// The file text (pretty JSON).
    pub fn to_file(&self) -> String {
        let file = RunFile {
            format: FILE_FORMAT.to_string(),
            version: FILE_VERSION,
            name: self.name.clone(),
            seed: self.seed,
            runners: self.runners.clone(),
            definition: formats::to_api_value(&self.definition),
        };
        serde_json::to_string_pretty(&file).unwrap_or_default()
    }

    /// Read a saved run; the error says what is wrong with the file.
    pub fn from_file(text: &str) -> Result<RunSettings, String> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| format!("This file is not JSON: {e}"))?;
        if value.get("format").and_then(Value::as_str) != Some(FILE_FORMAT) {
            return Err(format!(
                "This file is not a saved simulator run (no \"format\": \"{FILE_FORMAT}\")"
            ));
        }
        let file: RunFile = serde_json::from_value(value)
            .map_err(|e| format!("This saved run is incomplete or damaged: {e}"))?;
        if file.version != FILE_VERSION {
            return Err(format!(
                "This saved run has version {}; this app reads version {FILE_VERSION}",
                file.version
            ));
        }
        let parsed = formats::parse_value(&file.definition).map_err(|e| {
            let msgs: Vec<String> = e.diagnostics().iter().map(|d| d.to_string()).collect();
            format!(
                "The definition in this file cannot be read: {}",
                msgs.join("; ")
            )
        })?;
        let mut runners = file.runners;
        runners.iter_mut().for_each(sanitize);
        Ok(RunSettings {
            name: file.name,
            definition: parsed.definition,
            seed: file.seed,
            runners,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn say_hello() -> Definition {
        formats::parse(include_str!("../templates/say-hello.json"))
            .unwrap()
            .definition
    }

    #[test]
    fn one_default_runner_per_worker_group() {
        let rs = default_runners(&say_hello());
        assert_eq!(rs.len(), 1);
        assert_eq!(rs[0].label, "runner-1");
        assert_eq!(rs[0].worker_group, "workerGroup");
        assert_eq!(next_label(&rs), 2);
    }

    #[test]
    fn a_saved_run_loads_back_identical() {
        let mut runners = default_runners(&say_hello());
        runners[0].policy.failure_probability = 0.25;
        let s = RunSettings {
            name: "SayHello".into(),
            definition: say_hello(),
            seed: 42,
            runners,
        };
        let back = RunSettings::from_file(&s.to_file()).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn bad_files_are_explained() {
        let e = RunSettings::from_file("{ nope").unwrap_err();
        assert!(e.starts_with("This file is not JSON"), "{e}");
        let e = RunSettings::from_file(include_str!("../templates/say-hello.json")).unwrap_err();
        assert!(e.contains("not a saved simulator run"), "{e}");
        let e =
            RunSettings::from_file(r#"{"format":"pipeline-studio-run","version":1}"#).unwrap_err();
        assert!(e.contains("incomplete or damaged"), "{e}");
        let e = RunSettings::from_file(
            r#"{"format":"pipeline-studio-run","version":9,"name":"x","seed":1,"runners":[],"definition":{}}"#,
        )
        .unwrap_err();
        assert!(e.contains("version 9"), "{e}");
    }

    #[test]
    fn odd_numbers_are_kept_in_range() {
        let mut r = runner(1, "wg");
        r.policy.threads = 0;
        r.policy.work_secs_min = 50;
        r.policy.work_secs_max = 10;
        r.policy.crash_probability = f64::NAN;
        r.policy.failure_probability = 3.0;
        sanitize(&mut r);
        assert_eq!(r.policy.threads, 1);
        assert_eq!(r.policy.work_secs_max, 50);
        assert_eq!(r.policy.crash_probability, 0.0);
        assert_eq!(r.policy.failure_probability, 1.0);
    }
}
