//! A document in a link: the JSON of what is shared, compressed with
//! DEFLATE (miniz_oxide, the Rust port of miniz that flate2 uses) and
//! written in unpadded base64url, to go in the URL's fragment
//! (`#share=v1.…`), which browsers never send to a server. What is shared
//! is the definition as a CLI file (a stable, documented shape) with the
//! document's name and drawing positions beside it.
//! Left out: reading the fragment from the page and the UI around it.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use model::formats::{self, ImportError};
use model::Definition;
use serde_json::{json, Value};

/// The fragment's key.
pub const FRAGMENT_KEY: &str = "share";
const VERSION_PREFIX: &str = "v1.";
/// Longest link offered for sharing: chat apps, mail clients and some
/// browsers' address bars cut or refuse much longer ones. Past it, the UI
/// offers the file instead.
pub const MAX_LINK_CHARS: usize = 8_000;
/// Most bytes a shared document may inflate to (a link cannot make the
/// page allocate without bound).
const MAX_INFLATED: usize = 8 << 20;

/// What a link carries.
#[derive(Clone, Debug, PartialEq)]
pub struct Shared {
    pub name: String,
    pub definition: Definition,
    /// The drawing's positions as the UI writes them (opaque here).
    pub positions: Value,
}

/// Why a link cannot be opened.
#[derive(Clone, Debug, PartialEq)]
pub enum ShareError {
    /// Not a link this app wrote (or cut short on the way).
    Damaged(String),
    /// The definition inside does not import.
    Definition(ImportError),
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShareError::Damaged(why) => write!(f, "this link is damaged or cut short ({why})"),
            ShareError::Definition(e) => write!(f, "the shared definition does not import: {e}"),
        }
    }
}

/// The fragment value (without `share=`) for a document.
pub fn encode(shared: &Shared) -> String {
    let payload = json!({
        "name": shared.name,
        "definition": formats::to_cli_value(&shared.definition),
        "positions": shared.positions,
    });
    let text = payload.to_string();
    let packed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
    format!("{VERSION_PREFIX}{}", URL_SAFE_NO_PAD.encode(packed))
}

/// The full fragment (`share=v1.…`) for a document.
pub fn fragment(shared: &Shared) -> String {
    format!("{FRAGMENT_KEY}={}", encode(shared))
}

/// The shared value in a URL fragment (with or without its `#`), if any.
pub fn find_in_fragment(fragment: &str) -> Option<&str> {
    fragment
        .trim_start_matches('#')
        .split('&')
        .find_map(|kv| kv.strip_prefix(FRAGMENT_KEY)?.strip_prefix('='))
}

/// Read what [`encode`] wrote.
pub fn decode(value: &str) -> Result<Shared, ShareError> {
    let damaged = |why: &str| ShareError::Damaged(why.to_string());
    let body = value
        .strip_prefix(VERSION_PREFIX)
        .ok_or_else(|| damaged("unknown version"))?;
    let packed = URL_SAFE_NO_PAD
        .decode(body.trim_end_matches('='))
        .map_err(|_| damaged("not base64url"))?;
    let text = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_INFLATED)
        .map_err(|_| damaged("does not inflate"))?;
    let payload: Value = serde_json::from_slice(&text).map_err(|_| damaged("not JSON"))?;
    let name = payload
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("shared pipeline")
        .to_string();
    let definition = payload
        .get("definition")
        .ok_or_else(|| damaged("no definition"))?;
    let parsed = formats::parse_value(definition).map_err(ShareError::Definition)?;
    Ok(Shared {
        name,
        definition: parsed.definition,
        positions: payload.get("positions").cloned().unwrap_or(Value::Null),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared() -> Shared {
        let def = formats::parse(
            r#"{"objects": [{"id": "Default", "scheduleType": "ondemand"},
                {"id": "Hello", "type": "ShellCommandActivity", "command": "echo 'héllo' & more", "runsOn": {"ref": "R"}},
                {"id": "R", "type": "Ec2Resource"}],
                "parameters": [{"id": "myP", "type": "String"}], "values": {"myP": ["a", "b"]}}"#,
        )
        .unwrap()
        .definition;
        Shared {
            name: "My pipeline".into(),
            definition: def,
            positions: json!({"Default": {"x": 10.0, "y": 20.0}}),
        }
    }

    #[test]
    fn a_document_survives_the_link() {
        let s = shared();
        let f = fragment(&s);
        assert!(f.starts_with("share=v1."));
        // Only URL-safe characters: nothing to escape in a fragment.
        assert!(f[6..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')));
        let back = decode(find_in_fragment(&format!("#x=1&{f}")).unwrap()).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn the_link_is_compressed() {
        let mut s = shared();
        for i in 0..200 {
            s.definition.objects.push(model::PipelineObject::new(
                format!("Activity{i}"),
                format!("Copy table {i} to the warehouse"),
            ));
        }
        let plain = formats::to_cli_value(&s.definition).to_string().len();
        let link = encode(&s).len();
        assert!(link * 4 < plain, "{link} vs {plain}");
    }

    #[test]
    fn damaged_links_say_so_and_never_panic() {
        let good = encode(&shared());
        for bad in [
            "",
            "v2.abc",
            "v1.***",
            "v1.AAAA",
            &good[..good.len() / 2],
            &good[..good.len() - 3],
        ] {
            match decode(bad) {
                Err(ShareError::Damaged(_)) => {}
                other => panic!("{bad}: {other:?}"),
            }
        }
        assert_eq!(find_in_fragment("#other=1"), None);
        // A valid link whose definition does not import.
        let packed = miniz_oxide::deflate::compress_to_vec(br#"{"definition": {"objects": 5}}"#, 9);
        let link = format!("v1.{}", URL_SAFE_NO_PAD.encode(packed));
        assert!(matches!(decode(&link), Err(ShareError::Definition(_))));
    }
}
