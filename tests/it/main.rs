//! The app crate's native integration tests, one binary: the catalog's names are spelled
//! only in the catalog (a scan of every crate's sources). The simulator's lessons are
//! tested with their code (`crates/studio/tests/it`).

mod catalog_names;
