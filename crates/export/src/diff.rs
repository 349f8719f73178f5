//! What a push would change: the deployed definition (GetPipelineDefinition)
//! against the drawing, as objects added, removed and changed (fields
//! added, removed, changed; the name counts as a field), parameter objects
//! and parameter values likewise. Shown before a push replaces a deployed
//! definition.
//!
//! A multi-valued key (several `dependsOn`, say) is compared as a whole:
//! its values as a multiset, so the service returning them in another
//! order is no change. Object order is not compared either (the service
//! does not keep it meaningful). Left out: a line-by-line text diff.

use model::{Definition, FieldValue, ParameterObject, PipelineObject};
use std::collections::{BTreeMap, BTreeSet};

/// One key's values before and after (empty = absent).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    pub key: String,
    pub deployed: Vec<FieldValue>,
    pub drawing: Vec<FieldValue>,
}

impl FieldChange {
    pub fn kind(&self) -> ChangeKind {
        match (self.deployed.is_empty(), self.drawing.is_empty()) {
            (true, _) => ChangeKind::Added,
            (_, true) => ChangeKind::Removed,
            _ => ChangeKind::Changed,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        }
    }
}

/// A pipeline object, a parameter object or the values of one parameter
/// that differ; `fields` lists what differs (for an added or removed
/// object: all its fields).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemChange {
    pub id: String,
    pub kind: ChangeKind,
    pub fields: Vec<FieldChange>,
}

/// Everything that differs, deployed → drawing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DefinitionDiff {
    pub objects: Vec<ItemChange>,
    pub parameters: Vec<ItemChange>,
    /// One entry per parameter id whose values differ (key `stringValue`).
    pub values: Vec<ItemChange>,
}

/// The key under which a name change is listed.
pub const NAME_KEY: &str = "name";
/// The key under which parameter values are listed.
pub const VALUE_KEY: &str = "stringValue";

fn object_keys(o: &PipelineObject) -> BTreeMap<String, Vec<FieldValue>> {
    let mut m: BTreeMap<String, Vec<FieldValue>> = BTreeMap::new();
    m.insert(
        NAME_KEY.to_string(),
        vec![FieldValue::String(o.display_name().to_string())],
    );
    for f in &o.fields {
        m.entry(f.key.clone()).or_default().push(f.value.clone());
    }
    m
}

fn parameter_keys(p: &ParameterObject) -> BTreeMap<String, Vec<FieldValue>> {
    let mut m: BTreeMap<String, Vec<FieldValue>> = BTreeMap::new();
    for a in &p.attributes {
        m.entry(a.key.clone())
            .or_default()
            .push(FieldValue::String(a.string_value.clone()));
    }
    m
}

fn sorted(v: &[FieldValue]) -> Vec<&FieldValue> {
    let mut s: Vec<&FieldValue> = v.iter().collect();
    s.sort_by(|a, b| {
        let rank = |x: &FieldValue| matches!(x, FieldValue::Ref(_));
        (rank(a), a.as_str()).cmp(&(rank(b), b.as_str()))
    });
    s
}

/// The keys whose values differ between two key maps.
fn field_changes(
    deployed: &BTreeMap<String, Vec<FieldValue>>,
    drawing: &BTreeMap<String, Vec<FieldValue>>,
) -> Vec<FieldChange> {
    let keys: BTreeSet<&String> = deployed.keys().chain(drawing.keys()).collect();
    keys.into_iter()
        .filter_map(|k| {
            let before = deployed.get(k).cloned().unwrap_or_default();
            let after = drawing.get(k).cloned().unwrap_or_default();
            (sorted(&before) != sorted(&after)).then(|| FieldChange {
                key: k.clone(),
                deployed: before,
                drawing: after,
            })
        })
        .collect()
}

/// Compare items by id: removed and changed in deployed order, then added
/// in drawing order.
fn items(
    deployed: &[(String, BTreeMap<String, Vec<FieldValue>>)],
    drawing: &[(String, BTreeMap<String, Vec<FieldValue>>)],
) -> Vec<ItemChange> {
    let after: BTreeMap<&str, &BTreeMap<String, Vec<FieldValue>>> =
        drawing.iter().map(|(id, m)| (id.as_str(), m)).collect();
    let before_ids: BTreeSet<&str> = deployed.iter().map(|(id, _)| id.as_str()).collect();
    let empty = BTreeMap::new();
    let mut out = Vec::new();
    for (id, before) in deployed {
        let (kind, now) = match after.get(id.as_str()) {
            Some(now) => (ChangeKind::Changed, *now),
            None => (ChangeKind::Removed, &empty),
        };
        let fields = field_changes(before, now);
        if !fields.is_empty() {
            out.push(ItemChange {
                id: id.clone(),
                kind,
                fields,
            });
        }
    }
    for (id, now) in drawing {
        if !before_ids.contains(id.as_str()) {
            out.push(ItemChange {
                id: id.clone(),
                kind: ChangeKind::Added,
                fields: field_changes(&empty, now),
            });
        }
    }
    out
}

fn values_by_id(d: &Definition) -> Vec<(String, BTreeMap<String, Vec<FieldValue>>)> {
    let mut order: Vec<String> = Vec::new();
    let mut m: BTreeMap<String, Vec<FieldValue>> = BTreeMap::new();
    for v in &d.values {
        if !m.contains_key(&v.id) {
            order.push(v.id.clone());
        }
        m.entry(v.id.clone())
            .or_default()
            .push(FieldValue::String(v.string_value.clone()));
    }
    order
        .into_iter()
        .map(|id| {
            let vals = m.remove(&id).unwrap_or_default();
            (id, BTreeMap::from([(VALUE_KEY.to_string(), vals)]))
        })
        .collect()
}

/// What replacing `deployed` with `drawing` changes.
pub fn diff(deployed: &Definition, drawing: &Definition) -> DefinitionDiff {
    let objects = |d: &Definition| {
        d.objects
            .iter()
            .map(|o| (o.id.as_str().to_string(), object_keys(o)))
            .collect::<Vec<_>>()
    };
    let parameters = |d: &Definition| {
        d.parameters
            .iter()
            .map(|p| (p.id.clone(), parameter_keys(p)))
            .collect::<Vec<_>>()
    };
    DefinitionDiff {
        objects: items(&objects(deployed), &objects(drawing)),
        parameters: items(&parameters(deployed), &parameters(drawing)),
        values: items(&values_by_id(deployed), &values_by_id(drawing)),
    }
}

impl DefinitionDiff {
    pub fn is_empty(&self) -> bool {
        self.objects.is_empty() && self.parameters.is_empty() && self.values.is_empty()
    }

    /// `2 objects added, 1 changed; 1 parameter removed`, or `no changes`.
    pub fn summary(&self) -> String {
        fn part(list: &[ItemChange], one: &str, many: &str) -> Option<String> {
            if list.is_empty() {
                return None;
            }
            let counts: Vec<String> = [ChangeKind::Added, ChangeKind::Removed, ChangeKind::Changed]
                .into_iter()
                .filter_map(|k| {
                    let n = list.iter().filter(|c| c.kind == k).count();
                    (n > 0).then(|| format!("{n} {}", k.as_str()))
                })
                .collect();
            let noun = if list.len() == 1 { one } else { many };
            Some(format!("{noun}: {}", counts.join(", ")))
        }
        let parts: Vec<String> = [
            part(&self.objects, "object", "objects"),
            part(&self.parameters, "parameter", "parameters"),
            part(&self.values, "parameter value", "parameter values"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if parts.is_empty() {
            "no changes".to_string()
        } else {
            parts.join("; ")
        }
    }
}

/// A value as the diff shows it: a string quoted, a reference as `→ id`.
pub fn show_value(v: &FieldValue) -> String {
    match v {
        FieldValue::String(s) => format!("{s:?}"),
        FieldValue::Ref(r) => format!("→ {}", r.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::{Field, ParameterAttribute, ParameterValue};

    fn object(id: &str, fields: &[Field]) -> PipelineObject {
        let mut o = PipelineObject::new(id, id);
        o.fields = fields.to_vec();
        o
    }

    fn deployed() -> Definition {
        Definition {
            objects: vec![
                object("Default", &[Field::string("scheduleType", "ondemand")]),
                object(
                    "Say",
                    &[
                        Field::string("type", "ShellCommandActivity"),
                        Field::string("command", "echo hello"),
                        Field::reference("dependsOn", "A"),
                        Field::reference("dependsOn", "B"),
                    ],
                ),
                object("Old", &[Field::string("type", "Ec2Resource")]),
            ],
            parameters: vec![ParameterObject {
                id: "myName".into(),
                attributes: vec![ParameterAttribute {
                    key: "type".into(),
                    string_value: "String".into(),
                }],
            }],
            values: vec![ParameterValue {
                id: "myName".into(),
                string_value: "a".into(),
            }],
        }
    }

    #[test]
    fn the_same_definition_has_no_changes_whatever_the_order() {
        let d = deployed();
        let mut shuffled = d.clone();
        shuffled.objects.reverse();
        let say = shuffled.object_mut("Say").unwrap();
        say.fields.reverse();
        let diff = diff(&d, &shuffled);
        assert!(diff.is_empty(), "{diff:?}");
        assert_eq!(diff.summary(), "no changes");
    }

    #[test]
    fn objects_and_fields_added_removed_and_changed() {
        let before = deployed();
        let mut after = before.clone();
        after.objects.retain(|o| o.id.as_str() != "Old");
        let say = after.object_mut("Say").unwrap();
        say.name = Some("Say hello".into());
        say.fields
            .retain(|f| f.key != "dependsOn" || f.value.as_str() != "B");
        for f in &mut say.fields {
            if f.key == "command" {
                f.value = FieldValue::String("echo bye".into());
            }
        }
        say.fields.push(Field::string("maximumRetries", "3"));
        after
            .objects
            .push(object("New", &[Field::string("type", "S3DataNode")]));
        after.values[0].string_value = "b".into();

        let d = diff(&before, &after);
        let ids: Vec<(&str, ChangeKind)> =
            d.objects.iter().map(|c| (c.id.as_str(), c.kind)).collect();
        assert_eq!(
            ids,
            [
                ("Say", ChangeKind::Changed),
                ("Old", ChangeKind::Removed),
                ("New", ChangeKind::Added)
            ]
        );
        let say: Vec<(&str, ChangeKind)> = d.objects[0]
            .fields
            .iter()
            .map(|f| (f.key.as_str(), f.kind()))
            .collect();
        assert_eq!(
            say,
            [
                ("command", ChangeKind::Changed),
                ("dependsOn", ChangeKind::Changed),
                ("maximumRetries", ChangeKind::Added),
                ("name", ChangeKind::Changed),
            ]
        );
        let depends = &d.objects[0].fields[1];
        assert_eq!(depends.deployed.len(), 2);
        assert_eq!(depends.drawing.len(), 1);
        assert_eq!(show_value(&depends.drawing[0]), "→ A");
        assert_eq!(
            d.objects[1]
                .fields
                .iter()
                .map(|f| f.key.as_str())
                .collect::<Vec<_>>(),
            ["name", "type"]
        );
        assert!(d.parameters.is_empty());
        assert_eq!(d.values.len(), 1);
        assert_eq!(
            d.values[0].fields[0].drawing,
            vec![FieldValue::String("b".into())]
        );
        assert_eq!(
            d.summary(),
            "objects: 1 added, 1 removed, 1 changed; parameter value: 1 changed"
        );
    }

    #[test]
    fn a_reference_and_a_string_with_the_same_text_differ() {
        let before = Definition {
            objects: vec![object("A", &[Field::string("schedule", "S")])],
            ..Definition::default()
        };
        let after = Definition {
            objects: vec![object("A", &[Field::reference("schedule", "S")])],
            ..Definition::default()
        };
        let d = diff(&before, &after);
        assert_eq!(d.objects.len(), 1);
        assert_eq!(d.objects[0].fields[0].kind(), ChangeKind::Changed);
    }

    #[test]
    fn parameters_added_and_removed() {
        let before = deployed();
        let mut after = before.clone();
        after.parameters.clear();
        after.values.clear();
        let d = diff(&before, &after);
        assert_eq!(d.parameters.len(), 1);
        assert_eq!(d.parameters[0].kind, ChangeKind::Removed);
        assert_eq!(d.values[0].kind, ChangeKind::Removed);
        let back = diff(&after, &before);
        assert_eq!(back.parameters[0].kind, ChangeKind::Added);
        assert_eq!(
            back.summary(),
            "parameter: 1 added; parameter value: 1 added"
        );
    }
}
