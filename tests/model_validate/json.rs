//! A tiny reader for API- and CLI-shaped definition JSON, standing in for
//! `model::formats` in these tests until it lands.

use pipeline_studio::model::{
    Definition, Field, ParameterAttribute, ParameterObject, ParameterValue, PipelineObject,
};
use serde_json::Value;

pub fn definition(v: &Value) -> Definition {
    let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let mut def = Definition::default();
    if let Some(objs) = v.get("pipelineObjects").and_then(Value::as_array) {
        for o in objs {
            let mut obj = PipelineObject::new(s(&o["id"]), s(&o["name"]));
            for f in o["fields"].as_array().into_iter().flatten() {
                let key = s(&f["key"]);
                obj.fields.push(match f.get("refValue") {
                    Some(r) => Field::reference(key, s(r)),
                    None => Field::string(key, s(&f["stringValue"])),
                });
            }
            def.objects.push(obj);
        }
        for p in v["parameterObjects"].as_array().into_iter().flatten() {
            let attributes = p["attributes"].as_array().into_iter().flatten();
            def.parameters.push(ParameterObject {
                id: s(&p["id"]),
                attributes: attributes
                    .map(|a| ParameterAttribute {
                        key: s(&a["key"]),
                        string_value: s(&a["stringValue"]),
                    })
                    .collect(),
            });
        }
        for pv in v["parameterValues"].as_array().into_iter().flatten() {
            def.values.push(ParameterValue {
                id: s(&pv["id"]),
                string_value: s(&pv["stringValue"]),
            });
        }
        return def;
    }
    let one = |key: &str, v: &Value| match v.get("ref") {
        Some(r) => Field::reference(key, s(r)),
        None => Field::string(key, s(v)),
    };
    for o in v["objects"].as_array().into_iter().flatten() {
        let map = o.as_object().expect("object");
        let id = s(&o["id"]);
        let mut obj = PipelineObject {
            name: Some(o.get("name").map_or(id.clone(), s)),
            ..PipelineObject::new(id, "")
        };
        for (k, v) in map.iter().filter(|(k, _)| *k != "id" && *k != "name") {
            match v.as_array() {
                Some(items) => obj.fields.extend(items.iter().map(|i| one(k, i))),
                None => obj.fields.push(one(k, v)),
            }
        }
        def.objects.push(obj);
    }
    for p in v["parameters"].as_array().into_iter().flatten() {
        let mut param = ParameterObject {
            id: s(&p["id"]),
            attributes: Vec::new(),
        };
        for (k, v) in p
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(k, _)| *k != "id")
        {
            let items = v.as_array().cloned().unwrap_or_else(|| vec![v.clone()]);
            param
                .attributes
                .extend(items.iter().map(|i| ParameterAttribute {
                    key: k.clone(),
                    string_value: s(i),
                }));
        }
        def.parameters.push(param);
    }
    for (k, v) in v["values"].as_object().into_iter().flatten() {
        let items = v.as_array().cloned().unwrap_or_else(|| vec![v.clone()]);
        def.values.extend(items.iter().map(|i| ParameterValue {
            id: k.clone(),
            string_value: s(i),
        }));
    }
    def
}

pub fn sample(name: &str) -> Definition {
    let dir = std::env::var("PIPELINE_STUDIO_SAMPLES")
        .unwrap_or_else(|_| "/work/shared/samples".to_string());
    let text = std::fs::read_to_string(format!("{dir}/{name}")).expect("sample readable");
    definition(&serde_json::from_str(&text).expect("sample is JSON"))
}
