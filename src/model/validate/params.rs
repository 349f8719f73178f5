//! Parameters (reference §2.5, §10): ids must start with `my` (or `*my`);
//! attributes and values must fit the declared type; a declared parameter
//! with no value, no default and not optional is a warning; a `#{myX}` that
//! is neither a parameter, a parameter value nor a field of the object is
//! an error on the object and field that use it.

use super::limits::Limits;
use super::messages as msg;
use super::resolve::Doc;
use super::{Problem, Severity};
use crate::model::definition::{FieldValue, ObjectId, ParameterObject};

use crate::model::catalog::keys::parameter::{
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
/// `#{format(@scheduledStartTime,'YYYY')}`), skipping function names and
/// quoted strings. A stand-in until `model::expr` parses expressions fully;
/// validation calls only this function, so it can be swapped in one place.
pub fn expression_identifiers(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("#{") {
        let body = &rest[start + 2..];
        let Some(end) = closing_brace(body) else {
            break;
        };
        scan_block(&body[..end], &mut out);
        rest = &body[end + 1..];
    }
    out
}

/// The byte offset of the `}` that closes a block, skipping quoted strings.
/// (Quotes and braces are ASCII, so scanning bytes is safe in UTF-8.)
fn closing_brace(body: &str) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (i, &c) in body.as_bytes().iter().enumerate() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'\'' | b'"') => quote = Some(c),
            (None, b'}') => return Some(i),
            _ => {}
        }
    }
    None
}

fn scan_block<'t>(block: &'t str, out: &mut Vec<&'t str>) {
    let bytes = block.as_bytes();
    let is_start = |b: u8| b.is_ascii_alphabetic() || matches!(b, b'_' | b'@' | b'*');
    let is_part = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'@' | b'*' | b'.');
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\'' || b == b'"' {
            i += 1;
            while i < bytes.len() && bytes[i] != b {
                i += 1;
            }
            i += 1;
        } else if b.is_ascii_digit() {
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
        } else if is_start(b) {
            let s = i;
            while i < bytes.len() && is_part(bytes[i]) {
                i += 1;
            }
            let token = &block[s..i];
            let next = block[i..].trim_start().as_bytes().first();
            let is_call = next == Some(&b'(') && !token.contains('.');
            if !is_call {
                if let Some(first) = token.split('.').next().filter(|f| !f.is_empty()) {
                    out.push(first);
                }
            }
        } else {
            i += 1;
        }
    }
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
        out.push(Problem {
            severity: Severity::Error,
            object_id: None,
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
        let mut reported: Vec<(&str, &str)> = Vec::new();
        for f in &o.fields {
            let FieldValue::String(s) = &f.value else {
                continue;
            };
            if !s.contains("#{") {
                continue;
            }
            for ident in expression_identifiers(s) {
                let name = normalize(ident);
                if !is_parameter_name(name) || reported.contains(&(f.key.as_str(), name)) {
                    continue;
                }
                let starred = format!("*{name}");
                if declared(name) || doc.has(i, name) || doc.has(i, &starred) {
                    continue;
                }
                reported.push((&f.key, name));
                out.push(Problem {
                    severity: Severity::Error,
                    object_id: (!o.id.as_str().is_empty()).then(|| o.id.clone()),
                    field: Some(f.key.clone()),
                    message: msg::undefined_parameter(&f.key, ident),
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
            Vec::<&str>::new()
        );
        assert_eq!(
            expression_identifiers("#{unterminated myX"),
            Vec::<&str>::new()
        );
        assert_eq!(expression_identifiers("#{'}' + myA}"), ["myA"]);
    }
}
