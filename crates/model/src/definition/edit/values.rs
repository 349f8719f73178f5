//! Edits of field values: set and unset a field, replace, append and remove
//! one value of a multi-valued field, and connect/disconnect references.

use super::{check_key, nth_position, take_fields, EditError, RemovedField};
use crate::definition::{Definition, Field, FieldValue, ObjectId};

impl Definition {
    /// Set a single-valued field: afterwards `key` has exactly this one value,
    /// at the place of its first old value (or at the end if it had none).
    /// Returns the fields taken out (with their old indices) for undo.
    pub fn set_field(
        &mut self,
        id: &str,
        key: &str,
        value: FieldValue,
    ) -> Result<Vec<RemovedField>, EditError> {
        check_key(key)?;
        let obj = self.object_mut_or_err(id)?;
        let first = obj.fields.iter().position(|f| f.key == key);
        let removed = take_fields(obj, |f| f.key == key);
        let at = first.unwrap_or(obj.fields.len());
        obj.fields.insert(at, Field::new(key, value));
        Ok(removed)
    }

    /// Remove every value of `key`. Returns what was removed (empty if the
    /// key was not set).
    pub fn unset_field(&mut self, id: &str, key: &str) -> Result<Vec<RemovedField>, EditError> {
        let obj = self.object_mut_or_err(id)?;
        Ok(take_fields(obj, |f| f.key == key))
    }

    /// Replace value number `index` (0-based, among the values of `key`).
    /// Returns the old value.
    pub fn set_value(
        &mut self,
        id: &str,
        key: &str,
        index: usize,
        value: FieldValue,
    ) -> Result<FieldValue, EditError> {
        let obj = self.object_mut_or_err(id)?;
        let at = nth_position(obj, key, index)?;
        Ok(std::mem::replace(&mut obj.fields[at].value, value))
    }

    /// Add a value for `key` after its last value (or at the end of the
    /// object if it has none). Returns the field index it got.
    pub fn append_value(
        &mut self,
        id: &str,
        key: &str,
        value: FieldValue,
    ) -> Result<usize, EditError> {
        check_key(key)?;
        let obj = self.object_mut_or_err(id)?;
        let at = obj
            .fields
            .iter()
            .rposition(|f| f.key == key)
            .map_or(obj.fields.len(), |p| p + 1);
        obj.fields.insert(at, Field::new(key, value));
        Ok(at)
    }

    /// Remove value number `index` (0-based, among the values of `key`).
    pub fn remove_value(
        &mut self,
        id: &str,
        key: &str,
        index: usize,
    ) -> Result<RemovedField, EditError> {
        let obj = self.object_mut_or_err(id)?;
        let at = nth_position(obj, key, index)?;
        let field = obj.fields.remove(at);
        Ok(RemovedField {
            object: obj.id.clone(),
            index: at,
            field,
        })
    }

    /// Add a `key` reference from `from` to `to` (after the last value of
    /// `key`). Both objects must exist and the reference must be new.
    pub fn connect(&mut self, from: &str, key: &str, to: &str) -> Result<usize, EditError> {
        check_key(key)?;
        if !self.contains(to) {
            return Err(EditError::NoSuchObject(ObjectId::new(to)));
        }
        let obj = self.object_mut_or_err(from)?;
        if obj
            .fields
            .iter()
            .any(|f| f.key == key && f.value.as_ref_id().is_some_and(|t| t.as_str() == to))
        {
            return Err(EditError::AlreadyConnected {
                object: obj.id.clone(),
                key: key.to_string(),
                target: ObjectId::new(to),
            });
        }
        self.append_value(from, key, FieldValue::Ref(ObjectId::new(to)))
    }

    /// Remove every `key` reference from `from` to `to`. The target need not
    /// exist (so dangling references can be cleaned up).
    pub fn disconnect(
        &mut self,
        from: &str,
        key: &str,
        to: &str,
    ) -> Result<Vec<RemovedField>, EditError> {
        let obj = self.object_mut_or_err(from)?;
        let removed = take_fields(obj, |f| {
            f.key == key && f.value.as_ref_id().is_some_and(|t| t.as_str() == to)
        });
        if removed.is_empty() {
            return Err(EditError::NotConnected {
                object: ObjectId::new(from),
                key: key.to_string(),
                target: ObjectId::new(to),
            });
        }
        Ok(removed)
    }
}
