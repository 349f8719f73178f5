//! The three AWS CLI commands that deploy a definition, as one POSIX shell
//! script: `aws datapipeline create-pipeline`, `put-pipeline-definition`
//! (with the CLI definition file written by the script itself, so it is
//! self-contained) and `activate-pipeline`. It stops when the definition
//! has validation errors (`errored` in PutPipelineDefinition's answer),
//! as the service refuses to activate such a pipeline. Left out: profiles
//! and regions (the CLI's own configuration and `AWS_REGION` apply).

use crate::cli::shell_quote;
use model::{formats, Definition};
use sha2::{Digest, Sha256};

/// The definition file's name inside the script's temporary directory.
const FILE: &str = "pipeline-definition.json";

/// A `uniqueId` for CreatePipeline that is the same for the same name and
/// definition, so running the script twice does not make two pipelines
/// (CreatePipeline is idempotent on name + uniqueId).
pub fn unique_id(name: &str, definition: &Definition) -> String {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update([0]);
    h.update(formats::emit_cli(definition).as_bytes());
    let digest = hex::encode(h.finalize());
    format!("pipeline-studio-{}", &digest[..16])
}

/// The script for a pipeline called `name`.
pub fn deploy_script(name: &str, definition: &Definition) -> String {
    let file = formats::emit_cli(definition);
    // A here-document delimiter that the file does not contain.
    let mut delimiter = String::from("PIPELINE_DEFINITION");
    while file.lines().any(|l| l == delimiter) {
        delimiter.push('_');
    }
    format!(
        r#"#!/bin/sh
# Deploy the AWS Data Pipeline {name_comment} with the AWS CLI:
# create-pipeline, put-pipeline-definition, activate-pipeline.
# Uses the CLI's configured credentials and region (aws configure, AWS_PROFILE, AWS_REGION).
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat > "$dir/{FILE}" <<'{delimiter}'
{file}
{delimiter}
pipeline_id=$(aws datapipeline create-pipeline --name {name} --unique-id {unique} --query pipelineId --output text)
echo "pipeline $pipeline_id"
errored=$(aws datapipeline put-pipeline-definition --pipeline-id "$pipeline_id" --pipeline-definition "file://$dir/{FILE}" --query errored --output text)
if [ "$errored" = "True" ] || [ "$errored" = "true" ]; then
  echo "the definition has validation errors: see aws datapipeline get-pipeline-definition --pipeline-id $pipeline_id" >&2
  exit 1
fi
aws datapipeline activate-pipeline --pipeline-id "$pipeline_id"
echo "activated $pipeline_id"
"#,
        name_comment = name.replace(['\n', '\r'], " "),
        name = shell_quote(name),
        unique = shell_quote(&unique_id(name, definition)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(text: &str) -> Definition {
        formats::parse(text).unwrap().definition
    }

    #[test]
    fn the_script_runs_the_three_commands_in_order_with_the_file_inside() {
        let d = def(r#"{"objects": [{"id": "Default", "scheduleType": "ondemand"}]}"#);
        let s = deploy_script("it's mine", &d);
        let create = s
            .find("aws datapipeline create-pipeline --name 'it'\\''s mine'")
            .unwrap();
        let put = s
            .find("aws datapipeline put-pipeline-definition --pipeline-id \"$pipeline_id\"")
            .unwrap();
        let activate = s
            .find("aws datapipeline activate-pipeline --pipeline-id \"$pipeline_id\"")
            .unwrap();
        assert!(create < put && put < activate);
        // The heredoc holds the CLI file verbatim (quoted delimiter: no expansion).
        assert!(s.contains(&format!(
            "<<'PIPELINE_DEFINITION'\n{}\nPIPELINE_DEFINITION\n",
            formats::emit_cli(&d)
        )));
        assert!(s.contains(&format!("--unique-id {}", unique_id("it's mine", &d))));
    }

    #[test]
    fn the_unique_id_follows_name_and_definition() {
        let a = def(r#"{"objects": [{"id": "A"}]}"#);
        let b = def(r#"{"objects": [{"id": "B"}]}"#);
        assert_eq!(unique_id("x", &a), unique_id("x", &a));
        assert_ne!(unique_id("x", &a), unique_id("x", &b));
        assert_ne!(unique_id("x", &a), unique_id("y", &a));
        assert!(unique_id("x", &a).len() <= 128);
    }

    #[test]
    fn a_line_like_the_delimiter_gets_another_delimiter_and_sh_accepts_the_script() {
        let d = def(r#"{"objects": [{"id": "A", "command": "x\nPIPELINE_DEFINITION\ny"}]}"#);
        let s = deploy_script("p", &d);
        // JSON escapes the newline, so the line never appears raw: the plain delimiter stays.
        assert!(s.contains("<<'PIPELINE_DEFINITION'"));
        let check = std::process::Command::new("sh")
            .args(["-n", "-c", &s])
            .output()
            .expect("sh runs");
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stderr)
        );
    }
}
