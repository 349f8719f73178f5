//! Checks of an object's own fields against the catalog: the `type`, each
//! value's kind (Integer, Period, DateTime, enumeration…; values holding a
//! `#{…}` expression are left to run time), references (the target exists
//! and has an allowed type), value counts, and unknown keys (a warning
//! unless the key is user-defined, §10).

use super::messages as msg;
use super::resolve::Doc;
use super::{Problem, Severity};
use crate::catalog::{self, keys, FieldInfo, Kind, TypeInfo};
use crate::definition::{FieldValue, ObjectId};
use crate::time::{parse_datetime, Period};

struct Out<'p> {
    id: Option<ObjectId>,
    problems: &'p mut Vec<Problem>,
}

impl Out<'_> {
    fn push(&mut self, severity: Severity, key: &str, message: String) {
        self.problems.push(Problem {
            severity,
            object_id: self.id.clone(),
            field: Some(key.to_string()),
            message,
        });
    }
    fn error(&mut self, key: &str, message: String) {
        self.push(Severity::Error, key, message);
    }
}

/// The catalog's entry for `key` on an object of type `t` (any type's
/// field when the type is unknown).
fn lookup(t: Option<&'static TypeInfo>, key: &str) -> Option<&'static FieldInfo> {
    match t {
        Some(t) => t.field(key),
        None => catalog::any_field(key),
    }
}

pub(super) fn check(doc: &Doc, i: usize, problems: &mut Vec<Problem>) {
    let o = doc.object(i);
    let id = (!o.id.as_str().is_empty()).then(|| o.id.clone());
    let mut out = Out { id, problems };
    let t = doc.type_info(i);
    let mut seen: Vec<(&str, usize)> = Vec::new();
    for f in &o.fields {
        match seen.iter_mut().find(|(k, _)| *k == f.key) {
            Some((_, n)) => {
                *n += 1;
                check_value(doc, t, &f.key, &f.value, &mut out, false);
            }
            None => {
                seen.push((&f.key, 1));
                check_value(doc, t, &f.key, &f.value, &mut out, true);
            }
        }
    }
    for (key, n) in seen {
        let Some(info) = lookup(t, key) else { continue };
        if !info.multi && n > 1 {
            out.error(key, msg::single_valued(key, n));
        } else if let Some(max) = info.max_values {
            if n > usize::from(max) {
                out.error(key, msg::too_many_values(key, n, max));
            }
        }
    }
}

fn check_value(
    doc: &Doc,
    t: Option<&'static TypeInfo>,
    key: &str,
    value: &FieldValue,
    out: &mut Out,
    first_of_key: bool,
) {
    if key.is_empty() || value.as_str().is_empty() {
        return; // fatal already
    }
    if key == keys::TYPE {
        if let FieldValue::String(s) = value {
            if catalog::type_info(s).is_none_or(|t| t.open) {
                out.error(key, msg::unknown_type(s));
            }
            return;
        }
    }
    let Some(info) = lookup(t, key) else {
        if !catalog::is_user_field(key) && first_of_key {
            let shown = t.filter(|t| !t.open).map(|t| t.name);
            out.push(Severity::Warning, key, msg::unknown_field(key, shown));
        }
        // Of an unknown or user-defined field only references are checked.
        if let FieldValue::Ref(target) = value {
            if doc.position(target.as_str()).is_none() {
                out.error(key, msg::missing_object(key, target.as_str()));
            }
        }
        return;
    };
    match (info.kind, value) {
        (Kind::Reference(allowed), FieldValue::Ref(target)) => {
            let Some(ti) = doc.position(target.as_str()) else {
                out.error(key, msg::missing_object(key, target.as_str()));
                return;
            };
            // A target of unknown type (a template, or a bad `type`, which
            // is reported on it) is not checked further.
            if let Some(tt) = doc.type_info(ti).filter(|t| !t.open) {
                if !allowed.iter().any(|a| a.accepts_info(tt)) {
                    out.error(
                        key,
                        msg::wrong_target(key, target.as_str(), tt.name, allowed),
                    );
                }
            }
        }
        (Kind::Reference(_), FieldValue::String(_)) => out.error(key, msg::not_a_reference(key)),
        (_, FieldValue::Ref(_)) => out.error(key, msg::not_a_string(key)),
        (kind, FieldValue::String(s)) => {
            if let Some(m) = check_literal(info, kind, s) {
                out.error(key, m);
            }
        }
    }
}

/// The problem with a literal string value of `info`'s kind, if any.
/// Values holding `#{…}` are evaluated at run time and not checked here.
pub(super) fn check_literal(info: &FieldInfo, kind: Kind, s: &str) -> Option<String> {
    let key = info.key;
    if matches!(kind, Kind::String | Kind::Expression | Kind::Reference(_))
        || s.contains("#{")
        || info.also_accepts.iter().any(|a| a.eq_ignore_ascii_case(s))
    {
        return None;
    }
    match kind {
        Kind::String | Kind::Expression | Kind::Reference(_) => None,
        Kind::Integer => match s.trim().parse::<i64>() {
            Ok(n) => check_range(info, n, |b| b.to_string()),
            Err(_) => Some(msg::not_an_integer(key)),
        },
        Kind::Double => match s.trim().parse::<f64>() {
            Ok(x) if x.is_finite() => None,
            _ => Some(msg::not_a_double(key)),
        },
        Kind::Boolean => {
            let ok = s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false");
            (!ok).then(|| msg::not_a_boolean(key))
        }
        Kind::Period => match Period::parse(s) {
            Some(p) => {
                let secs = i64::try_from(p.approx_seconds()).unwrap_or(i64::MAX);
                check_range(info, secs, msg::describe_seconds)
            }
            None => Some(msg::not_a_period(key)),
        },
        Kind::DateTime => parse_datetime(s)
            .is_none()
            .then(|| msg::not_a_datetime(key)),
        Kind::Enum(values) => {
            let ok = values.iter().any(|v| v.eq_ignore_ascii_case(s));
            (!ok).then(|| msg::not_in_enum(key, values))
        }
    }
}

fn check_range(info: &FieldInfo, n: i64, show: impl Fn(i64) -> String) -> Option<String> {
    if let Some(min) = info.min.filter(|&m| n < m) {
        return Some(msg::below_min(info.key, &show(min)));
    }
    if let Some(max) = info.max.filter(|&m| n > m) {
        return Some(msg::above_max(info.key, &show(max)));
    }
    None
}
