#![cfg(not(target_arch = "wasm32"))]
//! Signed Data Pipeline requests: headers of the JSON 1.1 protocol, Host
//! with non-default ports, the session token, redaction for the push log,
//! the request bodies against the source documents' PutPipelineDefinition
//! example, and the boto3 / CLI export text.
//!
//! Property tests run 256 cases; `PROPTEST_CASES=100000` for a long run.

use crate::common;

use chrono::{NaiveDate, NaiveDateTime};
use export::body::pipeline_definition_body;
use export::request::{self, CONTENT_TYPE};
use export::response::definition_from_api_shape;
use export::sigv4::{self, SignableRequest, SigningParams, TokenPlacement};
use export::{
    boto3_call, boto3_kwargs, cli_put_command, Action, Connection, CreatePipelineInput,
    Credentials, Endpoint, HttpRequest, Signer,
};
use model::{Definition, Field, ParameterValue, PipelineObject};
use proptest::prelude::*;
use std::path::PathBuf;

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const TOKEN: &str = "FQoGZXIvYXdzEXAMPLE//token+value==";

fn time() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 26)
        .and_then(|d| d.and_hms_opt(14, 5, 9))
        .unwrap()
}

fn conn(url: Option<&str>, token: bool) -> Connection {
    let endpoint = match url {
        Some(u) => Endpoint::parse(u).unwrap(),
        None => Endpoint::for_region("eu-west-1").unwrap(),
    };
    let mut credentials = Credentials::new("AKIDEXAMPLE", SECRET);
    if token {
        credentials = credentials.with_session_token(TOKEN);
    }
    Connection {
        endpoint,
        region: "eu-west-1".into(),
        signer: Signer::Credentials(credentials),
    }
}

fn shared_dir(sub: &str) -> PathBuf {
    common::fixture_dir(sub)
}

/// Re-derive the signature from the request as it would go on the wire,
/// independently of how it was built.
fn verify(req: &HttpRequest, region: &str, secret: &str, token: Option<&str>) -> bool {
    let after_scheme = req.url.split_once("://").unwrap().1;
    let target = &after_scheme[after_scheme.find('/').unwrap()..];
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let authz = req.header("authorization").unwrap();
    let signed_names: Vec<&str> = authz
        .split("SignedHeaders=")
        .nth(1)
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .split(';')
        .collect();
    let headers: Vec<(String, String)> = req
        .headers
        .iter()
        .filter(|(k, _)| signed_names.contains(&k.to_ascii_lowercase().as_str()))
        .cloned()
        .collect();
    let amz = req.header("x-amz-date").unwrap();
    let t = NaiveDateTime::parse_from_str(amz, "%Y%m%dT%H%M%SZ").unwrap();
    let mut creds = Credentials::new("AKIDEXAMPLE", secret);
    if let Some(tok) = token {
        creds = creds.with_session_token(tok);
    }
    let again = sigv4::sign(
        &SignableRequest {
            method: &req.method,
            path,
            query,
            headers: &headers,
            body: req.body.as_bytes(),
        },
        &SigningParams {
            credentials: &creds,
            region,
            service: "datapipeline",
            time: t,
            token_placement: TokenPlacement::Signed,
        },
    );
    again.authorization == authz
}

#[test]
fn json_protocol_headers_and_default_endpoint() {
    let input = CreatePipelineInput {
        name: Some("SayHello".into()),
        unique_id: Some("sayhello-1".into()),
        ..Default::default()
    };
    let call = request::create_pipeline(&conn(None, false), &input, time());
    let r = &call.request;
    assert_eq!(r.method, "POST");
    assert_eq!(r.url, "https://datapipeline.eu-west-1.amazonaws.com/");
    assert_eq!(
        r.header("host"),
        Some("datapipeline.eu-west-1.amazonaws.com")
    );
    assert_eq!(r.header("content-type"), Some(CONTENT_TYPE));
    assert_eq!(
        r.header("x-amz-target"),
        Some("DataPipeline.CreatePipeline")
    );
    assert_eq!(r.header("x-amz-date"), Some("20261126T140509Z"));
    assert_eq!(r.header("x-amz-security-token"), None);
    assert_eq!(r.body, r#"{"name":"SayHello","uniqueId":"sayhello-1"}"#);
    let authz = r.header("authorization").unwrap();
    assert!(authz.starts_with(
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/eu-west-1/datapipeline/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="
    ));
    assert_eq!(call.signing.authorization, authz);
    assert!(verify(r, "eu-west-1", SECRET, None));
    assert!(!verify(r, "eu-west-1", "wrong", None));
    assert!(!verify(r, "us-east-1", SECRET, None));
    // Every action targets DataPipeline.<Action>.
    for action in [
        Action::CreatePipeline,
        Action::PutPipelineDefinition,
        Action::ValidatePipelineDefinition,
        Action::ActivatePipeline,
        Action::GetPipelineDefinition,
    ] {
        let c = request::build_request(&conn(None, false), action, &serde_json::json!({}), time());
        assert_eq!(
            c.request.header("x-amz-target"),
            Some(format!("DataPipeline.{}", action.name()).as_str())
        );
    }
}

#[test]
fn local_endpoint_signs_host_with_port_and_path() {
    let c = conn(Some("http://127.0.0.1:5000/prefix/"), false);
    let call = request::get_pipeline_definition(&c, "df-1", None, time());
    assert_eq!(call.request.url, "http://127.0.0.1:5000/prefix/");
    assert_eq!(call.request.header("host"), Some("127.0.0.1:5000"));
    assert!(call.signing.canonical_request.starts_with(
        "POST\n/prefix/\n\ncontent-type:application/x-amz-json-1.1\nhost:127.0.0.1:5000\n"
    ));
    assert!(verify(&call.request, "eu-west-1", SECRET, None));
    // fetch must not set Host; the browser sends exactly the signed one.
    assert!(call
        .request
        .fetch_headers()
        .iter()
        .all(|(k, _)| !k.eq_ignore_ascii_case("host")));
    assert_eq!(
        call.request.fetch_headers().len(),
        call.request.headers.len() - 1
    );
}

#[test]
fn session_token_is_signed_and_redacted() {
    let c = conn(Some("http://localhost:4566"), true);
    let call = request::activate_pipeline(
        &c,
        &export::ActivatePipelineInput {
            pipeline_id: Some("df-1".into()),
            parameter_values: vec![export::body::WireParameterValue {
                id: "myX".into(),
                string_value: "1".into(),
            }],
            start_timestamp: None,
        },
        time(),
    );
    let r = &call.request;
    assert_eq!(r.header("x-amz-security-token"), Some(TOKEN));
    assert!(call.signing.signed_headers.contains("x-amz-security-token"));
    assert!(verify(r, "eu-west-1", SECRET, Some(TOKEN)));
    assert!(!verify(r, "eu-west-1", SECRET, Some("other")));

    let red = r.redacted();
    let shown = format!("{red:?}{}", red.to_http_text());
    assert!(!shown.contains(TOKEN));
    assert!(!shown.contains(SECRET));
    assert!(!shown.contains(&call.signing.signature));
    assert!(!shown.contains("AKIDEXAMPLE"));
    assert_eq!(red.body, r.body);
    assert_eq!(red.url, r.url);
    assert_eq!(red.header("x-amz-target"), r.header("x-amz-target"));
    assert!(red
        .header("authorization")
        .unwrap()
        .ends_with("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=<redacted>"));
}

#[test]
fn put_body_of_the_source_documents_example_round_trips() {
    let path = shared_dir("samples").join("seed-sayhello-put-request.json");
    let text = std::fs::read_to_string(path).unwrap();
    let original: serde_json::Value = serde_json::from_str(&text).unwrap();
    let obj = original.as_object().unwrap();
    let def = definition_from_api_shape(obj).unwrap();
    assert_eq!(def.objects.len(), 3);
    let pipeline_id = obj["pipelineId"].as_str().unwrap();
    assert_eq!(pipeline_definition_body(pipeline_id, &def), original);

    let call = request::put_pipeline_definition(&conn(None, false), pipeline_id, &def, time());
    let sent: serde_json::Value = serde_json::from_str(&call.request.body).unwrap();
    assert_eq!(sent, original);
}

/// Export → import is the identity for every sample: what a push sends (the
/// PutPipelineDefinition body), read back as GetPipelineDefinition would give
/// it, is the imported definition (names default to ids, as the CLI does).
#[test]
fn export_then_import_is_the_identity_for_every_sample() {
    let mut seen = 0;
    let mut entries: Vec<_> = std::fs::read_dir(shared_dir("samples"))
        .unwrap()
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let mut def = model::formats::parse(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .definition;
        for o in &mut def.objects {
            o.name.get_or_insert_with(|| o.id.as_str().to_string());
        }
        let body = pipeline_definition_body("df-EXAMPLE", &def);
        let back = definition_from_api_shape(body.as_object().unwrap()).unwrap();
        assert_eq!(back, def, "{}", path.display());
        seen += 1;
    }
    assert!(seen >= 4, "samples checked: {seen}");
}

#[test]
fn boto3_and_cli_text() {
    let mut o = PipelineObject::new("SayHello", "Say \"hello\"");
    o.fields.push(Field::string("type", "ShellCommandActivity"));
    o.fields.push(Field::string("command", "echo 'hi'\nexit 0"));
    o.fields.push(Field::reference("schedule", "Schedule"));
    let def = Definition {
        objects: vec![o],
        ..Default::default()
    };
    let kwargs = boto3_kwargs(&def, Some("df-0937003356ZJEXAMPLE"));
    assert_eq!(
        kwargs,
        concat!(
            "pipelineId=\"df-0937003356ZJEXAMPLE\",\n",
            "pipelineObjects=[\n",
            "    {\n",
            "        \"id\": \"SayHello\",\n",
            "        \"name\": \"Say \\\"hello\\\"\",\n",
            "        \"fields\": [\n",
            "            {\"key\": \"type\", \"stringValue\": \"ShellCommandActivity\"},\n",
            "            {\"key\": \"command\", \"stringValue\": \"echo 'hi'\\nexit 0\"},\n",
            "            {\"key\": \"schedule\", \"refValue\": \"Schedule\"},\n",
            "        ],\n",
            "    },\n",
            "],\n",
        )
    );
    let call = boto3_call(&def, None);
    assert!(call.starts_with(
        "response = client.put_pipeline_definition(\n    pipelineId=\"YOUR_PIPELINE_ID\",\n"
    ));
    assert!(call.ends_with("    ],\n)\n"));
    assert_eq!(
        cli_put_command(None, "pipeline.json", None, None),
        "aws datapipeline put-pipeline-definition --pipeline-id YOUR_PIPELINE_ID --pipeline-definition file://pipeline.json"
    );
}

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 _#{}@.:/-]{0,12}",
        any::<String>().prop_map(|s| s.chars().take(12).collect()),
    ]
}

fn arb_definition() -> impl Strategy<Value = Definition> {
    let field =
        ("[a-zA-Z@*][a-zA-Z0-9]{0,8}", arb_text(), any::<bool>()).prop_map(|(k, v, is_ref)| {
            if is_ref {
                Field::reference(k, v)
            } else {
                Field::string(k, v)
            }
        });
    let object = (
        "[A-Za-z][A-Za-z0-9_]{0,8}",
        arb_text(),
        prop::collection::vec(field, 0..6),
    )
        .prop_map(|(id, name, fields)| {
            let mut o = PipelineObject::new(id, name);
            o.fields = fields;
            o
        });
    let value = ("my[A-Z][a-z]{0,5}", arb_text()).prop_map(|(id, v)| ParameterValue {
        id,
        string_value: v,
    });
    (
        prop::collection::vec(object, 0..5),
        prop::collection::vec(value, 0..3),
    )
        .prop_map(|(objects, values)| Definition {
            objects,
            parameters: vec![],
            values,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The request body read back as a definition is the definition.
    #[test]
    fn body_round_trips(def in arb_definition()) {
        let body = pipeline_definition_body("df-1", &def);
        let back = definition_from_api_shape(body.as_object().unwrap()).unwrap();
        prop_assert_eq!(back, def);
    }

    /// Whatever the definition and endpoint port, the request verifies, and
    /// changing one byte of the body breaks the signature.
    #[test]
    fn every_request_verifies(def in arb_definition(), port in 1u16..65535, token in any::<bool>()) {
        let c = conn(Some(&format!("http://127.0.0.1:{port}")), token);
        let call = request::put_pipeline_definition(&c, "df-1", &def, time());
        let tok = token.then_some(TOKEN);
        prop_assert!(verify(&call.request, "eu-west-1", SECRET, tok));
        let mut tampered = call.request.clone();
        tampered.body.push(' ');
        prop_assert!(!verify(&tampered, "eu-west-1", SECRET, tok));
    }

    /// Any text in the endpoint field is parsed or reported, never a panic;
    /// a parsed endpoint's URL parses back to itself.
    #[test]
    fn endpoint_field_never_panics(url in prop_oneof![
        any::<String>(),
        "(http|https|HTTP|ftp)://[a-z0-9.:\\[\\]@ é/?#%-]{0,20}",
    ]) {
        if let Ok(e) = Endpoint::parse(&url) {
            prop_assert_eq!(Endpoint::parse(&e.url()), Ok(e.clone()));
            prop_assert!(!e.host_header().is_empty());
        }
    }
}
