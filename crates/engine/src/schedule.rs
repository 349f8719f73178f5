//! Schedule arithmetic: reading a Schedule object (period, startDateTime /
//! startAt, endDateTime, occurrences) and the intervals it yields
//! (`[S+kP, S+(k+1)P)`, months and years with calendar arithmetic).

use super::state::{ScheduleSpec, Unit};
use chrono::{NaiveDateTime, Timelike};
use model::catalog::keys;
use model::time::{parse_datetime, Period, PeriodUnit};
use model::PipelineObject;

impl ScheduleSpec {
    fn period(&self) -> Period {
        let unit = match self.unit {
            Unit::Minutes => PeriodUnit::Minutes,
            Unit::Hours => PeriodUnit::Hours,
            Unit::Days => PeriodUnit::Days,
            Unit::Weeks => PeriodUnit::Weeks,
            Unit::Months => PeriodUnit::Months,
            Unit::Years => PeriodUnit::Years,
        };
        Period {
            amount: self.amount,
            unit,
        }
    }

    /// Start of interval `k` (`None` past the calendar's range).
    pub fn interval_start(&self, k: u64) -> Option<NaiveDateTime> {
        self.period().add_times(self.start, u32::try_from(k).ok()?)
    }

    /// Start of interval `k + 1` given `s`, the start of interval `k`:
    /// one period added to `s` for fixed-length units (exact: no calendar
    /// involved; a leap-second start is computed from the schedule start),
    /// months and years from the schedule start (so month ends do not drift).
    pub fn next_start(&self, k: u64, s: NaiveDateTime) -> Option<NaiveDateTime> {
        let k1 = u32::try_from(k + 1).ok()?;
        let unit: i64 = match self.unit {
            Unit::Minutes => 60,
            Unit::Hours => 3_600,
            Unit::Days => 86_400,
            Unit::Weeks => 604_800,
            Unit::Months | Unit::Years => return self.period().add_times(self.start, k1),
        };
        if s.nanosecond() >= 1_000_000_000 || self.start.nanosecond() >= 1_000_000_000 {
            return self.interval_start(u64::from(k1));
        }
        model::time::add_seconds(s, i64::from(self.amount) * unit)
    }

    /// `(start, end)` of interval `k` if the schedule runs it.
    pub fn interval(&self, k: u64) -> Option<(NaiveDateTime, NaiveDateTime)> {
        self.interval_from(k, self.interval_start(k)?)
    }

    /// As `interval(k)`, given `s`, the start of interval `k`.
    pub fn interval_from(
        &self,
        k: u64,
        s: NaiveDateTime,
    ) -> Option<(NaiveDateTime, NaiveDateTime)> {
        if let Some(n) = self.occurrences {
            if k >= n {
                return None;
            }
        }
        if let Some(end) = self.end {
            if s >= end {
                return None;
            }
        }
        Some((s, self.next_start(k, s)?))
    }

    /// The interval containing `t` (the last one starting at or before it).
    pub fn interval_at(&self, t: NaiveDateTime) -> Option<u64> {
        if t < self.start {
            return None;
        }
        let approx = self.period().approx_seconds().max(1) as i64;
        let mut k = ((t - self.start).num_seconds() / approx).max(0) as u64;
        while k > 0 && self.interval_start(k).is_none_or(|s| s > t) {
            k -= 1;
        }
        while self.interval_start(k + 1).is_some_and(|s| s <= t) {
            k += 1;
        }
        Some(k)
    }

    /// Whether interval `k` and every later one lie past the end.
    pub fn ended_at(&self, k: u64) -> bool {
        self.interval(k).is_none()
    }
}

/// How a Schedule object starts.
pub enum Start {
    At(NaiveDateTime),
    FirstActivation,
    /// `startAt: ONDEMAND_ACTIVATION_TIME` / `period: ONDEMAND_PERIOD`.
    OnDemand,
}

/// Read a Schedule object. `first_activation` fills in
/// `startAt: FIRST_ACTIVATION_DATE_TIME`. `Ok(None)` means on-demand.
pub fn read_schedule(
    obj: &PipelineObject,
    first_activation: NaiveDateTime,
) -> Result<Option<ScheduleSpec>, String> {
    let id = obj.id.as_str();
    let period_text = obj.first_string(keys::PERIOD).unwrap_or_default();
    let start = match (
        obj.first_string(keys::START_DATE_TIME),
        obj.first_string(keys::START_AT),
    ) {
        (Some(s), _) => Start::At(
            parse_datetime(s).ok_or_else(|| format!("Schedule '{id}': bad startDateTime '{s}'"))?,
        ),
        (None, Some(a)) if a.eq_ignore_ascii_case("FIRST_ACTIVATION_DATE_TIME") => {
            Start::FirstActivation
        }
        (None, Some(a)) if a.eq_ignore_ascii_case("ONDEMAND_ACTIVATION_TIME") => Start::OnDemand,
        _ => return Err(format!("Schedule '{id}' has no startDateTime or startAt")),
    };
    if matches!(start, Start::OnDemand) || period_text.eq_ignore_ascii_case("ONDEMAND_PERIOD") {
        return Ok(None);
    }
    let start = match start {
        Start::At(t) => t,
        _ => first_activation,
    };
    let period = Period::parse(period_text)
        .ok_or_else(|| format!("Schedule '{id}': bad period '{period_text}'"))?;
    let unit = match period.unit {
        PeriodUnit::Minutes => Unit::Minutes,
        PeriodUnit::Hours => Unit::Hours,
        PeriodUnit::Days => Unit::Days,
        PeriodUnit::Weeks => Unit::Weeks,
        PeriodUnit::Months => Unit::Months,
        PeriodUnit::Years => Unit::Years,
    };
    let end = match obj.first_string(keys::END_DATE_TIME) {
        Some(s) => Some(
            parse_datetime(s).ok_or_else(|| format!("Schedule '{id}': bad endDateTime '{s}'"))?,
        ),
        None => None,
    };
    let occurrences = match obj.first_string(keys::OCCURRENCES) {
        Some(s) => Some(
            s.trim()
                .parse::<u64>()
                .map_err(|_| format!("Schedule '{id}': bad occurrences '{s}'"))?,
        ),
        None => None,
    };
    Ok(Some(ScheduleSpec {
        start,
        amount: period.amount,
        unit,
        end,
        occurrences,
    }))
}

/// A Period field in seconds (months/years approximated), `None` if absent or malformed.
pub fn period_secs(text: Option<&str>) -> Option<i64> {
    Period::parse(text?).map(|p| p.approx_seconds() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::time::format_datetime;
    use model::Field;

    fn sched(fields: &[(&str, &str)]) -> ScheduleSpec {
        let mut o = PipelineObject::new("S", "S");
        for (k, v) in fields {
            o.fields.push(Field::string(*k, *v));
        }
        let t = parse_datetime("2020-01-01T00:00:00").unwrap();
        read_schedule(&o, t).unwrap().unwrap()
    }

    #[test]
    fn intervals_follow_period_and_end() {
        let s = sched(&[
            ("startDateTime", "2012-12-12T00:00:00"),
            ("period", "1 hour"),
            ("endDateTime", "2012-12-12T03:00:00"),
        ]);
        let (a, b) = s.interval(1).unwrap();
        assert_eq!(format_datetime(a), "2012-12-12T01:00:00");
        assert_eq!(format_datetime(b), "2012-12-12T02:00:00");
        assert!(s.interval(3).is_none());
        // Stepping from the previous interval gives what the schedule start gives.
        let mut prev = s.interval(0).unwrap();
        for k in 1..3 {
            let next = s.interval_from(k, prev.1).unwrap();
            assert_eq!(Some(next), s.interval(k));
            prev = next;
        }
        let t = parse_datetime("2012-12-12T02:59:59").unwrap();
        assert_eq!(s.interval_at(t), Some(2));
    }

    #[test]
    fn monthly_intervals_use_the_calendar() {
        let s = sched(&[
            ("startDateTime", "2024-01-31T00:00:00"),
            ("period", "1 month"),
            ("occurrences", "3"),
        ]);
        assert_eq!(
            format_datetime(s.interval(1).unwrap().0),
            "2024-02-29T00:00:00"
        );
        assert!(s.interval(3).is_none());
        let (a, b) = s.interval(1).unwrap();
        assert_eq!(s.interval_from(1, a), Some((a, b)));
        assert_eq!(format_datetime(b), "2024-03-31T00:00:00");
        let t = parse_datetime("2024-03-30T00:00:00").unwrap();
        assert_eq!(s.interval_at(t), Some(1));
    }
}
