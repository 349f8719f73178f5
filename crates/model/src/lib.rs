//! The pipeline definition as data, and its rules: the object catalog, the
//! service's validation, the reference graph, `#{…}` expressions and the two
//! JSON shapes (API and CLI definition file). Knows nothing of the engine,
//! the export or the UI.

pub mod catalog;
pub mod definition;
pub mod expr;
pub mod formats;
pub mod graph;
pub mod time;
pub mod validate;

pub use definition::{
    Definition, Field, FieldValue, ObjectId, ParameterAttribute, ParameterObject, ParameterValue,
    PipelineObject,
};
