//! Scenario tests for the pipeline-configuration actions over the wire:
//! the seed 003 examples, idempotent CreatePipeline, definitions `latest`
//! vs `active`, tags, pagination, deleted pipelines, protocol errors.

use crate::support;
use serde_json::{json, Value};
use support::*;

const SEED_VALID: &str = r#"{"pipelineId": "PID",
"pipelineObjects":
[
{"id": "Default", "name": "Default", "fields": [{"key": "workerGroup", "stringValue": "workerGroup"}]},
{"id": "Schedule", "name": "Schedule", "fields": [
 {"key": "startDateTime", "stringValue": "2012-12-12T00:00:00"},
 {"key": "type", "stringValue": "Schedule"},
 {"key": "period", "stringValue": "1 hour"},
 {"key": "endDateTime", "stringValue": "2012-12-21T18:00:00"}]},
{"id": "SayHello", "name": "SayHello", "fields": [
 {"key": "type", "stringValue": "ShellCommandActivity"},
 {"key": "command", "stringValue": "echo hello"},
 {"key": "parent", "refValue": "Default"},
 {"key": "schedule", "refValue": "Schedule"}]}
]}"#;

#[test]
fn the_seed_example_definition_is_accepted_with_errored_false() {
    let mut s = service_at("2012-12-12T00:00:00");
    let pid = create(&mut s, "seed");
    let body = SEED_VALID.replace("PID", &pid);
    let (status, text) = s.dispatch("DataPipeline.PutPipelineDefinition", &body);
    assert_eq!(status, 200);
    assert_eq!(text, r#"{"errored":false}"#);
}

#[test]
fn an_empty_worker_group_is_a_fatal_error_and_nothing_is_saved() {
    let mut s = service_at("2012-12-12T00:00:00");
    let pid = create(&mut s, "seed");
    let body = SEED_VALID
        .replace("PID", &pid)
        .replace(r#""stringValue": "workerGroup""#, r#""stringValue": """#);
    let (status, text) = s.dispatch("DataPipeline.PutPipelineDefinition", &body);
    assert_eq!(status, 400);
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        v["__type"],
        "com.amazon.setl.webservice#InvalidRequestException"
    );
    assert_eq!(v["message"], "Pipeline definition has errors: Could not save the pipeline definition due to FATAL errors: [com.amazon.setl.webservice.ValidationError@108d7ea9] Please call Validate to validate your pipeline");
    let got = ok(&mut s, "GetPipelineDefinition", json!({"pipelineId": pid}));
    assert_eq!(got["pipelineObjects"], json!([]));
}

#[test]
fn create_pipeline_is_idempotent_on_name_and_unique_id() {
    let mut s = service_at("2012-12-12T00:00:00");
    let a = ok(
        &mut s,
        "CreatePipeline",
        json!({"name": "n", "uniqueId": "u"}),
    );
    let b = ok(
        &mut s,
        "CreatePipeline",
        json!({"name": "n", "uniqueId": "u"}),
    );
    let c = ok(
        &mut s,
        "CreatePipeline",
        json!({"name": "n", "uniqueId": "other"}),
    );
    assert_eq!(a, b);
    assert_ne!(a, c);
    let id = a["pipelineId"].as_str().unwrap();
    assert!(id.starts_with("df-") && id.len() == 23, "{id}");
    assert!(id[3..]
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()));
}

#[test]
fn missing_required_members_are_invalid_requests() {
    let mut s = service_at("2012-12-12T00:00:00");
    let (status, v) = call(&mut s, "CreatePipeline", json!({"name": "n"}));
    assert_eq!(status, 400);
    assert_eq!(
        v["__type"],
        "com.amazon.setl.webservice#InvalidRequestException"
    );
    assert!(v["message"].as_str().unwrap().contains("uniqueId"));
}

#[test]
fn unknown_actions_and_malformed_json_are_protocol_errors() {
    let mut s = service_at("2012-12-12T00:00:00");
    let (status, body) = s.dispatch("DataPipeline.Frobnicate", "{}");
    assert_eq!(status, 400);
    assert!(body.contains("UnknownOperationException"));
    let (status, body) = s.dispatch("DataPipeline.ListPipelines", "{not json");
    assert_eq!(status, 400);
    assert!(body.contains("SerializationException"));
}

#[test]
fn an_unknown_pipeline_is_pipeline_not_found() {
    let mut s = service_at("2012-12-12T00:00:00");
    let (status, v) = call(
        &mut s,
        "GetPipelineDefinition",
        json!({"pipelineId": "df-NOPE"}),
    );
    assert_eq!(status, 400);
    assert_eq!(
        v["__type"],
        "com.amazon.setl.webservice#PipelineNotFoundException"
    );
}

#[test]
fn a_deleted_pipeline_answers_pipeline_deleted_exception() {
    let mut s = service_at("2012-12-12T00:00:00");
    let pid = create(&mut s, "gone");
    let (status, body) = s.dispatch(
        "DataPipeline.DeletePipeline",
        &json!({"pipelineId": pid}).to_string(),
    );
    assert_eq!((status, body.as_str()), (200, ""));
    for (action, body) in [
        ("DescribePipelines", json!({"pipelineIds": [pid]})),
        ("GetPipelineDefinition", json!({"pipelineId": pid})),
        ("ActivatePipeline", json!({"pipelineId": pid})),
        (
            "AddTags",
            json!({"pipelineId": pid, "tags": [{"key": "k", "value": "v"}]}),
        ),
    ] {
        let (status, v) = call(&mut s, action, body);
        assert_eq!(status, 400, "{action}");
        assert_eq!(
            v["__type"], "com.amazon.setl.webservice#PipelineDeletedException",
            "{action}"
        );
    }
    let list = ok(&mut s, "ListPipelines", json!({}));
    assert_eq!(list["pipelineIdList"], json!([]));
}

#[test]
fn list_pipelines_pages_with_marker_and_has_more_results() {
    let mut s = service_at("2012-12-12T00:00:00");
    let mut ids = Vec::new();
    for n in 0..100 {
        ids.push(create(&mut s, &format!("p{n}")));
    }
    let (status, v) = call(
        &mut s,
        "CreatePipeline",
        json!({"name": "x", "uniqueId": "x"}),
    );
    assert_eq!(status, 400, "the 101st pipeline is over the limit: {v}");
    let mut listed = Vec::new();
    let mut marker: Option<String> = None;
    loop {
        let req = match &marker {
            Some(m) => json!({"marker": m}),
            None => json!({}),
        };
        let page = ok(&mut s, "ListPipelines", req);
        for p in page["pipelineIdList"].as_array().unwrap() {
            listed.push(p["id"].as_str().unwrap().to_string());
        }
        if page["hasMoreResults"] == false {
            assert!(page.get("marker").is_none());
            break;
        }
        marker = Some(page["marker"].as_str().unwrap().to_string());
    }
    assert_eq!(listed, ids);
    let (status, _) = call(&mut s, "ListPipelines", json!({"marker": "garbage"}));
    assert_eq!(status, 400);
    ok(&mut s, "DeletePipeline", json!({"pipelineId": ids[0]}));
    let after = ok(&mut s, "ListPipelines", json!({}));
    assert_eq!(after["pipelineIdList"][0]["name"], "p1");
}

#[test]
fn query_and_describe_objects_page_with_marker() {
    let mut s = service_at("2012-12-12T00:00:00");
    let pid = create(&mut s, "many");
    let mut objects = vec![obj("Default", &[("workerGroup", "wg")])];
    for n in 0..30 {
        objects.push(obj(&format!("Node{n:02}"), &[("type", "S3DataNode")]));
    }
    put(&mut s, &pid, objects);
    let mut seen = Vec::new();
    let mut marker: Option<String> = None;
    loop {
        let mut req = json!({"pipelineId": pid, "sphere": "COMPONENT", "limit": 7});
        if let Some(m) = &marker {
            req["marker"] = json!(m);
        }
        let v = ok(&mut s, "QueryObjects", req);
        for id in v["ids"].as_array().unwrap() {
            seen.push(id.as_str().unwrap().to_string());
        }
        if v["hasMoreResults"] == false {
            assert!(v.get("marker").is_none());
            break;
        }
        marker = Some(v["marker"].as_str().unwrap().to_string());
    }
    assert_eq!(seen.len(), 31);
    let q = ok(
        &mut s,
        "QueryObjects",
        json!({"pipelineId": pid, "sphere": "COMPONENT",
               "query": {"selectors": [{"fieldName": "name", "operator": {"type": "EQ", "values": ["Node07"]}}]}}),
    );
    assert_eq!(q["ids"], json!(["Node07"]));
    let ids: Vec<String> = (0..30).map(|n| format!("Node{n:02}")).collect();
    let d = ok(
        &mut s,
        "DescribeObjects",
        json!({"pipelineId": pid, "objectIds": ids}),
    );
    assert_eq!(d["pipelineObjects"].as_array().unwrap().len(), 30);
    assert_eq!(d["hasMoreResults"], false);
}

#[test]
fn get_pipeline_definition_returns_latest_or_active() {
    let mut s = service_at("2012-12-12T00:00:00");
    let pid = create(&mut s, "versions");
    put(&mut s, &pid, simple("2012-12-12T00:00:00", None, &[]));
    activate(&mut s, &pid);
    let mut changed = simple("2012-12-12T00:00:00", None, &[]);
    changed.push(obj("Extra", &[("type", "S3DataNode")]));
    put(&mut s, &pid, changed);
    let latest = ok(&mut s, "GetPipelineDefinition", json!({"pipelineId": pid}));
    let active = ok(
        &mut s,
        "GetPipelineDefinition",
        json!({"pipelineId": pid, "version": "active"}),
    );
    assert_eq!(latest["pipelineObjects"].as_array().unwrap().len(), 4);
    assert_eq!(active["pipelineObjects"].as_array().unwrap().len(), 3);
    let (status, _) = call(
        &mut s,
        "GetPipelineDefinition",
        json!({"pipelineId": pid, "version": "old"}),
    );
    assert_eq!(status, 400);
}

#[test]
fn describe_pipelines_shows_state_tags_and_fields() {
    let mut s = service_at("2012-12-12T00:00:00");
    let v = ok(
        &mut s,
        "CreatePipeline",
        json!({"name": "n", "uniqueId": "u", "description": "d", "tags": [{"key": "a", "value": "1"}]}),
    );
    let pid = v["pipelineId"].as_str().unwrap().to_string();
    ok(
        &mut s,
        "AddTags",
        json!({"pipelineId": pid, "tags": [{"key": "b", "value": "2"}]}),
    );
    ok(
        &mut s,
        "RemoveTags",
        json!({"pipelineId": pid, "tagKeys": ["a"]}),
    );
    let d = ok(&mut s, "DescribePipelines", json!({"pipelineIds": [pid]}));
    let desc = &d["pipelineDescriptionList"][0];
    assert_eq!(desc["name"], "n");
    assert_eq!(desc["description"], "d");
    assert_eq!(desc["tags"], json!([{"key": "b", "value": "2"}]));
    let keys: Vec<&str> = desc["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["key"].as_str().unwrap())
        .collect();
    for k in [
        "@pipelineState",
        "@creationTime",
        "@id",
        "@sphere",
        "uniqueId",
        "@accountId",
    ] {
        assert!(keys.contains(&k), "{k} in {keys:?}");
    }
    assert_eq!(pipeline_state(&mut s, &pid), "PENDING");
    let many: Vec<Value> = (0..11)
        .map(|n| json!({"key": format!("k{n}"), "value": ""}))
        .collect();
    let (status, _) = call(&mut s, "AddTags", json!({"pipelineId": pid, "tags": many}));
    assert_eq!(status, 400, "more than 10 tags");
}

#[test]
fn components_show_pending_before_activation() {
    let mut s = service_at("2012-12-12T00:00:00");
    let pid = create(&mut s, "pending");
    put(&mut s, &pid, simple("2012-12-12T00:00:00", None, &[]));
    assert_eq!(status(&mut s, &pid, "A"), "PENDING");
    assert_eq!(
        field(&mut s, &pid, "A", "@sphere").as_deref(),
        Some("COMPONENT")
    );
}

#[test]
fn validate_pipeline_definition_saves_nothing() {
    let mut s = service_at("2012-12-12T00:00:00");
    let pid = create(&mut s, "v");
    let v = ok(
        &mut s,
        "ValidatePipelineDefinition",
        json!({"pipelineId": pid, "pipelineObjects": simple("2012-12-12T00:00:00", None, &[])}),
    );
    assert_eq!(v["errored"], false);
    let got = ok(&mut s, "GetPipelineDefinition", json!({"pipelineId": pid}));
    assert_eq!(got["pipelineObjects"], json!([]));
}

#[test]
fn evaluate_expression_answers_in_the_objects_context() {
    let mut s = service_at("2012-12-12T00:00:00");
    let pid = create(&mut s, "expr");
    put(&mut s, &pid, simple("2012-12-12T00:00:00", None, &[]));
    let v = ok(
        &mut s,
        "EvaluateExpression",
        json!({"pipelineId": pid, "objectId": "Sched", "expression": "plain text"}),
    );
    assert_eq!(v["evaluatedExpression"], "plain text");
}

#[test]
fn evaluate_expression_substitutes_the_seed_example() {
    let mut s = service_at("2012-12-12T00:00:00");
    let pid = create(&mut s, "expr");
    put(
        &mut s,
        &pid,
        vec![obj(
            "Schedule",
            &[
                ("type", "Schedule"),
                ("period", "6 hours"),
                ("startDateTime", "2012-12-12T00:00:00"),
                ("endDateTime", "2012-12-21T18:00:00"),
            ],
        )],
    );
    let v = ok(
        &mut s,
        "EvaluateExpression",
        json!({"pipelineId": pid, "objectId": "Schedule",
               "expression": "Transform started at #{startDateTime} and finished at #{endDateTime}"}),
    );
    assert_eq!(
        v["evaluatedExpression"],
        "Transform started at 2012-12-12T00:00:00 and finished at 2012-12-21T18:00:00"
    );
}

#[test]
fn the_call_log_records_every_call_with_its_caller() {
    let mut s = service_at("2012-12-12T00:00:00");
    s.set_call_log(true);
    s.set_caller("console");
    create(&mut s, "logged");
    let _ = s.dispatch("DataPipeline.ListPipelines", "{oops");
    let log = s.call_log();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].action, "CreatePipeline");
    assert_eq!(log[0].caller, "console");
    assert!(log[0].response.contains("pipelineId"));
    assert_eq!(log[1].status, 400);
}
