//! Fields shared by many types: the universal ones (`type`, `parent`), the
//! runnable fields of reference §2.2 (activities, data nodes, resources,
//! preconditions), the activity routing rule and the precondition fields.

use super::keys::{self, values};
use super::names;
use super::{defaults, Category, FieldGroup, FieldInfo as F, Kind, Rule, Target};

/// Targets of `runsOn` for most activities.
pub(super) const RESOURCES: &[Target] = &[
    Target::Type(names::EC2_RESOURCE),
    Target::Type(names::EMR_CLUSTER),
];
/// Targets of `runsOn` for EMR-based activities.
pub(super) const EMR: &[Target] = &[Target::Type(names::EMR_CLUSTER)];
pub(super) const DATA_NODES: &[Target] = &[Target::Category(Category::DataNodes)];
pub(super) const DATABASES: &[Target] = &[Target::Category(Category::Databases)];
pub(super) const DATA_FORMATS: &[Target] = &[Target::Category(Category::DataFormats)];
pub(super) const ACTIONS: &[Target] = &[Target::Category(Category::Actions)];
pub(super) const SHELL_SCRIPT_CONFIG: &[Target] = &[Target::Type(names::SHELL_SCRIPT_CONFIG)];

/// Periods in seconds, for `FieldInfo::range`.
pub(super) const MINUTE: i64 = 60;
pub(super) const YEAR: i64 = 365 * 24 * 60 * MINUTE;

/// Fields every object may carry.
pub static UNIVERSAL: FieldGroup = FieldGroup {
    name: "object",
    fields: &[
        F::new(keys::TYPE, Kind::String, "The object's type; the Default object has none."),
        F::new(
            keys::PARENT,
            Kind::Reference(&[Target::Any]),
            "Inherit every field this object does not set from that object (instead of from Default).",
        ),
    ],
    rules: &[],
};

/// The fields of reference §2.2, shared by activities, data nodes,
/// resources and preconditions.
pub static RUNNABLE: FieldGroup = FieldGroup {
    name: "runnable",
    fields: &[
        F::new(
            keys::SCHEDULE,
            Kind::Reference(&[Target::Type(names::SCHEDULE)]),
            "Runs once per interval of this schedule (usually inherited from Default).",
        ),
        F::new(
            keys::SCHEDULE_TYPE,
            Kind::Enum(&[values::CRON, values::TIMESERIES, values::ONDEMAND]),
            "cron: run at the start of each interval; timeseries: at its end; ondemand: once per activation.",
        )
        .default(defaults::SCHEDULE_TYPE),
        F::new(
            keys::RUNS_ON,
            Kind::Reference(RESOURCES),
            "The resource whose task runner does the work (wins over workerGroup).",
        ),
        F::new(
            keys::WORKER_GROUP,
            Kind::String,
            "Route the work to task runners you run yourself that poll this worker group.",
        ),
        F::new(
            keys::DEPENDS_ON,
            Kind::Reference(&[Target::Category(Category::Activities)]),
            "Activities that must finish before this object runs.",
        )
        .multi(),
        F::new(
            keys::PRECONDITION,
            Kind::Reference(&[Target::Category(Category::Preconditions)]),
            "Preconditions that must be true before this object runs.",
        )
        .multi(),
        F::new(keys::INPUT, Kind::Reference(DATA_NODES), "Input data node(s).").multi(),
        F::new(keys::OUTPUT, Kind::Reference(DATA_NODES), "Output data node(s).").multi(),
        F::new(
            keys::MAXIMUM_RETRIES,
            Kind::Integer,
            "Retries after a failed attempt (at most 5).",
        )
        .range(Some(0), Some(5))
        .project_default(defaults::MAXIMUM_RETRIES_TEXT),
        F::new(
            keys::RETRY_DELAY,
            Kind::Period,
            "Wait between attempts (at least 2 minutes).",
        )
        .range(Some(2 * MINUTE), None)
        .project_default(defaults::RETRY_DELAY_TEXT),
        F::new(
            keys::ATTEMPT_TIMEOUT,
            Kind::Period,
            "An attempt not finished this long after it starts may be retried.",
        ),
        F::new(
            keys::REPORT_PROGRESS_TIMEOUT,
            Kind::Period,
            "An attempt with no progress report for this long is stalled and retried.",
        )
        .default(defaults::REPORT_PROGRESS_TIMEOUT_TEXT),
        F::new(
            keys::LATE_AFTER_TIMEOUT,
            Kind::Period,
            "Time after the scheduled start within which the object must start.",
        ),
        F::new(
            keys::ON_LATE_ACTION,
            Kind::Reference(ACTIONS),
            "Actions when the object is late (needs lateAfterTimeout).",
        )
        .multi(),
        F::new(keys::ON_FAIL, Kind::Reference(ACTIONS), "Actions when the object fails.").multi(),
        F::new(keys::ON_SUCCESS, Kind::Reference(ACTIONS), "Actions when the object succeeds.")
            .multi(),
        F::new(
            keys::FAILURE_AND_RERUN_MODE,
            Kind::Enum(&[values::NONE, values::CASCADE]),
            "cascade: a failure cascades to consumers and reruns spread to them.",
        )
        .default(defaults::FAILURE_AND_RERUN_MODE),
        F::new(
            keys::MAX_ACTIVE_INSTANCES,
            Kind::Integer,
            "Concurrent active instances of the component (reruns do not count).",
        )
        .range(Some(1), None),
        F::new(keys::PIPELINE_LOG_URI, Kind::String, "S3 location for the pipeline's logs."),
        F::new(
            keys::ATTEMPT_STATUS,
            Kind::String,
            "Last status the remote activity reported.",
        ),
    ],
    rules: &[Rule::Requires(keys::ON_LATE_ACTION, keys::LATE_AFTER_TIMEOUT)],
};

/// Activities need a place to run (§2.2, §10: neither is an error).
pub static ACTIVITY: FieldGroup = FieldGroup {
    name: "activity",
    fields: &[],
    rules: &[Rule::OneOf {
        keys: &[keys::RUNS_ON, keys::WORKER_GROUP],
        required: true,
        // workerGroup is ignored when runsOn is set (§2.2), so both is fine.
        exclusive: false,
    }],
};

/// Fields every precondition has besides the runnable ones.
pub static PRECONDITION: FieldGroup = FieldGroup {
    name: "precondition",
    fields: &[F::new(
        keys::PRECONDITION_TIMEOUT,
        Kind::Period,
        "How long after start the precondition may stay unsatisfied before it fails.",
    )],
    rules: &[],
};

/// `role` (required form), for the types that need it.
pub(super) const ROLE_REQUIRED: F = F::new(
    keys::ROLE,
    Kind::String,
    "IAM role the service uses for this object.",
)
.required();
/// `resourceRole` (required form).
pub(super) const RESOURCE_ROLE_REQUIRED: F = F::new(
    keys::RESOURCE_ROLE,
    Kind::String,
    "IAM role of the EC2 instance(s).",
)
.required();
