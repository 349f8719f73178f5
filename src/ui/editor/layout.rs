//! Node placement for the canvas, in plain Rust (no DOM): a first layered
//! placement by reference depth, so a loaded definition is readable before
//! the user arranges it.

use std::collections::BTreeMap;

use crate::model::Definition;

/// Node box size in canvas units.
pub const NODE_W: f64 = 180.0;
pub const NODE_H: f64 = 56.0;
const GAP_X: f64 = 80.0;
const GAP_Y: f64 = 28.0;

/// A node's top-left corner in canvas units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pos {
    pub x: f64,
    pub y: f64,
}

/// Place every object: an object's column is one more than the deepest
/// object it references (references to missing objects and cycles are
/// ignored), so referenced objects (Default, Schedule) sit to the left.
pub fn initial_positions(def: &Definition) -> BTreeMap<String, Pos> {
    let index: BTreeMap<&str, usize> = def
        .objects
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.as_str(), i))
        .collect();
    let mut depth = vec![0usize; def.objects.len()];
    // Bellman-Ford style relaxation bounded by the object count (cycles stop growing).
    for _ in 0..def.objects.len() {
        let mut changed = false;
        for (i, o) in def.objects.iter().enumerate() {
            for (_, target) in o.references() {
                if let Some(&j) = index.get(target.as_str()) {
                    if j != i && depth[j] + 1 > depth[i] && depth[j] < def.objects.len() {
                        depth[i] = depth[j] + 1;
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    let mut rows: BTreeMap<usize, usize> = BTreeMap::new();
    def.objects
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let col = depth[i];
            let row = rows.entry(col).or_insert(0);
            let pos = Pos {
                x: 40.0 + col as f64 * (NODE_W + GAP_X),
                y: 40.0 + *row as f64 * (NODE_H + GAP_Y),
            };
            *row += 1;
            (o.id.as_str().to_string(), pos)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Field, PipelineObject};

    #[test]
    fn referenced_objects_sit_left_of_their_users() {
        let mut a = PipelineObject::new("A", "A");
        a.fields.push(Field::reference("schedule", "S"));
        let s = PipelineObject::new("S", "S");
        let def = Definition {
            objects: vec![a, s],
            ..Default::default()
        };
        let p = initial_positions(&def);
        assert!(p["S"].x < p["A"].x);
    }

    #[test]
    fn cycles_do_not_hang() {
        let mut a = PipelineObject::new("A", "A");
        a.fields.push(Field::reference("dependsOn", "B"));
        let mut b = PipelineObject::new("B", "B");
        b.fields.push(Field::reference("dependsOn", "A"));
        let def = Definition {
            objects: vec![a, b],
            ..Default::default()
        };
        assert_eq!(initial_positions(&def).len(), 2);
    }
}
