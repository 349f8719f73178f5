//! Snapshot files: the whole service (and the wall clock's anchor) after
//! entry `seq`, as `snapshot-<seq>.json` in the state folder. Layout: a
//! magic line, a header line (engine stamp, seq, body length and CRC-32),
//! then the JSON body, so a torn or corrupt snapshot is detected and the
//! loader falls back to the previous one and the journal after it.

use crate::state::{write_atomic, Anchor};
use engine::Service;
use serde::{Deserialize, Serialize};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

const MAGIC: &str = "pipeline-studio-snapshot/1";

/// The header line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SnapHeader {
    pub engine: String,
    pub seq: u64,
    pub len: u64,
    pub crc: u32,
}

#[derive(Serialize)]
struct BodyRef<'a> {
    anchor: Option<Anchor>,
    service: &'a Service,
}

#[derive(Deserialize)]
struct Body {
    anchor: Option<Anchor>,
    service: Service,
}

/// A loaded snapshot.
pub struct Snapshot {
    pub seq: u64,
    pub anchor: Option<Anchor>,
    pub service: Service,
}

pub fn file_name(seq: u64) -> String {
    format!("snapshot-{seq:020}.json")
}

/// The seq in a snapshot file name.
pub fn parse_name(name: &str) -> Option<u64> {
    name.strip_prefix("snapshot-")?
        .strip_suffix(".json")?
        .parse()
        .ok()
}

/// Write the snapshot of `service` after entry `seq` into `dir` (atomic:
/// temp file, fsync, rename, fsync the folder). Returns its path.
pub fn write(
    dir: &Path,
    engine: &str,
    seq: u64,
    anchor: Option<Anchor>,
    service: &Service,
) -> Result<PathBuf, String> {
    let body =
        serde_json::to_vec(&BodyRef { anchor, service }).map_err(|e| format!("snapshot: {e}"))?;
    let header = SnapHeader {
        engine: engine.to_string(),
        seq,
        len: body.len() as u64,
        crc: crc32fast::hash(&body),
    };
    let mut bytes = format!(
        "{MAGIC}\n{}\n",
        serde_json::to_string(&header).map_err(|e| e.to_string())?
    )
    .into_bytes();
    bytes.extend_from_slice(&body);
    let path = dir.join(file_name(seq));
    write_atomic(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

/// The header of a snapshot file (cheap: two lines).
pub fn read_header(path: &Path) -> Result<SnapHeader, String> {
    let f = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut r = BufReader::new(f);
    header_of(&mut r, path)
}

fn header_of(r: &mut impl BufRead, path: &Path) -> Result<SnapHeader, String> {
    let mut magic = String::new();
    r.read_line(&mut magic)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    if magic.trim_end() != MAGIC {
        return Err(format!("{}: not a snapshot", path.display()));
    }
    let mut line = String::new();
    r.read_line(&mut line)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&line).map_err(|e| format!("{}: bad snapshot header: {e}", path.display()))
}

/// Read and check a whole snapshot (length, checksum, JSON).
pub fn read(path: &Path) -> Result<Snapshot, String> {
    let f = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut r = BufReader::new(f);
    let header = header_of(&mut r, path)?;
    let mut body = Vec::with_capacity(header.len.min(1 << 32) as usize);
    r.read_to_end(&mut body)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    if body.len() as u64 != header.len || crc32fast::hash(&body) != header.crc {
        return Err(format!(
            "{}: damaged (length or checksum does not match)",
            path.display()
        ));
    }
    let b: Body = serde_json::from_slice(&body)
        .map_err(|e| format!("{}: not a service state: {e}", path.display()))?;
    Ok(Snapshot {
        seq: header.seq,
        anchor: b.anchor,
        service: b.service,
    })
}
