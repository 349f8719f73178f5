//! The engine version stamp of the state journal: the engine crate's
//! version plus a SHA-256 of the engine's and the model's sources (what
//! decides how a journal replays). A journal written by a server whose
//! stamp differs is refused (`journal::stamp`). Cargo re-runs this script
//! when a file under those folders changes.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs" || x == "json") {
            out.push(p);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let mut hash = Sha256::new();
    for krate in ["engine", "model"] {
        let src = manifest.join("..").join(krate).join("src");
        println!("cargo:rerun-if-changed={}", src.display());
        let mut all = Vec::new();
        files(&src, &mut all);
        all.sort();
        for f in all {
            let rel = f.strip_prefix(&src).unwrap_or(&f);
            hash.update(krate.as_bytes());
            hash.update(rel.to_string_lossy().replace('\\', "/").as_bytes());
            hash.update([0]);
            hash.update(std::fs::read(&f).unwrap_or_default());
            hash.update([0]);
        }
    }
    let digest = hash.finalize();
    let short: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    println!("cargo:rustc-env=PS_ENGINE_SOURCE_HASH={short}");
}
