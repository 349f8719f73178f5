//! Where the integration tests' data is, for every crate's `tests/it` (each includes this
//! file as its `common` module): `tests/fixtures/` at the workspace root (the samples and AWS's
//! SigV4 test suite, copied into the repository), and the shared test tools (`../shared/tools`),
//! which tests only run.
#![allow(dead_code)]

use std::path::PathBuf;

/// `tests/fixtures/<sub>` at the workspace root.
pub fn fixture_dir(sub: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(sub)
}

/// The text of `tests/fixtures/samples/<name>`.
pub fn sample_text(name: &str) -> String {
    let path = fixture_dir("samples").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `shared/<sub>` (the test tools): `$SHARED_DIR/<sub>` if set, else the
/// first `shared/<sub>` beside the workspace or one of its ancestors (main
/// checkout, worktree, CI clone).
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
