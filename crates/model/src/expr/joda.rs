//! `format(dt, pattern)`: Joda-Time `DateTimeFormat` patterns, as the
//! service uses them, for UTC date-times in the English locale. Hand-written
//! because Joda's letters differ from strftime's and no Rust crate renders
//! them; chrono supplies the calendar fields.
//!
//! Letters: `G` era, `C` century, `Y` year of era, `y` year, `x` week year,
//! `w` week of week year, `e`/`E` day of week, `D` day of year, `M` month,
//! `d` day, `a` AM/PM, `K`/`h`/`H`/`k` hours, `m` minute, `s` second, `S`
//! fraction, `z`/`Z` zone (always UTC). `'text'` is literal text and `''` a
//! quote; other non-letters are literal; any other letter is an error.

use chrono::{Datelike, NaiveDateTime, Timelike};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// `n` with at least `width` digits (zero padded after any sign).
fn padded(n: i64, width: usize) -> String {
    let digits = n.unsigned_abs().to_string();
    let zeros = width.saturating_sub(digits.len());
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}{digits}", "0".repeat(zeros))
}

/// A year field: two digits for a count of 2, else at least `count` digits.
fn year_field(year: i64, count: usize) -> String {
    if count == 2 {
        padded(year.rem_euclid(100), 2)
    } else {
        padded(year, count)
    }
}

/// Text for a count of 4 or more, else the 3-letter short form.
fn text_field(full: &str, count: usize) -> String {
    if count >= 4 {
        full.to_string()
    } else {
        full.chars().take(3).collect()
    }
}

/// Render one run of `count` copies of pattern letter `letter`.
fn field(t: NaiveDateTime, letter: char, count: usize) -> Result<String, String> {
    let year = i64::from(t.year());
    let year_of_era = if year <= 0 { 1 - year } else { year };
    let hour = i64::from(t.hour());
    let month = t.month0() as usize;
    let weekday = t.weekday().num_days_from_monday() as usize;
    Ok(match letter {
        'G' => if year <= 0 { "BC" } else { "AD" }.to_string(),
        'C' => padded(year_of_era / 100, count),
        'Y' => year_field(year_of_era, count),
        'y' => year_field(year, count),
        'x' => year_field(i64::from(t.iso_week().year()), count),
        'w' => padded(i64::from(t.iso_week().week()), count),
        'e' => padded(weekday as i64 + 1, count),
        'E' => text_field(WEEKDAYS[weekday], count),
        'D' => padded(i64::from(t.ordinal()), count),
        'M' if count >= 3 => text_field(MONTHS[month], count),
        'M' => padded(month as i64 + 1, count),
        'd' => padded(i64::from(t.day()), count),
        'a' => if hour < 12 { "AM" } else { "PM" }.to_string(),
        'K' => padded(hour % 12, count),
        'h' => padded(if hour % 12 == 0 { 12 } else { hour % 12 }, count),
        'H' => padded(hour, count),
        'k' => padded(if hour == 0 { 24 } else { hour }, count),
        'm' => padded(i64::from(t.minute()), count),
        's' => padded(i64::from(t.second()), count),
        'S' => {
            let nanos = format!("{:09}", t.nanosecond() % 1_000_000_000);
            let mut s: String = nanos.chars().take(count).collect();
            s.push_str(&"0".repeat(count.saturating_sub(9)));
            s
        }
        'z' if count >= 4 => "Coordinated Universal Time".to_string(),
        'z' => "UTC".to_string(),
        'Z' => match count {
            1 => "+0000".to_string(),
            2 => "+00:00".to_string(),
            _ => "UTC".to_string(),
        },
        other => {
            return Err(format!(
                "Illegal pattern component: {}",
                other.to_string().repeat(count)
            ))
        }
    })
}

/// Format `t` (UTC) with a Joda-Time pattern.
pub fn format(t: NaiveDateTime, pattern: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            // `''` is a quote; `'…'` is literal text in which `''` is a quote.
            if chars.peek() == Some(&'\'') {
                chars.next();
                out.push('\'');
                continue;
            }
            while let Some(q) = chars.next() {
                if q == '\'' {
                    if chars.peek() == Some(&'\'') {
                        chars.next();
                        out.push('\'');
                    } else {
                        break;
                    }
                } else {
                    out.push(q);
                }
            }
        } else if c.is_ascii_alphabetic() {
            let mut count = 1;
            while chars.peek() == Some(&c) {
                chars.next();
                count += 1;
            }
            out.push_str(&field(t, c, count)?);
        } else {
            out.push(c);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_datetime;

    fn at(s: &str) -> NaiveDateTime {
        parse_datetime(s).unwrap()
    }

    #[test]
    fn documented_patterns() {
        let t = at("2011-05-24T17:10:00");
        assert_eq!(
            format(t, "YYYY-MM-dd HH:mm:ss z").unwrap(),
            "2011-05-24 17:10:00 UTC"
        );
        assert_eq!(
            format(t, "YYYY-MM-dd hh:mm:ss").unwrap(),
            "2011-05-24 05:10:00"
        );
        assert_eq!(format(t, "YYYY/MM/dd/HH").unwrap(), "2011/05/24/17");
    }

    #[test]
    fn text_fields_and_counts() {
        let t = at("2011-05-01T00:07:09");
        assert_eq!(
            format(t, "EEE EEEE MMM MMMM M d a h k K").unwrap(),
            "Sun Sunday May May 5 1 AM 12 24 0"
        );
        assert_eq!(
            format(t, "yy y yyyyy D DDD e G C").unwrap(),
            "11 2011 02011 121 121 7 AD 20"
        );
        assert_eq!(
            format(t, "Z ZZ ZZZ zzzz").unwrap(),
            "+0000 +00:00 UTC Coordinated Universal Time"
        );
        assert_eq!(format(t, "SSS").unwrap(), "000");
        assert_eq!(format(t, "xxxx-'W'ww").unwrap(), "2011-W17");
    }

    #[test]
    fn quoted_literals() {
        let t = at("2012-12-12T00:00:00");
        assert_eq!(
            format(t, "yyyy-MM-dd'T'HH:mm:ss").unwrap(),
            "2012-12-12T00:00:00"
        );
        assert_eq!(
            format(t, "'year' yyyy, 'o''clock'").unwrap(),
            "year 2012, o'clock"
        );
        assert_eq!(format(t, "'it''s'").unwrap(), "it's");
        assert_eq!(format(t, "'open").unwrap(), "open");
        assert_eq!(format(t, "dd/ü").unwrap(), "12/ü");
    }

    #[test]
    fn unknown_letters_are_errors() {
        let t = at("2012-12-12T00:00:00");
        assert_eq!(
            format(t, "yyyy-QQ").unwrap_err(),
            "Illegal pattern component: QQ"
        );
        assert!(format(t, "b").is_err());
    }
}
