//! The spans of one instance on the timeline, from its status changes and
//! its attempts' (`timeline_build` keeps the changes): waiting periods,
//! retry delays between attempts, and each attempt's queued and running
//! spans with how it ended and who held it.

use super::timeline_build::Track;
use super::timeline_data::{Span, SpanKind};
use crate::engine::Status;

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
pub(super) fn instance_spans(track: &Track, n: u32, now: i64, spans: &mut Vec<Span>) -> (i64, i64) {
    for (k, &(t, s)) in track.changes.iter().enumerate() {
        let end = track.changes.get(k + 1).map_or(now, |c| c.0);
        if matches!(s, Status::WaitingOnDependencies | Status::Paused) && end > t {
            spans.push(span(SpanKind::Waiting, t, end, n, None));
        }
    }
    let first = track.changes.first().map_or(0, |c| c.0);
    let last = match track.changes.last() {
        Some(&(t, s)) if s.is_terminal() => t,
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
    for (k, &(t, s)) in track.changes.iter().enumerate() {
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
