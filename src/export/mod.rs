//! Turn a definition into what AWS takes and read what it answers: request
//! bodies, the CLI file, SigV4 signing. The network call itself lives in `ui`.

pub mod body;
pub mod endpoint;
pub mod request;
pub mod sigv4;

pub use body::{ActivatePipelineInput, CreatePipelineInput, Tag, PIPELINE_ID_PLACEHOLDER};
pub use endpoint::{Endpoint, EndpointError};
pub use request::{Action, Connection, HttpRequest, SignedCall};
pub use sigv4::Credentials;
