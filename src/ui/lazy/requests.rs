//! The lazily loaded module's answers to the editor's requests: the
//! auto-layout, templates and imports (everything that needs the
//! definition formats or rust-sugiyama). Each answer is an `Answer` the
//! editor carries out as it did when this code was part of the app.

use std::cell::RefCell;

use super::bridge::{Answer, Request};
use crate::model::formats;
use crate::ui::editor::layout::LayoutCache;
use crate::ui::store::Doc;
use crate::ui::templates;

thread_local! {
    /// Layouts by graph content, so pressing the button again is free.
    static LAYOUTS: RefCell<LayoutCache> = RefCell::default();
}

/// Answer one request of the editor.
pub fn answer(request: Request) -> Answer {
    match request {
        Request::AutoLayout(def) => {
            let t0 = now_ms();
            let (positions, cached) = LAYOUTS.with(|c| c.borrow_mut().get(&def));
            let ms = now_ms() - t0;
            Answer::Layout {
                positions,
                status: format!(
                    "Auto-layout: {} objects in {:.0} ms{}",
                    def.objects.len(),
                    ms,
                    if cached { " (cached)" } else { "" }
                ),
            }
        }
        Request::Template(index) => match templates::all().into_iter().nth(index) {
            Some(t) => Answer::Replace {
                label: format!("Template: {}", t.name),
                doc: Doc::new(t.name, t.definition),
                status: None,
            },
            None => Answer::Status(format!("No template {index}")),
        },
        Request::Import { source, text } => import(&source, &text),
    }
}

/// A definition in either shape. On failure nothing changes and the
/// errors are listed.
fn import(source: &str, text: &str) -> Answer {
    match formats::parse(text) {
        Ok(parsed) => {
            let name = source
                .trim_end_matches(".json")
                .trim_end_matches(".api")
                .to_string();
            let warnings = parsed.diagnostics.len();
            let doc = Doc::new(name, parsed.definition);
            let status = format!(
                "Imported {source}: {} objects{}",
                doc.definition.objects.len(),
                if warnings > 0 {
                    format!(", {warnings} warning(s)")
                } else {
                    String::new()
                }
            );
            Answer::Replace {
                label: format!("Import {source}"),
                doc,
                status: Some(status),
            }
        }
        Err(e) => Answer::ImportFailed {
            status: format!("Could not import {source}: nothing was changed"),
            errors: e.diagnostics().iter().map(|d| d.to_string()).collect(),
        },
    }
}

fn now_ms() -> f64 {
    leptos::prelude::window()
        .performance()
        .map(|p| p.now())
        .unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_import_that_does_not_parse_changes_nothing_and_says_why() {
        match import("broken.json", "{\"objects\": [ {\"id\": \"A\", ") {
            Answer::ImportFailed { status, errors } => {
                assert!(status.contains("nothing was changed"));
                assert!(!errors.is_empty());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_template_is_laid_out_and_replaces_the_document() {
        match answer(Request::Template(2)) {
            Answer::Replace { label, doc, .. } => {
                assert_eq!(label, "Template: Copy S3 to S3");
                assert_eq!(doc.positions.len(), doc.definition.objects.len());
            }
            other => panic!("{other:?}"),
        }
    }
}
