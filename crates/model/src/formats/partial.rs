//! Stand-alone parameter and value files (`{"parameters": [...]}`,
//! `{"values": {...}}`, in either shape: what the AWS CLI's
//! `--parameter-objects` and `--parameter-values-uri` take), applied to a
//! definition one already has, with what they change spelled out first.
//! Applying is a pure function: the caller makes it one undoable step.

use super::Diagnostic;
use crate::definition::{Definition, ParameterObject, ParameterValue};

/// The parts a file gave (a part it does not have stays `None`).
#[derive(Clone, Debug, PartialEq)]
pub struct Partial {
    pub parameters: Option<Vec<ParameterObject>>,
    pub values: Option<Vec<ParameterValue>>,
    /// Warnings (with an error nothing is read).
    pub diagnostics: Vec<Diagnostic>,
}

/// One change applying a [`Partial`] makes, for the user to see first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    ParameterAdded(String),
    ParameterReplaced(String),
    /// A parameter's values (`None`: had none before).
    ValueSet {
        id: String,
        before: Option<Vec<String>>,
        after: Vec<String>,
    },
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let list = |v: &[String]| {
            v.iter()
                .map(|s| format!("\"{s}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            Change::ParameterAdded(id) => write!(f, "parameter {id}: added"),
            Change::ParameterReplaced(id) => write!(f, "parameter {id}: attributes replaced"),
            Change::ValueSet {
                id,
                before: None,
                after,
            } => write!(f, "value of {id}: set to {}", list(after)),
            Change::ValueSet {
                id,
                before: Some(before),
                after,
            } => write!(f, "value of {id}: {} → {}", list(before), list(after)),
        }
    }
}

impl Partial {
    /// `definition` with this file applied, and what changed (nothing
    /// listed for what is already so). A parameter replaces the one with
    /// its id, in its place, or is added at the end; the values of an id
    /// replace all of that id's values (a repeated id is a list), at the
    /// place of its first, or are added at the end.
    pub fn apply(&self, definition: &Definition) -> (Definition, Vec<Change>) {
        let mut d = definition.clone();
        let mut changes = Vec::new();
        for p in self.parameters.iter().flatten() {
            match d.parameters.iter_mut().find(|q| q.id == p.id) {
                Some(q) if q == p => {}
                Some(q) => {
                    *q = p.clone();
                    changes.push(Change::ParameterReplaced(p.id.clone()));
                }
                None => {
                    d.parameters.push(p.clone());
                    changes.push(Change::ParameterAdded(p.id.clone()));
                }
            }
        }
        let mut ids: Vec<&str> = Vec::new();
        for v in self.values.iter().flatten() {
            if !ids.contains(&v.id.as_str()) {
                ids.push(&v.id);
            }
        }
        for id in ids {
            let after: Vec<String> = self
                .values
                .iter()
                .flatten()
                .filter(|v| v.id == id)
                .map(|v| v.string_value.clone())
                .collect();
            let before: Vec<String> = d
                .values
                .iter()
                .filter(|v| v.id == id)
                .map(|v| v.string_value.clone())
                .collect();
            if before == after {
                continue;
            }
            let at = d
                .values
                .iter()
                .position(|v| v.id == id)
                .unwrap_or(d.values.len());
            d.values.retain(|v| v.id != id);
            let new = after.iter().map(|s| ParameterValue {
                id: id.to_string(),
                string_value: s.clone(),
            });
            d.values
                .splice(at.min(d.values.len())..at.min(d.values.len()), new);
            changes.push(Change::ValueSet {
                id: id.to_string(),
                before: (!before.is_empty()).then_some(before),
                after,
            });
        }
        (d, changes)
    }
}
