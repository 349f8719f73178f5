//! Export benchmarks: signing a PutPipelineDefinition request (small and at
//! the service's 100-object limit), building its body, parsing answers.
use chrono::NaiveDate;
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use export::body::pipeline_definition_body;
use export::request;
use export::response::parse_get_pipeline_definition;
use export::{Connection, Credentials, HttpResponse};
use model::{Definition, Field, PipelineObject};

fn definition(objects: usize, fields: usize) -> Definition {
    let objects = (0..objects)
        .map(|i| {
            let mut o = PipelineObject::new(format!("Object{i}"), format!("Object {i}"));
            o.fields.push(Field::string("type", "ShellCommandActivity"));
            for j in 0..fields {
                o.fields.push(Field::string(
                    format!("myField{j}"),
                    "echo #{@scheduledStartTime}",
                ));
            }
            o.fields.push(Field::reference("schedule", "Schedule"));
            o
        })
        .collect();
    Definition {
        objects,
        ..Default::default()
    }
}

fn bench(c: &mut Criterion) {
    let time = NaiveDate::from_ymd_opt(2026, 11, 26)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .unwrap();
    let conn = Connection::new(
        "",
        "us-east-1",
        Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
    )
    .unwrap();
    let small = definition(3, 3);
    let large = definition(100, 48);
    c.bench_function("sign put_pipeline_definition 3 objects", |b| {
        b.iter(|| request::put_pipeline_definition(&conn, "df-1", black_box(&small), time))
    });
    c.bench_function("sign put_pipeline_definition 100x50 fields", |b| {
        b.iter(|| request::put_pipeline_definition(&conn, "df-1", black_box(&large), time))
    });
    c.bench_function("body 100x50 fields", |b| {
        b.iter(|| pipeline_definition_body("df-1", black_box(&large)).to_string())
    });
    let answer = HttpResponse::new(200, pipeline_definition_body("df-1", &large).to_string());
    c.bench_function("parse GetPipelineDefinition 100x50 fields", |b| {
        b.iter(|| parse_get_pipeline_definition(black_box(&answer)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
