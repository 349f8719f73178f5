//! The simulator's settings: virtual start time, seed, acknowledgement and
//! lease windows, account, resource timings and the Task Runner the service
//! starts on each resource.

use super::defaults;
use super::runners::RunnerPolicy;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// Settings of a `Service`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceConfig {
    /// Where the virtual clock starts. The default is the start of the
    /// seed example's schedule (2012-12-12T00:00:00), so it activates as is.
    pub start_time: NaiveDateTime,
    /// Seeds every random choice (ids, simulated runners).
    pub seed: u64,
    /// The acknowledgement window after PollForTask (documented: 120 s).
    pub ack_timeout_secs: i64,
    /// The lease after acknowledgement when no `reportProgressTimeout` is set (documented: 900 s).
    pub default_report_progress_timeout_secs: i64,
    pub account_id: String,
    /// `@userId` / `pipelineCreator` of new pipelines.
    pub user_id: String,
    /// Seconds a resource spends CREATING.
    pub resource_startup_secs: i64,
    /// Seconds a resource spends SHUTTING_DOWN.
    pub resource_shutdown_secs: i64,
    /// The Task Runner the service installs on each running resource (`runsOn`); `None` = none.
    pub managed_runner: Option<RunnerPolicy>,
    /// What system-managed preconditions (S3KeyExists, …) find when no fact was set.
    pub assume_data_exists: bool,
    /// Refuse activation when a first scheduled start is over a day old (documented).
    pub enforce_backfill_limit: bool,
}

impl Default for ServiceConfig {
    fn default() -> Self {
        ServiceConfig {
            start_time: chrono::NaiveDate::from_ymd_opt(2012, 12, 12)
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .unwrap_or_default(),
            seed: 0,
            ack_timeout_secs: defaults::ACK_TIMEOUT_SECS,
            default_report_progress_timeout_secs: defaults::REPORT_PROGRESS_TIMEOUT_SECS,
            account_id: "123456789012".to_string(),
            user_id: "AIDACKCEVSQ6C2EXAMPLE".to_string(),
            resource_startup_secs: defaults::RESOURCE_STARTUP_SECS,
            resource_shutdown_secs: defaults::RESOURCE_SHUTDOWN_SECS,
            managed_runner: Some(RunnerPolicy::default()),
            assume_data_exists: true,
            enforce_backfill_limit: true,
        }
    }
}
