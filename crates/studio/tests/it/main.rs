//! The studio crate's native integration tests, one binary: the simulator's lessons.

mod simulator_lessons;
