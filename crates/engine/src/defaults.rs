//! The engine's defaults in one place (reference §10): the documented ones
//! (scheduleType cron, reportProgressTimeout 15 minutes, the 2-minute
//! acknowledgement) and the project's choices where no source states one
//! (maximumRetries 2, retryDelay 10 minutes) come from
//! `model::catalog::defaults`, the one place the inspector reads too; the
//! rest are the simulation's own settings and the service's limits.

use model::catalog::defaults as catalog;

/// `scheduleType` when no object sets it (documented).
pub const SCHEDULE_TYPE: &str = catalog::SCHEDULE_TYPE;
/// `reportProgressTimeout` in seconds when no object sets it (documented: 15 minutes).
pub const REPORT_PROGRESS_TIMEOUT_SECS: i64 =
    catalog::REPORT_PROGRESS_TIMEOUT.approx_seconds() as i64;
/// `maximumRetries` when no object sets it (project's choice: 3 attempts in all).
pub const MAXIMUM_RETRIES: u32 = catalog::MAXIMUM_RETRIES;
/// The service's limit on `maximumRetries` ("5 per task").
pub const MAXIMUM_RETRIES_LIMIT: u32 = 5;
/// `retryDelay` in seconds when no object sets it (project's choice: 10 minutes).
pub const RETRY_DELAY_SECS: i64 = catalog::RETRY_DELAY.approx_seconds() as i64;
/// The time a runner has to acknowledge a task (documented: 2 minutes).
pub const ACK_TIMEOUT_SECS: i64 = 2 * 60;
/// `maxActiveInstances` when unset, for scheduled components (the guide says
/// backfilled instances run "back-to-back"; the service's ceiling is 5).
pub const MAX_ACTIVE_INSTANCES: u32 = 1;
/// `maxActiveInstances` when unset on an on-demand pipeline (documented: 1).
pub const MAX_ACTIVE_INSTANCES_ONDEMAND: u32 = 1;
/// How far in the past a first scheduled start may lie at activation (documented: 1 day).
pub const BACKFILL_LIMIT_SECS: i64 = 24 * 3600;
/// Seconds an Ec2Resource/EmrCluster spends in CREATING in the simulation (not documented).
pub const RESOURCE_STARTUP_SECS: i64 = 5 * 60;
/// Seconds a resource spends in SHUTTING_DOWN in the simulation (not documented).
pub const RESOURCE_SHUTDOWN_SECS: i64 = 60;
/// Re-check interval for a system-managed precondition that is false (uses `retryDelay` when set).
pub const PRECONDITION_RECHECK_SECS: i64 = RETRY_DELAY_SECS;
/// Items per page of ListPipelines (moto pages by 50 too).
pub const LIST_PIPELINES_PAGE: usize = 50;
/// Items per page of DescribeObjects.
pub const DESCRIBE_OBJECTS_PAGE: usize = 100;
/// Default and largest `limit` of QueryObjects (documented default 100).
pub const QUERY_OBJECTS_LIMIT: usize = 100;
/// Ids accepted per DescribeObjects call (S1 says 25, the CLI sends 100: accept 100).
pub const DESCRIBE_OBJECTS_MAX_IDS: usize = 100;
/// Ids per DescribePipelines call (documented: 25).
pub const DESCRIBE_PIPELINES_MAX_IDS: usize = 25;
/// Objects per pipeline (documented limit, adjustable).
pub const MAX_OBJECTS: usize = 100;
/// Pipelines per account (documented limit, adjustable).
pub const MAX_PIPELINES: usize = 100;
/// Tags per pipeline (documented).
pub const MAX_TAGS: usize = 10;
/// SKIPPED instances recorded per component for one activation (a safety cap).
pub const MAX_SKIPPED_PER_ACTIVATION: u64 = 10_000;
/// The message of a fatal PutPipelineDefinition (seed 003, verbatim).
pub const FATAL_DEFINITION_MESSAGE: &str = "Pipeline definition has errors: Could not save the pipeline definition due to FATAL errors: [com.amazon.setl.webservice.ValidationError@108d7ea9] Please call Validate to validate your pipeline";
