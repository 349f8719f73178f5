//! Unit tests of the catalog's table and lookups.

use super::*;
use crate::time::Period;

#[test]
fn type_names_are_unique_and_every_category_has_types() {
    let names: Vec<_> = types().map(|t| t.name).collect();
    for (i, n) in names.iter().enumerate() {
        assert!(!names[..i].contains(n), "duplicate type {n}");
    }
    for c in categories() {
        assert!(types_in(*c).count() > 0, "empty category {}", c.label());
    }
    assert_eq!(types().count(), 39);
}

#[test]
fn own_field_keys_are_unique() {
    for t in types() {
        for (i, f) in t.fields.iter().enumerate() {
            assert!(
                !t.fields[..i].iter().any(|g| g.key == f.key),
                "{}: duplicate field {}",
                t.name,
                f.key
            );
        }
    }
}

#[test]
fn reference_targets_name_catalog_types() {
    let groups = [&UNIVERSAL, &RUNNABLE, &ACTIVITY, &PRECONDITION];
    let all = types()
        .flat_map(|t| t.fields.iter())
        .chain(groups.iter().flat_map(|g| g.fields.iter()));
    for f in all {
        if let Kind::Reference(targets) = f.kind {
            assert!(!targets.is_empty(), "{} has no targets", f.key);
            for t in targets {
                if let Target::Type(n) = t {
                    assert!(type_info(n).is_some(), "{} targets unknown type {n}", f.key);
                }
            }
        }
        if let Kind::Enum(values) = f.kind {
            assert!(!values.is_empty());
        }
    }
}

#[test]
fn rules_name_fields_of_their_type() {
    for t in types() {
        for r in t.all_rules() {
            let keys: Vec<&str> = match r {
                Rule::OneOf { keys, .. } => keys.to_vec(),
                Rule::NotWith(a, b) | Rule::Requires(a, b) | Rule::After(a, b) => vec![a, b],
            };
            for k in keys {
                assert!(
                    field_info(t.name, k).is_some(),
                    "{}: rule names unknown {k}",
                    t.name
                );
            }
        }
    }
}

#[test]
fn defaults_are_valid_values_of_their_kind() {
    for f in RUNNABLE.fields {
        let Some(d) = f.default else { continue };
        match f.kind {
            Kind::Period => assert!(Period::parse(d).is_some(), "{}", f.key),
            Kind::Integer => assert!(d.parse::<i64>().is_ok(), "{}", f.key),
            Kind::Enum(values) => assert!(values.contains(&d), "{}", f.key),
            _ => {}
        }
    }
    let retries = field_info(names::SHELL_COMMAND_ACTIVITY, keys::MAXIMUM_RETRIES).unwrap();
    assert_eq!(retries.default, Some(defaults::MAXIMUM_RETRIES_TEXT));
}

#[test]
fn field_info_includes_shared_and_universal_fields() {
    let f = field_info(names::SHELL_COMMAND_ACTIVITY, keys::SCHEDULE).unwrap();
    assert!(matches!(f.kind, Kind::Reference(_)));
    assert!(field_info(names::SHELL_COMMAND_ACTIVITY, keys::COMMAND).is_some());
    assert!(field_info(names::SCHEDULE, keys::PARENT).is_some());
    assert!(field_info(names::SCHEDULE, keys::TYPE).is_some());
    assert!(field_info(names::SCHEDULE, keys::RUNS_ON).is_none());
    assert!(field_info(names::S3_KEY_EXISTS, keys::PRECONDITION_TIMEOUT).is_some());
    assert!(field_info("NoSuchType", keys::TYPE).is_none());
    // The Default object accepts any field some type has.
    assert!(field_info(names::DEFAULT, "terminateAfter").is_some());
    assert!(field_info(names::DEFAULT, "noSuchField").is_none());
}

#[test]
fn own_fields_override_shared_ones() {
    let f = field_info(names::EMR_ACTIVITY, keys::RUNS_ON).unwrap();
    assert_eq!(f.kind, Kind::Reference(&[Target::Type(names::EMR_CLUSTER)]));
    assert!(!is_reference_allowed(
        names::EMR_ACTIVITY,
        keys::RUNS_ON,
        names::EC2_RESOURCE
    ));
    assert!(is_reference_allowed(
        names::SHELL_COMMAND_ACTIVITY,
        keys::RUNS_ON,
        names::EC2_RESOURCE
    ));
}

#[test]
fn reference_rules() {
    let a = names::SHELL_COMMAND_ACTIVITY;
    assert!(is_reference_allowed(a, keys::SCHEDULE, names::SCHEDULE));
    assert!(!is_reference_allowed(
        a,
        keys::SCHEDULE,
        names::EC2_RESOURCE
    ));
    assert!(is_reference_allowed(a, keys::INPUT, names::S3_DATA_NODE));
    assert!(is_reference_allowed(
        a,
        keys::DEPENDS_ON,
        names::COPY_ACTIVITY
    ));
    assert!(is_reference_allowed(a, keys::ON_FAIL, names::SNS_ALARM));
    assert!(is_reference_allowed(a, keys::PARENT, names::SCHEDULE));
    assert!(!is_reference_allowed(a, keys::COMMAND, names::SCHEDULE));
    assert!(is_reference_allowed(a, "myAnything", names::SCHEDULE));
}

#[test]
fn fields_for_lists_required_first_without_duplicates() {
    let fs = fields_for(names::SCHEDULE);
    assert_eq!(fs[0].key, keys::PERIOD);
    let pos = |k: &str| fs.iter().position(|f| f.key == k).unwrap();
    assert!(pos(keys::START_AT) < pos(keys::OCCURRENCES));
    let fs = fields_for(names::HIVE_ACTIVITY);
    let runs_on: Vec<_> = fs.iter().filter(|f| f.key == keys::RUNS_ON).collect();
    assert_eq!(runs_on.len(), 1);
    assert_eq!(
        runs_on[0].kind,
        Kind::Reference(&[Target::Type(names::EMR_CLUSTER)])
    );
    let first_optional = fs.iter().position(|f| !f.required).unwrap();
    assert!(fs[first_optional..].iter().all(|f| !f.required));
    assert!(fields_for("NoSuchType").is_empty());
}

#[test]
fn preconditions_say_who_runs_them() {
    for t in types() {
        assert_eq!(
            t.managed.is_some(),
            t.category == Category::Preconditions,
            "{}",
            t.name
        );
    }
    assert_eq!(
        type_info(names::S3_KEY_EXISTS).unwrap().managed,
        Some(Managed::System)
    );
    assert_eq!(
        type_info(names::EXISTS).unwrap().managed,
        Some(Managed::User)
    );
}

#[test]
fn runnable_types_are_the_four_runnable_categories() {
    for t in types() {
        let expect = matches!(
            t.category,
            Category::Activities
                | Category::DataNodes
                | Category::Resources
                | Category::Preconditions
        ) || t.open;
        assert_eq!(t.is_runnable(), expect, "{}", t.name);
    }
}

#[test]
fn user_and_runtime_field_names() {
    assert!(is_user_field("myComment"));
    assert!(is_user_field("*myPassword"));
    assert!(!is_user_field("comment"));
    assert!(is_runtime_field("@status"));
}
