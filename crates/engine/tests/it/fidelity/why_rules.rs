//! "Why?" names the rule and its source for a retry and a reassignment
//! (issue 18 item 9; reference §10 "defaults" and "the two progress-timeout
//! figures"; Developer Guide object reference, `maximumRetries`,
//! `retryDelay`, `reportProgressTimeout`; API Reference, PollForTask).

use crate::support::*;
use engine::rules::{self, Provenance, RuleId};

const T0: &str = "2012-12-12T00:00:00";

/// A failed attempt waits `retryDelay`: "Why?" on the instance names the
/// retry rules, says the defaults are the project's choice and cites the
/// object reference (Developer Guide, object reference, `maximumRetries`,
/// `retryDelay`; reference §10 "defaults").
#[test]
fn why_on_a_retried_instance_names_the_retry_rules_and_their_source() {
    let mut s = service_at(T0);
    let pid = create(&mut s, "p");
    put(&mut s, &pid, simple(T0, Some("2012-12-12T01:00:00"), &[]));
    activate(&mut s, &pid);
    let t = poll(&mut s, "wg").expect("a task");
    finish(&mut s, &task_id(&t), "FAILED");
    let lines = s.explain(&pid, "@A_2012-12-12T00:00:00");
    let text = lines.join("\n");
    assert!(text.contains("retrying at"), "{text}");
    let retries = rules::rule(RuleId::MaximumRetries);
    assert_eq!(retries.provenance, Provenance::ProjectChoice);
    assert!(text.contains(&retries.why_line()), "{text}");
    assert!(text.contains("project's choice"), "{text}");
    assert!(text.contains("object reference, maximumRetries"), "{text}");
    assert!(text.contains("object reference, retryDelay"), "{text}");
}

/// A task not acknowledged within 2 minutes is handed out again: "Why?" on
/// the attempt names that rule and the API Reference (PollForTask), and a
/// lapsed lease names `reportProgressTimeout` with the conflicting
/// 5-minute sentence (reference §4 "acknowledge", "lease"; §10).
#[test]
fn why_on_a_reassigned_attempt_names_the_ack_and_lease_rules() {
    let mut s = service_at(T0);
    let pid = create(&mut s, "p");
    put(&mut s, &pid, simple(T0, Some("2012-12-12T01:00:00"), &[]));
    activate(&mut s, &pid);
    let t = poll(&mut s, "wg").expect("a task");
    let attempt = t["attemptId"].as_str().unwrap().to_string();
    let later = plus_secs(&s, 3 * 60);
    s.advance_to(later);
    let text = s.explain(&pid, &attempt).join("\n");
    assert!(text.contains("handed out again"), "{text}");
    assert!(
        text.contains(&rules::rule(RuleId::AckTimeout).why_line()),
        "{text}"
    );
    assert!(text.contains("API Reference, PollForTask"), "{text}");
    // Taken again and acknowledged, then silent: the lease lapses.
    let t = poll(&mut s, "wg").expect("handed out again");
    report(&mut s, &task_id(&t));
    let later = plus_secs(&s, 16 * 60);
    s.advance_to(later);
    let text = s.explain(&pid, &attempt).join("\n");
    assert!(text.contains("lease expired"), "{text}");
    assert!(text.contains("after 5 minutes"), "{text}");
    assert!(text.contains("sources conflict"), "{text}");
}
