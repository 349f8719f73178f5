//! Ready-made pipelines the user can start from (the SayHello pipeline of
//! the service's PutPipelineDefinition documentation is the default).

use crate::model::{Definition, Field, PipelineObject};

/// A named starting document.
pub struct Template {
    pub name: &'static str,
    pub definition: Definition,
}

/// The SayHello pipeline from the PutPipelineDefinition documentation.
pub fn say_hello() -> Template {
    Template {
        name: "SayHello",
        definition: parse_api(include_str!("say-hello.json")),
    }
}

// Temporary reader of the API shape until model::formats lands.
fn parse_api(text: &str) -> Definition {
    let v: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    let objects = v["pipelineObjects"]
        .as_array()
        .map(|objs| {
            objs.iter()
                .map(|o| PipelineObject {
                    id: o["id"].as_str().unwrap_or_default().into(),
                    name: o["name"].as_str().map(str::to_string),
                    fields: o["fields"]
                        .as_array()
                        .map(|fs| {
                            fs.iter()
                                .map(|f| {
                                    let key = f["key"].as_str().unwrap_or_default();
                                    match f["refValue"].as_str() {
                                        Some(r) => Field::reference(key, r),
                                        None => Field::string(
                                            key,
                                            f["stringValue"].as_str().unwrap_or_default(),
                                        ),
                                    }
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default();
    Definition {
        objects,
        ..Definition::default()
    }
}
