//! Unit tests of the auto-layout.

use super::*;
use crate::model::{Field, PipelineObject};

fn obj(id: &str, ty: &str, refs: &[(&str, &str)]) -> PipelineObject {
    let mut o = PipelineObject::new(id, id);
    o.fields.push(Field::string("type", ty));
    for (k, t) in refs {
        o.fields.push(Field::reference(*k, *t));
    }
    o
}

fn copy_pipeline() -> Definition {
    Definition {
        objects: vec![
            PipelineObject::new("Default", "Default"),
            obj("Schedule", "Schedule", &[]),
            obj("In", "S3DataNode", &[("schedule", "Schedule")]),
            obj("Out", "S3DataNode", &[("schedule", "Schedule")]),
            obj(
                "Copy",
                "CopyActivity",
                &[
                    ("input", "In"),
                    ("output", "Out"),
                    ("schedule", "Schedule"),
                    ("parent", "Default"),
                ],
            ),
            obj("Later", "ShellCommandActivity", &[("dependsOn", "Copy")]),
        ],
        ..Default::default()
    }
}

#[test]
fn data_flows_left_to_right_and_hubs_go_below() {
    let def = copy_pipeline();
    let p = auto_layout(&def);
    assert_eq!(p.len(), def.objects.len());
    assert!(p["In"].x < p["Copy"].x, "{p:?}");
    assert!(p["Copy"].x < p["Out"].x, "{p:?}");
    assert!(p["Copy"].x < p["Later"].x, "dependsOn: Copy first {p:?}");
    let flow_bottom = ["In", "Out", "Copy", "Later"]
        .iter()
        .map(|k| p[*k].y)
        .fold(0.0, f64::max);
    assert!(
        p["Schedule"].y > flow_bottom && p["Default"].y > flow_bottom,
        "{p:?}"
    );
    assert!(
        p["Default"].x <= p["Schedule"].x,
        "Default first among hubs"
    );
}

#[test]
fn no_two_nodes_overlap() {
    let mut def = copy_pipeline();
    for i in 0..30 {
        def.objects.push(obj(
            &format!("A{i}"),
            "ShellCommandActivity",
            &[("dependsOn", "Copy")],
        ));
    }
    let p = auto_layout(&def);
    let v: Vec<_> = p.values().collect();
    for (i, a) in v.iter().enumerate() {
        for b in &v[i + 1..] {
            let r = super::super::geometry::Rect::node(**a);
            assert!(
                !r.intersects(&super::super::geometry::Rect::node(**b)),
                "{a:?} {b:?}"
            );
        }
    }
}

#[test]
fn cycles_and_dangling_references_are_laid_out() {
    let def = Definition {
        objects: vec![
            obj(
                "A",
                "ShellCommandActivity",
                &[("dependsOn", "B"), ("dependsOn", "Missing")],
            ),
            obj(
                "B",
                "ShellCommandActivity",
                &[("dependsOn", "A"), ("dependsOn", "B")],
            ),
        ],
        ..Default::default()
    };
    assert_eq!(auto_layout(&def).len(), 2);
}

#[test]
fn the_cache_answers_by_graph_content() {
    let mut cache = LayoutCache::default();
    let mut def = copy_pipeline();
    let (a, hit) = cache.get(&def);
    assert!(!hit);
    // A string field change does not change the graph.
    def.objects[4]
        .fields
        .push(Field::string("maximumRetries", "3"));
    let (b, hit) = cache.get(&def);
    assert!(hit);
    assert_eq!(a, b);
    def.objects[5]
        .fields
        .push(Field::reference("dependsOn", "Schedule"));
    assert!(!cache.get(&def).1);
}

#[test]
fn missing_positions_are_placed_below_the_drawing() {
    let def = copy_pipeline();
    let mut ps = Positions::new();
    ps.insert("Default".into(), Pos::new(0.0, 0.0));
    place_missing(&def, &mut ps);
    assert_eq!(ps.len(), def.objects.len());
    assert!(ps["Copy"].y > 0.0);
}
