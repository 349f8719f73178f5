//! A simulation run of the edited definition, in plain Rust: a fresh
//! `engine::Service`, the definition activated through the service's own
//! actions (CreatePipeline → PutPipelineDefinition → ActivatePipeline,
//! typed calls that the API log shows), the run's simulated task runners
//! (`settings`; by default one per workerGroup), a lesson's scripted
//! actions, and the instance rows the panel shows (read back with
//! QueryObjects + DescribeObjects, as a client would, a page at a time:
//! `paging`). Moving the clock in bounded chunks and the script's actions
//! are in `session_clock`; runner and manual-runner operations in
//! `session_runners`.

use chrono::NaiveDateTime;

use super::filters::Filter;
use super::script::Script;
use super::settings::{default_runners, RunSettings};
use crate::engine::actions::{shapes::from_definition, Handler};
use crate::engine::{
    ActivatePipelineInput, CreatePipelineInput, DeactivatePipelineInput,
    PutPipelineDefinitionInput, PutPipelineDefinitionOutput, Service, ServiceConfig,
};
use crate::model::catalog::keys;
use crate::model::time::parse_datetime;
use crate::model::Definition;

pub use super::settings::worker_groups;

/// The caller label of the app's own calls in the API log.
pub const UI_CALLER: &str = "Pipeline Studio";

/// How many of the newest calls a long run keeps for the API log.
pub const CALL_LOG_KEEP: usize = 5000;

/// One instance as the table shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstanceRow {
    pub id: String,
    pub component: String,
    pub status: String,
    pub scheduled_start: String,
    pub attempts: String,
}

/// A simulation of one pipeline.
pub struct Session {
    pub service: Service,
    pub pipeline_id: String,
    /// The settings it was started with (runner edits update them).
    pub settings: RunSettings,
    /// Whether the pipeline is active (Deactivate / Activate again).
    pub active: bool,
    /// A lesson's actions still to come, earliest first.
    pub(crate) script: Script,
}

/// One of the app's own typed calls (it goes through the service's call
/// path, so the API log shows it); a refusal reads
/// `<Action> failed: <ErrorType>: <message>`.
pub(crate) fn call<I: Handler>(service: &mut Service, req: I) -> Result<I::Output, String> {
    service.send(req).map_err(|e| {
        format!(
            "{} failed: {}: {}",
            I::ACTION.as_str(),
            e.type_name(),
            e.message()
        )
    })
}

/// The validation response of a refused PutPipelineDefinition, one line
/// per object: `PutPipelineDefinition answered errored: true — Id: error; …`.
fn validation_message(put: &PutPipelineDefinitionOutput) -> String {
    let lines: Vec<String> = put
        .validation_errors
        .iter()
        .map(|e| format!("{}: {}", e.id, e.errors.join("; ")))
        .collect();
    if lines.is_empty() {
        let json = serde_json::to_string(put).unwrap_or_default();
        format!("PutPipelineDefinition answered errored: true: {json}")
    } else {
        format!(
            "PutPipelineDefinition answered errored: true — {}",
            lines.join(" · ")
        )
    }
}

/// Where the virtual clock starts: the earliest Schedule `startDateTime`,
/// else the engine's default.
pub fn start_time(def: &Definition) -> NaiveDateTime {
    def.objects
        .iter()
        .filter_map(|o| {
            o.first_string(keys::START_DATE_TIME)
                .and_then(parse_datetime)
        })
        .min()
        .unwrap_or_else(|| ServiceConfig::default().start_time)
}

impl Session {
    /// Activate `def` on a fresh service with `seed`, with one simulated
    /// runner per workerGroup. On a refused definition, the error says what
    /// the service answered (the validation response included).
    pub fn activate(def: &Definition, name: &str, seed: u64) -> Result<Session, String> {
        Session::start(&RunSettings {
            name: name.to_string(),
            definition: def.clone(),
            seed,
            runners: default_runners(def),
        })
    }

    /// Activate the settings' definition on a fresh service with their
    /// seed and start their runners.
    pub fn start(settings: &RunSettings) -> Result<Session, String> {
        Session::start_scripted(settings, Script::default())
    }

    /// As [`start`](Self::start), with a lesson's script: actions due at
    /// activation run before the runners start; later ones when the clock
    /// reaches them.
    pub fn start_scripted(settings: &RunSettings, script: Script) -> Result<Session, String> {
        let (name, seed, def) = (&settings.name, settings.seed, &settings.definition);
        let config = ServiceConfig {
            seed,
            start_time: start_time(def),
            ..ServiceConfig::default()
        };
        let mut service = Service::new(config);
        service.set_call_log(true);
        service.set_caller(UI_CALLER);
        let created = call(
            &mut service,
            CreatePipelineInput {
                name: Some(name.clone()),
                unique_id: Some(format!("{name}-{seed}")),
                ..Default::default()
            },
        )?;
        let pipeline_id = created.pipeline_id;
        let (objects, parameter_objects, parameter_values) = from_definition(def);
        let put = call(
            &mut service,
            PutPipelineDefinitionInput {
                pipeline_id: Some(pipeline_id.clone()),
                pipeline_objects: Some(objects),
                parameter_objects,
                parameter_values,
            },
        )?;
        if put.errored {
            return Err(validation_message(&put));
        }
        call(
            &mut service,
            ActivatePipelineInput {
                pipeline_id: Some(pipeline_id.clone()),
                ..Default::default()
            },
        )?;
        let mut session = Session {
            service,
            pipeline_id,
            settings: RunSettings {
                runners: Vec::new(),
                ..settings.clone()
            },
            active: true,
            script,
        };
        session.run_script_due();
        for spec in &settings.runners {
            session.add_runner(spec.clone());
        }
        Ok(session)
    }

    /// DeactivatePipeline: scheduled work stops; running work finishes.
    pub fn deactivate(&mut self) -> Result<(), String> {
        call(
            &mut self.service,
            DeactivatePipelineInput {
                pipeline_id: Some(self.pipeline_id.clone()),
                ..Default::default()
            },
        )?;
        self.active = false;
        Ok(())
    }

    /// ActivatePipeline again after a Deactivate (it resumes).
    pub fn reactivate(&mut self) -> Result<(), String> {
        call(
            &mut self.service,
            ActivatePipelineInput {
                pipeline_id: Some(self.pipeline_id.clone()),
                ..Default::default()
            },
        )?;
        self.active = true;
        Ok(())
    }

    /// Every instance of the pipeline, as a client reads them (tests and
    /// lessons; the table reads a page at a time).
    pub fn instances(&mut self) -> Vec<InstanceRow> {
        self.instance_page(&Filter::default(), None, usize::MAX)
            .rows
    }

    /// The status of `component`'s earliest instance (what a lesson checks).
    pub fn first_status(&mut self, component: &str) -> Option<String> {
        self.instances()
            .into_iter()
            .filter(|r| r.component == component)
            .min_by(|a, b| a.scheduled_start.cmp(&b.scheduled_start))
            .map(|r| r.status)
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// The SayHello template, the sample every session test runs.
    pub(in crate::simulator) fn say_hello() -> Definition {
        crate::model::formats::parse(include_str!("../templates/say-hello.json"))
            .unwrap()
            .definition
    }

    #[test]
    fn say_hello_runs_to_finished_with_one_runner() {
        let mut s = Session::activate(&say_hello(), "SayHello", 7).unwrap();
        s.advance(3600);
        let rows = s.instances();
        let first = rows
            .iter()
            .find(|r| r.scheduled_start == "2012-12-12T00:00:00")
            .expect("first instance");
        assert_eq!(first.status, "FINISHED", "{rows:?}");
        assert!(s
            .service
            .call_log()
            .iter()
            .any(|c| c.action == "PollForTask" && c.caller != UI_CALLER));
        assert!(s
            .service
            .call_log()
            .iter()
            .any(|c| c.action == "ActivatePipeline" && c.caller == UI_CALLER));
    }

    #[test]
    fn a_fatal_definition_is_refused_with_the_service_message() {
        let mut def = say_hello();
        def.objects[0].fields[0] = crate::model::Field::string("workerGroup", "");
        let err = Session::activate(&def, "Bad", 1).err().expect("refused");
        assert!(err.contains("InvalidRequestException"), "{err}");
    }

    #[test]
    fn a_definition_with_errors_shows_the_validation_response() {
        let mut def = say_hello();
        def.objects[2].fields.retain(|f| f.key != "command");
        def.objects[2]
            .fields
            .push(crate::model::Field::reference("schedule", "NoSuchSchedule"));
        let e = Session::activate(&def, "Bad", 1).err().expect("refused");
        assert!(e.contains("errored: true — SayHello:"), "{e}");
    }
}
