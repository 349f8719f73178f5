//! Helpers for the server tests: start `pipeline-studio-server` on a free
//! port (reading its first stdout line) and a tiny keep-alive HTTP/1.1
//! client with SigV4 signing from `export::sigv4`.
#![allow(dead_code)]

use export::sigv4::{sign, Credentials, SignableRequest, SigningParams, TokenPlacement};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

pub struct Server {
    pub child: Child,
    pub port: u16,
}

impl Server {
    pub fn start(args: &[&str]) -> Server {
        Server::start_bin(env!("CARGO_BIN_EXE_pipeline-studio-server"), args, &[])
    }

    /// Start with these environment variables set and every other `AWS_*`
    /// one removed (the relay's credentials chain reads only what a test gives it).
    pub fn start_with_env(args: &[&str], env: &[(&str, &str)]) -> Server {
        Server::start_bin(env!("CARGO_BIN_EXE_pipeline-studio-server"), args, env)
    }

    /// Start another build of the server (a benchmark's `SERVER_BIN`).
    pub fn start_bin(bin: &str, args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut command = Command::new(bin);
        for (k, _) in std::env::vars() {
            if k.starts_with("AWS_") {
                command.env_remove(k);
            }
        }
        let mut child = command
            .envs(env.iter().copied())
            .args(["--port", "0", "--quiet"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start pipeline-studio-server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("first line");
        let port = line
            .trim()
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"));
        Server { child, port }
    }

    pub fn connect(&self) -> Conn {
        Conn::new(self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One answer: status, headers (lower-case names), body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A keep-alive connection.
pub struct Conn {
    port: u16,
    reader: BufReader<TcpStream>,
}

impl Conn {
    pub fn new(port: u16) -> Conn {
        let stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        stream.set_nodelay(true).ok();
        Conn {
            port,
            reader: BufReader::new(stream),
        }
    }

    /// Send raw request bytes and read one answer.
    pub fn send(&mut self, bytes: &[u8]) -> Answer {
        self.reader.get_mut().write_all(bytes).expect("write");
        let mut status_line = String::new();
        self.reader
            .read_line(&mut status_line)
            .expect("status line");
        let status = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
        let mut headers = Vec::new();
        loop {
            let mut line = String::new();
            self.reader.read_line(&mut line).expect("header");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        let len: usize = headers
            .iter()
            .find(|(k, _)| k == "content-length")
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0; len];
        self.reader.read_exact(&mut body).expect("body");
        Answer {
            status,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        }
    }

    /// A signed service call (key "test", secret `secret`).
    pub fn call(&mut self, action: &str, body: &str, secret: &str) -> Answer {
        self.call_as(action, body, "test", secret)
    }

    /// A service call signed with `key` and `secret`.
    pub fn call_as(&mut self, action: &str, body: &str, key: &str, secret: &str) -> Answer {
        let bytes = signed_request(self.port, action, body, key, secret);
        self.send(&bytes)
    }
}

/// The bytes of a SigV4-signed `POST /` for `DataPipeline.<action>`, signed now.
pub fn signed_request(port: u16, action: &str, body: &str, key: &str, secret: &str) -> Vec<u8> {
    let headers = vec![
        ("Host".to_string(), format!("127.0.0.1:{port}")),
        (
            "Content-Type".to_string(),
            "application/x-amz-json-1.1".to_string(),
        ),
        ("X-Amz-Target".to_string(), format!("DataPipeline.{action}")),
    ];
    let creds = Credentials::new(key, secret);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let params = SigningParams {
        credentials: &creds,
        region: "us-east-1",
        service: "datapipeline",
        time: export::sigv4::time_from_epoch_seconds(now).unwrap(),
        token_placement: TokenPlacement::Signed,
    };
    let req = SignableRequest {
        method: "POST",
        path: "/",
        query: "",
        headers: &headers,
        body: body.as_bytes(),
    };
    let signed = sign(&req, &params);
    let mut text = String::from("POST / HTTP/1.1\r\n");
    for (k, v) in &signed.headers {
        text.push_str(&format!("{k}: {v}\r\n"));
    }
    text.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    text.into_bytes()
}

/// Unsigned request bytes (admin API, preflights, negative tests).
pub fn plain_request(method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Vec<u8> {
    let mut text = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (k, v) in headers {
        text.push_str(&format!("{k}: {v}\r\n"));
    }
    text.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    text.into_bytes()
}
