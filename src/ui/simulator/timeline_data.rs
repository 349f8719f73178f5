//! The Gantt timeline's data, in plain Rust, read from the engine's trace
//! only: per component a row, per instance a lane, and on it the waiting
//! periods, the attempts' queued and running spans, the retry delays
//! between attempts, and point marks for expired leases, lapsed
//! acknowledgements (the task handed out again) and `attemptTimeout`.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use crate::engine::clock::Timer;
use crate::engine::{Cause, Service, Status, Subject};

/// What a span shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SpanKind {
    /// The instance waits (dependencies, schedule, preconditions, pause).
    Waiting,
    /// An attempt is queued for a runner.
    Queued,
    /// An attempt is held by a runner.
    Running,
    /// Between a failed attempt and the next one (`retryDelay`).
    RetryDelay,
}

/// A point event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MarkKind {
    /// The progress lease lapsed: the attempt failed.
    LeaseExpired,
    /// The acknowledgement window lapsed: the task was handed out again.
    Reassigned,
    /// `attemptTimeout` ran out.
    TimedOut,
}

/// A span of one lane, in seconds from the timeline's start.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    pub kind: SpanKind,
    pub start: i64,
    pub end: i64,
    /// Index into `Timeline::instances`.
    pub instance: u32,
    /// Index into `Timeline::attempts` (queued, running).
    pub attempt: Option<u32>,
    /// How a running span ended (None while it runs).
    pub outcome: Option<Status>,
    /// The runner that held it (running spans).
    pub holder: Option<String>,
}

/// A point event of one lane.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub kind: MarkKind,
    pub at: i64,
    pub instance: u32,
    pub attempt: u32,
}

/// One component: its lanes (one per overlapping instance).
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub component: String,
    pub lanes: u32,
    /// Lane of each span / mark (same order as `spans` / `marks`).
    pub spans: Vec<(u32, Span)>,
    pub marks: Vec<(u32, Mark)>,
}

/// The whole timeline.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Timeline {
    pub origin: Option<NaiveDateTime>,
    /// Seconds from `origin` to the service's `now`.
    pub length: i64,
    pub rows: Vec<Row>,
    pub instances: Vec<String>,
    pub attempts: Vec<String>,
    /// Number of attempts drawn.
    pub attempt_count: usize,
}

#[derive(Default)]
struct Track {
    /// (time, status) of each change, in order.
    changes: Vec<(i64, Status)>,
    marks: Vec<(i64, MarkKind)>,
    holders: Vec<(i64, String)>,
}

fn mark_of(cause: &Cause) -> Option<MarkKind> {
    match cause {
        Cause::Timer(Timer::LeaseExpiry { .. }) => Some(MarkKind::LeaseExpired),
        Cause::Timer(Timer::AckExpiry { .. }) => Some(MarkKind::Reassigned),
        Cause::Timer(Timer::AttemptTimeout { .. }) => Some(MarkKind::TimedOut),
        _ => None,
    }
}

/// Build the timeline of `pipeline_id` from the trace. `component_of` maps
/// instance ids to their component (`@componentParent`, as DescribeObjects
/// answers); instances not in it are left out.
pub fn build(
    service: &Service,
    pipeline_id: &str,
    component_of: &BTreeMap<String, String>,
) -> Timeline {
    let trace = service.trace();
    let Some(p) = trace
        .iter()
        .map(|e| e.pipeline)
        .find(|&p| service.subject_id(p, Subject::Pipeline) == pipeline_id)
    else {
        return Timeline::default();
    };
    let entries = || trace.iter().filter(move |e| e.pipeline == p);
    let Some(origin) = entries().map(|e| e.at).next() else {
        return Timeline::default();
    };
    let secs = |t: NaiveDateTime| (t - origin).num_seconds();
    let now = secs(service.now());
    let mut insts: BTreeMap<u32, Track> = BTreeMap::new();
    let mut atts: BTreeMap<u32, Track> = BTreeMap::new();
    for e in entries() {
        let (map, n) = match e.subject {
            Subject::Instance(i) => (&mut insts, i),
            Subject::Attempt(a) => (&mut atts, a),
            _ => continue,
        };
        let t = secs(e.at);
        let track = map.entry(n).or_default();
        if let Some(m) = mark_of(&e.cause) {
            track.marks.push((t, m));
        }
        if e.to == Status::Running && e.from != Some(Status::Running) {
            let cause = service.describe_cause(p, &e.cause);
            let holder = cause.split_once(" by ").map_or("?", |c| c.1);
            track.holders.push((t, holder.to_string()));
        }
        if track.changes.last().map(|c| c.1) != Some(e.to) {
            track.changes.push((t, e.to));
        }
    }
    let mut tl = Timeline {
        origin: Some(origin),
        length: now.max(1),
        ..Timeline::default()
    };
    // One lane entry per instance: (component, first, last, spans, marks).
    let mut lanes: Vec<Lane> = Vec::new();
    let mut index: BTreeMap<String, u32> = BTreeMap::new();
    for (&i, track) in &insts {
        let id = service.subject_id(p, Subject::Instance(i));
        let Some(comp) = component_of.get(&id) else {
            continue;
        };
        let n = tl.instances.len() as u32;
        index.insert(id.clone(), n);
        tl.instances.push(id);
        lanes.push(instance_lane(comp, n, track, now));
    }
    let mut prev_end: BTreeMap<u32, i64> = BTreeMap::new();
    for (&a, track) in &atts {
        let id = service.subject_id(p, Subject::Attempt(a));
        let Some(&n) = id.rsplit_once("_Attempt=").and_then(|(i, _)| index.get(i)) else {
            continue;
        };
        let an = tl.attempts.len() as u32;
        tl.attempts.push(id);
        let lane = &mut lanes[n as usize];
        let created = track.changes.first().map_or(0, |c| c.0);
        if let Some(&e) = prev_end.get(&n) {
            if created > e {
                lane.spans
                    .push(span(SpanKind::RetryDelay, e, created, n, Some(an)));
            }
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
            let mut sp = span(kind, t, next.map_or(now, |c| c.0).max(t), n, Some(an));
            sp.outcome = next.map(|c| c.1).filter(|s| s.is_terminal());
            if kind == SpanKind::Running {
                sp.holder = holders.next().map(|h| h.1.clone());
            }
            lane.spans.push(sp);
        }
        prev_end.insert(n, end_at);
        lane.marks
            .extend(track.marks.iter().map(|&(at, kind)| Mark {
                kind,
                at,
                instance: n,
                attempt: an,
            }));
    }
    tl.attempt_count = tl.attempts.len();
    let mut rows: Vec<(Row, Vec<i64>)> = Vec::new();
    for mut lane in lanes {
        let k = match rows.iter().position(|r| r.0.component == lane.component) {
            Some(k) => k,
            None => {
                rows.push((
                    Row {
                        component: lane.component.clone(),
                        lanes: 0,
                        spans: Vec::new(),
                        marks: Vec::new(),
                    },
                    Vec::new(),
                ));
                rows.len() - 1
            }
        };
        let (row, ends) = &mut rows[k];
        let l = match ends.iter().position(|&e| e <= lane.first) {
            Some(l) => l,
            None => {
                ends.push(i64::MIN);
                ends.len() - 1
            }
        };
        ends[l] = lane.last.max(lane.first + 1);
        lane.spans.sort_by_key(|s| s.start);
        row.spans
            .extend(lane.spans.into_iter().map(|s| (l as u32, s)));
        row.marks
            .extend(lane.marks.into_iter().map(|m| (l as u32, m)));
        row.lanes = ends.len() as u32;
    }
    tl.rows = rows
        .into_iter()
        .map(|(mut r, _)| {
            r.spans.sort_by_key(|(l, s)| (*l, s.start));
            r.marks.sort_by_key(|(l, m)| (*l, m.at));
            r
        })
        .collect();
    tl
}

struct Lane {
    component: String,
    first: i64,
    last: i64,
    spans: Vec<Span>,
    marks: Vec<Mark>,
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

/// The waiting spans of one instance and the time it spans.
fn instance_lane(comp: &str, n: u32, track: &Track, now: i64) -> Lane {
    let mut spans = Vec::new();
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
    Lane {
        component: comp.to_string(),
        first,
        last,
        spans,
        marks: Vec::new(),
    }
}
