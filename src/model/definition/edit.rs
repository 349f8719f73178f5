//! Editing operations on a [`Definition`] that the UI's commands call: add,
//! remove (with incoming references), rename, set/unset field values,
//! connect/disconnect. Every operation checks its input and returns an
//! [`EditError`] instead of panicking, and returns what it changed so that
//! undo can put it back.

use super::{Definition, Field, FieldValue, ObjectId, PipelineObject};
use std::fmt;

/// Why an edit was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    /// An object id must not be empty.
    EmptyId,
    /// A field key must not be empty.
    EmptyKey,
    /// Another object already has this id.
    DuplicateId(ObjectId),
    /// No object has this id.
    NoSuchObject(ObjectId),
    /// The object has no value number `index` for `key`.
    NoSuchValue {
        object: ObjectId,
        key: String,
        index: usize,
    },
    /// The object has no `key` reference to `target`.
    NotConnected {
        object: ObjectId,
        key: String,
        target: ObjectId,
    },
    /// The object already has a `key` reference to `target`.
    AlreadyConnected {
        object: ObjectId,
        key: String,
        target: ObjectId,
    },
    /// A restore was asked to put something back at a place that no longer exists.
    CannotRestore(String),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::EmptyId => write!(f, "an object id must not be empty"),
            EditError::EmptyKey => write!(f, "a field key must not be empty"),
            EditError::DuplicateId(id) => write!(f, "an object with id '{id}' already exists"),
            EditError::NoSuchObject(id) => write!(f, "no object has id '{id}'"),
            EditError::NoSuchValue { object, key, index } => write!(
                f,
                "object '{object}' has no value number {} for field '{key}'",
                index + 1
            ),
            EditError::NotConnected {
                object,
                key,
                target,
            } => write!(
                f,
                "object '{object}' has no '{key}' reference to '{target}'"
            ),
            EditError::AlreadyConnected {
                object,
                key,
                target,
            } => write!(
                f,
                "object '{object}' already has a '{key}' reference to '{target}'"
            ),
            EditError::CannotRestore(what) => write!(f, "cannot restore: {what}"),
        }
    }
}

impl std::error::Error for EditError {}

/// A field taken out of an object, with the index it had in the object's
/// field list (before anything was taken out).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemovedField {
    pub object: ObjectId,
    pub index: usize,
    pub field: Field,
}

/// What [`Definition::remove_object`] took out: the object, its position,
/// and every reference to it from other objects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemovedObject {
    pub index: usize,
    pub object: PipelineObject,
    /// In document order (object, then field index ascending).
    pub incoming: Vec<RemovedField>,
}

impl Definition {
    /// The position of the object with `id` in document order.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.objects.iter().position(|o| o.id.as_str() == id)
    }

    /// Whether an object has this id.
    pub fn contains(&self, id: &str) -> bool {
        self.position(id).is_some()
    }

    /// `base` if no object has that id, else `base_2`, `base_3`, … (the
    /// first free one). A base that already ends in `_<number>` counts on
    /// from its stem (`Copy_2` taken gives `Copy_3`). An empty base gives
    /// `Object`.
    pub fn unique_id(&self, base: &str) -> ObjectId {
        let base = if base.is_empty() { "Object" } else { base };
        if !self.contains(base) {
            return ObjectId::new(base);
        }
        let stem = match base.rsplit_once('_') {
            Some((stem, n))
                if !stem.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) =>
            {
                stem
            }
            _ => base,
        };
        // At most objects.len() + 1 candidates can be taken, so this ends.
        (2..)
            .map(|n| format!("{stem}_{n}"))
            .find(|c| !self.contains(c))
            .map(ObjectId)
            .unwrap_or_else(|| ObjectId::new(base))
    }

    /// Add an object at the end.
    pub fn add_object(&mut self, object: PipelineObject) -> Result<(), EditError> {
        let at = self.objects.len();
        self.insert_object(at, object)
    }

    /// Add an object at `index` (clamped to the end).
    pub fn insert_object(&mut self, index: usize, object: PipelineObject) -> Result<(), EditError> {
        check_id(&object.id)?;
        if self.contains(object.id.as_str()) {
            return Err(EditError::DuplicateId(object.id));
        }
        let index = index.min(self.objects.len());
        self.objects.insert(index, object);
        Ok(())
    }

    /// Remove an object and every reference to it held by other objects.
    /// The result can be given to [`Definition::restore_object`] to undo.
    pub fn remove_object(&mut self, id: &str) -> Result<RemovedObject, EditError> {
        let index = self
            .position(id)
            .ok_or_else(|| EditError::NoSuchObject(ObjectId::new(id)))?;
        let object = self.objects.remove(index);
        let mut incoming = Vec::new();
        for other in &mut self.objects {
            let mut i = 0;
            let mut original = 0;
            while i < other.fields.len() {
                if other.fields[i].value.as_ref_id() == Some(&object.id) {
                    let field = other.fields.remove(i);
                    incoming.push(RemovedField {
                        object: other.id.clone(),
                        index: original,
                        field,
                    });
                } else {
                    i += 1;
                }
                original += 1;
            }
        }
        Ok(RemovedObject {
            index,
            object,
            incoming,
        })
    }

    /// Undo [`Definition::remove_object`]: put the object back where it was
    /// and its incoming references back in their places. Checks everything
    /// before changing anything.
    pub fn restore_object(&mut self, removed: RemovedObject) -> Result<(), EditError> {
        check_id(&removed.object.id)?;
        if self.contains(removed.object.id.as_str()) {
            return Err(EditError::DuplicateId(removed.object.id));
        }
        for r in &removed.incoming {
            if !self.contains(r.object.as_str()) {
                return Err(EditError::NoSuchObject(r.object.clone()));
            }
        }
        let index = removed.index.min(self.objects.len());
        self.objects.insert(index, removed.object);
        self.restore_fields(removed.incoming)
    }

    /// Put removed fields back at their recorded indices (ascending per object).
    pub fn restore_fields(&mut self, mut fields: Vec<RemovedField>) -> Result<(), EditError> {
        for r in &fields {
            if !self.contains(r.object.as_str()) {
                return Err(EditError::NoSuchObject(r.object.clone()));
            }
        }
        fields.sort_by_key(|r| r.index);
        for r in fields {
            let obj = self.object_mut_or_err(r.object.as_str())?;
            let at = r.index.min(obj.fields.len());
            obj.fields.insert(at, r.field);
        }
        Ok(())
    }

    /// Change an object's id and every reference to it. Returns how many
    /// references were updated. The name is left alone.
    pub fn rename_object(&mut self, old: &str, new: &str) -> Result<usize, EditError> {
        let new_id = ObjectId::new(new);
        check_id(&new_id)?;
        let index = self
            .position(old)
            .ok_or_else(|| EditError::NoSuchObject(ObjectId::new(old)))?;
        if old == new {
            return Ok(0);
        }
        if self.contains(new) {
            return Err(EditError::DuplicateId(new_id));
        }
        self.objects[index].id = new_id.clone();
        let mut updated = 0;
        for obj in &mut self.objects {
            for f in &mut obj.fields {
                if let FieldValue::Ref(target) = &mut f.value {
                    if target.as_str() == old {
                        *target = new_id.clone();
                        updated += 1;
                    }
                }
            }
        }
        Ok(updated)
    }

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

    fn object_mut_or_err(&mut self, id: &str) -> Result<&mut PipelineObject, EditError> {
        self.object_mut(id)
            .ok_or_else(|| EditError::NoSuchObject(ObjectId::new(id)))
    }
}

fn check_id(id: &ObjectId) -> Result<(), EditError> {
    if id.as_str().is_empty() {
        Err(EditError::EmptyId)
    } else {
        Ok(())
    }
}

fn check_key(key: &str) -> Result<(), EditError> {
    if key.is_empty() {
        Err(EditError::EmptyKey)
    } else {
        Ok(())
    }
}

/// The field index of value number `index` of `key`.
fn nth_position(obj: &PipelineObject, key: &str, index: usize) -> Result<usize, EditError> {
    obj.fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.key == key)
        .nth(index)
        .map(|(i, _)| i)
        .ok_or_else(|| EditError::NoSuchValue {
            object: obj.id.clone(),
            key: key.to_string(),
            index,
        })
}

/// Take out the fields matching `pred`, recording their original indices.
fn take_fields(obj: &mut PipelineObject, pred: impl Fn(&Field) -> bool) -> Vec<RemovedField> {
    let mut removed = Vec::new();
    let mut kept = Vec::with_capacity(obj.fields.len());
    for (index, field) in std::mem::take(&mut obj.fields).into_iter().enumerate() {
        if pred(&field) {
            removed.push(RemovedField {
                object: obj.id.clone(),
                index,
                field,
            });
        } else {
            kept.push(field);
        }
    }
    obj.fields = kept;
    removed
}

#[cfg(test)]
mod tests;
