//! An object without a `name` is a fatal PutPipelineDefinition error, and
//! no validation error carries an empty `id` (issue 18 item 7). API
//! Reference, PutPipelineDefinition ("Changes to the pipeline are saved
//! unless one of the following validation errors exist: An object is
//! missing a name or identifier field", seed 003); botocore service model,
//! `PipelineObject` (required id, name, fields) and `ValidationError.id`
//! (min length 1).

use crate::support::*;
use serde_json::json;

const T0: &str = "2012-12-12T00:00:00";

#[test]
fn an_object_without_a_name_is_not_saved() {
    let mut s = service_at(T0);
    let pid = create(&mut s, "p");
    let mut objs = simple(T0, None, &[]);
    objs[2].as_object_mut().unwrap().remove("name");
    let (status, v) = call(
        &mut s,
        "PutPipelineDefinition",
        json!({"pipelineId": pid, "pipelineObjects": objs}),
    );
    assert_eq!(status, 400, "{v}");
    assert!(v["__type"]
        .as_str()
        .unwrap()
        .ends_with("InvalidRequestException"));
    // Nothing was saved.
    let (_, got) = call(&mut s, "GetPipelineDefinition", json!({"pipelineId": pid}));
    assert!(
        got["pipelineObjects"]
            .as_array()
            .is_none_or(|a| a.is_empty()),
        "{got}"
    );
    // ValidatePipelineDefinition names the object.
    let v = ok(
        &mut s,
        "ValidatePipelineDefinition",
        json!({"pipelineId": pid, "pipelineObjects": objs}),
    );
    assert_eq!(v["errored"], true);
    assert_eq!(
        v["validationErrors"],
        json!([{"id": "A", "errors": ["An object is missing a name or identifier field."]}])
    );
}

/// Too many parameter objects is a definition-wide error: it names the
/// first parameter over the limit, never an empty id.
#[test]
fn definition_wide_errors_name_an_object() {
    let mut s = service_at(T0);
    let pid = create(&mut s, "p");
    let params: Vec<_> = (0..60)
        .map(|n| json!({"id": format!("myP{n}"), "attributes": [{"key": "type", "stringValue": "String"}]}))
        .collect();
    let v = ok(
        &mut s,
        "ValidatePipelineDefinition",
        json!({"pipelineId": pid, "pipelineObjects": simple(T0, None, &[]), "parameterObjects": params}),
    );
    let errors = v["validationErrors"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!errors.is_empty(), "{v}");
    for e in &errors {
        assert!(!e["id"].as_str().unwrap().is_empty(), "{v}");
    }
}
