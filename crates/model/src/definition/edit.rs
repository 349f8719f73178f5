//! Editing operations on a [`Definition`] that the UI's commands call: add,
//! remove (with incoming references), rename, set/unset field values,
//! connect/disconnect. Every operation checks its input and returns an
//! [`EditError`] instead of panicking, and returns what it changed so that
//! undo can put it back.

use super::{Definition, Field, FieldValue, ObjectId, PipelineObject};

mod error;
mod values;

pub use error::{EditError, RemovedField, RemovedObject};

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
