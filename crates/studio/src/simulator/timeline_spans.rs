//! The spans of one instance on the timeline, from its status changes and
//! its attempts' (`timeline_build` keeps the changes): waiting periods,
//! retry delays between attempts, each attempt's queued and running
//! spans with how it ended and who held it, and under each hand-out its
//! acknowledgement window and lease (reference §4 "acknowledge" and
//! "lease", §10 "acknowledgement window / lease"): the times come from the
//! trace (hand-outs, acknowledgements, lapses, ends) and, for the latest
//! hand-out, from the engine's `attempt_lease` (the last progress report,
//! the deadlines it applies); nothing is recomputed from the rules here.

use chrono::NaiveDateTime;

use super::timeline_build::{Changes, Track};
use super::timeline_data::{Span, SpanKind};
use crate::engine::{AttemptLease, Status};

/// An attempt's latest hand-out as the engine holds it, in seconds from
/// the timeline's origin.
#[derive(Clone, Debug, PartialEq)]
pub struct LeaseTimes {
    pub handed_out: i64,
    pub ack_deadline: i64,
    pub last_report: Option<i64>,
    /// When the task goes back or fails unless something comes in first
    /// (`AttemptLease::runs_out`).
    pub runs_out: Option<i64>,
    /// A runner holds it now.
    pub live: bool,
}

impl LeaseTimes {
    pub fn from_engine(l: &AttemptLease, origin: NaiveDateTime) -> LeaseTimes {
        let secs = |t: NaiveDateTime| (t - origin).num_seconds();
        LeaseTimes {
            handed_out: secs(l.handed_out),
            ack_deadline: secs(l.ack_deadline),
            last_report: l.last_report.map(secs),
            runs_out: l.runs_out().map(secs),
            live: l.live,
        }
    }
}

fn span(kind: SpanKind, start: i64, end: i64, instance: u32, attempt: Option<u32>) -> Span {
    Span {
        kind,
        start,
        end,
        instance,
        attempt,
        outcome: None,
        holder: None,
    }
}

/// The waiting spans of one instance (into `spans`) and the time it spans.
pub(super) fn instance_spans(
    changes: &Changes,
    n: u32,
    now: i64,
    spans: &mut Vec<Span>,
) -> (i64, i64) {
    for (k, (t, s)) in changes.iter().enumerate() {
        let end = changes.get(k + 1).map_or(now, |c| c.0);
        if matches!(s, Status::WaitingOnDependencies | Status::Paused) && end > t {
            spans.push(span(SpanKind::Waiting, t, end, n, None));
        }
    }
    let first = changes.first().map_or(0, |c| c.0);
    let last = match changes.last() {
        Some((t, s)) if s.is_terminal() => t,
        _ => now,
    };
    (first, last)
}

/// An attempt's retry delay (after `prev_end`), queued and running spans;
/// returns when it ended.
pub(super) fn attempt_spans(
    track: &Track,
    n: u32,
    a: u32,
    prev_end: Option<i64>,
    now: i64,
    out: &mut Vec<Span>,
) -> i64 {
    let created = track.changes.first().map_or(0, |c| c.0);
    if let Some(e) = prev_end.filter(|&e| created > e) {
        out.push(span(SpanKind::RetryDelay, e, created, n, Some(a)));
    }
    let mut holders = track.holders.iter();
    let mut end_at = now;
    for (k, (t, s)) in track.changes.iter().enumerate() {
        let next = track.changes.get(k + 1);
        let kind = match s {
            Status::WaitingForRunner => SpanKind::Queued,
            Status::Running => SpanKind::Running,
            _ => {
                end_at = t;
                continue;
            }
        };
        let mut sp = span(kind, t, next.map_or(now, |c| c.0).max(t), n, Some(a));
        sp.outcome = next.map(|c| c.1).filter(|s| s.is_terminal());
        if kind == SpanKind::Running {
            sp.holder = holders.next().cloned();
        }
        out.push(sp);
    }
    end_at
}

/// The acknowledgement window and lease of each hand-out of attempt `a`
/// (into `out`): the window from the hand-out to its acknowledgement (or
/// to its lapse, or the task's end when none came), then the lease,
/// renewed up to the last progress report, and what was left of it after
/// that: to the task's end or the lease's expiry, or, while a runner
/// holds it, to when it runs out unless progress comes in (past `now`).
pub(super) fn lease_spans(
    track: &Track,
    n: u32,
    a: u32,
    held: Option<&LeaseTimes>,
    now: i64,
    out: &mut Vec<Span>,
) {
    let mut holders = track.holders.iter();
    let changes = &track.changes;
    for (k, (t, s)) in changes.iter().enumerate() {
        if s != Status::Running {
            continue;
        }
        let holder = holders.next().cloned();
        let next = changes.get(k + 1);
        let end = next.map(|c| c.0);
        // Back in the queue: the window lapsed unacknowledged (an
        // acknowledgement in the same second is the next hand-out's).
        let lapsed = next.is_some_and(|c| c.1 == Status::WaitingForRunner);
        // The engine's times are of the latest hand-out only, and only
        // while it is the one shown (a long trace is read in parts).
        let latest = held.filter(|h| h.handed_out == t);
        let live = latest.filter(|h| h.live && end.is_none());
        let ack = track
            .ack
            .filter(|&c| !lapsed && c >= t && end.is_none_or(|e| c <= e));
        let mut push = |kind: SpanKind, from: i64, to: i64| {
            let mut sp = span(kind, from, to.max(from), n, Some(a));
            sp.holder = holder.clone();
            out.push(sp);
        };
        let window_end = ack.or(end).or(live.map(|h| h.ack_deadline)).unwrap_or(now);
        // A window closed in the second it opened (acknowledged at once)
        // has nothing to draw.
        if window_end > t {
            push(SpanKind::AckWindow, t, window_end);
        }
        let Some(c) = ack else { continue };
        let lease_end = end.or(live.and_then(|h| h.runs_out)).unwrap_or(now);
        let report = latest
            .and_then(|h| h.last_report)
            .filter(|&r| r >= c && r <= lease_end);
        match report {
            Some(r) => {
                if r > c {
                    push(SpanKind::Lease, c, r);
                }
                push(SpanKind::LeaseLeft, r, lease_end);
            }
            None => push(SpanKind::Lease, c, lease_end),
        }
    }
}
