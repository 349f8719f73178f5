//! Reading the shared samples into definitions (through `model::formats`).

use model::{formats, Definition};

pub fn sample(name: &str) -> Definition {
    let text = crate::common::sample_text(name);
    formats::parse(&text)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .definition
}
