//! The service side of the shared shapes (`protocol::shapes`, re-exported
//! here): the conversions to `model::Definition` and to stored tags, which
//! answer the service's errors.

use crate::error::ServiceError;
use crate::state::Tag;
use model::{
    Definition, Field, FieldValue, ObjectId, ParameterAttribute, ParameterObject, PipelineObject,
};
pub use protocol::shapes::*;

/// A `Field` to the model; both or neither value is an InvalidRequestException.
pub fn field_to_model(f: &WireField) -> Result<Field, ServiceError> {
    let value = match (&f.string_value, &f.ref_value) {
        (Some(s), None) => FieldValue::String(s.clone()),
        (None, Some(r)) => FieldValue::Ref(ObjectId(r.clone())),
        _ => {
            return Err(ServiceError::InvalidRequest(format!(
                "Field '{}' must have exactly one of stringValue or refValue",
                f.key
            )))
        }
    };
    Ok(Field {
        key: f.key.clone(),
        value,
    })
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
            .map(field_to_model)
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
