//! The definition as an AWS CloudFormation template holding one
//! `AWS::DataPipeline::Pipeline` resource (JSON or YAML), and such a
//! template read back. The resource's properties are the API shapes with
//! CloudFormation's capitalised keys (AWS CloudFormation User Guide,
//! "AWS::DataPipeline::Pipeline": `Name`, `Activate`, `Description`,
//! `PipelineObjects` of `Id`/`Name`/`Fields` of `Key` and `StringValue` or
//! `RefValue`, `ParameterObjects` of `Id`/`Attributes` of `Key`/
//! `StringValue`, `ParameterValues` of `Id`/`StringValue`, `PipelineTags`
//! of `Key`/`Value`). Reading goes through the model's API-shape importer,
//! so the same checks and messages apply. Left out: intrinsic functions
//! (`Ref`, `Fn::Sub`, YAML short forms such as `!Ref`) inside the
//! properties are not evaluated; a template that uses them is refused with
//! a message naming the place.

use crate::body::Tag;
use model::formats::{self, Diagnostic, ImportError, Parsed};
use model::Definition;
use serde_json::{json, Map, Value};

/// The resource's logical id in exported templates.
pub const LOGICAL_ID: &str = "Pipeline";
/// The resource type.
pub const RESOURCE_TYPE: &str = "AWS::DataPipeline::Pipeline";

/// What a template says besides the definition.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PipelineProperties {
    pub name: String,
    pub description: Option<String>,
    /// `Activate`: validate and start the pipeline (CloudFormation's default is true).
    pub activate: bool,
    pub tags: Vec<Tag>,
}

/// A template's text format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TemplateFormat {
    Json,
    Yaml,
}

/// The template as a JSON value (key order as CloudFormation documents it).
pub fn template_value(definition: &Definition, props: &PipelineProperties) -> Value {
    let mut p = Map::new();
    p.insert("Name".into(), json!(props.name));
    if let Some(d) = &props.description {
        p.insert("Description".into(), json!(d));
    }
    p.insert("Activate".into(), json!(props.activate));
    let objects: Vec<Value> = definition
        .objects
        .iter()
        .map(|o| {
            let fields: Vec<Value> = o
                .fields
                .iter()
                .map(|f| match &f.value {
                    model::FieldValue::String(s) => json!({"Key": f.key, "StringValue": s}),
                    model::FieldValue::Ref(r) => json!({"Key": f.key, "RefValue": r.as_str()}),
                })
                .collect();
            json!({"Id": o.id.as_str(), "Name": o.display_name(), "Fields": fields})
        })
        .collect();
    p.insert("PipelineObjects".into(), Value::Array(objects));
    if !definition.parameters.is_empty() {
        let params: Vec<Value> = definition
            .parameters
            .iter()
            .map(|q| {
                let attrs: Vec<Value> = q
                    .attributes
                    .iter()
                    .map(|a| json!({"Key": a.key, "StringValue": a.string_value}))
                    .collect();
                json!({"Id": q.id, "Attributes": attrs})
            })
            .collect();
        p.insert("ParameterObjects".into(), Value::Array(params));
    }
    if !definition.values.is_empty() {
        let values: Vec<Value> = definition
            .values
            .iter()
            .map(|v| json!({"Id": v.id, "StringValue": v.string_value}))
            .collect();
        p.insert("ParameterValues".into(), Value::Array(values));
    }
    if !props.tags.is_empty() {
        let tags: Vec<Value> = props
            .tags
            .iter()
            .map(|t| json!({"Key": t.key, "Value": t.value}))
            .collect();
        p.insert("PipelineTags".into(), Value::Array(tags));
    }
    json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": format!("AWS Data Pipeline {}", props.name),
        "Resources": { LOGICAL_ID: { "Type": RESOURCE_TYPE, "Properties": Value::Object(p) } },
        "Outputs": { "PipelineId": { "Description": "The pipeline's id", "Value": { "Ref": LOGICAL_ID } } }
    })
}

/// The template as text.
pub fn template(
    definition: &Definition,
    props: &PipelineProperties,
    format: TemplateFormat,
) -> String {
    let value = template_value(definition, props);
    match format {
        TemplateFormat::Json => formats::pretty(&value),
        // Cannot fail: string keys, no floats, no tags.
        TemplateFormat::Yaml => yaml_serde::to_string(&value).unwrap_or_default(),
    }
}

/// A template read back: its pipeline's properties and definition.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadTemplate {
    pub properties: PipelineProperties,
    /// The definition (API shape, so `parsed.layout` writes the API shape).
    pub parsed: Parsed,
}

/// Whether a JSON document looks like a CloudFormation template.
pub fn is_template(value: &Value) -> bool {
    value
        .as_object()
        .is_some_and(|m| m.contains_key("Resources") || m.contains_key("AWSTemplateFormatVersion"))
}

/// Read a template (JSON or YAML text) holding an `AWS::DataPipeline::Pipeline`.
pub fn parse(text: &str) -> Result<ReadTemplate, ImportError> {
    let value: Value = if text.trim_start().starts_with('{') {
        // JSON errors with the model's positions.
        formats::parse_json(text)?
    } else {
        yaml_serde::from_str(text).map_err(|e| {
            let at = e
                .location()
                .map(|l| format!(" at {}:{}", l.line(), l.column()))
                .unwrap_or_default();
            invalid("", format!("not a YAML template{at}: {e}"))
        })?
    };
    read(&value)
}

fn invalid(path: &str, message: impl Into<String>) -> ImportError {
    ImportError::Invalid(vec![Diagnostic::error(path, message)])
}

/// Read a parsed template.
pub fn read(value: &Value) -> Result<ReadTemplate, ImportError> {
    let resources = value
        .get("Resources")
        .and_then(Value::as_object)
        .ok_or_else(|| invalid("Resources", "a template needs a \"Resources\" object"))?;
    let mut pipelines = resources
        .iter()
        .filter(|(_, r)| r.get("Type").and_then(Value::as_str) == Some(RESOURCE_TYPE));
    let Some((logical_id, resource)) = pipelines.next() else {
        return Err(invalid(
            "Resources",
            format!("no resource of type {RESOURCE_TYPE} in this template"),
        ));
    };
    let mut warnings = Vec::new();
    if let Some((other, _)) = pipelines.next() {
        warnings.push(Diagnostic::warning(
            format!("Resources.{other}"),
            format!("more than one {RESOURCE_TYPE}: read the first, {logical_id}"),
        ));
    }
    let base = format!("Resources.{logical_id}.Properties");
    let props = resource
        .get("Properties")
        .and_then(Value::as_object)
        .ok_or_else(|| invalid(&base, "the resource has no Properties object"))?;
    let string = |key: &str, v: &Value| -> Result<String, ImportError> {
        v.as_str().map(str::to_string).ok_or_else(|| {
            invalid(
                &format!("{base}.{key}"),
                "must be a plain string (intrinsic functions such as Ref or Fn::Sub are not evaluated here)",
            )
        })
    };
    let mut api = Map::new();
    let mut properties = PipelineProperties {
        activate: true,
        ..PipelineProperties::default()
    };
    for (key, v) in props {
        let path = format!("{base}.{key}");
        match key.as_str() {
            "Name" => properties.name = string(key, v)?,
            "Description" => properties.description = Some(string(key, v)?),
            "Activate" => {
                properties.activate = match v {
                    Value::Bool(b) => *b,
                    Value::String(s) if s.eq_ignore_ascii_case("true") => true,
                    Value::String(s) if s.eq_ignore_ascii_case("false") => false,
                    _ => return Err(invalid(&path, "must be true or false")),
                }
            }
            "PipelineTags" => {
                for (i, t) in list(v, &path)?.iter().enumerate() {
                    let p = format!("{path}[{i}]");
                    let get = |k: &str| {
                        t.get(k)
                            .and_then(Value::as_str)
                            .map(str::to_string)
                            .ok_or_else(|| invalid(&p, format!("a tag needs a string \"{k}\"")))
                    };
                    properties.tags.push(Tag {
                        key: get("Key")?,
                        value: get("Value")?,
                    });
                }
            }
            "PipelineObjects" => {
                api.insert("pipelineObjects".into(), lower(v, &path)?);
            }
            "ParameterObjects" => {
                api.insert("parameterObjects".into(), lower(v, &path)?);
            }
            "ParameterValues" => {
                api.insert("parameterValues".into(), lower(v, &path)?);
            }
            other => warnings.push(Diagnostic::warning(
                path.clone(),
                format!("unknown property \"{other}\" of {RESOURCE_TYPE}: ignored"),
            )),
        }
    }
    if !api.contains_key("pipelineObjects") {
        api.insert("pipelineObjects".into(), Value::Array(Vec::new()));
    }
    let mut parsed = formats::parse_value(&Value::Object(api)).map_err(|e| {
        ImportError::Invalid(
            e.diagnostics()
                .iter()
                .map(|d| Diagnostic {
                    path: format!("{base}.{}", d.path),
                    ..d.clone()
                })
                .collect(),
        )
    })?;
    warnings.append(&mut parsed.diagnostics);
    parsed.diagnostics = warnings;
    Ok(ReadTemplate { properties, parsed })
}

fn list<'a>(v: &'a Value, path: &str) -> Result<&'a Vec<Value>, ImportError> {
    v.as_array().ok_or_else(|| {
        invalid(
            path,
            "must be a list (intrinsic functions are not evaluated here)",
        )
    })
}

/// CloudFormation's capitalised keys to the API's (`Id` → `id`,
/// `StringValue` → `stringValue`, ...), refusing intrinsic functions.
fn lower(v: &Value, path: &str) -> Result<Value, ImportError> {
    match v {
        Value::Object(m) => {
            if let Some(k) = m.keys().find(|k| *k == "Ref" || k.starts_with("Fn::")) {
                return Err(invalid(
                    path,
                    format!("{k} is an intrinsic function; it is not evaluated here: give the value itself"),
                ));
            }
            let mut out = Map::new();
            for (k, x) in m {
                let mut chars = k.chars();
                let key = match chars.next() {
                    Some(c) => c.to_lowercase().chain(chars).collect(),
                    None => String::new(),
                };
                out.insert(key, lower(x, &format!("{path}.{k}"))?);
            }
            Ok(Value::Object(out))
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, x)| lower(x, &format!("{path}[{i}]")))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        other => Ok(other.clone()),
    }
}

#[cfg(test)]
mod tests;
