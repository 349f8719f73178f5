//! The shapes several actions share (PipelineObject, Field,
//! ParameterObject, ParameterAttribute, ParameterValue, Tag) in the
//! service's JSON spelling, and the conversions from `model::Definition`
//! that cannot fail (the ones that can, with the service's errors, are the
//! engine's: `engine::actions::shapes`).

use model::{Definition, Field, FieldValue, ParameterValue, PipelineObject};
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

/// The parameter values of an Activate or Put request, as the model's.
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
