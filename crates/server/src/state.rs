//! The shared state behind every connection: one `Mutex` around the
//! `Service`, the virtual clock's anchor to the wall clock, the state
//! journal (`journal`: every accepted change is appended under the lock
//! and made durable before its answer) and the notification that wakes
//! long-polling PollForTask calls.

use super::args::ClockMode;
use super::journal::{Change, Journal, Policy};
use chrono::{DateTime, Duration, NaiveDateTime, Timelike};
use engine::{Service, ServiceConfig};
use model::time::format_datetime;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;
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

/// The service and its clock, behind the one lock.
pub struct Core {
    pub service: Service,
    /// `None` in manual mode.
    pub anchor: Option<Anchor>,
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
    journal: Option<Journal>,
    /// Woken after every change that may have queued a task.
    pub tasks_changed: Notify,
    /// Woken after every change, for the wall-clock ticker.
    pub ticker: std::sync::Condvar,
    pub ticker_lock: Mutex<()>,
}

impl Shared {
    /// A fresh service, or the one the state folder `state` holds (an old
    /// state file there is migrated first).
    pub fn open(
        clock: ClockMode,
        start: Option<NaiveDateTime>,
        seed: u64,
        state: Option<&Path>,
        policy: Policy,
    ) -> Result<Shared, String> {
        let wall = wall_now();
        let fresh = || {
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
            Service::new(config)
        };
        let (journal, service, old_anchor) = match state {
            Some(p) => {
                let started = std::time::Instant::now();
                let (journal, restored) = Journal::open(p, policy, fresh)?;
                for w in &restored.warnings {
                    eprintln!("warning: {w}");
                }
                if restored.seq > 0 {
                    eprintln!(
                        "state {}: restored entry {} ({} replayed after the snapshot) in {} ms",
                        p.display(),
                        restored.seq,
                        restored.replayed,
                        started.elapsed().as_millis()
                    );
                }
                (Some(journal), restored.service, restored.anchor)
            }
            None => (None, fresh(), None),
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
            core: Mutex::new(Core { service, anchor }),
            journal,
            tasks_changed: Notify::new(),
            ticker: std::sync::Condvar::new(),
            ticker_lock: Mutex::new(()),
        };
        if let Some(anchor) = anchor {
            // The new anchor is part of the state (the next start counts
            // the downtime from it).
            let mut core = shared.lock();
            let t0 = std::time::Instant::now();
            core.catch_up();
            let to = core.service.now();
            let seq = shared.record(
                &mut core,
                Change::Clock {
                    to,
                    anchor: Some(anchor),
                },
                t0.elapsed(),
            )?;
            drop(core);
            shared.sync(seq)?;
        }
        Ok(shared)
    }

    /// The service lock (a panic in another request does not poison it for good).
    pub fn lock(&self) -> MutexGuard<'_, Core> {
        self.core.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Why changes are refused (a journal write or fsync failed).
    pub fn refusing_changes(&self) -> Option<String> {
        self.journal.as_ref().and_then(Journal::failed)
    }

    /// Journal a change just applied (call under the lock: the journal's
    /// order is the order of application). `Some(seq)` to `sync` after
    /// unlocking; `None` without `--state`.
    pub fn record(
        &self,
        _core: &mut Core,
        change: Change,
        work: std::time::Duration,
    ) -> Result<Option<u64>, String> {
        match &self.journal {
            Some(j) => j.append(change, work).map(Some),
            None => Ok(None),
        }
    }

    /// Put a retention rule in force (`--keep-days`; None: keep
    /// everything), journaled at the virtual time it applies from. Nothing
    /// is written when it is already the service's rule.
    pub fn set_retention(&self, keep_days: Option<u32>) -> Result<(), String> {
        let mut core = self.lock();
        let rule = keep_days.map(|keep_days| engine::retention::RetentionRule { keep_days });
        if core.service.retention() == rule {
            return Ok(());
        }
        let t0 = std::time::Instant::now();
        let at = core.service.now();
        core.service.set_retention(rule);
        let seq = self.record(&mut core, Change::Retention { at, keep_days }, t0.elapsed())?;
        drop(core);
        self.sync(seq)
    }

    /// Timers ran without a call (wall clock): count the work, and journal
    /// a checkpoint of the clock when the replay budget is spent, so a
    /// restart never replays more than that.
    pub fn timers_ran(
        &self,
        core: &mut Core,
        work: std::time::Duration,
    ) -> Result<Option<u64>, String> {
        match &self.journal {
            Some(j) if j.note_work(work) => {
                let to = core.service.now();
                self.record(
                    core,
                    Change::Clock { to, anchor: None },
                    std::time::Duration::ZERO,
                )
            }
            _ => Ok(None),
        }
    }

    /// Wait until entry `seq` is durable (no-op for `None`).
    pub fn sync(&self, seq: Option<u64>) -> Result<(), String> {
        match (&self.journal, seq) {
            (Some(j), Some(seq)) => j.sync(seq),
            _ => Ok(()),
        }
    }

    /// Wake long polls and the ticker after a change.
    pub fn wake(&self) {
        self.tasks_changed.notify_waiters();
        let _g = self.ticker_lock.lock().unwrap_or_else(|e| e.into_inner());
        self.ticker.notify_all();
    }
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
}
