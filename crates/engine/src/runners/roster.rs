//! The simulated runners, a part of the `Service` with its own narrow
//! methods: each runner by number (`RunnerIx`), the last heartbeat of each
//! taskrunnerId (simulated or not) and the taskrunnerIds the service told
//! to terminate (the Task Runner of a resource that shut down). What a
//! runner does is left to `runners` (`act`, `idle`).

use super::SimRunner;
use crate::ix::{IxVec, RunnerIx};
use crate::service::Heartbeat;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::{Index, IndexMut};

/// The runners by number, the heartbeats and the terminate orders.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct Runners {
    list: IxVec<RunnerIx, SimRunner>,
    heartbeats: BTreeMap<String, Heartbeat>,
    /// taskrunnerIds told to terminate.
    terminate: BTreeMap<String, bool>,
}

impl Runners {
    /// The number the next runner added gets.
    pub fn next_ix(&self) -> RunnerIx {
        self.list.next_ix()
    }

    pub fn push(&mut self, run: SimRunner) -> RunnerIx {
        self.list.push(run)
    }

    pub fn get(&self, r: RunnerIx) -> Option<&SimRunner> {
        self.list.get(r)
    }

    pub fn get_mut(&mut self, r: RunnerIx) -> Option<&mut SimRunner> {
        self.list.get_mut(r)
    }

    pub fn as_slice(&self) -> &[SimRunner] {
        self.list.as_slice()
    }

    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, SimRunner> {
        self.list.iter_mut()
    }

    /// Stop runner `r` and answer its heartbeats from now on with
    /// `terminate: true` (the service stops the Task Runner of a resource
    /// that shut down).
    pub fn terminate(&mut self, r: RunnerIx) {
        if let Some(run) = self.list.get_mut(r) {
            self.terminate.insert(run.taskrunner_id.clone(), true);
            run.stopped = true;
        }
    }

    /// Record the heartbeat of taskrunnerId `id`; whether it must terminate.
    pub fn heartbeat(&mut self, id: String, mut beat: Heartbeat) -> bool {
        let terminate = self.terminate.get(&id).copied().unwrap_or(false);
        beat.terminate = terminate;
        self.heartbeats.insert(id, beat);
        terminate
    }
}

impl Index<RunnerIx> for Runners {
    type Output = SimRunner;
    fn index(&self, r: RunnerIx) -> &SimRunner {
        &self.list[r]
    }
}

impl IndexMut<RunnerIx> for Runners {
    fn index_mut(&mut self, r: RunnerIx) -> &mut SimRunner {
        &mut self.list[r]
    }
}
