//! Names of the lazily loaded files in the built bundle. Trunk writes the
//! areas module and the stylesheets only it links under fixed names; the
//! post-build hook (`scripts/post_build.py`) renames them with a content
//! hash, so a browser never runs a stale copy from its cache, and records
//! each new name in a `<meta name="asset:<fixed name>">` of index.html.

use leptos::prelude::document;

/// The file `name` is served as: the hashed name the page's meta gives, or
/// `name` itself (a bundle built without the hook).
pub fn asset_name(name: &str) -> String {
    document()
        .query_selector(&format!("meta[name=\"asset:{name}\"]"))
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| name.to_string())
}
