//! The app crate's native integration tests, one binary: the catalog's names are spelled
//! only in the catalog (a scan of every crate's sources), and the simulator's lessons.

mod catalog_names;
mod simulator_lessons;
