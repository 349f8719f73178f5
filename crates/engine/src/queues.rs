//! The task queues, a part of the `Service` with its own narrow methods:
//! one queue per workerGroup (or resource instance id), numbered
//! (`QueueIx`) so a simulated runner keeps its queue's number and polls
//! without looking its name up; each holds the tasks waiting for a poller
//! and the idle runner threads long-polling it. Which task is valid to
//! hand out is left to the lifecycle (`lifecycle::tasks`).

use crate::ix::{AttemptIx, IxVec, PipelineIx, QueueIx, RunnerIx, ThreadIx};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, VecDeque};
use std::ops::{Index, IndexMut};

/// A queued task: (pipeline, attempt, lease at queueing time).
pub type QueuedTask = (PipelineIx, AttemptIx, u32);

/// One queue: the tasks waiting for a poller and the idle simulated runner
/// threads long-polling it.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct TaskQueue {
    pub(crate) tasks: VecDeque<QueuedTask>,
    pub(crate) long_pollers: VecDeque<(RunnerIx, ThreadIx)>,
}

/// The queues by number, and their numbers by name.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct Queues {
    list: IxVec<QueueIx, TaskQueue>,
    by_name: BTreeMap<String, QueueIx>,
}

impl Queues {
    /// The number of queue `name`, made on first use.
    pub fn slot(&mut self, name: &str) -> QueueIx {
        if let Some(&q) = self.by_name.get(name) {
            return q;
        }
        let q = self.list.push(TaskQueue::default());
        self.by_name.insert(name.to_string(), q);
        q
    }

    /// The number of queue `name`, if it was ever made.
    pub fn find(&self, name: &str) -> Option<QueueIx> {
        self.by_name.get(name).copied()
    }

    pub fn get_mut(&mut self, q: QueueIx) -> Option<&mut TaskQueue> {
        self.list.get_mut(q)
    }

    pub fn iter(&self) -> impl Iterator<Item = &TaskQueue> + '_ {
        self.list.iter()
    }
}

impl Index<QueueIx> for Queues {
    type Output = TaskQueue;
    fn index(&self, q: QueueIx) -> &TaskQueue {
        &self.list[q]
    }
}

impl IndexMut<QueueIx> for Queues {
    fn index_mut(&mut self, q: QueueIx) -> &mut TaskQueue {
        &mut self.list[q]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_queue_keeps_its_number() {
        let mut qs = Queues::default();
        let a = qs.slot("wg-a");
        let b = qs.slot("wg-b");
        assert_ne!(a, b);
        assert_eq!(
            (qs.slot("wg-a"), qs.find("wg-b"), qs.find("x")),
            (a, Some(b), None)
        );
        qs[b].tasks.push_back((PipelineIx(0), AttemptIx(1), 2));
        assert_eq!(qs.iter().map(|q| q.tasks.len()).collect::<Vec<_>>(), [0, 1]);
    }
}
