//! Writing a definition in either shape, straight from the model through
//! `Serialize` (no intermediate JSON tree, so no copies of the strings).
//! `to_value` and the text emitters share this one implementation.

use super::{part_key, Format, Layout, Part, TopEntry};
use crate::definition::{
    Definition, Field, FieldValue, ParameterObject, ParameterValue, PipelineObject,
};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeSet;

enum Entry<'a> {
    Part(&'a str, Part, Format),
    PipelineId(&'a str),
    Other(&'a str, &'a Value),
}

/// The top-level entries to write: the layout's, then any part the layout
/// does not list and that has content (objects always).
fn plan<'a>(def: &Definition, layout: &'a Layout) -> Vec<Entry<'a>> {
    let mut out = Vec::new();
    let mut written: Vec<Part> = Vec::new();
    for e in &layout.entries {
        match e {
            TopEntry::Part { part, key, shape } => {
                if !written.contains(part) {
                    written.push(*part);
                    out.push(Entry::Part(key, *part, *shape));
                }
            }
            TopEntry::PipelineId(id) => out.push(Entry::PipelineId(id)),
            TopEntry::Other { key, value } => out.push(Entry::Other(key, value)),
        }
    }
    for part in [Part::Objects, Part::Parameters, Part::Values] {
        let has_content = match part {
            Part::Objects => true,
            Part::Parameters => !def.parameters.is_empty(),
            Part::Values => !def.values.is_empty(),
        };
        if !written.contains(&part) && has_content {
            out.push(Entry::Part(
                part_key(part, layout.format),
                part,
                layout.format,
            ));
        }
    }
    out
}

/// A whole document.
pub(super) struct Doc<'a> {
    pub def: &'a Definition,
    pub layout: &'a Layout,
}

impl Serialize for Doc<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let plan = plan(self.def, self.layout);
        let mut m = s.serialize_map(Some(plan.len()))?;
        for e in plan {
            match e {
                Entry::Part(key, part, shape) => m.serialize_entry(
                    key,
                    &PartOf {
                        def: self.def,
                        part,
                        shape,
                        lists: &self.layout.one_item_lists,
                    },
                )?,
                Entry::PipelineId(id) => m.serialize_entry("pipelineId", id)?,
                Entry::Other(key, value) => m.serialize_entry(key, value)?,
            }
        }
        m.end()
    }
}

type Lists = BTreeSet<(Part, String, String)>;

struct PartOf<'a> {
    def: &'a Definition,
    part: Part,
    shape: Format,
    lists: &'a Lists,
}

impl Serialize for PartOf<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.def;
        match (self.part, self.shape) {
            (Part::Objects, Format::Api) => s.collect_seq(d.objects.iter().map(ApiObject)),
            (Part::Objects, Format::Cli) => {
                s.collect_seq(d.objects.iter().map(|o| CliObject(o, self.lists)))
            }
            (Part::Parameters, Format::Api) => s.collect_seq(d.parameters.iter().map(ApiParameter)),
            (Part::Parameters, Format::Cli) => {
                s.collect_seq(d.parameters.iter().map(|p| CliParameter(p, self.lists)))
            }
            (Part::Values, Format::Api) => s.collect_seq(d.values.iter().map(ApiValue)),
            (Part::Values, Format::Cli) => cli_values(&d.values, self.lists, s),
        }
    }
}

struct ApiObject<'a>(&'a PipelineObject);

impl Serialize for ApiObject<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("id", self.0.id.as_str())?;
        m.serialize_entry("name", self.0.display_name())?;
        m.serialize_entry("fields", &ApiFields(&self.0.fields))?;
        m.end()
    }
}

struct ApiFields<'a>(&'a [Field]);

impl Serialize for ApiFields<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for f in self.0 {
            seq.serialize_element(&ApiField(f))?;
        }
        seq.end()
    }
}

struct ApiField<'a>(&'a Field);

impl Serialize for ApiField<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("key", &self.0.key)?;
        match &self.0.value {
            FieldValue::String(v) => m.serialize_entry("stringValue", v)?,
            FieldValue::Ref(r) => m.serialize_entry("refValue", r.as_str())?,
        }
        m.end()
    }
}

struct ApiParameter<'a>(&'a ParameterObject);

impl Serialize for ApiParameter<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("id", &self.0.id)?;
        let attributes = self
            .0
            .attributes
            .iter()
            .map(|a| KeyString("key", &a.key, &a.string_value));
        m.serialize_entry("attributes", &Seq(attributes))?;
        m.end()
    }
}

struct ApiValue<'a>(&'a ParameterValue);

impl Serialize for ApiValue<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        KeyString("id", &self.0.id, &self.0.string_value).serialize(s)
    }
}

/// `{<name>: a, "stringValue": b}`.
struct KeyString<'a>(&'static str, &'a str, &'a str);

impl Serialize for KeyString<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry(self.0, self.1)?;
        m.serialize_entry("stringValue", self.2)?;
        m.end()
    }
}

/// A sequence from a cloneable iterator.
struct Seq<I>(I);

impl<I: Iterator<Item = T> + Clone, T: Serialize> Serialize for Seq<I> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.clone())
    }
}

/// Values grouped by key, at the place of each key's first value.
fn groups<'a, V>(pairs: impl Iterator<Item = (&'a str, V)>) -> Vec<(&'a str, Vec<V>)> {
    let mut out: Vec<(&str, Vec<V>)> = Vec::new();
    for (k, v) in pairs {
        match out.iter_mut().find(|(g, _)| *g == k) {
            Some((_, vs)) => vs.push(v),
            None => out.push((k, vec![v])),
        }
    }
    out
}

/// One value as itself (unless the source wrote it as a list), several as a list.
struct OneOrMany<'a, V>(&'a [V], bool);

impl<V: Serialize> Serialize for OneOrMany<'_, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            [one] if !self.1 => one.serialize(s),
            many => s.collect_seq(many),
        }
    }
}

/// Whether the source wrote `owner`'s `key` as a one-element list.
fn was_list(lists: &Lists, part: Part, owner: &str, key: &str, count: usize) -> bool {
    count == 1 && !lists.is_empty() && lists.contains(&(part, owner.to_string(), key.to_string()))
}

struct CliValue<'a>(&'a FieldValue);

impl Serialize for CliValue<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            FieldValue::String(v) => s.serialize_str(v),
            FieldValue::Ref(r) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("ref", r.as_str())?;
                m.end()
            }
        }
    }
}

struct CliObject<'a>(&'a PipelineObject, &'a Lists);

impl Serialize for CliObject<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let o = self.0;
        // `id` and `name` cannot be field keys in a CLI file (cli_losses says so).
        let groups = groups(
            o.fields
                .iter()
                .filter(|f| f.key != "id" && f.key != "name")
                .map(|f| (f.key.as_str(), CliValue(&f.value))),
        );
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", o.id.as_str())?;
        if let Some(name) = &o.name {
            m.serialize_entry("name", name)?;
        }
        for (k, vs) in &groups {
            let list = was_list(self.1, Part::Objects, o.id.as_str(), k, vs.len());
            m.serialize_entry(k, &OneOrMany(vs, list))?;
        }
        m.end()
    }
}

struct CliParameter<'a>(&'a ParameterObject, &'a Lists);

impl Serialize for CliParameter<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let groups = groups(
            self.0
                .attributes
                .iter()
                .filter(|a| a.key != "id")
                .map(|a| (a.key.as_str(), a.string_value.as_str())),
        );
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", &self.0.id)?;
        for (k, vs) in &groups {
            let list = was_list(self.1, Part::Parameters, &self.0.id, k, vs.len());
            m.serialize_entry(k, &OneOrMany(vs, list))?;
        }
        m.end()
    }
}

fn cli_values<S: Serializer>(
    values: &[ParameterValue],
    lists: &Lists,
    s: S,
) -> Result<S::Ok, S::Error> {
    let groups = groups(
        values
            .iter()
            .map(|v| (v.id.as_str(), v.string_value.as_str())),
    );
    let mut m = s.serialize_map(Some(groups.len()))?;
    for (k, vs) in &groups {
        let list = was_list(lists, Part::Values, "", k, vs.len());
        m.serialize_entry(k, &OneOrMany(vs, list))?;
    }
    m.end()
}
