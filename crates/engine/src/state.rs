//! The service's state: pipelines, their components (the active definition
//! resolved with inheritance), instances (one per component per interval)
//! and attempts, with the service's status values and id formats.

use crate::ix::{AttemptIx, CallerIx, ComponentIx, InstanceIx, IxVec};
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
    pub worker_group: Option<std::sync::Arc<str>>,
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
    Runner(std::sync::Arc<str>),
    Retry(NaiveDateTime),
    Precondition(InstanceIx),
}

pub use super::instance::{Attempts, Instance, InstanceMore};

/// One try of an instance (`<instanceId>_Attempt=<n>`), and its task lease.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Attempt {
    /// The id is rendered on demand: `Pipeline::attempt_id`.
    pub instance: InstanceIx,
    pub number: u32,
    pub status: Status,
    pub created: NaiveDateTime,
    /// The random part of the current hand-out's taskId
    /// (`<pipeline>:<attempt>:<lease>:<salt as 16 hex digits>`); None when
    /// no task is live (dead ones are forgotten).
    pub task_id: Option<u64>,
    /// Where the task is queued / was handed out (a workerGroup or a resource instance id).
    pub queue: std::sync::Arc<str>,
    pub handed_out: Option<NaiveDateTime>,
    pub acknowledged: bool,
    pub lease_deadline: Option<NaiveDateTime>,
    /// The first lease timer (time, sequence number taken at the
    /// acknowledgement), set only when the acknowledgement timer fires on a
    /// still-running attempt: most attempts end before, and never queue it.
    #[serde(default)]
    pub lease_timer: Option<(NaiveDateTime, u64)>,
    /// Bumped at each hand-out so the timers of an older one no longer apply.
    pub lease: u32,
    /// Shared by the attempts a host polled for in a row.
    pub hostname: Option<std::sync::Arc<str>>,
    /// The caller (index into the service's caller labels) that holds or last held it.
    pub runner: Option<CallerIx>,
    pub actual_start: Option<NaiveDateTime>,
    pub actual_end: Option<NaiveDateTime>,
    pub report_progress_time: Option<NaiveDateTime>,
    pub cancel_requested: bool,
    /// Error details and reported fields: most attempts have none, so they
    /// live apart (`Attempt::report`, `Attempt::report_mut`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<Box<AttemptReport>>,
    /// Number of hand-outs (1 + lapsed acknowledgements).
    pub hand_outs: u32,
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
    /// Its error details and reported fields (empty when none).
    pub fn report(&self) -> &AttemptReport {
        self.report.as_deref().unwrap_or(&NO_REPORT)
    }
    /// The same, to change (made on first use).
    pub fn report_mut(&mut self) -> &mut AttemptReport {
        self.report.get_or_insert_with(Default::default)
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
