//! A user-managed precondition whose check fails (issue 18 item 3).
//! Developer Guide, object reference, ShellCommandPrecondition:
//! `maximumRetries` "Maximum number attempt retries on failure",
//! `retryDelay` "The timeout duration between two retry attempts",
//! `preconditionTimeout` "The period from start after which precondition is
//! marked as failed if still not satisfied"; dp-manage-cascade-failandrerun
//! for what its consumer does then (CASCADE_FAILED with cascade, else it
//! stays WAITING_ON_DEPENDENCIES).

use crate::support::*;
use engine::Service;

const T0: &str = "2012-12-12T00:00:00";
const READY: &str = "@Ready_2012-12-12T00:00:00";
const A: &str = "@A_2012-12-12T00:00:00";

fn start(mode: &str, ready: &[(&str, &str)]) -> (Service, String) {
    let mut objs = simple(
        T0,
        Some("2012-12-12T01:00:00"),
        &[("precondition", "@Ready"), ("failureAndRerunMode", mode)],
    );
    let mut fields = vec![
        ("type", "ShellCommandPrecondition"),
        ("command", "test -f x"),
        ("retryDelay", "5 minutes"),
    ];
    fields.extend_from_slice(ready);
    objs.push(obj("Ready", &fields));
    let mut s = service_at(T0);
    let pid = create(&mut s, "p");
    put(&mut s, &pid, objs);
    activate(&mut s, &pid);
    (s, pid)
}

/// Check the precondition once, answering `verdict`; then wait retryDelay.
fn check(s: &mut Service, verdict: &str) {
    let t = poll(s, "wg").expect("a precondition check");
    assert!(t["attemptId"].as_str().unwrap().starts_with(READY), "{t}");
    finish(s, &task_id(&t), verdict);
    let later = plus_secs(s, 5 * 60);
    s.advance_to(later);
}

/// maximumRetries 1: the second FAILED check ends the precondition FAILED;
/// its consumer with cascade becomes CASCADE_FAILED.
#[test]
fn failed_checks_use_tries_and_end_the_precondition() {
    let (mut s, pid) = start("cascade", &[("maximumRetries", "1")]);
    check(&mut s, "FAILED");
    assert_eq!(status(&mut s, &pid, READY), "WAITING_FOR_RUNNER");
    check(&mut s, "FAILED");
    assert_eq!(status(&mut s, &pid, READY), "FAILED");
    assert!(poll(&mut s, "wg").is_none(), "no third check");
    assert_eq!(status(&mut s, &pid, A), "CASCADE_FAILED");
}

/// The same with failureAndRerunMode none: the activity keeps waiting.
#[test]
fn a_consumer_without_cascade_keeps_waiting() {
    let (mut s, pid) = start("none", &[("maximumRetries", "0")]);
    check(&mut s, "FAILED");
    assert_eq!(status(&mut s, &pid, READY), "FAILED");
    assert_eq!(status(&mut s, &pid, A), "WAITING_ON_DEPENDENCIES");
}

/// A check that evaluates to false is not a failure (no try used), but
/// preconditionTimeout ends the wait, FAILED checks included.
#[test]
fn false_checks_use_no_tries_and_precondition_timeout_ends_the_wait() {
    let (mut s, pid) = start(
        "cascade",
        &[
            ("maximumRetries", "0"),
            ("preconditionTimeout", "12 minutes"),
        ],
    );
    check(&mut s, "FALSE");
    check(&mut s, "FALSE");
    assert_eq!(status(&mut s, &pid, READY), "WAITING_FOR_RUNNER");
    // The third check starts at 00:10 and is still running at 00:12.
    let (mut s2, pid2) = start(
        "cascade",
        &[
            ("maximumRetries", "5"),
            ("preconditionTimeout", "12 minutes"),
        ],
    );
    check(&mut s2, "FAILED");
    check(&mut s2, "FAILED");
    check(&mut s2, "FAILED");
    // 00:15: past the 12 minutes since the first check at 00:00.
    assert_eq!(status(&mut s2, &pid2, READY), "FAILED");
    assert_eq!(status(&mut s2, &pid2, A), "CASCADE_FAILED");
    assert!(s2
        .explain(&pid2, READY)
        .join("\n")
        .contains("preconditionTimeout"));
}
