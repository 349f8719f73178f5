//! Undo/redo of document changes, one step per user gesture, with a dirty
//! marker that undo and redo keep right (plain Rust, tested natively).
//!
//! Steps are whole snapshots: a definition is small (the service allows
//! 100 objects by default) and a snapshot can never disagree with the
//! command that made it.

/// The history of a document of type `T`.
#[derive(Clone, Debug)]
pub struct History<T> {
    past: Vec<(T, String)>,
    future: Vec<(T, String)>,
    /// Distance from the saved state: 0 = clean. `None` = the saved state
    /// can no longer be reached (it was on a redo branch that was dropped).
    from_saved: Option<i64>,
    limit: usize,
}

impl<T: Clone> Default for History<T> {
    fn default() -> Self {
        History::new(500)
    }
}

impl<T: Clone> History<T> {
    pub fn new(limit: usize) -> Self {
        History {
            past: Vec::new(),
            future: Vec::new(),
            from_saved: Some(0),
            limit,
        }
    }

    /// Record `before`, the state a gesture labelled `label` changed.
    pub fn record(&mut self, before: T, label: impl Into<String>) {
        self.past.push((before, label.into()));
        if self.past.len() > self.limit {
            self.past.remove(0);
        }
        // A saved state on the dropped redo branch can't be reached again.
        self.from_saved = match self.from_saved {
            Some(d) if d < 0 => None,
            Some(d) => Some(d + 1),
            None => None,
        };
        self.future.clear();
    }

    /// Undo: give back the previous state, storing `current` for redo.
    pub fn undo(&mut self, current: T) -> Option<(T, String)> {
        let (prev, label) = self.past.pop()?;
        self.future.push((current, label.clone()));
        self.from_saved = self.from_saved.map(|d| d - 1);
        Some((prev, label))
    }

    /// Redo: give back the next state, storing `current` for undo.
    pub fn redo(&mut self, current: T) -> Option<(T, String)> {
        let (next, label) = self.future.pop()?;
        self.past.push((current, label.clone()));
        self.from_saved = self.from_saved.map(|d| d + 1);
        Some((next, label))
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
    /// The label of the step undo would revert.
    pub fn undo_label(&self) -> Option<&str> {
        self.past.last().map(|(_, l)| l.as_str())
    }
    pub fn redo_label(&self) -> Option<&str> {
        self.future.last().map(|(_, l)| l.as_str())
    }
    /// Whether the document differs from the last saved (or loaded) state.
    pub fn is_dirty(&self) -> bool {
        self.from_saved != Some(0)
    }
    /// Mark the current state as saved (export, load).
    pub fn mark_saved(&mut self) {
        self.from_saved = Some(0);
    }
    /// Mark the current state as unsaved with no saved state reachable
    /// (a restored autosave whose last export is gone with the old page).
    pub fn mark_unsaved(&mut self) {
        self.from_saved = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_back_to_the_saved_state_is_clean() {
        let mut h = History::new(10);
        assert!(!h.is_dirty());
        h.record(1, "a");
        assert!(h.is_dirty());
        let (v, label) = h.undo(2).unwrap();
        assert_eq!((v, label.as_str()), (1, "a"));
        assert!(!h.is_dirty());
        let (v, _) = h.redo(1).unwrap();
        assert_eq!(v, 2);
        assert!(h.is_dirty());
    }

    #[test]
    fn saving_then_undoing_makes_it_dirty() {
        let mut h = History::new(10);
        h.record(1, "a");
        h.mark_saved();
        assert!(!h.is_dirty());
        h.undo(2);
        assert!(h.is_dirty());
        h.redo(1);
        assert!(!h.is_dirty());
    }

    #[test]
    fn a_new_change_after_undo_drops_redo_and_an_unreachable_save() {
        let mut h = History::new(10);
        h.record(1, "a");
        h.mark_saved(); // saved state = 2
        h.undo(2); // back at 1
        h.record(1, "b"); // now at 3: the saved 2 is gone
        assert!(!h.can_redo());
        assert!(h.is_dirty());
        h.undo(3);
        assert!(h.is_dirty(), "state 1 was never saved");
    }

    #[test]
    fn a_restored_unsaved_document_stays_dirty_through_undo_and_redo() {
        let mut h = History::new(10);
        h.mark_unsaved();
        assert!(h.is_dirty());
        h.record(1, "a");
        h.undo(2);
        assert!(h.is_dirty());
        h.mark_saved();
        assert!(!h.is_dirty());
    }

    #[test]
    fn the_limit_drops_the_oldest_steps() {
        let mut h = History::new(2);
        h.record(1, "a");
        h.record(2, "b");
        h.record(3, "c");
        assert_eq!(h.undo(4).map(|x| x.0), Some(3));
        assert_eq!(h.undo(3).map(|x| x.0), Some(2));
        assert!(h.undo(2).is_none());
    }
}
