//! The service's id formats for runtime objects: instances
//! (`@<componentId>_<scheduledStartTime>`) and attempts
//! (`<instanceId>_Attempt=<n>`), looked up without scans and rendered on
//! demand (attempt ids are not stored).

use super::state::Pipeline;
use crate::ix::{AttemptIx, ComponentIx, InstanceIx};

impl Pipeline {
    /// The instance with id `@<componentId>_<scheduledStartTime>` (or a
    /// precondition instance's id, which may end in `_<n>`).
    pub fn instance_by_id(&self, id: &str) -> Option<InstanceIx> {
        let rest = id.strip_prefix('@')?;
        if let Some((c, t)) = self.component_and_start(rest) {
            if let Some(&i) = self.precondition_ids.get(&(c, t, 1)) {
                return (self.instance_id(i) == id).then_some(i);
            }
            if let Some(&i) = self.components[c].by_start.get(&t) {
                // None once retention forgot it.
                return self.instances.get(i).map(|_| i);
            }
        }
        // The n-th precondition instance of an interval: `_<n>`, n >= 2 as
        // `format!` writes it.
        let (base, n) = rest.rsplit_once('_')?;
        if n.starts_with(['0', '+']) {
            return None;
        }
        let n: u32 = n.parse().ok().filter(|&n| n >= 2)?;
        let (c, t) = self.component_and_start(base)?;
        let i = *self.precondition_ids.get(&(c, t, n))?;
        (self.instance_id(i) == id).then_some(i)
    }

    /// `<componentId>_<time>` read as a component and a time.
    fn component_and_start(&self, rest: &str) -> Option<(ComponentIx, chrono::NaiveDateTime)> {
        let cut = rest.len().checked_sub(19)?;
        let (head, time) = (rest.get(..cut)?, rest.get(cut..)?);
        let c = self.component(head.strip_suffix('_')?)?;
        Some((c, model::time::parse_datetime(time)?))
    }

    /// The id of instance `i`: `@<componentId>_<scheduledStartTime>`, with
    /// `_<n>` after it for the n-th precondition instance of an interval.
    pub fn instance_id(&self, i: InstanceIx) -> String {
        let mut id = String::new();
        self.push_instance_id(&mut id, i);
        id
    }

    /// Append the id of instance `i` to `out`.
    pub fn push_instance_id(&self, out: &mut String, i: InstanceIx) {
        let inst = &self.instances[i];
        let component = &self.components[inst.component].id;
        write_instance_id(out, component, inst.scheduled_start(), inst.duplicate());
    }

    /// The attempt with id `<instanceId>_Attempt=<n>`.
    pub fn attempt_by_id(&self, id: &str) -> Option<AttemptIx> {
        let (inst, n) = id.rsplit_once("_Attempt=")?;
        let n: usize = n.parse().ok()?;
        let i = self.instance_by_id(inst)?;
        let a = *self.instances[i].attempts().get(n.checked_sub(1)?)?;
        (self.attempts[a].number as usize == n).then_some(a)
    }

    /// `<instanceId>_Attempt=<n>` of attempt `a`.
    pub fn attempt_id(&self, a: AttemptIx) -> String {
        let at = &self.attempts[a];
        let mut id = String::new();
        self.push_instance_id(&mut id, at.instance);
        id.reserve(19);
        id.push_str("_Attempt=");
        push_number(&mut id, at.number);
        id
    }
}

/// Append `@<componentId>_<scheduledStartTime>`, with `_<n>` after it
/// for n > 1 (the n-th precondition instance of an interval), to `out`:
/// the one writer of the instance id format.
pub(crate) fn write_instance_id(
    out: &mut String,
    component: &str,
    start: chrono::NaiveDateTime,
    n: u32,
) {
    out.reserve(component.len() + 21 + if n > 1 { 11 } else { 0 });
    out.push('@');
    out.push_str(component);
    out.push('_');
    match time_digits(start) {
        // ASCII digits and separators only.
        Some(b) => out.push_str(std::str::from_utf8(&b).unwrap_or_default()),
        None => crate::clock::push_time(out, start),
    }
    if n > 1 {
        out.push('_');
        push_number(out, n);
    }
}

/// Days before each month of a common year (and the year's length).
const DAYS_BEFORE: [u32; 13] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

/// "00" to "99".
const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// `t` as `YYYY-MM-DDTHH:MM:SS` for years 0 to 9999 (None for others):
/// month and day from the day of the year, without a calendar lookup per
/// field.
fn time_digits(t: chrono::NaiveDateTime) -> Option<[u8; 19]> {
    use chrono::{Datelike, Timelike};
    let y = t.year();
    if !(0..=9999).contains(&y) {
        return None;
    }
    let leap = u32::from(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
    let before = |m: usize| DAYS_BEFORE[m] + if m >= 2 { leap } else { 0 };
    let day0 = t.ordinal0();
    // `day0 / 32` never passes the month; step forward to it.
    let mut m = (day0 / 32) as usize;
    while m < 11 && day0 >= before(m + 1) {
        m += 1;
    }
    let d = day0 - before(m) + 1;
    let secs = t.num_seconds_from_midnight();
    let mut b = *b"0000-00-00T00:00:00";
    // Two digits at a time from a table.
    let mut put = |at: usize, v: u32| {
        let v = v as usize % 100 * 2;
        b[at..at + 2].copy_from_slice(&PAIRS[v..v + 2]);
    };
    put(0, y as u32 / 100);
    put(2, y as u32);
    put(5, m as u32 + 1);
    put(8, d);
    put(11, secs / 3600);
    put(14, secs / 60 % 60);
    put(17, secs % 60);
    Some(b)
}

/// `n` in decimal, without the formatting machinery.
fn push_number(out: &mut String, n: u32) {
    let mut digits = [0u8; 10];
    let mut k = digits.len();
    let mut n = n;
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[k..] {
        out.push(d as char);
    }
}

/// `<instanceId>_Attempt=<n>`, in one allocation (no formatting machinery).
pub fn attempt_id(instance_id: &str, number: u32) -> String {
    let mut id = String::with_capacity(instance_id.len() + 19);
    id.push_str(instance_id);
    id.push_str("_Attempt=");
    push_number(&mut id, number);
    id
}

#[cfg(test)]
mod tests {
    use super::time_digits;
    use chrono::{Datelike, NaiveDate, NaiveDateTime};

    #[test]
    fn time_digits_match_the_clock_format() {
        let check = |t: NaiveDateTime| {
            let mut want = String::new();
            crate::clock::push_time(&mut want, t);
            let got = time_digits(t).map(|b| String::from_utf8(b.to_vec()).unwrap());
            assert_eq!(got.as_deref(), Some(want.as_str()));
        };
        let mut d = NaiveDate::from_ymd_opt(1895, 1, 1).unwrap();
        while d.year_ce().1 < 2105 {
            check(d.and_hms_opt(23, 59, 58).unwrap());
            d = d.succ_opt().unwrap();
        }
        for (y, m, dd) in [
            (0, 1, 1),
            (0, 12, 31),
            (400, 2, 29),
            (9999, 12, 31),
            (1000, 3, 1),
        ] {
            check(
                NaiveDate::from_ymd_opt(y, m, dd)
                    .unwrap()
                    .and_hms_opt(7, 8, 9)
                    .unwrap(),
            );
        }
        let far = NaiveDate::from_ymd_opt(10000, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0);
        assert_eq!(time_digits(far.unwrap()), None);
    }
}
