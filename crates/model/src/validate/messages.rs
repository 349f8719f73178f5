//! The texts of validation messages. The service's own wording is known for
//! one stored error (`INVALID_FIELD_VALUE:  'startDateTime' value must be a
//! literal datetime value.`, two spaces after the colon) and for the fatal
//! exception; every other text follows that `CODE:  text` form in our own
//! words (reference §5.1 marks them [UNCONFIRMED wording]).

use crate::catalog::{Category, Target};

fn coded(code: &str, text: std::fmt::Arguments<'_>) -> String {
    format!("{code}:  {text}")
}

// ---- fatal (the definition is not saved) ----

pub fn missing_id() -> String {
    coded("MISSING_ID", format_args!("object has no id."))
}
pub fn empty_name() -> String {
    coded("MISSING_NAME", format_args!("object has an empty name."))
}
pub fn empty_value(key: &str) -> String {
    coded(
        "EMPTY_FIELD_VALUE",
        format_args!("'{key}' value must not be empty."),
    )
}
pub fn empty_key() -> String {
    coded("EMPTY_FIELD_KEY", format_args!("a field has an empty key."))
}
pub fn too_long(what: &str, len: usize, limit: usize, unit: &str) -> String {
    coded(
        "LIMIT_EXCEEDED",
        format_args!("{what} is {len} {unit} long, the limit is {limit}."),
    )
}
pub fn bad_characters(what: &str) -> String {
    coded(
        "INVALID_CHARACTERS",
        format_args!("{what} contains characters outside the allowed set."),
    )
}
pub fn too_many_objects(n: usize, limit: usize) -> String {
    coded(
        "LIMIT_EXCEEDED",
        format_args!("the pipeline has {n} objects, the limit is {limit}."),
    )
}

// ---- stored errors ----

pub fn duplicate_id(id: &str) -> String {
    coded(
        "DUPLICATE_OBJECT_ID",
        format_args!("object id '{id}' is used by more than one object."),
    )
}
pub fn too_many_fields(n: usize, limit: usize) -> String {
    coded(
        "LIMIT_EXCEEDED",
        format_args!("object has {n} fields, the limit is {limit}."),
    )
}
pub fn object_too_big(bytes: usize, limit: usize) -> String {
    coded(
        "LIMIT_EXCEEDED",
        format_args!("object is {bytes} bytes, the limit is {limit}."),
    )
}
pub fn too_many_parameters(n: usize, limit: usize) -> String {
    coded(
        "LIMIT_EXCEEDED",
        format_args!("the pipeline has {n} parameters, the limit is {limit}."),
    )
}
pub fn unknown_type(value: &str) -> String {
    coded(
        "INVALID_FIELD_VALUE",
        format_args!("'type' value '{value}' is not a known object type."),
    )
}
/// The service's own text (S2).
pub fn not_a_datetime(key: &str) -> String {
    coded(
        "INVALID_FIELD_VALUE",
        format_args!("'{key}' value must be a literal datetime value."),
    )
}
pub fn not_a_period(key: &str) -> String {
    coded(
        "INVALID_FIELD_VALUE",
        format_args!(
            "'{key}' value must be a literal period value such as '15 minutes' or '1 day'."
        ),
    )
}
pub fn not_an_integer(key: &str) -> String {
    coded(
        "INVALID_FIELD_VALUE",
        format_args!("'{key}' value must be an integer."),
    )
}
pub fn not_a_double(key: &str) -> String {
    coded(
        "INVALID_FIELD_VALUE",
        format_args!("'{key}' value must be a number."),
    )
}
pub fn not_a_boolean(key: &str) -> String {
    coded(
        "INVALID_FIELD_VALUE",
        format_args!("'{key}' value must be true or false."),
    )
}
pub fn not_in_enum(key: &str, values: &[&str]) -> String {
    coded(
        "INVALID_FIELD_VALUE",
        format_args!("'{key}' value must be one of: {}.", values.join(", ")),
    )
}
pub fn below_min(key: &str, min: &str) -> String {
    coded(
        "INVALID_FIELD_VALUE",
        format_args!("'{key}' value must be at least {min}."),
    )
}
pub fn above_max(key: &str, max: &str) -> String {
    coded(
        "INVALID_FIELD_VALUE",
        format_args!("'{key}' value must be at most {max}."),
    )
}
pub fn not_a_reference(key: &str) -> String {
    coded(
        "INVALID_FIELD_VALUE",
        format_args!("'{key}' value must be a reference to another object."),
    )
}
pub fn not_a_string(key: &str) -> String {
    coded(
        "INVALID_FIELD_VALUE",
        format_args!("'{key}' value must be a string, not a reference."),
    )
}
pub fn single_valued(key: &str, n: usize) -> String {
    coded(
        "INVALID_FIELD_VALUE",
        format_args!("'{key}' takes a single value, found {n}."),
    )
}
pub fn too_many_values(key: &str, n: usize, limit: u16) -> String {
    coded(
        "LIMIT_EXCEEDED",
        format_args!("'{key}' takes at most {limit} values, found {n}."),
    )
}
pub fn missing_object(key: &str, target: &str) -> String {
    coded(
        "INVALID_REFERENCE",
        format_args!("'{key}' refers to '{target}', which is not defined."),
    )
}
pub fn wrong_target(key: &str, target: &str, target_type: &str, allowed: &[Target]) -> String {
    coded(
        "INVALID_REFERENCE",
        format_args!(
            "'{key}' refers to '{target}' of type {target_type}, expected {}.",
            describe_targets(allowed)
        ),
    )
}
pub fn missing_required(key: &str, type_name: &str) -> String {
    coded(
        "MISSING_REQUIRED_FIELD",
        format_args!("'{key}' is required for {type_name}."),
    )
}
pub fn missing_one_of(keys: &[&str], type_name: &str) -> String {
    coded(
        "MISSING_REQUIRED_FIELD",
        format_args!("one of {} is required for {type_name}.", quoted(keys)),
    )
}
pub fn more_than_one_of(keys: &[&str]) -> String {
    coded(
        "INVALID_FIELD_COMBINATION",
        format_args!("only one of {} may be set.", quoted(keys)),
    )
}
pub fn not_with(a: &str, b: &str) -> String {
    coded(
        "INVALID_FIELD_COMBINATION",
        format_args!("'{a}' cannot be used together with '{b}'."),
    )
}
pub fn requires(a: &str, b: &str) -> String {
    coded(
        "MISSING_REQUIRED_FIELD",
        format_args!("'{a}' requires '{b}' to be set."),
    )
}
pub fn not_after(a: &str, b: &str) -> String {
    coded(
        "INVALID_FIELD_VALUE",
        format_args!("'{a}' value must be later than '{b}'."),
    )
}
pub fn cycle(key: &str, ids: &[&str]) -> String {
    coded(
        "CYCLE",
        format_args!("'{key}' forms a cycle between {}.", quoted_and(ids)),
    )
}
pub fn ondemand_with_schedule(schedule_type: &str) -> String {
    coded(
        "INVALID_FIELD_COMBINATION",
        format_args!(
            "an {schedule_type} pipeline cannot have a Schedule object other than an on-demand one."
        ),
    )
}
pub fn bad_parameter_id(id: &str) -> String {
    coded(
        "INVALID_PARAMETER",
        format_args!("parameter id '{id}' must start with 'my' (or '*my')."),
    )
}
pub fn bad_parameter_attribute(id: &str, key: &str, values: &[&str]) -> String {
    coded(
        "INVALID_PARAMETER",
        format_args!(
            "parameter '{id}' attribute '{key}' must be one of: {}.",
            values.join(", ")
        ),
    )
}
pub fn bad_parameter_value(id: &str, value: &str, expected: &str) -> String {
    coded(
        "INVALID_PARAMETER_VALUE",
        format_args!("parameter '{id}' value '{value}' must be {expected}."),
    )
}
pub fn undefined_parameter(key: &str, name: &str) -> String {
    coded(
        "UNDEFINED_PARAMETER",
        format_args!("'{key}' uses #{{{name}}}, which has no parameter object and no value."),
    )
}

// ---- warnings ----

pub fn unknown_field(key: &str, type_name: Option<&str>) -> String {
    let of = type_name.map_or_else(|| "any object type".to_string(), str::to_string);
    coded(
        "UNKNOWN_FIELD",
        format_args!("'{key}' is not a field of {of}; user-defined fields must start with 'my'."),
    )
}
pub fn parameter_without_value(id: &str) -> String {
    coded(
        "MISSING_PARAMETER_VALUE",
        format_args!("parameter '{id}' has no value, no default and is not optional."),
    )
}

// ---- helpers ----

fn quoted(keys: &[&str]) -> String {
    let q: Vec<String> = keys.iter().map(|k| format!("'{k}'")).collect();
    q.join(" or ")
}

fn quoted_and(ids: &[&str]) -> String {
    let q: Vec<String> = ids.iter().map(|k| format!("'{k}'")).collect();
    q.join(", ")
}

fn describe_targets(allowed: &[Target]) -> String {
    let parts: Vec<String> = allowed
        .iter()
        .map(|t| match t {
            Target::Type(n) => (*n).to_string(),
            Target::Category(c) => format!("one of {}", category_members(*c)),
            Target::Any => "any object".to_string(),
        })
        .collect();
    parts.join(" or ")
}

fn category_members(c: Category) -> String {
    let names: Vec<&str> = crate::catalog::types_in(c).map(|t| t.name).collect();
    if names.is_empty() {
        c.label().to_string()
    } else {
        names.join("/")
    }
}

/// A bound for a message: a Period in seconds as the largest whole unit
/// (`900` → `15 minutes`), or a plain integer.
pub fn describe_seconds(secs: i64) -> String {
    const UNITS: [(i64, &str); 4] = [
        (365 * 86_400, "year"),
        (86_400, "day"),
        (3_600, "hour"),
        (60, "minute"),
    ];
    for (size, name) in UNITS {
        if secs >= size && secs % size == 0 {
            let n = secs / size;
            return format!("{n} {name}{}", if n == 1 { "" } else { "s" });
        }
    }
    format!("{secs} seconds")
}

pub fn invalid_expression(key: &str, position: usize, detail: &str) -> String {
    coded(
        "INVALID_FIELD_VALUE",
        format_args!(
            "'{key}' has an expression that does not parse at character {position}: {detail}"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_datetime_message_is_exact() {
        assert_eq!(
            not_a_datetime("startDateTime"),
            "INVALID_FIELD_VALUE:  'startDateTime' value must be a literal datetime value."
        );
    }

    #[test]
    fn seconds_read_as_whole_units() {
        assert_eq!(describe_seconds(900), "15 minutes");
        assert_eq!(describe_seconds(120), "2 minutes");
        assert_eq!(describe_seconds(3 * 365 * 86_400), "3 years");
        assert_eq!(describe_seconds(90), "90 seconds");
    }
}
