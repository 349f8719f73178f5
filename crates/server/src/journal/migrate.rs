//! The one-time move from the old state file (`--state FILE` holding the
//! whole service as JSON, format `pipeline-studio-server/1`) to a state
//! folder at the same path: the folder is built beside it
//! (`FILE.journal-tmp`, with the old state as its first snapshot), the old
//! file is kept as `FILE.pre-journal.json`, then the folder takes the
//! path. A crash between the two renames is finished at the next start.

use super::{new_segment, snapshot, sync_dir, ENGINE};
use crate::state::Anchor;
use engine::Service;
use serde::Deserialize;
use std::path::{Path, PathBuf};

const OLD_FORMAT: &str = "pipeline-studio-server/1";

#[derive(Deserialize)]
struct Old {
    format: String,
    anchor: Option<Anchor>,
    service: Service,
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Make `path` a state folder if it is an old state file (or finish a
/// migration a crash interrupted). Anything else is left alone.
pub fn prepare(path: &Path) -> Result<(), String> {
    let tmp = sibling(path, ".journal-tmp");
    let backup = sibling(path, ".pre-journal.json");
    if !path.exists() && tmp.is_dir() && backup.is_file() {
        std::fs::rename(&tmp, path).map_err(|e| format!("{}: {e}", path.display()))?;
        eprintln!(
            "finished moving the old state file to the state folder {}",
            path.display()
        );
        return Ok(());
    }
    if !path.is_file() {
        return Ok(());
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let old: Old = serde_json::from_str(&text).map_err(|e| {
        format!(
            "{}: neither a state folder nor an old state file: {e}",
            path.display()
        )
    })?;
    if old.format != OLD_FORMAT {
        return Err(format!(
            "{}: unknown format {:?}",
            path.display(),
            old.format
        ));
    }
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
    snapshot::write(&tmp, ENGINE, 0, old.anchor, &old.service)?;
    new_segment(&tmp, 1)?;
    std::fs::rename(path, &backup).map_err(|e| format!("{}: {e}", path.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("{}: {e}", path.display()))?;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        sync_dir(parent);
    }
    eprintln!(
        "migrated the state file {} to a state folder (journal + snapshots); the old file is kept as {}",
        path.display(),
        backup.display()
    );
    Ok(())
}
