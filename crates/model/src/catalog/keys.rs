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

// Preconditions and data nodes the service checks itself
pub const S3_KEY: &str = "s3Key";
pub const S3_PREFIX: &str = "s3Prefix";
pub const TABLE_NAME: &str = "tableName";

// HttpProxy; also the task runner's host in PollForTask and on attempts
pub const HOSTNAME: &str = "hostname";

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

/// Runtime fields the service sets on components, instances, attempts and
/// pipelines (§3): `@…` keys plus the error fields of a failed attempt.
pub mod runtime {
    pub const ID: &str = "@id";
    pub const NAME: &str = "@name";
    pub const SPHERE: &str = "@sphere";
    pub const VERSION: &str = "@version";
    pub const STATUS: &str = "@status";
    pub const PIPELINE_ID: &str = "@pipelineId";
    pub const COMPONENT_PARENT: &str = "@componentParent";
    pub const INSTANCE_PARENT: &str = "@instanceParent";
    pub const ACTIVE_INSTANCES: &str = "@activeInstances";
    pub const SCHEDULED_START_TIME: &str = "@scheduledStartTime";
    pub const SCHEDULED_END_TIME: &str = "@scheduledEndTime";
    pub const ACTUAL_START_TIME: &str = "@actualStartTime";
    pub const ACTUAL_END_TIME: &str = "@actualEndTime";
    pub const ATTEMPT_COUNT: &str = "@attemptCount";
    pub const TRIES_LEFT: &str = "@triesLeft";
    pub const HEAD_ATTEMPT: &str = "@headAttempt";
    pub const WAITING_ON: &str = "@waitingOn";
    pub const CASCADE_FAILED_ON: &str = "@cascadeFailedOn";
    pub const RESOURCE_STATUS: &str = "@resourceStatus";
    pub const ERROR_ID: &str = "errorId";
    pub const ERROR_MESSAGE: &str = "errorMessage";
    pub const ERROR_STACK_TRACE: &str = "errorStackTrace";
    // Pipeline description fields (DescribePipelines)
    pub const PIPELINE_STATE: &str = "@pipelineState";
    pub const CREATION_TIME: &str = "@creationTime";
    pub const USER_ID: &str = "@userId";
    pub const ACCOUNT_ID: &str = "@accountId";
    pub const LAST_ACTIVATED_TIME: &str = "@lastActivatedTime";
    pub const FIRST_ACTIVATION_TIME: &str = "@firstActivationTime";
    pub const LAST_DEACTIVATED_TIME: &str = "@lastDeactivatedTime";
    pub const HEALTH_STATUS: &str = "@healthStatus";

    /// Every runtime key above.
    pub const ALL: &[&str] = &[
        ID,
        NAME,
        SPHERE,
        VERSION,
        STATUS,
        PIPELINE_ID,
        COMPONENT_PARENT,
        INSTANCE_PARENT,
        ACTIVE_INSTANCES,
        SCHEDULED_START_TIME,
        SCHEDULED_END_TIME,
        ACTUAL_START_TIME,
        ACTUAL_END_TIME,
        ATTEMPT_COUNT,
        TRIES_LEFT,
        HEAD_ATTEMPT,
        WAITING_ON,
        CASCADE_FAILED_ON,
        RESOURCE_STATUS,
        ERROR_ID,
        ERROR_MESSAGE,
        ERROR_STACK_TRACE,
        PIPELINE_STATE,
        CREATION_TIME,
        USER_ID,
        ACCOUNT_ID,
        LAST_ACTIVATED_TIME,
        FIRST_ACTIVATION_TIME,
        LAST_DEACTIVATED_TIME,
        HEALTH_STATUS,
    ];
}
