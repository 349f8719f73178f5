//! The protocol crate's integration tests (one binary; a module per file).

mod table;
