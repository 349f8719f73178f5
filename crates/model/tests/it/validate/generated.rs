//! Valid and invalid examples generated from the catalog: every type, every
//! required field and one-of group, every field with a checkable kind and
//! every reference field.

use super::assert_error_on;
use model::catalog::{self, keys, names, FieldInfo, Kind, Rule, Target, TypeInfo};
use model::validate::{validate, Severity};
use model::{Definition, Field, PipelineObject};

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
