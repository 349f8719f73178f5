use super::*;

fn obj(id: &str, fields: Vec<Field>) -> PipelineObject {
    PipelineObject {
        id: ObjectId::new(id),
        name: Some(id.to_string()),
        fields,
    }
}

/// Default → Schedule; Copy → In, Out, Schedule, dependsOn Prep; Prep → Schedule.
fn sample() -> Definition {
    Definition {
        objects: vec![
            obj("Default", vec![Field::reference("schedule", "Sched")]),
            obj(
                "Sched",
                vec![
                    Field::string("type", "Schedule"),
                    Field::string("period", "1 day"),
                ],
            ),
            obj("In", vec![Field::string("type", "S3DataNode")]),
            obj(
                "Copy",
                vec![
                    Field::string("type", "CopyActivity"),
                    Field::reference("input", "In"),
                    Field::reference("schedule", "Sched"),
                    Field::reference("dependsOn", "Prep"),
                    Field::reference("output", "In"),
                ],
            ),
            obj(
                "Prep",
                vec![
                    Field::string("type", "ShellCommandActivity"),
                    Field::reference("schedule", "Sched"),
                ],
            ),
        ],
        ..Default::default()
    }
}

#[test]
fn unique_id_picks_first_free_suffix() {
    let mut d = sample();
    assert_eq!(d.unique_id("Fresh").as_str(), "Fresh");
    assert_eq!(d.unique_id("Copy").as_str(), "Copy_2");
    d.add_object(obj("Copy_2", vec![])).unwrap();
    assert_eq!(d.unique_id("Copy").as_str(), "Copy_3");
    assert_eq!(d.unique_id("Copy_2").as_str(), "Copy_3");
    assert_eq!(d.unique_id("Copy_9").as_str(), "Copy_9");
    assert_eq!(d.unique_id("").as_str(), "Object");
    d.add_object(obj("A_", vec![])).unwrap();
    assert_eq!(d.unique_id("A_").as_str(), "A__2");
}

#[test]
fn add_rejects_duplicates_and_empty_ids() {
    let mut d = sample();
    assert_eq!(
        d.add_object(obj("Copy", vec![])),
        Err(EditError::DuplicateId(ObjectId::new("Copy")))
    );
    assert_eq!(d.add_object(obj("", vec![])), Err(EditError::EmptyId));
    d.insert_object(0, obj("First", vec![])).unwrap();
    assert_eq!(d.objects[0].id.as_str(), "First");
    d.insert_object(999, obj("Last", vec![])).unwrap();
    assert_eq!(d.objects.last().unwrap().id.as_str(), "Last");
}

#[test]
fn remove_takes_incoming_references_and_restore_undoes_it() {
    let original = sample();
    let mut d = original.clone();
    let removed = d.remove_object("In").unwrap();
    assert_eq!(removed.index, 2);
    assert_eq!(
        removed.incoming,
        vec![
            RemovedField {
                object: ObjectId::new("Copy"),
                index: 1,
                field: Field::reference("input", "In"),
            },
            RemovedField {
                object: ObjectId::new("Copy"),
                index: 4,
                field: Field::reference("output", "In"),
            },
        ]
    );
    assert!(d
        .objects
        .iter()
        .all(|o| o.references().all(|(_, t)| t.as_str() != "In")));
    assert_eq!(d.object("Copy").unwrap().fields.len(), 3);
    d.restore_object(removed).unwrap();
    assert_eq!(d, original);
}

#[test]
fn remove_unknown_object_is_an_error() {
    let mut d = sample();
    assert_eq!(
        d.remove_object("Nope"),
        Err(EditError::NoSuchObject(ObjectId::new("Nope")))
    );
}

#[test]
fn restore_refuses_when_id_was_taken_again() {
    let mut d = sample();
    let removed = d.remove_object("Prep").unwrap();
    d.add_object(obj("Prep", vec![])).unwrap();
    let before = d.clone();
    assert!(d.restore_object(removed).is_err());
    assert_eq!(d, before, "a refused restore changes nothing");
}

#[test]
fn rename_updates_every_reference() {
    let mut d = sample();
    assert_eq!(d.rename_object("Sched", "Daily"), Ok(3));
    assert!(d.object("Sched").is_none());
    assert_eq!(d.position("Daily"), Some(1));
    assert_eq!(
        d.object("Copy")
            .unwrap()
            .first_ref("schedule")
            .unwrap()
            .as_str(),
        "Daily"
    );
    assert_eq!(
        d.object("Default")
            .unwrap()
            .first_ref("schedule")
            .unwrap()
            .as_str(),
        "Daily"
    );
    assert_eq!(d.rename_object("Daily", "Daily"), Ok(0));
    assert_eq!(
        d.rename_object("Daily", "Copy"),
        Err(EditError::DuplicateId(ObjectId::new("Copy")))
    );
    assert_eq!(d.rename_object("Daily", ""), Err(EditError::EmptyId));
    assert!(matches!(
        d.rename_object("Ghost", "X"),
        Err(EditError::NoSuchObject(_))
    ));
}

#[test]
fn set_field_replaces_all_values_in_place() {
    let mut d = sample();
    d.append_value("Copy", "schedule", FieldValue::Ref("Other".into()))
        .unwrap();
    let before = d.clone();
    let removed = d
        .set_field("Copy", "schedule", FieldValue::String("x".into()))
        .unwrap();
    assert_eq!(removed.len(), 2);
    let copy = d.object("Copy").unwrap();
    assert_eq!(copy.values("schedule").count(), 1);
    assert_eq!(copy.fields[2], Field::string("schedule", "x"));
    // Undo: drop the new value, restore the old ones.
    d.unset_field("Copy", "schedule").unwrap();
    d.restore_fields(removed).unwrap();
    assert_eq!(d, before);
    // A new key goes at the end.
    d.set_field("Prep", "command", FieldValue::String("echo".into()))
        .unwrap();
    assert_eq!(
        d.object("Prep").unwrap().fields.last().unwrap().key,
        "command"
    );
    assert_eq!(
        d.set_field("Prep", "", FieldValue::String("v".into())),
        Err(EditError::EmptyKey)
    );
}

#[test]
fn multi_valued_edits() {
    let mut d = sample();
    d.append_value("Prep", "scriptArgument", FieldValue::String("a".into()))
        .unwrap();
    d.append_value("Prep", "other", FieldValue::String("z".into()))
        .unwrap();
    let at = d
        .append_value("Prep", "scriptArgument", FieldValue::String("b".into()))
        .unwrap();
    assert_eq!(at, 3, "appended right after the last value of the key");
    let old = d
        .set_value("Prep", "scriptArgument", 1, FieldValue::String("B".into()))
        .unwrap();
    assert_eq!(old, FieldValue::String("b".into()));
    let args: Vec<_> = d
        .object("Prep")
        .unwrap()
        .values("scriptArgument")
        .map(|v| v.as_str().to_string())
        .collect();
    assert_eq!(args, ["a", "B"]);
    let r = d.remove_value("Prep", "scriptArgument", 0).unwrap();
    assert_eq!(r.index, 2);
    assert_eq!(
        d.remove_value("Prep", "scriptArgument", 5),
        Err(EditError::NoSuchValue {
            object: ObjectId::new("Prep"),
            key: "scriptArgument".into(),
            index: 5
        })
    );
    assert!(d.unset_field("Prep", "absent").unwrap().is_empty());
}

#[test]
fn connect_and_disconnect() {
    let mut d = sample();
    d.connect("Prep", "input", "In").unwrap();
    assert_eq!(
        d.object("Prep")
            .unwrap()
            .first_ref("input")
            .unwrap()
            .as_str(),
        "In"
    );
    assert!(matches!(
        d.connect("Prep", "input", "In"),
        Err(EditError::AlreadyConnected { .. })
    ));
    assert!(matches!(
        d.connect("Prep", "input", "Missing"),
        Err(EditError::NoSuchObject(_))
    ));
    assert!(matches!(
        d.connect("Missing", "input", "In"),
        Err(EditError::NoSuchObject(_))
    ));
    let removed = d.disconnect("Prep", "input", "In").unwrap();
    assert_eq!(removed.len(), 1);
    assert!(matches!(
        d.disconnect("Prep", "input", "In"),
        Err(EditError::NotConnected { .. })
    ));
    // Dangling references can be disconnected.
    d.append_value("Prep", "dependsOn", FieldValue::Ref("Gone".into()))
        .unwrap();
    assert_eq!(d.disconnect("Prep", "dependsOn", "Gone").unwrap().len(), 1);
}

#[test]
fn errors_have_readable_messages() {
    let e = EditError::NoSuchValue {
        object: ObjectId::new("A"),
        key: "step".into(),
        index: 0,
    };
    assert_eq!(
        e.to_string(),
        "object 'A' has no value number 1 for field 'step'"
    );
    assert_eq!(
        EditError::DuplicateId(ObjectId::new("X")).to_string(),
        "an object with id 'X' already exists"
    );
}
