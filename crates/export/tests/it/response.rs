#![cfg(not(target_arch = "wasm32"))]
//! The service's answers read as the push dialog needs them: success bodies
//! of each action, error bodies in both spellings (`message` / `Message`,
//! namespaced or bare `__type`), moto's HTML 500s, S3-style XML errors,
//! signature and credential errors with a message that says what to check.

use export::response::{
    parse_create_pipeline, parse_definition_outcome, parse_get_pipeline_definition, parse_response,
    split_message_code,
};
use export::{Action, ActionOutput, ErrorKind, HttpResponse, ObjectMessages, ServiceError};
use model::FieldValue;
use proptest::prelude::*;

/// What moto (werkzeug) sends for an action it does not implement.
const MOTO_HTML_500: &str = "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.</p>\n";

#[test]
fn create_pipeline_answer() {
    let ok = HttpResponse::new(200, r#"{"pipelineId": "df-06372391ZG65EXAMPLE"}"#);
    assert_eq!(
        parse_create_pipeline(&ok).unwrap(),
        "df-06372391ZG65EXAMPLE"
    );
    // moto labels its JSON text/html: the body decides.
    let mut moto = HttpResponse::new(200, r#"{"pipelineId": "df-0123456789abcdef012"}"#);
    moto.headers
        .push(("Content-Type".into(), "text/html; charset=utf-8".into()));
    assert_eq!(
        parse_response(Action::CreatePipeline, &moto).unwrap(),
        ActionOutput::Created {
            pipeline_id: "df-0123456789abcdef012".into()
        }
    );
    let missing = parse_create_pipeline(&HttpResponse::new(200, "{}")).unwrap_err();
    assert_eq!(missing.kind, ErrorKind::MalformedResponse);
    assert_eq!(missing.status, Some(200));
}

#[test]
fn put_definition_answers_with_errors_and_warnings() {
    // The source documents' invalid example (S2), and a warning.
    let body = r#"{"errored": true,
        "validationErrors": [{"errors": ["INVALID_FIELD_VALUE:  'startDateTime' value must be a literal datetime value."], "id": "Schedule"}],
        "validationWarnings": [{"id": "Default", "warnings": ["w1", "w2"]}]}"#;
    let out = parse_definition_outcome(&HttpResponse::new(200, body)).unwrap();
    assert!(out.errored);
    assert_eq!(
        out.validation_errors,
        vec![ObjectMessages {
            id: "Schedule".into(),
            messages: vec![
                "INVALID_FIELD_VALUE:  'startDateTime' value must be a literal datetime value."
                    .into()
            ],
        }]
    );
    assert_eq!(out.validation_warnings[0].id, "Default");
    assert_eq!(out.validation_warnings[0].messages, vec!["w1", "w2"]);
    let (code, text) = split_message_code(&out.validation_errors[0].messages[0]);
    assert_eq!(code, Some("INVALID_FIELD_VALUE"));
    assert!(text.starts_with("'startDateTime'"));

    let clean = parse_definition_outcome(&HttpResponse::new(200, r#"{"errored": false}"#)).unwrap();
    assert!(!clean.errored && clean.validation_errors.is_empty());
    let bad = parse_definition_outcome(&HttpResponse::new(200, r#"{"errored": "no"}"#));
    assert_eq!(bad.unwrap_err().kind, ErrorKind::MalformedResponse);
    let bad = parse_definition_outcome(&HttpResponse::new(
        200,
        r#"{"errored": true, "validationErrors": [{"errors": ["x"]}]}"#,
    ));
    assert_eq!(bad.unwrap_err().kind, ErrorKind::MalformedResponse);
}

#[test]
fn activate_and_get_answers() {
    assert_eq!(
        parse_response(Action::ActivatePipeline, &HttpResponse::new(200, "{}")).unwrap(),
        ActionOutput::Activated
    );
    assert_eq!(
        parse_response(Action::ActivatePipeline, &HttpResponse::new(200, "")).unwrap(),
        ActionOutput::Activated
    );
    let body = r#"{"pipelineObjects": [{"id": "Default", "name": "Default", "fields": [
        {"key": "workerGroup", "stringValue": "wg"}, {"key": "schedule", "refValue": "S"}]}],
        "parameterValues": [{"id": "myX", "stringValue": "1"}]}"#;
    let def = parse_get_pipeline_definition(&HttpResponse::new(200, body)).unwrap();
    assert_eq!(def.objects[0].fields.len(), 2);
    assert_eq!(
        def.objects[0].first("schedule"),
        Some(&FieldValue::Ref("S".into()))
    );
    assert_eq!(def.values[0].string_value, "1");
    let both = r#"{"pipelineObjects": [{"id": "A", "name": "A", "fields": [{"key": "k", "stringValue": "s", "refValue": "r"}]}]}"#;
    assert_eq!(
        parse_get_pipeline_definition(&HttpResponse::new(200, both))
            .unwrap_err()
            .kind,
        ErrorKind::MalformedResponse
    );
}

#[test]
fn namespaced_type_and_lowercase_message() {
    // The real service's answer to a fatal definition (S2).
    let body = r#"{"__type": "com.amazon.setl.webservice#InvalidRequestException", "message": "Pipeline definition has errors: Could not save the pipeline definition due to FATAL errors: [com.amazon.setl.webservice.ValidationError@108d7ea9] Please call Validate to validate your pipeline"}"#;
    let e =
        parse_response(Action::PutPipelineDefinition, &HttpResponse::new(400, body)).unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidRequest);
    assert_eq!(e.code.as_deref(), Some("InvalidRequestException"));
    assert_eq!(e.status, Some(400));
    assert!(e.message.starts_with("Pipeline definition has errors"));
    assert!(e
        .human_message()
        .contains("InvalidRequestException, HTTP 400"));
}

#[test]
fn bare_type_and_capital_message() {
    // botocore's fixture (S8).
    let body = r#"{"__type":"AccessDeniedException","Message":"User: arn:aws:iam::123:user/x is not authorized"}"#;
    let e = ServiceError::from_response(&HttpResponse::new(400, body));
    assert_eq!(e.kind, ErrorKind::AccessDenied);
    assert_eq!(e.code.as_deref(), Some("AccessDeniedException"));
    assert_eq!(e.message, "User: arn:aws:iam::123:user/x is not authorized");
}

#[test]
fn signature_errors_say_what_to_check() {
    let sig = r#"{"__type":"InvalidSignatureException","message":"The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method."}"#;
    let e = ServiceError::from_response(&HttpResponse::new(403, sig));
    assert_eq!(e.kind, ErrorKind::Signature);
    let shown = e.human_message();
    assert!(shown.contains("secret access key"));
    assert!(shown.contains("region"));
    assert!(shown.contains("clock"));
    assert!(shown.contains("HTTP 403"));

    let expired = r#"{"__type":"InvalidSignatureException","message":"Signature expired: 20150830T123600Z is now earlier than 20150830T124600Z (20150830T125100Z - 5 min.)"}"#;
    let e = ServiceError::from_response(&HttpResponse::new(400, expired));
    assert_eq!(e.kind, ErrorKind::ClockSkew);
    assert!(e.human_message().contains("clock"));

    let unknown = r#"{"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."}"#;
    let e = ServiceError::from_response(&HttpResponse::new(400, unknown));
    assert_eq!(e.kind, ErrorKind::Credentials);
    assert!(e.human_message().contains("access key id"));

    // S3-style XML, as moto's default app answers a request it cannot route.
    let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message></Error>";
    let e = ServiceError::from_response(&HttpResponse::new(403, xml));
    assert_eq!(e.kind, ErrorKind::Signature);
    assert_eq!(e.code.as_deref(), Some("SignatureDoesNotMatch"));
    assert_eq!(
        e.message,
        "The request signature we calculated does not match"
    );
}

#[test]
fn error_type_from_header_when_body_is_empty() {
    let mut r = HttpResponse::new(400, "");
    r.headers.push((
        "x-amzn-ErrorType".into(),
        "ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.service/".into(),
    ));
    let e = ServiceError::from_response(&r);
    assert_eq!(e.kind, ErrorKind::Throttling);
    assert_eq!(e.code.as_deref(), Some("ThrottlingException"));
}

#[test]
fn moto_html_500_is_not_json() {
    let e = parse_response(
        Action::ValidatePipelineDefinition,
        &HttpResponse::new(500, MOTO_HTML_500),
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotJson);
    assert_eq!(e.status, Some(500));
    assert!(e
        .message
        .starts_with("500 Internal Server Error Internal Server Error The server encountered"));
    assert!(!e.message.contains('<'));
    let shown = e.human_message();
    assert!(shown.contains("HTTP 500"));
    assert!(shown.contains("moto"));
    // A long page is cut.
    let long = format!("<html>{}</html>", "x ".repeat(1000));
    let e = ServiceError::from_response(&HttpResponse::new(502, long));
    assert!(e.message.chars().count() <= 301);
}

#[test]
fn network_failure_has_no_status() {
    let e = ServiceError::network("TypeError: Failed to fetch");
    assert_eq!(e.kind, ErrorKind::Network);
    assert_eq!(e.status, None);
    let shown = e.human_message();
    assert!(shown.contains("Failed to fetch"));
    assert!(shown.contains("running"));
    assert!(shown.contains("CORS"));
}

#[test]
fn unknown_operation_and_other_types() {
    let e = ServiceError::from_response(&HttpResponse::new(
        400,
        r#"{"__type": "UnknownOperationException", "message": "nope"}"#,
    ));
    assert_eq!(e.kind, ErrorKind::UnknownOperation);
    let e = ServiceError::from_response(&HttpResponse::new(
        400,
        r#"{"__type": "com.example#SomethingNew"}"#,
    ));
    assert_eq!(e.kind, ErrorKind::Other);
    assert_eq!(e.code.as_deref(), Some("SomethingNew"));
    assert_eq!(e.message, "");
    let e = ServiceError::from_response(&HttpResponse::new(404, r#"["not", "an object"]"#));
    assert_eq!(e.kind, ErrorKind::NotJson);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever comes back, every action's answer is read without a panic,
    /// and a non-2xx answer is always an error carrying its status.
    #[test]
    fn any_answer_is_read(status in 100u16..600, body in prop_oneof![
        any::<String>(),
        "\\{\"(__type|message|Message|pipelineId|errored)\": ?(\"[a-z#:]{0,8}\"|true|1|\\[\\])\\}",
        "<[a-zA-Z]{1,5}>[<>a-zA-Z/ ]{0,30}",
    ]) {
        let resp = HttpResponse::new(status, body);
        for action in [
            Action::CreatePipeline,
            Action::PutPipelineDefinition,
            Action::ValidatePipelineDefinition,
            Action::ActivatePipeline,
            Action::GetPipelineDefinition,
        ] {
            let result = parse_response(action, &resp);
            if !(200..300).contains(&status) {
                let e = result.unwrap_err();
                prop_assert_eq!(e.status, Some(status));
                prop_assert!(!e.human_message().is_empty());
            }
        }
    }
}
