//! pipeline-studio-server over HTTP from Rust: headers, CORS, signature
//! checks, the admin clock API and the state folder. (boto3 and AWS CLI
//! tests are in tests/python, run by scripts/test-server.)

use crate::support;
use support::*;

#[test]
fn service_answers_carry_request_id_cors_and_json_errors() {
    let s = Server::start(&["--clock", "manual"]);
    let mut c = s.connect();
    let a = c.call("CreatePipeline", r#"{"name":"a","uniqueId":"a"}"#, "x");
    assert_eq!(a.status, 200, "{}", a.body);
    assert!(a.body.contains("\"pipelineId\":\"df-"), "{}", a.body);
    assert_eq!(a.header("content-type"), Some("application/x-amz-json-1.1"));
    assert_eq!(a.header("x-amzn-requestid").map(str::len), Some(36));
    assert_eq!(a.header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        a.header("access-control-expose-headers"),
        Some("x-amzn-RequestId")
    );
    let b = c.call("CreatePipeline", r#"{"name":"b","uniqueId":"b"}"#, "x");
    assert_ne!(a.header("x-amzn-requestid"), b.header("x-amzn-requestid"));

    let e = c.call("DescribePipelines", r#"{"pipelineIds":["df-NOPE"]}"#, "x");
    assert_eq!(e.status, 400);
    assert!(e.body.contains("PipelineNotFoundException"), "{}", e.body);
    assert_eq!(e.header("access-control-allow-origin"), Some("*"));
    let u = c.call("Frobnicate", "{}", "x");
    assert_eq!(u.status, 400);
    assert!(u.body.contains("UnknownOperationException"), "{}", u.body);
    let bad = c.call("ListPipelines", "{not json", "x");
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("SerializationException"), "{}", bad.body);
}

#[test]
fn missing_and_garbled_signatures_are_403() {
    let s = Server::start(&["--clock", "manual"]);
    let mut c = s.connect();
    let target = ("X-Amz-Target", "DataPipeline.ListPipelines");
    let origin = ("Origin", "http://localhost:8080");
    let a = c.send(&plain_request("POST", "/", &[target, origin], "{}"));
    assert_eq!(a.status, 403);
    assert!(a.body.contains("MissingAuthenticationTokenException"));
    assert_eq!(
        a.header("access-control-allow-origin"),
        Some("http://localhost:8080")
    );
    let garbled = (
        "Authorization",
        "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/datapipeline/aws4_request",
    );
    let a = c.send(&plain_request(
        "POST",
        "/",
        &[target, garbled, ("X-Amz-Date", "20260101T000000Z")],
        "{}",
    ));
    assert_eq!(a.status, 403);
    assert!(
        a.body.contains("IncompleteSignatureException"),
        "{}",
        a.body
    );
}

#[test]
fn preflight_allows_the_sdk_headers() {
    let s = Server::start(&["--clock", "manual"]);
    let a = s.connect().send(&plain_request(
        "OPTIONS",
        "/",
        &[
            ("Origin", "http://localhost:8080"),
            ("Access-Control-Request-Method", "POST"),
            (
                "Access-Control-Request-Headers",
                "authorization,content-type,x-amz-date,x-amz-target",
            ),
        ],
        "",
    ));
    assert_eq!(a.status, 200);
    assert_eq!(
        a.header("access-control-allow-origin"),
        Some("http://localhost:8080")
    );
    assert!(a
        .header("access-control-allow-methods")
        .unwrap_or("")
        .contains("POST"));
    assert!(a
        .header("access-control-allow-headers")
        .unwrap_or("")
        .contains("x-amz-target"));
}

#[test]
fn credentials_file_turns_on_verification() {
    let dir = std::env::temp_dir().join(format!("ps-server-creds-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("keys");
    std::fs::write(&file, "test=right\n").unwrap();
    let s = Server::start(&["--clock", "manual", "--credentials", file.to_str().unwrap()]);
    let mut c = s.connect();
    assert_eq!(c.call("ListPipelines", "{}", "right").status, 200);
    let wrong = c.call("ListPipelines", "{}", "wrong");
    assert_eq!(wrong.status, 403);
    assert!(
        wrong.body.contains("InvalidSignatureException"),
        "{}",
        wrong.body
    );
    let other = c.send(&signed_request(
        s.port,
        "ListPipelines",
        "{}",
        "nobody",
        "right",
    ));
    assert_eq!(other.status, 403);
    assert!(
        other.body.contains("UnrecognizedClientException"),
        "{}",
        other.body
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn admin_clock_and_state_file_survive_a_restart() {
    let dir = std::env::temp_dir().join(format!("ps-server-state-it-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let state = dir.join("state");
    let _ = std::fs::remove_dir_all(&state);
    let args = ["--clock", "manual", "--state", state.to_str().unwrap()];
    {
        let s = Server::start(&args);
        let mut c = s.connect();
        let now = c.send(&plain_request("GET", "/__clock/now", &[], ""));
        assert_eq!(now.body, r#"{"now":"2012-12-12T00:00:00"}"#);
        let adv = c.send(&plain_request(
            "POST",
            "/__clock/advance",
            &[],
            r#"{"seconds": 3661}"#,
        ));
        assert_eq!(adv.body, r#"{"now":"2012-12-12T01:01:01"}"#);
        assert_eq!(
            c.call("CreatePipeline", r#"{"name":"kept","uniqueId":"k"}"#, "x")
                .status,
            200
        );
    }
    let s = Server::start(&args);
    let mut c = s.connect();
    let now = c.send(&plain_request("GET", "/__clock/now", &[], ""));
    assert_eq!(now.body, r#"{"now":"2012-12-12T01:01:01"}"#);
    let list = c.call("ListPipelines", "{}", "x");
    assert!(list.body.contains("\"kept\""), "{}", list.body);
    drop(s);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 19 item 5: a page from another site can neither preflight nor
/// call the endpoint; the app's own pages (127.0.0.1/localhost, any port)
/// and non-browser callers (no Origin) are served; `--allow-origin` widens it.
#[test]
fn a_foreign_origin_is_refused_and_the_apps_own_is_served() {
    let s = Server::start(&["--clock", "manual"]);
    let mut c = s.connect();
    let preflight = |origin: &str| {
        plain_request(
            "OPTIONS",
            "/",
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "POST"),
                (
                    "Access-Control-Request-Headers",
                    "content-type,x-amz-target",
                ),
            ],
            "",
        )
    };
    let evil = c.send(&preflight("https://evil.example"));
    assert_eq!(evil.status, 403);
    assert_eq!(evil.header("access-control-allow-origin"), None);
    assert!(evil.body.contains("AccessDeniedException"), "{}", evil.body);
    assert!(evil.body.contains("--allow-origin"), "{}", evil.body);

    // The real request, as a page that skips the preflight would send it.
    let listing = ("X-Amz-Target", "DataPipeline.ListPipelines");
    let evil = c.send(&plain_request(
        "POST",
        "/",
        &[listing, ("Origin", "https://evil.example")],
        "{}",
    ));
    assert_eq!(evil.status, 403);
    assert_eq!(evil.header("access-control-allow-origin"), None);
    assert!(evil.body.contains("AccessDeniedException"), "{}", evil.body);

    let own = c.send(&preflight("http://127.0.0.1:40123"));
    assert_eq!(own.status, 200);
    assert_eq!(
        own.header("access-control-allow-origin"),
        Some("http://127.0.0.1:40123")
    );
    // A signed call with the app's Origin is served, and so is one without.
    let with_origin = |port: u16, origin: &str| {
        String::from_utf8(signed_request(port, "ListPipelines", "{}", "k", "x"))
            .unwrap()
            .replacen("\r\n", &format!("\r\nOrigin: {origin}\r\n"), 1)
    };
    let own = c.send(with_origin(s.port, "http://localhost:8080").as_bytes());
    assert_eq!(own.status, 200, "{}", own.body);
    assert_eq!(
        own.header("access-control-allow-origin"),
        Some("http://localhost:8080")
    );
    assert_eq!(c.call("ListPipelines", "{}", "x").status, 200);

    let s = Server::start(&[
        "--clock",
        "manual",
        "--allow-origin",
        "https://studio.example",
    ]);
    let mut c = s.connect();
    assert_eq!(c.send(&preflight("https://studio.example")).status, 200);
    assert_eq!(c.send(&preflight("https://evil.example")).status, 403);
    let allowed = c.send(with_origin(s.port, "https://studio.example").as_bytes());
    assert_eq!(allowed.status, 200, "{}", allowed.body);
}
