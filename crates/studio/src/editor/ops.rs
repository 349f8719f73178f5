//! The editor's document operations, in plain Rust (tested natively): add
//! an object from the palette, delete with incoming references, copy,
//! paste and duplicate with unique ids, connect by dragging (which fields
//! fit, and why not), nudge and move. The store runs them as commands.

use std::collections::{BTreeMap, BTreeSet};

use super::geometry::{free_spot, snap, Pos};
use crate::doc::Doc;
use crate::model::catalog::{self, keys, names, Kind};
use crate::model::{Definition, Field, FieldValue, ObjectId, PipelineObject};

/// The catalog type of an object (`Default` for the Default object).
pub fn type_of(o: &PipelineObject) -> &str {
    o.type_name().unwrap_or(if o.id.as_str() == names::DEFAULT {
        names::DEFAULT
    } else {
        ""
    })
}

/// Add an object of `type_name` near `at`; returns its id. The Default
/// object is called `Default` and has no `type` field; others are called
/// after their type, made unique.
pub fn add_object(doc: &mut Doc, type_name: &str, at: Pos) -> Result<String, String> {
    let info =
        catalog::type_info(type_name).ok_or_else(|| format!("Unknown object type: {type_name}"))?;
    let is_default = info.name == names::DEFAULT;
    if is_default && doc.definition.contains(names::DEFAULT) {
        return Err("There is already a Default object".to_string());
    }
    let id = doc.definition.unique_id(info.name);
    let mut o = PipelineObject::new(id.as_str(), id.as_str());
    if !is_default {
        o.fields.push(Field::string(keys::TYPE, info.name));
    }
    doc.definition.add_object(o).map_err(|e| e.to_string())?;
    let p = free_spot(&doc.positions, at);
    doc.positions.insert(id.0.clone(), p);
    Ok(id.0)
}

/// Delete objects and every reference to them.
pub fn delete_objects(doc: &mut Doc, ids: &BTreeSet<String>) -> Result<usize, String> {
    let mut n = 0;
    for id in ids {
        if doc.definition.contains(id) {
            doc.definition
                .remove_object(id)
                .map_err(|e| e.to_string())?;
            doc.positions.remove(id);
            n += 1;
        }
    }
    Ok(n)
}

/// Copied objects with their positions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clip {
    pub objects: Vec<(PipelineObject, Pos)>,
}

/// Copy the given objects (document order).
pub fn copy(doc: &Doc, ids: &BTreeSet<String>) -> Clip {
    Clip {
        objects: doc
            .definition
            .objects
            .iter()
            .filter(|o| ids.contains(o.id.as_str()))
            .map(|o| {
                (
                    o.clone(),
                    doc.positions
                        .get(o.id.as_str())
                        .copied()
                        .unwrap_or_default(),
                )
            })
            .collect(),
    }
}

/// Paste a clip shifted by `offset`: ids made unique, references between
/// pasted objects point at the copies, references to others are kept.
/// Returns the new ids.
pub fn paste(doc: &mut Doc, clip: &Clip, offset: Pos) -> Result<Vec<String>, String> {
    let mut renames: BTreeMap<String, String> = BTreeMap::new();
    let mut scratch = doc.definition.clone();
    for (o, _) in &clip.objects {
        let base = if o.id.as_str() == names::DEFAULT {
            "DefaultCopy"
        } else {
            o.id.as_str()
        };
        let new = scratch.unique_id(base);
        scratch.objects.push(PipelineObject::new(new.as_str(), ""));
        renames.insert(o.id.0.clone(), new.0);
    }
    let mut out = Vec::new();
    for (o, p) in &clip.objects {
        let mut c = o.clone();
        let new = renames[o.id.as_str()].clone();
        if c.name.as_deref() == Some(o.id.as_str()) {
            c.name = Some(new.clone());
        }
        c.id = ObjectId::new(new.clone());
        for f in &mut c.fields {
            if let FieldValue::Ref(t) = &f.value {
                if let Some(n) = renames.get(t.as_str()) {
                    f.value = FieldValue::Ref(ObjectId::new(n.clone()));
                }
            }
        }
        doc.definition.add_object(c).map_err(|e| e.to_string())?;
        doc.positions
            .insert(new.clone(), snap(p.offset(offset.x, offset.y)));
        out.push(new);
    }
    Ok(out)
}

/// Move objects by (dx, dy), snapped to the grid when `snap_to_grid`.
pub fn nudge(doc: &mut Doc, ids: &BTreeSet<String>, dx: f64, dy: f64, snap_to_grid: bool) {
    for id in ids {
        if let Some(p) = doc.positions.get_mut(id) {
            let q = p.offset(dx, dy);
            *p = if snap_to_grid { snap(q) } else { q };
        }
    }
}

/// The reference fields of `from` that may point at `to`, best first. The
/// catch-all `parent` is offered only when nothing else fits, and only
/// towards Default or an object of the same type.
pub fn connect_candidates(
    def: &Definition,
    from: &str,
    to: &str,
) -> Result<Vec<&'static str>, String> {
    let src = def
        .object(from)
        .ok_or_else(|| format!("No object {from}"))?;
    let dst = def.object(to).ok_or_else(|| format!("No object {to}"))?;
    if from == to {
        return Err(format!("{from} cannot refer to itself"));
    }
    let (st, dt) = (type_of(src), type_of(dst));
    let fields: Vec<&'static catalog::FieldInfo> = if st == names::DEFAULT {
        // Default may carry any field: offer the runnable ones.
        catalog::RUNNABLE.fields.iter().collect()
    } else {
        catalog::fields_for(st)
    };
    let fits: Vec<&'static str> = fields
        .iter()
        .filter(
            |f| matches!(f.kind, Kind::Reference(targets) if targets.iter().any(|t| t.accepts(dt))),
        )
        .map(|f| f.key)
        .collect();
    let specific: Vec<&'static str> = fits
        .iter()
        .copied()
        .filter(|k| *k != keys::PARENT)
        .collect();
    // `parent` accepts anything, but only means something towards Default
    // or an object of the same type (a shared template of fields).
    let parent_fits = fits.contains(&keys::PARENT) && (dt == names::DEFAULT || dt == st);
    let list = if !specific.is_empty() {
        specific
    } else if parent_fits {
        vec![keys::PARENT]
    } else {
        Vec::new()
    };
    if list.is_empty() {
        let st = if st.is_empty() {
            "an object without a type"
        } else {
            st
        };
        return Err(format!(
            "Cannot connect {from} to {to}: no field of {st} may refer to {}",
            if dt.is_empty() {
                "an object without a type".to_string()
            } else {
                format!("a {dt}")
            }
        ));
    }
    Ok(list)
}

/// Make `from.key` refer to `to`: a single-valued field is replaced, a
/// multi-valued one gets one more value.
pub fn connect(def: &mut Definition, from: &str, key: &str, to: &str) -> Result<(), String> {
    let src = def
        .object(from)
        .ok_or_else(|| format!("No object {from}"))?;
    let multi = catalog::field_info(type_of(src), key)
        .or_else(|| catalog::any_field(key))
        .is_some_and(|f| f.multi);
    if multi {
        def.connect(from, key, to)
            .map(|_| ())
            .map_err(|e| e.to_string())
    } else {
        def.set_field(from, key, FieldValue::Ref(ObjectId::new(to)))
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Doc {
        let t = crate::templates::say_hello();
        Doc::new(t.name, t.definition)
    }

    #[test]
    fn added_objects_get_unique_ids_and_their_type() {
        let mut d = doc();
        let a = add_object(&mut d, names::SHELL_COMMAND_ACTIVITY, Pos::new(0.0, 0.0)).unwrap();
        let b = add_object(&mut d, names::SHELL_COMMAND_ACTIVITY, Pos::new(0.0, 0.0)).unwrap();
        assert_eq!(a, "ShellCommandActivity");
        assert_eq!(b, "ShellCommandActivity_2");
        assert_eq!(
            d.definition.object(&b).unwrap().type_name(),
            Some("ShellCommandActivity")
        );
        assert_ne!(d.positions[&a], d.positions[&b], "placed apart");
        assert!(
            add_object(&mut d, names::DEFAULT, Pos::default()).is_err(),
            "one Default"
        );
        assert!(add_object(&mut d, "NoSuchType", Pos::default()).is_err());
    }

    #[test]
    fn a_new_default_has_no_type_field() {
        let mut d = Doc::default();
        let id = add_object(&mut d, names::DEFAULT, Pos::default()).unwrap();
        assert_eq!(id, "Default");
        assert!(d.definition.objects[0].fields.is_empty());
    }

    #[test]
    fn deleting_removes_incoming_references_and_positions() {
        let mut d = doc();
        let ids = BTreeSet::from(["Schedule".to_string()]);
        assert_eq!(delete_objects(&mut d, &ids).unwrap(), 1);
        assert!(d
            .definition
            .object("SayHello")
            .unwrap()
            .first_ref("schedule")
            .is_none());
        assert!(!d.positions.contains_key("Schedule"));
    }

    #[test]
    fn paste_renames_and_rewires_internal_references() {
        let mut d = doc();
        let ids = BTreeSet::from(["Schedule".to_string(), "SayHello".to_string()]);
        let clip = copy(&d, &ids);
        let new = paste(&mut d, &clip, Pos::new(40.0, 40.0)).unwrap();
        assert_eq!(new, ["Schedule_2", "SayHello_2"]);
        let c = d.definition.object("SayHello_2").unwrap();
        assert_eq!(c.first_ref("schedule").unwrap().as_str(), "Schedule_2");
        assert_eq!(
            c.first_ref("parent").unwrap().as_str(),
            "Default",
            "outside refs kept"
        );
        assert_eq!(c.name.as_deref(), Some("SayHello_2"));
        assert_eq!(d.definition.objects.len(), 5);
    }

    #[test]
    fn connecting_offers_only_fields_that_fit() {
        let mut d = doc();
        let c = connect_candidates(&d.definition, "SayHello", "Schedule").unwrap();
        assert_eq!(c, ["schedule"]);
        let err = connect_candidates(&d.definition, "Schedule", "SayHello").unwrap_err();
        assert!(
            err.contains("no field of Schedule may refer to a ShellCommandActivity"),
            "{err}"
        );
        let n = add_object(&mut d, names::S3_DATA_NODE, Pos::default()).unwrap();
        let c = connect_candidates(&d.definition, "SayHello", &n).unwrap();
        assert!(c.contains(&"input") && c.contains(&"output"), "{c:?}");
        assert!(!c.contains(&"parent"));
        assert_eq!(
            connect_candidates(&d.definition, "Schedule", "Default").unwrap(),
            ["parent"]
        );
        connect(&mut d.definition, "SayHello", "input", &n).unwrap();
        connect(&mut d.definition, "SayHello", "schedule", "Schedule").unwrap();
        let o = d.definition.object("SayHello").unwrap();
        assert_eq!(o.values("schedule").count(), 1, "single-valued is replaced");
        assert_eq!(o.first_ref("input").unwrap().as_str(), n);
    }

    #[test]
    fn nudging_moves_only_the_selection() {
        let mut d = doc();
        let before = d.positions.clone();
        nudge(
            &mut d,
            &BTreeSet::from(["Schedule".to_string()]),
            8.0,
            0.0,
            false,
        );
        assert_eq!(d.positions["Schedule"].x, before["Schedule"].x + 8.0);
        assert_eq!(d.positions["Default"], before["Default"]);
    }
}
