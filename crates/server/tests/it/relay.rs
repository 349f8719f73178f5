//! `--relay` (issue 20 item 1): the app's unsigned calls are signed with
//! the credentials chain (here a shared credentials FILE, as
//! `AWS_SHARED_CREDENTIALS_FILE` names it) and forwarded. The stand-in
//! upstream is the project's own endpoint with `--credentials`, which
//! verifies every SigV4 signature (`server::auth`), so a call that gets
//! through was signed correctly with the file's key.

use crate::support;
use std::path::PathBuf;
use support::*;

const KEY: &str = "AKIDRELAYTEST0001";
const SECRET: &str = "relay/test/secret+0123456789";

struct Files {
    dir: PathBuf,
}

impl Files {
    fn new(tag: &str) -> Files {
        let dir = std::env::temp_dir().join(format!("relay-it-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Files { dir }
    }
    fn write(&self, name: &str, text: &str) -> String {
        let p = self.dir.join(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    }
}

impl Drop for Files {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// An upstream that verifies signatures made with KEY/SECRET.
fn upstream(files: &Files) -> Server {
    let keys = files.write("keys.json", &format!(r#"{{"{KEY}": "{SECRET}"}}"#));
    Server::start(&["--clock", "manual", "--credentials", &keys])
}

/// A relay whose credentials chain finds `secret` for KEY in a credentials file.
fn relay(files: &Files, upstream_port: u16, secret: &str) -> Server {
    let creds = files.write(
        "credentials",
        &format!("[default]\naws_access_key_id = {KEY}\naws_secret_access_key = {secret}\n"),
    );
    let config = files.dir.join("no-config").display().to_string();
    let upstream = format!("http://127.0.0.1:{upstream_port}");
    Server::start_with_env(
        &["--relay", "--port", "0", "--upstream", &upstream],
        &[
            ("AWS_SHARED_CREDENTIALS_FILE", &creds),
            ("AWS_CONFIG_FILE", &config),
            ("AWS_REGION", "eu-west-1"),
            ("AWS_EC2_METADATA_DISABLED", "true"),
        ],
    )
}

/// What the app sends: no Authorization, no date, no key.
fn unsigned(action: &str, body: &str, origin: &str) -> Vec<u8> {
    plain_request(
        "POST",
        "/",
        &[
            ("Origin", origin),
            ("Content-Type", "application/x-amz-json-1.1"),
            ("X-Amz-Target", &format!("DataPipeline.{action}")),
        ],
        body,
    )
}

#[test]
fn unsigned_calls_are_signed_from_the_credentials_file_and_forwarded() {
    let files = Files::new("ok");
    let up = upstream(&files);
    let r = relay(&files, up.port, SECRET);
    let mut c = r.connect();
    let app = "http://127.0.0.1:8080";

    let status = c.send(&plain_request("GET", "/__relay", &[("Origin", app)], ""));
    assert_eq!(status.status, 200, "{}", status.body);
    let v: serde_json::Value = serde_json::from_str(&status.body).unwrap();
    assert_eq!(v["region"], "eu-west-1");
    assert_eq!(v["upstream"], format!("http://127.0.0.1:{}/", up.port));
    assert_eq!(v["accessKeyId"], "AKID…0001");
    assert!(!status.body.contains(SECRET));

    let created = c.send(&unsigned(
        "CreatePipeline",
        r#"{"name":"relayed","uniqueId":"relayed"}"#,
        app,
    ));
    assert_eq!(created.status, 200, "{}", created.body);
    assert!(
        created.body.contains("\"pipelineId\":\"df-"),
        "{}",
        created.body
    );
    assert_eq!(created.header("access-control-allow-origin"), Some(app));
    assert_eq!(created.header("x-amzn-requestid").map(str::len), Some(36));
    // The upstream holds it: read it back there with a signature of our own.
    let listed = up.connect().call_as("ListPipelines", "{}", KEY, SECRET);
    assert!(listed.body.contains("relayed"), "{}", listed.body);

    // A page's own Authorization is dropped, not forwarded.
    let forged = plain_request(
        "POST",
        "/",
        &[
            ("Origin", app),
            ("Content-Type", "application/x-amz-json-1.1"),
            ("X-Amz-Target", "DataPipeline.ListPipelines"),
            ("Authorization", "AWS4-HMAC-SHA256 Credential=EVIL/20260101/us-east-1/datapipeline/aws4_request, SignedHeaders=host, Signature=00"),
        ],
        "{}",
    );
    assert_eq!(c.send(&forged).status, 200);

    let other = c.send(&plain_request(
        "POST",
        "/",
        &[
            ("Origin", app),
            ("X-Amz-Target", "DynamoDB_20120810.ListTables"),
        ],
        "{}",
    ));
    assert_eq!(other.status, 400);
    assert!(
        other.body.contains("UnknownOperationException"),
        "{}",
        other.body
    );
}

#[test]
fn a_wrong_secret_is_refused_by_the_upstream_and_relayed_as_such() {
    let files = Files::new("bad");
    let up = upstream(&files);
    let r = relay(&files, up.port, "not-the-secret");
    let a = r
        .connect()
        .send(&unsigned("ListPipelines", "{}", "http://localhost:3000"));
    assert_eq!(a.status, 403, "{}", a.body);
    assert!(
        a.body.contains("SignatureDoesNotMatch") || a.body.contains("InvalidSignature"),
        "{}",
        a.body
    );
}

#[test]
fn a_foreign_origin_is_refused_and_nothing_is_forwarded() {
    let files = Files::new("origin");
    let up = upstream(&files);
    let r = relay(&files, up.port, SECRET);
    let mut c = r.connect();
    let a = c.send(&unsigned(
        "CreatePipeline",
        r#"{"name":"evil","uniqueId":"evil"}"#,
        "https://evil.example",
    ));
    assert_eq!(a.status, 403);
    assert_eq!(a.header("access-control-allow-origin"), None);
    assert!(a.body.contains("AccessDeniedException"), "{}", a.body);
    let listed = up.connect().call_as("ListPipelines", "{}", KEY, SECRET);
    assert!(!listed.body.contains("evil"), "{}", listed.body);
}

#[test]
fn without_credentials_the_relay_says_so() {
    let files = Files::new("none");
    let empty = files.write("empty-credentials", "");
    let config = files.dir.join("no-config").display().to_string();
    let r = Server::start_with_env(
        &["--relay", "--port", "0", "--upstream", "http://127.0.0.1:9"],
        &[
            ("AWS_SHARED_CREDENTIALS_FILE", &empty),
            ("AWS_CONFIG_FILE", &config),
            ("AWS_REGION", "us-east-1"),
            ("AWS_EC2_METADATA_DISABLED", "true"),
        ],
    );
    let mut c = r.connect();
    let s = c.send(&plain_request("GET", "/__relay", &[], ""));
    assert_eq!(s.status, 503, "{}", s.body);
    assert!(s.body.contains("RelayCredentialsException"), "{}", s.body);
    let a = c.send(&unsigned("ListPipelines", "{}", "http://127.0.0.1:1"));
    assert_eq!(a.status, 503, "{}", a.body);
    assert!(a.body.contains("no AWS credentials"), "{}", a.body);
}
