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
mod partial;

pub use diagnostic::{Diagnostic, ImportError, Level, Position};
pub use partial::{Change, Partial};

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
    let (value, duplicates) = json::read(text).map_err(|e| ImportError::from_json(&e, text))?;
    import(&value, duplicate_warnings(duplicates))
}

/// JSON text as a value (key order kept), with the importer's syntax
/// errors (1-based line:column of the offending character).
pub fn parse_json(text: &str) -> Result<Value, ImportError> {
    json::read(text)
        .map(|(v, _)| v)
        .map_err(|e| ImportError::from_json(&e, text))
}

/// Import an already-parsed JSON document in either shape.
pub fn parse_value(value: &Value) -> Result<Parsed, ImportError> {
    import(value, Sink::default())
}

fn import(value: &Value, sink: Sink) -> Result<Parsed, ImportError> {
    match read_document(value, sink, false)? {
        Document::Definition(parsed) => Ok(parsed),
        // Not reached: `read_document` without `partial_ok` answers
        // a missing objects part with an error.
        Document::Partial(_) => Err(ImportError::Invalid(vec![Diagnostic::error(
            "",
            MISSING_OBJECTS,
        )])),
    }
}

const MISSING_OBJECTS: &str =
    "Missing \"objects\" key (a CLI definition file has \"objects\", an API document \"pipelineObjects\")";

/// What a file holds: a whole definition, or only parameters and/or
/// values (what `--parameter-objects` and `--parameter-values-uri` take),
/// to apply to a definition one already has.
#[derive(Clone, Debug, PartialEq)]
pub enum Document {
    Definition(Parsed),
    Partial(Partial),
}

/// Import a file that is a definition, a parameter file
/// (`{"parameters": [...]}`) or a values file (`{"values": {...}}`), each
/// part in either shape.
pub fn parse_document(text: &str) -> Result<Document, ImportError> {
    let (value, duplicates) = json::read(text).map_err(|e| ImportError::from_json(&e, text))?;
    read_document(&value, duplicate_warnings(duplicates), true)
}

fn duplicate_warnings(duplicates: Vec<String>) -> Sink {
    let mut sink = Sink::default();
    for path in duplicates {
        sink.diagnostics.push(Diagnostic::warning(
            path,
            "this key appears more than once in its object; the last value is kept (as the AWS CLI does)",
        ));
    }
    sink
}

/// The shape the content of a part is written in, whatever its key says,
/// and a warning naming it when that is not the key's shape.
fn shape_of(part: Part, key: &str, key_shape: Format, v: &Value, sink: &mut Sink) -> Format {
    let Some(found) = api::content_shape(part, v) else {
        return key_shape;
    };
    if found != key_shape {
        let what = match (part, found) {
            (Part::Objects, Format::Api) => "API-shaped objects (id, name, fields)",
            (Part::Objects, Format::Cli) => "CLI-shaped objects (id, name, <key>: value)",
            (Part::Parameters, Format::Api) => {
                "API-shaped parameters (id, attributes of key/stringValue)"
            }
            (Part::Parameters, Format::Cli) => "CLI-shaped parameters (id, <attribute>: value)",
            (Part::Values, Format::Api) => "API-shaped values (a list of id, stringValue)",
            (Part::Values, Format::Cli) => "CLI-shaped values (an object of id: value)",
        };
        let who = match key_shape {
            Format::Cli => "the AWS CLI would not accept this file",
            Format::Api => "the API would not accept this document",
        };
        let shape = match found {
            Format::Api => "API",
            Format::Cli => "CLI",
        };
        sink.warn(
            &Path::root(key),
            format!("{what} under \"{key}\": read as the {shape} shape; {who}"),
        );
    }
    found
}

fn read_document(value: &Value, mut sink: Sink, partial_ok: bool) -> Result<Document, ImportError> {
    let root = Path::Root;
    let Some(top) = value.as_object() else {
        sink.error(&root, "a pipeline definition must be a JSON object");
        return Err(ImportError::Invalid(sink.diagnostics));
    };
    let has_objects = top.contains_key("objects") || top.contains_key("pipelineObjects");
    let has_other_part = top
        .keys()
        .any(|k| matches!(known_key(k), Some((Part::Parameters | Part::Values, _))));
    if !(has_objects || partial_ok && has_other_part) {
        sink.error(&root, MISSING_OBJECTS);
        return Err(ImportError::Invalid(sink.diagnostics));
    }

    let mut definition = Definition::default();
    let mut format = None;
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
            let kept = if has_objects {
                "kept, but not part of the definition"
            } else {
                "ignored"
            };
            sink.warn(&path, format!("unknown top-level key \"{key}\": {kept}"));
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
        let shape = shape_of(part, key, key_shape, v, &mut sink);
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
        if part == Part::Objects {
            format = Some(shape);
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
    let Some(format) = format else {
        let has = |part: Part| seen.iter().any(|(p, _)| *p == part);
        return Ok(Document::Partial(Partial {
            parameters: has(Part::Parameters).then_some(definition.parameters),
            values: has(Part::Values).then_some(definition.values),
            diagnostics: sink.diagnostics,
        }));
    };
    Ok(Document::Definition(Parsed {
        definition,
        format,
        diagnostics: sink.diagnostics,
        layout: Layout {
            format,
            entries,
            one_item_lists: std::mem::take(&mut sink.one_item_lists),
        },
    }))
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
