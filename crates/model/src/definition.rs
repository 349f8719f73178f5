//! The definition document: pipeline objects with ordered fields, parameter
//! objects and parameter values, and the editing operations the UI's
//! commands call. Shapes follow the service's API (PipelineObject, Field,
//! ParameterObject, ParameterValue).

use crate::catalog::keys;
use serde::{Deserialize, Serialize};
use std::fmt;

mod edit;
pub use edit::{EditError, RemovedField, RemovedObject};

/// The id of a pipeline object (unique within a definition).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ObjectId(pub String);

impl ObjectId {
    pub fn new(s: impl Into<String>) -> Self {
        ObjectId(s.into())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ObjectId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for ObjectId {
    fn from(s: &str) -> Self {
        ObjectId(s.to_string())
    }
}

/// A field's value: a string (`stringValue`) or a reference (`refValue`), never both.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FieldValue {
    String(String),
    Ref(ObjectId),
}

impl FieldValue {
    pub fn as_str(&self) -> &str {
        match self {
            FieldValue::String(s) => s,
            FieldValue::Ref(r) => r.as_str(),
        }
    }
    pub fn as_ref_id(&self) -> Option<&ObjectId> {
        match self {
            FieldValue::Ref(r) => Some(r),
            FieldValue::String(_) => None,
        }
    }
    pub fn as_string(&self) -> Option<&str> {
        match self {
            FieldValue::String(s) => Some(s),
            FieldValue::Ref(_) => None,
        }
    }
}

/// One key/value pair of an object. A multi-valued key is several `Field`s
/// with the same key, in order.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Field {
    pub key: String,
    pub value: FieldValue,
}

impl Field {
    pub fn new(key: impl Into<String>, value: FieldValue) -> Self {
        Field {
            key: key.into(),
            value,
        }
    }
    pub fn string(key: impl Into<String>, value: impl Into<String>) -> Self {
        Field {
            key: key.into(),
            value: FieldValue::String(value.into()),
        }
    }
    pub fn reference(key: impl Into<String>, target: impl Into<String>) -> Self {
        Field {
            key: key.into(),
            value: FieldValue::Ref(ObjectId(target.into())),
        }
    }
}

/// A pipeline object. `name` is optional only because the CLI file form
/// lets it default to the id; the API form always carries it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PipelineObject {
    pub id: ObjectId,
    pub name: Option<String>,
    pub fields: Vec<Field>,
}

impl PipelineObject {
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        PipelineObject {
            id: ObjectId(id.into()),
            name: Some(name.into()),
            fields: Vec::new(),
        }
    }
    /// The name the service uses: the explicit name, else the id.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(self.id.as_str())
    }
    /// The value of the `type` field, if any (Default has none).
    pub fn type_name(&self) -> Option<&str> {
        self.first_string(keys::TYPE)
    }
    /// All values of `key`, in order.
    pub fn values<'a, 'k>(
        &'a self,
        key: &'k str,
    ) -> impl Iterator<Item = &'a FieldValue> + use<'a, 'k> {
        self.fields
            .iter()
            .filter(move |f| f.key == key)
            .map(|f| &f.value)
    }
    /// The first value of `key`.
    pub fn first(&self, key: &str) -> Option<&FieldValue> {
        self.values(key).next()
    }
    /// The first string value of `key`.
    pub fn first_string(&self, key: &str) -> Option<&str> {
        self.values(key).find_map(|v| v.as_string())
    }
    /// The first reference value of `key`.
    pub fn first_ref(&self, key: &str) -> Option<&ObjectId> {
        self.values(key).find_map(|v| v.as_ref_id())
    }
    /// Every reference this object makes, as (field key, target).
    pub fn references(&self) -> impl Iterator<Item = (&str, &ObjectId)> {
        self.fields
            .iter()
            .filter_map(|f| f.value.as_ref_id().map(|t| (f.key.as_str(), t)))
    }
}

/// One attribute of a parameter object (`type`, `description`, `default`, …).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ParameterAttribute {
    pub key: String,
    pub string_value: String,
}

/// A declared parameter (`parameterObjects` / CLI `parameters`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ParameterObject {
    pub id: String,
    pub attributes: Vec<ParameterAttribute>,
}

/// A parameter value (`parameterValues` / CLI `values`). Arrays repeat the id.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ParameterValue {
    pub id: String,
    pub string_value: String,
}

/// A whole pipeline definition, in document order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Definition {
    pub objects: Vec<PipelineObject>,
    pub parameters: Vec<ParameterObject>,
    pub values: Vec<ParameterValue>,
}

impl Definition {
    pub fn object(&self, id: &str) -> Option<&PipelineObject> {
        self.objects.iter().find(|o| o.id.as_str() == id)
    }
    pub fn object_mut(&mut self, id: &str) -> Option<&mut PipelineObject> {
        self.objects.iter_mut().find(|o| o.id.as_str() == id)
    }
}
