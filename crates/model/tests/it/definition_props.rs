//! Property tests for the editing operations of `model::definition`: what
//! an operation returns is enough to undo it exactly, and the operations
//! keep their promises (no reference to a removed object is left, a rename
//! reaches every reference).
//!
//! Long run: `PROPTEST_CASES=100000 cargo test --no-default-features --test model_definition_props`.
#![cfg(not(target_arch = "wasm32"))]

use model::{Definition, Field, FieldValue, ObjectId, PipelineObject};
use proptest::prelude::*;

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

/// Ids from a small pool, so that references often hit (and sometimes miss).
const IDS: &[&str] = &["A", "B", "C", "D", "E", "F"];
const KEYS: &[&str] = &["schedule", "input", "dependsOn", "step", "type"];

fn field() -> impl Strategy<Value = Field> {
    (
        prop::sample::select(KEYS),
        prop::sample::select(&["A", "B", "C", "D", "E", "F", "Ghost"][..]),
        any::<bool>(),
    )
        .prop_map(|(k, v, is_ref)| {
            if is_ref {
                Field::reference(k, v)
            } else {
                Field::string(k, v)
            }
        })
}

/// Objects with distinct ids (a subset of the pool, in shuffled order).
fn definition() -> impl Strategy<Value = Definition> {
    (
        Just(IDS.to_vec()).prop_shuffle(),
        1..=IDS.len(),
        prop::collection::vec(prop::collection::vec(field(), 0..7), IDS.len()),
    )
        .prop_map(|(ids, n, fields)| Definition {
            objects: ids
                .into_iter()
                .take(n)
                .zip(fields)
                .map(|(id, fields)| PipelineObject {
                    id: ObjectId::new(id),
                    name: Some(id.to_string()),
                    fields,
                })
                .collect(),
            ..Default::default()
        })
}

fn refs_to(d: &Definition, id: &str) -> usize {
    d.objects
        .iter()
        .flat_map(|o| o.references())
        .filter(|(_, t)| t.as_str() == id)
        .count()
}

proptest! {
    #![proptest_config(cases(512))]

    #[test]
    fn remove_then_restore_is_the_identity(d in definition(), pick in 0usize..8) {
        let id = IDS[pick % IDS.len()];
        let mut e = d.clone();
        match e.remove_object(id) {
            Ok(removed) => {
                let self_refs = d.object(id).map_or(0, |o| {
                    o.references().filter(|(_, t)| t.as_str() == id).count()
                });
                prop_assert_eq!(removed.incoming.len() + self_refs, refs_to(&d, id));
                prop_assert_eq!(refs_to(&e, id), 0);
                prop_assert_eq!(e.objects.len() + 1, d.objects.len());
                e.restore_object(removed).unwrap();
                prop_assert_eq!(e, d);
            }
            Err(_) => {
                prop_assert!(!d.contains(id));
                prop_assert_eq!(e, d);
            }
        }
    }

    #[test]
    fn rename_reaches_every_reference_and_renames_back(d in definition(), pick in 0usize..8) {
        let Some(id) = d.objects.get(pick % d.objects.len()).map(|o| o.id.0.clone()) else {
            return Ok(());
        };
        let fresh = d.unique_id("Renamed");
        let before = refs_to(&d, &id);
        let mut e = d.clone();
        prop_assert_eq!(e.rename_object(&id, fresh.as_str()), Ok(before));
        prop_assert_eq!(refs_to(&e, &id), 0);
        prop_assert_eq!(refs_to(&e, fresh.as_str()), before);
        prop_assert_eq!(e.rename_object(fresh.as_str(), &id), Ok(before));
        prop_assert_eq!(e, d);
    }

    #[test]
    fn field_edits_undo_exactly(
        d in definition(),
        pick in 0usize..8,
        key in prop::sample::select(KEYS),
        index in 0usize..3,
        target in prop::sample::select(IDS),
    ) {
        let id = d.objects[pick % d.objects.len()].id.0.clone();
        let value = FieldValue::String("new".into());

        // set_field: drop the new value, restore the old ones.
        let mut e = d.clone();
        let removed = e.set_field(&id, key, value.clone()).unwrap();
        prop_assert_eq!(e.object(&id).unwrap().values(key).count(), 1);
        let added = e.unset_field(&id, key).unwrap();
        prop_assert_eq!(added.len(), 1);
        e.restore_fields(removed).unwrap();
        prop_assert_eq!(&e, &d);

        // set_value / remove_value.
        let mut e = d.clone();
        let count = d.object(&id).unwrap().values(key).count();
        match e.set_value(&id, key, index, value.clone()) {
            Ok(old) => {
                prop_assert!(index < count);
                e.set_value(&id, key, index, old).unwrap();
                prop_assert_eq!(&e, &d);
                let r = e.remove_value(&id, key, index).unwrap();
                prop_assert_eq!(e.object(&id).unwrap().values(key).count(), count - 1);
                e.restore_fields(vec![r]).unwrap();
                prop_assert_eq!(&e, &d);
            }
            Err(_) => {
                prop_assert!(index >= count);
                prop_assert_eq!(&e, &d);
            }
        }

        // connect / disconnect.
        let mut e = d.clone();
        match e.connect(&id, key, target) {
            Ok(at) => {
                prop_assert_eq!(
                    &e.object(&id).unwrap().fields[at],
                    &Field::reference(key, target)
                );
                let removed = e.disconnect(&id, key, target).unwrap();
                prop_assert_eq!(removed.len(), 1);
                prop_assert_eq!(&e, &d);
            }
            Err(_) => prop_assert_eq!(&e, &d),
        }
        let mut e = d.clone();
        if let Ok(removed) = e.disconnect(&id, key, target) {
            e.restore_fields(removed).unwrap();
        }
        prop_assert_eq!(&e, &d);
    }
}
