//! What an edit returns besides success: why it was refused ([`EditError`]),
//! and the records of what it took out, which undo puts back.

use crate::definition::{Field, ObjectId, PipelineObject};
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
