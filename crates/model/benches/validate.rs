//! Validation of a generated 100-object definition (goal: under 1 ms native).
//! Run with `cargo bench --no-default-features --bench validate`.
use criterion::{criterion_group, criterion_main, Criterion};
use model::catalog::{keys, names};
use model::validate::validate;
use model::{Definition, Field, PipelineObject};
use std::hint::black_box;

/// Default, one Schedule, 8 Ec2Resources, then 30 × (input S3DataNode,
/// ShellCommandActivity chained by dependsOn, output S3DataNode): 100 objects.
fn generated() -> Definition {
    let mut objects = Vec::new();
    let mut default = PipelineObject::new(names::DEFAULT, names::DEFAULT);
    default.fields = vec![
        Field::reference(keys::SCHEDULE, "Every1Hour"),
        Field::string(keys::FAILURE_AND_RERUN_MODE, "CASCADE"),
        Field::string(keys::ROLE, "DataPipelineDefaultRole"),
        Field::string(keys::RESOURCE_ROLE, "DataPipelineDefaultResourceRole"),
        Field::string(keys::PIPELINE_LOG_URI, "s3://logs/#{myLogPrefix}/"),
        Field::string("myLogPrefix", "bench"),
    ];
    objects.push(default);
    let mut schedule = PipelineObject::new("Every1Hour", "Every 1 hour");
    schedule.fields = vec![
        Field::string(keys::TYPE, names::SCHEDULE),
        Field::string(keys::PERIOD, "1 hour"),
        Field::string(keys::START_DATE_TIME, "2024-01-01T00:00:00"),
        Field::string(keys::END_DATE_TIME, "2024-02-01T00:00:00"),
    ];
    objects.push(schedule);
    for r in 0..8 {
        let mut res = PipelineObject::new(format!("Ec2_{r}"), format!("Worker {r}"));
        res.fields = vec![
            Field::string(keys::TYPE, names::EC2_RESOURCE),
            Field::string("instanceType", "m5.large"),
            Field::string(keys::TERMINATE_AFTER, "2 Hours"),
        ];
        objects.push(res);
    }
    for k in 0..30 {
        for side in ["In", "Out"] {
            let mut node = PipelineObject::new(format!("{side}_{k}"), format!("{side} {k}"));
            node.fields = vec![
                Field::string(keys::TYPE, names::S3_DATA_NODE),
                Field::string(
                    "directoryPath",
                    format!("s3://bucket/{side}/{k}/#{{format(@scheduledStartTime,'YYYY-MM-dd')}}"),
                ),
            ];
            objects.push(node);
        }
        let mut act = PipelineObject::new(format!("Act_{k}"), format!("Activity {k}"));
        act.fields = vec![
            Field::string(keys::TYPE, names::SHELL_COMMAND_ACTIVITY),
            Field::string(
                keys::COMMAND,
                "cp -r ${INPUT1_STAGING_DIR} ${OUTPUT1_STAGING_DIR}",
            ),
            Field::string(keys::STAGE, "true"),
            Field::reference(keys::INPUT, format!("In_{k}")),
            Field::reference(keys::OUTPUT, format!("Out_{k}")),
            Field::reference(keys::RUNS_ON, format!("Ec2_{}", k % 8)),
            Field::string(keys::MAXIMUM_RETRIES, "3"),
            Field::string(keys::RETRY_DELAY, "10 minutes"),
        ];
        if k > 0 {
            act.fields
                .push(Field::reference(keys::DEPENDS_ON, format!("Act_{}", k - 1)));
        }
        objects.push(act);
    }
    assert_eq!(objects.len(), 100);
    Definition {
        objects,
        ..Definition::default()
    }
}

fn bench_validate(c: &mut Criterion) {
    let def = generated();
    let report = validate(&def);
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    c.bench_function("validate 100 objects", |b| {
        b.iter(|| validate(black_box(&def)))
    });
}

criterion_group!(benches, bench_validate);
criterion_main!(benches);
