//! The AWS CLI's definition file: `objects: [{id, name?, <key>: value}]`,
//! `parameters: [{id, <attribute>: value}]`, `values: {id: value}`. A value
//! is a string, `{"ref": id}` or a list of these; a list is a repeated key.
//! Numbers and booleans are kept as strings with a warning (the CLI passes
//! them through unconverted and the SDK then rejects them).

use super::api::kind;
use super::diagnostic::{Diagnostic, Path, Sink};
use super::Part;
use crate::definition::{
    Definition, Field, FieldValue, ObjectId, ParameterAttribute, ParameterObject, ParameterValue,
    PipelineObject,
};
use serde_json::{Map, Value};

const NUMBER_WARNING: &str =
    "is not a string: kept as the string shown; quote it, since the AWS CLI passes it through unconverted and the SDK rejects it";

/// A JSON scalar written as a string, with a warning; `None` for other kinds.
fn scalar_string(v: &Value, path: &Path, sink: &mut Sink) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(_) | Value::Bool(_) => {
            let s = v.to_string();
            sink.warn(path, format!("{} {NUMBER_WARNING}: \"{s}\"", kind(v)));
            Some(s)
        }
        _ => None,
    }
}

/// One element of a field value: a string or `{"ref": id}`.
fn field_value(v: &Value, path: &Path, sink: &mut Sink) -> Option<FieldValue> {
    if let Some(s) = scalar_string(v, path, sink) {
        return Some(FieldValue::String(s));
    }
    match v {
        Value::Object(m) if m.len() == 1 && m.contains_key("ref") => match &m["ref"] {
            Value::String(r) => Some(FieldValue::Ref(ObjectId(r.clone()))),
            other => {
                sink.error(
                    &path.key("ref"),
                    format!("a reference's id must be a string, not {}", kind(other)),
                );
                None
            }
        },
        Value::Object(_) => {
            sink.error(
                path,
                "an object value must be a reference {\"ref\": \"<object id>\"} and nothing else",
            );
            None
        }
        Value::Array(_) => {
            sink.error(path, "a list inside a list is not allowed");
            None
        }
        _ => {
            sink.error(path, "null is not a value: remove the key or give a string");
            None
        }
    }
}

/// A key's value, which may be a list (repeated key). Calls `push` per element.
fn each_value<T>(
    v: &Value,
    path: &Path,
    sink: &mut Sink,
    mut one: impl FnMut(&Value, &Path, &mut Sink) -> Option<T>,
    mut push: impl FnMut(T),
) {
    match v {
        Value::Array(list) => {
            if list.is_empty() {
                sink.warn(path, "an empty list gives no value; it is dropped");
            }
            for (i, e) in list.iter().enumerate() {
                if let Some(x) = one(e, &path.index(i), sink) {
                    push(x);
                }
            }
        }
        _ => {
            if let Some(x) = one(v, path, sink) {
                push(x);
            }
        }
    }
}

/// Remember a key written as a one-element list, to write it back so.
fn note_one_item_list(sink: &mut Sink, part: Part, owner: Option<&str>, key: &str, v: &Value) {
    if let (Some(owner), Some([_])) = (owner, v.as_array().map(Vec::as_slice)) {
        sink.one_item_lists
            .insert((part, owner.to_string(), key.to_string()));
    }
}

fn shorten(v: &Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

fn id_of(m: &Map<String, Value>, element: &Value, path: &Path, sink: &mut Sink) -> Option<String> {
    match m.get("id") {
        None => {
            sink.error(
                path,
                format!("Missing \"id\" key of element: {}", shorten(element)),
            );
            None
        }
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            sink.error(
                &path.key("id"),
                format!("an id must be a string, not {}", kind(other)),
            );
            None
        }
    }
}

pub(super) fn objects(v: &Value, path: &Path, sink: &mut Sink) -> Vec<PipelineObject> {
    let Some(list) = v.as_array() else {
        sink.error(path, format!("must be a list of objects, not {}", kind(v)));
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, element) in list.iter().enumerate() {
        let p = path.index(i);
        let Some(m) = element.as_object() else {
            sink.error(
                &p,
                format!("an object must be a JSON object, not {}", kind(element)),
            );
            continue;
        };
        let id = id_of(m, element, &p, sink);
        let name = match m.get("name") {
            None => Some(None),
            Some(Value::String(s)) => Some(Some(s.clone())),
            Some(other) => {
                sink.error(
                    &p.key("name"),
                    format!("a name must be a string, not {}", kind(other)),
                );
                None
            }
        };
        let mut fields = Vec::new();
        for (key, value) in m.iter().filter(|(k, _)| *k != "id" && *k != "name") {
            note_one_item_list(sink, Part::Objects, id.as_deref(), key, value);
            each_value(value, &p.key(key), sink, field_value, |value| {
                fields.push(Field {
                    key: key.clone(),
                    value,
                })
            });
        }
        if let (Some(id), Some(name)) = (id, name) {
            out.push(PipelineObject {
                id: ObjectId(id),
                name,
                fields,
            });
        }
    }
    out
}

fn string_only(v: &Value, path: &Path, sink: &mut Sink) -> Option<String> {
    let s = scalar_string(v, path, sink);
    if s.is_none() {
        sink.error(path, format!("must be a string, not {}", kind(v)));
    }
    s
}

pub(super) fn parameters(v: &Value, path: &Path, sink: &mut Sink) -> Vec<ParameterObject> {
    let Some(list) = v.as_array() else {
        sink.error(
            path,
            format!("must be a list of parameters, not {}", kind(v)),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, element) in list.iter().enumerate() {
        let p = path.index(i);
        let Some(m) = element.as_object() else {
            sink.error(
                &p,
                format!("a parameter must be a JSON object, not {}", kind(element)),
            );
            continue;
        };
        let id = id_of(m, element, &p, sink);
        let mut attributes = Vec::new();
        for (key, value) in m.iter().filter(|(k, _)| *k != "id") {
            note_one_item_list(sink, Part::Parameters, id.as_deref(), key, value);
            each_value(value, &p.key(key), sink, string_only, |string_value| {
                attributes.push(ParameterAttribute {
                    key: key.clone(),
                    string_value,
                })
            });
        }
        if let Some(id) = id {
            out.push(ParameterObject { id, attributes });
        }
    }
    out
}

pub(super) fn values(v: &Value, path: &Path, sink: &mut Sink) -> Vec<ParameterValue> {
    let Some(m) = v.as_object() else {
        sink.error(
            path,
            format!(
                "must be an object {{\"myParameter\": \"value\"}}, not {}",
                kind(v)
            ),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (id, value) in m {
        note_one_item_list(sink, Part::Values, Some(""), id, value);
        each_value(value, &path.key(id), sink, string_only, |string_value| {
            out.push(ParameterValue {
                id: id.clone(),
                string_value,
            })
        });
    }
    out
}

/// Keys whose entries are not adjacent, and keys that clash with `id`/`name`.
fn key_losses<'a>(
    keys: impl Iterator<Item = &'a str>,
    reserved: &[&str],
    path: impl Fn(usize) -> String,
    out: &mut Vec<Diagnostic>,
) {
    let mut seen: Vec<&str> = Vec::new();
    let mut previous: Option<&str> = None;
    for (i, key) in keys.enumerate() {
        if reserved.contains(&key) {
            out.push(Diagnostic::warning(
                path(i),
                format!("\"{key}\" cannot be written as a key in a CLI file; it is left out"),
            ));
        } else if seen.contains(&key) && previous != Some(key) {
            out.push(Diagnostic::warning(
                path(i),
                format!(
                    "the values of \"{key}\" are not adjacent; a CLI file lists them together at the first one's place"
                ),
            ));
        }
        seen.push(key);
        previous = Some(key);
    }
}

pub(super) fn losses(d: &Definition) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, o) in d.objects.iter().enumerate() {
        key_losses(
            o.fields.iter().map(|f| f.key.as_str()),
            &["id", "name"],
            |j| format!("pipelineObjects[{i}].fields[{j}]"),
            &mut out,
        );
    }
    for (i, p) in d.parameters.iter().enumerate() {
        key_losses(
            p.attributes.iter().map(|a| a.key.as_str()),
            &["id"],
            |j| format!("parameterObjects[{i}].attributes[{j}]"),
            &mut out,
        );
    }
    key_losses(
        d.values.iter().map(|v| v.id.as_str()),
        &[],
        |j| format!("parameterValues[{j}]"),
        &mut out,
    );
    out
}
