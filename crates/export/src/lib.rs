//! Turn a definition into what AWS takes and read what it answers: request
//! bodies, the boto3 and CLI export text, SigV4 signing, signed requests,
//! response and error parsing, and the push plan. The network call itself
//! lives in `ui`.
//!
//! How the push dialog drives a push (the UI only fetches):
//!
//! ```text
//! let conn = Connection::new(&url_field, &region_field,
//!     Credentials::new(key_id, secret).with_session_token(token))?;   // EndpointError → show it
//! let mut plan = PushPlan::new(conn, definition.clone(), PushOptions { create, validate, activate, .. });
//! let now = sigv4::time_from_epoch_seconds(js_now_seconds)?;
//! let mut next = plan.next_request(None, now);
//! while let Some(req) = next {
//!     // fetch(req.url, method POST, headers req.fetch_headers(), body req.body)
//!     match fetch(..).await {
//!         Ok(answer) => next = plan.next_request(Some(&HttpResponse { status, headers, body }), now),
//!         Err(e) => { plan.network_error(e.to_string()); next = None; }
//!     }
//! }
//! // plan.log(): each step's redacted request, canonical request, string to sign, answer.
//! // plan.state(): Done, or Stopped { step, reason: Error(ServiceError) | DefinitionHasErrors(outcome) };
//! // ServiceError::human_message() says what to check; plan.definition_outcome() maps
//! // validation errors and warnings to object ids.
//! ```

pub mod body;
pub mod cli;
pub mod cloudformation;
pub mod diff;
pub mod endpoint;
pub mod import;
pub mod plan;
pub mod request;
pub mod response;
pub mod script;
pub mod share;
pub mod sigv4;

pub use body::{ActivatePipelineInput, CreatePipelineInput, Tag, PIPELINE_ID_PLACEHOLDER};
pub use cli::{boto3_call, boto3_kwargs, cli_put_command};
pub use diff::{diff, DefinitionDiff};
pub use endpoint::{Endpoint, EndpointError};
pub use plan::{PushOptions, PushPlan, PushState, StepRecord, StopReason};
pub use request::{Action, Connection, HttpRequest, SignedCall, Signer};
pub use response::{
    ActionOutput, DefinitionOutcome, ErrorKind, HttpResponse, ObjectMessages, PipelineIdName,
    PipelinePage, ServiceError,
};
pub use sigv4::Credentials;
