//! Turn a definition into what AWS takes and read what it answers: request
//! bodies, the boto3 and CLI export text, SigV4 signing, signed requests,
//! response and error parsing, and the push plan. The network call itself
//! lives in `ui`.

pub mod body;
pub mod cli;
pub mod endpoint;
pub mod plan;
pub mod request;
pub mod response;
pub mod sigv4;

pub use body::{ActivatePipelineInput, CreatePipelineInput, Tag, PIPELINE_ID_PLACEHOLDER};
pub use cli::{boto3_call, boto3_kwargs, cli_put_command};
pub use endpoint::{Endpoint, EndpointError};
pub use plan::{PushOptions, PushPlan, PushState, StepRecord, StopReason};
pub use request::{Action, Connection, HttpRequest, SignedCall};
pub use response::{
    ActionOutput, DefinitionOutcome, ErrorKind, HttpResponse, ObjectMessages, ServiceError,
};
pub use sigv4::Credentials;
