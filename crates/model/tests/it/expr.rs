#![cfg(not(target_arch = "wasm32"))]
//! Scenario and property tests of `model::expr`: arbitrary text never panics
//! the parser or the evaluator, integer arithmetic matches a reference
//! computation, and every expression of the oracle-backup sample parses and
//! evaluates.
//!
//! The default run uses 2000 cases per property; for the long run set
//! `PROPTEST_CASES=100000` (proptest reads it itself):
//! `PROPTEST_CASES=100000 cargo test --no-default-features --test model_expr`.

use crate::common;

use model::expr::{
    evaluate, interpolate, parse_expr, parse_template, DefinitionScope, Scope, Value,
};
use model::time::parse_datetime;
use model::{Definition, Field, ParameterValue, PipelineObject};
use proptest::prelude::*;
use std::collections::BTreeMap;

/// A definition with inheritance, references, a list field, a
/// self-referring expression field and parameters, so that evaluation
/// reaches every kind of lookup.
fn definition() -> Definition {
    let mut default = PipelineObject::new("Default", "Default");
    default.fields.push(Field::string("workerGroup", "wg"));
    let mut schedule = PipelineObject::new("Schedule", "Schedule");
    schedule.fields.extend([
        Field::string("startDateTime", "2012-12-12T00:00:00"),
        Field::string("period", "1 hour"),
    ]);
    let mut node = PipelineObject::new("Node", "Node");
    node.fields.extend([
        Field::reference("schedule", "Schedule"),
        Field::reference("input", "Schedule"),
        Field::string("step", "a"),
        Field::string("step", "b"),
        Field::string("myLoop", "#{myLoop}"),
        Field::string("myPath", "#{myDir}/#{day(input.startDateTime)}"),
    ]);
    Definition {
        objects: vec![default, schedule, node],
        parameters: Vec::new(),
        values: vec![ParameterValue {
            id: "myDir".into(),
            string_value: "s3://b".into(),
        }],
    }
}

fn scope(def: &Definition) -> DefinitionScope<'_> {
    let start = parse_datetime("2012-12-12T05:00:00").expect("valid");
    DefinitionScope::new(def, "Node")
        .with_runtime_field("@scheduledStartTime", Value::DateTime(start))
        .with_runtime_field("myNumber", Value::Int(i64::MAX))
        .with_node(DefinitionScope::new(def, "Schedule"))
}

/// Tokens of the expression language, to build inputs that get deep into
/// the parser rather than failing at the first character.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "(",
            ")",
            ",",
            ".",
            "+",
            "-",
            "*",
            "/",
            "^",
            "'",
            "\"",
            "}",
            "#{",
            "@",
            "*my",
            "myDir",
            "myPath",
            "myLoop",
            "step",
            "input",
            "node",
            "schedule",
            "@id",
            "@scheduledStartTime",
            "startDateTime",
            "format",
            "day",
            "plusMonths",
            "minusYears",
            "makeDate",
            "makeDateTime",
            "sunday",
            "'YYYY-MM-dd'",
            "'QQ'",
            "9223372036854775807",
            "0",
            "2",
            "1.5",
            "400",
            "-",
            "'}'",
            "'x'",
            "\\'",
            "a",
            "_b",
        ])
        .prop_map(str::to_string),
        (0u64..u64::MAX).prop_map(|n| n.to_string()),
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn tokens() -> impl Strategy<Value = String> {
    (prop::collection::vec(token(), 0..40), any::<bool>())
        .prop_map(|(ts, spaced)| ts.join(if spaced { " " } else { "" }))
}

/// Well-formed expressions over the names of [`definition`] and every
/// function with its arity: they must all parse, whatever they evaluate to.
fn well_formed() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        (-5i64..3000).prop_map(|n| n.to_string()),
        Just("9223372036854775807".to_string()),
        (0u32..100).prop_map(|n| format!("{}.{}", n / 10, n % 10)),
        prop::sample::select(vec![
            "'x'",
            "\"y\"",
            "'}'",
            "'{'",
            "'YYYY-MM-dd HH:mm:ss z'",
            "'QQ'",
            "'it\\'s'",
            "myDir",
            "myPath",
            "myLoop",
            "step",
            "input",
            "input.startDateTime",
            "node.period",
            "node.@id",
            "@scheduledStartTime",
            "*myDir",
            "@id",
            "myUndefined",
            "myNumber",
            "schedule.startDateTime",
            "workerGroup",
        ])
        .prop_map(str::to_string),
    ];
    let functions: Vec<(&str, usize)> = vec![
        ("day", 1),
        ("dayOfYear", 1),
        ("hour", 1),
        ("minute", 1),
        ("month", 1),
        ("year", 1),
        ("firstOfMonth", 1),
        ("midnight", 1),
        ("sunday", 1),
        ("yesterday", 1),
        ("plusMinutes", 2),
        ("plusHours", 2),
        ("plusDays", 2),
        ("plusWeeks", 2),
        ("plusMonths", 2),
        ("plusYears", 2),
        ("minusMinutes", 2),
        ("minusHours", 2),
        ("minusDays", 2),
        ("minusWeeks", 2),
        ("minusMonths", 2),
        ("minusYears", 2),
        ("makeDate", 3),
        ("makeDateTime", 5),
        ("format", 2),
    ];
    leaf.prop_recursive(5, 48, 5, move |inner| {
        prop_oneof![
            (
                inner.clone(),
                prop::sample::select(vec!["+", "-", "*", "/", "^"]),
                inner.clone()
            )
                .prop_map(|(a, op, b)| format!("{a} {op} {b}")),
            inner.clone().prop_map(|a| format!("-({a})")),
            inner.clone().prop_map(|a| format!("({a})")),
            (
                prop::sample::select(functions.clone()),
                prop::collection::vec(inner.clone(), 5)
            )
                .prop_map(|((name, arity), args)| format!("{name}({})", args[..arity].join(", "))),
            (
                inner,
                prop::sample::select(vec!["'HH:mm'", "'EEE, d MMM yyyy'", "'xx'"])
            )
                .prop_map(|(a, p)| format!("({a}).format({p})")),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let def = definition();
        let s = scope(&def);
        let _ = parse_template(&text);
        let _ = interpolate(&text, &s);
    }

    #[test]
    fn arbitrary_expression_bodies_never_panic(body in any::<String>()) {
        let def = definition();
        let s = scope(&def);
        let text = format!("x#{{{body}}}y");
        if let Err(e) = interpolate(&text, &s) {
            prop_assert!(e.position <= text.len());
        }
        let _ = parse_expr(&body);
    }

    #[test]
    fn token_soup_never_panics(body in tokens()) {
        let def = definition();
        let s = scope(&def);
        for text in [format!("#{{{body}}}"), body.clone()] {
            match parse_template(&text) {
                Ok(t) => {
                    let _ = t.referenced_names();
                    if let Err(e) = t.render(&s) {
                        prop_assert!(e.position <= text.len());
                    }
                }
                Err(e) => prop_assert!(e.position <= text.len(), "{e:?} in {text:?}"),
            }
        }
    }

    #[test]
    fn well_formed_expressions_parse_and_evaluate_without_panic(body in well_formed()) {
        let def = definition();
        let s = scope(&def);
        let text = format!("a/#{{{body}}}/b");
        let template = parse_template(&text);
        prop_assert!(template.is_ok(), "{text}: {template:?}");
        if let Err(e) = template.expect("ok").render(&s) {
            prop_assert!(e.position >= 2 && e.position < text.len() - 2, "{e:?} in {text}");
        }
    }

    #[test]
    fn arbitrary_format_patterns_never_panic(pattern in any::<String>()) {
        let def = definition();
        let s = scope(&def);
        let quoted = pattern.replace('\\', "\\\\").replace('\'', "\\'");
        let text = format!("#{{format(@scheduledStartTime, '{quoted}')}}");
        // The pattern reaches `format` intact, so only the pattern can fail.
        if let Err(e) = interpolate(&text, &s) {
            prop_assert!(e.message.contains("Illegal pattern component"), "{e:?}");
        }
    }

    #[test]
    fn text_without_expressions_is_unchanged(text in any::<String>()) {
        prop_assume!(!text.contains("#{"));
        let def = definition();
        prop_assert_eq!(interpolate(&text, &scope(&def)), Ok(text.clone()));
    }

    #[test]
    fn integer_arithmetic_matches_checked_i64(expr in arith()) {
        let (text, expected) = expr;
        let parsed = parse_expr(&text);
        prop_assume!(parsed.is_ok()); // deeper than the nesting cap
        let got = evaluate(&parsed.expect("ok"), &NoNames);
        match expected {
            Some(n) => prop_assert_eq!(got, Ok(Value::Int(n)), "{}", text),
            None => prop_assert!(got.is_err(), "{text} gave {got:?}"),
        }
    }
}

/// A scope with no names.
struct NoNames;

impl Scope for NoNames {
    fn lookup(&self, _path: &[&str]) -> Option<Value> {
        None
    }
}

/// Integer expressions as text with their value by checked i64 arithmetic
/// (`None` on overflow or division by zero).
fn arith() -> impl Strategy<Value = (String, Option<i64>)> {
    let leaf = prop_oneof![
        (0i64..1000).prop_map(|n| (n.to_string(), Some(n))),
        Just((i64::MAX.to_string(), Some(i64::MAX))),
    ];
    leaf.prop_recursive(6, 64, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone(), 0..4u8).prop_map(|((a, x), (b, y), op)| {
                let (sym, value) = match op {
                    0 => ('+', x.zip(y).and_then(|(x, y)| x.checked_add(y))),
                    1 => ('-', x.zip(y).and_then(|(x, y)| x.checked_sub(y))),
                    2 => ('*', x.zip(y).and_then(|(x, y)| x.checked_mul(y))),
                    _ => ('/', x.zip(y).and_then(|(x, y)| x.checked_div(y))),
                };
                (format!("({a} {sym} {b})"), value)
            }),
            inner.prop_map(|(a, x)| (format!("-({a})"), x.and_then(i64::checked_neg))),
        ]
    })
}

// ---- the oracle-backup sample ----

/// Every string value in a JSON document.
fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|i| strings(i, out)),
        serde_json::Value::Object(map) => map.values().for_each(|i| strings(i, out)),
        _ => {}
    }
}

fn sample() -> serde_json::Value {
    let text = common::sample_text("oracle-backup-definition.json");
    serde_json::from_str(&text).expect("valid JSON")
}

/// The sample's objects as a `Definition` (CLI file shape: `{"ref": id}`
/// is a reference, arrays repeat the key).
fn sample_definition(json: &serde_json::Value) -> Definition {
    let mut def = Definition::default();
    for o in json["objects"].as_array().expect("objects") {
        let map = o.as_object().expect("object");
        let id = map["id"].as_str().expect("id");
        let name = map.get("name").and_then(|n| n.as_str()).unwrap_or(id);
        let mut object = PipelineObject::new(id, name);
        for (key, value) in map.iter().filter(|(k, _)| *k != "id" && *k != "name") {
            let values = match value {
                serde_json::Value::Array(items) => items.clone(),
                other => vec![other.clone()],
            };
            for v in values {
                match v.get("ref").and_then(|r| r.as_str()) {
                    Some(target) => object.fields.push(Field::reference(key, target)),
                    None => object
                        .fields
                        .push(Field::string(key, v.as_str().unwrap_or(""))),
                }
            }
        }
        def.objects.push(object);
    }
    def
}

#[test]
fn every_oracle_backup_expression_parses() {
    let json = sample();
    let mut all = Vec::new();
    strings(&json, &mut all);
    let mut names = Vec::new();
    let mut expressions = 0;
    for s in all.iter().filter(|s| s.contains("#{")) {
        let t = parse_template(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        expressions += t.expressions().count();
        names.extend(t.referenced_names().into_iter().map(|n| n.path.join(".")));
    }
    assert!(expressions >= 10, "only {expressions} expressions found");
    for want in [
        "myBackupLocation",
        "@scheduledStartTime",
        "myOracleHost",
        "myOraclePassword",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} not referenced");
    }
}

#[test]
fn oracle_backup_directory_path_evaluates() {
    let json = sample();
    let mut def = sample_definition(&json);
    def.values.push(ParameterValue {
        id: "myBackupLocation".into(),
        string_value: "s3://my-bucket/backups".into(),
    });
    let start = parse_datetime("2024-03-24T00:00:00").expect("valid");
    let s = DefinitionScope::new(&def, "S3").with_runtime(BTreeMap::from([(
        "@scheduledStartTime".to_string(),
        Value::DateTime(start),
    )]));
    assert_eq!(
        interpolate("#{directoryPath}", &s).expect("evaluates"),
        "s3://my-bucket/backups/24/"
    );
    // Inherited from Default, whose parameter has no value here.
    let e = interpolate("#{pipelineLogUri}", &s).expect_err("undefined parameter");
    assert!(
        e.message.contains("'myPipelineLogUri' is not defined"),
        "{}",
        e.message
    );
    assert_eq!(
        interpolate("#{failureAndRerunMode}", &s).expect("inherited"),
        "CASCADE"
    );
}

#[test]
fn scope_lookups_of_the_property_definition() {
    let def = definition();
    let s = scope(&def);
    assert_eq!(interpolate("#{myPath}", &s).expect("ok"), "s3://b/12");
    assert_eq!(
        interpolate("#{node.period} #{workerGroup}", &s).expect("ok"),
        "1 hour wg"
    );
    assert!(interpolate("#{myLoop}", &s).is_err());
    assert!(interpolate("#{myNumber + 1}", &s).is_err());
}
