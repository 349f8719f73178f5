//! The journal against the live server path (`dispatch_now`, the clock
//! API's `advance`): restart gives the same service (trace fingerprint),
//! a torn tail is cut off, another engine's folder is refused, a damaged
//! snapshot falls back to the previous one, an old state file migrates.

use super::*;
use crate::args::ClockMode;
use crate::clock_api::advance;
use crate::dispatch::dispatch_now;
use crate::state::Shared;

/// A path under the temp folder, removed (folder or file) when dropped, so
/// a failing test leaves nothing behind either. Hand-written: the workspace
/// has no `tempfile`, and these tests need a known name (a state file that
/// becomes a folder, its backup beside it) more than a random one.
struct Temp(PathBuf);

impl Temp {
    fn remove(&self) {
        let _ = std::fs::remove_dir_all(&self.0);
        let _ = std::fs::remove_file(&self.0);
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        self.remove();
    }
}

impl std::ops::Deref for Temp {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Temp {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

/// `ps-journal-NAME-PID` in the temp folder, empty.
fn temp(name: &str) -> Temp {
    let t = Temp(std::env::temp_dir().join(format!("ps-journal-{name}-{}", std::process::id())));
    t.remove();
    t
}

fn policy(every: u64) -> Policy {
    Policy {
        fsync: false,
        snapshot_every: every,
        replay_budget: Duration::from_secs(3600),
    }
}

fn open(dir: &Path, every: u64) -> Shared {
    Shared::open(ClockMode::Manual, None, 7, Some(dir), policy(every)).unwrap()
}

fn call(s: &Shared, action: &str, body: &str) -> (u16, String) {
    dispatch_now(s, &format!("DataPipeline.{action}"), body, "AKID", None).unwrap()
}

/// The whole trace in words (every change, its cause and note), hashed,
/// its length in lines, and the clock.
fn fingerprint(s: &Shared) -> (u32, usize, String) {
    let core = s.lock();
    let text = core.service.trace_text();
    (
        crc32fast::hash(text.as_bytes()),
        text.lines().count(),
        core.now_text(),
    )
}

/// The SayHello pipeline of the service's documentation, active, a task
/// handed out and finished, a day of schedule: a trace with every kind of
/// entry.
fn scenario(s: &Shared) -> String {
    let (_, out) = call(s, "CreatePipeline", r#"{"name":"hello","uniqueId":"u1"}"#);
    let pid = serde_json::from_str::<serde_json::Value>(&out).unwrap()["pipelineId"]
        .as_str()
        .unwrap()
        .to_string();
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/samples/seed-sayhello-put-request.json");
    let mut put: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    put["pipelineId"] = pid.clone().into();
    assert_eq!(call(s, "PutPipelineDefinition", &put.to_string()).0, 200);
    assert_eq!(
        call(
            s,
            "ActivatePipeline",
            &format!(r#"{{"pipelineId":"{pid}"}}"#)
        )
        .0,
        200
    );
    advance(s, 600.0).unwrap();
    let (_, polled) = call(
        s,
        "PollForTask",
        r#"{"workerGroup":"workerGroup","hostname":"h"}"#,
    );
    let task: serde_json::Value = serde_json::from_str(&polled).unwrap();
    let task_id = task["taskObject"]["taskId"]
        .as_str()
        .expect(&polled)
        .to_string();
    call(
        s,
        "ReportTaskProgress",
        &format!(r#"{{"taskId":"{task_id}"}}"#),
    );
    call(
        s,
        "SetTaskStatus",
        &format!(r#"{{"taskId":"{task_id}","taskStatus":"FINISHED"}}"#),
    );
    call(
        s,
        "AddTags",
        &format!(r#"{{"pipelineId":"{pid}","tags":[{{"key":"k","value":"v"}}]}}"#),
    );
    advance(s, 86_400.0).unwrap();
    pid
}

#[test]
fn replay_equals_the_live_state_with_and_without_snapshots() {
    for every in [1_000_000, 3] {
        let dir = temp(&format!("replay-{every}"));
        let live = open(&dir, every);
        scenario(&live);
        // Read-only calls write nothing (checked where no snapshot is
        // being written meanwhile).
        let quiet = every > 1000;
        let before = std::fs::read_dir(&dir).unwrap().count();
        let len = |d: &Path| -> u64 {
            std::fs::read_dir(d)
                .unwrap()
                .flatten()
                .map(|e| e.metadata().unwrap().len())
                .sum()
        };
        let bytes = len(&dir);
        call(&live, "ListPipelines", "{}");
        call(&live, "PollForTask", r#"{"workerGroup":"nobody"}"#);
        if quiet {
            assert_eq!(len(&dir), bytes, "a read-only call wrote to the journal");
            assert_eq!(std::fs::read_dir(&dir).unwrap().count(), before);
        }
        let want = fingerprint(&live);
        assert!(want.1 > 20, "scenario too small: {want:?}");
        drop(live);
        let again = open(&dir, every);
        assert_eq!(fingerprint(&again), want, "snapshot every {every}");
        drop(again);
    }
}

#[test]
fn a_torn_last_record_is_dropped_and_everything_before_it_kept() {
    let dir = temp("torn");
    let live = open(&dir, 1_000_000);
    scenario(&live);
    let want = fingerprint(&live);
    drop(live);
    let seg = dir.join(segment_name(1));
    let whole = std::fs::read(&seg).unwrap();
    // Half of a further record, as a kill -9 mid-write leaves it.
    let extra =
        frame::encode(br#"{"seq":99,"kind":"clock","to":"2030-01-01T00:00:00","anchor":null}"#);
    let mut torn = whole.clone();
    torn.extend_from_slice(&extra[..extra.len() / 2]);
    std::fs::write(&seg, &torn).unwrap();
    let again = open(&dir, 1_000_000);
    assert_eq!(fingerprint(&again), want);
    drop(again);
    assert_eq!(
        std::fs::read(&seg).unwrap(),
        whole,
        "the torn tail is cut off"
    );
}

#[test]
fn a_folder_of_another_engine_is_refused_naming_both() {
    let dir = temp("engine");
    let live = open(&dir, 1_000_000);
    call(&live, "CreatePipeline", r#"{"name":"a","uniqueId":"a"}"#);
    drop(live);
    let seg = dir.join(segment_name(1));
    let bytes = std::fs::read(&seg).unwrap();
    let d = frame::decode(&bytes);
    let mut header: Header = serde_json::from_slice(d.payloads[0]).unwrap();
    header.engine = "pipeline-engine 0.0.9+src.000000000000".into();
    let mut out = frame::encode(&serde_json::to_vec(&header).unwrap());
    for p in &d.payloads[1..] {
        out.extend(frame::encode(p));
    }
    std::fs::write(&seg, out).unwrap();
    let e = match Shared::open(ClockMode::Manual, None, 7, Some(&*dir), policy(10)) {
        Err(e) => e,
        Ok(_) => panic!("loaded a folder of another engine"),
    };
    assert!(e.contains("pipeline-engine 0.0.9+src.000000000000"), "{e}");
    assert!(e.contains(ENGINE), "{e}");
    assert!(e.contains("Start fresh"), "{e}");
}

#[test]
fn a_damaged_snapshot_falls_back_to_the_previous_one_and_the_journal() {
    let dir = temp("snap");
    let live = open(&dir, 3);
    scenario(&live);
    let want = fingerprint(&live);
    drop(live);
    let (snaps, _) = list(&dir).unwrap();
    assert!(snaps.len() >= 2, "{snaps:?}");
    let newest = dir.join(snapshot::file_name(*snaps.last().unwrap()));
    let mut bytes = std::fs::read(&newest).unwrap();
    let n = bytes.len();
    bytes[n - 10] ^= 0x55;
    std::fs::write(&newest, bytes).unwrap();
    let again = open(&dir, 3);
    assert_eq!(fingerprint(&again), want);
    drop(again);
}

#[test]
fn an_old_state_file_becomes_a_state_folder() {
    let path = temp("old.json");
    let mut service = engine::Service::new(engine::ServiceConfig::default());
    service.dispatch(
        "DataPipeline.CreatePipeline",
        r#"{"name":"old","uniqueId":"o"}"#,
    );
    let old = serde_json::json!({"format": "pipeline-studio-server/1", "anchor": null, "service": service});
    std::fs::write(&path, old.to_string()).unwrap();
    let s = open(&path, 10);
    assert!(call(&s, "ListPipelines", "{}").1.contains("df-"));
    call(&s, "CreatePipeline", r#"{"name":"new","uniqueId":"n"}"#);
    drop(s);
    assert!(path.is_dir());
    let backup = Temp(path.with_file_name(format!(
        "{}.pre-journal.json",
        path.file_name().unwrap().to_string_lossy()
    )));
    assert!(backup.is_file());
    let s = open(&path, 10);
    let (_, list) = call(&s, "ListPipelines", "{}");
    assert_eq!(list.matches("df-").count(), 2, "{list}");
}

#[test]
fn a_second_server_on_the_same_folder_is_refused() {
    let dir = temp("lock");
    let first = open(&dir, 10);
    let e = match Shared::open(ClockMode::Manual, None, 7, Some(&*dir), policy(10)) {
        Err(e) => e,
        Ok(_) => panic!("two servers on one folder"),
    };
    assert!(e.contains("in use"), "{e}");
    drop(first);
}
