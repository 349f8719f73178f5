//! The lazily loaded module's answers to the editor's requests: the
//! auto-layout, templates, imports (definitions in either shape or a mix,
//! CloudFormation templates, parameter and values files) and shared links
//! (everything that needs the definition formats or rust-sugiyama). Each
//! answer is one or more `Answer`s the editor carries out.

use std::cell::RefCell;

use super::bridge::{to_host, Answer, ImageFormat, Request, ToHost};
use crate::export::import::{self as importer, Imported};
use crate::export::share;
use crate::model::expr::{interpolate, DefinitionScope};
use crate::model::formats::Diagnostic;
use crate::model::Definition;
use crate::ui::editor::files;
use crate::ui::store::DocumentStore;
use studio::doc::Doc;
use studio::editor::layout::LayoutCache;
use studio::templates;

thread_local! {
    /// Layouts by graph content, so pressing the button again is free.
    static LAYOUTS: RefCell<LayoutCache> = RefCell::default();
    /// This module's store, holding the app's document (what a parameter
    /// or values file applies to: the host sends the document with each
    /// request, see `LazyAreas::request`).
    static STORE: RefCell<Option<DocumentStore>> = const { RefCell::new(None) };
}

/// Tell the answers where this module's document store is.
pub fn set_store(store: DocumentStore) {
    STORE.with(|m| *m.borrow_mut() = Some(store));
}

fn current() -> Doc {
    STORE
        .with(|m| m.borrow().map(|s| s.snapshot()))
        .unwrap_or_default()
}

/// What this module makes of a request: an answer the editor carries
/// out, or a notice it shows itself (`editor::import_notices`: an import's
/// warnings to read, a parameter or values file's changes to confirm),
/// which never crosses to the first module.
#[derive(Debug)]
pub enum Reply {
    Editor(Answer),
    /// A change to show before it is made: `lines` say what it changes;
    /// applying it is one undo step `label`.
    Confirm {
        label: String,
        doc: Doc,
        title: String,
        lines: Vec<String>,
    },
    /// Something to read after an import (its warnings).
    Notes {
        title: String,
        lines: Vec<String>,
    },
}

/// Answer one request of the editor (an import may answer twice: the
/// document, then its warnings).
pub fn answer(request: Request) -> Vec<Reply> {
    let answer = match request {
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
        Request::Import { source, text } => return import(&source, &text, &current()),
        Request::OpenShared(value) => Answer::OpenShared(open_shared(&value)),
        Request::Image { format, marks } => {
            let doc = current();
            match format {
                ImageFormat::Svg => Answer::Status(files::export_svg(&doc, &marks)),
                // Drawn once the image has loaded: the status follows.
                ImageFormat::Png => Answer::Status(files::export_png(&doc, &marks, |status| {
                    to_host(&ToHost::Status(status))
                })),
            }
        }
        Request::Preview {
            object,
            text,
            revision,
        } => {
            let value = preview(&current().definition, &object, &text);
            Answer::Preview {
                object,
                text,
                revision,
                value,
            }
        }
    };
    vec![Reply::Editor(answer)]
}

/// What `text` evaluates to as a value of `object` (the inspector's
/// expression preview), or the expression's error.
fn preview(definition: &Definition, object: &str, text: &str) -> Result<String, String> {
    interpolate(text, &DefinitionScope::new(definition, object)).map_err(|e| e.to_string())
}

/// The document a shared link carries.
fn open_shared(value: &str) -> Result<Doc, String> {
    let shared =
        share::decode(value).map_err(|e| format!("Could not open the shared link: {e}"))?;
    let positions = serde_json::from_value(shared.positions).unwrap_or_default();
    let mut doc = Doc {
        name: shared.name,
        definition: shared.definition,
        positions,
    };
    doc.normalize();
    Ok(doc)
}

/// Each diagnostic as a line, errors first (as the importer sorts them).
fn lines(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics.iter().map(|d| d.to_string()).collect()
}

fn notes(source: &str, diagnostics: &[Diagnostic]) -> Option<Reply> {
    (!diagnostics.is_empty()).then(|| Reply::Notes {
        title: format!("Imported {source} with {} warning(s)", diagnostics.len()),
        lines: lines(diagnostics),
    })
}

fn imported(
    source: &str,
    name: String,
    definition: Definition,
    diagnostics: &[Diagnostic],
) -> Vec<Reply> {
    let warnings = diagnostics.len();
    let doc = Doc::new(name, definition);
    let status = format!(
        "Imported {source}: {} objects{}",
        doc.definition.objects.len(),
        if warnings > 0 {
            format!(", {warnings} warning(s)")
        } else {
            String::new()
        }
    );
    let mut out = vec![Reply::Editor(Answer::Replace {
        label: format!("Import {source}"),
        doc,
        status: Some(status),
    })];
    out.extend(notes(source, diagnostics));
    out
}

/// A file of any kind the importer reads, applied to `current` where it
/// is a parameter or values file. On failure nothing changes and the
/// errors are listed.
fn import(source: &str, text: &str, current: &Doc) -> Vec<Reply> {
    let stem = source
        .trim_end_matches(".json")
        .trim_end_matches(".yaml")
        .trim_end_matches(".yml")
        .trim_end_matches(".template")
        .trim_end_matches(".api")
        .to_string();
    match importer::read(text) {
        Ok(Imported::Definition(parsed)) => {
            imported(source, stem, parsed.definition, &parsed.diagnostics)
        }
        Ok(Imported::Template(t)) => {
            let name = if t.properties.name.is_empty() {
                stem
            } else {
                t.properties.name.clone()
            };
            imported(source, name, t.parsed.definition, &t.parsed.diagnostics)
        }
        Ok(Imported::Partial(partial)) => {
            let (definition, changes) = partial.apply(&current.definition);
            if changes.is_empty() {
                let mut out = vec![Reply::Editor(Answer::Status(format!(
                    "{source} changes nothing: the document already has these parameters and values"
                )))];
                out.extend(notes(source, &partial.diagnostics));
                return out;
            }
            let mut lines: Vec<String> = changes.iter().map(ToString::to_string).collect();
            lines.extend(partial.diagnostics.iter().map(|d| d.to_string()));
            vec![Reply::Confirm {
                label: format!("Apply {source}"),
                doc: Doc {
                    definition,
                    ..current.clone()
                },
                title: format!("{source} changes {} thing(s)", changes.len()),
                lines,
            }]
        }
        Err(e) => vec![Reply::Editor(Answer::ImportFailed {
            status: format!("Could not import {source}: nothing was changed"),
            errors: lines(e.diagnostics()),
        })],
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
        match &import(
            "broken.json",
            "{\"objects\": [ {\"id\": \"A\", ",
            &Doc::default(),
        )[..]
        {
            [Reply::Editor(Answer::ImportFailed { status, errors })] => {
                assert!(status.contains("nothing was changed"));
                assert!(!errors.is_empty());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_values_file_is_shown_before_it_applies_to_the_document() {
        let mut current = Doc::new("mine", Definition::default());
        current
            .definition
            .values
            .push(crate::model::ParameterValue {
                id: "myS3".into(),
                string_value: "s3://a".into(),
            });
        match &import("values.json", r#"{"values": {"myS3": "s3://b"}}"#, &current)[..] {
            [Reply::Confirm {
                label, doc, lines, ..
            }] => {
                assert_eq!(label, "Apply values.json");
                assert_eq!(doc.name, "mine");
                assert_eq!(doc.definition.values[0].string_value, "s3://b");
                assert_eq!(lines, &["value of myS3: \"s3://a\" → \"s3://b\""]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_mixed_file_imports_with_its_warnings_listed() {
        let text = r#"{"objects": [{"id": "Default", "name": "Default", "fields": []}]}"#;
        match &import("mixed.json", text, &Doc::default())[..] {
            [Reply::Editor(Answer::Replace { doc, .. }), Reply::Notes { lines, .. }] => {
                assert_eq!(doc.name, "mixed");
                assert!(lines[0].contains("API-shaped objects"), "{lines:?}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_shared_link_opens_with_its_name_and_positions() {
        let mut doc = Doc::new("shared one", Definition::default());
        doc.definition
            .objects
            .push(crate::model::PipelineObject::new("Default", "Default"));
        doc.normalize();
        let value = share::encode(&share::Shared {
            name: doc.name.clone(),
            definition: doc.definition.clone(),
            positions: serde_json::to_value(&doc.positions).unwrap(),
        });
        let back = open_shared(&value).unwrap();
        assert_eq!(back.name, "shared one");
        assert_eq!(back.positions, doc.positions);
        assert!(open_shared("v1.broken").unwrap_err().contains("damaged"));
    }

    #[test]
    fn a_preview_evaluates_in_the_objects_scope_or_says_why_not() {
        use crate::model::{Field, PipelineObject};
        let mut o = PipelineObject::new("Copy", "Copy");
        o.fields.extend([
            Field::string("myDir", "s3://own"),
            Field::string("myPath", "#{myDir}/#{@id}"),
        ]);
        let def = Definition {
            objects: vec![o],
            ..Definition::default()
        };
        assert_eq!(
            preview(&def, "Copy", "#{myPath}/x").as_deref(),
            Ok("s3://own/Copy/x")
        );
        assert_eq!(
            preview(&def, "Copy", "#{missing}").unwrap_err(),
            "'missing' is not defined (at offset 2)"
        );
    }

    #[test]
    fn a_template_is_laid_out_and_replaces_the_document() {
        match &answer(Request::Template(2))[..] {
            [Reply::Editor(Answer::Replace { label, doc, .. })] => {
                assert_eq!(label, "Template: Copy S3 to S3");
                assert_eq!(doc.positions.len(), doc.definition.objects.len());
            }
            other => panic!("{other:?}"),
        }
    }
}
