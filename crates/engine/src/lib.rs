//! The simulated AWS Data Pipeline service: API actions, virtual clock,
//! schedules, instances, attempts, leases, simulated task runners and the
//! trace. One `Service` value owns all state; time and randomness are handed in.
//!
//! Map: `service` (the value, clock API), `wire` (dispatch),
//! `actions/` (one file per action), `lifecycle/` (instances, tasks,
//! outcomes, resources, SetStatus), `components` + `schedule` (reading the
//! definition), `instance` (the compact instance record), `objects` +
//! `scope` (runtime object views, expressions),
//! `runners`, `trace`, `explain`, `rules` (each rule's name, default
//! and source, as data), `story` + `story_rules` (an object's
//! history in sentences, with the rules that applied), `compare` (two runs
//! side by side), `defaults` (every default in one place),
//! `task_objects` (PollForTask objects rendered on demand), `instance_view`
//! (read-only views for a front end that must not scan every instance),
//! `ix` (typed row numbers: `PipelineIx`, `InstanceIx`, `AttemptIx`, …),
//! `stamp` (4-byte times for the compact records), `pipelines` (the
//! pipelines and their indexes), `calls` (callers and the call log) and
//! `queues` (task queues): parts of the `Service`.

pub mod actions;
pub mod audit;
pub mod calls;
pub mod chunked;
pub mod clock;
pub mod compare;
pub mod components;
pub mod config;
pub mod defaults;
pub mod error;
pub mod explain;
pub mod ids;
pub mod instance;
pub mod instance_view;
pub mod ix;
pub mod lease_view;
pub mod lifecycle;
pub mod objects;
pub mod pipelines;
pub mod queues;
pub mod retention;
pub mod rng;
pub mod rules;
pub mod runners;
pub mod schedule;
pub mod scope;
pub mod service;
pub mod sim_view;
pub mod stamp;
pub mod start_index;
pub mod state;
pub mod story;
pub mod story_rules;
pub use protocol::task_id;
pub mod task_objects;
pub mod trace;
pub mod wire;

pub use actions::*;
pub use chunked::ChunkedVec;
pub use config::ServiceConfig;
pub use error::ServiceError;
pub use instance_view::LatestInstance;
pub use lease_view::{AttemptLease, LeaseView};
pub use lifecycle::status::StatusChange;
pub use protocol::{Answer, Effect, ErrorType, Request};
pub use runners::{RunnerPolicy, RunnerSpec};
pub use service::{CallRecord, Notification, Service};
pub use state::Status;
pub use task_id::TaskId;
pub use trace::{Cause, Subject, TraceEntry};
pub use wire::Action;
