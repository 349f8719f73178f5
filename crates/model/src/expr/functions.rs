//! The function library of reference §6: DateTime fields, DateTime
//! construction and arithmetic (chrono, with calendar months and years) and
//! `format` with Joda-Time patterns. Arguments that should be DateTimes may
//! be strings in the service's DateTime format.

use super::{joda, Value};
use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// What a function computes.
#[derive(Clone, Copy)]
enum Kind {
    Day,
    DayOfYear,
    Hour,
    Minute,
    Month,
    Year,
    FirstOfMonth,
    Midnight,
    Sunday,
    Yesterday,
    /// `plusX` (sign +1) and `minusX` (sign -1).
    Shift(Unit, i64),
    MakeDate,
    MakeDateTime,
    Format,
}

#[derive(Clone, Copy)]
enum Unit {
    Minutes,
    Hours,
    Days,
    Weeks,
    Months,
    Years,
}

/// Every function: name, number of arguments, what it does.
const FUNCTIONS: &[(&str, usize, Kind)] = &[
    ("day", 1, Kind::Day),
    ("dayOfYear", 1, Kind::DayOfYear),
    ("hour", 1, Kind::Hour),
    ("minute", 1, Kind::Minute),
    ("month", 1, Kind::Month),
    ("year", 1, Kind::Year),
    ("firstOfMonth", 1, Kind::FirstOfMonth),
    ("midnight", 1, Kind::Midnight),
    ("sunday", 1, Kind::Sunday),
    ("yesterday", 1, Kind::Yesterday),
    ("plusMinutes", 2, Kind::Shift(Unit::Minutes, 1)),
    ("plusHours", 2, Kind::Shift(Unit::Hours, 1)),
    ("plusDays", 2, Kind::Shift(Unit::Days, 1)),
    ("plusWeeks", 2, Kind::Shift(Unit::Weeks, 1)),
    ("plusMonths", 2, Kind::Shift(Unit::Months, 1)),
    ("plusYears", 2, Kind::Shift(Unit::Years, 1)),
    ("minusMinutes", 2, Kind::Shift(Unit::Minutes, -1)),
    ("minusHours", 2, Kind::Shift(Unit::Hours, -1)),
    ("minusDays", 2, Kind::Shift(Unit::Days, -1)),
    ("minusWeeks", 2, Kind::Shift(Unit::Weeks, -1)),
    ("minusMonths", 2, Kind::Shift(Unit::Months, -1)),
    ("minusYears", 2, Kind::Shift(Unit::Years, -1)),
    ("makeDate", 3, Kind::MakeDate),
    ("makeDateTime", 5, Kind::MakeDateTime),
    ("format", 2, Kind::Format),
];

fn find(name: &str) -> Option<(usize, Kind)> {
    FUNCTIONS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|&(_, arity, kind)| (arity, kind))
}

/// The number of arguments `name` takes, or `None` if there is no such function.
pub fn arity(name: &str) -> Option<usize> {
    find(name).map(|(arity, _)| arity)
}

/// The names of all functions, for completion and docs.
pub fn names() -> impl Iterator<Item = &'static str> {
    FUNCTIONS.iter().map(|(n, _, _)| *n)
}

fn datetime(name: &str, v: &Value) -> Result<NaiveDateTime, String> {
    v.as_datetime().ok_or_else(|| {
        format!(
            "{name} expects a DateTime (YYYY-MM-DDTHH:MM:SS), got {}",
            v.describe()
        )
    })
}

fn int(name: &str, v: &Value) -> Result<i64, String> {
    v.as_int()
        .ok_or_else(|| format!("{name} expects an integer, got {}", v.describe()))
}

fn out_of_range(name: &str) -> String {
    format!("{name}: the resulting date is out of range")
}

/// `t` moved by `n` units (calendar months and years; clamped to the month's end).
fn shift(name: &str, t: NaiveDateTime, unit: Unit, n: i64) -> Result<NaiveDateTime, String> {
    let fixed = |d: Option<Duration>| d.and_then(|d| t.checked_add_signed(d));
    let months = |m: Option<i64>| {
        let m = m?;
        let count = Months::new(u32::try_from(m.unsigned_abs()).ok()?);
        if m >= 0 {
            t.checked_add_months(count)
        } else {
            t.checked_sub_months(count)
        }
    };
    let moved = match unit {
        Unit::Minutes => fixed(Duration::try_minutes(n)),
        Unit::Hours => fixed(Duration::try_hours(n)),
        Unit::Days => fixed(Duration::try_days(n)),
        Unit::Weeks => fixed(Duration::try_weeks(n)),
        Unit::Months => months(Some(n)),
        Unit::Years => months(n.checked_mul(12)),
    };
    moved.ok_or_else(|| out_of_range(name))
}

fn make(name: &str, ymdhm: [i64; 5]) -> Result<NaiveDateTime, String> {
    let [y, m, d, h, min] = ymdhm;
    let part = |v: i64| u32::try_from(v).ok();
    let date = i32::try_from(y)
        .ok()
        .zip(part(m).zip(part(d)))
        .and_then(|(y, (m, d))| NaiveDate::from_ymd_opt(y, m, d))
        .ok_or_else(|| format!("{name}: {y}-{m}-{d} is not a valid date"))?;
    let time = part(h)
        .zip(part(min))
        .and_then(|(h, min)| NaiveTime::from_hms_opt(h, min, 0))
        .ok_or_else(|| format!("{name}: {h}:{min} is not a valid time"))?;
    Ok(date.and_time(time))
}

/// Apply function `name` to already evaluated, single (non-list) arguments.
/// The parser has checked the name and the number of arguments.
pub(crate) fn call(name: &str, args: &[Value]) -> Result<Value, String> {
    let Some((arity, kind)) = find(name) else {
        return Err(format!("unknown function '{name}'"));
    };
    if args.len() != arity {
        return Err(format!(
            "{name} takes {arity} arguments, got {}",
            args.len()
        ));
    }
    let dt = |i: usize| datetime(name, &args[i]);
    let n = |i: usize| int(name, &args[i]);
    let value = match kind {
        Kind::Day => Value::Int(i64::from(dt(0)?.day())),
        Kind::DayOfYear => Value::Int(i64::from(dt(0)?.ordinal())),
        Kind::Hour => Value::Int(i64::from(dt(0)?.hour())),
        Kind::Minute => Value::Int(i64::from(dt(0)?.minute())),
        Kind::Month => Value::Int(i64::from(dt(0)?.month())),
        Kind::Year => Value::Int(i64::from(dt(0)?.year())),
        Kind::FirstOfMonth => {
            let t = dt(0)?;
            Value::DateTime(t.with_day(1).ok_or_else(|| out_of_range(name))?)
        }
        Kind::Midnight => Value::DateTime(dt(0)?.date().and_time(NaiveTime::MIN)),
        Kind::Sunday => {
            let t = dt(0)?;
            let back = i64::from(t.weekday().num_days_from_sunday());
            Value::DateTime(shift(name, t, Unit::Days, -back)?)
        }
        Kind::Yesterday => Value::DateTime(shift(name, dt(0)?, Unit::Days, -1)?),
        Kind::Shift(unit, sign) => {
            let amount = n(1)?.checked_mul(sign).ok_or_else(|| out_of_range(name))?;
            Value::DateTime(shift(name, dt(0)?, unit, amount)?)
        }
        Kind::MakeDate => Value::DateTime(make(name, [n(0)?, n(1)?, n(2)?, 0, 0])?),
        Kind::MakeDateTime => Value::DateTime(make(name, [n(0)?, n(1)?, n(2)?, n(3)?, n(4)?])?),
        Kind::Format => {
            let pattern = match &args[1] {
                Value::Str(s) => s.as_str(),
                other => {
                    return Err(format!(
                        "format expects a pattern string, got {}",
                        other.describe()
                    ))
                }
            };
            Value::Str(joda::format(dt(0)?, pattern)?)
        }
    };
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{format_datetime, parse_datetime};

    /// May 24, 2011 @ 5:10 pm, the value the function pages' examples use.
    fn my_date_time() -> Value {
        Value::Str("2011-05-24T17:10:00".into())
    }

    fn run(name: &str, args: &[Value]) -> Value {
        call(name, args).unwrap()
    }

    fn dt(name: &str, args: &[Value]) -> String {
        match run(name, args) {
            Value::DateTime(t) => format_datetime(t),
            other => panic!("{name} gave {other:?}"),
        }
    }

    #[test]
    fn fields_of_a_datetime() {
        let t = [my_date_time()];
        assert_eq!(run("day", &t), Value::Int(24));
        assert_eq!(run("dayOfYear", &t), Value::Int(144));
        assert_eq!(run("hour", &t), Value::Int(17));
        assert_eq!(run("minute", &t), Value::Int(10));
        assert_eq!(run("month", &t), Value::Int(5));
        assert_eq!(run("year", &t), Value::Int(2011));
    }

    #[test]
    fn derived_datetimes() {
        let t = [my_date_time()];
        assert_eq!(dt("firstOfMonth", &t), "2011-05-01T17:10:00");
        assert_eq!(
            dt("midnight", &[Value::Str("2011-05-25T17:10:00".into())]),
            "2011-05-25T00:00:00"
        );
        assert_eq!(dt("sunday", &t), "2011-05-22T17:10:00");
        assert_eq!(
            dt("sunday", &[Value::Str("2011-05-22T01:00:00".into())]),
            "2011-05-22T01:00:00"
        );
        assert_eq!(dt("yesterday", &t), "2011-05-23T17:10:00");
    }

    #[test]
    fn plus_and_minus_every_unit() {
        let t = my_date_time();
        let cases = [
            ("plusMinutes", "2011-05-24T17:11:00"),
            ("plusHours", "2011-05-24T18:10:00"),
            ("plusDays", "2011-05-25T17:10:00"),
            ("plusWeeks", "2011-05-31T17:10:00"),
            ("plusMonths", "2011-06-24T17:10:00"),
            ("plusYears", "2012-05-24T17:10:00"),
            ("minusMinutes", "2011-05-24T17:09:00"),
            ("minusHours", "2011-05-24T16:10:00"),
            ("minusDays", "2011-05-23T17:10:00"),
            ("minusWeeks", "2011-05-17T17:10:00"),
            ("minusMonths", "2011-04-24T17:10:00"),
            ("minusYears", "2010-05-24T17:10:00"),
        ];
        for (name, want) in cases {
            assert_eq!(dt(name, &[t.clone(), Value::Int(1)]), want, "{name}");
        }
        assert_eq!(
            dt("minusDays", &[t.clone(), Value::Int(-1)]),
            "2011-05-25T17:10:00"
        );
    }

    #[test]
    fn months_clamp_to_the_end_of_the_month() {
        let jan31 = Value::Str("2024-01-31T00:00:00".into());
        assert_eq!(
            dt("plusMonths", &[jan31.clone(), Value::Int(1)]),
            "2024-02-29T00:00:00"
        );
        assert_eq!(
            dt("minusMonths", &[jan31, Value::Int(2)]),
            "2023-11-30T00:00:00"
        );
        let leap = Value::Str("2024-02-29T00:00:00".into());
        assert_eq!(
            dt("plusYears", &[leap, Value::Str("1".into())]),
            "2025-02-28T00:00:00"
        );
    }

    #[test]
    fn construction() {
        assert_eq!(
            dt(
                "makeDate",
                &[Value::Int(2011), Value::Int(5), Value::Int(24)]
            ),
            "2011-05-24T00:00:00"
        );
        let args = [2011, 5, 24, 14, 21].map(Value::Int);
        assert_eq!(dt("makeDateTime", &args), "2011-05-24T14:21:00");
        assert!(call(
            "makeDate",
            &[Value::Int(2011), Value::Int(2), Value::Int(30)]
        )
        .is_err());
        assert!(call("makeDateTime", &[2011, 5, 24, 24, 0].map(Value::Int)).is_err());
        assert!(call(
            "makeDate",
            &[Value::Int(i64::MAX), Value::Int(1), Value::Int(1)]
        )
        .is_err());
    }

    #[test]
    fn format_uses_joda_patterns() {
        let t = Value::DateTime(parse_datetime("2011-05-24T17:10:00").unwrap());
        assert_eq!(
            run(
                "format",
                &[t.clone(), Value::Str("YYYY-MM-dd HH:mm:ss z".into())]
            ),
            Value::Str("2011-05-24 17:10:00 UTC".into())
        );
        assert!(call("format", &[t, Value::Int(3)]).is_err());
    }

    #[test]
    fn bad_arguments_are_errors_not_panics() {
        let t = my_date_time();
        assert!(call("day", &[Value::Str("bad-time".into())])
            .unwrap_err()
            .contains("expects a DateTime"));
        assert!(call("plusDays", &[t.clone(), Value::Double(1.5)]).is_err());
        assert!(call("plusDays", &[t.clone(), Value::Int(i64::MAX)]).is_err());
        assert!(call("minusDays", &[t.clone(), Value::Int(i64::MIN)]).is_err());
        assert!(call("plusYears", &[t.clone(), Value::Int(i64::MAX / 2)]).is_err());
        assert!(call("plusMonths", &[t, Value::Int(i64::from(u32::MAX) + 1)]).is_err());
        assert!(call("nope", &[]).is_err());
        assert!(names().any(|n| n == "makeDateTime"));
    }
}
