//! The instance record, kept compact: what every instance uses is inline;
//! links (dependsOn, preconditions, dependents, resource, node), error and
//! cancellation texts and the other rarely set fields sit behind one
//! `Option<Box<_>>` that most instances never allocate. The id is not
//! stored: it is the component's id and the scheduled start (plus a
//! `_<n>` suffix for the n-th precondition instance of the same interval),
//! rendered on demand by `Pipeline::instance_id`.

use super::state::{Status, Wait};
use crate::ix::{AttemptIx, ComponentIx, InstanceIx, RunnerIx};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// One run of a component for one interval (`@<componentId>_<start>`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Instance {
    pub scheduled_start: NaiveDateTime,
    pub scheduled_end: NaiveDateTime,
    pub actual_start: Option<NaiveDateTime>,
    pub actual_end: Option<NaiveDateTime>,
    pub retry_at: Option<NaiveDateTime>,
    pub component: ComponentIx,
    pub tries_left: u32,
    /// Bumped by every rerun so older timers no longer apply.
    pub run: u32,
    pub status: Status,
    pub held: bool,
    /// Due at the scheduled end (a timeseries activity), else at the start.
    pub due_at_end: bool,
    pub attempts: Attempts,
    pub waiting_on: Option<Wait>,
    /// The rarely set fields (None: all empty).
    pub more: Option<Box<InstanceMore>>,
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
}

impl Instance {
    /// A new instance waiting on dependencies.
    pub fn new(
        component: ComponentIx,
        s: NaiveDateTime,
        e: NaiveDateTime,
        tries_left: u32,
    ) -> Self {
        Instance {
            scheduled_start: s,
            scheduled_end: e,
            actual_start: None,
            actual_end: None,
            retry_at: None,
            component,
            tries_left,
            run: 0,
            status: Status::WaitingOnDependencies,
            held: false,
            due_at_end: false,
            attempts: Attempts::default(),
            waiting_on: None,
            more: None,
        }
    }
    pub fn due(&self) -> NaiveDateTime {
        if self.due_at_end {
            self.scheduled_end
        } else {
            self.scheduled_start
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
    fn the_record_stays_small() {
        assert!(std::mem::size_of::<Instance>() <= 128);
        assert!(std::mem::size_of::<Attempts>() <= 16);
    }
}
