//! Model benchmarks on a generated 100-object definition: import and
//! emission in both shapes (and, one line each, whatever else the model
//! offers on a whole definition, such as validation).
//!
//! `cargo bench --no-default-features --bench model`
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use model::formats::{emit_api, emit_cli, parse};
use model::graph::RefGraph;
use model::{Definition, Field, PipelineObject};

/// A realistic definition of `n` objects: Default, a Schedule, then groups
/// of resource, input and output data nodes, a copy and a shell activity.
fn definition(n: usize) -> Definition {
    let mut objects = Vec::with_capacity(n);
    let mut default = PipelineObject::new("Default", "Default");
    default.fields = vec![
        Field::string("scheduleType", "cron"),
        Field::string("failureAndRerunMode", "CASCADE"),
        Field::string("role", "DataPipelineDefaultRole"),
        Field::string("resourceRole", "DataPipelineDefaultResourceRole"),
        Field::string("pipelineLogUri", "s3://bucket/logs/"),
        Field::reference("schedule", "DailySchedule"),
    ];
    objects.push(default);
    let mut schedule = PipelineObject::new("DailySchedule", "Every day");
    schedule.fields = vec![
        Field::string("type", "Schedule"),
        Field::string("period", "1 day"),
        Field::string("startDateTime", "2024-01-01T00:00:00"),
    ];
    objects.push(schedule);
    let mut i = 0;
    while objects.len() < n {
        let group: [(String, Vec<Field>); 5] = [
            (
                format!("Ec2_{i}"),
                vec![
                    Field::string("type", "Ec2Resource"),
                    Field::string("instanceType", "m5.large"),
                    Field::string("terminateAfter", "2 Hours"),
                ],
            ),
            (
                format!("Input_{i}"),
                vec![
                    Field::string("type", "S3DataNode"),
                    Field::string(
                        "directoryPath",
                        format!(
                            "s3://bucket/in/{i}/#{{format(@scheduledStartTime, 'YYYY-MM-dd')}}"
                        ),
                    ),
                ],
            ),
            (
                format!("Output_{i}"),
                vec![
                    Field::string("type", "S3DataNode"),
                    Field::string("directoryPath", format!("s3://bucket/out/{i}/")),
                ],
            ),
            (
                format!("Copy_{i}"),
                vec![
                    Field::string("type", "CopyActivity"),
                    Field::reference("input", format!("Input_{i}")),
                    Field::reference("output", format!("Output_{i}")),
                    Field::reference("runsOn", format!("Ec2_{i}")),
                    Field::string("maximumRetries", "2"),
                ],
            ),
            (
                format!("Shell_{i}"),
                vec![
                    Field::string("type", "ShellCommandActivity"),
                    Field::string("command", "echo $1 $2"),
                    Field::string("scriptArgument", "first"),
                    Field::string("scriptArgument", "second"),
                    Field::reference("dependsOn", format!("Copy_{i}")),
                    Field::reference("runsOn", format!("Ec2_{i}")),
                    Field::string("myComment", "generated"),
                ],
            ),
        ];
        for (id, fields) in group {
            if objects.len() < n {
                let mut o = PipelineObject::new(id.clone(), id);
                o.fields = fields;
                objects.push(o);
            }
        }
        i += 1;
    }
    Definition {
        objects,
        ..Default::default()
    }
}

fn model(c: &mut Criterion) {
    let def = definition(100);
    let api = emit_api(&def);
    let cli = emit_cli(&def);
    // Baseline: serde_json alone reading the same text into a Value.
    c.bench_function("serde_json baseline api 100", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&api)))
    });
    c.bench_function("parse api 100", |b| b.iter(|| parse(black_box(&api))));
    let api_value: serde_json::Value = serde_json::from_str(&api).unwrap_or_default();
    c.bench_function("parse_value api 100 (from a Value)", |b| {
        b.iter(|| model::formats::parse_value(black_box(&api_value)))
    });
    c.bench_function("parse cli 100", |b| b.iter(|| parse(black_box(&cli))));
    c.bench_function("emit api 100", |b| b.iter(|| emit_api(black_box(&def))));
    c.bench_function("emit cli 100", |b| b.iter(|| emit_cli(black_box(&def))));
    c.bench_function("parse + emit cli 100", |b| {
        b.iter(|| parse(black_box(&cli)).map(|p| emit_cli(&p.definition)))
    });
    c.bench_function("graph toposort + reduction 100", |b| {
        b.iter(|| {
            let g = RefGraph::new(black_box(&def));
            (
                g.topological_order().is_ok(),
                g.transitive_reduction().len(),
            )
        })
    });
    c.bench_function("validate 100", |b| {
        b.iter(|| model::validate::validate(black_box(&def)))
    });
    // The budget: validate + export of a 100-object definition < 1 ms.
    c.bench_function("validate + emit api 100", |b| {
        b.iter(|| {
            let report = model::validate::validate(black_box(&def));
            (report.errored(), emit_api(black_box(&def)))
        })
    });
}

criterion_group!(benches, model);
criterion_main!(benches);
