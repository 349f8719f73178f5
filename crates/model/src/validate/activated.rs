//! What PutPipelineDefinition refuses once a pipeline has been activated:
//! the Developer Guide's "Editing Your Pipeline", Limitations
//! (dp-manage-pipeline-modify-console): after activation you can't remove an
//! object, change the schedule period of an existing object, add, delete or
//! modify reference fields in an existing object, reference an existing
//! object in an output field of a new object, or change the scheduled start
//! date of an object. Everything else (string fields, new objects) may
//! change. The engine refuses such a Put; the editor shows the same list
//! after the Simulator has activated the document. What the service answers
//! is not documented: the project reports each refused edit as a
//! validation error on its object and keeps the running definition
//! (docs/decisions.md).

use super::{Problem, Severity};
use crate::catalog::{keys, names};
use crate::definition::{Definition, FieldValue, PipelineObject};

/// The start of every refused-edit message (the editor groups them by it).
pub const PREFIX: &str = "Not allowed on an activated pipeline:";

fn problem(id: &PipelineObject, field: Option<&str>, what: String) -> Problem {
    Problem {
        severity: Severity::Error,
        object_id: Some(id.id.clone()),
        field: field.map(str::to_string),
        message: format!("{PREFIX} {what}"),
    }
}

/// The references of an object, in order: (key, target).
fn refs(o: &PipelineObject) -> Vec<(&str, &str)> {
    o.fields
        .iter()
        .filter_map(|f| match &f.value {
            FieldValue::Ref(r) => Some((f.key.as_str(), r.as_str())),
            FieldValue::String(_) => None,
        })
        .collect()
}

/// The edits from `active` (the definition the pipeline was activated
/// with) to `new` that the service refuses, one problem each.
pub fn refused_edits(active: &Definition, new: &Definition) -> Vec<Problem> {
    let mut out = Vec::new();
    for old in &active.objects {
        let Some(now) = new.object(old.id.as_str()) else {
            out.push(problem(
                old,
                None,
                format!("object '{}' cannot be removed", old.id.as_str()),
            ));
            continue;
        };
        if old.type_name() == Some(names::SCHEDULE) || now.type_name() == Some(names::SCHEDULE) {
            if old.first_string(keys::PERIOD) != now.first_string(keys::PERIOD) {
                out.push(problem(
                    now,
                    Some(keys::PERIOD),
                    format!("the schedule period of '{}' cannot change", old.id.as_str()),
                ));
            }
            for key in [keys::START_DATE_TIME, keys::START_AT] {
                if old.first_string(key) != now.first_string(key) {
                    out.push(problem(
                        now,
                        Some(key),
                        format!(
                            "the scheduled start of '{}' cannot change (activate with a start date and time instead)",
                            old.id.as_str()
                        ),
                    ));
                }
            }
        }
        let (mut a, mut b) = (refs(old), refs(now));
        a.sort_unstable();
        b.sort_unstable();
        if a != b {
            let key = b
                .iter()
                .find(|r| !a.contains(r))
                .or_else(|| a.iter().find(|r| !b.contains(r)))
                .map(|r| r.0);
            out.push(problem(
                now,
                key,
                format!(
                    "reference fields of '{}' cannot be added, removed or changed",
                    old.id.as_str()
                ),
            ));
        }
    }
    for o in new
        .objects
        .iter()
        .filter(|o| active.object(o.id.as_str()).is_none())
    {
        for (key, target) in refs(o) {
            if key == keys::OUTPUT && active.object(target).is_some() {
                out.push(problem(
                    o,
                    Some(keys::OUTPUT),
                    format!("the new object '{}' cannot name the existing object '{target}' as its output", o.id.as_str()),
                ));
            }
        }
    }
    out
}
