//! The trace with its notes, a part of the `Service` with its own narrow
//! methods: entries are recorded with their note (numbered on the way in),
//! read oldest first, and forgotten before a time (`retention`). How an
//! entry is stored is `store`'s; what it says is left to `trace`, `story`
//! and `explain`.

use super::store::{Notes, Trace};
use super::{Note, TraceEntry};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// The trace and the notes of its entries.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct History {
    /// Packed, in chunks: it grows without copying.
    entries: Trace,
    /// The notes of trace entries (`TraceEntry::note` numbers them).
    notes: Notes,
}

impl History {
    /// Record `e` with `note` (its number replaces `e.note`).
    #[inline]
    pub fn record(&mut self, mut e: TraceEntry, note: Option<Note>) {
        e.note = note.and_then(|n| self.notes.push(n));
        self.entries.push(e);
    }

    /// Every entry so far, oldest first.
    pub fn entries(&self) -> &Trace {
        &self.entries
    }

    /// The note of entry `e`, if it has one.
    pub fn note(&self, e: &TraceEntry) -> Option<&str> {
        self.notes.get(e.note?)
    }

    /// The position of the first entry still kept.
    pub fn first(&self) -> usize {
        self.entries.first()
    }

    /// Forget the entries before `t`; how many.
    pub fn forget_before(&mut self, t: NaiveDateTime) -> usize {
        self.entries.forget_before(t)
    }
}
