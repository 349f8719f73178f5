//! The engine crate's integration tests, one binary: scenario tests of the simulated
//! service (each cites its source), and property tests over random definitions.

mod config;
mod fidelity;
mod idle_runners;
mod instance_ids;
mod lifecycle;
mod properties;
mod retention;
mod schedule;
mod support;
mod tasks;
mod views;
