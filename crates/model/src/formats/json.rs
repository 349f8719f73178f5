//! Reading JSON text into a `serde_json::Value` (key order kept) while
//! noting keys that appear twice in one object: like the AWS CLI (Python's
//! json), the last value wins, at the first key's place; the importer
//! warns about it instead of dropping a value silently.

use super::diagnostic::{push_index, push_key};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::map::Entry;
use serde_json::{Map, Number, Value};
use std::cell::RefCell;
use std::fmt;

enum Segment {
    Key(String),
    Index(usize),
}

/// Duplicates found so far, each as its path from the inside out: a level
/// adds its own segment to the records its children made, so nothing is
/// allocated unless a duplicate exists.
#[derive(Default)]
struct Context {
    duplicates: RefCell<Vec<Vec<Segment>>>,
}

impl Context {
    fn mark(&self) -> usize {
        self.duplicates.borrow().len()
    }
    fn add_outer(&self, since: usize, segment: impl Fn() -> Segment) {
        let mut d = self.duplicates.borrow_mut();
        for record in d.iter_mut().skip(since) {
            record.push(segment());
        }
    }
}

struct Seed<'a>(&'a Context);

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let since = self.0.mark();
            match seq.next_element_seed(Seed(self.0))? {
                Some(v) => {
                    self.0.add_outer(since, || Segment::Index(items.len()));
                    items.push(v);
                }
                None => return Ok(Value::Array(items)),
            }
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut m = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let since = self.0.mark();
            let value = map.next_value_seed(Seed(self.0))?;
            self.0.add_outer(since, || Segment::Key(key.clone()));
            match m.entry(key) {
                Entry::Vacant(e) => {
                    e.insert(value);
                }
                Entry::Occupied(mut e) => {
                    let record = vec![Segment::Key(e.key().clone())];
                    self.0.duplicates.borrow_mut().push(record);
                    e.insert(value);
                }
            }
        }
        Ok(Value::Object(m))
    }
}

/// The document, and the paths of keys that appeared more than once.
pub(super) fn read(text: &str) -> Result<(Value, Vec<String>), serde_json::Error> {
    let context = Context::default();
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Seed(&context).deserialize(&mut de)?;
    de.end()?;
    let paths = context
        .duplicates
        .into_inner()
        .into_iter()
        .map(|record| {
            let mut path = String::new();
            for segment in record.iter().rev() {
                match segment {
                    Segment::Key(k) => push_key(&mut path, k),
                    Segment::Index(i) => push_index(&mut path, *i),
                }
            }
            path
        })
        .collect();
    Ok((value, paths))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_like_serde_json_and_reports_duplicates() {
        let text = r#"{"objects": [{"id": "A", "x": 1, "y": [true, null, 1.5, -2, "s"], "x": 2}], "b": {}}"#;
        let (v, dups) = read(text).unwrap();
        assert_eq!(v, serde_json::from_str::<Value>(text).unwrap());
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"objects":[{"id":"A","x":2,"y":[true,null,1.5,-2,"s"]}],"b":{}}"#
        );
        assert_eq!(dups, ["objects[0].x"]);
        let (_, dups) =
            read(r#"[{"a": [0, {"b": 1, "b": 2}], "a": 3}, {"c": {"d": 1, "d": 1}}]"#).unwrap();
        assert_eq!(dups, ["[0].a[1].b", "[0].a", "[1].c.d"]);
    }

    #[test]
    fn errors_are_serde_json_errors() {
        assert_eq!(read("[1,]").unwrap_err().column(), 4);
        assert!(read("{} x").is_err());
        let deep = "[".repeat(10_000);
        assert!(
            read(&deep).is_err(),
            "recursion limit, not a stack overflow"
        );
    }
}
