//! The pipelines, a part of the `Service` with its own narrow methods:
//! each pipeline by number (`PipelineIx`), its number by pipelineId, and by
//! (name, uniqueId) for idempotent CreatePipeline while it is not deleted.
//! What a pipeline holds (`state::Pipeline`) and what the actions do with
//! it are left to `state`, `actions/` and `lifecycle/`.

use crate::ix::{IxVec, PipelineIx};
use crate::state::Pipeline;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::{Index, IndexMut};

/// The pipelines by number, by pipelineId and by (name, uniqueId).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct Pipelines {
    list: IxVec<PipelineIx, Pipeline>,
    by_id: BTreeMap<String, PipelineIx>,
    /// (name, uniqueId) → pipeline, for idempotent CreatePipeline.
    #[serde(with = "pairs")]
    by_unique: BTreeMap<(String, String), PipelineIx>,
}

impl Pipelines {
    /// Add `pipeline`, findable by its id and by its (name, uniqueId).
    pub fn add(&mut self, pipeline: Pipeline) -> PipelineIx {
        let id = pipeline.id.clone();
        let unique = (pipeline.name.clone(), pipeline.unique_id.clone());
        let p = self.list.push(pipeline);
        self.by_id.insert(id, p);
        self.by_unique.insert(unique, p);
        p
    }

    /// The number of pipeline `id` (deleted ones included).
    pub fn find(&self, id: &str) -> Option<PipelineIx> {
        self.by_id.get(id).copied()
    }

    /// The live pipeline created with `name` and `unique_id`.
    pub fn find_unique(&self, name: &str, unique_id: &str) -> Option<PipelineIx> {
        self.by_unique
            .get(&(name.to_string(), unique_id.to_string()))
            .copied()
    }

    /// Mark pipeline `p` deleted: a CreatePipeline with its name and
    /// uniqueId makes a new one from now on.
    pub fn mark_deleted(&mut self, p: PipelineIx) {
        let pl = &mut self.list[p];
        pl.deleted = true;
        let key = (pl.name.clone(), pl.unique_id.clone());
        self.by_unique.remove(&key);
    }

    pub fn get(&self, p: PipelineIx) -> Option<&Pipeline> {
        self.list.get(p)
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Pipeline> {
        self.list.iter()
    }

    pub fn enumerate(&self) -> impl DoubleEndedIterator<Item = (PipelineIx, &Pipeline)> + '_ {
        self.list.enumerate()
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }
}

impl Index<PipelineIx> for Pipelines {
    type Output = Pipeline;
    fn index(&self, p: PipelineIx) -> &Pipeline {
        &self.list[p]
    }
}

impl IndexMut<PipelineIx> for Pipelines {
    fn index_mut(&mut self, p: PipelineIx) -> &mut Pipeline {
        &mut self.list[p]
    }
}

/// A map with tuple keys saved as a list of entries (JSON keys must be strings).
mod pairs {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    type Map = BTreeMap<(String, String), crate::ix::PipelineIx>;

    pub fn serialize<S: Serializer>(m: &Map, s: S) -> Result<S::Ok, S::Error> {
        m.iter().collect::<Vec<_>>().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Map, D::Error> {
        let v: Vec<((String, String), crate::ix::PipelineIx)> = Vec::deserialize(d)?;
        Ok(v.into_iter().collect())
    }
}
