//! The clock fires timers in (time, sequence) order, whichever lane or
//! the heap they wait in.

use super::*;
use crate::ix::{AttemptIx, InstanceIx, PipelineIx};
use model::time::{format_datetime, parse_datetime};

/// 2024-01-01 at `minute` past midnight.
fn at(minute: u32) -> NaiveDateTime {
    parse_datetime(&format!("2024-01-01T00:{minute:02}:00")).unwrap()
}

/// The due timer of instance `n` of pipeline 0.
fn due(n: u32) -> Timer {
    Timer::Due {
        p: PipelineIx(0),
        i: InstanceIx(n),
    }
}

#[test]
fn fast_format_matches_the_model_format() {
    for s in [
        "2012-12-12T00:00:00",
        "0999-01-02T03:04:05",
        "2024-02-29T23:59:59",
    ] {
        let t = parse_datetime(s).unwrap();
        assert_eq!(format_time(t), format_datetime(t));
    }
}

#[test]
fn timers_fire_in_time_then_sequence_order() {
    let (t0, t1) = (at(0), at(5));
    let mut c = Clock::new(t0);
    c.set(t1, due(2));
    c.set(t0, due(0));
    c.set(t1, due(3));
    assert_eq!(c.pop_due(t1), Some(due(0)));
    assert_eq!(c.pop_due(t1), Some(due(2)));
    assert_eq!(c.now(), t1);
    assert_eq!(c.pop_due(t1), Some(due(3)));
    assert_eq!(c.pop_due(t1), None);
}

#[test]
fn timers_set_for_now_keep_their_place() {
    let (t0, t1) = (at(0), at(5));
    let mut c = Clock::new(t0);
    c.set(t1, due(1));
    c.set(t0, due(0));
    c.set(t1, due(2));
    assert_eq!(c.pop_due(t1), Some(due(0)));
    assert_eq!(c.pop_due(t1), Some(due(1)));
    // Set for now (t1): after the t1 timer set earlier.
    c.set(t1, due(3));
    c.set(t0, due(4));
    assert_eq!(c.pending(), 3);
    assert_eq!(c.next_time(), Some(t1));
    assert_eq!(c.pop_due(t1), Some(due(4)));
    assert_eq!(c.pop_due(t1), Some(due(2)));
    assert_eq!(c.pop_due(t1), Some(due(3)));
    assert_eq!(c.pop_due(t1), None);
}

#[test]
fn lane_timers_interleave_with_the_heap_in_order() {
    let ack = |a: AttemptIx| Timer::AckExpiry {
        p: PipelineIx(0),
        a,
        lease: 1,
    };
    let retry = Timer::RetryDue {
        p: PipelineIx(0),
        i: InstanceIx(0),
        run: 0,
    };
    let lease = Timer::LeaseExpiry {
        p: PipelineIx(0),
        a: AttemptIx(3),
        lease: 1,
    };
    let mut c = Clock::new(at(0));
    c.set(at(2), ack(AttemptIx(0)));
    c.set(at(3), retry);
    c.set(at(5), ack(AttemptIx(1)));
    // Earlier than the lane's last: goes to the heap, still in order.
    c.set(at(4), ack(AttemptIx(2)));
    c.set(at(5), due(1));
    c.set(at(2), lease);
    assert_eq!(c.pending(), 6);
    assert_eq!(c.timers().len(), 6);
    let order: Vec<Timer> = std::iter::from_fn(|| c.pop_due(at(9))).collect();
    assert_eq!(
        order,
        [
            ack(AttemptIx(0)),
            lease,
            retry,
            ack(AttemptIx(2)),
            ack(AttemptIx(1)),
            due(1),
        ]
    );
}
