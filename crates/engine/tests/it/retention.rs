//! Retention (issue 19, item 4): with a rule of N days, finished
//! instances, their attempts and trace entries older than the window are
//! forgotten at virtual midnights; a forgotten id answers as an id the
//! pipeline never had, QueryObjects no longer lists it, and the same calls
//! at the same virtual times give the same state however the clock gets
//! there (the endpoint's journal replays calls, so this is what makes a
//! restart equal the live server). Sources: the AWS Data Pipeline
//! Developer Guide, "Viewing Pipeline Instance Details" (the console's
//! Execution details list runs in a chosen Start/End range; `list-runs`
//! filters because "depending on the pipeline's age and scheduling, the
//! run history can be large": no time limit is documented, so retention is
//! off by default) and "AWS Data Pipeline Limits" (no limit on run
//! history); docs/decisions.md, "Retention".

use crate::support::scenario::{self, at, START};
use crate::support::{call, ok};
use engine::retention::RetentionRule;
use engine::Service;
use serde_json::{json, Value};

/// The benchmark's pipeline (10 activities, 15-minute schedule, a runner
/// with 4 threads and tasks of up to 5 minutes) and its id.
fn scenario_service(keep_days: Option<u32>) -> (Service, String) {
    let mut s = scenario::year_service();
    s.set_retention(keep_days.map(|keep_days| RetentionRule { keep_days }));
    let pid = ok(&mut s, "ListPipelines", json!({}))["pipelineIdList"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    (s, pid)
}

fn describe(s: &mut Service, pid: &str, id: &str) -> (u16, Value) {
    call(
        s,
        "DescribeObjects",
        json!({"pipelineId": pid, "objectIds": [id]}),
    )
}

fn field(v: &Value, key: &str) -> Option<String> {
    v["pipelineObjects"][0]["fields"]
        .as_array()?
        .iter()
        .find(|f| f["key"] == key)
        .and_then(|f| f["stringValue"].as_str())
        .map(str::to_string)
}

#[test]
fn finished_history_older_than_the_window_is_forgotten_and_unknown_by_id() {
    let (mut s, pid) = scenario_service(Some(4));
    assert_eq!(s.retention(), Some(RetentionRule { keep_days: 4 }));
    s.advance_to(at("2020-02-10T00:00:00"));
    let f = s.forgotten();
    assert!(
        f.instances > 0 && f.attempts > 0 && f.trace_entries > 0,
        "nothing forgotten after 40 days with a 4-day window: {f:?}"
    );
    // The first instance and its attempt answer as ids never seen.
    let first = "@A0_2020-01-01T00:00:00";
    let never = "@A0_1999-01-01T00:00:00";
    assert_eq!(describe(&mut s, &pid, first), describe(&mut s, &pid, never));
    assert_eq!(
        describe(&mut s, &pid, &format!("{first}_Attempt=1")),
        describe(&mut s, &pid, &format!("{never}_Attempt=1"))
    );
    // An instance that ended two days ago keeps its whole detail.
    let recent = "@A0_2020-02-08T00:00:00";
    let (status, v) = describe(&mut s, &pid, recent);
    assert_eq!(status, 200);
    assert_eq!(field(&v, "@status").as_deref(), Some("FINISHED"), "{v}");
    assert_eq!(field(&v, "@attemptCount").as_deref(), Some("1"), "{v}");
    let (status, v) = describe(&mut s, &pid, &format!("{recent}_Attempt=1"));
    assert_eq!(
        (status, field(&v, "@status").as_deref()),
        (200, Some("FINISHED"))
    );
    // QueryObjects lists none of the forgotten instances: its first page
    // starts after the window's edge, and paging reaches the newest.
    let page = ok(
        &mut s,
        "QueryObjects",
        json!({"pipelineId": pid, "sphere": "INSTANCE", "limit": 5}),
    );
    let ids: Vec<&str> = page["ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 5, "{page}");
    assert!(ids.iter().all(|id| *id > "@A0_2020-01-05"), "{ids:?}");
    assert!(!ids.iter().any(|id| id.ends_with("2020-01-01T00:00:00")));
    // The trace no longer starts at the beginning; every entry it still
    // holds renders (no forgotten position panics).
    assert!(s.trace().first() > 0);
    let oldest = s.trace().iter().next().unwrap();
    assert!(oldest.at > at(START), "{oldest:?}");
    assert!(!s.trace_text().is_empty());
    // The read-only views answer for forgotten ids as for unknown ones and
    // never reach a forgotten position.
    assert!(s.story(&pid, first).is_none() && s.story(&pid, never).is_none());
    assert!(s.explain(&pid, first).len() <= s.explain(&pid, never).len());
    assert!(s.story(&pid, recent).is_some());
    assert!(!s.explain(&pid, recent).is_empty());
    assert!(s.pipeline_story(&pid).is_some());
    assert!(!s.latest_instances(&pid).is_empty());
    let _ = s.leases(&pid);
    assert_eq!(s.subject_of(&pid, first), s.subject_of(&pid, never));
    // The service keeps running as before: instances are still created,
    // handed out and finished after the sweeps.
    s.advance_to(at("2020-02-11T00:00:00"));
    let (_, v) = describe(&mut s, &pid, "@A9_2020-02-10T12:00:00");
    assert_eq!(field(&v, "@status").as_deref(), Some("FINISHED"), "{v}");
}

#[test]
fn without_a_rule_everything_is_kept() {
    let (mut s, pid) = scenario_service(None);
    s.advance_to(at("2020-01-20T00:00:00"));
    assert_eq!(s.forgotten(), Default::default());
    let (_, v) = describe(&mut s, &pid, "@A0_2020-01-01T00:00:00");
    assert_eq!(field(&v, "@status").as_deref(), Some("FINISHED"), "{v}");
}

#[test]
fn the_same_calls_at_the_same_times_give_the_same_state_with_retention() {
    // Live: the clock moves an hour at a time with calls in between (as
    // the endpoint's wall clock and its clients move it); replay: the same
    // calls at the same virtual times, the clock jumping between them.
    let calls: Vec<(&str, &str)> = vec![
        ("2020-01-09T10:00:00", "AddTags"),
        ("2020-01-14T00:00:00", "AddTags"),
        ("2020-01-20T23:00:00", "AddTags"),
    ];
    let end = at("2020-01-22T00:00:00");
    let run = |hourly: bool| {
        let (mut s, pid) = scenario_service(Some(3));
        for (k, (t, action)) in calls.iter().enumerate() {
            let t = at(t);
            while hourly && s.now() + chrono::TimeDelta::hours(1) < t {
                let next = s.now() + chrono::TimeDelta::hours(1);
                s.advance_to(next);
            }
            s.advance_to(t);
            let tags = json!([{"key": format!("k{k}"), "value": "v"}]);
            ok(&mut s, action, json!({"pipelineId": pid, "tags": tags}));
        }
        s.advance_to(end);
        s
    };
    let live = run(true);
    let replay = run(false);
    assert!(live.forgotten().instances > 0, "{:?}", live.forgotten());
    assert_eq!(live.forgotten(), replay.forgotten());
    let state = |s: &Service| serde_json::to_string(s).unwrap();
    assert_eq!(state(&live), state(&replay));
    // Saved and read back (a snapshot), it goes on as the live one does.
    let mut restored: Service = serde_json::from_str(&state(&live)).unwrap();
    let mut live = live;
    assert_eq!(restored.forgotten(), live.forgotten());
    let later = at("2020-01-30T00:00:00");
    live.advance_to(later);
    restored.advance_to(later);
    assert_eq!(state(&restored), state(&live));
    assert_eq!(restored.trace_text(), live.trace_text());
}
