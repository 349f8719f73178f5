//! The request's shape and the service's limits (reference §1.2, §5.2).
//! What makes PutPipelineDefinition fail is fatal: an object without id or
//! name, an empty string or reference value, too many objects, and values
//! outside the API's length limits or character set. The §5.2 limits the
//! API shape does not enforce (fields per object, object size, identifier
//! bytes, parameters) are stored errors.

use super::messages as msg;
use super::resolve::Doc;
use super::{Problem, Severity};
use crate::definition::{FieldValue, ObjectId};

/// The service's limits. `Default` gives the documented values; the
/// objects-per-pipeline limit is adjustable per account, so is the rest here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Objects per pipeline (fatal above).
    pub max_objects: usize,
    /// Fields (distinct keys) per object.
    pub max_fields_per_object: usize,
    /// UTF-8 bytes of one field value (API `fieldStringValue`: fatal above).
    pub max_field_value_bytes: usize,
    /// UTF-8 bytes of one object, field names included.
    pub max_object_bytes: usize,
    /// Characters of an object id or name (API `id` shape: fatal above).
    pub max_id_chars: usize,
    /// UTF-8 bytes of a field name or identifier (§5.2); field keys and
    /// reference values above it are fatal (API `fieldNameString`), object
    /// ids above it are a stored error.
    pub max_identifier_bytes: usize,
    /// Parameters per definition.
    pub max_parameters: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_objects: 100,
            max_fields_per_object: 50,
            max_field_value_bytes: 10_240,
            max_object_bytes: 15_360,
            max_id_chars: 1_024,
            max_identifier_bytes: 256,
            max_parameters: 50,
        }
    }
}

/// Whether every character is in the API's pattern (XML-safe characters):
/// no control character but tab, newline and carriage return, and neither
/// U+FFFE nor U+FFFF (a `str` holds no surrogates). One pass over bytes.
pub(super) fn xml_safe(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r') {
            return false;
        }
        // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
        if c == 0xEF && b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)) {
            return false;
        }
        i += 1;
    }
    true
}

pub(super) fn check(doc: &Doc, limits: &Limits, out: &mut Vec<Problem>) {
    let def = doc.def;
    if def.objects.len() > limits.max_objects {
        // On the first object over the limit (a ValidationError's `id`
        // is never empty: service model, ValidationError.id).
        let over = &def.objects[limits.max_objects].id;
        out.push(Problem {
            severity: Severity::Fatal,
            object_id: (!over.as_str().is_empty()).then(|| over.clone()),
            field: None,
            message: msg::too_many_objects(def.objects.len(), limits.max_objects),
        });
    }
    for (i, o) in def.objects.iter().enumerate() {
        let id = (!o.id.as_str().is_empty()).then(|| o.id.clone());
        let mut push = |severity, field: Option<&str>, message| {
            out.push(Problem {
                severity,
                object_id: id.clone(),
                field: field.map(str::to_string),
                message,
            })
        };
        let fatal = Severity::Fatal;
        let idstr = o.id.as_str();
        if idstr.is_empty() {
            push(fatal, None, msg::missing_id());
        } else if idstr.len() > limits.max_id_chars && idstr.chars().count() > limits.max_id_chars {
            let n = idstr.chars().count();
            push(
                fatal,
                None,
                msg::too_long("id", n, limits.max_id_chars, "characters"),
            );
        } else if idstr.len() > limits.max_identifier_bytes {
            let m = msg::too_long("id", idstr.len(), limits.max_identifier_bytes, "bytes");
            push(Severity::Error, None, m);
        }
        if !xml_safe(idstr) {
            push(fatal, None, msg::bad_characters("id"));
        }
        if let Some(name) = &o.name {
            let n = if name.len() > limits.max_id_chars {
                name.chars().count()
            } else {
                name.len()
            };
            if name.is_empty() {
                push(fatal, None, msg::empty_name());
            } else if n > limits.max_id_chars {
                push(
                    fatal,
                    None,
                    msg::too_long("name", n, limits.max_id_chars, "characters"),
                );
            }
            if !xml_safe(name) {
                push(fatal, None, msg::bad_characters("name"));
            }
        }
        if doc.position(idstr) != Some(i) && !idstr.is_empty() {
            push(Severity::Error, None, msg::duplicate_id(idstr));
        }
        let mut bytes = idstr.len() + o.name.as_ref().map_or(0, String::len);
        for f in &o.fields {
            let key = Some(f.key.as_str());
            bytes += f.key.len() + f.value.as_str().len();
            if f.key.is_empty() {
                push(fatal, None, msg::empty_key());
            } else if f.key.len() > limits.max_identifier_bytes {
                let m = msg::too_long(
                    "field key",
                    f.key.len(),
                    limits.max_identifier_bytes,
                    "bytes",
                );
                push(fatal, key, m);
            }
            let v = f.value.as_str();
            let (what, max) = match f.value {
                FieldValue::Ref(_) => ("reference", limits.max_identifier_bytes),
                FieldValue::String(_) => ("value", limits.max_field_value_bytes),
            };
            if v.is_empty() {
                push(fatal, key, msg::empty_value(&f.key));
            } else if v.len() > max {
                push(fatal, key, msg::too_long(what, v.len(), max, "bytes"));
            }
            if !xml_safe(&f.key) || !xml_safe(v) {
                push(fatal, key, msg::bad_characters(&f.key));
            }
        }
        // A repeated key is one field with several values (`step` may
        // have 255 values, more than the 50-field limit).
        let mut distinct: Vec<&str> = o.fields.iter().map(|f| f.key.as_str()).collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() > limits.max_fields_per_object {
            let m = msg::too_many_fields(distinct.len(), limits.max_fields_per_object);
            push(Severity::Error, None, m);
        }
        if bytes > limits.max_object_bytes {
            push(
                Severity::Error,
                None,
                msg::object_too_big(bytes, limits.max_object_bytes),
            );
        }
    }
    check_parameter_shapes(doc, limits, out);
}

fn check_parameter_shapes(doc: &Doc, limits: &Limits, out: &mut Vec<Problem>) {
    let def = doc.def;
    let ident = limits.max_identifier_bytes;
    let value = limits.max_field_value_bytes;
    let mut fatal = |id: &str, field: Option<&str>, message: String| {
        out.push(Problem {
            severity: Severity::Fatal,
            object_id: (!id.is_empty()).then(|| ObjectId::new(id)),
            field: field.map(str::to_string),
            message,
        })
    };
    for p in &def.parameters {
        if p.id.is_empty() {
            fatal("", None, msg::missing_id());
        } else if p.id.len() > ident {
            fatal(
                &p.id,
                None,
                msg::too_long("parameter id", p.id.len(), ident, "bytes"),
            );
        }
        for a in &p.attributes {
            if a.key.is_empty() {
                fatal(&p.id, None, msg::empty_key());
            } else if a.key.len() > ident {
                let m = msg::too_long("attribute key", a.key.len(), ident, "bytes");
                fatal(&p.id, Some(&a.key), m);
            }
            if a.string_value.len() > value {
                let m = msg::too_long("value", a.string_value.len(), value, "bytes");
                fatal(&p.id, Some(&a.key), m);
            }
        }
    }
    for v in &def.values {
        if v.id.is_empty() {
            fatal("", None, msg::missing_id());
        } else if v.id.len() > ident {
            fatal(
                &v.id,
                None,
                msg::too_long("parameter id", v.id.len(), ident, "bytes"),
            );
        }
        if v.string_value.len() > value {
            let m = msg::too_long("value", v.string_value.len(), value, "bytes");
            fatal(&v.id, None, m);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::xml_safe;

    #[test]
    fn xml_safe_follows_the_api_pattern() {
        assert!(xml_safe("plain text\twith\ttabs\r\n and é ✓ 😀"));
        assert!(xml_safe("\u{FFFD}\u{E000}\u{D7FF}"));
        assert!(!xml_safe("bell\u{7}"));
        assert!(!xml_safe("nul\u{0}"));
        assert!(!xml_safe("x\u{FFFE}"));
        assert!(!xml_safe("\u{FFFF}y"));
    }
}
