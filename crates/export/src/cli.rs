//! Export text for people who push by hand: the boto3
//! `client.put_pipeline_definition(...)` keyword arguments and the
//! `aws datapipeline put-pipeline-definition` command line for the CLI file.

use super::body::{pipeline_definition_body, PIPELINE_ID_PLACEHOLDER};
use model::Definition;
use serde_json::Value;

const INDENT: &str = "    ";

/// A Python literal for a JSON value. JSON string literals are valid Python
/// string literals (`\"`, `\\`, `\n`, `\uXXXX`), so strings reuse them.
/// Objects of scalars stay on one line; the rest is indented.
fn python_literal(v: &Value, depth: usize, out: &mut String) {
    let pad = INDENT.repeat(depth + 1);
    let close_pad = INDENT.repeat(depth);
    let scalar = |v: &Value| !matches!(v, Value::Array(_) | Value::Object(_));
    match v {
        Value::Null => out.push_str("None"),
        Value::Bool(true) => out.push_str("True"),
        Value::Bool(false) => out.push_str("False"),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => out.push_str(&Value::String(s.clone()).to_string()),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Array(items) => {
            out.push_str("[\n");
            for item in items {
                out.push_str(&pad);
                python_literal(item, depth + 1, out);
                out.push_str(",\n");
            }
            out.push_str(&close_pad);
            out.push(']');
        }
        Value::Object(map) if map.values().all(scalar) => {
            out.push('{');
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push_str(": ");
                python_literal(item, depth + 1, out);
            }
            out.push('}');
        }
        Value::Object(map) => {
            out.push_str("{\n");
            for (k, item) in map {
                out.push_str(&pad);
                out.push_str(&Value::String(k.clone()).to_string());
                out.push_str(": ");
                python_literal(item, depth + 1, out);
                out.push_str(",\n");
            }
            out.push_str(&close_pad);
            out.push('}');
        }
    }
}

/// The keyword arguments of `client.put_pipeline_definition(...)`, one per
/// line (`pipelineId=…,`, `pipelineObjects=[…],`, …), at indentation zero.
/// Without a pipeline id, `YOUR_PIPELINE_ID` stands in.
pub fn boto3_kwargs(definition: &Definition, pipeline_id: Option<&str>) -> String {
    let id = pipeline_id.unwrap_or(PIPELINE_ID_PLACEHOLDER);
    let body = pipeline_definition_body(id, definition);
    let mut out = String::new();
    if let Value::Object(map) = body {
        for (k, v) in &map {
            out.push_str(k);
            out.push('=');
            python_literal(v, 0, &mut out);
            out.push_str(",\n");
        }
    }
    out
}

/// A ready-to-run call: `client.put_pipeline_definition(` + the indented
/// keyword arguments + `)`.
pub fn boto3_call(definition: &Definition, pipeline_id: Option<&str>) -> String {
    let kwargs = boto3_kwargs(definition, pipeline_id);
    let mut out = String::from("response = client.put_pipeline_definition(\n");
    for line in kwargs.lines() {
        out.push_str(INDENT);
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(")\n");
    out
}

/// Quote for a POSIX shell when needed: `'…'` with `'` written as `'\''`.
pub fn shell_quote(s: &str) -> String {
    let plain = !s.is_empty()
        && s.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'-' | b'_' | b'.' | b'/' | b':' | b'=' | b'@' | b',' | b'+'
                )
        });
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// `aws datapipeline put-pipeline-definition --pipeline-id … --pipeline-definition
/// file://<file>` with `--region` and `--endpoint-url` when given.
pub fn cli_put_command(
    pipeline_id: Option<&str>,
    definition_file: &str,
    region: Option<&str>,
    endpoint_url: Option<&str>,
) -> String {
    let id = pipeline_id.unwrap_or(PIPELINE_ID_PLACEHOLDER);
    let mut cmd = format!(
        "aws datapipeline put-pipeline-definition --pipeline-id {} --pipeline-definition {}",
        shell_quote(id),
        shell_quote(&format!("file://{definition_file}"))
    );
    if let Some(r) = region {
        cmd.push_str(&format!(" --region {}", shell_quote(r)));
    }
    if let Some(e) = endpoint_url {
        cmd.push_str(&format!(" --endpoint-url {}", shell_quote(e)));
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_quoting() {
        assert_eq!(shell_quote("df-123"), "df-123");
        assert_eq!(shell_quote("file://a b.json"), "'file://a b.json'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("$(rm)"), "'$(rm)'");
    }

    #[test]
    fn cli_command() {
        assert_eq!(
            cli_put_command(Some("df-1"), "pipeline.json", Some("eu-west-1"), Some("http://127.0.0.1:5000")),
            "aws datapipeline put-pipeline-definition --pipeline-id df-1 --pipeline-definition file://pipeline.json --region eu-west-1 --endpoint-url http://127.0.0.1:5000"
        );
        assert_eq!(
            cli_put_command(None, "my pipeline.json", None, None),
            "aws datapipeline put-pipeline-definition --pipeline-id YOUR_PIPELINE_ID --pipeline-definition 'file://my pipeline.json'"
        );
    }

    #[test]
    fn python_literals() {
        let mut out = String::new();
        python_literal(
            &serde_json::json!({"a": [true, null, 1], "b": "x\"y\n"}),
            0,
            &mut out,
        );
        assert_eq!(out, "{\n    \"a\": [\n        True,\n        None,\n        1,\n    ],\n    \"b\": \"x\\\"y\\n\",\n}");
    }
}
