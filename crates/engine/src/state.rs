//! The service's state: pipelines, their components (the active definition
//! resolved with inheritance), instances (one per component per interval)
//! and attempts, with the service's status values and id formats.

use crate::ix::{AttemptIx, CallerIx, ComponentIx, InstanceIx, IxVec};
use crate::stamp::Stamp;
use chrono::NaiveDateTime;
use model::{Definition, Field};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod kinds;
pub use kinds::{Kind, Status};

/// `scheduleType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScheduleType {
    Cron,
    Timeseries,
    Ondemand,
}

/// A period unit (a serializable mirror of `model::time::PeriodUnit`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unit {
    Minutes,
    Hours,
    Days,
    Weeks,
    Months,
    Years,
}

/// A resolved Schedule object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleSpec {
    /// Start of interval 0.
    pub start: NaiveDateTime,
    pub amount: u32,
    pub unit: Unit,
    /// Intervals starting at or after this do not run.
    pub end: Option<NaiveDateTime>,
    pub occurrences: Option<u64>,
}

/// A component: one object of the active definition, resolved with its
/// `parent` chain and Default, plus the settings the lifecycle reads.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Component {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    /// Fields after inheritance, in order (own first).
    pub fields: Vec<Field>,
    pub schedule: Option<ScheduleSpec>,
    pub schedule_id: Option<String>,
    pub schedule_type: ScheduleType,
    /// Shared with the attempts queued there.
    pub worker_group: Option<Name>,
    pub runs_on: Option<ComponentIx>,
    pub depends_on: Vec<ComponentIx>,
    pub inputs: Vec<ComponentIx>,
    pub outputs: Vec<ComponentIx>,
    pub preconditions: Vec<ComponentIx>,
    pub on_success: Vec<ComponentIx>,
    pub on_fail: Vec<ComponentIx>,
    pub on_late: Vec<ComponentIx>,
    pub maximum_retries: u32,
    pub retry_delay: i64,
    pub attempt_timeout: Option<i64>,
    pub report_progress_timeout: i64,
    pub late_after: Option<i64>,
    pub precondition_timeout: Option<i64>,
    pub terminate_after: Option<i64>,
    pub cascade: bool,
    pub max_active: u32,
    pub paused: bool,
    /// The next interval whose instances are not yet created.
    pub next_interval: u64,
    /// `(k, start, end)` of interval `k` as the last schedule tick computed
    /// it, so the next tick steps from it instead of from the schedule start.
    #[serde(default)]
    pub next_bounds: Option<(u64, NaiveDateTime, NaiveDateTime)>,
    /// Instances of this component, in creation order.
    pub instances: Vec<InstanceIx>,
    /// Instances by scheduled start (precondition instances are not here).
    pub by_start: super::start_index::StartIndex,
    /// Instances held back by `maxActiveInstances`, oldest first.
    pub held: std::collections::VecDeque<InstanceIx>,
    /// Instances in WAITING_FOR_RUNNER or RUNNING (for `maxActiveInstances`).
    pub active: u32,
    /// Those instances (`@activeInstances`), in no particular order.
    #[serde(default)]
    pub active_instances: Vec<InstanceIx>,
}

/// Why an instance is still waiting (the `@waitingOn` view and `explain`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Wait {
    DueTime(NaiveDateTime),
    Instance(InstanceIx),
    MaxActive,
    Paused,
    PipelineInactive,
    Resource(InstanceIx),
    Runner(Name),
    Retry(NaiveDateTime),
    Precondition(InstanceIx),
}

pub use super::instance::{Attempts, Instance, InstanceMore};

/// A name shared by many records (a workerGroup, a resource instance id,
/// a hostname), in one word: an `Arc<String>` is a thin pointer where an
/// `Arc<str>` is two words. Saved as the string.
pub type Name = std::sync::Arc<String>;

/// One try of an instance (`<instanceId>_Attempt=<n>`), and its task lease.
/// Kept compact (a simulated year holds hundreds of thousands): times are
/// 4-byte stamps read and set through methods, the live task's random part
/// two words, the holder a caller number, and what most attempts never
/// set (error details, reported fields, a queued lease timer, times a
/// stamp cannot hold) in `more`. Saved state keeps the earlier shape
/// (`AttemptRecord`).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(from = "AttemptRecord", into = "AttemptRecord")]
pub struct Attempt {
    /// The id is rendered on demand: `Pipeline::attempt_id`.
    pub instance: InstanceIx,
    pub number: u32,
    pub status: Status,
    pub acknowledged: bool,
    pub cancel_requested: bool,
    /// Whether a task is live (`task_salt` holds its random part).
    has_task: bool,
    task_salt: [u32; 2],
    created: Stamp,
    handed_out: Stamp,
    lease_deadline: Stamp,
    actual_start: Stamp,
    actual_end: Stamp,
    report_progress_time: Stamp,
    /// Where the task is queued / was handed out (a workerGroup or a resource instance id).
    pub queue: Name,
    /// Bumped at each hand-out so the timers of an older one no longer apply.
    pub lease: u32,
    /// Number of hand-outs (1 + lapsed acknowledgements).
    pub hand_outs: u32,
    /// The caller that holds or last held it (`NO_RUNNER`: none).
    runner: CallerIx,
    /// Shared by the attempts a host polled for in a row.
    pub hostname: Option<Name>,
    more: Option<Box<AttemptMore>>,
}

/// `Attempt::runner` when no caller held it.
const NO_RUNNER: CallerIx = CallerIx(u32::MAX);

/// What most attempts never set.
#[derive(Clone, Debug, Default, PartialEq)]
struct AttemptMore {
    report: AttemptReport,
    spilled: crate::stamp::Spilled,
}

/// An attempt as saved state holds it (the record's shape before it was
/// compacted).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AttemptRecord {
    pub instance: InstanceIx,
    pub number: u32,
    pub status: Status,
    pub created: NaiveDateTime,
    pub task_id: Option<u64>,
    pub queue: Name,
    pub handed_out: Option<NaiveDateTime>,
    pub acknowledged: bool,
    pub lease_deadline: Option<NaiveDateTime>,
    pub lease: u32,
    pub hostname: Option<Name>,
    pub runner: Option<CallerIx>,
    pub actual_start: Option<NaiveDateTime>,
    pub actual_end: Option<NaiveDateTime>,
    pub report_progress_time: Option<NaiveDateTime>,
    pub cancel_requested: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<Box<AttemptReport>>,
    pub hand_outs: u32,
}

impl From<Attempt> for AttemptRecord {
    fn from(a: Attempt) -> Self {
        AttemptRecord {
            instance: a.instance,
            number: a.number,
            status: a.status,
            created: a.created(),
            task_id: a.task_id(),
            queue: a.queue.clone(),
            handed_out: a.handed_out(),
            acknowledged: a.acknowledged,
            lease_deadline: a.lease_deadline(),
            lease: a.lease,
            hostname: a.hostname.clone(),
            runner: a.runner(),
            actual_start: a.actual_start(),
            actual_end: a.actual_end(),
            report_progress_time: a.report_progress_time(),
            cancel_requested: a.cancel_requested,
            report: a
                .more
                .as_ref()
                .filter(|m| m.report != NO_REPORT)
                .map(|m| Box::new(m.report.clone())),
            hand_outs: a.hand_outs,
        }
    }
}

impl From<AttemptRecord> for Attempt {
    fn from(r: AttemptRecord) -> Self {
        let mut a = Attempt::new(r.instance, r.number, r.status, r.created, r.queue);
        a.set_task_id(r.task_id);
        a.set_handed_out(r.handed_out);
        a.acknowledged = r.acknowledged;
        a.set_lease_deadline(r.lease_deadline);
        a.lease = r.lease;
        a.hostname = r.hostname;
        a.set_runner(r.runner);
        a.set_actual_start(r.actual_start);
        a.set_actual_end(r.actual_end);
        a.set_report_progress_time(r.report_progress_time);
        a.cancel_requested = r.cancel_requested;
        if let Some(report) = r.report {
            *a.report_mut() = *report;
        }
        a.hand_outs = r.hand_outs;
        a
    }
}

/// What was said about an attempt besides its status: SetTaskStatus's
/// error details (or the service's note) and ReportTaskProgress's fields.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AttemptReport {
    pub error_id: Option<String>,
    pub error_message: Option<String>,
    pub error_stack_trace: Option<String>,
    /// Fields sent with ReportTaskProgress.
    pub reported: Vec<Field>,
}

static NO_REPORT: AttemptReport = AttemptReport {
    error_id: None,
    error_message: None,
    error_stack_trace: None,
    reported: Vec::new(),
};

impl Attempt {
    /// A new attempt, created at `created`, with no task handed out yet.
    pub fn new(
        instance: InstanceIx,
        number: u32,
        status: Status,
        created: NaiveDateTime,
        queue: Name,
    ) -> Attempt {
        let mut a = Attempt {
            instance,
            number,
            status,
            acknowledged: false,
            cancel_requested: false,
            has_task: false,
            task_salt: [0; 2],
            created: Stamp::NONE,
            handed_out: Stamp::NONE,
            lease_deadline: Stamp::NONE,
            actual_start: Stamp::NONE,
            actual_end: Stamp::NONE,
            report_progress_time: Stamp::NONE,
            queue,
            lease: 0,
            hand_outs: 0,
            runner: NO_RUNNER,
            hostname: None,
            more: None,
        };
        a.set_created(Some(created));
        a
    }
    crate::stamped_times! { more;
        created => created_opt, set_created = 0;
        handed_out => handed_out, set_handed_out = 1;
        lease_deadline => lease_deadline, set_lease_deadline = 2;
        actual_start => actual_start, set_actual_start = 3;
        actual_end => actual_end, set_actual_end = 4;
        /// The last ReportTaskProgress.
        report_progress_time => report_progress_time, set_report_progress_time = 5;
    }
    /// Whether `actual_start` is set, without reading the time.
    #[inline]
    pub fn has_actual_start(&self) -> bool {
        !self.actual_start.is_none()
    }
    /// Whether `actual_end` is set, without reading the time.
    #[inline]
    pub fn has_actual_end(&self) -> bool {
        !self.actual_end.is_none()
    }
    pub fn created(&self) -> NaiveDateTime {
        self.created_opt().unwrap_or_default()
    }
    /// The random part of the current hand-out's taskId
    /// (`<pipeline>:<attempt>:<lease>:<salt as 16 hex digits>`); None when
    /// no task is live (dead ones are forgotten).
    #[inline]
    pub fn task_id(&self) -> Option<u64> {
        self.has_task
            .then(|| u64::from(self.task_salt[0]) << 32 | u64::from(self.task_salt[1]))
    }
    #[inline]
    pub fn set_task_id(&mut self, salt: Option<u64>) {
        self.has_task = salt.is_some();
        let s = salt.unwrap_or(0);
        self.task_salt = [(s >> 32) as u32, s as u32];
    }
    /// The caller (index into the service's caller labels) that holds or last held it.
    #[inline]
    pub fn runner(&self) -> Option<CallerIx> {
        Some(self.runner).filter(|&r| r != NO_RUNNER)
    }
    pub fn set_runner(&mut self, r: Option<CallerIx>) {
        self.runner = r.unwrap_or(NO_RUNNER);
    }
    /// Its error details and reported fields (empty when none).
    pub fn report(&self) -> &AttemptReport {
        self.more.as_deref().map_or(&NO_REPORT, |m| &m.report)
    }
    /// The same, to change (made on first use).
    pub fn report_mut(&mut self) -> &mut AttemptReport {
        &mut self.more.get_or_insert_with(Default::default).report
    }
    /// Whether anything was said besides its status.
    pub fn has_report(&self) -> bool {
        self.more.as_ref().is_some_and(|m| m.report != NO_REPORT)
    }
}

/// A pipeline tag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    pub key: String,
    pub value: String,
}

/// `@pipelineState`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PipelineState {
    Pending,
    Scheduled,
    Deactivating,
    Inactive,
    Finished,
}

impl PipelineState {
    pub fn as_str(self) -> &'static str {
        match self {
            PipelineState::Pending => "PENDING",
            PipelineState::Scheduled => "SCHEDULED",
            PipelineState::Deactivating => "DEACTIVATING",
            PipelineState::Inactive => "INACTIVE",
            PipelineState::Finished => "FINISHED",
        }
    }
}

/// One pipeline.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Pipeline {
    pub id: String,
    pub name: String,
    pub unique_id: String,
    pub description: Option<String>,
    pub tags: Vec<Tag>,
    pub creation_time: NaiveDateTime,
    pub deleted: bool,
    pub state: PipelineState,
    /// The last saved definition (`version: latest`).
    pub latest: Option<Definition>,
    pub latest_errored: bool,
    pub version: u32,
    /// The last activated definition (`version: active`).
    pub active: Option<Definition>,
    pub active_version: u32,
    pub last_activated: Option<NaiveDateTime>,
    pub last_deactivated: Option<NaiveDateTime>,
    pub first_activated: Option<NaiveDateTime>,
    pub ondemand: bool,
    pub components: IxVec<ComponentIx, Component>,
    pub component_index: BTreeMap<String, ComponentIx>,
    pub instances: crate::chunked::ChunkedVec<Instance, InstanceIx>,
    /// Precondition instances by (component, scheduled start, id suffix
    /// number: 1 for none); others are found through their component.
    #[serde(with = "super::instance::precondition_keys")]
    pub precondition_ids: BTreeMap<(ComponentIx, NaiveDateTime, u32), InstanceIx>,
    pub attempts: crate::chunked::ChunkedVec<Attempt, AttemptIx>,
    /// Instances not yet in an end state.
    pub open_instances: u32,
    /// Start of the current on-demand run.
    pub ondemand_start: Option<NaiveDateTime>,
    /// The first lease timer of an acknowledged attempt (time, sequence
    /// number taken at the acknowledgement), queued when its
    /// acknowledgement timer fires (`ack_expired`): only attempts inside
    /// their acknowledgement window have one, so few are kept at a time.
    #[serde(default)]
    pub lease_timers: LeaseTimers,
    /// Per component: the shared part of its task objects (built at the
    /// first hand-out after an activation; None inside = full rendering).
    #[serde(skip)]
    pub task_templates: Vec<Option<Option<std::sync::Arc<crate::task_objects::AttemptTemplate>>>>,
}

impl Pipeline {
    pub fn is_active(&self) -> bool {
        matches!(
            self.state,
            PipelineState::Scheduled | PipelineState::Deactivating
        )
    }
    pub fn component(&self, id: &str) -> Option<ComponentIx> {
        self.component_index.get(id).copied()
    }
}

/// `Pipeline::lease_timers`: the attempts inside their acknowledgement
/// window that have a lease timer waiting (a few at a time: about one per
/// runner thread), kept in attempt order in a small sorted list, whose
/// inserts and removals at its ends cost less than a tree's (a year of a
/// 15-minute schedule does 350 K of each). Saved as a list of pairs, as the
/// map it replaces was.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LeaseTimers(Vec<(AttemptIx, (NaiveDateTime, u64))>);

impl LeaseTimers {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The timer of attempt `a`, if it has one.
    pub fn get(&self, a: &AttemptIx) -> Option<&(NaiveDateTime, u64)> {
        let k = self.0.binary_search_by_key(a, |e| e.0).ok()?;
        Some(&self.0[k].1)
    }

    /// Set attempt `a`'s timer; the one it replaces.
    pub fn insert(
        &mut self,
        a: AttemptIx,
        timer: (NaiveDateTime, u64),
    ) -> Option<(NaiveDateTime, u64)> {
        // New attempts have the highest numbers: most inserts append.
        if self.0.last().is_none_or(|e| e.0 < a) {
            self.0.push((a, timer));
            return None;
        }
        match self.0.binary_search_by_key(&a, |e| e.0) {
            Ok(k) => Some(std::mem::replace(&mut self.0[k].1, timer)),
            Err(k) => {
                self.0.insert(k, (a, timer));
                None
            }
        }
    }

    /// Take attempt `a`'s timer away.
    pub fn remove(&mut self, a: &AttemptIx) -> Option<(NaiveDateTime, u64)> {
        let k = self.0.binary_search_by_key(a, |e| e.0).ok()?;
        Some(self.0.remove(k).1)
    }
}

impl Serialize for LeaseTimers {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for LeaseTimers {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // As the map did: sorted, the last pair of an attempt wins.
        let v: Vec<(AttemptIx, (NaiveDateTime, u64))> = Vec::deserialize(d)?;
        let m: BTreeMap<_, _> = v.into_iter().collect();
        Ok(LeaseTimers(m.into_iter().collect()))
    }
}

#[cfg(test)]
mod lease_timer_tests {
    use super::*;

    #[test]
    fn lease_timers_answer_as_a_map_and_save_as_its_pairs() {
        let t = |s: i64| chrono::DateTime::from_timestamp(s, 0).unwrap().naive_utc();
        let mut timers = LeaseTimers::default();
        let mut map = BTreeMap::new();
        // Appends, an insert in the middle, a replacement, removals.
        for (a, s) in [(3, 30), (7, 70), (5, 50), (7, 71), (1, 10)] {
            let a = AttemptIx(a);
            assert_eq!(
                timers.insert(a, (t(s), s as u64)),
                map.insert(a, (t(s), s as u64))
            );
        }
        for a in [5, 5, 9, 1] {
            let a = AttemptIx(a);
            assert_eq!(timers.remove(&a), map.remove(&a));
        }
        assert_eq!(timers.get(&AttemptIx(7)), map.get(&AttemptIx(7)));
        assert_eq!((timers.len(), timers.is_empty()), (2, false));
        let pairs: Vec<_> = map.iter().collect();
        let saved = serde_json::to_value(&timers).unwrap();
        assert_eq!(saved, serde_json::to_value(&pairs).unwrap());
        let back: LeaseTimers = serde_json::from_value(saved).unwrap();
        assert_eq!(back, timers);
    }
}
