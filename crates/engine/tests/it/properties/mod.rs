#![cfg(not(target_arch = "wasm32"))]
//! Property tests of the simulated service over random definitions, runner
//! policies and seeds: no task is leased to two runners at once, every
//! attempt ends or has a pending timer, no instance is lost or stuck
//! without a timer or a documented reason, and the same seed gives the
//! same trace byte for byte.
//!
//! Default: 64 cases per property. Long run (≥ 10,000):
//! `PROPTEST_CASES=10000 cargo test --no-default-features --release --test engine_properties`.

use crate::support::scenario;

use engine::{RunnerPolicy, RunnerSpec, Service, Status, Subject, WireField, WireObject};
use model::time::parse_datetime;
use proptest::prelude::*;
use std::collections::BTreeMap;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(64)
}

#[derive(Clone, Debug)]
struct Act {
    deps: Vec<usize>,
    timeseries: bool,
    retries: u32,
    retry_delay_min: u32,
    rpt_min: u32,
    attempt_timeout_min: Option<u32>,
    cascade: bool,
    group: &'static str,
}

#[derive(Clone, Debug)]
struct Scenario {
    period_min: u32,
    intervals: u32,
    acts: Vec<Act>,
    runners: Vec<(&'static str, RunnerPolicy)>,
    seed: u64,
}

fn act(n: usize) -> impl Strategy<Value = Act> {
    (
        proptest::collection::vec(any::<bool>(), n),
        any::<bool>(),
        0u32..4,
        2u32..20,
        3u32..30,
        proptest::option::of(10u32..90),
        any::<bool>(),
        prop_oneof![Just("a"), Just("b")],
    )
        .prop_map(
            |(deps, timeseries, retries, rd, rpt, at, cascade, group)| Act {
                deps: deps
                    .iter()
                    .enumerate()
                    .filter(|(_, d)| **d)
                    .map(|(k, _)| k)
                    .collect(),
                timeseries,
                retries,
                retry_delay_min: rd,
                rpt_min: rpt,
                attempt_timeout_min: at,
                cascade,
                group,
            },
        )
}

fn policy() -> impl Strategy<Value = RunnerPolicy> {
    (
        1u32..4,
        0i64..1800,
        0i64..3600,
        0.0f64..0.5,
        0.0f64..0.2,
        30i64..600,
    )
        .prop_map(|(threads, lo, span, fail, crash, report)| RunnerPolicy {
            threads,
            work_secs_min: lo,
            work_secs_max: lo + span,
            failure_probability: fail,
            crash_probability: crash,
            report_interval_secs: report,
            ..RunnerPolicy::default()
        })
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (1usize..5)
        .prop_flat_map(|n| {
            let acts: Vec<_> = (0..n).map(act).collect();
            (
                15u32..120,
                1u32..6,
                acts,
                proptest::collection::vec((prop_oneof![Just("a"), Just("b")], policy()), 0..4),
                any::<u64>(),
            )
        })
        .prop_map(|(period_min, intervals, acts, runners, seed)| Scenario {
            period_min,
            intervals,
            acts,
            runners,
            seed,
        })
}

fn f(key: &str, v: &str) -> WireField {
    WireField::string(key, v)
}

fn r(key: &str, v: &str) -> WireField {
    WireField::reference(key, v)
}

fn build(sc: &Scenario) -> Service {
    let start = "2020-01-01T00:00:00";
    let mut objects = vec![
        WireObject {
            id: "Default".into(),
            name: Some("Default".into()),
            fields: vec![],
        },
        WireObject {
            id: "Sched".into(),
            name: Some("Sched".into()),
            fields: vec![
                f("type", "Schedule"),
                f("period", &format!("{} minutes", sc.period_min)),
                f("startDateTime", start),
                f("occurrences", &sc.intervals.to_string()),
            ],
        },
    ];
    for (n, a) in sc.acts.iter().enumerate() {
        let mut fields = vec![
            f("type", "ShellCommandActivity"),
            f("command", "x"),
            r("schedule", "Sched"),
            f("workerGroup", a.group),
            f(
                "scheduleType",
                if a.timeseries { "timeseries" } else { "cron" },
            ),
            f("maximumRetries", &a.retries.to_string()),
            f("retryDelay", &format!("{} minutes", a.retry_delay_min)),
            f("reportProgressTimeout", &format!("{} minutes", a.rpt_min)),
            f(
                "failureAndRerunMode",
                if a.cascade { "cascade" } else { "none" },
            ),
        ];
        if let Some(t) = a.attempt_timeout_min {
            fields.push(f("attemptTimeout", &format!("{t} minutes")));
        }
        for d in &a.deps {
            fields.push(r("dependsOn", &format!("A{d}")));
        }
        objects.push(WireObject {
            id: format!("A{n}"),
            name: Some(format!("A{n}")),
            fields,
        });
    }
    let mut s = scenario::activated(start, sc.seed, ("prop", "prop"), objects);
    for (k, (group, policy)) in sc.runners.iter().enumerate() {
        s.add_runner(RunnerSpec {
            label: format!("r{k}"),
            worker_group: group.to_string(),
            hostname: format!("h{k}"),
            policy: policy.clone(),
        });
    }
    s
}

fn run(sc: &Scenario) -> Service {
    let mut s = build(sc);
    let end = parse_datetime("2020-01-03T00:00:00").unwrap();
    // Step so the state is audited along the way.
    let mut steps = 0;
    while let Some(t) = s.next_event_time() {
        if t > end || steps > 200_000 {
            break;
        }
        s.step();
        steps += 1;
        if steps % 97 == 0 {
            let problems = s.audit();
            assert!(problems.is_empty(), "at {}: {problems:?}", s.now());
        }
    }
    s.advance_to(end);
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn no_task_is_leased_to_two_runners_at_once(sc in scenario()) {
        let s = run(&sc);
        // Per attempt, hand-outs (→ RUNNING) alternate with leaving RUNNING.
        let mut holding: BTreeMap<engine::ix::AttemptIx, bool> = BTreeMap::new();
        for e in s.trace() {
            if let Subject::Attempt(a) = e.subject {
                if e.from == Some(e.to) { continue; }
                let held = holding.entry(a).or_insert(false);
                if e.to == Status::Running {
                    prop_assert!(!*held, "attempt {a} handed out twice: {}", s.describe_entry(&e));
                    *held = true;
                } else {
                    *held = false;
                }
            }
        }
    }

    #[test]
    fn every_instance_ends_or_waits_for_a_reason(sc in scenario()) {
        let s = run(&sc);
        let problems = s.audit();
        prop_assert!(problems.is_empty(), "{problems:?}");
        // No instance is lost: every interval of every activity has one.
        let v = serde_json::to_value(&s).unwrap();
        for c in v["pipelines"]["list"][0]["components"].as_array().unwrap() {
            if c["kind"] == "Activity" {
                prop_assert_eq!(c["instances"].as_array().unwrap().len(), sc.intervals as usize);
            }
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_trace(sc in scenario()) {
        let a = run(&sc);
        let b = run(&sc);
        prop_assert_eq!(a.trace_text(), b.trace_text());
        prop_assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
    }
}

#[test]
fn with_a_reliable_runner_every_attempt_ends() {
    let sc = Scenario {
        period_min: 30,
        intervals: 4,
        acts: vec![
            Act {
                deps: vec![],
                timeseries: false,
                retries: 2,
                retry_delay_min: 5,
                rpt_min: 15,
                attempt_timeout_min: None,
                cascade: false,
                group: "a",
            },
            Act {
                deps: vec![0],
                timeseries: true,
                retries: 0,
                retry_delay_min: 5,
                rpt_min: 15,
                attempt_timeout_min: Some(60),
                cascade: true,
                group: "b",
            },
        ],
        runners: vec![
            ("a", RunnerPolicy::default()),
            ("b", RunnerPolicy::default()),
        ],
        seed: 1,
    };
    let s = run(&sc);
    let v = serde_json::to_value(&s).unwrap();
    let attempts = v["pipelines"]["list"][0]["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 8);
    assert!(attempts.iter().all(|a| a["status"] == "FINISHED"));
}

mod robustness;
