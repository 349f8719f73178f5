//! Helpers shared by the integration tests: where the project's shared
//! documents are (`../shared` beside the checkout: samples, the SigV4 test
//! suite, test tools).
#![allow(dead_code)]

use std::path::PathBuf;

/// `shared/<sub>`: `$SHARED_DIR/<sub>` if set, else the first `shared/<sub>`
/// beside the crate or one of its ancestors (main checkout, worktree, CI clone).
pub fn shared(sub: &str) -> PathBuf {
    if let Ok(dir) = std::env::var("SHARED_DIR") {
        return PathBuf::from(dir).join(sub);
    }
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .map(|a| a.join("shared").join(sub))
        .find(|p| p.exists())
        .unwrap_or_else(|| {
            panic!(
                "shared/{sub} not found above {} (set SHARED_DIR)",
                manifest.display()
            )
        })
}

/// The text of `shared/samples/<name>`.
pub fn sample_text(name: &str) -> String {
    let path = shared("samples").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
