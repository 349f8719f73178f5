//! "What if": the crashed-runner run of `story_tests` with one field
//! changed, compared with the original (reference §10: an expired lease
//! fails the attempt and the retry policy applies).

use super::*;
use crate::story::tests::crashed_runner;

const INSTANCE: &str = "@Hello_2024-01-01T00:00:00";

#[test]
fn the_same_run_does_not_diverge() {
    let (a, pid) = crashed_runner(&[]);
    let (b, _) = crashed_runner(&[]);
    let c = compare(&a, &b, &pid, 100);
    assert_eq!(c.divergence, None);
    assert!(c.rows.iter().all(|r| !r.differs()));
    assert_eq!(c.rows[0].id, INSTANCE);
}

#[test]
fn no_retries_end_failed_and_the_runs_part_at_the_lease_expiry() {
    let (a, pid) = crashed_runner(&[]);
    let (b, _) = crashed_runner(&[("maximumRetries", "0")]);
    let c = compare(&a, &b, &pid, 100);
    let d = c.divergence.expect("the runs part");
    assert_eq!(model::time::format_datetime(d.at), "2024-01-01T00:25:00");
    let before = d.before.unwrap();
    let after = d.after.unwrap();
    assert!(before.contains("RUNNING -> WAITING_FOR_RUNNER"), "{before}");
    assert!(after.contains("RUNNING -> FAILED"), "{after}");
    let row = c.rows.iter().find(|r| r.id == INSTANCE).unwrap();
    assert!(row.differs());
    let (x, y) = (row.before.as_ref().unwrap(), row.after.as_ref().unwrap());
    assert_eq!((x.status, x.attempts), (Status::Finished, 2));
    assert_eq!((y.status, y.attempts), (Status::Failed, 1));
    assert_eq!(
        y.ended.map(model::time::format_datetime).as_deref(),
        Some("2024-01-01T00:25:00")
    );
    assert_eq!(
        x.ended.map(model::time::format_datetime).as_deref(),
        Some("2024-01-01T00:41:00")
    );
}

#[test]
fn outcomes_stop_at_the_limit_and_count_the_rest() {
    let (mut a, pid) = crashed_runner(&[]);
    a.advance_to(model::time::parse_datetime("2024-01-03T00:00:00").unwrap());
    let c = compare(&a, &a, &pid, 1);
    assert_eq!(c.rows.len(), 1);
    assert!(c.left_out >= 2, "{}", c.left_out);
}
