//! The Gantt timeline's data, in plain Rust, read from the engine's trace
//! only: per component a row, per overlapping instance a lane, and on it
//! the waiting periods, the attempts' queued and running spans, the retry
//! delays between attempts, and point marks for expired leases, lapsed
//! acknowledgements (the task handed out again) and `attemptTimeout`;
//! under each running span, a strip with its hand-out's acknowledgement
//! window and the lease that followed (reference §4, §10), from the trace
//! and the engine's `attempt_lease` (the windows as the service applies
//! them, never recomputed here).
//! Built incrementally from the trace entries appended since the last
//! update (`timeline_build`).

use std::sync::Arc;

use chrono::NaiveDateTime;

use crate::engine::chunked::ChunkedVec;
use crate::engine::Status;

pub use super::timeline_build::{build, TimelineBuilder};

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
    /// From a hand-out to its acknowledgement (the first
    /// ReportTaskProgress), or to the end of the window when none came.
    AckWindow,
    /// The lease from the acknowledgement to the last progress report,
    /// renewed by each one.
    Lease,
    /// The lease after the last progress report: until the task ended,
    /// the lease expired, or (while it is held) when it will expire
    /// unless progress comes in first.
    LeaseLeft,
}

impl SpanKind {
    /// Whether it is drawn on the lease strip under the attempts.
    pub fn on_lease_strip(self) -> bool {
        matches!(
            self,
            SpanKind::AckWindow | SpanKind::Lease | SpanKind::LeaseLeft
        )
    }
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
    /// The instance (its trace position: `Subject::Instance`).
    pub instance: u32,
    /// The attempt (`Subject::Attempt`) of queued and running spans.
    pub attempt: Option<u32>,
    /// How a running span ended (None while it runs).
    pub outcome: Option<Status>,
    /// The runner that held it (running spans).
    pub holder: Option<Arc<str>>,
}

/// A point event of one lane.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub kind: MarkKind,
    pub at: i64,
    pub instance: u32,
    pub attempt: u32,
}

/// One lane of a row: instances that do not overlap, one after another;
/// spans, lease strip spans and marks, each sorted by time. The spans are
/// kept in chunks that never move (`ChunkedVec`): a year's lane has
/// ~140,000, and a `Vec` grown by doubling copied them again and again
/// (realloc and append were ~5% of the year in the browser).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Lane {
    pub spans: ChunkedVec<Span>,
    /// Acknowledgement windows and leases (`SpanKind::on_lease_strip`).
    pub leases: Vec<Span>,
    pub marks: Vec<Mark>,
    /// Where the lane's last instance ends (the next may start from there).
    pub(crate) end: i64,
    /// The lane's instances, in order.
    pub(crate) instances: Vec<u32>,
}

/// One component: its lanes (one per overlapping instance).
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub component: String,
    pub lanes: Vec<Lane>,
}

impl Row {
    /// Every span with its lane, lane by lane.
    pub fn spans(&self) -> impl Iterator<Item = (u32, &Span)> {
        self.lanes
            .iter()
            .enumerate()
            .flat_map(|(l, lane)| lane.spans.iter().map(move |s| (l as u32, s)))
    }
    /// Every acknowledgement window and lease with its lane, lane by lane.
    pub fn leases(&self) -> impl Iterator<Item = (u32, &Span)> {
        self.lanes
            .iter()
            .enumerate()
            .flat_map(|(l, lane)| lane.leases.iter().map(move |s| (l as u32, s)))
    }
    /// Every mark with its lane, lane by lane.
    pub fn marks(&self) -> impl Iterator<Item = (u32, &Mark)> {
        self.lanes
            .iter()
            .enumerate()
            .flat_map(|(l, lane)| lane.marks.iter().map(move |m| (l as u32, m)))
    }
}

/// The whole timeline.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Timeline {
    /// The pipeline's trace position (to name instances and attempts).
    pub pipeline: crate::engine::ix::PipelineIx,
    pub origin: Option<NaiveDateTime>,
    /// Seconds from `origin` to the service's `now`.
    pub length: i64,
    pub rows: Vec<Row>,
    /// Number of attempts drawn.
    pub attempt_count: usize,
}
