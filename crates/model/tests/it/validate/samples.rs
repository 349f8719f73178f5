//! The shared samples and the seed 003 examples.

use super::json::sample;
use model::validate::{validate, Severity};
use model::{Field, ParameterAttribute, ParameterObject, ParameterValue};

#[test]
fn seed_sayhello_is_accepted_with_errored_false_exactly() {
    let report = validate(&sample("seed-sayhello-put-request.json"));
    assert_eq!(report.problems, vec![]);
    assert_eq!(report.to_service_json().to_string(), r#"{"errored":false}"#);
    assert_eq!(report.fatal_message(), None);
}

#[test]
fn seed_empty_worker_group_is_fatal_with_the_seed_message() {
    let report = validate(&sample("seed-sayhello-empty-workergroup-put-request.json"));
    assert!(report.has_fatal());
    let fatal: Vec<_> = report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Fatal)
        .collect();
    assert_eq!(fatal.len(), 1);
    assert_eq!(fatal[0].object_id.as_ref().unwrap().as_str(), "Default");
    assert_eq!(fatal[0].field.as_deref(), Some("workerGroup"));
    assert_eq!(
        report.fatal_message().unwrap(),
        "Pipeline definition has errors: Could not save the pipeline definition due to FATAL \
         errors: [com.amazon.setl.webservice.ValidationError@108d7ea9] Please call Validate to \
         validate your pipeline"
    );
}

#[test]
fn other_fatal_definitions_get_other_deterministic_tokens() {
    let mut def = sample("seed-sayhello-empty-workergroup-put-request.json");
    def.objects[2].fields.push(Field::string("command", ""));
    let a = validate(&def).fatal_message().unwrap();
    assert_eq!(a, validate(&def).fatal_message().unwrap());
    assert_eq!(a.matches("ValidationError@").count(), 2, "{a}");
    assert!(a.contains("ValidationError@108d7ea9, "), "{a}");
    def.objects[0].fields[0] = Field::string("role", "");
    let b = validate(&def).fatal_message().unwrap();
    assert!(!b.contains("108d7ea9"), "{b}");
}

#[test]
fn seed_bad_start_date_time_gives_the_service_message() {
    let mut def = sample("seed-sayhello-put-request.json");
    def.object_mut("Schedule").unwrap().fields[0] = Field::string("startDateTime", "bad-time");
    let report = validate(&def);
    assert!(!report.has_fatal());
    assert_eq!(
        report.to_service_json(),
        serde_json::json!({"errored": true, "validationErrors": [{"id": "Schedule", "errors": [
            "INVALID_FIELD_VALUE:  'startDateTime' value must be a literal datetime value."
        ]}]})
    );
}

#[test]
fn diagnose_pipeline_is_valid() {
    // Its activity routes with runsOn (no workerGroup anywhere).
    let report = validate(&sample("diagnose_pipeline.json"));
    assert_eq!(report.problems, vec![]);
    assert_eq!(report.to_service_json().to_string(), r#"{"errored":false}"#);
}

const ORACLE_PARAMETERS: [&str; 9] = [
    "myBackupLocation",
    "myTerminateAfter",
    "myPipelineLogUri",
    "myOracleDriverLocation",
    "myOracleHost",
    "myOraclePort",
    "myOracleDatabase",
    "myOracleUser",
    "myOraclePassword",
];

#[test]
fn oracle_backup_without_its_parameters_names_each_undefined_one() {
    // The file ships with `"parameters": []`; its parameters.json/values.json
    // are separate files, so on its own every #{myX} is undefined (§10).
    let def = sample("oracle-backup-definition.json");
    let report = validate(&def);
    assert!(report.errored() && !report.has_fatal());
    for p in &report.problems {
        assert_eq!(p.severity, Severity::Error, "{p:?}");
        assert!(p.message.starts_with("UNDEFINED_PARAMETER:  "), "{p:?}");
    }
    let mut used: Vec<&str> = ORACLE_PARAMETERS.to_vec();
    used.push("myOracleTable");
    for name in used {
        assert!(
            report
                .problems
                .iter()
                .any(|p| p.message.contains(&format!("#{{{name}}}"))),
            "{name} not reported"
        );
    }
    let s3 = report.for_field("S3", "directoryPath").count();
    assert_eq!(s3, 1, "#{{day(@scheduledStartTime)}} is not a parameter");
    let jdbc: Vec<_> = report
        .for_field("OracleDatabase", "connectionString")
        .collect();
    assert_eq!(jdbc.len(), 3);
}

#[test]
fn oracle_backup_with_declared_parameters_is_valid() {
    let mut def = sample("oracle-backup-definition.json");
    for name in ORACLE_PARAMETERS.iter().chain(["myOracleTable"].iter()) {
        def.parameters.push(ParameterObject {
            id: name.to_string(),
            attributes: vec![ParameterAttribute {
                key: "default".into(),
                string_value: "x".into(),
            }],
        });
    }
    let report = validate(&def);
    assert_eq!(report.problems, vec![]);
}

#[test]
fn oracle_backup_parameters_without_values_warn() {
    let mut def = sample("oracle-backup-definition.json");
    for name in ORACLE_PARAMETERS.iter().chain(["myOracleTable"].iter()) {
        def.parameters.push(ParameterObject {
            id: name.to_string(),
            attributes: vec![],
        });
    }
    def.values.push(ParameterValue {
        id: "myOracleTable".into(),
        string_value: "T".into(),
    });
    let report = validate(&def);
    assert!(!report.errored());
    let warned: Vec<_> = report
        .problems
        .iter()
        .map(|p| p.object_id.clone().unwrap())
        .collect();
    assert_eq!(warned.len(), ORACLE_PARAMETERS.len());
    assert!(!warned.iter().any(|id| id.as_str() == "myOracleTable"));
}
