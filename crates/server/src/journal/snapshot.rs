//! Snapshot files: the whole service (and the wall clock's anchor) after
//! entry `seq`, as `snapshot-<seq>.json` in the state folder. Layout: a
//! magic line, a header line (engine stamp, seq, body length and CRC-32,
//! padded to a fixed width: it is filled in once the body is written),
//! then the JSON body (streamed out, with a running CRC: no copy of the
//! whole text in memory), so a torn or corrupt snapshot is detected and the
//! loader falls back to the previous one and the journal after it.

use super::sync_dir;
use crate::state::Anchor;
use engine::Service;
use serde::{Deserialize, Serialize};
use std::io::{BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

const MAGIC: &str = "pipeline-studio-snapshot/1";
/// The header line's width (padded with spaces), newline excluded.
const HEADER_WIDTH: usize = 511;

/// Counts and checksums the bytes written through it.
struct Crc<T> {
    inner: T,
    hasher: crc32fast::Hasher,
    len: u64,
}

impl<T> Crc<T> {
    fn new(inner: T) -> Self {
        Crc {
            inner,
            hasher: crc32fast::Hasher::new(),
            len: 0,
        }
    }
}

impl<W: Write> Write for Crc<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

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
    let path = dir.join(file_name(seq));
    let tmp = dir.join(format!(".{}.tmp-{}", file_name(seq), std::process::id()));
    let io = |e: std::io::Error| format!("{}: {e}", tmp.display());
    let mut f = std::fs::File::create(&tmp).map_err(io)?;
    f.write_all(format!("{MAGIC}\n{}\n", " ".repeat(HEADER_WIDTH)).as_bytes())
        .map_err(io)?;
    let mut body = Crc::new(BufWriter::with_capacity(1 << 20, &f));
    serde_json::to_writer(&mut body, &BodyRef { anchor, service })
        .map_err(|e| format!("snapshot: {e}"))?;
    body.flush().map_err(io)?;
    let header = SnapHeader {
        engine: engine.to_string(),
        seq,
        len: body.len,
        crc: body.hasher.clone().finalize(),
    };
    drop(body);
    let line = serde_json::to_string(&header).map_err(|e| e.to_string())?;
    if line.len() > HEADER_WIDTH {
        return Err(format!("snapshot header too long: {line}"));
    }
    f.seek(SeekFrom::Start(MAGIC.len() as u64 + 1))
        .and_then(|_| f.write_all(line.as_bytes()))
        .and_then(|_| f.sync_all())
        .map_err(io)?;
    drop(f);
    std::fs::rename(&tmp, &path).map_err(io)?;
    sync_dir(dir);
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

/// Read and check a whole snapshot (length, checksum, JSON). The text is
/// read whole: `serde_json::from_slice` parses a year's snapshot about 2.5x
/// faster than `from_reader` (8.4 s against 22 s on a loaded 2-core
/// machine), and a restart or a compaction holds it only while parsing.
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
