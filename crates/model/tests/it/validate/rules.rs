//! Rules after inheritance, schedules, expressions, cycles, parameters and
//! limits, on small hand-written definitions.

use super::{assert_error_on, errors_of};
use model::validate::{validate, validate_with, Limits, Severity};
use model::{
    Definition, Field, ParameterAttribute, ParameterObject, ParameterValue, PipelineObject,
};

fn obj(id: &str, fields: &[(&str, &str)]) -> PipelineObject {
    let mut o = PipelineObject::new(id, id);
    for (k, v) in fields {
        o.fields.push(match v.strip_prefix('>') {
            Some(target) => Field::reference(*k, target),
            None => Field::string(*k, *v),
        });
    }
    o
}

fn def(objects: Vec<PipelineObject>) -> Definition {
    Definition {
        objects,
        ..Definition::default()
    }
}

const SCHEDULE: &[(&str, &str)] = &[
    ("type", "Schedule"),
    ("period", "1 hour"),
    ("startDateTime", "2012-12-12T00:00:00"),
];

#[test]
fn an_activity_needs_runs_on_or_worker_group_after_inheritance() {
    let act = [("type", "ShellCommandActivity"), ("command", "echo")];
    let report = validate(&def(vec![obj("A", &act)]));
    assert_error_on(&report, "A", "runsOn", "no routing");
    let with_default = def(vec![
        obj("Default", &[("workerGroup", "wg")]),
        obj("A", &act),
    ]);
    assert_eq!(validate(&with_default).problems, vec![]);
    // A parent chain that ends without Default does not see Default's fields.
    let tpl = obj("Tpl", &[("myNote", "template")]);
    let mut a = obj("A", &act);
    a.fields.push(Field::reference("parent", "Tpl"));
    let via_parent = def(vec![obj("Default", &[("workerGroup", "wg")]), tpl, a]);
    assert!(
        validate(&via_parent).problems.is_empty(),
        "Tpl inherits Default"
    );
}

#[test]
fn schedule_rules() {
    let check = |extra: &[(&str, &str)], key: &str| {
        let mut fields = SCHEDULE.to_vec();
        fields.retain(|(k, _)| !extra.iter().any(|(e, _)| e == k));
        fields.extend_from_slice(extra);
        let report = validate(&def(vec![obj("S", &fields)]));
        assert_error_on(&report, "S", key, &format!("{extra:?}"));
    };
    check(
        &[("startAt", "FIRST_ACTIVATION_DATE_TIME")],
        "startDateTime",
    );
    check(
        &[("occurrences", "3"), ("endDateTime", "2012-12-13T00:00:00")],
        "occurrences",
    );
    check(&[("endDateTime", "2012-12-12T00:00:00")], "endDateTime");
    check(&[("period", "14 minutes")], "period");
    check(&[("period", "4 years")], "period");
    check(&[("period", "15 Period")], "period");
    check(&[("startAt", "LAST_ACTIVATION")], "startAt");
    let ok = [
        ("type", "Schedule"),
        ("period", "15 Minutes"),
        ("startAt", "first_activation_date_time"),
    ];
    assert_eq!(validate(&def(vec![obj("S", &ok)])).problems, vec![]);
    let m = &validate(&def(vec![obj(
        "S",
        &[
            ("type", "Schedule"),
            ("period", "5 minutes"),
            ("startAt", "FIRST_ACTIVATION_DATE_TIME"),
        ],
    )]))
    .problems[0]
        .message;
    assert_eq!(
        m,
        "INVALID_FIELD_VALUE:  'period' value must be at least 15 minutes."
    );
}

#[test]
fn expressions_are_not_rejected_by_kind_checks() {
    let s = [
        ("type", "Schedule"),
        ("period", "#{myPeriod}"),
        ("startDateTime", "#{makeDate(2024,1,1)}"),
    ];
    let mut d = def(vec![obj("S", &s)]);
    d.values.push(ParameterValue {
        id: "myPeriod".into(),
        string_value: "1 day".into(),
    });
    assert_eq!(validate(&d).problems, vec![]);
}

#[test]
fn script_argument_with_script_uri_and_late_action_without_timeout() {
    let a = [
        ("type", "ShellCommandActivity"),
        ("scriptUri", "s3://b/x.sh"),
        ("scriptArgument", "a"),
        ("workerGroup", "wg"),
        ("onLateAction", ">T"),
    ];
    let report = validate(&def(vec![obj("A", &a), obj("T", &[("type", "Terminate")])]));
    assert_error_on(
        &report,
        "A",
        "scriptArgument",
        "scriptArgument with scriptUri",
    );
    assert_error_on(
        &report,
        "A",
        "onLateAction",
        "onLateAction without lateAfterTimeout",
    );
    assert_eq!(errors_of(&report, "A").len(), 2);
}

#[test]
fn enums_compare_case_insensitively() {
    let d = def(vec![obj(
        "Default",
        &[("scheduleType", "CRON"), ("failureAndRerunMode", "Cascade")],
    )]);
    assert_eq!(validate(&d).problems, vec![]);
    let d = def(vec![obj("Default", &[("scheduleType", "hourly")])]);
    assert_error_on(&validate(&d), "Default", "scheduleType", "bad enum");
}

#[test]
fn a_depends_on_cycle_names_every_object_in_it() {
    let act = |id: &str, dep: &str| {
        obj(
            id,
            &[
                ("type", "ShellCommandActivity"),
                ("command", "c"),
                ("workerGroup", "w"),
                ("dependsOn", dep),
            ],
        )
    };
    let d = def(vec![
        act("A", ">C"),
        act("B", ">A"),
        act("C", ">B"),
        act("D", ">A"),
    ]);
    let report = validate(&d);
    for id in ["A", "B", "C"] {
        let e = errors_of(&report, id);
        assert_eq!(
            e,
            ["CYCLE:  'dependsOn' forms a cycle between 'A', 'B', 'C'."],
            "{id}"
        );
    }
    assert!(errors_of(&report, "D").is_empty());
}

#[test]
fn parameters_must_start_with_my_and_be_defined() {
    let mut d = def(vec![obj(
        "Default",
        &[
            ("workerGroup", "#{myGroup}"),
            ("pipelineLogUri", "#{*myLogs}"),
        ],
    )]);
    d.parameters.push(ParameterObject {
        id: "logs".into(),
        attributes: vec![],
    });
    d.parameters.push(ParameterObject {
        id: "*myLogs".into(),
        attributes: vec![ParameterAttribute {
            key: "optional".into(),
            string_value: "true".into(),
        }],
    });
    let report = validate(&d);
    assert_error_on(&report, "Default", "workerGroup", "undefined #{myGroup}");
    assert_eq!(report.for_field("Default", "pipelineLogUri").count(), 0);
    let bad: Vec<_> = report
        .for_object("logs")
        .map(|p| (p.severity, p.message.as_str()))
        .collect();
    assert_eq!(
        bad,
        [
            (Severity::Error, "INVALID_PARAMETER:  parameter id 'logs' must start with 'my' (or '*my')."),
            (Severity::Warning, "MISSING_PARAMETER_VALUE:  parameter 'logs' has no value, no default and is not optional."),
        ]
    );
    // A user field of the object satisfies #{myX} too.
    let d = def(vec![obj(
        "Default",
        &[("myGroup", "g"), ("workerGroup", "#{myGroup}")],
    )]);
    assert_eq!(validate(&d).problems, vec![]);
}

#[test]
fn fatal_problems_of_the_request_shape() {
    let no_id = PipelineObject {
        name: Some("A".into()),
        ..PipelineObject::new("", "")
    };
    let mut d = def(vec![no_id, obj("B", &[("parent", ">")])]);
    d.objects.push(PipelineObject {
        name: Some(String::new()),
        ..PipelineObject::new("C", "")
    });
    let report = validate(&d);
    let fatal = report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Fatal)
        .count();
    assert_eq!(fatal, 3, "{:#?}", report.problems);
    assert!(report.fatal_message().unwrap().contains("ValidationError@"));
}

#[test]
fn too_many_objects_is_fatal_and_the_limit_is_configurable() {
    let objects: Vec<_> = (0..101)
        .map(|i| obj(&format!("o{i}"), &[("myN", "1")]))
        .collect();
    let d = def(objects);
    let report = validate(&d);
    assert!(report.has_fatal());
    // Issue 18 item 7: on the first object over the limit, not an empty id.
    assert_eq!(
        report.problems[0].object_id.as_ref().map(|i| i.as_str()),
        Some("o100")
    );
    let roomy = Limits {
        max_objects: 200,
        ..Limits::default()
    };
    assert!(!validate_with(&d, &roomy).has_fatal());
}

#[test]
fn size_limits() {
    let big = "x".repeat(10_241);
    let report = validate(&def(vec![obj("A", &[("myBig", &big)])]));
    assert!(report.has_fatal());
    let fields: Vec<(String, String)> = (0..51).map(|i| (format!("my{i}"), "v".into())).collect();
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let report = validate(&def(vec![obj("A", &refs)]));
    assert!(report.errored() && !report.has_fatal());
    let half = "y".repeat(8_000);
    let report = validate(&def(vec![obj("A", &[("myA", &half), ("myB", &half)])]));
    assert!(
        report.problems[0].message.contains("15360"),
        "{:?}",
        report.problems
    );
}

#[test]
fn references_of_the_wrong_shape() {
    let a = [
        ("type", "ShellCommandActivity"),
        ("command", ">S"),
        ("workerGroup", "w"),
        ("schedule", "S"),
    ];
    let report = validate(&def(vec![obj("A", &a), obj("S", SCHEDULE)]));
    assert_error_on(&report, "A", "command", "reference in a string field");
    assert_error_on(&report, "A", "schedule", "string in a reference field");
}
