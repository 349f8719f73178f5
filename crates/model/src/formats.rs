//! The two JSON shapes of a definition: the API shape (pipelineObjects,
//! parameterObjects, parameterValues; also a PutPipelineDefinition request
//! body or a GetPipelineDefinition response) and the CLI definition file
//! (objects, parameters, values). Import auto-detects the shape, never panics
//! and never half-loads; emission is pretty JSON (2-space indent) and
//! lossless: a parsed document emitted with its [`Layout`] gives back the
//! same JSON (object order, field order, repeated keys, unknown types and
//! fields, parameters, one-element lists, unknown top-level keys), with `id`
//! and `name` first in each CLI object. What is *not* kept, each with a
//! warning diagnostic: a number or boolean in a CLI file (kept as a string),
//! an empty CLI list (gives no field), a key repeated inside one JSON object
//! (the last value wins, as in the AWS CLI). The [`Layout`] lives in
//! [`Parsed`], not in the `Definition`: keep it beside the definition to
//! write the file back the way it came; without it, [`Layout::plain`] is used.
//!
//! Reference §7: a CLI object's keys other than `id` and `name` become
//! fields in the file's order (the AWS CLI itself sorts them by key); a
//! list gives repeated fields; `{"ref": …}` is a reference; `name`
//! defaults to the id. Going the other way, repeated keys fold into a list
//! at the place of the key's first value ([`cli_losses`] says when that
//! reorders fields).

mod api;
mod cli;
mod diagnostic;
mod emit;
mod json;

pub use diagnostic::{Diagnostic, ImportError, Level, Position};

use super::definition::Definition;
use diagnostic::{Path, Sink};
use serde_json::Value;
use std::collections::BTreeSet;

/// The two document shapes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// `pipelineObjects` / `parameterObjects` / `parameterValues`, as the API takes them.
    Api,
    /// `objects` / `parameters` / `values`, the AWS CLI's definition file.
    Cli,
}

/// A part of a definition document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    Objects,
    Parameters,
    Values,
}

/// One top-level entry of a document, in source order.
#[derive(Clone, Debug, PartialEq)]
pub enum TopEntry {
    /// A part of the definition under `key`, written in `shape`.
    Part {
        part: Part,
        key: String,
        shape: Format,
    },
    /// `pipelineId` (PutPipelineDefinition request bodies).
    PipelineId(String),
    /// A key neither shape knows; kept so it is written back unchanged.
    Other { key: String, value: Value },
}

/// How a document was laid out, so it can be written back the same way.
/// Parts listed here are written even when empty; parts not listed are
/// appended (in the layout's format) when they have content.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub format: Format,
    pub entries: Vec<TopEntry>,
    /// CLI keys that the source wrote as a one-element list, so that they
    /// are written back as lists: (part, owner id, key). The owner is the
    /// object or parameter id; for `values` it is empty and the key is the
    /// parameter id. Keyed by id, so a hint survives other edits.
    pub one_item_lists: BTreeSet<(Part, String, String)>,
}

impl Layout {
    /// The plain layout of a format: the objects part, then parameters and
    /// values only if there are any.
    pub fn plain(format: Format) -> Self {
        Layout {
            format,
            entries: vec![TopEntry::Part {
                part: Part::Objects,
                key: part_key(Part::Objects, format).to_string(),
                shape: format,
            }],
            one_item_lists: BTreeSet::new(),
        }
    }
    /// The `pipelineId` this document carried, if any.
    pub fn pipeline_id(&self) -> Option<&str> {
        self.entries.iter().find_map(|e| match e {
            TopEntry::PipelineId(id) => Some(id.as_str()),
            _ => None,
        })
    }
}

/// A successfully imported document.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub definition: Definition,
    pub format: Format,
    /// Warnings (never errors: with an error nothing is imported).
    pub diagnostics: Vec<Diagnostic>,
    pub layout: Layout,
}

/// The standard key of a part in a format.
pub fn part_key(part: Part, format: Format) -> &'static str {
    match (part, format) {
        (Part::Objects, Format::Api) => "pipelineObjects",
        (Part::Parameters, Format::Api) => "parameterObjects",
        (Part::Values, Format::Api) => "parameterValues",
        (Part::Objects, Format::Cli) => "objects",
        (Part::Parameters, Format::Cli) => "parameters",
        (Part::Values, Format::Cli) => "values",
    }
}

fn known_key(key: &str) -> Option<(Part, Format)> {
    [Part::Objects, Part::Parameters, Part::Values]
        .into_iter()
        .flat_map(|p| [(p, Format::Api), (p, Format::Cli)])
        .find(|&(p, f)| part_key(p, f) == key)
}

/// Import a document in either shape (auto-detected).
/// A key given twice in one JSON object is a warning: the last value is
/// kept, at the first key's place, as the AWS CLI does.
pub fn parse(text: &str) -> Result<Parsed, ImportError> {
    let (value, duplicates) = json::read(text).map_err(|e| ImportError::from_json(&e))?;
    let mut sink = Sink::default();
    for path in duplicates {
        sink.diagnostics.push(Diagnostic::warning(
            path,
            "this key appears more than once in its object; the last value is kept (as the AWS CLI does)",
        ));
    }
    import(&value, sink)
}

/// Import an already-parsed JSON document in either shape.
pub fn parse_value(value: &Value) -> Result<Parsed, ImportError> {
    import(value, Sink::default())
}

fn import(value: &Value, mut sink: Sink) -> Result<Parsed, ImportError> {
    let root = Path::Root;
    let Some(top) = value.as_object() else {
        sink.error(&root, "a pipeline definition must be a JSON object");
        return Err(ImportError::Invalid(sink.diagnostics));
    };
    let has_objects = top.contains_key("objects") || top.contains_key("pipelineObjects");
    if !has_objects {
        sink.error(
            &root,
            "Missing \"objects\" key (a CLI definition file has \"objects\", an API document \"pipelineObjects\")",
        );
        return Err(ImportError::Invalid(sink.diagnostics));
    }
    let format = match top.get("objects") {
        Some(v) if api::looks_like_api_objects(v) => {
            sink.warn(
                &Path::root("objects"),
                "API-shaped objects (id, name, fields) under \"objects\": read as the API shape; the AWS CLI would not accept this file",
            );
            Format::Api
        }
        Some(_) => Format::Cli,
        None => Format::Api,
    };

    let mut definition = Definition::default();
    let mut entries = Vec::new();
    let mut seen: Vec<(Part, &str)> = Vec::new();
    for (key, v) in top {
        let path = Path::root(key);
        if key == "pipelineId" {
            match v.as_str() {
                Some(id) => entries.push(TopEntry::PipelineId(id.to_string())),
                None => sink.error(&path, "pipelineId must be a string"),
            }
            continue;
        }
        let Some((part, key_shape)) = known_key(key) else {
            sink.warn(
                &path,
                format!("unknown top-level key \"{key}\": kept, but not part of the definition"),
            );
            entries.push(TopEntry::Other {
                key: key.clone(),
                value: v.clone(),
            });
            continue;
        };
        if let Some((_, other)) = seen.iter().find(|(p, _)| *p == part) {
            sink.error(
                &path,
                format!("both \"{other}\" and \"{key}\" are given; use one"),
            );
            continue;
        }
        seen.push((part, key.as_str()));
        let shape = if part == Part::Objects {
            format
        } else {
            key_shape
        };
        match (part, shape) {
            (Part::Objects, Format::Api) => definition.objects = api::objects(v, &path, &mut sink),
            (Part::Objects, Format::Cli) => definition.objects = cli::objects(v, &path, &mut sink),
            (Part::Parameters, Format::Api) => {
                definition.parameters = api::parameters(v, &path, &mut sink)
            }
            (Part::Parameters, Format::Cli) => {
                definition.parameters = cli::parameters(v, &path, &mut sink)
            }
            (Part::Values, Format::Api) => definition.values = api::values(v, &path, &mut sink),
            (Part::Values, Format::Cli) => definition.values = cli::values(v, &path, &mut sink),
        }
        entries.push(TopEntry::Part {
            part,
            key: key.clone(),
            shape,
        });
    }
    if sink.has_errors() {
        let mut all = sink.diagnostics;
        all.sort_by_key(|d| d.level);
        return Err(ImportError::Invalid(all));
    }
    Ok(Parsed {
        definition,
        format,
        diagnostics: sink.diagnostics,
        layout: Layout {
            format,
            entries,
            one_item_lists: std::mem::take(&mut sink.one_item_lists),
        },
    })
}

/// The document for `definition` laid out as `layout` says.
pub fn to_value(definition: &Definition, layout: &Layout) -> Value {
    // Cannot fail: every map key is a string and no value is a float.
    serde_json::to_value(emit::Doc {
        def: definition,
        layout,
    })
    .unwrap_or(Value::Null)
}

/// The API shape as a JSON value.
pub fn to_api_value(definition: &Definition) -> Value {
    to_value(definition, &Layout::plain(Format::Api))
}

/// The CLI definition-file shape as a JSON value.
pub fn to_cli_value(definition: &Definition) -> Value {
    to_value(definition, &Layout::plain(Format::Cli))
}

/// A PutPipelineDefinition request body.
pub fn put_request_value(definition: &Definition, pipeline_id: &str) -> Value {
    to_value(definition, &put_request_layout(pipeline_id))
}

fn put_request_layout(pipeline_id: &str) -> Layout {
    let mut layout = Layout::plain(Format::Api);
    layout
        .entries
        .insert(0, TopEntry::PipelineId(pipeline_id.to_string()));
    layout
}

/// Pretty JSON (2-space indent) of a value.
pub fn pretty(value: &Value) -> String {
    // Serialising a serde_json::Value to a String cannot fail (string keys, no I/O).
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// Emit `definition` in a format (plain layout), as pretty JSON.
pub fn emit(definition: &Definition, format: Format) -> String {
    emit_with(definition, &Layout::plain(format))
}

/// Emit `definition` the way a parsed document was laid out.
pub fn emit_with(definition: &Definition, layout: &Layout) -> String {
    // Cannot fail, as for `to_value`.
    serde_json::to_string_pretty(&emit::Doc {
        def: definition,
        layout,
    })
    .unwrap_or_default()
}

/// Emit the API shape.
pub fn emit_api(definition: &Definition) -> String {
    emit(definition, Format::Api)
}

/// Emit the CLI definition-file shape.
pub fn emit_cli(definition: &Definition) -> String {
    emit(definition, Format::Cli)
}

/// Emit a PutPipelineDefinition request body.
pub fn emit_put_request(definition: &Definition, pipeline_id: &str) -> String {
    emit_with(definition, &put_request_layout(pipeline_id))
}

/// The definition as `aws datapipeline put-pipeline-definition` sends a
/// CLI file of it to the service (reference §7): each object's fields
/// stably sorted by key, and each parameter's attributes too. Rust's `str`
/// order (UTF-8 bytes) is Python's (code points).
pub fn sorted_like_cli(definition: &Definition) -> Definition {
    let mut d = definition.clone();
    for o in &mut d.objects {
        o.fields.sort_by(|a, b| a.key.cmp(&b.key));
    }
    for p in &mut d.parameters {
        p.attributes.sort_by(|a, b| a.key.cmp(&b.key));
    }
    d
}

/// What writing `definition` as a CLI file would not keep: a repeated key
/// whose values are not adjacent (they fold into one list at the first
/// value's place), a field named `id` or `name`, and the same for parameter
/// attributes and values. Each is a warning with the path the API shape
/// would give.
pub fn cli_losses(definition: &Definition) -> Vec<Diagnostic> {
    cli::losses(definition)
}

#[cfg(test)]
mod tests;
