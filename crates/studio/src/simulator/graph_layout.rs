//! Where the status graph draws each component, in plain Rust: the
//! objects that get instances (not Default, schedules or actions), in
//! columns by how far downstream they are (longest path from a source),
//! at full size, so the labels stay legible whatever the editor's drawing
//! looks like. The SVG is as large as its content and only shrinks to fit.

use std::collections::BTreeMap;

use crate::editor::geometry::{Pos, NODE_H, NODE_W};
use crate::model::catalog::names;
use crate::model::Definition;

/// Space between two columns (room for the arrows) and two rows.
const COL_GAP: f64 = 56.0;
const ROW_GAP: f64 = 18.0;
/// Margin around the drawing.
pub const MARGIN: f64 = 12.0;

/// The objects the status graph shows, in definition order.
pub fn shown(def: &Definition) -> Vec<String> {
    def.objects
        .iter()
        .filter(|o| match o.type_name() {
            Some(t) => ![names::SCHEDULE, names::SNS_ALARM, names::TERMINATE].contains(&t),
            None => false,
        })
        .map(|o| o.id.as_str().to_string())
        .collect()
}

/// Each shown object's place, and the drawing's width and height.
pub fn layout(ids: &[String], edges: &[(String, String)]) -> (BTreeMap<String, Pos>, f64, f64) {
    let mut depth: BTreeMap<&str, usize> = ids.iter().map(|i| (i.as_str(), 0)).collect();
    // Longest path from a source; a cycle stops growing after `ids.len()` rounds.
    for _ in 0..ids.len() {
        let mut changed = false;
        for (a, b) in edges {
            if let (Some(&da), Some(&db)) = (depth.get(a.as_str()), depth.get(b.as_str())) {
                if db < da + 1 && da + 1 < ids.len() {
                    depth.insert(b.as_str(), da + 1);
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    let mut rows: Vec<usize> = Vec::new();
    let mut out = BTreeMap::new();
    for id in ids {
        let d = depth[id.as_str()];
        if rows.len() <= d {
            rows.resize(d + 1, 0);
        }
        let r = rows[d];
        rows[d] += 1;
        out.insert(
            id.clone(),
            Pos::new(
                MARGIN + d as f64 * (NODE_W + COL_GAP),
                MARGIN + r as f64 * (NODE_H + ROW_GAP),
            ),
        );
    }
    let cols = rows.len().max(1) as f64;
    let most = rows.iter().copied().max().unwrap_or(1).max(1) as f64;
    let w = 2.0 * MARGIN + cols * NODE_W + (cols - 1.0) * COL_GAP;
    let h = 2.0 * MARGIN + most * NODE_H + (most - 1.0) * ROW_GAP;
    (out, w, h)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn downstream_objects_go_right_and_siblings_below() {
        let ids = s(&["Load", "Extract", "Report"]);
        let edges = vec![
            ("Extract".to_string(), "Load".to_string()),
            ("Extract".to_string(), "Report".to_string()),
        ];
        let (p, w, h) = layout(&ids, &edges);
        assert_eq!(p["Extract"], Pos::new(MARGIN, MARGIN));
        assert_eq!(p["Load"].x, p["Report"].x);
        assert!(p["Load"].x > p["Extract"].x);
        assert!(p["Report"].y > p["Load"].y);
        assert_eq!(w, 2.0 * MARGIN + 2.0 * NODE_W + COL_GAP);
        assert_eq!(h, 2.0 * MARGIN + 2.0 * NODE_H + ROW_GAP);
    }

    #[test]
    fn a_cycle_still_lays_out() {
        let ids = s(&["A", "B"]);
        let edges = vec![("A".into(), "B".into()), ("B".into(), "A".into())];
        let (p, _, _) = layout(&ids, &edges);
        assert_eq!(p.len(), 2);
    }

    #[test]
    fn schedules_defaults_and_actions_are_not_shown() {
        let def = crate::model::formats::parse(include_str!("lessons/retries.json"))
            .unwrap()
            .definition;
        assert_eq!(shown(&def), s(&["Flaky"]));
    }
}
