//! The timeline's data and scene, from real runs of the engine.

use super::test_support::{session, LEASE_LAPSE, TIMEOUT_FAIL};
use super::timeline_data::{build, MarkKind, SpanKind};
use super::timeline_view::{scene, ticks, Window};
use crate::engine::Status;

/// One activity on a 15-minute schedule, no retries: many attempts quickly.
const EVERY_15_MINUTES: &str = r#"{"objects":[
  {"id":"Default","name":"Default","workerGroup":"wg-1"},
  {"id":"S","name":"S","type":"Schedule","period":"15 minutes","startDateTime":"2012-12-12T00:00:00"},
  {"id":"A","name":"A","type":"ShellCommandActivity","command":"x","schedule":{"ref":"S"}}]}"#;

#[test]
fn an_expired_lease_is_a_mark_then_a_retry_delay_then_a_second_attempt() {
    let mut s = session(LEASE_LAPSE, 1);
    s.advance(3600);
    let tl = build(&s.service, &s.pipeline_id);
    assert_eq!(tl.attempt_count, 3);
    let extract = &tl.rows[0];
    assert_eq!(extract.component, "Extract");
    let spans: Vec<_> = extract.spans().map(|(_, s)| s).collect();
    let kinds: Vec<SpanKind> = spans.iter().map(|s| s.kind).collect();
    use SpanKind::*;
    assert_eq!(kinds, [Queued, Running, RetryDelay, Queued, Running]);
    let first = spans[1];
    assert_eq!((first.start, first.end), (0, 60));
    assert_eq!(first.outcome, Some(Status::Failed));
    assert_eq!(first.holder.as_deref(), Some("runner-1"));
    assert_eq!(spans[4].outcome, Some(Status::Finished));
    let marks: Vec<_> = extract.marks().map(|(_, m)| m).collect();
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].kind, MarkKind::LeaseExpired);
    assert_eq!(marks[0].at, 60);
    // Load waited for Extract, then ran.
    assert_eq!(tl.rows[1].spans().next().unwrap().1.kind, Waiting);
}

#[test]
fn attempt_timeouts_are_marked() {
    let mut s = session(TIMEOUT_FAIL, 1);
    s.advance(3600);
    let tl = build(&s.service, &s.pipeline_id);
    let marks: Vec<MarkKind> = tl.rows[0].marks().map(|(_, m)| m.kind).collect();
    assert_eq!(marks, [MarkKind::TimedOut, MarkKind::TimedOut]);
}

#[test]
fn the_scene_shows_only_the_window_and_merges_what_is_too_narrow() {
    let mut s = session(LEASE_LAPSE, 1);
    s.advance(3600);
    let tl = build(&s.service, &s.pipeline_id);
    // Whole hour in 1000 px: every span is wide enough to stand alone.
    let all = scene(&tl, &Window::fit(tl.length, 1000.0));
    assert_eq!(all.bars.len(), 8, "{:?}", all.bars);
    assert_eq!(all.pins.len(), 1);
    assert_eq!(all.rows.len(), 2);
    // Only the first two minutes: the later spans are culled.
    let early = Window {
        start: 0.0,
        px_per_sec: 5.0,
        width: 600.0,
    };
    let sc = scene(&tl, &early);
    assert!(sc.bars.iter().all(|b| b.x < 600.0));
    assert!(sc.bars.len() < all.bars.len());
    // A day in 50 px: runs merge.
    let tiny = Window {
        start: 0.0,
        px_per_sec: 50.0 / 86_400.0,
        width: 50.0,
    };
    let sc = scene(&tl, &tiny);
    assert!(sc.bars.iter().any(|b| b.count > 1), "{:?}", sc.bars);
}

#[test]
fn a_year_of_attempts_stays_a_small_scene() {
    let mut s = session(EVERY_15_MINUTES, 3);
    s.advance(30 * 86_400);
    let tl = build(&s.service, &s.pipeline_id);
    assert!(tl.attempt_count > 2500, "{}", tl.attempt_count);
    let sc = scene(&tl, &Window::fit(tl.length, 1200.0));
    assert!(sc.bars.len() < 1300, "{}", sc.bars.len());
    let zoomed = Window::fit(tl.length, 1200.0).zoom_at(600.0, 200.0);
    assert!(zoomed.px_per_sec > Window::fit(tl.length, 1200.0).px_per_sec);
    assert!(!scene(&tl, &zoomed).bars.is_empty());
}

#[test]
fn zoom_keeps_the_time_under_the_pointer_and_pan_stops_at_the_start() {
    let w = Window {
        start: 100.0,
        px_per_sec: 1.0,
        width: 800.0,
    };
    let z = w.zoom_at(200.0, 2.0);
    assert!((z.start + 200.0 / z.px_per_sec - 300.0).abs() < 1e-9);
    assert_eq!(w.pan(-1000.0).start, 0.0);
    assert_eq!(w.reveal(5000.0).x(5000.0).round(), (800.0f64 / 3.0).round());
    let origin = crate::model::time::parse_datetime("2012-12-12T00:00:00").unwrap();
    let t = ticks(origin, &w);
    assert!(t.len() >= 2 && t[1].0 - t[0].0 >= 90.0, "{t:?}");
}

#[test]
fn the_incremental_timeline_equals_a_full_build() {
    use super::timeline_data::TimelineBuilder;
    let text = r#"{"objects":[
      {"id":"Default","name":"Default","workerGroup":"wg-1","maximumRetries":"2","retryDelay":"2 minutes"},
      {"id":"S","name":"S","type":"Schedule","period":"15 minutes","startDateTime":"2012-12-12T00:00:00"},
      {"id":"A","name":"A","type":"ShellCommandActivity","command":"x","schedule":{"ref":"S"}},
      {"id":"B","name":"B","type":"ShellCommandActivity","command":"y","schedule":{"ref":"S"},"dependsOn":{"ref":"A"}}]}"#;
    let mut s = session(text, 5);
    let mut b = TimelineBuilder::default();
    for k in 0..30 {
        s.advance(7 * 60 + k);
        b.update(&s.service, &s.pipeline_id);
        b.fill_strips(&s.service, None);
        assert_eq!(
            b.timeline,
            build(&s.service, &s.pipeline_id),
            "after step {k}"
        );
    }
    assert!(
        b.timeline.attempt_count > 20,
        "{}",
        b.timeline.attempt_count
    );
    // A new session with another seed starts over.
    let mut other = session(LEASE_LAPSE, 1);
    other.advance(3600);
    b.update(&other.service, &other.pipeline_id);
    b.fill_strips(&other.service, None);
    assert_eq!(b.timeline, build(&other.service, &other.pipeline_id));
}

#[test]
fn a_point_hits_the_mark_or_bar_drawn_there() {
    use super::timeline_view::{hit, Hit};
    let mut s = session(LEASE_LAPSE, 1);
    s.advance(3600);
    let tl = build(&s.service, &s.pipeline_id);
    let sc = scene(&tl, &Window::fit(tl.length, 1000.0));
    let pin = &sc.pins[0];
    assert_eq!(hit(&sc, pin.x + 3.0, pin.y + 5.0), Some(Hit::Pin(0)));
    let (k, b) = sc
        .bars
        .iter()
        .enumerate()
        .find(|(_, b)| b.w > 20.0 && (b.x - pin.x).abs() > 30.0)
        .unwrap();
    assert_eq!(hit(&sc, b.x + b.w / 2.0, b.y + 10.0), Some(Hit::Bar(k)));
    assert_eq!(
        hit(&sc, b.x + b.w / 2.0, b.y + 1.0),
        None,
        "the gap above a bar"
    );
    assert_eq!(hit(&sc, -50.0, 5.0), None);
}

#[test]
fn a_timeline_read_a_few_entries_at_a_time_ends_equal_to_a_full_build() {
    use super::timeline_data::TimelineBuilder;
    let mut s = session(LEASE_LAPSE, 1);
    s.advance(6 * 3600);
    let full = build(&s.service, &s.pipeline_id);
    for chunk in [1, 3, 7, 50] {
        let mut b = TimelineBuilder::default();
        let mut parts = 0;
        let mut lengths = Vec::new();
        loop {
            let (_, more) = b.update_some(&s.service, &s.pipeline_id, chunk);
            lengths.push(b.timeline.length);
            parts += 1;
            if !more {
                break;
            }
        }
        if chunk == 1 {
            assert!(parts > 3, "{parts} parts");
        }
        assert!(lengths.windows(2).all(|w| w[0] <= w[1]), "{lengths:?}");
        b.fill_strips(&s.service, None);
        assert_eq!(b.timeline, full, "read {chunk} entries at a time");
    }
}

/// The lease strip of a lesson's run, as (kind, start, end) per attempt, in seconds.
fn strip(tl: &super::timeline_data::Timeline) -> Vec<(SpanKind, u32, i64, i64)> {
    tl.rows[0]
        .leases()
        .map(|(_, s)| (s.kind, s.attempt.unwrap(), s.start, s.end))
        .collect()
}

fn lesson_run(key: &str, until: Option<&str>) -> super::session::Session {
    let lesson = super::lessons::by_key(key).unwrap();
    let mut s = lesson.start().unwrap();
    let end = until.map_or(lesson.horizon(), |t| {
        crate::model::time::parse_datetime(t).unwrap()
    });
    while !s.run_chunk(end, 500) {}
    s
}

/// Reference §4 ("acknowledge", "lease") and §10 ("acknowledgement window /
/// lease", "what happens when an acknowledged lease lapses"): runner-1
/// acknowledges at once, reports until it crashes at 00:10, and its lease
/// runs out 15 minutes later; runner-2 takes attempt 2 at 00:35.
#[test]
fn the_lease_strip_shows_the_window_the_renewed_lease_and_what_was_left_of_it() {
    use SpanKind::*;
    let s = lesson_run("crashed-runner", None);
    let tl = build(&s.service, &s.pipeline_id);
    let st = strip(&tl);
    // Acknowledged in the second of the hand-out: no window to draw.
    assert_eq!(
        &st[..2],
        &[(Lease, 0, 0, 600), (LeaseLeft, 0, 600, 1500)],
        "{st:?}"
    );
    // The lease's end is the expiry mark.
    let expired: Vec<i64> = tl.rows[0]
        .marks()
        .filter(|(_, m)| m.kind == MarkKind::LeaseExpired)
        .map(|(_, m)| m.at)
        .collect();
    assert_eq!(expired, [1500]);
    // Attempt 2: acknowledged at its hand-out (00:35), its lease ends with the task (00:36:17).
    let second: Vec<_> = st.iter().filter(|x| x.1 == 1).collect();
    assert_eq!(second[0].2, 2100, "{st:?}");
    assert_eq!(second.last().unwrap().3, 2177, "{st:?}");
    assert!(second.iter().all(|x| x.0 != AckWindow), "{st:?}");
    // Each span names its runner.
    let holders: Vec<_> = tl.rows[0]
        .leases()
        .map(|(_, s)| s.holder.as_deref().unwrap_or("?").to_string())
        .collect();
    assert_eq!(&holders[..2], ["runner-1", "runner-1"]);
    assert_eq!(holders.last().unwrap(), "runner-2");
}

/// Reference §10 "what happens when the ack window lapses": the same
/// attempt's first hand-out has a 2-minute window and no lease; the second
/// hand-out's window closes at once with runner-1's acknowledgement (nothing
/// to draw).
#[test]
fn a_lapsed_acknowledgement_window_is_two_minutes_long_and_has_no_lease() {
    use SpanKind::*;
    let s = lesson_run("unacknowledged", None);
    let tl = build(&s.service, &s.pipeline_id);
    let st = strip(&tl);
    assert_eq!(st[0], (AckWindow, 0, 0, 120), "{st:?}");
    assert!(matches!(st[1], (Lease | LeaseLeft, 0, 120, _)), "{st:?}");
    assert_eq!(st.last().unwrap().3, 197, "{st:?}");
}

/// While a runner holds the task, what is left of its lease runs past now
/// to the deadline the engine holds (the last report plus
/// reportProgressTimeout).
#[test]
fn a_held_lease_runs_to_the_engines_deadline() {
    use SpanKind::*;
    let s = lesson_run("crashed-runner", Some("2024-01-01T00:05:00"));
    let tl = build(&s.service, &s.pipeline_id);
    assert_eq!(tl.length, 300);
    let st = strip(&tl);
    let p = s.service.pipeline_position(&s.pipeline_id).unwrap();
    let lease = s
        .service
        .attempt_lease(p, crate::engine::ix::AttemptIx(0))
        .unwrap();
    assert!(lease.live);
    let origin = tl.origin.unwrap();
    let deadline = (lease.lease_deadline.unwrap() - origin).num_seconds();
    let report = (lease.last_report.unwrap() - origin).num_seconds();
    assert!(deadline > tl.length, "{deadline}");
    assert_eq!(
        st.last().unwrap(),
        &(LeaseLeft, 0, report, deadline),
        "{st:?}"
    );
}

#[test]
fn the_scene_draws_the_strip_apart_from_the_bars_and_hits_it_under_them() {
    use super::timeline_view::{hit, Hit, BAR_TOP, STRIP_TOP};
    let s = lesson_run("crashed-runner", None);
    let tl = build(&s.service, &s.pipeline_id);
    let sc = scene(&tl, &Window::fit(tl.length, 1000.0));
    assert!(!sc.strips_hidden);
    let classes: Vec<_> = sc.strips.iter().map(|b| b.class).collect();
    assert!(
        classes.contains(&"tl-held") && classes.contains(&"tl-held-left"),
        "{classes:?}"
    );
    assert!(sc.bars.iter().all(|b| !classes.contains(&b.class)));
    let left = sc
        .strips
        .iter()
        .find(|b| b.class == "tl-held-left")
        .unwrap();
    let x = left.x + left.w / 2.0;
    assert_eq!(
        hit(&sc, x, left.y + STRIP_TOP + 2.0),
        Some(Hit::Strip(
            sc.strips.iter().position(|b| b == left).unwrap()
        ))
    );
    assert!(matches!(
        hit(&sc, x, left.y + BAR_TOP + 4.0),
        Some(Hit::Bar(_))
    ));
    assert_eq!(left.span, (600, 1500));
    // A year in 1000 px: a 15-minute lease is not a pixel wide; no strip.
    let year = Window {
        start: 0.0,
        px_per_sec: 1000.0 / (365.0 * 86_400.0),
        width: 1000.0,
    };
    let sc = scene(&tl, &year);
    assert!(sc.strips_hidden && sc.strips.is_empty());
}

/// The lease strips are made for the window shown: zoomed in to two hours
/// of a two-day run, the lanes hold only the strips of the instances in
/// view, and the scene draws exactly what the strips of the whole run draw
/// there; zoomed out past `STRIP_MIN_PX_PER_SEC`, none are made.
#[test]
fn lease_strips_are_made_for_the_window_shown_only() {
    use super::timeline_data::TimelineBuilder;
    let mut s = session(EVERY_15_MINUTES, 3);
    s.advance(2 * 86_400);
    let full = build(&s.service, &s.pipeline_id);
    let all: usize = full.rows.iter().map(|r| r.leases().count()).sum();
    assert!(all > 300, "{all} strip spans in two days");
    let mut b = TimelineBuilder::default();
    b.update(&s.service, &s.pipeline_id);
    let none: usize = b.timeline.rows.iter().map(|r| r.leases().count()).sum();
    assert_eq!(none, 0, "reading the trace makes no strips");
    let two_hours = Window {
        start: 30_000.0,
        px_per_sec: 1000.0 / 7200.0,
        width: 1000.0,
    };
    b.fill_strips(&s.service, Some(&two_hours));
    let made: usize = b.timeline.rows.iter().map(|r| r.leases().count()).sum();
    assert!(made > 0 && made * 10 < all, "{made} of {all}");
    let want = scene(&full, &two_hours);
    let got = scene(&b.timeline, &two_hours);
    assert!(!want.strips.is_empty());
    assert_eq!(got.strips, want.strips);
    assert_eq!(got.bars, want.bars);
    // A year in 1000 px: no strips are made.
    let year = Window {
        start: 0.0,
        px_per_sec: 1000.0 / (365.0 * 86_400.0),
        width: 1000.0,
    };
    b.fill_strips(&s.service, Some(&year));
    let made: usize = b.timeline.rows.iter().map(|r| r.leases().count()).sum();
    assert_eq!(made, 0);
}
