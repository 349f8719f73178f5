//! The API shape: `pipelineObjects: [{id, name, fields: [{key, stringValue |
//! refValue}]}]`, `parameterObjects: [{id, attributes: [{key, stringValue}]}]`,
//! `parameterValues: [{id, stringValue}]`. Read strictly, as the SDK checks
//! its parameters: unknown keys and non-string values are errors.

use super::diagnostic::{Path, Sink};
use super::{Format, Part};
use crate::definition::{
    Field, FieldValue, ObjectId, ParameterAttribute, ParameterObject, ParameterValue,
    PipelineObject,
};
use serde_json::{Map, Value};

/// What kind of JSON value this is, for messages.
pub(super) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Whether a CLI file's `objects` holds API-shaped objects (some `setup.json`
/// files in the wild do): every element has a `fields` list of objects with
/// a `key`, and no keys but `id`, `name` and `fields`.
pub(super) fn looks_like_api_objects(v: &Value) -> bool {
    let Some(list) = v.as_array() else {
        return false;
    };
    !list.is_empty()
        && list.iter().all(|o| {
            o.as_object().is_some_and(|m| {
                m.get("fields")
                    .and_then(Value::as_array)
                    .is_some_and(|fs| fs.iter().all(|f| f.get("key").is_some()))
                    && m.keys()
                        .all(|k| matches!(k.as_str(), "id" | "name" | "fields"))
            })
        })
}

/// The shape a part's content is written in, when the content says so
/// (`None`: empty or unclear, the key decides). Files in the wild mix the
/// CLI's top-level keys with the API's shapes inside (AWS's own samples
/// do), and the other way round.
pub(super) fn content_shape(part: Part, v: &Value) -> Option<Format> {
    fn items(v: &Value) -> Option<Vec<&Map<String, Value>>> {
        v.as_array()?.iter().map(Value::as_object).collect()
    }
    let keyed_list = |v: Option<&Value>| {
        v.and_then(Value::as_array)
            .is_some_and(|l| l.iter().all(|x| x.get("key").is_some()))
    };
    match part {
        Part::Objects => {
            if looks_like_api_objects(v) {
                return Some(Format::Api);
            }
            let list = items(v).filter(|l| !l.is_empty())?;
            let cli = list.iter().all(|m| !m.contains_key("fields"));
            cli.then_some(Format::Cli)
        }
        Part::Parameters => {
            let list = items(v).filter(|l| !l.is_empty())?;
            if list.iter().all(|m| {
                keyed_list(m.get("attributes"))
                    && m.keys().all(|k| matches!(k.as_str(), "id" | "attributes"))
            }) {
                return Some(Format::Api);
            }
            let cli = list.iter().all(|m| !m.contains_key("attributes"));
            cli.then_some(Format::Cli)
        }
        Part::Values => match v {
            Value::Object(_) => Some(Format::Cli),
            Value::Array(l) if !l.is_empty() => items(v).map(|_| Format::Api),
            _ => None,
        },
    }
}

fn list<'a>(v: &'a Value, path: &Path, what: &str, sink: &mut Sink) -> &'a [Value] {
    match v.as_array() {
        Some(l) => l,
        None => {
            sink.error(path, format!("must be a list of {what}, not {}", kind(v)));
            &[]
        }
    }
}

fn object<'a>(
    v: &'a Value,
    path: &Path,
    allowed: &[&str],
    sink: &mut Sink,
) -> Option<&'a Map<String, Value>> {
    let Some(m) = v.as_object() else {
        sink.error(
            path,
            format!(
                "must be an object {{{}}}, not {}",
                allowed.join(", "),
                kind(v)
            ),
        );
        return None;
    };
    for k in m.keys().filter(|k| !allowed.contains(&k.as_str())) {
        sink.error(
            &path.key(k),
            format!(
                "Unknown parameter \"{k}\", must be one of: {}",
                allowed.join(", ")
            ),
        );
    }
    Some(m)
}

fn string(m: &Map<String, Value>, key: &str, path: &Path, sink: &mut Sink) -> Option<String> {
    match m.get(key) {
        None => {
            sink.error(path, format!("Missing required parameter \"{key}\""));
            None
        }
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            sink.error(
                &path.key(key),
                format!("must be a string, not {}", kind(other)),
            );
            None
        }
    }
}

pub(super) fn objects(v: &Value, path: &Path, sink: &mut Sink) -> Vec<PipelineObject> {
    let mut out = Vec::new();
    for (i, o) in list(v, path, "pipeline objects", sink).iter().enumerate() {
        let p = path.index(i);
        let Some(m) = object(o, &p, &["id", "name", "fields"], sink) else {
            continue;
        };
        let id = string(m, "id", &p, sink);
        let name = string(m, "name", &p, sink);
        let fields = match m.get("fields") {
            Some(f) => fields(f, &p.key("fields"), sink),
            None => {
                sink.error(&p, "Missing required parameter \"fields\"");
                Vec::new()
            }
        };
        if let (Some(id), Some(name)) = (id, name) {
            out.push(PipelineObject {
                id: ObjectId(id),
                name: Some(name),
                fields,
            });
        }
    }
    out
}

fn fields(v: &Value, path: &Path, sink: &mut Sink) -> Vec<Field> {
    let mut out = Vec::new();
    for (i, f) in list(v, path, "fields", sink).iter().enumerate() {
        let p = path.index(i);
        let Some(m) = object(f, &p, &["key", "stringValue", "refValue"], sink) else {
            continue;
        };
        let key = string(m, "key", &p, sink);
        let value = match (m.get("stringValue"), m.get("refValue")) {
            (Some(_), Some(_)) | (None, None) => {
                sink.error(
                    &p,
                    "a field has exactly one of \"stringValue\" and \"refValue\"",
                );
                None
            }
            (Some(_), None) => string(m, "stringValue", &p, sink).map(FieldValue::String),
            (None, Some(_)) => {
                string(m, "refValue", &p, sink).map(|r| FieldValue::Ref(ObjectId(r)))
            }
        };
        if let (Some(key), Some(value)) = (key, value) {
            out.push(Field { key, value });
        }
    }
    out
}

pub(super) fn parameters(v: &Value, path: &Path, sink: &mut Sink) -> Vec<ParameterObject> {
    let mut out = Vec::new();
    for (i, o) in list(v, path, "parameter objects", sink).iter().enumerate() {
        let p = path.index(i);
        let Some(m) = object(o, &p, &["id", "attributes"], sink) else {
            continue;
        };
        let id = string(m, "id", &p, sink);
        let mut attributes = Vec::new();
        match m.get("attributes") {
            None => sink.error(&p, "Missing required parameter \"attributes\""),
            Some(a) => {
                let ap = p.key("attributes");
                for (j, a) in list(a, &ap, "attributes", sink).iter().enumerate() {
                    let aq = ap.index(j);
                    let Some(am) = object(a, &aq, &["key", "stringValue"], sink) else {
                        continue;
                    };
                    let key = string(am, "key", &aq, sink);
                    let value = string(am, "stringValue", &aq, sink);
                    if let (Some(key), Some(string_value)) = (key, value) {
                        attributes.push(ParameterAttribute { key, string_value });
                    }
                }
            }
        }
        if let Some(id) = id {
            out.push(ParameterObject { id, attributes });
        }
    }
    out
}

pub(super) fn values(v: &Value, path: &Path, sink: &mut Sink) -> Vec<ParameterValue> {
    let mut out = Vec::new();
    for (i, o) in list(v, path, "parameter values", sink).iter().enumerate() {
        let p = path.index(i);
        let Some(m) = object(o, &p, &["id", "stringValue"], sink) else {
            continue;
        };
        let id = string(m, "id", &p, sink);
        let value = string(m, "stringValue", &p, sink);
        if let (Some(id), Some(string_value)) = (id, value) {
            out.push(ParameterValue { id, string_value });
        }
    }
    out
}
