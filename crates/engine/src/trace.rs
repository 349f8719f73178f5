//! The trace: every state change with its virtual time and its cause (a
//! call and its caller, a timer, or an upstream object), stored compactly
//! (positions, not strings; packed entries and interned causes and notes:
//! `store`), kept with the notes by `history` (a part of the `Service`),
//! and rendered on demand.

mod history;
mod store;
pub(crate) use history::History;
pub use store::{Entries, Notes, Trace};

use super::clock::Timer;
use super::state::Status;
use super::wire::Action;
use super::Service;
use crate::clock::format_time as format_datetime;
use crate::ix::{AttemptIx, CallerIx, ComponentIx, InstanceIx, PipelineIx};
use chrono::NaiveDateTime;
use model::catalog::keys;
use serde::{Deserialize, Serialize};
use std::num::NonZeroU32;

/// What changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Subject {
    Pipeline,
    Component(ComponentIx),
    Instance(InstanceIx),
    Attempt(AttemptIx),
}

/// Why it changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cause {
    /// An API call; `caller` indexes `Service::callers`.
    Call { action: Action, caller: CallerIx },
    /// A timer of the event queue.
    Timer(Timer),
    /// A change of another object of the same pipeline.
    Upstream(Subject),
}

/// One state change.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TraceEntry {
    pub at: NaiveDateTime,
    pub pipeline: PipelineIx,
    pub subject: Subject,
    pub from: Option<Status>,
    pub to: Status,
    pub cause: Cause,
    /// The entry's note, if any: its number (the n-th note recorded), so
    /// an entry stays small; read it with `Service::note`.
    pub(crate) note: Option<NonZeroU32>,
}

/// The note of a trace entry.
pub type Note = std::borrow::Cow<'static, str>;

impl Service {
    /// Every state change so far, oldest first.
    pub fn trace(&self) -> &Trace {
        self.trace.entries()
    }

    /// The note of a trace entry (why, in words), if it has one.
    pub fn note(&self, e: &TraceEntry) -> Option<&str> {
        self.trace.note(e)
    }

    /// The id of a subject (`@A_2012-…`, `df-…`).
    pub fn subject_id(&self, pipeline: PipelineIx, subject: Subject) -> String {
        let Some(p) = self.pipelines.get(pipeline) else {
            return String::new();
        };
        match subject {
            Subject::Pipeline => p.id.clone(),
            Subject::Component(c) => p
                .components
                .get(c)
                .map(|c| c.id.clone())
                .unwrap_or_default(),
            // Empty for positions retention forgot, as for unknown ones.
            Subject::Instance(i) if p.instances.get(i).is_some() => p.instance_id(i),
            Subject::Instance(_) => String::new(),
            Subject::Attempt(a) if p.attempts.get(a).is_some() => p.attempt_id(a),
            Subject::Attempt(_) => String::new(),
        }
    }

    /// The caller named by a call cause (`"r1"` of "PollForTask by r1");
    /// None for timers and upstream changes. A cheap read for views that
    /// go through many entries.
    pub fn cause_caller(&self, cause: &Cause) -> Option<&str> {
        match cause {
            Cause::Call { caller, .. } => Some(self.calls.label(*caller).unwrap_or("?")),
            _ => None,
        }
    }

    /// A cause in words: "PollForTask by r1", "timer: lease expiry", "upstream @B_…".
    pub fn describe_cause(&self, pipeline: PipelineIx, cause: &Cause) -> String {
        match cause {
            Cause::Call { action, caller } => format!(
                "{} by {}",
                action.as_str(),
                self.calls.label(*caller).unwrap_or("?")
            ),
            Cause::Timer(t) => format!("timer: {}", timer_name(t)),
            Cause::Upstream(s) => format!("upstream {}", self.subject_id(pipeline, *s)),
        }
    }

    /// One trace entry as a line of text.
    pub fn describe_entry(&self, e: &TraceEntry) -> String {
        let from = e.from.map(|s| s.as_str()).unwrap_or("-");
        let mut line = format!(
            "{} {} {} -> {} ({})",
            format_datetime(e.at),
            self.subject_id(e.pipeline, e.subject),
            from,
            e.to.as_str(),
            self.describe_cause(e.pipeline, &e.cause)
        );
        if let Some(n) = self.note(e) {
            line.push_str(": ");
            line.push_str(n);
        }
        line
    }

    /// The whole trace as text, one line per change.
    pub fn trace_text(&self) -> String {
        let mut s = String::new();
        for e in self.trace.entries() {
            s.push_str(&self.describe_entry(&e));
            s.push('\n');
        }
        s
    }
}

/// A timer's name in words.
pub fn timer_name(t: &Timer) -> &'static str {
    match t {
        Timer::ScheduleTick { .. } => keys::SCHEDULE,
        Timer::Due { .. } => "due time",
        Timer::AckExpiry { .. } => "acknowledgement window lapsed",
        Timer::LeaseExpiry { .. } => "lease expired",
        Timer::AttemptTimeout { .. } => keys::ATTEMPT_TIMEOUT,
        Timer::RetryDue { .. } => keys::RETRY_DELAY,
        Timer::Late { .. } => keys::LATE_AFTER_TIMEOUT,
        Timer::PreconditionCheck { .. } => "precondition check",
        Timer::PreconditionTimeout { .. } => keys::PRECONDITION_TIMEOUT,
        Timer::ResourceUp { .. } => "resource started",
        Timer::ResourceTerminate { .. } => keys::TERMINATE_AFTER,
        Timer::ResourceDown { .. } => "resource shut down",
        Timer::RunnerWake { .. } => "runner",
        Timer::RunnerHeartbeat { .. } => "runner heartbeat",
    }
}
