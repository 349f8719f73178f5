//! `story`: the chronological account of an instance, an attempt, a
//! component or a task runner, in plain sentences, built from the trace:
//! every step with its virtual time, the call or timer that caused it, the
//! rules that applied with the values that applied ("reportProgressTimeout:
//! 15 minutes, the default") and each rule's source. `explain` answers the
//! current state in one line; the story is how it got there. Lessons find
//! their key moments among a pipeline's steps (`Moment`). What it leaves
//! out: how a front end lays the story out, and the rules' own table
//! (`story_rules`).

use super::clock::Timer;
use super::state::{Component, Pipeline, Status};
use super::story_rules::{applied, RuleApplied, RuleId};
use super::trace::{Cause, Subject, TraceEntry};
use super::wire::Action;
use super::Service;
use crate::clock::format_time;
use crate::ix::{AttemptIx, CallerIx, ComponentIx, InstanceIx, PipelineIx};
use chrono::NaiveDateTime;

/// What kind of moment a step is (what a lesson pauses at).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Moment {
    /// A schedule created an instance.
    Scheduled,
    /// An instance's dependencies are met: it waits for a runner.
    Ready,
    /// An attempt was created and queued for its workerGroup.
    Queued,
    /// A runner polled and was handed an attempt (its first hand-out).
    HandOut,
    /// An attempt handed out before went to another poller.
    Reassignment,
    /// The runner acknowledged with ReportTaskProgress.
    Acknowledgement,
    /// The 2-minute acknowledgement window lapsed: the task went back.
    MissedAcknowledgement,
    /// No progress report within reportProgressTimeout: the lease expired.
    LeaseExpiry,
    /// attemptTimeout ran out.
    AttemptTimeout,
    /// The runner reported the attempt FAILED.
    Failure,
    /// A failed attempt will be retried after retryDelay.
    RetryScheduled,
    /// retryDelay passed: the next attempt was queued.
    Retry,
    /// No tries left: the instance FAILED.
    GaveUp,
    /// A failure upstream cascaded here (CASCADE_FAILED, CANCELED).
    Cascade,
    /// The work finished.
    Finished,
    /// A precondition was checked and found false.
    PreconditionFalse,
    /// lateAfterTimeout ran out.
    Late,
    /// A client changed the status (SetStatus: rerun, cancel, mark finished…).
    StatusSet,
    /// Anything else.
    Other,
}

impl Moment {
    /// The moment's key in a lesson file ("hand-out", "lease-expiry").
    pub fn key(self) -> &'static str {
        match self {
            Moment::Scheduled => "scheduled",
            Moment::Ready => "ready",
            Moment::Queued => "queued",
            Moment::HandOut => "hand-out",
            Moment::Reassignment => "reassignment",
            Moment::Acknowledgement => "acknowledgement",
            Moment::MissedAcknowledgement => "missed-acknowledgement",
            Moment::LeaseExpiry => "lease-expiry",
            Moment::AttemptTimeout => "attempt-timeout",
            Moment::Failure => "failure",
            Moment::RetryScheduled => "retry-scheduled",
            Moment::Retry => "retry",
            Moment::GaveUp => "gave-up",
            Moment::Cascade => "cascade",
            Moment::Finished => "finished",
            Moment::PreconditionFalse => "precondition-false",
            Moment::Late => "late",
            Moment::StatusSet => "status-set",
            Moment::Other => "other",
        }
    }

    /// The moment with `key`.
    pub fn from_key(key: &str) -> Option<Moment> {
        ALL_MOMENTS.iter().copied().find(|m| m.key() == key)
    }
}

/// Every moment, for `from_key`.
pub const ALL_MOMENTS: [Moment; 19] = [
    Moment::Scheduled,
    Moment::Ready,
    Moment::Queued,
    Moment::HandOut,
    Moment::Reassignment,
    Moment::Acknowledgement,
    Moment::MissedAcknowledgement,
    Moment::LeaseExpiry,
    Moment::AttemptTimeout,
    Moment::Failure,
    Moment::RetryScheduled,
    Moment::Retry,
    Moment::GaveUp,
    Moment::Cascade,
    Moment::Finished,
    Moment::PreconditionFalse,
    Moment::Late,
    Moment::StatusSet,
    Moment::Other,
];

/// The call that caused a step: what the API log shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepCall {
    pub action: &'static str,
    pub caller: String,
}

/// One step of a story: one state change (plus the changes it carried
/// along at the same moment, such as the instance of an attempt).
#[derive(Clone, Debug, PartialEq)]
pub struct StoryStep {
    pub at: NaiveDateTime,
    /// The entry's position in the trace.
    pub trace_index: usize,
    /// The object that changed (an instance or attempt id).
    pub object: String,
    /// The component the object belongs to.
    pub component: String,
    pub from: Option<Status>,
    pub to: Status,
    /// The cause in words: "PollForTask by runner-1", "timer: lease expired".
    pub cause: String,
    /// The call, when a call caused it.
    pub call: Option<StepCall>,
    pub moment: Moment,
    /// What happened, in one or two plain sentences.
    pub sentence: String,
    /// The rules that applied, with their values and sources.
    pub rules: Vec<RuleApplied>,
    /// Other objects that changed with it ("@Hello_… RUNNING").
    pub also: Vec<(String, Status)>,
}

/// The story of one object or runner.
#[derive(Clone, Debug, PartialEq)]
pub struct Story {
    /// What it is the story of: "@Hello_2024-01-01T00:00:00", "runner runner-1".
    pub title: String,
    pub steps: Vec<StoryStep>,
    /// Older steps left out (a long-running component keeps its newest).
    pub left_out: usize,
}

/// What a story is about, once resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum About {
    Instance(InstanceIx),
    Attempt(AttemptIx),
    Component(ComponentIx),
    Runner(CallerIx),
    Pipeline,
}

/// The most steps a story keeps (the newest).
pub const STORY_STEPS: usize = 400;

impl Service {
    /// The story of `id` in `pipeline_id`: an instance, attempt or
    /// component id, or a task runner's label (a caller of the API). None
    /// when nothing of that name is known.
    pub fn story(&self, pipeline_id: &str, id: &str) -> Option<Story> {
        let p = self.pipelines.find(pipeline_id)?;
        let about = match self.find_object(p, id) {
            Some(super::objects::ObjRef::Instance(i)) => About::Instance(i),
            Some(super::objects::ObjRef::Attempt(a)) => About::Attempt(a),
            Some(super::objects::ObjRef::Component(c)) => About::Component(c),
            Some(super::objects::ObjRef::Defined(_)) => return None,
            None => About::Runner(self.calls.find(id)?),
        };
        let title = match about {
            About::Runner(_) => format!("task runner {id}"),
            _ => id.to_string(),
        };
        Some(self.build_story(p, about, title))
    }

    /// Every step of a pipeline, oldest first (what a lesson's key moments
    /// are found among).
    pub fn pipeline_story(&self, pipeline_id: &str) -> Option<Story> {
        let p = self.pipelines.find(pipeline_id)?;
        let title = self.pipelines[p].id.clone();
        Some(self.build_story(p, About::Pipeline, title))
    }

    fn build_story(&self, p: PipelineIx, about: About, title: String) -> Story {
        let pl = &self.pipelines[p];
        let mut b = Builder {
            service: self,
            p,
            pl,
            steps: Vec::new(),
            handed_to: Vec::new(),
            attempts_used: Vec::new(),
        };
        for (n, e) in self.trace.entries().iter().enumerate() {
            if e.pipeline != p {
                continue;
            }
            if b.concerns(about, &e) {
                b.entry(n, &e);
            }
            b.observe(&e);
        }
        let mut steps = b.steps;
        let keep = match about {
            About::Component(_) | About::Runner(_) => STORY_STEPS,
            _ => usize::MAX,
        };
        let left_out = steps.len().saturating_sub(keep);
        steps.drain(..left_out);
        Story {
            title,
            steps,
            left_out,
        }
    }
}

struct Builder<'a> {
    service: &'a Service,
    p: PipelineIx,
    pl: &'a Pipeline,
    steps: Vec<StoryStep>,
    /// (attempt, caller) of the latest hand-out of each attempt seen.
    handed_to: Vec<(AttemptIx, CallerIx)>,
    /// (instance, attempts since its last start or rerun).
    attempts_used: Vec<(InstanceIx, u32)>,
}

impl<'a> Builder<'a> {
    fn instance_of(&self, s: Subject) -> Option<InstanceIx> {
        match s {
            Subject::Instance(i) => Some(i),
            Subject::Attempt(a) => self.pl.attempts.get(a).map(|a| a.instance),
            _ => None,
        }
    }

    fn component_of(&self, s: Subject) -> Option<&'a Component> {
        let pl: &'a Pipeline = self.pl;
        let i = self.instance_of(s)?;
        let c = pl.instances.get(i)?.component;
        pl.components.get(c)
    }

    /// Whether entry `e` belongs to the story.
    fn concerns(&self, about: About, e: &TraceEntry) -> bool {
        match about {
            About::Pipeline => !matches!(e.subject, Subject::Pipeline | Subject::Component(_)),
            About::Instance(i) => self.instance_of(e.subject) == Some(i),
            About::Attempt(a) => e.subject == Subject::Attempt(a),
            About::Component(c) => self
                .instance_of(e.subject)
                .and_then(|i| self.pl.instances.get(i))
                .is_some_and(|inst| inst.component == c),
            About::Runner(r) => match (e.cause, e.subject) {
                (Cause::Call { caller, .. }, _) => caller == r,
                (
                    Cause::Timer(Timer::AckExpiry { .. } | Timer::LeaseExpiry { .. }),
                    Subject::Attempt(a),
                ) => self.handed_to.iter().any(|&(x, c)| x == a && c == r),
                _ => false,
            },
        }
    }

    fn attempt_number(&self, s: Subject) -> u32 {
        match s {
            Subject::Attempt(a) => self.pl.attempts.get(a).map_or(0, |a| a.number),
            _ => 0,
        }
    }

    fn used(&mut self, i: InstanceIx) -> &mut u32 {
        if let Some(n) = self.attempts_used.iter().position(|(x, _)| *x == i) {
            return &mut self.attempts_used[n].1;
        }
        self.attempts_used.push((i, 0));
        &mut self.attempts_used.last_mut().expect("pushed").1
    }

    /// Keep what later steps need: who holds each attempt, and how many
    /// attempts each instance has used since it started or was rerun.
    fn observe(&mut self, e: &TraceEntry) {
        match (e.subject, e.from, e.to, e.cause) {
            (
                Subject::Attempt(a),
                Some(Status::WaitingForRunner),
                Status::Running,
                Cause::Call { caller, .. },
            ) => match self.handed_to.iter().position(|(x, _)| *x == a) {
                Some(k) => self.handed_to[k].1 = caller,
                None => self.handed_to.push((a, caller)),
            },
            (Subject::Attempt(_), None, _, _) => {
                if let Some(i) = self.instance_of(e.subject) {
                    *self.used(i) += 1;
                }
            }
            (
                Subject::Instance(i),
                _,
                _,
                Cause::Call {
                    action: Action::SetStatus,
                    ..
                },
            ) => {
                *self.used(i) = 0;
            }
            _ => {}
        }
    }

    fn entry(&mut self, n: usize, e: &TraceEntry) {
        let s = self.service;
        let object = s.subject_id(self.p, e.subject);
        let note = s.note(e).unwrap_or("").to_string();
        let (call, caller_name) = match e.cause {
            Cause::Call { action, caller } => {
                let name = s.calls.label(caller).unwrap_or_default().to_string();
                (
                    Some(StepCall {
                        action: action.as_str(),
                        caller: name.clone(),
                    }),
                    name,
                )
            }
            _ => (None, String::new()),
        };
        // An instance that moves with its attempt, for the same cause at the
        // same time, is told with the attempt's step.
        if let (Subject::Instance(i), Some(last)) = (e.subject, self.steps.last_mut()) {
            let same = last.at == e.at
                && last.trace_index + 1 + last.also.len() == n
                && self
                    .pl
                    .attempt_by_id(&last.object)
                    .is_some_and(|a| self.pl.attempts[a].instance == i);
            if same && note.is_empty() && !matches!(e.to, Status::Failed) {
                last.also.push((object, e.to));
                return;
            }
        }
        let comp = self.component_of(e.subject);
        let component = comp.map(|c| c.id.clone()).unwrap_or_default();
        let number = self.attempt_number(e.subject);
        let mut rules = Vec::new();
        let (moment, sentence) = match (e.subject, e.from, e.to, e.cause) {
            (Subject::Instance(_), None, _, _) => (
                Moment::Scheduled,
                format!(
                    "{}'s schedule created {object} ({}).",
                    component,
                    e.to.as_str()
                ),
            ),
            (
                Subject::Instance(_),
                Some(Status::WaitingOnDependencies),
                Status::WaitingForRunner,
                _,
            ) => {
                if let Some(c) = comp {
                    rules.push(applied(RuleId::ScheduleType, c, None));
                }
                (
                    Moment::Ready,
                    format!("{object} has nothing left to wait on: it waits for a task runner."),
                )
            }
            (Subject::Attempt(_), None, _, Cause::Timer(Timer::RetryDue { .. })) => {
                if let Some(c) = comp {
                    rules.push(applied(RuleId::RetryDelay, c, None));
                    // A precondition's re-checks use no tries.
                    if !c.kind.is_precondition() {
                        rules.push(applied(
                            RuleId::MaximumRetries,
                            c,
                            Some(retries_left(c.maximum_retries, number)),
                        ));
                    }
                }
                (
                    Moment::Retry,
                    format!(
                        "retryDelay has passed: attempt {number} is queued for workerGroup '{}'.",
                        worker_group(comp)
                    ),
                )
            }
            (Subject::Attempt(_), None, _, _) => (
                Moment::Queued,
                format!(
                    "Attempt {number} is created and queued for workerGroup '{}'.",
                    worker_group(comp)
                ),
            ),
            (
                Subject::Attempt(a),
                Some(Status::WaitingForRunner),
                Status::Running,
                Cause::Call { .. },
            ) => {
                let moment = if self.handed_to.iter().any(|(x, _)| *x == a) {
                    Moment::Reassignment
                } else {
                    Moment::HandOut
                };
                if let Some(c) = comp {
                    rules.push(ack_rule(s, c));
                }
                let again = if moment == Moment::Reassignment {
                    " again, under a new taskId (the same attempt: no retry used)"
                } else {
                    ""
                };
                (
                    moment,
                    format!(
                        "{caller_name} polled workerGroup '{}' and was handed attempt {number}{again}. It must acknowledge with ReportTaskProgress within {}.",
                        worker_group(comp),
                        words(s.config.ack_timeout_secs)
                    ),
                )
            }
            (Subject::Attempt(_), Some(Status::Running), Status::Running, _)
                if note == "acknowledged" =>
            {
                if let Some(c) = comp {
                    rules.push(applied(RuleId::ReportProgressTimeout, c, None));
                }
                (
                    Moment::Acknowledgement,
                    format!(
                        "{caller_name} acknowledged attempt {number}. It now holds a lease: it keeps the task while it reports progress at least every {}.",
                        words(comp.map_or(0, |c| c.report_progress_timeout))
                    ),
                )
            }
            (Subject::Attempt(_), _, _, Cause::Timer(Timer::AckExpiry { .. })) => {
                if let Some(c) = comp {
                    rules.push(ack_rule(s, c));
                }
                (
                    Moment::MissedAcknowledgement,
                    format!(
                        "Attempt {number} was not acknowledged within {}: the service took the task back and queued the same attempt again (no retry used; the old taskId is dead).",
                        words(s.config.ack_timeout_secs)
                    ),
                )
            }
            (Subject::Attempt(_), _, _, Cause::Timer(Timer::LeaseExpiry { .. })) => {
                let timeout = comp.map_or(0, |c| c.report_progress_timeout);
                let last = e.at - chrono::Duration::seconds(timeout);
                if let Some(c) = comp {
                    rules.push(applied(RuleId::ReportProgressTimeout, c, None));
                }
                let who = match self
                    .handed_to
                    .iter()
                    .find(|(x, _)| Subject::Attempt(*x) == e.subject)
                {
                    Some(&(_, c)) => s.calls.label(c).unwrap_or_default().to_string(),
                    None => "its runner".to_string(),
                };
                (
                    Moment::LeaseExpiry,
                    format!(
                        "{who}'s last progress report was at {}; {} later, at {}, its lease expired: attempt {number} {}.",
                        short_time(last),
                        words(timeout),
                        short_time(e.at),
                        e.to.as_str()
                    ),
                )
            }
            (Subject::Attempt(_), _, _, Cause::Timer(Timer::AttemptTimeout { .. })) => {
                if let Some(c) = comp {
                    rules.push(applied(RuleId::AttemptTimeout, c, None));
                }
                (
                    Moment::AttemptTimeout,
                    format!(
                        "attemptTimeout ran out: attempt {number} {}.",
                        e.to.as_str()
                    ),
                )
            }
            (Subject::Instance(_), _, Status::WaitingForRunner, _)
                if note.starts_with("retry at") =>
            {
                let i = self.instance_of(e.subject).unwrap_or_default();
                let used = *self.used(i);
                if let Some(c) = comp {
                    rules.push(applied(
                        RuleId::MaximumRetries,
                        c,
                        Some(retries_left(c.maximum_retries, used)),
                    ));
                    rules.push(applied(RuleId::RetryDelay, c, None));
                }
                (
                    Moment::RetryScheduled,
                    format!(
                        "Attempt {used} of {object} failed with tries left, so the service will retry it: {note}."
                    ),
                )
            }
            (Subject::Instance(i), _, Status::Failed, _) if note.starts_with("attempt ") => {
                let used = *self.used(i);
                if let Some(c) = comp {
                    rules.push(applied(
                        RuleId::MaximumRetries,
                        c,
                        Some(retries_left(c.maximum_retries, used)),
                    ));
                }
                (
                    Moment::GaveUp,
                    format!("No tries left: {object} is FAILED ({note})."),
                )
            }
            (_, _, Status::CascadeFailed | Status::Canceled, Cause::Upstream(u)) => {
                if let Some(c) = comp {
                    rules.push(applied(RuleId::FailureAndRerunMode, c, None));
                }
                (
                    Moment::Cascade,
                    format!(
                        "{} failed upstream, so {object} is {}.",
                        s.subject_id(self.p, u),
                        e.to.as_str()
                    ),
                )
            }
            (_, _, _, Cause::Timer(Timer::Late { .. })) => {
                if let Some(c) = comp {
                    rules.push(applied(RuleId::LateAfterTimeout, c, None));
                }
                (
                    Moment::Late,
                    format!(
                        "lateAfterTimeout ran out for {object}: it is {}.",
                        e.to.as_str()
                    ),
                )
            }
            (
                _,
                _,
                _,
                Cause::Call {
                    action: Action::SetStatus,
                    ..
                },
            ) => (
                Moment::StatusSet,
                format!(
                    "{caller_name} called SetStatus: {object} is {}.",
                    e.to.as_str()
                ),
            ),
            (Subject::Attempt(_), _, Status::Failed, Cause::Call { .. })
                if note.contains("precondition evaluated to false") =>
            {
                if let Some(c) = comp {
                    rules.push(applied(RuleId::RetryDelay, c, None));
                }
                (
                    Moment::PreconditionFalse,
                    format!(
                        "{caller_name} found the precondition false: {object} is checked again after retryDelay ({}).",
                        words(comp.map_or(0, |c| c.retry_delay))
                    ),
                )
            }
            (_, Some(from), to, _) if from == to && !note.is_empty() => {
                (Moment::Other, format!("{object}: {note}."))
            }
            (_, from, to, Cause::Upstream(u)) => (
                Moment::Other,
                format!(
                    "{object} follows {}: {} → {}.",
                    s.subject_id(self.p, u),
                    from.map_or("-", |f| f.as_str()),
                    to.as_str()
                ),
            ),
            (Subject::Attempt(_), _, Status::Failed, Cause::Call { .. }) => (
                Moment::Failure,
                format!("{caller_name} reported attempt {number} FAILED with SetTaskStatus."),
            ),
            (_, _, Status::Finished, Cause::Call { .. }) => (
                Moment::Finished,
                format!("{caller_name} reported {object} FINISHED with SetTaskStatus."),
            ),
            (_, from, to, _) => {
                let mut t = format!(
                    "{object}: {} → {}.",
                    from.map_or("-", |f| f.as_str()),
                    to.as_str()
                );
                if !note.is_empty() {
                    t.push_str(&format!(" ({note})"));
                }
                (Moment::Other, t)
            }
        };
        let mut sentence = sentence;
        if !note.is_empty()
            && !matches!(
                moment,
                Moment::Acknowledgement
                    | Moment::Other
                    | Moment::PreconditionFalse
                    | Moment::RetryScheduled
                    | Moment::GaveUp
                    | Moment::LeaseExpiry
                    | Moment::MissedAcknowledgement
            )
        {
            sentence.push_str(&format!(" ({note})"));
        }
        self.steps.push(StoryStep {
            at: e.at,
            trace_index: n,
            object,
            component,
            from: e.from,
            to: e.to,
            cause: s.describe_cause(self.p, &e.cause),
            call,
            moment,
            sentence,
            rules,
            also: Vec::new(),
        });
    }
}

fn worker_group(c: Option<&Component>) -> String {
    c.and_then(|c| c.worker_group.as_deref().map(String::as_str))
        .unwrap_or("?")
        .to_string()
}

fn ack_window(s: &Service) -> String {
    words(s.config.ack_timeout_secs)
}

/// The acknowledgement rule at a step: the service's window, a default
/// unless the service was configured otherwise.
fn ack_rule(s: &Service, c: &Component) -> RuleApplied {
    let mut r = applied(RuleId::AckTimeout, c, Some(ack_window(s)));
    r.default = s.config.ack_timeout_secs == super::defaults::ACK_TIMEOUT_SECS;
    r
}

/// "maximumRetries 2: one retry left" after `used` attempts.
fn retries_left(max: u32, used: u32) -> String {
    let left = (max + 1).saturating_sub(used);
    match left {
        0 => "no retries left".to_string(),
        1 => "one retry left".to_string(),
        n => format!("{n} retries left"),
    }
}

/// "00:25:00" when the day is the first of a run, else the full time.
fn short_time(t: NaiveDateTime) -> String {
    format_time(t)
}

/// Seconds in words: "15 minutes", "2 hours", "90 seconds", "1 day".
pub fn words(secs: i64) -> String {
    let unit = |n: i64, one: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {one}s")
        }
    };
    match secs {
        s if s != 0 && s % 86_400 == 0 => unit(s / 86_400, "day"),
        s if s != 0 && s % 3600 == 0 => unit(s / 3600, "hour"),
        s if s != 0 && s % 60 == 0 => unit(s / 60, "minute"),
        s => unit(s, "second"),
    }
}

#[cfg(test)]
#[path = "story_tests.rs"]
pub(crate) mod tests;
