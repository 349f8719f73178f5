//! Property tests for `model::formats`: arbitrary JSON and arbitrary text
//! never panic the importer (and a failed import reports at least one
//! error), a successful import re-emits to the same definition, and
//! API → CLI → API is the identity on definitions whose repeated keys are
//! adjacent; with interleaved repeated keys the exact property is that the
//! CLI trip groups each key's values at the place of its first value.
//!
//! Default run: a few hundred to a thousand cases per property. Long run:
//! `PROPTEST_CASES=100000 cargo test --no-default-features --test model_formats_props`.
#![cfg(not(target_arch = "wasm32"))]

use model::formats::{
    emit, parse, parse_value, to_api_value, to_cli_value, to_value, Format, ImportError, Level,
};
use model::{
    Definition, Field, FieldValue, ObjectId, ParameterAttribute, ParameterObject, ParameterValue,
    PipelineObject,
};
use proptest::prelude::*;
use serde_json::{Number, Value};

fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

/// Short strings, any characters (control characters and newlines included).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9_@*#{}. -]{0,10}",
        "(?s).{0,12}",
        Just(String::new()),
    ]
}

/// Keys that steer random documents into the importer's deeper paths.
const SHAPE_KEYS: &[&str] = &[
    "objects",
    "pipelineObjects",
    "parameters",
    "parameterObjects",
    "values",
    "parameterValues",
    "pipelineId",
    "id",
    "name",
    "fields",
    "key",
    "stringValue",
    "refValue",
    "ref",
    "attributes",
    "type",
];

fn json_key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(SHAPE_KEYS).prop_map(str::to_string),
        1 => text(),
    ]
}

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| Number::from_f64(f).map_or(Value::Null, Value::Number)),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 96, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((json_key(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

fn field_key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(
            &[
                "type",
                "schedule",
                "step",
                "input",
                "myComment",
                "*password"
            ][..]
        )
        .prop_map(str::to_string),
        text(),
    ]
    .prop_filter("id and name are not field keys in a CLI file", |k| {
        k != "id" && k != "name"
    })
}

fn field_value() -> impl Strategy<Value = FieldValue> {
    prop_oneof![
        text().prop_map(FieldValue::String),
        text().prop_map(|s| FieldValue::Ref(ObjectId(s))),
    ]
}

/// Keep the first group of each key, so that every key's values are adjacent.
fn grouped<K: PartialEq + Clone, V>(groups: Vec<(K, Vec<V>)>) -> Vec<(K, V)> {
    let mut seen: Vec<K> = Vec::new();
    let mut out = Vec::new();
    for (k, vs) in groups {
        if seen.contains(&k) {
            continue;
        }
        seen.push(k.clone());
        out.extend(vs.into_iter().map(|v| (k.clone(), v)));
    }
    out
}

fn object(fields: impl Strategy<Value = Vec<Field>>) -> impl Strategy<Value = PipelineObject> {
    (text(), text(), fields).prop_map(|(id, name, fields)| PipelineObject {
        id: ObjectId(id),
        name: Some(name),
        fields,
    })
}

fn grouped_fields() -> impl Strategy<Value = Vec<Field>> {
    prop::collection::vec(
        (field_key(), prop::collection::vec(field_value(), 1..4)),
        0..6,
    )
    .prop_map(|g| {
        grouped(g)
            .into_iter()
            .map(|(key, value)| Field { key, value })
            .collect()
    })
}

fn any_fields() -> impl Strategy<Value = Vec<Field>> {
    prop::collection::vec(
        (
            prop::sample::select(&["a", "b", "c"][..]).prop_map(str::to_string),
            field_value(),
        ),
        0..8,
    )
    .prop_map(|fs| {
        fs.into_iter()
            .map(|(key, value)| Field { key, value })
            .collect()
    })
}

fn parameter() -> impl Strategy<Value = ParameterObject> {
    let attrs = prop::collection::vec(
        (
            text().prop_filter("id is the parameter's own key", |k| k != "id"),
            prop::collection::vec(text(), 1..3),
        ),
        0..4,
    );
    (text(), attrs).prop_map(|(id, attrs)| ParameterObject {
        id,
        attributes: grouped(attrs)
            .into_iter()
            .map(|(key, string_value)| ParameterAttribute { key, string_value })
            .collect(),
    })
}

/// Definitions whose repeated keys (fields, attributes, value ids) are adjacent.
fn definition() -> impl Strategy<Value = Definition> {
    (
        prop::collection::vec(object(grouped_fields()), 0..6),
        prop::collection::vec(parameter(), 0..3),
        prop::collection::vec((text(), prop::collection::vec(text(), 1..3)), 0..4),
    )
        .prop_map(|(objects, parameters, values)| Definition {
            objects,
            parameters,
            values: grouped(values)
                .into_iter()
                .map(|(id, string_value)| ParameterValue { id, string_value })
                .collect(),
        })
}

/// The documented CLI folding: each key's values move to its first value's place.
fn group_by_first_occurrence(fields: &[Field]) -> Vec<Field> {
    let mut keys: Vec<&str> = Vec::new();
    for f in fields {
        if !keys.contains(&f.key.as_str()) {
            keys.push(&f.key);
        }
    }
    keys.iter()
        .flat_map(|k| fields.iter().filter(move |f| f.key == *k).cloned())
        .collect()
}

fn check_outcome(result: &Result<model::formats::Parsed, ImportError>) {
    match result {
        Ok(p) => {
            assert!(p.diagnostics.iter().all(|d| d.level == Level::Warning));
            // What was imported re-emits and re-imports to the same definition.
            let again = parse_value(&to_value(&p.definition, &p.layout))
                .unwrap_or_else(|e| panic!("re-import failed: {e}"));
            assert_eq!(again.definition, p.definition);
        }
        Err(e) => assert!(e.errors().count() >= 1, "an error without errors: {e:?}"),
    }
}

/// Replace the `n`-th value (pre-order) of `doc` with `with`.
fn replace_nth(doc: &mut Value, n: &mut usize, with: &Value) -> bool {
    if *n == 0 {
        *doc = with.clone();
        return true;
    }
    *n -= 1;
    match doc {
        Value::Array(items) => items.iter_mut().any(|v| replace_nth(v, n, with)),
        Value::Object(m) => m.values_mut().any(|v| replace_nth(v, n, with)),
        _ => false,
    }
}

proptest! {
    #![proptest_config(cases(1000))]

    #[test]
    fn arbitrary_json_never_panics(doc in json()) {
        check_outcome(&parse_value(&doc));
    }

    #[test]
    fn arbitrary_text_never_panics(s in "(?s).{0,64}") {
        let r = parse(&s);
        if let Err(ImportError::Syntax(d)) = &r {
            prop_assert!(d.position.is_some());
        }
        check_outcome(&r);
    }

    #[test]
    fn damaged_documents_never_panic(
        def in definition(),
        cli in any::<bool>(),
        n in 0usize..200,
        with in json(),
    ) {
        let mut doc = if cli { to_cli_value(&def) } else { to_api_value(&def) };
        let mut k = n;
        replace_nth(&mut doc, &mut k, &with);
        check_outcome(&parse_value(&doc));
    }

    #[test]
    fn cut_and_spliced_text_never_panics(
        def in definition(),
        cli in any::<bool>(),
        at in 0.0f64..1.0,
        cut in 0usize..8,
        insert in "(?s).{0,4}",
    ) {
        let format = if cli { Format::Cli } else { Format::Api };
        let chars: Vec<char> = emit(&def, format).chars().collect();
        let i = ((chars.len() as f64) * at) as usize;
        let j = (i + cut).min(chars.len());
        let text: String = chars[..i]
            .iter()
            .chain(insert.chars().collect::<Vec<_>>().iter())
            .chain(chars[j..].iter())
            .collect();
        check_outcome(&parse(&text));
    }
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn api_cli_api_is_the_identity(def in definition()) {
        prop_assert!(model::formats::cli_losses(&def).is_empty());
        let api = to_api_value(&def);
        let from_api = parse_value(&api).unwrap();
        prop_assert_eq!(&from_api.definition, &def);
        let cli = to_cli_value(&from_api.definition);
        let from_cli = parse_value(&cli).unwrap();
        prop_assert_eq!(&from_cli.definition, &def);
        prop_assert_eq!(to_api_value(&from_cli.definition), api);
        // Text too, not only values.
        let text = emit(&def, Format::Cli);
        prop_assert_eq!(parse(&text).unwrap().definition, def);
    }

    #[test]
    fn cli_trip_groups_interleaved_keys_at_their_first_place(
        objects in prop::collection::vec(object(any_fields()), 0..4)
    ) {
        let def = Definition { objects, ..Default::default() };
        let back = parse_value(&to_cli_value(&def)).unwrap().definition;
        let adjacent = def.objects.iter().all(|o| group_by_first_occurrence(&o.fields) == o.fields);
        prop_assert_eq!(model::formats::cli_losses(&def).is_empty(), adjacent);
        for (a, b) in def.objects.iter().zip(&back.objects) {
            prop_assert_eq!(&b.fields, &group_by_first_occurrence(&a.fields));
        }
    }
}
