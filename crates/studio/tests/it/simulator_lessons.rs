//! The simulator's lessons and replay, natively: every lesson runs on the
//! engine to the outcome its caption describes, and the same settings and
//! seed give the same run, byte for byte.

use studio::simulator::lessons;
use studio::simulator::session::Session;
use studio::simulator::settings::RunSettings;

fn run_to_horizon(lesson: &lessons::Lesson) -> Session {
    let mut s = lesson
        .start()
        .unwrap_or_else(|e| panic!("{}: {e}", lesson.key));
    let to = lesson.horizon();
    while !s.run_chunk(to, 500) {}
    s
}

#[test]
fn every_lesson_reaches_its_described_outcome() {
    let all = lessons::all();
    assert_eq!(all.len(), 8);
    for lesson in &all {
        assert!(!lesson.definition.objects.is_empty(), "{}", lesson.key);
        assert!(
            !lesson.caption.is_empty() && lesson.horizon_secs > 0 && !lesson.outcome.is_empty(),
            "{}: sets what `from_file!` leaves empty",
            lesson.key
        );
        let mut s = run_to_horizon(lesson);
        for (component, status) in &lesson.outcome {
            assert_eq!(
                s.first_status(component).as_deref(),
                Some(*status),
                "{}: {component}\n{:?}",
                lesson.key,
                s.instances()
            );
        }
    }
}

#[test]
fn the_unacknowledged_task_goes_to_another_runner_after_two_minutes() {
    let lesson = lessons::by_key("unacknowledged").unwrap();
    let s = run_to_horizon(&lesson);
    let polls: Vec<_> = s
        .service
        .call_log()
        .iter()
        .filter(|c| c.action == "PollForTask" && c.response.contains("taskId"))
        .collect();
    assert_eq!(polls[0].caller, "forgetful-runner");
    assert_eq!(polls[1].caller, "runner-1");
    assert_eq!(
        studio::model::time::format_datetime(polls[1].at),
        "2024-01-01T00:02:00"
    );
}

#[test]
fn the_crashed_runner_loses_its_lease_and_runner_2_finishes() {
    let lesson = lessons::by_key("crashed-runner").unwrap();
    let s = run_to_horizon(&lesson);
    let text = s
        .service
        .explain(&s.pipeline_id, "@Hello_2024-01-01T00:00:00_Attempt=1")
        .join("\n");
    assert!(text.contains("lease expired"), "{text}");
    let finisher = s
        .service
        .call_log()
        .iter()
        .filter(|c| c.action == "SetTaskStatus")
        .map(|c| c.caller.clone())
        .collect::<Vec<_>>();
    assert_eq!(finisher, vec!["runner-2".to_string()]);
}

#[test]
fn retries_end_in_on_fail() {
    let lesson = lessons::by_key("retries").unwrap();
    let mut s = run_to_horizon(&lesson);
    let row = s
        .instances()
        .into_iter()
        .find(|r| r.component == "Flaky")
        .unwrap();
    assert_eq!(row.attempts, "3");
    assert_eq!(s.service.notifications().len(), 1);
}

#[test]
fn cascade_failed_then_rerun() {
    let lesson = lessons::by_key("cascade").unwrap();
    let mut s = lesson.start().unwrap();
    let mid = studio::engine::clock::plus(lesson.horizon(), -lesson.horizon_secs + 1700);
    while !s.run_chunk(mid, 500) {}
    assert_eq!(s.first_status("Extract").as_deref(), Some("FAILED"));
    assert_eq!(s.first_status("Load").as_deref(), Some("CASCADE_FAILED"));
}

#[test]
fn the_same_settings_and_seed_replay_the_same_run() {
    for lesson in lessons::all() {
        let settings = lesson.settings();
        let text = RunSettings::from_file(&settings.to_file()).unwrap();
        assert_eq!(text, settings, "{}", lesson.key);
        let run = |settings: &RunSettings, chunk: usize| {
            let mut s = Session::start_scripted(settings, lesson.script_for(settings)).unwrap();
            let to = lesson.horizon();
            while !s.run_chunk(to, chunk) {}
            s.service.trace_text()
        };
        // Chunk sizes differ (as frames do in the browser); the run does not.
        assert_eq!(run(&settings, 7), run(&text, 1000), "{}", lesson.key);
    }
}

/// Every lesson lists its key moments in its file, and each is found in
/// the lesson's own run, in order.
#[test]
fn every_lesson_has_key_moments_found_in_its_run() {
    for lesson in lessons::all() {
        assert!(lesson.moments.len() >= 2, "{}: no key moments", lesson.key);
        let found = lesson
            .key_moments()
            .unwrap_or_else(|e| panic!("{}: {e}", lesson.key));
        assert_eq!(found.len(), lesson.moments.len(), "{}", lesson.key);
        assert!(found.iter().all(|m| !m.caption.is_empty()));
        assert!(
            found.windows(2).all(|w| w[0].at <= w[1].at),
            "{}",
            lesson.key
        );
    }
}

#[test]
fn the_crashed_runner_lesson_pauses_at_the_lease_expiry_and_runner_2s_hand_out() {
    let lesson = lessons::by_key("crashed-runner").unwrap();
    let found = lesson.key_moments().unwrap();
    let titles: Vec<(String, String)> = found
        .iter()
        .map(|m| (m.title.clone(), m.at.format("%H:%M:%S").to_string()))
        .collect();
    let t = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        titles,
        vec![
            t("Hand out", "00:00:00"),
            t("Acknowledgement", "00:00:00"),
            t("At 00:10:00", "00:10:00"),
            t("Lease expiry", "00:25:00"),
            t("Retry scheduled", "00:25:00"),
            t("Retry", "00:35:00"),
            t("Hand out", "00:35:00"),
            t("Finished", "00:36:17"),
        ]
    );
    let handout = found[6].step.as_ref().unwrap();
    assert_eq!(handout.call.as_ref().unwrap().caller, "runner-2");
    assert_eq!(
        found[3].select.as_deref(),
        Some("@Hello_2024-01-01T00:00:00_Attempt=1")
    );
}
