use super::*;
use crate::definition::{Field, FieldValue, ParameterValue, PipelineObject};
use serde_json::json;

fn parsed(v: Value) -> Parsed {
    parse_value(&v).unwrap_or_else(|e| panic!("import failed: {e}"))
}

fn error_paths(v: Value) -> Vec<(String, String)> {
    let e = parse_value(&v).expect_err("should not import");
    e.errors()
        .map(|d| (d.path.clone(), d.message.clone()))
        .collect()
}

#[test]
fn reference_mapping_example() {
    // Reference §7: the CLI sorts fields by key; we keep file order, and
    // `sorted_like_cli` gives what the CLI would send.
    let p = parsed(json!({"objects": [
        {"id":"A","type":"CopyActivity","input":{"ref":"In"},"step":["x","y"]}
    ]}));
    assert_eq!(p.format, Format::Cli);
    let api = to_api_value(&sorted_like_cli(&p.definition));
    assert_eq!(
        api,
        json!({"pipelineObjects": [{"id":"A","name":"A","fields":[
            {"key":"input","refValue":"In"},
            {"key":"step","stringValue":"x"},
            {"key":"step","stringValue":"y"},
            {"key":"type","stringValue":"CopyActivity"}]}]})
    );
    // File order is the field order.
    let keys: Vec<_> = p.definition.objects[0]
        .fields
        .iter()
        .map(|f| f.key.as_str())
        .collect();
    assert_eq!(keys, ["type", "input", "step", "step"]);
}

#[test]
fn cli_name_defaults_to_id_but_is_not_invented() {
    let doc = json!({"objects": [{"id": "A", "type": "Schedule"}]});
    let p = parsed(doc.clone());
    assert_eq!(p.definition.objects[0].name, None);
    assert_eq!(p.definition.objects[0].display_name(), "A");
    assert_eq!(to_cli_value(&p.definition), doc);
    assert_eq!(
        to_api_value(&p.definition)["pipelineObjects"][0]["name"],
        "A"
    );
}

#[test]
fn api_document_round_trips_with_its_layout() {
    let doc = json!({
        "pipelineId": "df-1",
        "pipelineObjects": [{"id":"Default","name":"Default","fields":[
            {"key":"workerGroup","stringValue":""},
            {"key":"step","stringValue":"a"},
            {"key":"other","refValue":"X"},
            {"key":"step","stringValue":"b"}]}],
        "parameterValues": [],
        "parameterObjects": [{"id":"myP","attributes":[{"key":"type","stringValue":"String"}]}]
    });
    let p = parsed(doc.clone());
    assert_eq!(p.format, Format::Api);
    assert_eq!(p.layout.pipeline_id(), Some("df-1"));
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    let back = to_value(&p.definition, &p.layout);
    assert_eq!(back, doc);
    assert_eq!(
        serde_json::to_string(&back).unwrap(),
        serde_json::to_string(&doc).unwrap(),
        "key order kept"
    );
    // Interleaved repeated keys cannot stay interleaved in a CLI file.
    let losses = cli_losses(&p.definition);
    assert_eq!(losses.len(), 1);
    assert_eq!(losses[0].path, "pipelineObjects[0].fields[3]");
}

#[test]
fn put_request_body_has_pipeline_id_first() {
    let p = parsed(json!({"objects": [{"id": "A"}], "values": {"myX": ["1", "2"]}}));
    let body = put_request_value(&p.definition, "df-9");
    assert_eq!(
        body,
        json!({"pipelineId": "df-9",
               "pipelineObjects": [{"id":"A","name":"A","fields":[]}],
               "parameterValues": [{"id":"myX","stringValue":"1"},{"id":"myX","stringValue":"2"}]})
    );
    assert!(emit_put_request(&p.definition, "df-9").starts_with("{\n  \"pipelineId\": \"df-9\","));
}

#[test]
fn cli_values_and_parameters_fold_back() {
    let doc = json!({
        "objects": [],
        "parameters": [{"id":"myList","type":"String","allowedValues":["a","b"],"isArray":"true"}],
        "values": {"myList": ["a","b"], "myOne": "x"}
    });
    let p = parsed(doc.clone());
    assert_eq!(p.definition.parameters[0].attributes.len(), 4);
    assert_eq!(
        p.definition.values,
        vec![
            ParameterValue {
                id: "myList".into(),
                string_value: "a".into()
            },
            ParameterValue {
                id: "myList".into(),
                string_value: "b".into()
            },
            ParameterValue {
                id: "myOne".into(),
                string_value: "x".into()
            },
        ]
    );
    assert_eq!(to_value(&p.definition, &p.layout), doc);
    // Through the API shape and back.
    let api = parsed(to_api_value(&p.definition));
    assert_eq!(api.definition, p.definition);
}

#[test]
fn numbers_and_booleans_are_kept_as_strings_with_a_warning() {
    let p = parsed(
        json!({"objects": [{"id":"A","maximumRetries": 2, "stage": true, "x": [1.5, "y"]}],
                          "values": {"myN": 3}}),
    );
    let o = &p.definition.objects[0];
    assert_eq!(o.first_string("maximumRetries"), Some("2"));
    assert_eq!(o.first_string("stage"), Some("true"));
    assert_eq!(o.values("x").count(), 2);
    assert_eq!(p.definition.values[0].string_value, "3");
    let paths: Vec<_> = p.diagnostics.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "objects[0].maximumRetries",
            "objects[0].stage",
            "objects[0].x[0]",
            "values.myN"
        ]
    );
    assert!(p.diagnostics.iter().all(|d| d.level == Level::Warning));
}

#[test]
fn bad_values_are_errors_with_paths_and_nothing_loads() {
    let errs = error_paths(json!({"objects": [
        {"id": "Good", "type": "Schedule"},
        {"id": "A", "schedule": null, "input": {"ref": 3}, "x": {"a": 1}, "y": [["z"]]},
        {"type": "NoId"},
        "text"
    ]}));
    let paths: Vec<_> = errs.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "objects[1].schedule",
            "objects[1].input.ref",
            "objects[1].x",
            "objects[1].y[0]",
            "objects[2]",
            "objects[3]"
        ]
    );
    assert!(errs[4]
        .1
        .starts_with("Missing \"id\" key of element: {\"type\":\"NoId\"}"));
}

#[test]
fn document_level_errors() {
    assert_eq!(error_paths(json!([1, 2]))[0].0, "");
    assert!(error_paths(json!({"parameters": []}))[0]
        .1
        .starts_with("Missing \"objects\" key"));
    let both = error_paths(json!({"objects": [], "pipelineObjects": []}));
    assert_eq!(both.len(), 1);
    assert_eq!(both[0].0, "pipelineObjects");
    let twice = error_paths(json!({"objects": [], "values": {}, "parameterValues": []}));
    assert_eq!(twice[0].0, "parameterValues");
    assert_eq!(error_paths(json!({"objects": {}}))[0].0, "objects");
    assert_eq!(
        error_paths(json!({"objects": [], "values": []}))[0].0,
        "values"
    );
    assert_eq!(
        error_paths(json!({"pipelineObjects": [], "pipelineId": 5}))[0].0,
        "pipelineId"
    );
}

#[test]
fn api_shape_is_read_strictly() {
    let errs = error_paths(json!({"pipelineObjects": [
        {"id": "A", "fields": []},
        {"id": "B", "name": "B", "fields": [
            {"key": "a", "stringValue": "x", "refValue": "y"},
            {"key": "b"},
            {"stringValue": "c"},
            {"key": "d", "stringValue": 4},
            {"key": "e", "stringValue": "ok", "extra": 1}
        ]},
        {"id": "C", "name": "C"}
    ]}));
    let paths: Vec<_> = errs.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "pipelineObjects[0]",
            "pipelineObjects[1].fields[0]",
            "pipelineObjects[1].fields[1]",
            "pipelineObjects[1].fields[2]",
            "pipelineObjects[1].fields[3].stringValue",
            "pipelineObjects[1].fields[4].extra",
            "pipelineObjects[2]"
        ]
    );
    assert_eq!(errs[0].1, "Missing required parameter \"name\"");
}

#[test]
fn unknown_top_level_keys_are_kept_and_warned() {
    let doc = json!({"comment": {"a": [1]}, "objects": [{"id": "A", "myComment": "hi"}]});
    let p = parsed(doc.clone());
    assert_eq!(p.diagnostics.len(), 1);
    assert_eq!(p.diagnostics[0].path, "comment");
    assert_eq!(to_value(&p.definition, &p.layout), doc);
}

#[test]
fn api_shaped_objects_under_objects_are_detected() {
    let doc = json!({"objects": [{"id":"A","name":"A","fields":[{"key":"type","stringValue":"Schedule"}]}],
                     "parameterValues": [{"id":"myX","stringValue":"1"}]});
    let p = parsed(doc.clone());
    assert_eq!(p.format, Format::Api);
    assert_eq!(p.definition.objects[0].type_name(), Some("Schedule"));
    assert_eq!(p.diagnostics.len(), 1);
    assert_eq!(to_value(&p.definition, &p.layout), doc);
}

#[test]
fn empty_lists_are_dropped_with_a_warning() {
    let p = parsed(json!({"objects": [{"id":"A","step":[]}]}));
    assert!(p.definition.objects[0].fields.is_empty());
    assert_eq!(p.diagnostics[0].path, "objects[0].step");
}

#[test]
fn syntax_errors_have_line_and_column() {
    let e = parse("{\n  \"objects\": [\n  ],\n}").unwrap_err();
    let ImportError::Syntax(d) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(d.position, Some(Position { line: 4, column: 1 }));
    let e = parse("").unwrap_err();
    assert!(matches!(e, ImportError::Syntax(_)));
}

#[test]
fn cli_emission_skips_reserved_keys_and_reports_them() {
    let d = Definition {
        objects: vec![PipelineObject {
            id: "A".into(),
            name: Some("A".into()),
            fields: vec![
                Field::string("id", "other"),
                Field::new("x", FieldValue::Ref("B".into())),
            ],
        }],
        ..Default::default()
    };
    assert_eq!(
        to_cli_value(&d),
        json!({"objects": [{"id": "A", "name": "A", "x": {"ref": "B"}}]})
    );
    let losses = cli_losses(&d);
    assert_eq!(losses.len(), 1);
    assert_eq!(losses[0].path, "pipelineObjects[0].fields[0]");
}

#[test]
fn emission_is_two_space_pretty_json() {
    let p = parsed(json!({"objects": [{"id": "A", "r": {"ref": "B"}}]}));
    assert_eq!(
        emit_cli(&p.definition),
        "{\n  \"objects\": [\n    {\n      \"id\": \"A\",\n      \"r\": {\n        \"ref\": \"B\"\n      }\n    }\n  ]\n}"
    );
    assert!(emit_api(&p.definition).contains("\n      \"fields\": [\n"));
}

#[test]
fn duplicate_keys_keep_the_last_value_with_a_warning() {
    let p = parse(
        r#"{"objects": [{"id": "A", "period": "1 day", "type": "Schedule", "period": "2 days"}]}"#,
    )
    .unwrap();
    let o = &p.definition.objects[0];
    assert_eq!(o.first_string("period"), Some("2 days"));
    assert_eq!(o.fields[0].key, "period", "at the first key's place");
    assert_eq!(p.diagnostics.len(), 1);
    assert_eq!(p.diagnostics[0].path, "objects[0].period");
    // Warnings stay with the errors when the import fails.
    let e = parse(r#"{"objects": [{"id": 1, "a": "x", "a": "y"}]}"#).unwrap_err();
    assert_eq!(e.diagnostics().len(), 2);
    assert_eq!(e.diagnostics()[0].level, Level::Error);
}

#[test]
fn one_element_lists_are_written_back_as_lists() {
    let doc = json!({
        "objects": [{"id": "A", "scriptArgument": ["only"], "x": "y"},
                    {"id": "B", "scriptArgument": "plain", "dependsOn": [{"ref": "A"}]}],
        "parameters": [{"id": "myP", "allowedValues": ["one"]}],
        "values": {"myP": ["one"]}
    });
    let p = parsed(doc.clone());
    assert_eq!(p.layout.one_item_lists.len(), 4);
    assert_eq!(to_value(&p.definition, &p.layout), doc);
    // Without the layout, one value is written as itself.
    assert_eq!(
        to_cli_value(&p.definition)["objects"][0]["scriptArgument"],
        "only"
    );
    // Once a second value is added it is a list anyway; back to one, a list again.
    let mut d = p.definition.clone();
    d.append_value("A", "scriptArgument", FieldValue::String("two".into()))
        .unwrap();
    assert_eq!(
        to_value(&d, &p.layout)["objects"][0]["scriptArgument"],
        json!(["only", "two"])
    );
}

fn document(v: &str) -> Document {
    parse_document(v).unwrap_or_else(|e| panic!("import failed: {e}"))
}

fn warnings(p: &Parsed) -> Vec<(String, String)> {
    p.diagnostics
        .iter()
        .map(|d| (d.path.clone(), d.message.clone()))
        .collect()
}

#[test]
fn cli_keys_with_api_shapes_inside_are_read_part_by_part_with_a_warning_each() {
    // As AWS's own samples write them: CLI keys, API shapes inside.
    let text = r#"{
      "objects": [{"id": "Default", "name": "Default", "fields": [
        {"key": "scheduleType", "stringValue": "ondemand"}]}],
      "parameters": [{"id": "myName", "attributes": [
        {"key": "type", "stringValue": "String"},
        {"key": "default", "stringValue": "hello"}]}],
      "values": {"myName": "world"}
    }"#;
    let Document::Definition(p) = document(text) else {
        panic!("not a definition")
    };
    assert_eq!(
        p.definition.parameters[0].attributes[1].string_value,
        "hello"
    );
    assert_eq!(p.definition.values[0].string_value, "world");
    let w = warnings(&p);
    assert_eq!(w.len(), 2, "{w:?}");
    assert_eq!(w[0].0, "objects");
    assert!(
        w[0].1.starts_with("API-shaped objects (id, name, fields)"),
        "{w:?}"
    );
    assert_eq!(w[1].0, "parameters");
    assert!(
        w[1].1
            .starts_with("API-shaped parameters (id, attributes of key/stringValue)"),
        "{w:?}"
    );
    // Written back the way it came: each part in its own shape.
    let again: Value = serde_json::from_str(&emit_with(&p.definition, &p.layout)).unwrap();
    assert_eq!(again, serde_json::from_str::<Value>(text).unwrap());
}

#[test]
fn api_keys_with_cli_shapes_inside_are_read_too() {
    let text = r#"{"pipelineObjects": [{"id": "A", "type": "Schedule"}],
      "parameterObjects": [{"id": "p", "type": "String"}],
      "parameterValues": {"p": ["a", "b"]}}"#;
    let Document::Definition(p) = document(text) else {
        panic!("not a definition")
    };
    assert_eq!(p.format, Format::Cli);
    assert_eq!(p.definition.objects[0].type_name(), Some("Schedule"));
    assert_eq!(p.definition.values.len(), 2);
    let w = warnings(&p);
    assert!(w[0].1.starts_with("CLI-shaped objects"), "{w:?}");
    assert!(w[1].1.starts_with("CLI-shaped parameters"), "{w:?}");
    assert!(
        w[2].1
            .starts_with("CLI-shaped values (an object of id: value)"),
        "{w:?}"
    );
    assert!(w
        .iter()
        .all(|(_, m)| m.contains("the API would not accept")));
}

#[test]
fn stand_alone_parameter_and_value_files_are_partial_documents() {
    let Document::Partial(p) =
        document(r#"{"parameters": [{"id": "myS3", "type": "AWS::S3::ObjectKey"}]}"#)
    else {
        panic!("not partial")
    };
    assert_eq!(p.parameters.as_ref().map(Vec::len), Some(1));
    assert_eq!(p.values, None);
    let Document::Partial(v) = document(r#"{"values": {"myS3": "s3://b", "tags": ["x", "y"]}}"#)
    else {
        panic!("not partial")
    };
    assert_eq!(v.parameters, None);
    let def = Definition {
        values: vec![
            ParameterValue {
                id: "other".into(),
                string_value: "1".into(),
            },
            ParameterValue {
                id: "myS3".into(),
                string_value: "s3://a".into(),
            },
        ],
        ..Definition::default()
    };
    let (after, changes) = v.apply(&def);
    let shown: Vec<String> = changes.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "value of myS3: \"s3://a\" → \"s3://b\"",
            "value of tags: set to \"x\", \"y\""
        ]
    );
    let ids: Vec<(&str, &str)> = after
        .values
        .iter()
        .map(|v| (v.id.as_str(), v.string_value.as_str()))
        .collect();
    assert_eq!(
        ids,
        [
            ("other", "1"),
            ("myS3", "s3://b"),
            ("tags", "x"),
            ("tags", "y")
        ]
    );
    // Applying again changes nothing.
    assert!(v.apply(&after).1.is_empty());
    // A parameter file: added, then replaced in place.
    let (with, changes) = p.apply(&after);
    assert_eq!(changes, [Change::ParameterAdded("myS3".into())]);
    let Document::Partial(p2) = document(
        r#"{"parameterObjects": [{"id": "myS3", "attributes": [{"key": "type", "stringValue": "String"}]}]}"#,
    ) else {
        panic!("not partial")
    };
    assert_eq!(
        p2.apply(&with).1,
        [Change::ParameterReplaced("myS3".into())]
    );
    // `parse` still wants a whole definition.
    assert!(parse(r#"{"values": {}}"#).is_err());
    // A file with none of the parts is not a partial document.
    assert!(parse_document(r#"{"x": 1}"#).is_err());
}
