//! Bounded load tests of pipeline-studio-server on loopback, ignored by
//! default (they print figures, they do not assert timings):
//!   cargo test --release --no-default-features --features server --test server_load -- --ignored --nocapture
//! `SERVER_LOAD_SECS` sets the DescribePipelines run length (default 3 s).

use crate::common;
use crate::support;
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::*;

fn create_seed_pipelines(s: &Server, n: usize) -> Vec<String> {
    let mut c = s.connect();
    let mut put: Value =
        serde_json::from_str(&common::sample_text("seed-sayhello-put-request.json")).unwrap();
    (0..n)
        .map(|k| {
            let a = c.call(
                "CreatePipeline",
                &format!(r#"{{"name":"p{k}","uniqueId":"p{k}"}}"#),
                "x",
            );
            let id = serde_json::from_str::<Value>(&a.body).unwrap()["pipelineId"]
                .as_str()
                .unwrap()
                .to_string();
            put["pipelineId"] = Value::String(id.clone());
            let p = c.call("PutPipelineDefinition", &put.to_string(), "x");
            assert!(p.body.contains("\"errored\":false"), "{}", p.body);
            assert_eq!(
                c.call(
                    "ActivatePipeline",
                    &format!(r#"{{"pipelineId":"{id}"}}"#),
                    "x"
                )
                .status,
                200
            );
            id
        })
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

#[test]
#[ignore]
fn describe_pipelines_at_50_concurrent_clients() {
    let s = Server::start(&["--clock", "manual"]);
    let ids = create_seed_pipelines(&s, 5);
    let body = serde_json::json!({ "pipelineIds": ids }).to_string();
    let secs: u64 = std::env::var("SERVER_LOAD_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let request = Arc::new(signed_request(
        s.port,
        "DescribePipelines",
        &body,
        "test",
        "x",
    ));
    let end = Instant::now() + Duration::from_secs(secs);
    let started = Instant::now();
    let threads: Vec<_> = (0..50)
        .map(|_| {
            let (request, port) = (request.clone(), s.port);
            std::thread::spawn(move || {
                let mut c = Conn::new(port);
                let mut lat = Vec::new();
                while Instant::now() < end {
                    let t0 = Instant::now();
                    let a = c.send(&request);
                    lat.push(t0.elapsed());
                    assert_eq!(a.status, 200, "{}", a.body);
                }
                lat
            })
        })
        .collect();
    let mut all: Vec<Duration> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    let elapsed = started.elapsed().as_secs_f64();
    all.sort();
    println!(
        "DescribePipelines (5 pipelines), 50 keep-alive clients, {secs} s: {} requests, {:.0} requests/s, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        all.len(),
        all.len() as f64 / elapsed,
        percentile(&all, 0.5).as_secs_f64() * 1e3,
        percentile(&all, 0.99).as_secs_f64() * 1e3,
        all.last().unwrap().as_secs_f64() * 1e3,
    );
}

#[test]
#[ignore]
fn hundred_runners_on_one_worker_group_never_share_a_task() {
    let s = Server::start(&["--clock", "manual"]);
    create_seed_pipelines(&s, 50);
    // Six hourly instances per pipeline are due: 300 tasks, 50 at a time.
    let mut c = s.connect();
    c.send(&plain_request(
        "POST",
        "/__clock/advance",
        &[],
        r#"{"seconds": 18000}"#,
    ));
    let handed: Arc<Mutex<Vec<(String, String, String)>>> = Arc::default();
    let polls = Arc::new(Mutex::new(0usize));
    let started = Instant::now();
    let runners: Vec<_> = (0..100)
        .map(|r| {
            let (handed, polls, port) = (handed.clone(), polls.clone(), s.port);
            std::thread::spawn(move || {
                let mut c = Conn::new(port);
                let poll = format!(r#"{{"workerGroup":"workerGroup","hostname":"runner-{r}"}}"#);
                let mut empty = 0;
                while empty < 20 {
                    let a = c.call("PollForTask", &poll, "x");
                    *polls.lock().unwrap() += 1;
                    assert_eq!(a.status, 200, "{}", a.body);
                    let v: Value = serde_json::from_str(&a.body).unwrap();
                    let Some(t) = v.get("taskObject") else {
                        empty += 1;
                        std::thread::sleep(Duration::from_millis(5));
                        continue;
                    };
                    empty = 0;
                    let task_id = t["taskId"].as_str().unwrap().to_string();
                    handed.lock().unwrap().push((
                        task_id.clone(),
                        t["pipelineId"].as_str().unwrap().to_string(),
                        t["attemptId"].as_str().unwrap().to_string(),
                    ));
                    let done = c.call(
                        "SetTaskStatus",
                        &serde_json::json!({"taskId": task_id, "taskStatus": "FINISHED"})
                            .to_string(),
                        "x",
                    );
                    assert_eq!(done.status, 200, "{}", done.body);
                }
            })
        })
        .collect();
    for r in runners {
        r.join().unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();
    let handed = handed.lock().unwrap();
    let polls = *polls.lock().unwrap();
    let tasks: BTreeSet<&String> = handed.iter().map(|(t, _, _)| t).collect();
    let attempts: BTreeSet<(&String, &String)> = handed.iter().map(|(_, p, a)| (p, a)).collect();
    println!(
        "100 runners, one workerGroup: {} tasks handed out in {elapsed:.2} s ({:.0} tasks/s, {} polls, {:.0} polls/s), duplicates: {}",
        handed.len(),
        handed.len() as f64 / elapsed,
        polls,
        polls as f64 / elapsed,
        handed.len() - tasks.len(),
    );
    assert_eq!(tasks.len(), handed.len(), "a taskId was handed out twice");
    assert_eq!(
        attempts.len(),
        handed.len(),
        "an attempt was handed out twice"
    );
    assert!(
        handed.len() >= 300,
        "expected every due task to run, got {}",
        handed.len()
    );
}
