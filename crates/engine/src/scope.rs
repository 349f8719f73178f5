//! The expression scope of a runtime object: its fields (with inheritance
//! through `parent` and Default, for components as for instances, and
//! runtime `@` fields), references followed by dotted paths, and the
//! pipeline's parameters (`myX`, `*myX`).

use super::actions::shapes::WireField;
use super::objects::ObjRef;
use super::Service;
use crate::ix::PipelineIx;
use model::expr::{Scope, Value};
use model::time::parse_datetime;

/// Names resolve against object `obj` of pipeline `p`.
pub struct ObjectScope<'a> {
    pub service: &'a Service,
    pub p: PipelineIx,
    pub obj: ObjRef,
}

fn to_value(s: &str) -> Value {
    match parse_datetime(s) {
        Some(t) => Value::DateTime(t),
        None => Value::Str(s.to_string()),
    }
}

impl Scope for ObjectScope<'_> {
    fn lookup(&self, path: &[&str]) -> Option<Value> {
        let (first, rest) = path.split_first()?;
        let mut view = self.service.object_view(self.p, self.obj);
        if let ObjRef::Component(c) = self.obj {
            // A component's own fields first, then what it inherits through
            // `parent` and Default, as its instances see them (issue 18 item 5).
            let comp = &self.service.pipelines[self.p].components[c];
            if !view.fields.iter().any(|f| f.key == *first) {
                view.fields.extend(
                    comp.fields
                        .iter()
                        .filter(|f| f.key == *first)
                        .map(WireField::from_model),
                );
            }
        }
        let values: Vec<_> = view.fields.iter().filter(|f| f.key == *first).collect();
        if values.is_empty() {
            return if rest.is_empty() {
                self.parameter(first)
            } else {
                None
            };
        }
        if rest.is_empty() {
            let vals: Vec<Value> = values
                .iter()
                .map(|f| match (&f.string_value, &f.ref_value) {
                    (Some(s), _) => to_value(s),
                    (_, Some(r)) => Value::Str(r.clone()),
                    _ => Value::Str(String::new()),
                })
                .collect();
            return if vals.len() == 1 {
                vals.into_iter().next()
            } else {
                Some(Value::List(vals))
            };
        }
        let target = values[0].ref_value.as_deref()?;
        let obj = self.service.find_object(self.p, target)?;
        ObjectScope {
            service: self.service,
            p: self.p,
            obj,
        }
        .lookup(rest)
    }
}

impl ObjectScope<'_> {
    fn parameter(&self, name: &str) -> Option<Value> {
        let pl = &self.service.pipelines[self.p];
        let def = pl.active.as_ref().or(pl.latest.as_ref())?;
        let bare = name.trim_start_matches('*');
        let same = |id: &str| id.trim_start_matches('*') == bare;
        let vals: Vec<Value> = def
            .values
            .iter()
            .filter(|v| same(&v.id))
            .map(|v| Value::Str(v.string_value.clone()))
            .collect();
        match vals.len() {
            0 => def
                .parameters
                .iter()
                .find(|p| same(&p.id))
                .and_then(|p| p.attributes.iter().find(|a| a.key == "default"))
                .map(|a| Value::Str(a.string_value.clone())),
            1 => vals.into_iter().next(),
            _ => Some(Value::List(vals)),
        }
    }
}
