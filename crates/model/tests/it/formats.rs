//! Scenario tests for `model::formats` on real files: every sample in
//! `shared/samples/` imports and round-trips through both shapes, and the
//! broken-JSON files of reference §9.10 (fixtures here) give syntax errors
//! with line:column.
#![cfg(not(target_arch = "wasm32"))]

use crate::common;

use model::formats::{
    self, emit_with, parse, to_api_value, to_cli_value, to_value, Format, ImportError, Layout,
    Position,
};
use serde_json::Value;
use std::path::PathBuf;

fn samples_dir() -> PathBuf {
    common::fixture_dir("samples")
}

fn samples() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(samples_dir())
        .expect("samples dir readable")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).expect("sample readable");
            (name, text)
        })
        .collect();
    out.sort();
    assert!(
        out.len() >= 4,
        "expected the four samples, found {}",
        out.len()
    );
    out
}

/// Key order matters: compare the compact serialisations too.
fn assert_same(actual: &Value, expected: &Value, what: &str) {
    assert_eq!(actual, expected, "{what}");
    assert_eq!(
        serde_json::to_string(actual).unwrap(),
        serde_json::to_string(expected).unwrap(),
        "{what}: key order"
    );
}

/// A CLI document with `id` and `name` first in each object (the one
/// normalisation CLI emission makes).
fn cli_id_name_first(doc: &Value) -> Value {
    let mut doc = doc.clone();
    if let Some(objects) = doc.get_mut("objects").and_then(Value::as_array_mut) {
        for o in objects {
            if let Some(m) = o.as_object_mut() {
                let mut front = serde_json::Map::new();
                for k in ["id", "name"] {
                    if let Some(v) = m.shift_remove(k) {
                        front.insert(k.to_string(), v);
                    }
                }
                front.extend(std::mem::take(m));
                *m = front;
            }
        }
    }
    doc
}

/// What a CLI file becomes after a trip through the API shape: `name`
/// spelled out (the API always has one) and empty parts dropped.
fn cli_through_api(doc: &Value) -> Value {
    let mut doc = doc.clone();
    if let Some(objects) = doc.get_mut("objects").and_then(Value::as_array_mut) {
        for o in objects {
            if let Some(m) = o.as_object_mut() {
                if !m.contains_key("name") {
                    let id = m.get("id").cloned().unwrap_or(Value::Null);
                    m.insert("name".to_string(), id);
                }
            }
        }
    }
    if let Some(m) = doc.as_object_mut() {
        m.retain(|k, v| {
            k == "objects"
                || !(v.as_array().is_some_and(|a| a.is_empty())
                    || v.as_object().is_some_and(|o| o.is_empty()))
        });
    }
    cli_id_name_first(&doc)
}

#[test]
fn every_sample_imports_in_its_shape() {
    for (name, text) in samples() {
        let p = parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected = if name.starts_with("seed-") {
            Format::Api
        } else {
            Format::Cli
        };
        assert_eq!(p.format, expected, "{name}");
        assert!(p.diagnostics.is_empty(), "{name}: {:?}", p.diagnostics);
        assert!(p.definition.objects.len() >= 3, "{name}");
        assert!(
            p.definition
                .objects
                .iter()
                .any(|o| o.id.as_str() == "Default"),
            "{name}"
        );
    }
}

#[test]
fn seed_put_requests_keep_their_pipeline_id_and_empty_worker_group() {
    let all = samples();
    let find = |n: &str| &all.iter().find(|(name, _)| name == n).unwrap().1;
    let ok = parse(find("seed-sayhello-put-request.json")).unwrap();
    assert_eq!(ok.layout.pipeline_id(), Some("df-0937003356ZJEXAMPLE"));
    let bad = parse(find("seed-sayhello-empty-workergroup-put-request.json")).unwrap();
    // Imported as it is: rejecting the empty value is validation's job.
    assert_eq!(
        bad.definition
            .object("Default")
            .unwrap()
            .first_string("workerGroup"),
        Some("")
    );
    let body = formats::put_request_value(&ok.definition, "df-0937003356ZJEXAMPLE");
    let original: Value = serde_json::from_str(find("seed-sayhello-put-request.json")).unwrap();
    assert_same(&body, &original, "PutPipelineDefinition body");
}

#[test]
fn every_sample_round_trips_in_its_own_shape() {
    for (name, text) in samples() {
        let original: Value = serde_json::from_str(&text).unwrap();
        let p = parse(&text).unwrap();
        let back = to_value(&p.definition, &p.layout);
        let expected = match p.format {
            Format::Api => original.clone(),
            Format::Cli => cli_id_name_first(&original),
        };
        assert_same(&back, &expected, &name);
        // Byte-equivalent to the normalised document, pretty-printed.
        assert_eq!(
            emit_with(&p.definition, &p.layout),
            serde_json::to_string_pretty(&expected).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn samples_already_in_emitted_form_are_byte_identical() {
    // The seeds are pretty-printed with 2 spaces, as we emit.
    for (name, text) in samples()
        .into_iter()
        .filter(|(n, _)| n.starts_with("seed-"))
    {
        let p = parse(&text).unwrap();
        assert_eq!(
            emit_with(&p.definition, &p.layout),
            text.trim_end(),
            "{name}"
        );
    }
}

#[test]
fn cli_samples_survive_a_trip_through_the_api_shape() {
    for (name, text) in samples() {
        let p = parse(&text).unwrap();
        if p.format != Format::Cli {
            continue;
        }
        let api = to_api_value(&p.definition);
        let again = formats::parse_value(&api).unwrap();
        assert_eq!(again.format, Format::Api);
        let cli = to_cli_value(&again.definition);
        let original: Value = serde_json::from_str(&text).unwrap();
        assert_same(&cli, &cli_through_api(&original), &name);
        // And the definition itself only gained names.
        for (a, b) in p.definition.objects.iter().zip(&again.definition.objects) {
            assert_eq!((&a.id, &a.fields), (&b.id, &b.fields), "{name}");
            assert_eq!(b.name.as_deref(), Some(a.display_name()), "{name}");
        }
    }
}

#[test]
fn api_samples_survive_a_trip_through_the_cli_shape() {
    for (name, text) in samples() {
        let p = parse(&text).unwrap();
        if p.format != Format::Api {
            continue;
        }
        assert!(formats::cli_losses(&p.definition).is_empty(), "{name}");
        let cli = to_cli_value(&p.definition);
        let again = formats::parse_value(&cli).unwrap();
        assert_eq!(again.format, Format::Cli);
        assert_eq!(again.definition, p.definition, "{name}");
        let original: Value = serde_json::from_str(&text).unwrap();
        assert_same(&to_value(&again.definition, &p.layout), &original, &name);
    }
}

fn fixture(name: &str) -> String {
    let path = common::fixture_dir(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn syntax_error(text: &str) -> (Position, String) {
    match parse(text) {
        Err(ImportError::Syntax(d)) => (
            d.position.expect("syntax errors have a position"),
            d.message,
        ),
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn trailing_comma_is_a_syntax_error_at_its_place() {
    let text = fixture("trailing-comma.json");
    let (pos, message) = syntax_error(&text);
    // The `}` right after `"failureAndRerunMode": "CASCADE",`.
    assert_eq!(pos, Position { line: 8, column: 5 });
    let line = text.lines().nth(pos.line - 1).unwrap();
    assert_eq!(&line[pos.column - 1..pos.column], "}");
    assert!(message.contains("trailing comma"), "{message}");
}

#[test]
fn raw_newline_in_a_string_is_a_syntax_error_at_its_place() {
    let text = fixture("raw-newline.json");
    let (pos, message) = syntax_error(&text);
    // The newline inside the "command" string ends line 6: the error
    // points at that newline, one past the line's last character (not at
    // column 0 of line 7, where serde_json's count has moved on to).
    let line = text.lines().nth(5).unwrap();
    assert_eq!(line, "      \"command\": \"cd /tmp");
    assert_eq!(
        pos,
        Position {
            line: 6,
            column: line.chars().count() + 1
        }
    );
    assert!(message.contains("control character"), "{message}");
    let e = parse(&text).unwrap_err();
    assert!(e.to_string().starts_with("error at 6:26:"), "{e}");
}

#[test]
fn plain_layouts_name_the_standard_keys() {
    assert_eq!(
        formats::part_key(formats::Part::Values, Format::Cli),
        "values"
    );
    let l = Layout::plain(Format::Api);
    assert_eq!(l.pipeline_id(), None);
}

#[test]
fn sample_reference_graphs_are_complete_and_acyclic() {
    use model::graph::RefGraph;
    for (name, text) in samples() {
        let def = parse(&text).unwrap().definition;
        let g = RefGraph::new(&def);
        assert!(g.dangling().is_empty(), "{name}: {:?}", g.dangling());
        assert!(g.cycles().is_empty(), "{name}");
        let order = g.topological_order().unwrap();
        let pos = |id: &str| order.iter().position(|o| o.as_str() == id).unwrap();
        for o in &def.objects {
            for (_, target) in o.references() {
                assert!(pos(target.as_str()) < pos(o.id.as_str()), "{name}");
            }
        }
        // Whatever refers to a schedule depends on it, directly or not.
        for s in def
            .objects
            .iter()
            .filter(|o| o.type_name() == Some("Schedule"))
        {
            let dependents = g.dependents(s.id.as_str(), None);
            for o in &def.objects {
                if o.references().any(|(_, t)| *t == s.id) {
                    assert!(dependents.contains(&o.id), "{name}: {}", o.id);
                }
            }
        }
    }
}
