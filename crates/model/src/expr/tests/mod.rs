//! Unit tests of `model::expr` that span its submodules.

mod definition_scope;
mod language;
