//! Parameters (reference §2.5, §10): ids must start with `my` (or `*my`);
//! attributes and values must fit the declared type; a declared parameter
//! with no value, no default and not optional is a warning; a `#{myX}` that
//! is neither a parameter, a parameter value nor a field of the object is
//! an error on the object and field that use it.

use super::limits::Limits;
use super::messages as msg;
use super::resolve::Doc;
use super::{Problem, Severity};
use crate::definition::{FieldValue, ObjectId, ParameterObject};
use crate::expr;

use crate::catalog::keys::parameter::{
    ALLOWED_VALUES, DEFAULT, ID_PREFIX, IS_ARRAY, OPTIONAL, TYPE, TYPES,
};

const BOOLEANS: &[&str] = &["true", "false"];

/// `*myX` and `myX` name the same parameter (§10).
fn normalize(id: &str) -> &str {
    id.strip_prefix('*').unwrap_or(id)
}

fn is_parameter_name(id: &str) -> bool {
    normalize(id).starts_with(ID_PREFIX)
}

/// The names a text's `#{…}` expressions refer to: the first segment of
/// each reference path (`myX` for `#{myX}`, `input` for
/// `#{input.directoryPath}`, `@scheduledStartTime` for
/// `#{format(@scheduledStartTime,'YYYY')}`), from `model::expr`'s parser.
/// A text whose expressions do not parse refers to nothing (the syntax
/// error is reported on its own by [`expression_error`]).
pub fn expression_identifiers(text: &str) -> Vec<String> {
    expr::parse_template(text)
        .map(|t| {
            t.referenced_names()
                .iter()
                .map(|n| n.head().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// The syntax error of a text's `#{…}` expressions, if any.
fn expression_error(text: &str) -> Option<expr::ExprError> {
    expr::parse_template(text).err()
}

fn attr<'a>(p: &'a ParameterObject, key: &str) -> impl Iterator<Item = &'a str> + use<'a> {
    let key = key.to_string();
    p.attributes
        .iter()
        .filter(move |a| a.key == key)
        .map(|a| a.string_value.as_str())
}

pub(super) fn check(doc: &Doc, limits: &Limits, out: &mut Vec<Problem>) {
    let def = doc.def;
    if def.parameters.len() > limits.max_parameters {
        let m = msg::too_many_parameters(def.parameters.len(), limits.max_parameters);
        // Reported on the first parameter over the limit: a validation
        // error's `id` has at least one character (service model,
        // ValidationError.id), so a definition-wide problem names the
        // object it is about (issue 18 item 7).
        let over = &def.parameters[limits.max_parameters];
        out.push(Problem {
            severity: Severity::Error,
            object_id: (!over.id.is_empty()).then(|| ObjectId::new(over.id.as_str())),
            field: None,
            message: m,
        });
    }
    for p in def.parameters.iter().filter(|p| !p.id.is_empty()) {
        check_parameter(doc, p, out);
    }
    check_uses(doc, out);
}

fn check_parameter(doc: &Doc, p: &ParameterObject, out: &mut Vec<Problem>) {
    let mut push = |severity, field: Option<&str>, message| {
        out.push(Problem {
            severity,
            object_id: Some(ObjectId::new(p.id.as_str())),
            field: field.map(str::to_string),
            message,
        })
    };
    if !is_parameter_name(&p.id) {
        push(Severity::Error, None, msg::bad_parameter_id(&p.id));
    }
    let one_of = |v: &str, allowed: &[&str]| allowed.iter().any(|a| a.eq_ignore_ascii_case(v));
    let ty = attr(p, TYPE).next().unwrap_or(TYPES[0]);
    for (key, allowed) in [(TYPE, TYPES), (OPTIONAL, BOOLEANS), (IS_ARRAY, BOOLEANS)] {
        if attr(p, key).any(|v| !one_of(v, allowed)) {
            push(
                Severity::Error,
                Some(key),
                msg::bad_parameter_attribute(&p.id, key, allowed),
            );
        }
    }
    let allowed: Vec<&str> = attr(p, ALLOWED_VALUES).collect();
    let name = normalize(&p.id);
    let values = doc.def.values.iter().filter(|v| normalize(&v.id) == name);
    let mut any_value = false;
    for v in values {
        any_value = true;
        let s = v.string_value.as_str();
        let expected = if ty.eq_ignore_ascii_case("Integer") && s.trim().parse::<i64>().is_err() {
            Some("an integer".to_string())
        } else if ty.eq_ignore_ascii_case("Double") && s.trim().parse::<f64>().is_err() {
            Some("a number".to_string())
        } else if !allowed.is_empty() && !allowed.contains(&s) {
            Some(format!("one of: {}", allowed.join(", ")))
        } else {
            None
        };
        if let Some(e) = expected {
            push(
                Severity::Error,
                None,
                msg::bad_parameter_value(&p.id, s, &e),
            );
        }
    }
    let optional = attr(p, OPTIONAL).any(|v| v.eq_ignore_ascii_case("true"));
    if !any_value && attr(p, DEFAULT).next().is_none() && !optional {
        push(Severity::Warning, None, msg::parameter_without_value(&p.id));
    }
}

/// Every `#{myX}` in an object's own string values must name a parameter
/// object, a parameter value or a field the object has (with inheritance).
fn check_uses(doc: &Doc, out: &mut Vec<Problem>) {
    let def = doc.def;
    let declared = |name: &str| {
        def.parameters.iter().any(|p| normalize(&p.id) == name)
            || def.values.iter().any(|v| normalize(&v.id) == name)
    };
    for (i, o) in def.objects.iter().enumerate() {
        let mut reported: Vec<(&str, String)> = Vec::new();
        for f in &o.fields {
            let FieldValue::String(s) = &f.value else {
                continue;
            };
            if !s.contains("#{") {
                continue;
            }
            if let Some(e) = expression_error(s) {
                out.push(Problem {
                    severity: Severity::Error,
                    object_id: (!o.id.as_str().is_empty()).then(|| o.id.clone()),
                    field: Some(f.key.clone()),
                    message: msg::invalid_expression(&f.key, e.position, &e.message),
                });
                continue;
            }
            for ident in expression_identifiers(s) {
                let name = normalize(&ident);
                if !is_parameter_name(name)
                    || reported.iter().any(|(k, n)| *k == f.key && n == name)
                {
                    continue;
                }
                let starred = format!("*{name}");
                if declared(name) || doc.has(i, name) || doc.has(i, &starred) {
                    continue;
                }
                reported.push((&f.key, name.to_string()));
                out.push(Problem {
                    severity: Severity::Error,
                    object_id: (!o.id.as_str().is_empty()).then(|| o.id.clone()),
                    field: Some(f.key.clone()),
                    message: msg::undefined_parameter(&f.key, &ident),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_reference_heads_and_skips_functions_and_strings() {
        assert_eq!(expression_identifiers("#{myX}/#{*myY}"), ["myX", "*myY"]);
        assert_eq!(
            expression_identifiers("#{format(@scheduledStartTime,'myNot')}"),
            ["@scheduledStartTime"]
        );
        assert_eq!(expression_identifiers("#{input.directoryPath}"), ["input"]);
        assert_eq!(
            expression_identifiers("#{@scheduledStartTime.format('YYYY')} #{day(myD) + 1}"),
            ["@scheduledStartTime", "myD"]
        );
        assert_eq!(
            expression_identifiers("no expression {myX}"),
            Vec::<String>::new()
        );
        assert_eq!(
            expression_identifiers("#{unterminated myX"),
            Vec::<String>::new()
        );
        assert!(expression_error("#{unterminated myX").is_some());
        assert!(expression_error("#{myX}").is_none());
        assert_eq!(expression_identifiers("#{'}' + myA}"), ["myA"]);
    }

    #[test]
    fn an_expression_that_does_not_parse_is_an_error_on_its_field() {
        use crate::{Definition, Field, PipelineObject};
        let mut o = PipelineObject::new("A", "A");
        o.fields
            .push(Field::string("myNote", "#{format(@scheduledStartTime"));
        let def = Definition {
            objects: vec![o],
            ..Definition::default()
        };
        let report = crate::validate::validate(&def);
        let p = report
            .problems
            .iter()
            .find(|p| p.field.as_deref() == Some("myNote"))
            .expect("a problem on myNote");
        assert_eq!(p.severity, Severity::Error);
        assert!(p.message.contains("does not parse"), "{}", p.message);
    }
}
