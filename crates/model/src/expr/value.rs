//! How expression values print when interpolated and how they convert for
//! operators and functions (a string in `YYYY-MM-DDTHH:MM:SS` is a
//! DateTime, a numeric string is a number).

use super::Value;
use crate::time::{format_datetime, parse_datetime};
use chrono::NaiveDateTime;
use std::fmt;

/// The most elements a list value may have (lists multiply under `+`).
pub const MAX_LIST_LEN: usize = 10_000;

impl fmt::Display for Value {
    /// Strings as they are, integers in decimal, doubles as the service
    /// prints them (`4.0`, `.5`), DateTimes as `YYYY-MM-DDTHH:MM:SS` and
    /// lists as `["a","b"]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Str(s) => f.write_str(s),
            Value::Int(n) => write!(f, "{n}"),
            Value::Double(d) => f.write_str(&format_double(*d)),
            Value::DateTime(t) => f.write_str(&format_datetime(*t)),
            Value::List(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    let quoted = serde_json::Value::String(item.to_string()).to_string();
                    f.write_str(&quoted)?;
                }
                f.write_str("]")
            }
        }
    }
}

/// A double as the service prints it: Java's `Double.toString` (shortest
/// digits, at least one fraction digit, `E` notation outside
/// [10^-3, 10^7)), except that a magnitude below one drops its leading zero,
/// as the documented `#{1.0 / 2}` → `.5` shows.
pub fn format_double(d: f64) -> String {
    if d.is_nan() {
        return "NaN".to_string();
    }
    if d.is_infinite() {
        return if d > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    if d == 0.0 {
        return if d.is_sign_negative() { "-0.0" } else { "0.0" }.to_string();
    }
    let magnitude = d.abs();
    let java = if (1e-3..1e7).contains(&magnitude) {
        let s = format!("{d}");
        if s.contains('.') {
            s
        } else {
            format!("{s}.0")
        }
    } else {
        let s = format!("{d:e}");
        let (mantissa, exponent) = s.split_once('e').unwrap_or((&s, "0"));
        if mantissa.contains('.') {
            format!("{mantissa}E{exponent}")
        } else {
            format!("{mantissa}.0E{exponent}")
        }
    };
    if let Some(rest) = java.strip_prefix("0.") {
        format!(".{rest}")
    } else if let Some(rest) = java.strip_prefix("-0.") {
        format!("-.{rest}")
    } else {
        java
    }
}

/// A number operand.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Number {
    Int(i64),
    Double(f64),
}

impl Number {
    pub fn as_f64(self) -> f64 {
        match self {
            // Precision loss above 2^53 is what the service's doubles do too.
            Number::Int(n) => n as f64,
            Number::Double(d) => d,
        }
    }
}

/// Parse a decimal number written as a string (`"42"`, `"-1.5"`); no
/// exponents, `inf` or `NaN`.
fn parse_number(s: &str) -> Option<Number> {
    let t = s.trim();
    let digits = t.strip_prefix('-').unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    if let Ok(n) = t.parse::<i64>() {
        return Some(Number::Int(n));
    }
    t.parse::<f64>()
        .ok()
        .filter(|d| d.is_finite())
        .map(Number::Double)
}

impl Value {
    /// A short description of the value for error messages.
    pub fn describe(&self) -> String {
        match self {
            Value::Str(s) => {
                let shown: String = s.chars().take(40).collect();
                let more = if shown.len() < s.len() { "…" } else { "" };
                format!("'{shown}{more}'")
            }
            Value::Int(n) => format!("the integer {n}"),
            Value::Double(d) => format!("the number {}", format_double(*d)),
            Value::DateTime(t) => format!("the DateTime {}", format_datetime(*t)),
            Value::List(items) => format!("a list of {} values", items.len()),
        }
    }

    /// The value as a DateTime: a DateTime, or a string in the service's
    /// DateTime format.
    pub fn as_datetime(&self) -> Option<NaiveDateTime> {
        match self {
            Value::DateTime(t) => Some(*t),
            Value::Str(s) => parse_datetime(s.trim()),
            _ => None,
        }
    }

    /// The value as a number: an integer, a double or a numeric string.
    pub(crate) fn as_number(&self) -> Option<Number> {
        match self {
            Value::Int(n) => Some(Number::Int(*n)),
            Value::Double(d) => Some(Number::Double(*d)),
            Value::Str(s) => parse_number(s),
            _ => None,
        }
    }

    /// The value as an integer: an integer, or a string holding one.
    pub fn as_int(&self) -> Option<i64> {
        match self.as_number()? {
            Number::Int(n) => Some(n),
            Number::Double(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_print_like_the_service() {
        assert_eq!(format_double(4.0), "4.0");
        assert_eq!(format_double(0.5), ".5");
        assert_eq!(format_double(-0.25), "-.25");
        assert_eq!(format_double(1.5), "1.5");
        assert_eq!(format_double(1234567.0), "1234567.0");
        assert_eq!(format_double(1e7), "1.0E7");
        assert_eq!(format_double(1.25e-4), "1.25E-4");
        assert_eq!(format_double(0.0), "0.0");
        assert_eq!(format_double(f64::INFINITY), "Infinity");
    }

    #[test]
    fn lists_print_as_json_arrays() {
        let v = Value::List(vec![Value::Str("this is one".into()), Value::Int(2)]);
        assert_eq!(v.to_string(), r#"["this is one","2"]"#);
    }

    #[test]
    fn strings_convert_to_datetimes_and_numbers() {
        let s = Value::Str("2012-12-12T00:00:00".into());
        assert_eq!(
            Value::DateTime(s.as_datetime().unwrap()).to_string(),
            "2012-12-12T00:00:00"
        );
        assert_eq!(Value::Str("42".into()).as_int(), Some(42));
        assert_eq!(
            Value::Str("-1.5".into()).as_number(),
            Some(Number::Double(-1.5))
        );
        assert_eq!(Value::Str("inf".into()).as_number(), None);
        assert_eq!(Value::Str("1e5".into()).as_number(), None);
        assert_eq!(Value::Str("-".into()).as_number(), None);
        assert_eq!(Value::Str("1.2.3".into()).as_number(), None);
    }
}
