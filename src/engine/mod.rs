//! The simulated AWS Data Pipeline service: API actions, virtual clock,
//! schedules, instances, attempts, leases, simulated task runners and the
//! trace. One `Service` value owns all state; time and randomness are handed in.
//!
//! Map: `service` (the value, clock API, call log), `wire` (dispatch),
//! `actions/` (one file per action), `lifecycle/` (instances, tasks,
//! outcomes, resources, SetStatus), `components` + `schedule` (reading the
//! definition), `objects` + `scope` (runtime object views, expressions),
//! `runners`, `trace`, `explain`, `defaults` (every default in one place).

pub mod actions;
pub mod audit;
pub mod clock;
pub mod components;
pub mod config;
pub mod defaults;
pub mod error;
pub mod explain;
pub mod lease_view;
pub mod lifecycle;
pub mod objects;
pub mod rng;
pub mod runners;
pub mod schedule;
pub mod scope;
pub mod service;
pub mod sim_view;
pub mod state;
pub mod trace;
pub mod wire;

pub use actions::*;
pub use config::ServiceConfig;
pub use error::ServiceError;
pub use lease_view::LeaseView;
pub use lifecycle::status::StatusChange;
pub use runners::{RunnerPolicy, RunnerSpec};
pub use service::{CallRecord, Notification, Service};
pub use sim_view::LatestInstance;
pub use state::Status;
pub use trace::{Cause, Subject, TraceEntry};
pub use wire::Action;
