//! What durability costs at every size (issue 19, item 3), printed, never
//! asserted: the scenario of the issue (manual clock, one pipeline with a
//! 15-minute Schedule and 10 ShellCommandActivity objects, no task runner)
//! advanced 1 day, 30 days and 1 year, then p50/p99 latency of AddTags and
//! PutPipelineDefinition with `--state`, the bytes on disk and their growth
//! per call, resident memory, and the time a restart takes until the first
//! answer. Ignored by default; run on the release build:
//!   LOAD=1 ./scripts/test-server          (with the other load tests), or
//!   cargo test --release -p pipeline-studio-server --test it durability_costs -- --ignored --nocapture
//! `SERVER_BIN` measures another binary (the pre-session server in
//! /work/base, say); `COST_DAYS=1,30` picks sizes; `COST_SECS` bounds the
//! sampling per call kind (default 20 s, at most 300 calls); `COST_ARGS`
//! adds server flags (`--keep-days 4`); `COST_MANAGED=1` puts the
//! activities on an Ec2Resource per interval, so the service's own Task
//! Runner finishes them (in the issue's scenario nothing ever finishes,
//! so retention has nothing to forget).

use crate::support::*;
use serde_json::{json, Value};
use std::path::Path;
use std::time::{Duration, Instant};

/// The issue's pipeline: Default (workerGroup), a 15-minute Schedule,
/// A0..A9; `managed`: A0..A9 run on an Ec2Resource of the same schedule.
pub fn scenario_objects(start: &str, managed: bool) -> Value {
    let mut objects = vec![
        json!({"id": "Default", "name": "Default", "fields": [
            {"key": "workerGroup", "stringValue": "wg"},
            {"key": "failureAndRerunMode", "stringValue": "CASCADE"}]}),
        json!({"id": "Sched", "name": "Sched", "fields": [
            {"key": "type", "stringValue": "Schedule"},
            {"key": "period", "stringValue": "15 minutes"},
            {"key": "startDateTime", "stringValue": start}]}),
    ];
    if managed {
        objects.push(json!({"id": "Ec2", "name": "Ec2", "fields": [
            {"key": "type", "stringValue": "Ec2Resource"},
            {"key": "schedule", "refValue": "Sched"},
            {"key": "role", "stringValue": "r"},
            {"key": "resourceRole", "stringValue": "rr"}]}));
    }
    for n in 0..10 {
        let mut fields = vec![
            json!({"key": "type", "stringValue": "ShellCommandActivity"}),
            json!({"key": "command", "stringValue": "echo hi"}),
            json!({"key": "schedule", "refValue": "Sched"}),
        ];
        if managed {
            fields.push(json!({"key": "runsOn", "refValue": "Ec2"}));
        }
        objects.push(json!({"id": format!("A{n}"), "name": format!("A{n}"), "fields": fields}));
    }
    Value::Array(objects)
}

fn pipeline_id(a: &Answer) -> String {
    let v: Value = serde_json::from_str(&a.body).unwrap();
    v["pipelineId"].as_str().unwrap().to_string()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// Bytes under `path` (a file, or a folder's files).
fn disk_bytes(path: &Path) -> u64 {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => std::fs::read_dir(path)
            .map(|d| d.flatten().map(|e| disk_bytes(&e.path())).sum())
            .unwrap_or(0),
        Ok(m) => m.len(),
        Err(_) => 0,
    }
}

/// (VmRSS, VmHWM) of a process in MB.
fn rss_mb(pid: u32) -> (f64, f64) {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
            / 1024.0
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Call `f` until `budget` is spent or `max` calls were made; sorted latencies.
fn sample(budget: Duration, max: usize, mut f: impl FnMut(usize) -> Answer) -> Vec<Duration> {
    let end = Instant::now() + budget;
    let mut lat = Vec::new();
    while lat.len() < max && (lat.is_empty() || Instant::now() < end) {
        let t0 = Instant::now();
        let a = f(lat.len());
        lat.push(t0.elapsed());
        assert_eq!(a.status, 200, "{}", a.body);
    }
    lat.sort();
    lat
}

fn summary(name: &str, lat: &[Duration]) -> String {
    format!(
        "{name} n={} p50 {:.2} ms p99 {:.2} ms max {:.2} ms",
        lat.len(),
        ms(percentile(lat, 0.5)),
        ms(percentile(lat, 0.99)),
        ms(*lat.last().unwrap())
    )
}

fn bin() -> String {
    std::env::var("SERVER_BIN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_pipeline-studio-server").to_string())
}

/// One size: a fresh server with `--state`, the scenario advanced `days`.
fn one_size(days: u64, budget: Duration, extra: &[&str]) {
    let dir = std::env::temp_dir().join(format!("ps-cost-{}-{days}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let state = dir.join("state");
    let state_s = state.to_string_lossy().into_owned();
    let start = "2020-01-01T00:00:00";
    let mut args = vec!["--clock", "manual", "--start", start, "--state", &state_s];
    args.extend_from_slice(extra);
    let s = Server::start_bin(&bin(), &args, &[]);
    let mut c = s.connect();
    let objects = scenario_objects(start, std::env::var("COST_MANAGED").is_ok_and(|v| v == "1"));
    let pid = pipeline_id(&c.call(
        "CreatePipeline",
        r#"{"name":"cost","uniqueId":"cost"}"#,
        "x",
    ));
    let put = json!({"pipelineId": pid, "pipelineObjects": objects}).to_string();
    let a = c.call("PutPipelineDefinition", &put, "x");
    assert!(a.body.contains("\"errored\":false"), "{}", a.body);
    let a = c.call(
        "ActivatePipeline",
        &json!({"pipelineId": pid}).to_string(),
        "x",
    );
    assert_eq!(a.status, 200, "{}", a.body);
    // A second pipeline, never activated, takes the PutPipelineDefinition calls.
    let scratch = pipeline_id(&c.call(
        "CreatePipeline",
        r#"{"name":"scratch","uniqueId":"scratch"}"#,
        "x",
    ));
    let scratch_put = json!({"pipelineId": scratch, "pipelineObjects": objects}).to_string();
    let t0 = Instant::now();
    let adv = c.send(&plain_request(
        "POST",
        "/__clock/advance",
        &[],
        &json!({ "seconds": days * 86_400 }).to_string(),
    ));
    assert_eq!(adv.status, 200, "{}", adv.body);
    let advance = t0.elapsed();
    let before = disk_bytes(&state);
    let tags = sample(budget, 300, |k| {
        let body = json!({"pipelineId": pid, "tags": [{"key": "seq", "value": k.to_string()}]});
        c.call("AddTags", &body.to_string(), "x")
    });
    let between = disk_bytes(&state);
    let puts = sample(budget, 300, |_| {
        c.call("PutPipelineDefinition", &scratch_put, "x")
    });
    let after = disk_bytes(&state);
    // Bytes written per call of each kind (the state's growth; the old
    // whole-state file is rewritten instead, so it hardly grows).
    let per_tag = between.saturating_sub(before) as f64 / tags.len() as f64;
    let per_put = after.saturating_sub(between) as f64 / puts.len() as f64;
    let (rss, hwm) = rss_mb(s.child.id());
    let mut s = s;
    let _ = s.child.kill();
    let _ = s.child.wait();
    drop(s);
    // Restart: until the first ListPipelines is answered.
    let t0 = Instant::now();
    let s2 = Server::start_bin(&bin(), &args, &[]);
    let mut c2 = s2.connect();
    let l = c2.call("ListPipelines", "{}", "x");
    let restart = t0.elapsed();
    assert!(l.body.contains(&pid), "{}", l.body);
    let (rss2, _) = rss_mb(s2.child.id());
    println!(
        "{days} d: advance {:.2} s; {}; {}; state {:.1} MB on disk, growth per call: \
         AddTags {per_tag:.0} B, PutPipelineDefinition ({} B body) {per_put:.0} B; \
         RSS {rss:.0} MB (peak {hwm:.0} MB); restart {:.0} ms to the first answer, \
         RSS after restart {rss2:.0} MB",
        advance.as_secs_f64(),
        summary("AddTags", &tags),
        summary("PutPipelineDefinition", &puts),
        after as f64 / 1e6,
        scratch_put.len(),
        ms(restart),
    );
    drop(s2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
#[ignore]
fn durability_costs_at_1_day_30_days_1_year() {
    let budget = Duration::from_secs(
        std::env::var("COST_SECS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(20),
    );
    let days: Vec<u64> = std::env::var("COST_DAYS")
        .unwrap_or_else(|_| "1,30,365".into())
        .split(',')
        .filter_map(|d| d.trim().parse().ok())
        .collect();
    let extra = std::env::var("COST_ARGS").unwrap_or_default();
    let extra: Vec<&str> = extra.split_whitespace().collect();
    println!("server: {}", bin());
    for d in days {
        one_size(d, budget, &extra);
    }
}
