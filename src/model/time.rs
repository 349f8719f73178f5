//! The service's value formats for time: DateTime (`YYYY-MM-DDTHH:MM:SS`,
//! UTC) and Period (`"N unit"`), with calendar arithmetic for months and
//! years (chrono).

use chrono::{Duration, Months, NaiveDateTime};
use std::fmt;

/// The service's DateTime format.
pub const DATETIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// Parse `YYYY-MM-DDTHH:MM:SS` (UTC, no zone suffix).
pub fn parse_datetime(s: &str) -> Option<NaiveDateTime> {
    if s.len() != 19 {
        return None;
    }
    NaiveDateTime::parse_from_str(s, DATETIME_FORMAT).ok()
}

/// Format as `YYYY-MM-DDTHH:MM:SS`.
pub fn format_datetime(t: NaiveDateTime) -> String {
    t.format(DATETIME_FORMAT).to_string()
}

/// The unit of a Period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PeriodUnit {
    Minutes,
    Hours,
    Days,
    Weeks,
    Months,
    Years,
}

/// A Period such as `"15 minutes"` or `"1 Day"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Period {
    pub amount: u32,
    pub unit: PeriodUnit,
}

impl Period {
    /// Parse `"N unit"`: N a positive integer, unit singular or plural,
    /// any case (samples write `"1 Day"`, `"15 Minutes"`, `"1 days"`).
    pub fn parse(s: &str) -> Option<Period> {
        let mut parts = s.split_whitespace();
        let n = parts.next()?;
        let unit = parts.next()?;
        if parts.next().is_some() || !n.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let amount: u32 = n.parse().ok()?;
        if amount == 0 {
            return None;
        }
        let u = unit.to_ascii_lowercase();
        let unit = match u.strip_suffix('s').unwrap_or(&u) {
            "minute" => PeriodUnit::Minutes,
            "hour" => PeriodUnit::Hours,
            "day" => PeriodUnit::Days,
            "week" => PeriodUnit::Weeks,
            "month" => PeriodUnit::Months,
            "year" => PeriodUnit::Years,
            _ => return None,
        };
        Some(Period { amount, unit })
    }

    /// `t + self`, with calendar arithmetic for months and years.
    pub fn add_to(&self, t: NaiveDateTime) -> Option<NaiveDateTime> {
        self.add_times(t, 1)
    }

    /// `t + k * self` (computed from `t`, so month ends do not drift).
    pub fn add_times(&self, t: NaiveDateTime, k: u32) -> Option<NaiveDateTime> {
        let n = i64::from(self.amount) * i64::from(k);
        match self.unit {
            PeriodUnit::Minutes => t.checked_add_signed(Duration::try_minutes(n)?),
            PeriodUnit::Hours => t.checked_add_signed(Duration::try_hours(n)?),
            PeriodUnit::Days => t.checked_add_signed(Duration::try_days(n)?),
            PeriodUnit::Weeks => t.checked_add_signed(Duration::try_weeks(n)?),
            PeriodUnit::Months => t.checked_add_months(Months::new(u32::try_from(n).ok()?)),
            PeriodUnit::Years => {
                t.checked_add_months(Months::new(u32::try_from(n.checked_mul(12)?).ok()?))
            }
        }
    }

    /// A fixed-length approximation in seconds (months = 30 days, years =
    /// 365 days), for limits such as "at least 15 minutes".
    pub const fn approx_seconds(&self) -> u64 {
        let unit: u64 = match self.unit {
            PeriodUnit::Minutes => 60,
            PeriodUnit::Hours => 3_600,
            PeriodUnit::Days => 86_400,
            PeriodUnit::Weeks => 604_800,
            PeriodUnit::Months => 2_592_000,
            PeriodUnit::Years => 31_536_000,
        };
        self.amount as u64 * unit
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            PeriodUnit::Minutes => "minute",
            PeriodUnit::Hours => "hour",
            PeriodUnit::Days => "day",
            PeriodUnit::Weeks => "week",
            PeriodUnit::Months => "month",
            PeriodUnit::Years => "year",
        };
        let plural = if self.amount == 1 { "" } else { "s" };
        write!(f, "{} {}{}", self.amount, unit, plural)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sample_spellings() {
        assert_eq!(Period::parse("1 Day").unwrap().unit, PeriodUnit::Days);
        assert_eq!(Period::parse("15 Minutes").unwrap().amount, 15);
        assert_eq!(Period::parse("1 days").unwrap().unit, PeriodUnit::Days);
        assert!(Period::parse("15 Period").is_none());
        assert!(Period::parse("0 hours").is_none());
        assert!(Period::parse("-1 hours").is_none());
    }

    #[test]
    fn months_use_calendar_arithmetic() {
        let t = parse_datetime("2024-01-31T00:00:00").unwrap();
        let p = Period::parse("1 month").unwrap();
        assert_eq!(format_datetime(p.add_to(t).unwrap()), "2024-02-29T00:00:00");
        assert_eq!(
            format_datetime(p.add_times(t, 2).unwrap()),
            "2024-03-31T00:00:00"
        );
    }

    #[test]
    fn datetime_format_is_strict() {
        assert!(parse_datetime("2012-12-12T00:00:00").is_some());
        assert!(parse_datetime("bad-time").is_none());
        assert!(parse_datetime("2012-12-12 00:00:00").is_none());
    }
}
