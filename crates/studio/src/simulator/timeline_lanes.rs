//! Where the timeline builder (`timeline_build`) puts an instance's spans
//! and marks: a new instance in the first lane of its component's row that
//! is free by its first second (a new row for a new component), and a redone
//! instance swapped in place in its lane, the later instances of the lane
//! moved by the difference.

use super::timeline_build::TimelineBuilder;
use super::timeline_data::{Lane, Mark, Row, Span};
use crate::engine::chunked::ChunkedVec;
use crate::engine::Service;

/// Where an instance's spans and marks sit.
#[derive(Clone, Copy)]
pub(super) struct Place {
    pub(super) row: usize,
    pub(super) lane: usize,
    pub(super) spans: (usize, usize),
    pub(super) marks: (usize, usize),
}

/// An instance's shapes, ready to go into its lane (taken from the builder's scratch buffers).
pub(super) struct Shapes<'a> {
    pub(super) spans: &'a mut Vec<Span>,
    pub(super) marks: &'a mut Vec<Mark>,
}

impl TimelineBuilder {
    /// Put a new instance's spans and marks in the first lane of its
    /// component's row that is free by its `first` second.
    pub(super) fn put(
        &mut self,
        service: &Service,
        p: crate::engine::ix::PipelineIx,
        i: u32,
        shapes: Shapes,
        first: i64,
        end: i64,
    ) {
        let Shapes { spans, marks } = shapes;
        let at = crate::engine::ix::InstanceIx(i);
        let Some((c, comp)) = service.instance_component_at(p, at) else {
            return;
        };
        let rows = &mut self.timeline.rows;
        let c = c.get() as usize;
        let r = match self.rows_of.get(c).copied().flatten() {
            Some(r) => r,
            None => {
                rows.push(Row {
                    component: comp.to_string(),
                    lanes: Vec::new(),
                });
                if c >= self.rows_of.len() {
                    self.rows_of.resize(c + 1, None);
                }
                self.rows_of[c] = Some(rows.len() - 1);
                rows.len() - 1
            }
        };
        let row = &mut rows[r];
        let l = match row.lanes.iter().position(|l| l.end <= first) {
            Some(l) => l,
            None => {
                row.lanes.push(Lane::default());
                row.lanes.len() - 1
            }
        };
        let lane = &mut row.lanes[l];
        let place = Place {
            row: r,
            lane: l,
            spans: (lane.spans.len(), spans.len()),
            marks: (lane.marks.len(), marks.len()),
        };
        for s in spans.drain(..) {
            lane.spans.push(s);
        }
        lane.marks.append(marks);
        lane.end = end;
        lane.instances.push(i);
        self.insts[i as usize].place = Some(place);
    }

    /// Swap an instance's spans and marks in its lane for new ones, moving
    /// the later instances' places by the difference.
    pub(super) fn replace(&mut self, i: u32, place: Place, shapes: Shapes, end: i64) {
        let Shapes { spans, marks } = shapes;
        let lane = &mut self.timeline.rows[place.row].lanes[place.lane];
        let (s0, sn) = place.spans;
        let (m0, mn) = place.marks;
        let (ds, dm) = (spans.len(), marks.len());
        splice_tail(&mut lane.spans, s0..s0 + sn, spans);
        lane.marks.splice(m0..m0 + mn, marks.drain(..));
        // Redone instances are mostly the lane's last ones.
        let k = lane.instances.iter().rposition(|&x| x == i).unwrap_or(0);
        if k + 1 == lane.instances.len() {
            lane.end = end;
        } else {
            lane.end = lane.end.max(end);
        }
        if let Some(pl) = self.insts[i as usize].place.as_mut() {
            pl.spans.1 = ds;
            pl.marks.1 = dm;
        }
        if ds != sn || dm != mn {
            let lane = &self.timeline.rows[place.row].lanes[place.lane];
            for &j in &lane.instances[k + 1..] {
                if let Some(pl) = self.insts[j as usize].place.as_mut() {
                    pl.spans.0 = pl.spans.0 + ds - sn;
                    pl.marks.0 = pl.marks.0 + dm - mn;
                }
            }
        }
    }
}

/// Put `new` in place of `list[range]` (emptying `new`). Redone instances
/// are mostly their lane's last: then it is a truncation and pushes; else
/// the entries after `range` are taken off and pushed back after `new`.
fn splice_tail<T>(list: &mut ChunkedVec<T>, range: std::ops::Range<usize>, new: &mut Vec<T>) {
    let after = list.split_off(range.end);
    list.truncate(range.start);
    for x in new.drain(..).chain(after) {
        list.push(x);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(n: usize) -> ChunkedVec<usize> {
        (0..n).collect()
    }

    #[test]
    fn splice_tail_replaces_a_range_anywhere() {
        let n = 40_000; // more than a chunk of `usize`
        for (range, new) in [
            (n - 3..n, 2),
            (n - 3..n, 5),
            (10..13, 1),
            (10..13, 6),
            (0..0, 2),
            (n..n, 3),
        ] {
            let mut got = list(n);
            let mut put: Vec<usize> = (0..new).map(|k| 1_000_000 + k).collect();
            let mut want: Vec<usize> = (0..n).collect();
            want.splice(range.clone(), put.clone());
            splice_tail(&mut got, range.clone(), &mut put);
            assert!(put.is_empty());
            assert!(
                got.iter().copied().eq(want.iter().copied()),
                "{range:?} by {new}"
            );
        }
    }
}
