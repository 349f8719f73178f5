use super::*;
use crate::definition::{Field, PipelineObject};

fn obj(id: &str, refs: &[(&str, &str)]) -> PipelineObject {
    PipelineObject {
        id: ObjectId::new(id),
        name: None,
        fields: refs.iter().map(|(k, t)| Field::reference(*k, *t)).collect(),
    }
}

fn ids(v: &[ObjectId]) -> Vec<&str> {
    v.iter().map(|i| i.as_str()).collect()
}

/// Sched <- Default, Sched <- Copy, Sched <- Prep, In <- Copy (input), Copy -dependsOn-> Prep,
/// Report -dependsOn-> Copy, Report -> Sched.
fn pipeline() -> Definition {
    Definition {
        objects: vec![
            obj("Default", &[("schedule", "Sched")]),
            obj("Report", &[("dependsOn", "Copy"), ("schedule", "Sched")]),
            obj(
                "Copy",
                &[
                    ("input", "In"),
                    ("schedule", "Sched"),
                    ("dependsOn", "Prep"),
                ],
            ),
            obj("Sched", &[]),
            obj("In", &[]),
            obj("Prep", &[("schedule", "Sched"), ("dependsOn", "Missing")]),
        ],
        ..Default::default()
    }
}

#[test]
fn nodes_edges_and_dangling_references() {
    let g = RefGraph::new(&pipeline());
    assert_eq!(g.graph().node_count(), 6);
    assert_eq!(g.graph().edge_count(), 7);
    assert_eq!(g.node("Copy"), Some(NodeIndex::new(2)));
    assert_eq!(
        g.dangling(),
        [RefEdge {
            from: ObjectId::new("Prep"),
            key: "dependsOn".into(),
            to: ObjectId::new("Missing")
        }]
    );
    let e = g.edges();
    assert_eq!(e[0].from.as_str(), "Default");
    assert_eq!((e[1].key.as_str(), e[1].to.as_str()), ("dependsOn", "Copy"));
}

#[test]
fn topological_order_puts_referred_objects_first() {
    let d = pipeline();
    let g = RefGraph::new(&d);
    let order = g.topological_order().unwrap();
    assert_eq!(order.len(), 6);
    let pos = |id: &str| order.iter().position(|o| o.as_str() == id).unwrap();
    for e in g.edges() {
        assert!(pos(e.to.as_str()) < pos(e.from.as_str()), "{e:?}");
    }
}

#[test]
fn cycles_are_reported_with_all_their_objects() {
    let mut d = pipeline();
    // Prep depends on Report: Report -> Copy -> Prep -> Report.
    d.objects[5]
        .fields
        .push(Field::reference("dependsOn", "Report"));
    d.objects.push(obj("Self", &[("parent", "Self")]));
    let g = RefGraph::new(&d);
    let cycles = g.topological_order().unwrap_err();
    let cycles: Vec<Vec<&str>> = cycles.iter().map(|c| ids(c)).collect();
    assert_eq!(cycles, vec![vec!["Report", "Copy", "Prep"], vec!["Self"]]);
    // Only the dependsOn graph: the same cycle, no self parent loop.
    let deps = RefGraph::with_keys(&d, &["dependsOn"]);
    assert_eq!(deps.cycles().len(), 1);
    assert!(RefGraph::with_keys(&pipeline(), &["dependsOn"])
        .cycles()
        .is_empty());
}

#[test]
fn dependents_are_transitive_and_filterable() {
    let g = RefGraph::new(&pipeline());
    assert_eq!(
        ids(&g.dependents("Sched", None)),
        ["Default", "Report", "Copy", "Prep"]
    );
    assert_eq!(ids(&g.dependents("In", None)), ["Report", "Copy"]);
    // Cascade follows dependsOn only.
    assert_eq!(
        ids(&g.dependents("Prep", Some(&["dependsOn"]))),
        ["Report", "Copy"]
    );
    assert!(g.dependents("In", Some(&["dependsOn"])).is_empty());
    assert!(g.dependents("Nobody", None).is_empty());
    assert_eq!(
        ids(&g.dependencies("Report", None)),
        ["Copy", "Sched", "In", "Prep"]
    );
    assert_eq!(
        ids(&g.dependencies("Report", Some(&["dependsOn"]))),
        ["Copy", "Prep"]
    );
}

#[test]
fn transitive_reduction_drops_shortcuts() {
    let g = RefGraph::new(&pipeline());
    let kept: Vec<(String, String)> = g
        .transitive_reduction()
        .into_iter()
        .map(|e| (e.from.0, e.to.0))
        .collect();
    let pairs: Vec<(&str, &str)> = kept.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    // Report -> Sched and Copy -> Sched are implied by Report -> Copy -> Prep -> Sched.
    assert_eq!(
        pairs,
        [
            ("Default", "Sched"),
            ("Report", "Copy"),
            ("Copy", "In"),
            ("Copy", "Prep"),
            ("Prep", "Sched")
        ]
    );
}

#[test]
fn transitive_reduction_keeps_cycle_edges() {
    let d = Definition {
        objects: vec![
            obj("A", &[("dependsOn", "B"), ("x", "C")]),
            obj("B", &[("dependsOn", "A"), ("x", "C")]),
            obj("C", &[]),
        ],
        ..Default::default()
    };
    let g = RefGraph::new(&d);
    let r = g.transitive_reduction();
    // Both cycle edges stay; both edges into C stay since {A,B} -> C is one condensed edge.
    assert_eq!(r.len(), 4);
}
