//! A simulation run of the edited definition, in plain Rust: a fresh
//! `engine::Service`, the definition activated through the service's own
//! actions (CreatePipeline → PutPipelineDefinition → ActivatePipeline, via
//! `dispatch`, so the API log shows them), one simulated Task Runner per
//! workerGroup the definition names, and the instance rows the panel shows
//! (read back with QueryObjects + DescribeObjects, as a client would).

use chrono::NaiveDateTime;
use serde_json::{json, Value};

use crate::engine::{RunnerPolicy, RunnerSpec, Service, ServiceConfig};
use crate::model::catalog::keys;
use crate::model::formats::put_request_value;
use crate::model::time::parse_datetime;
use crate::model::Definition;

/// The caller label of the app's own calls in the API log.
pub const UI_CALLER: &str = "Pipeline Studio";

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
}

fn call(service: &mut Service, action: &str, body: Value) -> Result<Value, String> {
    let (status, text) = service.dispatch(&format!("DataPipeline.{action}"), &body.to_string());
    let value: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    if status == 200 {
        Ok(value)
    } else {
        let kind =
            crate::export::response::short_error_code(value["__type"].as_str().unwrap_or("Error"));
        Err(format!(
            "{action} failed: {kind}: {}",
            value["message"].as_str().unwrap_or(&text)
        ))
    }
}

/// Where the virtual clock starts: the earliest Schedule `startDateTime`,
/// else the engine's default.
fn start_time(def: &Definition) -> NaiveDateTime {
    def.objects
        .iter()
        .filter_map(|o| {
            o.first_string(keys::START_DATE_TIME)
                .and_then(parse_datetime)
        })
        .min()
        .unwrap_or_else(|| ServiceConfig::default().start_time)
}

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

impl Session {
    /// Activate `def` on a fresh service with `seed`, with one simulated
    /// runner per workerGroup. On a refused definition, the error says what
    /// the service answered (the validation response included).
    pub fn activate(def: &Definition, name: &str, seed: u64) -> Result<Session, String> {
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
            "CreatePipeline",
            json!({"name": name, "uniqueId": format!("{name}-{seed}")}),
        )?;
        let pipeline_id = created["pipelineId"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let put = call(
            &mut service,
            "PutPipelineDefinition",
            put_request_value(def, &pipeline_id),
        )?;
        if put["errored"].as_bool() == Some(true) {
            return Err(format!(
                "PutPipelineDefinition answered errored: true: {put}"
            ));
        }
        call(
            &mut service,
            "ActivatePipeline",
            json!({"pipelineId": pipeline_id}),
        )?;
        for (i, group) in worker_groups(def).into_iter().enumerate() {
            service.add_runner(RunnerSpec {
                label: format!("runner-{}", i + 1),
                worker_group: group,
                hostname: format!("runner-{}.local", i + 1),
                policy: RunnerPolicy::default(),
            });
        }
        Ok(Session {
            service,
            pipeline_id,
        })
    }

    /// Every instance of the pipeline, as a client reads them.
    pub fn instances(&mut self) -> Vec<InstanceRow> {
        // Timers due now run first, with the log on: a runner's calls they
        // make belong in the API log.
        self.service.advance_to(self.service.now());
        // The panel's own reads are not part of the run: keep them out of the API log.
        self.service.set_call_log(false);
        let mut ids: Vec<String> = Vec::new();
        let mut marker: Option<String> = None;
        loop {
            let mut q = json!({"pipelineId": self.pipeline_id, "sphere": "INSTANCE", "limit": 100});
            if let Some(m) = &marker {
                q["marker"] = json!(m);
            }
            let Ok(page) = call(&mut self.service, "QueryObjects", q) else {
                break;
            };
            ids.extend(
                page["ids"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v.as_str().map(str::to_string)),
            );
            match (page["hasMoreResults"].as_bool(), page["marker"].as_str()) {
                (Some(true), Some(m)) => marker = Some(m.to_string()),
                _ => break,
            }
        }
        let mut rows = Vec::new();
        for chunk in ids.chunks(25) {
            let req = json!({"pipelineId": self.pipeline_id, "objectIds": chunk});
            let Ok(resp) = call(&mut self.service, "DescribeObjects", req) else {
                continue;
            };
            for o in resp["pipelineObjects"].as_array().into_iter().flatten() {
                let field = |k: &str| {
                    o["fields"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .find(|f| f["key"] == k)
                        .and_then(|f| f["stringValue"].as_str().or(f["refValue"].as_str()))
                        .unwrap_or_default()
                        .to_string()
                };
                rows.push(InstanceRow {
                    id: o["id"].as_str().unwrap_or_default().to_string(),
                    component: field("@componentParent"),
                    status: field("@status"),
                    scheduled_start: field("@scheduledStartTime"),
                    attempts: field("@attemptCount"),
                });
            }
        }
        self.service.set_call_log(true);
        rows
    }

    /// Advance the virtual clock by `secs`, running every event due by then.
    pub fn advance(&mut self, secs: i64) {
        let to = self.service.now() + chrono::Duration::seconds(secs);
        self.service.advance_to(to);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn say_hello() -> Definition {
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
    fn the_same_seed_gives_the_same_run() {
        let run = || {
            let mut s = Session::activate(&say_hello(), "SayHello", 42).unwrap();
            s.advance(6 * 3600);
            s.service.trace_text()
        };
        assert_eq!(run(), run());
    }
}
