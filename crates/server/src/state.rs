//! The shared state behind every connection: one `Mutex` around the
//! `Service`, the virtual clock's anchor to the wall clock, the state file
//! (saved with group commit: every change gets a version, and a request
//! answers only once a snapshot at least that new is on disk) and the
//! notification that wakes long-polling PollForTask calls.

use super::args::ClockMode;
use chrono::{DateTime, Duration, NaiveDateTime, Timelike};
use engine::{Service, ServiceConfig};
use model::time::format_datetime;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use tokio::sync::Notify;

/// The current UTC time (the server reads the wall clock; the engine never does).
pub fn wall_now() -> NaiveDateTime {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    DateTime::from_timestamp(d.as_secs() as i64, d.subsec_nanos())
        .map(|t| t.naive_utc())
        .unwrap_or_default()
}

/// Where virtual time stands relative to the wall clock (wall mode):
/// virtual = `virtual_at` + (wall − `wall_at`) × `speed`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Anchor {
    pub virtual_at: NaiveDateTime,
    pub wall_at: NaiveDateTime,
    pub speed: f64,
}

impl Anchor {
    pub fn virtual_now(&self, wall: NaiveDateTime) -> NaiveDateTime {
        let real = (wall - self.wall_at).num_milliseconds() as f64;
        let ms = (real * self.speed).clamp(0.0, 1e15) as i64;
        self.virtual_at
            .checked_add_signed(Duration::milliseconds(ms))
            .unwrap_or(NaiveDateTime::MAX)
    }
}

/// The state file's content.
#[derive(Serialize, Deserialize)]
struct Saved {
    format: String,
    anchor: Option<Anchor>,
    service: Service,
}

const FORMAT: &str = "pipeline-studio-server/1";

/// The service and its clock, behind the one lock.
pub struct Core {
    pub service: Service,
    /// `None` in manual mode.
    pub anchor: Option<Anchor>,
    /// Bumped on every change; a snapshot carries the version it shows.
    pub version: u64,
}

impl Core {
    /// Wall mode: run every timer due by the wall clock's virtual time.
    /// Returns whether a timer was due (the state changed).
    pub fn catch_up(&mut self) -> bool {
        let Some(anchor) = self.anchor else {
            return false;
        };
        let target = anchor.virtual_now(wall_now());
        self.advance_to(target)
    }

    /// Run every timer due by `t` and move the clock there; true when a timer ran.
    pub fn advance_to(&mut self, t: NaiveDateTime) -> bool {
        let due = self.service.next_event_time().is_some_and(|n| n <= t);
        self.service.advance_to(t);
        due
    }

    /// `YYYY-MM-DDTHH:MM:SS` of the virtual clock.
    pub fn now_text(&self) -> String {
        format_datetime(self.service.now())
    }
}

pub struct Shared {
    core: Mutex<Core>,
    store: Option<Store>,
    /// Woken after every change that may have queued a task.
    pub tasks_changed: Notify,
    /// Woken after every change, for the wall-clock ticker.
    pub ticker: std::sync::Condvar,
    pub ticker_lock: Mutex<()>,
}

struct Store {
    path: PathBuf,
    /// The newest snapshot not yet written: (version, bytes).
    pending: Mutex<Option<(u64, Vec<u8>)>>,
    /// Held while writing; the version on disk.
    durable: Mutex<u64>,
}

impl Shared {
    /// A fresh service, or the one in `state` if that file exists.
    pub fn open(
        clock: ClockMode,
        start: Option<NaiveDateTime>,
        seed: u64,
        state: Option<&Path>,
    ) -> Result<Shared, String> {
        let wall = wall_now();
        let restored = match state {
            Some(p) if p.exists() => {
                let text =
                    std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
                let saved: Saved = serde_json::from_str(&text)
                    .map_err(|e| format!("{}: not a state file: {e}", p.display()))?;
                if saved.format != FORMAT {
                    return Err(format!(
                        "{}: unknown format {:?}",
                        p.display(),
                        saved.format
                    ));
                }
                Some(saved)
            }
            _ => None,
        };
        let (service, old_anchor) = match restored {
            Some(s) => (s.service, s.anchor),
            None => {
                let mut config = ServiceConfig {
                    seed,
                    ..ServiceConfig::default()
                };
                match (start, clock) {
                    (Some(t), _) => config.start_time = t,
                    (None, ClockMode::Wall { .. }) => {
                        config.start_time = wall.with_nanosecond(0).unwrap_or(wall)
                    }
                    (None, ClockMode::Manual) => {}
                }
                (Service::new(config), None)
            }
        };
        let anchor = match clock {
            ClockMode::Manual => None,
            ClockMode::Wall { speed } => {
                // Continue from where the old anchor says virtual time is now
                // (downtime counts), else from the service's clock.
                let from = old_anchor
                    .map(|a| a.virtual_now(wall).max(service.now()))
                    .unwrap_or(service.now());
                Some(Anchor {
                    virtual_at: from,
                    wall_at: wall,
                    speed,
                })
            }
        };
        let shared = Shared {
            core: Mutex::new(Core {
                service,
                anchor,
                version: 0,
            }),
            store: state.map(|p| Store {
                path: p.to_path_buf(),
                pending: Mutex::new(None),
                durable: Mutex::new(0),
            }),
            tasks_changed: Notify::new(),
            ticker: std::sync::Condvar::new(),
            ticker_lock: Mutex::new(()),
        };
        {
            let mut core = shared.lock();
            core.catch_up();
            let v = shared.changed(&mut core);
            drop(core);
            shared.commit(v).map_err(|e| format!("state file: {e}"))?;
        }
        Ok(shared)
    }

    /// The service lock (a panic in another request does not poison it for good).
    pub fn lock(&self) -> MutexGuard<'_, Core> {
        self.core.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Record a change under the lock: bump the version, snapshot for the
    /// state file. Returns the version to `commit` after unlocking.
    pub fn changed(&self, core: &mut Core) -> u64 {
        core.version += 1;
        if let Some(store) = &self.store {
            let saved = SavedRef {
                format: FORMAT,
                anchor: core.anchor,
                service: &core.service,
            };
            match serde_json::to_vec(&saved) {
                Ok(bytes) => {
                    let mut p = store.pending.lock().unwrap_or_else(|e| e.into_inner());
                    *p = Some((core.version, bytes));
                }
                Err(e) => eprintln!("state snapshot failed: {e}"),
            }
        }
        core.version
    }

    /// Wait until the state file holds version `v` or newer (writing the
    /// newest snapshot if no one else is). No-op without a state file.
    pub fn commit(&self, v: u64) -> std::io::Result<()> {
        let Some(store) = &self.store else {
            return Ok(());
        };
        let mut durable = store.durable.lock().unwrap_or_else(|e| e.into_inner());
        if *durable >= v {
            return Ok(());
        }
        let next = store
            .pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        if let Some((version, bytes)) = next {
            write_atomic(&store.path, &bytes)?;
            *durable = version;
        }
        Ok(())
    }

    /// Wake long polls and the ticker after a change.
    pub fn wake(&self) {
        self.tasks_changed.notify_waiters();
        let _g = self.ticker_lock.lock().unwrap_or_else(|e| e.into_inner());
        self.ticker.notify_all();
    }
}

#[derive(Serialize)]
struct SavedRef<'a> {
    format: &'a str,
    anchor: Option<Anchor>,
    service: &'a Service,
}

/// Write `bytes` to `path` so that a crash leaves either the old or the new
/// file: temp file in the same folder, fsync, rename, fsync the folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::time::parse_datetime;

    #[test]
    fn anchor_scales_wall_time() {
        let a = Anchor {
            virtual_at: parse_datetime("2012-12-12T00:00:00").unwrap(),
            wall_at: parse_datetime("2026-01-01T00:00:00").unwrap(),
            speed: 60.0,
        };
        let later = parse_datetime("2026-01-01T00:00:10").unwrap();
        assert_eq!(format_datetime(a.virtual_now(later)), "2012-12-12T00:10:00");
        // The wall clock going back never moves virtual time back.
        let earlier = parse_datetime("2025-12-31T00:00:00").unwrap();
        assert_eq!(a.virtual_now(earlier), a.virtual_at);
    }

    #[test]
    fn state_file_round_trip_and_atomic_replace() {
        let dir = std::env::temp_dir().join(format!("ps-server-state-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("state.json");
        let _ = std::fs::remove_file(&path);
        let s = Shared::open(ClockMode::Manual, None, 7, Some(&path)).unwrap();
        {
            let mut core = s.lock();
            let (code, _) = core.service.dispatch(
                "DataPipeline.CreatePipeline",
                r#"{"name":"a","uniqueId":"u"}"#,
            );
            assert_eq!(code, 200);
            let v = s.changed(&mut core);
            drop(core);
            s.commit(v).unwrap();
        }
        let again = Shared::open(ClockMode::Manual, None, 7, Some(&path)).unwrap();
        let (code, body) = again
            .lock()
            .service
            .dispatch("DataPipeline.ListPipelines", "{}");
        assert_eq!(code, 200);
        assert!(body.contains("\"a\""), "{body}");
        std::fs::write(&path, "{broken").unwrap();
        assert!(Shared::open(ClockMode::Manual, None, 7, Some(&path)).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
