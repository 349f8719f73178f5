//! A petgraph view of the references between objects, labelled by field key:
//! topological order, the objects of each cycle, what depends on an object
//! (for cascade and "what will this touch") and a transitive reduction for
//! display. All algorithms are petgraph's (toposort, tarjan_scc,
//! condensation, tred, Dfs).

use super::definition::{Definition, ObjectId};
use petgraph::algo::{condensation, tarjan_scc, toposort, tred};
use petgraph::graph::IndexType;
use petgraph::graph::{DefaultIx, DiGraph, NodeIndex};
use petgraph::visit::{Dfs, EdgeFiltered, EdgeRef, IntoNeighbors, Reversed, Walker};
use std::collections::{BTreeMap, BTreeSet};

/// One reference: `from` has a field `key` whose value refers to `to`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RefEdge {
    pub from: ObjectId,
    pub key: String,
    pub to: ObjectId,
}

/// The reference graph of a definition. Nodes are objects in document
/// order (node index = position); an edge goes from the referring object to
/// the referred one and carries the field key. References to objects that
/// do not exist are not edges; they are listed by [`RefGraph::dangling`].
#[derive(Clone, Debug)]
pub struct RefGraph {
    graph: DiGraph<ObjectId, String>,
    nodes: BTreeMap<ObjectId, NodeIndex>,
    dangling: Vec<RefEdge>,
}

impl RefGraph {
    /// Every reference of every object.
    pub fn new(definition: &Definition) -> Self {
        Self::build(definition, |_| true)
    }

    /// Only references through the given field keys (e.g. `["dependsOn"]`).
    pub fn with_keys(definition: &Definition, keys: &[&str]) -> Self {
        Self::build(definition, |k| keys.contains(&k))
    }

    fn build(definition: &Definition, keep: impl Fn(&str) -> bool) -> Self {
        let mut graph = DiGraph::with_capacity(definition.objects.len(), 0);
        let mut nodes = BTreeMap::new();
        for o in &definition.objects {
            let ix = graph.add_node(o.id.clone());
            // With duplicate ids (a validation error) the first object wins.
            nodes.entry(o.id.clone()).or_insert(ix);
        }
        let mut dangling = Vec::new();
        for (i, o) in definition.objects.iter().enumerate() {
            let from = NodeIndex::new(i);
            for (key, to) in o.references().filter(|(k, _)| keep(k)) {
                match nodes.get(to) {
                    Some(&t) => {
                        graph.add_edge(from, t, key.to_string());
                    }
                    None => dangling.push(RefEdge {
                        from: o.id.clone(),
                        key: key.to_string(),
                        to: to.clone(),
                    }),
                }
            }
        }
        RefGraph {
            graph,
            nodes,
            dangling,
        }
    }

    /// The underlying petgraph graph.
    pub fn graph(&self) -> &DiGraph<ObjectId, String> {
        &self.graph
    }

    /// The node of an object.
    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.nodes.get(&ObjectId::new(id)).copied()
    }

    /// References to objects that do not exist, in document order.
    pub fn dangling(&self) -> &[RefEdge] {
        &self.dangling
    }

    /// Every edge, in document order.
    pub fn edges(&self) -> Vec<RefEdge> {
        self.edges_where(|_, _| true)
    }

    fn edge(&self, e: petgraph::graph::EdgeIndex) -> RefEdge {
        let (a, b) = self.graph.edge_endpoints(e).unwrap_or_default();
        RefEdge {
            from: self.graph[a].clone(),
            key: self.graph[e].clone(),
            to: self.graph[b].clone(),
        }
    }

    /// Objects ordered so that every object comes after the objects it
    /// refers to (a Schedule before the activities that use it). With a
    /// cycle there is no such order: the error lists the cycles.
    pub fn topological_order(&self) -> Result<Vec<ObjectId>, Vec<Vec<ObjectId>>> {
        match toposort(Reversed(&self.graph), None) {
            Ok(order) => Ok(order.into_iter().map(|n| self.graph[n].clone()).collect()),
            Err(_) => Err(self.cycles()),
        }
    }

    /// The objects of each cycle (a strongly connected component of more
    /// than one object, or an object referring to itself). Members are in
    /// document order, and cycles are ordered by their first member.
    pub fn cycles(&self) -> Vec<Vec<ObjectId>> {
        let mut cycles: Vec<Vec<NodeIndex>> = tarjan_scc(&self.graph)
            .into_iter()
            .filter(|scc| scc.len() > 1 || self.graph.contains_edge(scc[0], scc[0]))
            .map(|mut scc| {
                scc.sort();
                scc
            })
            .collect();
        cycles.sort();
        cycles
            .into_iter()
            .map(|scc| scc.into_iter().map(|n| self.graph[n].clone()).collect())
            .collect()
    }

    /// Every object that refers to `id` directly or through other objects,
    /// following only `keys` when given; in document order, without `id`
    /// itself. Empty if `id` is not an object.
    pub fn dependents(&self, id: &str, keys: Option<&[&str]>) -> Vec<ObjectId> {
        let Some(start) = self.node(id) else {
            return Vec::new();
        };
        let filtered = EdgeFiltered::from_fn(Reversed(&self.graph), |e| {
            keys.is_none_or(|ks| ks.contains(&e.weight().as_str()))
        });
        self.collect(Dfs::new(&filtered, start).iter(&filtered), start)
    }

    /// Every object that `id` refers to directly or through other objects,
    /// following only `keys` when given; in document order, without `id`.
    pub fn dependencies(&self, id: &str, keys: Option<&[&str]>) -> Vec<ObjectId> {
        let Some(start) = self.node(id) else {
            return Vec::new();
        };
        let filtered = EdgeFiltered::from_fn(&self.graph, |e| {
            keys.is_none_or(|ks| ks.contains(&e.weight().as_str()))
        });
        self.collect(Dfs::new(&filtered, start).iter(&filtered), start)
    }

    fn collect(&self, found: impl Iterator<Item = NodeIndex>, start: NodeIndex) -> Vec<ObjectId> {
        let set: BTreeSet<NodeIndex> = found.filter(|&n| n != start).collect();
        set.into_iter().map(|n| self.graph[n].clone()).collect()
    }

    /// The edges worth drawing: an edge is left out when its target can
    /// also be reached through a longer path (petgraph's transitive
    /// reduction, computed on the graph of cycles condensed to single nodes;
    /// edges inside a cycle are all kept). Document order.
    pub fn transitive_reduction(&self) -> Vec<RefEdge> {
        let indexed = self.graph.map(|ix, _| ix, |_, _| ());
        let condensed = condensation(indexed, true);
        let mut component = vec![NodeIndex::<DefaultIx>::end(); self.graph.node_count()];
        for c in condensed.node_indices() {
            for &n in &condensed[c] {
                component[n.index()] = c;
            }
        }
        // The condensation is acyclic, so toposort cannot fail; if it did,
        // every edge would be kept.
        let Ok(order) = toposort(&condensed, None) else {
            return self.edges();
        };
        let (list, _) = tred::dag_to_toposorted_adjacency_list::<_, DefaultIx>(&condensed, &order);
        let (reduced, _) = tred::dag_transitive_reduction_closure(&list);
        let mut keep = BTreeSet::new();
        for a in reduced.node_indices() {
            for b in reduced.neighbors(a) {
                keep.insert((order[a.index()], order[b.index()]));
            }
        }
        self.edges_where(|a, b| {
            let (ca, cb) = (component[a.index()], component[b.index()]);
            ca == cb || keep.contains(&(ca, cb))
        })
    }

    fn edges_where(&self, keep: impl Fn(NodeIndex, NodeIndex) -> bool) -> Vec<RefEdge> {
        let mut edges: Vec<_> = self
            .graph
            .edge_references()
            .filter(|e| keep(e.source(), e.target()))
            .map(|e| (e.source(), e.id()))
            .collect();
        edges.sort();
        edges.into_iter().map(|(_, e)| self.edge(e)).collect()
    }
}

#[cfg(test)]
mod tests;
