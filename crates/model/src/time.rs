//! The service's value formats for time: DateTime (`YYYY-MM-DDTHH:MM:SS`,
//! UTC) and Period (`"N unit"`), with calendar arithmetic for months and
//! years (chrono).

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use std::fmt;

/// The service's DateTime format (as strftime; parsed and written below
/// exactly as chrono does with it, without chrono's format machinery, which
/// would weigh about 20 KB in the app's first wasm module).
pub const DATETIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// Parse `YYYY-MM-DDTHH:MM:SS` (UTC, no zone suffix). Of 19-byte texts it
/// accepts exactly what `NaiveDateTime::parse_from_str(s, DATETIME_FORMAT)`
/// accepts (a test checks this against chrono): each number may follow
/// whitespace and be shorter, the year may be signed, second 60 is a leap
/// second.
pub fn parse_datetime(s: &str) -> Option<NaiveDateTime> {
    if s.len() != 19 {
        return None;
    }
    let (s, year) = year(s)?;
    let (s, month) = number(s.strip_prefix('-')?, 2)?;
    let (s, day) = number(s.strip_prefix('-')?, 2)?;
    let (s, hour) = number(s.strip_prefix('T')?, 2)?;
    let (s, minute) = number(s.strip_prefix(':')?, 2)?;
    let (s, second) = number(s.strip_prefix(':')?, 2)?;
    if !s.is_empty()
        || !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month as u32, day as u32)?;
    let (h, m) = (hour as u32, minute as u32);
    let time = if second == 60 {
        NaiveTime::from_hms_nano_opt(h, m, 59, 1_000_000_000)?
    } else {
        NaiveTime::from_hms_opt(h, m, second as u32)?
    };
    Some(date.and_time(time))
}

/// `%Y` as chrono reads it: after whitespace, a sign and any number of
/// digits, or up to four digits.
fn year(s: &str) -> Option<(&str, i64)> {
    let s = s.trim_start();
    if let Some(rest) = s.strip_prefix('-') {
        let (rest, v) = digits(rest, usize::MAX)?;
        Some((rest, 0i64.checked_sub(v)?))
    } else if let Some(rest) = s.strip_prefix('+') {
        digits(rest, usize::MAX)
    } else {
        digits(s, 4)
    }
}

/// A number field as chrono reads it: after whitespace, 1 to `max` digits.
fn number(s: &str, max: usize) -> Option<(&str, i64)> {
    digits(s.trim_start(), max)
}

fn digits(s: &str, max: usize) -> Option<(&str, i64)> {
    let n = s.bytes().take(max).take_while(u8::is_ascii_digit).count();
    if n == 0 {
        return None;
    }
    let v = s.bytes().take(n).try_fold(0i64, |v, c| {
        v.checked_mul(10)?.checked_add(i64::from(c - b'0'))
    })?;
    Some((&s[n..], v))
}

/// `t + secs` as `t.checked_add_signed(Duration::try_seconds(secs)?)`,
/// with the date arithmetic done only when the day changes (schedules and
/// timers add seconds several times per task).
pub fn add_seconds(t: NaiveDateTime, secs: i64) -> Option<NaiveDateTime> {
    let nanos = t.nanosecond();
    if nanos < 1_000_000_000 && secs.unsigned_abs() < 86_400 {
        let s = i64::from(t.num_seconds_from_midnight()) + secs;
        if (0..86_400).contains(&s) {
            let time = NaiveTime::from_num_seconds_from_midnight_opt(s as u32, nanos)?;
            return Some(t.date().and_time(time));
        }
    }
    t.checked_add_signed(Duration::try_seconds(secs)?)
}

/// Format as `YYYY-MM-DDTHH:MM:SS` (as chrono's `DATETIME_FORMAT` does:
/// years outside 0..=9999 signed, a leap second as 60).
pub fn format_datetime(t: NaiveDateTime) -> String {
    let y = t.year();
    let second = t.second() + t.nanosecond() / 1_000_000_000;
    let (mo, d, h, mi) = (t.month(), t.day(), t.hour(), t.minute());
    if (0..10_000).contains(&y) {
        format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{second:02}")
    } else {
        format!("{y:+05}-{mo:02}-{d:02}T{h:02}:{mi:02}:{second:02}")
    }
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
            PeriodUnit::Minutes => add_seconds(t, n.checked_mul(60)?),
            PeriodUnit::Hours => add_seconds(t, n.checked_mul(3_600)?),
            PeriodUnit::Days => add_seconds(t, n.checked_mul(86_400)?),
            PeriodUnit::Weeks => add_seconds(t, n.checked_mul(604_800)?),
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
    fn add_seconds_matches_chrono() {
        for t in [
            "2024-02-28T23:59:59",
            "2024-12-31T00:00:00",
            "2024-06-01T12:00:00",
        ] {
            let t = parse_datetime(t).unwrap();
            for secs in [0, 1, -1, 59, 86_399, -86_399, 86_400, -86_400, 10_000_000] {
                let chrono = t.checked_add_signed(Duration::try_seconds(secs).unwrap());
                assert_eq!(add_seconds(t, secs), chrono, "{t} + {secs}");
            }
        }
        let leap = NaiveDate::from_ymd_opt(2016, 12, 31)
            .unwrap()
            .and_hms_nano_opt(23, 59, 59, 1_500_000_000)
            .unwrap();
        for secs in [0, 1, -1] {
            let chrono = leap.checked_add_signed(Duration::try_seconds(secs).unwrap());
            assert_eq!(add_seconds(leap, secs), chrono);
        }
        assert_eq!(add_seconds(NaiveDateTime::MAX, 1), None);
        assert_eq!(add_seconds(NaiveDateTime::MAX, i64::MAX), None);
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

    /// chrono's reading of `DATETIME_FORMAT`, the behaviour kept.
    fn chrono_parse(s: &str) -> Option<NaiveDateTime> {
        (s.len() == 19)
            .then(|| NaiveDateTime::parse_from_str(s, DATETIME_FORMAT).ok())
            .flatten()
    }

    #[test]
    fn parses_every_19_byte_text_as_chrono_does() {
        let bases = [
            "2012-12-12T00:00:00",
            "2024-02-29T23:59:60",
            "2023-02-29T12:30:45",
            "0000-01-01T00:00:00",
            "9999-12-31T23:59:59",
            "+12345-1-1T1:1:1:11",
            "-0001-12-31T1:01:01",
            "2012-1-1T1:1:1     ",
        ];
        let subs = [
            ' ', '+', '-', '0', '1', '2', '3', '6', '9', 'T', 't', ':', 'x', '\t', '\n',
        ];
        let mut checked = 0;
        for base in bases {
            let b: Vec<char> = base.chars().collect();
            let mut texts = vec![base.to_string()];
            for i in 0..b.len() {
                for &c in &subs {
                    let mut one = b.clone();
                    one[i] = c;
                    for j in i + 1..b.len() {
                        for &d in &subs {
                            let mut two = one.clone();
                            two[j] = d;
                            texts.push(two.iter().collect());
                        }
                    }
                    texts.push(one.into_iter().collect());
                }
            }
            texts.push("\u{3000}012-12-12T00:00:00".into());
            texts.push("2012-12-12T\u{3000}0:00:0".into());
            for t in texts {
                assert_eq!(parse_datetime(&t), chrono_parse(&t), "{t:?}");
                checked += 1;
            }
        }
        assert!(checked > 100_000, "{checked}");
    }

    #[test]
    fn formats_as_chrono_does() {
        let mut t = NaiveDate::from_ymd_opt(-12_000, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        let end = NaiveDate::from_ymd_opt(12_000, 1, 1).unwrap();
        while t.date() < end {
            assert_eq!(format_datetime(t), t.format(DATETIME_FORMAT).to_string());
            t += Duration::try_seconds(86_400 * 37 + 3_607).unwrap();
        }
        let leap = NaiveDate::from_ymd_opt(2016, 12, 31)
            .unwrap()
            .and_hms_nano_opt(23, 59, 59, 1_000_000_000)
            .unwrap();
        assert_eq!(
            format_datetime(leap),
            leap.format(DATETIME_FORMAT).to_string()
        );
        assert_eq!(format_datetime(leap), "2016-12-31T23:59:60");
    }

    #[test]
    fn datetime_format_is_strict() {
        assert!(parse_datetime("2012-12-12T00:00:00").is_some());
        assert!(parse_datetime("bad-time").is_none());
        assert!(parse_datetime("2012-12-12 00:00:00").is_none());
    }
}
