//! What AWS Data Pipeline takes and answers, shared by the engine (which
//! answers it) and the export (which sends it): the table of the 19 actions
//! and their properties (`action`), the typed requests and answers
//! (`messages`), the shapes they share (`shapes`) and the taskId
//! (`task_id`). Plain data and serde; no behaviour of the service (that is
//! the engine's), no signing or HTTP (the export's). Depends on `model` only.

pub mod action;
pub mod messages;
pub mod shapes;
pub mod task_id;

pub use action::{Action, Answer, Effect, ErrorType, Request};
pub use messages::*;
pub use shapes::*;
pub use task_id::TaskId;
