//! Validation as the service does it: the shared samples validate as the
//! reference says, the seed 003 examples give the seed's exact responses,
//! and every catalog type has valid and invalid examples generated from
//! the catalog itself.
//!
//! The samples are read from `/work/shared/samples` (override with the
//! `PIPELINE_STUDIO_SAMPLES` environment variable).

use pipeline_studio::model::catalog::{self, keys, names, FieldInfo, Kind, Rule, Target, TypeInfo};
use pipeline_studio::model::validate::{validate, validate_with, Limits, Report, Severity};
use pipeline_studio::model::{
    Definition, Field, ParameterAttribute, ParameterObject, ParameterValue, PipelineObject,
};
use serde_json::Value;

// ---------------------------------------------------------------------------
// A tiny reader for API- and CLI-shaped JSON (until model::formats lands).

fn definition(v: &Value) -> Definition {
    let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let mut def = Definition::default();
    if let Some(objs) = v.get("pipelineObjects").and_then(Value::as_array) {
        for o in objs {
            let mut obj = PipelineObject::new(s(&o["id"]), s(&o["name"]));
            for f in o["fields"].as_array().into_iter().flatten() {
                let key = s(&f["key"]);
                obj.fields.push(match f.get("refValue") {
                    Some(r) => Field::reference(key, s(r)),
                    None => Field::string(key, s(&f["stringValue"])),
                });
            }
            def.objects.push(obj);
        }
        for p in v["parameterObjects"].as_array().into_iter().flatten() {
            let attributes = p["attributes"].as_array().into_iter().flatten();
            def.parameters.push(ParameterObject {
                id: s(&p["id"]),
                attributes: attributes
                    .map(|a| ParameterAttribute {
                        key: s(&a["key"]),
                        string_value: s(&a["stringValue"]),
                    })
                    .collect(),
            });
        }
        for pv in v["parameterValues"].as_array().into_iter().flatten() {
            def.values.push(ParameterValue {
                id: s(&pv["id"]),
                string_value: s(&pv["stringValue"]),
            });
        }
        return def;
    }
    let one = |key: &str, v: &Value| match v.get("ref") {
        Some(r) => Field::reference(key, s(r)),
        None => Field::string(key, s(v)),
    };
    for o in v["objects"].as_array().into_iter().flatten() {
        let map = o.as_object().expect("object");
        let id = s(&o["id"]);
        let mut obj = PipelineObject {
            name: Some(o.get("name").map_or(id.clone(), s)),
            ..PipelineObject::new(id, "")
        };
        for (k, v) in map.iter().filter(|(k, _)| *k != "id" && *k != "name") {
            match v.as_array() {
                Some(items) => obj.fields.extend(items.iter().map(|i| one(k, i))),
                None => obj.fields.push(one(k, v)),
            }
        }
        def.objects.push(obj);
    }
    for p in v["parameters"].as_array().into_iter().flatten() {
        let mut param = ParameterObject {
            id: s(&p["id"]),
            attributes: Vec::new(),
        };
        for (k, v) in p
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(k, _)| *k != "id")
        {
            let items = v.as_array().cloned().unwrap_or_else(|| vec![v.clone()]);
            param
                .attributes
                .extend(items.iter().map(|i| ParameterAttribute {
                    key: k.clone(),
                    string_value: s(i),
                }));
        }
        def.parameters.push(param);
    }
    for (k, v) in v["values"].as_object().into_iter().flatten() {
        let items = v.as_array().cloned().unwrap_or_else(|| vec![v.clone()]);
        def.values.extend(items.iter().map(|i| ParameterValue {
            id: k.clone(),
            string_value: s(i),
        }));
    }
    def
}

fn sample(name: &str) -> Definition {
    let dir = std::env::var("PIPELINE_STUDIO_SAMPLES")
        .unwrap_or_else(|_| "/work/shared/samples".to_string());
    let text = std::fs::read_to_string(format!("{dir}/{name}")).expect("sample readable");
    definition(&serde_json::from_str(&text).expect("sample is JSON"))
}

fn errors_of<'a>(r: &'a Report, id: &str) -> Vec<&'a str> {
    r.for_object(id)
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.message.as_str())
        .collect()
}

// ---------------------------------------------------------------------------
// The samples.

#[test]
fn seed_sayhello_is_accepted_with_errored_false_exactly() {
    let report = validate(&sample("seed-sayhello-put-request.json"));
    assert_eq!(report.problems, vec![]);
    assert_eq!(report.to_service_json().to_string(), r#"{"errored":false}"#);
    assert_eq!(report.fatal_message(), None);
}

#[test]
fn seed_empty_worker_group_is_fatal_with_the_seed_message() {
    let report = validate(&sample("seed-sayhello-empty-workergroup-put-request.json"));
    assert!(report.has_fatal());
    let fatal: Vec<_> = report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Fatal)
        .collect();
    assert_eq!(fatal.len(), 1);
    assert_eq!(fatal[0].object_id.as_ref().unwrap().as_str(), "Default");
    assert_eq!(fatal[0].field.as_deref(), Some("workerGroup"));
    assert_eq!(
        report.fatal_message().unwrap(),
        "Pipeline definition has errors: Could not save the pipeline definition due to FATAL \
         errors: [com.amazon.setl.webservice.ValidationError@108d7ea9] Please call Validate to \
         validate your pipeline"
    );
}

#[test]
fn other_fatal_definitions_get_other_deterministic_tokens() {
    let mut def = sample("seed-sayhello-empty-workergroup-put-request.json");
    def.objects[2].fields.push(Field::string("command", ""));
    let a = validate(&def).fatal_message().unwrap();
    assert_eq!(a, validate(&def).fatal_message().unwrap());
    assert_eq!(a.matches("ValidationError@").count(), 2, "{a}");
    assert!(a.contains("ValidationError@108d7ea9, "), "{a}");
    def.objects[0].fields[0] = Field::string("role", "");
    let b = validate(&def).fatal_message().unwrap();
    assert!(!b.contains("108d7ea9"), "{b}");
}

#[test]
fn seed_bad_start_date_time_gives_the_service_message() {
    let mut def = sample("seed-sayhello-put-request.json");
    def.object_mut("Schedule").unwrap().fields[0] = Field::string("startDateTime", "bad-time");
    let report = validate(&def);
    assert!(!report.has_fatal());
    assert_eq!(
        report.to_service_json(),
        serde_json::json!({"errored": true, "validationErrors": [{"id": "Schedule", "errors": [
            "INVALID_FIELD_VALUE:  'startDateTime' value must be a literal datetime value."
        ]}]})
    );
}

#[test]
fn diagnose_pipeline_is_valid() {
    // Its activity routes with runsOn (no workerGroup anywhere).
    let report = validate(&sample("diagnose_pipeline.json"));
    assert_eq!(report.problems, vec![]);
    assert_eq!(report.to_service_json().to_string(), r#"{"errored":false}"#);
}

const ORACLE_PARAMETERS: [&str; 9] = [
    "myBackupLocation",
    "myTerminateAfter",
    "myPipelineLogUri",
    "myOracleDriverLocation",
    "myOracleHost",
    "myOraclePort",
    "myOracleDatabase",
    "myOracleUser",
    "myOraclePassword",
];

#[test]
fn oracle_backup_without_its_parameters_names_each_undefined_one() {
    // The file ships with `"parameters": []`; its parameters.json/values.json
    // are separate files, so on its own every #{myX} is undefined (§10).
    let def = sample("oracle-backup-definition.json");
    let report = validate(&def);
    assert!(report.errored() && !report.has_fatal());
    for p in &report.problems {
        assert_eq!(p.severity, Severity::Error, "{p:?}");
        assert!(p.message.starts_with("UNDEFINED_PARAMETER:  "), "{p:?}");
    }
    let mut used: Vec<&str> = ORACLE_PARAMETERS.to_vec();
    used.push("myOracleTable");
    for name in used {
        assert!(
            report
                .problems
                .iter()
                .any(|p| p.message.contains(&format!("#{{{name}}}"))),
            "{name} not reported"
        );
    }
    let s3 = report.for_field("S3", "directoryPath").count();
    assert_eq!(s3, 1, "#{{day(@scheduledStartTime)}} is not a parameter");
    let jdbc: Vec<_> = report
        .for_field("OracleDatabase", "connectionString")
        .collect();
    assert_eq!(jdbc.len(), 3);
}

#[test]
fn oracle_backup_with_declared_parameters_is_valid() {
    let mut def = sample("oracle-backup-definition.json");
    for name in ORACLE_PARAMETERS.iter().chain(["myOracleTable"].iter()) {
        def.parameters.push(ParameterObject {
            id: name.to_string(),
            attributes: vec![ParameterAttribute {
                key: "default".into(),
                string_value: "x".into(),
            }],
        });
    }
    let report = validate(&def);
    assert_eq!(report.problems, vec![]);
}

#[test]
fn oracle_backup_parameters_without_values_warn() {
    let mut def = sample("oracle-backup-definition.json");
    for name in ORACLE_PARAMETERS.iter().chain(["myOracleTable"].iter()) {
        def.parameters.push(ParameterObject {
            id: name.to_string(),
            attributes: vec![],
        });
    }
    def.values.push(ParameterValue {
        id: "myOracleTable".into(),
        string_value: "T".into(),
    });
    let report = validate(&def);
    assert!(!report.errored());
    let warned: Vec<_> = report
        .problems
        .iter()
        .map(|p| p.object_id.clone().unwrap())
        .collect();
    assert_eq!(warned.len(), ORACLE_PARAMETERS.len());
    assert!(!warned.iter().any(|id| id.as_str() == "myOracleTable"));
}

// ---------------------------------------------------------------------------
// Examples generated from the catalog.

/// A literal value of `f`'s kind within its bounds (not for references).
fn valid_literal(f: &FieldInfo) -> String {
    match f.kind {
        Kind::Integer => f
            .min
            .unwrap_or(1)
            .max(1)
            .min(f.max.unwrap_or(i64::MAX))
            .to_string(),
        Kind::Double => "1.5".into(),
        Kind::Boolean => "true".into(),
        Kind::Period => "1 hour".into(),
        Kind::DateTime => "2024-01-01T00:00:00".into(),
        Kind::Enum(values) => values[0].into(),
        Kind::String | Kind::Expression | Kind::Reference(_) => "x".into(),
    }
}

/// A literal that is not of `f`'s kind, for kinds that have a syntax.
fn invalid_literal(f: &FieldInfo) -> Option<&'static str> {
    match f.kind {
        Kind::Integer => Some("many"),
        Kind::Double => Some("lots"),
        Kind::Boolean => Some("maybe"),
        Kind::Period => Some("15 Period"),
        Kind::DateTime => Some("bad-time"),
        Kind::Enum(_) => Some("NO_SUCH_VALUE"),
        Kind::Reference(_) => Some("not-a-reference"),
        Kind::String | Kind::Expression => None,
    }
}

fn first_target(targets: &[Target]) -> &'static TypeInfo {
    match targets[0] {
        Target::Type(n) => catalog::type_info(n).unwrap(),
        Target::Category(c) => catalog::types_in(c).next().unwrap(),
        Target::Any => catalog::type_info(names::SCHEDULE).unwrap(),
    }
}

/// Add a value of `f` to `obj` (creating a target object for references).
fn add_valid(def: &mut Definition, obj: &mut PipelineObject, f: &FieldInfo, depth: usize) {
    match f.kind {
        Kind::Reference(targets) => {
            let target_id = format!("{}_{}", obj.id, f.key.trim_start_matches('*'));
            if def.object(&target_id).is_none() {
                fill(def, first_target(targets), &target_id, depth + 1);
            }
            obj.fields.push(Field::reference(f.key, target_id));
        }
        _ => obj.fields.push(Field::string(f.key, valid_literal(f))),
    }
}

/// Add object `id` of type `t` with its required fields and one member of
/// each required one-of group; return its index.
fn fill(def: &mut Definition, t: &'static TypeInfo, id: &str, depth: usize) {
    assert!(depth < 6, "reference chain too deep at {}", t.name);
    let mut obj = PipelineObject::new(id, id);
    if !t.open {
        obj.fields.push(Field::string(keys::TYPE, t.name));
    }
    for f in catalog::fields_for(t.name)
        .into_iter()
        .filter(|f| f.required)
    {
        add_valid(def, &mut obj, f, depth);
    }
    for r in t.all_rules() {
        if let Rule::OneOf {
            keys,
            required: true,
            ..
        } = r
        {
            if !keys.iter().any(|k| obj.first(k).is_some()) {
                let f = catalog::field_info(t.name, keys[0]).unwrap();
                add_valid(def, &mut obj, f, depth);
            }
        }
    }
    def.objects.push(obj);
}

fn example(t: &'static TypeInfo) -> Definition {
    let mut def = Definition::default();
    fill(&mut def, t, t.name, 0);
    def
}

fn main_object<'a>(def: &'a mut Definition, t: &TypeInfo) -> &'a mut PipelineObject {
    def.object_mut(t.name).unwrap()
}

fn assert_error_on(report: &Report, id: &str, key: &str, what: &str) {
    let hit = report
        .for_field(id, key)
        .any(|p| p.severity == Severity::Error && p.message.contains(&format!("'{key}'")));
    assert!(
        hit,
        "{what}: expected an error on {id}.{key}, got {:#?}",
        report.problems
    );
}

#[test]
fn every_type_has_a_valid_generated_example() {
    for t in catalog::types() {
        let def = example(t);
        let report = validate(&def);
        assert_eq!(report.problems, vec![], "{}: {:#?}", t.name, def);
    }
}

#[test]
fn dropping_a_required_field_is_an_error_naming_it() {
    let mut checked = 0;
    for t in catalog::types() {
        for f in catalog::fields_for(t.name)
            .into_iter()
            .filter(|f| f.required)
        {
            let mut def = example(t);
            main_object(&mut def, t).fields.retain(|g| g.key != f.key);
            let report = validate(&def);
            assert!(!report.has_fatal());
            assert_error_on(&report, t.name, f.key, "missing required field");
            checked += 1;
        }
    }
    assert!(checked > 30, "only {checked} required fields");
}

#[test]
fn dropping_a_required_one_of_group_is_an_error_naming_it() {
    let mut checked = 0;
    for t in catalog::types() {
        for r in t.all_rules() {
            let Rule::OneOf {
                keys,
                required: true,
                ..
            } = r
            else {
                continue;
            };
            let mut def = example(t);
            main_object(&mut def, t)
                .fields
                .retain(|g| !keys.contains(&g.key.as_str()));
            let report = validate(&def);
            assert_error_on(&report, t.name, keys[0], "missing one-of group");
            let m = &report.for_field(t.name, keys[0]).next().unwrap().message;
            assert!(keys.iter().all(|k| m.contains(k)), "{m}");
            checked += 1;
        }
    }
    assert!(checked > 15);
}

#[test]
fn setting_both_of_an_exclusive_group_is_an_error() {
    for t in catalog::types() {
        for r in t.all_rules() {
            let Rule::OneOf {
                keys,
                exclusive: true,
                ..
            } = r
            else {
                continue;
            };
            let mut def = example(t);
            let mut obj = def.object(t.name).unwrap().clone();
            for k in keys.iter() {
                if obj.first(k).is_none() {
                    add_valid(
                        &mut def,
                        &mut obj,
                        catalog::field_info(t.name, k).unwrap(),
                        0,
                    );
                }
            }
            *main_object(&mut def, t) = obj;
            let report = validate(&def);
            assert!(report.errored(), "{}: both of {keys:?}", t.name);
        }
    }
}

#[test]
fn every_type_rejects_a_reference_to_a_missing_object() {
    for t in catalog::types() {
        let mut def = example(t);
        main_object(&mut def, t)
            .fields
            .push(Field::reference(keys::PARENT, "NoSuchObject"));
        let report = validate(&def);
        assert_error_on(&report, t.name, keys::PARENT, "missing parent");
    }
}

#[test]
fn every_checked_field_rejects_a_value_of_the_wrong_kind() {
    let mut checked = 0;
    for t in catalog::types() {
        for f in catalog::fields_for(t.name) {
            let Some(bad) = invalid_literal(f) else {
                continue;
            };
            let mut def = example(t);
            let obj = main_object(&mut def, t);
            obj.fields.retain(|g| g.key != f.key);
            obj.fields.push(Field::string(f.key, bad));
            let report = validate(&def);
            assert_error_on(&report, t.name, f.key, "bad literal");
            checked += 1;
        }
    }
    assert!(checked > 300, "only {checked}");
}

#[test]
fn every_reference_field_rejects_a_target_of_the_wrong_type() {
    for t in catalog::types() {
        for f in catalog::fields_for(t.name) {
            let Kind::Reference(targets) = f.kind else {
                continue;
            };
            let Some(wrong) =
                catalog::types().find(|w| !w.open && !targets.iter().any(|a| a.accepts(w.name)))
            else {
                continue; // accepts anything
            };
            let mut def = example(t);
            fill(&mut def, wrong, "WrongTarget", 0);
            let obj = main_object(&mut def, t);
            obj.fields.retain(|g| g.key != f.key);
            obj.fields.push(Field::reference(f.key, "WrongTarget"));
            let report = validate(&def);
            assert_error_on(&report, t.name, f.key, "wrong target type");
            assert!(!catalog::is_reference_allowed(t.name, f.key, wrong.name));
        }
    }
}

#[test]
fn every_unconstrained_field_accepts_a_value_of_its_kind() {
    for t in catalog::types().filter(|t| !t.open) {
        let in_rule = |key: &str| {
            t.all_rules().any(|r| match r {
                Rule::OneOf { keys, .. } => keys.contains(&key),
                Rule::NotWith(a, b) | Rule::Requires(a, b) | Rule::After(a, b) => {
                    *a == key || *b == key
                }
            })
        };
        for f in catalog::fields_for(t.name) {
            if f.required || in_rule(f.key) || f.key == keys::TYPE || f.key == keys::PARENT {
                continue;
            }
            let mut def = example(t);
            let mut obj = def.object(t.name).unwrap().clone();
            add_valid(&mut def, &mut obj, f, 0);
            *main_object(&mut def, t) = obj;
            let report = validate(&def);
            assert_eq!(report.problems, vec![], "{}.{}", t.name, f.key);
        }
    }
}

#[test]
fn unknown_fields_warn_and_user_fields_do_not() {
    let t = catalog::type_info(names::SCHEDULE).unwrap();
    let mut def = example(t);
    let obj = main_object(&mut def, t);
    obj.fields.push(Field::string("comment", "hi"));
    obj.fields.push(Field::string("myComment", "hi"));
    obj.fields.push(Field::reference("myRef", "Nowhere"));
    let report = validate(&def);
    let problems: Vec<_> = report
        .problems
        .iter()
        .map(|p| (p.severity, p.field.as_deref()))
        .collect();
    assert_eq!(
        problems,
        [
            (Severity::Warning, Some("comment")),
            (Severity::Error, Some("myRef"))
        ]
    );
}

// ---------------------------------------------------------------------------
// Rules after inheritance, schedules, cycles, parameters and limits.

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
    assert_eq!(report.problems[0].object_id, None);
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
