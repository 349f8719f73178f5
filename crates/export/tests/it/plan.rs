//! The push plan with canned answers: CreatePipeline → PutPipelineDefinition
//! → optional Validate → optional Activate; stopping on service errors, on
//! `errored: true`, on moto's HTML 500 and on network failures; retries;
//! and a log that never shows a secret.

use chrono::{NaiveDate, NaiveDateTime};
use export::{
    Action, ActionOutput, Connection, CreatePipelineInput, Credentials, Endpoint, ErrorKind,
    HttpRequest, HttpResponse, PushOptions, PushPlan, PushState, Signer, StopReason,
};
use model::{Definition, Field, PipelineObject};

const SECRET: &str = "s3cr3t/Key+WITH+symbols";
const TOKEN: &str = "SESSION-TOKEN-abc123==";

fn t(sec: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 26)
        .and_then(|d| d.and_hms_opt(15, 0, sec))
        .unwrap()
}

fn definition() -> Definition {
    let mut d = PipelineObject::new("Default", "Default");
    d.fields.push(Field::string("workerGroup", "wg"));
    let mut a = PipelineObject::new("SayHello", "SayHello");
    a.fields.push(Field::string("type", "ShellCommandActivity"));
    a.fields.push(Field::string("command", "echo hello"));
    Definition {
        objects: vec![d, a],
        ..Default::default()
    }
}

fn plan(validate: bool, activate: bool) -> PushPlan {
    let conn = Connection {
        endpoint: Endpoint::parse("http://127.0.0.1:5000").unwrap(),
        region: "us-east-1".into(),
        signer: Signer::Credentials(
            Credentials::new("AKIDEXAMPLE", SECRET).with_session_token(TOKEN),
        ),
    };
    let options = PushOptions {
        create: CreatePipelineInput {
            name: Some("hello".into()),
            unique_id: Some("hello-token".into()),
            ..Default::default()
        },
        validate,
        activate,
        start_timestamp: None,
        update: None,
    };
    PushPlan::new(conn, definition(), options)
}

fn ok(body: &str) -> HttpResponse {
    HttpResponse::new(200, body)
}

fn target(r: &HttpRequest) -> &str {
    r.header("x-amz-target").unwrap()
}

fn body_json(r: &HttpRequest) -> serde_json::Value {
    serde_json::from_str(&r.body).unwrap()
}

#[test]
fn full_push_runs_every_step_in_order() {
    let mut p = plan(true, true);
    assert_eq!(
        p.steps(),
        vec![
            Action::CreatePipeline,
            Action::PutPipelineDefinition,
            Action::ValidatePipelineDefinition,
            Action::ActivatePipeline
        ]
    );
    assert_eq!(p.state(), &PushState::NotStarted);
    let r = p.next_request(None, t(0)).unwrap();
    assert_eq!(target(&r), "DataPipeline.CreatePipeline");
    assert_eq!(
        body_json(&r),
        serde_json::json!({"name": "hello", "uniqueId": "hello-token"})
    );
    assert_eq!(p.state(), &PushState::Waiting(Action::CreatePipeline));

    let r = p
        .next_request(Some(&ok(r#"{"pipelineId": "df-0001"}"#)), t(1))
        .unwrap();
    assert_eq!(p.pipeline_id(), Some("df-0001"));
    assert_eq!(target(&r), "DataPipeline.PutPipelineDefinition");
    assert_eq!(r.header("x-amz-date"), Some("20261126T150001Z"));
    let b = body_json(&r);
    assert_eq!(b["pipelineId"], "df-0001");
    assert_eq!(b["pipelineObjects"][1]["id"], "SayHello");

    let warn =
        r#"{"errored": false, "validationWarnings": [{"id": "SayHello", "warnings": ["w"]}]}"#;
    let r = p.next_request(Some(&ok(warn)), t(2)).unwrap();
    assert_eq!(target(&r), "DataPipeline.ValidatePipelineDefinition");
    assert_eq!(body_json(&r)["pipelineObjects"], b["pipelineObjects"]);
    assert_eq!(
        p.definition_outcome().unwrap().validation_warnings[0].id,
        "SayHello"
    );

    let r = p
        .next_request(Some(&ok(r#"{"errored": false}"#)), t(3))
        .unwrap();
    assert_eq!(target(&r), "DataPipeline.ActivatePipeline");
    assert_eq!(body_json(&r), serde_json::json!({"pipelineId": "df-0001"}));

    assert!(p.next_request(Some(&ok("{}")), t(4)).is_none());
    assert_eq!(p.state(), &PushState::Done);
    assert!(p.is_finished());
    assert!(p.next_request(None, t(5)).is_none());

    let log = p.log();
    assert_eq!(log.len(), 4);
    assert_eq!(log.iter().map(|s| s.action).collect::<Vec<_>>(), p.steps());
    assert_eq!(log[3].result, Some(Ok(ActionOutput::Activated)));
    assert!(log.iter().all(|s| s.response.is_some()));
}

/// Issue 20 item 2: a pipeline opened from the endpoint (or pushed before)
/// is updated in place: PutPipelineDefinition on its id, no CreatePipeline.
#[test]
fn an_update_skips_create_and_puts_to_the_known_id() {
    let mut p = PushPlan::new(
        Connection::relay("http://127.0.0.1:4600").unwrap(),
        definition(),
        PushOptions {
            update: Some("df-OPENED".into()),
            validate: true,
            ..PushOptions::default()
        },
    );
    assert_eq!(
        p.steps(),
        vec![
            Action::PutPipelineDefinition,
            Action::ValidatePipelineDefinition
        ]
    );
    assert_eq!(p.pipeline_id(), Some("df-OPENED"));
    let r = p.next_request(None, t(0)).unwrap();
    assert_eq!(target(&r), "DataPipeline.PutPipelineDefinition");
    assert_eq!(body_json(&r)["pipelineId"], "df-OPENED");
    assert_eq!(r.header("authorization"), None, "the relay signs");
    let r = p
        .next_request(Some(&ok(r#"{"errored": false}"#)), t(1))
        .unwrap();
    assert_eq!(target(&r), "DataPipeline.ValidatePipelineDefinition");
    assert!(p
        .next_request(Some(&ok(r#"{"errored": false}"#)), t(2))
        .is_none());
    assert_eq!(p.state(), &PushState::Done);
}

#[test]
fn optional_steps_are_left_out() {
    let mut p = plan(false, false);
    assert_eq!(
        p.steps(),
        vec![Action::CreatePipeline, Action::PutPipelineDefinition]
    );
    p.next_request(None, t(0)).unwrap();
    let r = p
        .next_request(Some(&ok(r#"{"pipelineId": "df-9"}"#)), t(1))
        .unwrap();
    assert_eq!(target(&r), "DataPipeline.PutPipelineDefinition");
    assert!(p
        .next_request(Some(&ok(r#"{"errored": false}"#)), t(2))
        .is_none());
    assert_eq!(p.state(), &PushState::Done);

    let mut p = plan(false, true);
    p.next_request(None, t(0));
    p.next_request(Some(&ok(r#"{"pipelineId": "df-9"}"#)), t(1));
    let r = p
        .next_request(Some(&ok(r#"{"errored": false}"#)), t(2))
        .unwrap();
    assert_eq!(target(&r), "DataPipeline.ActivatePipeline");
}

#[test]
fn errored_definition_stops_before_activation() {
    let mut p = plan(true, true);
    p.next_request(None, t(0));
    p.next_request(Some(&ok(r#"{"pipelineId": "df-1"}"#)), t(1));
    let errored = r#"{"errored": true, "validationErrors": [{"id": "SayHello", "errors": ["MISSING_FIELD: x"]}]}"#;
    assert!(p.next_request(Some(&ok(errored)), t(2)).is_none());
    match p.state() {
        PushState::Stopped {
            step: Action::PutPipelineDefinition,
            reason: StopReason::DefinitionHasErrors(outcome),
        } => assert_eq!(outcome.validation_errors[0].id, "SayHello"),
        other => panic!("unexpected state {other:?}"),
    }
    assert_eq!(p.log().len(), 2);
    assert_eq!(p.pipeline_id(), Some("df-1"));
}

#[test]
fn service_error_stops_the_push() {
    let mut p = plan(false, true);
    p.next_request(None, t(0));
    let denied = HttpResponse::new(
        403,
        r#"{"__type": "InvalidSignatureException", "message": "The request signature we calculated does not match the signature you provided"}"#,
    );
    assert!(p.next_request(Some(&denied), t(1)).is_none());
    match p.state() {
        PushState::Stopped {
            step: Action::CreatePipeline,
            reason: StopReason::Error(e),
        } => {
            assert_eq!(e.kind, ErrorKind::Signature);
            assert!(e.human_message().contains("secret access key"));
        }
        other => panic!("unexpected state {other:?}"),
    }
    assert_eq!(p.pipeline_id(), None);
}

#[test]
fn moto_validate_500_stops_at_validate() {
    let mut p = plan(true, true);
    p.next_request(None, t(0));
    p.next_request(Some(&ok(r#"{"pipelineId": "df-1"}"#)), t(1));
    p.next_request(Some(&ok(r#"{"errored": false}"#)), t(2));
    let html = HttpResponse::new(500, "<html><title>500 Internal Server Error</title></html>");
    assert!(p.next_request(Some(&html), t(3)).is_none());
    match p.state() {
        PushState::Stopped {
            step: Action::ValidatePipelineDefinition,
            reason: StopReason::Error(e),
        } => assert_eq!((e.kind, e.status), (ErrorKind::NotJson, Some(500))),
        other => panic!("unexpected state {other:?}"),
    }
}

#[test]
fn network_error_and_retry() {
    let mut p = plan(false, false);
    let first = p.next_request(None, t(0)).unwrap();
    // No answer yet: asking again re-signs the same step at the new time.
    let again = p.next_request(None, t(30)).unwrap();
    assert_eq!(target(&again), target(&first));
    assert_eq!(again.body, first.body);
    assert_eq!(again.header("x-amz-date"), Some("20261126T150030Z"));
    assert_ne!(again.header("authorization"), first.header("authorization"));
    assert_eq!(p.log().len(), 1);

    p.network_error("TypeError: Failed to fetch");
    match p.state() {
        PushState::Stopped {
            step: Action::CreatePipeline,
            reason: StopReason::Error(e),
        } => {
            assert_eq!(e.kind, ErrorKind::Network);
            assert_eq!(e.status, None);
        }
        other => panic!("unexpected state {other:?}"),
    }
    assert!(p.next_request(None, t(31)).is_none());
}

#[test]
fn log_hides_secrets() {
    let mut p = plan(true, true);
    let mut sent = Vec::new();
    let answers = [
        r#"{"pipelineId": "df-1"}"#,
        r#"{"errored": false}"#,
        r#"{"errored": false}"#,
        "{}",
    ];
    let mut r = p.next_request(None, t(0));
    for a in answers {
        let req = r.unwrap();
        // The real request carries the token and the full signature…
        assert_eq!(req.header("x-amz-security-token"), Some(TOKEN));
        sent.push(req);
        r = p.next_request(Some(&ok(a)), t(1));
    }
    assert_eq!(p.state(), &PushState::Done);
    // …the log shows neither, nor the secret key.
    let shown = format!("{:?}", p.log());
    assert!(!shown.contains(TOKEN));
    assert!(!shown.contains(SECRET));
    for req in &sent {
        let authz = req.header("authorization").unwrap();
        let sig = authz.rsplit("Signature=").next().unwrap();
        assert!(!shown.contains(sig));
    }
    assert!(p.log()[0]
        .canonical_request
        .contains("x-amz-security-token:<redacted>"));
    assert!(p.log()[0].string_to_sign.starts_with("AWS4-HMAC-SHA256\n"));
    let plan_debug = format!("{p:?}");
    assert!(!plan_debug.contains(SECRET));
    assert!(!plan_debug.contains(TOKEN));
}
