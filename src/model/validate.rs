//! The service's validation: fatal problems (PutPipelineDefinition fails
//! with InvalidRequestException), stored errors (`errored: true`) and
//! warnings, per object and field, in the service's words where known.

use super::definition::{Definition, ObjectId};
use serde_json::{json, Value};

/// How bad a problem is, in the service's terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The definition is not saved (InvalidRequestException).
    Fatal,
    /// Saved with `errored: true`; activation fails.
    Error,
    /// Reported in `validationWarnings`; does not block activation.
    Warning,
}

/// One validation message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// The object it concerns (`None` for definition-wide problems).
    pub object_id: Option<ObjectId>,
    /// The field key it concerns, for the editor.
    pub field: Option<String>,
    pub message: String,
}

/// All problems of a definition.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub problems: Vec<Problem>,
}

impl Report {
    pub fn has_fatal(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Fatal)
    }
    /// `errored` as the service reports it.
    pub fn errored(&self) -> bool {
        self.problems.iter().any(|p| p.severity <= Severity::Error)
    }
    /// The PutPipelineDefinition / ValidatePipelineDefinition response body
    /// (`errored`, `validationErrors`, `validationWarnings`).
    pub fn to_service_json(&self) -> Value {
        let group = |sev: &dyn Fn(Severity) -> bool, key: &str| -> Vec<Value> {
            let mut out: Vec<(String, Vec<String>)> = Vec::new();
            for p in self.problems.iter().filter(|p| sev(p.severity)) {
                let id = p
                    .object_id
                    .as_ref()
                    .map(|i| i.0.clone())
                    .unwrap_or_default();
                match out.iter_mut().find(|(i, _)| *i == id) {
                    Some((_, msgs)) => msgs.push(p.message.clone()),
                    None => out.push((id, vec![p.message.clone()])),
                }
            }
            out.into_iter()
                .map(|(id, msgs)| json!({"id": id, key: msgs}))
                .collect()
        };
        let errors = group(&|s| s <= Severity::Error, "errors");
        let warnings = group(&|s| s == Severity::Warning, "warnings");
        let mut body = json!({"errored": self.errored()});
        if !errors.is_empty() {
            body["validationErrors"] = Value::Array(errors);
        }
        if !warnings.is_empty() {
            body["validationWarnings"] = Value::Array(warnings);
        }
        body
    }
}

/// Validate a definition as the service does.
pub fn validate(_def: &Definition) -> Report {
    // Filled in by the model::validate work.
    Report::default()
}
