//! JSON bodies of the Data Pipeline actions the push uses (CreatePipeline,
//! PutPipelineDefinition / ValidatePipelineDefinition, ActivatePipeline,
//! GetPipelineDefinition, ListPipelines): the typed requests of `protocol`
//! (the same types the simulated service reads), serialised.

use model::Definition;
use protocol::{
    from_definition, GetPipelineDefinitionInput, ListPipelinesInput, PutPipelineDefinitionInput,
    Request,
};
pub use protocol::{
    ActivatePipelineInput, CreatePipelineInput, WireParameterValue, WireTag as Tag,
};
use serde_json::Value;

/// Shown where a real pipeline id is not known yet (export before a push).
pub const PIPELINE_ID_PLACEHOLDER: &str = "YOUR_PIPELINE_ID";

/// A typed request as its JSON body (members that are absent are left out).
pub fn request_body<I: Request>(input: &I) -> Value {
    serde_json::to_value(input).unwrap_or(Value::Null)
}

pub fn create_pipeline_body(input: &CreatePipelineInput) -> Value {
    request_body(input)
}

/// The PutPipelineDefinition / ValidatePipelineDefinition request body:
/// `pipelineId`, `pipelineObjects` (fields in document order, `name`
/// defaulting to the id), and `parameterObjects` / `parameterValues` when
/// the definition has any.
pub fn pipeline_definition_body(pipeline_id: &str, definition: &Definition) -> Value {
    let (objects, parameter_objects, parameter_values) = from_definition(definition);
    request_body(&PutPipelineDefinitionInput {
        pipeline_id: Some(pipeline_id.to_string()),
        pipeline_objects: Some(objects),
        parameter_objects,
        parameter_values,
    })
}

pub fn activate_pipeline_body(input: &ActivatePipelineInput) -> Value {
    request_body(input)
}

/// `version`: `latest` (the service's default, last saved) or `active`.
pub fn get_pipeline_definition_body(pipeline_id: &str, version: Option<&str>) -> Value {
    request_body(&GetPipelineDefinitionInput {
        pipeline_id: Some(pipeline_id.to_string()),
        version: version.map(str::to_string),
    })
}

/// ListPipelines: `{}` for the first page, `{"marker": …}` for the next.
pub fn list_pipelines_body(marker: Option<&str>) -> Value {
    request_body(&ListPipelinesInput {
        marker: marker.map(str::to_string),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::{Field, ParameterAttribute, ParameterObject, ParameterValue, PipelineObject};

    #[test]
    fn create_body_leaves_out_absent_members() {
        let input = CreatePipelineInput {
            name: Some("p".into()),
            unique_id: Some("u".into()),
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
            pipeline_id: Some("df-1".into()),
            parameter_values: vec![],
            start_timestamp: Some(1355270400.0),
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
