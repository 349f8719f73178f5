//! The service's id formats for runtime objects: instances
//! (`@<componentId>_<scheduledStartTime>`) and attempts
//! (`<instanceId>_Attempt=<n>`), looked up without scans and rendered on
//! demand (attempt ids are not stored).

use super::state::Pipeline;

impl Pipeline {
    /// The instance with id `@<componentId>_<scheduledStartTime>` (or a
    /// precondition instance's id, which may end in `_<n>`).
    pub fn instance_by_id(&self, id: &str) -> Option<u32> {
        let rest = id.strip_prefix('@')?;
        if let Some((c, t)) = self.component_and_start(rest) {
            if let Some(&i) = self.precondition_ids.get(&(c, t, 1)) {
                return (self.instance_id(i) == id).then_some(i);
            }
            if let Some(&i) = self.components[c as usize].by_start.get(&t) {
                return Some(i);
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
    fn component_and_start(&self, rest: &str) -> Option<(u32, chrono::NaiveDateTime)> {
        let cut = rest.len().checked_sub(19)?;
        let (head, time) = (rest.get(..cut)?, rest.get(cut..)?);
        let c = self.component(head.strip_suffix('_')?)?;
        Some((c, crate::model::time::parse_datetime(time)?))
    }

    /// The id of instance `i`: `@<componentId>_<scheduledStartTime>`, with
    /// `_<n>` after it for the n-th precondition instance of an interval.
    pub fn instance_id(&self, i: u32) -> String {
        let mut id = String::new();
        self.push_instance_id(&mut id, i);
        id
    }

    /// Append the id of instance `i` to `out`.
    pub fn push_instance_id(&self, out: &mut String, i: u32) {
        let inst = &self.instances[i as usize];
        let component = &self.components[inst.component as usize].id;
        let n = inst.duplicate();
        out.reserve(component.len() + 21 + if n > 1 { 11 } else { 0 });
        out.push('@');
        out.push_str(component);
        out.push('_');
        crate::engine::clock::push_time(out, inst.scheduled_start);
        if n > 1 {
            out.push('_');
            push_number(out, n);
        }
    }

    /// The attempt with id `<instanceId>_Attempt=<n>`.
    pub fn attempt_by_id(&self, id: &str) -> Option<u32> {
        let (inst, n) = id.rsplit_once("_Attempt=")?;
        let n: usize = n.parse().ok()?;
        let i = self.instance_by_id(inst)?;
        let a = *self.instances[i as usize].attempts.get(n.checked_sub(1)?)?;
        (self.attempts[a as usize].number as usize == n).then_some(a)
    }

    /// `<instanceId>_Attempt=<n>` of attempt `a`.
    pub fn attempt_id(&self, a: u32) -> String {
        let at = &self.attempts[a as usize];
        let mut id = String::new();
        self.push_instance_id(&mut id, at.instance);
        id.reserve(19);
        id.push_str("_Attempt=");
        push_number(&mut id, at.number);
        id
    }
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
