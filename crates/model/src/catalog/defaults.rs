//! The values the service assumes when a field is unset: documented ones
//! (`scheduleType` cron, `reportProgressTimeout` 15 minutes) and the
//! project's choices of reference §10 (`maximumRetries` 2, `retryDelay` 10
//! minutes). The inspector shows them and the engine uses them; both read
//! them from here.

use super::keys::values;
use crate::time::{Period, PeriodUnit};

/// `scheduleType` when unset (documented).
pub const SCHEDULE_TYPE: &str = values::CRON;
/// `failureAndRerunMode` when unset (documented).
pub const FAILURE_AND_RERUN_MODE: &str = values::NONE;

/// `reportProgressTimeout` when unset: the lease after acknowledgement (documented).
pub const REPORT_PROGRESS_TIMEOUT: Period = Period {
    amount: 15,
    unit: PeriodUnit::Minutes,
};
/// The same, as the inspector shows it.
pub const REPORT_PROGRESS_TIMEOUT_TEXT: &str = "15 minutes";

/// `maximumRetries` when unset (project choice, §10: three attempts in all).
pub const MAXIMUM_RETRIES: u32 = 2;
/// The same, as the inspector shows it.
pub const MAXIMUM_RETRIES_TEXT: &str = "2";

/// `retryDelay` when unset (project choice, §10).
pub const RETRY_DELAY: Period = Period {
    amount: 10,
    unit: PeriodUnit::Minutes,
};
/// The same, as the inspector shows it.
pub const RETRY_DELAY_TEXT: &str = "10 minutes";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_agree_with_typed_values() {
        assert_eq!(
            Period::parse(REPORT_PROGRESS_TIMEOUT_TEXT),
            Some(REPORT_PROGRESS_TIMEOUT)
        );
        assert_eq!(Period::parse(RETRY_DELAY_TEXT), Some(RETRY_DELAY));
        assert_eq!(
            MAXIMUM_RETRIES_TEXT.parse::<u32>().ok(),
            Some(MAXIMUM_RETRIES)
        );
    }
}
