//! The service's rules the simulator follows, as data: each rule's name, the
//! field it reads (if any), its default when the field is unset, whether a
//! source documents that default or the project chose it (reference §10),
//! and the document and section it comes from. "Why?" names a rule and its
//! source when it explains a reassignment or a retry; the inspector and a
//! front end's instance story read the same table. The behaviour itself
//! lives in `lifecycle`; this module only describes it.

use crate::clock::Timer;
use model::catalog::{defaults as catalog, keys};

/// One rule the simulated service follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleId {
    /// A handed-out task must be acknowledged within 2 minutes, else it is handed out again.
    AckTimeout,
    /// An acknowledged task that stops reporting progress fails (lease expiry).
    ReportProgressTimeout,
    /// A failed attempt is retried while tries are left.
    MaximumRetries,
    /// The wait between two attempts.
    RetryDelay,
    /// An attempt running longer than this fails (and may be retried).
    AttemptTimeout,
    /// A precondition not met within this period fails.
    PreconditionTimeout,
    /// An instance not started within this period runs its onLateAction.
    LateAfterTimeout,
    /// A consumer whose dependency failed becomes CASCADE_FAILED (read on the consumer).
    FailureAndRerunMode,
    /// When in its interval a scheduled object runs (start: cron, end: timeseries).
    ScheduleType,
    /// How many instances of a component may be active at once.
    MaxActiveInstances,
    /// What PutPipelineDefinition refuses on a pipeline that has been activated.
    EditActivatedPipeline,
    /// DescribeObjects' `objectIds` per call (sources conflict).
    DescribeObjectsIds,
    /// QueryObjects pages first, then filters.
    QueryObjectsPaging,
}

/// Where a rule's default comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Provenance {
    /// A source states it.
    Documented,
    /// No source states it: the project chose it (reference §10).
    ProjectChoice,
    /// Sources contradict each other: the project follows one (reference §10).
    Conflict,
}

impl Provenance {
    /// In words, for a front end: "documented", "project's choice", "sources conflict".
    pub fn label(self) -> &'static str {
        match self {
            Provenance::Documented => "documented",
            Provenance::ProjectChoice => "project's choice",
            Provenance::Conflict => "sources conflict",
        }
    }
}

/// A rule, its default and its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    pub id: RuleId,
    /// Its short name: the field that sets it, or a few words.
    pub name: &'static str,
    /// What the rule does, in a sentence.
    pub says: &'static str,
    /// The field that sets it (a catalog key), if one does.
    pub field: Option<&'static str>,
    /// The value when the field is unset, as the inspector shows it.
    pub default: Option<&'static str>,
    pub provenance: Provenance,
    /// Document and section (or service-model member) it comes from.
    pub source: &'static str,
    /// The project's decision where the sources are silent or conflict.
    pub decision: Option<&'static str>,
}

impl Rule {
    /// One line for "Why?": "rule: <says> (<field>, default <v>, <provenance>); source: <source>".
    pub fn why_line(&self) -> String {
        let mut s = format!("rule: {}", self.says);
        match (self.field, self.default) {
            (Some(f), Some(d)) => {
                s.push_str(&format!(" ({f}, default {d}, {})", self.provenance.label()))
            }
            (Some(f), None) => s.push_str(&format!(" ({f})")),
            (None, Some(d)) => s.push_str(&format!(" ({d}, {})", self.provenance.label())),
            (None, None) => {}
        }
        s.push_str("; source: ");
        s.push_str(self.source);
        if let Some(d) = self.decision {
            s.push_str("; ");
            s.push_str(d);
        }
        s
    }
}

/// Every rule, in `RuleId` order.
pub const RULES: &[Rule] = &[
    Rule {
        id: RuleId::AckTimeout,
        name: "acknowledgement window",
        says: "a task not acknowledged within 2 minutes is handed out again, no try used",
        field: None,
        default: Some("2 minutes"),
        provenance: Provenance::Documented,
        source: "API Reference, PollForTask (\"call ReportTaskProgress within 2 minutes\"); reference §4 and §10",
        decision: None,
    },
    Rule {
        id: RuleId::ReportProgressTimeout,
        name: keys::REPORT_PROGRESS_TIMEOUT,
        says: "an acknowledged task that stops reporting progress fails (lease expired)",
        field: Some(keys::REPORT_PROGRESS_TIMEOUT),
        default: Some(catalog::REPORT_PROGRESS_TIMEOUT_TEXT),
        provenance: Provenance::Conflict,
        source: "Developer Guide, dp-how-remote-taskrunner-client (\"every 15 minutes\") and object reference, reportProgressTimeout; reference §10",
        decision: Some("the same page also says a task is reassigned \"after 5 minutes\"; the simulator follows the field's 15-minute default (reference §10)"),
    },
    Rule {
        id: RuleId::MaximumRetries,
        name: keys::MAXIMUM_RETRIES,
        says: "a failed attempt is retried while tries are left",
        field: Some(keys::MAXIMUM_RETRIES),
        default: Some(catalog::MAXIMUM_RETRIES_TEXT),
        provenance: Provenance::ProjectChoice,
        source: "Developer Guide, object reference, maximumRetries (\"Maximum number attempt retries on failure\"; limit 5, dp-limits); reference §10",
        decision: Some("no source states a default: 2 retries, three attempts in all (reference §10)"),
    },
    Rule {
        id: RuleId::RetryDelay,
        name: keys::RETRY_DELAY,
        says: "the next attempt starts retryDelay after a failed one",
        field: Some(keys::RETRY_DELAY),
        default: Some(catalog::RETRY_DELAY_TEXT),
        provenance: Provenance::ProjectChoice,
        source: "Developer Guide, object reference, retryDelay (\"The timeout duration between two retry attempts\"); reference §10",
        decision: Some("no source states a default: 10 minutes (reference §10)"),
    },
    Rule {
        id: RuleId::AttemptTimeout,
        name: keys::ATTEMPT_TIMEOUT,
        says: "an attempt not finished within attemptTimeout fails and may be retried",
        field: Some(keys::ATTEMPT_TIMEOUT),
        default: None,
        provenance: Provenance::Documented,
        source: "Developer Guide, object reference, attemptTimeout",
        decision: None,
    },
    Rule {
        id: RuleId::PreconditionTimeout,
        name: keys::PRECONDITION_TIMEOUT,
        says: "a precondition still not met preconditionTimeout after it started fails",
        field: Some(keys::PRECONDITION_TIMEOUT),
        default: None,
        provenance: Provenance::Documented,
        source: "Developer Guide, object reference (ShellCommandPrecondition, Exists, …), preconditionTimeout",
        decision: None,
    },
    Rule {
        id: RuleId::LateAfterTimeout,
        name: keys::LATE_AFTER_TIMEOUT,
        says: "an object not started within lateAfterTimeout runs its onLateAction",
        field: Some(keys::LATE_AFTER_TIMEOUT),
        default: None,
        provenance: Provenance::Documented,
        source: "Developer Guide, object reference, lateAfterTimeout",
        decision: None,
    },
    Rule {
        id: RuleId::FailureAndRerunMode,
        name: keys::FAILURE_AND_RERUN_MODE,
        says: "a consumer with cascade becomes CASCADE_FAILED when a dependency fails",
        field: Some(keys::FAILURE_AND_RERUN_MODE),
        default: Some(catalog::FAILURE_AND_RERUN_MODE),
        provenance: Provenance::Documented,
        source: "Developer Guide, dp-manage-cascade-failandrerun (\"describes consumer node behavior when dependencies fail\")",
        decision: None,
    },
    Rule {
        id: RuleId::ScheduleType,
        name: keys::SCHEDULE_TYPE,
        says: "a scheduled object runs at the start (cron) or end (timeseries) of its interval",
        field: Some(keys::SCHEDULE_TYPE),
        default: Some(catalog::SCHEDULE_TYPE),
        provenance: Provenance::Documented,
        source: "Developer Guide, dp-concepts-schedules, Time Series Style vs Cron Style",
        decision: None,
    },
    Rule {
        id: RuleId::MaxActiveInstances,
        name: keys::MAX_ACTIVE_INSTANCES,
        says: "at most maxActiveInstances instances of a component are active at once",
        field: Some(keys::MAX_ACTIVE_INSTANCES),
        default: Some("1"),
        provenance: Provenance::ProjectChoice,
        source: "Developer Guide, object reference, maxActiveInstances; dp-concepts-schedules (backfills run back-to-back)",
        decision: Some("no default stated for scheduled objects: 1, so backfills run one after another"),
    },
    Rule {
        id: RuleId::EditActivatedPipeline,
        name: "editing an activated pipeline",
        says: "an activated pipeline keeps its objects, schedule periods and starts, and references",
        field: None,
        default: None,
        provenance: Provenance::Documented,
        source: "Developer Guide, dp-manage-pipeline-modify-console, Limitations",
        decision: None,
    },
    Rule {
        id: RuleId::DescribeObjectsIds,
        name: "DescribeObjects objectIds per call",
        says: "DescribeObjects takes up to 100 objectIds per call",
        field: None,
        default: Some("100"),
        provenance: Provenance::Conflict,
        source: "botocore service model, DescribeObjectsInput.objectIds (\"as many as 25\"); aws-cli datapipeline list-runs (batches of 100); reference §10",
        decision: Some("accept 100 so the real CLI works (reference §10)"),
    },
    Rule {
        id: RuleId::QueryObjectsPaging,
        name: "QueryObjects paging",
        says: "QueryObjects pages first, then filters: a page may hold fewer than limit ids",
        field: None,
        default: Some("limit 100"),
        provenance: Provenance::Documented,
        source: "botocore service model, operation QueryObjects (\"paginated and then filtered ... may return an empty result set with a value set for marker\")",
        decision: None,
    },
];

/// The rule `id`.
pub fn rule(id: RuleId) -> &'static Rule {
    // RULES is in RuleId order (checked by a unit test).
    &RULES[id as usize]
}

/// The rule a lifecycle timer applies, if it applies one.
pub fn for_timer(t: &Timer) -> Option<RuleId> {
    match t {
        Timer::AckExpiry { .. } => Some(RuleId::AckTimeout),
        Timer::LeaseExpiry { .. } => Some(RuleId::ReportProgressTimeout),
        Timer::AttemptTimeout { .. } => Some(RuleId::AttemptTimeout),
        Timer::RetryDue { .. } => Some(RuleId::RetryDelay),
        Timer::Late { .. } => Some(RuleId::LateAfterTimeout),
        Timer::PreconditionTimeout { .. } => Some(RuleId::PreconditionTimeout),
        Timer::ScheduleTick { .. }
        | Timer::Due { .. }
        | Timer::PreconditionCheck { .. }
        | Timer::ResourceUp { .. }
        | Timer::ResourceTerminate { .. }
        | Timer::ResourceDown { .. }
        | Timer::RunnerWake { .. }
        | Timer::RunnerHeartbeat { .. } => None,
    }
}

/// The rule whose default a field takes when unset, if the table has one.
pub fn for_field(key: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.field == Some(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_in_id_order_and_complete() {
        for (n, r) in RULES.iter().enumerate() {
            assert_eq!(r.id as usize, n, "{:?}", r.id);
        }
        assert_eq!(
            rule(RuleId::QueryObjectsPaging).id,
            RuleId::QueryObjectsPaging
        );
    }

    #[test]
    fn project_choices_are_the_catalog_defaults_of_reference_10() {
        let r = for_field(keys::MAXIMUM_RETRIES).unwrap();
        assert_eq!(r.provenance, Provenance::ProjectChoice);
        assert_eq!(r.default, Some("2"));
        assert_eq!(
            for_field(keys::RETRY_DELAY).unwrap().provenance,
            Provenance::ProjectChoice
        );
        assert!(rule(RuleId::ReportProgressTimeout)
            .why_line()
            .contains("5 minutes"));
    }

    #[test]
    fn catalog_project_defaults_agree_with_the_table() {
        let mut seen = 0;
        for t in model::catalog::types() {
            let fields = t.shared.iter().flat_map(|g| g.fields.iter());
            for f in fields.chain(t.fields.iter()).filter(|f| f.project_default) {
                seen += 1;
                let r = for_field(f.key).unwrap_or_else(|| panic!("no rule for {}", f.key));
                assert_eq!(r.provenance, Provenance::ProjectChoice, "{}", f.key);
                assert_eq!(r.default, f.default, "{}", f.key);
            }
        }
        assert!(seen > 0);
    }
}
