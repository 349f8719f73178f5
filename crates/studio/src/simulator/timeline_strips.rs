//! The lease strips of the timeline (each hand-out's acknowledgement window
//! and lease, `timeline_spans::lease_spans`), made for the window shown
//! only: the builder (`timeline_build`) keeps what they are made of (each
//! attempt's status changes, holders and acknowledgement) and this fills
//! `Lane::leases` with the strips of the instances in view, when the
//! window is zoomed in enough for the strip to be drawn
//! (`timeline_view::STRIP_MIN_PX_PER_SEC`: a few days at most). A year has
//! two strip spans an attempt; building them all made reading its trace
//! half as slow again, for a strip drawn only over a few days of it.
//! Leaves out: drawing them (`timeline_view::scene` reads `Lane::leases`).

use super::timeline_build::TimelineBuilder;
use super::timeline_data::{Lane, Span};
use super::timeline_spans::{lease_spans, LeaseTimes};
use super::timeline_view::{Window, STRIP_MIN_PX_PER_SEC};
use crate::engine::ix::AttemptIx;
use crate::engine::Service;

/// What the strips were filled for: the window (None: the whole run), the
/// trace entries read and the time they were read to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct StripsKey {
    window: Option<(u64, u64, u64)>,
    seen: usize,
    length: i64,
}

impl TimelineBuilder {
    /// Fill each lane's lease strip (`Lane::leases`) with the strips of
    /// the instances in `window` (None: of every instance), or leave them
    /// empty when `window` is zoomed out too far to draw them. Nothing is
    /// redone when neither the window nor the trace read moved.
    pub fn fill_strips(&mut self, service: &Service, window: Option<&Window>) {
        let key = StripsKey {
            window: window.map(|w| (w.start.to_bits(), w.px_per_sec.to_bits(), w.width.to_bits())),
            seen: self.seen,
            length: self.timeline.length,
        };
        if self.strips_for == Some(key) {
            return;
        }
        self.strips_for = Some(key);
        let hidden = window.is_some_and(|w| w.px_per_sec < STRIP_MIN_PX_PER_SEC);
        let range = window.map(|w| (w.start, w.end()));
        let p = self.timeline.pipeline;
        let origin = self.timeline.origin;
        let now = self.now;
        let mut rows = std::mem::take(&mut self.timeline.rows);
        let mut shown: Vec<(usize, u32)> = Vec::new();
        let mut one: Vec<Span> = Vec::new();
        let lanes = rows.iter_mut().enumerate().flat_map(|(r, row)| {
            row.lanes
                .iter_mut()
                .enumerate()
                .map(move |(l, lane)| ((r, l), lane))
        });
        for (at, lane) in lanes {
            lane.leases.clear();
            if hidden {
                continue;
            }
            // The lane's instances in view, in the lane's order (where
            // their spans sit in it).
            shown.clear();
            self.in_view(at, lane, range, &mut shown);
            for &(_, i) in shown.iter() {
                let Some(it) = self.insts.get(i as usize) else {
                    continue;
                };
                one.clear();
                for &a in &it.attempts {
                    let held = origin.and_then(|o| {
                        let lease = service.attempt_lease(p, AttemptIx(a))?;
                        Some(LeaseTimes::from_engine(&lease, o))
                    });
                    lease_spans(&self.atts[a as usize], i, a, held.as_ref(), now, &mut one);
                }
                one.sort_by_key(|s| s.start);
                lane.leases.append(&mut one);
            }
        }
        self.timeline.rows = rows;
    }

    /// The instances of `lane` with a span in `range` (seconds), or every
    /// one (None), and those still open (a live lease runs past their
    /// spans), as (position of their spans in the lane, instance), sorted.
    fn in_view(
        &self,
        (r, l): (usize, usize),
        lane: &Lane,
        range: Option<(f64, f64)>,
        out: &mut Vec<(usize, u32)>,
    ) {
        let place = |i: u32| self.insts.get(i as usize).and_then(|it| it.place);
        let at = |i: u32| place(i).map_or(0, |pl| pl.spans.0);
        match range {
            None => out.extend(lane.instances.iter().map(|&i| (at(i), i))),
            Some((t0, t1)) => {
                let from = lane.spans.partition_point(|s| (s.end as f64) < t0);
                for s in lane.spans.range(from..lane.spans.len()) {
                    if (s.start as f64) > t1 {
                        break;
                    }
                    if (s.end as f64) >= t0 && out.last().is_none_or(|l| l.1 != s.instance) {
                        out.push((at(s.instance), s.instance));
                    }
                }
                let here = |i: &&u32| {
                    let it = self.insts.get(**i as usize);
                    it.is_some_and(|it| {
                        it.open && it.place.is_some_and(|pl| pl.row == r && pl.lane == l)
                    })
                };
                out.extend(self.open.iter().filter(here).map(|&i| (at(i), i)));
            }
        }
        out.sort_unstable();
        out.dedup();
    }
}
