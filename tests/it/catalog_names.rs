//! Issue 4: "no type or field name is repeated elsewhere in the code".
//! Scans every `.rs` file under `src/` and `crates/*/src/` outside the model's `catalog/` for
//! string literals equal to a catalog type name, field key or runtime key
//! (the lists come from the catalog itself) and fails with file:line for
//! each hit that is not on the allow-list below. Test code (`tests.rs`, `*_tests.rs`,
//! `tests/` folders and `#[cfg(test)]` blocks) may spell names.
#![cfg(not(target_arch = "wasm32"))]

use pipeline_studio::model::catalog::{self, keys};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// (path prefix from the workspace root, "" for everywhere; literal; why it
/// is not a catalog name there).
const ALLOWED: &[(&str, &str, &str)] = &[
    (
        "",
        "key",
        "wire shape of a field entry / tag `{key, …}`, not Property.key",
    ),
    (
        "",
        "value",
        "tag value and the limit messages' noun, not Property.value",
    ),
    (
        "",
        "message",
        "the `{__type, message}` wire error body, not SnsAlarm.message",
    ),
    (
        "src/ui/",
        "input",
        "the HTML element name, not an activity's input",
    ),
    ("src/ui/", "region", "the ARIA role, not EmrCluster.region"),
    (
        "crates/protocol/src/messages.rs",
        "type",
        "serde rename of the QueryObjects selector operator's wire key",
    ),
    (
        "src/ui/editor/inspector/params.rs",
        "Default",
        "the label of a parameter's default value, not the Default object",
    ),
    (
        "src/ui/simulator/lesson_player.rs",
        "step",
        "the lesson link's URL parameter (?lesson=…&step=N), not a ShellCommandActivity step",
    ),
    (
        "crates/studio/src/simulator/lessons/mod.rs",
        "precondition",
        "a lesson's key and file name (precondition.json, ?lesson=precondition), not the precondition field",
    ),
    (
        "crates/server/src/relay.rs",
        "region",
        "the relay's status answer (where calls go), not EmrCluster.region",
    ),
];

fn catalog_names() -> BTreeSet<&'static str> {
    let mut names = BTreeSet::new();
    for g in [
        &catalog::UNIVERSAL,
        &catalog::RUNNABLE,
        &catalog::ACTIVITY,
        &catalog::PRECONDITION,
    ] {
        names.extend(g.fields.iter().map(|f| f.key));
    }
    for t in catalog::types() {
        names.insert(t.name);
        names.extend(t.fields.iter().map(|f| f.key));
    }
    names.extend(keys::runtime::ALL.iter().copied());
    names
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if p.is_dir() {
            if name != "tests" && !p.ends_with("model/src/catalog") {
                rust_files(&p, out);
            }
        } else if name.ends_with(".rs") && name != "tests.rs" && !name.ends_with("_tests.rs") {
            out.push(p);
        }
    }
}

/// The string literals of `src` outside comments and `#[cfg(test)]`
/// blocks, with their line numbers. Escapes are kept as written, which is
/// enough for identifiers.
fn literals(src: &str) -> Vec<(usize, String)> {
    let b = src.as_bytes();
    let (mut i, mut line, mut depth) = (0usize, 1usize, 0usize);
    let mut pending_test = false;
    let mut skip_until: Option<usize> = None;
    let mut out = Vec::new();
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            line += 1;
            i += 1;
        } else if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            let mut nest = 0;
            while i < b.len() {
                if b[i..].starts_with(b"/*") {
                    nest += 1;
                    i += 2;
                } else if b[i..].starts_with(b"*/") {
                    nest -= 1;
                    i += 2;
                    if nest == 0 {
                        break;
                    }
                } else {
                    line += usize::from(b[i] == b'\n');
                    i += 1;
                }
            }
        } else if b[i..].starts_with(b"#[cfg(test)]") {
            pending_test = true;
            i += 12;
        } else if c == b'{' {
            if pending_test && skip_until.is_none() {
                skip_until = Some(depth);
            }
            pending_test = false;
            depth += 1;
            i += 1;
        } else if c == b'}' {
            depth = depth.saturating_sub(1);
            if skip_until == Some(depth) {
                skip_until = None;
            }
            i += 1;
        } else if c == b';' {
            pending_test = false;
            i += 1;
        } else if c == b'\'' {
            // char literal or lifetime
            if b.get(i + 1) == Some(&b'\\') {
                i += 2;
                while i < b.len() && b[i] != b'\'' {
                    i += 1;
                }
                i += 1;
            } else if b.get(i + 2) == Some(&b'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else if c == b'"' || (c == b'r' && matches!(b.get(i + 1), Some(b'"') | Some(b'#'))) {
            let prev_ident = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
            if c == b'r' && prev_ident {
                i += 1;
                continue;
            }
            let start_line = line;
            let mut value = Vec::new();
            if c == b'r' {
                let mut hashes = 0;
                i += 1;
                while b.get(i) == Some(&b'#') {
                    hashes += 1;
                    i += 1;
                }
                if b.get(i) != Some(&b'"') {
                    continue; // r#ident
                }
                i += 1;
                let mut close = vec![b'"'];
                close.extend(std::iter::repeat_n(b'#', hashes));
                while i < b.len() && !b[i..].starts_with(&close) {
                    line += usize::from(b[i] == b'\n');
                    value.push(b[i]);
                    i += 1;
                }
                i += close.len();
            } else {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        value.push(b[i]);
                        i += 1;
                    }
                    line += usize::from(b[i] == b'\n');
                    value.push(b[i]);
                    i += 1;
                }
                i += 1;
            }
            if skip_until.is_none() {
                out.push((start_line, String::from_utf8_lossy(&value).into_owned()));
            }
        } else {
            i += 1;
        }
    }
    out
}

#[test]
fn the_scanner_finds_a_literal_outside_tests_and_comments_only() {
    let src = "// \"workerGroup\"\nfn f() { g(\"workerGroup\", 'x', '\\'', r#\"a\"#); }\n\
               #[cfg(test)]\nmod tests { fn t() { h(\"workerGroup\"); } }\nfn k() { \"s3Key\" }\n";
    let found = literals(src);
    assert_eq!(
        found,
        vec![
            (2, "workerGroup".to_string()),
            (2, "a".to_string()),
            (5, "s3Key".to_string())
        ]
    );
}

#[test]
fn no_type_or_field_name_is_spelled_outside_the_catalog() {
    let names = catalog_names();
    assert!(names.contains(keys::WORKER_GROUP) && names.contains("ShellCommandActivity"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    // The app's sources and every member crate's.
    rust_files(&root.join("src"), &mut files);
    let mut crates: Vec<_> = std::fs::read_dir(root.join("crates"))
        .unwrap()
        .map(|e| e.unwrap().path().join("src"))
        .collect();
    crates.sort();
    for dir in crates {
        rust_files(&dir, &mut files);
    }
    let mut hits = Vec::new();
    let mut used_allowances = BTreeSet::new();
    for file in &files {
        let rel = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let src = std::fs::read_to_string(file).unwrap();
        for (line, lit) in literals(&src) {
            if !names.contains(lit.as_str()) {
                continue;
            }
            match ALLOWED
                .iter()
                .position(|(f, l, _)| rel.starts_with(f) && *l == lit)
            {
                Some(n) => {
                    used_allowances.insert(n);
                }
                None => hits.push(format!("{rel}:{line}: \"{lit}\"")),
            }
        }
    }
    assert!(
        hits.is_empty(),
        "catalog names spelled as literals (use model::catalog::{{names, keys}}):\n{}",
        hits.join("\n")
    );
    let stale: Vec<_> = (0..ALLOWED.len())
        .filter(|n| !used_allowances.contains(n))
        .map(|n| format!("{:?}", ALLOWED[n]))
        .collect();
    assert!(
        stale.is_empty(),
        "unused allow-list entries:\n{}",
        stale.join("\n")
    );
}
