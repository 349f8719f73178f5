#![cfg(not(target_arch = "wasm32"))]
//! End to end against real local endpoints, natively (the browser side is
//! the UI's Playwright tests): requests built and signed by `export` are
//! sent over a plain TCP socket to `../shared/tools/sigv4_verify_server.py`
//! (botocore re-computes every signature), alone or forwarding to a
//! `moto_server`. A push of the SayHello pipeline lands in moto and reads
//! back equal; a wrong secret key is refused with InvalidSignatureException;
//! moto's HTML 500 for ValidatePipelineDefinition stops the push.
//!
//! Needs python3 with botocore, and `moto_server` on PATH (both present on
//! the project machine). Set `EXPORT_E2E_SKIP=1` to leave these tests out
//! on a machine without them; they never skip on their own.

use crate::common;

use chrono::{NaiveDate, NaiveDateTime};
use export::request;
use export::response::parse_get_pipeline_definition;
use export::{
    Action, Connection, CreatePipelineInput, Credentials, Endpoint, ErrorKind, HttpRequest,
    HttpResponse, PushOptions, PushPlan, PushState, Signer, StopReason,
};
use model::{Definition, Field, PipelineObject};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const KEY_ID: &str = "AKIDEXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

fn skip() -> bool {
    std::env::var("EXPORT_E2E_SKIP").is_ok_and(|v| v == "1")
}

fn tools_dir() -> PathBuf {
    common::shared("tools")
}

/// A child process stopped (by its own id) when the test ends.
struct Server {
    child: Child,
    port: u16,
    _dir: Option<TempDir>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A scratch folder under the target dir, removed on drop.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp_dir(tag: &str) -> TempDir {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("export-e2e-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    TempDir(dir)
}

fn start_verifier(extra: &[&str], tag: &str) -> Server {
    let dir = temp_dir(tag);
    let mut child = Command::new("python3")
        .arg(tools_dir().join("sigv4_verify_server.py"))
        .arg("0")
        .arg(dir.0.join("log.jsonl"))
        .arg("--quiet")
        .args(extra)
        .env("SIGV4_ACCESS_KEY_ID", KEY_ID)
        .env("SIGV4_SECRET_ACCESS_KEY", SECRET)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("python3 not found (EXPORT_E2E_SKIP=1 to skip)");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line
        .trim()
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("verifier did not start (botocore missing?): {line:?}"));
    Server {
        child,
        port,
        _dir: Some(dir),
    }
}

fn start_moto() -> Server {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new("moto_server")
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("moto_server not on PATH (EXPORT_E2E_SKIP=1 to skip)");
    let server = Server {
        child,
        port,
        _dir: None,
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "moto_server did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    server
}

/// Send a request over HTTP/1.1 as built (the signed Host included), read the answer.
fn send(req: &HttpRequest) -> HttpResponse {
    let rest = req.url.split_once("://").unwrap().1;
    let (authority, target) = rest.split_at(rest.find('/').unwrap());
    let mut stream = TcpStream::connect(authority).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut head = format!("{} {target} HTTP/1.1\r\n", req.method);
    for (k, v) in &req.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        req.body.len()
    ));
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(req.body.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    HttpResponse {
        status,
        headers,
        body: body.to_string(),
    }
}

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 26)
        .and_then(|d| d.and_hms_opt(15, 30, 0))
        .unwrap()
}

fn conn(port: u16, secret: &str, token: Option<&str>) -> Connection {
    let mut credentials = Credentials::new(KEY_ID, secret);
    if let Some(t) = token {
        credentials = credentials.with_session_token(t);
    }
    Connection {
        endpoint: Endpoint::parse(&format!("http://127.0.0.1:{port}")).unwrap(),
        region: "us-east-1".into(),
        signer: Signer::Credentials(credentials),
    }
}

/// The source documents' SayHello pipeline (samples/seed-sayhello-put-request.json).
fn say_hello() -> Definition {
    let mut default = PipelineObject::new("Default", "Default");
    default
        .fields
        .push(Field::string("workerGroup", "workerGroup"));
    let mut schedule = PipelineObject::new("Schedule", "Schedule");
    for (k, v) in [
        ("startDateTime", "2012-12-12T00:00:00"),
        ("type", "Schedule"),
        ("period", "1 hour"),
        ("endDateTime", "2012-12-21T18:00:00"),
    ] {
        schedule.fields.push(Field::string(k, v));
    }
    let mut hello = PipelineObject::new("SayHello", "SayHello");
    hello
        .fields
        .push(Field::string("type", "ShellCommandActivity"));
    hello.fields.push(Field::string("command", "echo hello"));
    hello.fields.push(Field::reference("parent", "Default"));
    hello.fields.push(Field::reference("schedule", "Schedule"));
    Definition {
        objects: vec![default, schedule, hello],
        ..Default::default()
    }
}

fn run(plan: &mut PushPlan) {
    let mut next = plan.next_request(None, now());
    let mut guard = 0;
    while let Some(req) = next {
        let answer = send(&req);
        next = plan.next_request(Some(&answer), now());
        guard += 1;
        assert!(guard < 10, "push does not end");
    }
}

#[test]
fn verifier_accepts_our_signatures_and_refuses_a_wrong_key() {
    if skip() {
        return;
    }
    let v = start_verifier(&[], "plain");
    let def = say_hello();
    let ok = request::put_pipeline_definition(&conn(v.port, SECRET, None), "df-1", &def, now());
    let answer = send(&ok.request);
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body, r#"{"errored": false}"#);

    let wrong = request::put_pipeline_definition(
        &conn(v.port, "not-the-secret", None),
        "df-1",
        &def,
        now(),
    );
    let answer = send(&wrong.request);
    assert_eq!(answer.status, 403);
    let e = export::response::parse_definition_outcome(&answer).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Signature);
    assert_eq!(e.code.as_deref(), Some("InvalidSignatureException"));
    assert!(e.human_message().contains("secret access key"));

    // Unicode and a path prefix on the endpoint are signed as botocore expects.
    let mut uni = def.clone();
    uni.objects[2].fields[1] = Field::string("command", "echo 'héllo wörld ✓' && sleep 1");
    let mut c = conn(v.port, SECRET, None);
    c.endpoint = Endpoint::parse(&format!("http://127.0.0.1:{}/a/./b//c d/", v.port)).unwrap();
    let call = request::put_pipeline_definition(&c, "df-1", &uni, now());
    let answer = send(&call.request);
    assert_eq!(answer.status, 200, "{}", answer.body);
}

#[test]
fn verifier_checks_the_session_token() {
    if skip() {
        return;
    }
    let v = start_verifier(&["--session-token", "tok/en+=="], "token");
    let def = say_hello();
    let good = request::put_pipeline_definition(
        &conn(v.port, SECRET, Some("tok/en+==")),
        "df-1",
        &def,
        now(),
    );
    assert_eq!(send(&good.request).status, 200);
    let none = request::put_pipeline_definition(&conn(v.port, SECRET, None), "df-1", &def, now());
    assert_eq!(send(&none.request).status, 403);
}

#[test]
fn push_lands_in_moto_and_reads_back_equal() {
    if skip() {
        return;
    }
    let moto = start_moto();
    let forward = format!("http://127.0.0.1:{}", moto.port);
    let v = start_verifier(&["--forward", &forward], "moto");
    let def = say_hello();
    let options = PushOptions {
        create: CreatePipelineInput {
            name: Some("SayHello".into()),
            unique_id: Some("say-hello-e2e".into()),
            description: Some("pushed by export_push_e2e".into()),
            tags: vec![],
        },
        validate: false,
        activate: true,
        start_timestamp: None,
        update: None,
    };
    let mut plan = PushPlan::new(conn(v.port, SECRET, None), def.clone(), options.clone());
    run(&mut plan);
    assert_eq!(plan.state(), &PushState::Done, "{:#?}", plan.log());
    let id = plan.pipeline_id().unwrap().to_string();
    assert!(id.starts_with("df-"));
    assert_eq!(plan.log().len(), 3);

    let get = request::get_pipeline_definition(&conn(v.port, SECRET, None), &id, None, now());
    let back = parse_get_pipeline_definition(&send(&get.request)).unwrap();
    assert_eq!(back, def);

    // moto does not implement ValidatePipelineDefinition: its HTML 500 stops the push.
    let mut with_validate = PushPlan::new(
        conn(v.port, SECRET, None),
        def.clone(),
        PushOptions {
            validate: true,
            ..options.clone()
        },
    );
    run(&mut with_validate);
    match with_validate.state() {
        PushState::Stopped {
            step: Action::ValidatePipelineDefinition,
            reason: StopReason::Error(e),
        } => assert_eq!((e.kind, e.status), (ErrorKind::NotJson, Some(500))),
        other => panic!("unexpected {other:?}"),
    }

    // A wrong secret never reaches moto.
    let mut refused = PushPlan::new(conn(v.port, "wrong", None), def, options);
    run(&mut refused);
    match refused.state() {
        PushState::Stopped {
            step: Action::CreatePipeline,
            reason: StopReason::Error(e),
        } => assert_eq!(e.kind, ErrorKind::Signature),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn stopped_endpoint_is_a_network_error() {
    // Not a server test: a closed port refuses the connection, which the UI
    // reports through `network_error`.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut plan = PushPlan::new(
        conn(port, SECRET, None),
        say_hello(),
        PushOptions::default(),
    );
    let req = plan.next_request(None, now()).unwrap();
    let addr = req.url.split_once("://").unwrap().1.trim_end_matches('/');
    let err = TcpStream::connect(addr).unwrap_err();
    plan.network_error(err.to_string());
    match plan.state() {
        PushState::Stopped {
            reason: StopReason::Error(e),
            ..
        } => {
            assert_eq!(e.kind, ErrorKind::Network);
            assert!(e.human_message().contains(&err.to_string()));
        }
        other => panic!("unexpected {other:?}"),
    }
}
