//! The rules a story step names, with the values that applied to its
//! component: "reportProgressTimeout: 15 minutes, the default",
//! "maximumRetries 2: one retry left", each with its source (the reference's
//! section, the developer guide page, or the project's §10 decision). It
//! reads the values from the component (after inheritance) and the service's
//! configuration; what a rule says and where it comes from is the table in
//! `engine::rules`.

use super::state::{Component, ScheduleType};
use model::catalog::keys;

pub use super::rules::RuleId;

/// Where a rule comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleSource {
    /// The field that sets it, or the rule's short name.
    pub name: &'static str,
    /// "documented", "project's choice" or "sources conflict".
    pub provenance: &'static str,
    /// Document and section.
    pub source: &'static str,
}

/// The source of each rule: read from the one table, `engine::rules`.
pub fn source(id: RuleId) -> RuleSource {
    let r = super::rules::rule(id);
    RuleSource {
        name: r.name,
        provenance: r.provenance.label(),
        source: r.source,
    }
}

/// A rule as it applied at a step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleApplied {
    pub rule: RuleId,
    /// The field or rule name: "reportProgressTimeout".
    pub name: &'static str,
    /// The value that applied, in words: "15 minutes", "2".
    pub value: String,
    /// Whether the value is the default (no object of the definition sets it).
    pub default: bool,
    /// What the value meant here: "one retry left".
    pub remark: Option<String>,
    pub provenance: &'static str,
    pub source: &'static str,
    /// The project's decision where the sources are silent or conflict.
    pub decision: Option<&'static str>,
}

impl RuleApplied {
    /// "reportProgressTimeout: 15 minutes, the default";
    /// "maximumRetries 2: one retry left".
    pub fn text(&self) -> String {
        let mut s = match &self.remark {
            Some(r) => format!("{} {}: {r}", self.name, self.value),
            None => format!("{}: {}", self.name, self.value),
        };
        s.push_str(if self.default {
            ", the default"
        } else {
            ", set in the definition"
        });
        s
    }
}

/// Rule `id` as it applies to component `c` (the acknowledgement window:
/// the service's, passed as `remark`-less `value` by the caller).
pub(crate) fn applied(id: RuleId, c: &Component, value: Option<String>) -> RuleApplied {
    let src = source(id);
    let set = |key: &str| c.fields.iter().any(|f| f.key == key);
    let (value, default, remark) = match id {
        RuleId::AckTimeout => (value.unwrap_or_default(), true, None),
        RuleId::ReportProgressTimeout => (
            super::story::words(c.report_progress_timeout),
            !set(keys::REPORT_PROGRESS_TIMEOUT),
            None,
        ),
        RuleId::MaximumRetries => (
            c.maximum_retries.to_string(),
            !set(keys::MAXIMUM_RETRIES),
            value,
        ),
        RuleId::RetryDelay => (
            super::story::words(c.retry_delay),
            !set(keys::RETRY_DELAY),
            None,
        ),
        RuleId::AttemptTimeout => (
            c.attempt_timeout
                .map_or("none".to_string(), super::story::words),
            !set(keys::ATTEMPT_TIMEOUT),
            None,
        ),
        RuleId::LateAfterTimeout => (
            c.late_after.map_or("none".to_string(), super::story::words),
            !set(keys::LATE_AFTER_TIMEOUT),
            None,
        ),
        RuleId::FailureAndRerunMode => (
            if c.cascade { "cascade" } else { "none" }.to_string(),
            !set(keys::FAILURE_AND_RERUN_MODE),
            None,
        ),
        RuleId::PreconditionTimeout => (
            c.precondition_timeout
                .map_or("none".to_string(), super::story::words),
            !set(keys::PRECONDITION_TIMEOUT),
            None,
        ),
        RuleId::MaxActiveInstances => (
            c.max_active.to_string(),
            !set(keys::MAX_ACTIVE_INSTANCES),
            None,
        ),
        RuleId::EditActivatedPipeline | RuleId::DescribeObjectsIds | RuleId::QueryObjectsPaging => {
            (value.unwrap_or_default(), true, None)
        }
        RuleId::ScheduleType => (
            match c.schedule_type {
                ScheduleType::Cron => "cron",
                ScheduleType::Timeseries => "timeseries",
                ScheduleType::Ondemand => "ondemand",
            }
            .to_string(),
            !set(keys::SCHEDULE_TYPE),
            None,
        ),
    };
    RuleApplied {
        rule: id,
        name: src.name,
        value,
        default,
        remark,
        provenance: src.provenance,
        source: src.source,
        decision: super::rules::rule(id).decision,
    }
}
