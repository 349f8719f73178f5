//! The action table against botocore's service model for Data Pipeline
//! (`tests/fixtures/botocore/datapipeline-2012-10-29.json`, botocore 1.43.11's
//! `data/datapipeline/2012-10-29/service-2.json`): the same 19 operations,
//! each one's errors, an empty answer exactly where the operation has no
//! output shape, and every member of each input shape known to its typed
//! request.

use protocol::{Action, Answer};
use serde_json::Value;
use std::collections::BTreeSet;

fn botocore() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/botocore/datapipeline-2012-10-29.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("botocore fixture")).unwrap()
}

#[test]
fn the_table_has_botocores_operations_errors_and_empty_answers() {
    let model = botocore();
    let ops = model["operations"].as_object().unwrap();
    let names: BTreeSet<&str> = ops.keys().map(String::as_str).collect();
    let ours: BTreeSet<&str> = Action::ALL.iter().map(|a| a.as_str()).collect();
    assert_eq!(names, ours);
    for a in Action::ALL {
        let op = &ops[a.as_str()];
        let errors: BTreeSet<&str> = op["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["shape"].as_str().unwrap())
            .collect();
        let ours: BTreeSet<&str> = a.errors().iter().map(|e| e.as_str()).collect();
        assert_eq!(errors, ours, "{a:?} errors");
        let empty = op.get("output").is_none();
        assert_eq!(a.answer() == Answer::Empty, empty, "{a:?} answer");
    }
}

/// Serialising a request with every member botocore lists set must write
/// each member under botocore's name: build the request from a JSON object
/// holding every member, then read it back.
#[test]
fn each_typed_request_keeps_every_member_of_botocores_input() {
    let model = botocore();
    for a in Action::ALL {
        let op = &model["operations"][a.as_str()];
        let shape = op["input"]["shape"].as_str().unwrap();
        let members = model["shapes"][shape]["members"].as_object().unwrap();
        let mut full = serde_json::Map::new();
        for (name, m) in members {
            let kind = model["shapes"][m["shape"].as_str().unwrap()]["type"]
                .as_str()
                .unwrap();
            let v = sample(&model, name, kind, m["shape"].as_str().unwrap());
            full.insert(name.clone(), v);
        }
        let back = round_trip(*a, Value::Object(full.clone()));
        let kept: BTreeSet<&String> = back.as_object().unwrap().keys().collect();
        let all: BTreeSet<&String> = full.keys().collect();
        assert_eq!(kept, all, "{a:?} members");
    }
}

/// A value of botocore type `kind` for member `name` (non-empty, so no
/// `skip_serializing_if` drops it).
fn sample(model: &Value, name: &str, kind: &str, shape: &str) -> Value {
    match kind {
        "string" if name == "taskId" => Value::from("1:2:3:00000000000000ff"),
        "string" => Value::from("x"),
        "integer" => Value::from(5),
        "boolean" => Value::from(true),
        "timestamp" => Value::from(1355270400),
        "list" => {
            let member = model["shapes"][shape]["member"]["shape"].as_str().unwrap();
            let k = model["shapes"][member]["type"].as_str().unwrap();
            Value::Array(vec![sample(model, name, k, member)])
        }
        "structure" => {
            let mut o = serde_json::Map::new();
            for (n, m) in model["shapes"][shape]["members"].as_object().unwrap() {
                let s = m["shape"].as_str().unwrap();
                let k = model["shapes"][s]["type"].as_str().unwrap();
                // Field: exactly one of stringValue / refValue.
                if n == "refValue" {
                    continue;
                }
                o.insert(n.clone(), sample(model, n, k, s));
            }
            Value::Object(o)
        }
        other => panic!("no sample for {other}"),
    }
}

fn round_trip(a: Action, v: Value) -> Value {
    fn via<I: protocol::Request>(v: Value) -> Value {
        let typed: I = serde_json::from_value(v).expect("parses");
        serde_json::to_value(&typed).unwrap()
    }
    macro_rules! each {
        ($($name:ident { method: $m:ident, input: $input:ident, $($rest:tt)* }),* $(,)?) => {
            match a { $(Action::$name => via::<protocol::$input>(v),)* }
        };
    }
    protocol::for_each_action!(each)
}
