//! The request/response shapes shared by several actions (PipelineObject,
//! Field, ParameterObject, ParameterValue, Tag) in the service's JSON
//! spelling, and the one conversion to and from `model::Definition`.

use crate::error::ServiceError;
use crate::state::Tag;
use model::{
    Definition, Field, FieldValue, ObjectId, ParameterAttribute, ParameterObject, ParameterValue,
    PipelineObject,
};
use serde::{Deserialize, Serialize};

/// `Field`: one of stringValue / refValue.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WireField {
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub string_value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ref_value: Option<String>,
}

/// `PipelineObject`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WireObject {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default)]
    pub fields: Vec<WireField>,
}

/// `ParameterAttribute`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WireAttribute {
    pub key: String,
    #[serde(default)]
    pub string_value: String,
}

/// `ParameterObject`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WireParameterObject {
    pub id: String,
    #[serde(default)]
    pub attributes: Vec<WireAttribute>,
}

/// `ParameterValue`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WireParameterValue {
    pub id: String,
    #[serde(default)]
    pub string_value: String,
}

/// `Tag`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WireTag {
    pub key: String,
    #[serde(default)]
    pub value: String,
}

impl WireField {
    pub fn string(key: &str, v: impl Into<String>) -> Self {
        WireField {
            key: key.to_string(),
            string_value: Some(v.into()),
            ref_value: None,
        }
    }
    pub fn reference(key: &str, v: impl Into<String>) -> Self {
        WireField {
            key: key.to_string(),
            string_value: None,
            ref_value: Some(v.into()),
        }
    }
    /// To the model; both or neither value is an InvalidRequestException.
    pub fn to_model(&self) -> Result<Field, ServiceError> {
        let value = match (&self.string_value, &self.ref_value) {
            (Some(s), None) => FieldValue::String(s.clone()),
            (None, Some(r)) => FieldValue::Ref(ObjectId(r.clone())),
            _ => {
                return Err(ServiceError::InvalidRequest(format!(
                    "Field '{}' must have exactly one of stringValue or refValue",
                    self.key
                )))
            }
        };
        Ok(Field {
            key: self.key.clone(),
            value,
        })
    }
    pub fn from_model(f: &Field) -> Self {
        match &f.value {
            FieldValue::String(s) => WireField::string(&f.key, s.clone()),
            FieldValue::Ref(r) => WireField::reference(&f.key, r.0.clone()),
        }
    }
}

impl WireObject {
    pub fn from_model(o: &PipelineObject) -> Self {
        WireObject {
            id: o.id.0.clone(),
            name: Some(o.display_name().to_string()),
            fields: o.fields.iter().map(WireField::from_model).collect(),
        }
    }
}

/// The definition of a Put/Validate request.
pub fn to_definition(
    objects: &[WireObject],
    parameters: &[WireParameterObject],
    values: &[WireParameterValue],
) -> Result<Definition, ServiceError> {
    let mut def = Definition::default();
    for o in objects {
        let fields = o
            .fields
            .iter()
            .map(WireField::to_model)
            .collect::<Result<Vec<_>, _>>()?;
        def.objects.push(PipelineObject {
            id: ObjectId(o.id.clone()),
            name: o.name.clone(),
            fields,
        });
    }
    def.parameters = parameters
        .iter()
        .map(|p| ParameterObject {
            id: p.id.clone(),
            attributes: p
                .attributes
                .iter()
                .map(|a| ParameterAttribute {
                    key: a.key.clone(),
                    string_value: a.string_value.clone(),
                })
                .collect(),
        })
        .collect();
    def.values = to_values(values);
    Ok(def)
}

pub fn to_values(values: &[WireParameterValue]) -> Vec<ParameterValue> {
    values
        .iter()
        .map(|v| ParameterValue {
            id: v.id.clone(),
            string_value: v.string_value.clone(),
        })
        .collect()
}

/// The three lists of GetPipelineDefinition.
pub fn from_definition(
    def: &Definition,
) -> (
    Vec<WireObject>,
    Vec<WireParameterObject>,
    Vec<WireParameterValue>,
) {
    let objects = def.objects.iter().map(WireObject::from_model).collect();
    let params = def
        .parameters
        .iter()
        .map(|p| WireParameterObject {
            id: p.id.clone(),
            attributes: p
                .attributes
                .iter()
                .map(|a| WireAttribute {
                    key: a.key.clone(),
                    string_value: a.string_value.clone(),
                })
                .collect(),
        })
        .collect();
    let values = def
        .values
        .iter()
        .map(|v| WireParameterValue {
            id: v.id.clone(),
            string_value: v.string_value.clone(),
        })
        .collect();
    (objects, params, values)
}

/// Checks tags against the documented limits and converts them.
pub fn to_tags(tags: &[WireTag]) -> Result<Vec<Tag>, ServiceError> {
    for t in tags {
        let k = t.key.chars().count();
        if !(1..=128).contains(&k) {
            return Err(ServiceError::length("tags.member.key", 1, 128));
        }
        if t.value.chars().count() > 256 {
            return Err(ServiceError::length("tags.member.value", 0, 256));
        }
    }
    Ok(tags
        .iter()
        .map(|t| Tag {
            key: t.key.clone(),
            value: t.value.clone(),
        })
        .collect())
}

pub fn from_tags(tags: &[Tag]) -> Vec<WireTag> {
    tags.iter()
        .map(|t| WireTag {
            key: t.key.clone(),
            value: t.value.clone(),
        })
        .collect()
}
