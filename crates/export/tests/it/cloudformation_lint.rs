//! CloudFormation templates of the samples pass `cfn-lint` (the AWS
//! CloudFormation Linter, installed in the project's `.venv` by
//! `scripts/setup` from `scripts/requirements.txt`), which checks them
//! against CloudFormation's resource specification for
//! `AWS::DataPipeline::Pipeline`; and each reads back to its definition.

use crate::common::fixture_dir;
use export::body::Tag;
use export::cloudformation::{self, PipelineProperties, TemplateFormat};
use std::path::PathBuf;
use std::process::Command;

fn cfn_lint() -> PathBuf {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/cfn-lint");
    assert!(
        path.exists(),
        "{} is missing: run ./scripts/setup (it installs scripts/requirements.txt)",
        path.display()
    );
    path
}

#[test]
fn sample_templates_pass_cfn_lint_and_read_back() {
    let dir = std::env::temp_dir().join(format!("cfn-lint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for name in [
        "diagnose_pipeline.json",
        "oracle-backup-definition.json",
        "seed-sayhello-put-request.json",
    ] {
        let text = std::fs::read_to_string(fixture_dir("samples").join(name)).unwrap();
        let def = model::formats::parse(&text).unwrap().definition;
        let props = PipelineProperties {
            name: name.trim_end_matches(".json").into(),
            description: Some("exported by Pipeline Studio".into()),
            activate: false,
            tags: vec![Tag {
                key: "owner".into(),
                value: "data team".into(),
            }],
        };
        for (format, ext) in [
            (TemplateFormat::Json, "json"),
            (TemplateFormat::Yaml, "yaml"),
        ] {
            let t = cloudformation::template(&def, &props, format);
            let back = cloudformation::parse(&t).unwrap();
            assert_eq!(
                model::formats::to_api_value(&back.parsed.definition),
                model::formats::to_api_value(&def),
                "{name} {ext}"
            );
            assert_eq!(back.properties, props);
            let file = dir.join(format!("{name}.{ext}"));
            std::fs::write(&file, t).unwrap();
            files.push(file);
        }
    }
    let out = Command::new(cfn_lint())
        .args(["--regions", "us-east-1", "--"])
        .args(&files)
        .output()
        .expect("cfn-lint runs");
    let report =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "cfn-lint found problems:\n{report}");
    // A broken template is reported (the check is real).
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"Resources": {"P": {"Type": "AWS::DataPipeline::Pipeline", "Properties": {"Activate": "maybe", "PipelineObjects": [{"Id": "A", "Fields": [{"Kee": "x"}]}]}}}}"#,
    )
    .unwrap();
    let out = Command::new(cfn_lint())
        .arg("--")
        .arg(&bad)
        .output()
        .unwrap();
    assert!(!out.status.success(), "cfn-lint accepted a broken template");
    let _ = std::fs::remove_dir_all(&dir);
}
