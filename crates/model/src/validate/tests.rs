//! Unit tests of validation: the response shape, the fatal message and
//! pipeline-wide rules.

use super::*;
use crate::definition::{Field, PipelineObject};

fn obj(id: &str, fields: Vec<Field>) -> PipelineObject {
    PipelineObject {
        fields,
        ..PipelineObject::new(id, id)
    }
}

fn def(objects: Vec<PipelineObject>) -> Definition {
    Definition {
        objects,
        ..Definition::default()
    }
}

#[test]
fn service_json_groups_messages_per_object() {
    let d = def(vec![
        obj(
            "A",
            vec![Field::string("comment", "x"), Field::string("type", "Nope")],
        ),
        obj("B", vec![Field::string("type", "Terminate")]),
    ]);
    let r = validate(&d);
    assert_eq!(
        r.to_service_json(),
        json!({
            "errored": true,
            "validationErrors": [{"id": "A", "errors": [
                "INVALID_FIELD_VALUE:  'type' value 'Nope' is not a known object type."
            ]}],
            "validationWarnings": [{"id": "A", "warnings": [
                "UNKNOWN_FIELD:  'comment' is not a field of any object type; user-defined fields must start with 'my'."
            ]}]
        })
    );
}

#[test]
fn warnings_alone_do_not_set_errored() {
    let d = def(vec![obj(
        "T",
        vec![
            Field::string("type", "Terminate"),
            Field::string("note", "n"),
        ],
    )]);
    let r = validate(&d);
    assert!(!r.errored());
    assert_eq!(r.to_service_json()["errored"], json!(false));
    assert_eq!(r.problems[0].severity, Severity::Warning);
}

#[test]
fn fatal_message_is_none_without_fatal_problems() {
    assert_eq!(Report::default().fatal_message(), None);
}

#[test]
fn the_seed_case_prints_the_seed_token() {
    let d = def(vec![obj("Default", vec![Field::string("workerGroup", "")])]);
    let m = validate(&d).fatal_message().unwrap();
    assert!(m.ends_with("[com.amazon.setl.webservice.ValidationError@108d7ea9] Please call Validate to validate your pipeline"), "{m}");
}

#[test]
fn duplicate_ids_and_parent_cycles_are_errors() {
    let d = def(vec![
        obj("A", vec![Field::reference("parent", "B")]),
        obj("B", vec![Field::reference("parent", "A")]),
        obj("A", vec![]),
    ]);
    let r = validate(&d);
    let msgs: Vec<_> = r.for_object("A").map(|p| p.message.as_str()).collect();
    assert!(msgs.contains(&"DUPLICATE_OBJECT_ID:  object id 'A' is used by more than one object."));
    assert!(msgs.contains(&"CYCLE:  'parent' forms a cycle between 'A', 'B'."));
    assert_eq!(r.for_field("B", "parent").count(), 1);
}

#[test]
fn an_ondemand_pipeline_cannot_have_a_periodic_schedule() {
    let schedule = |period: &str| {
        obj(
            "S",
            vec![
                Field::string("type", "Schedule"),
                Field::string("period", period),
                Field::string("startAt", "ONDEMAND_ACTIVATION_TIME"),
            ],
        )
    };
    let default = || obj("Default", vec![Field::string("scheduleType", "ondemand")]);
    let r = validate(&def(vec![default(), schedule("1 day")]));
    assert_eq!(r.for_field("S", "period").count(), 1);
    let r = validate(&def(vec![default(), schedule("ONDEMAND_PERIOD")]));
    assert_eq!(r.problems, vec![]);
}

#[test]
fn problems_are_ordered_by_object() {
    let d = def(vec![
        obj("B", vec![Field::string("note", "x")]),
        obj("A", vec![Field::string("note", "x")]),
    ]);
    let ids: Vec<_> = validate(&d)
        .problems
        .iter()
        .map(|p| p.object_id.clone().unwrap().0)
        .collect();
    assert_eq!(ids, ["B", "A"]);
}

#[test]
fn bad_characters_are_fatal() {
    let d = def(vec![obj("A", vec![Field::string("myX", "bell\u{7}")])]);
    assert!(validate(&d).has_fatal());
    let d = def(vec![obj("A", vec![Field::string("myX", "tab\tnewline\n")])]);
    assert!(!validate(&d).has_fatal());
}

#[test]
fn integer_bounds_and_multi_value_limits() {
    let mut fields = vec![
        Field::string("type", "EmrActivity"),
        Field::string("workerGroup", "w"),
        Field::string("maximumRetries", "6"),
        Field::string("retryDelay", "1 minute"),
    ];
    fields.extend((0..256).map(|i| Field::string("step", format!("s3://jar,{i}"))));
    let r = validate(&def(vec![obj("E", fields)]));
    let msgs: Vec<_> = r.for_object("E").map(|p| p.message.as_str()).collect();
    assert_eq!(
        msgs,
        [
            "INVALID_FIELD_VALUE:  'maximumRetries' value must be at most 5.",
            "INVALID_FIELD_VALUE:  'retryDelay' value must be at least 2 minutes.",
            "LIMIT_EXCEEDED:  'step' takes at most 255 values, found 256.",
        ]
    );
    let two = vec![
        Field::string("type", "Terminate"),
        Field::reference("parent", "X"),
        Field::reference("parent", "X"),
        Field::string("myX", "1"),
    ];
    let r = validate(&def(vec![
        obj("X", vec![Field::string("myN", "1")]),
        obj("T", two),
    ]));
    assert_eq!(
        r.for_field("T", "parent")
            .map(|p| p.message.as_str())
            .collect::<Vec<_>>(),
        ["INVALID_FIELD_VALUE:  'parent' takes a single value, found 2."]
    );
}

#[test]
fn long_messages_are_cut_to_the_api_limit() {
    let long = "x".repeat(10_200); // within the field's 10 240 bytes
    let d = def(vec![obj("A", vec![Field::string("type", &long)])]);
    let r = validate(&d);
    assert_eq!(r.problems.len(), 1);
    let m = &r.problems[0].message;
    assert!(m.starts_with("INVALID_FIELD_VALUE:  'type' value 'xx"));
    assert_eq!(m.chars().count(), MAX_MESSAGE_CHARS);
}
