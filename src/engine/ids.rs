//! The service's id formats for runtime objects: instances
//! (`@<componentId>_<scheduledStartTime>`) and attempts
//! (`<instanceId>_Attempt=<n>`), looked up without scans and rendered on
//! demand (attempt ids are not stored).

use super::state::Pipeline;

impl Pipeline {
    /// The instance with id `@<componentId>_<scheduledStartTime>` (or a
    /// precondition instance's id).
    pub fn instance_by_id(&self, id: &str) -> Option<u32> {
        if let Some(&i) = self.precondition_ids.get(id) {
            return Some(i);
        }
        let rest = id.strip_prefix('@')?;
        let cut = rest.len().checked_sub(19)?;
        let (head, time) = (rest.get(..cut)?, rest.get(cut..)?);
        let c = self.component(head.strip_suffix('_')?)?;
        let t = crate::model::time::parse_datetime(time)?;
        self.components[c as usize].by_start.get(&t).copied()
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
        let inst = &self.instances[at.instance as usize].id;
        attempt_id(inst, at.number)
    }
}

/// `<instanceId>_Attempt=<n>`, in one allocation (no formatting machinery).
pub fn attempt_id(instance_id: &str, number: u32) -> String {
    let mut digits = [0u8; 10];
    let mut k = digits.len();
    let mut n = number;
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut id = String::with_capacity(instance_id.len() + 9 + digits.len() - k);
    id.push_str(instance_id);
    id.push_str("_Attempt=");
    for &d in &digits[k..] {
        id.push(d as char);
    }
    id
}
