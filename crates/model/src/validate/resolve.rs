//! Field inheritance as validation sees it: an object's own fields, then
//! those of its `parent` chain, then those of `Default` (for the first
//! object of the chain that sets no `parent`). A key set on an object hides
//! every inherited value of that key. Also finds `parent` cycles.

use crate::catalog::{self, keys, names, TypeInfo};
use crate::definition::{Definition, FieldValue, ObjectId, PipelineObject};
use std::collections::HashMap;

/// A definition indexed for validation.
pub(super) struct Doc<'a> {
    pub def: &'a Definition,
    index: HashMap<&'a str, usize>,
    /// Per object: itself, its parents, then Default.
    chains: Vec<Vec<usize>>,
    /// Per object: its catalog type (the open Default type for `Default`).
    types: Vec<Option<&'static TypeInfo>>,
    /// Each `parent` cycle once, members in document order.
    pub parent_cycles: Vec<Vec<usize>>,
}

impl<'a> Doc<'a> {
    pub fn new(def: &'a Definition) -> Self {
        let mut index = HashMap::with_capacity(def.objects.len());
        for (i, o) in def.objects.iter().enumerate() {
            index.entry(o.id.as_str()).or_insert(i);
        }
        let default = index.get(names::DEFAULT).copied();
        let mut doc = Doc {
            def,
            index,
            chains: Vec::with_capacity(def.objects.len()),
            types: Vec::with_capacity(def.objects.len()),
            parent_cycles: Vec::new(),
        };
        for i in 0..def.objects.len() {
            let chain = doc.chain_of(i, default);
            doc.chains.push(chain);
        }
        for i in 0..def.objects.len() {
            let t = doc.compute_type(i);
            doc.types.push(t);
        }
        doc
    }

    fn chain_of(&mut self, start: usize, default: Option<usize>) -> Vec<usize> {
        let mut chain = vec![start];
        let mut cur = start;
        loop {
            match self.def.objects[cur].first_ref(keys::PARENT) {
                Some(p) => match self.index.get(p.as_str()) {
                    Some(&next) => {
                        if let Some(at) = chain.iter().position(|&c| c == next) {
                            self.note_parent_cycle(&chain[at..]);
                            break;
                        }
                        chain.push(next);
                        cur = next;
                    }
                    // A missing parent is reported as a bad reference.
                    None => break,
                },
                None => {
                    if let Some(d) = default {
                        if !chain.contains(&d) {
                            chain.push(d);
                        }
                    }
                    break;
                }
            }
        }
        chain
    }

    fn note_parent_cycle(&mut self, members: &[usize]) {
        let mut sorted = members.to_vec();
        sorted.sort_unstable();
        if !self.parent_cycles.contains(&sorted) {
            self.parent_cycles.push(sorted);
        }
    }

    fn compute_type(&self, i: usize) -> Option<&'static TypeInfo> {
        match self.first(i, keys::TYPE).and_then(FieldValue::as_string) {
            Some(name) => catalog::type_info(name).filter(|t| !t.open),
            None if self.object(i).id.as_str() == names::DEFAULT => {
                catalog::type_info(names::DEFAULT)
            }
            None => None,
        }
    }

    pub fn object(&self, i: usize) -> &'a PipelineObject {
        &self.def.objects[i]
    }

    /// The index of the (first) object with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The catalog type of object `i` (after inheritance), if known.
    pub fn type_info(&self, i: usize) -> Option<&'static TypeInfo> {
        self.types[i]
    }

    /// The values of `key` object `i` has after inheritance, in order.
    pub fn resolved<'k>(
        &self,
        i: usize,
        key: &'k str,
    ) -> impl Iterator<Item = &'a FieldValue> + use<'a, 'k> {
        let owner = self.chains[i]
            .iter()
            .map(|&c| &self.def.objects[c])
            .find(|o| o.fields.iter().any(|f| f.key == key));
        owner.into_iter().flat_map(move |o| o.values(key))
    }

    pub fn first(&self, i: usize, key: &str) -> Option<&'a FieldValue> {
        self.resolved(i, key).next()
    }

    pub fn has(&self, i: usize, key: &str) -> bool {
        self.chains[i]
            .iter()
            .any(|&c| self.def.objects[c].fields.iter().any(|f| f.key == key))
    }
}

/// Field inheritance as the service applies it, for the engine and the
/// inspector: an object's own fields, then its `parent` chain's, then
/// Default's. Objects are named by id (the first object with that id).
pub struct Inheritance<'a>(Doc<'a>);

impl<'a> Inheritance<'a> {
    pub fn new(def: &'a Definition) -> Self {
        Inheritance(Doc::new(def))
    }

    /// The values of `key` the object has after inheritance, in order.
    pub fn values(&self, id: &str, key: &str) -> Vec<&'a FieldValue> {
        self.0
            .position(id)
            .map(|i| self.0.resolved(i, key).collect())
            .unwrap_or_default()
    }

    /// The first value of `key` after inheritance.
    pub fn first(&self, id: &str, key: &str) -> Option<&'a FieldValue> {
        self.0.position(id).and_then(|i| self.0.first(i, key))
    }

    /// The object that supplies `key` (the object itself, a parent or
    /// Default), for the inspector's "inherited from" hint.
    pub fn source(&self, id: &str, key: &str) -> Option<&'a ObjectId> {
        let i = self.0.position(id)?;
        self.0.chains[i]
            .iter()
            .map(|&c| &self.0.def.objects[c])
            .find(|o| o.fields.iter().any(|f| f.key == key))
            .map(|o| &o.id)
    }

    /// The object's catalog type after inheritance (Default's open type
    /// for the Default object), if known.
    pub fn type_info(&self, id: &str) -> Option<&'static TypeInfo> {
        self.0.position(id).and_then(|i| self.0.type_info(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::definition::Field;

    fn obj(id: &str, fields: Vec<Field>) -> PipelineObject {
        PipelineObject {
            fields,
            ..PipelineObject::new(id, id)
        }
    }

    #[test]
    fn inherits_from_parent_then_default() {
        let def = Definition {
            objects: vec![
                obj(
                    "Default",
                    vec![
                        Field::string("workerGroup", "wg"),
                        Field::string("role", "r"),
                    ],
                ),
                obj(
                    "Tpl",
                    vec![
                        Field::string("role", "tpl-role"),
                        Field::string("type", "Ec2Resource"),
                    ],
                ),
                obj("A", vec![Field::reference("parent", "Tpl")]),
                obj("B", vec![]),
            ],
            ..Definition::default()
        };
        let inh = Inheritance::new(&def);
        assert_eq!(inh.source("A", "role").unwrap().as_str(), "Tpl");
        assert_eq!(inh.source("A", "workerGroup").unwrap().as_str(), "Default");
        assert_eq!(inh.values("A", "workerGroup").len(), 1);
        assert!(inh.first("Nope", "role").is_none());
        assert_eq!(inh.type_info("A").unwrap().name, "Ec2Resource");
        let doc = Doc::new(&def);
        assert_eq!(doc.first(2, "role").unwrap().as_str(), "tpl-role");
        assert_eq!(doc.first(2, "workerGroup").unwrap().as_str(), "wg");
        assert_eq!(doc.type_info(2).unwrap().name, "Ec2Resource");
        assert_eq!(doc.first(3, "role").unwrap().as_str(), "r");
        assert!(doc.type_info(3).is_none());
        assert!(doc.type_info(0).unwrap().open);
        assert!(doc.parent_cycles.is_empty());
    }

    #[test]
    fn own_values_hide_inherited_ones() {
        let def = Definition {
            objects: vec![
                obj(
                    "Default",
                    vec![Field::string("step", "a"), Field::string("step", "b")],
                ),
                obj("A", vec![Field::string("step", "c")]),
            ],
            ..Definition::default()
        };
        let doc = Doc::new(&def);
        let steps: Vec<_> = doc.resolved(1, "step").map(|v| v.as_str()).collect();
        assert_eq!(steps, ["c"]);
        assert_eq!(doc.resolved(0, "step").count(), 2);
    }

    #[test]
    fn parent_cycles_are_found_once() {
        let def = Definition {
            objects: vec![
                obj("A", vec![Field::reference("parent", "B")]),
                obj("B", vec![Field::reference("parent", "A")]),
                obj("C", vec![Field::reference("parent", "A")]),
            ],
            ..Definition::default()
        };
        let doc = Doc::new(&def);
        assert_eq!(doc.parent_cycles, vec![vec![0, 1]]);
    }
}
