//! JSON bodies of the Data Pipeline actions the push uses (CreatePipeline,
//! PutPipelineDefinition / ValidatePipelineDefinition, ActivatePipeline,
//! GetPipelineDefinition, ListPipelines), in the service's member names.

use model::{Definition, ParameterValue};
use serde_json::{json, Map, Value};

/// Shown where a real pipeline id is not known yet (export before a push).
pub const PIPELINE_ID_PLACEHOLDER: &str = "YOUR_PIPELINE_ID";

/// A pipeline tag (`{key, value}`; at most 10 per pipeline).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag {
    pub key: String,
    pub value: String,
}

/// CreatePipeline's input: `name` and `uniqueId` are required.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CreatePipelineInput {
    pub name: String,
    pub unique_id: String,
    pub description: Option<String>,
    pub tags: Vec<Tag>,
}

/// ActivatePipeline's input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActivatePipelineInput {
    pub pipeline_id: String,
    pub parameter_values: Vec<ParameterValue>,
    /// Epoch seconds (a JSON number, the awsJson 1.1 timestamp form).
    pub start_timestamp: Option<i64>,
}

pub fn create_pipeline_body(input: &CreatePipelineInput) -> Value {
    let mut body = Map::new();
    body.insert("name".into(), json!(input.name));
    body.insert("uniqueId".into(), json!(input.unique_id));
    if let Some(d) = &input.description {
        body.insert("description".into(), json!(d));
    }
    if !input.tags.is_empty() {
        let tags: Vec<Value> = input
            .tags
            .iter()
            .map(|t| json!({"key": t.key, "value": t.value}))
            .collect();
        body.insert("tags".into(), Value::Array(tags));
    }
    Value::Object(body)
}

fn parameter_values_json(values: &[ParameterValue]) -> Value {
    values
        .iter()
        .map(|v| json!({"id": v.id, "stringValue": v.string_value}))
        .collect()
}

/// The PutPipelineDefinition / ValidatePipelineDefinition request body:
/// `pipelineId`, `pipelineObjects` (fields in document order, `name`
/// defaulting to the id), and `parameterObjects` / `parameterValues` when
/// the definition has any (the model's API-shape emitter).
pub fn pipeline_definition_body(pipeline_id: &str, definition: &Definition) -> Value {
    model::formats::put_request_value(definition, pipeline_id)
}

pub fn activate_pipeline_body(input: &ActivatePipelineInput) -> Value {
    let mut body = Map::new();
    body.insert("pipelineId".into(), json!(input.pipeline_id));
    if !input.parameter_values.is_empty() {
        body.insert(
            "parameterValues".into(),
            parameter_values_json(&input.parameter_values),
        );
    }
    if let Some(t) = input.start_timestamp {
        body.insert("startTimestamp".into(), json!(t));
    }
    Value::Object(body)
}

/// `version`: `latest` (the service's default, last saved) or `active`.
pub fn get_pipeline_definition_body(pipeline_id: &str, version: Option<&str>) -> Value {
    let mut body = Map::new();
    body.insert("pipelineId".into(), json!(pipeline_id));
    if let Some(v) = version {
        body.insert("version".into(), json!(v));
    }
    Value::Object(body)
}

/// ListPipelines: `{}` for the first page, `{"marker": …}` for the next.
pub fn list_pipelines_body(marker: Option<&str>) -> Value {
    match marker {
        Some(m) => json!({ "marker": m }),
        None => json!({}),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::{Field, ParameterAttribute, ParameterObject, PipelineObject};

    #[test]
    fn create_body_leaves_out_absent_members() {
        let input = CreatePipelineInput {
            name: "p".into(),
            unique_id: "u".into(),
            ..Default::default()
        };
        assert_eq!(
            create_pipeline_body(&input).to_string(),
            r#"{"name":"p","uniqueId":"u"}"#
        );
        let input = CreatePipelineInput {
            description: Some("d".into()),
            tags: vec![Tag {
                key: "k".into(),
                value: "v".into(),
            }],
            ..input
        };
        assert_eq!(
            create_pipeline_body(&input).to_string(),
            r#"{"name":"p","uniqueId":"u","description":"d","tags":[{"key":"k","value":"v"}]}"#
        );
    }

    #[test]
    fn definition_body_keeps_field_order_and_defaults_name() {
        let mut a = PipelineObject::new("A", "Alpha");
        a.fields.push(Field::string("type", "CopyActivity"));
        a.fields.push(Field::reference("input", "In"));
        a.fields.push(Field::string("step", "x"));
        a.fields.push(Field::string("step", "y"));
        let mut b = PipelineObject::new("B", "B");
        b.name = None;
        let def = Definition {
            objects: vec![a, b],
            parameters: vec![ParameterObject {
                id: "myX".into(),
                attributes: vec![ParameterAttribute {
                    key: "type".into(),
                    string_value: "String".into(),
                }],
            }],
            values: vec![ParameterValue {
                id: "myX".into(),
                string_value: "v".into(),
            }],
        };
        let body = pipeline_definition_body("df-1", &def);
        assert_eq!(
            body.to_string(),
            concat!(
                r#"{"pipelineId":"df-1","pipelineObjects":["#,
                r#"{"id":"A","name":"Alpha","fields":[{"key":"type","stringValue":"CopyActivity"},"#,
                r#"{"key":"input","refValue":"In"},{"key":"step","stringValue":"x"},{"key":"step","stringValue":"y"}]},"#,
                r#"{"id":"B","name":"B","fields":[]}],"#,
                r#""parameterObjects":[{"id":"myX","attributes":[{"key":"type","stringValue":"String"}]}],"#,
                r#""parameterValues":[{"id":"myX","stringValue":"v"}]}"#
            )
        );
    }

    #[test]
    fn activate_and_get_bodies() {
        let input = ActivatePipelineInput {
            pipeline_id: "df-1".into(),
            parameter_values: vec![],
            start_timestamp: Some(1355270400),
        };
        assert_eq!(
            activate_pipeline_body(&input).to_string(),
            r#"{"pipelineId":"df-1","startTimestamp":1355270400}"#
        );
        assert_eq!(
            get_pipeline_definition_body("df-1", Some("active")).to_string(),
            r#"{"pipelineId":"df-1","version":"active"}"#
        );
    }
}
