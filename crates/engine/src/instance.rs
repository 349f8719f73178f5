//! The instance record, kept compact: what every instance uses is inline;
//! links (dependsOn, preconditions, dependents, resource, node), error and
//! cancellation texts and the other rarely set fields sit behind one
//! `Option<Box<_>>` that most instances never allocate. The id is not
//! stored: it is the component's id and the scheduled start (plus a
//! `_<n>` suffix for the n-th precondition instance of the same interval),
//! rendered on demand by `Pipeline::instance_id`. Times are 4-byte
//! stamps (`stamp`), read and set through methods; saved state keeps the
//! record's earlier shape (`InstanceRecord`).

use super::stamp::{Spilled, Stamp};
use super::state::{Status, Wait};
use crate::ix::{AttemptIx, ComponentIx, InstanceIx, RunnerIx};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// One run of a component for one interval (`@<componentId>_<start>`).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(from = "InstanceRecord", into = "InstanceRecord")]
pub struct Instance {
    scheduled_start: Stamp,
    scheduled_end: Stamp,
    actual_start: Stamp,
    actual_end: Stamp,
    retry_at: Stamp,
    pub component: ComponentIx,
    pub tries_left: u32,
    /// Bumped by every rerun so older timers no longer apply.
    pub run: u32,
    pub status: Status,
    pub held: bool,
    /// Due at the scheduled end (a timeseries activity), else at the start.
    pub due_at_end: bool,
    /// The first attempt (`attempts()`); later ones (retries, reruns) are
    /// in `more`, so the record stays 72 bytes.
    first_attempt: Option<AttemptIx>,
    pub waiting_on: Option<Wait>,
    /// The rarely set fields (None: all empty).
    pub more: Option<Box<InstanceMore>>,
}

/// An instance as saved state holds it (the record's shape before its
/// times were stamps).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct InstanceRecord {
    pub scheduled_start: NaiveDateTime,
    pub scheduled_end: NaiveDateTime,
    pub actual_start: Option<NaiveDateTime>,
    pub actual_end: Option<NaiveDateTime>,
    pub retry_at: Option<NaiveDateTime>,
    pub component: ComponentIx,
    pub tries_left: u32,
    pub run: u32,
    pub status: Status,
    pub held: bool,
    pub due_at_end: bool,
    pub attempts: Attempts,
    pub waiting_on: Option<Wait>,
    pub more: Option<Box<InstanceMore>>,
}

impl From<Instance> for InstanceRecord {
    fn from(mut i: Instance) -> Self {
        let later = i
            .more
            .as_mut()
            .map(|m| std::mem::take(&mut m.later_attempts))
            .unwrap_or_default();
        let attempts = Attempts {
            first: i.first_attempt,
            later: (!later.is_empty()).then(|| Box::new(later)),
        };
        InstanceRecord {
            scheduled_start: i.scheduled_start(),
            scheduled_end: i.scheduled_end(),
            actual_start: i.actual_start(),
            actual_end: i.actual_end(),
            retry_at: i.retry_at(),
            component: i.component,
            tries_left: i.tries_left,
            run: i.run,
            status: i.status,
            held: i.held,
            due_at_end: i.due_at_end,
            attempts,
            waiting_on: i.waiting_on,
            more: i.more.filter(|m| !m.is_empty()),
        }
    }
}

impl From<InstanceRecord> for Instance {
    fn from(r: InstanceRecord) -> Self {
        let mut i = Instance::new(
            r.component,
            r.scheduled_start,
            r.scheduled_end,
            r.tries_left,
        );
        i.more = r.more;
        // Again: `new` may have kept them in the `more` just replaced.
        i.set_scheduled_start(Some(r.scheduled_start));
        i.set_scheduled_end(Some(r.scheduled_end));
        i.set_actual_start(r.actual_start);
        i.set_actual_end(r.actual_end);
        i.set_retry_at(r.retry_at);
        i.run = r.run;
        i.status = r.status;
        i.held = r.held;
        i.due_at_end = r.due_at_end;
        for &a in r.attempts.iter() {
            i.push_attempt(a);
        }
        i.waiting_on = r.waiting_on;
        i
    }
}

/// The fields most instances never set.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct InstanceMore {
    /// Instances this one waits for (dependsOn, inputs, producers of an output node).
    pub deps: Vec<InstanceIx>,
    /// Precondition instances that check this one.
    pub preconditions: Vec<InstanceIx>,
    /// Instances that wait for this one (reverse of `deps`, `preconditions`, `resource`).
    pub dependents: Vec<InstanceIx>,
    /// For a precondition instance: the instance it checks.
    pub node: Option<InstanceIx>,
    /// The resource instance it runs on.
    pub resource: Option<InstanceIx>,
    pub cascade_failed_on: Option<InstanceIx>,
    /// For resources: the managed runner started on it.
    pub runner: Option<RunnerIx>,
    /// Precondition instances: when the first check started.
    pub check_started: Option<NaiveDateTime>,
    pub error_message: Option<String>,
    pub cancellation_reason: Option<String>,
    /// The n-th precondition instance of a component for one interval
    /// (from 2) has the id suffix `_<n>`; 0 or 1: none.
    pub duplicate: u32,
    /// Attempts after the first (`Instance::attempts`); saved in the
    /// record's `attempts`.
    #[serde(skip)]
    pub later_attempts: Vec<AttemptIx>,
    /// Times its stamps cannot hold (saved in the record's own fields).
    #[serde(skip)]
    pub spilled: Spilled,
}

impl InstanceMore {
    /// Nothing is set.
    fn is_empty(&self) -> bool {
        self.deps.is_empty()
            && self.preconditions.is_empty()
            && self.dependents.is_empty()
            && self.node.is_none()
            && self.resource.is_none()
            && self.cascade_failed_on.is_none()
            && self.runner.is_none()
            && self.check_started.is_none()
            && self.error_message.is_none()
            && self.cancellation_reason.is_none()
            && self.duplicate == 0
            && self.later_attempts.is_empty()
    }
}

impl Instance {
    /// A new instance waiting on dependencies.
    pub fn new(
        component: ComponentIx,
        s: NaiveDateTime,
        e: NaiveDateTime,
        tries_left: u32,
    ) -> Self {
        let mut i = Instance {
            scheduled_start: Stamp::NONE,
            scheduled_end: Stamp::NONE,
            actual_start: Stamp::NONE,
            actual_end: Stamp::NONE,
            retry_at: Stamp::NONE,
            component,
            tries_left,
            run: 0,
            status: Status::WaitingOnDependencies,
            held: false,
            due_at_end: false,
            first_attempt: None,
            waiting_on: None,
            more: None,
        };
        i.set_scheduled_start(Some(s));
        i.set_scheduled_end(Some(e));
        i
    }
    crate::stamped_times! { more;
        scheduled_start => scheduled_start_opt, set_scheduled_start = 0;
        scheduled_end => scheduled_end_opt, set_scheduled_end = 1;
        actual_start => actual_start, set_actual_start = 2;
        actual_end => actual_end, set_actual_end = 3;
        /// When the next attempt is due after a failed one (`retryDelay`).
        retry_at => retry_at, set_retry_at = 4;
    }
    /// Whether `actual_start` is set, without reading the time.
    #[inline]
    pub fn has_actual_start(&self) -> bool {
        !self.actual_start.is_none()
    }
    /// Whether `actual_end` is set, without reading the time.
    #[inline]
    pub fn has_actual_end(&self) -> bool {
        !self.actual_end.is_none()
    }
    /// `@scheduledStartTime`.
    #[inline]
    pub fn scheduled_start(&self) -> NaiveDateTime {
        self.scheduled_start_opt().unwrap_or_default()
    }
    /// `@scheduledEndTime`.
    #[inline]
    pub fn scheduled_end(&self) -> NaiveDateTime {
        self.scheduled_end_opt().unwrap_or_default()
    }
    pub fn due(&self) -> NaiveDateTime {
        if self.due_at_end {
            self.scheduled_end()
        } else {
            self.scheduled_start()
        }
    }
    /// Its attempts in order.
    pub fn attempts(&self) -> AttemptsView<'_> {
        AttemptsView {
            first: &self.first_attempt,
            later: self.more.as_ref().map_or(&[], |m| &m.later_attempts),
        }
    }
    /// Add an attempt after the others.
    pub fn push_attempt(&mut self, a: AttemptIx) {
        if self.first_attempt.is_none() {
            self.first_attempt = Some(a);
        } else {
            self.more_mut().later_attempts.push(a);
        }
    }
    /// The rare fields, allocated on first use.
    pub fn more_mut(&mut self) -> &mut InstanceMore {
        self.more.get_or_insert_with(Default::default)
    }
    pub fn deps(&self) -> &[InstanceIx] {
        self.more.as_ref().map_or(&[], |m| &m.deps)
    }
    pub fn preconditions(&self) -> &[InstanceIx] {
        self.more.as_ref().map_or(&[], |m| &m.preconditions)
    }
    pub fn dependents(&self) -> &[InstanceIx] {
        self.more.as_ref().map_or(&[], |m| &m.dependents)
    }
    pub fn node(&self) -> Option<InstanceIx> {
        self.more.as_ref().and_then(|m| m.node)
    }
    pub fn resource(&self) -> Option<InstanceIx> {
        self.more.as_ref().and_then(|m| m.resource)
    }
    pub fn cascade_failed_on(&self) -> Option<InstanceIx> {
        self.more.as_ref().and_then(|m| m.cascade_failed_on)
    }
    pub fn runner(&self) -> Option<RunnerIx> {
        self.more.as_ref().and_then(|m| m.runner)
    }
    pub fn check_started(&self) -> Option<NaiveDateTime> {
        self.more.as_ref().and_then(|m| m.check_started)
    }
    pub fn error_message(&self) -> Option<&str> {
        self.more.as_ref().and_then(|m| m.error_message.as_deref())
    }
    pub fn cancellation_reason(&self) -> Option<&str> {
        self.more
            .as_ref()
            .and_then(|m| m.cancellation_reason.as_deref())
    }
    pub fn duplicate(&self) -> u32 {
        self.more.as_ref().map_or(0, |m| m.duplicate)
    }
    /// Forget the error message (without allocating the rare fields).
    pub fn clear_error_message(&mut self) {
        if let Some(m) = self.more.as_mut() {
            m.error_message = None;
        }
    }
    /// Take the managed runner started on a resource instance.
    pub fn take_runner(&mut self) -> Option<RunnerIx> {
        self.more.as_mut().and_then(|m| m.runner.take())
    }
}

/// An instance's attempts in order: the first inline, later ones (retries,
/// reruns) in a list allocated only when there are some.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Attempts {
    first: Option<AttemptIx>,
    // Boxed: one pointer inline (8 B) instead of a Vec's 24 B.
    #[allow(clippy::box_collection)]
    later: Option<Box<Vec<AttemptIx>>>,
}

impl Attempts {
    pub fn push(&mut self, a: AttemptIx) {
        if self.first.is_none() {
            self.first = Some(a);
        } else {
            self.later.get_or_insert_with(Default::default).push(a);
        }
    }
    pub fn len(&self) -> usize {
        usize::from(self.first.is_some()) + self.later.as_ref().map_or(0, |l| l.len())
    }
    pub fn is_empty(&self) -> bool {
        self.first.is_none()
    }
    pub fn last(&self) -> Option<&AttemptIx> {
        self.later
            .as_ref()
            .and_then(|l| l.last())
            .or(self.first.as_ref())
    }
    pub fn first(&self) -> Option<&AttemptIx> {
        self.first.as_ref()
    }
    pub fn get(&self, n: usize) -> Option<&AttemptIx> {
        match n {
            0 => self.first.as_ref(),
            _ => self.later.as_ref().and_then(|l| l.get(n - 1)),
        }
    }
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &AttemptIx> + '_ {
        self.first
            .iter()
            .chain(self.later.iter().flat_map(|l| l.iter()))
    }
}

/// An instance's attempts in order, read in place (`Instance::attempts`).
#[derive(Clone, Copy, Debug)]
pub struct AttemptsView<'a> {
    first: &'a Option<AttemptIx>,
    later: &'a [AttemptIx],
}

impl<'a> AttemptsView<'a> {
    pub fn len(&self) -> usize {
        usize::from(self.first.is_some()) + self.later.len()
    }
    pub fn is_empty(&self) -> bool {
        self.first.is_none()
    }
    pub fn last(&self) -> Option<&'a AttemptIx> {
        self.later.last().or(self.first.as_ref())
    }
    pub fn first(&self) -> Option<&'a AttemptIx> {
        self.first.as_ref()
    }
    pub fn get(&self, n: usize) -> Option<&'a AttemptIx> {
        match n {
            0 => self.first.as_ref(),
            _ => self.later.get(n - 1),
        }
    }
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &'a AttemptIx> + 'a {
        self.first.iter().chain(self.later.iter())
    }
}

/// `Pipeline::precondition_ids` as a list of pairs (its keys are tuples).
pub(crate) mod precondition_keys {
    use chrono::NaiveDateTime;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    use crate::ix::{ComponentIx, InstanceIx};
    type Map = BTreeMap<(ComponentIx, NaiveDateTime, u32), InstanceIx>;

    pub fn serialize<S: Serializer>(m: &Map, s: S) -> Result<S::Ok, S::Error> {
        m.iter().collect::<Vec<_>>().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Map, D::Error> {
        let v: Vec<((ComponentIx, NaiveDateTime, u32), InstanceIx)> = Vec::deserialize(d)?;
        Ok(v.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    fn midnight() -> chrono::NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
    }

    #[test]
    fn whether_a_time_is_set_agrees_with_reading_it_spilled_or_not() {
        let t = midnight();
        let mut i = Instance::new(ComponentIx(0), t, t, 3);
        assert!(!i.has_actual_start() && !i.has_actual_end());
        // A time with a fraction of a second is kept whole beside.
        let odd = t.with_nanosecond(5_000_000).unwrap();
        for at in [Some(t), Some(odd), None, Some(odd), Some(t), None] {
            i.set_actual_start(at);
            i.set_actual_end(at);
            assert_eq!(i.actual_start(), at);
            assert_eq!(i.has_actual_start(), at.is_some(), "{at:?}");
            assert_eq!(i.has_actual_end(), at.is_some(), "{at:?}");
        }
    }

    #[test]
    fn an_instances_attempts_keep_their_order_and_save_as_before() {
        let t = midnight();
        let mut i = Instance::new(ComponentIx(0), t, t, 3);
        assert!(i.attempts().is_empty() && i.more.is_none());
        i.push_attempt(AttemptIx(7));
        assert!(i.more.is_none(), "one attempt allocates nothing");
        for n in [9, 12] {
            i.push_attempt(AttemptIx(n));
            assert_eq!(i.attempts().last(), Some(&AttemptIx(n)));
        }
        let v = i.attempts();
        assert_eq!(v.len(), 3);
        assert_eq!(v.iter().map(|a| a.get()).collect::<Vec<_>>(), [7, 9, 12]);
        assert_eq!(
            (v.get(0), v.get(2), v.get(3)),
            (Some(&AttemptIx(7)), Some(&AttemptIx(12)), None)
        );
        let saved = serde_json::to_value(&i).unwrap();
        assert_eq!(
            saved["attempts"],
            serde_json::json!({"first": 7, "later": [9, 12]})
        );
        assert!(saved["more"].is_null(), "{saved}");
        let back: Instance = serde_json::from_value(saved).unwrap();
        assert_eq!(
            back.attempts().iter().map(|a| a.get()).collect::<Vec<_>>(),
            [7, 9, 12]
        );
        assert_eq!(std::mem::size_of::<Instance>(), 72);
    }

    #[test]
    fn attempts_keep_their_order() {
        let mut a = Attempts::default();
        assert!(a.is_empty() && a.last().is_none() && a.get(0).is_none());
        for n in [7, 9, 12] {
            a.push(AttemptIx(n));
            assert_eq!(a.last(), Some(&AttemptIx(n)));
        }
        assert_eq!(a.len(), 3);
        assert_eq!(
            a.iter().map(|a| a.get()).collect::<Vec<_>>(),
            vec![7, 9, 12]
        );
        assert_eq!(
            (a.get(0), a.get(2), a.get(3)),
            (Some(&AttemptIx(7)), Some(&AttemptIx(12)), None)
        );
    }

    #[test]
    fn times_a_stamp_cannot_hold_read_back_and_save_as_before() {
        use crate::state::{Attempt, Status};
        let t = |s: &str| model::time::parse_datetime(s).unwrap();
        let (far, early, now) = (
            t("9999-12-31T23:59:59"),
            t("1960-01-01T00:00:00"),
            t("2024-01-01T00:00:00"),
        );
        let mut i = Instance::new(ComponentIx(1), early, far, 3);
        i.set_actual_start(Some(now));
        i.set_retry_at(Some(far));
        assert_eq!((i.scheduled_start(), i.scheduled_end()), (early, far));
        assert_eq!((i.actual_start(), i.retry_at()), (Some(now), Some(far)));
        let json = serde_json::to_value(&i).unwrap();
        assert_eq!(json["scheduled_start"], "1960-01-01T00:00:00");
        assert_eq!(json["retry_at"], "9999-12-31T23:59:59");
        assert!(json["more"].is_null(), "{json}");
        let back: Instance = serde_json::from_value(json).unwrap();
        assert_eq!((back.scheduled_end(), back.retry_at()), (far, Some(far)));
        i.set_retry_at(None);
        assert_eq!(i.retry_at(), None);
        assert!(i.more.as_ref().is_some_and(|m| m.spilled.get(4).is_none()));

        let mut a = Attempt::new(
            InstanceIx(2),
            1,
            Status::Running,
            far,
            "wg".to_string().into(),
        );
        a.set_task_id(Some(u64::MAX - 1));
        a.set_actual_end(Some(now));
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json["created"], "9999-12-31T23:59:59");
        assert_eq!(json["task_id"], u64::MAX - 1);
        assert_eq!(json["runner"], serde_json::Value::Null);
        let back: Attempt = serde_json::from_value(json).unwrap();
        assert_eq!(back.created(), far);
        assert_eq!(back.task_id(), Some(u64::MAX - 1));
        assert_eq!(back.actual_end(), Some(now));
        a.set_task_id(None);
        assert_eq!(a.task_id(), None);
    }

    #[test]
    fn the_record_stays_small() {
        assert!(std::mem::size_of::<Instance>() <= 80);
        assert!(std::mem::size_of::<crate::state::Attempt>() <= 80);
        assert!(std::mem::size_of::<Attempts>() <= 16);
    }
}
