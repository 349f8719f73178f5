//! The durable state of the local endpoint (`--state DIR`): an append-only
//! journal of what changed the service (each accepted mutating call with
//! its target, body, virtual time and caller; each move of the clock; the
//! retention rule `--keep-days` puts in force) in
//! length + CRC-32 framed records, written and (by default) fsynced before
//! the answer is sent, plus snapshots of the whole service that a
//! background thread builds by replaying the journal onto the previous
//! snapshot, so the request path never serialises the state and a restart
//! replays only a bounded tail. Read-only calls write nothing.
//!
//! Folder layout: `snapshot-<seq>.json` (the service after entry `seq`),
//! `journal-<first seq>.log` (segments: a header frame, then entries),
//! `LOCK` (one server per folder). A new segment starts when the engine
//! work since the last snapshot (what a restart would replay) exceeds both
//! `Policy::replay_budget` and what loading the last snapshot costs (a
//! snapshot only pays when replaying is dearer than reading it: a year of
//! the scenario replays in under a second, its 190 MB snapshot
//! reads in several), or after `Policy::snapshot_every` entries; the
//! compactor then writes the snapshot at the end of the closed segment.
//! The two newest snapshots and the segments after the older one are kept
//! (a damaged snapshot falls back to the previous one).
//!
//! Crash safety: a torn last frame (kill -9 mid-write, a full disk) is cut
//! off at start-up with a warning; a damaged frame inside an older segment
//! or a gap in the numbering refuses to start (never half-loaded). A folder
//! written by another engine (`ENGINE`: version + source hash) is refused
//! with both stamps named. A write or fsync failure stops the server from
//! accepting changes (they would be lost) until it is restarted.
//!
//! Left out: replication, and the old whole-state file format beyond a
//! one-time migration (`migrate`).

mod frame;
mod migrate;
mod record;
mod snapshot;

pub use record::{Change, Entry, Header};

use crate::state::Anchor;
use engine::Service;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The journal format (segment headers).
pub const FORMAT: &str = "pipeline-studio-journal/1";

/// The engine a journal replays on: the workspace version and a hash of
/// the engine's and the model's sources (`build.rs`). Replaying a journal
/// on another engine could give another service, so a folder stamped with
/// another engine is refused.
pub const ENGINE: &str = concat!(
    "pipeline-engine ",
    env!("CARGO_PKG_VERSION"),
    "+src.",
    env!("PS_ENGINE_SOURCE_HASH")
);

/// When to make answers durable and when to snapshot.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Policy {
    /// fsync (fdatasync) the journal before an answer is sent (group
    /// commit: one fsync covers every request waiting). Off: the record is
    /// written (safe from a crash of the server) but the OS decides when it
    /// reaches the disk (a power cut may lose the last seconds).
    pub fsync: bool,
    /// Start a new segment and snapshot after this many entries (bounds
    /// the journal on disk) ...
    pub snapshot_every: u64,
    /// ... or after this much engine work (a replay costs about as much)
    /// once it also exceeds the cost of loading the last snapshot.
    pub replay_budget: Duration,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            fsync: true,
            snapshot_every: 100_000,
            replay_budget: Duration::from_millis(500),
        }
    }
}

/// What start-up restored.
pub struct Restored {
    pub service: Service,
    pub anchor: Option<Anchor>,
    /// The last entry applied.
    pub seq: u64,
    /// Entries replayed after the snapshot.
    pub replayed: u64,
    /// Warnings (a torn tail cut off, a damaged snapshot skipped).
    pub warnings: Vec<String>,
    /// What reading the snapshot took.
    pub snapshot_load: Duration,
}

/// Apply one entry: what the live server did for it, again.
pub fn apply(service: &mut Service, anchor: &mut Option<Anchor>, change: &Change) {
    match change {
        Change::Call {
            at, target, body, ..
        } => {
            service.advance_to(*at);
            let _ = service.dispatch(target, body);
        }
        Change::Clock { to, anchor: a } => {
            service.advance_to(*to);
            if let Some(a) = a {
                *anchor = Some(*a);
            }
        }
        Change::Retention { at, keep_days } => {
            service.advance_to(*at);
            service.set_retention(
                keep_days.map(|keep_days| engine::retention::RetentionRule { keep_days }),
            );
        }
    }
}

fn segment_name(first: u64) -> String {
    format!("journal-{first:020}.log")
}

fn parse_segment_name(name: &str) -> Option<u64> {
    name.strip_prefix("journal-")?
        .strip_suffix(".log")?
        .parse()
        .ok()
}

/// The snapshots' and segments' sequence numbers, ascending.
fn list(dir: &Path) -> Result<(Vec<u64>, Vec<u64>), String> {
    let mut snaps = Vec::new();
    let mut segs = Vec::new();
    for e in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let e = e.map_err(|e| format!("{}: {e}", dir.display()))?;
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some(s) = snapshot::parse_name(&name) {
            snaps.push(s);
        } else if let Some(s) = parse_segment_name(&name) {
            segs.push(s);
        }
    }
    snaps.sort_unstable();
    segs.sort_unstable();
    Ok((snaps, segs))
}

fn mismatch(dir: &Path, theirs: &str) -> String {
    format!(
        "state {}: written by {theirs}, but this server runs {ENGINE}; replaying it could give \
         another service, so it is not loaded. Start fresh with another --state folder (or move \
         this one away), or run the server that wrote it.",
        dir.display()
    )
}

/// Refuse a folder stamped by another engine (before reading any state).
fn check_stamps(dir: &Path, snaps: &[u64], segs: &[u64]) -> Result<(), String> {
    for &s in snaps {
        if let Ok(h) = snapshot::read_header(&dir.join(snapshot::file_name(s))) {
            if h.engine != ENGINE {
                return Err(mismatch(dir, &h.engine));
            }
        }
    }
    for &s in segs {
        let bytes = std::fs::read(dir.join(segment_name(s))).unwrap_or_default();
        let d = frame::decode(&bytes);
        if let Some(h) = d
            .payloads
            .first()
            .and_then(|p| serde_json::from_slice::<Header>(p).ok())
        {
            if h.engine != ENGINE {
                return Err(mismatch(dir, &h.engine));
            }
        }
    }
    Ok(())
}

/// The state after every entry up to `upto`: the newest readable snapshot
/// at or before it, then the entries after it. `repair`: cut a torn tail
/// off the last segment (start-up only; the compactor never writes).
fn load(dir: &Path, upto: u64, repair: bool) -> Result<Restored, String> {
    let (snaps, segs) = list(dir)?;
    let mut warnings = Vec::new();
    let mut base = None;
    let started = Instant::now();
    for &s in snaps.iter().rev().filter(|&&s| s <= upto) {
        match snapshot::read(&dir.join(snapshot::file_name(s))) {
            Ok(snap) => {
                base = Some(snap);
                break;
            }
            Err(e) => warnings.push(format!("{e}; using the previous snapshot and the journal")),
        }
    }
    let Some(base) = base else {
        return Err(format!(
            "state {}: no readable snapshot{}",
            dir.display(),
            warnings
                .first()
                .map(|w| format!(" ({w})"))
                .unwrap_or_default()
        ));
    };
    let snapshot_load = started.elapsed();
    let (mut service, mut anchor, mut seq) = (base.service, base.anchor, base.seq);
    let mut replayed = 0;
    'segments: for (i, &first) in segs.iter().enumerate() {
        if segs.get(i + 1).is_some_and(|&next| next <= seq + 1) {
            continue; // every entry of this segment is in the snapshot
        }
        if first > upto {
            break;
        }
        let path = dir.join(segment_name(first));
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let d = frame::decode(&bytes);
        let torn = d.torn(bytes.len());
        let last = i + 1 == segs.len();
        if torn > 0 {
            if !last {
                return Err(format!(
                    "{}: damaged at byte {} (not the last segment: refusing to start)",
                    path.display(),
                    d.good_len
                ));
            }
            warnings.push(format!(
                "{}: dropped a torn last record ({torn} bytes after byte {}); everything before it is kept",
                path.display(),
                d.good_len
            ));
            if repair {
                let f = OpenOptions::new()
                    .write(true)
                    .open(&path)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                f.set_len(d.good_len as u64)
                    .and_then(|_| f.sync_all())
                    .map_err(|e| format!("{}: {e}", path.display()))?;
            }
        }
        let mut frames = d.payloads.iter();
        match frames.next().map(|p| serde_json::from_slice::<Header>(p)) {
            Some(Ok(h)) if h.engine != ENGINE => return Err(mismatch(dir, &h.engine)),
            Some(Ok(h)) if h.first_seq == first && h.format == FORMAT => {}
            None if last => continue, // cut off while it was being created
            _ => return Err(format!("{}: not a journal segment", path.display())),
        }
        for p in frames {
            let e: Entry = serde_json::from_slice(p)
                .map_err(|e| format!("{}: unreadable entry: {e}", path.display()))?;
            if e.seq <= seq {
                continue;
            }
            if e.seq > upto {
                break 'segments;
            }
            if e.seq != seq + 1 {
                return Err(format!(
                    "state {}: entries {} to {} are missing",
                    dir.display(),
                    seq + 1,
                    e.seq - 1
                ));
            }
            apply(&mut service, &mut anchor, &e.change);
            seq = e.seq;
            replayed += 1;
        }
    }
    Ok(Restored {
        service,
        anchor,
        seq,
        replayed,
        warnings,
        snapshot_load,
    })
}

/// A new segment file starting at `first`, its header fsynced.
fn new_segment(dir: &Path, first: u64) -> Result<File, String> {
    let path = dir.join(segment_name(first));
    let mut f = OpenOptions::new()
        .create(true)
        .truncate(true)
        .write(true)
        .open(&path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let header = Header {
        format: FORMAT.to_string(),
        engine: ENGINE.to_string(),
        first_seq: first,
    };
    let payload = serde_json::to_vec(&header).map_err(|e| e.to_string())?;
    f.write_all(&frame::encode(&payload))
        .and_then(|_| f.sync_all())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    sync_dir(dir);
    Ok(f)
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

fn open_append(dir: &Path, first: u64) -> Result<File, String> {
    let path = dir.join(segment_name(first));
    OpenOptions::new()
        .append(true)
        .open(&path)
        .map_err(|e| format!("{}: {e}", path.display()))
}

struct Writer {
    file: Arc<File>,
    /// The last entry written.
    seq: u64,
    records_since: u64,
    work_since: Duration,
    /// Set by a failed write or fsync: no change is accepted after it.
    failed: Option<String>,
}

/// The open journal of a running server.
pub struct Journal {
    dir: PathBuf,
    policy: Policy,
    writer: Mutex<Writer>,
    /// The last entry known to be on disk.
    durable: Mutex<u64>,
    compactor: Option<mpsc::Sender<u64>>,
    /// What loading the newest snapshot costs (ms): measured at start-up,
    /// estimated by the compactor (the time it took to write it).
    snapshot_cost_ms: Arc<AtomicU64>,
    compactor_thread: Option<std::thread::JoinHandle<()>>,
    _lock: File,
}

impl Drop for Journal {
    /// Let a snapshot being written finish (tests reopen the folder).
    fn drop(&mut self) {
        self.compactor = None;
        if let Some(t) = self.compactor_thread.take() {
            let _ = t.join();
        }
    }
}

fn guard<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Journal {
    /// Open (or create, with `fresh`) the state folder at `path`, replay
    /// it, and start the compactor. An old whole-state file at `path` is
    /// migrated first.
    pub fn open(
        path: &Path,
        policy: Policy,
        fresh: impl FnOnce() -> Service,
    ) -> Result<(Journal, Restored), String> {
        migrate::prepare(path)?;
        let dir = path.to_path_buf();
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let lock = File::create(dir.join("LOCK")).map_err(|e| format!("{}: {e}", dir.display()))?;
        if let Err(e) = lock.try_lock() {
            return Err(format!(
                "state {}: in use by another pipeline-studio-server ({e})",
                dir.display()
            ));
        }
        let (snaps, segs) = list(&dir)?;
        let started = Instant::now();
        let restored = if snaps.is_empty() && segs.is_empty() {
            let service = fresh();
            snapshot::write(&dir, ENGINE, 0, None, &service)?;
            new_segment(&dir, 1)?;
            Restored {
                service,
                anchor: None,
                seq: 0,
                replayed: 0,
                warnings: Vec::new(),
                snapshot_load: Duration::ZERO,
            }
        } else {
            check_stamps(&dir, &snaps, &segs)?;
            load(&dir, u64::MAX, true)?
        };
        let (_, segs) = list(&dir)?;
        let last = *segs.last().unwrap_or(&1);
        let file = match open_append(&dir, last) {
            Ok(f) if f.metadata().map(|m| m.len() > 0).unwrap_or(false) => f,
            // No segment, or one cut off before its header: start it again.
            _ => new_segment(&dir, restored.seq + 1)?,
        };
        let (tx, rx) = mpsc::channel::<u64>();
        let cost = Arc::new(AtomicU64::new(restored.snapshot_load.as_millis() as u64));
        let thread = {
            let (dir, cost) = (dir.clone(), cost.clone());
            std::thread::Builder::new()
                .name("journal-compactor".into())
                .spawn(move || compactor(&dir, rx, &cost))
                .map_err(|e| format!("compactor thread: {e}"))?
        };
        let journal = Journal {
            dir,
            policy,
            writer: Mutex::new(Writer {
                file: Arc::new(file),
                seq: restored.seq,
                records_since: restored.replayed,
                work_since: started.elapsed(),
                failed: None,
            }),
            durable: Mutex::new(restored.seq),
            compactor: Some(tx),
            snapshot_cost_ms: cost,
            compactor_thread: Some(thread),
            _lock: lock,
        };
        Ok((journal, restored))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Why changes are refused, after a failed write or fsync.
    pub fn failed(&self) -> Option<String> {
        guard(&self.writer).failed.clone()
    }

    /// Append `change` (call under the service lock, so the journal's order
    /// is the order of application); `work` is the engine time it took.
    /// Returns its sequence number, to `sync` after unlocking.
    pub fn append(&self, change: Change, work: Duration) -> Result<u64, String> {
        let mut w = guard(&self.writer);
        if let Some(f) = &w.failed {
            return Err(f.clone());
        }
        let seq = w.seq + 1;
        let payload = serde_json::to_vec(&Entry { seq, change }).map_err(|e| e.to_string())?;
        if let Err(e) = (&*w.file).write_all(&frame::encode(&payload)) {
            let msg = format!("state journal write failed: {e}; restart the server");
            w.failed = Some(msg.clone());
            return Err(msg);
        }
        w.seq = seq;
        w.records_since += 1;
        w.work_since += work;
        if w.records_since >= self.policy.snapshot_every || self.replay_too_long(&w) {
            if let Err(e) = self.rotate(&mut w) {
                w.failed = Some(format!("state journal: {e}; restart the server"));
                return Err(e);
            }
        }
        Ok(seq)
    }

    /// Count engine work that wrote no entry (timers the wall clock ran);
    /// true when a checkpoint entry is due (`Change::Clock` without anchor).
    pub fn note_work(&self, work: Duration) -> bool {
        let mut w = guard(&self.writer);
        w.work_since += work;
        self.replay_too_long(&w)
    }

    /// Whether replaying the tail would now cost more than the budget and
    /// than reading a new snapshot (estimated by the last one).
    fn replay_too_long(&self, w: &Writer) -> bool {
        let snapshot = Duration::from_millis(self.snapshot_cost_ms.load(Ordering::Relaxed));
        w.work_since >= self.policy.replay_budget.max(snapshot)
    }

    /// Close the segment (fsynced), open the next, and have the compactor
    /// snapshot the state after the closed one.
    fn rotate(&self, w: &mut Writer) -> Result<(), String> {
        w.file.sync_data().map_err(|e| e.to_string())?;
        w.file = Arc::new(new_segment(&self.dir, w.seq + 1)?);
        w.records_since = 0;
        w.work_since = Duration::ZERO;
        if let Some(c) = &self.compactor {
            let _ = c.send(w.seq);
        }
        Ok(())
    }

    /// Return once entry `seq` is on disk (group commit: one fsync covers
    /// every entry written before it). Without `Policy::fsync`, at once.
    pub fn sync(&self, seq: u64) -> Result<(), String> {
        if !self.policy.fsync {
            return Ok(());
        }
        let mut durable = guard(&self.durable);
        if *durable >= seq {
            return Ok(());
        }
        let (file, upto) = {
            let w = guard(&self.writer);
            if let Some(f) = &w.failed {
                return Err(f.clone());
            }
            (w.file.clone(), w.seq)
        };
        if let Err(e) = file.sync_data() {
            let msg = format!("state journal fsync failed: {e}; restart the server");
            guard(&self.writer).failed = Some(msg.clone());
            return Err(msg);
        }
        *durable = upto;
        Ok(())
    }
}

/// The background snapshot builder: for each closed segment, replay the
/// newest snapshot and the entries up to its end, write the snapshot, and
/// drop what the two newest snapshots no longer need.
fn compactor(dir: &Path, rx: mpsc::Receiver<u64>, cost_ms: &AtomicU64) {
    while let Ok(mut upto) = rx.recv() {
        while let Ok(later) = rx.try_recv() {
            upto = upto.max(later);
        }
        match compact(dir, upto) {
            Ok(cost) => cost_ms.store(cost.as_millis() as u64, Ordering::Relaxed),
            Err(e) => {
                eprintln!("snapshot after entry {upto} failed (the journal keeps everything): {e}")
            }
        }
    }
}

/// Write the snapshot after entry `upto`; the time writing it took (the
/// estimate of what reading it will cost).
fn compact(dir: &Path, upto: u64) -> Result<Duration, String> {
    let r = load(dir, upto, false)?;
    for w in &r.warnings {
        eprintln!("snapshot: {w}");
    }
    if r.seq != upto {
        return Err(format!("the journal ends at entry {}, not {upto}", r.seq));
    }
    let started = Instant::now();
    snapshot::write(dir, ENGINE, r.seq, r.anchor, &r.service)?;
    let cost = started.elapsed();
    drop(r);
    prune(dir)?;
    Ok(cost)
}

/// Keep the two newest snapshots and the segments after the older one.
fn prune(dir: &Path) -> Result<(), String> {
    let (snaps, segs) = list(dir)?;
    if snaps.len() < 2 {
        return Ok(());
    }
    let older = snaps[snaps.len() - 2];
    for &s in &snaps[..snaps.len() - 2] {
        let _ = std::fs::remove_file(dir.join(snapshot::file_name(s)));
    }
    for (i, &first) in segs.iter().enumerate() {
        // A segment whose successor starts at or before older + 1 holds
        // only entries the older snapshot has.
        if segs.get(i + 1).is_some_and(|&next| next <= older + 1) {
            let _ = std::fs::remove_file(dir.join(segment_name(first)));
        }
    }
    sync_dir(dir);
    Ok(())
}

#[cfg(test)]
mod tests;
