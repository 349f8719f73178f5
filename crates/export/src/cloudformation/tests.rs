use super::*;
use model::formats::Level;

fn sample() -> Definition {
    formats::parse(
        r#"{"objects": [
      {"id": "Default", "name": "Default", "scheduleType": "ondemand", "role": "DataPipelineDefaultRole",
       "resourceRole": "DataPipelineDefaultResourceRole", "failureAndRerunMode": "CASCADE"},
      {"id": "Hello", "type": "ShellCommandActivity", "command": "echo #{myGreeting}", "runsOn": {"ref": "Ec2"}},
      {"id": "Ec2", "name": "The instance", "type": "Ec2Resource", "terminateAfter": "1 hour",
       "securityGroups": ["a", "b"]}],
     "parameters": [{"id": "myGreeting", "type": "String", "default": "true"}],
     "values": {"myGreeting": "hello: world"}}"#,
    )
    .unwrap()
    .definition
}

fn props() -> PipelineProperties {
    PipelineProperties {
        name: "say-hello".into(),
        description: None,
        activate: false,
        tags: vec![Tag {
            key: "team".into(),
            value: "data".into(),
        }],
    }
}

#[test]
fn the_resource_has_cloudformations_capitalised_keys() {
    let v = template_value(&sample(), &props());
    let r = &v["Resources"]["Pipeline"];
    assert_eq!(r["Type"], "AWS::DataPipeline::Pipeline");
    let p = &r["Properties"];
    assert_eq!(p["Name"], "say-hello");
    assert_eq!(p["Activate"], false);
    assert_eq!(p["PipelineTags"], json!([{"Key": "team", "Value": "data"}]));
    assert_eq!(
        p["PipelineObjects"][1],
        json!({"Id": "Hello", "Name": "Hello", "Fields": [
            {"Key": "type", "StringValue": "ShellCommandActivity"},
            {"Key": "command", "StringValue": "echo #{myGreeting}"},
            {"Key": "runsOn", "RefValue": "Ec2"}]})
    );
    assert_eq!(
        p["ParameterObjects"][0]["Attributes"][1],
        json!({"Key": "default", "StringValue": "true"})
    );
    assert_eq!(
        p["ParameterValues"],
        json!([{"Id": "myGreeting", "StringValue": "hello: world"}])
    );
}

#[test]
fn json_and_yaml_templates_read_back_to_the_same_definition() {
    let def = sample();
    for format in [TemplateFormat::Json, TemplateFormat::Yaml] {
        let text = template(&def, &props(), format);
        let back = parse(&text).unwrap_or_else(|e| panic!("{format:?}: {e}\n{text}"));
        assert_eq!(
            back.parsed.definition.objects,
            def.objects
                .iter()
                .map(|o| model::PipelineObject {
                    name: Some(o.display_name().to_string()),
                    ..o.clone()
                })
                .collect::<Vec<_>>(),
            "{format:?}"
        );
        assert_eq!(back.parsed.definition.parameters, def.parameters);
        assert_eq!(back.parsed.definition.values, def.values);
        assert_eq!(back.properties, props(), "{format:?}");
        assert!(
            back.parsed.diagnostics.is_empty(),
            "{:?}",
            back.parsed.diagnostics
        );
    }
    // Strings YAML would read as other types stay strings.
    let yaml = template(&def, &props(), TemplateFormat::Yaml);
    assert!(
        yaml.contains("StringValue: 'true'") || yaml.contains("StringValue: \"true\""),
        "{yaml}"
    );
}

#[test]
fn a_hand_written_yaml_template_reads() {
    let text = "
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Other:
    Type: AWS::S3::Bucket
  MyPipeline:
    Type: AWS::DataPipeline::Pipeline
    Properties:
      Name: nightly
      Activate: true
      PipelineObjects:
        - Id: Default
          Name: Default
          Fields:
            - Key: scheduleType
              StringValue: ondemand
";
    let t = parse(text).unwrap();
    assert_eq!(t.properties.name, "nightly");
    assert!(t.properties.activate);
    assert_eq!(
        t.parsed.definition.objects[0].first_string("scheduleType"),
        Some("ondemand")
    );
}

#[test]
fn what_cannot_be_read_says_where() {
    let err = |text: &str| {
        parse(text)
            .unwrap_err()
            .errors()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(err(r#"{"Resources": {}}"#).contains("no resource of type AWS::DataPipeline::Pipeline"));
    let with_ref = r#"{"Resources": {"P": {"Type": "AWS::DataPipeline::Pipeline", "Properties": {
        "Name": {"Ref": "AWS::StackName"}, "PipelineObjects": []}}}}"#;
    assert!(
        err(with_ref).contains("Resources.P.Properties.Name"),
        "{}",
        err(with_ref)
    );
    let bad_field = r#"{"Resources": {"P": {"Type": "AWS::DataPipeline::Pipeline", "Properties": {
        "Name": "x", "PipelineObjects": [{"Id": "A", "Name": "A", "Fields": [{"Key": "k"}]}]}}}}"#;
    assert!(
        err(bad_field).contains("Resources.P.Properties.pipelineObjects[0].fields[0]"),
        "{}",
        err(bad_field)
    );
    let short_form = "Resources:\n  P:\n    Type: AWS::DataPipeline::Pipeline\n    Properties:\n      Name: !Ref AWS::StackName\n";
    assert!(parse(short_form).is_err());
    // JSON syntax errors keep their line and column.
    let e = parse("{\n  \"Resources\": {,\n}").unwrap_err();
    assert_eq!(e.diagnostics()[0].level, Level::Error);
    assert!(e.diagnostics()[0].position.is_some());
}
