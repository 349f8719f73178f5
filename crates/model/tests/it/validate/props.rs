//! Property tests: validation never panics on arbitrary definitions, is
//! deterministic, and its summaries agree with its problems. Default run:
//! 512 cases; long run: `PROPTEST_CASES=100000 cargo test
//! --no-default-features --test model_validate props`.

use model::catalog::{self, names};
use model::validate::validate;
use model::{
    Definition, Field, ObjectId, ParameterAttribute, ParameterObject, ParameterValue,
    PipelineObject,
};
use proptest::prelude::*;

fn catalog_keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = catalog::types()
        .flat_map(|t| catalog::fields_for(t.name))
        .map(|f| f.key)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![names::DEFAULT, "A", "B", "C", "S", ""]).prop_map(String::from),
        "\\PC{0,6}",
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(catalog_keys()).prop_map(String::from),
        1 => "[a-z@*]{0,8}",
        1 => "my[A-Z][a-z]{0,4}",
    ]
}

fn string_value() -> impl Strategy<Value = String> {
    let types: Vec<String> = catalog::types().map(|t| t.name.to_string()).collect();
    prop_oneof![
        prop::sample::select(vec![
            "",
            "1 hour",
            "5 minutes",
            "4 years",
            "15 Period",
            "bad-time",
            "2012-12-12T00:00:00",
            "2012-12-11T00:00:00",
            "cron",
            "ONDEMAND",
            "ONDEMAND_PERIOD",
            "true",
            "-3",
            "6",
            "1.5",
            "#{myX}",
            "#{*myY",
            "#{format(@scheduledStartTime,'}')}",
            "#{'",
            "\u{7}",
            "FIRST_ACTIVATION_DATE_TIME",
        ])
        .prop_map(String::from),
        prop::sample::select(types),
        "\\PC{0,12}",
        "#\\{[a-zA-Z@*.(),' ]{0,10}\\}?",
    ]
}

fn field() -> impl Strategy<Value = Field> {
    (key(), prop::bool::weighted(0.3), string_value(), id()).prop_map(|(k, is_ref, s, target)| {
        if is_ref {
            Field::reference(k, target)
        } else {
            Field::string(k, s)
        }
    })
}

fn object() -> impl Strategy<Value = PipelineObject> {
    (
        id(),
        prop::option::of("\\PC{0,4}"),
        prop::collection::vec(field(), 0..8),
    )
        .prop_map(|(id, name, fields)| PipelineObject {
            id: ObjectId(id),
            name,
            fields,
        })
}

fn definition() -> impl Strategy<Value = Definition> {
    let param_id = prop::sample::select(vec!["myX", "*myY", "x", "", "myZ"]).prop_map(String::from);
    let attr = (
        prop::sample::select(vec![
            "type",
            "default",
            "optional",
            "allowedValues",
            "isArray",
            "",
        ]),
        string_value(),
    )
        .prop_map(|(k, v)| ParameterAttribute {
            key: k.to_string(),
            string_value: v,
        });
    let param = (param_id.clone(), prop::collection::vec(attr, 0..3))
        .prop_map(|(id, attributes)| ParameterObject { id, attributes });
    let value = (param_id, string_value())
        .prop_map(|(id, string_value)| ParameterValue { id, string_value });
    (
        prop::collection::vec(object(), 0..10),
        prop::collection::vec(param, 0..3),
        prop::collection::vec(value, 0..3),
    )
        .prop_map(|(objects, parameters, values)| Definition {
            objects,
            parameters,
            values,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn validation_never_panics_and_is_consistent(def in definition()) {
        let report = validate(&def);
        prop_assert_eq!(&report, &validate(&def));
        let body = report.to_service_json();
        prop_assert_eq!(body["errored"].as_bool(), Some(report.errored()));
        prop_assert_eq!(report.fatal_message().is_some(), report.has_fatal());
        for p in &report.problems {
            if let Some(id) = &p.object_id {
                let known = def.objects.iter().any(|o| &o.id == id)
                    || def.parameters.iter().any(|q| q.id == id.as_str())
                    || def.values.iter().any(|v| v.id == id.as_str());
                prop_assert!(known, "{:?} names an unknown id", p);
            }
            prop_assert!(p.message.contains(":  "), "{}", p.message);
        }
    }
}
