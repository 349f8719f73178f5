//! Field keys and literal values that code outside the catalog needs
//! (engine, inspector, validation). The catalog's table uses the same
//! constants, so each name is written once.

/// The prefix of user-defined field names and parameter ids (after an
/// optional `*`), §2.1.
pub const USER_PREFIX: &str = "my";

// Every object
pub const TYPE: &str = "type";
pub const PARENT: &str = "parent";

// Runnable objects (§2.2)
pub const SCHEDULE: &str = "schedule";
pub const SCHEDULE_TYPE: &str = "scheduleType";
pub const RUNS_ON: &str = "runsOn";
pub const WORKER_GROUP: &str = "workerGroup";
pub const DEPENDS_ON: &str = "dependsOn";
pub const PRECONDITION: &str = "precondition";
pub const INPUT: &str = "input";
pub const OUTPUT: &str = "output";
pub const MAXIMUM_RETRIES: &str = "maximumRetries";
pub const RETRY_DELAY: &str = "retryDelay";
pub const ATTEMPT_TIMEOUT: &str = "attemptTimeout";
pub const REPORT_PROGRESS_TIMEOUT: &str = "reportProgressTimeout";
pub const LATE_AFTER_TIMEOUT: &str = "lateAfterTimeout";
pub const ON_LATE_ACTION: &str = "onLateAction";
pub const ON_FAIL: &str = "onFail";
pub const ON_SUCCESS: &str = "onSuccess";
pub const FAILURE_AND_RERUN_MODE: &str = "failureAndRerunMode";
pub const MAX_ACTIVE_INSTANCES: &str = "maxActiveInstances";
pub const PIPELINE_LOG_URI: &str = "pipelineLogUri";
pub const ATTEMPT_STATUS: &str = "attemptStatus";
pub const PRECONDITION_TIMEOUT: &str = "preconditionTimeout";
pub const ROLE: &str = "role";
pub const RESOURCE_ROLE: &str = "resourceRole";

// Schedule
pub const PERIOD: &str = "period";
pub const START_AT: &str = "startAt";
pub const START_DATE_TIME: &str = "startDateTime";
pub const END_DATE_TIME: &str = "endDateTime";
pub const OCCURRENCES: &str = "occurrences";

// Shell work
pub const COMMAND: &str = "command";
pub const SCRIPT_URI: &str = "scriptUri";
pub const SCRIPT_ARGUMENT: &str = "scriptArgument";
pub const STAGE: &str = "stage";
pub const STDOUT: &str = "stdout";
pub const STDERR: &str = "stderr";

// Resources and actions
pub const TERMINATE_AFTER: &str = "terminateAfter";
pub const TOPIC_ARN: &str = "topicArn";
pub const SUBJECT: &str = "subject";
pub const MESSAGE: &str = "message";

/// Literal values of enumerations and special field values.
pub mod values {
    // scheduleType
    pub const CRON: &str = "cron";
    pub const TIMESERIES: &str = "timeseries";
    pub const ONDEMAND: &str = "ondemand";
    // failureAndRerunMode
    pub const NONE: &str = "none";
    pub const CASCADE: &str = "cascade";
    // Schedule startAt / on-demand period
    pub const FIRST_ACTIVATION_DATE_TIME: &str = "FIRST_ACTIVATION_DATE_TIME";
    pub const ONDEMAND_ACTIVATION_TIME: &str = "ONDEMAND_ACTIVATION_TIME";
    pub const ONDEMAND_PERIOD: &str = "ONDEMAND_PERIOD";
}

/// Parameter objects (§2.5): attribute keys and the values of `type`.
pub mod parameter {
    pub const TYPE: &str = "type";
    pub const DESCRIPTION: &str = "description";
    pub const DEFAULT: &str = "default";
    pub const OPTIONAL: &str = "optional";
    pub const ALLOWED_VALUES: &str = "allowedValues";
    pub const IS_ARRAY: &str = "isArray";
    /// `type` values; the first is the default.
    pub const TYPES: &[&str] = &["String", "Integer", "Double", "AWS::S3::ObjectKey"];
    /// The prefix every parameter id needs (after an optional `*`).
    pub const ID_PREFIX: &str = super::USER_PREFIX;
}
