//! [`DefinitionScope`]: names resolved against a definition, as the service
//! does for one object — runtime fields supplied by the caller, parameters
//! (`myX` and `*myX` are one parameter; values, else the `default`
//! attribute), the object's fields with inheritance (own fields, the
//! `parent` chain, then `Default`), references followed by dotted paths,
//! and `node` (the referring object, set by the caller).

use super::{evaluate_text, Scope, Value};
use crate::catalog::{keys, keys::runtime, names};
use crate::definition::{Definition, FieldValue, ObjectId, PipelineObject};
use std::collections::BTreeMap;

/// How many fields-that-are-expressions may be evaluated inside each other
/// (a field `a: "#{a}"` would otherwise never end).
pub const MAX_FIELD_NESTING: usize = 8;

/// Fields whose values are never evaluated (reference §6: fields of type
/// ID, NAME, TYPE and SPHERE; id and name are not fields here).
const NOT_EVALUATED: &[&str] = &[keys::TYPE, runtime::SPHERE];

/// The scope of one object of a definition.
#[derive(Clone, Debug)]
pub struct DefinitionScope<'d> {
    definition: &'d Definition,
    object: ObjectId,
    runtime: BTreeMap<String, Value>,
    node: Option<Box<DefinitionScope<'d>>>,
    nesting: usize,
}

fn bare(name: &str) -> &str {
    name.strip_prefix('*').unwrap_or(name)
}

impl<'d> DefinitionScope<'d> {
    /// The scope of object `object` of `definition`.
    pub fn new(definition: &'d Definition, object: impl Into<ObjectId>) -> Self {
        DefinitionScope {
            definition,
            object: object.into(),
            runtime: BTreeMap::new(),
            node: None,
            nesting: 0,
        }
    }

    /// Add runtime fields (`@scheduledStartTime`, `@pipelineId`, …); they
    /// take precedence over the object's fields.
    pub fn with_runtime(mut self, runtime: BTreeMap<String, Value>) -> Self {
        self.runtime.extend(runtime);
        self
    }

    /// Add one runtime field.
    pub fn with_runtime_field(mut self, name: impl Into<String>, value: Value) -> Self {
        self.runtime.insert(name.into(), value);
        self
    }

    /// Set what `node` means (the object that refers to this one, for
    /// preconditions and actions).
    pub fn with_node(mut self, node: DefinitionScope<'d>) -> Self {
        self.node = Some(Box::new(node));
        self
    }

    pub fn object_id(&self) -> &ObjectId {
        &self.object
    }

    fn scope_of(&self, object: &ObjectId) -> DefinitionScope<'d> {
        DefinitionScope {
            definition: self.definition,
            object: object.clone(),
            runtime: BTreeMap::new(),
            node: None,
            nesting: self.nesting + 1,
        }
    }

    /// The value of parameter `name` (`myX` or `*myX`): its values, else its
    /// declared `default`; typed by the declared `type` (Integer, Double).
    pub fn parameter(&self, name: &str) -> Option<Value> {
        let name = bare(name);
        let declared = self
            .definition
            .parameters
            .iter()
            .find(|p| bare(&p.id) == name);
        let attribute = |key: &str| -> Vec<&'d str> {
            declared.map_or_else(Vec::new, |p| {
                p.attributes
                    .iter()
                    .filter(|a| a.key == key)
                    .map(|a| a.string_value.as_str())
                    .collect()
            })
        };
        let mut values: Vec<&str> = self
            .definition
            .values
            .iter()
            .filter(|v| bare(&v.id) == name)
            .map(|v| v.string_value.as_str())
            .collect();
        if values.is_empty() {
            values = attribute("default");
        }
        let kind = attribute(keys::parameter::TYPE)
            .first()
            .copied()
            .unwrap_or("String");
        let typed = |s: &str| match kind {
            "Integer" => s
                .trim()
                .parse()
                .map_or(Value::Str(s.to_string()), Value::Int),
            "Double" => s
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|d| d.is_finite())
                .map_or(Value::Str(s.to_string()), Value::Double),
            _ => Value::Str(s.to_string()),
        };
        let is_array = attribute("isArray")
            .iter()
            .any(|v| v.eq_ignore_ascii_case("true"));
        match values.as_slice() {
            [] => None,
            [one] if !is_array => Some(typed(one)),
            many => Some(Value::List(many.iter().map(|s| typed(s)).collect())),
        }
    }

    fn object(&self, id: &ObjectId) -> Option<&'d PipelineObject> {
        self.definition.object(id.as_str())
    }

    /// The values of `key` on `object` or the first object it inherits it
    /// from: its `parent` chain, then `Default`.
    fn inherited(&self, object: &'d PipelineObject, key: &str) -> Vec<&'d FieldValue> {
        let mut visited: Vec<&ObjectId> = Vec::new();
        let mut current = Some(object);
        while let Some(o) = current {
            if visited.contains(&&o.id) {
                break;
            }
            visited.push(&o.id);
            let values: Vec<_> = o.values(key).collect();
            if !values.is_empty() {
                return values;
            }
            current = o.first_ref(keys::PARENT).and_then(|p| self.object(p));
        }
        let default = ObjectId::new(names::DEFAULT);
        match self.object(&default) {
            Some(d) if !visited.contains(&&d.id) => d.values(key).collect(),
            _ => Vec::new(),
        }
    }

    fn resolve(&self, path: &[&str]) -> Result<Option<Value>, String> {
        if self.nesting > MAX_FIELD_NESTING {
            return Err(format!(
                "fields refer to each other more than {MAX_FIELD_NESTING} levels deep (a cycle?)"
            ));
        }
        let Some((&head, rest)) = path.split_first() else {
            return Ok(None);
        };
        if head == "node" {
            if let Some(node) = &self.node {
                return match rest {
                    [] => Ok(Some(Value::Str(node.object.to_string()))),
                    _ => node.resolve(rest),
                };
            }
        }
        if let Some(v) = self.runtime.get(head) {
            return match (rest, v) {
                ([], v) => Ok(Some(v.clone())),
                (_, Value::Str(id)) => self.follow(&[FieldValue::Ref(ObjectId::new(id))], rest),
                _ => Ok(None),
            };
        }
        if rest.is_empty() {
            if let Some(v) = self.parameter(head) {
                return Ok(Some(v));
            }
        }
        let Some(object) = self.object(&self.object) else {
            return Ok(None);
        };
        if rest.is_empty() {
            match head {
                runtime::ID | "id" => return Ok(Some(Value::Str(object.id.to_string()))),
                "name" | runtime::NAME => {
                    return Ok(Some(Value::Str(object.display_name().to_string())))
                }
                _ => {}
            }
        }
        let values = self.inherited(object, head);
        if values.is_empty() {
            return Ok(None);
        }
        if rest.is_empty() {
            let mut out = Vec::with_capacity(values.len());
            for v in &values {
                out.push(self.field_value(head, v)?);
            }
            return Ok(Some(single_or_list(out)));
        }
        let owned: Vec<FieldValue> = values.into_iter().cloned().collect();
        self.follow(&owned, rest)
    }

    /// A field's value: a reference gives the target's id; a string with
    /// expressions is evaluated in this object's scope, except in the
    /// fields the service never evaluates (`type`, `@sphere`).
    fn field_value(&self, key: &str, v: &FieldValue) -> Result<Value, String> {
        match v {
            FieldValue::Ref(id) => Ok(Value::Str(id.to_string())),
            FieldValue::String(s) if NOT_EVALUATED.contains(&key) => Ok(Value::Str(s.clone())),
            FieldValue::String(s) => {
                let mut inner = self.clone();
                inner.nesting += 1;
                evaluate_text(s, &inner)
                    .map_err(|e| format!("in field '{key}' of '{}': {}", self.object, e.message))
            }
        }
    }

    /// Continue `rest` on every object the references point to.
    fn follow(&self, refs: &[FieldValue], rest: &[&str]) -> Result<Option<Value>, String> {
        let mut out = Vec::new();
        for r in refs {
            if let FieldValue::Ref(id) = r {
                if let Some(v) = self.scope_of(id).resolve(rest)? {
                    out.push(v);
                }
            }
        }
        Ok(match out.len() {
            0 => None,
            _ => Some(single_or_list(out)),
        })
    }
}

fn single_or_list(mut values: Vec<Value>) -> Value {
    if values.len() == 1 {
        values.remove(0)
    } else {
        Value::List(values)
    }
}

impl Scope for DefinitionScope<'_> {
    fn lookup(&self, path: &[&str]) -> Option<Value> {
        self.resolve(path).ok().flatten()
    }

    fn try_lookup(&self, path: &[&str]) -> Result<Option<Value>, String> {
        self.resolve(path)
    }
}
